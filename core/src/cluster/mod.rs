//! The cluster the values land on, from a `kubectl get ... -o json` snapshot: its nodes,
//! storage classes, persistent volumes, claims and Secrets — the facts the cluster rules
//! (family N) and the storage map's cluster column read.
//!
//! Only what a verdict needs is kept. A Secret is its name and its key names: the values
//! are never read out of the snapshot's tree, so nothing here (and nothing built from it:
//! findings, the map, the page's state) can hold one. No live cluster is contacted: the
//! checker runs in CI and in a browser tab, where no credentials should be, and the
//! snapshot is what `kubectl` prints for the user to look at first.

mod read;

pub use read::{read, ReadError, COMMAND, COMMAND_WITHOUT_VALUES};

use crate::map::{Note, SecretRef, Source, StorageMap};
use crate::yaml::{Document, NodeId};

/// What the snapshot says about the cluster.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cluster {
    /// The namespace the claims and Secrets are in (`None`: the snapshot has neither).
    pub namespace: Option<String>,
    pub nodes: Vec<Node>,
    pub classes: Vec<StorageClass>,
    pub volumes: Vec<Volume>,
    pub claims: Vec<Claim>,
    pub secrets: Vec<Secret>,
    /// How many Secrets came with their values (dropped as they were read): the summary
    /// says so, to suggest the command that drops them before they leave the cluster.
    pub values_dropped: usize,
}

/// A node, as far as scheduling the chart's pods goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub name: String,
    /// Its `Ready` condition is `True`.
    pub ready: bool,
    /// `spec.unschedulable` (`kubectl cordon`).
    pub cordoned: bool,
    /// Its `NoSchedule` and `NoExecute` taints, as `key=value:Effect`.
    pub taints: Vec<Taint>,
}

/// A taint that keeps pods off a node unless they tolerate it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Taint {
    pub key: String,
    pub value: String,
    pub effect: String,
}

/// A toleration of the chart's pods (`tolerations:` in the values).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Toleration {
    /// `None` with `Exists`: every taint.
    pub key: Option<String>,
    /// `Exists` (any value) rather than `Equal`.
    pub exists: bool,
    pub value: String,
    /// `None`: every effect.
    pub effect: Option<String>,
}

impl Toleration {
    /// Kubernetes' matching (`k8s.io/api/core/v1` `Toleration.ToleratesTaint`).
    pub fn tolerates(&self, taint: &Taint) -> bool {
        if self.effect.as_ref().is_some_and(|e| *e != taint.effect) {
            return false;
        }
        match &self.key {
            None => self.exists,
            Some(key) if *key != taint.key => false,
            Some(_) => self.exists || self.value == taint.value,
        }
    }
}

impl Node {
    /// Whether the chart's pods can land on it: Ready, not cordoned, and every
    /// `NoSchedule`/`NoExecute` taint tolerated.
    pub fn schedulable(&self, tolerations: &[Toleration]) -> bool {
        self.ready
            && !self.cordoned
            && self
                .taints
                .iter()
                .all(|t| tolerations.iter().any(|tol| tol.tolerates(t)))
    }
}

/// A StorageClass.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StorageClass {
    pub name: String,
    pub provisioner: String,
    /// `volumeBindingMode: WaitForFirstConsumer`: its claims stay Pending until a pod uses them.
    pub wait_for_consumer: bool,
    /// Annotated as the cluster's default class.
    pub default: bool,
}

impl StorageClass {
    /// Whether its provisioner makes block volumes that attach to one node at a time: it
    /// gives ReadWriteOnce (and ReadWriteOncePod) only, whatever a claim asks. Cloud disks
    /// and node-local provisioners; the CSI drivers' documentation lists their modes.
    pub fn one_node_only(&self) -> bool {
        const ONE_NODE: [&str; 14] = [
            "kubernetes.io/aws-ebs",
            "ebs.csi.aws.com",
            "kubernetes.io/gce-pd",
            "pd.csi.storage.gke.io",
            "kubernetes.io/azure-disk",
            "disk.csi.azure.com",
            "kubernetes.io/cinder",
            "cinder.csi.openstack.org",
            "dobs.csi.digitalocean.com",
            "linodebs.csi.linode.com",
            "rancher.io/local-path",
            "kubernetes.io/no-provisioner",
            "openebs.io/local",
            "k8s.io/minikube-hostpath",
        ];
        ONE_NODE.contains(&self.provisioner.as_str())
    }
}

/// An access mode of a claim or volume.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccessMode {
    ReadWriteOnce,
    ReadOnlyMany,
    ReadWriteMany,
    ReadWriteOncePod,
}

impl AccessMode {
    pub fn parse(word: &str) -> Option<AccessMode> {
        Some(match word {
            "ReadWriteOnce" => AccessMode::ReadWriteOnce,
            "ReadOnlyMany" => AccessMode::ReadOnlyMany,
            "ReadWriteMany" => AccessMode::ReadWriteMany,
            "ReadWriteOncePod" => AccessMode::ReadWriteOncePod,
            _ => return None,
        })
    }

    /// `kubectl get pvc`'s short form.
    pub fn short(self) -> &'static str {
        match self {
            AccessMode::ReadWriteOnce => "RWO",
            AccessMode::ReadOnlyMany => "ROX",
            AccessMode::ReadWriteMany => "RWX",
            AccessMode::ReadWriteOncePod => "RWOP",
        }
    }
}

/// A PersistentVolume.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Volume {
    pub name: String,
    /// `hostPath` or `local`: the files are on one node.
    pub node_local: bool,
    pub access_modes: Vec<AccessMode>,
}

/// A PersistentVolumeClaim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub name: String,
    /// `status.phase`: `Bound`, `Pending` or `Lost` (`Pending` when not written).
    pub phase: String,
    /// The bound volume's modes (`status.accessModes`), else the modes asked for.
    pub access_modes: Vec<AccessMode>,
    /// `spec.storageClassName` (`None`: the default class, or none).
    pub class: Option<String>,
    /// `spec.volumeName`: the volume it is bound to.
    pub volume: Option<String>,
}

/// A Secret: its name and key names, never its values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Secret {
    pub name: String,
    /// The keys of `data` and `stringData`, sorted.
    pub keys: Vec<String>,
}

impl Cluster {
    /// The nodes the chart's pods can land on.
    pub fn schedulable_nodes(&self, tolerations: &[Toleration]) -> usize {
        self.nodes
            .iter()
            .filter(|n| n.schedulable(tolerations))
            .count()
    }

    pub fn claim(&self, name: &str) -> Option<&Claim> {
        self.claims.iter().find(|c| c.name == name)
    }

    pub fn secret(&self, name: &str) -> Option<&Secret> {
        self.secrets.iter().find(|s| s.name == name)
    }

    pub fn volume(&self, name: &str) -> Option<&Volume> {
        self.volumes.iter().find(|v| v.name == name)
    }

    /// The class a claim gets: the one it names, else the cluster's default.
    pub fn class_of(&self, claim: &Claim) -> Option<&StorageClass> {
        match &claim.class {
            Some(name) => self.classes.iter().find(|c| c.name == *name),
            None => self.classes.iter().find(|c| c.default),
        }
    }

    /// What the snapshot holds, in one line for people: "3 schedulable nodes (of 4), 2
    /// claims, 4 Secrets in polyaxon; values dropped from 4 Secrets". Nodes count as
    /// schedulable without tolerations: the values' own are counted by the check.
    pub fn summary(&self) -> String {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let schedulable = self.schedulable_nodes(&[]);
        let mut parts = Vec::new();
        if !self.nodes.is_empty() {
            let mut nodes = plural(schedulable, "schedulable node", "schedulable nodes");
            if schedulable != self.nodes.len() {
                nodes.push_str(&format!(" (of {})", self.nodes.len()));
            }
            parts.push(nodes);
        }
        if !self.classes.is_empty() {
            parts.push(plural(
                self.classes.len(),
                "storage class",
                "storage classes",
            ));
        }
        if !self.volumes.is_empty() {
            parts.push(plural(self.volumes.len(), "volume", "volumes"));
        }
        parts.push(plural(self.claims.len(), "claim", "claims"));
        parts.push(plural(self.secrets.len(), "Secret", "Secrets"));
        let mut out = parts.join(", ");
        if let Some(ns) = &self.namespace {
            out.push_str(&format!(" in {ns}"));
        }
        if self.values_dropped > 0 {
            out.push_str(&format!(
                "; values dropped from {}",
                plural(self.values_dropped, "Secret", "Secrets")
            ));
        }
        out
    }
}

/// The tolerations the chart's pods carry: the values' top-level `tolerations` list
/// (what both charts put on the pods that mount storage).
pub fn tolerations(doc: &Document) -> Vec<Toleration> {
    let Some(list) = doc
        .root()
        .and_then(|root| doc.get(root, "tolerations"))
        .map(|pair| doc.resolve_id(pair.value))
    else {
        return Vec::new();
    };
    let text = |item: NodeId, key: &str| -> Option<String> {
        let scalar = doc.scalar(doc.resolve_id(doc.get(item, key)?.value))?;
        (!scalar.is_empty()).then(|| scalar.value.clone())
    };
    doc.items(list)
        .iter()
        .map(|&item| doc.resolve_id(item))
        .filter(|&item| doc.is_mapping(item))
        .map(|item| Toleration {
            key: text(item, "key"),
            exists: text(item, "operator").as_deref() == Some("Exists"),
            value: text(item, "value").unwrap_or_default(),
            effect: text(item, "effect"),
        })
        .collect()
}

/// Writes on each row of the map what the cluster says of its source: the claim's phase,
/// modes and class, the Secret's keys, the nodes a host path is spread over.
pub fn describe_rows(map: &mut StorageMap, cluster: &Cluster, nodes: Option<usize>) {
    let ns = cluster.namespace.as_deref().unwrap_or("the snapshot");
    for row in &mut map.rows {
        // A claim the cluster has as ReadWriteMany needs no advice about it.
        if let Source::Claim { claim: Some(name) } = &row.source {
            if cluster
                .claim(name)
                .is_some_and(|c| c.access_modes.contains(&AccessMode::ReadWriteMany))
            {
                row.notes.retain(|n| *n != Note::ReadWriteMany);
            }
        }
        row.cluster = match &row.source {
            Source::Claim { claim: Some(name) } => Some(match cluster.claim(name) {
                Some(claim) => claim.describe(cluster),
                None => format!("claim `{name}` is not in {ns}"),
            }),
            Source::Bucket {
                secret: Some(SecretRef {
                    name: Some(name), ..
                }),
                ..
            } => Some(match cluster.secret(name) {
                Some(secret) if secret.keys.is_empty() => {
                    format!("Secret `{name}` is in {ns}, with no keys")
                }
                Some(secret) => format!(
                    "Secret `{name}` is in {ns}, with keys {}",
                    secret.keys.join(", ")
                ),
                None => format!("Secret `{name}` is not in {ns}"),
            }),
            Source::HostPath { .. } => nodes.map(|n| match n {
                1 => "one schedulable node: every pod sees the same directory".to_string(),
                n => format!("{n} schedulable nodes: a different directory on each"),
            }),
            _ => None,
        };
    }
}

impl Claim {
    /// "claim `outputs` is Bound to `pv-1` (RWX, class `nfs`)".
    pub fn describe(&self, cluster: &Cluster) -> String {
        let modes: Vec<&str> = self.access_modes.iter().map(|m| m.short()).collect();
        let mut out = format!("claim `{}` is {}", self.name, self.phase);
        if let Some(volume) = &self.volume {
            out.push_str(&format!(" to `{volume}`"));
            if cluster.volume(volume).is_some_and(|v| v.node_local) {
                out.push_str(", a node-local volume");
            }
        }
        let class = cluster.class_of(self).map(|c| c.name.as_str());
        out.push_str(&format!(
            " ({}{})",
            if modes.is_empty() {
                "no access mode".to_string()
            } else {
                modes.join(", ")
            },
            class.map(|c| format!(", class `{c}`")).unwrap_or_default()
        ));
        out
    }
}
