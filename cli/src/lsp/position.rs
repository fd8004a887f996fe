//! Byte offsets ↔ LSP positions: zero-based lines, columns in UTF-16 code units, lines
//! ended by `\n`, `\r\n` or `\r` — all as the protocol says (core's line index counts
//! characters and only `\n`, which is right for people and wrong here).

use lsp_types::{Position, Range};

#[derive(Debug, Clone)]
pub struct Lines {
    /// Byte offset where each line starts.
    starts: Vec<usize>,
    /// Whether each line is ASCII: its columns are then its bytes, found without counting
    /// (a JSON-style file can hold thousands of findings or entries on one line, and
    /// counting from the line's start for each made diagnostics and symbols quadratic).
    ascii: Vec<bool>,
}

impl Lines {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut ascii = vec![true];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                    starts.push(i + 2);
                    i += 1;
                }
                b'\r' => starts.push(i + 1),
                byte if !byte.is_ascii() => {
                    if let Some(last) = ascii.last_mut() {
                        *last = false;
                    }
                }
                _ => {}
            }
            if ascii.len() < starts.len() {
                ascii.push(true);
            }
            i += 1;
        }
        Lines { starts, ascii }
    }

    /// Whether line `line` is ASCII (one byte, one UTF-16 unit per character).
    fn is_ascii(&self, line: usize) -> bool {
        self.ascii.get(line).copied().unwrap_or(false)
    }

    /// The byte range of line `line`'s text, without its line break.
    fn line(&self, text: &str, line: usize) -> (usize, usize) {
        let Some(&start) = self.starts.get(line) else {
            return (text.len(), text.len());
        };
        let next = self.starts.get(line + 1).copied().unwrap_or(text.len());
        let content = text.get(start..next).unwrap_or("");
        let end = start + content.trim_end_matches(['\n', '\r']).len();
        (start, end)
    }

    /// The byte offset of `position`. Past the end of a line means its end, past the last
    /// line the text's end (as the protocol asks); inside a surrogate pair rounds down.
    pub fn offset(&self, text: &str, position: Position) -> usize {
        let (start, end) = self.line(text, position.line as usize);
        let wanted = position.character as usize;
        if self.is_ascii(position.line as usize) {
            return start + wanted.min(end - start);
        }
        let mut units = 0;
        for (i, c) in text.get(start..end).unwrap_or("").char_indices() {
            let next = units + c.len_utf16();
            if next > wanted {
                return start + i;
            }
            units = next;
        }
        end
    }

    /// The line holding byte `offset` (clamped and rounded down as [`Self::position`]):
    /// its index and the byte range of its text, without its line break.
    pub fn line_around(&self, text: &str, offset: usize) -> (usize, (usize, usize)) {
        let offset = floor_char_boundary(text, offset);
        let line = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        (line, self.line(text, line))
    }

    /// The line break ending line `line` as written (`\r\n`, `\r` or `\n`); for the last
    /// line, which has none, the text's first one (`\n` in a one-line text).
    pub fn line_break<'t>(&self, text: &'t str, line: usize) -> &'t str {
        let ends = |at: usize| -> Option<&'t str> {
            let rest = text.get(at..)?;
            ["\r\n", "\r", "\n"]
                .into_iter()
                .find(|b| rest.starts_with(b))
                .and_then(|b| rest.get(..b.len()))
        };
        ends(self.line(text, line).1)
            .or_else(|| ends(self.line(text, 0).1))
            .unwrap_or("\n")
    }

    /// The position of byte `offset` (clamped to the text, rounded down to a character).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = floor_char_boundary(text, offset);
        let line = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let start = self.starts.get(line).copied().unwrap_or(0);
        let character = if self.is_ascii(line) {
            offset - start
        } else {
            text.get(start..offset)
                .map_or(0, |s| s.encode_utf16().count())
        };
        Position::new(to_u32(line), to_u32(character))
    }

    pub fn range(&self, text: &str, start: usize, end: usize) -> Range {
        Range::new(self.position(text, start), self.position(text, end))
    }

    /// Byte offsets of `range`, in order even if the client sent them reversed.
    pub fn offsets(&self, text: &str, range: Range) -> (usize, usize) {
        let a = self.offset(text, range.start);
        let b = self.offset(text, range.end);
        (a.min(b), a.max(b))
    }
}

/// `offset` clamped to `text` and moved back to a character boundary.
pub fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_utf16_units() {
        // "é" is 2 bytes and 1 unit; "😀" is 4 bytes and 2 units.
        let text = "a: 1\n# é😀 x: y\n";
        let lines = Lines::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(lines.position(text, x), Position::new(1, 6));
        assert_eq!(lines.offset(text, Position::new(1, 6)), x);
        // Inside the emoji's surrogate pair: rounds down to the emoji.
        let emoji = text.find('😀').unwrap();
        assert_eq!(lines.offset(text, Position::new(1, 4)), emoji);
    }

    #[test]
    fn every_line_break_kind_counts_and_positions_clamp() {
        let text = "a\r\nb\rc\nd";
        let lines = Lines::new(text);
        assert_eq!(lines.offset(text, Position::new(1, 0)), 3);
        assert_eq!(lines.offset(text, Position::new(2, 0)), 5);
        assert_eq!(lines.offset(text, Position::new(3, 0)), 7);
        // Past the line's end: its end, not the next line.
        assert_eq!(lines.offset(text, Position::new(0, 99)), 1);
        assert_eq!(lines.offset(text, Position::new(99, 0)), text.len());
        assert_eq!(lines.position(text, 999), Position::new(3, 1));
    }

    /// The ASCII lines' shortcut gives what counting gives, on every offset of a text
    /// mixing ASCII lines, non-ASCII ones and every line break kind.
    #[test]
    fn ascii_lines_agree_with_counting() {
        let text = "a: 1\r\nb: é😀 x\rplain line\n\n{c: [1, 2]} # ü\nlast";
        let lines = Lines::new(text);
        for offset in 0..=text.len() + 2 {
            let position = lines.position(text, offset);
            let mut at = offset.min(text.len());
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let line = lines.starts.partition_point(|&s| s <= at) - 1;
            let counted = text[lines.starts[line]..at].encode_utf16().count();
            assert_eq!(
                position,
                Position::new(line as u32, counted as u32),
                "offset {offset}"
            );
            // Back to the same byte, but for a line break's bytes (their line's end).
            let end = lines.line(text, line).1;
            assert_eq!(lines.offset(text, position), at.min(end), "offset {offset}");
        }
        assert_eq!(lines.ascii, [true, false, true, true, false, true]);
    }

    #[test]
    fn line_breaks_as_written_and_the_line_around_an_offset() {
        let text = "a\r\nb\rc\nd";
        let lines = Lines::new(text);
        let breaks: Vec<&str> = (0..4).map(|l| lines.line_break(text, l)).collect();
        assert_eq!(breaks, ["\r\n", "\r", "\n", "\r\n"]);
        assert_eq!(Lines::new("one").line_break("one", 0), "\n");
        assert_eq!(lines.line_around(text, 3), (1, (3, 4)));
        assert_eq!(lines.line_around(text, 99), (3, (7, 8)));
    }
}
