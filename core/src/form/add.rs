//! Adding v0 entries: the section, and `persistence` itself, are created when missing.

use super::{load, set_keys, FormError};
use crate::edit;
use crate::fix::Edit;
use crate::layout::splice;
use crate::options::Chart;
use crate::storage::{Role, Storage};
use crate::text::names;
use crate::yaml::{Document, NodeKind, Pair};

/// Adds an entry of `role`: a fresh name for outputs/data (`outputs`, `outputs-2`, ...),
/// the chart's default mount path for logs/repos/upload.
pub(super) fn add(text: &str, role: Role) -> Result<String, FormError> {
    if role.chart() == Chart::V1 {
        return Err(FormError::Layout(format!(
            "adding `{}` from the form is not supported yet",
            role.key()
        )));
    }
    if let Some((mount, _)) = role.chart_default() {
        return set_keys(
            text,
            role.section_path().as_str(),
            &["mountPath"],
            false,
            mount,
        );
    }
    let doc = load(text)?;
    let storage = Storage::read(&doc, Chart::V0);
    let taken = |n: &str| storage.entries.iter().any(|e| e.name == n);
    let base = role.key();
    let name = std::iter::once(base.to_string())
        .chain((2..).map(|i| format!("{base}-{i}")))
        .find(|n| !taken(n))
        .unwrap_or_else(|| base.to_string());
    add_entry(text, role, &name)
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
            NodeKind::Scalar(s) if s.is_empty() => {
                let start = edit::after_colon(text, doc.span(persistence.key).end)
                    .ok_or_else(|| FormError::Layout("`persistence` has no `:`".into()))?;
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
        let start = edit::after_colon(text, doc.span(section_pair.key).end)
            .ok_or_else(|| FormError::Layout(format!("`{}` has no `:`", role.key())))?;
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
            role.key()
        ))),
    }
}
