//! D003: no outputs entry, so chart 0.x's default host path `/tmp/outputs` applies.

use crate::finding::Severity;
use crate::options::Chart;
use crate::rules::examples::Example;
use crate::rules::{Charts, Context, FixKind, Rule};
use crate::source::Span;
use crate::storage::v0::is_flat_key;
use crate::storage::Role;

/// No outputs entry: the chart default applies.
pub const D003: Rule = Rule {
    code: "D003",
    severity: Severity::Info,
    charts: Charts::V0,
    summary: "no outputs entry: the chart default host path `/tmp/outputs` applies (warning on multi-node)",
    why: "With `persistence.outputs` empty the chart uses `{outputs: {mountPath: /outputs, hostPath: /tmp/outputs}}`: a directory on whatever node each pod lands on. Enough to try Polyaxon; outputs scatter and are lost with the node on a real cluster.",
    fix: FixKind::None,
};

pub const EXAMPLES: &[Example] = &[Example {
    code: "D003",
    bad: "persistence:\n  outputs: {}\n",
    fixed: "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: outputs-pvc\n",
    cluster: None,
    note: None,
}];

pub(super) fn check(ctx: &mut Context<'_>) {
    let doc = ctx.doc;
    let model = ctx.storage;
    // Outputs in the flat 0.1.x shape are S002's: they are there, just not as an entry.
    let flat = model
        .outputs
        .is_some_and(|p| doc.pairs(p.value).iter().any(|q| is_flat_key(doc, q)));
    if ctx.chart == Chart::V0 && model.entries_of(Role::Outputs).next().is_none() && !flat {
        let span = model
            .outputs
            .map(|p| doc.span(p.key))
            .or(model.persistence.map(|p| doc.span(p.key)))
            .unwrap_or(Span::empty(0));
        let (severity, nodes) = ctx.default_spread();
        let message = format!("no outputs entry: the chart default applies (`/outputs` on host path `/tmp/outputs` of each node){nodes}");
        ctx.report(&D003, span, "persistence.outputs", message).severity = severity;
    }
}

#[cfg(test)]
mod tests {
    use crate::finding::Severity;
    use crate::options::Topology;
    use crate::rules::testing::*;

    #[test]
    fn no_outputs_entry() {
        gets_and_not("D003", "persistence:\n  outputs: {}\n", CLAIM);
    }

    #[test]
    fn d003_is_a_warning_on_multi_node() {
        let report = run_with("persistence: {}\n", topology(Topology::MultiNode));
        assert_eq!(
            report
                .findings
                .iter()
                .find(|f| f.code == "D003")
                .map(|f| f.severity),
            Some(Severity::Warning)
        );
    }
}
