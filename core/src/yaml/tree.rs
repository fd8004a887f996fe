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
    /// The type a `!!str`, `!!bool`, `!!int`, `!!float` or `!!null` tag forces (any other tag
    /// makes a string, as in go-yaml); checked against the value when loading.
    pub tag: Option<ScalarType>,
}

/// Which parser reads the file. Both follow YAML 1.1, not quite alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// Helm: sigs.k8s.io/yaml over go-yaml v2 (what the chart's templates see).
    Helm,
    /// PyYAML's `safe_load` (what polyaxon-deploy's and Polyaxon 2.x's deploy checks see).
    PyYaml,
}

impl Scalar {
    /// How Helm reads this scalar: only plain scalars are typed, quoted ones are strings.
    pub fn scalar_type(&self) -> ScalarType {
        self.type_for(Reader::Helm)
    }

    /// How `reader` reads this scalar.
    pub fn type_for(&self, reader: Reader) -> ScalarType {
        if let Some(tag) = self.tag {
            return tag;
        }
        if self.style != ScalarStyle::Plain {
            return ScalarType::Str;
        }
        resolve_plain(&self.value, reader)
    }

    /// Null and the empty string both count as "absent", as Helm treats them.
    pub fn is_empty(&self) -> bool {
        self.scalar_type() == ScalarType::Null || self.value.is_empty()
    }

    /// Its boolean value, when Helm reads it as a boolean (`yes`, `On`, `y` included).
    pub fn as_bool(&self) -> Option<bool> {
        (self.scalar_type() == ScalarType::Bool).then(|| is_true_word(&self.value))
    }
}

/// The words YAML 1.1 reads as true (go-yaml v2's table; PyYAML's lacks `y`/`Y`).
fn is_true_word(value: &str) -> bool {
    matches!(
        value,
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON"
    )
}

/// Whether go-yaml can decode `value` (its text, quoted or not) as `tag`: `!!bool "true"`
/// is a boolean, `!!float 1` a float, `!!int "x"` an error that refuses the file.
pub(crate) fn decodes_as(value: &str, tag: ScalarType) -> bool {
    let plain = resolve_plain(value, Reader::Helm);
    plain == tag || (tag == ScalarType::Float && plain == ScalarType::Int)
}

/// The plain scalar `value` as `reader` resolves it (YAML 1.1: go-yaml v2's `resolve`,
/// PyYAML's `Resolver`), for what the storage rules need: null, booleans, numbers.
fn resolve_plain(value: &str, reader: Reader) -> ScalarType {
    let short_bool = matches!(value, "y" | "Y" | "n" | "N");
    // Every number starts, after its sign, with a digit or a dot (PyYAML drops `_` from a
    // float first): a key such as `team-0-label-0` is a string without parsing it twice.
    let body = value.strip_prefix(['-', '+']).unwrap_or(value);
    let numeric = matches!(body.as_bytes().first(), Some(b'0'..=b'9' | b'.' | b'_'));
    match value {
        "" | "~" | "null" | "Null" | "NULL" => ScalarType::Null,
        _ if short_bool => match reader {
            Reader::Helm => ScalarType::Bool,
            Reader::PyYaml => ScalarType::Str,
        },
        "yes" | "Yes" | "YES" | "no" | "No" | "NO" | "true" | "True" | "TRUE" | "false"
        | "False" | "FALSE" | "on" | "On" | "ON" | "off" | "Off" | "OFF" => ScalarType::Bool,
        _ if !numeric => ScalarType::Str,
        _ if is_int(value, reader) => ScalarType::Int,
        _ if is_float(value, reader) => ScalarType::Float,
        _ => ScalarType::Str,
    }
}

/// YAML 1.1 integers: decimal, `0b` binary, `0x` hex, a leading `0` for octal (`0644` is
/// 420), `_` as a separator. Go's `ParseInt(_, 0, _)` also takes `0o`; PyYAML also takes
/// base 60 (`1:30` is 90).
fn is_int(value: &str, reader: Reader) -> bool {
    let body = value.strip_prefix(['-', '+']).unwrap_or(value);
    let digits_in = |s: &str, ok: fn(u8) -> bool| {
        !s.is_empty() && s.bytes().any(|b| b != b'_') && s.bytes().all(|b| b == b'_' || ok(b))
    };
    let decimal = |s: &str| digits_in(s, |b| b.is_ascii_digit());
    // Go's ParseInt takes the prefixes in either case; PyYAML only lowercase `0x`/`0b`.
    let prefix = |lower: &str, upper: &str| {
        body.strip_prefix(lower)
            .or_else(|| body.strip_prefix(upper).filter(|_| reader == Reader::Helm))
    };
    if let Some(hex) = prefix("0x", "0X") {
        return digits_in(hex, |b| b.is_ascii_hexdigit());
    }
    if let Some(bin) = prefix("0b", "0B") {
        return digits_in(bin, |b| b == b'0' || b == b'1');
    }
    if let Some(oct) = prefix("0o", "0O") {
        return reader == Reader::Helm && digits_in(oct, |b| (b'0'..=b'7').contains(&b));
    }
    if body.len() > 1 && body.starts_with('0') {
        return digits_in(&body[1..], |b| (b'0'..=b'7').contains(&b));
    }
    if reader == Reader::PyYaml && body.contains(':') {
        // Base 60: `[1-9][0-9_]*(:[0-5]?[0-9])+`.
        let mut parts = body.split(':');
        let head = parts.next().unwrap_or("");
        return head.starts_with(|c: char| ('1'..='9').contains(&c))
            && decimal(head)
            && parts.all(|p| {
                (1..=2).contains(&p.len())
                    && p.bytes().all(|b| b.is_ascii_digit())
                    && (p.len() == 1 || p.as_bytes()[0] <= b'5')
            });
    }
    decimal(body) && !body.starts_with('_')
}

fn is_float(value: &str, reader: Reader) -> bool {
    if matches!(
        value,
        ".inf"
            | ".Inf"
            | ".INF"
            | "-.inf"
            | "+.inf"
            | "-.Inf"
            | "+.Inf"
            | "-.INF"
            | "+.INF"
            | ".nan"
            | ".NaN"
            | ".NAN"
    ) {
        return true;
    }
    match reader {
        Reader::Helm => looks_like_float(value),
        // PyYAML's float needs a dot (`1e3` is a string to it) and allows `_`.
        Reader::PyYaml => value.contains('.') && looks_like_float(&value.replace('_', "")),
    }
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
    /// Template syntax masked before parsing (see [`crate::yaml::template`]).
    pub(crate) masked: Vec<super::template::Masked>,
    /// Where a second document starts: this reads only the first (as Helm 3; Helm 4 merges
    /// them, Polyaxon's deploy check refuses the file: Y004).
    pub(crate) dropped: Option<Span>,
}

impl Document {
    /// Where a second YAML document starts, if the file has one that holds anything: only the
    /// first is read (as Helm 3 does; Helm 4 merges them), so that one was not (Y004).
    pub fn dropped_document(&self) -> Option<Span> {
        self.dropped
    }

    /// The spans of the nodes an alias refers to (`&base {...}` of `*base` or `<<: *base`):
    /// an edit there changes every place that uses them.
    pub fn aliased_spans(&self) -> Vec<Span> {
        self.nodes
            .iter()
            .filter_map(|n| match n.kind {
                NodeKind::Alias(target) => Some(self.span(target)),
                _ => None,
            })
            .collect()
    }

    /// The template syntax that was masked before parsing, in file order.
    pub fn masked(&self) -> &[super::template::Masked] {
        &self.masked
    }

    /// Whether `id` is a value written as one unquoted `{{ ... }}` (masked before parsing;
    /// its scalar value is the template as written).
    pub fn is_template_value(&self, id: NodeId) -> bool {
        super::template::is_masked_value(&self.masked, self.span(id))
    }

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

    /// Whether `id` is a list (through aliases).
    pub fn is_sequence(&self, id: NodeId) -> bool {
        matches!(
            self.resolve(id).map(|n| &n.kind),
            Some(NodeKind::Sequence(_))
        )
    }

    /// Whether `id` is a null scalar.
    pub fn is_null(&self, id: NodeId) -> bool {
        self.scalar(id)
            .is_some_and(|s| s.scalar_type() == ScalarType::Null)
    }

    /// The pair Helm keeps for `key`: the LAST one when a key is written twice. A key a
    /// YAML merge brings (`<<: *base`) counts where its `<<` is written, as in
    /// [`Self::merged_pairs`]: so a v1+ connection written `<<: *base` has its base's `kind`.
    pub fn get(&self, map: NodeId, key: &str) -> Option<Pair> {
        self.get_merged(map, key, 0)
    }

    fn get_merged(&self, map: NodeId, key: &str, depth: usize) -> Option<Pair> {
        for pair in self.pairs(map).iter().rev() {
            match self.key_str(pair.key) {
                Some(k) if k == key => return Some(*pair),
                // Merges of merges, boundedly (an anchor cannot hold itself, but a bound
                // costs nothing).
                Some("<<") if depth < 32 => {
                    let found = if self.is_mapping(pair.value) {
                        self.get_merged(pair.value, key, depth + 1)
                    } else {
                        // Of a list of mappings, the first one that has the key wins.
                        self.items(pair.value)
                            .iter()
                            .find_map(|source| self.get_merged(*source, key, depth + 1))
                    };
                    if found.is_some() {
                        return found;
                    }
                }
                _ => {}
            }
        }
        None
    }

    /// The pairs of a mapping with YAML merge keys (`<<: *base`) expanded in place, as
    /// go-yaml v2 does (checked with Helm's values_from_yaml): with the last pair winning, a
    /// merged key loses to the mapping's own keys after the `<<` and wins over those before
    /// it; of a list of mappings, the first one wins.
    pub fn merged_pairs(&self, map: NodeId) -> Vec<Pair> {
        let mut out = Vec::new();
        for pair in self.pairs(map) {
            if self.key_str(pair.key) == Some("<<") {
                let sources: Vec<NodeId> = if self.is_mapping(pair.value) {
                    vec![pair.value]
                } else {
                    self.items(pair.value).iter().rev().copied().collect()
                };
                for source in sources {
                    out.extend(self.pairs(source).iter().copied());
                }
            } else {
                out.push(*pair);
            }
        }
        out
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
            tag: None,
        }
    }

    /// `get` sees what a merge brings, as `merged_pairs` lays it out (go-yaml v2's order):
    /// own keys after `<<` win, the merge wins over own keys before it, and of a list of
    /// mappings the first that has the key.
    #[test]
    fn get_follows_merge_keys_where_they_are_written() {
        let text = "a: &a {kind: s3, x: 1}\nb: &b {kind: gcs, w: 2}\nm:\n  kind: before\n  <<: [*a, *b]\n  x: after\n";
        let doc = crate::yaml::load(text, &crate::yaml::Limits::default()).expect("loads");
        let root = doc.root().expect("a root");
        let m = doc.get(root, "m").expect("m").value;
        let value = |key: &str| {
            doc.get(m, key)
                .and_then(|p| doc.scalar(p.value))
                .map(|s| s.value.clone())
        };
        assert_eq!(value("kind").as_deref(), Some("s3"));
        assert_eq!(value("x").as_deref(), Some("after"));
        assert_eq!(value("w").as_deref(), Some("2"));
        assert_eq!(value("z"), None);
        let merged: Vec<_> = doc
            .merged_pairs(m)
            .iter()
            .filter_map(|p| doc.key_str(p.key))
            .collect();
        assert_eq!(merged, ["kind", "kind", "w", "kind", "x", "x"]);
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

    /// (plain scalar, what Helm reads, what PyYAML reads), case by case.
    const TABLE: &[(&str, ScalarType, ScalarType)] = &[
        ("", ScalarType::Null, ScalarType::Null),
        ("~", ScalarType::Null, ScalarType::Null),
        ("NULL", ScalarType::Null, ScalarType::Null),
        ("true", ScalarType::Bool, ScalarType::Bool),
        ("False", ScalarType::Bool, ScalarType::Bool),
        ("yes", ScalarType::Bool, ScalarType::Bool),
        ("No", ScalarType::Bool, ScalarType::Bool),
        ("ON", ScalarType::Bool, ScalarType::Bool),
        ("off", ScalarType::Bool, ScalarType::Bool),
        ("y", ScalarType::Bool, ScalarType::Str),
        ("N", ScalarType::Bool, ScalarType::Str),
        ("yES", ScalarType::Str, ScalarType::Str),
        ("0644", ScalarType::Int, ScalarType::Int),
        ("0o644", ScalarType::Int, ScalarType::Str),
        ("0x1F", ScalarType::Int, ScalarType::Int),
        ("0X1F", ScalarType::Int, ScalarType::Str),
        ("0B1", ScalarType::Int, ScalarType::Str),
        ("0b101", ScalarType::Int, ScalarType::Int),
        ("1_000", ScalarType::Int, ScalarType::Int),
        ("-42", ScalarType::Int, ScalarType::Int),
        ("0", ScalarType::Int, ScalarType::Int),
        ("089", ScalarType::Float, ScalarType::Str),
        ("1:30", ScalarType::Str, ScalarType::Int),
        ("1.5", ScalarType::Float, ScalarType::Float),
        ("1e3", ScalarType::Float, ScalarType::Str),
        (".inf", ScalarType::Float, ScalarType::Float),
        ("/outputs", ScalarType::Str, ScalarType::Str),
        ("s3://bucket", ScalarType::Str, ScalarType::Str),
        ("outputs-pvc", ScalarType::Str, ScalarType::Str),
        ("team-0-label-0", ScalarType::Str, ScalarType::Str),
        ("+1", ScalarType::Int, ScalarType::Int),
        ("-.inf", ScalarType::Float, ScalarType::Float),
        ("_1.5", ScalarType::Str, ScalarType::Float),
    ];

    #[test]
    fn plain_scalars_resolve_as_helm_and_pyyaml_read_them() {
        for (value, helm, pyyaml) in TABLE {
            assert_eq!(
                plain(value).type_for(Reader::Helm),
                *helm,
                "Helm: `{value}`"
            );
            assert_eq!(
                plain(value).type_for(Reader::PyYaml),
                *pyyaml,
                "PyYAML: `{value}`"
            );
        }
        assert_eq!(plain("yes").as_bool(), Some(true));
        assert_eq!(plain("Off").as_bool(), Some(false));
        assert_eq!(plain("y").as_bool(), Some(true));
        assert_eq!(plain("maybe").as_bool(), None);
    }

    #[test]
    fn quoted_scalars_are_strings() {
        let s = Scalar {
            value: "true".into(),
            style: ScalarStyle::DoubleQuoted,
            tag: None,
        };
        assert_eq!(s.scalar_type(), ScalarType::Str);
        assert_eq!(s.as_bool(), None);
    }
}
