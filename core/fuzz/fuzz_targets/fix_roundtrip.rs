//! Fixes on any text: each fix applies or is refused cleanly, keeps the bytes outside its
//! edits, and fixing everything twice equals fixing it once.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use storage_core::{check, Options};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let options = Options::default();
    let report = check(text, &options);
    for fix in report.findings.iter().filter_map(|f| f.fix.as_ref()) {
        common::assert_keeps_bytes_outside(text, fix);
    }
    // Nothing applied: the text is unchanged and fixing it again is the same call.
    if let Some(once) = common::fixed(text, &options).filter(|once| once.text != text) {
        let twice = common::fixed(&once.text, &options).expect("fixed text fixes again");
        assert_eq!(twice.text, once.text);
    }
});
