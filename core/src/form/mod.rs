//! The storage forms' model and the text ↔ form sync, for both charts.
//!
//! The page shows one [`Card`] per storage entry and turns every form edit into a new
//! text ([`apply_edit`]) that differs from the old one only in that entry's lines. An
//! edit names its entry by YAML path and its field by [`Field`]; the chart's layout
//! ([`Field::location`]) says which keys to write. Each step re-reads the text, so the
//! form and the text never disagree.

mod add;
#[cfg(test)]
mod tests;

use serde::Serialize;

use crate::edit;
use crate::fix::{ApplyError, Fix};
use crate::layout::{self, insert_lines, splice, LayoutError};
use crate::options::Chart;
use crate::source::Span;
use crate::storage::v0::KIND_FIELDS;
use crate::storage::{Entry, Field, Kind, KindState, Role, Storage};
use crate::text::bucket::StoreKind;
use crate::text::names;
use crate::yaml::{self, Document, Limits, NodeId, Pair, YamlPath};

/// One field as the form shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CardField {
    /// Which field.
    pub field: Field,
    /// The key it is written under on the card's chart (`existingClaim`, `volumeClaim`).
    pub key: &'static str,
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
    /// The chart the entry is written for.
    pub chart: Chart,
    /// What the entry is for.
    pub role: Role,
    /// v0: its key; v1+: its `name:`.
    pub name: String,
    /// Its YAML path, which form edits name it by.
    pub path: String,
    /// The kind its keys say; `None` when none (or several: the findings say which).
    pub kind: Option<Kind>,
    /// Every field the chart has (v0's `store` is the kind), with its value.
    pub fields: Vec<CardField>,
    /// The entry's lines (key and value).
    pub span: Span,
    /// Whether the entry can be removed and renamed from the form.
    pub removable: bool,
}

impl Card {
    /// Whether `other` is the same entry with the same values, wherever it is in the text:
    /// the spans move with every keystroke above the entry and change nothing on the card.
    pub fn same_apart_from_spans(&self, other: &Card) -> bool {
        let field = |a: &CardField, b: &CardField| {
            (a.field, a.key, &a.value, a.default) == (b.field, b.key, &b.value, b.default)
        };
        (
            self.chart,
            self.role,
            &self.name,
            &self.path,
            self.kind,
            self.removable,
        ) == (
            other.chart,
            other.role,
            &other.name,
            &other.path,
            other.kind,
            other.removable,
        ) && self.fields.len() == other.fields.len()
            && self
                .fields
                .iter()
                .zip(&other.fields)
                .all(|(a, b)| field(a, b))
    }

    /// The field `field`.
    pub fn field(&self, field: Field) -> Option<&CardField> {
        self.fields.iter().find(|f| f.field == field)
    }

    /// The field's value ("" when absent).
    pub fn value(&self, field: Field) -> &str {
        self.field(field).map_or("", |f| f.value.as_str())
    }

    /// The fields the form shows for the card's kind, in order.
    pub fn shown(&self) -> &'static [Field] {
        match self.kind {
            Some(kind) => kind.fields(self.chart),
            None => &[Field::MountPath],
        }
    }

    /// The YAML path of `field` on this card, which its findings name
    /// (`persistence.outputs.out.mountPath`, `connections.0.schema.volumeClaim`).
    pub fn field_path(&self, field: Field) -> String {
        let entry = YamlPath::from(self.path.as_str());
        match field.location(self.chart) {
            Some(keys) => entry.descend(keys),
            None => entry.child(field.key(self.chart)),
        }
        .into()
    }

    /// Whether a finding at `path` is about this card: the entry or one of its keys.
    pub fn covers(&self, path: &str) -> bool {
        yaml::path::covers(&self.path, path)
    }

    /// What a valid value of `field` looks like on this card, for an empty field's
    /// placeholder (a bucket URL in its store's scheme, a mount path for its role).
    pub fn example(&self, field: Field) -> Option<&'static str> {
        let data = matches!(self.role, Role::Data | Role::Connection);
        let store = self.kind.and_then(Kind::store);
        Some(match (field, store) {
            (Field::MountPath, _) if data => "/data",
            (Field::MountPath, _) => "/outputs",
            (Field::HostPath, _) => "/mnt/polyaxon",
            (Field::Claim, _) => "polyaxon-pvc",
            (Field::Bucket, Some(StoreKind::Gcs)) => "gs://my-bucket/polyaxon",
            (Field::Bucket, Some(StoreKind::Azure)) => {
                "wasbs://polyaxon@myaccount.blob.core.windows.net/"
            }
            (Field::Bucket, _) => "s3://my-bucket/polyaxon",
            (Field::Secret, _) => "polyaxon-credentials",
            (Field::SecretKey, Some(StoreKind::Gcs)) => "GCS_CREDENTIALS_JSON",
            (Field::SecretKey, Some(StoreKind::Azure)) => "AZURE_CREDENTIALS_JSON",
            (Field::SecretKey, _) => "S3_CREDENTIALS_JSON",
            (Field::ReadOnly | Field::Store, _) => return None,
        })
    }
}

/// The cards of the storage entries: v0 `outputs`, `data` and `logs`, or v1+ the
/// artifacts store and each connection. Entries that are not mappings are left to the
/// findings (S006, A001).
pub fn cards(doc: &Document, storage: &Storage) -> Vec<Card> {
    storage
        .entries
        .iter()
        .filter(|e| !matches!(e.role, Role::Repos | Role::Upload))
        .map(|entry| card(doc, entry))
        .collect()
}

impl CardField {
    /// The field `field` of a `role` entry on `chart`, holding `value` (at `span` when
    /// written): the key and the default follow from the chart and the role.
    pub fn new(field: Field, chart: Chart, role: Role, value: String, span: Option<Span>) -> Self {
        CardField {
            field,
            key: field.key(chart),
            value,
            span,
            default: role.chart_default().and_then(|(mount, host)| match field {
                Field::MountPath => Some(mount),
                Field::HostPath => Some(host),
                _ => None,
            }),
        }
    }
}

fn card(doc: &Document, entry: &Entry) -> Card {
    let fields = Field::ALL
        .into_iter()
        .filter(|f| *f != Field::Store && f.location(entry.chart).is_some())
        .map(|field| {
            CardField::new(
                field,
                entry.chart,
                entry.role,
                entry.text(doc, field).unwrap_or_default().to_string(),
                entry.field(field).map(|f| doc.span(f.pair.value)),
            )
        })
        .collect();
    Card {
        chart: entry.chart,
        role: entry.role,
        name: entry.name.clone(),
        path: entry.path.to_string(),
        kind: card_kind(entry),
        fields,
        span: entry.span(doc),
        removable: !matches!(entry.role, Role::Logs | Role::Repos | Role::Upload),
    }
}

fn card_kind(entry: &Entry) -> Option<Kind> {
    match entry.kind {
        KindState::Known(kind) => Some(kind),
        // v0: a kind key written without a value still says which form to show (its
        // finding says the value is missing).
        KindState::Unset if entry.chart == Chart::V0 => {
            let written: Vec<Field> = KIND_FIELDS
                .into_iter()
                .filter(|k| entry.field(*k).is_some())
                .collect();
            match written.as_slice() {
                [Field::HostPath] => Some(Kind::HostPath),
                [Field::Claim] => Some(Kind::Claim),
                // Helm merges the default hostPath into logs/repos/upload.
                [] if entry.role.chart_default().is_some() => Some(Kind::HostPath),
                _ => None,
            }
        }
        _ => None,
    }
}

/// A change made in a form. Entries are named by their YAML path (`Card::path`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormEdit {
    /// Set one field of an entry; an empty value removes it.
    SetField {
        /// The entry's path.
        entry: String,
        /// The chart the entry is written for (its card's): which keys the field is.
        chart: Chart,
        /// The field to set.
        field: Field,
        /// The new value ("" removes the key).
        value: String,
    },
    /// Switch the entry to `kind`: fields of other kinds go, `values` are written.
    SetKind {
        /// The entry's path.
        entry: String,
        /// The chart the entry is written for (its card's): which keys say the kind.
        chart: Chart,
        /// The new kind.
        kind: Kind,
        /// Values to write for the new kind's fields (kept from an earlier switch).
        values: Vec<(Field, String)>,
    },
    /// Add an entry of `role` (a fresh name is picked; `logs` starts from its default), of
    /// `kind` when given: v0 writes the kind's key (`store: s3`, `hostPath:`...), v1+ the
    /// `kind:` (a connection without one is a volume claim). The kind's other fields are
    /// left for the form to fill.
    Add {
        /// v0 `Outputs`, `Data` or `Logs`; v1+ `ArtifactsStore` or `Connection`.
        role: Role,
        /// The kind to start from.
        kind: Option<Kind>,
    },
    /// Remove an entry.
    Remove {
        /// The entry's path.
        entry: String,
    },
    /// Rename an entry (v0: its key; v1+: its `name:`).
    Rename {
        /// The entry's path.
        entry: String,
        /// The chart the entry is written for (its card's): v0 renames the key, v1+ `name:`.
        chart: Chart,
        /// The new name.
        to: String,
    },
}

/// Why a form edit was not applied; the text is unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormError {
    /// The text does not parse.
    Unreadable,
    /// The entry is not in the text any more.
    NoSuchEntry(String),
    /// The new name is not allowed.
    BadName(String),
    /// The entry is written in a way the form cannot edit without rewriting it.
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

impl From<LayoutError> for FormError {
    fn from(e: LayoutError) -> Self {
        FormError::Layout(e.0)
    }
}

/// The text with `form_edit` applied to it.
pub fn apply_edit(text: &str, form_edit: &FormEdit) -> Result<String, FormError> {
    let edited = match form_edit {
        FormEdit::SetField {
            entry,
            chart,
            field,
            value,
        } => set_field(text, *chart, entry, *field, value),
        FormEdit::SetKind {
            entry,
            chart,
            kind,
            values,
        } => set_kind(text, *chart, entry, *kind, values),
        FormEdit::Add { role, kind } => add::add(text, *role, *kind),
        FormEdit::Remove { entry } => remove(text, entry),
        FormEdit::Rename { entry, chart, to } => rename(text, *chart, entry, to),
    }?;
    // The last word is the one edit path's: the change as one text edit, declaring what it
    // may change, goes through `fix::apply`, which re-reads the result and refuses a file
    // that no longer loads, a value changed outside the declared paths, or pods that
    // would mount something else outside them.
    let edit = crate::diff::one_edit(text, &edited);
    let mut declared = form_edit.declares();
    // Adding under a `persistence` written empty (`persistence: null`, which Helm reads as
    // "delete the chart's defaults") brings the chart's other defaults back: the user asked
    // for that section, so the add declares it.
    if let FormEdit::Add { role, .. } = form_edit {
        let written_empty = load(text).ok().is_some_and(|doc| {
            doc.root()
                .and_then(|root| doc.get(root, "persistence"))
                .is_some_and(|p| {
                    !matches!(
                        doc.resolve(p.value).map(|n| &n.kind),
                        Some(yaml::NodeKind::Mapping(_))
                    )
                })
        });
        if role.chart() == Chart::V0 && written_empty {
            declared.push("persistence".into());
        }
    }
    let change = Fix::suggested("form edit", vec![edit], declared);
    match crate::fix::apply(text, &[&change]) {
        Ok(applied) => Ok(applied.text),
        Err(ApplyError::Unparsable { .. }) => Err(FormError::Layout(
            "the change would leave a file that cannot be read".into(),
        )),
        Err(other) => Err(FormError::Layout(other.to_string())),
    }
}

impl FormEdit {
    /// The paths the edit may change: a field edit or a kind switch, its entry; an add, a
    /// remove or a rename, the entry's whole section (the order of v0 outputs by name
    /// decides the entry jobs default to, and list items move when one goes).
    pub fn declares(&self) -> Vec<YamlPath> {
        let section = |entry: &str| section_of(entry).map_or_else(|| entry.into(), |(_, s)| s);
        match self {
            FormEdit::SetField { entry, .. } | FormEdit::SetKind { entry, .. } => {
                vec![entry.as_str().into()]
            }
            FormEdit::Remove { entry } | FormEdit::Rename { entry, .. } => vec![section(entry)],
            FormEdit::Add { role, .. } => vec![role.section_path()],
        }
    }
}

pub(crate) fn load(text: &str) -> Result<Document, FormError> {
    yaml::load(text, &Limits::default()).map_err(|_| FormError::Unreadable)
}

/// Refuses an edit whose entry is not where `chart` keeps its entries: a field of the
/// other chart would be written in a layout the file's chart does not read.
fn of_chart(chart: Chart, path: &str) -> Result<(), FormError> {
    let written = [Role::Connection, Role::ArtifactsStore]
        .into_iter()
        .chain(Role::V0_SECTIONS)
        .any(|role| role.chart() == chart && role.section_path().covers(path));
    if written {
        Ok(())
    } else {
        Err(FormError::NoSuchEntry(path.to_string()))
    }
}

/// The entry at `path`, read anew from `doc`.
fn find(doc: &Document, chart: Chart, path: &str) -> Result<Entry, FormError> {
    Storage::read(doc, chart)
        .entries
        .into_iter()
        .find(|e| e.path == path)
        .ok_or_else(|| FormError::NoSuchEntry(path.to_string()))
}

/// Where the entry at `path` is written: its value as written (an alias stays an alias)
/// and the key it is under (none for a list item). Unlike [`find`], this also finds an
/// entry that is empty for now (`out:` with every key removed).
fn locate(doc: &Document, path: &str) -> Result<(NodeId, Option<NodeId>), FormError> {
    // A v0 entry's name may hold dots (`my.out`, which S004 asks to rename): under its
    // section the rest of the path is one key.
    if let Some((Role::Outputs | Role::Data, section)) = section_of(path) {
        let name = &path[section.as_str().len() + 1..];
        let (node, _) = walk_path(doc, section.as_str())?;
        let pair = doc
            .get(node, name)
            .ok_or_else(|| FormError::NoSuchEntry(path.to_string()))?;
        return Ok((pair.value, Some(pair.key)));
    }
    walk_path(doc, path)
}

/// The section of many entries an entry path is under (v0 `outputs` and `data`, v1+
/// `connections`), read from the front of the path: an entry's name may hold dots, the
/// sections' keys do not.
fn section_of(path: &str) -> Option<(Role, YamlPath)> {
    [Role::Outputs, Role::Data, Role::Connection]
        .into_iter()
        .map(|role| (role, role.section_path()))
        .find(|(_, section)| {
            path.strip_prefix(section.as_str())
                .is_some_and(|rest| rest.starts_with('.'))
        })
}

/// The node at a dot-joined `path`, and the key it is under (none for a list item).
fn walk_path(doc: &Document, path: &str) -> Result<(NodeId, Option<NodeId>), FormError> {
    let missing = || FormError::NoSuchEntry(path.to_string());
    let mut at = doc.root().ok_or_else(missing)?;
    let mut key = None;
    for segment in path.split('.') {
        let item = segment
            .parse::<usize>()
            .ok()
            .and_then(|i| doc.items(at).get(i).copied());
        match item {
            Some(item) => {
                at = item;
                key = None;
            }
            None => {
                let pair = doc.get(at, segment).ok_or_else(missing)?;
                at = pair.value;
                key = Some(pair.key);
            }
        }
    }
    Ok((at, key))
}

/// Sets the keys at `keys` under the entry, where the entry is written: an entry reached
/// through an alias is not edited through it (its anchor belongs to others too).
fn set_keys(
    text: &str,
    path: &str,
    keys: &[&str],
    is_bool: bool,
    value: &str,
) -> Result<String, FormError> {
    let doc = load(text)?;
    let (map, map_key) = match locate(&doc, path) {
        Ok(found) => found,
        Err(_) if value.is_empty() => return Ok(text.to_string()),
        Err(e) => {
            // v0 logs/repos/upload: create the section to hold the field.
            let single = Role::V0_SECTIONS
                .into_iter()
                .find(|r| !r.is_map() && r.section_path() == path);
            let Some(role) = single else { return Err(e) };
            let created = add::section(text, role)?;
            let doc = load(&created)?;
            let (map, map_key) = locate(&doc, path)?;
            return Ok(layout::set_at(
                &created, &doc, map, map_key, keys, is_bool, value,
            )?);
        }
    };
    Ok(layout::set_at(
        text, &doc, map, map_key, keys, is_bool, value,
    )?)
}

fn set_field(
    text: &str,
    chart: Chart,
    path: &str,
    field: Field,
    value: &str,
) -> Result<String, FormError> {
    of_chart(chart, path)?;
    let keys = field
        .location(chart)
        .ok_or_else(|| FormError::Layout(format!("this chart has no `{}`", field.key(chart))))?;
    let text = set_keys(text, path, keys, field.is_bool(), value)?;
    // v1+ GCS: the key file is read only where the Secret is mounted at (C012).
    if field != Field::Secret || chart != Chart::V1 || value.is_empty() {
        return Ok(text);
    }
    let doc = load(&text)?;
    let gcs = find(&doc, chart, path).is_ok_and(|e| {
        e.kind == KindState::Known(Kind::Bucket(StoreKind::Gcs))
            && e.secret_mount(&doc).is_some_and(|(_, m)| m.is_none())
    });
    if !gcs {
        return Ok(text);
    }
    let keys = &["secret", "mountPath"];
    set_keys(&text, path, keys, false, crate::secrets::GCS_KEY_DIR)
}

pub(super) fn set_kind(
    text: &str,
    chart: Chart,
    path: &str,
    kind: Kind,
    values: &[(Field, String)],
) -> Result<String, FormError> {
    of_chart(chart, path)?;
    let keep = kind.fields(chart);
    // What says the kind: v0 the kind's own key (`store: s3`), v1+ `kind:`.
    let (kind_keys, kind_value): (&[&str], &str) = match (chart, kind) {
        (Chart::V1, _) => (&["kind"], kind.name(Chart::V1)),
        (Chart::V0, Kind::Bucket(store)) => (&["store"], store.v0_name()),
        (Chart::V0, Kind::HostPath) => (&["hostPath"], ""),
        (Chart::V0, Kind::Claim) => (&["existingClaim"], ""),
    };
    // The kind first, so that the entry never goes empty on the way.
    let mut text = match kind_value {
        "" => {
            let doc = load(text)?;
            let (map, map_key) = locate(&doc, path)?;
            if kind_keys.iter().any(|k| doc.get(map, k).is_some()) {
                text.to_string()
            } else {
                let line = format!("{}:", kind_keys.join(""));
                splice(text, &insert_lines(text, &doc, map, map_key, &line)?)
            }
        }
        value => set_keys(text, path, kind_keys, false, value)?,
    };
    for field in Field::ALL {
        let says_kind = field.location(chart) == Some(kind_keys);
        if !keep.contains(&field) && !says_kind && field.location(chart).is_some() {
            text = set_field(&text, chart, path, field, "")?;
        }
    }
    for (field, value) in values {
        if keep.contains(field) {
            text = set_field(&text, chart, path, *field, value)?;
        }
    }
    Ok(text)
}

fn remove(text: &str, path: &str) -> Result<String, FormError> {
    let doc = load(text)?;
    let edit = match locate(&doc, path)? {
        (value, Some(key)) => edit::remove_pair(text, &doc, Pair { key, value }),
        (item, None) => layout::remove_item(text, &doc, item)?,
    };
    Ok(splice(text, &edit))
}

fn rename(text: &str, chart: Chart, path: &str, to: &str) -> Result<String, FormError> {
    of_chart(chart, path)?;
    let doc = load(text)?;
    let entry = find(&doc, chart, path)?;
    let storage = Storage::read(&doc, entry.chart);
    let taken = storage
        .entries
        .iter()
        .any(|e| e.name == to && (entry.chart == Chart::V1 || e.role == entry.role));
    match entry.chart {
        Chart::V0 => {
            if !names::is_dns1123_label(to) {
                return Err(FormError::BadName(format!(
                    "`{to}` is not a valid volume name: lowercase letters, digits and `-`, at most 63 characters"
                )));
            }
            if taken {
                return Err(FormError::BadName(format!("`{to}` is already an entry")));
            }
            let pair = entry
                .pair
                .ok_or_else(|| FormError::NoSuchEntry(path.to_string()))?;
            Ok(splice(text, &edit::replace_scalar(&doc, pair.key, to)))
        }
        Chart::V1 => {
            if taken {
                return Err(FormError::BadName(format!(
                    "`{to}` is already a connection"
                )));
            }
            set_keys(text, path, &["name"], false, to)
        }
    }
}
