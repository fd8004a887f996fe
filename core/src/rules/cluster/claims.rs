//! N001-N005: each claim the pods mount, as the cluster snapshot has it: there, bound,
//! with access modes that serve the pods on the nodes they land on, on a volume that is
//! not one node's directory.
//!
//! Access modes, from the Kubernetes documentation (Persistent Volumes, "Access Modes"):
//! ReadWriteOnce "can be mounted as read-write by a single node"; ReadOnlyMany "can be
//! mounted as read-only by many nodes"; ReadWriteMany "read-write by many nodes";
//! ReadWriteOncePod "read-write by a single Pod". A pod whose claim is attached to another
//! node stays ContainerCreating (`Multi-Attach error`).
//!
//! A ReadOnlyMany claim the pods write to is a warning, not an error. The same page
//! (<https://kubernetes.io/docs/concepts/storage/persistent-volumes/#access-modes>) says
//! access modes "do not enforce write protection once the storage has been mounted":
//! Kubernetes starts the pods, and the claim is only *asked* read-only. Whether a write
//! then fails is the volume plugin's: a CSI driver that mounts MULTI_NODE_READER_ONLY
//! read-only (GCE PD's), an NFS export made read-only or a disk attached read-only refuse
//! it (`read-only file system`); others let it through to storage asked read-only. An error
//! would claim a failure the snapshot cannot show; the warning says what to ask instead.
//! (ReadWriteOnce on several nodes and ReadWriteOncePod for several pods stay errors: the
//! attach and the scheduler do enforce those.)
//!
//! A claim bound to a node-local volume (`hostPath`, `local`) is N005's when the snapshot
//! has several schedulable nodes: a `local` volume's node affinity pins every pod that
//! mounts it to its node (a `hostPath` one needs no attach, each node has its own), so
//! N003's "pods on another node wait forever" is not what happens, and N003 gives way.
//! What holds wherever the pods land still stands: ReadWriteOncePod for several pods, and
//! a ReadOnlyMany claim written to.

use crate::cluster::{AccessMode, Claim, Cluster};
use crate::finding::Severity;
use crate::map::{Pod, Source};
use crate::rules::examples::Example;
use crate::rules::{Charts, Context, FixKind, Rule};
use crate::storage::{Field, Role};
use crate::yaml::YamlPath;

/// The claim is not in the namespace.
pub const N001: Rule = Rule {
    code: "N001",
    severity: Severity::Error,
    charts: Charts::Both,
    summary: "a claim the values name is not in the cluster snapshot's namespace",
    why: "A pod that mounts a claim that does not exist stays Pending (`persistentvolumeclaim \"...\" not found`): the chart does not create claims named in `existingClaim`/`volumeClaim`, they must exist in Polyaxon's namespace first. Usually a typo, or the claim was made in another namespace.",
    fix: FixKind::None,
};

/// The claim is Lost, or Pending where it will not bind by itself.
pub const N002: Rule = Rule {
    code: "N002",
    severity: Severity::Error,
    charts: Charts::Both,
    summary: "a claim that is Lost (error) or Pending with an Immediate storage class (warning)",
    why: "A Lost claim's volume is gone: pods that mount it never start. A Pending claim whose class binds immediately has found no volume (no provisioner, no matching PersistentVolume): pods wait on it (\"Mount nfs and get stuck on experiment\"). A class with `volumeBindingMode: WaitForFirstConsumer` binds when the first pod uses it, which is normal.",
    fix: FixKind::None,
};

/// The access modes do not serve the pods.
pub const N003: Rule = Rule {
    code: "N003",
    severity: Severity::Error,
    charts: Charts::Both,
    summary: "a claim's access modes do not serve its pods: ReadWriteOnce on several nodes, ReadWriteOncePod for several pods, ReadOnlyMany where pods write (a warning)",
    why: "Kubernetes: ReadWriteOnce is mounted by the pods of one node, ReadWriteOncePod by one pod, ReadOnlyMany read-only by many nodes, ReadWriteMany read-write by many (Persistent Volumes, Access Modes). Polyaxon's api and every job mount outputs and the artifacts store at once, on whatever node each lands: with ReadWriteOnce a pod on a second node waits forever (`Multi-Attach error`), with ReadWriteOncePod a second pod stays Pending. A ReadOnlyMany claim written to is a warning: access modes \"do not enforce write protection once the storage has been mounted\", so the pods start, and whether their writes fail depends on the volume plugin (a CSI driver that mounts ReadOnlyMany read-only, or an NFS export made read-only, refuses them; others let them through to storage asked read-only). A claim bound to a `hostPath`/`local` volume on several nodes is N005's: the volume pins the pods to its node instead.",
    fix: FixKind::None,
};

/// A one-node provisioner asked for a mode it cannot give.
pub const N004: Rule = Rule {
    code: "N004",
    severity: Severity::Error,
    charts: Charts::Both,
    summary: "an unbound claim asks ReadWriteMany or ReadOnlyMany of a storage class whose provisioner gives ReadWriteOnce only",
    why: "Block-storage provisioners (AWS EBS, GCE PD, Azure Disk, Cinder, DigitalOcean, local-path, ...) attach a disk to one node: they refuse ReadWriteMany and ReadOnlyMany, so the claim stays Pending and so do the pods. Shared storage needs a file-system class (NFS, EFS, Filestore, Azure Files, CephFS) or a cloud bucket.",
    fix: FixKind::None,
};

/// The claim's volume is a node's directory or disk.
pub const N005: Rule = Rule {
    code: "N005",
    severity: Severity::Error,
    charts: Charts::Both,
    summary: "a claim bound to a `hostPath` or `local` PersistentVolume, with several schedulable nodes",
    why: "A `hostPath` or `local` volume is one node's directory: the claim is a host path in disguise. Pods that mount it are pinned to that node (or, for `hostPath`, see another node's empty directory), and the files die with the node.",
    fix: FixKind::None,
};

const SNAPSHOT: &str = include_str!("snapshots/cluster.json");

pub const EXAMPLES: &[Example] = &[
    Example {
        code: "N001",
        bad: "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: outputs-nsf\n",
        fixed: "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: outputs-nfs\n",
        cluster: Some(SNAPSHOT),
        note: Some("Checked with `--cluster cluster.json` (`core/src/rules/cluster/snapshots/cluster.json`: three schedulable nodes, claims in every state, two Secrets)."),
    },
    Example {
        code: "N002",
        bad: "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: outputs-lost\n",
        fixed: "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: outputs-nfs\n",
        cluster: Some(SNAPSHOT),
        note: None,
    },
    Example {
        code: "N003",
        bad: "artifactsStore:\n  name: store\n  kind: volume_claim\n  schema:\n    volumeClaim: outputs-rwo\n    mountPath: /artifacts\n",
        fixed: "artifactsStore:\n  name: store\n  kind: volume_claim\n  schema:\n    volumeClaim: outputs-nfs\n    mountPath: /artifacts\n",
        cluster: Some(SNAPSHOT),
        note: Some("`outputs-rwo` is ReadWriteOnce and the snapshot has three schedulable nodes."),
    },
    Example {
        code: "N004",
        bad: "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: outputs-ebs-rwx\n",
        fixed: "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: outputs-nfs\n",
        cluster: Some(SNAPSHOT),
        note: None,
    },
    Example {
        code: "N005",
        bad: "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: outputs-nfs\n  data:\n    data:\n      mountPath: /data\n      existingClaim: data-local\n      readOnly: true\n",
        fixed: "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: outputs-nfs\n  data:\n    data:\n      mountPath: /data\n      existingClaim: data-ro\n      readOnly: true\n",
        cluster: Some(SNAPSHOT),
        note: None,
    },
];

/// One claim as the pods mount it: its entry's path, the pods (every row of it), and
/// whether any of them writes.
struct Mounted<'m> {
    name: &'m str,
    path: Option<&'m YamlPath>,
    role: Role,
    pods: Vec<Pod>,
}

pub(super) fn check(ctx: &mut Context<'_>) {
    let Some(cluster) = ctx.cluster_namespace() else {
        return;
    };
    let nodes = ctx.cluster.and_then(|(_, nodes)| nodes).unwrap_or(0);
    let map = ctx.map;
    let mut mounted: Vec<Mounted<'_>> = Vec::new();
    for row in &map.rows {
        let Source::Claim { claim: Some(name) } = &row.source else {
            continue;
        };
        match mounted
            .iter_mut()
            .find(|m| m.name == name && m.path == row.path.as_ref())
        {
            Some(m) => m.pods.extend(row.pods.iter().copied()),
            None => mounted.push(Mounted {
                name,
                path: row.path.as_ref(),
                role: row.role,
                pods: row.pods.to_vec(),
            }),
        }
    }
    for m in mounted {
        let (span, path) = super::written(ctx, m.path, Field::Claim);
        let ns = cluster.namespace.as_deref().unwrap_or_default();
        let Some(claim) = cluster.claim(m.name) else {
            let names: Vec<&str> = cluster.claims.iter().map(|c| c.name.as_str()).collect();
            let message = super::not_there("claim", m.name, &names, ns, true);
            ctx.report(&N001, span, path, message);
            continue;
        };
        if let Some((severity, message)) = unbound(cluster, claim) {
            ctx.report(&N002, span, path.clone(), message).severity = severity;
        }
        if let Some(message) = one_node_class(cluster, claim) {
            ctx.report(&N004, span, path.clone(), message);
        }
        let node_local = claim
            .volume
            .as_deref()
            .and_then(|v| cluster.volume(v))
            .is_some_and(|v| v.node_local);
        if let Some((severity, message)) = modes(claim, &m, nodes, node_local) {
            ctx.report(&N003, span, path.clone(), message).severity = severity;
        }
        if node_local && nodes > 1 {
            let message = format!(
                "claim `{}` is bound to `{}`, a `hostPath`/`local` volume: one node's directory, and the cluster snapshot has {nodes} schedulable nodes",
                claim.name,
                claim.volume.as_deref().unwrap_or_default()
            );
            ctx.report(&N005, span, path, message);
        }
    }
}

fn unbound(cluster: &Cluster, claim: &Claim) -> Option<(Severity, String)> {
    match claim.phase.as_str() {
        "Lost" => Some((
            Severity::Error,
            format!("claim `{}` is Lost: its volume is gone, and pods that mount it never start", claim.name),
        )),
        "Pending" => {
            let class = cluster.class_of(claim);
            if class.is_some_and(|c| c.wait_for_consumer) {
                return None;
            }
            Some((
                Severity::Warning,
                format!(
                    "claim `{}` is Pending{}: no volume bound it yet, and pods that mount it wait until one does",
                    claim.name,
                    class.map(|c| format!(" (class `{}` binds immediately)", c.name)).unwrap_or_default()
                ),
            ))
        }
        _ => None,
    }
}

fn one_node_class(cluster: &Cluster, claim: &Claim) -> Option<String> {
    if claim.phase == "Bound" {
        return None;
    }
    let class = cluster.class_of(claim).filter(|c| c.one_node_only())?;
    let asked = claim
        .access_modes
        .iter()
        .find(|m| matches!(m, AccessMode::ReadWriteMany | AccessMode::ReadOnlyMany))?;
    Some(format!(
        "claim `{}` asks {:?} of class `{}`, whose provisioner `{}` attaches a disk to one node: it gives ReadWriteOnce only, so the claim stays Pending",
        claim.name, asked, class.name, class.provisioner
    ))
}

/// N003: what the claim's access modes do not serve, with its severity. `node_local`: the
/// claim's volume is one node's (the several-nodes case is then N005's).
fn modes(claim: &Claim, m: &Mounted<'_>, nodes: usize, node_local: bool) -> Option<(Severity, String)> {
    let has = |mode| claim.access_modes.contains(&mode);
    if claim.access_modes.is_empty() {
        return None;
    }
    let writes = !matches!(m.role, Role::Data | Role::Connection);
    let pods: Vec<&str> = m.pods.iter().map(|p| p.label()).collect();
    let who = pods.join(", ");
    let shown: Vec<&str> = claim.access_modes.iter().map(|m| m.short()).collect();
    let modes = shown.join(", ");
    if writes && !has(AccessMode::ReadWriteMany) && !has(AccessMode::ReadWriteOnce) && !has(AccessMode::ReadWriteOncePod) {
        // A warning (the module's doc says why): Kubernetes does not enforce an access mode
        // once the volume is mounted; whether writes fail is the volume plugin's.
        return Some((
            Severity::Warning,
            format!(
                "claim `{}` is {modes}: asked read-only, and the {who} pods write to it; Kubernetes does not enforce the mode once mounted, so whether the writes fail depends on the volume plugin (one that mounts it read-only refuses them): ask ReadWriteMany",
                claim.name
            ),
        ));
    }
    let many = if writes {
        has(AccessMode::ReadWriteMany)
    } else {
        has(AccessMode::ReadWriteMany) || has(AccessMode::ReadOnlyMany)
    };
    if many {
        return None;
    }
    if claim.access_modes == [AccessMode::ReadWriteOncePod] {
        return Some((
            Severity::Error,
            format!(
                "claim `{}` is ReadWriteOncePod: one pod at a time, and the {who} pods mount it together",
                claim.name
            ),
        ));
    }
    // A node-local volume pins its pods to its node (or gives each node its own
    // directory): N005 says what that means, and "pods on another node wait" would not be
    // what happens.
    (nodes > 1 && !node_local).then(|| {
        let needed = if writes { "ReadWriteMany" } else { "ReadOnlyMany or ReadWriteMany" };
        let message = format!(
            "claim `{}` is {modes}, one node's, and the cluster snapshot has {nodes} schedulable nodes: {who} pods on another node wait forever (it must be {needed})",
            claim.name
        );
        (Severity::Error, message)
    })
}

#[cfg(test)]
mod tests {
    use crate::cluster;
    use crate::finding::Severity;
    use crate::{check_in, Options};

    fn found(text: &str, snapshot: &str) -> Vec<(&'static str, Severity, String)> {
        let cluster = cluster::read(snapshot).expect("the snapshot reads");
        check_in(text, &Options::default(), Some(&cluster))
            .findings
            .into_iter()
            .filter(|f| f.code.starts_with('N') || f.code.starts_with('D'))
            .map(|f| (f.code, f.severity, f.message))
            .collect()
    }

    fn outputs(claim: &str) -> String {
        format!("persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: {claim}\n  logs:\n    existingClaim: outputs-nfs\n  repos:\n    existingClaim: outputs-nfs\n")
    }

    #[test]
    fn a_missing_claim_names_the_ones_there() {
        let f = found(&outputs("outputs-nsf"), super::SNAPSHOT);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, "N001");
        assert!(f[0].2.contains("did you mean `outputs-nfs`?"), "{}", f[0].2);
        assert!(f[0].2.contains("claims there: outputs-nfs, outputs-rwo"), "{}", f[0].2);
    }

    #[test]
    fn a_shared_bound_claim_is_fine_and_topology_advice_goes() {
        assert_eq!(found(&outputs("outputs-nfs"), super::SNAPSHOT), []);
    }

    #[test]
    fn phases() {
        let lost = found(&outputs("outputs-lost"), super::SNAPSHOT);
        assert_eq!((lost[0].0, lost[0].1), ("N002", Severity::Error));
        let pending = found(&outputs("outputs-pending"), super::SNAPSHOT);
        assert_eq!((pending[0].0, pending[0].1), ("N002", Severity::Warning));
        // gp2 waits for its first consumer: Pending is normal, but EBS gives RWO only.
        let ebs = found(&outputs("outputs-ebs-rwx"), super::SNAPSHOT);
        assert_eq!(ebs.iter().map(|f| f.0).collect::<Vec<_>>(), ["N004"]);
    }

    #[test]
    fn access_modes_follow_nodes_and_writers() {
        let rwo = found(&outputs("outputs-rwo"), super::SNAPSHOT);
        assert_eq!(rwo.len(), 1, "{rwo:?}");
        assert_eq!(rwo[0].0, "N003");
        assert!(rwo[0].2.contains("3 schedulable nodes"), "{}", rwo[0].2);
        // One node: RWO serves every pod.
        let alone = "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: outputs-rwo\n";
        assert_eq!(found(alone, super::super::ONE_NODE), []);
        // ReadOnlyMany: fine for data, not for outputs.
        // ReadOnlyMany written to: a warning (Kubernetes does not enforce the mode once
        // mounted; the volume may refuse the writes).
        let ro = found(&outputs("data-ro"), super::SNAPSHOT);
        assert_eq!((ro[0].0, ro[0].1), ("N003", Severity::Warning), "{ro:?}");
        assert!(ro[0].2.contains("asked read-only"), "{ro:?}");
        let data = format!("{}  data:\n    d:\n      mountPath: /data\n      existingClaim: data-ro\n", outputs("outputs-nfs"));
        assert_eq!(found(&data, super::SNAPSHOT), []);
    }

    #[test]
    fn a_local_volume_is_a_host_path_on_several_nodes() {
        let text = format!("{}  data:\n    d:\n      mountPath: /data\n      existingClaim: data-local\n", outputs("outputs-nfs"));
        let f = found(&text, super::SNAPSHOT);
        let codes: Vec<&str> = f.iter().map(|f| f.0).collect();
        // N005 alone: the volume pins the pods to its node (N003's "wait on another node"
        // is not what happens).
        assert_eq!(codes, ["N005"], "{f:?}");
    }

    /// A snapshot of `nodes` Ready nodes, a shared claim for logs and repos, and claims
    /// bound to node-local volumes: `local` ReadWriteOncePod, `hostPath` ReadOnlyMany.
    fn node_local(nodes: usize) -> String {
        let mut items: Vec<String> = (0..nodes)
            .map(|i| format!(r#"{{"kind": "Node", "metadata": {{"name": "n{i}"}}, "status": {{"conditions": [{{"type": "Ready", "status": "True"}}]}}}}"#))
            .collect();
        let volume = |name: &str, source: &str, mode: &str| format!(r#"{{"kind": "PersistentVolume", "metadata": {{"name": "{name}"}}, "spec": {{{source}, "accessModes": ["{mode}"]}}}}"#);
        let claim = |name: &str, volume: &str, mode: &str| format!(r#"{{"kind": "PersistentVolumeClaim", "metadata": {{"name": "{name}", "namespace": "polyaxon"}}, "spec": {{"accessModes": ["{mode}"], "volumeName": "{volume}"}}, "status": {{"phase": "Bound", "accessModes": ["{mode}"]}}}}"#);
        items.push(volume("pv-local", r#""local": {"path": "/mnt/ssd"}"#, "ReadWriteOncePod"));
        items.push(volume("pv-host", r#""hostPath": {"path": "/srv/data"}"#, "ReadOnlyMany"));
        items.push(claim("outputs-nfs", "pv-nfs", "ReadWriteMany"));
        items.push(claim("out-rwop-local", "pv-local", "ReadWriteOncePod"));
        items.push(claim("out-rox-host", "pv-host", "ReadOnlyMany"));
        format!(r#"{{"apiVersion": "v1", "kind": "List", "items": [{}]}}"#, items.join(", "))
    }

    /// N003 gives way to N005 only for "another node": what a node-local volume does not
    /// change still stands (one pod for ReadWriteOncePod, writes to a read-only claim),
    /// on one node too, where N005 says nothing.
    #[test]
    fn a_node_local_volume_keeps_what_holds_on_its_node() {
        let codes = |claim: &str, nodes: usize| -> Vec<(&'static str, Severity)> {
            found(&outputs(claim), &node_local(nodes)).into_iter().map(|f| (f.0, f.1)).collect()
        };
        assert_eq!(codes("out-rwop-local", 3), [("N003", Severity::Error), ("N005", Severity::Error)]);
        assert_eq!(codes("out-rwop-local", 1), [("N003", Severity::Error)]);
        assert_eq!(codes("out-rox-host", 3), [("N003", Severity::Warning), ("N005", Severity::Error)]);
        assert_eq!(codes("out-rox-host", 1), [("N003", Severity::Warning)]);
        let rwop = found(&outputs("out-rwop-local"), &node_local(3));
        assert!(rwop[0].2.contains("one pod at a time"), "{rwop:?}");
    }
}
