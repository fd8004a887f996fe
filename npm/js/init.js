// The package without a top-level await (`polyaxon-storage-check/init`): call `init()` once,
// when and from where you choose, then use the functions. For bundlers that do not emit the
// module the default entry fetches (esbuild), targets without top-level await, and pages
// that want to retry a failed load (a rejected `init()` can be called again).
import load, { initSync as loadSync } from "./storage_check.js";

export async function init(source = new URL("./storage_check_bg.wasm", import.meta.url)) {
  await load({ module_or_path: source });
}

export function initSync(module) {
  loadSync({ module });
}

export { check, fix, map, rules, version } from "./storage_check.js";
