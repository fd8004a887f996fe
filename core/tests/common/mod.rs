//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

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

/// One line per finding: `line:col CODE severity path`, the golden format.
pub fn summary(text: &str, report: &Report) -> String {
    report
        .located(text)
        .iter()
        .map(|f| {
            format!(
                "{}:{} {} {} {}\n",
                f.line,
                f.column,
                f.code,
                f.severity.as_str(),
                f.path
            )
        })
        .collect()
}

/// Compares `actual` with the golden file, or rewrites it when UPDATE_GOLDEN is set.
pub fn golden(rel: &str, actual: &str) {
    let path = fixture_path(rel);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{rel}: {e} (run with UPDATE_GOLDEN=1 to create it)"));
    assert_eq!(actual, expected, "golden file {rel} differs");
}
