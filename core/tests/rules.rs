//! One test per rule: a file that gets the finding, and a close neighbour that does not.

mod common;

use common::*;
use storage_core::{check, Options, Severity, Topology};

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

rule!(
    a007_mixed_charts,
    "A007",
    "persistence:\n  outputs: {}\nartifactsStore:\n  name: store\n",
    "persistence:\n  outputs: {}\n"
);

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

// v1+ chart: artifactsStore and connections.

const V1_OK: &str = "artifactsStore:\n  name: store\n  kind: s3\n  schema:\n    bucket: s3://b-out\n  secret:\n    name: s3-secret\nconnections:\n  - name: data\n    kind: volume_claim\n    schema:\n      volumeClaim: data-pvc\n      mountPath: /data\n";

rule!(
    a001_store_is_a_list,
    "A001",
    "artifactsStore:\n  - name: store\n    kind: s3\n",
    V1_OK
);
rule!(a001_connections_not_a_list, "A001", "artifactsStore:\n  name: s\n  kind: host_path\n  schema: {hostPath: /a, mountPath: /b}\nconnections:\n  name: x\n", V1_OK);
rule!(
    a002_duplicate_name,
    "A002",
    &V1_OK.replace("name: data", "name: store"),
    V1_OK
);
rule!(
    a002_bad_name,
    "A002",
    &V1_OK.replace("name: data", "name: Data Set"),
    V1_OK
);
rule!(
    a003_azure_kind,
    "A003",
    &V1_OK.replace("kind: s3", "kind: azure"),
    V1_OK
);
rule!(
    a004_missing_schema_field,
    "A004",
    &V1_OK.replace("      mountPath: /data\n", ""),
    V1_OK
);
rule!(
    a004_unknown_schema_field,
    "A004",
    &V1_OK.replace(
        "      mountPath: /data\n",
        "      mountPath: /data\n      size: 10Gi\n"
    ),
    V1_OK
);

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
    a006_no_secret,
    "A006",
    &V1_OK.replace("  secret:\n    name: s3-secret\n", ""),
    V1_OK
);
rule!(
    a008_migration_offered,
    "A008",
    CLAIM,
    "persistence:\n  outputs: {}\n"
);
rule!(
    a009_default_store,
    "A009",
    "artifactsStore:\nconnections: []\n",
    V1_OK
);
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
fn a003_fix_writes_the_kind_safely_only_when_only_the_spelling_differs() {
    // `azure` is a valid connection kind but cannot hold artifacts: `wasb` is a guess.
    let report = run(&V1_OK.replace("kind: s3", "kind: azure"));
    let f = report.findings.iter().find(|f| f.code == "A003").unwrap();
    assert!(f.message.contains("cannot hold artifacts"), "{}", f.message);
    assert!(f.message.contains("did you mean `wasb`?"), "{}", f.message);
    assert!(!f.fix.as_ref().unwrap().is_safe());
    // `S3` is `s3` written in capitals: certain.
    let report = run(&V1_OK.replace("kind: s3", "kind: S3"));
    let f = report.findings.iter().find(|f| f.code == "A003").unwrap();
    assert!(f.fix.as_ref().unwrap().is_safe());
}

/// Issue "verdicts that agree with the real systems": what Polyaxon accepts gets no error.
#[test]
fn connections_of_any_polyaxon_kind_are_valid() {
    let text = format!(
        "{V1_OK}  - name: repo\n    kind: git\n    schema:\n      url: https://github.com/org/repo\n  - name: notify\n    kind: slack\n    secret:\n      name: slack-secret\n"
    );
    let report = run(&text);
    let about: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.path.starts_with("connections.1") || f.path.starts_with("connections.2"))
        .map(|f| f.code)
        .collect();
    assert!(about.is_empty(), "{about:?}");
    let bad = run(&text.replace("kind: slack", "kind: slak"));
    let f = bad
        .findings
        .iter()
        .find(|f| f.code == "A003")
        .expect("A003");
    assert!(
        f.message.contains("not a Polyaxon connection kind"),
        "{}",
        f.message
    );
}

#[test]
fn connection_secrets_are_resources() {
    let secret = |s: &str| V1_OK.replace("  secret:\n    name: s3-secret\n", s);
    assert_eq!(count(&run(&secret("  secret: s3-secret\n")), "A010"), 1);
    assert_eq!(
        count(&run(&secret("  secret:\n    mountPath: /s\n")), "A010"),
        1
    );
    assert_eq!(
        count(
            &run(&secret("  secret:\n    name: s\n    key: k\n")),
            "A010"
        ),
        1
    );
    assert_eq!(
        count(
            &run(&secret("  secret:\n    name: s\n    defaultMode: 0644\n")),
            "A010"
        ),
        1
    );
    assert_eq!(
        count(
            &run(&secret(
                "  secret:\n    name: s\n    defaultMode: \"0644\"\n"
            )),
            "A010"
        ),
        0
    );
    // A reference is accepted, and needs no A006 either.
    let reference = run(&secret("  secret: \"{{ fromSecret }}\"\n"));
    assert_eq!(count(&reference, "A010") + count(&reference, "A006"), 0);
}

#[test]
fn v1_shapes_names_and_persistence() {
    let mount = run(&format!("{V1_OK}mountConnections: data\n"));
    assert_eq!(count(&mount, "A001"), 1);
    let underscore = V1_OK.replace("name: data", "name: my_data");
    assert_eq!(count(&run(&underscore), "A002"), 1);
    let both = run(&format!("persistence:\n  outputs: {{}}\n{V1_OK}"));
    let a007 = both
        .findings
        .iter()
        .find(|f| f.code == "A007")
        .expect("A007");
    assert_eq!(a007.severity, Severity::Error);
    // snake_case field names and a schema's `kind` are Polyaxon's too.
    let snake = V1_OK
        .replace("volumeClaim: data-pvc", "volume_claim: data-pvc")
        .replace("mountPath: /data", "mount_path: /data");
    assert_eq!(count(&run(&snake), "A004"), 0);
}

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

/// Issue 20: a v1 file with no store (the multi-node `Invalid parent directory
/// '/artifactsStore/...'` report) is read as today's chart from its other keys: it is
/// told about the node-local default store, not about `persistence.outputs`.
#[test]
fn a_v1_file_without_a_store_is_checked_as_v1_from_its_other_keys() {
    let text = "intervals:\n  compatibilityCheck: -1\ningress:\n  enabled: true\n";
    let multi = Options {
        topology: Topology::MultiNode,
        ..Options::default()
    };
    let report = check(text, &multi);
    assert_eq!(report.chart, Some(storage_core::Chart::V1));
    let basis = report.basis.clone().expect("a basis");
    assert_eq!(basis.evidence, ["intervals.compatibilityCheck"]);
    assert_eq!(codes(&report), ["A009"]);
    assert_eq!(report.findings[0].severity, Severity::Warning);
}

/// Issue 20: with nothing that says the chart, the advice names both charts' defaults
/// and no v0-only finding (D003) appears.
#[test]
fn a_file_without_evidence_gets_chart_neutral_advice() {
    let report = run("ingress:\n  enabled: true\n");
    assert_eq!(codes(&report), ["A009"]);
    let message = &report.findings[0].message;
    assert!(message.contains("no key says which chart"), "{message}");
    assert!(message.contains("persistence.outputs") && message.contains("artifactsStore"));
}

/// Issue 20: `persistence` in a file checked as the v1+ chart is A007, an error, however
/// the chart was decided: by `--chart v1`, by the directive, or by other v1-only keys.
#[test]
fn persistence_is_an_error_whenever_the_v1_chart_is_checked() {
    let forced = check(
        CLAIM,
        &Options {
            chart: storage_core::ChartChoice::V1,
            ..Options::default()
        },
    );
    let directive = run(&format!("# storage-check: chart=v1\n{CLAIM}"));
    let keys = run(&format!("{CLAIM}gateway: {{}}\nagent: {{}}\n"));
    for report in [forced, directive, keys] {
        assert_eq!(report.chart, Some(storage_core::Chart::V1));
        let a007 = report.findings.iter().find(|f| f.code == "A007");
        let a007 = a007.unwrap_or_else(|| panic!("A007 in {:?}", codes(&report)));
        assert_eq!(a007.severity, Severity::Error);
        assert!(a007
            .message
            .contains("the v1+ chart ignores `persistence` and Polyaxon 2.x refuses it"));
    }
    // Checked as v0 (the file's own keys say so), `persistence` is where it belongs.
    assert_eq!(count(&run(CLAIM), "A007"), 0);
}

/// Issue 20: a connection written as a plain string, or a mount name written as a
/// mapping: Polyaxon 2.x's deploy check and its agent refuse the whole list.
#[test]
fn connections_items_in_the_wrong_shape_are_a001() {
    let text = format!("{V1_OK}  - my-bucket\nmountConnections:\n  - data\n  - {{name: data}}\n");
    let report = run(&text);
    let a001: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.code == "A001")
        .map(|f| f.path.as_str())
        .collect();
    assert_eq!(
        a001,
        ["connections.1", "mountConnections.1"],
        "{:?}",
        codes(&report)
    );
    assert_eq!(count(&run(V1_OK), "A001"), 0);
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
