//! The rule registry keeps its promises: every code the first catalogue published
//! (`tests/fixtures/spec/RULES.md`, kept as history) is still registered, every rule is
//! documented and has an example that gets it. The catalogue as it is now, `docs/rules.md`,
//! is generated from the registry and held against it by `cli/tests/catalogue.rs`.

mod common;

use common::fixture;
use storage_core::rules;

/// Every family of the catalogue.
const FAMILIES: [char; 10] = ['Y', 'S', 'K', 'T', 'V', 'C', 'D', 'E', 'A', 'N'];

/// Catalogue codes folded into another (the copy's notes say why): (code, where it went).
const FOLDED: [(&str, &str); 1] = [("A005", "C003")];

/// The codes of the first catalogue's tables.
fn catalogue_codes() -> Vec<String> {
    fixture("spec/RULES.md")
        .lines()
        .filter_map(|line| {
            let code = line.split('|').map(str::trim).nth(1)?;
            let ok = code.len() == 4
                && code.starts_with(|c: char| c.is_ascii_uppercase())
                && code[1..].bytes().all(|b| b.is_ascii_digit());
            ok.then(|| code.to_string())
        })
        .collect()
}

/// Codes are stable once published: none of the first catalogue's codes goes away (a
/// folded one lives on in the rule it went into).
#[test]
fn every_catalogue_code_of_the_implemented_families_is_registered() {
    let codes = catalogue_codes();
    assert!(codes.len() > 40, "the catalogue could not be read");
    for code in codes.iter().filter(|c| c.starts_with(FAMILIES)) {
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
            "{code} was published in the first catalogue (tests/fixtures/spec/RULES.md) but is not registered: codes are stable"
        );
    }
}

#[test]
fn every_rule_is_documented() {
    for rule in rules::all() {
        assert!(rule.summary.len() > 10, "{}", rule.code);
        assert!(rule.why.len() > 40, "{}", rule.code);
    }
}

/// The registry is the one list of rules: each registered rule has an example, and each
/// of its examples (one per chart for some) has a bad file that gets it and a fixed file
/// that does not (with the example's own first-line directive for options). A rule
/// reported but not registered is dropped by the checker, so its example fails here too.
#[test]
fn every_registered_rule_has_an_example_that_gets_it_and_a_fix_that_does_not() {
    use storage_core::rules::examples::{all, of_code};
    use storage_core::{check_in, cluster, directive, Options};
    let codes = |text: &str, snapshot: Option<&str>| -> Vec<&'static str> {
        let options = directive::options_for(text, Options::default());
        let cluster = snapshot.map(|s| cluster::read(s).expect("the example's snapshot reads"));
        check_in(text, &options, cluster.as_ref())
            .findings
            .iter()
            .map(|f| f.code)
            .collect()
    };
    for rule in rules::all() {
        let examples: Vec<_> = of_code(rule.code).collect();
        assert!(
            !examples.is_empty(),
            "{}: no example in its rule module's EXAMPLES",
            rule.code
        );
        for example in examples {
            let bad = codes(example.bad, example.cluster);
            assert!(
                bad.contains(&rule.code),
                "{}: the bad example does not get it:\n{}\nfound: {bad:?}",
                rule.code,
                example.bad
            );
            let fixed = codes(example.fixed, example.cluster);
            assert!(
                !fixed.contains(&rule.code),
                "{}: the fixed example still gets it:\n{}",
                rule.code,
                example.fixed
            );
        }
    }
    let examples: Vec<_> = all().collect();
    for (i, example) in examples.iter().enumerate() {
        assert!(
            rules::by_code(example.code).is_some(),
            "{} is not registered",
            example.code
        );
        // A second example of a rule shows something the first does not (the other chart).
        assert!(
            examples[..i]
                .iter()
                .all(|e| e.code != example.code || e.bad != example.bad),
            "{}: the same example twice",
            example.code
        );
    }
}
