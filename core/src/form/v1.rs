//! Cards and form edits for the v1+ chart: `artifactsStore` and each `connections` item.

use serde::Serialize;

use super::{insert_lines, load, replace_value, scalar_for, splice, FormError};
use crate::edit;
use crate::model::v1::{self, Connection, V1Kind};
use crate::yaml::{Document, NodeId, Pair};

/// A field of a v1+ card, and where it lives in the connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum V1Field {
    /// `schema.hostPath`.
    HostPath,
    /// `schema.volumeClaim`.
    VolumeClaim,
    /// `schema.mountPath`.
    MountPath,
    /// `schema.readOnly`.
    ReadOnly,
    /// `schema.bucket`.
    Bucket,
    /// `secret.name`
    SecretName,
}

impl V1Field {
    /// (parent key, key): `schema.bucket`, `secret.name`.
    pub fn location(self) -> (&'static str, &'static str) {
        match self {
            V1Field::HostPath => ("schema", "hostPath"),
            V1Field::VolumeClaim => ("schema", "volumeClaim"),
            V1Field::MountPath => ("schema", "mountPath"),
            V1Field::ReadOnly => ("schema", "readOnly"),
            V1Field::Bucket => ("schema", "bucket"),
            V1Field::SecretName => ("secret", "name"),
        }
    }

    /// The dotted path below the connection, as findings name it.
    pub fn path(self) -> String {
        let (parent, key) = self.location();
        format!("{parent}.{key}")
    }

    /// The fields the form shows for `kind`.
    pub fn of_kind(kind: V1Kind) -> &'static [V1Field] {
        match kind {
            V1Kind::HostPath => &[V1Field::HostPath, V1Field::MountPath, V1Field::ReadOnly],
            V1Kind::VolumeClaim => &[V1Field::VolumeClaim, V1Field::MountPath, V1Field::ReadOnly],
            _ => &[V1Field::Bucket, V1Field::SecretName],
        }
    }

    /// Every field.
    pub const ALL: [V1Field; 6] = [
        V1Field::HostPath,
        V1Field::VolumeClaim,
        V1Field::MountPath,
        V1Field::ReadOnly,
        V1Field::Bucket,
        V1Field::SecretName,
    ];
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
/// One connection as a card.
pub struct V1Card {
    /// `artifactsStore` or `connections.N`.
    pub path: String,
    /// Whether it is the artifacts store.
    pub is_store: bool,
    /// Its `name` ("" when missing).
    pub name: String,
    /// Its `kind`, when it is a known one.
    pub kind: Option<V1Kind>,
    /// Every field with its value ("" when absent).
    pub fields: Vec<(V1Field, String)>,
}

impl V1Card {
    /// The value of `field` ("" when absent).
    pub fn value(&self, field: V1Field) -> &str {
        self.fields
            .iter()
            .find(|(f, _)| *f == field)
            .map_or("", |(_, v)| v.as_str())
    }
}

/// The cards of `artifactsStore` and each `connections` item.
pub fn cards(doc: &Document) -> Vec<V1Card> {
    v1::read(doc)
        .connections
        .iter()
        .map(|c| V1Card {
            path: c.path.clone(),
            is_store: c.is_store,
            name: c.name(doc).unwrap_or_default().to_string(),
            kind: c.kind(doc),
            fields: V1Field::ALL
                .into_iter()
                .map(|f| (f, value(doc, c, f).unwrap_or_default().to_string()))
                .collect(),
        })
        .collect()
}

fn value<'d>(doc: &'d Document, c: &Connection, field: V1Field) -> Option<&'d str> {
    let (parent, key) = field.location();
    let parent = c.get(doc, parent)?;
    let pair = doc.get(parent.value, key)?;
    doc.scalar(pair.value)
        .filter(|s| !s.is_empty())
        .map(|s| s.value.as_str())
}

#[derive(Debug, Clone, PartialEq, Eq)]
/// A change made in a v1+ card.
pub enum V1Edit {
    /// Set (or with "", remove) one field of the connection at `path`.
    SetField {
        /// `artifactsStore` or `connections.N`.
        path: String,
        /// The field to set.
        field: V1Field,
        /// The new value ("" removes it).
        value: String,
    },
    /// Switch kind: fields of other kinds go, `values` are written.
    SetKind {
        /// `artifactsStore` or `connections.N`.
        path: String,
        /// The new kind.
        kind: V1Kind,
        /// Values to write (those of other kinds are ignored).
        values: Vec<(V1Field, String)>,
    },
    /// Sets the connection's `name`.
    Rename {
        /// `artifactsStore` or `connections.N`.
        path: String,
        /// The new name.
        name: String,
    },
}

/// The text after one v1+ form edit (unchanged on error).
pub fn apply_edit(text: &str, e: &V1Edit) -> Result<String, FormError> {
    match e {
        V1Edit::SetField { path, field, value } => set_field(text, path, *field, value),
        V1Edit::Rename { path, name } => set_top(text, path, "name", name),
        V1Edit::SetKind { path, kind, values } => {
            let mut text = set_top(text, path, "kind", kind.name())?;
            let keep = V1Field::of_kind(*kind);
            for field in V1Field::ALL {
                if !keep.contains(&field) {
                    text = set_field(&text, path, field, "")?;
                }
            }
            for (field, value) in values {
                if keep.contains(field) {
                    text = set_field(&text, path, *field, value)?;
                }
            }
            Ok(text)
        }
    }
}

/// The connection's mapping node and, for `artifactsStore`, its key.
fn locate(doc: &Document, path: &str) -> Result<(NodeId, Option<NodeId>), FormError> {
    let missing = || FormError::NoSuchEntry(path.to_string());
    let root = doc.root().ok_or_else(missing)?;
    if path == "artifactsStore" {
        let pair = doc.get(root, "artifactsStore").ok_or_else(missing)?;
        return Ok((pair.value, Some(pair.key)));
    }
    let index: usize = path
        .strip_prefix("connections.")
        .and_then(|i| i.parse().ok())
        .ok_or_else(missing)?;
    let list = doc.get(root, "connections").ok_or_else(missing)?;
    let item = doc
        .items(list.value)
        .get(index)
        .copied()
        .ok_or_else(missing)?;
    Ok((item, None))
}

/// Sets a top-level key of the connection (`name`, `kind`).
fn set_top(text: &str, path: &str, key: &str, value: &str) -> Result<String, FormError> {
    let doc = load(text)?;
    let (node, node_key) = locate(&doc, path)?;
    set_in(text, &doc, node, node_key, key, value)
}

fn set_in(
    text: &str,
    doc: &Document,
    map: NodeId,
    map_key: Option<NodeId>,
    key: &str,
    value: &str,
) -> Result<String, FormError> {
    let existing: Option<Pair> = doc.get(map, key);
    match (existing, value.is_empty()) {
        (None, true) => Ok(text.to_string()),
        (Some(pair), true) => Ok(splice(text, &edit::remove_pair(text, doc, pair))),
        (Some(pair), false)
            if doc.scalar(pair.value).is_some() && !doc.span(pair.value).is_empty() =>
        {
            Ok(splice(text, &replace_value(doc, pair.value, key, value)))
        }
        // A structure where a value belongs (`bucket: {a: b}`): for the text editor.
        (Some(_), false) => Err(FormError::Layout(format!(
            "`{key}` holds a structure, not a value"
        ))),
        (None, false) => {
            let line = format!("{key}: {}", scalar_for(key, value));
            Ok(splice(text, &insert_lines(text, doc, map, map_key, &line)?))
        }
    }
}

fn set_field(text: &str, path: &str, field: V1Field, value: &str) -> Result<String, FormError> {
    let doc = load(text)?;
    let (node, node_key) = locate(&doc, path)?;
    let (parent, key) = field.location();
    match doc.get(node, parent) {
        Some(parent_pair)
            if doc.is_mapping(parent_pair.value) || doc.is_null(parent_pair.value) =>
        {
            if doc.is_null(parent_pair.value) && value.is_empty() {
                return Ok(text.to_string());
            }
            if doc.is_null(parent_pair.value) {
                let line = format!("{key}: {}", scalar_for(key, value));
                return Ok(splice(
                    text,
                    &insert_lines(text, &doc, parent_pair.value, Some(parent_pair.key), &line)?,
                ));
            }
            set_in(
                text,
                &doc,
                parent_pair.value,
                Some(parent_pair.key),
                key,
                value,
            )
        }
        Some(_) => Err(FormError::Layout(format!("`{parent}` is not a mapping"))),
        None if value.is_empty() => Ok(text.to_string()),
        None => {
            let lines = format!("{parent}:\n  {key}: {}", scalar_for(key, value));
            Ok(splice(
                text,
                &insert_lines(text, &doc, node, node_key, &lines)?,
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::{load as yaml_load, Limits};

    const TEXT: &str = "artifactsStore:\n  name: store  # main\n  kind: s3\n  schema:\n    bucket: s3://b\nconnections:\n  - name: data\n    kind: host_path\n    schema:\n      hostPath: /d\n      mountPath: /data\n";

    fn edit(text: &str, e: V1Edit) -> String {
        apply_edit(text, &e).unwrap_or_else(|err| panic!("{err}"))
    }

    #[test]
    fn cards_read_store_and_connections() {
        let doc = yaml_load(TEXT, &Limits::default()).unwrap();
        let cards = cards(&doc);
        assert_eq!(cards.len(), 2);
        assert_eq!(cards[0].kind, Some(V1Kind::S3));
        assert_eq!(cards[0].value(V1Field::Bucket), "s3://b");
        assert_eq!(cards[1].path, "connections.0");
        assert_eq!(cards[1].value(V1Field::MountPath), "/data");
    }

    #[test]
    fn a_missing_secret_block_is_added() {
        let out = edit(
            TEXT,
            V1Edit::SetField {
                path: "artifactsStore".into(),
                field: V1Field::SecretName,
                value: "s3-secret".into(),
            },
        );
        assert_eq!(
            out,
            TEXT.replace(
                "    bucket: s3://b\n",
                "    bucket: s3://b\n  secret:\n    name: s3-secret\n"
            )
        );
    }

    #[test]
    fn fields_of_list_items_are_set_in_place() {
        let out = edit(
            TEXT,
            V1Edit::SetField {
                path: "connections.0".into(),
                field: V1Field::ReadOnly,
                value: "true".into(),
            },
        );
        assert_eq!(
            out,
            TEXT.replace(
                "      mountPath: /data\n",
                "      mountPath: /data\n      readOnly: true\n"
            )
        );
    }

    #[test]
    fn switching_kind_keeps_only_that_kinds_fields() {
        let out = edit(
            TEXT,
            V1Edit::SetKind {
                path: "connections.0".into(),
                kind: V1Kind::Gcs,
                values: vec![(V1Field::Bucket, "gs://d".into())],
            },
        );
        assert_eq!(out, "artifactsStore:\n  name: store  # main\n  kind: s3\n  schema:\n    bucket: s3://b\nconnections:\n  - name: data\n    kind: gcs\n    schema:\n      bucket: gs://d\n");
    }

    #[test]
    fn renaming_keeps_the_comment() {
        let out = edit(
            TEXT,
            V1Edit::Rename {
                path: "artifactsStore".into(),
                name: "main".into(),
            },
        );
        assert!(out.starts_with("artifactsStore:\n  name: main  # main\n"));
    }
}
