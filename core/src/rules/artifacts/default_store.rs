//! A009: no artifacts store, so the v1+ chart's default host path applies.

use crate::chart::By;
use crate::finding::Severity;
use crate::options::Chart;
use crate::rules::examples::Example;
use crate::rules::{Charts, Context, FixKind, Rule};
use crate::source::Span;

/// No `artifactsStore`: the chart's default applies.
pub const A009: Rule = Rule {
    code: "A009",
    severity: Severity::Info,
    charts: Charts::V1,
    summary: "no `artifactsStore`: the default host-path store applies (warning on multi-node)",
    why: "Without an `artifactsStore` the chart uses `{name: default-artifacts-store, kind: host_path, schema: {hostPath: /tmp/artifactsStore, mountPath: /artifactsStore}}`: a directory on whatever node each pod lands on.",
    fix: FixKind::None,
};

pub const EXAMPLES: &[Example] = &[Example {
    code: "A009",
    bad: "artifactsStore:\nconnections: []\n",
    fixed: "artifactsStore:\n  name: store\n  kind: s3\n  schema:\n    bucket: s3://b-out\n  secret:\n    name: s3-secret\n",
    cluster: None,
    note: None,
}];

/// A009: no artifacts store, so the chart's default host path applies.
pub(super) fn check(ctx: &mut Context<'_>) {
    if ctx.chart != Chart::V1 || ctx.storage.store().is_some() {
        return;
    }
    let doc = ctx.doc;
    let span = ctx
        .storage
        .artifacts_store
        .map_or(Span::empty(0), |p| doc.span(p.key));
    // A file that says nothing of its chart gets advice for both.
    let message = if ctx.basis.by == By::Nothing {
        "no storage configured, and no key says which chart: today's chart keeps artifacts on host path `/tmp/artifactsStore` of each node (set `artifactsStore`), chart 0.6 its outputs on `/tmp/outputs` (set `persistence.outputs`)"
    } else {
        "no `artifactsStore`: the chart's default applies (host path `/tmp/artifactsStore` mounted at `/artifactsStore`)"
    };
    let (severity, nodes) = ctx.default_spread();
    ctx.report(&A009, span, "artifactsStore", format!("{message}{nodes}"))
        .severity = severity;
}

#[cfg(test)]
mod tests {
    use crate::finding::Severity;
    use crate::options::{Chart, Topology};
    use crate::rules::testing::*;

    #[test]
    fn a009_default_store() {
        gets_and_not("A009", "artifactsStore:\nconnections: []\n", V1_OK);
    }

    /// Issue 20: a v1 file with no store (the multi-node `Invalid parent directory
    /// '/artifactsStore/...'` report) is read as today's chart from its other keys: it is
    /// told about the node-local default store, not about `persistence.outputs`.
    #[test]
    fn a_v1_file_without_a_store_is_checked_as_v1_from_its_other_keys() {
        let text = "intervals:\n  compatibilityCheck: -1\ningress:\n  enabled: true\n";
        let report = run_with(text, topology(Topology::MultiNode));
        assert_eq!(report.chart, Some(Chart::V1));
        let basis = report.basis.clone().expect("a basis");
        assert_eq!(basis.evidence, ["intervals.compatibilityCheck"]);
        assert_eq!(codes(&report), ["A009"]);
        assert_eq!(report.findings[0].severity, Severity::Warning);
    }

    /// Issue 20: with nothing that says the chart, the advice names both charts' defaults
    /// and no v0-only finding (D003) appears.
    #[test]
    fn a_file_without_evidence_gets_chart_neutral_advice() {
        let report = run("ingress:\n  enabled: true\n");
        assert_eq!(codes(&report), ["A009"]);
        let message = &report.findings[0].message;
        assert!(message.contains("no key says which chart"), "{message}");
        assert!(message.contains("persistence.outputs") && message.contains("artifactsStore"));
    }
}
