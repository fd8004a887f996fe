//! The checker over JSON strings: what the `wasm` feature exports to JavaScript.
//!
//! `options` is a JSON object such as `{"chart": "v1", "topology": "multi-node"}` (every
//! field optional); an unreadable one is an error, never a silent default.

use serde::Serialize;

use crate::chart::ChartBasis;
use crate::finding::LocatedFinding;
use crate::options::{Chart, Options};

#[derive(Serialize)]
struct CheckOutput {
    chart: Option<Chart>,
    /// Why that chart, and the same in one line for people.
    chart_basis: Option<ChartBasis>,
    chart_said: Option<String>,
    findings: Vec<LocatedFinding>,
}

fn options(json: &str) -> Result<Options, String> {
    if json.trim().is_empty() {
        return Ok(Options::default());
    }
    serde_json::from_str(json).map_err(|e| format!("options: {e}"))
}

/// `{"chart": "v0", "findings": [...]}` (findings as the CLI's `--format json` writes them).
pub fn check(text: &str, options_json: &str) -> Result<String, String> {
    let options = options(options_json)?;
    let report = crate::check(text, &options);
    let out = CheckOutput {
        chart: report.chart,
        chart_said: report.chart_said(),
        chart_basis: report.basis.clone(),
        findings: report.located(text),
    };
    serde_json::to_string(&out).map_err(|e| e.to_string())
}

/// The text with every safe fix applied (as `storage-check --fix --stdout`).
pub fn fix(text: &str, options_json: &str) -> Result<String, String> {
    let options = options(options_json)?;
    Ok(crate::fix_all(text, &options).text)
}

#[cfg(feature = "wasm")]
mod exports {
    use wasm_bindgen::prelude::*;

    /// `check(text, optionsJson)`: the findings as a JSON string.
    #[wasm_bindgen(js_name = check)]
    pub fn check(text: &str, options: &str) -> Result<String, JsValue> {
        super::check(text, options).map_err(|e| JsValue::from_str(&e))
    }

    /// `fix(text, optionsJson)`: the text with every safe fix applied.
    #[wasm_bindgen(js_name = fix)]
    pub fn fix(text: &str, options: &str) -> Result<String, JsValue> {
        super::fix(text, options).map_err(|e| JsValue::from_str(&e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_returns_the_findings_as_json() {
        let out = check(
            "persistence:\n  outputs:\n    out:\n      mountPath: /o\n",
            "{\"topology\": \"multi-node\"}",
        )
        .unwrap();
        let value: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(value["chart"], "v0");
        let findings = value["findings"].as_array().unwrap();
        let v001 = findings.iter().find(|f| f["code"] == "V001").unwrap();
        assert_eq!(v001["line"], 3);
    }

    /// Issue 20: the JSON API (what the wasm exports) applies the file's directive over
    /// the caller's options, as the CLI and the language server do, and says why.
    #[test]
    fn the_files_directive_wins_and_the_basis_is_told() {
        let text = "# storage-check: chart=v1\npersistence:\n  outputs: {}\n";
        let value: serde_json::Value =
            serde_json::from_str(&check(text, "{\"chart\": \"v0\"}").unwrap()).unwrap();
        assert_eq!(value["chart"], "v1");
        assert_eq!(value["chart_basis"]["by"], "directive");
        let codes: Vec<&str> = value["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|f| f["code"].as_str())
            .collect();
        assert!(codes.contains(&"A007"), "{codes:?}");
        let value: serde_json::Value =
            serde_json::from_str(&check("gateway: {}\n", "").unwrap()).unwrap();
        assert_eq!(value["chart_basis"]["evidence"][0], "gateway");
        assert_eq!(value["chart_said"], "v1+ (1.x, 2.x), auto: from `gateway`");
    }

    #[test]
    fn bad_options_are_an_error() {
        assert!(check("a: 1\n", "{\"chart\": \"v9\"}")
            .unwrap_err()
            .starts_with("options:"));
    }

    #[test]
    fn fix_applies_the_safe_fixes() {
        let out = fix(
            "persistence:\n  outputs:\n    out:\n      mountPath: /o/\n      existingclaim: pvc\n",
            "",
        )
        .unwrap();
        assert_eq!(
            out,
            "persistence:\n  outputs:\n    out:\n      mountPath: /o\n      existingClaim: pvc\n"
        );
    }
}
