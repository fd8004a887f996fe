//! `storage-check map FILE`: the human table and the JSON map, from the binary.

use std::process::Output;

mod common;

use common::{fixture_arg as fixture, run, run_stdin};

fn stdout(out: &Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

#[test]
fn human_map_is_an_aligned_table_with_notes() {
    let text = stdout(&run(&["map", &fixture("examples/s3.yaml")]));
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].ends_with("s3.yaml: chart v0 (0.2 – 0.6), auto: from `persistence`"),
        "{text}"
    );
    assert_eq!(
        lines[1].split_whitespace().collect::<Vec<_>>(),
        ["ROLE", "ENTRY", "PODS", "SOURCE", "MOUNT", "PATH", "ACCESS"]
    );
    // Every column starts where its header does.
    let column = |header: &str| lines[1].find(header).unwrap();
    let row = lines
        .iter()
        .find(|l| l.starts_with("data "))
        .expect("a data row");
    assert_eq!(row.find("datasets"), Some(column("ENTRY")));
    assert_eq!(row.find("jobs"), Some(column("PODS")));
    assert_eq!(row.find("claim datasets-pvc"), Some(column("SOURCE")));
    assert_eq!(row.find("/data"), Some(column("MOUNT PATH")));
    assert_eq!(row.find("read-only"), Some(column("ACCESS")));
    assert!(text.contains(
        "s3://polyaxon-outputs/experiments (Secret s3-credentials, key S3_CREDENTIALS_JSON)"
    ));
    assert!(text.contains("logs (chart default)"));
    assert!(text.contains("    - pods on several nodes need the claim ReadWriteMany"));
}

#[test]
fn human_map_shows_the_empty_dir_trap() {
    let text = stdout(&run_stdin(
        &["map", "-"],
        b"persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n",
    ));
    assert!(text.starts_with("<stdin>: chart v0 (0.2 – 0.6)"), "{text}");
    let jobs = text
        .lines()
        .find(|l| l.starts_with("outputs") && l.contains(" jobs "))
        .unwrap();
    assert!(jobs.contains("emptyDir"), "{jobs}");
    assert!(text.contains("emptyDir: the files are deleted with the pod"));
}

#[test]
fn json_map_is_the_serialized_map() {
    let out = run(&["map", "--format", "json", &fixture("examples/v1.yaml")]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("one JSON document");
    assert_eq!(json["chart"], "v1");
    // Why that chart, as in the check's JSON (issue 20).
    assert_eq!(json["chart_basis"]["by"], "keys");
    assert_eq!(json["chart_basis"]["evidence"][0], "artifactsStore");
    let rows = json["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0]["role"], "artifacts-store");
    assert_eq!(rows[0]["entry"], "artifacts");
    assert_eq!(rows[0]["pods"], serde_json::json!(["api", "streams"]));
    assert_eq!(rows[0]["source"]["kind"], "bucket");
    assert_eq!(rows[0]["source"]["secret"]["name"], "s3-credentials");
    let datasets = &rows[2];
    assert_eq!(datasets["role"], "connection");
    assert_eq!(datasets["pods"], serde_json::json!(["runs"]));
    assert_eq!(
        datasets["source"],
        serde_json::json!({"kind": "claim", "claim": "datasets-pvc"})
    );
    assert_eq!(datasets["mount_path"], "/datasets");
    assert_eq!(datasets["read_only"], true);
    assert_eq!(datasets["notes"][0]["code"], "read-write-many");
}

#[test]
fn json_map_of_the_chart_0_6_1_values_and_options() {
    let path = fixture("corpus/chart-0.6.1-values.yaml");
    let out = run(&["map", &path, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["chart"], "v0");
    assert_eq!(json["rows"].as_array().unwrap().len(), 7);
    assert_eq!(json["rows"][0]["default"], true);
    assert_eq!(json["rows"][0]["source"]["path"], "/tmp/outputs");
    assert_eq!(json["rows"][0]["notes"][0]["code"], "node-local");
    // Single node: host paths are fine, the note goes.
    let out = run(&[
        "map",
        &path,
        "--format",
        "json",
        "--topology",
        "single-node",
    ]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["rows"][0]["notes"], serde_json::json!([]));
    // --chart v1 reads the same file for today's chart: the default store.
    let out = run(&["map", &path, "--format", "json", "--chart", "v1"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["rows"][0]["entry"], "default-artifacts-store");
}

#[test]
fn a_file_that_is_not_yaml_cannot_be_mapped() {
    let out = run_stdin(&["map", "-"], b"a: [\n");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("<stdin>: cannot map"));
    let out = run(&["map", "/nonexistent/values.yaml"]);
    assert_eq!(out.status.code(), Some(2));
}
