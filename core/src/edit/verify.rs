//! The meaning guard [`super::fix::apply`] runs on every edit: the result must still load,
//! and nothing may change that the edit does not declare — a value (aliases followed),
//! what the pods mount (the storage map, the one model of the deployment), the chart the
//! file is read as, a comment (for a safe fix), or a line break in a file of lone CRs.

use std::collections::HashMap;

use super::fix::{ApplyError, Edit};
use crate::yaml::{self, Document, Limits, NodeKind, ScalarType};

/// Whether `text` breaks a line with a CR that no LF follows (a classic Mac file, or a
/// stray CR that YAML also reads as a line break).
pub(crate) fn has_lone_cr(text: &str) -> bool {
    text.as_bytes()
        .windows(2)
        .any(|w| w[0] == b'\r' && w[1] != b'\n')
        || text.ends_with('\r')
}

/// The comments (from `#` to the end of its line) that start inside `start..end` of
/// `text`. A `#` starts a comment at the start of a line or after a blank, outside quotes;
/// each line is read from its start, so the quotes before the range are known. (A `#`
/// inside a block scalar reads as a comment too: a safe fix there becomes a suggestion,
/// which errs on the side of asking.)
pub(crate) fn comments_in(text: &str, start: usize, end: usize) -> Vec<&str> {
    let mut out = Vec::new();
    // No `#` in the range, no comment: the usual case costs the range, not its lines
    // (a flow file's thousands of fixes on one line stay linear).
    if !text.get(start..end).is_some_and(|r| r.contains('#')) {
        return out;
    }
    let Some(range) = text.get(..end) else {
        return out;
    };
    let mut line_start = range[..start.min(range.len())]
        .rfind(['\n', '\r'])
        .map_or(0, |i| i + 1);
    while line_start < end {
        let line_end = text[line_start..]
            .find(['\n', '\r'])
            .map_or(text.len(), |i| line_start + i);
        let line = &text[line_start..line_end];
        if let Some(at) = comment_start(line) {
            let at = line_start + at;
            if (start..end).contains(&at) {
                out.push(&text[at..line_end]);
            }
        }
        line_start = line_end + 1;
    }
    out
}

/// Where the comment of `line` starts, if it has one. A quote opens a quoted scalar only
/// where a scalar can start (at the line's start, or after `:`, `-`, `?`, `[`, `{`, `,`,
/// a tag or an anchor): the apostrophe of `/it's` is text. Inside single quotes `''` is a
/// quote; inside double quotes a backslash escapes the next character (`"\\"` ends there).
fn comment_start(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(b'\'') if b == b'\'' => {
                if bytes.get(i + 1) == Some(&b'\'') {
                    i += 1;
                } else {
                    quote = None;
                }
            }
            Some(b'"') if b == b'\\' => i += 1,
            Some(b'"') if b == b'"' => quote = None,
            Some(_) => {}
            None if (b == b'\'' || b == b'"') && opens_scalar(&line[..i]) => quote = Some(b),
            None if b == b'#' && (i == 0 || matches!(bytes[i - 1], b' ' | b'\t')) => {
                return Some(i)
            }
            None => {}
        }
        i += 1;
    }
    None
}

/// Whether a scalar can start after `before` (the line up to a quote).
fn opens_scalar(before: &str) -> bool {
    let mut rest = before.trim_end_matches([' ', '\t']);
    // A tag or an anchor (`!!str "x"`, `&a 'x'`) stands between the indicator and the value.
    for _ in 0..2 {
        let token_start = rest.rfind([' ', '\t']).map_or(0, |i| i + 1);
        if rest[token_start..].starts_with(['!', '&']) {
            rest = rest[..token_start].trim_end_matches([' ', '\t']);
        }
    }
    rest.is_empty() || rest.ends_with([':', '-', '?', '[', '{', ','])
}

/// Whether `edit` writes or removes a line break.
pub(crate) fn breaks_lines(original: &str, edit: &Edit) -> bool {
    let replaced = original.get(edit.start..edit.end).unwrap_or("");
    [replaced, edit.replacement.as_str()]
        .iter()
        .any(|t| t.contains(['\r', '\n']))
}

/// Re-parses both texts and compares every value outside `touches`.
pub(crate) fn verify(
    original: &str,
    fixed: &str,
    touches: &[&str],
    options: &crate::Options,
) -> Result<(), ApplyError> {
    let limits = Limits::default();
    let Ok(before) = yaml::load(original, &limits) else {
        // The original does not parse: edits on it can only be Y-fixes, nothing to compare.
        return Ok(());
    };
    let after = yaml::load(fixed, &limits).map_err(|e| ApplyError::Unparsable {
        message: e.to_string(),
    })?;
    deployment_kept(&before, &after, touches, options)?;
    let touched = PathSet::of(touches.iter().copied());
    // The mappings above a touched path are its structure: a fix that adds
    // `persistence.outputs.x` may create `persistence` and `persistence.outputs` (and a
    // text with no document yet, its root).
    let mut above_paths: Vec<&str> = touches
        .iter()
        .flat_map(|t| t.match_indices('.').map(|(i, _)| &t[..i]))
        .collect();
    if !touches.is_empty() {
        above_paths.push("");
    }
    let above = PathSet::of(above_paths);
    let before = Flat::of(&before, &touched);
    let after = Flat::of(&after, &touched);
    let structure = |node: &FlatNode| above.has(&node.key) && node.value == "{}";
    // Every map here is `&str → index`, a type the rules use too: each hash-map type is
    // another copy of the hash table in the page's WebAssembly.
    let (lookup_before, lookup_after) = (before.lookup(), after.lookup());
    // In document order, so the path named is the first one that changed, every time.
    for node in &before.nodes {
        let was = lookup_before
            .get(node.key.as_str())
            .map(|&i| &before.nodes[i]);
        let is = lookup_after
            .get(node.key.as_str())
            .map(|&i| &after.nodes[i]);
        let built = is.is_some_and(structure);
        if !node.owned && !built && was.map(|n| &n.value) != is.map(|n| &n.value) {
            return Err(ApplyError::Changed {
                path: before.path(node),
            });
        }
    }
    for node in &after.nodes {
        if !node.owned && !structure(node) && !lookup_before.contains_key(node.key.as_str()) {
            return Err(ApplyError::Changed {
                path: after.path(node),
            });
        }
    }
    Ok(())
}

/// A set of YAML paths by [`path_key`]: a path is looked up by its key, never by its text.
/// (`String → String`, a map type the page's wasm has already: a new one is another copy
/// of the hash table's code.)
struct PathSet(HashMap<String, String>);

impl PathSet {
    fn of<'p>(paths: impl IntoIterator<Item = &'p str>) -> Self {
        PathSet(
            paths
                .into_iter()
                .map(|p| (path_key(path_hasher(p)), String::new()))
                .collect(),
        )
    }

    fn has(&self, key: &str) -> bool {
        self.0.contains_key(key)
    }
}

/// The hasher state after the bytes of a dot-joined path (cloned and extended for a child:
/// a node's key costs its own segment, not its whole path).
fn path_hasher(path: &str) -> std::collections::hash_map::DefaultHasher {
    use std::hash::Hasher;
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    hasher.write(path.as_bytes());
    hasher
}

/// A path's key: its hash, as text (the `&str → usize` maps above take it). 64 bits: two of
/// a file's paths sharing one is about as likely as 2⁻⁶⁴ times the pairs of its nodes.
fn path_key(hasher: std::collections::hash_map::DefaultHasher) -> String {
    use std::hash::Hasher;
    format!("{:016x}", hasher.finish())
}

/// One node of a [`Flat`] document.
struct FlatNode {
    /// [`path_key`] of its path.
    key: String,
    /// Printable value, as Helm would see it.
    value: String,
    /// Its path or one above it is touched.
    owned: bool,
    /// Index of its parent node (`usize::MAX` at the root) and its own segment, to write
    /// its path out when it is named in an error.
    parent: usize,
    segment: String,
}

/// Every node of a document with its path's key and its value, in document order. A path
/// is never written out whole per node: under a 1 MB key with 4,000 children that was 4 GB.
struct Flat {
    nodes: Vec<FlatNode>,
}

impl Flat {
    /// Aliases are followed (the loader bounded the expansion); for a repeated key the later
    /// value comes later and wins in [`Flat::lookup`].
    fn of(doc: &Document, touched: &PathSet) -> Flat {
        use std::hash::Hasher;
        let mut nodes = Vec::new();
        let Some(root) = doc.root() else {
            return Flat { nodes };
        };
        // (node, hasher of its path, parent index, segment, whether at the root)
        let mut stack = vec![(root, path_hasher(""), usize::MAX, String::new(), true)];
        while let Some((id, hasher, parent, segment, is_root)) = stack.pop() {
            let Some(node) = doc.resolve(id) else {
                continue;
            };
            let value = match &node.kind {
                NodeKind::Mapping(_) => "{}".to_string(),
                NodeKind::Sequence(_) => "[]".to_string(),
                NodeKind::Scalar(s) => match s.scalar_type() {
                    ScalarType::Null => "null".to_string(),
                    ScalarType::Str => format!("str:{}", s.value),
                    other => format!("{other:?}:{}", s.value),
                },
                NodeKind::Alias(_) => continue,
            };
            let key = path_key(hasher.clone());
            let owned = touched.has(&key)
                || (parent != usize::MAX && nodes.get(parent).is_some_and(|p: &FlatNode| p.owned));
            let index = nodes.len();
            let child = |segment: &str| {
                let mut h = hasher.clone();
                if !is_root {
                    h.write(b".");
                }
                h.write(segment.as_bytes());
                h
            };
            let mut children = Vec::new();
            match &node.kind {
                NodeKind::Mapping(pairs) => {
                    for pair in pairs {
                        let name = doc.key_str(pair.key).unwrap_or("?");
                        children.push((pair.value, child(name), index, name.to_string(), false));
                    }
                }
                NodeKind::Sequence(items) => {
                    for (i, item) in items.iter().enumerate() {
                        let name = i.to_string();
                        children.push((*item, child(&name), index, name, false));
                    }
                }
                _ => {}
            }
            stack.extend(children.into_iter().rev());
            nodes.push(FlatNode {
                key,
                value,
                owned,
                parent,
                segment,
            });
        }
        Flat { nodes }
    }

    /// Each path's key to its (last) node.
    fn lookup(&self) -> HashMap<&str, usize> {
        self.nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.key.as_str(), i))
            .collect()
    }

    /// The node's path written out (for an error message: once).
    fn path(&self, node: &FlatNode) -> String {
        let mut segments = vec![node.segment.as_str()];
        let mut at = node.parent;
        while let Some(parent) = self.nodes.get(at) {
            if parent.parent != usize::MAX {
                segments.push(parent.segment.as_str());
            }
            at = parent.parent;
        }
        if node.parent == usize::MAX {
            return String::new();
        }
        segments.reverse();
        segments.join(".")
    }
}

/// The meaning guard: what each kind of pod mounts (the storage map, the one model of the
/// deployment) is the same before and after, except for the entries the edit declares.
/// A row is declared when its entry's path (a chart default's: the section it would be
/// written in) is above or below a touched path. The chart may change only by an edit
/// that declares a storage section (the migration, a form's first entry).
fn deployment_kept(
    before: &Document,
    after: &Document,
    touches: &[&str],
    options: &crate::Options,
) -> Result<(), ApplyError> {
    let (was, is) = (
        crate::map::of_document(before, options),
        crate::map::of_document(after, options),
    );
    // The touched paths, and every path above one: whether a row's owner is above or
    // below a touched path is then a few lookups, so thousands of fixes cost n, not n².
    // (`&str → usize` maps: a type the page's wasm has already.)
    let touched: HashMap<&str, usize> = touches.iter().enumerate().map(|(i, t)| (*t, i)).collect();
    let above: HashMap<&str, usize> = touches
        .iter()
        .flat_map(|t| t.match_indices('.').map(|(i, _)| &t[..i]))
        .enumerate()
        .map(|(i, t)| (t, i))
        .collect();
    let declared = |owner: &str| {
        touched.contains_key("")
            || touched.contains_key(owner)
            || owner
                .match_indices('.')
                .any(|(i, _)| touched.contains_key(&owner[..i]))
            || above.contains_key(owner)
    };
    if was.chart != is.chart {
        let sections = ["persistence", "artifactsStore", "connections"];
        return if touches.iter().any(|t| {
            sections
                .iter()
                .any(|s| crate::yaml::path::covers(t, s) || crate::yaml::path::covers(s, t))
        }) {
            Ok(())
        } else {
            Err(ApplyError::ChangesDeployment {
                entry: "the chart the file is read as".into(),
            })
        };
    }
    let undeclared = |map: &crate::map::StorageMap| -> Vec<(String, crate::map::Row)> {
        map.rows
            .iter()
            .map(|row| (owner(row), row))
            .filter(|(o, _)| !declared(o))
            .map(|(o, row)| (o, row.clone()))
            .collect()
    };
    let (was, is) = (undeclared(&was), undeclared(&is));
    if was == is {
        return Ok(());
    }
    let first = was
        .iter()
        .zip(is.iter())
        .find(|(a, b)| a != b)
        .map(|(a, _)| a)
        .or_else(|| was.get(is.len()))
        .or_else(|| is.get(was.len()));
    Err(ApplyError::ChangesDeployment {
        entry: first.map_or_else(String::new, |(o, row)| {
            if o.is_empty() {
                row.entry.clone()
            } else {
                o.clone()
            }
        }),
    })
}

/// The path a storage-map row belongs to: its entry's, or for a chart default the
/// section the user would write it in.
fn owner(row: &crate::map::Row) -> String {
    row.path
        .as_ref()
        .map_or_else(|| row.role.section_path(), Clone::clone)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found in review (issue 19): an apostrophe inside a plain value, or an escaped
    /// backslash before a closing quote, hid the comment after it.
    #[test]
    fn a_comment_after_an_apostrophe_or_an_escaped_backslash_is_found() {
        // Where the comment is: the last `#` of each line.
        for line in [
            "o: {hostPath: /it's, mountPath: !!str # keep me",
            r#"a: "/h\\" # c"#,
            "a: 'it''s # not' # c",
            "a: !!str 'x # y' # c",
        ] {
            assert_eq!(comment_start(line), line.rfind('#'), "{line}");
        }
        assert_eq!(comment_start("- \"# no\""), None);
        assert_eq!(comment_start("# top"), Some(0));
        assert_eq!(comment_start("a: b#c"), None);
    }
}
