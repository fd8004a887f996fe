//! What runs in the checker's Web Worker (www/worker.js): the page's own wasm, handed to
//! it by the page, checks a large file there and answers in storage-core's wire format.
//! The page's side of it is `checker.rs`.

use storage_core::wire;
use wasm_bindgen::prelude::*;

use crate::option_words;

/// The analysis of `text` (UTF-8, as the page's app holds it) under `options` (the page's
/// words for them, [`option_words::of`]), as [`wire::encode`] bytes; none when the bytes are
/// not UTF-8 (they always are: the page then checks the text itself). `cluster` is the
/// page's cluster snapshot ([`wire::encode_cluster`]), empty when there is none.
#[wasm_bindgen]
pub fn check_in_worker(text: &[u8], options: &str, cluster: &[u8]) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(text) else {
        return Vec::new();
    };
    let cluster = match cluster {
        [] => None,
        bytes => match wire::decode_cluster(bytes) {
            Some(cluster) => Some(cluster),
            // The page then checks here, with the cluster.
            None => return Vec::new(),
        },
    };
    wire::encode(&storage_core::analyze_in(
        text,
        &option_words::options(options),
        cluster.as_ref(),
    ))
}
