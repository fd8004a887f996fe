//! Migration from the v0 chart's `persistence` to the v1+ chart's `artifactsStore` and
//! `connections` (finding A008, `storage-check migrate`).
//!
//! The outputs entry jobs default to (the alphabetically first, as Helm sorts map keys)
//! becomes the `artifactsStore`; every other outputs entry and every data entry becomes a
//! connection. The v1+ chart ignores `persistence`, so the migrated block replaces it.

use std::collections::HashMap;

use crate::edit;
use crate::fix::{Edit, Fix};
use crate::map::{self, Pod, Source};
use crate::options::{Chart, Options};
use crate::secrets::{self, SecretLayout};
use crate::source::Span;
use crate::storage::{Entry, Field, Kind, KindState, Role, Storage};
use crate::text::bucket::{self, StoreKind};
use crate::text::{names, quote};
use crate::yaml::template::MaskKind;
use crate::yaml::{self, Document, NodeKind, Pair, ScalarType};

/// A proposed migration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Migration {
    /// The `artifactsStore:` / `connections:` block.
    pub block: String,
    /// One `kubectl create secret` per cloud secret, in the v1+ form (separate keys).
    pub secret_commands: Vec<String>,
    /// Entries left out, each with its path and the reason.
    pub skipped: Vec<String>,
    /// `persistence` keys the v1+ chart has no place for (`logs`, `repos`, `upload`).
    pub dropped: Vec<String>,
    /// What else to know: names changed to stay unique, Secrets given a new name.
    pub notes: Vec<String>,
    /// What the v1+ deployment would not do as the v0 one did: entries left out, values
    /// not carried, and every difference the meaning check finds between the two storage
    /// maps. Never counted as fixed: `storage-check migrate` refuses while there is one,
    /// unless `--accept-losses`.
    pub losses: Vec<String>,
    /// The YAML paths of the entries carried over (`persistence.outputs.NAME`), for the
    /// caller to weigh the findings under them.
    pub carried: Vec<String>,
    /// Replaces the `persistence` block with `block`; `None` when `persistence` is not
    /// written in block style (the block is then for the user to paste).
    pub fix: Option<Fix>,
}

struct Item {
    /// The v0 entry's path.
    path: String,
    name: String,
    kind: Kind,
    /// Each key and its value as written in YAML (quoted, or a template as it was).
    schema: Vec<(&'static str, String)>,
    secret: Option<String>,
    /// The v0 Secret `secret` replaces.
    old_secret: Option<String>,
    /// `readOnly` written as a string or number that reads as true (carried as `true`).
    read_only_from_text: bool,
    /// For the secret command: the store and, for Azure, the account.
    store: Option<(StoreKind, Option<String>)>,
    /// The comments written inside the entry, kept above it.
    comments: Vec<String>,
    /// What to know about this entry's carrying over.
    notes: Vec<String>,
    /// What of this entry is not carried over.
    losses: Vec<String>,
}

/// The longest Kubernetes name the migration writes: a DNS-1123 label. Entry names become
/// volume names, and so does a Secret with a `mountPath` (the GCS one: polyaxon's
/// `converter/common/volumes.py` `get_volume_from_secret` names the volume `secret.name`).
const MAX_NAME: usize = 63;

/// Whether a finding at `path` is in what a migration carries (`carried`: the paths of
/// its entries). Such an error comes along into the v1+ file, so the migration is made
/// only once the user accepts it (the CLI's `--accept-losses`, the page's review).
pub fn carries(carried: &[String], path: &str) -> bool {
    carried
        .iter()
        .any(|entry| crate::yaml::path::covers(entry, path))
}

/// The migration of `doc`'s `persistence`, if it has any storage entry to migrate and
/// the file has no v1+ section yet.
pub fn plan(text: &str, doc: &Document) -> Option<Migration> {
    plan_for(text, doc, &Storage::read(doc, Chart::V0)).ok()
}

/// [`plan`], or why there is nothing to migrate (for `storage-check migrate`, which must
/// not write an empty file and exit as if it had worked).
pub fn plan_or_reason(text: &str, doc: &Document) -> Result<Migration, String> {
    plan_for(text, doc, &Storage::read(doc, Chart::V0))
}

/// [`plan_or_reason`] over the v0 entries already read.
pub(crate) fn plan_for(text: &str, doc: &Document, model: &Storage) -> Result<Migration, String> {
    if model.artifacts_store.is_some() || model.connections.is_some() {
        return Err("the file already has `artifactsStore`/`connections` (the v1+ chart)".into());
    }
    let persistence = model
        .persistence
        .ok_or("the file has no `persistence` section".to_string())?;
    refuse_templates(text, doc, persistence)?;
    refuse_shared_anchors(text, doc, persistence)?;
    let mut skipped = Vec::new();
    let mut convert = |entry: &Entry| -> Option<Item> {
        match item(text, doc, entry) {
            Ok(item) => Some(item),
            Err(why) => {
                skipped.push(format!("{} ({why})", entry.path));
                None
            }
        }
    };
    // The store is the entry jobs default to, the alphabetically first (Helm sorts map
    // keys); the other entries keep the order they are written in.
    let outputs: Vec<&Entry> = model.entries_of(Role::Outputs).collect();
    let first = outputs.iter().copied().min_by(|a, b| a.name.cmp(&b.name));
    let mut store = first.and_then(&mut convert);
    let mut connections: Vec<Item> = outputs
        .iter()
        .filter(|e| first.is_none_or(|f| !std::ptr::eq(**e, f)))
        .filter_map(|e| convert(e))
        .collect();
    connections.extend(model.entries_of(Role::Data).filter_map(&mut convert));
    if store.is_none() && connections.is_empty() {
        let flat = [model.outputs, model.data].into_iter().flatten().any(|p| {
            doc.pairs(p.value)
                .iter()
                .any(|q| crate::storage::v0::is_flat_key(doc, q))
        });
        return Err(if flat {
            "`persistence` is in the 0.1.x flat shape (S002): wrap its keys in a named entry first"
                .into()
        } else if skipped.is_empty() {
            "`persistence` has no outputs or data entry to migrate".into()
        } else {
            format!("no entry can be migrated: {}", skipped.join("; "))
        });
    }
    let mut notes = Vec::new();
    let mut losses: Vec<String> = skipped
        .iter()
        .map(|s| format!("not migrated: {s}"))
        .collect();
    for item in store.iter_mut().chain(connections.iter_mut()) {
        notes.append(&mut item.notes);
        losses.append(&mut item.losses);
    }
    // Names stay unique across the store and the connections (the agent refuses twice the
    // same name): a later one gets `-2`, `-3`, ... (shortened first to stay a DNS-1123
    // label) and a note.
    // `String → String`: a map type the rules use already (each type costs the page wasm).
    let mut taken: HashMap<String, String> = HashMap::new();
    for item in store.iter_mut().chain(connections.iter_mut()) {
        if taken.contains_key(&item.name) {
            let unique = (2..)
                .map(|i| with_suffix(&item.name, &format!("-{i}")))
                .find(|n| !taken.contains_key(n))
                .unwrap_or_default();
            notes.push(format!(
                "`{}` is used twice; this one is now `{unique}`",
                item.name
            ));
            item.name = unique;
        }
        taken.insert(item.name.clone(), String::new());
    }
    // The v0 deployment keeps using its Secrets (one JSON key each): the v1+ ones, with a
    // key per credential, get new names, so creating them cannot clash with the old ones,
    // nor with any other Secret the file names. One name holds one content: a v0 Secret
    // read by stores of two kinds (or two Azure accounts) becomes two v1+ Secrets.
    let mut secret_names = secret_names(doc);
    // `old name NUL content` → new name, the content being the command with no name in
    // it; and each old name already given one.
    let mut renamed: HashMap<String, String> = HashMap::new();
    let mut seen: HashMap<String, String> = HashMap::new();
    for item in store.iter_mut().chain(connections.iter_mut()) {
        let Some(old) = item.secret.clone() else {
            continue;
        };
        let content = item
            .store
            .as_ref()
            .map(|(kind, account)| {
                secrets::help(
                    *kind,
                    "",
                    SecretLayout::KeyPerCredential,
                    account.as_deref(),
                )
                .command
            })
            .unwrap_or_default();
        let key = format!("{old}\0{content}");
        let new = match renamed.get(&key) {
            Some(new) => new.clone(),
            None => {
                let new = unique_secret(&old, &secret_names);
                secret_names.insert(new.clone(), String::new());
                notes.push(if seen.contains_key(&old) {
                    format!("`{old}` holds the credentials of stores of different kinds or accounts: the v1+ Secret of `{}` is `{new}`, one name per content", item.name)
                } else {
                    format!("the v1+ Secret is `{new}`: the v0 deployment still reads `{old}` in its one-file form")
                });
                seen.insert(old.clone(), String::new());
                renamed.insert(key, new.clone());
                new
            }
        };
        item.old_secret = Some(old);
        item.secret = Some(new);
    }
    let nl = edit::newline(text);
    let mut block = String::new();
    for comment in loose_comments(text, doc, persistence, model) {
        block.push_str(&format!("{comment}{nl}"));
    }
    if let Some(store) = &store {
        block.push_str(&format!("artifactsStore:{nl}"));
        write_item(&mut block, store, "  ", "  ", nl);
    }
    if !connections.is_empty() {
        block.push_str(&format!("connections:{nl}"));
        for c in &connections {
            write_item(&mut block, c, "  - ", "    ", nl);
        }
    }
    let mut seen_commands: HashMap<String, String> = HashMap::new();
    let mut secret_commands = Vec::new();
    for item in store.iter().chain(&connections) {
        if let (Some(secret), Some((kind, account))) = (&item.secret, &item.store) {
            let command = secrets::help(
                *kind,
                secret,
                SecretLayout::KeyPerCredential,
                account.as_deref(),
            )
            .command;
            // Looked up, not scanned: one command per Secret, linear in the entries.
            if !seen_commands.contains_key(&command) {
                seen_commands.insert(command.clone(), String::new());
                secret_commands.push(command);
            }
        }
    }
    let items: Vec<&Item> = store.iter().chain(&connections).collect();
    losses.extend(meaning_losses(doc, model, &block, &items));
    let dropped = dropped(doc, model, persistence);
    let carried = items.iter().map(|i| i.path.clone()).collect();
    let fix = edit::pair_lines(text, doc, persistence)
        .filter(|_| doc.node(persistence.value).is_some_and(|n| !n.flow))
        .map(|lines| {
            let mut replacement = block.clone();
            if !text[lines.start..lines.end].ends_with('\n') {
                replacement.truncate(replacement.trim_end_matches(['\r', '\n']).len());
            }
            Fix::suggested(
                "Migrate `persistence` to `artifactsStore`/`connections` (v1+ chart)",
                vec![Edit::replace(lines.start, lines.end, replacement)],
                vec![
                    "persistence".into(),
                    "artifactsStore".into(),
                    "connections".into(),
                ],
            )
        });
    Ok(Migration {
        block,
        secret_commands,
        skipped,
        dropped,
        notes,
        losses,
        carried,
        fix,
    })
}

/// The 1-based line of `offset`.
fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()
        .iter()
        .take(offset)
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// The lines `persistence` stands on: what the migration replaces.
fn persistence_lines(text: &str, doc: &Document, persistence: Pair) -> Span {
    let all = doc.span(persistence.key).cover(doc.span(persistence.value));
    Span::new(
        edit::line_start(text, all.start),
        edit::line_end_inclusive(text, all.end),
    )
}

/// Refuses a `persistence` with template control lines (`{{- if }}`, `{{- range }}`,
/// `{{- end }}`, `%{ if }`...) inside it: the entries are rewritten one by one, and the
/// structure those lines give them cannot be carried over line for line. (Template values,
/// `bucket: {{ .Values.b }}`, are carried as written.)
fn refuse_templates(text: &str, doc: &Document, persistence: Pair) -> Result<(), String> {
    let lines = persistence_lines(text, doc, persistence);
    let control = doc.masked().iter().find(|m| {
        m.kind == MaskKind::Directive && m.span.start >= lines.start && m.span.end <= lines.end
    });
    match control {
        Some(m) => Err(format!(
            "`persistence` holds template control at line {} (`{}`): the migration rewrites each entry and cannot carry that structure; move the template outside `persistence` or migrate by hand",
            line_of(text, m.span.start),
            text.get(m.span.start..m.span.end).unwrap_or("").trim()
        )),
        None => Ok(()),
    }
}

/// Refuses a `persistence` holding an anchor that is aliased outside it: replacing
/// `persistence` would leave that alias naming nothing (the file would not parse).
fn refuse_shared_anchors(text: &str, doc: &Document, persistence: Pair) -> Result<(), String> {
    let inside = doc.span(persistence.key).cover(doc.span(persistence.value));
    let within = |s: Span| s.start >= inside.start && s.end <= inside.end;
    let shared = doc.nodes.iter().find_map(|n| match n.kind {
        NodeKind::Alias(target) if !within(n.span) && within(doc.span(target)) => Some(n.span),
        _ => None,
    });
    match shared {
        Some(alias) => Err(format!(
            "an anchor inside `persistence` is used outside it (`{}` at line {}): replacing `persistence` would leave that alias naming nothing; copy the anchored value there first",
            text.get(alias.start..alias.end).unwrap_or("").trim(),
            line_of(text, alias.start)
        )),
        None => Ok(()),
    }
}

/// Every name the file gives a Secret: the value of any key naming a secret (`secret`,
/// `existingSecret`, `secretName`, ...), the `name` of such a mapping (`secret.name`), and
/// the names in such a list (`imagePullSecrets`). More names than Secrets is harmless: the
/// v1+ names only avoid them all.
fn secret_names(doc: &Document) -> HashMap<String, String> {
    let mut out: HashMap<String, String> = HashMap::new();
    let mut add = |id| {
        if let Some(s) = doc.scalar(id) {
            out.insert(s.value.clone(), String::new());
        }
    };
    for node in &doc.nodes {
        let NodeKind::Mapping(pairs) = &node.kind else {
            continue;
        };
        for pair in pairs {
            let names_secret = doc
                .key_str(pair.key)
                .is_some_and(|k| k.to_ascii_lowercase().contains("secret"));
            if !names_secret {
                continue;
            }
            add(pair.value);
            if let Some(name) = doc.get(pair.value, "name") {
                add(name.value);
            }
            for item in doc.items(pair.value) {
                add(*item);
                if let Some(name) = doc.get(*item, "name") {
                    add(name.value);
                }
            }
        }
    }
    out
}

/// `base` + `suffix`, `base` shortened first so the whole stays within [`MAX_NAME`] (a
/// template is left whole: its rendered length is unknown).
fn with_suffix(base: &str, suffix: &str) -> String {
    if base.contains("{{") {
        return format!("{base}{suffix}");
    }
    let mut cut = base.len().min(MAX_NAME.saturating_sub(suffix.len()));
    while !base.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = base[..cut].trim_end_matches(['-', '.']);
    format!("{head}{suffix}")
}

/// The v1+ name for the v0 Secret `old`: `old-v1`, else `old-v1-2`, ..., taken by no name
/// in `taken`.
fn unique_secret(old: &str, taken: &HashMap<String, String>) -> String {
    (1..)
        .map(|i| match i {
            1 => with_suffix(old, "-v1"),
            _ => with_suffix(old, &format!("-v1-{i}")),
        })
        .find(|n| n != old && !taken.contains_key(n))
        .unwrap_or_default()
}

/// What `persistence` holds that the block does not carry: `logs`, `repos`, `upload` (the
/// v1+ chart has no place for them), keys the 0.6.1 chart does not read, and keys of the
/// migrated entries their kind does not use; each with what it was.
fn dropped(doc: &Document, model: &Storage, persistence: Pair) -> Vec<String> {
    let what = |id| match doc.scalar(id) {
        Some(s) if s.scalar_type() != ScalarType::Null => format!("`{}`", s.value),
        _ => doc.describe(id).to_string(),
    };
    let mut out = Vec::new();
    for pair in doc.pairs(persistence.value) {
        let key = doc.key_str(pair.key).unwrap_or("?");
        let path = format!("persistence.{key}");
        match key {
            "outputs" | "data" => {}
            "logs" | "repos" | "upload" => out.push(format!("{path} (no place in the v1+ chart)")),
            _ => out.push(format!(
                "{path} ({}: not a key the 0.6.1 chart reads)",
                doc.describe(pair.value)
            )),
        }
    }
    for entry in model
        .entries
        .iter()
        .filter(|e| matches!(e.role, Role::Outputs | Role::Data))
    {
        let used: &[Field] = match entry.kind {
            KindState::Known(Kind::HostPath) => {
                &[Field::HostPath, Field::MountPath, Field::ReadOnly]
            }
            KindState::Known(Kind::Claim) => &[Field::Claim, Field::MountPath, Field::ReadOnly],
            KindState::Known(Kind::Bucket(_)) => {
                &[Field::Store, Field::Bucket, Field::Secret, Field::SecretKey]
            }
            // Not migrated: `skipped` says why.
            _ => continue,
        };
        for f in entry.fields.iter().filter(|f| !used.contains(&f.field)) {
            out.push(format!(
                "{} ({}: an entry with {} does not use it)",
                entry.field_path(f.field),
                what(f.pair.value),
                entry.kind_words(entry.kind.known().unwrap_or(Kind::HostPath))
            ));
        }
        for pair in &entry.others {
            let key = doc.key_str(pair.key).unwrap_or("?");
            out.push(format!(
                "{} ({}: not a key of a v0 entry)",
                entry.child_path(key),
                what(pair.value)
            ));
        }
    }
    out
}

/// The meaning check: what job pods got from each migrated entry (the 0.6.1 storage map)
/// against what runs get from the migrated block (the v1+ one): the same source (host
/// path, claim, bucket), mount path, read-only flag, and credentials (the v0 Secret
/// mapped to its v1+ name). Each difference is a loss.
fn meaning_losses(doc: &Document, model: &Storage, block: &str, items: &[&Item]) -> Vec<String> {
    let options = Options::default();
    let before = map::build(doc, model, &options);
    let v1 = match yaml::load(block, &options.limits) {
        Ok(v1) => v1,
        Err(e) => {
            return vec![format!(
                "the migrated block cannot be read back to compare: {e}"
            )]
        }
    };
    let after = map::build(&v1, &Storage::read(&v1, Chart::V1), &options);
    // `&str → usize`: the lookups the page's wasm already has.
    let mut jobs: HashMap<&str, usize> = HashMap::new();
    for (i, row) in before.rows.iter().enumerate() {
        if let (Some(path), [Pod::Jobs]) = (&row.path, row.pods) {
            // The first row of each entry: `get`/`insert`, not `entry` (no new map code).
            if !jobs.contains_key(path.as_str()) {
                jobs.insert(path.as_str(), i);
            }
        }
    }
    let mut runs: HashMap<&str, usize> = HashMap::new();
    for (i, row) in after.rows.iter().enumerate() {
        if !row.default && row.pods == [Pod::Runs] && !runs.contains_key(row.entry.as_str()) {
            runs.insert(row.entry.as_str(), i);
        }
    }
    let mut out = Vec::new();
    for item in items {
        let old = jobs
            .get(item.path.as_str())
            .and_then(|&i| before.rows.get(i));
        let new = runs
            .get(item.name.as_str())
            .and_then(|&i| after.rows.get(i));
        let (Some(old), Some(new)) = (old, new) else {
            out.push(format!(
                "{}: the migrated block has no `{}` that runs mount",
                item.path, item.name
            ));
            continue;
        };
        let path = &item.path;
        if old.mount_path != new.mount_path {
            out.push(format!(
                "{path}: jobs mounted it at {}, runs at {}",
                shown(&old.mount_path),
                shown(&new.mount_path)
            ));
        }
        let read_only = old.read_only || item.read_only_from_text;
        if read_only != new.read_only {
            let word = |b: bool| if b { "read-only" } else { "read-write" };
            out.push(format!(
                "{path}: jobs mounted it {}, runs {}",
                word(read_only),
                word(new.read_only)
            ));
        }
        let same = match (&old.source, &new.source) {
            (Source::HostPath { path: a }, Source::HostPath { path: b }) => a == b,
            (Source::Claim { claim: a }, Source::Claim { claim: b }) => a == b,
            (
                Source::Bucket {
                    store: s0,
                    bucket: b0,
                    secret: c0,
                },
                Source::Bucket {
                    store: s1,
                    bucket: b1,
                    secret: c1,
                },
            ) => {
                let name0 = c0.as_ref().and_then(|c| c.name.as_ref());
                let name1 = c1.as_ref().and_then(|c| c.name.as_ref());
                s0 == s1
                    && b0 == b1
                    && name0 == item.old_secret.as_ref()
                    && name1 == item.secret.as_ref()
            }
            _ => false,
        };
        if !same {
            out.push(format!(
                "{path}: jobs mounted {}, runs {}",
                source_words(&old.source),
                source_words(&new.source)
            ));
        }
    }
    out
}

fn shown(value: &Option<String>) -> String {
    value
        .as_deref()
        .map_or("nothing".to_string(), |v| format!("`{v}`"))
}

fn source_words(source: &Source) -> String {
    match source {
        Source::HostPath { path } => format!("the host path {}", shown(path)),
        Source::Claim { claim } => format!("the claim {}", shown(claim)),
        Source::Bucket {
            store,
            bucket,
            secret,
        } => format!(
            "the {} bucket {} with the Secret {}",
            store.v0_name(),
            shown(bucket),
            shown(&secret.as_ref().and_then(|s| s.name.clone()))
        ),
        Source::EmptyDir => "an emptyDir".into(),
        Source::NotMounted => "nothing".into(),
        Source::Unknown => "an unknown kind".into(),
    }
}

/// The comments of the entry at `span` (whole-line and trailing ones), as written: those
/// within it, and one right after its last value on that line. Only the entry's own text
/// is read: on a one-line flow file, reading each entry's whole line made the migration
/// quadratic (8,000 entries: 14 s).
fn comments_in(text: &str, span: Span) -> Vec<String> {
    let end = span.end.max(span.start);
    let mut comments: Vec<String> = text
        .get(span.start..end)
        .unwrap_or("")
        .lines()
        .filter_map(|line| comment_of(line).map(|c| c.trim_end().to_string()))
        .collect();
    // After the entry, past spaces and the brackets and commas that close it
    // (`{a: {…}, b: {…}}  # both`): a comment there is the entry's, the line's last.
    let after = text.get(end..).unwrap_or("");
    let rest = after.trim_start_matches([' ', '\t', ',', '}', ']']);
    if rest.starts_with('#') && rest.len() < after.len() {
        let line = rest.split(['\r', '\n']).next().unwrap_or(rest);
        comments.push(line.trim_end().to_string());
    }
    comments
}

/// The comment of a line: from a `#` at the line's start or after a space, outside
/// quotes. A quote opens a string only where a scalar starts (`don't` is plain text).
fn comment_of(line: &str) -> Option<&str> {
    let mut quote: Option<char> = None;
    let mut prev = ' ';
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (None, '\'' | '"') if matches!(prev, ' ' | '\t' | ':' | '[' | '{' | ',' | '-') => {
                quote = Some(c)
            }
            (Some(q), c) if c == q => quote = None,
            (None, '#') if prev == ' ' || prev == '\t' => return Some(&line[i..]),
            _ => {}
        }
        prev = c;
    }
    None
}

/// Comments of `persistence` outside every entry (they go above the new block).
fn loose_comments(text: &str, doc: &Document, persistence: Pair, model: &Storage) -> Vec<String> {
    // The entries' whole lines, in file order, swept once alongside the lines. Line starts
    // come from an index: searching back and forth for line breaks per entry was
    // quadratic on a one-line flow file.
    let lines = crate::source::LineIndex::new(text);
    let line_start = |offset: usize, after: usize| {
        lines.line_start(lines.position(text, offset).line + after, text.len())
    };
    let mut entries: Vec<(usize, usize)> = model
        .entries
        .iter()
        .map(|e| e.span(doc))
        .map(|s| (line_start(s.start, 0), line_start(s.end, 1)))
        .collect();
    crate::order::by_offsets(&mut entries, |&(a, b)| (a, b));
    let all = doc.span(persistence.key).cover(doc.span(persistence.value));
    let start = edit::line_start(text, all.start);
    let end = edit::line_end_inclusive(text, all.end);
    let mut out = Vec::new();
    let mut at = start;
    let mut next = 0;
    for line in text.get(start..end).unwrap_or("").split_inclusive('\n') {
        while entries.get(next).is_some_and(|&(_, e)| e <= at) {
            next += 1;
        }
        let inside = entries.get(next).is_some_and(|&(s, e)| s <= at && at < e);
        if !inside {
            if let Some(c) = comment_of(line.trim_end_matches(['\r', '\n'])) {
                out.push(c.trim_end().to_string());
            }
        }
        at += line.len();
    }
    out
}

fn item(text: &str, doc: &Document, entry: &Entry) -> Result<Item, String> {
    let value = |f: Field| entry.text(doc, f).map(str::to_string);
    let written = |f: Field| written(doc, entry, f);
    let name = names::slug(&entry.name).unwrap_or_else(|| entry.name.clone());
    let mut notes = Vec::new();
    let mut losses = Vec::new();
    let mut read_only_from_text = false;
    let read_only = match entry.field(Field::ReadOnly) {
        None => None,
        Some(f) if doc.is_template_value(f.pair.value) => written(Field::ReadOnly),
        Some(f) => {
            let path = entry.field_path(Field::ReadOnly);
            match doc.scalar(f.pair.value) {
                Some(s) if s.scalar_type() == ScalarType::Null => None,
                // Plain `true`, `yes`, `on`...: a boolean to Helm's YAML 1.1.
                Some(s) if s.scalar_type() == ScalarType::Bool => {
                    s.as_bool().filter(|b| *b).map(|_| "true".to_string())
                }
                // A quoted string or a number: Polyaxon 0.6.1's deploy check (marshmallow's
                // `fields.Bool`) reads `"true"`, `"yes"`, `1`... as true, and so does T001
                // (its safe fix writes `true`); the server hands the value on as written.
                // What the user meant is the boolean, so the v1+ schema gets one, with a
                // note. Anything else has no clear meaning: a loss, not a guess.
                Some(s) if matches!(s.scalar_type(), ScalarType::Str | ScalarType::Int) => {
                    let what = if s.scalar_type() == ScalarType::Str {
                        "the quoted string"
                    } else {
                        "the number"
                    };
                    match s.value.to_ascii_lowercase().as_str() {
                        "true" | "yes" | "on" | "y" | "t" | "1" => {
                            notes.push(format!("`{path}` is {what} `{}`, read as true: the v1+ schema has `readOnly: true`", s.value));
                            read_only_from_text = true;
                            Some("true".to_string())
                        }
                        "false" | "no" | "off" | "n" | "f" | "0" => {
                            notes.push(format!("`{path}` is {what} `{}`, read as false: the v1+ connection is writable, as before", s.value));
                            None
                        }
                        _ => {
                            losses.push(format!("`{path}` is {what} `{}`, neither true nor false: not carried, the v1+ connection is writable", s.value));
                            None
                        }
                    }
                }
                _ => {
                    losses.push(format!(
                        "`{path}` is {}, not a boolean: not carried, the v1+ connection is writable",
                        doc.describe(f.pair.value)
                    ));
                    None
                }
            }
        }
    }
    .map(|v| ("readOnly", v));
    let comments = comments_in(text, entry.span(doc));
    // A volume: its kind's key, the mount path (with the chart default for logs & co).
    let volume = |kind: Kind, key: &'static str, field: Field| -> Result<Item, String> {
        let own = written(field).ok_or(format!("its `{}` has no value", field.key(Chart::V0)))?;
        let mount = written(Field::MountPath)
            .or_else(|| entry.role.chart_default().map(|(m, _)| quote::scalar(m)))
            .ok_or("it has no `mountPath`: the v1+ schema needs one".to_string())?;
        Ok(Item {
            path: entry.path.to_string(),
            name: name.clone(),
            kind,
            schema: [(key, own), ("mountPath", mount)]
                .into_iter()
                .chain(read_only.clone())
                .collect(),
            secret: None,
            old_secret: None,
            read_only_from_text,
            store: None,
            comments: comments.clone(),
            notes: notes.clone(),
            losses: losses.clone(),
        })
    };
    match entry.kind {
        KindState::Known(Kind::HostPath) => volume(Kind::HostPath, "hostPath", Field::HostPath),
        KindState::Known(Kind::Claim) => volume(Kind::Claim, "volumeClaim", Field::Claim),
        KindState::Known(Kind::Bucket(store)) => {
            let url = value(Field::Bucket).ok_or("it has no `bucket`".to_string())?;
            let account = bucket::parse(store, &url)
                .ok()
                .and_then(|b| b.account.map(str::to_string));
            Ok(Item {
                path: entry.path.to_string(),
                name,
                kind: Kind::Bucket(store),
                schema: vec![("bucket", written(Field::Bucket).unwrap_or(url))],
                secret: value(Field::Secret),
                old_secret: None,
                read_only_from_text: false,
                store: Some((store, account)),
                comments,
                notes: Vec::new(),
                losses: Vec::new(),
            })
        }
        KindState::UnknownStore => Err("its `store` is not s3, gcs or azure".into()),
        KindState::Unset => Err("none of hostPath, existingClaim, store has a value".into()),
        KindState::Conflict => Err("more than one of hostPath, existingClaim, store is set".into()),
        KindState::Other => Err("its kind is unknown".into()),
    }
}

/// A field's value as the block writes it: a `{{ }}` template as the user wrote it (in
/// quotes, a `| quote` or a `"default"` inside it would break once rendered), any other
/// value quoted as YAML needs.
fn written(doc: &Document, entry: &Entry, field: Field) -> Option<String> {
    let node = entry.field(field)?.pair.value;
    let value = entry.text(doc, field)?;
    Some(if doc.is_template_value(node) {
        value.to_string()
    } else {
        quote::scalar(value)
    })
}

fn write_item(out: &mut String, item: &Item, first: &str, rest: &str, nl: &str) {
    let indent = &first[..first.len() - first.trim_start().len()];
    for comment in &item.comments {
        out.push_str(&format!("{indent}{comment}{nl}"));
    }
    out.push_str(&format!("{first}name: {}{nl}", quote::scalar(&item.name)));
    out.push_str(&format!("{rest}kind: {}{nl}", item.kind.name(Chart::V1)));
    out.push_str(&format!("{rest}schema:{nl}"));
    for (key, value) in &item.schema {
        out.push_str(&format!("{rest}  {key}: {value}{nl}"));
    }
    if let Some(secret) = &item.secret {
        out.push_str(&format!(
            "{rest}secret:{nl}{rest}  name: {}{nl}",
            quote::scalar(secret)
        ));
        if item.kind == Kind::Bucket(StoreKind::Gcs) {
            let dir = crate::secrets::GCS_KEY_DIR;
            out.push_str(&format!("{rest}  mountPath: {dir}{nl}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::{load, Limits};

    fn plan_of(text: &str) -> Option<Migration> {
        plan(text, &load(text, &Limits::default()).unwrap())
    }

    #[test]
    fn outputs_become_the_store_and_data_connections() {
        let text = "persistence:\n  outputs:\n    outputs:\n      mountPath: /outputs\n      hostPath: /tmp/outputs\n  data:\n    d1:\n      mountPath: /data\n      existingClaim: data-pvc\n      readOnly: true\n    s3-data:\n      store: s3\n      bucket: s3://b\n      secret: s3-secret\n      secretKey: S3\n";
        let m = plan_of(text).unwrap();
        assert_eq!(
            m.block,
            "artifactsStore:\n  name: outputs\n  kind: host_path\n  schema:\n    hostPath: /tmp/outputs\n    mountPath: /outputs\nconnections:\n  - name: d1\n    kind: volume_claim\n    schema:\n      volumeClaim: data-pvc\n      mountPath: /data\n      readOnly: true\n  - name: s3-data\n    kind: s3\n    schema:\n      bucket: s3://b\n    secret:\n      name: s3-secret-v1\n"
        );
        assert_eq!(
            m.secret_commands,
            vec!["kubectl create secret generic s3-secret-v1 --from-literal=AWS_ACCESS_KEY_ID=<access key id> --from-literal=AWS_SECRET_ACCESS_KEY=<secret access key> -n polyaxon".to_string()]
        );
    }

    #[test]
    fn the_meaning_check_names_every_difference() {
        let text = "persistence:\n  data:\n    d:\n      mountPath: /d\n      existingClaim: c\n      readOnly: true\n    s:\n      store: s3\n      bucket: s3://b\n      secret: old\n      secretKey: k\n    gone:\n      mountPath: /g\n      hostPath: /g\n";
        let doc = load(text, &Limits::default()).unwrap();
        let model = Storage::read(&doc, Chart::V0);
        let m = plan_for(text, &doc, &model).unwrap();
        assert!(m.losses.is_empty(), "{:?}", m.losses);
        let mut items: Vec<Item> = model
            .entries
            .iter()
            .map(|e| item(text, &doc, e).unwrap())
            .collect();
        items[1].old_secret = Some("old".into());
        items[1].secret = Some("old-v1".into());
        // Another mount path, writable, another claim; another bucket and Secret; and no
        // `gone` at all.
        let block = "connections:\n  - name: d\n    kind: volume_claim\n    schema:\n      volumeClaim: c2\n      mountPath: /x\n  - name: s\n    kind: s3\n    schema:\n      bucket: s3://other\n    secret:\n      name: old\n";
        let refs: Vec<&Item> = items.iter().collect();
        let losses = meaning_losses(&doc, &model, block, &refs);
        for expected in [
            "persistence.data.d: jobs mounted it at `/d`, runs at `/x`",
            "persistence.data.d: jobs mounted it read-only, runs read-write",
            "persistence.data.d: jobs mounted the claim `c`, runs the claim `c2`",
            "persistence.data.s: jobs mounted the s3 bucket `s3://b` with the Secret `old`, runs the s3 bucket `s3://other` with the Secret `old`",
            "persistence.data.gone: the migrated block has no `gone` that runs mount",
        ] {
            assert!(losses.iter().any(|l| l == expected), "{expected} in {losses:#?}");
        }
        assert_eq!(losses.len(), 5, "{losses:#?}");
    }

    #[test]
    fn nothing_to_migrate() {
        assert_eq!(plan_of("persistence:\n  outputs: {}\n"), None);
        assert_eq!(plan_of("rbac: {}\n"), None);
    }

    #[test]
    fn names_stay_unique_comments_stay_with_their_entry_and_reasons_are_right() {
        let text = "persistence:\n  # where runs write\n  outputs:\n    out_1:\n      mountPath: /a   # fast disk\n      hostPath: /h/a\n    out-1:\n      mountPath: /b\n      hostPath: /h/b\n    no-mount:\n      existingClaim: pvc\n  data:\n    out-1:\n      mountPath: /d\n      existingClaim: d\n";
        let m = plan_of(text).unwrap();
        for name in ["name: out-1\n", "name: out-1-2\n", "name: out-1-3\n"] {
            assert!(m.block.contains(name), "{name} in:\n{}", m.block);
        }
        assert!(
            m.block.starts_with("  # where runs write\n")
                || m.block.starts_with("# where runs write\n"),
            "{}",
            m.block
        );
        assert!(m.block.contains("# fast disk\n"), "{}", m.block);
        assert_eq!(
            m.notes.iter().filter(|n| n.contains("used twice")).count(),
            2,
            "{:?}",
            m.notes
        );
        assert_eq!(m.skipped.len(), 1);
        assert!(
            m.skipped[0].contains("no-mount") && m.skipped[0].contains("no `mountPath`"),
            "{:?}",
            m.skipped
        );
    }

    #[test]
    fn a_comment_after_a_flow_entry_stays_with_the_last_entry_of_its_line() {
        let text = "persistence:\n  outputs: {a: {mountPath: /a, hostPath: /a}, b: {mountPath: /b, hostPath: /b}}  # both\n";
        let plan = plan_of(text).expect("a plan");
        assert!(plan.block.contains("# both"), "{}", plan.block);
    }

    #[test]
    fn comments_are_found_outside_strings_only() {
        assert_eq!(comment_of("claim: don't   # mine"), Some("# mine"));
        assert_eq!(comment_of("a: 'x # y'  # z"), Some("# z"));
        assert_eq!(comment_of("a: \"x # y\""), None);
        assert_eq!(comment_of("  # whole line"), Some("# whole line"));
        assert_eq!(comment_of("url: http://x#frag"), None);
    }

    #[test]
    fn nothing_to_migrate_says_why() {
        let doc = |t: &str| load(t, &Limits::default()).unwrap();
        let flat = "persistence:\n  outputs:\n    mountPath: /o\n    existingClaim: pvc\n";
        assert!(plan_or_reason(flat, &doc(flat))
            .unwrap_err()
            .contains("flat shape"));
        let none = "rbac: {}\n";
        assert!(plan_or_reason(none, &doc(none))
            .unwrap_err()
            .contains("no `persistence`"));
        let bad = "persistence:\n  outputs:\n    out:\n      mountPath: /o\n";
        let why = plan_or_reason(bad, &doc(bad)).unwrap_err();
        assert!(
            why.contains("persistence.outputs.out") && why.contains("none of hostPath"),
            "{why}"
        );
    }
}
