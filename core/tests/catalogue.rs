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
const ADDITIONS: [&str; 3] = ["A009", "C012", "C013"];

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

/// The registry is the one list of rules: each registered rule has an example whose bad
/// file gets it and whose fixed file does not (with the example's own first-line
/// directive for options). A rule reported but not registered is dropped by the checker,
/// so its example fails here too.
#[test]
fn every_registered_rule_has_an_example_that_gets_it_and_a_fix_that_does_not() {
    use storage_core::rules::examples::{all, for_code};
    use storage_core::{check, directive, Options};
    let codes = |text: &str| -> Vec<&'static str> {
        let options = directive::options_for(text, Options::default());
        check(text, &options)
            .findings
            .iter()
            .map(|f| f.code)
            .collect()
    };
    for rule in rules::all() {
        let example = for_code(rule.code)
            .unwrap_or_else(|| panic!("{}: no example in rules/examples.rs", rule.code));
        let bad = codes(example.bad);
        assert!(
            bad.contains(&rule.code),
            "{}: the bad example does not get it:\n{}\nfound: {bad:?}",
            rule.code,
            example.bad
        );
        let fixed = codes(example.fixed);
        assert!(
            !fixed.contains(&rule.code),
            "{}: the fixed example still gets it:\n{}",
            rule.code,
            example.fixed
        );
    }
    let examples: Vec<_> = all().collect();
    for (i, example) in examples.iter().enumerate() {
        assert!(
            rules::by_code(example.code).is_some(),
            "{} is not registered",
            example.code
        );
        assert!(
            examples[..i].iter().all(|e| e.code != example.code),
            "{} twice",
            example.code
        );
    }
}
