//! Building text edits that respect YAML layout: replace a scalar in its own quoting,
//! remove a key with its lines, indent a block. Used by fixes and by the form sync.

use crate::fix::Edit;
use crate::source::Span;
use crate::text::quote;
use crate::yaml::{Document, NodeId, Pair};

/// The line break the file uses, as its first line ends: `\r\n` or `\n`. (A file of lone
/// `\r`s gets `\n`: the line helpers below split at `\n`, and YAML reads either.)
pub fn newline(text: &str) -> &'static str {
    let bytes = text.as_bytes();
    match text.find('\n') {
        Some(i) if i > 0 && bytes.get(i - 1) == Some(&b'\r') => "\r\n",
        _ => "\n",
    }
}

/// The offset just past the `:` that follows a key ending at `key_end` (spaces may stand
/// before it: `hostPath :`). `None` when no colon follows on the line (a flow key with no
/// value, `{a}`): there is then no place to write a value.
pub fn after_colon(text: &str, key_end: usize) -> Option<usize> {
    let rest = text.get(key_end..)?;
    let gap = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    rest[gap..].starts_with(':').then_some(key_end + gap + 1)
}

/// Byte offset of the start of the line holding `offset`.
pub fn line_start(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .and_then(|s| s.rfind('\n'))
        .map_or(0, |i| i + 1)
}

/// Byte offset just past the line break ending the line holding `offset` (or the text's end).
pub fn line_end_inclusive(text: &str, offset: usize) -> usize {
    text.get(offset..)
        .and_then(|s| s.find('\n'))
        .map_or(text.len(), |i| offset + i + 1)
}

/// The spaces before the first character of the line holding `offset`.
pub fn indent_at(text: &str, offset: usize) -> usize {
    let start = line_start(text, offset);
    text.get(start..)
        .map_or(0, |s| s.len() - s.trim_start_matches(' ').len())
}

/// Whether only spaces stand between the line start and `offset`.
fn starts_its_line(text: &str, offset: usize) -> bool {
    let start = line_start(text, offset);
    text.get(start..offset)
        .is_some_and(|s| s.trim_start_matches(' ').is_empty())
}

/// The whole lines a block-style `key: value` pair stands on, line break included.
/// `None` when the pair shares a line with something before it (flow style).
pub fn pair_lines(text: &str, doc: &Document, pair: Pair) -> Option<Span> {
    let key = doc.span(pair.key);
    if !starts_its_line(text, key.start) {
        return None;
    }
    let value = doc.span(pair.value);
    let end = line_end_inclusive(text, value.end.max(key.end));
    Some(Span::new(line_start(text, key.start), end))
}

/// Removes a pair from its mapping, with its lines (block) or its comma (flow).
pub fn remove_pair(text: &str, doc: &Document, pair: Pair) -> Edit {
    if let Some(lines) = pair_lines(text, doc, pair) {
        return Edit::delete(lines.start, lines.end);
    }
    let start = doc.span(pair.key).start;
    let end = doc.span(pair.value).end.max(doc.span(pair.key).end);
    let after = text.get(end..).unwrap_or("");
    let trimmed = after.trim_start_matches([' ', '\t']);
    if let Some(rest) = trimmed.strip_prefix(',') {
        let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        let cut = end + (after.len() - trimmed.len()) + 1 + spaces;
        return Edit::delete(start, cut);
    }
    let before = text.get(..start).unwrap_or("");
    let kept = before.trim_end_matches([' ', '\t']);
    match kept.strip_suffix(',') {
        Some(head) => Edit::delete(head.len(), end),
        None => Edit::delete(start, end),
    }
}

/// Replaces a scalar (a key or a value) with `value`, keeping its quote style.
pub fn replace_scalar(doc: &Document, node: NodeId, value: &str) -> Edit {
    let span = doc.span(node);
    let style = doc
        .scalar(node)
        .map_or(crate::yaml::ScalarStyle::Plain, |s| s.style);
    Edit::replace(span.start, span.end, quote::scalar_like(style, value))
}

/// `block` with `by` more spaces before every line that has text.
pub fn indent(block: &str, by: usize) -> String {
    let pad = " ".repeat(by);
    let mut out = String::with_capacity(block.len() + by * 8);
    for line in block.split_inclusive('\n') {
        if !line.trim().is_empty() {
            out.push_str(&pad);
        }
        out.push_str(line);
    }
    out
}

/// `block` with up to `by` spaces fewer before every line.
pub fn dedent(block: &str, by: usize) -> String {
    block
        .split_inclusive('\n')
        .map(|line| &line[(line.len() - line.trim_start_matches(' ').len()).min(by)..])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::{load, Limits};

    /// Found by cargo-mutants: the comma and the spaces after it go with the pair.
    #[test]
    fn a_flow_pair_goes_with_its_comma_and_the_spaces_after_it() {
        let text = "m: {a: 1,   b: 2}\n";
        let doc = load(text, &Limits::default()).unwrap();
        let root = doc.root().unwrap();
        let m = doc.get(root, "m").unwrap();
        let a = doc.get(m.value, "a").unwrap();
        let e = remove_pair(text, &doc, a);
        assert_eq!(
            format!("{}{}{}", &text[..e.start], e.replacement, &text[e.end..]),
            "m: {b: 2}\n"
        );
        let b = doc.get(m.value, "b").unwrap();
        let e = remove_pair(text, &doc, b);
        assert_eq!(
            format!("{}{}{}", &text[..e.start], e.replacement, &text[e.end..]),
            "m: {a: 1}\n"
        );
        // Spaces before the comma go too.
        let text = "m: {a: 1  , b: 2}\n";
        let doc = load(text, &Limits::default()).unwrap();
        let m = doc.get(doc.root().unwrap(), "m").unwrap();
        let e = remove_pair(text, &doc, doc.get(m.value, "a").unwrap());
        assert_eq!(
            format!("{}{}{}", &text[..e.start], e.replacement, &text[e.end..]),
            "m: {b: 2}\n"
        );
    }

    #[test]
    fn the_first_line_break_decides() {
        assert_eq!(newline("a: 1\r\nb: 2\n"), "\r\n");
        assert_eq!(newline("a: 1\rb: 2\r"), "\n");
        assert_eq!(newline("a: 1\nb: 2\r\n"), "\n");
        assert_eq!(newline("\na: 1"), "\n");
        assert_eq!(newline("\r\na: 1"), "\r\n");
        assert_eq!(newline("a: 1"), "\n");
    }

    fn pair(text: &str, key: &str) -> (Document, Pair) {
        let doc = load(text, &Limits::default()).unwrap();
        let root = doc.root().unwrap();
        let map = doc.get(root, "m").map_or(root, |p| p.value);
        let p = doc.get(map, key).unwrap();
        (doc, p)
    }

    fn apply(text: &str, e: &Edit) -> String {
        format!("{}{}{}", &text[..e.start], e.replacement, &text[e.end..])
    }

    #[test]
    fn removing_a_block_pair_removes_its_lines_only() {
        let text = "m:\n  a: 1 # one\n  b:\n    c: 2\n  d: 3\n";
        let (doc, p) = pair(text, "b");
        assert_eq!(
            apply(text, &remove_pair(text, &doc, p)),
            "m:\n  a: 1 # one\n  d: 3\n"
        );
    }

    #[test]
    fn removing_a_flow_pair_removes_its_comma() {
        let text = "m: {a: 1, b: 2}\n";
        let (doc, p) = pair(text, "a");
        assert_eq!(apply(text, &remove_pair(text, &doc, p)), "m: {b: 2}\n");
        let (doc, p) = pair(text, "b");
        assert_eq!(apply(text, &remove_pair(text, &doc, p)), "m: {a: 1}\n");
    }

    #[test]
    fn scalars_keep_their_quotes() {
        let text = "m:\n  a: \"x\"\n  b: 'y'\n  c: z\n";
        let (doc, p) = pair(text, "a");
        assert_eq!(
            apply(text, &replace_scalar(&doc, p.value, "/o")),
            "m:\n  a: \"/o\"\n  b: 'y'\n  c: z\n"
        );
        let (doc, p) = pair(text, "c");
        assert_eq!(
            apply(text, &replace_scalar(&doc, p.value, "true")),
            "m:\n  a: \"x\"\n  b: 'y'\n  c: \"true\"\n"
        );
    }

    #[test]
    fn indent_skips_blank_lines() {
        assert_eq!(indent("a: 1\n\n  b: 2\n", 2), "  a: 1\n\n    b: 2\n");
    }
}
