//! What a rule module's tests share: check a text, read the codes, assert a rule's pair.

use crate::check::Report;
use crate::options::{Edition, Options, Topology};

/// The report for `text` under the default options (and the text's own directive).
pub fn run(text: &str) -> Report {
    crate::check(text, &Options::default())
}

/// The report for `text` under `options`.
pub fn run_with(text: &str, options: Options) -> Report {
    crate::check(text, &options)
}

/// Options with `topology`.
pub fn topology(topology: Topology) -> Options {
    Options {
        topology,
        ..Options::default()
    }
}

/// Options with `edition`.
pub fn edition(edition: Edition) -> Options {
    Options {
        edition,
        ..Options::default()
    }
}

/// The codes of the report's findings, in order.
pub fn codes(report: &Report) -> Vec<&'static str> {
    report.findings.iter().map(|f| f.code).collect()
}

/// How many findings have `code`.
pub fn count(report: &Report, code: &str) -> usize {
    report.findings.iter().filter(|f| f.code == code).count()
}

/// The title of the fix the first `code` finding of `text` offers, and whether it is safe.
pub fn fix_of(code: &str, text: &str) -> Option<(String, bool)> {
    let report = run(text);
    let finding = report.findings.into_iter().find(|f| f.code == code)?;
    finding.fix.map(|f| (f.title.clone(), f.is_safe()))
}

/// `bad` gets `code`, `good` (a close neighbour) does not.
pub fn gets_and_not(code: &str, bad: &str, good: &str) {
    let found = run(bad);
    assert!(
        count(&found, code) > 0,
        "{code} not found in:\n{bad}\nfound: {:?}",
        codes(&found)
    );
    let neighbour = run(good);
    assert_eq!(
        count(&neighbour, code),
        0,
        "{code} found in the neighbour:\n{good}"
    );
}

/// A claim outputs entry with nothing to say about it but its topology.
pub const CLAIM: &str =
    "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: outputs-pvc\n";

/// A v1+ file with nothing wrong: an s3 store with its Secret, a claim connection.
pub const V1_OK: &str = "artifactsStore:\n  name: store\n  kind: s3\n  schema:\n    bucket: s3://b-out\n  secret:\n    name: s3-secret\nconnections:\n  - name: data\n    kind: volume_claim\n    schema:\n      volumeClaim: data-pvc\n      mountPath: /data\n";
