//! Migration round trips: every v0 corpus file with storage entries migrates (A008's
//! fix) to a file that checks clean under `--chart v1`, with every other byte kept.

mod common;

use common::*;
use storage_core::migrate::{plan_or_reason, Migration};
use storage_core::yaml::{load, Limits};
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

/// The migration fixtures: each is a clean v0 file (no error) whose meaning must survive.
const MIGRATION_FIXTURES: &[&str] = &[
    "migrate/read-only.yaml",
    "migrate/shared-secret.yaml",
    "migrate/long-names.yaml",
];

fn plan(text: &str) -> Result<Migration, String> {
    let doc = load(text, &Limits::default()).expect("loads");
    plan_or_reason(text, &doc)
}

/// The values written under `key:` in the block (`name: x` → `x`).
fn values_of(block: &str, key: &str) -> Vec<String> {
    let prefix = format!("{key}: ");
    block
        .lines()
        .map(|l| l.trim_start().trim_start_matches("- "))
        .filter_map(|l| l.strip_prefix(&prefix))
        .map(str::to_string)
        .collect()
}

/// The Secret name each `kubectl create secret generic NAME` command creates.
fn created_secrets(m: &Migration) -> Vec<String> {
    m.secret_commands
        .iter()
        .filter_map(|c| c.strip_prefix("kubectl create secret generic "))
        .filter_map(|c| c.split(' ').next())
        .map(str::to_string)
        .collect()
}

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

#[test]
fn migration_keeps_read_only_written_as_a_quoted_string() {
    let m = plan(&fixture("migrate/read-only.yaml")).unwrap();
    // `"true"` (a string Polyaxon 0.6.1's validators read as true), `yes` and `true`
    // (booleans to Helm's YAML 1.1): all three connections stay read-only.
    assert_eq!(
        values_of(&m.block, "readOnly"),
        vec!["true", "true", "true"],
        "{}",
        m.block
    );
    assert!(
        m.notes
            .iter()
            .any(|n| n.contains("quoted") && n.contains("readOnly")),
        "{:?}",
        m.notes
    );
    assert!(m.losses.is_empty(), "{:?}", m.losses);
}

#[test]
fn migration_lists_a_read_only_it_cannot_read_as_a_loss() {
    let text = "persistence:\n  data:\n    d:\n      mountPath: /d\n      existingClaim: c\n      readOnly: \"maybe\"\n";
    let m = plan(text).unwrap();
    assert!(!m.block.contains("readOnly"), "{}", m.block);
    assert!(
        m.losses
            .iter()
            .any(|l| l.contains("persistence.data.d.readOnly") && l.contains("maybe")),
        "{:?}",
        m.losses
    );
}

#[test]
fn v1_secret_names_are_unique_against_every_secret_in_the_file() {
    let text = fixture("migrate/shared-secret.yaml");
    let m = plan(&text).unwrap();
    let names = values_of(&m.block, "name");
    // `creds-v1` is the file's PostgreSQL Secret: no v1+ store may take that name.
    assert!(!names.iter().any(|n| n == "creds-v1"), "{}", m.block);
    assert!(
        !created_secrets(&m).iter().any(|n| n == "creds-v1"),
        "{:?}",
        m.secret_commands
    );
    // Nor a name any other key of the file holds.
    let text = "imagePullSecrets:\n  - name: s-v1\nauth:\n  secretName: s-v1-2\npersistence:\n  outputs:\n    o:\n      store: s3\n      bucket: s3://b\n      secret: s\n      secretKey: k\n";
    let m = plan(text).unwrap();
    let created = created_secrets(&m);
    assert_eq!(created.len(), 1, "{:?}", m.secret_commands);
    assert!(
        !["s", "s-v1", "s-v1-2"].contains(&created[0].as_str()),
        "{created:?}"
    );
}

#[test]
fn one_v0_secret_shared_by_two_layouts_gets_one_v1_name_per_layout() {
    let m = plan(&fixture("migrate/shared-secret.yaml")).unwrap();
    let created = created_secrets(&m);
    // One command per name, and one name per content: the S3 stores share one, the GCS
    // store gets its own.
    let mut unique = created.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), created.len(), "{:?}", m.secret_commands);
    assert_eq!(created.len(), 2, "{:?}", m.secret_commands);
    let secrets = values_of(&m.block, "name")
        .into_iter()
        .filter(|n| created.contains(n))
        .collect::<Vec<_>>();
    assert_eq!(secrets.len(), 3, "{}", m.block);
    assert_eq!(
        secrets[0], secrets[2],
        "the two S3 stores share: {}",
        m.block
    );
    assert_ne!(
        secrets[0], secrets[1],
        "the GCS store has its own: {}",
        m.block
    );
    assert!(
        m.notes
            .iter()
            .any(|n| n.contains(&secrets[1]) && n.contains("creds")),
        "{:?}",
        m.notes
    );
    // Two Azure accounts in one Secret: two contents, two names.
    let text = "persistence:\n  outputs:\n    a:\n      store: azure\n      bucket: wasbs://c@one.blob.core.windows.net/\n      secret: az\n      secretKey: k\n  data:\n    b:\n      store: azure\n      bucket: wasbs://c@two.blob.core.windows.net/\n      secret: az\n      secretKey: k\n";
    let m = plan(text).unwrap();
    let created = created_secrets(&m);
    assert_eq!(created.len(), 2, "{:?}", m.secret_commands);
    assert_ne!(created[0], created[1]);
}

#[test]
fn generated_names_stay_dns1123_labels() {
    let text = fixture("migrate/long-names.yaml");
    let v0 = Options {
        chart: ChartChoice::V0,
        ..Options::default()
    };
    assert!(!check(&text, &v0).has_errors(), "the v0 file is clean");
    let m = plan(&text).unwrap();
    let label = |n: &str| {
        !n.is_empty()
            && n.len() <= 63
            && n.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !n.starts_with('-')
            && !n.ends_with('-')
    };
    let names = values_of(&m.block, "name");
    assert_eq!(names.len(), 3, "{}", m.block);
    for name in &names {
        assert!(
            label(name),
            "`{name}` is not a DNS-1123 label:\n{}",
            m.block
        );
    }
    assert_ne!(names[0], names[2], "{}", m.block);
    // The GCS Secret is mounted (`secret.mountPath`): Polyaxon names the volume after it.
    for name in created_secrets(&m) {
        assert!(label(&name), "`{name}`");
    }
    let migrated = migrate(&text);
    let report = check(
        &migrated,
        &Options {
            chart: ChartChoice::V1,
            ..Options::default()
        },
    );
    assert!(!report.has_errors(), "{migrated}\n{:?}", report.findings);
}

#[test]
fn migration_refuses_control_flow_templates_inside_persistence() {
    for (open, middle) in [
        ("{{- if .Values.fast }}", "{{- else }}"),
        ("{{- range $k, $v := .Values.extra }}", ""),
        ("{{- with .Values.store }}", ""),
    ] {
        let text = format!("persistence:\n  outputs:\n{open}\n    fast:\n      mountPath: /o\n      hostPath: /fast\n{middle}\n    slow:\n      mountPath: /o\n      hostPath: /slow\n{{{{- end }}}}\nrbac: {{}}\n");
        let why = plan(&text).expect_err(&text);
        assert!(why.contains("template") && why.contains("line 3"), "{why}");
    }
    // Templates around `persistence`, and value templates inside it, carry over.
    let text = "{{- if .Values.v0 }}\npersistence:\n  outputs:\n    o:\n      store: s3\n      bucket: {{ .Values.bucket }}\n      secret: s\n      secretKey: k\n{{- end }}\n";
    let m = plan(text).unwrap();
    assert!(
        m.block.contains("bucket: {{ .Values.bucket }}\n"),
        "{}",
        m.block
    );
    let migrated = apply(text, &[m.fix.as_ref().unwrap()]).unwrap().text;
    assert!(
        migrated.starts_with("{{- if .Values.v0 }}\nartifactsStore:\n"),
        "{migrated}"
    );
    assert!(migrated.ends_with("{{- end }}\n"), "{migrated}");
}

#[test]
fn migration_refuses_an_anchor_used_outside_persistence() {
    for text in [
        "persistence:\n  outputs:\n    o: &o\n      mountPath: /o\n      hostPath: /h\nother: *o\n",
        "persistence:\n  outputs: {o: &o {mountPath: /o, hostPath: /h}}\nother: *o\n",
        "persistence:\n  data:\n    d:\n      mountPath: &m /d\n      hostPath: /h\nother:\n  path: *m\n",
        "persistence:\n  outputs:\n    o:\n      mountPath: /o\n      hostPath: /h\n  data: &d\n    d:\n      mountPath: /d\n      hostPath: /d\nextra:\n  <<: *d\n",
    ] {
        let why = plan(text).expect_err(text);
        assert!(why.contains("anchor") && why.contains("outside"), "{why}");
    }
    // An anchor outside `persistence` used inside it: the values are carried over.
    let text = "base: &base\n  hostPath: /h\npersistence:\n  outputs:\n    o:\n      <<: *base\n      mountPath: /o\n";
    let m = plan(text).unwrap();
    assert!(m.block.contains("hostPath: /h\n"), "{}", m.block);
    assert!(m.losses.is_empty(), "{:?}", m.losses);
}

#[test]
fn migration_lists_every_persistence_key_it_drops() {
    let text = "persistence:\n  custom:\n    foo: bar\n  logs:\n    mountPath: /l\n  outputs:\n    o:\n      mountPath: /o\n      hostPath: /h\n      subPath: runs\n  extras: 3\n";
    let m = plan(text).unwrap();
    for (path, what) in [
        ("persistence.custom", "a mapping"),
        ("persistence.extras", "a number"),
        ("persistence.logs", "no place"),
        ("persistence.outputs.o.subPath", "runs"),
    ] {
        assert!(
            m.dropped
                .iter()
                .any(|d| d.starts_with(path) && d.contains(what)),
            "{path} ({what}) in {:?}",
            m.dropped
        );
    }
}

#[test]
fn migrated_files_mean_what_the_v0_files_meant() {
    for rel in V0_FILES.iter().chain(MIGRATION_FIXTURES) {
        let m = plan(&fixture(rel)).unwrap();
        assert!(m.losses.is_empty(), "{rel}: {:?}\n{}", m.losses, m.block);
    }
}
