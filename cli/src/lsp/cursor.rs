//! Where the cursor is in a YAML text, read from the lines alone: the keys and list items
//! from the root down to it, and what is being typed there. Completion is asked for while
//! a line is half typed (`    kin`, `  kind: `), when the text often does not parse, so this
//! reads indentation and `key:` openers instead of the YAML tree. Flow style (`{...}`,
//! `[...]`) and block scalars are not followed: they only make the answer less precise.

/// One step from the root to the cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Into the value of `key`.
    Key(String),
    /// Into an item of a block list (`- `).
    Item,
}

/// What is being typed at the cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slot {
    /// A key of the mapping at the path (or, when the path ends in a list item, the item
    /// itself): `prefix` is what is typed of it.
    Key { prefix: String },
    /// The value of `key` in the mapping at the path: `prefix` is what is typed of it.
    Value { key: String, prefix: String },
}

/// The cursor's place: the path, the slot, and the keys around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    pub path: Vec<Step>,
    pub slot: Slot,
    /// Byte offset where the typed prefix starts (it ends at the cursor).
    pub prefix_start: usize,
    /// Per depth `0..=path.len()`, the keys written in the mapping reached after that many
    /// steps, with their values as written (one line, comment left out); the cursor's own
    /// line is left out. Empty for a list.
    pub mappings: Vec<Vec<(String, String)>>,
    /// The column of the key (or item) being typed: the indentation its lines share.
    pub column: usize,
}

impl Cursor {
    /// The keys of the mapping the cursor is in.
    pub fn siblings(&self) -> &[(String, String)] {
        self.mappings.last().map_or(&[], Vec::as_slice)
    }

    /// The value written for `key` in the mapping reached after `depth` steps.
    pub fn value_at(&self, depth: usize, key: &str) -> Option<&str> {
        self.mappings
            .get(depth)?
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// One line as far as the path goes.
#[derive(Debug, Default)]
struct Line {
    /// Column of the first character that is not a space or tab (`None`: blank or comment).
    content: Option<usize>,
    /// Columns of its `- ` markers.
    dashes: Vec<usize>,
    /// Its `key:` (column, key, value as written).
    key: Option<(usize, String, String)>,
    /// `---` or `...`: a new YAML document.
    document_marker: bool,
}

fn is_blank(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

/// Reads one line (no line break in it). Columns count bytes: only spaces, tabs and `- `
/// come before a key, so bytes and characters agree there.
fn read_line(line: &str) -> Line {
    let bytes = line.as_bytes();
    let mut i = 0;
    while bytes.get(i).copied().is_some_and(is_blank) {
        i += 1;
    }
    let mut out = Line::default();
    if i >= bytes.len() || bytes[i] == b'#' {
        return out;
    }
    out.content = Some(i);
    out.document_marker = i == 0 && (line.starts_with("---") || line.starts_with("..."));
    while bytes.get(i) == Some(&b'-') && bytes.get(i + 1).is_none_or(|b| is_blank(*b)) {
        out.dashes.push(i);
        i += 1;
        while bytes.get(i).copied().is_some_and(is_blank) {
            i += 1;
        }
    }
    let rest = line.get(i..).unwrap_or("");
    if let Some((key, value)) = split_key(rest) {
        out.key = Some((i, key, value));
    }
    out
}

/// `key: value` → (key unquoted, value without a trailing comment); `None` when there is no
/// `:` followed by a blank or the end.
fn split_key(rest: &str) -> Option<(String, String)> {
    let bytes = rest.as_bytes();
    let colon = (0..bytes.len())
        .find(|&i| bytes[i] == b':' && bytes.get(i + 1).is_none_or(|b| is_blank(*b)))?;
    let key = rest.get(..colon)?.trim();
    if key.is_empty() || key.starts_with(['#', '{', '[']) {
        return None;
    }
    let key = key.trim_matches(|c| c == '"' || c == '\'').to_string();
    let value = rest.get(colon + 1..).unwrap_or("");
    let value = match value.find(" #").or_else(|| value.find("\t#")) {
        Some(at) => value.get(..at).unwrap_or(""),
        None if value.trim_start().starts_with('#') => "",
        None => value,
    };
    Some((key, unquoted(value.trim()).to_string()))
}

/// A value without the quotes around it (`"volume_claim"` is `volume_claim`).
fn unquoted(value: &str) -> &str {
    ['"', '\'']
        .iter()
        .find_map(|q| value.strip_prefix(*q)?.strip_suffix(*q))
        .unwrap_or(value)
}

/// The lines of `text` with the byte offset each starts at (`\n`, `\r\n` and `\r` end one).
fn split_lines(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\n' || bytes[i] == b'\r' {
            out.push((start, text.get(start..i).unwrap_or("")));
            if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
            start = i + 1;
        }
        i += 1;
    }
    out.push((start, text.get(start..).unwrap_or("")));
    out
}

/// Where the cursor at byte `offset` of `text` is (clamped to the text and to a character).
pub fn at(text: &str, offset: usize) -> Cursor {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let raw = split_lines(text);
    let here = raw
        .iter()
        .rposition(|(start, _)| *start <= offset)
        .unwrap_or(0);
    let (line_start, _) = raw[here];
    let before = text.get(line_start..offset).unwrap_or("");
    let mut lines: Vec<Line> = raw.iter().map(|(_, l)| read_line(l)).collect();
    // The cursor's line as typed so far: what it says about the slot.
    let typed = read_line(before);
    lines[here] = Line::default();

    let indent = before.len() - before.trim_start_matches([' ', '\t']).len();
    let (column, slot, prefix_start) = match &typed.key {
        Some((column, key, _)) => {
            let after_colon = before
                .get(column + key.len()..)
                .and_then(|r| r.find(':').map(|c| column + key.len() + c + 1))
                .unwrap_or(before.len());
            let value = before.get(after_colon..).unwrap_or("");
            let lead = value.len() - value.trim_start_matches([' ', '\t']).len();
            let prefix = value.trim_start_matches([' ', '\t']).to_string();
            (
                *column,
                Slot::Value {
                    key: key.clone(),
                    prefix,
                },
                line_start + after_colon + lead,
            )
        }
        None => {
            // After the last `- ` marker, or the indentation.
            let column = typed.dashes.last().map_or(indent, |d| {
                let mut c = d + 1;
                while before.as_bytes().get(c).copied().is_some_and(is_blank) {
                    c += 1;
                }
                c
            });
            let prefix = before.get(column..).unwrap_or("").to_string();
            (column, Slot::Key { prefix }, line_start + column)
        }
    };

    // Walk up: every opener left of the limit is a step; the limit moves left with it.
    let mut walk = Walk {
        steps: Vec::new(),
        key_limit: column,
        dash_limit: column,
    };
    for d in typed.dashes.iter().rev().filter(|d| **d < column) {
        walk.item(here, *d);
    }
    // The root mapping starts after the last `---` above.
    let top = (0..here)
        .rev()
        .find(|l| lines[*l].document_marker)
        .map_or(0, |l| l + 1);
    for (l, line) in lines.iter().enumerate().take(here).skip(top).rev() {
        if walk.key_limit == 0 {
            break;
        }
        if line.content.is_none() {
            continue;
        }
        if let Some((c, key, _)) = &line.key {
            if *c < walk.key_limit {
                walk.key(key, l, *c);
            }
        }
        for d in line.dashes.iter().rev() {
            if *d < walk.dash_limit {
                walk.item(l, *d);
            }
        }
    }
    let mut steps = walk.steps;
    steps.reverse();

    // The mapping after each step: its keys at the column of the next step (or the cursor).
    let mut mappings = Vec::with_capacity(steps.len() + 1);
    let mut from = top;
    for i in 0..=steps.len() {
        let child_column = steps.get(i).map_or(column, |(_, _, c)| *c);
        let is_list = i > 0
            && matches!(steps.get(i - 1), Some((Step::Key(_), _, _)))
            && matches!(steps.get(i), Some((Step::Item, _, _)));
        mappings.push(if is_list {
            Vec::new()
        } else {
            keys_of(&lines, from, child_column)
        });
        if let Some((_, line, _)) = steps.get(i) {
            from = *line;
        }
    }
    Cursor {
        path: steps.into_iter().map(|(s, _, _)| s).collect(),
        slot,
        prefix_start,
        mappings,
        column,
    }
}

/// The steps found walking up from the cursor, innermost first: (step, line, column).
struct Walk {
    steps: Vec<(Step, usize, usize)>,
    /// A parent key is left of what it holds, or — a list — at its dash's column or left
    /// of it (`connections:` over `- name: a`, both at column 0).
    key_limit: usize,
    dash_limit: usize,
}

impl Walk {
    fn key(&mut self, key: &str, line: usize, column: usize) {
        self.steps.push((Step::Key(key.to_string()), line, column));
        self.key_limit = column;
        self.dash_limit = column;
    }

    fn item(&mut self, line: usize, column: usize) {
        self.steps.push((Step::Item, line, column));
        self.key_limit = column + 1;
        self.dash_limit = column;
    }
}

/// The keys at `column` from line `from` on, until a line starts left of it (the first
/// line may: a list item's dash is left of its first key).
fn keys_of(lines: &[Line], from: usize, column: usize) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate().skip(from) {
        let Some(content) = line.content else {
            continue;
        };
        if i > from && (content < column || line.document_marker) {
            break;
        }
        if let Some((c, key, value)) = &line.key {
            if *c == column && line.dashes.last().is_none_or(|d| *d < column) {
                out.push((key.clone(), value.clone()));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(path: &[&str]) -> Vec<Step> {
        path.iter()
            .map(|k| match *k {
                "-" => Step::Item,
                k => Step::Key(k.to_string()),
            })
            .collect()
    }

    /// The cursor at `|` in `text`.
    fn cursor(text: &str) -> Cursor {
        let at_bar = text.find('|').expect("a cursor mark");
        at(&text.replace('|', ""), at_bar)
    }

    #[test]
    fn a_half_typed_key_in_a_v0_entry() {
        let c = cursor("persistence:\n  outputs:\n    out:\n      mountPath: /o\n      exi|\n      readOnly: true\n");
        assert_eq!(c.path, keys(&["persistence", "outputs", "out"]));
        assert_eq!(
            c.slot,
            Slot::Key {
                prefix: "exi".into()
            }
        );
        let names: Vec<&str> = c.siblings().iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(names, ["mountPath", "readOnly"]);
        assert_eq!(c.column, 6);
    }

    #[test]
    fn a_value_after_the_colon_at_the_end_of_the_text() {
        let text = "connections:\n  - name: data\n    kind: ";
        let c = at(text, text.len());
        assert_eq!(c.path, keys(&["connections", "-"]));
        assert_eq!(
            c.slot,
            Slot::Value {
                key: "kind".into(),
                prefix: String::new()
            }
        );
        assert_eq!(c.prefix_start, text.len());
        assert_eq!(c.value_at(2, "name"), Some("data"));
    }

    #[test]
    fn the_entry_around_a_schema_and_a_new_item() {
        let c = cursor("connections:\n  - name: data\n    kind: volume_claim\n    schema:\n      |\n  - name: b\n");
        assert_eq!(c.path, keys(&["connections", "-", "schema"]));
        assert_eq!(c.value_at(2, "kind"), Some("volume_claim"));
        assert_eq!(c.value_at(2, "name"), Some("data"), "not the next item's");
        let c = cursor("connections:\n  - name: 'data'\n    kind: \"s3\"\n    |");
        assert_eq!(c.value_at(2, "kind"), Some("s3"), "unquoted");
        let c = cursor("connections:\n  - name: data\n  - |\n");
        assert_eq!(c.path, keys(&["connections", "-"]));
        assert!(c.siblings().is_empty());
        let c = cursor("connections:\n  - name: data\n  |\n");
        assert_eq!(c.path, keys(&["connections"]));
        // A list at its key's column.
        let c = cursor("connections:\n- name: a\n  kind: s3\n- name: b\n  kind: |\n");
        assert_eq!(c.path, keys(&["connections", "-"]));
        assert_eq!(c.value_at(2, "name"), Some("b"));
        let c = cursor("connections:\n- |");
        assert_eq!(c.path, keys(&["connections", "-"]));
    }

    #[test]
    fn secret_items_and_comments_and_crlf() {
        let c = cursor("artifactsStore:\r\n  secret:\r\n    name: s3-secret # mine\r\n    items:\r\n      # keys\r\n      - AWS|\r\n");
        assert_eq!(c.path, keys(&["artifactsStore", "secret", "items", "-"]));
        assert_eq!(
            c.slot,
            Slot::Key {
                prefix: "AWS".into()
            }
        );
        assert_eq!(c.value_at(2, "name"), Some("s3-secret"));
    }

    #[test]
    fn the_root_a_second_document_and_odd_input_never_panic() {
        let c = cursor("persistence:\n  outputs: {}\n---\nart|");
        assert!(c.path.is_empty());
        assert!(c.siblings().is_empty(), "{:?}", c.siblings());
        let c = cursor("a: 1\n|");
        assert_eq!(c.siblings(), [("a".to_string(), "1".to_string())]);
        for text in ["", "\t\t- -", "é😀: \u{0}", "\r\r\n:", "- - a: b\n    c"] {
            for offset in 0..=text.len() + 2 {
                let _ = at(text, offset);
            }
        }
    }

    #[test]
    fn an_emoji_before_the_cursor_and_tabs() {
        let c = cursor("persistence:\n  outputs:\n    😀:\n      store: s|");
        assert_eq!(c.path, keys(&["persistence", "outputs", "😀"]));
        assert_eq!(
            c.slot,
            Slot::Value {
                key: "store".into(),
                prefix: "s".into()
            }
        );
        let c = cursor("persistence:\n\toutputs:\n\t\t|");
        assert_eq!(c.path, keys(&["persistence", "outputs"]));
    }
}
