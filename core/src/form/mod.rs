//! The storage forms' model and the text ↔ form sync.
//!
//! The page shows one card per storage entry ([`cards`]) and turns every form edit into
//! a new text ([`apply_edit`]) that differs from the old one only in that entry's lines.
//! Each step re-reads the text, so the form and the text never disagree.

use serde::Serialize;

use crate::edit;
use crate::fix::Edit;
use crate::model::v0::{self, Key, Section};
use crate::source::Span;
use crate::text::bucket::StoreKind;
use crate::text::{names, quote};
use crate::yaml::{self, Document, Limits, NodeId, NodeKind, Pair};

pub mod v1;

/// The kind switch of a card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CardKind {
    /// `hostPath`.
    HostPath,
    /// `existingClaim`.
    Claim,
    /// `store: s3`.
    S3,
    /// `store: gcs`.
    Gcs,
    /// `store: azure`.
    Azure,
    /// None chosen yet (or several: the findings say which).
    Unset,
}

impl CardKind {
    /// The kinds the switch offers, in order.
    pub const CHOICES: [CardKind; 5] = [
        CardKind::HostPath,
        CardKind::Claim,
        CardKind::S3,
        CardKind::Gcs,
        CardKind::Azure,
    ];

    /// The switch's label.
    pub fn label(self) -> &'static str {
        match self {
            CardKind::HostPath => "Host path",
            CardKind::Claim => "Persistent volume claim",
            CardKind::S3 => "Amazon S3",
            CardKind::Gcs => "Google Cloud Storage",
            CardKind::Azure => "Azure Blob",
            CardKind::Unset => "Not chosen",
        }
    }

    /// The cloud store of a cloud kind.
    pub fn store(self) -> Option<StoreKind> {
        match self {
            CardKind::S3 => Some(StoreKind::S3),
            CardKind::Gcs => Some(StoreKind::Gcs),
            CardKind::Azure => Some(StoreKind::Azure),
            _ => None,
        }
    }

    /// The keys the form shows for this kind, in order.
    pub fn keys(self) -> &'static [Key] {
        match self {
            CardKind::HostPath => &[Key::MountPath, Key::HostPath, Key::ReadOnly],
            CardKind::Claim => &[Key::MountPath, Key::ExistingClaim, Key::ReadOnly],
            CardKind::S3 | CardKind::Gcs | CardKind::Azure => {
                &[Key::Bucket, Key::Secret, Key::SecretKey]
            }
            CardKind::Unset => &[Key::MountPath],
        }
    }
}

/// One field as the form shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CardField {
    /// Which key.
    pub key: Key,
    /// The value as text ("" when absent or empty).
    pub value: String,
    /// The value's bytes, when written.
    pub span: Option<Span>,
    /// The chart default that applies when the field is left empty (logs/repos/upload).
    pub default: Option<&'static str>,
}

/// One storage entry as a card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Card {
    /// `outputs`, `data` or `logs`.
    pub section: Section,
    /// The entry's name (the section key for `logs`).
    pub name: String,
    /// The kind its keys say.
    pub kind: CardKind,
    /// Every key but `store`, with its value.
    pub fields: Vec<CardField>,
    /// The entry's lines (key and value).
    pub span: Span,
    /// `persistence.outputs.NAME`.
    pub path: String,
}

impl Card {
    /// The field for `key`.
    pub fn field(&self, key: Key) -> Option<&CardField> {
        self.fields.iter().find(|f| f.key == key)
    }
}

/// The cards of `persistence.outputs`, `persistence.data` and `persistence.logs`, in that
/// order. Entries that are not mappings are left to the findings (S006).
pub fn cards(doc: &Document) -> Vec<Card> {
    let model = v0::read(doc);
    let mut out = Vec::new();
    for section in [Section::Outputs, Section::Data, Section::Logs] {
        for entry in model.entries_of(section) {
            let kind = match entry.kind(doc) {
                v0::EntryKind::HostPath => CardKind::HostPath,
                v0::EntryKind::Claim => CardKind::Claim,
                v0::EntryKind::Cloud(Some(StoreKind::S3)) => CardKind::S3,
                v0::EntryKind::Cloud(Some(StoreKind::Gcs)) => CardKind::Gcs,
                v0::EntryKind::Cloud(Some(StoreKind::Azure)) => CardKind::Azure,
                v0::EntryKind::Unset => {
                    // A kind key written without a value still says which form to show
                    // (its finding says the value is missing).
                    let written: Vec<Key> = Key::KIND_KEYS
                        .into_iter()
                        .filter(|k| entry.field(*k).is_some())
                        .collect();
                    match written.as_slice() {
                        [Key::HostPath] => CardKind::HostPath,
                        [Key::ExistingClaim] => CardKind::Claim,
                        // Helm merges the default hostPath into logs/repos/upload.
                        [] if section.chart_default().is_some() => CardKind::HostPath,
                        _ => CardKind::Unset,
                    }
                }
                _ => CardKind::Unset,
            };
            let defaults = section.chart_default();
            let fields = Key::ALL
                .into_iter()
                .filter(|k| *k != Key::Store)
                .map(|key| {
                    let field = entry.field(key);
                    CardField {
                        key,
                        value: entry.text(doc, key).unwrap_or_default().to_string(),
                        span: field.map(|f| doc.span(f.pair.value)),
                        default: defaults.and_then(|(m, h)| match key {
                            Key::MountPath => Some(m),
                            Key::HostPath => Some(h),
                            _ => None,
                        }),
                    }
                })
                .collect();
            out.push(Card {
                section,
                name: entry.name.clone(),
                kind,
                fields,
                span: doc.span(entry.pair.key).cover(doc.span(entry.pair.value)),
                path: entry.path.clone(),
            });
        }
    }
    out
}

/// A change made in a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormEdit {
    /// Set one key of an entry; an empty value removes the key.
    SetField {
        /// The entry's section.
        section: Section,
        /// The entry's name.
        name: String,
        /// The key to set.
        key: Key,
        /// The new value ("" removes the key).
        value: String,
    },
    /// Switch the entry to `kind`: keys of other kinds go, `values` are written.
    SetKind {
        /// The entry's section.
        section: Section,
        /// The entry's name.
        name: String,
        /// The new kind.
        kind: CardKind,
        /// Values to write (those of other kinds are ignored).
        values: Vec<(Key, String)>,
    },
    /// A new `outputs`/`data` entry.
    Add {
        /// `outputs` or `data`.
        section: Section,
        /// A valid volume name not in use.
        name: String,
    },
    /// Removes an entry with its lines.
    Remove {
        /// The entry's section.
        section: Section,
        /// The entry's name.
        name: String,
    },
    /// Renames an entry (its key), keeping quoting and comments.
    Rename {
        /// The entry's section.
        section: Section,
        /// The current name.
        from: String,
        /// The new name: a valid volume name not in use.
        to: String,
    },
}

/// Why a form edit could not be made; the text is then unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormError {
    /// The text does not parse: fix it in the editor first.
    Unreadable,
    /// The entry named is not in the text.
    NoSuchEntry(String),
    /// The new name is not a valid volume name, or is taken.
    BadName(String),
    /// The entry's layout is too unusual to edit safely (say, written on one line
    /// with other content): edit it in the text.
    Layout(String),
}

impl std::fmt::Display for FormError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FormError::Unreadable => {
                write!(f, "the text has a YAML error; fix it in the editor first")
            }
            FormError::NoSuchEntry(name) => write!(f, "there is no entry `{name}` any more"),
            FormError::BadName(why) => write!(f, "{why}"),
            FormError::Layout(why) => write!(f, "{why}; edit this entry in the text"),
        }
    }
}

impl std::error::Error for FormError {}

/// The text after one form edit.
pub fn apply_edit(text: &str, form_edit: &FormEdit) -> Result<String, FormError> {
    match form_edit {
        FormEdit::SetField {
            section,
            name,
            key,
            value,
        } => set_field(text, *section, name, *key, value),
        FormEdit::SetKind {
            section,
            name,
            kind,
            values,
        } => {
            let mut text = text.to_string();
            let keep = kind.keys();
            for key in Key::ALL {
                let stays = keep.contains(&key) || (key == Key::Store && kind.store().is_some());
                if !stays {
                    text = set_field(&text, *section, name, key, "")?;
                }
            }
            if let Some(store) = kind.store() {
                text = set_field(&text, *section, name, Key::Store, store.v0_name())?;
            }
            for (key, value) in values {
                if keep.contains(key) {
                    text = set_field(&text, *section, name, *key, value)?;
                }
            }
            // The kind's own key must be written, even empty, or the entry has no kind.
            let kind_key = match kind {
                CardKind::HostPath => Some(Key::HostPath),
                CardKind::Claim => Some(Key::ExistingClaim),
                _ => None,
            };
            if let Some(key) = kind_key {
                let doc = load(&text)?;
                let pair = entry_pair(&doc, *section, name)
                    .ok_or_else(|| FormError::NoSuchEntry(name.clone()))?;
                if doc.get(pair.value, key.name()).is_none() {
                    let line = format!("{}:", key.name());
                    text = splice(&text, &insert_into(&text, &doc, pair, &line)?);
                }
            }
            Ok(text)
        }
        FormEdit::Add { section, name } => add_entry(text, *section, name),
        FormEdit::Remove { section, name } => {
            let doc = load(text)?;
            let pair = entry_pair(&doc, *section, name)
                .ok_or_else(|| FormError::NoSuchEntry(name.clone()))?;
            Ok(splice(text, &edit::remove_pair(text, &doc, pair)))
        }
        FormEdit::Rename { section, from, to } => {
            let doc = load(text)?;
            if !names::is_dns1123_label(to) {
                return Err(FormError::BadName(format!(
                    "`{to}` is not a valid volume name: lowercase letters, digits and `-`, at most 63 characters"
                )));
            }
            if entry_pair(&doc, *section, to).is_some() {
                return Err(FormError::BadName(format!("`{to}` is already an entry")));
            }
            let pair = entry_pair(&doc, *section, from)
                .ok_or_else(|| FormError::NoSuchEntry(from.clone()))?;
            Ok(splice(text, &edit::replace_scalar(&doc, pair.key, to)))
        }
    }
}

pub(crate) fn load(text: &str) -> Result<Document, FormError> {
    yaml::load(text, &Limits::default()).map_err(|_| FormError::Unreadable)
}

pub(crate) fn splice(text: &str, e: &Edit) -> String {
    let mut out = String::with_capacity(text.len() + e.replacement.len());
    out.push_str(&text[..e.start]);
    out.push_str(&e.replacement);
    out.push_str(&text[e.end..]);
    out
}

/// `persistence.SECTION.NAME` (or `persistence.logs` for single sections), whatever its value.
fn entry_pair(doc: &Document, section: Section, name: &str) -> Option<Pair> {
    let root = doc.root()?;
    let persistence = doc.get(root, "persistence")?;
    let section_pair = doc.get(persistence.value, section.key())?;
    if section.is_map() {
        doc.get(section_pair.value, name)
    } else {
        Some(section_pair)
    }
}

/// How a value is written for `key`: booleans plain, everything else as a string.
pub(crate) fn scalar_for(key: &str, value: &str) -> String {
    match (key, value) {
        ("readOnly", "true" | "false") => value.to_string(),
        _ => quote::scalar(value),
    }
}

/// Replaces the scalar `node` (the value of `key`) with `value`: `readOnly` is written as
/// a plain boolean, anything else keeps the scalar's quoting.
pub(crate) fn replace_value(doc: &Document, node: NodeId, key: &str, value: &str) -> Edit {
    if key == "readOnly" {
        let span = doc.span(node);
        Edit::replace(span.start, span.end, scalar_for(key, value))
    } else {
        edit::replace_scalar(doc, node, value)
    }
}

fn set_field(
    text: &str,
    section: Section,
    name: &str,
    key: Key,
    value: &str,
) -> Result<String, FormError> {
    let doc = load(text)?;
    let Some(entry) = entry_pair(&doc, section, name) else {
        if value.is_empty() {
            return Ok(text.to_string());
        }
        if section.is_map() {
            return Err(FormError::NoSuchEntry(name.to_string()));
        }
        // logs/repos/upload: create the section to hold the field.
        let created = add_entry(text, section, name)?;
        return set_field(&created, section, name, key, value);
    };
    let existing = doc
        .pairs(entry.value)
        .iter()
        .rev()
        .find(|p| doc.key_str(p.key) == Some(key.name()))
        .copied();
    match (existing, value.is_empty()) {
        (None, true) => Ok(text.to_string()),
        (Some(pair), true) => Ok(splice(text, &edit::remove_pair(text, &doc, pair))),
        (Some(pair), false) => {
            let new = scalar_for(key.name(), value);
            let is_scalar = matches!(
                doc.node(pair.value).map(|n| &n.kind),
                Some(NodeKind::Scalar(_))
            );
            let span = doc.span(pair.value);
            if is_scalar && !span.is_empty() {
                Ok(splice(
                    text,
                    &replace_value(&doc, pair.value, key.name(), value),
                ))
            } else if is_scalar {
                // `key:` with nothing: write after the colon.
                Ok(splice(
                    text,
                    &Edit::insert(doc.span(pair.key).end + 1, format!(" {new}")),
                ))
            } else {
                let removed = splice(text, &edit::remove_pair(text, &doc, pair));
                set_field(&removed, section, name, key, value)
            }
        }
        (None, false) => {
            let line = format!("{}: {}", key.name(), scalar_for(key.name(), value));
            Ok(splice(text, &insert_into(text, &doc, entry, &line)?))
        }
    }
}

/// An edit that adds `line` (a `key: value` without indentation) to the mapping held by
/// `pair`'s value, in the mapping's own style.
fn insert_into(text: &str, doc: &Document, pair: Pair, line: &str) -> Result<Edit, FormError> {
    insert_lines(text, doc, pair.value, Some(pair.key), line)
}

/// Adds `lines` (block YAML relative to the mapping's own indentation; more than one line
/// only for a block mapping) to the mapping `value`. `key` is the key holding it, if any
/// (a list item has none).
pub(crate) fn insert_lines(
    text: &str,
    doc: &Document,
    value: NodeId,
    key: Option<NodeId>,
    lines: &str,
) -> Result<Edit, FormError> {
    let nl = edit::newline(text);
    let node = doc
        .node(value)
        .ok_or_else(|| FormError::Layout("the entry is gone".into()))?;
    match &node.kind {
        NodeKind::Mapping(pairs) if node.flow => {
            if lines.contains('\n') {
                return Err(FormError::Layout(
                    "the entry is written in flow style".into(),
                ));
            }
            let close = node.span.end.saturating_sub(1);
            let sep = if pairs.is_empty() { "" } else { ", " };
            Ok(Edit::insert(close, format!("{sep}{lines}")))
        }
        NodeKind::Mapping(pairs) => {
            let first = pairs
                .first()
                .map(|p| doc.span(p.key).start)
                .unwrap_or(node.span.start);
            let start = edit::line_start(text, first);
            // Only spaces, or a list item's `- `, may stand before the first key.
            let lead = text.get(start..first).unwrap_or("");
            if !lead.chars().all(|c| c == ' ' || c == '-') {
                return Err(FormError::Layout(
                    "the entry's keys do not start their lines".into(),
                ));
            }
            let indent = lead.chars().count();
            let at = edit::line_end_inclusive(text, last_end(doc, value));
            let lead = if text[..at].ends_with('\n') { "" } else { nl };
            let block = edit::indent(&format!("{}{nl}", lines.replace('\n', nl)), indent);
            Ok(Edit::insert(at, format!("{lead}{block}")))
        }
        NodeKind::Scalar(s) if s.is_empty() => {
            // `name:` with no value: make it a block under its key.
            let key = key.ok_or_else(|| FormError::Layout("the entry is empty".into()))?;
            let key_indent = edit::indent_at(text, doc.span(key).start);
            let start = doc.span(key).end + 1;
            let end = node.span.end.max(start);
            let block = edit::indent(&lines.replace('\n', nl), key_indent + 2);
            Ok(Edit::replace(start, end, format!("{nl}{block}")))
        }
        _ => Err(FormError::Layout("the entry is not a mapping".into())),
    }
}

/// Where the last line of a node's text ends (its deepest last descendant).
fn last_end(doc: &Document, id: NodeId) -> usize {
    doc.span(id).end
}

/// Adds `persistence.SECTION.NAME` (or `persistence.SECTION` for single sections),
/// creating `persistence` and the section as needed.
fn add_entry(text: &str, section: Section, name: &str) -> Result<String, FormError> {
    let doc = load(text)?;
    if section.is_map() && !names::is_dns1123_label(name) {
        return Err(FormError::BadName(format!(
            "`{name}` is not a valid volume name"
        )));
    }
    if entry_pair(&doc, section, name).is_some() {
        return Err(FormError::BadName(format!("`{name}` is already an entry")));
    }
    let nl = edit::newline(text);
    // What the new entry looks like, relative to the section's indentation.
    let entry_lines = |indent: usize| -> String {
        let pad = " ".repeat(indent);
        if section.is_map() {
            format!("{pad}{name}:{nl}{pad}  mountPath: /{name}{nl}")
        } else {
            format!("{pad}{}:{nl}", section.key())
        }
    };
    let section_block = |indent: usize| -> String {
        if section.is_map() {
            format!(
                "{}{}:{nl}{}",
                " ".repeat(indent),
                section.key(),
                entry_lines(indent + 2)
            )
        } else {
            entry_lines(indent)
        }
    };
    let Some(root) = doc.root() else {
        let lead = if text.is_empty() || text.ends_with('\n') {
            ""
        } else {
            nl
        };
        return Ok(format!("{text}{lead}persistence:{nl}{}", section_block(2)));
    };
    let Some(persistence) = doc.get(root, "persistence") else {
        let at = text.len();
        let lead = if text.is_empty() || text.ends_with('\n') {
            ""
        } else {
            nl
        };
        return Ok(splice(
            text,
            &Edit::insert(at, format!("{lead}persistence:{nl}{}", section_block(2))),
        ));
    };
    let Some(section_pair) = doc.get(persistence.value, section.key()) else {
        let node = doc
            .node(persistence.value)
            .ok_or_else(|| FormError::Layout("missing persistence".into()))?;
        return match &node.kind {
            NodeKind::Mapping(pairs) if !node.flow => {
                let indent = pairs
                    .first()
                    .map(|p| edit::indent_at(text, doc.span(p.key).start))
                    .unwrap_or(2);
                let at = edit::line_end_inclusive(text, node.span.end);
                let lead = if text[..at].ends_with('\n') { "" } else { nl };
                Ok(splice(
                    text,
                    &Edit::insert(at, format!("{lead}{}", section_block(indent))),
                ))
            }
            NodeKind::Scalar(s) if s.is_empty() => {
                let start = doc.span(persistence.key).end + 1;
                let end = node.span.end.max(start);
                let block = section_block(2);
                Ok(splice(
                    text,
                    &Edit::replace(
                        start,
                        end,
                        format!("{nl}{}", block.trim_end_matches(['\r', '\n'])),
                    ),
                ))
            }
            _ => Err(FormError::Layout(
                "`persistence` is written in flow style".into(),
            )),
        };
    };
    // The section exists: add the entry to it.
    let node = doc
        .node(section_pair.value)
        .ok_or_else(|| FormError::Layout("missing section".into()))?;
    let key_indent = edit::indent_at(text, doc.span(section_pair.key).start);
    let empty_flow = matches!(&node.kind, NodeKind::Mapping(p) if p.is_empty() && node.flow);
    let null = matches!(&node.kind, NodeKind::Scalar(s) if s.is_empty());
    if empty_flow || null {
        // `outputs: {}` or `outputs:` → a block with the new entry.
        let start = doc.span(section_pair.key).end + 1;
        let end = node.span.end.max(start);
        let block = entry_lines(key_indent + 2);
        let block = block.trim_end_matches(['\r', '\n']);
        return Ok(splice(
            text,
            &Edit::replace(start, end, format!("{nl}{block}")),
        ));
    }
    match &node.kind {
        NodeKind::Mapping(pairs) if !node.flow => {
            let indent = pairs
                .first()
                .map(|p| edit::indent_at(text, doc.span(p.key).start))
                .unwrap_or(key_indent + 2);
            let at = edit::line_end_inclusive(text, node.span.end);
            let lead = if text[..at].ends_with('\n') { "" } else { nl };
            Ok(splice(
                text,
                &Edit::insert(at, format!("{lead}{}", entry_lines(indent))),
            ))
        }
        _ => Err(FormError::Layout(format!(
            "`{}` is written in flow style",
            section.key()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit_text(text: &str, e: FormEdit) -> String {
        apply_edit(text, &e).unwrap_or_else(|err| panic!("{err}"))
    }

    const BASE: &str = "# head\npersistence:\n  outputs:\n    out:\n      mountPath: /o   # mine\n      existingClaim: pvc\n  data: {}\n# tail\n";

    #[test]
    fn cards_read_entries_and_kinds() {
        let doc = yaml::load(BASE, &Limits::default()).unwrap();
        let cards = cards(&doc);
        assert_eq!(cards.len(), 1);
        assert_eq!(cards[0].kind, CardKind::Claim);
        assert_eq!(cards[0].field(Key::MountPath).unwrap().value, "/o");
    }

    #[test]
    fn set_field_replaces_only_the_value() {
        let out = edit_text(
            BASE,
            FormEdit::SetField {
                section: Section::Outputs,
                name: "out".into(),
                key: Key::MountPath,
                value: "/outputs".into(),
            },
        );
        assert_eq!(out, BASE.replace("mountPath: /o ", "mountPath: /outputs "));
    }

    #[test]
    fn set_field_adds_a_missing_key_at_the_entry_indent() {
        let out = edit_text(
            BASE,
            FormEdit::SetField {
                section: Section::Outputs,
                name: "out".into(),
                key: Key::ReadOnly,
                value: "true".into(),
            },
        );
        assert_eq!(
            out,
            BASE.replace(
                "existingClaim: pvc\n",
                "existingClaim: pvc\n      readOnly: true\n"
            )
        );
    }

    #[test]
    fn empty_value_removes_the_key() {
        let out = edit_text(
            BASE,
            FormEdit::SetField {
                section: Section::Outputs,
                name: "out".into(),
                key: Key::ExistingClaim,
                value: String::new(),
            },
        );
        assert_eq!(out, BASE.replace("      existingClaim: pvc\n", ""));
    }

    #[test]
    fn switching_kind_rewrites_the_entry() {
        let out = edit_text(
            BASE,
            FormEdit::SetKind {
                section: Section::Outputs,
                name: "out".into(),
                kind: CardKind::S3,
                values: vec![
                    (Key::Bucket, "s3://b-out".into()),
                    (Key::Secret, "s".into()),
                    (Key::SecretKey, "K".into()),
                ],
            },
        );
        assert_eq!(out, "# head\npersistence:\n  outputs:\n    out:\n      store: s3\n      bucket: s3://b-out\n      secret: s\n      secretKey: K\n  data: {}\n# tail\n");
    }

    #[test]
    fn switching_to_a_volume_kind_writes_its_key_even_empty() {
        let text = "persistence:\n  outputs:\n    out:\n      store: s3\n      bucket: s3://b\n";
        let out = edit_text(
            text,
            FormEdit::SetKind {
                section: Section::Outputs,
                name: "out".into(),
                kind: CardKind::HostPath,
                values: vec![],
            },
        );
        assert_eq!(out, "persistence:\n  outputs:\n    out:\n      hostPath:\n");
        let doc = yaml::load(&out, &Limits::default()).unwrap();
        assert_eq!(cards(&doc)[0].kind, CardKind::HostPath);
    }

    #[test]
    fn add_into_an_empty_flow_section_and_remove_again() {
        let added = edit_text(
            BASE,
            FormEdit::Add {
                section: Section::Data,
                name: "data-1".into(),
            },
        );
        assert_eq!(
            added,
            BASE.replace(
                "  data: {}\n",
                "  data:\n    data-1:\n      mountPath: /data-1\n"
            )
        );
        let removed = edit_text(
            &added,
            FormEdit::Remove {
                section: Section::Data,
                name: "data-1".into(),
            },
        );
        assert_eq!(removed, BASE.replace("  data: {}\n", "  data:\n"));
    }

    #[test]
    fn add_to_a_file_without_persistence() {
        let out = edit_text(
            "rbac:\n  enabled: true\n",
            FormEdit::Add {
                section: Section::Outputs,
                name: "outputs".into(),
            },
        );
        assert_eq!(out, "rbac:\n  enabled: true\npersistence:\n  outputs:\n    outputs:\n      mountPath: /outputs\n");
    }

    #[test]
    fn add_a_section_to_persistence() {
        let text = "persistence:\n  logs:\n    hostPath: /l\nrbac: {}\n";
        let out = edit_text(
            text,
            FormEdit::Add {
                section: Section::Outputs,
                name: "out".into(),
            },
        );
        assert_eq!(out, "persistence:\n  logs:\n    hostPath: /l\n  outputs:\n    out:\n      mountPath: /out\nrbac: {}\n");
    }

    #[test]
    fn rename_checks_the_name() {
        let out = edit_text(
            BASE,
            FormEdit::Rename {
                section: Section::Outputs,
                from: "out".into(),
                to: "outputs".into(),
            },
        );
        assert!(out.contains("    outputs:\n      mountPath"));
        assert!(matches!(
            apply_edit(
                BASE,
                &FormEdit::Rename {
                    section: Section::Outputs,
                    from: "out".into(),
                    to: "Bad_Name".into()
                }
            ),
            Err(FormError::BadName(_))
        ));
    }

    #[test]
    fn logs_fields_create_the_section() {
        let out = edit_text(
            BASE,
            FormEdit::SetField {
                section: Section::Logs,
                name: "logs".into(),
                key: Key::ExistingClaim,
                value: "logs-pvc".into(),
            },
        );
        assert!(
            out.contains("  logs:\n    existingClaim: logs-pvc\n"),
            "{out}"
        );
    }

    #[test]
    fn values_are_quoted_when_they_would_read_as_something_else() {
        let out = edit_text(
            BASE,
            FormEdit::SetField {
                section: Section::Outputs,
                name: "out".into(),
                key: Key::ExistingClaim,
                value: "123".into(),
            },
        );
        assert!(out.contains("existingClaim: \"123\""));
    }
}
