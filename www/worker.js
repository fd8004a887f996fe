// The page's checker for large files, off the main thread (started by
// www/editor/src/checker.js): the page's own compiled WebAssembly, posted first, then one
// check per message, answered with the analysis encoded by storage_core::wire. The module's
// start function sees no window and mounts no app here.
import init, { check_in_worker } from "./storage-web.js";

let ready = null;

self.onmessage = async ({ data }) => {
  if (data.module) {
    ready = init({ module_or_path: data.module });
    return;
  }
  try {
    await ready;
    const bytes = check_in_worker(data.bytes, data.options, data.cluster);
    self.postMessage({ id: data.id, bytes }, [bytes.buffer]);
  } catch (error) {
    self.postMessage({ id: data.id, error: String(error) });
  }
};
