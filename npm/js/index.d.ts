// The package's types: the functions and every type they take and return, as
// wasm-bindgen and tsify derive them from the Rust types (types.d.ts, written by
// scripts/build-npm.sh without the loader's declarations).
export { check, fix, map, rules, version } from "./types.js";
export type * from "./types.js";
