//! The merged values written out as one YAML text for the checker to read, with where each
//! key and scalar of it came from. Scalars a layer wrote on one line are copied byte for
//! byte, so a fix inside one can be made at the same place in that layer.
//!
//! The document the checker would get by loading that text is built at the same time (each
//! node's span in the text as the loader gives it): loading it again would be the largest
//! part of a layered check. `tests.rs` holds the two equal on every fixture.

use std::collections::HashMap;

use super::tree::{written_key, Entry, Leaf, Node, Origin, Value};
use crate::source::Span;
use crate::yaml::{Document, NodeId, NodeKind, Pair, Scalar, ScalarStyle, YamlPath};

/// A key or scalar of the merged text and its place in a layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Placed {
    pub merged: Span,
    pub origin: Origin,
    /// The merged bytes are the layer's bytes.
    pub verbatim: bool,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Rendered {
    pub text: String,
    /// Keys and scalars in text order.
    pub placed: Vec<Placed>,
    /// Where each mapping and list was written, by path (the root's is `""`). Scalars are
    /// found by their bytes in `placed`: a path per scalar would cost more than the merge.
    pub containers: HashMap<String, Origin>,
    /// `text` as `yaml::load` reads it.
    pub doc: Document,
    /// The deepest indent: two spaces a nesting level.
    pub max_indent: usize,
}

impl Rendered {
    /// The document built with the text, when loading the text would give the same: no
    /// template syntax (the loader masks it) and within the loader's limits (it refuses).
    /// Taken out: the check owns it.
    pub fn take_loaded(&mut self, limits: &crate::yaml::Limits) -> Option<Document> {
        let within = self.text.len() <= limits.max_bytes
            && self.doc.nodes.len() <= limits.max_nodes
            && self.max_indent / 2 + 2 < limits.max_depth;
        let doc = std::mem::take(&mut self.doc);
        (within && crate::yaml::template::mask(&self.text).is_none()).then_some(doc)
    }
}

/// `root` (a mapping) as block YAML, two spaces an indent.
pub(crate) fn render(root: &Node<'_>) -> Rendered {
    let mut out = Rendered::default();
    out.containers.insert(String::new(), root.origin);
    let id = match &root.value {
        Value::Map(entries) if !entries.is_empty() => {
            map(&mut out, entries, 0, &YamlPath::root(), false)
        }
        _ => {
            out.text.push_str("{}");
            let id = push(
                &mut out.doc,
                NodeKind::Mapping(Vec::new()),
                Span::new(0, 2),
                true,
            );
            out.text.push('\n');
            id
        }
    };
    out.doc.root = Some(id);
    out
}

fn push(doc: &mut Document, kind: NodeKind, span: Span, flow: bool) -> NodeId {
    doc.nodes.push(crate::yaml::Node { kind, span, flow });
    NodeId(doc.nodes.len() - 1)
}

fn scalar(
    out: &mut Rendered,
    leaf_text: &str,
    value: &str,
    style: ScalarStyle,
    origin: Origin,
    verbatim: bool,
) -> NodeId {
    let start = out.text.len();
    out.text.push_str(leaf_text);
    let span = Span::new(start, out.text.len());
    out.placed.push(Placed {
        merged: span,
        origin,
        verbatim,
    });
    let scalar = Scalar {
        value: value.to_string(),
        style,
        tag: None,
    };
    push(&mut out.doc, NodeKind::Scalar(scalar), span, false)
}

fn leaf(out: &mut Rendered, leaf: &Leaf<'_>, origin: Origin) -> NodeId {
    scalar(
        out,
        &leaf.text,
        &leaf.value,
        leaf.style,
        origin,
        leaf.verbatim,
    )
}

fn map(
    out: &mut Rendered,
    entries: &[Entry<'_>],
    indent: usize,
    path: &YamlPath,
    first_inline: bool,
) -> NodeId {
    let start = if first_inline {
        out.text.len()
    } else {
        out.text.len() + indent
    };
    let id = push(
        &mut out.doc,
        NodeKind::Mapping(Vec::new()),
        Span::empty(start),
        false,
    );
    let mut pairs = Vec::with_capacity(entries.len());
    for (i, entry) in entries.iter().enumerate() {
        if i > 0 || !first_inline {
            push_indent(out, indent);
        }
        let key = match &entry.key_scalar {
            Some(written) => leaf(out, &written.leaf(), entry.key_origin),
            None => {
                let (text, style) = written_key(&entry.key);
                scalar(out, &text, &entry.key, style, entry.key_origin, false)
            }
        };
        out.text.push(':');
        let value = value(out, &entry.node, indent, path, &entry.key);
        pairs.push(Pair { key, value });
    }
    close(out, id, NodeKind::Mapping(pairs));
    id
}

/// The container's kind and its end: its last child's.
fn close(out: &mut Rendered, id: NodeId, kind: NodeKind) {
    let last = match &kind {
        NodeKind::Mapping(pairs) => pairs.last().map(|p| p.value),
        NodeKind::Sequence(items) => items.last().copied(),
        _ => None,
    };
    let end = last.map(|c| out.doc.span(c).end);
    if let Some(node) = out.doc.nodes.get_mut(id.0) {
        node.span.end = end.unwrap_or(node.span.start).max(node.span.start);
        node.kind = kind;
    }
}

/// A value after `key:` or `-`: a scalar or empty container on the same line, a
/// non-empty container on the next lines.
fn value(
    out: &mut Rendered,
    node: &Node<'_>,
    indent: usize,
    parent: &YamlPath,
    key: &str,
) -> NodeId {
    // Only containers get a path: most values are scalars, found by their bytes.
    let here = || parent.child(key);
    let id = match &node.value {
        Value::Leaf(made) => {
            out.text.push(' ');
            leaf(out, made, node.origin)
        }
        Value::Scalar(written) => {
            out.text.push(' ');
            leaf(out, &written.leaf(), node.origin)
        }
        Value::Map(entries) if entries.is_empty() => {
            empty(out, "{}", NodeKind::Mapping(Vec::new()))
        }
        Value::List(items) if items.is_empty() => empty(out, "[]", NodeKind::Sequence(Vec::new())),
        Value::Map(entries) => {
            let here = here();
            out.containers
                .insert(here.as_str().to_string(), node.origin);
            out.text.push('\n');
            return map(out, entries, indent + 2, &here, false);
        }
        Value::List(items) => {
            let here = here();
            out.containers
                .insert(here.as_str().to_string(), node.origin);
            out.text.push('\n');
            return list(out, items, indent + 2, &here);
        }
    };
    out.text.push('\n');
    id
}

fn empty(out: &mut Rendered, text: &str, kind: NodeKind) -> NodeId {
    out.text.push(' ');
    let start = out.text.len();
    out.text.push_str(text);
    push(&mut out.doc, kind, Span::new(start, out.text.len()), true)
}

fn list(out: &mut Rendered, items: &[Node<'_>], indent: usize, path: &YamlPath) -> NodeId {
    let id = push(
        &mut out.doc,
        NodeKind::Sequence(Vec::new()),
        Span::empty(out.text.len() + indent),
        false,
    );
    let mut children = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        push_indent(out, indent);
        out.text.push('-');
        let index = i.to_string();
        children.push(match &item.value {
            Value::Map(entries) if !entries.is_empty() => {
                let here = path.child(&index);
                out.containers
                    .insert(here.as_str().to_string(), item.origin);
                out.text.push(' ');
                map(out, entries, indent + 2, &here, true)
            }
            _ => value(out, item, indent, path, &index),
        });
    }
    close(out, id, NodeKind::Sequence(children));
    id
}

fn push_indent(out: &mut Rendered, indent: usize) {
    out.max_indent = out.max_indent.max(indent);
    out.text.extend(std::iter::repeat_n(' ', indent));
}
