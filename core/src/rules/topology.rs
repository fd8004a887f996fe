//! D — deployment topology: where outputs live when jobs run on several nodes.

use super::{Context, FixKind, Rule};
use crate::finding::Severity;
use crate::model::v0::EntryKind;
use crate::options::Topology;
use crate::source::Span;

/// A host-path outputs entry.
pub const D001: Rule = Rule {
    code: "D001",
    severity: Severity::Info,
    summary: "a host-path outputs entry (warning on multi-node, info when unknown)",
    why: "A host path lives on one node. With several nodes, jobs land on different nodes and their outputs scatter; Polyaxon's components cannot reach them to show or download them, and losing a node loses its outputs. Fine on a single node.",
    fix: FixKind::None,
};

/// A claim outputs entry.
pub const D002: Rule = Rule {
    code: "D002",
    severity: Severity::Info,
    summary: "a claim outputs entry: it must be ReadWriteMany for several nodes (warning on multi-node, info when unknown)",
    why: "A ReadWriteOnce claim can only be mounted on one node: jobs scheduled elsewhere wait forever. Multi-node deployments need a ReadWriteMany claim (NFS, Glusterfs, ...) or a cloud store.",
    fix: FixKind::None,
};

/// No outputs entry: the chart default applies.
pub const D003: Rule = Rule {
    code: "D003",
    severity: Severity::Info,
    summary: "no outputs entry: the chart default host path `/tmp/outputs` applies (warning on multi-node)",
    why: "With `persistence.outputs` empty the chart uses `{outputs: {mountPath: /outputs, hostPath: /tmp/outputs}}`: a directory on whatever node each pod lands on. Enough to try Polyaxon; outputs scatter and are lost with the node on a real cluster.",
    fix: FixKind::None,
};

pub(crate) fn check(ctx: &mut Context<'_>) {
    let topology = ctx.options.topology;
    let volume_severity = match topology {
        Topology::SingleNode => None,
        Topology::Unknown => Some(Severity::Info),
        Topology::MultiNode => Some(Severity::Warning),
    };
    let doc = ctx.doc;
    let model = ctx.persistence;
    let mut any = false;
    for entry in model.outputs() {
        any = true;
        let (rule, message) = match entry.kind(doc) {
            EntryKind::HostPath => (
                &D001,
                format!("outputs entry `{}` is a host path: fine on one node; on several nodes outputs scatter and die with their node", entry.name),
            ),
            EntryKind::Claim => (
                &D002,
                format!("outputs entry `{}` is a claim: for jobs on several nodes it must be ReadWriteMany (NFS, Glusterfs, ...)", entry.name),
            ),
            _ => continue,
        };
        if let Some(severity) = volume_severity {
            ctx.report(rule, doc.span(entry.pair.key), entry.path.clone(), message)
                .severity = severity;
        }
    }
    if !any {
        let span = model
            .outputs
            .map(|p| doc.span(p.key))
            .or(model.pair.map(|p| doc.span(p.key)))
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
