//! "Did you mean": rank allowed words by closeness to what was written.

/// Levenshtein distance, on characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// A ranked candidate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate<'a> {
    /// The allowed word.
    pub word: &'a str,
    /// 0 for a case-insensitive match, else 1 + the edit distance (case-insensitive).
    pub score: usize,
}

/// Candidates close enough to mention, best first: case-insensitive equality first,
/// then edit distance up to a third of the word's length (at least 2).
pub fn rank<'a>(given: &str, allowed: &[&'a str]) -> Vec<Candidate<'a>> {
    // ASCII folding: keys are ASCII, and Unicode case tables would weigh on the bundle.
    let lower = given.to_ascii_lowercase();
    let budget = (given.chars().count() / 3).max(2);
    let candidates = allowed.iter().filter_map(|&word| {
        let w = word.to_ascii_lowercase();
        let score = if w == lower {
            0
        } else {
            let d = edit_distance(&lower, &w);
            if d > budget {
                return None;
            }
            1 + d
        };
        Some(Candidate { word, score })
    });
    // A few dozen words at most: kept in order as they come (a sort would be one more
    // copy of the sort in the page's WebAssembly).
    let mut out: Vec<Candidate<'a>> = Vec::new();
    for c in candidates {
        let at = out
            .iter()
            .position(|o| (o.score, o.word) > (c.score, c.word))
            .unwrap_or(out.len());
        out.insert(at, c);
    }
    out
}

/// Whether `a` and `b` differ only in case and separators (`existing-claim`, `MountPath`):
/// the one change a fix may make without asking, since it cannot change what was meant.
pub fn same_but_spelling(a: &str, b: &str) -> bool {
    let fold = |s: &str| -> String {
        s.chars()
            .filter(|c| !matches!(c, '-' | '_' | ' '))
            .map(|c| c.to_ascii_lowercase())
            .collect()
    };
    fold(a) == fold(b)
}

/// The one candidate a fix can take without asking: a case-insensitive match, or the
/// only candidate within edit distance 2.
pub fn unambiguous<'a>(ranked: &[Candidate<'a>]) -> Option<&'a str> {
    if let Some(first) = ranked.first().filter(|c| c.score == 0) {
        return Some(first.word);
    }
    let mut close = ranked.iter().filter(|c| c.score <= 3);
    match (close.next(), close.next()) {
        (Some(only), None) => Some(only.word),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEYS: &[&str] = &["existingClaim", "mountPath", "hostPath", "readOnly"];

    #[test]
    fn spelling_is_case_and_separators() {
        assert!(same_but_spelling("existing-claim", "existingClaim"));
        assert!(same_but_spelling("MOUNTPATH", "mountPath"));
        assert!(!same_but_spelling("mountPth", "mountPath"));
    }

    #[test]
    fn distance() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
    }

    #[test]
    fn case_only_differences_rank_first_and_are_unambiguous() {
        let r = rank("existingclaim", KEYS);
        assert_eq!(r[0].word, "existingClaim");
        assert_eq!(unambiguous(&r), Some("existingClaim"));
    }

    #[test]
    fn typos_within_two_edits_are_unambiguous_when_alone() {
        let r = rank("mountPth", KEYS);
        assert_eq!(unambiguous(&r), Some("mountPath"));
        assert!(rank("zzzzzz", KEYS).is_empty());
    }
}
