//! The fix for a misspelled key among its siblings (K001 in an entry, K005 at the top, S007
//! under `persistence`): rename it to the key meant.

use crate::fix::Fix;
use crate::text::suggest;
use crate::yaml::{Document, Pair, YamlPath};

/// Renames `pair`'s key to `meant`. Safe when only case and separators differ (`Persistence`,
/// `artifacts_store`) and `meant` is not among `siblings` (the keys written beside it) nor
/// would be by another rename; suggested otherwise (which key was meant is the user's to say).
pub(crate) fn rename(
    doc: &Document,
    pair: Pair,
    key: &str,
    meant: &str,
    siblings: &[&str],
    touches: Vec<YamlPath>,
) -> Fix {
    let rivals = siblings
        .iter()
        .filter(|other| suggest::same_but_spelling(other, meant))
        .count();
    let certain =
        suggest::same_but_spelling(key, meant) && !siblings.contains(&meant) && rivals == 1;
    let title = format!("Rename `{key}` to `{meant}`");
    let edits = vec![crate::edit::replace_scalar(doc, pair.key, meant)];
    if certain {
        Fix::safe(title, edits, touches)
    } else {
        Fix::suggested(title, edits, touches)
    }
}
