//! Migration from the v0 chart's `persistence` to the v1+ chart's `artifactsStore` and
//! `connections` (finding A008, `storage-check migrate`).
//!
//! The outputs entry jobs default to (the alphabetically first, as Helm sorts map keys)
//! becomes the `artifactsStore`; every other outputs entry and every data entry becomes a
//! connection. The v1+ chart ignores `persistence`, so the migrated block replaces it.

use std::collections::HashMap;

use crate::edit;
use crate::fix::{Edit, Fix};
use crate::options::Chart;
use crate::secrets::{self, SecretLayout};
use crate::source::Span;
use crate::storage::{Entry, Field, Kind, KindState, Role, Storage};
use crate::text::bucket::{self, StoreKind};
use crate::text::{names, quote};
use crate::yaml::{Document, Pair};

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
    /// Replaces the `persistence` block with `block`; `None` when `persistence` is not
    /// written in block style (the block is then for the user to paste).
    pub fix: Option<Fix>,
}

struct Item {
    name: String,
    kind: Kind,
    /// Each key and its value as written in YAML (quoted, or a template as it was).
    schema: Vec<(&'static str, String)>,
    secret: Option<String>,
    /// For the secret command: the store and, for Azure, the account.
    store: Option<(StoreKind, Option<String>)>,
    /// The comments written inside the entry, kept above it.
    comments: Vec<String>,
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
    // Names stay unique across the store and the connections (the agent refuses twice the
    // same name): a later one gets `-2`, `-3`, ... and a note.
    // `String → String`: a map type the rules use already (each type costs the page wasm).
    let mut taken: HashMap<String, String> = HashMap::new();
    for item in store.iter_mut().chain(connections.iter_mut()) {
        if taken.contains_key(&item.name) {
            let unique = (2..)
                .map(|i| format!("{}-{i}", item.name))
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
    // key per credential, get new names, so creating them cannot clash with the old ones.
    let mut renamed: Vec<(String, String)> = Vec::new();
    for item in store.iter_mut().chain(connections.iter_mut()) {
        if let Some(secret) = &mut item.secret {
            let new = format!("{secret}-v1");
            if !renamed.iter().any(|(old, _)| old == secret) {
                notes.push(format!("the v1+ Secret is `{new}`: the v0 deployment still reads `{secret}` in its one-file form"));
                renamed.push((secret.clone(), new.clone()));
            }
            *secret = new;
        }
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
            if !secret_commands.contains(&command) {
                secret_commands.push(command);
            }
        }
    }
    let dropped = [Role::Logs, Role::Repos, Role::Upload]
        .into_iter()
        .filter(|s| model.section_pair(*s).is_some())
        .map(|s| s.section_path().to_string())
        .collect();
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
        fix,
    })
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
    let read_only = entry
        .field(Field::ReadOnly)
        .and_then(|f| {
            if doc.is_template_value(f.pair.value) {
                return written(Field::ReadOnly);
            }
            doc.scalar(f.pair.value)?
                .as_bool()
                .filter(|b| *b)
                .map(|_| "true".to_string())
        })
        .map(|v| ("readOnly", v));
    let comments = comments_in(text, entry.span(doc));
    // A volume: its kind's key, the mount path (with the chart default for logs & co).
    let volume = |kind: Kind, key: &'static str, field: Field| -> Result<Item, String> {
        let own = written(field).ok_or(format!("its `{}` has no value", field.key(Chart::V0)))?;
        let mount = written(Field::MountPath)
            .or_else(|| entry.role.chart_default().map(|(m, _)| quote::scalar(m)))
            .ok_or("it has no `mountPath`: the v1+ schema needs one".to_string())?;
        Ok(Item {
            name: name.clone(),
            kind,
            schema: [(key, own), ("mountPath", mount)]
                .into_iter()
                .chain(read_only.clone())
                .collect(),
            secret: None,
            store: None,
            comments: comments.clone(),
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
                name,
                kind: Kind::Bucket(store),
                schema: vec![("bucket", written(Field::Bucket).unwrap_or(url))],
                secret: value(Field::Secret),
                store: Some((store, account)),
                comments,
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
            out.push_str(&format!("{rest}  mountPath: /plx-context/.gc{nl}"));
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
