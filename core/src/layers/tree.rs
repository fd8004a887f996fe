//! The values of one layer as Helm merges them: mappings, lists and leaves, each node with
//! the layer and the bytes it came from. Built from a [`Document`] (a values file) or by
//! [`super::set`] (a `--set` argument).

use std::borrow::Cow;

use crate::source::Span;
use crate::yaml::{Document, NodeId, NodeKind, ScalarStyle};

/// Where a node's value was written: the layer (its index in the merge order) and the
/// bytes in that layer's text (a file, or the `--set` argument).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Origin {
    pub layer: usize,
    pub span: Span,
}

/// A value and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node<'a> {
    pub value: Value<'a>,
    pub origin: Origin,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value<'a> {
    /// A scalar made here (by a `--set`, a JSON value, or the merge): rare, so boxed (the
    /// nodes stay small, and there are a great many of them).
    Leaf(Box<Leaf<'a>>),
    /// A scalar of a layer's document, written out only if it is still there once every
    /// layer is merged (most of an overridden layer's scalars are not).
    Scalar(Scalar<'a>),
    List(Vec<Node<'a>>),
    Map(Vec<Entry<'a>>),
}

/// A layer's document and its text.
#[derive(Debug)]
pub(crate) struct Source<'a> {
    pub doc: &'a Document,
    pub text: &'a str,
}

/// A scalar node of a layer's document.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scalar<'a> {
    pub source: &'a Source<'a>,
    pub id: NodeId,
    /// Reached through an alias: its bytes are at the anchor, not where it is used.
    pub via_alias: bool,
}

impl PartialEq for Scalar<'_> {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.source, other.source) && self.id == other.id
    }
}

impl<'a> Scalar<'a> {
    /// Its own bytes when they are one line of plain or quoted text without a tag, reached
    /// where they are written (they read back the same anywhere); otherwise its value,
    /// typed, in a form that reads back the same.
    pub fn leaf(&self) -> Leaf<'a> {
        let (doc, text) = (self.source.doc, self.source.text);
        let Some(s) = doc.scalar(self.id) else {
            return Leaf::plain("null");
        };
        let span = doc.span(doc.resolve_id(self.id));
        let raw = text.get(span.start..span.end).unwrap_or_default();
        let one_line = matches!(
            s.style,
            ScalarStyle::Plain | ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted
        ) && !raw.contains(['\n', '\r']);
        if one_line && s.tag.is_none() && !raw.is_empty() && !self.via_alias {
            return Leaf {
                text: Cow::Borrowed(raw),
                value: Cow::Borrowed(s.value.as_str()),
                style: s.style,
                null: s.scalar_type() == crate::yaml::ScalarType::Null,
                verbatim: true,
            };
        }
        match s.scalar_type() {
            crate::yaml::ScalarType::Null => Leaf::plain("null"),
            crate::yaml::ScalarType::Str => Leaf::string(&s.value),
            crate::yaml::ScalarType::Bool => Leaf::plain(if s.as_bool() == Some(true) {
                "true"
            } else {
                "false"
            }),
            // Numbers: the value as written reads back as the same number.
            _ => Leaf::plain(s.value.as_str()),
        }
    }
}

/// A scalar, held as the YAML text that reads back to the same typed value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Leaf<'a> {
    /// As YAML text.
    pub text: Cow<'a, str>,
    /// The value `text` reads as, and how it is written: what the merged document holds.
    pub value: Cow<'a, str>,
    pub style: ScalarStyle,
    pub null: bool,
    /// `text` is the layer's own bytes at the origin's span: an edit inside it can be made
    /// at the same place in the layer.
    pub verbatim: bool,
}

/// A key written by a `--set` or a JSON object: plain when that reads back as the same
/// string, else double-quoted.
pub(crate) fn written_key(key: &str) -> (Cow<'static, str>, ScalarStyle) {
    let text = crate::text::quote::scalar(key);
    let style = if text == key {
        ScalarStyle::Plain
    } else {
        ScalarStyle::DoubleQuoted
    };
    (Cow::Owned(text), style)
}

/// A `key: value` of a mapping; keys are compared as the reader names them.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Entry<'a> {
    pub key: Cow<'a, str>,
    /// The key's node in its layer's document; `None` for a key a `--set` or JSON wrote
    /// (written out from `key`).
    pub key_scalar: Option<Scalar<'a>>,
    pub key_origin: Origin,
    pub node: Node<'a>,
}

impl Node<'_> {
    pub fn is_map(&self) -> bool {
        matches!(self.value, Value::Map(_))
    }

    pub fn is_null(&self) -> bool {
        match &self.value {
            Value::Leaf(l) => l.null,
            // Asked only of a value that replaces another: worked out then.
            Value::Scalar(s) => s.source.doc.is_null(s.id),
            _ => false,
        }
    }
}

impl<'a> Leaf<'a> {
    /// A string value, quoted so that it reads back as a string whatever it holds.
    pub fn string(value: &str) -> Leaf<'a> {
        Leaf {
            text: Cow::Owned(crate::text::quote::double_quoted(value)),
            value: Cow::Owned(value.to_string()),
            style: ScalarStyle::DoubleQuoted,
            null: false,
            verbatim: false,
        }
    }

    /// A value written in YAML's plain style that reads back to itself (`true`, `12`, `null`).
    pub fn plain(text: impl Into<Cow<'a, str>>) -> Leaf<'a> {
        let text = text.into();
        Leaf {
            null: text == "null",
            value: text.clone(),
            style: ScalarStyle::Plain,
            text,
            verbatim: false,
        }
    }
}

/// Why a layer's values cannot be merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooLarge;

/// How many nodes a layer may expand to once its aliases are copied: an alias bomb stops
/// here (Helm would expand it; nothing a values file means needs this many).
const MAX_NODES: usize = 2_000_000;

/// The values of a loaded file as Helm reads them: `<<` merged (a later key wins), a
/// repeated key's last value, aliases copied. `None` for an empty document.
pub(crate) fn from_document<'a>(
    source: &'a Source<'a>,
    layer: usize,
) -> Result<Option<Node<'a>>, TooLarge> {
    let Some(root) = source.doc.root() else {
        return Ok(None);
    };
    Reader {
        source,
        doc: source.doc,
        layer,
        budget: MAX_NODES,
    }
    .node(root, 0)
    .map(Some)
}

struct Reader<'a> {
    source: &'a Source<'a>,
    doc: &'a Document,
    layer: usize,
    budget: usize,
}

/// Deeper than the loader lets any file nest (aliases included): a guard, not a limit.
const MAX_DEPTH: usize = 512;

impl<'a> Reader<'a> {
    fn node(&mut self, id: NodeId, depth: usize) -> Result<Node<'a>, TooLarge> {
        self.budget = self.budget.checked_sub(1).ok_or(TooLarge)?;
        if depth > MAX_DEPTH {
            return Err(TooLarge);
        }
        // An alias's node is the anchored one, at the alias's place for the messages.
        let origin = self.origin(self.doc.span(id));
        let through_alias = self.doc.resolve_id(id) != id;
        let id = self.doc.resolve_id(id);
        let Some(node) = self.doc.node(id) else {
            return Ok(Node {
                value: Value::Leaf(Box::new(Leaf::plain("null"))),
                origin,
            });
        };
        let value = match &node.kind {
            NodeKind::Scalar(_) | NodeKind::Alias(_) => Value::Scalar(Scalar {
                source: self.source,
                id,
                via_alias: through_alias,
            }),
            NodeKind::Sequence(items) => Value::List(
                items
                    .iter()
                    .map(|item| self.node(*item, depth + 1))
                    .collect::<Result<_, _>>()?,
            ),
            NodeKind::Mapping(_) => Value::Map(self.entries(id, depth)?),
        };
        Ok(Node { value, origin })
    }

    fn entries(&mut self, id: NodeId, depth: usize) -> Result<Vec<Entry<'a>>, TooLarge> {
        let mut out: Vec<Entry<'a>> = Vec::with_capacity(self.doc.pairs(id).len());
        // A repeated key is rare: searched in small mappings, indexed in large ones.
        let own = self.doc.pairs(id);
        let merged;
        let pairs: &[crate::yaml::Pair] =
            if own.iter().any(|p| self.doc.key_str(p.key) == Some("<<")) {
                merged = self.doc.merged_pairs(id);
                &merged
            } else {
                own
            };
        let mut at: Option<std::collections::HashMap<&'a str, usize>> =
            (pairs.len() > 16).then(std::collections::HashMap::new);
        for pair in pairs.iter().copied() {
            // A complex key (a list or mapping as a key) Helm refuses; Y-rules say so.
            let Some(key) = self.doc.key_str(pair.key) else {
                continue;
            };
            let key_id = self.doc.resolve_id(pair.key);
            let entry = Entry {
                key: Cow::Borrowed(key),
                key_scalar: Some(Scalar {
                    source: self.source,
                    id: key_id,
                    via_alias: key_id != pair.key,
                }),
                key_origin: self.origin(self.doc.span(pair.key)),
                node: self.node(pair.value, depth + 1)?,
            };
            let found = match &at {
                Some(at) => at.get(key).copied(),
                None => out.iter().position(|e| e.key == key),
            };
            match found {
                // A repeated key: the last one is what Helm keeps.
                Some(i) => out[i] = entry,
                None => {
                    if let Some(at) = &mut at {
                        at.insert(key, out.len());
                    }
                    out.push(entry);
                }
            }
        }
        Ok(out)
    }

    fn origin(&self, span: Span) -> Origin {
        Origin {
            layer: self.layer,
            span,
        }
    }
}
