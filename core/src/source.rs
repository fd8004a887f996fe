//! Positions in the user's text: byte spans, and the 1-based line/column people read.

use serde::Serialize;

/// A half-open byte range `start..end` into the original text.
///
/// Byte offsets (not characters) so that edits can be spliced with `str` slicing;
/// [`LineIndex`] turns them into the line/column a person reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// Byte after the last one.
    pub end: usize,
}

impl Span {
    /// The span `start..end`.
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// An empty span at `at` (an insertion point).
    pub const fn empty(at: usize) -> Self {
        Span { start: at, end: at }
    }

    /// Its length in bytes.
    pub const fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether it covers no byte.
    pub const fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// Whether `other` lies within this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// A 1-based line and column; the column counts Unicode characters, not bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// Byte offset → line/column, in O(log lines) per query.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset where each line starts. Lines end at `\n`, at `\r\n`, or at a `\r`
    /// alone (old Mac files; YAML reads it as a line break too).
    line_starts: Vec<usize>,
    /// For each multi-byte character: the offset just past it and how many more bytes than
    /// characters the text has up to there. Columns count characters in O(log n) with it,
    /// not by walking the line (a one-line file of 8,000 entries made that quadratic).
    wide: Vec<(usize, usize)>,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_breaks(text.as_bytes(), |i| line_starts.push(i + 1));
        let mut wide = Vec::new();
        // `is_ascii` checks a word at a time: most values files have no wide character.
        if !text.is_ascii() {
            let mut extra = 0;
            for (at, c) in text.char_indices().filter(|(_, c)| !c.is_ascii()) {
                extra += c.len_utf8() - 1;
                wide.push((at + c.len_utf8(), extra));
            }
        }
        LineIndex { line_starts, wide }
    }

    /// How many lines (a final line break starts an empty last line).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The position of byte `offset` (clamped to the text; a position inside a
    /// multi-byte character is rounded down to that character).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts.get(line - 1).copied().unwrap_or(0);
        let column = offset.saturating_sub(start)
            - (self.extra_before(offset) - self.extra_before(start))
            + 1;
        Position { line, column }
    }

    /// How many more bytes than characters `text[..offset]` has (`offset` on a boundary).
    fn extra_before(&self, offset: usize) -> usize {
        let passed = self.wide.partition_point(|&(end, _)| end <= offset);
        passed
            .checked_sub(1)
            .and_then(|i| self.wide.get(i))
            .map_or(0, |&(_, extra)| extra)
    }

    /// Byte offset of the start of 1-based `line` (the text's end past the last line).
    pub fn line_start(&self, line: usize, text_len: usize) -> usize {
        line.checked_sub(1)
            .and_then(|i| self.line_starts.get(i))
            .copied()
            .unwrap_or(text_len)
    }

    /// Byte range of 1-based `line`, without its line break.
    pub fn line_span(&self, text: &str, line: usize) -> Span {
        let start = self.line_start(line, text.len());
        let next = self.line_start(line + 1, text.len());
        let mut end = next;
        let bytes = text.as_bytes();
        if end > start && bytes.get(end - 1) == Some(&b'\n') {
            end -= 1;
        }
        if end > start && bytes.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        Span::new(start, end)
    }
}

/// Calls `found` with the offset of the last byte of each line break, in order: `\n`, and
/// a `\r` not followed by `\n`. Eight bytes at a time: a word with no byte below 14 (no
/// `\n`, no `\r`) is passed over whole (a CLI check of a 10,000-line file builds this
/// index twice; byte by byte it was an eighth of the whole check).
fn line_breaks(bytes: &[u8], mut found: impl FnMut(usize)) {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
    let mut check = |i: usize| match bytes.get(i) {
        Some(b'\n') => found(i),
        Some(b'\r') if bytes.get(i + 1) != Some(&b'\n') => found(i),
        _ => {}
    };
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let word = <[u8; 8]>::try_from(chunk).map_or(0, u64::from_le_bytes);
        // Non-zero when some byte is below 14 (the "has less than" bit trick; a false
        // positive only costs the byte-by-byte look below).
        if word.wrapping_sub(ONES * 14) & !word & HIGH != 0 {
            (at..at + 8).for_each(&mut check);
        }
        at += 8;
    }
    (at..bytes.len()).for_each(check);
}

/// Byte offset → UTF-16 offset (a JavaScript string index, a CodeMirror position), in
/// O(log n) per query after one pass over the text. A byte offset inside a character maps
/// to that character's start; past the end, to the end.
#[derive(Debug, Clone)]
pub struct Utf16Positions {
    /// For each non-ASCII character: its byte range and how many more bytes than UTF-16
    /// units the text has up to its end. Empty for ASCII text, where offsets agree.
    wide: Vec<(usize, usize, usize)>,
    len: usize,
}

impl Utf16Positions {
    pub fn new(text: &str) -> Self {
        if text.is_ascii() {
            // One fast pass instead of a walk over every character (2 MB: 15 ms in wasm).
            return Utf16Positions {
                wide: Vec::new(),
                len: text.len(),
            };
        }
        let mut wide = Vec::new();
        let mut surplus = 0;
        for (start, c) in text.char_indices().filter(|(_, c)| !c.is_ascii()) {
            surplus += c.len_utf8() - c.len_utf16();
            wide.push((start, start + c.len_utf8(), surplus));
        }
        Utf16Positions {
            wide,
            len: text.len(),
        }
    }

    /// The UTF-16 offset of byte `offset`.
    pub fn of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        let passed = self.wide.partition_point(|&(_, end, _)| end <= offset);
        let surplus = passed
            .checked_sub(1)
            .and_then(|i| self.wide.get(i))
            .map_or(0, |&(_, _, s)| s);
        match self.wide.get(passed) {
            Some(&(start, _, _)) if start < offset => start - surplus,
            _ => offset - surplus,
        }
    }
}

/// One replacement reported by the page's editor: `from..to` in UTF-16 units (JavaScript
/// string indices) of the text before the change, replaced by `insert`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Utf16Edit<'a> {
    pub from: usize,
    pub to: usize,
    pub insert: &'a str,
}

/// How many UTF-16 units `text` has (its JavaScript length).
pub fn utf16_len(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.encode_utf16().count()
    }
}

/// `text` with `edit` made (in UTF-16 indices of `text`), so the page hands a keystroke to
/// the app as a few bytes, not as the whole text again (issue 23: 30 ms a keystroke for a
/// 2 MB file). `ascii`: the caller knows `text` is all ASCII, so an index is a byte offset
/// (no pass over the text up to it: 4 ms in the middle of 2 MB, in wasm). `None` when an
/// index is past the end, splits a surrogate pair or `to` is before `from`: the caller then
/// takes the whole text instead.
pub fn apply_utf16_edit(text: &str, ascii: bool, edit: &Utf16Edit) -> Option<String> {
    let (from, to) = if ascii {
        (edit.from <= edit.to && edit.to <= text.len()).then_some((edit.from, edit.to))?
    } else {
        let from = byte_of_unit(text, 0, 0, edit.from)?;
        (from, byte_of_unit(text, from, edit.from, edit.to)?)
    };
    let mut out = String::with_capacity(text.len() - (to - from) + edit.insert.len());
    out.push_str(&text[..from]);
    out.push_str(edit.insert);
    out.push_str(&text[to..]);
    Some(out)
}

/// The byte offset of UTF-16 index `target`, walking on from `byte`, which is at index
/// `unit`. Across ASCII (most values files) the two advance together, checked in one pass.
fn byte_of_unit(text: &str, byte: usize, unit: usize, target: usize) -> Option<usize> {
    let ahead = target.checked_sub(unit)?;
    let ascii_end = byte + ahead;
    if text
        .as_bytes()
        .get(byte..ascii_end)
        .is_some_and(<[u8]>::is_ascii)
    {
        return Some(ascii_end);
    }
    let mut at = (byte, unit);
    for c in text[byte..].chars() {
        if at.1 >= target {
            break;
        }
        at = (at.0 + c.len_utf8(), at.1 + c.len_utf16());
    }
    (at.1 == target).then_some(at.0)
}

/// The largest char boundary `<= offset` (stable `str::floor_char_boundary` is newer than our MSRV).
pub fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut at = offset.min(text.len());
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(from: usize, to: usize, insert: &str) -> Utf16Edit<'_> {
        Utf16Edit { from, to, insert }
    }

    #[test]
    fn utf16_edits_land_where_javascript_indices_say() {
        let text = "a: 1\nké: 😀 ü\r\nz";
        // JavaScript: "ké: 😀 ü" — 😀 is two units, é and ü one each.
        assert_eq!(utf16_len(text), 16);
        assert_eq!(utf16_len("plain"), 5);
        let made = |e| apply_utf16_edit(text, false, &e);
        // Typing after the emoji: index 11 ("a: 1\n" is 5, "ké: " 4, 😀 2).
        assert_eq!(
            made(edit(11, 11, "!")).as_deref(),
            Some("a: 1\nké: 😀! ü\r\nz")
        );
        // Deleting the é, replacing the first character, adding a line at the end.
        assert_eq!(made(edit(6, 7, "")).as_deref(), Some("a: 1\nk: 😀 ü\r\nz"));
        assert_eq!(
            made(edit(0, 1, "b")).as_deref(),
            Some("b: 1\nké: 😀 ü\r\nz")
        );
        assert_eq!(
            made(edit(16, 16, "\r\n")).as_deref(),
            Some("a: 1\nké: 😀 ü\r\nz\r\n")
        );
        // Replacing everything, and the emoji as a whole.
        assert_eq!(made(edit(0, 16, "x")).as_deref(), Some("x"));
        assert_eq!(made(edit(9, 11, "")).as_deref(), Some("a: 1\nké:  ü\r\nz"));
    }

    #[test]
    fn utf16_edits_out_of_the_text_are_refused() {
        let text = "ké: 😀";
        // Inside the surrogate pair, past the end, backwards.
        assert_eq!(apply_utf16_edit(text, false, &edit(5, 5, "x")), None);
        assert_eq!(apply_utf16_edit(text, false, &edit(4, 5, "x")), None);
        assert_eq!(apply_utf16_edit(text, false, &edit(7, 7, "x")), None);
        assert_eq!(apply_utf16_edit(text, false, &edit(3, 2, "x")), None);
        assert_eq!(
            apply_utf16_edit(text, false, &edit(4, 6, "")).as_deref(),
            Some("ké: ")
        );
    }

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let text = "a: 1\nké: ü\n";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 0), Position { line: 1, column: 1 });
        // "ü" starts after "ké: " = 5 bytes, 4 characters.
        let at = text.find('ü').unwrap();
        assert_eq!(index.position(text, at), Position { line: 2, column: 5 });
    }

    #[test]
    fn crlf_lines_match_lf_lines() {
        let text = "a: 1\r\nb: 2\r\n";
        let index = LineIndex::new(text);
        let at = text.find('b').unwrap();
        assert_eq!(index.position(text, at), Position { line: 2, column: 1 });
        assert_eq!(index.line_span(text, 1), Span::new(0, 4));
    }

    #[test]
    fn utf16_positions_agree_with_javascript_string_indices() {
        // é (2 bytes, 1 unit), ✓ (3 bytes, 1 unit), 🪣 (4 bytes, 2 units), CRLF line ends.
        let text = "a: é\r\nb: ✓🪣\r\nc: x\n";
        let map = Utf16Positions::new(text);
        for (byte, _) in text.char_indices().chain([(text.len(), ' ')]) {
            let js = text[..byte].encode_utf16().count();
            assert_eq!(map.of(byte), js, "byte {byte}");
        }
        // Inside a character: its start. Past the end: the end.
        let bucket = text.find('🪣').unwrap();
        assert_eq!(map.of(bucket + 2), map.of(bucket));
        assert_eq!(map.of(999), text.encode_utf16().count());
        // ASCII text: the identity, with no table.
        let ascii = Utf16Positions::new("a: 1\r\n");
        assert!(ascii.wide.is_empty());
        assert_eq!(ascii.of(5), 5);
    }

    #[test]
    fn line_breaks_are_found_at_every_offset_of_a_word() {
        // Breaks of each kind at every position modulo 8, and a CRLF split across words.
        for pad in 0..17 {
            let text = format!("{}\na\rb\r\nc\t\x0bd\n", "x".repeat(pad));
            let mut naive = Vec::new();
            let bytes = text.as_bytes();
            for (i, &b) in bytes.iter().enumerate() {
                if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                    naive.push(i);
                }
            }
            let mut fast = Vec::new();
            line_breaks(bytes, |i| fast.push(i));
            assert_eq!(fast, naive, "pad {pad}");
        }
    }

    #[test]
    fn offsets_past_the_end_are_clamped() {
        let text = "ab";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 99), Position { line: 1, column: 3 });
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line() {
        let text = "a: 1\rb: 2\r\nc: 3\n";
        let index = LineIndex::new(text);
        let at = |needle: &str| index.position(text, text.find(needle).unwrap());
        assert_eq!(at("b:"), Position { line: 2, column: 1 });
        assert_eq!(at("c:"), Position { line: 3, column: 1 });
        assert_eq!(index.line_span(text, 1), Span::new(0, 4));
        assert_eq!(index.line_span(text, 2), Span::new(5, 9));
    }
}
