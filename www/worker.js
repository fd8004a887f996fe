// The page's checker for large files, off the main thread (started by
// www/editor/src/checker.js): the same WebAssembly as the page, which answers with the
// analysis encoded by storage_core::wire. The module's start function sees no window and
// mounts no app here.
import init, { check_in_worker } from "./storage-web.js";

const ready = init({ module_or_path: "./storage-web_bg.wasm" });

self.onmessage = async ({ data }) => {
  try {
    await ready;
    const bytes = check_in_worker(data.text, data.options);
    self.postMessage({ id: data.id, bytes }, [bytes.buffer]);
  } catch (error) {
    self.postMessage({ id: data.id, error: String(error) });
  }
};
