//! The merged values written out as one YAML text for the checker to read, with where each
//! key and scalar of it came from. Scalars a layer wrote on one line are copied byte for
//! byte, so a fix inside one can be made at the same place in that layer.

use super::tree::{Entry, Node, Origin, Value};
use crate::source::Span;

/// A key or scalar of the merged text and its place in a layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Placed {
    pub merged: Span,
    pub origin: Origin,
    /// The merged bytes are the layer's bytes.
    pub verbatim: bool,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Rendered {
    pub text: String,
    /// Keys and scalars in text order.
    pub placed: Vec<Placed>,
}

/// `root` (a mapping) as block YAML, two spaces an indent.
pub(crate) fn render(root: &Node) -> Rendered {
    let mut out = Rendered::default();
    match &root.value {
        Value::Map(entries) if !entries.is_empty() => map(&mut out, entries, 0, false),
        _ => out.text.push_str("{}\n"),
    }
    out
}

fn map(out: &mut Rendered, entries: &[Entry], indent: usize, first_inline: bool) {
    for (i, entry) in entries.iter().enumerate() {
        if i > 0 || !first_inline {
            push_indent(out, indent);
        }
        let start = out.text.len();
        out.text.push_str(&entry.key_text);
        out.placed.push(Placed {
            merged: Span::new(start, out.text.len()),
            origin: entry.key_origin,
            verbatim: entry.key_verbatim,
        });
        out.text.push(':');
        value(out, &entry.node, indent);
    }
}

/// A value after `key:` or `-`: a scalar or empty container on the same line, a
/// non-empty container on the next lines.
fn value(out: &mut Rendered, node: &Node, indent: usize) {
    match &node.value {
        Value::Leaf(leaf) => {
            out.text.push(' ');
            let start = out.text.len();
            out.text.push_str(&leaf.text);
            out.placed.push(Placed {
                merged: Span::new(start, out.text.len()),
                origin: node.origin,
                verbatim: leaf.verbatim,
            });
            out.text.push('\n');
        }
        Value::Map(entries) if entries.is_empty() => out.text.push_str(" {}\n"),
        Value::List(items) if items.is_empty() => out.text.push_str(" []\n"),
        Value::Map(entries) => {
            out.text.push('\n');
            map(out, entries, indent + 2, false);
        }
        Value::List(items) => {
            out.text.push('\n');
            list(out, items, indent + 2);
        }
    }
}

fn list(out: &mut Rendered, items: &[Node], indent: usize) {
    for item in items {
        push_indent(out, indent);
        out.text.push('-');
        match &item.value {
            Value::Map(entries) if !entries.is_empty() => {
                out.text.push(' ');
                map(out, entries, indent + 2, true);
            }
            _ => value(out, item, indent),
        }
    }
}

fn push_indent(out: &mut Rendered, indent: usize) {
    out.text.extend(std::iter::repeat_n(' ', indent));
}
