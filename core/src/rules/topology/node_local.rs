//! D001, D002: storage pods on several nodes cannot share. A host path (D001) is a directory
//! of each node; a claim (D002) must be ReadWriteMany (ReadOnlyMany where it is only read).
//! Outputs and the artifacts store, data and connections claims, and v0 logs and repos as
//! the api and scheduler mount them (the storage map: defaults and Helm's merge included).

use crate::finding::Severity;
use crate::map::Source;
use crate::rules::examples::Example;
use crate::rules::{Charts, Context, FixKind, Rule};
use crate::source::Span;
use crate::storage::v0::is_nested_entry;
use crate::storage::{Kind, KindState, Role};

/// A host-path entry.
pub const D001: Rule = Rule {
    code: "D001",
    severity: Severity::Info,
    charts: Charts::Both,
    summary: "a host-path outputs entry, or logs/repos on a host path (0.6.1's defaults included) (warning on multi-node, info when unknown)",
    why: "A host path lives on one node. With several nodes, jobs land on different nodes and their outputs scatter; Polyaxon's components cannot reach them to show or download them, and losing a node loses its outputs. Logs and repos too: the api reads on its node what was written on another (\"Log file not found\"). Fine on a single node.",
    fix: FixKind::None,
};

/// A claim entry.
pub const D002: Rule = Rule {
    code: "D002",
    severity: Severity::Info,
    charts: Charts::Both,
    summary: "a claim entry (outputs, logs, repos, data, a connection): several nodes need ReadWriteMany (ReadOnlyMany for data) (warning on multi-node, info when unknown)",
    why: "A ReadWriteOnce claim can only be mounted on one node: jobs scheduled elsewhere wait forever. Multi-node deployments need a ReadWriteMany claim (NFS, Glusterfs, ...) or a cloud store; data and connections that pods only read can use ReadOnlyMany.",
    fix: FixKind::None,
};

pub const EXAMPLES: &[Example] = &[
    Example {
        code: "D001",
        bad: "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      hostPath: /data/outputs\n",
        fixed: "# storage-check: topology=single-node\npersistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      hostPath: /data/outputs\n",
        cluster: None,
        note: Some("A warning on multi-node clusters, information when the topology is unknown; on a single node a host path is fine (say so with `--topology single-node` or the first-line directive)."),
    },
    Example {
        code: "D002",
        bad: "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: outputs-pvc\n",
        fixed: "# storage-check: topology=single-node\npersistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: outputs-pvc\n",
        cluster: None,
        note: Some("Information when the topology is unknown, a warning on multi-node clusters: the claim must be ReadWriteMany there. On a single node any claim works."),
    },
];

pub(super) fn check(ctx: &mut Context<'_>) {
    let spread = ctx.spread();
    let volume_severity = spread.as_ref().map(|(severity, _)| *severity);
    let nodes = spread.map(|(_, said)| said).unwrap_or_default();
    // With the namespace's claims in a snapshot, N001-N005 say what each claim is.
    let claims_known = ctx.cluster_namespace().is_some();
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
        if let Some(severity) = volume_severity.filter(|_| host || !claims_known) {
            let (rule, message) = node_local(host, &subject, "outputs", "jobs");
            ctx.report(rule, entry.kind_span(doc), entry.path.clone(), message + &nodes)
                .severity = severity;
        }
    }
    // Claims that jobs and runs mount on whatever node they land: v0 data entries, v1+
    // connections. Read-only there, so ReadOnlyMany is enough.
    let shared = model
        .entries
        .iter()
        .filter(|e| matches!(e.role, Role::Data | Role::Connection))
        .filter(|e| e.kind == KindState::Known(Kind::Claim))
        .filter(|_| !claims_known);
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
                Source::Claim { .. } if !claims_known => false,
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
            ctx.report(rule, span, path, message + &nodes).severity = severity;
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

#[cfg(test)]
mod tests {
    use crate::finding::Severity;
    use crate::options::Topology;
    use crate::rules::testing::*;

    /// Issue 20: logs and repos are node-local too, the chart's defaults included (a
    /// user's "Log file not found" on GKE); D002 covers every claim pods on several nodes
    /// mount, data entries and v1+ connections included (ReadOnlyMany where only read).
    #[test]
    fn d001_host_path_severity_follows_topology() {
        let text = "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      hostPath: /data/outputs\n";
        let sev = |t| {
            run_with(text, topology(t))
                .findings
                .iter()
                .find(|f| f.code == "D001")
                .map(|f| f.severity)
        };
        assert_eq!(sev(Topology::Unknown), Some(Severity::Info));
        assert_eq!(sev(Topology::MultiNode), Some(Severity::Warning));
        assert_eq!(sev(Topology::SingleNode), None);
        let claim = run(CLAIM);
        assert!(!claim
            .findings
            .iter()
            .any(|f| f.code == "D001" && f.path.contains("outputs")));
    }

    #[test]
    fn d001_d002_logs_and_repos_like_outputs() {
        let found = |text: &str, t| -> Vec<(&'static str, String, Severity)> {
            run_with(text, topology(t))
                .findings
                .into_iter()
                .filter(|f| f.code.starts_with('D') && !f.path.contains("outputs"))
                .map(|f| (f.code, f.path, f.severity))
                .collect()
        };
        // Nothing written: both defaults (`/tmp/logs`, `/tmp/repos`).
        let defaults = found(CLAIM, Topology::MultiNode);
        assert_eq!(
            defaults,
            [
                ("D001", "persistence.logs".to_string(), Severity::Warning),
                ("D001", "persistence.repos".to_string(), Severity::Warning)
            ]
        );
        assert!(found(CLAIM, Topology::Unknown)
            .iter()
            .all(|f| f.2 == Severity::Info));
        assert!(found(CLAIM, Topology::SingleNode).is_empty());
        // A logs claim (merged with the default hostPath: the claim wins), repos on a node.
        let text = format!(
            "{CLAIM}  logs:\n    existingClaim: logs-claim\n  repos:\n    hostPath: /srv/repos\n"
        );
        let written = found(&text, Topology::MultiNode);
        assert_eq!(written[0].0, "D002");
        assert_eq!(written[1].0, "D001");
        // A cloud logs store, and repos set to null (nothing mounted): nothing to say.
        let text = format!("{CLAIM}  logs:\n    store: s3\n    bucket: s3://b/logs\n    secret: s\n    secretKey: k\n  repos: null\n");
        assert!(found(&text, Topology::MultiNode).is_empty());
        // Named entries under logs: S002 says the default applies; no second finding.
        let text =
            format!("{CLAIM}  logs:\n    l:\n      existingClaim: c\n  repos:\n    existingClaim: r\n");
        assert_eq!(found(&text, Topology::MultiNode).len(), 1);
        // v1+ files: the artifacts store is D001's and its default A009's, as before.
        let v1 = found("artifactsStore:\n  name: a\n  kind: host_path\n  schema:\n    hostPath: /a\n    mountPath: /a\n", Topology::MultiNode);
        assert_eq!(v1.len(), 1);
    }

    #[test]
    fn d002_claim_severity_follows_topology() {
        let sev = |t| {
            run_with(CLAIM, topology(t))
                .findings
                .iter()
                .find(|f| f.code == "D002")
                .map(|f| f.severity)
        };
        assert_eq!(sev(Topology::Unknown), Some(Severity::Info));
        assert_eq!(sev(Topology::MultiNode), Some(Severity::Warning));
        assert_eq!(sev(Topology::SingleNode), None);
    }

    #[test]
    fn d002_covers_data_and_connection_claims() {
        let multi = topology(Topology::MultiNode);
        let data = "persistence:\n  data:\n    train:\n      existingClaim: train-pvc\n      mountPath: /data\n";
        let report = run_with(data, multi);
        let d002 = report.findings.iter().find(|f| f.code == "D002");
        let d002 = d002.unwrap_or_else(|| panic!("D002 in {:?}", codes(&report)));
        assert_eq!(d002.path.as_str(), "persistence.data.train");
        assert_eq!(d002.severity, Severity::Warning);
        assert!(d002.message.contains("ReadOnlyMany"));
        let v1 = run_with(V1_OK, multi);
        assert!(v1
            .findings
            .iter()
            .any(|f| f.code == "D002" && f.path.as_str() == "connections.0"));
        let single = topology(Topology::SingleNode);
        assert_eq!(count(&run_with(data, single), "D002"), 0);
    }
}
