//! Editing a mapping in place, whatever chart it belongs to: set, add or remove the value
//! at a key path (`schema.mountPath`), inserting lines at the mapping's own indentation or
//! into its flow braces. The form sync builds on these; [`crate::edit`] holds the smaller
//! text edits they use.

use crate::edit;
use crate::fix::Edit;
use crate::text::quote;
use crate::yaml::{Document, NodeId, NodeKind, Pair, ScalarStyle};

/// Why the text cannot be edited here without rewriting what the user wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayoutError(pub String);

/// `text` with one edit applied. Edits come from this crate's own span arithmetic on the
/// same text; a range that does not fit leaves the text as it is.
pub fn splice(text: &str, e: &Edit) -> String {
    let (Some(head), Some(tail)) = (text.get(..e.start), text.get(e.end..)) else {
        return text.to_string();
    };
    let mut out = String::with_capacity(text.len() + e.replacement.len());
    out.push_str(head);
    out.push_str(&e.replacement);
    out.push_str(tail);
    out
}

/// `value` as written for a key: booleans plain, strings quoted where needed.
pub fn scalar_for(is_bool: bool, value: &str) -> String {
    match (is_bool, value) {
        (true, "true" | "false") => value.to_string(),
        _ => quote::scalar(value),
    }
}

/// Replaces the scalar `node` with `value`, keeping its quote style (a boolean is
/// written plain).
pub fn replace_value(doc: &Document, node: NodeId, is_bool: bool, value: &str) -> Edit {
    if is_bool {
        let span = doc.span(node);
        Edit::replace(span.start, span.end, scalar_for(true, value))
    } else {
        edit::replace_scalar(doc, node, value)
    }
}

/// Sets the value at `keys` under the mapping `map` (written under `map_key`): replaces
/// it, removes it when `value` is empty, or adds the missing keys as new lines.
pub fn set_at(
    text: &str,
    doc: &Document,
    map: NodeId,
    map_key: Option<NodeId>,
    keys: &[&str],
    is_bool: bool,
    value: &str,
) -> Result<String, LayoutError> {
    let Some((first, rest)) = keys.split_first() else {
        return Ok(text.to_string());
    };
    // Helm keeps the last of a repeated key: that is the one to edit.
    let existing: Option<Pair> = doc
        .pairs(map)
        .iter()
        .rev()
        .find(|p| doc.key_str(p.key) == Some(first))
        .copied();
    let new_lines = |keys: &[&str]| nested_lines(keys, &scalar_for(is_bool, value));
    if !rest.is_empty() {
        return match existing {
            Some(pair) if doc.is_mapping(pair.value) => {
                set_at(text, doc, pair.value, Some(pair.key), rest, is_bool, value)
            }
            _ if value.is_empty() => Ok(text.to_string()),
            Some(pair) if doc.is_null(pair.value) => Ok(splice(
                text,
                &insert_lines(text, doc, pair.value, Some(pair.key), &new_lines(rest))?,
            )),
            Some(_) => Err(LayoutError(format!("`{first}` is not a mapping"))),
            None => Ok(splice(
                text,
                &insert_lines(text, doc, map, map_key, &new_lines(keys))?,
            )),
        };
    }
    match existing {
        None if value.is_empty() => Ok(text.to_string()),
        None => Ok(splice(
            text,
            &insert_lines(text, doc, map, map_key, &new_lines(keys))?,
        )),
        Some(pair) if value.is_empty() => Ok(splice(text, &edit::remove_pair(text, doc, pair))),
        Some(pair) => Ok(splice(text, &set_value(text, doc, pair, is_bool, value)?)),
    }
}

/// Writes `value` as the scalar value of `pair`: over the value written (`~` and `""`
/// included), or after the colon of `key:` with nothing after it.
pub fn set_value(
    text: &str,
    doc: &Document,
    pair: Pair,
    is_bool: bool,
    value: &str,
) -> Result<Edit, LayoutError> {
    let key = doc.key_str(pair.key).unwrap_or_default();
    match doc.node(pair.value).map(|n| &n.kind) {
        // An implicit empty value (`key:`, or `{key}` whose span the parser puts on the
        // next character) has no text of its own.
        Some(NodeKind::Scalar(s)) if written(doc.span(pair.value).is_empty(), s) => {
            Ok(replace_value(doc, pair.value, is_bool, value))
        }
        Some(NodeKind::Scalar(_)) => {
            let at = edit::after_colon(text, doc.span(pair.key).end)
                .ok_or_else(|| LayoutError(format!("`{key}` has no `:` to write after")))?;
            Ok(Edit::insert(at, format!(" {}", scalar_for(is_bool, value))))
        }
        _ => Err(LayoutError(format!(
            "`{key}` holds a structure, not a value"
        ))),
    }
}

/// Whether a scalar has text of its own: an implicit empty one (`key:`, or `{key}` whose
/// span the parser puts on the next character) has none; `~` and `""` have.
fn written(empty_span: bool, s: &crate::yaml::Scalar) -> bool {
    let implicit = s.value.is_empty() && s.style == ScalarStyle::Plain;
    !empty_span && !implicit
}

/// `a:\n  b: value` for the keys `[a, b]`.
fn nested_lines(keys: &[&str], value: &str) -> String {
    let mut out = String::new();
    for (depth, key) in keys.iter().enumerate() {
        if depth > 0 {
            out.push('\n');
        }
        out.push_str(&" ".repeat(depth * 2));
        out.push_str(key);
        out.push(':');
    }
    out.push(' ');
    out.push_str(value);
    out
}

/// Inserts `lines` (`\n`-separated, relative indentation) as new keys of the mapping
/// `value` (written under `key`): after its last line at its indentation, inside its
/// flow braces, or as a new block when it is empty (`name:` alone).
pub fn insert_lines(
    text: &str,
    doc: &Document,
    value: NodeId,
    key: Option<NodeId>,
    lines: &str,
) -> Result<Edit, LayoutError> {
    let nl = edit::newline(text);
    let node = doc
        .node(value)
        .ok_or_else(|| LayoutError("the entry is gone".into()))?;
    match &node.kind {
        NodeKind::Mapping(pairs) if node.flow => {
            if lines.contains('\n') {
                return Err(LayoutError("the entry is written in flow style".into()));
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
                return Err(LayoutError(
                    "the entry's keys do not start their lines".into(),
                ));
            }
            let indent = lead.chars().count();
            // The mapping's span ends after its last value (comments after it stay below).
            let at = edit::line_end_inclusive(text, node.span.end);
            let lead = if text[..at].ends_with('\n') { "" } else { nl };
            let block = edit::indent(&format!("{}{nl}", lines.replace('\n', nl)), indent);
            Ok(Edit::insert(at, format!("{lead}{block}")))
        }
        NodeKind::Scalar(s) if s.is_empty() => {
            // `name:` with no value: make it a block under its key.
            let key = key.ok_or_else(|| LayoutError("the entry is empty".into()))?;
            let key_indent = edit::indent_at(text, doc.span(key).start);
            let start = edit::after_colon(text, doc.span(key).end)
                .ok_or_else(|| LayoutError("the entry has no `:` to write after".into()))?;
            let end = node.span.end.max(start);
            let block = edit::indent(&lines.replace('\n', nl), key_indent + 2);
            Ok(Edit::replace(start, end, format!("{nl}{block}")))
        }
        _ => Err(LayoutError("the entry is not a mapping".into())),
    }
}

/// Removes a block sequence item with its lines (`- name: a` and what belongs to it).
pub fn remove_item(text: &str, doc: &Document, item: NodeId) -> Result<Edit, LayoutError> {
    let span = doc.span(item);
    let start = edit::line_start(text, span.start);
    let lead = text.get(start..span.start).unwrap_or("");
    if lead.trim() != "-" {
        return Err(LayoutError("the list is written in flow style".into()));
    }
    Ok(Edit::delete(
        start,
        edit::line_end_inclusive(text, span.end.max(span.start)),
    ))
}
