//! Text → [`Document`], with every limit enforced while the events stream in.
//!
//! The tree is built with an explicit stack (never recursion), so a 100,000-deep input
//! cannot overflow the 1 MiB wasm32 stack: the depth limit stops reading long before.

use saphyr_parser::{Event, Parser, ScalarStyle as SaphyrStyle, ScanError, Tag};

use super::tree::{
    decodes_as, Document, Node, NodeId, NodeKind, Pair, Scalar, ScalarStyle, ScalarType,
};
use crate::source::Span;

/// Bounds on the work one check may do. Over any of them: finding Y003.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Limits {
    /// Largest input accepted, in bytes.
    pub max_bytes: usize,
    /// Deepest nesting of mappings and lists.
    pub max_depth: usize,
    /// Most nodes (scalars, mappings, lists, aliases) in the document.
    pub max_nodes: usize,
    /// Most nodes the document would have if every alias were expanded (billion laughs).
    pub max_expanded_nodes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 5 * 1024 * 1024,
            max_depth: 64,
            max_nodes: 1_000_000,
            max_expanded_nodes: 2_000_000,
        }
    }
}

/// Why a text could not be loaded as one YAML mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// Not valid YAML (Y001).
    Syntax { message: String, span: Span },
    /// Over one of the [`Limits`] (Y003).
    Limit { message: String, span: Span },
    /// The root is a list or a scalar (Y004); `what` is "a list", "a string", ...
    RootNotMapping { what: &'static str, span: Span },
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Syntax { message, .. } => write!(f, "YAML syntax error: {message}"),
            LoadError::Limit { message, .. } => write!(f, "input over the limits: {message}"),
            LoadError::RootNotMapping { what, .. } => {
                write!(f, "the document root is {what}, not a mapping")
            }
        }
    }
}

impl std::error::Error for LoadError {}

/// Parses `text` into a [`Document`]. An empty (or comment-only) text gives an empty document.
pub fn load(text: &str, limits: &Limits) -> Result<Document, LoadError> {
    if text.len() > limits.max_bytes {
        return Err(LoadError::Limit {
            message: format!(
                "the file is {} bytes, over the limit of {} bytes",
                text.len(),
                limits.max_bytes
            ),
            span: Span::new(0, 0),
        });
    }
    // Template syntax is masked byte for byte: every span below is a span of `text`.
    let original = text;
    let masked = super::template::mask(text);
    let (text, masks) = match &masked {
        Some((masked, masks)) => (masked.as_str(), masks.clone()),
        None => (text, Vec::new()),
    };
    let mut builder = Builder::new(text, limits);
    builder.doc.masked = masks;
    let mut parser = Parser::new_from_str(text);
    while let Some(next) = parser.next_event() {
        match next {
            Ok((event, span)) => {
                let start = builder.offsets.byte(span.start.index());
                let end = builder.offsets.byte(span.end.index());
                builder.event(event, Span::new(start, end.max(start)))?;
                if builder.done {
                    break;
                }
            }
            Err(error) => return Err(builder.syntax_error(&error)),
        }
    }
    let mut doc = builder.finish()?;
    unmask_values(&mut doc, original);
    Ok(doc)
}

/// A masked `{{ ... }}` value was parsed as a quoted string with its outer braces turned
/// into quotes (`"{ .Values.bucket }"`); its value is what the user wrote, braces and all,
/// so that a card, the storage map or the migration that shows or carries it over says
/// `{{ .Values.bucket }}`, not a value with a brace missing on each side.
fn unmask_values(doc: &mut Document, original: &str) {
    let masked = &doc.masked;
    if masked.is_empty() {
        return;
    }
    for node in &mut doc.nodes {
        if let NodeKind::Scalar(scalar) = &mut node.kind {
            if super::template::is_masked_value(masked, node.span) {
                if let Some(written) = original.get(node.span.start..node.span.end) {
                    scalar.value = written.to_string();
                }
            }
        }
    }
}

/// Converts saphyr's character indexes into byte offsets without a table per character:
/// a checkpoint every 64 characters, then a short forward scan.
struct CharOffsets<'a> {
    text: &'a str,
    ascii: bool,
    checkpoints: Vec<usize>,
}

const CHECKPOINT_EVERY: usize = 64;

impl<'a> CharOffsets<'a> {
    fn new(text: &'a str) -> Self {
        let ascii = text.is_ascii();
        let checkpoints = if ascii {
            Vec::new()
        } else {
            text.char_indices()
                .step_by(CHECKPOINT_EVERY)
                .map(|(i, _)| i)
                .collect()
        };
        CharOffsets {
            text,
            ascii,
            checkpoints,
        }
    }

    fn byte(&self, char_index: usize) -> usize {
        if self.ascii {
            return char_index.min(self.text.len());
        }
        let Some(&base) = self.checkpoints.get(char_index / CHECKPOINT_EVERY) else {
            return self.text.len();
        };
        let rest = char_index % CHECKPOINT_EVERY;
        self.text
            .get(base..)
            .and_then(|tail| tail.char_indices().nth(rest))
            .map_or(self.text.len(), |(i, _)| base + i)
    }
}

enum Open {
    Mapping {
        id: NodeId,
        pairs: Vec<Pair>,
        key: Option<NodeId>,
    },
    Sequence {
        id: NodeId,
        items: Vec<NodeId>,
    },
}

impl Open {
    fn id(&self) -> NodeId {
        match self {
            Open::Mapping { id, .. } | Open::Sequence { id, .. } => *id,
        }
    }
}

struct Builder<'a> {
    text: &'a str,
    limits: &'a Limits,
    offsets: CharOffsets<'a>,
    doc: Document,
    stack: Vec<Open>,
    /// saphyr anchor id → node.
    anchors: Vec<Option<NodeId>>,
    /// Per node: its size with every alias expanded (saturating).
    expanded: Vec<u64>,
    total_expanded: u64,
    documents: usize,
    /// End of the last finished node: where a block scalar's `|`/`>` header is searched from.
    last_end: usize,
    done: bool,
}

impl<'a> Builder<'a> {
    fn new(text: &'a str, limits: &'a Limits) -> Self {
        Builder {
            text,
            limits,
            offsets: CharOffsets::new(text),
            doc: Document::default(),
            stack: Vec::new(),
            anchors: Vec::new(),
            expanded: Vec::new(),
            total_expanded: 0,
            documents: 0,
            last_end: 0,
            done: false,
        }
    }

    fn syntax_error(&self, error: &ScanError) -> LoadError {
        let at = self.offsets.byte(error.marker().index());
        let end = self.text[at..]
            .chars()
            .next()
            .map_or(at, |c| at + c.len_utf8());
        let span = Span::new(at, end);
        // saphyr's own guard against deep flow nesting: a limit, not a syntax error.
        if error.info().contains("recursion limit") {
            return LoadError::Limit {
                message: format!("nesting deeper than the parser allows ({})", error.info()),
                span,
            };
        }
        LoadError::Syntax {
            message: error.info().to_string(),
            span,
        }
    }

    fn event(&mut self, event: Event<'_>, span: Span) -> Result<(), LoadError> {
        match event {
            Event::DocumentStart(_) => self.documents += 1,
            // A second document that holds anything: Helm reads the first and drops the
            // rest, and so does this reader (Y004 says so). An empty one (a trailing `---`,
            // common in Kubernetes files) is harmless.
            Event::Scalar(ref value, SaphyrStyle::Plain, _, _)
                if self.documents > 1 && self.stack.is_empty() && value.is_empty() => {}
            Event::Scalar(..)
            | Event::Alias(_)
            | Event::MappingStart(..)
            | Event::SequenceStart(..)
                if self.documents > 1 =>
            {
                self.doc.dropped = Some(span);
                self.done = true;
            }
            Event::Scalar(value, style, anchor, tag) => {
                let style = convert_style(style);
                let span = self.scalar_span(span, style);
                let tag = tag.map(|t| tag_type(&t));
                if let Some(t) = tag.filter(|t| *t != ScalarType::Str && !decodes_as(&value, *t)) {
                    return Err(LoadError::Syntax {
                        message: format!("Helm cannot read `{value}` as a {}", type_name(t)),
                        span,
                    });
                }
                let id = self.push_node(
                    NodeKind::Scalar(Scalar {
                        value: value.into_owned(),
                        style,
                        tag,
                    }),
                    span,
                    false,
                )?;
                self.expanded.push(1);
                self.register_anchor(anchor, id);
                self.attach(id)?;
            }
            Event::Alias(anchor) => {
                let target = self.anchors.get(anchor).copied().flatten();
                let Some(target) = target else {
                    return Err(LoadError::Syntax {
                        message: "alias to an anchor that is not defined yet".into(),
                        span,
                    });
                };
                // An alias to a node still open (its own ancestor) would expand forever.
                let size = if self.stack.iter().any(|o| o.id() == target) {
                    u64::MAX
                } else {
                    self.expanded.get(target.0).copied().unwrap_or(1)
                };
                let id = self.push_node(NodeKind::Alias(target), span, false)?;
                self.expanded.push(size);
                self.attach(id)?;
            }
            Event::MappingStart(anchor, _) | Event::SequenceStart(anchor, _) => {
                let is_map = matches!(event, Event::MappingStart(..));
                if self.stack.len() >= self.limits.max_depth {
                    return Err(LoadError::Limit {
                        message: format!("nesting deeper than {} levels", self.limits.max_depth),
                        span,
                    });
                }
                // saphyr's span starts at an `&anchor` or `!tag`: the collection starts after
                // them (on the next line for a block one).
                let start = after_properties(self.text, span.start, true);
                let flow = matches!(self.text.as_bytes().get(start), Some(b'{' | b'['));
                let kind = if is_map {
                    NodeKind::Mapping(Vec::new())
                } else {
                    NodeKind::Sequence(Vec::new())
                };
                let id = self.push_node(kind, Span::empty(start), flow)?;
                self.expanded.push(1);
                self.register_anchor(anchor, id);
                self.stack.push(if is_map {
                    Open::Mapping {
                        id,
                        pairs: Vec::new(),
                        key: None,
                    }
                } else {
                    Open::Sequence {
                        id,
                        items: Vec::new(),
                    }
                });
            }
            Event::MappingEnd | Event::SequenceEnd => self.close(span)?,
            Event::DocumentEnd => {
                // Keep reading: a second document after this one is Y004.
            }
            Event::StreamEnd => self.done = true,
            Event::StreamStart | Event::Nothing => {}
        }
        Ok(())
    }

    fn push_node(&mut self, kind: NodeKind, span: Span, flow: bool) -> Result<NodeId, LoadError> {
        if self.doc.nodes.len() >= self.limits.max_nodes {
            return Err(LoadError::Limit {
                message: format!("more than {} YAML nodes", self.limits.max_nodes),
                span,
            });
        }
        self.doc.nodes.push(Node { kind, span, flow });
        Ok(NodeId(self.doc.nodes.len() - 1))
    }

    fn register_anchor(&mut self, anchor: usize, id: NodeId) {
        if anchor == 0 {
            return;
        }
        if self.anchors.len() <= anchor {
            self.anchors.resize(anchor + 1, None);
        }
        if let Some(slot) = self.anchors.get_mut(anchor) {
            *slot = Some(id);
        }
    }

    /// Adds a finished node to the open container (or makes it the root).
    fn attach(&mut self, id: NodeId) -> Result<(), LoadError> {
        let size = self.expanded.get(id.0).copied().unwrap_or(1);
        let end = self.doc.span(id).end;
        self.last_end = self.last_end.max(end);
        match self.stack.last_mut() {
            None => {
                self.total_expanded = self.total_expanded.saturating_add(size);
                self.doc.root = Some(id);
            }
            Some(Open::Mapping { pairs, key, .. }) => match key.take() {
                None => {
                    helm_key(&mut self.doc, id)?;
                    *key = Some(id);
                }
                Some(k) => {
                    helm_value(&self.doc, id)?;
                    pairs.push(Pair { key: k, value: id });
                }
            },
            Some(Open::Sequence { items, .. }) => {
                helm_value(&self.doc, id)?;
                items.push(id);
            }
        }
        // Account the child's expanded size to its parent as it arrives, so a bomb is
        // caught at the first level that crosses the limit.
        if let Some(parent) = self.stack.last().map(Open::id) {
            if let Some(total) = self.expanded.get_mut(parent.0) {
                *total = total.saturating_add(size);
                if *total > self.limits.max_expanded_nodes {
                    return Err(LoadError::Limit {
                        message: format!(
                            "aliases expand to more than {} nodes (an alias bomb?)",
                            self.limits.max_expanded_nodes
                        ),
                        span: self.doc.span(id),
                    });
                }
            }
        }
        Ok(())
    }

    fn close(&mut self, end_span: Span) -> Result<(), LoadError> {
        let Some(open) = self.stack.pop() else {
            return Ok(());
        };
        let (id, kind, last_child) = match open {
            Open::Mapping { id, mut pairs, key } => {
                // A key with no value event cannot happen with saphyr, but never lose one.
                if let Some(k) = key {
                    pairs.push(Pair { key: k, value: k });
                }
                let last = pairs.last().map(|p| p.value);
                (id, NodeKind::Mapping(pairs), last)
            }
            Open::Sequence { id, items } => {
                let last = items.last().copied();
                (id, NodeKind::Sequence(items), last)
            }
        };
        let flow = self.doc.nodes.get(id.0).is_some_and(|n| n.flow);
        let child_end = last_child.map(|c| self.doc.span(c).end);
        if let Some(node) = self.doc.nodes.get_mut(id.0) {
            let end = if flow {
                // The end event's span runs on past the bracket (over a comment after it).
                match self.text.as_bytes().get(end_span.start) {
                    Some(b'}' | b']') => end_span.start + 1,
                    _ => end_span.end,
                }
            } else {
                child_end.unwrap_or(node.span.start)
            };
            node.span.end = end.max(node.span.start);
            node.kind = kind;
        }
        self.attach(id)
    }

    /// saphyr's scalar spans include anchors/tags, and for quoted scalars can run past the
    /// closing quote; recompute them from the text so edits replace exactly the value.
    fn scalar_span(&self, raw: Span, style: ScalarStyle) -> Span {
        let text = self.text;
        let mut start = after_properties(text, raw.start, false);
        let bytes = text.as_bytes();
        let end = match style {
            ScalarStyle::DoubleQuoted => closing_double_quote(bytes, start),
            ScalarStyle::SingleQuoted => closing_single_quote(bytes, start),
            ScalarStyle::Plain => {
                let end = raw.end.clamp(start, text.len());
                start + text[start..end].trim_end().len()
            }
            ScalarStyle::Literal | ScalarStyle::Folded => {
                // The span starts at the content; the value begins at its `|`/`>` header.
                let from = self.last_end.min(start);
                if let Some(h) = text[from..start].find(['|', '>']) {
                    start = from + h;
                }
                let end = raw.end.clamp(start, text.len());
                start + text[start..end].trim_end().len()
            }
        };
        Span::new(start, end.clamp(start, text.len()))
    }

    fn finish(mut self) -> Result<Document, LoadError> {
        if !self.stack.is_empty() {
            return Err(LoadError::Syntax {
                message: "unexpected end of input".into(),
                span: Span::empty(self.text.len()),
            });
        }
        if let Some(root) = self.doc.root {
            let node = self.doc.resolve(root);
            match node.map(|n| &n.kind) {
                Some(NodeKind::Mapping(_)) => {}
                Some(NodeKind::Scalar(s)) if s.is_empty() => self.doc.root = None,
                _ => {
                    return Err(LoadError::RootNotMapping {
                        what: self.doc.describe(root),
                        span: self.doc.span(root),
                    })
                }
            }
        }
        Ok(self.doc)
    }
}

/// The offset past the `&anchor` and `!tag` properties at `start` (and the spaces after
/// them). For a block collection (`block`), properties that end their line are followed, past
/// a comment and blank lines, to the collection's first key or item.
fn after_properties(text: &str, start: usize, block: bool) -> usize {
    let mut at = start.min(text.len());
    let mut skipped = false;
    while let Some(c) = text.as_bytes().get(at) {
        if *c != b'&' && *c != b'!' {
            break;
        }
        let rest = &text[at..];
        let word = rest.find([' ', '\t', '\n', '\r']).unwrap_or(rest.len());
        let after = &rest[word..];
        let spaces = after.len() - after.trim_start_matches([' ', '\t']).len();
        at += word + spaces;
        skipped = true;
    }
    if block && skipped {
        loop {
            let rest = &text[at..];
            match rest.as_bytes().first() {
                Some(b'#') => at += rest.find('\n').unwrap_or(rest.len()),
                Some(b' ' | b'\t' | b'\r' | b'\n') => at += 1,
                _ => break,
            }
        }
    }
    at
}

/// The type a tag gives a scalar: go-yaml decodes the core schema's `!!bool`, `!!int`,
/// `!!float` and `!!null`; `!!str` and every other tag (`!!binary`, `!custom`) make a string.
fn tag_type(tag: &Tag) -> ScalarType {
    match tag.suffix.as_str() {
        "bool" if tag.is_yaml_core_schema() => ScalarType::Bool,
        "int" if tag.is_yaml_core_schema() => ScalarType::Int,
        "float" if tag.is_yaml_core_schema() => ScalarType::Float,
        "null" if tag.is_yaml_core_schema() => ScalarType::Null,
        _ => ScalarType::Str,
    }
}

fn type_name(ty: ScalarType) -> &'static str {
    match ty {
        ScalarType::Bool => "boolean",
        ScalarType::Int => "integer",
        ScalarType::Float => "float",
        ScalarType::Null => "null",
        ScalarType::Str => "string",
    }
}

/// A mapping key as Helm reads it: sigs.k8s.io/yaml turns a boolean key into the string
/// `"true"`/`"false"` (`yes:` is the entry `true`), and refuses a null, list or mapping key
/// ("invalid map key"): the whole file is then refused.
fn helm_key(doc: &mut Document, id: NodeId) -> Result<(), LoadError> {
    let span = doc.span(id);
    let Some(node) = doc.nodes.get_mut(id.0) else {
        return Ok(());
    };
    let what = match &mut node.kind {
        NodeKind::Scalar(s) => match s.scalar_type() {
            ScalarType::Bool => {
                s.value = s.as_bool().unwrap_or_default().to_string();
                return Ok(());
            }
            ScalarType::Null => "an empty (null) key",
            _ => return Ok(()),
        },
        NodeKind::Mapping(_) => "a mapping as a key",
        NodeKind::Sequence(_) => "a list as a key",
        NodeKind::Alias(_) => return Ok(()),
    };
    Err(LoadError::Syntax {
        message: format!(
            "Helm refuses {what} (\"invalid map key\"): quote the key, or write it as a plain name"
        ),
        span,
    })
}

/// A value as Helm reads it: sigs.k8s.io/yaml converts the file to JSON, which has no NaN
/// nor infinity, so `.nan` or `-.inf` (a float to YAML 1.1) refuses the whole file.
fn helm_value(doc: &Document, id: NodeId) -> Result<(), LoadError> {
    let Some(NodeKind::Scalar(s)) = doc.node(id).map(|n| &n.kind) else {
        return Ok(());
    };
    let body = s.value.trim_start_matches(['-', '+']).to_ascii_lowercase();
    if s.scalar_type() != ScalarType::Float || !(body == ".nan" || body == ".inf") {
        return Ok(());
    }
    Err(LoadError::Syntax {
        message: format!(
            "Helm refuses the file: `{}` is a float JSON cannot hold (\"json: unsupported value\"); quote it, `'{}'`",
            s.value, s.value
        ),
        span: doc.span(id),
    })
}

fn convert_style(style: SaphyrStyle) -> ScalarStyle {
    match style {
        SaphyrStyle::SingleQuoted => ScalarStyle::SingleQuoted,
        SaphyrStyle::DoubleQuoted => ScalarStyle::DoubleQuoted,
        SaphyrStyle::Literal => ScalarStyle::Literal,
        SaphyrStyle::Folded => ScalarStyle::Folded,
        _ => ScalarStyle::Plain,
    }
}

/// End (exclusive) of a `"..."` scalar starting at `start`.
fn closing_double_quote(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// End (exclusive) of a `'...'` scalar starting at `start` (`''` is an escaped quote).
fn closing_single_quote(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while let Some(&b) = bytes.get(i) {
        if b == b'\'' {
            if bytes.get(i + 1) == Some(&b'\'') {
                i += 2;
                continue;
            }
            return i + 1;
        }
        i += 1;
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        load(text, &Limits::default()).expect("loads")
    }

    fn value_text<'t>(text: &'t str, d: &Document, key: &str) -> &'t str {
        let root = d.root().unwrap();
        let pair = d.get(root, key).unwrap();
        &text[d.span(pair.value).start..d.span(pair.value).end]
    }

    #[test]
    fn scalar_spans_cover_exactly_the_value() {
        let text = "a: \"/x\" # c\nb: 'it''s'   \nc: &anc plain  # c\nd: |\n  lit\ne: x\n";
        let d = doc(text);
        assert_eq!(value_text(text, &d, "a"), "\"/x\"");
        assert_eq!(value_text(text, &d, "b"), "'it''s'");
        assert_eq!(value_text(text, &d, "c"), "plain");
        assert_eq!(value_text(text, &d, "d"), "|\n  lit");
    }

    #[test]
    fn spans_are_bytes_in_multibyte_text() {
        let text = "é: ü\nkey: välue\n";
        let d = doc(text);
        assert_eq!(value_text(text, &d, "key"), "välue");
    }

    #[test]
    fn duplicate_keys_are_kept_and_last_wins() {
        let text = "a: 1\na: 2\n";
        let d = doc(text);
        let root = d.root().unwrap();
        assert_eq!(d.pairs(root).len(), 2);
        assert_eq!(value_text(text, &d, "a"), "2");
    }

    #[test]
    fn flow_containers_span_their_brackets() {
        let text = "outputs: {}\nlist: [1, 2]\n";
        let d = doc(text);
        assert_eq!(value_text(text, &d, "outputs"), "{}");
        assert_eq!(value_text(text, &d, "list"), "[1, 2]");
    }

    #[test]
    fn block_mapping_span_ends_at_last_value() {
        let text = "p:\n  a: 1\n  b: 2\n# tail\n";
        let d = doc(text);
        assert_eq!(value_text(text, &d, "p"), "a: 1\n  b: 2");
    }

    #[test]
    fn empty_text_is_an_empty_document() {
        assert_eq!(doc("").root(), None);
        assert_eq!(doc("# only a comment\n").root(), None);
    }

    #[test]
    fn syntax_errors_carry_a_position() {
        let text = "a: [1, 2\nb: c\n";
        match load(text, &Limits::default()) {
            Err(LoadError::Syntax { span, .. }) => assert!(span.start > 0),
            other => panic!("expected a syntax error, got {other:?}"),
        }
    }

    #[test]
    fn limits_are_enforced() {
        let limits = Limits {
            max_bytes: 10,
            ..Limits::default()
        };
        assert!(matches!(
            load("a: 123456789", &limits),
            Err(LoadError::Limit { .. })
        ));
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        assert!(matches!(
            load(&deep, &Limits::default()),
            Err(LoadError::Limit { .. })
        ));
    }

    #[test]
    fn alias_bombs_are_stopped() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let prev = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"
            ));
        }
        assert!(matches!(
            load(&text, &Limits::default()),
            Err(LoadError::Limit { .. })
        ));
    }

    #[test]
    fn a_second_document_is_dropped_and_non_mapping_roots_are_refused() {
        // As Helm: the first document is the values; the second is not read at all.
        let text = "a: 1\n---\nb: [\n";
        let d = load(text, &Limits::default()).expect("the first document");
        assert_eq!(
            d.dropped_document().map(|s| &text[s.start..]),
            Some("b: [\n")
        );
        assert!(d.get(d.root().unwrap(), "a").is_some());
        let trailing = load("a: 1\n---\n", &Limits::default()).expect("loads");
        assert_eq!(trailing.dropped_document(), None);
        assert!(matches!(
            load("- a\n- b\n", &Limits::default()),
            Err(LoadError::RootNotMapping { what: "a list", .. })
        ));
    }
}
