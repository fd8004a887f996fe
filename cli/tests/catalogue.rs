//! `docs/rules.md` is generated from the rule registry (`storage-check rules --format
//! markdown`): this fails when the checked-in file differs from what the registry gives,
//! so a change to a rule, its example or the checker's message about it shows in the
//! catalogue the README links.

mod common;

use std::path::PathBuf;

use common::run;

/// The command that writes the file (the same as `explain::REGENERATE`).
const REGENERATE: &str = "cargo run -p storage-cli -- rules --format markdown > docs/rules.md";

#[test]
fn docs_rules_md_is_what_the_registry_generates() {
    let out = run(&["rules", "--format", "markdown"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let generated = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(generated.contains(REGENERATE), "the file names its command");
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/rules.md");
    let checked_in = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; write it with `{REGENERATE}`", path.display()))
        // A checkout with CRLF line endings holds the same text.
        .replace("\r\n", "\n");
    if checked_in != generated {
        let line = checked_in
            .lines()
            .zip(generated.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| checked_in.lines().count().min(generated.lines().count()));
        panic!(
            "docs/rules.md differs from what the rule registry generates (first at line {}: \
             checked in {:?}, generated {:?}). Regenerate it from the repository root:\n    {REGENERATE}",
            line + 1,
            checked_in.lines().nth(line).unwrap_or("<end of file>"),
            generated.lines().nth(line).unwrap_or("<end of file>"),
        );
    }
}

#[test]
fn the_default_rules_output_stays_one_line_per_rule() {
    let text = String::from_utf8(run(&["rules"]).stdout).expect("UTF-8");
    let explicit = String::from_utf8(run(&["rules", "--format", "text"]).stdout).expect("UTF-8");
    assert_eq!(text, explicit, "--format text is the default");
    assert!(!text.contains("```"), "{text}");
}
