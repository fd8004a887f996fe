//! What runs in the checker's Web Worker (www/worker.js): the page's own wasm, handed to
//! it by the page, checks a large file there and answers in storage-core's wire format.
//! The page's side of it is `checker.rs`.

use storage_core::wire;
use wasm_bindgen::prelude::*;

use crate::option_words;

/// The analysis of `text` (UTF-8, as the page's app holds it) under `options` (the page's
/// words for them, [`option_words::of`]), as [`wire::encode`] bytes; none when the bytes are
/// not UTF-8 (they always are: the page then checks the text itself).
#[wasm_bindgen]
pub fn check_in_worker(text: &[u8], options: &str) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(text) else {
        return Vec::new();
    };
    wire::encode(&storage_core::analyze(
        text,
        &option_words::options(options),
    ))
}
