//! Reading v0 `persistence` (chart 0.2 – 0.6.x) into entries.

use std::collections::HashMap;

use super::{Entry, Field, FieldPair, Kind, KindState, Role, Storage};
use crate::options::Chart;
use crate::text::bucket::StoreKind;
use crate::yaml::{Document, Pair, YamlPath};

/// Keys of the 0.1.x chart, which created the claim itself (K002).
pub const LEGACY_KEYS: [&str; 5] = ["size", "accessMode", "name", "storageClass", "enabled"];

/// Whether `pair` of a section is an entry's key written directly under the section (the
/// 0.1.x flat shape, S002) rather than a named entry.
pub fn is_flat_key(doc: &Document, pair: &Pair) -> bool {
    doc.key_str(pair.key)
        .is_some_and(|k| super::V0_KEYS.contains(&k) || LEGACY_KEYS.contains(&k) || k == "subPath")
        && !doc.is_mapping(pair.value)
}

/// Whether `pair`, an unknown key of `logs`/`repos`/`upload`, is an entry written in the
/// `outputs` shape (`logs: {NAME: {mountPath: ...}}`, S002): a mapping with an entry's key
/// (`<<` merges included, as Helm reads them; `<<` itself is no name).
pub fn is_nested_entry(doc: &Document, pair: &Pair) -> bool {
    doc.key_str(pair.key) != Some("<<")
        && doc
            .merged_pairs(pair.value)
            .iter()
            .any(|p| doc.key_str(p.key).and_then(Field::from_v0_key).is_some())
}

/// The entries written one level too deep under `logs`/`repos`/`upload`: the chart ignores
/// them, the rules check them as the section's own (what the user meant).
pub(crate) fn nested(doc: &Document, storage: &Storage) -> Vec<Entry> {
    let mut out = Vec::new();
    for e in storage.entries.iter().filter(|e| !e.role.is_map()) {
        for pair in e.others.iter().filter(|p| is_nested_entry(doc, p)) {
            if let Some(name) = doc.key_str(pair.key) {
                out.push(entry(doc, e.role, name, *pair, e.path.child(name)));
            }
        }
    }
    out
}

/// The three keys that choose an entry's kind; only one may be set.
pub const KIND_FIELDS: [Field; 3] = [Field::HostPath, Field::Claim, Field::Store];

/// Every mapping-shaped entry of `persistence`, in file order per section. Shapes that
/// are not mappings are left out here; the S rules report them.
pub(super) fn entries(doc: &Document, storage: &Storage) -> Vec<Entry> {
    let mut out = Vec::new();
    let Some(persistence) = storage.persistence.filter(|p| doc.is_mapping(p.value)) else {
        return out;
    };
    for role in Role::V0_SECTIONS {
        let Some(section) = doc.get(persistence.value, role.key()) else {
            continue;
        };
        let section_path = role.section_path();
        if !role.is_map() {
            if doc.is_mapping(section.value) {
                out.push(entry(doc, role, role.key(), section, section_path.clone()));
            }
            continue;
        }
        let pairs = doc.merged_pairs(section.value);
        // A name written twice: Helm keeps the last one.
        let mut last: HashMap<&str, usize> = HashMap::new();
        for (i, pair) in pairs.iter().enumerate() {
            if let Some(name) = doc.key_str(pair.key) {
                last.insert(name, i);
            }
        }
        for (i, pair) in pairs.iter().enumerate() {
            let Some(name) = doc.key_str(pair.key) else {
                continue;
            };
            if last.get(name) != Some(&i) || !doc.is_mapping(pair.value) {
                continue;
            }
            out.push(entry(doc, role, name, *pair, section_path.child(name)));
        }
    }
    out
}

fn entry(doc: &Document, role: Role, name: &str, pair: Pair, path: YamlPath) -> Entry {
    let mut fields: Vec<FieldPair> = Vec::new();
    let mut others = Vec::new();
    for p in doc.merged_pairs(pair.value) {
        match doc.key_str(p.key).and_then(Field::from_v0_key) {
            Some(field) => {
                fields.retain(|f| f.field != field);
                fields.push(FieldPair { field, pair: p });
            }
            None => others.push(p),
        }
    }
    let mut entry = Entry {
        chart: Chart::V0,
        role,
        name: name.to_string(),
        path,
        pair: Some(pair),
        node: doc.resolve_id(pair.value),
        kind: KindState::Unset,
        kind_pair: None,
        fields,
        others,
    };
    entry.kind = kind(doc, &entry);
    entry
}

/// The kind-choosing fields that have a value, in the order written.
pub fn kind_fields(doc: &Document, entry: &Entry) -> Vec<Field> {
    let mut written: Vec<&FieldPair> = entry
        .fields
        .iter()
        .filter(|f| KIND_FIELDS.contains(&f.field) && entry.has(doc, f.field))
        .collect();
    crate::order::by_offsets(&mut written, |f| (f.pair.key.0, 0));
    written.into_iter().map(|f| f.field).collect()
}

fn kind(doc: &Document, entry: &Entry) -> KindState {
    match kind_fields(doc, entry).as_slice() {
        [] => KindState::Unset,
        [Field::HostPath] => KindState::Known(Kind::HostPath),
        [Field::Claim] => KindState::Known(Kind::Claim),
        [Field::Store] => entry
            .text(doc, Field::Store)
            .and_then(StoreKind::from_v0)
            .map_or(KindState::UnknownStore, |s| {
                KindState::Known(Kind::Bucket(s))
            }),
        _ => KindState::Conflict,
    }
}
