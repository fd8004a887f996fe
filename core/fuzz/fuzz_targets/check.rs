//! `check` on any text, under each chart: no panic, and every finding inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use storage_core::{check, ChartChoice, Options};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for chart in [ChartChoice::Auto, ChartChoice::V0, ChartChoice::V1] {
        let report = check(text, &Options { chart, ..Options::default() });
        for f in report.located(text) {
            assert!(f.start <= f.end && f.end <= text.len());
            assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
        }
    }
});
