// Starts the page: first the editor module (bundled by scripts/build-editor.sh; it defines
// globalThis.storageEditor, which the app calls), then the WebAssembly app. The
// wasm is compiled here, once: the checker's worker gets this very module, so it runs the
// page's own build, not whatever the server holds by the time it starts. A file of its own
// (not inline) so the CSP needs no 'unsafe-inline'; the module and wasm names are fixed by
// Trunk.toml (filehash = false).
import "./editor.js";
import init from "./storage-web.js";

// The early editor: index.html's text area, usable from the first paint while the wasm is
// still on its way (the app adopts it). It starts from the text the app will restore,
// unless the user has typed into it already.
const early = document.querySelector("#boot-editor textarea");
if (early) {
  let saved = "";
  try {
    // The key web/src/browser.rs saves the text under (TEXT_KEY): the text the app restores.
    saved = localStorage.getItem("storage-check.text") ?? "";
  } catch {
    // No storage (a private window): an empty editor, as the app would show.
  }
  globalThis.storageEditor.boot(early, saved);
}

const module = fetch("./storage-web_bg.wasm").then((response) => {
  if (!response.ok) throw new Error(`storage-web_bg.wasm: ${response.status}`);
  return response.headers.get("Content-Type")?.startsWith("application/wasm")
    ? WebAssembly.compileStreaming(response)
    : response.arrayBuffer().then((bytes) => WebAssembly.compile(bytes));
});
globalThis.storageChecker.module = module;

init({ module_or_path: module }).catch((error) => {
  const el = document.getElementById("panic");
  if (el) {
    el.textContent = "The checker could not start: " + error;
    el.hidden = false;
  }
  const status = document.getElementById("boot-status");
  if (status) status.textContent = "The checker could not start (see above). Reload the page to try again.";
});
