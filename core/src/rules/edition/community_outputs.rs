//! E001: more than one outputs entry in the community edition.

use crate::finding::Severity;
use crate::options::Edition;
use crate::rules::examples::Example;
use crate::rules::{Charts, Context, FixKind, Rule};
use crate::storage::Role;

/// More than one outputs entry in the community edition.
pub const E001: Rule = Rule {
    code: "E001",
    severity: Severity::Warning,
    charts: Charts::V0,
    summary: "more than one entry under `persistence.outputs` (community edition)",
    why: "The community edition uses one outputs backend; further entries are not used (jobs that name no store get the alphabetically first one, as Helm sorts map keys).",
    fix: FixKind::None,
};

pub const EXAMPLES: &[Example] = &[Example {
    code: "E001",
    bad: "persistence:\n  outputs:\n    a:\n      mountPath: /a\n      existingClaim: pvc-a\n    b:\n      mountPath: /b\n      existingClaim: pvc-b\n",
    fixed: "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: outputs-pvc\n",
    cluster: None,
    note: Some("The enterprise edition (`--edition enterprise`) uses several outputs backends."),
}];

pub(super) fn check(ctx: &mut Context<'_>) {
    if ctx.options.edition != Edition::Community {
        return;
    }
    let doc = ctx.doc;
    let names: Vec<&str> = ctx
        .storage
        .entries_of(Role::Outputs)
        .map(|e| e.name.as_str())
        .collect();
    if names.len() < 2 {
        return;
    }
    let Some(pair) = ctx.storage.outputs else {
        return;
    };
    let first = names.iter().copied().min().unwrap_or_default();
    // Name a few, not hundreds.
    let shown = names
        .iter()
        .take(4)
        .copied()
        .collect::<Vec<_>>()
        .join("`, `");
    let more = match names.len() {
        n if n > 4 => format!(" and {} more", n - 4),
        _ => String::new(),
    };
    ctx.report(
        &E001,
        doc.span(pair.key),
        "persistence.outputs",
        format!(
            "{} outputs entries (`{shown}`{more}): the community edition uses one outputs backend (jobs default to `{}`)",
            names.len(),
            first
        ),
    );
}

#[cfg(test)]
mod tests {
    use crate::options::Edition;
    use crate::rules::testing::*;

    const TWO: &str = "persistence:\n  outputs:\n    a:\n      mountPath: /a\n      existingClaim: pvc-a\n    b:\n      mountPath: /b\n      existingClaim: pvc-b\n";

    #[test]
    fn two_outputs_entries_in_the_community_edition() {
        gets_and_not("E001", TWO, CLAIM);
    }

    #[test]
    fn not_for_the_enterprise_edition() {
        assert_eq!(count(&run_with(TWO, edition(Edition::Enterprise)), "E001"), 0);
    }

    #[test]
    fn many_entries_are_named_a_few_at_a_time() {
        let mut text = String::from("persistence:\n  outputs:\n");
        for i in 0..9 {
            text.push_str(&format!("    e{i}:\n      mountPath: /o{i}\n      existingClaim: c{i}\n"));
        }
        let report = run(&text);
        let e001 = report.findings.iter().find(|f| f.code == "E001").expect("E001");
        assert!(e001.message.starts_with("9 outputs entries (`e0`, `e1`, `e2`, `e3` and 5 more)"), "{}", e001.message);
    }
}
