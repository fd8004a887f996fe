//! Adding entries. v0: the section, and `persistence` itself, are created when missing.
//! v1+: `artifactsStore` (one per deployment) and an item of `connections`, each written
//! with its `name` and `kind` only: the form shows the kind's fields to fill.

use super::{load, set_keys, FormError};
use crate::edit;
use crate::fix::Edit;
use crate::layout::splice;
use crate::options::Chart;
use crate::source::Span;
use crate::storage::{Kind, Role, Storage};
use crate::text::names;
use crate::yaml::{Document, NodeKind, Pair};

/// Where an empty value that a new block replaces ends: just past the closing bracket of
/// `[]`/`{}`, past a written null (`null`, `~`, `""`), at `start` for nothing written; so
/// the value goes and a comment after it stays.
fn empty_value_end(text: &str, value: Span, start: usize) -> usize {
    text.get(value.start..value.end)
        .and_then(|v| v.find([']', '}']))
        .map_or(value.end, |i| value.start + i + 1)
        .max(start)
}

/// The anchors and tags written at the start of `text` (a value as written), with a space
/// before each. Each ends at a space, as the loader reads them (`&a{}` is an anchor named
/// `a{}` there). Kept: anchors, and the tag `fits` (the one that suits the new block).
fn kept_properties(text: &str, fits: &str) -> String {
    let mut kept = String::new();
    for token in text.split([' ', '\t']).filter(|t| !t.is_empty()) {
        if !token.starts_with(['&', '!']) {
            break;
        }
        if token.starts_with('&') || token == fits {
            kept.push(' ');
            kept.push_str(token);
        }
    }
    kept
}

/// Replaces the empty value of the pair `key: value` (`{}`, `[]`, `~`, nothing) with
/// `block` (a `list` or a mapping), on the lines below the key.
///
/// An anchor before the value stays (`key: &a []` becomes `key: &a` and the block), and so
/// does a `!!seq` or `!!map` tag that fits the block; another tag belonged to the empty
/// value only (`!!null`) and goes with it. Refused: a value whose anchor an alias uses (the
/// block would appear there too), and one with a comment or a line break between the
/// colon and the value (they would be deleted with it).
fn fill_empty(
    text: &str,
    doc: &Document,
    pair: &Pair,
    value: Span,
    block: &str,
    list: bool,
) -> Result<String, FormError> {
    let key = doc.span(pair.key);
    let name = &text[key.start..key.end];
    // The value itself, or a mapping around it (`persistence: &p`), named by an alias.
    let shared = doc
        .aliased_spans()
        .iter()
        .any(|s| *s == doc.span(pair.value) || (s.start <= key.start && key.end <= s.end));
    if shared {
        return Err(FormError::Layout(format!(
            "`{name}` is shared through an alias (`*`), and the new entry would appear there too"
        )));
    }
    let colon = edit::after_colon(text, key.end)
        .ok_or_else(|| FormError::Layout(format!("`{name}` has no `:`")))?;
    let end = empty_value_end(text, value, colon);
    // The spaces before a comment stay with it: `# mine` glued to the block's last value
    // would be part of that value, no longer a comment.
    let end = colon + text[colon..end].trim_end().len();
    let written = &text[colon..end];
    if written.contains(['#', '\n', '\r']) {
        return Err(FormError::Layout(format!(
            "`{name}` has a comment or a line break before its empty value"
        )));
    }
    let kept = kept_properties(written, if list { "!!seq" } else { "!!map" });
    let nl = edit::newline(text);
    Ok(splice(
        text,
        &Edit::replace(
            colon,
            end,
            format!("{kept}{nl}{}", block.trim_end_matches(['\r', '\n'])),
        ),
    ))
}

/// The first of `base`, `base-2`, `base-3`, ... that `taken` refuses.
fn fresh_name(base: &str, taken: impl Fn(&str) -> bool) -> String {
    std::iter::once(base.to_string())
        .chain((2..).map(|i| format!("{base}-{i}")))
        .find(|n| !taken(n))
        .unwrap_or_else(|| base.to_string())
}

/// Adds an entry of `role`, and makes it of `kind` when given (see [`super::FormEdit::Add`]).
pub(super) fn add(text: &str, role: Role, kind: Option<Kind>) -> Result<String, FormError> {
    let (text, path) = match role.chart() {
        Chart::V1 => add_v1(text, role, kind.unwrap_or(Kind::Claim))?,
        Chart::V0 => add_v0(text, role)?,
    };
    match (kind, role.chart()) {
        // v1+ entries are written with their kind already.
        (Some(kind), Chart::V0) => super::set_kind(&text, Chart::V0, &path, kind, &[]),
        _ => Ok(text),
    }
}

/// Adds a v0 entry; returns the text and the entry's path.
fn add_v0(text: &str, role: Role) -> Result<(String, String), FormError> {
    let path = role.section_path().as_str().to_string();
    if let Some((mount, _)) = role.chart_default() {
        let text = set_keys(text, &path, &["mountPath"], false, mount)?;
        return Ok((text, path));
    }
    let doc = load(text)?;
    let storage = Storage::read(&doc, Chart::V0);
    let name = fresh_name(role.key(), |n| {
        storage
            .entries
            .iter()
            .any(|e| e.role == role && e.name == n)
    });
    let text = add_entry(text, role, &name)?;
    Ok((text, format!("{path}.{name}")))
}

/// Adds `artifactsStore` (refused when the file has one) or a connection, of `kind`;
/// returns the text and the entry's path.
fn add_v1(text: &str, role: Role, kind: Kind) -> Result<(String, String), FormError> {
    let doc = load(text)?;
    let storage = Storage::read(&doc, Chart::V1);
    let kind_name = kind.name(Chart::V1);
    let nl = edit::newline(text);
    let name = match role {
        Role::ArtifactsStore => "artifacts".to_string(),
        _ => fresh_name(&kind_name.replace('_', "-"), |n| {
            storage.entries.iter().any(|e| e.name == n)
        }),
    };
    let root = doc.root();
    let existing = root.and_then(|r| doc.get(r, role.key()));
    // What is written, at `indent`: the store's keys, or a connection as a list item.
    let body = |indent: usize| -> String {
        let pad = " ".repeat(indent);
        match role {
            Role::ArtifactsStore => format!("{pad}name: {name}{nl}{pad}kind: {kind_name}{nl}"),
            _ => format!("{pad}- name: {name}{nl}{pad}  kind: {kind_name}{nl}"),
        }
    };
    let empty = |pair: &Pair| {
        doc.node(pair.value).is_some_and(|n| match &n.kind {
            NodeKind::Scalar(s) => s.is_empty(),
            NodeKind::Mapping(pairs) => pairs.is_empty() && n.flow,
            NodeKind::Sequence(items) => items.is_empty() && n.flow,
            _ => false,
        })
    };
    let path = match role {
        Role::ArtifactsStore => "artifactsStore".to_string(),
        _ => {
            let count = existing
                .filter(|p| !empty(p))
                .map_or(0, |p| doc.items(p.value).len());
            format!("connections.{count}")
        }
    };
    let text = match existing {
        // Not written yet: a new key at the end of the file.
        None => {
            let lead = if text.is_empty() || text.ends_with('\n') {
                ""
            } else {
                nl
            };
            format!("{text}{lead}{}:{nl}{}", role.key(), body(2))
        }
        // `artifactsStore:`, `connections: []`: the key gets its block.
        Some(pair) if empty(&pair) => {
            let indent = edit::indent_at(text, doc.span(pair.key).start) + 2;
            fill_empty(
                text,
                &doc,
                &pair,
                doc.span(pair.value),
                &body(indent),
                role != Role::ArtifactsStore,
            )?
        }
        Some(_) if role == Role::ArtifactsStore => {
            return Err(FormError::BadName(
                "the file has an `artifactsStore` already (one per deployment)".into(),
            ))
        }
        // A block list of connections: one more item, as indented as the others.
        Some(pair) => {
            let node = doc
                .node(pair.value)
                .ok_or_else(|| FormError::Layout("missing connections".into()))?;
            let first = match &node.kind {
                NodeKind::Sequence(items) if !node.flow => items.first().copied(),
                _ => None,
            }
            .ok_or_else(|| FormError::Layout("`connections` is not a block list".into()))?;
            let indent = edit::indent_at(text, doc.span(first).start);
            let at = edit::line_end_inclusive(text, node.span.end);
            let lead = if text[..at].ends_with('\n') { "" } else { nl };
            splice(text, &Edit::insert(at, format!("{lead}{}", body(indent))))
        }
    };
    Ok((text, path))
}

/// Creates `persistence.logs` (or repos/upload) empty, for a field to be written into.
pub(super) fn section(text: &str, role: Role) -> Result<String, FormError> {
    add_entry(text, role, role.key())
}

fn entry_pair(doc: &Document, role: Role, name: &str) -> Option<Pair> {
    let root = doc.root()?;
    let persistence = doc.get(root, "persistence")?;
    let section_pair = doc.get(persistence.value, role.key())?;
    if role.is_map() {
        doc.get(section_pair.value, name)
    } else {
        Some(section_pair)
    }
}

fn add_entry(text: &str, role: Role, name: &str) -> Result<String, FormError> {
    let doc = load(text)?;
    if role.is_map() && !names::is_dns1123_label(name) {
        return Err(FormError::BadName(format!(
            "`{name}` is not a valid volume name"
        )));
    }
    if entry_pair(&doc, role, name).is_some() {
        return Err(FormError::BadName(format!("`{name}` is already an entry")));
    }
    let nl = edit::newline(text);
    // What the new entry looks like, relative to the section's indentation.
    let entry_lines = |indent: usize| -> String {
        let pad = " ".repeat(indent);
        if role.is_map() {
            format!("{pad}{name}:{nl}{pad}  mountPath: /{name}{nl}")
        } else {
            format!("{pad}{}:{nl}", role.key())
        }
    };
    let section_block = |indent: usize| -> String {
        if role.is_map() {
            format!(
                "{}{}:{nl}{}",
                " ".repeat(indent),
                role.key(),
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
    let Some(section_pair) = doc.get(persistence.value, role.key()) else {
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
            NodeKind::Scalar(s) if s.is_empty() => fill_empty(
                text,
                &doc,
                &persistence,
                node.span,
                &section_block(2),
                false,
            ),
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
        return fill_empty(
            text,
            &doc,
            &section_pair,
            node.span,
            &entry_lines(key_indent + 2),
            false,
        );
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
            role.key()
        ))),
    }
}
