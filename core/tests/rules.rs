//! What no one rule owns: where a finding points, merge keys, the field checks run for both
//! charts, the chart a file is checked as, templated files. Each rule's own cases (a file
//! that gets the finding, and a close neighbour that does not) are at the bottom of its
//! module in `core/src/rules/<family>/`.

mod common;

use common::*;
use storage_core::{check, Options, Severity};

/// `rule!(name, CODE, bad, good)`: `bad` gets CODE, `good` does not.
macro_rules! rule {
    ($name:ident, $code:literal, $bad:expr, $good:expr) => {
        #[test]
        fn $name() {
            let bad = run($bad);
            assert!(
                count(&bad, $code) > 0,
                "{} not found in:\n{}\nfound: {:?}",
                $code,
                $bad,
                codes(&bad)
            );
            let good = run($good);
            assert_eq!(
                count(&good, $code),
                0,
                "{} found in the neighbour:\n{}",
                $code,
                $good
            );
        }
    };
}

const CLAIM: &str = "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: outputs-pvc\n";

#[test]
fn findings_carry_path_and_exact_span() {
    let text = "persistence:\n  outputs:\n    out:\n      store: s3\n      bucket: \"gs://b-out\"\n      secret: s\n      secretKey: K\n";
    let report = run(text);
    let f = report.findings.iter().find(|f| f.code == "C003").unwrap();
    assert_eq!(f.path, "persistence.outputs.out.bucket");
    assert_eq!(&text[f.span.start..f.span.end], "\"gs://b-out\"");
    let located = &report.located(text)[report
        .findings
        .iter()
        .position(|x| x.code == "C003")
        .unwrap()];
    assert_eq!(
        (
            located.line,
            located.column,
            located.end_line,
            located.end_column
        ),
        (5, 15, 5, 27)
    );
}

#[test]
fn merge_keys_supply_entry_keys() {
    let text = "base: &base\n  mountPath: /outputs\npersistence:\n  outputs:\n    out:\n      <<: *base\n      existingClaim: pvc\n";
    let report = run(text);
    assert_eq!(count(&report, "K001"), 0, "{:?}", codes(&report));
    assert_eq!(count(&report, "V003"), 0);
}

// v1+ chart: the fields of artifactsStore and connections.

const V1_OK: &str = "artifactsStore:\n  name: store\n  kind: s3\n  schema:\n    bucket: s3://b-out\n  secret:\n    name: s3-secret\nconnections:\n  - name: data\n    kind: volume_claim\n    schema:\n      volumeClaim: data-pvc\n      mountPath: /data\n";

/// The field checks are one for both charts: what v0 gets, v1+ gets (same message, fix).
#[test]
fn v1_fields_get_the_v0_messages_and_fixes() {
    let v1 = V1_OK.replace(
        "      mountPath: /data\n",
        "      mountPath: /data\n      readOnly: \"true\"\n",
    );
    let v0 = format!("{CLAIM}      readOnly: \"true\"\n");
    let (a, b) = (run(&v1), run(&v0));
    let t1 = |r: &storage_core::Report| {
        r.findings.iter().find(|f| f.code == "T001").map(|f| {
            (
                f.message.clone(),
                f.fix.as_ref().map(|x| (x.title.clone(), x.is_safe())),
            )
        })
    };
    assert_eq!(t1(&a), t1(&b));
    assert_eq!(
        t1(&a).and_then(|(_, fix)| fix),
        Some(("Write `readOnly: true`".to_string(), true))
    );
    // The trailing slash, a Secret name, the Secret command: v1+ too.
    let slash = run(&V1_OK.replace("mountPath: /data", "mountPath: /data/"));
    let v004 = slash
        .findings
        .iter()
        .find(|f| f.code == "V004")
        .expect("V004");
    assert_eq!(v004.severity, Severity::Warning);
    assert!(v004.fix.as_ref().is_some_and(|f| f.is_safe()));
    assert_eq!(
        count(
            &run(&V1_OK.replace("name: s3-secret", "name: S3_Secret")),
            "C007"
        ),
        1
    );
    let c011 = run(V1_OK);
    let c011 = c011
        .findings
        .iter()
        .find(|f| f.code == "C011")
        .expect("C011");
    // The command is the detail, not part of the one-line message.
    let Some(storage_core::Detail::Secret(help)) = &c011.detail else {
        panic!("C011 without its Secret help: {c011:?}");
    };
    assert!(
        help.command.contains("--from-literal=AWS_ACCESS_KEY_ID="),
        "{}",
        help.command
    );
    assert!(!c011.message.contains("kubectl"), "{}", c011.message);
}
rule!(
    v1_schema_paths_get_v_checks,
    "V005",
    &V1_OK.replace(
        "kind: s3\n  schema:\n    bucket: s3://b-out\n  secret:\n    name: s3-secret\n",
        "kind: host_path\n  schema:\n    hostPath: relative\n    mountPath: /a\n"
    ),
    V1_OK
);

#[test]
fn v1_files_get_no_v0_findings_and_an_explicit_chart_wins() {
    let report = run(V1_OK);
    assert!(
        report
            .findings
            .iter()
            .all(|f| f.code.starts_with(['A', 'Y', 'C', 'D'])),
        "{:?}",
        codes(&report)
    );
    let forced = check(
        CLAIM,
        &Options {
            chart: storage_core::ChartChoice::V1,
            ..Options::default()
        },
    );
    assert_eq!(forced.chart, Some(storage_core::Chart::V1));
    assert_eq!(count(&forced, "A009"), 1);
    assert_eq!(count(&forced, "V001"), 0);
}

/// Templated values files: the control lines are masked, the storage sections checked.
#[test]
fn a_terraform_template_gets_its_storage_sections_checked() {
    let text = "persistence:\n  outputs:\n%{ if use_s3 }\n    s3-out:\n      store: s3\n      bucket: s3://${bucket}\n      secret: S3_Secret\n      secretKey: S3_JSON\n%{ endif }\n";
    let report = run(text);
    let found = codes(&report);
    assert!(!found.contains(&"Y001"), "{found:?}");
    // One Y005 for the template, one for `${bucket}`; the bad Secret name is still found.
    assert_eq!(count(&report, "Y005"), 2, "{found:?}");
    assert_eq!(count(&report, "C007"), 1, "{found:?}");
    assert_eq!(count(&report, "C003"), 0, "{found:?}");
    // helmfile: an unquoted `{{ }}` value is a placeholder, not a flow mapping.
    let helm = run("persistence:\n  outputs:\n    out:\n      mountPath: /o\n      existingClaim: {{ .Values.claim }}\n");
    assert_eq!(
        (count(&helm, "Y005"), count(&helm, "T001")),
        (1, 0),
        "{:?}",
        codes(&helm)
    );
    // envsubst: `$VAR` too.
    let env = run("persistence:\n  outputs:\n    out:\n      store: s3\n      bucket: s3://$BUCKET\n      secret: s\n      secretKey: K\n");
    assert_eq!(
        (count(&env, "Y005"), count(&env, "C004")),
        (1, 0),
        "{:?}",
        codes(&env)
    );
}

/// Issue 20: a user wrote `logs` and `repos` like `outputs` entries. The chart reads
/// `logs.mountPath`, so it ignores the named entry and mounts its default host path; the
/// named entry's keys are still checked, as the section's own (its relative mountPath).
#[test]
fn logs_and_repos_in_the_outputs_shape() {
    let text = "persistence:\n  logs:\n    shared-logs:\n      existingClaim: logs-claim\n      mountPath: /logs\n  repos:\n    code:\n      existingClaim: repos-claim\n      mountPath: code\n      mountpath: /x\n";
    let report = run(text);
    let s002: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.code == "S002")
        .collect();
    assert_eq!(s002.len(), 2, "{:?}", codes(&report));
    assert!(
        s002[0].message.contains("host path `/tmp/logs`"),
        "{}",
        s002[0].message
    );
    // Not an unknown key of `logs`: the keys inside it are (K001 on `mountpath`).
    let k001: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.code == "K001")
        .map(|f| f.path.as_str())
        .collect();
    assert_eq!(k001, ["persistence.repos.code.mountpath"]);
    let v004 = report.findings.iter().find(|f| f.code == "V004").unwrap();
    assert_eq!(v004.path.as_str(), "persistence.repos.code.mountPath");
    // A mapping under an unknown key with no entry key in it stays K001's.
    let other = run("persistence:\n  logs:\n    extra:\n      size: 1\n");
    assert_eq!((count(&other, "S002"), count(&other, "K001")), (0, 1));
}
