//! Reading a snapshot: the JSON or YAML `kubectl get ... -o json|yaml` prints (a `List`),
//! several YAML documents, or one object. JSON is read as YAML (it is YAML 1.2's flow
//! style), by the same loader as the values, so one parser holds every input.

use std::fmt;

use super::{AccessMode, Claim, Cluster, Node, Secret, StorageClass, Taint, Volume};
use crate::yaml::{self, Document, Limits, NodeId};

/// The command the README and `--help` give: every kind the rules read, from the
/// namespace Polyaxon is installed in.
pub const COMMAND: &str = "kubectl get nodes,storageclasses,persistentvolumes,persistentvolumeclaims,secrets -n polyaxon -o json > cluster.json";

/// The same, with every Secret's values (and annotations, where `kubectl apply` keeps a
/// copy of them) replaced before the snapshot leaves the cluster: only key names are needed.
pub const COMMAND_WITHOUT_VALUES: &str = "kubectl get nodes,storageclasses,persistentvolumes,persistentvolumeclaims,secrets -n polyaxon -o json | jq '(.items[] | select(.kind == \"Secret\")) |= {apiVersion, kind, metadata: {name: .metadata.name, namespace: .metadata.namespace}, type, data: ((.data // {}) + (.stringData // {}) | map_values(\"\"))}' > cluster.json";

/// Why a snapshot could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// Not JSON or YAML (the loader's message, with its line).
    Unreadable(String),
    /// Read, but none of the kinds the rules use is in it.
    NothingUsable(String),
    /// Claims or Secrets of more than one namespace: which one Polyaxon is in is unclear.
    SeveralNamespaces(Vec<String>),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Unreadable(why) => write!(f, "not a kubectl snapshot (JSON or YAML): {why}"),
            ReadError::NothingUsable(found) => write!(
                f,
                "no nodes, storage classes, persistent volumes, claims or Secrets in it ({found}); take it with: {COMMAND}"
            ),
            ReadError::SeveralNamespaces(names) => write!(
                f,
                "claims and Secrets of several namespaces ({}): take the snapshot of Polyaxon's namespace alone (`-n NAMESPACE`)",
                names.join(", ")
            ),
        }
    }
}

impl std::error::Error for ReadError {}

/// Reads a snapshot. Secret values are never taken out of the parsed tree, which is
/// dropped before this returns. Never panics.
pub fn read(text: &str) -> Result<Cluster, ReadError> {
    // A snapshot of a big namespace is larger than any values file.
    let limits = Limits {
        max_bytes: 64 * 1024 * 1024,
        max_nodes: 20_000_000,
        max_expanded_nodes: 40_000_000,
        ..Limits::default()
    };
    let mut cluster = Cluster::default();
    // Sorted sets as vectors: a B-tree would weigh on the page's bundle.
    let mut namespaces: Vec<String> = Vec::new();
    let mut kinds_seen: Vec<String> = Vec::new();
    let mut rest = text.trim_start_matches('\u{feff}');
    loop {
        let doc = yaml::load(rest, &limits).map_err(|e| unreadable(&e, text, rest))?;
        if let Some(root) = doc.root() {
            let mut reader = Reader {
                doc: &doc,
                cluster: &mut cluster,
                namespaces: &mut namespaces,
                kinds_seen: &mut kinds_seen,
            };
            reader.object(root);
        }
        match doc.dropped_document() {
            Some(next) if next.start > 0 && next.start < rest.len() => rest = &rest[next.start..],
            _ => break,
        }
    }
    let used = cluster.nodes.len()
        + cluster.classes.len()
        + cluster.volumes.len()
        + cluster.claims.len()
        + cluster.secrets.len();
    // An empty List is a real answer ("No resources found"): an empty namespace.
    if used == 0 && !kinds_seen.iter().any(|k| k == "List") {
        let found = if kinds_seen.is_empty() {
            "no `kind`".to_string()
        } else {
            format!("kinds: {}", kinds_seen.join(", "))
        };
        return Err(ReadError::NothingUsable(found));
    }
    if namespaces.len() > 1 {
        return Err(ReadError::SeveralNamespaces(namespaces));
    }
    cluster.namespace = namespaces.into_iter().next();
    Ok(cluster)
}

/// The loader's error, without any of the snapshot's text: a quoted value could be a
/// Secret's. Where it is, by line.
fn unreadable(error: &yaml::LoadError, text: &str, rest: &str) -> ReadError {
    let (what, span) = match error {
        yaml::LoadError::Syntax { message, span } if !message.contains('`') => {
            (format!("YAML syntax error: {message}"), span)
        }
        yaml::LoadError::Syntax { span, .. } => ("YAML syntax error".to_string(), span),
        yaml::LoadError::Limit { message, span } => (message.clone(), span),
        yaml::LoadError::RootNotMapping { what, span } => {
            (format!("the document is {what}, not an object"), span)
        }
    };
    let offset = text.len() - rest.len() + span.start;
    let line = text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1;
    ReadError::Unreadable(format!("{what} (line {line})"))
}

/// Adds `item` to the sorted `set` unless it is there.
fn insert_sorted(set: &mut Vec<String>, item: &str) {
    if let Err(at) = set.binary_search_by(|s| s.as_str().cmp(item)) {
        set.insert(at, item.to_string());
    }
}

struct Reader<'a> {
    doc: &'a Document,
    cluster: &'a mut Cluster,
    namespaces: &'a mut Vec<String>,
    kinds_seen: &'a mut Vec<String>,
}

impl Reader<'_> {
    /// One object, or a `List` of them (`kind: List`, or any `items:` list of objects).
    fn object(&mut self, id: NodeId) {
        let kind = self.text(id, &["kind"]).unwrap_or_default().to_string();
        if !kind.is_empty() {
            insert_sorted(self.kinds_seen, &kind);
        }
        if let Some(item_kind) = kind.strip_suffix("List") {
            // `kubectl get pvc -o json` answers a `List`; the API's own list kinds
            // (`PersistentVolumeClaimList`) carry items without a `kind` of their own.
            for item in self.list(id, &["items"]) {
                if !self.doc.is_mapping(item) {
                    continue;
                }
                match self.text(item, &["kind"]) {
                    Some(_) => self.object(item),
                    None if !item_kind.is_empty() => self.typed(item_kind, item),
                    None => {}
                }
            }
            return;
        }
        self.typed(&kind, id);
    }

    fn typed(&mut self, kind: &str, id: NodeId) {
        let Some(name) = self.text(id, &["metadata", "name"]).map(str::to_string) else {
            return;
        };
        let namespaced = matches!(kind, "PersistentVolumeClaim" | "Secret");
        if namespaced {
            if let Some(ns) = self
                .text(id, &["metadata", "namespace"])
                .map(str::to_string)
            {
                insert_sorted(self.namespaces, &ns);
            }
        }
        match kind {
            "Node" => {
                let ready = self
                    .list(id, &["status", "conditions"])
                    .into_iter()
                    .any(|c| {
                        self.text(c, &["type"]) == Some("Ready")
                            && self.text(c, &["status"]) == Some("True")
                    });
                let cordoned = self.flag(id, &["spec", "unschedulable"]);
                let taints = self
                    .list(id, &["spec", "taints"])
                    .into_iter()
                    .filter_map(|t| {
                        let effect = self.text(t, &["effect"])?;
                        matches!(effect, "NoSchedule" | "NoExecute").then(|| Taint {
                            key: self.text(t, &["key"]).unwrap_or_default().to_string(),
                            value: self.text(t, &["value"]).unwrap_or_default().to_string(),
                            effect: effect.to_string(),
                        })
                    })
                    .collect();
                self.cluster.nodes.push(Node {
                    name,
                    ready,
                    cordoned,
                    taints,
                });
            }
            "StorageClass" => {
                let default = [
                    "storageclass.kubernetes.io/is-default-class",
                    "storageclass.beta.kubernetes.io/is-default-class",
                ]
                .iter()
                .any(|key| self.text(id, &["metadata", "annotations", key]) == Some("true"));
                self.cluster.classes.push(StorageClass {
                    name,
                    provisioner: self
                        .text(id, &["provisioner"])
                        .unwrap_or_default()
                        .to_string(),
                    wait_for_consumer: self.text(id, &["volumeBindingMode"])
                        == Some("WaitForFirstConsumer"),
                    default,
                });
            }
            "PersistentVolume" => {
                let node_local = self.at(id, &["spec", "hostPath"]).is_some()
                    || self.at(id, &["spec", "local"]).is_some();
                self.cluster.volumes.push(Volume {
                    name,
                    node_local,
                    access_modes: self.modes(id, &["spec", "accessModes"]),
                });
            }
            "PersistentVolumeClaim" => {
                let bound = self.modes(id, &["status", "accessModes"]);
                let access_modes = if bound.is_empty() {
                    self.modes(id, &["spec", "accessModes"])
                } else {
                    bound
                };
                self.cluster.claims.push(Claim {
                    name,
                    phase: self
                        .text(id, &["status", "phase"])
                        .unwrap_or("Pending")
                        .to_string(),
                    access_modes,
                    class: self
                        .text(id, &["spec", "storageClassName"])
                        .map(str::to_string),
                    volume: self.text(id, &["spec", "volumeName"]).map(str::to_string),
                });
            }
            "Secret" => {
                // Key names only: `data` and `stringData` values are not read.
                let mut keys: Vec<String> = Vec::new();
                let mut had_values = false;
                for field in ["data", "stringData"] {
                    if let Some(map) = self.at(id, &[field]) {
                        for pair in self.doc.pairs(map) {
                            if let Some(key) = self.doc.key_str(pair.key) {
                                insert_sorted(&mut keys, key);
                            }
                            had_values |=
                                self.doc.scalar(pair.value).is_some_and(|s| !s.is_empty());
                        }
                    }
                }
                if had_values {
                    self.cluster.values_dropped += 1;
                }
                self.cluster.secrets.push(Secret { name, keys });
            }
            _ => {}
        }
    }

    /// The node at `path` under `id` (mappings only).
    fn at(&self, id: NodeId, path: &[&str]) -> Option<NodeId> {
        let mut at = id;
        for key in path {
            let pair = self.doc.get(at, key)?;
            at = self.doc.resolve_id(pair.value);
        }
        (!self.doc.is_null(at)).then_some(at)
    }

    fn text(&self, id: NodeId, path: &[&str]) -> Option<&str> {
        let scalar = self.doc.scalar(self.at(id, path)?)?;
        (!scalar.is_empty()).then_some(scalar.value.as_str())
    }

    fn flag(&self, id: NodeId, path: &[&str]) -> bool {
        self.at(id, path)
            .and_then(|n| self.doc.scalar(n))
            .and_then(|s| s.as_bool())
            .unwrap_or(false)
    }

    fn list(&self, id: NodeId, path: &[&str]) -> Vec<NodeId> {
        self.at(id, path)
            .map(|l| {
                self.doc
                    .items(l)
                    .iter()
                    .map(|&i| self.doc.resolve_id(i))
                    .collect()
            })
            .unwrap_or_default()
    }

    fn modes(&self, id: NodeId, path: &[&str]) -> Vec<AccessMode> {
        self.list(id, path)
            .into_iter()
            .filter_map(|m| AccessMode::parse(self.doc.scalar(m)?.value.as_str()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::Toleration;

    const SNAPSHOT: &str = include_str!("../rules/cluster/snapshots/cluster.json");

    #[test]
    fn a_kubectl_list() {
        let cluster = read(SNAPSHOT).expect("reads");
        assert_eq!(cluster.namespace.as_deref(), Some("polyaxon"));
        // A tainted control plane, a cordoned node and one not Ready are left out.
        assert_eq!(cluster.schedulable_nodes(&[]), 3);
        assert_eq!(
            cluster.summary(),
            "3 schedulable nodes (of 6), 3 storage classes, 2 volumes, 7 claims, 3 Secrets in polyaxon; values dropped from 3 Secrets"
        );
        let secret = cluster.secret("s3-secret").expect("there");
        assert_eq!(secret.keys, ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"]);
        // Tolerating the control plane's taint adds it.
        let all = Toleration {
            key: Some("node-role.kubernetes.io/control-plane".into()),
            exists: true,
            ..Toleration::default()
        };
        assert_eq!(cluster.schedulable_nodes(&[all]), 4);
    }

    /// Nothing the reader keeps holds a value: not the Debug form, not the JSON.
    #[test]
    fn secret_values_are_not_kept() {
        let cluster = read(SNAPSHOT).expect("reads");
        let planted = "UExBTlRFRC1TRUNSRVQtVkFMVUU"; // base64 of PLANTED-SECRET-VALUE
        assert!(SNAPSHOT.contains(planted));
        assert!(!format!("{cluster:?}").contains(planted));
    }

    #[test]
    fn documents_single_objects_and_typed_lists() {
        let yaml = "apiVersion: v1\nkind: Secret\nmetadata: {name: a, namespace: ns}\nstringData: {k: v}\n---\napiVersion: v1\nkind: PersistentVolumeClaimList\nitems:\n- metadata: {name: c, namespace: ns}\n  spec: {accessModes: [ReadWriteMany]}\n  status: {phase: Bound}\n";
        let cluster = read(yaml).expect("reads");
        assert_eq!(cluster.secrets.len(), 1);
        assert_eq!(cluster.claims[0].access_modes, [AccessMode::ReadWriteMany]);
        assert_eq!(cluster.namespace.as_deref(), Some("ns"));
        // An empty namespace is an answer; a values file is not a snapshot.
        assert!(read("{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": []}").is_ok());
        let err = read("persistence:\n  outputs: {}\n").unwrap_err();
        assert!(matches!(err, ReadError::NothingUsable(_)), "{err}");
        let err = read("{\"kind\": \"List\", \"items\": [").unwrap_err();
        assert!(err.to_string().contains("line 1"), "{err}");
        let two = "kind: Secret\nmetadata: {name: a, namespace: x}\n---\nkind: Secret\nmetadata: {name: b, namespace: y}\n";
        assert_eq!(
            read(two).unwrap_err(),
            ReadError::SeveralNamespaces(vec!["x".into(), "y".into()])
        );
    }

    /// A syntax error names the line, never the text around it (a value could be there).
    #[test]
    fn errors_quote_nothing() {
        let text = "kind: Secret\ndata:\n  k: !!int PLANTED\n";
        let err = read(text).unwrap_err().to_string();
        assert!(!err.contains("PLANTED"), "{err}");
    }
}
