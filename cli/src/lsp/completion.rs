//! `textDocument/completion`: what fits at the cursor, from the core's tables of keys,
//! kinds and fields (the ones the K and A rules check against), whole entries as
//! snippets, and claim and Secret names from the `clusterSnapshot` setting's snapshot.
//!
//! The place is read from the lines ([`cursor`]), not the parsed tree: the text is
//! usually half typed when completion is asked for.

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionTextEdit, InsertTextFormat, InsertTextMode,
    Range, TextEdit,
};
use storage_core::chart::{By, V1_STORAGE};
use storage_core::cluster::Cluster;
use storage_core::storage::v1::{CONNECTION_KEYS, PROVIDER_KINDS, RESOURCE_KEYS};
use storage_core::storage::{Field, Kind, KindState, Role, V0_KEYS};
use storage_core::text::bucket::StoreKind;
use storage_core::{Chart, ChartChoice, Options};

use super::cursor::{self, Cursor, Slot, Step};
use super::document::Document;
use super::position::floor_char_boundary;
use super::snippets;

/// What the editor said it can take (`initialize`'s completion capabilities).
#[derive(Debug, Clone, Copy, Default)]
pub struct Client {
    /// `snippetSupport`: `${1:name}` placeholders. Without it no snippet is offered (the
    /// editor would insert the placeholders as text).
    pub snippets: bool,
}

/// The items for the cursor at byte `offset` of `doc`: none for a file that is not checked,
/// nor in a comment.
pub fn items(
    doc: &Document,
    offset: usize,
    base: Options,
    cluster: Option<&Cluster>,
    client: Client,
) -> Vec<CompletionItem> {
    if !doc.checked {
        return Vec::new();
    }
    let text = &doc.text;
    let offset = floor_char_boundary(text, offset);
    let (line, (line_start, line_end)) = doc.lines.line_around(text, offset);
    // In a comment, or on a line indented with a tab (YAML refuses tabs in indentation:
    // whatever we inserted there would not load).
    let before = &text[line_start..offset];
    let indent_len = before.len() - before.trim_start_matches([' ', '\t']).len();
    if in_comment(before) || before[..indent_len].contains('\t') {
        return Vec::new();
    }
    let here = cursor::at(text, offset);
    let rest = &text[offset..line_end];
    let options = doc.directive.as_ref().map_or(base, |d| d.apply(base));
    // A half-typed line can leave the text unreadable, and the check undecided: the root
    // keys the cursor read still say the chart.
    let chart = chart_of(doc, options).or_else(|| chart_of_root(&here));
    // The edit replaces the whole word the cursor is in (what is right of it too), so
    // accepting an item never leaves half of the old word behind.
    let (mut wanted, start, end) = match &here.slot {
        Slot::Key { .. } => {
            let (offers, end) = key_edit(keys(&here, chart, cluster), rest, client);
            (offers, here.prefix_start, offset + end)
        }
        Slot::Value { key, .. } => {
            let typed = text.get(here.prefix_start..offset).unwrap_or_default();
            let colon_before = text
                .get(..here.prefix_start)
                .is_some_and(|t| t.ends_with(':'));
            let (offers, start, end) =
                value_edit(values(&here, key, cluster), typed, rest, colon_before);
            (offers, here.prefix_start.min(offset) + start, offset + end)
        }
    };
    if wanted.iter().any(|o| o.snippet) {
        let taken = names_taken(text, &here);
        for offer in wanted.iter_mut().filter(|o| o.snippet) {
            offer.new_text = with_unused_name(&offer.new_text, &taken);
        }
    }
    let range = doc.lines.range(text, start, end.max(offset));
    let indent: String = text[line_start..]
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    // A snippet's lines end as the file's do (CRLF, lone CR): not every editor converts.
    let line_break = doc.lines.line_break(text, line);
    wanted
        .into_iter()
        .map(|w| w.item(range, &indent, line_break))
        .collect()
}

/// The entry names a new entry must not take: the keys beside the cursor (v0 entries are
/// keys of their section) and every `name:` written (v1+ stores and connections). A name
/// taken twice is Y002 (v0: Helm keeps the last entry) or A002 (v1+).
fn names_taken(text: &str, here: &Cursor) -> Vec<String> {
    let siblings = here
        .mappings
        .last()
        .into_iter()
        .flatten()
        .map(|(k, _)| k.clone());
    let named = text.lines().filter_map(|line| {
        let line = line.trim_start().trim_start_matches("- ").trim_start();
        let value = line.strip_prefix("name:")?;
        let value = value.split(" #").next().unwrap_or_default().trim();
        Some(value.trim_matches(['"', '\'']).to_string()).filter(|v| !v.is_empty())
    });
    siblings.chain(named).collect()
}

/// `snippet` with its name placeholder (`${1:name}`) made a name not in `taken`: `name-2`,
/// `name-3`, ...
fn with_unused_name(snippet: &str, taken: &[String]) -> String {
    let Some(start) = snippet.find("${1:").map(|i| i + 4) else {
        return snippet.to_string();
    };
    let Some(end) = snippet[start..].find('}').map(|i| start + i) else {
        return snippet.to_string();
    };
    let base = &snippet[start..end];
    if !taken.iter().any(|t| t == base) {
        return snippet.to_string();
    }
    let name = (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|name| !taken.contains(name))
        .unwrap_or_default();
    format!("{}{name}{}", &snippet[..start], &snippet[end..])
}

/// Key offers for a cursor with `rest` right of it on its line, and where the word ends
/// in `rest`: a line that goes on (`key: value` right of the cursor) takes no whole entry,
/// nor an editor without snippets; with the colon there, a key is written alone.
fn key_edit(mut offers: Vec<Offer>, rest: &str, client: Client) -> (Vec<Offer>, usize) {
    let word = rest
        .find(|c: char| c == ':' || c.is_whitespace())
        .unwrap_or(rest.len());
    let after = &rest[word..];
    if !after.trim().is_empty() || !client.snippets {
        offers.retain(|o| !o.snippet);
    }
    if after.starts_with(':') {
        for offer in offers
            .iter_mut()
            .filter(|o| o.kind == CompletionItemKind::PROPERTY)
        {
            offer.new_text = offer.label.clone();
        }
    }
    (offers, word)
}

/// Value offers for `typed` (the value's start to the cursor) and `rest` right of the
/// cursor: the range to replace, as its start in `typed` and its end in `rest` (the whole
/// value, up to a comment; inside the quotes of a quoted one, which stay: the editor
/// filters on `vol`, not `"vol`); right after a bare `:` (`colon_before`), each value gets
/// the space YAML needs (`kind:s3` is one string).
fn value_edit(
    mut offers: Vec<Offer>,
    typed: &str,
    rest: &str,
    colon_before: bool,
) -> (Vec<Offer>, usize, usize) {
    if colon_before {
        for offer in &mut offers {
            offer.new_text.insert(0, ' ');
        }
    }
    let value = rest.find(" #").unwrap_or(rest.len());
    let mut end = rest[..value].trim_end().len();
    let mut start = 0;
    if let Some(quote) = typed.chars().next().filter(|c| *c == '"' || *c == '\'') {
        start = 1;
        if end > 0 && rest[..end].ends_with(quote) {
            end -= 1;
        }
    }
    (offers, start, end)
}

/// Whether the end of `line` (the text before the cursor) is in a comment: a `#` at the
/// line's start or after a space, outside quotes.
fn in_comment(line: &str) -> bool {
    let mut quote = None;
    let mut previous = ' ';
    for c in line.chars() {
        match (quote, c) {
            (None, '#') if previous.is_whitespace() => return true,
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            _ => {}
        }
        previous = c;
    }
    false
}

/// The chart the check decided, when something decided it (keys, the directive, the
/// settings); `None` for a file that says nothing yet.
fn chart_of(doc: &Document, options: Options) -> Option<Chart> {
    match (doc.report.chart, &doc.report.basis) {
        (Some(chart), Some(basis)) if basis.by != By::Nothing => Some(chart),
        _ => match options.chart {
            ChartChoice::V0 => Some(Chart::V0),
            ChartChoice::V1 => Some(Chart::V1),
            ChartChoice::Auto => None,
        },
    }
}

/// The chart the root keys written say: `persistence` is v0's, the core's v1+ storage
/// sections (`artifactsStore`, `connections`, `mountConnections`) today's; `None` for
/// neither or both.
fn chart_of_root(here: &Cursor) -> Option<Chart> {
    let root = here.mappings.first()?;
    let has = |key: &str| root.iter().any(|(k, _)| k == key);
    match (has("persistence"), V1_STORAGE.iter().any(|k| has(k))) {
        (true, false) => Some(Chart::V0),
        (false, true) => Some(Chart::V1),
        _ => None,
    }
}

/// One item to offer, before it gets the range of the typed prefix.
struct Offer {
    label: String,
    kind: CompletionItemKind,
    detail: String,
    new_text: String,
    snippet: bool,
}

impl Offer {
    /// A key; `block` when its value is a mapping or a list of its own (the user goes on
    /// on the next line), else it is written ready for its value.
    fn key(key: &str, detail: &str, block: bool) -> Offer {
        let new_text = if block {
            format!("{key}:")
        } else {
            format!("{key}: ")
        };
        Offer {
            label: key.to_string(),
            kind: CompletionItemKind::PROPERTY,
            detail: detail.to_string(),
            new_text,
            snippet: false,
        }
    }

    fn value(value: &str, detail: &str) -> Offer {
        Offer {
            label: value.to_string(),
            kind: CompletionItemKind::VALUE,
            detail: detail.to_string(),
            new_text: value.to_string(),
            snippet: false,
        }
    }

    /// The item, replacing `range`. A snippet's later lines get the cursor line's
    /// `indent` here, and are inserted as they are: editors that do not adjust indentation
    /// (no `insertTextModeSupport`) then write them right too; its lines end with
    /// `line_break`.
    fn item(self, range: Range, indent: &str, line_break: &str) -> CompletionItem {
        let new_text = if self.snippet {
            self.new_text
                .replace('\n', &format!("{line_break}{indent}"))
        } else {
            self.new_text
        };
        CompletionItem {
            label: self.label,
            kind: Some(self.kind),
            detail: Some(self.detail),
            text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(range, new_text))),
            insert_text_format: Some(if self.snippet {
                InsertTextFormat::SNIPPET
            } else {
                InsertTextFormat::PLAIN_TEXT
            }),
            insert_text_mode: self.snippet.then_some(InsertTextMode::AS_IS),
            ..CompletionItem::default()
        }
    }
}

/// The keys of a v1+ connection (and of its `secret`) whose value is a mapping or a list.
const V1_BLOCKS: [&str; 7] = [
    "schema",
    "secret",
    "configMap",
    "items",
    "tags",
    "env",
    "annotations",
];

/// Where in the storage sections the cursor's mapping is.
enum Place {
    Root,
    /// v0 `persistence`.
    Persistence,
    /// v0 `persistence.outputs` or `.data`: entries by name.
    V0Section(Role),
    /// v1+ `connections`: a list of entries.
    Connections,
    /// Inside an entry: its role, how many steps reach it, and the keys from it down to
    /// the cursor's mapping (`[]`, `["schema"]`, `["secret"]`).
    Entry {
        role: Role,
        depth: usize,
        inner: Vec<String>,
    },
    /// An item of a v1+ `secret.items` list; the secret's mapping is `depth` steps down.
    SecretItem {
        depth: usize,
    },
    Elsewhere,
}

fn place(path: &[Step]) -> Place {
    let key = |i: usize| match path.get(i) {
        Some(Step::Key(k)) => Some(k.as_str()),
        _ => None,
    };
    let (role, depth) = match (key(0), path.get(1)) {
        (None, _) if path.is_empty() => return Place::Root,
        (Some("persistence"), None) => return Place::Persistence,
        (Some("persistence"), Some(_)) => {
            let Some(role) = Role::V0_SECTIONS
                .into_iter()
                .find(|r| Some(r.key()) == key(1))
            else {
                return Place::Elsewhere;
            };
            match (role.is_map(), path.len()) {
                (true, 2) => return Place::V0Section(role),
                (true, _) if key(2).is_some() => (role, 3),
                (true, _) => return Place::Elsewhere,
                (false, _) => (role, 2),
            }
        }
        (Some("artifactsStore"), _) => (Role::ArtifactsStore, 1),
        (Some("connections"), None) => return Place::Connections,
        (Some("connections"), Some(Step::Item)) => (Role::Connection, 2),
        _ => return Place::Elsewhere,
    };
    let rest = path.get(depth..).unwrap_or(&[]);
    if role.chart() == Chart::V1 {
        if let [Step::Key(secret), Step::Key(items), Step::Item] = rest {
            if secret == "secret" && items == "items" {
                return Place::SecretItem { depth: depth + 1 };
            }
        }
    }
    let inner: Option<Vec<String>> = rest
        .iter()
        .map(|s| match s {
            Step::Key(k) => Some(k.clone()),
            Step::Item => None,
        })
        .collect();
    match inner {
        Some(inner) => Place::Entry { role, depth, inner },
        None => Place::Elsewhere,
    }
}

/// The keys (and whole entries) that fit the cursor's mapping, less those written there.
fn keys(here: &Cursor, chart: Option<Chart>, cluster: Option<&Cluster>) -> Vec<Offer> {
    let mut out = Vec::new();
    match place(&here.path) {
        Place::Root => {
            let sections: &[&str] = match chart {
                Some(Chart::V0) => &["persistence"],
                Some(Chart::V1) => &["artifactsStore", "connections"],
                None => &["persistence", "artifactsStore", "connections"],
            };
            for key in sections {
                out.push(Offer::key(key, "storage section", true));
            }
        }
        Place::Persistence => {
            for role in Role::V0_SECTIONS {
                out.push(Offer::key(role.key(), "persistence section", true));
            }
        }
        Place::V0Section(role) => out.extend(entry_snippets(role, 2, false)),
        Place::Connections => out.extend(entry_snippets(Role::Connection, 1, false)),
        Place::Entry { role, depth, inner } => {
            let entry_kind = entry_kind(here, role, depth);
            for key in entry_keys(role, &inner, entry_kind) {
                // v0 entry keys all take a value; `secret` is a mapping in v1+ only.
                let block = role.chart() == Chart::V1 && V1_BLOCKS.contains(&key);
                out.push(Offer::key(key, &key_detail(role, &inner), block));
            }
            if inner.is_empty() && here.siblings().is_empty() && role.chart() == Chart::V1 {
                // A fresh store or connection (the cursor past its `- `): whole entries.
                out.extend(entry_snippets(role, 1, role == Role::Connection));
            }
        }
        Place::SecretItem { depth } => {
            let secret = here.value_at(depth, "name");
            for key in secret_keys(cluster, secret) {
                out.push(Offer::value(
                    key,
                    "key of the Secret (from the cluster snapshot)",
                ));
            }
            return out;
        }
        Place::Elsewhere => {}
    }
    let written = |key: &str| here.siblings().iter().any(|(k, _)| same_key(k, key));
    out.retain(|o| o.snippet || !written(&o.label));
    out
}

/// Whether two keys are one key to Polyaxon (`configMap` and its name `config_map`).
fn same_key(a: &str, b: &str) -> bool {
    let plain = |k: &str| k.replace('_', "").to_ascii_lowercase();
    plain(a) == plain(b)
}

fn key_detail(role: Role, inner: &[String]) -> String {
    match (role.chart(), inner) {
        (Chart::V0, _) => format!("key of a v0 {} entry", role.key()),
        (Chart::V1, []) => format!("key of {}", role_words(role)),
        (Chart::V1, path) => format!("`{}` key of {}", path.join("."), role_words(role)),
    }
}

fn role_words(role: Role) -> &'static str {
    match role {
        Role::ArtifactsStore => "the artifacts store",
        _ => "a connection",
    }
}

/// The kind the entry's keys say, as far as the lines show: v0 its kind key, v1+ `kind:`
/// (`Other` for a kind with no artifact schema the core knows: git, slack...).
fn entry_kind(here: &Cursor, role: Role, depth: usize) -> KindState {
    let written = |key: &str| here.value_at(depth, key);
    let found = match role.chart() {
        Chart::V1 => match written("kind").filter(|v| !v.is_empty()) {
            None => return KindState::Unset,
            Some(name) => Kind::from_v1_name(name).ok_or(KindState::Other),
        },
        Chart::V0 => Kind::ALL
            .into_iter()
            .find(|kind| match kind {
                Kind::Bucket(store) => written("store") == Some(store.v0_name()),
                other => written(other.name(Chart::V0)).is_some(),
            })
            .ok_or(KindState::Unset),
    };
    found.map_or_else(|state| state, KindState::Known)
}

/// The keys an entry's mapping (or one inside it) may have, in the core's order.
fn entry_keys(role: Role, inner: &[String], kind: KindState) -> Vec<&'static str> {
    let inner: Vec<&str> = inner.iter().map(String::as_str).collect();
    let camel = |k: &&str| !k.contains('_');
    match (role.chart(), inner.as_slice()) {
        // v0: a kind chosen keeps its own fields (the three kind keys exclude each other).
        (Chart::V0, []) => match kind {
            KindState::Known(kind) => {
                let mut keys: Vec<&str> = kind
                    .fields(Chart::V0)
                    .iter()
                    .map(|f| f.key(Chart::V0))
                    .collect();
                if kind.store().is_some() {
                    keys.insert(0, Field::Store.key(Chart::V0));
                }
                keys
            }
            // `repos` and `upload` mount a volume whatever `store` says (the map's
            // `Note::StoreIgnored`): their cloud keys would be dead weight.
            _ if matches!(role, Role::Repos | Role::Upload) => {
                let cloud = [Field::Store, Field::Bucket, Field::Secret, Field::SecretKey]
                    .map(|f| f.key(Chart::V0));
                V0_KEYS
                    .iter()
                    .copied()
                    .filter(|k| !cloud.contains(k))
                    .collect()
            }
            _ => V0_KEYS.to_vec(),
        },
        (Chart::V1, []) => CONNECTION_KEYS.iter().copied().filter(camel).collect(),
        (Chart::V1, ["schema"]) => {
            let kinds: Vec<Kind> = match kind {
                KindState::Known(kind) => vec![kind],
                KindState::Unset => Kind::ALL.to_vec(),
                _ => Vec::new(),
            };
            let mut keys = Vec::new();
            for kind in kinds {
                for field in kind.fields(Chart::V1) {
                    if let Some(["schema", key]) = field.location(Chart::V1) {
                        if !keys.contains(key) {
                            keys.push(*key);
                        }
                    }
                }
            }
            keys
        }
        (Chart::V1, ["secret" | "configMap" | "config_map"]) => {
            RESOURCE_KEYS.iter().copied().filter(camel).collect()
        }
        _ => Vec::new(),
    }
}

/// The field of an entry at `inner` + `key` on the entry's chart (`schema` + `volumeClaim`:
/// the claim).
fn field_at(role: Role, inner: &[String], key: &str) -> Option<Field> {
    let chart = role.chart();
    Field::ALL.into_iter().find(|f| {
        f.location(chart).is_some_and(|loc| {
            loc.len() == inner.len() + 1
                && loc.iter().zip(inner).all(|(a, b)| a == b)
                && loc.last().is_some_and(|last| {
                    *last == key || (chart == Chart::V1 && f.v1_alias() == Some(key))
                })
        })
    })
}

/// The values that fit `key:` in the cursor's mapping.
fn values(here: &Cursor, key: &str, cluster: Option<&Cluster>) -> Vec<Offer> {
    let Place::Entry { role, depth, inner } = place(&here.path) else {
        return Vec::new();
    };
    let chart = role.chart();
    if chart == Chart::V1 && inner.is_empty() && key == "kind" {
        let kinds: &[&str] = match role {
            Role::ArtifactsStore => &Kind::V1_NAMES,
            _ => &PROVIDER_KINDS,
        };
        let artifact = |k: &&str| Kind::from_v1_name(k).is_some();
        // The artifact kinds first: what storage is about.
        let (first, rest): (Vec<&str>, Vec<&str>) = kinds.iter().copied().partition(artifact);
        return first
            .into_iter()
            .map(|k| Offer::value(k, "artifact kind"))
            .chain(rest.into_iter().map(|k| Offer::value(k, "connection kind")))
            .collect();
    }
    let Some(field) = field_at(role, &inner, key) else {
        return Vec::new();
    };
    let from_cluster = "from the cluster snapshot";
    match field {
        _ if field.is_bool() => ["true", "false"]
            .iter()
            .map(|v| Offer::value(v, "boolean"))
            .collect(),
        Field::Store => StoreKind::ALL
            .iter()
            .map(|s| Offer::value(s.v0_name(), s.label()))
            .collect(),
        Field::Claim => {
            // Bound claims first: a Pending or Lost one keeps the pods from starting (N002).
            let mut claims: Vec<_> = cluster.map_or(&[][..], |c| &c.claims[..]).iter().collect();
            claims.sort_by_key(|c| c.phase != "Bound");
            claims
                .into_iter()
                .map(|c| Offer::value(&c.name, &format!("claim ({}, {from_cluster})", c.phase)))
                .collect()
        }
        Field::Secret => cluster
            .map_or(&[][..], |c| &c.secrets[..])
            .iter()
            .map(|s| Offer::value(&s.name, &format!("Secret ({from_cluster})")))
            .collect(),
        Field::SecretKey => secret_keys(cluster, here.value_at(depth, "secret"))
            .into_iter()
            .map(|k| Offer::value(k, &format!("key of the Secret ({from_cluster})")))
            .collect(),
        _ => Vec::new(),
    }
}

/// The key names of the Secret `name` in the snapshot (names only: it holds no values).
fn secret_keys<'c>(cluster: Option<&'c Cluster>, name: Option<&str>) -> Vec<&'c str> {
    match (cluster, name) {
        (Some(cluster), Some(name)) => cluster
            .secret(name)
            .map(|s| s.keys.iter().map(String::as_str).collect())
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// A whole entry of `role` per kind, as a snippet cut to the cursor's level.
fn entry_snippets(role: Role, skip: usize, inside_item: bool) -> Vec<Offer> {
    let chart = role.chart();
    Kind::ALL
        .into_iter()
        .filter_map(|kind| {
            let template = snippets::template(role, kind)?;
            let what = match role {
                Role::ArtifactsStore => "artifacts store".to_string(),
                Role::Connection => "connection".to_string(),
                other => format!("{} entry", other.key()),
            };
            Some(Offer {
                label: format!("{what}: {}", kind.name(chart)),
                kind: CompletionItemKind::SNIPPET,
                detail: format!("{} {what}", kind.label()),
                new_text: snippets::block(&template, skip, inside_item),
                snippet: true,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cluster() -> Cluster {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../core/src/rules/cluster/snapshots/cluster.json"
        );
        let text = std::fs::read_to_string(path).expect("the snapshot");
        storage_core::cluster::read(&text).expect("a snapshot")
    }

    /// The items offered at `|` in a values file.
    fn offered(text: &str, cluster: Option<&Cluster>) -> Vec<CompletionItem> {
        let at = text.find('|').expect("a cursor mark");
        let uri = "file:///w/values.yaml".parse().expect("a URI");
        let doc = Document::new(uri, text.replace('|', ""), Options::default(), cluster);
        items(
            &doc,
            at,
            Options::default(),
            cluster,
            Client { snippets: true },
        )
    }

    fn labels(text: &str, cluster: Option<&Cluster>) -> Vec<String> {
        offered(text, cluster)
            .into_iter()
            .map(|i| i.label)
            .collect()
    }

    #[test]
    fn v0_entry_keys_leave_out_those_written_and_follow_the_kind() {
        let got = labels(
            "persistence:\n  outputs:\n    out:\n      mountPath: /o\n      |\n",
            None,
        );
        // Every v0 key but the one written.
        assert_eq!(got, V0_KEYS[1..]);
        let got = labels(
            "persistence:\n  outputs:\n    out:\n      existingClaim: pvc\n      |\n",
            None,
        );
        assert_eq!(got, ["mountPath", "readOnly"]);
        let got = labels("persistence:\n  |\n", None);
        assert_eq!(got, ["outputs", "data", "logs", "repos", "upload"]);
        // `repos` and `upload` mount a volume whatever `store` says: no cloud keys.
        let got = labels("persistence:\n  upload:\n    |\n", None);
        assert_eq!(got, ["mountPath", "hostPath", "existingClaim", "readOnly"]);
    }

    /// A new entry's default name is not one the file has: a second `outputs` entry
    /// would replace the first (Y002), a second connection `s3` is A002.
    /// A half-typed root key leaves the text unreadable; the sections written still say
    /// the chart, so the other chart's sections are not offered.
    #[test]
    fn a_half_typed_root_key_keeps_the_chart() {
        let got = labels("artifactsStore:\n  name: a\n  kind: s3\np|\n", None);
        assert_eq!(got, ["connections"]);
        let got = labels("persistence:\n  outputs: {}\na|\n", None);
        assert!(
            !got.iter()
                .any(|l| l == "artifactsStore" || l == "connections"),
            "{got:?}"
        );
    }

    /// In a CRLF file a snippet's lines end with CRLF (not every editor converts).
    #[test]
    fn snippet_lines_end_as_the_files_do() {
        let item = offered("connections:\r\n  - name: a\r\n    kind: s3\r\n  - |", None)
            .into_iter()
            .find(|i| i.label == "connection: s3")
            .expect("a snippet");
        let Some(CompletionTextEdit::Edit(edit)) = item.text_edit else {
            panic!("an edit");
        };
        assert!(
            edit.new_text.contains("\r\n    kind: s3"),
            "{:?}",
            edit.new_text
        );
        assert_eq!(
            edit.new_text.matches('\n').count(),
            edit.new_text.matches("\r\n").count()
        );
    }

    #[test]
    fn snippet_names_are_not_taken() {
        let snippet = |text: &str, label: &str| -> String {
            let item = offered(text, None)
                .into_iter()
                .find(|i| i.label == label)
                .expect(label);
            match item.text_edit {
                Some(CompletionTextEdit::Edit(edit)) => edit.new_text,
                other => panic!("{other:?}"),
            }
        };
        let v0 = "persistence:\n  outputs:\n    outputs:\n      hostPath: /o\n      mountPath: /o\n    |\n";
        assert!(snippet(v0, "outputs entry: s3").starts_with("${1:outputs-2}:"));
        let v1 = "connections:\n  - name: s3\n    kind: s3\n  - name: s3-2\n    kind: s3\n  - |\n";
        assert!(snippet(v1, "connection: s3").starts_with("name: ${1:s3-3}\n"));
        assert_eq!(with_unused_name("name: ${1:a}", &[]), "name: ${1:a}");
    }

    #[test]
    fn v1_keys_schema_keys_per_kind_and_resource_keys() {
        let got = labels("artifactsStore:\n  name: a\n  kind: s3\n  |\n", None);
        assert_eq!(
            got,
            [
                "description",
                "tags",
                "schema",
                "secret",
                "configMap",
                "env",
                "annotations",
                "isAlias"
            ]
        );
        let got = labels(
            "connections:\n  - name: a\n    kind: volume_claim\n    schema:\n      |\n",
            None,
        );
        assert_eq!(got, ["mountPath", "volumeClaim", "readOnly"]);
        let got = labels(
            "connections:\n  - name: a\n    kind: git\n    schema:\n      |\n",
            None,
        );
        assert!(got.is_empty(), "{got:?}");
        let got = labels("artifactsStore:\n  secret:\n    name: s\n    |\n", None);
        assert_eq!(
            got,
            [
                "mountPath",
                "hostPath",
                "items",
                "defaultMode",
                "isRequested"
            ]
        );
    }

    #[test]
    fn values_kinds_stores_booleans_and_cluster_names() {
        let kinds = labels("connections:\n  - name: a\n    kind: |", None);
        assert_eq!(
            kinds[..5],
            ["host_path", "volume_claim", "gcs", "s3", "wasb"]
        );
        assert!(kinds.contains(&"git".to_string()));
        let kinds = labels("artifactsStore:\n  kind: |", None);
        assert_eq!(kinds, Kind::V1_NAMES);
        let stores = labels("persistence:\n  data:\n    d:\n      store: |", None);
        assert_eq!(stores, ["s3", "gcs", "azure"]);
        let flags = labels("artifactsStore:\n  schema:\n    readOnly: |", None);
        assert_eq!(flags, ["true", "false"]);
        let cluster = cluster();
        let claims = labels(
            "persistence:\n  outputs:\n    o:\n      existingClaim: out|",
            Some(&cluster),
        );
        assert!(claims.contains(&"outputs-nfs".to_string()), "{claims:?}");
        // Bound claims before Pending and Lost ones, whatever the snapshot's order.
        let claim = |name: &str, phase: &str| {
            format!(
                r#"{{"kind": "PersistentVolumeClaim", "metadata": {{"name": "{name}", "namespace": "polyaxon"}}, "status": {{"phase": "{phase}"}}}}"#
            )
        };
        let snapshot = format!(
            r#"{{"kind": "List", "items": [{}, {}, {}]}}"#,
            claim("a-lost", "Lost"),
            claim("b-bound", "Bound"),
            claim("c-pending", "Pending")
        );
        let ordered = storage_core::cluster::read(&snapshot).expect("a snapshot");
        let claims = labels(
            "persistence:\n  outputs:\n    o:\n      existingClaim: |",
            Some(&ordered),
        );
        assert_eq!(claims, ["b-bound", "a-lost", "c-pending"]);
        let keys = labels(
            "persistence:\n  outputs:\n    o:\n      store: s3\n      secret: s3-json\n      secretKey: |\n",
            Some(&cluster),
        );
        assert_eq!(keys, ["S3_SECRET_JSON"]);
        let items = labels(
            "artifactsStore:\n  secret:\n    name: s3-secret\n    items:\n      - |\n",
            Some(&cluster),
        );
        assert_eq!(items, ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"]);
        let secrets = labels("artifactsStore:\n  secret:\n    name: |", Some(&cluster));
        assert_eq!(secrets, ["s3-secret", "s3-json", "gcs-secret"]);
        // Without a snapshot: no names.
        assert!(labels("artifactsStore:\n  secret:\n    name: |", None).is_empty());
    }

    #[test]
    fn snippets_where_an_entry_goes_and_sections_by_chart() {
        let got = labels("connections:\n  - |", None);
        assert!(
            got.contains(&"connection: volume_claim".to_string()),
            "{got:?}"
        );
        assert!(got.contains(&"name".to_string()));
        let got = labels("persistence:\n  outputs:\n    |", None);
        assert_eq!(got.len(), 5, "{got:?}");
        assert_eq!(labels("persistence: {}\n|", None), Vec::<String>::new());
        assert_eq!(
            labels("|", None),
            ["persistence", "artifactsStore", "connections"]
        );
        assert_eq!(labels("artifactsStore: {}\n|", None), ["connections"]);
    }

    /// The new text of the item labelled `label` at `|`.
    fn new_text(text: &str, label: &str) -> String {
        let found = offered(text, None).into_iter().find(|i| i.label == label);
        match found.and_then(|i| i.text_edit) {
            Some(CompletionTextEdit::Edit(edit)) => edit.new_text,
            _ => String::new(),
        }
    }

    #[test]
    fn a_key_of_a_block_ends_at_its_colon() {
        let v0 = "persistence:\n  outputs:\n    o:\n      store: s3\n      |\n";
        assert_eq!(new_text(v0, "secret"), "secret: ");
        let v1 = "artifactsStore:\n  kind: s3\n  |\n";
        assert_eq!(new_text(v1, "secret"), "secret:");
        assert_eq!(new_text(v1, "description"), "description: ");
        assert_eq!(new_text("|", "connections"), "connections:");
    }

    #[test]
    fn the_range_is_the_typed_prefix_in_utf16() {
        let text = "persistence:\n  outputs:\n    \u{1F600}:\n      sto";
        let uri = "file:///w/values.yaml".parse().expect("a URI");
        let doc = Document::new(uri, text.to_string(), Options::default(), None);
        let got = items(
            &doc,
            text.len(),
            Options::default(),
            None,
            Client { snippets: true },
        );
        let store = got.iter().find(|i| i.label == "store").expect("store");
        let Some(CompletionTextEdit::Edit(edit)) = &store.text_edit else {
            panic!("a text edit");
        };
        assert_eq!(
            edit.range,
            Range::new(
                lsp_types::Position::new(3, 6),
                lsp_types::Position::new(3, 9)
            )
        );
        assert_eq!(edit.new_text, "store: ");
    }
}
