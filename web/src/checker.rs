//! Checks of large files off the main thread, so that typing in them never waits.
//!
//! The page posts the text to a Web Worker (www/worker.js, started by
//! www/editor/src/checker.js) that runs this same wasm: [`check_in_worker`] analyzes it
//! there and answers in storage-core's wire format, which the page decodes
//! ([`storage_core::wire`]). Without a worker (it failed to start, or crashed) the page
//! checks on its own thread as before.

use std::cell::Cell;

use storage_core::options::Options;
use storage_core::wire;
use wasm_bindgen::prelude::*;

use crate::words;

/// Runs in the worker: the analysis of `text` under `options` (the page's words for
/// them, [`words::of`]), as [`wire::encode`] bytes.
#[wasm_bindgen]
pub fn check_in_worker(text: &str, options: &str) -> Vec<u8> {
    wire::encode(&storage_core::analyze(text, &words::options(options)))
}

#[wasm_bindgen]
extern "C" {
    /// Queues a check; `false` when there is no worker.
    #[wasm_bindgen(catch, js_namespace = storageChecker, js_name = check)]
    fn post(id: f64, text: &str, options: &str) -> Result<bool, JsValue>;
    /// Sets what receives the answers: `(id, bytes)`, `bytes` null when the worker failed.
    #[wasm_bindgen(catch, js_namespace = storageChecker, js_name = listen)]
    fn listen(callback: &JsValue) -> Result<(), JsValue>;
}

thread_local! {
    /// Set once the worker could not take a request or failed: from then on the page
    /// checks on its own thread.
    static GONE: Cell<bool> = const { Cell::new(false) };
}

/// Whether checks still go to the worker.
pub fn available() -> bool {
    !GONE.get()
}

/// Posts `text` for a check under `options`, with `id`; false when no worker can take it.
pub fn request(id: u64, text: &str, options: &Options) -> bool {
    let posted = available() && post(id as f64, text, &words::of(options)).unwrap_or(false);
    GONE.set(!posted);
    posted
}

/// Calls `on_answer(id, bytes)` with each answer: the encoded analysis, or `None` when the
/// worker failed (it is then gone, and [`request`] says false). Once per page.
pub fn on_answer(on_answer: impl Fn(u64, Option<Vec<u8>>) + 'static) {
    let callback = Closure::<dyn Fn(f64, JsValue)>::new(move |id: f64, bytes: JsValue| {
        let bytes = (!bytes.is_null()).then(|| js_sys::Uint8Array::new(&bytes).to_vec());
        if bytes.is_none() {
            GONE.set(true);
        }
        on_answer(id as u64, bytes);
    });
    if listen(callback.as_ref()).is_ok() {
        // The page listens for as long as it lives.
        callback.forget();
    }
}
