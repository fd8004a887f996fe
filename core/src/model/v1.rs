//! The v1+ chart's `artifactsStore` (one connection) and `connections` (a list of them).

use serde::Serialize;

use crate::text::bucket::StoreKind;
use crate::yaml::{Document, NodeId, Pair};

/// `kind:` of a connection that can hold artifacts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum V1Kind {
    /// `host_path`.
    HostPath,
    /// `volume_claim`.
    VolumeClaim,
    /// `s3`.
    S3,
    /// `gcs`.
    Gcs,
    /// `wasb` (Azure Blob).
    Wasb,
}

impl V1Kind {
    /// Every kind.
    pub const ALL: [V1Kind; 5] = [
        V1Kind::HostPath,
        V1Kind::VolumeClaim,
        V1Kind::S3,
        V1Kind::Gcs,
        V1Kind::Wasb,
    ];
    /// Every kind's name, for "did you mean".
    pub const NAMES: [&'static str; 5] = ["host_path", "volume_claim", "s3", "gcs", "wasb"];

    /// The kind as spelled in values.yaml.
    pub fn name(self) -> &'static str {
        match self {
            V1Kind::HostPath => "host_path",
            V1Kind::VolumeClaim => "volume_claim",
            V1Kind::S3 => "s3",
            V1Kind::Gcs => "gcs",
            V1Kind::Wasb => "wasb",
        }
    }

    /// The kind spelled `name`, exactly.
    pub fn from_name(name: &str) -> Option<V1Kind> {
        V1Kind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// What people write for a kind that is meant: `azure` → wasb, `pvc` → volume_claim.
    pub fn from_alias(name: &str) -> Option<V1Kind> {
        let lower = name.to_ascii_lowercase().replace(['-', ' '], "_");
        match lower.as_str() {
            "host_path" | "hostpath" | "host" => Some(V1Kind::HostPath),
            "volume_claim" | "volumeclaim" | "pvc" | "claim" | "persistent_volume_claim" => {
                Some(V1Kind::VolumeClaim)
            }
            other => StoreKind::from_alias(other).map(V1Kind::from_store),
        }
    }

    /// The v1+ kind of a v0 cloud store.
    pub fn from_store(store: StoreKind) -> V1Kind {
        match store {
            StoreKind::S3 => V1Kind::S3,
            StoreKind::Gcs => V1Kind::Gcs,
            StoreKind::Azure => V1Kind::Wasb,
        }
    }

    /// The cloud store of a cloud kind.
    pub fn store(self) -> Option<StoreKind> {
        match self {
            V1Kind::S3 => Some(StoreKind::S3),
            V1Kind::Gcs => Some(StoreKind::Gcs),
            V1Kind::Wasb => Some(StoreKind::Azure),
            V1Kind::HostPath | V1Kind::VolumeClaim => None,
        }
    }

    /// `schema` keys this kind requires.
    pub fn required(self) -> &'static [&'static str] {
        match self {
            V1Kind::HostPath => &["hostPath", "mountPath"],
            V1Kind::VolumeClaim => &["volumeClaim", "mountPath"],
            _ => &["bucket"],
        }
    }

    /// `schema` keys this kind accepts.
    pub fn allowed(self) -> &'static [&'static str] {
        match self {
            V1Kind::HostPath => &["hostPath", "mountPath", "readOnly"],
            V1Kind::VolumeClaim => &["volumeClaim", "mountPath", "readOnly"],
            _ => &["bucket"],
        }
    }
}

/// Keys a connection accepts at its top level.
pub const CONNECTION_KEYS: [&str; 7] = [
    "name",
    "kind",
    "schema",
    "secret",
    "configMap",
    "description",
    "tags",
];

/// One connection: `artifactsStore`, or an item of `connections`.
#[derive(Debug, Clone, PartialEq)]
pub struct Connection {
    /// `artifactsStore` or `connections.3`.
    pub path: String,
    /// The connection's mapping.
    pub node: NodeId,
    /// Whether this is the artifacts store.
    pub is_store: bool,
}

impl Connection {
    /// The pair of a top-level key of the connection.
    pub fn get(&self, doc: &Document, key: &str) -> Option<Pair> {
        doc.get(self.node, key)
    }

    /// A scalar value with text.
    pub fn text<'d>(&self, doc: &'d Document, key: &str) -> Option<&'d str> {
        let pair = self.get(doc, key)?;
        doc.scalar(pair.value)
            .filter(|s| !s.is_empty())
            .map(|s| s.value.as_str())
    }

    /// Its `kind`, when it is a known one.
    pub fn kind(&self, doc: &Document) -> Option<V1Kind> {
        self.text(doc, "kind").and_then(V1Kind::from_name)
    }

    /// Its `name`, when written.
    pub fn name<'d>(&self, doc: &'d Document) -> Option<&'d str> {
        self.text(doc, "name")
    }

    /// A key of `schema` (`schema.bucket`).
    pub fn schema(&self, doc: &Document, key: &str) -> Option<Pair> {
        let schema = self.get(doc, "schema")?;
        doc.get(schema.value, key)
    }

    /// A `schema` key's value as text.
    pub fn schema_text<'d>(&self, doc: &'d Document, key: &str) -> Option<&'d str> {
        let pair = self.schema(doc, key)?;
        doc.scalar(pair.value)
            .filter(|s| !s.is_empty())
            .map(|s| s.value.as_str())
    }

    /// `secret.name`.
    pub fn secret_name<'d>(&self, doc: &'d Document) -> Option<&'d str> {
        let secret = self.get(doc, "secret")?;
        let name = doc.get(secret.value, "name")?;
        doc.scalar(name.value)
            .filter(|s| !s.is_empty())
            .map(|s| s.value.as_str())
    }
}

/// The v1+ sections as read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Artifacts {
    /// `artifactsStore: ...` at the root.
    pub store_pair: Option<Pair>,
    /// `connections: ...` at the root.
    pub connections_pair: Option<Pair>,
    /// The store (when a mapping) then each mapping item of `connections`.
    pub connections: Vec<Connection>,
}

impl Artifacts {
    /// The artifacts store, when it is a mapping.
    pub fn store(&self) -> Option<&Connection> {
        self.connections.iter().find(|c| c.is_store)
    }
}

/// Reads `artifactsStore` and `connections` from the document.
pub fn read(doc: &Document) -> Artifacts {
    let mut out = Artifacts::default();
    let Some(root) = doc.root() else { return out };
    out.store_pair = doc.get(root, "artifactsStore");
    out.connections_pair = doc.get(root, "connections");
    if let Some(pair) = out.store_pair {
        if doc.is_mapping(pair.value) {
            out.connections.push(Connection {
                path: "artifactsStore".into(),
                node: doc.resolve_id(pair.value),
                is_store: true,
            });
        }
    }
    if let Some(pair) = out.connections_pair {
        for (i, item) in doc.items(pair.value).iter().enumerate() {
            if doc.is_mapping(*item) {
                out.connections.push(Connection {
                    path: format!("connections.{i}"),
                    node: doc.resolve_id(*item),
                    is_store: false,
                });
            }
        }
    }
    out
}
