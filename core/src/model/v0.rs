//! The v0 chart's `persistence` section (0.2 – 0.6.x) as a typed view over the YAML tree.
//!
//! Every field keeps the pair it was read from, so rules can point at it and the web
//! forms can rewrite exactly its bytes.

use serde::Serialize;

use crate::text::bucket::StoreKind;
use crate::yaml::{Document, NodeId, Pair};

/// A key of `persistence` that holds storage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Section {
    /// `persistence.outputs`: entries where jobs write outputs.
    Outputs,
    /// `persistence.data`: entries jobs read data from.
    Data,
    /// `persistence.logs`.
    Logs,
    /// `persistence.repos`.
    Repos,
    /// `persistence.upload`.
    Upload,
}

impl Section {
    /// Every section, in the order checks visit them.
    pub const ALL: [Section; 5] = [
        Section::Outputs,
        Section::Data,
        Section::Logs,
        Section::Repos,
        Section::Upload,
    ];

    /// The section's key under `persistence`.
    pub fn key(self) -> &'static str {
        match self {
            Section::Outputs => "outputs",
            Section::Data => "data",
            Section::Logs => "logs",
            Section::Repos => "repos",
            Section::Upload => "upload",
        }
    }

    /// `outputs` and `data` map names to entries; the others are one entry each.
    pub fn is_map(self) -> bool {
        matches!(self, Section::Outputs | Section::Data)
    }

    /// The 0.6.1 chart's defaults that Helm merges under a single-entry section:
    /// (mountPath, hostPath).
    pub fn chart_default(self) -> Option<(&'static str, &'static str)> {
        match self {
            Section::Logs => Some(("/polyaxon-logs", "/tmp/logs")),
            Section::Repos => Some(("/polyaxon-repos", "/tmp/repos")),
            Section::Upload => Some(("/tmp/upload", "/tmp/upload")),
            Section::Outputs | Section::Data => None,
        }
    }
}

/// A key an entry may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Key {
    #[serde(rename = "mountPath")]
    /// `mountPath`.
    MountPath,
    #[serde(rename = "hostPath")]
    /// `hostPath`.
    HostPath,
    #[serde(rename = "existingClaim")]
    /// `existingClaim`.
    ExistingClaim,
    #[serde(rename = "readOnly")]
    /// `readOnly`.
    ReadOnly,
    #[serde(rename = "store")]
    /// `store`.
    Store,
    #[serde(rename = "bucket")]
    /// `bucket`.
    Bucket,
    #[serde(rename = "secret")]
    /// `secret`.
    Secret,
    #[serde(rename = "secretKey")]
    /// `secretKey`.
    SecretKey,
}

impl Key {
    /// Every key.
    pub const ALL: [Key; 8] = [
        Key::MountPath,
        Key::HostPath,
        Key::ExistingClaim,
        Key::ReadOnly,
        Key::Store,
        Key::Bucket,
        Key::Secret,
        Key::SecretKey,
    ];

    /// The key as spelled in values.yaml.
    pub fn name(self) -> &'static str {
        match self {
            Key::MountPath => "mountPath",
            Key::HostPath => "hostPath",
            Key::ExistingClaim => "existingClaim",
            Key::ReadOnly => "readOnly",
            Key::Store => "store",
            Key::Bucket => "bucket",
            Key::Secret => "secret",
            Key::SecretKey => "secretKey",
        }
    }

    /// The key spelled `name`, exactly.
    pub fn from_name(name: &str) -> Option<Key> {
        Key::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The three keys that choose an entry's kind; only one may be set.
    pub const KIND_KEYS: [Key; 3] = [Key::HostPath, Key::ExistingClaim, Key::Store];
}

/// The names of all allowed keys, for "did you mean".
pub const KEY_NAMES: [&str; 8] = [
    "mountPath",
    "hostPath",
    "existingClaim",
    "readOnly",
    "store",
    "bucket",
    "secret",
    "secretKey",
];

/// Keys of the 0.1.x chart, which created the claim itself (K002).
pub const LEGACY_KEYS: [&str; 4] = ["size", "accessMode", "name", "storageClass"];

/// A known key as written in an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// Which key.
    pub key: Key,
    /// The `key: value` pair it was read from.
    pub pair: Pair,
}

/// Where an entry keeps its outputs, from the keys that have a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntryKind {
    /// `hostPath` is set.
    HostPath,
    /// `existingClaim` is set.
    Claim,
    /// `store:` is set; `None` when its value is not a known store.
    Cloud(Option<StoreKind>),
    /// None of `hostPath`, `existingClaim`, `store` has a value.
    Unset,
    /// More than one of them has a value.
    Conflict,
}

/// One storage entry: `persistence.outputs.NAME`, `persistence.data.NAME`, or the
/// single `persistence.logs` / `.repos` / `.upload`.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The section it is in.
    pub section: Section,
    /// The entry's name: its key under `outputs`/`data`, or the section key.
    pub name: String,
    /// `NAME: {...}` as written (for a single-entry section, `logs: {...}`).
    pub pair: Pair,
    /// `persistence.outputs.NAME`.
    pub path: String,
    /// Known keys, the last one when a key is written twice (as Helm keeps it).
    pub fields: Vec<Field>,
    /// Every other key, in order.
    pub others: Vec<Pair>,
}

impl Entry {
    /// The entry's mapping node.
    pub fn node(&self) -> NodeId {
        self.pair.value
    }

    /// The known key `key`, as written.
    pub fn field(&self, key: Key) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    /// The value of `key` as text, when it is a scalar with a value.
    pub fn text<'d>(&self, doc: &'d Document, key: Key) -> Option<&'d str> {
        let field = self.field(key)?;
        let scalar = doc.scalar(field.pair.value)?;
        (!scalar.is_empty()).then_some(scalar.value.as_str())
    }

    /// Whether `key` is written with a value (empty and null count as absent, as in Helm).
    pub fn has(&self, doc: &Document, key: Key) -> bool {
        self.field(key)
            .is_some_and(|f| doc.scalar(f.pair.value).is_none_or(|s| !s.is_empty()))
    }

    /// The kind-choosing keys that have a value, in the order written.
    pub fn kind_keys(&self, doc: &Document) -> Vec<Key> {
        let mut keys: Vec<&Field> = self
            .fields
            .iter()
            .filter(|f| Key::KIND_KEYS.contains(&f.key) && self.has(doc, f.key))
            .collect();
        keys.sort_by_key(|f| f.pair.key);
        keys.into_iter().map(|f| f.key).collect()
    }

    /// Where the entry keeps outputs, from the keys that have a value.
    pub fn kind(&self, doc: &Document) -> EntryKind {
        match self.kind_keys(doc).as_slice() {
            [] => EntryKind::Unset,
            [Key::HostPath] => EntryKind::HostPath,
            [Key::ExistingClaim] => EntryKind::Claim,
            [Key::Store] => {
                EntryKind::Cloud(self.text(doc, Key::Store).and_then(StoreKind::from_v0))
            }
            _ => EntryKind::Conflict,
        }
    }

    /// The mount path pods get, with the chart default for logs/repos/upload merged in.
    pub fn effective_mount_path<'d>(&self, doc: &'d Document) -> Option<&'d str> {
        self.text(doc, Key::MountPath)
            .or_else(|| self.section.chart_default().map(|(m, _)| m))
    }

    /// Whether Kubernetes gets a volume for this entry (a cloud store gets none).
    pub fn is_volume(&self, doc: &Document) -> bool {
        !matches!(self.kind(doc), EntryKind::Cloud(_))
    }

    /// `persistence.outputs.NAME.key`.
    pub fn child_path(&self, key: &str) -> String {
        format!("{}.{key}", self.path)
    }
}

/// The `persistence` section as read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Persistence {
    /// `persistence: ...` at the root.
    pub pair: Option<Pair>,
    /// `outputs: ...` and `data: ...` under it.
    pub outputs: Option<Pair>,
    /// `data: ...` under it.
    pub data: Option<Pair>,
    /// Every entry that is a mapping-shaped candidate, in file order per section.
    pub entries: Vec<Entry>,
}

impl Persistence {
    /// The pair of `persistence.SECTION`, if written.
    pub fn section_pair(&self, section: Section) -> Option<Pair> {
        match section {
            Section::Outputs => self.outputs,
            Section::Data => self.data,
            _ => self
                .entries
                .iter()
                .find(|e| e.section == section)
                .map(|e| e.pair),
        }
    }

    /// The entries of one section.
    pub fn entries_of(&self, section: Section) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(move |e| e.section == section)
    }

    /// `persistence.outputs` entries.
    pub fn outputs(&self) -> impl Iterator<Item = &Entry> {
        self.entries_of(Section::Outputs)
    }
}

/// Reads `persistence` from the document. Shapes that are not mappings are left out
/// here; the S rules report them.
pub fn read(doc: &Document) -> Persistence {
    let mut model = Persistence::default();
    let Some(root) = doc.root() else {
        return model;
    };
    let Some(pair) = doc.get(root, "persistence") else {
        return model;
    };
    model.pair = Some(pair);
    if !doc.is_mapping(pair.value) {
        return model;
    }
    for section in Section::ALL {
        let Some(section_pair) = doc.get(pair.value, section.key()) else {
            continue;
        };
        let section_path = format!("persistence.{}", section.key());
        if section.is_map() {
            if section == Section::Outputs {
                model.outputs = Some(section_pair);
            } else {
                model.data = Some(section_pair);
            }
            let pairs = merged_pairs(doc, section_pair.value);
            for (i, entry_pair) in pairs.iter().enumerate() {
                let Some(name) = doc.key_str(entry_pair.key) else {
                    continue;
                };
                // A name written twice: Helm keeps the last one.
                let later = pairs[i + 1..]
                    .iter()
                    .any(|p| doc.key_str(p.key) == Some(name));
                if later || !doc.is_mapping(entry_pair.value) {
                    continue;
                }
                model.entries.push(read_entry(
                    doc,
                    section,
                    name,
                    *entry_pair,
                    format!("{section_path}.{name}"),
                ));
            }
        } else if doc.is_mapping(section_pair.value) {
            model.entries.push(read_entry(
                doc,
                section,
                section.key(),
                section_pair,
                section_path,
            ));
        }
    }
    model
}

fn read_entry(doc: &Document, section: Section, name: &str, pair: Pair, path: String) -> Entry {
    let mut fields: Vec<Field> = Vec::new();
    let mut others = Vec::new();
    for p in merged_pairs(doc, pair.value) {
        match doc.key_str(p.key).and_then(Key::from_name) {
            Some(key) => {
                fields.retain(|f| f.key != key);
                fields.push(Field { key, pair: p });
            }
            None => others.push(p),
        }
    }
    Entry {
        section,
        name: name.to_string(),
        pair,
        path,
        fields,
        others,
    }
}

/// The pairs of a mapping with YAML merge keys (`<<: *base`) expanded first, as Helm's
/// parser does: merged keys come before (and lose to) the mapping's own keys.
pub fn merged_pairs(doc: &Document, map: NodeId) -> Vec<Pair> {
    let mut out = Vec::new();
    for pair in doc.pairs(map) {
        if doc.key_str(pair.key) == Some("<<") {
            let sources: Vec<NodeId> = if doc.is_mapping(pair.value) {
                vec![pair.value]
            } else {
                doc.items(pair.value).to_vec()
            };
            for source in sources {
                out.extend(doc.pairs(source).iter().copied());
            }
        } else {
            out.push(*pair);
        }
    }
    out
}
