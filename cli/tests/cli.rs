//! The `storage-check` binary end to end: formats, exit codes, --fix, stdin.

use std::path::PathBuf;

mod common;

use common::{fixture, fixture_arg, run, run_stdin};

/// The first finding with `code` in the JSON output of one file.
fn json_finding(stdout: &[u8], code: &str) -> serde_json::Value {
    let json: serde_json::Value = serde_json::from_slice(stdout).expect("one JSON document");
    json["files"][0]["findings"]
        .as_array()
        .and_then(|all| all.iter().find(|f| f["code"] == code))
        .cloned()
        .unwrap_or_else(|| panic!("no {code} in {json}"))
}

fn temp_copy(rel: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "storage-check-test-{}-{}",
        std::process::id(),
        rel.replace('/', "_")
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("values.yaml");
    std::fs::copy(fixture(rel), &path).unwrap();
    path
}

#[test]
fn json_is_one_document_with_the_documented_fields() {
    let out = run(&[
        "--format",
        "json",
        fixture("corpus/chart-ci-values3.yaml").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    let findings = json["files"][0]["findings"].as_array().unwrap();
    let v007 = findings.iter().find(|f| f["code"] == "V007").unwrap();
    for field in [
        "code",
        "severity",
        "message",
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "why",
        "fix",
    ] {
        assert!(v007.get(field).is_some(), "missing {field}");
    }
    assert_eq!(v007["severity"], "error");
    assert!(v007["line"].as_u64().unwrap() > 1);
}

#[test]
fn json_fix_has_applicability_and_edits() {
    let out = run(&[
        "--format",
        "json",
        fixture("corpus/examples-azure-flat.yaml").to_str().unwrap(),
    ]);
    let s002 = json_finding(&out.stdout, "S002");
    // Wrapped, the entry would have no mountPath: the wrap is the user's call.
    assert_eq!(s002["fix"]["applicability"], "suggested");
    let edit = &s002["fix"]["edits"][0];
    assert!(edit["start"].is_u64() && edit["end"].is_u64() && edit["replacement"].is_string());
}

#[test]
fn exit_codes() {
    assert_eq!(
        run(&[fixture("corpus/chart-0.6.1-values.yaml").to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        run(&[fixture("corpus/chart-ci-values3.yaml").to_str().unwrap()])
            .status
            .code(),
        Some(1)
    );
    let missing = run(&["/nonexistent/values.yaml"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot read"));
    assert_eq!(run(&["--chart", "v9", "x.yaml"]).status.code(), Some(2));
    assert_eq!(run(&[]).status.code(), Some(2));
}

#[test]
fn strict_fails_on_warnings() {
    let warn =
        b"persistence:\n  outputs:\n    out:\n      existingClaim: pvc\n      mountPath: /o/\n";
    assert_eq!(run_stdin(&["-"], warn).status.code(), Some(0));
    assert_eq!(run_stdin(&["--strict", "-"], warn).status.code(), Some(1));
}

#[test]
fn invalid_utf8_and_nul_are_unusable_input() {
    let out = run_stdin(&["-"], b"persistence:\n  outputs: \xff\xfe\n");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not UTF-8"));
    let out = run_stdin(&["-"], b"a: 1\0\n");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("NUL"));
}

#[test]
fn github_format_annotates() {
    let out = run(&[
        "--format",
        "github",
        fixture("corpus/chart-ci-values3.yaml").to_str().unwrap(),
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.lines()
            .any(|l| l.starts_with("::error file=") && l.contains(",title=V007::")),
        "{text}"
    );
    assert!(text
        .lines()
        .any(|l| l.starts_with("::notice ") && l.contains("title=D001")));
}

#[test]
fn human_format_shows_snippets_and_a_summary() {
    let out = run(&[
        "--color",
        "never",
        fixture("corpus/chart-ci-values3.yaml").to_str().unwrap(),
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("error[V007]"), "{text}");
    assert!(text.contains("mountPath: \"/tmp/data\""));
    assert!(text.trim_end().ends_with("in 1 file"));
}

#[test]
fn fix_in_place_changes_only_the_fixed_nodes() {
    let path = temp_copy("corpus/examples-azure-flat.yaml");
    let out = run(&["--fix", path.to_str().unwrap()]);
    // The flat entries stay (their wrap is a suggestion): S002 errors, exit 1.
    assert_eq!(out.status.code(), Some(1));
    let fixed = std::fs::read_to_string(&path).unwrap();
    let expected =
        std::fs::read_to_string(fixture("corpus/examples-azure-flat.yaml.fixed")).unwrap();
    assert_eq!(fixed, expected);
}

#[test]
fn fix_stdout_prints_only_the_fixed_text() {
    let input = std::fs::read(fixture("docs/nfs-no-parent.yaml")).unwrap();
    let out = run_stdin(&["--fix", "--stdout", "-"], &input);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("persistence:\n  outputs:\n    plx-outputs:\n"),
        "{text}"
    );
    // The original on disk is untouched.
    assert_eq!(
        std::fs::read(fixture("docs/nfs-no-parent.yaml")).unwrap(),
        input
    );
}

#[test]
fn migrate_writes_a_v1_file_that_checks_clean() {
    let path = temp_copy("docs/s3-docs.yaml");
    let out = run(&["migrate", path.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("--from-literal=AWS_ACCESS_KEY_ID="));
    let migrated = std::fs::read_to_string(&path).unwrap();
    assert!(
        migrated.contains("artifactsStore:\n  name: outputs\n  kind: s3\n"),
        "{migrated}"
    );
    let check = run(&["--chart", "v1", "--strict", path.to_str().unwrap()]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}

#[test]
fn migrate_stdout_and_nothing_to_migrate() {
    let input = std::fs::read(fixture("corpus/examples-gke-claims.yaml")).unwrap();
    let out = run_stdin(&["migrate", "--stdout", "-"], &input);
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        std::fs::read_to_string(fixture("corpus/examples-gke-claims.yaml.migrated")).unwrap()
    );
    // Nothing written and exit 1: `migrate f --stdout > f.new && mv f.new f` stops there.
    let none = run_stdin(&["migrate", "--stdout", "-"], b"rbac: {}\n");
    assert_eq!(none.status.code(), Some(1));
    assert!(none.stdout.is_empty());
    assert!(String::from_utf8_lossy(&none.stderr)
        .contains("nothing migrated: the file has no `persistence`"));
    let flat = run_stdin(
        &["migrate", "--stdout", "-"],
        b"persistence:\n  outputs:\n    mountPath: /o\n    existingClaim: pvc\n",
    );
    assert_eq!(flat.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&flat.stderr).contains("flat shape"));
}

/// A file in a fresh temporary directory, for `migrate` to rewrite in place.
fn temp_file(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "storage-check-migrate-{}-{name}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("values.yaml");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn migrate_refuses_an_anchor_used_outside_persistence_with_exit_1() {
    let text = "persistence:\n  outputs:\n    out: &o\n      mountPath: /o\n      hostPath: /h\nother: *o\n";
    let path = temp_file("anchor", text);
    let out = run(&["migrate", path.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("nothing migrated") && stderr.contains("anchor"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        text,
        "nothing written"
    );
}

#[test]
fn migrate_refuses_errors_in_what_it_carries_unless_losses_are_accepted() {
    // A relative mountPath (V004) and a readOnly that is neither true nor false (T001,
    // and a loss: the v1+ connection would be writable).
    let text = "persistence:\n  outputs:\n    out:\n      mountPath: outputs\n      hostPath: /h\n  data:\n    d:\n      mountPath: /d\n      existingClaim: c\n      readOnly: \"maybe\"\n";
    let path = temp_file("errors", text);
    let out = run(&["migrate", path.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    for expected in [
        "V004",
        "T001",
        "readOnly",
        "--accept-losses",
        "nothing migrated",
    ] {
        assert!(stderr.contains(expected), "{expected} in {stderr}");
    }
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        text,
        "nothing written"
    );

    let out = run(&["migrate", "--accept-losses", path.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("loss (accepted)") && stderr.contains("maybe"),
        "{stderr}"
    );
    let migrated = std::fs::read_to_string(&path).unwrap();
    assert!(migrated.starts_with("artifactsStore:\n"), "{migrated}");

    // Errors elsewhere in the file do not stop it; a warning under an entry neither.
    let text = "persistence:\n  logs:\n    mountPath: logs\n  data:\n    d:\n      mountPath: /d\n      existingClaim: c\n      readOnly: \"true\"\n";
    let out = run_stdin(&["migrate", "--stdout", "-"], text.as_bytes());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("readOnly: true\n"));
    assert!(stderr.contains("dropped: persistence.logs"), "{stderr}");
}

#[test]
fn migrate_help_documents_accept_losses() {
    let out = run(&["migrate", "--help"]);
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("--accept-losses"), "{help}");
}

#[test]
fn chart_v1_is_an_option() {
    let out = run(&[
        "--chart",
        "v1",
        "--format",
        "json",
        fixture("corpus/chart-2.x-values.yaml").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["files"][0]["chart"], "v1");
    assert_eq!(json["files"][0]["findings"][0]["code"], "A009");
}

#[test]
fn version_names_the_binary_and_the_crate_version() {
    let out = run(&["--version"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!("storage-check {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn rule_explains_one_rule_and_rules_lists_them() {
    let out = run(&["rule", "v007"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("V007: "), "{text}");
    for part in ["Why it matters:", "Example:", "=> error[V007]", "Fixed:"] {
        assert!(text.contains(part), "{part} missing in:\n{text}");
    }
    let unknown = run(&["rule", "Z999"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("`storage-check rules`"));

    let list = String::from_utf8(run(&["rules"]).stdout).unwrap();
    assert!(
        list.lines().any(|l| l.starts_with("K001  error    safe")),
        "{list}"
    );
    assert!(list.lines().any(|l| l.starts_with("A009 ")), "{list}");
}

#[test]
fn human_output_names_the_command_to_learn_more() {
    let out = run(&[
        "--color",
        "never",
        fixture("corpus/chart-ci-values3.yaml").to_str().unwrap(),
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("For more on a rule, try `storage-check rule "),
        "{text}"
    );
}

#[test]
fn the_first_line_directive_sets_options_for_its_file() {
    let v0 = std::fs::read(fixture("corpus/examples-gke-claims.yaml")).unwrap();
    let mut marked = b"# storage-check: chart=v1 colour=red\n".to_vec();
    marked.extend(&v0);
    let out = run_stdin(&["--format", "json", "-"], &marked);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["files"][0]["chart"], "v1");
    assert!(String::from_utf8_lossy(&out.stderr).contains("<stdin>:1: unknown option `colour`"));
    let out = run_stdin(&["--format", "json", "-"], &v0);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["files"][0]["chart"], "v0");
}

#[test]
fn option_words_are_core_s_and_others_are_usage_errors() {
    let out = run(&[
        "--topology",
        "multi-node",
        "--edition",
        "enterprise",
        "--chart",
        "v0",
        "-",
    ]);
    // stdin is empty here: D003 only, not a usage error.
    assert_ne!(out.status.code(), Some(2));
    let bad = run(&["--chart", "v2", "values.yaml"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("[possible values: auto, v0, v1]"));
}

/// Issue "Safe means safe": what the user's file has, the fixed file keeps.
#[test]
fn a_byte_order_mark_is_kept_and_counted() {
    let text =
        "\u{feff}persistence:\n  outputs:\n    out:\n      mountPath: /o/\n      hostPath: /h\n";
    let out = run_stdin(&["--fix", "--stdout", "-"], text.as_bytes());
    let fixed = String::from_utf8(out.stdout).unwrap();
    assert!(fixed.starts_with('\u{feff}'), "{fixed:?}");
    assert!(fixed.contains("mountPath: /o\n"), "{fixed:?}");
    // JSON byte offsets count the file's bytes, the mark included.
    let out = run_stdin(&["--format", "json", "-"], text.as_bytes());
    let v004 = json_finding(&out.stdout, "V004");
    let (start, end) = (
        v004["start"].as_u64().unwrap() as usize,
        v004["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text.as_bytes()[start..end], b"/o/");
    let edit = &v004["fix"]["edits"][0];
    assert_eq!(edit["start"].as_u64().unwrap() as usize, start);
}

#[test]
fn carriage_returns_alone_end_lines() {
    let text = "persistence:\r  outputs:\r    out:\r      mountPath: /o/\r      hostPath: /h\r";
    let out = run_stdin(&["--format", "json", "-"], text.as_bytes());
    let v004 = json_finding(&out.stdout, "V004");
    assert_eq!(v004["line"], 4);
    assert_eq!(v004["column"], 18);
}

#[test]
fn a_fix_that_cannot_apply_is_named_and_the_rest_still_apply() {
    // The trailing slash sits in an anchor that `out` merges: fixing it there would change
    // `x-base` too, so that fix is not safe; the report is still printed, exit by verdict.
    let text = "x-base: &base\n  mountPath: /o/\npersistence:\n  outputs:\n    out:\n      <<: *base\n      hostPath: /h\n    out2:\n      mountPath: /p/\n      hostPath: /h2\n";
    let out = run_stdin(&["--fix", "--stdout", "-"], text.as_bytes());
    assert_ne!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let fixed = String::from_utf8(out.stdout).unwrap();
    assert!(
        fixed.contains("  mountPath: /o/\n"),
        "the anchor is left alone:\n{fixed}"
    );
    assert!(
        fixed.contains("      mountPath: /p\n"),
        "the other fix applies:\n{fixed}"
    );
}

/// Issue "The page as a real editor": after --fix, what the fixes did, on stderr.
#[test]
fn fix_says_how_many_findings_went_and_names_what_came() {
    let text = "persistence:\n  outputs:\n    Outputs_1:\n      mountPath: /outputs/\n      existingclaim: pvc\n";
    let out = run_stdin(&["--fix", "--stdout", "-"], text.as_bytes());
    let stderr = String::from_utf8(out.stderr).unwrap();
    // K001 and V004 fixed; the claim now read brings A008 and D002; S004 stays, and
    // so do D001 on the default logs and repos.
    assert_eq!(
        stderr.trim_end(),
        "<stdin>: applied 2 fixes: 2 fixed, 5 remaining; revealed: A008 at `persistence`, D002 at `persistence.outputs.Outputs_1`",
    );
    // Nothing to fix: nothing said.
    let out = run_stdin(&["--fix", "--stdout", "-"], b"rbac:\n  enabled: true\n");
    assert_eq!(String::from_utf8(out.stderr).unwrap(), "");
}

/// Issue 19: one unreadable input (UTF-16, a NUL) among several files used to empty
/// stdout in every format. Now it has its own error entry and the other files' findings
/// are still reported; the exit code stays 2.
#[test]
fn an_unreadable_file_is_reported_beside_the_others_findings() {
    let dir = std::env::temp_dir().join(format!("storage-check-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let utf16 = dir.join("utf16.yaml");
    std::fs::write(&utf16, b"\xff\xfep\x00e\x00").unwrap();
    let nul = dir.join("nul.yaml");
    std::fs::write(&nul, b"a: 1\0\n").unwrap();
    let (utf16, nul) = (utf16.to_string_lossy(), nul.to_string_lossy());
    let broken = fixture_arg("examples/broken.yaml");
    for format in ["human", "json", "github", "sarif"] {
        let out = run(&[
            "--format", format, "--color", "never", &utf16, &broken, &nul,
        ]);
        assert_eq!(out.status.code(), Some(2), "{format}");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(stdout.contains("UTF-16 text"), "{format}: {stdout}");
        assert!(stdout.contains("NUL byte"), "{format}: {stdout}");
        // The readable file's findings are all there.
        assert!(
            stdout.contains("K001") || stdout.contains("V00"),
            "{format}: {stdout}"
        );
        match format {
            "json" => {
                let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
                let files = json["files"].as_array().unwrap();
                assert_eq!(files.len(), 3);
                assert!(files.iter().filter(|f| f["error"].is_string()).count() == 2);
                assert!(files
                    .iter()
                    .any(|f| !f["findings"].as_array().unwrap().is_empty()));
            }
            "sarif" => {
                let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
                let run = &json["runs"][0];
                assert!(!run["results"].as_array().unwrap().is_empty());
                assert_eq!(run["invocations"][0]["executionSuccessful"], false);
                assert_eq!(
                    run["invocations"][0]["toolExecutionNotifications"]
                        .as_array()
                        .unwrap()
                        .len(),
                    2
                );
            }
            "github" => {
                assert!(stdout.contains("::error file=") && stdout.contains("title=unreadable"))
            }
            _ => assert!(stdout.contains("2 unreadable"), "{stdout}"),
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// Issue 20: every format says which chart a file was checked for and why: the human
/// output's first line, JSON's `chart_basis`/`chart_said`, SARIF's run properties.
#[test]
fn every_format_says_the_chart_and_its_evidence() {
    let text: &[u8] = b"intervals:\n  compatibilityCheck: -1\ngateway:\n  replicas: 2\n";
    let human = run_stdin(&["-"], text);
    let first = String::from_utf8_lossy(&human.stdout)
        .lines()
        .next()
        .unwrap_or_default()
        .to_string();
    assert_eq!(
        first,
        "<stdin>: chart v1+ (1.x, 2.x), auto: from `intervals.compatibilityCheck`, `gateway`"
    );
    let json = run_stdin(&["--format", "json", "-"], text);
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    let file = &json["files"][0];
    assert_eq!(file["chart"], "v1");
    assert_eq!(file["chart_basis"]["by"], "keys");
    assert_eq!(
        file["chart_basis"]["evidence"],
        serde_json::json!(["intervals.compatibilityCheck", "gateway"])
    );
    let sarif = run_stdin(&["--format", "sarif", "-"], text);
    let sarif: serde_json::Value = serde_json::from_slice(&sarif.stdout).expect("SARIF");
    let charts = &sarif["runs"][0]["properties"]["charts"][0];
    assert_eq!(charts["chart"], "v1");
    assert_eq!(charts["basis"]["evidence"][1], "gateway");
    // No evidence: said so, and checked as today's chart.
    let none = run_stdin(&["-"], b"ingress:\n  enabled: true\n");
    assert!(String::from_utf8_lossy(&none.stdout)
        .starts_with("<stdin>: chart v1+ (1.x, 2.x): nothing in the file says which chart"));
}

/// S002's fix moves a named entry's keys up, where the chart reads them: with an error of
/// their own (a relative `mountPath`) that would break what the default kept working, so
/// `--fix` leaves it to the user; a valid entry still moves up.
#[test]
fn fix_does_not_move_a_broken_named_entry_up() {
    let broken =
        "persistence:\n  repos:\n    r1:\n      existingClaim: c\n      mountPath: repos\n";
    let out = run_stdin(&["--fix", "--stdout", "-"], broken.as_bytes());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), broken);
    let valid = broken.replace("mountPath: repos", "mountPath: /repos");
    let out = run_stdin(&["--fix", "--stdout", "-"], valid.as_bytes());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "persistence:\n  repos:\n    existingClaim: c\n    mountPath: /repos\n"
    );
}
