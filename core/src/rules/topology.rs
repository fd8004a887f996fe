//! D — deployment topology: where outputs live when jobs run on several nodes.

use super::{Charts, Context, Family, FixKind, Rule};
use crate::finding::Severity;
use crate::map::Source;
use crate::options::{Chart, Topology};
use crate::source::Span;
use crate::storage::v0::{is_flat_key, is_nested_entry};
use crate::storage::{Kind, KindState, Role};

/// A host-path outputs entry.
pub const D001: Rule = Rule {
    code: "D001",
    severity: Severity::Info,
    charts: Charts::Both,
    summary: "a host-path outputs entry, or logs/repos on a host path (0.6.1's defaults included) (warning on multi-node, info when unknown)",
    why: "A host path lives on one node. With several nodes, jobs land on different nodes and their outputs scatter; Polyaxon's components cannot reach them to show or download them, and losing a node loses its outputs. Logs and repos too: the api reads on its node what was written on another (\"Log file not found\"). Fine on a single node.",
    fix: FixKind::None,
};

/// A claim outputs entry.
pub const D002: Rule = Rule {
    code: "D002",
    severity: Severity::Info,
    charts: Charts::Both,
    summary: "a claim entry (outputs, logs, repos, data, a connection): several nodes need ReadWriteMany (ReadOnlyMany for data) (warning on multi-node, info when unknown)",
    why: "A ReadWriteOnce claim can only be mounted on one node: jobs scheduled elsewhere wait forever. Multi-node deployments need a ReadWriteMany claim (NFS, Glusterfs, ...) or a cloud store; data and connections that pods only read can use ReadOnlyMany.",
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
        let host = match entry.kind {
            KindState::Known(Kind::HostPath) => true,
            KindState::Known(Kind::Claim) => false,
            _ => continue,
        };
        if let Some(severity) = volume_severity {
            let (rule, message) = node_local(host, &subject, "outputs", "jobs");
            ctx.report(rule, entry.kind_span(doc), entry.path.clone(), message)
                .severity = severity;
        }
    }
    // Claims that jobs and runs mount on whatever node they land: v0 data entries, v1+
    // connections. Read-only there, so ReadOnlyMany is enough.
    let shared = model
        .entries
        .iter()
        .filter(|e| matches!(e.role, Role::Data | Role::Connection))
        .filter(|e| e.kind == KindState::Known(Kind::Claim));
    for entry in shared {
        if let Some(severity) = volume_severity {
            let message = format!(
                "{} entry `{}` is a claim: for pods on several nodes it must be ReadOnlyMany or ReadWriteMany",
                entry.role.key(),
                entry.name
            );
            ctx.report(&D002, entry.kind_span(doc), entry.path.clone(), message)
                .severity = severity;
        }
    }
    // v0 logs and repos as the api and scheduler mount them (the map: defaults and Helm's
    // merge included). Upload is left out: only the api mounts it, for its own uploads.
    if let Some(severity) = volume_severity {
        let map = ctx.map;
        let mut said = Vec::new();
        for row in &map.rows {
            if !matches!(row.role, Role::Logs | Role::Repos) || said.contains(&row.role) {
                continue;
            }
            said.push(row.role);
            let host = match row.source {
                Source::HostPath { .. } => true,
                Source::Claim { .. } => false,
                _ => continue,
            };
            let entry = model.entries_of(row.role).next();
            // Written as named entries and nothing else: S002 says the default applies.
            let named_only = |e: &crate::storage::Entry| {
                e.fields.is_empty() && e.others.iter().any(|p| is_nested_entry(doc, p))
            };
            if entry.is_some_and(named_only) {
                continue;
            }
            let span = entry
                .map(|e| e.anchor(doc))
                .or(model.persistence.map(|p| doc.span(p.key)))
                .unwrap_or(Span::empty(0));
            let path = row.role.section_path();
            let default = if row.default { " (chart default)" } else { "" };
            let subject = format!("`{path}`{default}");
            let (rule, message) = node_local(host, &subject, row.role.key(), "pods");
            ctx.report(rule, span, path, message).severity = severity;
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

/// D001 (a host path) or D002 (a claim) for `subject`, where `what` is written by `who`.
fn node_local(host: bool, subject: &str, what: &str, who: &str) -> (&'static Rule, String) {
    if host {
        (
            &D001,
            format!("{subject} is a host path: fine on one node; on several nodes {what} scatter and die with their node"),
        )
    } else {
        (
            &D002,
            format!("{subject} is a claim: for {who} on several nodes it must be ReadWriteMany (NFS, Glusterfs, ...)"),
        )
    }
}
