//! The parsed document: an arena of nodes, each with the byte span it came from.
//!
//! Unlike a plain YAML value this keeps duplicate keys (so Y002 can see them), aliases as
//! references (so an alias bomb costs nothing to hold), and the source span of every node.

use crate::source::Span;

/// A node of a [`Document`]: an index into its arena, typed so it cannot be mixed up
/// with a byte offset or a list index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct NodeId(pub(crate) usize);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
/// How a scalar was written.
pub enum ScalarStyle {
    /// Without quotes.
    Plain,
    /// In single quotes.
    SingleQuoted,
    /// In double quotes.
    DoubleQuoted,
    /// A `|` block.
    Literal,
    /// A `>` block.
    Folded,
}

/// What a scalar means under the YAML 1.1 core schema that Helm's parser (go-yaml) uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScalarType {
    /// `~`, `null` or nothing.
    Null,
    /// `true`/`false`.
    Bool,
    /// An integer.
    Int,
    /// A float.
    Float,
    /// Anything else, and every quoted scalar.
    Str,
}

#[derive(Debug, Clone, PartialEq)]
/// A scalar value.
pub struct Scalar {
    /// The value after unquoting and unescaping.
    pub value: String,
    /// How it was written.
    pub style: ScalarStyle,
}

impl Scalar {
    /// How Helm reads this scalar: only plain scalars are typed, quoted ones are strings.
    pub fn scalar_type(&self) -> ScalarType {
        if self.style != ScalarStyle::Plain {
            return ScalarType::Str;
        }
        classify_plain(&self.value)
    }

    /// Null and the empty string both count as "absent", as Helm treats them.
    pub fn is_empty(&self) -> bool {
        self.scalar_type() == ScalarType::Null || self.value.is_empty()
    }

    /// Its boolean value, when it is a plain boolean.
    pub fn as_bool(&self) -> Option<bool> {
        match (self.scalar_type(), self.value.as_str()) {
            (ScalarType::Bool, v) => Some(matches!(v, "true" | "True" | "TRUE")),
            _ => None,
        }
    }
}

fn classify_plain(value: &str) -> ScalarType {
    match value {
        "" | "~" | "null" | "Null" | "NULL" => ScalarType::Null,
        "true" | "True" | "TRUE" | "false" | "False" | "FALSE" => ScalarType::Bool,
        _ if is_int(value) => ScalarType::Int,
        _ if is_float(value) => ScalarType::Float,
        _ => ScalarType::Str,
    }
}

fn is_int(value: &str) -> bool {
    let digits = value.strip_prefix(['-', '+']).unwrap_or(value);
    if let Some(hex) = digits.strip_prefix("0x") {
        return !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit());
    }
    if let Some(oct) = digits.strip_prefix("0o") {
        return !oct.is_empty() && oct.bytes().all(|b| (b'0'..=b'7').contains(&b));
    }
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

fn is_float(value: &str) -> bool {
    if matches!(
        value,
        ".inf" | ".Inf" | ".INF" | "-.inf" | "+.inf" | ".nan" | ".NaN" | ".NAN"
    ) {
        return true;
    }
    looks_like_float(value)
}

/// The YAML float syntax `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, checked by
/// hand: `str::parse::<f64>` would add its large tables to the WebAssembly bundle.
pub(crate) fn looks_like_float(value: &str) -> bool {
    let body = value.strip_prefix(['-', '+']).unwrap_or(value);
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (mantissa, None),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = digits(int)
        && frac.is_none_or(digits)
        && (!int.is_empty() || frac.is_some_and(|f| !f.is_empty()));
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    mantissa_ok && exponent_ok
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
/// A `key: value` of a mapping.
pub struct Pair {
    /// The key node.
    pub key: NodeId,
    /// The value node.
    pub value: NodeId,
}

#[derive(Debug, Clone, PartialEq)]
/// What a node is.
pub enum NodeKind {
    /// A scalar.
    Scalar(Scalar),
    /// A mapping's pairs, in order, repeated keys included.
    Mapping(Vec<Pair>),
    /// A list's items, in order.
    Sequence(Vec<NodeId>),
    /// `*name`: refers to the anchored node, never copied.
    Alias(NodeId),
}

#[derive(Debug, Clone, PartialEq)]
/// A node of the document.
pub struct Node {
    /// What it is.
    pub kind: NodeKind,
    /// The node's text: for a scalar its value as written (quotes included, anchor and
    /// tag excluded); for a container from its first to its last character.
    pub span: Span,
    /// `{...}` / `[...]` rather than block style.
    pub flow: bool,
}

/// A loaded YAML document. Construct with [`crate::yaml::load`].
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub(crate) nodes: Vec<Node>,
    pub(crate) root: Option<NodeId>,
}

impl Document {
    /// The root node; `None` for an empty document.
    pub fn root(&self) -> Option<NodeId> {
        self.root
    }

    /// The node `id` (not through aliases).
    pub fn node(&self, id: NodeId) -> Option<&Node> {
        self.nodes.get(id.0)
    }

    /// How many nodes.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Whether the document has no node.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Follows aliases (a bounded number of hops) to the node they name.
    pub fn resolve(&self, mut id: NodeId) -> Option<&Node> {
        for _ in 0..16 {
            let node = self.nodes.get(id.0)?;
            match node.kind {
                NodeKind::Alias(target) => id = target,
                _ => return Some(node),
            }
        }
        None
    }

    /// The id [`Self::resolve`] lands on.
    pub fn resolve_id(&self, mut id: NodeId) -> NodeId {
        for _ in 0..16 {
            match self.nodes.get(id.0).map(|n| &n.kind) {
                Some(NodeKind::Alias(target)) => id = *target,
                _ => return id,
            }
        }
        id
    }

    /// The scalar at `id` (through aliases).
    pub fn scalar(&self, id: NodeId) -> Option<&Scalar> {
        match &self.resolve(id)?.kind {
            NodeKind::Scalar(s) => Some(s),
            _ => None,
        }
    }

    /// The text of a scalar key (`None` for complex keys).
    pub fn key_str(&self, id: NodeId) -> Option<&str> {
        self.scalar(id).map(|s| s.value.as_str())
    }

    /// The pairs of a mapping (through aliases); empty for anything else.
    pub fn pairs(&self, id: NodeId) -> &[Pair] {
        match self.resolve(id).map(|n| &n.kind) {
            Some(NodeKind::Mapping(pairs)) => pairs,
            _ => &[],
        }
    }

    /// The items of a list (through aliases); empty for anything else.
    pub fn items(&self, id: NodeId) -> &[NodeId] {
        match self.resolve(id).map(|n| &n.kind) {
            Some(NodeKind::Sequence(items)) => items,
            _ => &[],
        }
    }

    /// Whether `id` is a mapping (through aliases).
    pub fn is_mapping(&self, id: NodeId) -> bool {
        matches!(
            self.resolve(id).map(|n| &n.kind),
            Some(NodeKind::Mapping(_))
        )
    }

    /// Whether `id` is a null scalar.
    pub fn is_null(&self, id: NodeId) -> bool {
        self.scalar(id)
            .is_some_and(|s| s.scalar_type() == ScalarType::Null)
    }

    /// The pair Helm keeps for `key`: the LAST one when a key is written twice.
    pub fn get(&self, map: NodeId, key: &str) -> Option<Pair> {
        self.pairs(map)
            .iter()
            .rev()
            .find(|p| self.key_str(p.key) == Some(key))
            .copied()
    }

    /// The node's span (empty for an unknown id).
    pub fn span(&self, id: NodeId) -> Span {
        self.nodes.get(id.0).map(|n| n.span).unwrap_or_default()
    }

    /// A short name for the node's type, for messages ("a mapping", "a list").
    pub fn describe(&self, id: NodeId) -> &'static str {
        match self.resolve(id).map(|n| &n.kind) {
            Some(NodeKind::Mapping(_)) => "a mapping",
            Some(NodeKind::Sequence(_)) => "a list",
            Some(NodeKind::Scalar(s)) => match s.scalar_type() {
                ScalarType::Null => "empty",
                ScalarType::Bool => "a boolean",
                ScalarType::Int | ScalarType::Float => "a number",
                ScalarType::Str => "a string",
            },
            Some(NodeKind::Alias(_)) | None => "an alias",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(v: &str) -> Scalar {
        Scalar {
            value: v.into(),
            style: ScalarStyle::Plain,
        }
    }

    #[test]
    fn plain_scalars_are_typed_like_helm() {
        assert_eq!(plain("").scalar_type(), ScalarType::Null);
        assert_eq!(plain("~").scalar_type(), ScalarType::Null);
        assert_eq!(plain("True").scalar_type(), ScalarType::Bool);
        assert_eq!(plain("587").scalar_type(), ScalarType::Int);
        assert_eq!(plain("1.5e3").scalar_type(), ScalarType::Float);
        assert_eq!(plain(".5").scalar_type(), ScalarType::Float);
        assert_eq!(plain("1e").scalar_type(), ScalarType::Str);
        assert_eq!(plain("1.2.3").scalar_type(), ScalarType::Str);
        assert_eq!(plain("/outputs").scalar_type(), ScalarType::Str);
        assert_eq!(plain("1-2").scalar_type(), ScalarType::Str);
        assert_eq!(plain("e").scalar_type(), ScalarType::Str);
    }

    #[test]
    fn quoted_scalars_are_strings() {
        let s = Scalar {
            value: "true".into(),
            style: ScalarStyle::DoubleQuoted,
        };
        assert_eq!(s.scalar_type(), ScalarType::Str);
        assert_eq!(s.as_bool(), None);
    }
}
