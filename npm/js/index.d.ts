// The package's types: the functions and every type they take and return, as
// wasm-bindgen and tsify derive them from the Rust types (types.d.ts, written by
// scripts/build-npm.sh without the loader's declarations, which name DOM types).
export * from "./types.js";
