//! Migration round trips: every v0 corpus file with storage entries migrates (A008's
//! fix) to a file that checks clean under `--chart v1`, with every other byte kept.

mod common;

use common::*;
use storage_core::{apply, check, ChartChoice, Options, Severity};

const V0_FILES: &[&str] = &[
    "corpus/chart-ci-values2.yaml",
    "corpus/chart-ci-values3.yaml",
    "corpus/examples-gke-claims.yaml",
    "corpus/deploy-tests/values2.yml",
    "corpus/deploy-tests/values3.yml",
    "corpus/deploy-tests/values4.yml",
    "corpus/deploy-tests/values5.yml",
    "corpus/deploy-tests/wrong_values2.yml",
    "docs/s3-docs.yaml",
    "examples/s3.yaml",
];

fn migrate(text: &str) -> String {
    let report = run(text);
    let a008 = report
        .findings
        .iter()
        .find(|f| f.code == "A008")
        .expect("A008 offered");
    let fix = a008.fix.as_ref().expect("with a fix");
    assert!(!fix.is_safe(), "migration is never applied silently");
    apply(text, &[fix]).expect("applies").text
}

#[test]
fn every_v0_corpus_file_migrates_to_a_clean_v1_file() {
    let v1 = Options {
        chart: ChartChoice::V1,
        ..Options::default()
    };
    for rel in V0_FILES {
        let text = fixture(rel);
        let migrated = migrate(&text);
        let report = check(&migrated, &v1);
        let bad: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.severity != Severity::Info)
            .map(|f| (f.code, f.message.clone()))
            .collect();
        assert!(bad.is_empty(), "{rel} migrated:\n{migrated}\n{bad:?}");
        // Auto-detection now picks v1, and the text outside `persistence` is unchanged.
        assert_eq!(run(&migrated).chart, Some(storage_core::Chart::V1), "{rel}");
        // Every top-level block but `persistence`, before and after it, byte for byte.
        let kept: Vec<String> = blocks_but_persistence(&migrated)
            .into_iter()
            .filter(|b| !b.starts_with("artifactsStore:") && !b.starts_with("connections:"))
            .collect();
        assert_eq!(kept, blocks_but_persistence(&text), "{rel}");
    }
}

#[test]
fn migration_of_the_gke_example_is_exact() {
    let migrated = migrate(&fixture("corpus/examples-gke-claims.yaml"));
    golden("corpus/examples-gke-claims.yaml.migrated", &migrated);
}

#[test]
fn cloud_secrets_get_the_v1_commands() {
    let report = run(&fixture("docs/s3-docs.yaml"));
    let detail = report
        .findings
        .iter()
        .find(|f| f.code == "A008")
        .unwrap()
        .detail
        .as_ref()
        .unwrap()
        .text();
    assert!(
        detail.contains(
            "kubectl create secret generic s3-secret-v1 --from-literal=AWS_ACCESS_KEY_ID="
        ),
        "{detail}"
    );
    assert!(detail.contains("kind: s3\n"));
}
