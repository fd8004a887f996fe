//! The page's side of the checker's worker: files over 100 KB are checked there, so that
//! typing in them never waits for a check.
//!
//! [`request`] posts the text to `globalThis.storageChecker` (www/editor/src/checker.js),
//! which runs one check at a time in a Web Worker holding the page's own compiled wasm
//! (`worker.rs` is what runs there). [`on_answer`] decodes each answer
//! ([`storage_core::wire`]). A worker that fails, or whose answer cannot be read, is
//! retired, and the page checks on its own thread from then on.

use std::cell::Cell;

use storage_core::cluster::Cluster;
use storage_core::options::Options;
use storage_core::{wire, Analysis};
use wasm_bindgen::prelude::*;

use crate::option_words;

#[wasm_bindgen]
extern "C" {
    /// Queues a check of the text's UTF-8 bytes; `false` when there is no worker.
    #[wasm_bindgen(catch, js_namespace = storageChecker, js_name = check)]
    fn post(id: f64, text: &[u8], options: &str, cluster: &[u8]) -> Result<bool, JsValue>;
    /// Sets what receives the answers: `(id, bytes, retry)`, `bytes` null when there is
    /// none (`retry`: the worker is gone, rather than stopped after a minute).
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
    /// The id of the last request: an answer for an earlier one is not even decoded.
    static LATEST: Cell<u64> = const { Cell::new(0) };
}

/// What the worker answered for a text.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// Its analysis.
    Analysis(Analysis),
    /// Nothing: the worker failed or answered what cannot be read. Check here.
    Gone,
    /// Nothing within a minute: that worker was stopped, and the next request gets a
    /// fresh one. Checking the same text here would freeze the page as long, so it waits
    /// for the next edit.
    TimedOut,
}

/// Whether checks still go to the worker.
pub fn available() -> bool {
    !NO_WORKER.get()
}

/// Posts `text` for a check under `options` (against `cluster`), with `id`; false when no
/// worker can take it.
pub fn request(id: u64, text: &str, options: &Options, cluster: Option<&Cluster>) -> bool {
    LATEST.set(id);
    let cluster = cluster.map(wire::encode_cluster).unwrap_or_default();
    let posted = available()
        && post(
            id as f64,
            text.as_bytes(),
            &option_words::of(options),
            &cluster,
        )
        .unwrap_or(false);
    NO_WORKER.set(!posted);
    posted
}

/// Calls `deliver(id, answer)` with the answer to the last request, decoded (answers to
/// earlier ones are dropped unread), or with the worker's failure. Once per page.
pub fn on_answer(deliver: impl Fn(u64, Answer) + 'static) {
    let callback =
        Closure::<dyn Fn(f64, JsValue, bool)>::new(move |id: f64, bytes: JsValue, retry: bool| {
            let id = id as u64;
            if bytes.is_null() || bytes.is_undefined() {
                // checker.js has said why on the console and ended the worker.
                if retry {
                    NO_WORKER.set(true);
                    deliver(id, Answer::Gone);
                } else {
                    deliver(id, Answer::TimedOut);
                }
                return;
            }
            if id != LATEST.get() {
                return;
            }
            match wire::decode(&bytes.unchecked_into::<js_sys::Uint8Array>().to_vec()) {
                Some(analysis) => deliver(id, Answer::Analysis(analysis)),
                None => {
                    NO_WORKER.set(true);
                    web_sys::console::warn_1(
                        &"The checker's worker answered what cannot be read; checking on the page."
                            .into(),
                    );
                    let _ = stop();
                    deliver(id, Answer::Gone);
                }
            }
        });
    if listen(callback.as_ref()).is_ok() {
        // The page listens for as long as it lives.
        callback.forget();
    }
}
