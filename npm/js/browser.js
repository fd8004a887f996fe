// The package's entry point in browsers and bundlers (package.json `exports`, default):
// the module is fetched from beside this file (`new URL(..., import.meta.url)`, which
// Vite, webpack 5 and esbuild's file loader follow) and compiled before the import resolves.
import init from "./storage_check.js";

await init({ module_or_path: new URL("./storage_check_bg.wasm", import.meta.url) });

export { check, fix, map, rules, version } from "./storage_check.js";
