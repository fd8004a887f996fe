//! The storage model both charts share: entries with a role, a kind and fields.
//!
//! `persistence.outputs.NAME` (v0) and an `artifactsStore`/`connections` item (v1+) are
//! read into the same [`Entry`]; [`Field::location`] says where each chart writes a field.
//! Rules and forms work on entries and never ask which chart wrote them, except for what
//! only one chart has (v0's section shapes and keys, v1+'s connection shape).
//!
//! Every field keeps the pair it was read from, so rules can point at it and forms can
//! rewrite exactly its bytes.

mod kind;
pub mod v0;
pub mod v1;

pub use kind::{Field, Kind, V0_KEYS};

use serde::Serialize;

use crate::options::Chart;
use crate::source::Span;
use crate::yaml::{Document, NodeId, Pair, YamlPath};

/// What an entry is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// v0 `persistence.outputs.NAME`: where jobs write outputs.
    Outputs,
    /// v0 `persistence.data.NAME`: where jobs read data.
    Data,
    /// v0 `persistence.logs`.
    Logs,
    /// v0 `persistence.repos`.
    Repos,
    /// v0 `persistence.upload`.
    Upload,
    /// v1+ `artifactsStore`: where runs keep artifacts, outputs and logs.
    ArtifactsStore,
    /// v1+ an item of `connections`.
    Connection,
}

impl Role {
    /// The sections of v0 `persistence`, in the order checks visit them.
    pub const V0_SECTIONS: [Role; 5] = [
        Role::Outputs,
        Role::Data,
        Role::Logs,
        Role::Repos,
        Role::Upload,
    ];

    /// The key it is written under (`outputs` under `persistence`, `artifactsStore` at the root).
    pub fn key(self) -> &'static str {
        match self {
            Role::Outputs => "outputs",
            Role::Data => "data",
            Role::Logs => "logs",
            Role::Repos => "repos",
            Role::Upload => "upload",
            Role::ArtifactsStore => "artifactsStore",
            Role::Connection => "connections",
        }
    }

    /// The chart the role belongs to.
    pub fn chart(self) -> Chart {
        match self {
            Role::ArtifactsStore | Role::Connection => Chart::V1,
            _ => Chart::V0,
        }
    }

    /// v0 `outputs` and `data` map names to entries; `logs`/`repos`/`upload` are one entry.
    pub fn is_map(self) -> bool {
        matches!(self, Role::Outputs | Role::Data)
    }

    /// The 0.6.1 chart's defaults that Helm merges under a single-entry section:
    /// (mountPath, hostPath).
    pub fn chart_default(self) -> Option<(&'static str, &'static str)> {
        match self {
            Role::Logs => Some(("/polyaxon-logs", "/tmp/logs")),
            Role::Repos => Some(("/polyaxon-repos", "/tmp/repos")),
            Role::Upload => Some(("/tmp/upload", "/tmp/upload")),
            _ => None,
        }
    }

    /// What pods get when the role has no entry at all: (mountPath, hostPath) of the
    /// chart's default host-path volume (0.6.1 `values.yaml` for outputs/logs/repos/upload,
    /// today's chart for the artifacts store). `None`: nothing is mounted.
    pub fn empty_default(self) -> Option<(&'static str, &'static str)> {
        match self {
            // 0.6.1 values.yaml `defaultPersistence`, which `_pvc_def.tpl` hands the
            // server for its job pods when the section is empty.
            Role::Outputs => Some(("/outputs", "/tmp/outputs")),
            Role::Data => Some(("/data", "/tmp/data")),
            Role::ArtifactsStore => Some(("/artifactsStore", "/tmp/artifactsStore")),
            Role::Connection => None,
            other => other.chart_default(),
        }
    }

    /// The YAML path of the section (`persistence.outputs`, `artifactsStore`).
    pub fn section_path(self) -> YamlPath {
        let root = YamlPath::root();
        match self.chart() {
            Chart::V0 => root.child("persistence").child(self.key()),
            Chart::V1 => root.child(self.key()),
        }
    }
}

/// What an entry's keys say about its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum KindState {
    /// One known kind.
    Known(Kind),
    /// Nothing says (no kind key has a value / no `kind`).
    Unset,
    /// v0: more than one of `hostPath`, `existingClaim`, `store` has a value.
    Conflict,
    /// v0: `store:` with a value that is not a store (C001 says which).
    UnknownStore,
    /// v1+: a `kind` that is not one of the five artifact kinds.
    Other,
}

impl KindState {
    /// The kind, when known.
    pub fn known(self) -> Option<Kind> {
        match self {
            KindState::Known(kind) => Some(kind),
            _ => None,
        }
    }

    /// Whether the entry is a bucket (a known store or v0's unknown `store:`).
    pub fn is_bucket(self) -> bool {
        matches!(
            self,
            KindState::Known(Kind::Bucket(_)) | KindState::UnknownStore
        )
    }
}

/// A field as written in an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldPair {
    /// Which field.
    pub field: Field,
    /// The `key: value` pair it was read from.
    pub pair: Pair,
}

/// One storage entry: `persistence.outputs.NAME`, `persistence.logs`, `artifactsStore`
/// or an item of `connections`.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The chart that wrote it.
    pub chart: Chart,
    /// What it is for.
    pub role: Role,
    /// v0: its key (`out`, or the section key); v1+: its `name:` ("" when missing).
    pub name: String,
    /// Its YAML path: `persistence.outputs.out`, `artifactsStore`, `connections.2`.
    pub path: YamlPath,
    /// The `key: value` it is written as (v0 entries, `artifactsStore`); none for a list item.
    pub pair: Option<Pair>,
    /// Its mapping, aliases resolved.
    pub node: NodeId,
    /// What its keys say about its kind.
    pub kind: KindState,
    /// v1+: the `kind: ...` pair.
    pub kind_pair: Option<Pair>,
    /// Known fields as written, the last one when a key is written twice (as Helm keeps it).
    pub fields: Vec<FieldPair>,
    /// v0: every other key, in order.
    pub others: Vec<Pair>,
}

impl Entry {
    /// The field as written.
    pub fn field(&self, field: Field) -> Option<&FieldPair> {
        self.fields.iter().find(|f| f.field == field)
    }

    /// The field's value as text, when it is a scalar with a value.
    pub fn text<'d>(&self, doc: &'d Document, field: Field) -> Option<&'d str> {
        let scalar = doc.scalar(self.field(field)?.pair.value)?;
        (!scalar.is_empty()).then_some(scalar.value.as_str())
    }

    /// Whether the field is written with a value (empty and null count as absent, as in Helm).
    pub fn has(&self, doc: &Document, field: Field) -> bool {
        self.field(field)
            .is_some_and(|f| doc.scalar(f.pair.value).is_none_or(|s| !s.is_empty()))
    }

    /// A key of the entry's own mapping.
    pub fn get(&self, doc: &Document, key: &str) -> Option<Pair> {
        doc.get(self.node, key)
    }

    /// v1+: `isAlias: true` (or `is_alias`): a connection the chart never mounts, even when
    /// `mountConnections` names it (`_connections.tpl`: `not $c.isAlias`).
    pub fn is_alias(&self, doc: &Document) -> bool {
        ["isAlias", "is_alias"].iter().any(|key| {
            self.get(doc, key)
                .and_then(|p| doc.scalar(p.value))
                .and_then(|s| s.as_bool())
                == Some(true)
        })
    }

    /// v1+: the `secret` mapping and its `mountPath` value when written with one (the
    /// chart mounts the Secret there instead of reading its keys as env vars).
    pub fn secret_mount<'d>(&self, doc: &'d Document) -> Option<(Pair, Option<&'d str>)> {
        let secret = self
            .get(doc, "secret")
            .filter(|p| doc.is_mapping(p.value))?;
        let mount = doc
            .get(secret.value, "mountPath")
            .and_then(|m| doc.scalar(m.value));
        Some((
            secret,
            mount.filter(|s| !s.is_empty()).map(|s| s.value.as_str()),
        ))
    }

    /// v1+: the items of `secret.items` (key names of the Secret, as written) with their
    /// YAML paths; none when `secret` is not a mapping or `items` is not a list.
    pub fn secret_items(&self, doc: &Document) -> Vec<(NodeId, YamlPath)> {
        let Some((secret, _)) = self.secret_mount(doc) else {
            return Vec::new();
        };
        let Some(items) = doc.get(secret.value, "items") else {
            return Vec::new();
        };
        let path = self.child_path("secret").child("items");
        doc.items(items.value)
            .iter()
            .enumerate()
            .map(|(i, item)| (*item, path.item(i)))
            .collect()
    }

    /// Where entry-level findings point: the entry's key (v0) or its mapping (v1+).
    pub fn anchor(&self, doc: &Document) -> Span {
        match (self.chart, self.pair) {
            (Chart::V0, Some(pair)) => doc.span(pair.key),
            _ => doc.span(self.node),
        }
    }

    /// Where findings about its kind point: the `kind` value (v1+), else [`Entry::anchor`].
    pub fn kind_span(&self, doc: &Document) -> Span {
        self.kind_pair
            .map_or_else(|| self.anchor(doc), |p| doc.span(p.value))
    }

    /// The entry's key and value (v0, `artifactsStore`) or its mapping (a list item).
    pub fn span(&self, doc: &Document) -> Span {
        self.pair.map_or_else(
            || doc.span(self.node),
            |p| doc.span(p.key).cover(doc.span(p.value)),
        )
    }

    /// The YAML path of a key under the entry (`persistence.outputs.out.mountPath`).
    pub fn child_path(&self, key: &str) -> YamlPath {
        self.path.child(key)
    }

    /// The YAML path of a field (`artifactsStore.schema.volumeClaim`).
    pub fn field_path(&self, field: Field) -> YamlPath {
        match field.location(self.chart) {
            Some(keys) => self.path.descend(keys),
            None => self.path.child(field.key(self.chart)),
        }
    }

    /// How the chart spells `kind` in prose: `` `store: s3` `` or `` `kind: s3` ``.
    pub fn kind_words(&self, kind: Kind) -> String {
        match (self.chart, kind) {
            (Chart::V0, Kind::Bucket(store)) => format!("`store: {}`", store.v0_name()),
            (Chart::V0, other) => format!("`{}`", other.name(Chart::V0)),
            (Chart::V1, other) => format!("`kind: {}`", other.name(Chart::V1)),
        }
    }

    /// Whether Kubernetes gets a volume for this entry (a cloud store gets none).
    pub fn is_volume(&self) -> bool {
        !self.kind.is_bucket()
    }

    /// How it reads in a message: "entry `out`" or "`artifactsStore`".
    pub fn label(&self) -> String {
        match self.chart {
            Chart::V0 => format!("entry `{}`", self.name),
            Chart::V1 => format!("`{}`", self.path),
        }
    }
}

/// The storage sections of a values file, read for one chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Storage {
    /// The chart the entries were read for.
    pub chart: Chart,
    /// Every entry of that chart, in file order per section.
    pub entries: Vec<Entry>,
    /// `persistence: ...` at the root.
    pub persistence: Option<Pair>,
    /// `persistence.outputs: ...`.
    pub outputs: Option<Pair>,
    /// `persistence.data: ...`.
    pub data: Option<Pair>,
    /// `artifactsStore: ...` at the root.
    pub artifacts_store: Option<Pair>,
    /// `connections: ...` at the root.
    pub connections: Option<Pair>,
}

impl Storage {
    /// Reads the storage sections of `doc` for `chart`.
    pub fn read(doc: &Document, chart: Chart) -> Storage {
        let root = doc.root();
        let top = |key: &str| root.and_then(|r| doc.get(r, key));
        let persistence = top("persistence");
        let under = |key: &str| {
            persistence
                .filter(|p| doc.is_mapping(p.value))
                .and_then(|p| doc.get(p.value, key))
        };
        let mut storage = Storage {
            chart,
            entries: Vec::new(),
            outputs: under("outputs"),
            data: under("data"),
            persistence,
            artifacts_store: top("artifactsStore"),
            connections: top("connections"),
        };
        storage.entries = match chart {
            Chart::V0 => v0::entries(doc, &storage),
            Chart::V1 => v1::entries(doc, &storage),
        };
        storage
    }

    /// The entries of one role.
    pub fn entries_of(&self, role: Role) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(move |e| e.role == role)
    }

    /// The pair of v0 `persistence.SECTION`, if written (and read as an entry for the
    /// single-entry sections).
    pub fn section_pair(&self, role: Role) -> Option<Pair> {
        match role {
            Role::Outputs => self.outputs,
            Role::Data => self.data,
            _ => self.entries_of(role).next().and_then(|e| e.pair),
        }
    }

    /// The v1+ artifacts store, when it is a mapping.
    pub fn store(&self) -> Option<&Entry> {
        self.entries_of(Role::ArtifactsStore).next()
    }
}
