//! `storage-check rule CODE` and `storage-check rules`: the catalogue on the command line,
//! as `ruff rule` does it.

use storage_core::rules::{self, FixKind, Rule};
use storage_core::{check, Options};

use storage_core::directive;
use storage_core::rules::examples;

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
    if let Some(example) = examples::for_code(rule.code) {
        out.push_str("\nExample:\n");
        out.push_str(&indent(example.bad));
        // What the checker says about the example, so the text and the rule agree.
        let options = directive::options_for(example.bad, Options::default());
        if let Some(finding) = check(example.bad, &options)
            .findings
            .into_iter()
            .find(|f| f.code == rule.code)
        {
            out.push_str(&format!(
                "\n  => {}[{}]: {}\n",
                finding.severity.as_str(),
                rule.code,
                finding.message
            ));
            if let Some(fix) = finding.fix {
                let kind = if fix.is_safe() { "safe" } else { "suggested" };
                out.push_str(&format!("  => {kind} fix: {}\n", fix.title));
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

fn fix_word(kind: FixKind) -> &'static str {
    match kind {
        FixKind::None => "-",
        FixKind::Safe => "safe",
        FixKind::Suggested => "suggested",
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
