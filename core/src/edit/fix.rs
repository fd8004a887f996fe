//! Fixes as text edits on the original text, and applying them without losing a byte.
//!
//! Like rust-analyzer's `TextEdit`: a byte range and its replacement. Applying edits
//! never touches anything outside their ranges, and the result is re-parsed and compared
//! with the original, value by value, outside the paths the fixes declare they change.

use serde::Serialize;

use super::verify::{breaks_lines, comments_in, has_lone_cr, verify};
use crate::yaml::YamlPath;

/// Whether a fix may be applied without asking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// The meaning is certain: "Apply safe fixes" and `--fix` apply it.
    Safe,
    /// A choice the user confirms, one at a time.
    Suggested,
}

/// Replace `start..end` (bytes of the original text) with `replacement`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct Edit {
    /// First byte replaced.
    pub start: usize,
    /// Byte after the last one replaced.
    pub end: usize,
    /// The new text for that range.
    pub replacement: String,
}

impl Edit {
    /// Replace `start..end` with `replacement`.
    pub fn replace(start: usize, end: usize, replacement: impl Into<String>) -> Self {
        Edit {
            start,
            end,
            replacement: replacement.into(),
        }
    }

    /// Insert `text` at byte `at`.
    pub fn insert(at: usize, text: impl Into<String>) -> Self {
        Edit::replace(at, at, text)
    }

    /// Delete `start..end`.
    pub fn delete(start: usize, end: usize) -> Self {
        Edit::replace(start, end, "")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
/// A rule's fix: text edits on the original, applied together.
pub struct Fix {
    /// Safe (applied without asking) or suggested.
    pub applicability: Applicability,
    /// What the fix does, for a button or a list ("Rename `existingclaim` to `existingClaim`").
    pub title: String,
    /// The edits, on the original text's bytes.
    pub edits: Vec<Edit>,
    /// YAML paths whose values the fix may change (dot-joined, as in findings). Any
    /// other value that differs after applying it makes [`apply`] refuse.
    pub touches: Vec<YamlPath>,
}

impl Fix {
    /// A fix applied without asking.
    pub fn safe(title: impl Into<String>, edits: Vec<Edit>, touches: Vec<YamlPath>) -> Self {
        Fix {
            applicability: Applicability::Safe,
            title: title.into(),
            edits,
            touches,
        }
    }

    /// A fix the user confirms.
    pub fn suggested(title: impl Into<String>, edits: Vec<Edit>, touches: Vec<YamlPath>) -> Self {
        Fix {
            applicability: Applicability::Suggested,
            ..Fix::safe(title, edits, touches)
        }
    }

    /// Whether "Apply safe fixes" and `--fix` apply it.
    pub fn is_safe(&self) -> bool {
        self.applicability == Applicability::Safe
    }

    /// The first comment of `original` its edits would delete, if any: a comment inside
    /// a replaced range that none of its edits writes again (a move writes it elsewhere).
    pub fn deleted_comment<'t>(&self, original: &'t str) -> Option<&'t str> {
        self.edits.iter().find_map(|e| {
            comments_in(original, e.start, e.end)
                .into_iter()
                .find(|c| !self.edits.iter().any(|w| w.replacement.contains(c)))
        })
    }

    /// The first two of its own edits that overlap, if any: such a fix cannot be applied
    /// (the edits would disagree about the same bytes).
    pub fn overlapping_edits(&self) -> Option<(&Edit, &Edit)> {
        // A fix has a few edits: pairwise is cheaper than a sort (in time and in code size).
        self.edits.iter().enumerate().find_map(|(i, a)| {
            self.edits[i + 1..]
                .iter()
                .find(|b| overlap((a.start, a.end), (b.start, b.end)))
                .map(|b| (a, b))
        })
    }
}

/// The result of [`apply`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// The new text.
    pub text: String,
    /// Fixes applied (identical fixes count once).
    pub applied: usize,
    /// Titles of fixes left out because their edits overlap one applied before them.
    pub skipped: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
/// Why fixes were not applied; the caller's text is unchanged.
pub enum ApplyError {
    /// An edit's range is outside the text, reversed, splits a character, or overlaps
    /// another edit of the same fix.
    BadRange { start: usize, end: usize },
    /// The result is not YAML the checker can read any more.
    Unparsable { message: String },
    /// A value outside the fixes' declared paths changed (the path says which).
    Changed { path: String },
    /// The file's lines end in a lone CR and an edit would add or remove a line break:
    /// the layout helpers count lines by LF, so such an edit could land on the wrong line,
    /// and writing LF into the file would mix line endings.
    LoneCarriageReturns,
    /// The edit would change what the deployment does outside what it declares: the rows
    /// of the storage map (what each kind of pod mounts, from where, read-only or not)
    /// for `entry` differ, or the file would be read as another chart.
    ChangesDeployment { entry: String },
    /// A safe fix would delete a comment (the comment says which): what a user wrote is
    /// never lost without asking.
    DeletesComment { comment: String },
}

impl std::fmt::Display for ApplyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ApplyError::BadRange { start, end } => {
                write!(f, "an edit's range {start}..{end} does not fit the text")
            }
            ApplyError::Unparsable { message } => {
                write!(
                    f,
                    "the fixed text would not parse ({message}); nothing was changed"
                )
            }
            ApplyError::Changed { path } => write!(
                f,
                "the fixes would change `{path}`, which they do not own; nothing was changed"
            ),
            ApplyError::ChangesDeployment { entry } => write!(
                f,
                "the change would also change what the pods mount for `{entry}`, which it does not declare; nothing was changed"
            ),
            ApplyError::DeletesComment { comment } => write!(
                f,
                "the fix would delete the comment `{comment}`; nothing was changed"
            ),
            ApplyError::LoneCarriageReturns => write!(
                f,
                "the file's lines end in a lone CR (classic Mac line endings), and this change adds or removes lines; save the file with LF or CRLF line endings first; nothing was changed"
            ),
        }
    }
}

impl std::error::Error for ApplyError {}

/// Applies `fixes` to `original`: the original text with those edits, verified.
///
/// Fixes whose edits overlap an earlier fix are skipped (reported in
/// [`Applied::skipped`]); identical fixes are applied once. On any error the caller's
/// text is untouched, since this only ever returns a new string.
pub fn apply(original: &str, fixes: &[&Fix]) -> Result<Applied, ApplyError> {
    apply_with(original, fixes, &crate::Options::default())
}

/// [`apply`], with the deployment read under `options` (the chart the user chose, or the
/// file's directive): what the guard compares is the model the findings came from.
pub fn apply_with(
    original: &str,
    fixes: &[&Fix],
    options: &crate::Options,
) -> Result<Applied, ApplyError> {
    let mut chosen: Vec<&Fix> = Vec::new();
    let mut skipped = Vec::new();
    // The ranges taken so far, ordered by start: an overlap is found by looking at the
    // neighbours of where a range would go (thousands of fixes stay linear-ish).
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let lone_cr = has_lone_cr(original);
    for fix in fixes {
        // The same fix twice (two findings, one fix) overlaps itself: applied once.
        if chosen.iter().rev().take(8).any(|c| c.edits == fix.edits) {
            continue;
        }
        if let Some((_, second)) = fix.overlapping_edits() {
            return Err(ApplyError::BadRange {
                start: second.start,
                end: second.end,
            });
        }
        for edit in &fix.edits {
            let fits = edit.start <= edit.end
                && edit.end <= original.len()
                && original.is_char_boundary(edit.start)
                && original.is_char_boundary(edit.end);
            if !fits {
                return Err(ApplyError::BadRange {
                    start: edit.start,
                    end: edit.end,
                });
            }
        }
        if let Some(comment) = fix
            .is_safe()
            .then(|| fix.deleted_comment(original))
            .flatten()
        {
            return Err(ApplyError::DeletesComment {
                comment: comment.to_string(),
            });
        }
        if lone_cr && fix.edits.iter().any(|e| breaks_lines(original, e)) {
            return Err(ApplyError::LoneCarriageReturns);
        }
        let overlaps = fix
            .edits
            .iter()
            .any(|e| overlaps_taken(&taken, (e.start, e.end)));
        if overlaps {
            skipped.push(fix.title.clone());
            continue;
        }
        for e in &fix.edits {
            let at = taken.partition_point(|&(s, _)| s < e.start);
            taken.insert(at, (e.start, e.end));
        }
        chosen.push(fix);
    }

    let mut edits: Vec<&Edit> = chosen.iter().flat_map(|f| f.edits.iter()).collect();
    crate::order::by_offsets(&mut edits, |e| (e.start, e.end));
    let mut text = String::with_capacity(original.len());
    let mut at = 0;
    for edit in edits {
        text.push_str(&original[at..edit.start]);
        text.push_str(&edit.replacement);
        at = edit.end;
    }
    text.push_str(&original[at..]);

    let touches: Vec<&str> = chosen
        .iter()
        .flat_map(|f| f.touches.iter().map(YamlPath::as_str))
        .collect();
    verify(original, &text, &touches, options)?;
    Ok(Applied {
        text,
        applied: chosen.len(),
        skipped,
    })
}

/// Whether `range` overlaps one of `taken` (ordered by start, no two overlapping).
fn overlaps_taken(taken: &[(usize, usize)], range: (usize, usize)) -> bool {
    let at = taken.partition_point(|&(s, _)| s < range.0);
    // Ranges starting at or after `range`'s start; then the one just before it. Empty
    // ranges (insertions) may sit at the same offset, so look a little further.
    taken[at..]
        .iter()
        .take_while(|&&(s, _)| s <= range.1)
        .chain(taken[..at].iter().rev().take(2))
        .any(|&t| overlap(t, range))
}

/// Two ranges conflict when they share a byte, or are the same insertion point.
fn overlap(a: (usize, usize), b: (usize, usize)) -> bool {
    if a == b {
        return true;
    }
    a.0 < b.1 && b.0 < a.1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_keep_every_other_byte() {
        let text = "# head\na: 1 # one\nb: 'x'\n";
        let at = text.find("'x'").unwrap();
        let fix = Fix::safe(
            "set b",
            vec![Edit::replace(at, at + 3, "'y'")],
            vec!["b".into()],
        );
        let out = apply(text, &[&fix]).unwrap();
        assert_eq!(out.text, "# head\na: 1 # one\nb: 'y'\n");
        assert_eq!(out.applied, 1);
    }

    #[test]
    fn a_change_outside_the_declared_paths_is_refused() {
        let text = "a: 1\nb: 2\n";
        let fix = Fix::safe("sneaky", vec![Edit::replace(3, 4, "9")], vec!["b".into()]);
        assert_eq!(
            apply(text, &[&fix]),
            Err(ApplyError::Changed { path: "a".into() })
        );
    }

    #[test]
    fn broken_results_are_refused() {
        let text = "a: 1\n";
        let fix = Fix::safe("break", vec![Edit::replace(3, 4, "[")], vec!["a".into()]);
        assert!(matches!(
            apply(text, &[&fix]),
            Err(ApplyError::Unparsable { .. })
        ));
    }

    #[test]
    fn overlapping_fixes_are_skipped_and_identical_ones_applied_once() {
        let text = "a: 1\n";
        let one = Fix::safe("one", vec![Edit::replace(3, 4, "2")], vec!["a".into()]);
        let same = one.clone();
        let other = Fix::safe("other", vec![Edit::replace(3, 4, "3")], vec!["a".into()]);
        let out = apply(text, &[&one, &same, &other]).unwrap();
        assert_eq!(out.text, "a: 2\n");
        assert_eq!(out.applied, 1);
        assert_eq!(out.skipped, vec!["other".to_string()]);
    }

    #[test]
    fn a_fix_whose_own_edits_overlap_is_an_error_not_a_panic() {
        let fix = Fix::safe(
            "self-overlap",
            vec![Edit::replace(0, 3, "x"), Edit::replace(1, 2, "y")],
            vec!["a".into()],
        );
        assert!(fix.overlapping_edits().is_some());
        assert!(matches!(
            apply("a: 1\n", &[&fix]),
            Err(ApplyError::BadRange { .. })
        ));
        let same_point = Fix::safe(
            "two inserts",
            vec![Edit::insert(2, "x"), Edit::insert(2, "y")],
            vec![],
        );
        assert!(apply("a: 1\n", &[&same_point]).is_err());
    }

    /// Found by cargo-mutants: fixes given out of text order still find their overlaps
    /// (the taken ranges stay ordered), and touching ranges do not overlap.
    #[test]
    fn overlaps_are_found_whatever_the_order_and_touching_ranges_both_apply() {
        let text = "a: 1\nb: 2\nc: 3\n";
        let at = |s: &str| text.find(s).unwrap();
        let set = |key: &str, start: usize, end: usize, value: &str| {
            Fix::safe(
                key.to_string(),
                vec![Edit::replace(start, end, value)],
                vec![key.into()],
            )
        };
        let c = set("c", at("3"), at("3") + 1, "9");
        let a = set("a", at("1"), at("1") + 1, "7");
        let b = set("b", at("2"), at("2") + 1, "8");
        let b_again = set("b", at("2") - 1, at("2") + 1, " 6");
        for order in [
            [&a, &b, &c, &b_again],
            [&c, &b, &a, &b_again],
            [&b, &c, &a, &b_again],
        ] {
            let out = apply(text, &order).unwrap();
            assert_eq!(out.text, "a: 7\nb: 8\nc: 9\n");
            assert_eq!(out.skipped, vec!["b".to_string()]);
        }
        // `b: ` and `2` touch at one offset: both apply.
        let key = Fix::safe(
            "key",
            vec![Edit::replace(at("b"), at("b") + 1, "b")],
            vec!["b".into()],
        );
        let value = set("b", at("2"), at("2") + 1, "5");
        assert_eq!(apply(text, &[&key, &value]).unwrap().applied, 2);
        // The same two the other way round: the one taken first starts where the next ends.
        let before = Fix::safe(
            "b: ",
            vec![Edit::replace(at("b"), at("2"), "b: ")],
            vec!["b".into()],
        );
        assert_eq!(apply(text, &[&value, &before]).unwrap().applied, 2);
        // Many fixes taken: an overlap far from the last one is still found.
        let many = "k0: 0\nk1: 1\nk2: 2\nk3: 3\nk4: 4\nk5: 5\nk6: 6\nk7: 7\nk8: 8\nk9: 9\n";
        let fixes: Vec<Fix> = (0..10)
            .map(|i| {
                let at = many.find(&format!("k{i}: {i}")).unwrap() + 4;
                Fix::safe(
                    format!("k{i}"),
                    vec![Edit::replace(at, at + 1, "x")],
                    vec![format!("k{i}").as_str().into()],
                )
            })
            .collect();
        let three = many.find("k3: 3").unwrap() + 3;
        let clash = Fix::safe(
            "clash",
            vec![Edit::replace(three, three + 2, " y")],
            vec!["k3".into()],
        );
        let mut all: Vec<&Fix> = fixes.iter().collect();
        all.push(&clash);
        let out = apply(many, &all).unwrap();
        assert_eq!(out.applied, 10);
        assert_eq!(out.skipped, vec!["clash".to_string()]);
        let touching = Fix::safe(
            "ab",
            vec![Edit::replace(at("1"), at("1") + 1, "4")],
            vec!["a".into()],
        );
        let next = Fix::safe(
            "nl",
            vec![Edit::insert(at("1") + 1, " # four")],
            vec!["a".into()],
        );
        let out = apply(text, &[&touching, &next]).unwrap();
        assert_eq!(out.text, "a: 4 # four\nb: 2\nc: 3\n");
    }

    /// Found by cargo-mutants: the errors say what happened.
    #[test]
    fn errors_read_as_sentences() {
        let e = ApplyError::Changed { path: "a.b".into() };
        assert_eq!(
            e.to_string(),
            "the fixes would change `a.b`, which they do not own; nothing was changed"
        );
        assert!(ApplyError::BadRange { start: 3, end: 1 }
            .to_string()
            .contains("3..1"));
        assert!(ApplyError::Unparsable {
            message: "m".into()
        }
        .to_string()
        .contains("(m)"));
    }

    /// Issue 19: in a file of lone CRs, an edit that adds a line is refused (the S003
    /// move used to write `persistence:\n` in front of CR-only text); one inside a line
    /// is made, with the CRs kept.
    #[test]
    fn a_lone_cr_file_is_never_given_mixed_line_breaks() {
        let text = "a: 1\rb: 2\r";
        let add = Fix::safe("add", vec![Edit::insert(0, "top:\n")], vec!["top".into()]);
        assert_eq!(apply(text, &[&add]), Err(ApplyError::LoneCarriageReturns));
        let join = Fix::safe("join", vec![Edit::delete(4, 5)], vec!["a".into()]);
        assert_eq!(apply(text, &[&join]), Err(ApplyError::LoneCarriageReturns));
        let value = Fix::safe("b", vec![Edit::replace(8, 9, "3")], vec!["b".into()]);
        assert_eq!(apply(text, &[&value]).unwrap().text, "a: 1\rb: 3\r");
        assert!(!has_lone_cr("a: 1\r\nb: 2\r\n"));
        assert!(has_lone_cr("a: 1\r"));
    }

    /// Issue 19: a safe fix that would delete a comment is refused, and one that writes
    /// it again is made.
    #[test]
    fn a_safe_fix_never_deletes_a_comment() {
        let text = "a: !!str # keep me\n  /x/\nb: 'q # not a comment'\n";
        let value = text.find("# keep").unwrap();
        let end = text.find("/x/").unwrap() + 3;
        let drop = Fix::safe(
            "drop",
            vec![Edit::replace(value, end, "/x")],
            vec!["a".into()],
        );
        assert_eq!(
            apply(text, &[&drop]),
            Err(ApplyError::DeletesComment {
                comment: "# keep me".into()
            })
        );
        let keep = Fix::safe(
            "keep",
            vec![Edit::replace(value, end, "# keep me\n  /x")],
            vec!["a".into()],
        );
        assert!(apply(text, &[&keep]).is_ok());
        let quoted = text.find("'q").unwrap();
        assert!(comments_in(text, quoted, text.len()).is_empty());
        assert_eq!(comments_in("#top\nx: 1 #c\r\n", 0, 14), vec!["#top", "#c"]);
        // A suggestion may delete it: the user sees what it does before it is made.
        let asked = Fix {
            applicability: Applicability::Suggested,
            ..drop
        };
        assert!(apply(text, &[&asked]).is_ok());
    }

    /// Issue 19 (the meaning guard): a change that keeps every undeclared value but changes
    /// what pods mount for another entry is refused. Renaming `b` to `0b` (both paths
    /// declared) makes `0b` the entry jobs default to (Helm sorts the keys), so `a`'s job
    /// pods change though nothing under `a` did.
    #[test]
    fn a_change_to_what_another_entry_mounts_is_refused() {
        let text = "persistence:\n  outputs:\n    a:\n      existingClaim: c\n      mountPath: /a\n    b:\n      existingClaim: d\n      mountPath: /b\n";
        let at = text.find("b:").unwrap();
        let declared = Fix::safe(
            "rename b",
            vec![Edit::replace(at, at + 1, "0b")],
            vec![
                "persistence.outputs.b".into(),
                "persistence.outputs.0b".into(),
            ],
        );
        assert_eq!(
            apply(text, &[&declared]),
            Err(ApplyError::ChangesDeployment {
                entry: "persistence.outputs.a".into()
            })
        );
        // Declaring the section (what a form's rename does) owns that consequence.
        let section = Fix::suggested(
            "rename b",
            vec![Edit::replace(at, at + 1, "0b")],
            vec!["persistence.outputs".into()],
        );
        assert!(apply(text, &[&section]).is_ok());
        // A fix that would make the file read as another chart is refused unless it
        // declares a storage section.
        let v1 = "artifactsStore:\n  name: s\n  kind: host_path\n  schema: {hostPath: /s, mountPath: /s}\nx: 1\n";
        let at = v1.find("x: 1").unwrap();
        let sneaky = Fix::safe(
            "x",
            vec![Edit::replace(0, 14, "artifactStore")],
            vec!["artifactsStore".into(), "artifactStore".into()],
        );
        assert!(apply(v1, &[&sneaky]).is_ok(), "{:?}", apply(v1, &[&sneaky]));
        let other = Fix::safe(
            "x",
            vec![Edit::replace(at + 3, at + 4, "2")],
            vec!["x".into()],
        );
        assert!(apply(v1, &[&other]).is_ok());
    }

    #[test]
    fn ranges_that_do_not_fit_are_errors() {
        let fix = Fix::safe("far", vec![Edit::replace(3, 99, "")], vec![]);
        assert!(matches!(
            apply("a: 1", &[&fix]),
            Err(ApplyError::BadRange { .. })
        ));
    }
}
