//! `check` on any text, under one of the charts (chosen by the input's hash): no panic,
//! and every finding inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use storage_core::{check, ChartChoice, Options};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // One chart per input, from a hash of its bytes (three checks per input cost two
    // thirds of the speed; the chart read from the file is the common case).
    let hash = data.iter().fold(0x811c_9dc5_u32, |h, &b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193));
    let chart = [ChartChoice::Auto, ChartChoice::V0, ChartChoice::V1][hash as usize % 3];
    let report = check(text, &Options { chart, ..Options::default() });
    for f in report.located(text) {
        assert!(f.start <= f.end && f.end <= text.len());
        assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
    }
});
