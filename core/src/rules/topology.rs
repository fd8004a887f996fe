//! D — deployment topology: where outputs live when jobs run on several nodes.

use super::{Charts, Context, Family, FixKind, Rule};
use crate::finding::Severity;
use crate::options::{Chart, Topology};
use crate::source::Span;
use crate::storage::v0::is_flat_key;
use crate::storage::{Kind, KindState, Role};

/// A host-path outputs entry.
pub const D001: Rule = Rule {
    code: "D001",
    severity: Severity::Info,
    charts: Charts::Both,
    summary: "a host-path outputs entry (warning on multi-node, info when unknown)",
    why: "A host path lives on one node. With several nodes, jobs land on different nodes and their outputs scatter; Polyaxon's components cannot reach them to show or download them, and losing a node loses its outputs. Fine on a single node.",
    fix: FixKind::None,
};

/// A claim outputs entry.
pub const D002: Rule = Rule {
    code: "D002",
    severity: Severity::Info,
    charts: Charts::Both,
    summary: "a claim outputs entry: it must be ReadWriteMany for several nodes (warning on multi-node, info when unknown)",
    why: "A ReadWriteOnce claim can only be mounted on one node: jobs scheduled elsewhere wait forever. Multi-node deployments need a ReadWriteMany claim (NFS, Glusterfs, ...) or a cloud store.",
    fix: FixKind::None,
};

/// No outputs entry: the chart default applies.
pub const D003: Rule = Rule {
    code: "D003",
    severity: Severity::Info,
    charts: Charts::V0,
    summary: "no outputs entry: the chart default host path `/tmp/outputs` applies (warning on multi-node)",
    why: "With `persistence.outputs` empty the chart uses `{outputs: {mountPath: /outputs, hostPath: /tmp/outputs}}`: a directory on whatever node each pod lands on. Enough to try Polyaxon; outputs scatter and are lost with the node on a real cluster.",
    fix: FixKind::None,
};

pub(crate) const FAMILY: Family = Family {
    rules: &[&D001, &D002, &D003],
    check,
};

fn check(ctx: &mut Context<'_>) {
    let topology = ctx.options.topology;
    let volume_severity = match topology {
        Topology::SingleNode => None,
        Topology::Unknown => Some(Severity::Info),
        Topology::MultiNode => Some(Severity::Warning),
    };
    let doc = ctx.doc;
    let model = ctx.storage;
    // Where runs write their outputs: v0's outputs entries, v1+'s artifacts store.
    let outputs = model
        .entries
        .iter()
        .filter(|e| matches!(e.role, Role::Outputs | Role::ArtifactsStore));
    for entry in outputs {
        let subject = match entry.role {
            Role::ArtifactsStore => "the artifacts store".to_string(),
            _ => format!("outputs entry `{}`", entry.name),
        };
        let (rule, message) = match entry.kind {
            KindState::Known(Kind::HostPath) => (
                &D001,
                format!("{subject} is a host path: fine on one node; on several nodes outputs scatter and die with their node"),
            ),
            KindState::Known(Kind::Claim) => (
                &D002,
                format!("{subject} is a claim: for jobs on several nodes it must be ReadWriteMany (NFS, Glusterfs, ...)"),
            ),
            _ => continue,
        };
        if let Some(severity) = volume_severity {
            ctx.report(rule, entry.kind_span(doc), entry.path.clone(), message)
                .severity = severity;
        }
    }
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
        let finding = ctx.report(
            &D003,
            span,
            "persistence.outputs",
            "no outputs entry: the chart default applies (`/outputs` on host path `/tmp/outputs` of each node)",
        );
        if topology == Topology::MultiNode {
            finding.severity = Severity::Warning;
        }
    }
}
