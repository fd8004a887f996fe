//! `--format sarif`: SARIF 2.1.0, the format GitHub code scanning uploads
//! (`github/codeql-action/upload-sarif`) and other viewers read.

use serde_json::{json, Value};
use storage_core::rules::{self, FixKind};
use storage_core::source::LineIndex;
use storage_core::{Finding, Fix, Severity};

use crate::input::Unreadable;
use crate::render::Checked;
use storage_core::rules::examples as rule_examples;

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// One SARIF log with one run: every rule in the driver, a result per finding.
pub fn sarif(results: &[Checked<'_>], unreadable: &[Unreadable]) -> String {
    let mut out_results = Vec::new();
    let mut charts = Vec::new();
    for (file, text, report) in results {
        let uri = if file.is_stdin() {
            "stdin".to_string()
        } else {
            file_uri(&file.display)
        };
        charts.push(json!({
            "uri": uri,
            "chart": report.chart,
            "basis": report.basis,
            "said": report.chart_said(),
        }));
        let index = LineIndex::new(text);
        for finding in &report.findings {
            out_results.push(result(finding, &uri, text, &index));
        }
    }
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "storage-check",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules::all().map(rule).collect::<Vec<_>>(),
            }},
            // Our columns count characters, not SARIF's default UTF-16 code units.
            "columnKind": "unicodeCodePoints",
            "results": out_results,
            // Which chart each file was checked for, and why (SARIF's property bag).
            "properties": { "charts": charts },
            // A file that could not be read is a tool execution notification: the run's
            // other results still stand and are uploaded.
            "invocations": [{
                "executionSuccessful": unreadable.is_empty(),
                "toolExecutionNotifications": unreadable.iter().map(|bad| json!({
                    "level": "error",
                    "message": { "text": bad.message },
                    "locations": [{ "physicalLocation": { "artifactLocation": {
                        "uri": if bad.display == "<stdin>" { "stdin".to_string() } else { file_uri(&bad.display) },
                    }}}],
                })).collect::<Vec<_>>(),
            }],
        }],
    });
    let mut out = serde_json::to_string_pretty(&log)
        .unwrap_or_else(|e| format!("{{\"error\": {:?}}}", e.to_string()));
    out.push('\n');
    out
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn rule(rule: &rules::Rule) -> Value {
    let fix = match rule.fix {
        FixKind::None => "none",
        FixKind::Safe => "safe",
        FixKind::Suggested => "suggested",
    };
    let mut markdown = format!(
        "{}\n\n`storage-check rule {}` explains it.",
        rule.why, rule.code
    );
    if let Some(example) = rule_examples::for_code(rule.code) {
        markdown.push_str(&format!(
            "\n\nExample:\n\n```yaml\n{}```\n\nFixed:\n\n```yaml\n{}```",
            example.bad, example.fixed
        ));
    }
    json!({
        "id": rule.code,
        "shortDescription": { "text": rule.summary },
        "fullDescription": { "text": rule.why },
        "help": {
            "text": format!("{} `storage-check rule {}` explains it.", rule.why, rule.code),
            "markdown": markdown,
        },
        "defaultConfiguration": { "level": level(rule.severity) },
        "properties": { "fix": fix },
    })
}

fn result(finding: &Finding, uri: &str, text: &str, index: &LineIndex) -> Value {
    let mut location = json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri },
            "region": region(text, index, finding.span.start, finding.span.end),
        },
    });
    if !finding.path.is_empty() {
        location["logicalLocations"] = json!([{ "fullyQualifiedName": finding.path }]);
    }
    let mut value = json!({
        "ruleId": finding.code,
        "level": level(finding.severity),
        "message": { "text": finding.message },
        "locations": [location],
    });
    if let Some(index_of) = rules::all().position(|r| r.code == finding.code) {
        value["ruleIndex"] = json!(index_of);
    }
    if let Some(fix) = &finding.fix {
        value["fixes"] = json!([sarif_fix(fix, uri, text, index)]);
    }
    value
}

fn sarif_fix(fix: &Fix, uri: &str, text: &str, index: &LineIndex) -> Value {
    let kind = if fix.is_safe() { "safe" } else { "suggested" };
    json!({
        "description": { "text": format!("{kind} fix: {}", fix.title) },
        "artifactChanges": [{
            "artifactLocation": { "uri": uri },
            "replacements": fix.edits.iter().map(|e| json!({
                "deletedRegion": region(text, index, e.start, e.end),
                "insertedContent": { "text": e.replacement },
            })).collect::<Vec<_>>(),
        }],
    })
}

fn region(text: &str, index: &LineIndex, start: usize, end: usize) -> Value {
    let from = index.position(text, start);
    let to = index.position(text, end.max(start));
    json!({
        "startLine": from.line,
        "startColumn": from.column,
        "endLine": to.line,
        "endColumn": to.column,
    })
}

/// A path as a URI reference: `/` separators, everything but unreserved characters
/// percent-encoded (RFC 3986); absolute paths become `file://` URIs.
fn file_uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::with_capacity(path.len());
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(file_uri("deploy/values.yaml"), "deploy/values.yaml");
        assert_eq!(file_uri("my values é.yaml"), "my%20values%20%C3%A9.yaml");
        assert_eq!(file_uri("/srv/values.yaml"), "file:///srv/values.yaml");
    }
}
