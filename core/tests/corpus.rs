//! Golden tests over real values files from Polyaxon's repositories: what
//! `tests/fixtures/corpus/README.md` says each must get, plus a pinned snapshot of every
//! finding (`*.findings`), so any change in verdicts shows up in review.

mod common;

use storage_core::Detail;

use common::*;
use storage_core::{fix_all, Options, Severity};

const CORPUS: &[&str] = &[
    "corpus/chart-0.6.1-values.yaml",
    "corpus/chart-2.x-values.yaml",
    "corpus/chart-ci-values1.yaml",
    "corpus/chart-ci-values2.yaml",
    "corpus/chart-ci-values3.yaml",
    "corpus/examples-azure-flat.yaml",
    "corpus/examples-gke-claims.yaml",
    "corpus/deploy-tests/all_values.yml",
    "corpus/deploy-tests/external_pgsql_values.yml",
    "corpus/deploy-tests/external_rabbitmq_values.yml",
    "corpus/deploy-tests/external_redis_values.yml",
    "corpus/deploy-tests/values1.yml",
    "corpus/deploy-tests/values2.yml",
    "corpus/deploy-tests/values3.yml",
    "corpus/deploy-tests/values4.yml",
    "corpus/deploy-tests/values5.yml",
    "corpus/deploy-tests/wrong_values1.yml",
    "corpus/deploy-tests/wrong_values2.yml",
    "corpus/deploy-tests/wrong_values3.yml",
    "corpus/deploy-tests/wrong_values4.yml",
    "corpus/deploy-tests/wrong_values5.yml",
    "docs/nfs-no-parent.yaml",
    "docs/s3-docs.yaml",
    "docs/terraform-gcs.yaml",
];

#[test]
fn every_corpus_file_matches_its_pinned_findings() {
    for rel in CORPUS {
        let text = fixture(rel);
        let report = run(&text);
        golden(&format!("{rel}.findings"), &summary(&text, &report));
    }
}

#[test]
fn chart_061_defaults_have_no_error_and_say_the_default_applies() {
    let text = fixture("corpus/chart-0.6.1-values.yaml");
    let report = run(&text);
    assert_eq!(report.count(Severity::Error), 0, "{:?}", codes(&report));
    assert_eq!(count(&report, "D003"), 1);
    // `existingClaim:` left empty next to `hostPath` is no conflict.
    assert_eq!(count(&report, "V002"), 0);
    assert_eq!(count(&report, "T002"), 0);
}

#[test]
fn chart_2x_gets_no_v0_findings() {
    let text = fixture("corpus/chart-2.x-values.yaml");
    let report = run(&text);
    assert_eq!(report.chart, Some(storage_core::Chart::V1));
    assert!(
        report
            .findings
            .iter()
            .all(|f| f.code.starts_with(['A', 'Y'])),
        "{:?}",
        codes(&report)
    );
}

#[test]
fn ci_values3_shares_mount_paths_and_has_three_outputs() {
    let text = fixture("corpus/chart-ci-values3.yaml");
    let report = run(&text);
    assert!(count(&report, "V007") >= 2);
    let v007: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.code == "V007")
        .map(|f| f.path.as_str())
        .collect();
    assert!(v007.iter().any(|p| p.starts_with("persistence.data.")));
    assert!(v007.iter().any(|p| p.starts_with("persistence.outputs.")));
    assert_eq!(count(&report, "E001"), 1);
}

#[test]
fn azure_flat_example_gets_s002_for_data_and_outputs_with_the_wrap_fix() {
    let text = fixture("corpus/examples-azure-flat.yaml");
    let report = run(&text);
    let s002: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.code == "S002")
        .collect();
    assert_eq!(s002.len(), 2);
    // The flat keys have no mountPath: wrapped, the entries would have none (V003), so the
    // wrap is a suggestion (safe fixes bring no new error) and --fix leaves the file as is.
    assert!(s002
        .iter()
        .all(|f| f.fix.as_ref().is_some_and(|x| !x.is_safe())));
    let fixed = fix_all(&text, &Options::default());
    golden("corpus/examples-azure-flat.yaml.fixed", &fixed.text);
    assert_eq!(fixed.text, text);
    // With a mountPath the wrap is certain, and safe.
    let flat = "persistence:\n  outputs:\n    mountPath: /outputs\n    existingClaim: pvc\n";
    let fixed = fix_all(flat, &Options::default());
    assert_eq!(
        fixed.text,
        "persistence:\n  outputs:\n    outputs:\n      mountPath: /outputs\n      existingClaim: pvc\n"
    );
}

#[test]
fn gke_claims_example_has_no_error_and_d002_infos() {
    let text = fixture("corpus/examples-gke-claims.yaml");
    let report = run(&text);
    assert_eq!(report.count(Severity::Error), 0, "{:?}", codes(&report));
    let d002: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.code == "D002")
        .collect();
    // The outputs entry, the logs and repos claims, and the data claim (issue 20).
    assert_eq!(d002.len(), 4);
    assert!(d002.iter().all(|f| f.severity == Severity::Info));
}

#[test]
fn deploy_tests_values4_and_5_have_duplicate_logs_keys_and_two_outputs() {
    for rel in [
        "corpus/deploy-tests/values4.yml",
        "corpus/deploy-tests/values5.yml",
    ] {
        let report = run(&fixture(rel));
        let y002: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.code == "Y002")
            .collect();
        assert!(!y002.is_empty(), "{rel}");
        assert!(
            y002.iter().all(|f| f.path.starts_with("persistence.logs.")),
            "{rel}"
        );
        assert_eq!(count(&report, "E001"), 1, "{rel}");
    }
}

#[test]
fn valid_deploy_tests_have_no_storage_error() {
    for rel in [
        "corpus/deploy-tests/all_values.yml",
        "corpus/deploy-tests/values1.yml",
        "corpus/deploy-tests/values2.yml",
        "corpus/chart-ci-values1.yaml",
        "corpus/chart-ci-values2.yaml",
    ] {
        let report = run(&fixture(rel));
        assert_eq!(
            report.count(Severity::Error),
            0,
            "{rel}: {:?}",
            codes(&report)
        );
    }
}

#[test]
fn nfs_docs_example_moves_under_persistence() {
    let text = fixture("docs/nfs-no-parent.yaml");
    let report = run(&text);
    assert_eq!(count(&report, "S003"), 1);
    let fixed = fix_all(&text, &Options::default());
    assert_eq!(
        fixed.text,
        "# docs \"Outputs on NFS\": no persistence parent  → S003 with the safe move fix\n\
         persistence:\n  outputs:\n    plx-outputs:\n      existingClaim: polyaxon-pvc-outputs\n      mountPath: /plx-outputs\n"
    );
    assert_eq!(count(&run(&fixed.text), "S003"), 0);
}

#[test]
fn s3_docs_example_command_uses_the_entrys_secret_key() {
    let report = run(&fixture("docs/s3-docs.yaml"));
    assert_eq!(report.count(Severity::Error), 0, "{:?}", codes(&report));
    let c011 = report
        .findings
        .iter()
        .find(|f| f.code == "C011")
        .expect("C011");
    let Some(Detail::Secret(help)) = &c011.detail else {
        panic!("C011 without its Secret help: {:?}", c011.detail)
    };
    let detail = &help.command;
    assert!(
        detail.starts_with("kubectl create secret generic s3-secret --from-file=s3-key="),
        "{detail}"
    );
    assert!(!detail.contains("s3-secret.json"));
}

#[test]
fn terraform_placeholders_are_y005_not_c003() {
    let report = run(&fixture("docs/terraform-gcs.yaml"));
    assert_eq!(count(&report, "Y005"), 1);
    assert_eq!(count(&report, "C003"), 0);
    assert_eq!(count(&report, "C004"), 0);
}
