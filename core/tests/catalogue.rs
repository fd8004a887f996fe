//! The rule registry and the catalogue (`tests/fixtures/spec/RULES.md`, a copy of the
//! spec's RULES.md) agree: every code of the implemented families exists, with the
//! catalogue's severity, and every registered rule is in the catalogue.

mod common;

use common::fixture;
use storage_core::rules::{self, FixKind};
use storage_core::Severity;

/// Every family of the catalogue.
const FAMILIES: [char; 9] = ['Y', 'S', 'K', 'T', 'V', 'C', 'D', 'E', 'A'];

/// Rules we added where the catalogue is silent (README, "Choices the spec left open").
const ADDITIONS: [&str; 1] = ["A009"];

/// Catalogue codes folded into another (the copy's notes say why): (code, where it went).
const FOLDED: [(&str, &str); 1] = [("A005", "C003")];

/// (code, severity column, fix column) rows of the catalogue's tables.
fn catalogue() -> Vec<(String, String, String)> {
    fixture("spec/RULES.md")
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let code = cells.get(1)?;
            let ok = code.len() == 4
                && code.starts_with(|c: char| c.is_ascii_uppercase())
                && code[1..].bytes().all(|b| b.is_ascii_digit());
            ok.then(|| {
                (
                    code.to_string(),
                    cells.get(2).unwrap_or(&"").to_string(),
                    cells.get(4).unwrap_or(&"").to_string(),
                )
            })
        })
        .collect()
}

#[test]
fn every_catalogue_code_of_the_implemented_families_is_registered() {
    let rows = catalogue();
    assert!(rows.len() > 40, "the catalogue could not be read");
    for (code, _, _) in rows.iter().filter(|(c, _, _)| c.starts_with(FAMILIES)) {
        if let Some((_, into)) = FOLDED.iter().find(|(c, _)| c == code) {
            assert!(
                rules::by_code(code).is_none(),
                "{code} is folded but registered"
            );
            assert!(
                rules::by_code(into).is_some(),
                "{code} folded into {into}, unknown"
            );
            continue;
        }
        assert!(
            rules::by_code(code).is_some(),
            "{code} is in RULES.md but not implemented"
        );
    }
}

#[test]
fn every_registered_rule_is_in_the_catalogue_with_its_severity_and_fix() {
    let rows = catalogue();
    for rule in rules::all().filter(|r| !ADDITIONS.contains(&r.code)) {
        let (_, severity, fix) = rows
            .iter()
            .find(|(c, _, _)| c == rule.code)
            .unwrap_or_else(|| panic!("{} is registered but not in RULES.md", rule.code));
        let word = match rule.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        assert!(
            severity.contains(word),
            "{}: catalogue says {severity}, registry {word}",
            rule.code
        );
        let expected = if fix.starts_with("safe") {
            FixKind::Safe
        } else if fix.starts_with("suggested") {
            FixKind::Suggested
        } else {
            FixKind::None
        };
        assert_eq!(rule.fix, expected, "{}: fix column `{fix}`", rule.code);
    }
}

#[test]
fn every_rule_is_documented() {
    for rule in rules::all() {
        assert!(rule.summary.len() > 10, "{}", rule.code);
        assert!(rule.why.len() > 40, "{}", rule.code);
    }
}
