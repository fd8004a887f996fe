//! Reading v1+ `artifactsStore` (one connection) and `connections` (a list) into entries.

use super::{Entry, Field, FieldPair, Kind, KindState, Role, Storage};
use crate::options::Chart;
use crate::yaml::{Document, NodeId, Pair, YamlPath};

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

/// The store (when a mapping), then each mapping item of `connections`.
pub(super) fn entries(doc: &Document, storage: &Storage) -> Vec<Entry> {
    let mut out = Vec::new();
    if let Some(pair) = storage.artifacts_store {
        if doc.is_mapping(pair.value) {
            out.push(entry(
                doc,
                Role::ArtifactsStore,
                Some(pair),
                pair.value,
                Role::ArtifactsStore.section_path(),
            ));
        }
    }
    if let Some(pair) = storage.connections {
        for (i, item) in doc.items(pair.value).iter().enumerate() {
            if doc.is_mapping(*item) {
                out.push(entry(
                    doc,
                    Role::Connection,
                    None,
                    *item,
                    Role::Connection.section_path().item(i),
                ));
            }
        }
    }
    out
}

fn entry(doc: &Document, role: Role, pair: Option<Pair>, written: NodeId, path: YamlPath) -> Entry {
    let node = doc.resolve_id(written);
    let text = |p: Pair| {
        doc.scalar(p.value)
            .filter(|s| !s.is_empty())
            .map(|s| s.value.as_str())
    };
    let kind_pair = doc.get(node, "kind");
    let kind = match kind_pair.map(|p| text(p).and_then(Kind::from_v1_name)) {
        None => KindState::Unset,
        Some(Some(kind)) => KindState::Known(kind),
        Some(None) => KindState::Other,
    };
    let fields = Field::ALL
        .into_iter()
        .filter_map(|field| {
            let keys = field.location(Chart::V1)?;
            let mut at = node;
            let mut found = None;
            for key in keys {
                let pair = doc.get(at, key)?;
                at = doc.resolve_id(pair.value);
                found = Some(pair);
            }
            found.map(|pair| FieldPair { field, pair })
        })
        .collect();
    Entry {
        chart: Chart::V1,
        role,
        name: doc
            .get(node, "name")
            .and_then(text)
            .unwrap_or_default()
            .to_string(),
        path,
        pair,
        node,
        kind,
        kind_pair,
        fields,
        others: Vec::new(),
    }
}
