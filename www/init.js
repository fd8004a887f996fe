// Starts the page: first the editor module (CodeMirror, bundled by scripts/build-editor.sh;
// it defines globalThis.storageEditor, which the app calls), then the WebAssembly app. A
// file of its own (not inline) so the CSP needs no 'unsafe-inline'; the module and wasm
// names are fixed by Trunk.toml (filehash = false).
import "./editor.js";
import init from "./storage-web.js";

init({ module_or_path: "./storage-web_bg.wasm" }).catch((error) => {
  const el = document.getElementById("panic");
  if (el) {
    el.textContent = "The checker could not start: " + error;
    el.hidden = false;
  }
});
