// The package's entry point in Node (package.json `exports`, condition `node`): the module
// is read from beside this file and compiled synchronously, so importing is enough.
import { readFileSync } from "node:fs";
import { initSync } from "./storage_check.js";

initSync({ module: readFileSync(new URL("./storage_check_bg.wasm", import.meta.url)) });

export { check, fix, map, rules, version } from "./storage_check.js";
