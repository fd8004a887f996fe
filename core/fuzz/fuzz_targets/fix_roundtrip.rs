//! Fixes on any text: each fix applies or is refused cleanly, keeps the bytes outside its
//! edits, and fixing everything twice equals fixing it once.
#![no_main]

use libfuzzer_sys::fuzz_target;
use storage_core::{apply, check, fix_all, Options};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let options = Options::default();
    let report = check(text, &options);
    for fix in report.findings.iter().filter_map(|f| f.fix.as_ref()) {
        if let Ok(applied) = apply(text, &[fix]) {
            let mut edits = fix.edits.clone();
            edits.sort();
            let (mut at, mut out) = (0, 0);
            for e in &edits {
                let keep = &text[at..e.start];
                assert_eq!(&applied.text[out..out + keep.len()], keep);
                out += keep.len() + e.replacement.len();
                at = e.end;
            }
            assert_eq!(&applied.text[out..], &text[at..]);
        }
    }
    if let Ok(once) = fix_all(text, &options) {
        let twice = fix_all(&once.text, &options).expect("fixed text fixes again");
        assert_eq!(twice.text, once.text);
    }
});
