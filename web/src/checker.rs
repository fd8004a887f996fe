//! The page's side of the checker's worker: files over 100 KB are checked there, so that
//! typing in them never waits for a check.
//!
//! [`request`] posts the text to `globalThis.storageChecker` (www/editor/src/checker.js),
//! which runs one check at a time in a Web Worker holding the page's own compiled wasm
//! (`worker.rs` is what runs there). [`on_answer`] decodes each answer
//! ([`storage_core::wire`]). A worker that fails, or whose answer cannot be read, is
//! retired, and the page checks on its own thread from then on.

use std::cell::Cell;

use storage_core::options::Options;
use storage_core::{wire, Analysis};
use wasm_bindgen::prelude::*;

use crate::words;

#[wasm_bindgen]
extern "C" {
    /// Queues a check; `false` when there is no worker.
    #[wasm_bindgen(catch, js_namespace = storageChecker, js_name = check)]
    fn post(id: f64, text: &str, options: &str) -> Result<bool, JsValue>;
    /// Sets what receives the answers: `(id, bytes)`, `bytes` null when the worker failed.
    #[wasm_bindgen(catch, js_namespace = storageChecker, js_name = listen)]
    fn listen(callback: &JsValue) -> Result<(), JsValue>;
    /// Ends the worker; later checks are refused.
    #[wasm_bindgen(catch, js_namespace = storageChecker)]
    fn stop() -> Result<(), JsValue>;
}

thread_local! {
    /// Set once the worker is gone (it could not take a request, failed, or answered
    /// what cannot be read).
    static NO_WORKER: Cell<bool> = const { Cell::new(false) };
}

/// Whether checks still go to the worker.
pub fn available() -> bool {
    !NO_WORKER.get()
}

/// Posts `text` for a check under `options`, with `id`; false when no worker can take it.
pub fn request(id: u64, text: &str, options: &Options) -> bool {
    let posted = available() && post(id as f64, text, &words::of(options)).unwrap_or(false);
    NO_WORKER.set(!posted);
    posted
}

/// Calls `deliver(id, analysis)` with each answer, decoded; `None` when the worker failed
/// or its answer could not be read (the worker is then gone). Once per page.
pub fn on_answer(deliver: impl Fn(u64, Option<Analysis>) + 'static) {
    let callback = Closure::<dyn Fn(f64, JsValue)>::new(move |id: f64, bytes: JsValue| {
        let analysis = if bytes.is_null() {
            // checker.js has said why on the console and ended the worker.
            NO_WORKER.set(true);
            None
        } else {
            let analysis = wire::decode(&bytes.unchecked_into::<js_sys::Uint8Array>().to_vec());
            if analysis.is_none() {
                NO_WORKER.set(true);
                web_sys::console::warn_1(
                    &"The checker's worker answered what cannot be read; checking on the page."
                        .into(),
                );
                let _ = stop();
            }
            analysis
        };
        deliver(id as u64, analysis);
    });
    if listen(callback.as_ref()).is_ok() {
        // The page listens for as long as it lives.
        callback.forget();
    }
}
