//! `storage-check rule CODE` and `storage-check rules`: the catalogue on the command line,
//! as `ruff rule` does it; `storage-check rules --format markdown` writes the whole of it
//! (`docs/rules.md`, checked against the registry by `cli/tests/catalogue.rs`).

use storage_core::rules::{self, Charts, FixKind, Rule};
use storage_core::{Finding, Options};

use storage_core::directive;
use storage_core::rules::examples::{self, Example};

/// Every rule, one line each: code, severity, fix, summary.
pub fn list() -> String {
    let mut out = String::new();
    for rule in rules::all() {
        out.push_str(&format!(
            "{:<5} {:<8} {:<10} {}\n",
            rule.code,
            rule.severity.as_str(),
            fix_word(rule.fix),
            rule.summary
        ));
    }
    out.push_str("\n`storage-check rule CODE` explains one, with an example.\n");
    out
}

/// One rule in full, or why there is none by that code.
pub fn rule(code: &str) -> Result<String, String> {
    let code = code.trim().to_ascii_uppercase();
    let rule = rules::by_code(&code)
        .ok_or_else(|| format!("no rule `{code}`; `storage-check rules` lists them all"))?;
    Ok(describe(rule))
}

fn describe(rule: &Rule) -> String {
    let mut out = format!("{}: {}\n\n", rule.code, rule.summary);
    out.push_str(&format!(
        "Severity: {} (the usual one; some rules follow --topology or --edition)\n",
        rule.severity.as_str()
    ));
    out.push_str(&format!("Fix: {}\n\n", fix_sentence(rule.fix)));
    out.push_str(&format!("Why it matters:\n  {}\n", rule.why));
    for (i, example) in examples::of_code(rule.code).enumerate() {
        out.push_str(if i == 0 {
            "\nExample:\n"
        } else {
            "\nAnother example:\n"
        });
        out.push_str(&indent(example.bad));
        // What the checker says about the example, so the text and the rule agree.
        if let Some(finding) = finding_of(rule, example) {
            out.push('\n');
            for line in said(rule, &finding) {
                out.push_str(&format!("  => {line}\n"));
            }
        }
        out.push_str("\nFixed:\n");
        out.push_str(&indent(example.fixed));
        if let Some(note) = example.note {
            out.push_str(&format!("\nNote: {note}\n"));
        }
    }
    out
}

/// The first finding of `rule` in `text`, checked with the options of the text's own
/// first-line directive.
fn finding_of(rule: &Rule, example: &Example) -> Option<Finding> {
    let text = example.bad;
    let options = directive::options_for(text, Options::default());
    // The N rules' examples come with the snapshot they are checked against.
    let cluster = example
        .cluster
        .and_then(|s| storage_core::cluster::read(s).ok());
    storage_core::check_in(text, &options, cluster.as_ref())
        .findings
        .into_iter()
        .find(|f| f.code == rule.code)
}

/// What the checker says about a finding: its line, and its fix's when it has one.
fn said(rule: &Rule, finding: &Finding) -> Vec<String> {
    let mut lines = vec![format!(
        "{}[{}]: {}",
        finding.severity.as_str(),
        rule.code,
        finding.message
    )];
    if let Some(fix) = &finding.fix {
        let kind = if fix.is_safe() { "safe" } else { "suggested" };
        lines.push(format!("{kind} fix: {}", fix.title));
    }
    lines
}

/// The command that writes `docs/rules.md`; the file names it, and so does the test that
/// holds it against the registry.
pub const REGENERATE: &str = "cargo run -p storage-cli -- rules --format markdown > docs/rules.md";

/// The families, in catalogue order, by letter. A family not listed here still gets its
/// section, titled by its letter (a test below wants every family named).
const FAMILIES: [(char, &str); 10] = [
    ('Y', "reading the file"),
    ('S', "shape of `persistence`"),
    ('K', "keys of an entry"),
    ('T', "value types"),
    ('V', "volumes: kind, paths, claims"),
    ('C', "cloud stores: buckets, Secrets, credentials"),
    ('D', "deployment topology"),
    ('E', "edition"),
    ('A', "v1+ `artifactsStore`/`connections`: shape, migration"),
    (
        'N',
        "the cluster, from a kubectl snapshot (`--cluster`): claims, Secrets",
    ),
];

/// A family's heading: `K: keys of an entry`.
fn family_title(letter: char) -> String {
    match FAMILIES.iter().find(|(l, _)| *l == letter) {
        Some((_, name)) => format!("{letter}: {name}"),
        None => format!("{letter}: more rules"),
    }
}

/// The anchor GitHub gives a heading: lower case, letters, digits, `-` and `_` kept,
/// spaces made `-`, the rest dropped.
fn anchor(heading: &str) -> String {
    heading
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

fn charts_word(charts: Charts) -> &'static str {
    match charts {
        Charts::Both => "both",
        Charts::V0 => "v0",
        Charts::V1 => "v1+",
    }
}

fn charts_sentence(charts: Charts) -> &'static str {
    match charts {
        Charts::Both => "both: v0 (`persistence`) and v1+ (`artifactsStore`, `connections`) files",
        Charts::V0 => "v0 files (`persistence`)",
        Charts::V1 => "v1+ files (`artifactsStore`, `connections`)",
    }
}

/// A table cell: one line, `|` escaped.
fn cell(text: &str) -> String {
    text.replace('\n', " ").replace('|', "\\|")
}

/// A fenced block of `text` with a fence no line of it can close.
fn fenced(info: &str, text: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat((longest + 1).max(3));
    let mut out = format!("{fence}{info}\n{text}");
    if !text.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&fence);
    out.push('\n');
    out
}

/// The whole rule reference as Markdown, from the registry and the examples: a section
/// per family (a table of its rules), then each rule with its why and its example, and
/// what the checker says about the example. Nothing in it depends on the time or the
/// machine, so the checked-in copy can be compared byte for byte.
pub fn markdown() -> String {
    let all: Vec<&Rule> = rules::all().collect();
    let mut letters: Vec<char> = Vec::new();
    for rule in &all {
        if !letters.contains(&rule.family()) {
            letters.push(rule.family());
        }
    }
    let mut out = String::from("# Rule reference\n\n");
    out.push_str(&format!(
        "<!-- Generated from the rule registry (core/src/rules/) by \
         `storage-check rules --format markdown`; do not edit it by hand. \
         Regenerate: {REGENERATE} -->\n\n"
    ));
    out.push_str(&format!(
        "Every finding `storage-check` reports is one of these {} rules. For each: its \
         severity (the usual one; some rules follow `--topology` or `--edition`, as their \
         summary says), the charts whose files can get it, its fix, why it matters, and an \
         example that gets it with the same file fixed. The same text is in \
         `storage-check rule CODE`; the page's rule reference shows the code, severity, \
         summary, fix and why from the same registry.\n\n",
        all.len()
    ));
    out.push_str(
        "Fixes: **safe** ones are applied by `--fix` and the page's \"Apply safe fixes\" \
        (only where the meaning is certain; a case of the rule that is not gets a suggested \
        one); **suggested** ones are offered in editors and the page, applied only when you \
        choose them; **none**: the finding says what to change.\n\n",
    );
    out.push_str("| family | rules |\n|---|---|\n");
    for letter in &letters {
        let title = family_title(*letter);
        let codes: Vec<String> = all
            .iter()
            .filter(|r| r.family() == *letter)
            .map(|r| format!("[{}](#{})", r.code, anchor(r.code)))
            .collect();
        out.push_str(&format!(
            "| [{}](#{}) | {} |\n",
            cell(&title),
            anchor(&title),
            codes.join(" ")
        ));
    }
    for letter in &letters {
        let family: Vec<&Rule> = all
            .iter()
            .copied()
            .filter(|r| r.family() == *letter)
            .collect();
        out.push_str(&format!("\n## {}\n\n", family_title(*letter)));
        out.push_str("| code | severity | charts | fix | when |\n|---|---|---|---|---|\n");
        for rule in &family {
            out.push_str(&format!(
                "| [{}](#{}) | {} | {} | {} | {} |\n",
                rule.code,
                anchor(rule.code),
                rule.severity.as_str(),
                charts_word(rule.charts),
                fix_name(rule.fix),
                cell(rule.summary)
            ));
        }
        for rule in &family {
            out.push_str(&rule_markdown(rule));
        }
    }
    out
}

/// One rule's section of [`markdown`].
fn rule_markdown(rule: &Rule) -> String {
    let mut out = format!("\n### {}\n\n{}\n\n", rule.code, rule.summary);
    out.push_str(&format!("- Severity: {}\n", rule.severity.as_str()));
    out.push_str(&format!("- Charts: {}\n", charts_sentence(rule.charts)));
    out.push_str(&format!("- Fix: {}\n", fix_sentence(rule.fix)));
    out.push_str(&format!("\n**Why it matters.** {}\n", rule.why));
    for (i, example) in examples::of_code(rule.code).enumerate() {
        let which = if i == 0 { "A file" } else { "Another file" };
        out.push_str(&format!("\n{which} that gets {}:\n\n", rule.code));
        out.push_str(&fenced("yaml", example.bad));
        if let Some(finding) = finding_of(rule, example) {
            out.push_str("\nWhat the checker says:\n\n");
            out.push_str(&fenced("text", &said(rule, &finding).join("\n")));
        }
        out.push_str("\nFixed:\n\n");
        out.push_str(&fenced("yaml", example.fixed));
        if let Some(note) = example.note {
            out.push_str(&format!("\nNote: {note}\n"));
        }
    }
    out
}

fn fix_name(kind: FixKind) -> &'static str {
    match kind {
        FixKind::None => "none",
        FixKind::Safe => "safe",
        FixKind::Suggested => "suggested",
    }
}

/// [`fix_name`] as the one-line list writes it: `-` for none.
fn fix_word(kind: FixKind) -> &'static str {
    match kind {
        FixKind::None => "-",
        _ => fix_name(kind),
    }
}

fn fix_sentence(kind: FixKind) -> &'static str {
    match kind {
        FixKind::None => "none; the finding says what to change",
        FixKind::Safe => "safe where the meaning is certain: `--fix` applies it",
        FixKind::Suggested => {
            "suggested: offered in editors and the page, applied only when you choose it"
        }
    }
}

/// The YAML indented by four spaces, as a block to read.
fn indent(yaml: &str) -> String {
    yaml.lines().map(|l| format!("    {l}\n")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rule_shows_its_why_example_and_fix() {
        let text = rule("k001").expect("K001 exists");
        assert!(text.starts_with("K001: "), "{text}");
        assert!(text.contains("Fix: safe"), "{text}");
        assert!(
            text.contains("      existingclaim: outputs-pvc\n"),
            "{text}"
        );
        assert!(
            text.contains("=> safe fix: Rename `existingclaim` to `existingClaim`"),
            "{text}"
        );
    }

    #[test]
    fn an_unknown_code_points_to_the_list() {
        let err = rule("Z999").unwrap_err();
        assert!(err.contains("storage-check rules"), "{err}");
    }

    #[test]
    fn the_markdown_has_every_family_named_and_every_rule_with_its_example() {
        let text = markdown();
        for rule in rules::all() {
            assert!(
                FAMILIES.iter().any(|(l, _)| *l == rule.family()),
                "family {} has no title in explain::FAMILIES",
                rule.family()
            );
            assert!(
                text.contains(&format!("\n### {}\n", rule.code)),
                "{}",
                rule.code
            );
            assert!(text.contains(&format!("| [{0}](#{1}) |", rule.code, anchor(rule.code))));
        }
        assert!(text.contains("\n## K: keys of an entry\n"), "{text}");
        assert!(text.contains("```yaml\npersistence:\n"), "{text}");
        assert!(text.contains("safe fix: Rename `existingclaim` to `existingClaim`"));
        assert_eq!(text, markdown(), "the same every time");
    }

    #[test]
    fn a_fence_outlasts_the_backticks_inside() {
        assert_eq!(fenced("yaml", "a: 1\n"), "```yaml\na: 1\n```\n");
        assert_eq!(fenced("", "a: ````b"), "`````\na: ````b\n`````\n");
        assert_eq!(anchor("K: keys of an entry"), "k-keys-of-an-entry");
        assert_eq!(
            anchor("A: v1+ `artifactsStore`/`connections`: shape, migration"),
            "a-v1-artifactsstoreconnections-shape-migration"
        );
        assert_eq!(cell("a | b\nc"), "a \\| b c");
    }

    #[test]
    fn the_list_has_every_rule() {
        let text = list();
        for rule in rules::all() {
            assert!(
                text.lines().any(|l| l.starts_with(rule.code)),
                "{}",
                rule.code
            );
        }
    }
}
