//! A line diff of the export against the pasted text, as unified-diff hunks.
//!
//! Fixes and form edits touch a few lines of long files, so the common head and tail are
//! cut first and the longest-common-subsequence table is built only for the middle,
//! which stays small. A middle too large for the table is shown as replaced whole.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
/// What a line of a hunk is.
pub enum LineKind {
    /// In both texts.
    Context,
    /// Only in the old text.
    Removed,
    /// Only in the new text.
    Added,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
/// One line of a hunk.
pub struct DiffLine {
    /// Context, removed or added.
    pub kind: LineKind,
    /// The line without its line break.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
/// A run of changes with its context, as `diff -u` prints it.
pub struct Hunk {
    /// 1-based first line in the old text, and how many old lines the hunk covers.
    pub old_start: usize,
    /// How many old lines the hunk covers.
    pub old_len: usize,
    /// 1-based first line in the new text.
    pub new_start: usize,
    /// How many new lines the hunk covers.
    pub new_len: usize,
    /// The lines, in order.
    pub lines: Vec<DiffLine>,
}

impl Hunk {
    /// `@@ -a,b +c,d @@`.
    pub fn header(&self) -> String {
        format!(
            "@@ -{},{} +{},{} @@",
            self.old_start, self.old_len, self.new_start, self.new_len
        )
    }
}

/// Largest middle (old lines × new lines) compared line by line.
const MAX_TABLE: usize = 4_000_000;

/// The one edit that turns `old` into `new`: what lies between their common start and
/// common end (on character boundaries). A whole-text change as a (range, replacement)
/// text edit, for the one path that verifies edits (`fix::apply`).
pub fn one_edit(old: &str, new: &str) -> crate::fix::Edit {
    let mut start = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !(old.is_char_boundary(start) && new.is_char_boundary(start)) {
        start -= 1;
    }
    let room = old.len().min(new.len()) - start;
    let mut tail = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(room)
        .take_while(|(a, b)| a == b)
        .count();
    while !(old.is_char_boundary(old.len() - tail) && new.is_char_boundary(new.len() - tail)) {
        tail -= 1;
    }
    crate::fix::Edit::replace(start, old.len() - tail, &new[start..new.len() - tail])
}

/// The hunks turning `old` into `new`, with `context` unchanged lines around each change.
pub fn hunks(old: &str, new: &str, context: usize) -> Vec<Hunk> {
    let a: Vec<&str> = split_lines(old);
    let b: Vec<&str> = split_lines(new);
    let ops = line_ops(&a, &b);
    group(&ops, &a, &b, context)
}

/// `--- a` / `+++ b` and the hunks, as `diff -u` prints them.
pub fn unified(old: &str, new: &str, old_name: &str, new_name: &str) -> String {
    let hunks = hunks(old, new, 3);
    if hunks.is_empty() {
        return String::new();
    }
    let mut out = format!("--- {old_name}\n+++ {new_name}\n");
    for hunk in hunks {
        out.push_str(&hunk.header());
        out.push('\n');
        for line in hunk.lines {
            out.push(match line.kind {
                LineKind::Context => ' ',
                LineKind::Removed => '-',
                LineKind::Added => '+',
            });
            out.push_str(&line.text);
            out.push('\n');
        }
    }
    out
}

/// Lines with their breaks removed (`\r\n` too), so a CRLF file diffs cleanly.
fn split_lines(text: &str) -> Vec<&str> {
    text.split_inclusive('\n')
        .map(|l| l.trim_end_matches('\n').trim_end_matches('\r'))
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    /// Same line: (old index, new index).
    Keep(usize, usize),
    Remove(usize),
    Add(usize),
}

fn line_ops(a: &[&str], b: &[&str]) -> Vec<Op> {
    let head = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(b[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (ma, mb) = (&a[head..a.len() - tail], &b[head..b.len() - tail]);
    let mut ops: Vec<Op> = (0..head).map(|i| Op::Keep(i, i)).collect();
    if ma.len().saturating_mul(mb.len()) > MAX_TABLE {
        ops.extend((0..ma.len()).map(|i| Op::Remove(head + i)));
        ops.extend((0..mb.len()).map(|j| Op::Add(head + j)));
    } else {
        // lcs[i][j] = LCS length of ma[i..] and mb[j..].
        let w = mb.len() + 1;
        let mut lcs = vec![0u32; (ma.len() + 1) * w];
        for i in (0..ma.len()).rev() {
            for j in (0..mb.len()).rev() {
                lcs[i * w + j] = if ma[i] == mb[j] {
                    lcs[(i + 1) * w + j + 1] + 1
                } else {
                    lcs[(i + 1) * w + j].max(lcs[i * w + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < ma.len() || j < mb.len() {
            if i < ma.len() && j < mb.len() && ma[i] == mb[j] {
                ops.push(Op::Keep(head + i, head + j));
                i += 1;
                j += 1;
            } else if i < ma.len() && (j == mb.len() || lcs[(i + 1) * w + j] >= lcs[i * w + j + 1])
            {
                // Removals before additions, as `diff -u` shows a changed line.
                ops.push(Op::Remove(head + i));
                i += 1;
            } else {
                ops.push(Op::Add(head + j));
                j += 1;
            }
        }
    }
    let (ta, tb) = (a.len() - tail, b.len() - tail);
    ops.extend((0..tail).map(|k| Op::Keep(ta + k, tb + k)));
    ops
}

fn group(ops: &[Op], a: &[&str], b: &[&str], context: usize) -> Vec<Hunk> {
    let changed: Vec<usize> = ops
        .iter()
        .enumerate()
        .filter(|(_, op)| !matches!(op, Op::Keep(..)))
        .map(|(i, _)| i)
        .collect();
    let mut hunks = Vec::new();
    let mut k = 0;
    while k < changed.len() {
        let start = changed[k].saturating_sub(context);
        let mut end = changed[k];
        while k < changed.len() && changed[k] <= end + 2 * context + 1 {
            end = changed[k];
            k += 1;
        }
        let end = (end + context + 1).min(ops.len());
        let slice = &ops[start..end];
        let old_start = slice
            .iter()
            .find_map(|op| match op {
                Op::Keep(i, _) | Op::Remove(i) => Some(*i),
                Op::Add(_) => None,
            })
            .map_or_else(|| old_position(ops, start), |i| i + 1);
        let new_start = slice
            .iter()
            .find_map(|op| match op {
                Op::Keep(_, j) | Op::Add(j) => Some(*j),
                Op::Remove(_) => None,
            })
            .map_or_else(|| new_position(ops, start), |j| j + 1);
        let lines: Vec<DiffLine> = slice
            .iter()
            .map(|op| match *op {
                Op::Keep(i, _) => DiffLine {
                    kind: LineKind::Context,
                    text: a[i].to_string(),
                },
                Op::Remove(i) => DiffLine {
                    kind: LineKind::Removed,
                    text: a[i].to_string(),
                },
                Op::Add(j) => DiffLine {
                    kind: LineKind::Added,
                    text: b[j].to_string(),
                },
            })
            .collect();
        let old_len = lines.iter().filter(|l| l.kind != LineKind::Added).count();
        let new_len = lines.iter().filter(|l| l.kind != LineKind::Removed).count();
        hunks.push(Hunk {
            old_start,
            old_len,
            new_start,
            new_len,
            lines,
        });
    }
    hunks
}

/// For a hunk of only added lines: the old line after which they go (diff -u's convention).
fn old_position(ops: &[Op], before: usize) -> usize {
    ops[..before]
        .iter()
        .rev()
        .find_map(|op| match op {
            Op::Keep(i, _) | Op::Remove(i) => Some(*i + 1),
            Op::Add(_) => None,
        })
        .unwrap_or(0)
}

fn new_position(ops: &[Op], before: usize) -> usize {
    ops[..before]
        .iter()
        .rev()
        .find_map(|op| match op {
            Op::Keep(_, j) | Op::Add(j) => Some(*j + 1),
            Op::Remove(_) => None,
        })
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_edit_spans_only_what_differs_and_keeps_characters_whole() {
        let e = one_edit("a: 1\nb: 2\n", "a: 1\nb: 3\n");
        assert_eq!((e.start, e.end, e.replacement.as_str()), (8, 9, "3"));
        let e = one_edit("x: é\n", "x: è\n");
        assert_eq!((e.start, e.end, e.replacement.as_str()), (3, 5, "è"));
        let e = one_edit("aa", "aaa");
        assert_eq!((e.start, e.end, e.replacement.as_str()), (2, 2, "a"));
        let e = one_edit("same", "same");
        assert_eq!(e.start, e.end);
        assert!(e.replacement.is_empty());
    }

    #[test]
    fn identical_texts_have_no_hunks() {
        assert!(hunks("a\nb\n", "a\nb\n", 3).is_empty());
        assert_eq!(unified("a\n", "a\n", "x", "y"), "");
    }

    #[test]
    fn a_changed_line_in_a_long_file() {
        let old: String = (1..=20).map(|i| format!("line {i}\n")).collect();
        let new = old.replace("line 10\n", "line ten\n");
        let out = unified(&old, &new, "pasted", "export");
        assert_eq!(
            out,
            "--- pasted\n+++ export\n@@ -7,7 +7,7 @@\n line 7\n line 8\n line 9\n-line 10\n+line ten\n line 11\n line 12\n line 13\n"
        );
    }

    #[test]
    fn insertions_and_deletions_count_right() {
        let h = hunks("a\nb\nc\n", "a\nx\ny\nc\n", 1);
        assert_eq!(h.len(), 1);
        assert_eq!(
            (h[0].old_start, h[0].old_len, h[0].new_start, h[0].new_len),
            (1, 3, 1, 4)
        );
    }

    #[test]
    fn crlf_lines_compare_by_content() {
        assert!(hunks("a\r\nb\r\n", "a\r\nb\r\n", 3).is_empty());
        assert_eq!(hunks("a\r\nb\r\n", "a\r\nc\r\n", 0)[0].lines.len(), 2);
    }
}
