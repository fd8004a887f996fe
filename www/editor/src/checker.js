// Checks of large files in a Web Worker (www/worker.js, which runs the same wasm), so that
// typing in them never waits for a check. The app (web/src/worker.rs) posts each version
// of the text with an id; one check runs at a time, and while it runs only the newest
// request waits (older ones are dropped: nobody needs their findings). The answer is
// the analysis in storage_core::wire's bytes, or null after an error: the worker is then
// gone and the app checks on its own thread.
let worker = null;
let failed = false;
let busy = false;
let waiting = null;
let deliver = null;
/** For the e2e tests: how many checks the worker answered. */
const stats = { posted: 0, answered: 0 };

function post(request) {
  busy = true;
  stats.posted += 1;
  worker.postMessage(request);
}

function fail(id, message) {
  console.warn(`The checker's worker failed (${message}); checking on the page.`);
  failed = true;
  busy = false;
  waiting = null;
  if (worker) worker.terminate();
  worker = null;
  if (deliver) deliver(id, null);
}

function start() {
  try {
    worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
  } catch (error) {
    fail(-1, String(error));
    return;
  }
  worker.onmessage = ({ data }) => {
    if (data.error !== undefined) return fail(data.id, data.error);
    stats.answered += 1;
    busy = false;
    if (deliver) deliver(data.id, data.bytes);
    if (waiting) {
      const next = waiting;
      waiting = null;
      post(next);
    }
  };
  worker.onerror = (event) => fail(-1, event.message || "the worker could not start");
}

globalThis.storageChecker = {
  /** `callback(id, bytes)`: `bytes` a Uint8Array, or null when the worker failed. */
  listen(callback) {
    deliver = callback;
  },
  /** Queues a check; false when there is no worker (then the app checks itself). */
  check(id, text, options) {
    if (failed) return false;
    if (!worker) start();
    if (failed) return false;
    const request = { id, text, options };
    if (busy) waiting = request;
    else post(request);
    return true;
  },
  stats,
};
