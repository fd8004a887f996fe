//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;
use std::time::Duration;

use storage_core::{check, Options, Report};

/// `tests/fixtures/...` at the repository root.
pub fn fixture_path(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures")
        .join(rel)
}

pub fn fixture(rel: &str) -> String {
    std::fs::read_to_string(fixture_path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

pub fn run(text: &str) -> Report {
    check(text, &Options::default())
}

pub fn codes(report: &Report) -> Vec<&'static str> {
    report.findings.iter().map(|f| f.code).collect()
}

pub fn count(report: &Report, code: &str) -> usize {
    report.findings.iter().filter(|f| f.code == code).count()
}

/// One line per finding, the golden format:
/// `line:col-endline:endcol CODE severity path [safe|suggested fix] message`.
pub fn summary(text: &str, report: &Report) -> String {
    report
        .located(text)
        .iter()
        .map(|f| {
            let fix = match &f.fix {
                Some(fix) if fix.is_safe() => " [safe fix]",
                Some(_) => " [suggested fix]",
                None => "",
            };
            format!(
                "{}:{}-{}:{} {} {} {}{fix} {}\n",
                f.line,
                f.column,
                f.end_line,
                f.end_column,
                f.code,
                f.severity.as_str(),
                f.path,
                f.message
            )
        })
        .collect()
}

/// The top-level blocks of a values file other than `persistence`: each key line at
/// column 0 with the lines under it, as written.
pub fn blocks_but_persistence(text: &str) -> Vec<String> {
    let mut blocks: Vec<String> = Vec::new();
    for line in text.split_inclusive('\n') {
        let top = !line.starts_with([' ', '\t', '#', '\r', '\n']) && !line.is_empty();
        match blocks.last_mut() {
            Some(block) if !top => block.push_str(line),
            _ => blocks.push(line.to_string()),
        }
    }
    blocks
        .into_iter()
        .filter(|b| !b.starts_with("persistence:"))
        .collect()
}

/// Compares `actual` with the golden file, or rewrites it when UPDATE_GOLDEN is `1`
/// (only then: `UPDATE_GOLDEN=0` or an empty value still compares).
pub fn golden(rel: &str, actual: &str) {
    let path = fixture_path(rel);
    if std::env::var("UPDATE_GOLDEN").as_deref() == Ok("1") {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{rel}: {e} (run with UPDATE_GOLDEN=1 to create it)"));
    assert_eq!(actual, expected, "golden file {rel} differs");
}

/// CPU time of the calling thread.
pub fn thread_cpu_time() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes into the timespec we own; the clock id is a constant.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}
