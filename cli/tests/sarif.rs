//! `--format sarif` against the official SARIF 2.1.0 schema (a fixture, no network), and
//! against the JSON output it must agree with.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

mod common;

use common::fixture_arg as fixture;

fn run(args: &[&str]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_storage-check"))
        .args(args)
        .output()
        .expect("runs");
    serde_json::from_slice(&out.stdout).expect("one JSON document")
}

fn validator() -> jsonschema::Validator {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sarif-schema-2.1.0.json");
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("schema fixture"))
            .expect("JSON");
    jsonschema::draft4::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles")
}

fn errors(validator: &jsonschema::Validator, log: &Value) -> Vec<String> {
    validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn sarif_is_valid_against_the_official_schema() {
    let validator = validator();
    let files = [
        "corpus/chart-ci-values3.yaml",
        "corpus/examples-azure-flat.yaml",
        "examples/v1.yaml",
        "examples/broken.yaml",
    ];
    for file in files {
        let log = run(&["--format", "sarif", &fixture(file)]);
        let errors = errors(&validator, &log);
        assert!(errors.is_empty(), "{file}: {errors:#?}");
        assert!(log["runs"][0]["results"].is_array(), "{file}");
    }
    // The validation is real: a log without its version is refused.
    let mut log = run(&["--format", "sarif", &fixture(files[0])]);
    assert!(errors(&validator, &log).is_empty());
    log.as_object_mut().expect("an object").remove("version");
    assert!(!errors(&validator, &log).is_empty());
}

#[test]
fn sarif_results_match_the_json_findings() {
    let file = fixture("corpus/examples-azure-flat.yaml");
    let sarif = run(&["--format", "sarif", &file]);
    let json = run(&["--format", "json", &file]);
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    let findings = json["files"][0]["findings"].as_array().expect("findings");
    assert_eq!(results.len(), findings.len());
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules");
    for (result, finding) in results.iter().zip(findings) {
        assert_eq!(result["ruleId"], finding["code"]);
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], finding["code"]);
        let level = match finding["severity"].as_str() {
            Some("error") => "error",
            Some("warning") => "warning",
            _ => "note",
        };
        assert_eq!(result["level"], level);
        let region = &result["locations"][0]["physicalLocation"]["region"];
        assert_eq!(region["startLine"], finding["line"]);
        assert_eq!(region["startColumn"], finding["column"]);
        assert_eq!(region["endColumn"], finding["end_column"]);
        assert_eq!(result["fixes"].is_array(), !finding["fix"].is_null());
    }
    let uri = &results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
    assert!(
        uri.as_str()
            .is_some_and(|u| u.ends_with("examples-azure-flat.yaml")),
        "{uri}"
    );
}
