//! Every fix, checked on the exact output text: the fixed node changes, and every other
//! byte (comments, blank lines, quoting, order, other sections) stays as written.

mod common;

use common::*;
use storage_core::{apply, fix_all, Applicability, Options};

/// Applies the fix of the first `code` finding and returns the new text.
fn fixed_by(code: &str, text: &str) -> (String, Applicability) {
    let report = run(text);
    let finding = report
        .findings
        .iter()
        .find(|f| f.code == code && f.fix.is_some())
        .unwrap_or_else(|| panic!("no {code} fix in {:?}", codes(&report)));
    let fix = finding.fix.as_ref().unwrap();
    let out = apply(text, &[fix]).unwrap_or_else(|e| panic!("{code}: {e}"));
    (out.text, fix.applicability)
}

const HEAD: &str = "# Polyaxon values\nrbac:\n  enabled: true   # keep me\n\n";
const TAIL: &str = "\n# trailing comment\nemail:\n  host: 'smtp.example.com'\n";

fn wrap(body: &str) -> String {
    format!("{HEAD}{body}{TAIL}")
}

#[test]
fn y002_removes_the_earlier_key() {
    let text = wrap("persistence:\n  logs:\n    mountPath: /a  # first\n    mountPath: /logs\n");
    let (out, kind) = fixed_by("Y002", &text);
    assert_eq!(out, wrap("persistence:\n  logs:\n    mountPath: /logs\n"));
    assert_eq!(kind, Applicability::Suggested);
}

#[test]
fn s002_wraps_block_keys_in_an_entry() {
    let text = wrap("persistence:\n  outputs:\n    # the claim\n    existingClaim: pvc\n    mountPath: \"/outputs\"\n  logs:\n    hostPath: /l\n");
    let (out, kind) = fixed_by("S002", &text);
    assert_eq!(
        out,
        // The comment above the first key stays above the line the fix adds.
        wrap("persistence:\n  outputs:\n    # the claim\n    outputs:\n      existingClaim: pvc\n      mountPath: \"/outputs\"\n  logs:\n    hostPath: /l\n")
    );
    assert_eq!(kind, Applicability::Safe);
}

#[test]
fn s002_wraps_a_flow_mapping() {
    let text = wrap("persistence:\n  data: {existingClaim: pvc, mountPath: /data}\n");
    let (out, _) = fixed_by("S002", &text);
    assert_eq!(
        out,
        wrap("persistence:\n  data: {data: {existingClaim: pvc, mountPath: /data}}\n")
    );
}

#[test]
fn s003_moves_into_an_existing_persistence() {
    let text = "persistence:\n  logs:\n    hostPath: /l\n# outputs below\noutputs:\n  out:  # mine\n    existingClaim: pvc\n    mountPath: /o\nrbac: {}\n";
    let (out, kind) = fixed_by("S003", text);
    assert_eq!(
        out,
        "persistence:\n  logs:\n    hostPath: /l\n  outputs:\n    out:  # mine\n      existingClaim: pvc\n      mountPath: /o\n# outputs below\nrbac: {}\n"
    );
    assert_eq!(kind, Applicability::Safe);
}

#[test]
fn s003_moves_outputs_and_data_together_under_a_new_persistence() {
    let text = "data:\n  d:\n    hostPath: /d\n    mountPath: /data\nrbac: {}\noutputs:\n  o:\n    hostPath: /o\n    mountPath: /outputs\n";
    let out = fix_all(text, &Options::default());
    assert_eq!(
        out.text,
        "persistence:\n  data:\n    d:\n      hostPath: /d\n      mountPath: /data\n  outputs:\n    o:\n      hostPath: /o\n      mountPath: /outputs\nrbac: {}\n"
    );
}

#[test]
fn s004_renames_to_the_slug() {
    let text = wrap(
        "persistence:\n  outputs:\n    Outputs_1:\n      existingClaim: pvc\n      mountPath: /o\n",
    );
    let (out, kind) = fixed_by("S004", &text);
    assert_eq!(out, wrap("persistence:\n  outputs:\n    outputs-1:\n      existingClaim: pvc\n      mountPath: /o\n"));
    assert_eq!(kind, Applicability::Suggested);
}

#[test]
fn k001_renames_a_case_typo_safely() {
    let text = wrap(
        "persistence:\n  outputs:\n    out:\n      existingclaim: pvc # c\n      mountPath: /o\n",
    );
    let (out, kind) = fixed_by("K001", &text);
    assert_eq!(out, wrap("persistence:\n  outputs:\n    out:\n      existingClaim: pvc # c\n      mountPath: /o\n"));
    assert_eq!(kind, Applicability::Safe);
}

#[test]
fn k001_is_only_suggested_when_the_key_already_exists() {
    let text = wrap("persistence:\n  outputs:\n    out:\n      existingclaim: pvc\n      existingClaim: pvc2\n      mountPath: /o\n");
    let (_, kind) = fixed_by("K001", &text);
    assert_eq!(kind, Applicability::Suggested);
}

#[test]
fn k002_removes_legacy_keys() {
    let text = wrap("persistence:\n  outputs:\n    out:\n      existingClaim: pvc\n      size: 10Gi\n      mountPath: /o\n");
    let (out, kind) = fixed_by("K002", &text);
    assert_eq!(
        out,
        wrap("persistence:\n  outputs:\n    out:\n      existingClaim: pvc\n      mountPath: /o\n")
    );
    assert_eq!(kind, Applicability::Suggested);
}

#[test]
fn k003_removes_sub_path() {
    let text = wrap(
        "persistence:\n  outputs:\n    out: {existingClaim: pvc, subPath: x, mountPath: /o}\n",
    );
    let (out, _) = fixed_by("K003", &text);
    assert_eq!(
        out,
        wrap("persistence:\n  outputs:\n    out: {existingClaim: pvc, mountPath: /o}\n")
    );
}

#[test]
fn k004_removes_a_key_without_effect() {
    let text = wrap("persistence:\n  outputs:\n    out:\n      store: gcs\n      bucket: gs://b-out\n      mountPath: /o\n      secret: s\n      secretKey: K\n");
    let (out, _) = fixed_by("K004", &text);
    assert_eq!(out, wrap("persistence:\n  outputs:\n    out:\n      store: gcs\n      bucket: gs://b-out\n      secret: s\n      secretKey: K\n"));
}

#[test]
fn t001_turns_yes_strings_into_booleans() {
    let text = wrap("persistence:\n  data:\n    d:\n      existingClaim: pvc\n      mountPath: /d\n      readOnly: 'yes'  # ro\n");
    let (out, kind) = fixed_by("T001", &text);
    assert_eq!(out, wrap("persistence:\n  data:\n    d:\n      existingClaim: pvc\n      mountPath: /d\n      readOnly: true  # ro\n"));
    assert_eq!(kind, Applicability::Safe);
}

#[test]
fn v002_keeps_the_first_kind() {
    let text = wrap("persistence:\n  outputs:\n    out:\n      existingClaim: pvc\n      hostPath: /h\n      mountPath: /o\n");
    let (out, kind) = fixed_by("V002", &text);
    assert_eq!(
        out,
        wrap("persistence:\n  outputs:\n    out:\n      existingClaim: pvc\n      mountPath: /o\n")
    );
    assert_eq!(kind, Applicability::Suggested);
}

#[test]
fn v004_drops_the_trailing_slash_keeping_quotes() {
    let text = wrap(
        "persistence:\n  outputs:\n    out:\n      existingClaim: pvc\n      mountPath: \"/o/\"\n",
    );
    let (out, kind) = fixed_by("V004", &text);
    assert_eq!(out, wrap("persistence:\n  outputs:\n    out:\n      existingClaim: pvc\n      mountPath: \"/o\"\n"));
    assert_eq!(kind, Applicability::Safe);
}

#[test]
fn c001_spells_the_store() {
    let text = wrap("persistence:\n  outputs:\n    out:\n      store: GCS\n      bucket: gs://b-out\n      secret: s\n      secretKey: K\n");
    let (out, kind) = fixed_by("C001", &text);
    assert_eq!(out, wrap("persistence:\n  outputs:\n    out:\n      store: gcs\n      bucket: gs://b-out\n      secret: s\n      secretKey: K\n"));
    assert_eq!(kind, Applicability::Safe);
}

#[test]
fn c003_adds_the_missing_scheme() {
    let text = wrap("persistence:\n  outputs:\n    out:\n      store: s3\n      bucket: 'outputs-bucket'\n      secret: s\n      secretKey: K\n");
    let (out, kind) = fixed_by("C003", &text);
    assert_eq!(out, wrap("persistence:\n  outputs:\n    out:\n      store: s3\n      bucket: 's3://outputs-bucket'\n      secret: s\n      secretKey: K\n"));
    assert_eq!(kind, Applicability::Safe);
}

/// A file with many safe fixes, in CRLF, with multibyte comments.
const BROKEN: &str = "# Wertë für Polyaxon — ünïcode\r\noutputs:\r\n  out:\r\n    existingclaim: pvc   # ✓\r\n    mountPath: /o/\r\n  s3:\r\n    store: aws\r\n    bucket: b-out\r\n    secret: s\r\n    secretKey: K\r\n    readOnly: \"no\"\r\n";

#[test]
fn all_safe_fixes_at_once_then_nothing_left() {
    let once = fix_all(BROKEN, &Options::default());
    let report = run(&once.text);
    assert!(report.safe_fixes().is_empty(), "{:?}", codes(&report));
    for code in ["S003", "K001", "C001", "C003", "T001"] {
        assert_eq!(count(&report, code), 0, "{code} left in:\n{}", once.text);
    }
    let twice = fix_all(&once.text, &Options::default());
    assert_eq!(twice.text, once.text);
    assert_eq!(twice.applied, 0);
    // CRLF and the multibyte comment lines are intact.
    assert!(once
        .text
        .starts_with("# Wertë für Polyaxon — ünïcode\r\npersistence:\r\n"));
    assert!(once.text.contains("existingClaim: pvc   # ✓\r\n"));
    assert!(
        !once.text.replace("\r\n", "").contains('\n'),
        "a bare LF crept in"
    );
}

#[test]
fn fixing_keeps_unrelated_sections_byte_for_byte() {
    for rel in ["corpus/examples-azure-flat.yaml", "examples/broken.yaml"] {
        let text = fixture(rel);
        let out = fix_all(&text, &Options::default());
        assert_ne!(blocks_but_persistence(&text), Vec::<String>::new(), "{rel}");
        // Every other top-level block, before and after `persistence`, byte for byte.
        assert_eq!(
            blocks_but_persistence(&out.text),
            blocks_but_persistence(&text),
            "{rel}"
        );
    }
}

#[test]
fn the_pages_broken_example_fixes_to_the_expected_file() {
    // The e2e test downloads the page's export and compares it with this same file.
    let text = fixture("examples/broken.yaml");
    let out = fix_all(&text, &Options::default());
    golden("examples/broken.fixed.yaml", &out.text);
}

#[test]
fn regression_no_safe_move_when_outputs_is_written_twice_at_the_root() {
    // Found by the property tests: moving the `outputs` Helm keeps left the other behind.
    let text = "outputs:\noutputs:\n  plx-outputs:\n    existingClaim: pvc\n    mountPath: /o\n";
    let report = run(text);
    let s003: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.code == "S003")
        .collect();
    assert_eq!(s003.len(), 1);
    assert!(s003[0].fix.is_none());
    assert_eq!(count(&report, "Y002"), 1);
}

#[test]
fn fixes_and_migrations_never_add_credentials() {
    // C010 counts inline credentials: no fix or migration output may have more than its input.
    for rel in [
        "examples/broken.yaml",
        "examples/s3.yaml",
        "docs/s3-docs.yaml",
        "docs/terraform-gcs.yaml",
        "corpus/deploy-tests/values4.yml",
        "corpus/examples-azure-flat.yaml",
    ] {
        let text = fixture(rel);
        let before = count(&run(&text), "C010");
        let fixed = fix_all(&text, &Options::default());
        assert!(count(&run(&fixed.text), "C010") <= before, "{rel}: fixes");
        let report = run(&text);
        for fix in report.findings.iter().filter_map(|f| f.fix.as_ref()) {
            if let Ok(applied) = apply(&text, &[fix]) {
                assert!(
                    count(&run(&applied.text), "C010") <= before,
                    "{rel}: {}",
                    fix.title
                );
                assert!(!applied.text.contains("AKIA") || text.contains("AKIA"));
            }
        }
    }
}

/// Issue "Safe means safe": each example found by the adversarial review, as a test.
mod safe_means_safe {
    use super::*;
    use storage_core::check;

    fn fix_of<'a>(report: &'a storage_core::Report, code: &str) -> Option<&'a storage_core::Fix> {
        report
            .findings
            .iter()
            .find(|f| f.code == code)?
            .fix
            .as_ref()
    }

    #[test]
    fn valid_connection_kinds_get_no_fix() {
        for kind in ["git", "aws", "gcp", "ssh", "azure", "registry"] {
            let text = format!("connections:\n  - name: c\n    kind: {kind}\n    schema:\n      url: https://example.com\n");
            let report = check(&text, &Options::default());
            assert!(
                report
                    .findings
                    .iter()
                    .all(|f| f.fix.is_none() && f.code != "A003"),
                "{kind}: {:?}",
                codes(&report)
            );
        }
    }

    #[test]
    fn a_store_that_is_no_store_is_not_guessed_safely() {
        for store in ["nfs", "efs"] {
            let report = run(&format!("persistence:\n  outputs:\n    out:\n      store: {store}\n      bucket: b\n      secret: s\n      secretKey: K\n"));
            assert!(
                fix_of(&report, "C001").is_none_or(|f| !f.is_safe()),
                "{store}"
            );
        }
        let report = run("persistence:\n  outputs:\n    out:\n      store: S3\n      bucket: s3://b\n      secret: s\n      secretKey: K\n");
        assert!(fix_of(&report, "C001").is_some_and(|f| f.is_safe()));
    }

    #[test]
    fn two_spellings_of_one_key_are_not_both_renamed() {
        let text = "persistence:\n  outputs:\n    out:\n      mountpath: /a\n      MountPath: /b\n      hostPath: /h\n";
        let report = run(text);
        assert!(report
            .findings
            .iter()
            .filter(|f| f.code == "K001")
            .all(|f| !f.fix.as_ref().unwrap().is_safe()));
        let fixed = fix_all(text, &Options::default());
        assert_eq!(count(&run(&fixed.text), "Y002"), 0);
    }

    #[test]
    fn nothing_safe_edits_an_anchor_and_the_path_named_is_stable() {
        let text = "x-base: &base {mountPath: /o/}\npersistence:\n  outputs:\n    out:\n      <<: *base\n      hostPath: /h\n";
        let report = run(text);
        assert!(fix_of(&report, "V004").is_some_and(|f| !f.is_safe()));
        let once = fix_all(text, &Options::default());
        assert_eq!(once.text, text);
        // Applying that fix anyway is refused, naming the same path every time.
        let fix = fix_of(&report, "V004").unwrap();
        let errors: Vec<String> = (0..5)
            .map(|_| {
                apply(text, &[fix])
                    .err()
                    .map(|e| e.to_string())
                    .unwrap_or_default()
            })
            .collect();
        assert!(errors.iter().all(|e| e == &errors[0]), "{errors:?}");
    }

    #[test]
    fn a_host_style_bucket_is_read_as_its_bucket_not_prefixed() {
        let report = run("persistence:\n  outputs:\n    out:\n      store: s3\n      bucket: my-outputs.s3.amazonaws.com\n      secret: s\n      secretKey: K\n");
        let fix = fix_of(&report, "C003").expect("a fix");
        assert!(!fix.is_safe());
        assert_eq!(fix.edits[0].replacement, "s3://my-outputs");
        let https = run("persistence:\n  outputs:\n    out:\n      store: gcs\n      bucket: https://my-b.s3.amazonaws.com/x\n      secret: s\n      secretKey: K\n");
        let c003 = https.findings.iter().find(|f| f.code == "C003").unwrap();
        assert!(
            c003.message.contains("an Amazon S3 address"),
            "{}",
            c003.message
        );
        assert!(!c003.message.contains("Azure"), "{}", c003.message);
    }

    #[test]
    fn one_cause_one_finding() {
        let typo = run(
            "persistence:\n  outputs:\n    out:\n      mountPath: /o\n      existingclaim: pvc\n",
        );
        assert_eq!((count(&typo, "K001"), count(&typo, "V001")), (1, 0));
        let flat = run("persistence:\n  outputs:\n    mountPath: /o\n    existingClaim: pvc\n");
        assert_eq!((count(&flat, "S002"), count(&flat, "D003")), (1, 0));
        let enabled = run("persistence:\n  outputs:\n    out:\n      mountPath: /o\n      existingClaim: pvc\n      enabled: true\n");
        assert_eq!((count(&enabled, "K002"), count(&enabled, "K001")), (1, 0));
    }
}

/// `(code, path)` of every finding, for `FixOutcome::between`.
fn keys(report: &storage_core::Report) -> Vec<(&'static str, &str)> {
    report
        .findings
        .iter()
        .map(|f| (f.code, f.path.as_str()))
        .collect()
}

#[test]
fn the_outcome_of_fixing_counts_what_went_and_names_what_came() {
    // Fixing the key's case (K001) makes the entry a claim: two findings go (K001, V004),
    // two come with it (the migration A008, the access-mode D002), S004's rename stays a
    // suggestion, and D001 on the default logs and repos stay.
    let text = "persistence:\n  outputs:\n    Outputs_1:\n      mountPath: /outputs/\n      existingclaim: pvc\n";
    let before = run(text);
    let done = fix_all(text, &Options::default());
    let after = run(&done.text);
    assert_eq!(codes(&before), ["D001", "D001", "S004", "V004", "K001"]);
    assert_eq!(codes(&after), ["A008", "D001", "D001", "D002", "S004"]);
    let outcome = storage_core::FixOutcome::between(keys(&before), keys(&after));
    assert_eq!((outcome.fixed, outcome.remaining), (2, 5));
    let revealed: Vec<&str> = outcome.revealed.iter().map(|(c, _)| *c).collect();
    assert_eq!(revealed, ["A008", "D002"]);

    // A rename moves an entry's other findings to a new path: they are not new.
    let outcome = storage_core::FixOutcome::between(
        [("S004", "o.Out_1"), ("V004", "o.Out_1.mountPath")],
        [("V004", "o.out-1.mountPath")],
    );
    assert_eq!((outcome.fixed, outcome.remaining), (1, 1));
    assert_eq!(outcome.revealed, vec![]);

    // A code the old text did not have is named, with its path.
    let outcome = storage_core::FixOutcome::between(
        [("S002", "persistence.outputs"), ("V004", "a.mountPath")],
        [
            ("V003", "persistence.outputs.out.mountPath"),
            ("V004", "b.mountPath"),
        ],
    );
    assert_eq!(outcome.fixed, 1);
    assert_eq!(outcome.remaining, 2);
    assert_eq!(
        outcome.revealed,
        vec![("V003", "persistence.outputs.out.mountPath".to_string())]
    );
    assert_eq!(
        outcome.summary(),
        "1 fixed, 2 remaining; revealed: V003 at `persistence.outputs.out.mountPath`"
    );
    // The same path is matched first: one more of a code is named.
    let outcome =
        storage_core::FixOutcome::between([("V004", "a")], [("V004", "b"), ("V004", "a")]);
    assert_eq!(outcome.revealed, vec![("V004", "b".to_string())]);
    assert_eq!(outcome.fixed, 0);
}

/// Issue 19 (the meaning guard): what a safe fix may not do.
mod meaning {
    use super::*;

    fn fix_all_text(text: &str) -> String {
        fix_all(text, &Options::default()).text
    }

    fn cloud(store: &str, bucket: &str) -> String {
        format!("persistence:\n  outputs:\n    out:\n      store: {store}\n      bucket: {bucket}\n      secret: s\n      secretKey: K\n")
    }

    #[test]
    fn a_node_path_in_a_bucket_is_not_made_an_s3_url() {
        let text = cloud("s3", "/mnt/outputs");
        assert_eq!(fix_all_text(&text), text);
    }

    #[test]
    fn an_azure_address_under_gcs_is_not_given_gs() {
        let text = cloud("gcs", "outputs@myaccount.blob.core.windows.net/runs");
        assert_eq!(fix_all_text(&text), text);
    }

    #[test]
    fn a_mistyped_scheme_is_a_suggestion_not_doubled() {
        let text = cloud("s3", "s3//my-bucket");
        assert_eq!(fix_all_text(&text), text);
        let (fixed, how) = fixed_by("C003", &text);
        assert_eq!(how, Applicability::Suggested);
        assert!(fixed.contains("bucket: s3://my-bucket\n"), "{fixed}");
    }

    #[test]
    fn a_bare_valid_bucket_name_still_gets_its_scheme_safely() {
        let (fixed, how) = fixed_by("C003", &cloud("gcs", "my-outputs/runs"));
        assert_eq!(how, Applicability::Safe);
        assert!(fixed.contains("bucket: gs://my-outputs/runs\n"), "{fixed}");
    }

    #[test]
    fn a_lone_cr_file_is_not_given_lf_lines_by_the_s003_move() {
        let text = "outputs:\r  out:\r    hostPath: /data/out\r    mountPath: /outputs\r";
        let out = fix_all_text(text);
        assert!(!out.contains('\n'), "{out:?}");
        assert_eq!(out, text);
    }

    #[test]
    fn a_crlf_file_stays_crlf_after_the_s003_move() {
        let text = "outputs:\r\n  out:\r\n    hostPath: /data/out\r\n    mountPath: /outputs\r\n";
        let out = fix_all_text(text);
        assert!(out.starts_with("persistence:\r\n"), "{out:?}");
        assert_eq!(out.matches('\n').count(), out.matches("\r\n").count());
    }

    #[test]
    fn a_new_error_on_another_entry_is_new_though_its_code_is_not() {
        // `a` has V002 already; renaming `hostpath` in `b` would give `b` its own.
        let text = "persistence:\n  outputs:\n    a:\n      hostPath: /a\n      existingClaim: c\n      mountPath: /a\n    b:\n      hostpath: /b\n      existingClaim: d\n      mountPath: /b\n";
        let fixed = fix_all(text, &Options::default());
        assert_eq!(fixed.text, text);
        assert!(
            fixed.skipped[0]
                .reason
                .contains("V002 at `persistence.outputs.b`"),
            "{:?}",
            fixed.skipped
        );
    }

    #[test]
    fn a_safe_fix_keeps_a_comment_after_a_tag_or_an_anchor() {
        for head in [
            "mountPath: !!str # keep me\n        /outputs/",
            "mountPath: &m # keep me\n        /outputs/",
        ] {
            let text = format!(
                "persistence:\n  outputs:\n    out:\n      {head}\n      existingClaim: c\n"
            );
            let report = run(&text);
            let v004 = report.findings.iter().find(|f| f.code == "V004");
            if let Some(fix) = v004.and_then(|f| f.fix.as_ref()) {
                assert_eq!(fix.applicability, Applicability::Suggested, "{head}");
            }
            let out = fix_all_text(&text);
            assert!(out.contains("# keep me"), "{out}");
        }
        let text = "persistence:\n  outputs:\n    out:\n      store: &s # keep me\n        aws\n      bucket: s3://abc\n      secret: s\n      secretKey: K\n";
        assert!(fix_all_text(text).contains("# keep me"));
    }
}

/// Issue 20: `logs`, `repos`, `upload` written like an `outputs` entry. One named entry:
/// its keys move up, exactly what the user meant; two: no fix, which one is theirs to say.
#[test]
fn s002_moves_a_lone_named_entry_up_into_its_section() {
    let text = wrap("persistence:\n  logs:\n    team-logs:\n      # on the NFS claim\n      existingClaim: logs-claim\n      mountPath: /polyaxon-logs\n");
    let (out, kind) = fixed_by("S002", &text);
    assert_eq!(
        out,
        wrap("persistence:\n  logs:\n    # on the NFS claim\n    existingClaim: logs-claim\n    mountPath: /polyaxon-logs\n")
    );
    assert_eq!(kind, Applicability::Safe);
    let flow = wrap(
        "persistence:\n  repos: {code: {existingClaim: repos-claim, mountPath: /polyaxon-repos}}\n",
    );
    let (out, _) = fixed_by("S002", &flow);
    assert_eq!(
        out,
        wrap("persistence:\n  repos: {existingClaim: repos-claim, mountPath: /polyaxon-repos}\n")
    );
    let two = "persistence:\n  logs:\n    a:\n      hostPath: /a\n      mountPath: /polyaxon-logs\n    b:\n      existingClaim: b\n      mountPath: /polyaxon-logs\n";
    let report = run(two);
    let f = report.findings.iter().find(|f| f.code == "S002").unwrap();
    assert!(f.fix.is_none() && f.message.contains("`a`, `b`"), "{f:?}");
    // Next to keys of the section's own, moving up would mix two entries: no fix.
    let mixed =
        "persistence:\n  logs:\n    mountPath: /polyaxon-logs\n    a:\n      existingClaim: a\n";
    let report = run(mixed);
    let f = report.findings.iter().find(|f| f.code == "S002").unwrap();
    assert!(f.fix.is_none() && !f.message.contains("default"), "{f:?}");
    let fixed = fix_all(&text, &Options::default());
    assert_eq!(fixed.applied, 1, "{:?}", fixed.skipped);
}

/// Found by the property tests (a stack overflow, which kills the page): S002's wrap offered
/// as safe for a `data` section that an inline `<<` merge brings, which `apply` refused; with
/// another fix beside it, the pair failed with no new error to go by and `fix_all` recursed
/// until the stack ran out. The section is still found, without a fix, and `fix_all` ends.
/// (The chooser's halving itself is tested in check.rs.)
#[test]
fn a_section_brought_by_a_merge_is_found_and_fix_all_ends() {
    let text =
        "persistence:\n  outputs:\n      store: aws\n  <<:\n    data:\n      mountPath: /outputs\n";
    let report = storage_core::check(text, &Options::default());
    let s002: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.code == "S002")
        .collect();
    assert_eq!(s002.len(), 2, "{:?}", report.findings);
    assert!(s002
        .iter()
        .any(|f| f.path == "persistence.data" && f.fix.is_none()));
    let fixed = fix_all(text, &Options::default());
    assert_eq!(fix_all(&fixed.text, &Options::default()).text, fixed.text);
}
