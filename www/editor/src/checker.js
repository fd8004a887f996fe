// Checks of large files in a Web Worker (www/worker.js), so that typing in them never waits
// for a check. The worker is handed the page's own compiled wasm (init.js compiles it once),
// so it always runs the page's build. The app (web/src/checker.rs) posts each version of the
// text with an id; one check runs at a time, and while it runs only the newest request waits
// (older ones are dropped: nobody needs their findings). The answer is the analysis in
// storage_core::wire's bytes, or null after a failure. After an error the worker is gone
// and the app checks on its own thread. After a minute without an answer the worker is
// ended and that text is not checked anywhere (on the page it would freeze it as long); a
// waiting request, or the next one, starts a fresh worker.
let worker = null;
let failed = false;
let busy = false;
let waiting = null;
let deliver = null;
let timer = 0;
/** For the e2e tests: how many checks were posted to the worker and answered. */
const stats = { posted: 0, answered: 0 };

function post(request) {
  busy = true;
  stats.posted += 1;
  // The bytes move to the worker (transferred, not copied).
  worker.postMessage(request, [request.bytes.buffer]);
  timer = setTimeout(() => abandon(request.id), globalThis.storageChecker.limitMs);
}

function next() {
  busy = false;
  if (waiting) {
    const request = waiting;
    waiting = null;
    post(request);
  }
}

/** No answer within a minute: end this worker; a waiting request, or the next one, starts
 * another. */
function abandon(id) {
  console.warn("The checker's worker gave no answer within a minute; it was stopped.");
  worker.terminate();
  worker = null;
  busy = false;
  const request = waiting;
  waiting = null;
  deliver?.(id, null, false);
  if (request) globalThis.storageChecker.check(request.id, request.bytes, request.options, request.cluster);
}

function stop() {
  failed = true;
  busy = false;
  waiting = null;
  clearTimeout(timer);
  worker?.terminate();
  worker = null;
}

function fail(id, message) {
  console.warn(`The checker's worker failed (${message}); checking on the page.`);
  stop();
  deliver?.(id, null, true);
}

function start() {
  worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
  worker.onmessage = ({ data }) => {
    clearTimeout(timer);
    if (data.error !== undefined) return fail(data.id, data.error);
    stats.answered += 1;
    deliver?.(data.id, data.bytes, true);
    next();
  };
  worker.onerror = (event) => fail(-1, event.message || "the worker could not start");
  worker.onmessageerror = () => fail(-1, "an answer could not be read");
  // Requests wait until the worker has the module.
  busy = true;
  globalThis.storageChecker.module
    .then((module) => {
      worker?.postMessage({ module });
      next();
    })
    .catch((error) => fail(-1, String(error)));
}

globalThis.storageChecker = {
  /** The page's compiled wasm (a promise; set by init.js). */
  module: null,
  /** `callback(id, bytes, retry)`: `bytes` a Uint8Array, or null when there is no answer;
   * then `retry` says whether the worker is gone (check on the page) or was only stopped
   * after a minute (check nowhere; the next request gets a fresh worker). */
  listen(callback) {
    deliver = callback;
  },
  /** Queues a check of `text`, the UTF-8 bytes (a view into the app's memory, copied here:
   * making a 2 MB string of them took 7 ms of the page's thread); false when there is no
   * worker (then the app checks itself). `cluster`: the cluster snapshot's facts in
   * storage-core's wire format (empty: none). */
  check(id, text, options, cluster) {
    if (failed) return false;
    try {
      if (!worker) start();
    } catch (error) {
      fail(-1, String(error));
      return false;
    }
    const request = { id, bytes: text.slice(), options, cluster: cluster.slice() };
    if (busy) waiting = request;
    else post(request);
    return true;
  },
  /** Ends the worker (its answer could not be read); later checks are refused. */
  stop,
  /** How long a check may take (the e2e tests shorten it). */
  limitMs: 60000,
  stats,
};
