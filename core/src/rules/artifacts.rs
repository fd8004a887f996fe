//! A — the v1+ chart's `artifactsStore` and `connections`.

use super::{Context, FixKind, Rule};
use crate::finding::Severity;
use crate::model::V1_KEYS;

/// Both `persistence` and `artifactsStore`/`connections`.
pub const A007: Rule = Rule {
    code: "A007",
    severity: Severity::Warning,
    summary: "the file has both `persistence` and `artifactsStore`/`connections`",
    why: "The v1+ chart ignores `persistence` entirely: the outputs configured there are not used, and without an `artifactsStore` the chart falls back to its default host-path store.",
    fix: FixKind::None,
};

pub(crate) fn check(ctx: &mut Context<'_>) {
    let doc = ctx.doc;
    let Some(root) = doc.root() else { return };
    let Some(persistence) = doc.get(root, "persistence") else {
        return;
    };
    let v1: Vec<&str> = V1_KEYS
        .into_iter()
        .filter(|k| doc.get(root, k).is_some())
        .collect();
    if v1.is_empty() {
        return;
    }
    ctx.report(
        &A007,
        doc.span(persistence.key),
        "persistence",
        format!(
            "the file has both `persistence` and `{}`: the v1+ chart ignores `persistence`",
            v1.join("`/`")
        ),
    );
}
