//! E — what the edition allows.

use super::{Charts, Context, Family, FixKind, Rule};
use crate::finding::Severity;
use crate::options::Edition;
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

pub(crate) const FAMILY: Family = Family {
    rules: &[&E001],
    check,
};

fn check(ctx: &mut Context<'_>) {
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
