//! Helm's `--set`, `--set-string`, `--set-json` and `--set-file`: a port of `strvals`
//! (helm v4.2.3 `pkg/strvals/parser.go`, `ParseInto`, `ParseIntoString`, `ParseJSON`,
//! `ParseIntoFile`), parsing straight into the values merged so far, as `helm` does: a
//! `--set a[1].b=x` changes the second item of the list the files wrote, keeping its other
//! keys. Every value and key keeps its bytes in the argument, for the findings.
//!
//! Typing as Helm's `typedVal`: `true`/`false`/`null` in any case, `0`, and integers not
//! starting with `0` are typed; everything else (`yes`, `1.5`, `0644`) is a string.

use super::merge::Shadow;
use super::set::{ReadFile, SetFlag};
use super::tree::{Entry, Leaf, Node, Origin, Value};
use crate::source::Span;

/// Helm's limits (`MaxIndex`, `MaxNestedNameLevel`).
const MAX_INDEX: usize = 65_536;
const MAX_NESTED_NAME_LEVEL: usize = 30;
/// Ours, for `[i]` after `[i]` (Helm has none): as deep as the loader lets a file nest.
const MAX_LIST_NESTING: usize = 64;

/// Parses `expr` into `root` (a mapping, made one if it is not), as the layer `layer`.
pub(crate) fn parse_into<'t>(
    expr: &str,
    flag: SetFlag,
    layer: usize,
    root: &mut Vec<Entry<'t>>,
    read_file: Option<ReadFile<'_>>,
    shadows: &mut Vec<Shadow>,
) -> Result<(), String> {
    let mut parser = Parser {
        chars: expr.char_indices().collect(),
        text: expr,
        at: 0,
        flag,
        layer,
        read_file,
        shadows,
        lists: 0,
    };
    loop {
        match parser.key(root, 0) {
            Ok(()) => {}
            Err(Stop::End) => return Ok(()),
            Err(Stop::Error(e)) => return Err(e),
        }
    }
}

enum Stop {
    /// The argument is used up (Go's `io.EOF`).
    End,
    Error(String),
}

fn error<T>(message: impl Into<String>) -> Result<T, Stop> {
    Err(Stop::Error(message.into()))
}

/// Runes read up to a stop rune: their text (escapes taken), their bytes, the stop rune
/// (`None` at the end).
struct Run {
    text: String,
    span: Span,
    last: Option<char>,
}

struct Parser<'a> {
    chars: Vec<(usize, char)>,
    text: &'a str,
    at: usize,
    flag: SetFlag,
    layer: usize,
    read_file: Option<ReadFile<'a>>,
    shadows: &'a mut Vec<Shadow>,
    /// How many `[i]` deep the parse is.
    lists: usize,
}

impl Parser<'_> {
    fn offset(&self) -> usize {
        self.chars.get(self.at).map_or(self.text.len(), |c| c.0)
    }

    fn origin(&self, span: Span) -> Origin {
        Origin {
            layer: self.layer,
            span,
        }
    }

    /// Go's `runesUntil`: up to one of `stop`, `\` taking the next rune as it is.
    fn until(&mut self, stop: &[char]) -> Run {
        let start = self.offset();
        let mut text = String::new();
        loop {
            let end = self.offset();
            let Some(&(_, c)) = self.chars.get(self.at) else {
                return Run {
                    text,
                    span: Span { start, end },
                    last: None,
                };
            };
            self.at += 1;
            if stop.contains(&c) {
                return Run {
                    text,
                    span: Span { start, end },
                    last: Some(c),
                };
            }
            if c == '\\' {
                match self.chars.get(self.at) {
                    Some(&(_, next)) => {
                        self.at += 1;
                        text.push(next);
                    }
                    None => {
                        return Run {
                            text,
                            span: Span {
                                start,
                                end: self.offset(),
                            },
                            last: None,
                        }
                    }
                }
            } else {
                text.push(c);
            }
        }
    }

    fn key<'t>(&mut self, data: &mut Vec<Entry<'t>>, level: usize) -> Result<(), Stop> {
        let run = self.until(&['=', '[', ',', '.']);
        let key_origin = self.origin(run.span);
        match run.last {
            None if run.text.is_empty() => Err(Stop::End),
            None => error(format!("key {:?} has no value", run.text)),
            Some('[') => {
                let index = self.index()?;
                let (list, origin) = match take(data, &run.text) {
                    None => (Vec::new(), key_origin),
                    Some(Node {
                        value: Value::List(items),
                        origin,
                    }) => (items, origin),
                    Some(_) => {
                        return error(format!(
                            "unable to parse key: `{}` is not a list in the values",
                            run.text
                        ))
                    }
                };
                let result = self.list_item(list, index, level);
                let (list, outcome) = match result {
                    Ok(list) => (list, Ok(())),
                    Err((list, stop)) => (list, Err(stop)),
                };
                put(data, &run.text, key_origin, list_node(list, origin));
                outcome
            }
            Some('=') => {
                let node = self.value()?;
                match node {
                    Some(node) => self.set(data, &run.text, key_origin, node),
                    None => {
                        // `key=` at the end: the empty string.
                        let node = self.leaf(Leaf::string(""), Span::empty(self.offset()));
                        self.set(data, &run.text, key_origin, node);
                        return Err(Stop::End);
                    }
                }
                Ok(())
            }
            Some(',') => {
                let node = self.leaf(Leaf::string(""), Span::empty(run.span.end));
                self.set(data, &run.text, key_origin, node);
                error(format!(
                    "key {:?} has no value (cannot end with ,)",
                    run.text
                ))
            }
            _ => {
                // '.': a nested mapping, found or made.
                let level = level + 1;
                if level > MAX_NESTED_NAME_LEVEL {
                    return error(format!("value name nested level is greater than maximum supported nested level of {MAX_NESTED_NAME_LEVEL}"));
                }
                let (mut inner, origin) = match take(data, &run.text) {
                    None => (Vec::new(), key_origin),
                    Some(Node {
                        value: Value::Map(entries),
                        origin,
                    }) => (entries, origin),
                    Some(_) => {
                        return error(format!(
                            "unable to parse key: `{}` is not a mapping in the values",
                            run.text
                        ))
                    }
                };
                let outcome = self.key(&mut inner, level);
                if outcome.is_ok() && inner.is_empty() {
                    return error(format!("key map {:?} has no value", run.text));
                }
                if !inner.is_empty() {
                    put(data, &run.text, key_origin, map_node(inner, origin));
                }
                outcome
            }
        }
    }

    /// The value after `=`: a `{a,b}` list, a JSON document, a file's text, or a scalar;
    /// `None` when the argument ends right after the `=`.
    fn value(&mut self) -> Result<Option<Node<'static>>, Stop> {
        if self.flag == SetFlag::SetJson {
            return self.json_value().map(Some);
        }
        match self.chars.get(self.at) {
            None => Ok(None),
            Some(&(_, '{')) => self.value_list().map(Some),
            Some(_) => {
                let run = self.until(&[',']);
                self.scalar(&run.text, run.span).map(Some)
            }
        }
    }

    /// Go's `valList`: `{a,b,c}` (a `,` after the `}` is taken too).
    fn value_list(&mut self) -> Result<Node<'static>, Stop> {
        let start = self.offset();
        self.at += 1; // '{'
        let mut items = Vec::new();
        loop {
            let run = self.until(&[',', '}']);
            match run.last {
                None => return error("list must terminate with '}'"),
                Some('}') => {
                    if self.chars.get(self.at).is_some_and(|c| c.1 == ',') {
                        self.at += 1;
                    }
                    items.push(self.scalar(&run.text, run.span)?);
                    let span = Span {
                        start,
                        end: run.span.end + 1,
                    };
                    return Ok(list_node(items, self.origin(span)));
                }
                _ => items.push(self.scalar(&run.text, run.span)?),
            }
        }
    }

    /// A value as the flag types it (Go's `typedVal`, or the file's text).
    fn scalar(&mut self, text: &str, span: Span) -> Result<Node<'static>, Stop> {
        let leaf = match self.flag {
            SetFlag::SetString => Leaf::string(text),
            SetFlag::SetFile => {
                let Some(read) = self.read_file else {
                    return error("--set-file: no files can be read here");
                };
                match read(text) {
                    Ok(content) => Leaf::string(&content),
                    Err(e) => return error(e),
                }
            }
            _ => typed(text),
        };
        Ok(self.leaf(leaf, span))
    }

    fn leaf(&self, leaf: Leaf<'static>, span: Span) -> Node<'static> {
        Node {
            value: Value::Leaf(Box::new(leaf)),
            origin: self.origin(span),
        }
    }

    /// Go's `keyIndex`: the digits up to `]`.
    fn index(&mut self) -> Result<usize, Stop> {
        let run = self.until(&[']']);
        if run.last.is_none() {
            return Err(Stop::End);
        }
        let text = run.text.trim_start_matches('+');
        match run.text.parse::<i64>() {
            Ok(i) if i < 0 => error(format!("negative {i} index not allowed")),
            Ok(i) if i as u64 > MAX_INDEX as u64 => error(format!(
                "index of {i} is greater than maximum supported index of {MAX_INDEX}"
            )),
            Ok(i) => Ok(i as usize),
            Err(_) => error(format!(
                "error parsing index: strconv.Atoi: parsing {:?}: invalid syntax",
                text
            )),
        }
    }

    /// Go's `listItem`: what follows `[i]`, set into `list`. On an error the list as far as
    /// it got, as Go returns it.
    #[allow(clippy::type_complexity)]
    fn list_item<'t>(
        &mut self,
        list: Vec<Node<'t>>,
        index: usize,
        level: usize,
    ) -> Result<Vec<Node<'t>>, (Vec<Node<'t>>, Stop)> {
        // Helm limits only the dots; `a[0][0]...` nests without end, and each level is a
        // frame here: the loader's own depth limit for a values file bounds it too.
        if self.lists >= MAX_LIST_NESTING {
            let e = format!("lists nested deeper than {MAX_LIST_NESTING} levels");
            return Err((list, Stop::Error(e)));
        }
        self.lists += 1;
        let result = self.list_item_at(list, index, level);
        self.lists -= 1;
        result
    }

    fn list_item_at<'t>(
        &mut self,
        mut list: Vec<Node<'t>>,
        index: usize,
        level: usize,
    ) -> Result<Vec<Node<'t>>, (Vec<Node<'t>>, Stop)> {
        let run = self.until(&['[', '.', '=']);
        if !run.text.is_empty() {
            let e = format!("unexpected data at end of array index: {:?}", run.text);
            return Err((list, Stop::Error(e)));
        }
        match run.last {
            None => Err((list, Stop::End)),
            Some('=') => match self.value() {
                Ok(Some(node)) => {
                    self.set_index(&mut list, index, node);
                    Ok(list)
                }
                Ok(None) => {
                    let node = self.leaf(Leaf::string(""), Span::empty(self.offset()));
                    self.set_index(&mut list, index, node);
                    Ok(list)
                }
                Err(stop) => Err((list, stop)),
            },
            Some('[') => {
                let next = match self.index() {
                    Ok(i) => i,
                    Err(stop) => return Err((list, stop)),
                };
                let inner = match list
                    .get_mut(index)
                    .map(|n| std::mem::replace(n, null_node(self.layer)))
                {
                    Some(Node {
                        value: Value::List(items),
                        ..
                    }) => items,
                    Some(n) if n.is_null() => Vec::new(),
                    None => Vec::new(),
                    Some(_) => {
                        let e = format!("unable to parse key: item {index} is not a list");
                        return Err((list, Stop::Error(e)));
                    }
                };
                match self.list_item(inner, next, level) {
                    Ok(inner) => {
                        let origin = self.origin(run.span);
                        put_index(&mut list, index, list_node(inner, origin), self.layer);
                        Ok(list)
                    }
                    Err((_, stop)) => Err((list, stop)),
                }
            }
            _ => {
                // '.': a mapping at the index; a non-mapping there is replaced by one.
                let inner = match list
                    .get_mut(index)
                    .map(|n| std::mem::replace(n, null_node(self.layer)))
                {
                    Some(Node {
                        value: Value::Map(entries),
                        ..
                    }) => entries,
                    _ => Vec::new(),
                };
                let mut inner = inner;
                match self.key(&mut inner, level) {
                    Ok(()) => {
                        let origin = self.origin(run.span);
                        put_index(&mut list, index, map_node(inner, origin), self.layer);
                        Ok(list)
                    }
                    Err(stop) => Err((list, stop)),
                }
            }
        }
    }

    /// `--set-json`'s value: empty (up to a `,` or the end) is `null`; otherwise one JSON
    /// document, then blanks and one `,`.
    fn json_value(&mut self) -> Result<Node<'static>, Stop> {
        let start = self.offset();
        if self.empty_value() {
            return Ok(self.leaf(Leaf::plain("null"), Span::empty(start)));
        }
        let rest = &self.text[self.offset()..];
        let base = self.offset();
        let (node, used) = match super::json::parse(rest, base, self.layer) {
            Ok(parsed) => parsed,
            Err(e) => return error(e),
        };
        let end = base + used;
        while self.offset() < end {
            self.at += 1;
        }
        self.empty_value();
        Ok(node)
    }

    /// Go's `emptyVal`: skips blanks; true at the end or a `,` (taken).
    fn empty_value(&mut self) -> bool {
        while let Some(&(_, c)) = self.chars.get(self.at) {
            if c == ',' {
                self.at += 1;
                return true;
            }
            if !c.is_whitespace() {
                return false;
            }
            self.at += 1;
        }
        true
    }
}

/// Go's `typedVal` without `--set-string`.
fn typed(text: &str) -> Leaf<'static> {
    if text.eq_ignore_ascii_case("true") {
        return Leaf::plain("true");
    }
    if text.eq_ignore_ascii_case("false") {
        return Leaf::plain("false");
    }
    if text.eq_ignore_ascii_case("null") {
        return Leaf::plain("null");
    }
    if text == "0" {
        return Leaf::plain("0");
    }
    if !text.starts_with('0') {
        if let Ok(i) = text.parse::<i64>() {
            return Leaf::plain(i.to_string());
        }
    }
    Leaf::string(text)
}

fn null_node(layer: usize) -> Node<'static> {
    Node {
        value: Value::Leaf(Box::new(Leaf::plain("null"))),
        origin: Origin {
            layer,
            span: Span::default(),
        },
    }
}

fn list_node(items: Vec<Node<'_>>, origin: Origin) -> Node<'_> {
    Node {
        value: Value::List(items),
        origin,
    }
}

fn map_node(entries: Vec<Entry<'_>>, origin: Origin) -> Node<'_> {
    Node {
        value: Value::Map(entries),
        origin,
    }
}

/// Takes the value of `key` out of `data` (to be set again): Go mutates it in place.
fn take<'t>(data: &mut [Entry<'t>], key: &str) -> Option<Node<'t>> {
    let entry = data.iter_mut().find(|e| e.key == key)?;
    Some(std::mem::replace(
        &mut entry.node,
        null_node(entry.key_origin.layer),
    ))
}

/// Puts a mapping or list built in place back under `key` (the key keeps where it was
/// first written).
fn put<'t>(data: &mut Vec<Entry<'t>>, key: &str, key_origin: Origin, node: Node<'t>) {
    // Go's `set`: an empty key sets nothing.
    if key.is_empty() {
        return;
    }
    match data.iter_mut().find(|e| e.key == key) {
        Some(slot) => slot.node = node,
        None => data.push(Entry {
            key: key.to_string().into(),
            key_scalar: None,
            key_origin,
            node,
        }),
    }
}

/// Puts a list or mapping built in place back at `index`, growing the list with `null`s.
fn put_index<'t>(list: &mut Vec<Node<'t>>, index: usize, node: Node<'t>, layer: usize) {
    while list.len() <= index {
        list.push(null_node(layer));
    }
    list[index] = node;
}

impl Parser<'_> {
    /// Go's `set`: an empty key sets nothing; a value it replaces is remembered.
    fn set<'t>(
        &mut self,
        data: &mut Vec<Entry<'t>>,
        key: &str,
        key_origin: Origin,
        node: Node<'t>,
    ) {
        if key.is_empty() {
            return;
        }
        if let Some(slot) = data.iter_mut().find(|e| e.key == key) {
            self.shadows.push(Shadow {
                key: Some(key_origin),
                was: slot.node.origin,
                by: node.origin,
                deleted: node.is_null(),
            });
            slot.node = node;
        } else {
            put(data, key, key_origin, node);
        }
    }

    /// Go's `setIndex`: the list grows with `null`s up to `index`; a value it replaces is
    /// remembered.
    fn set_index<'t>(&mut self, list: &mut Vec<Node<'t>>, index: usize, node: Node<'t>) {
        if let Some(old) = list.get(index).filter(|n| !n.is_null()) {
            self.shadows.push(Shadow {
                key: None,
                was: old.origin,
                by: node.origin,
                deleted: node.is_null(),
            });
        }
        put_index(list, index, node, self.layer);
    }
}
