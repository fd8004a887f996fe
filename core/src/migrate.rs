//! Migration from the v0 chart's `persistence` to the v1+ chart's `artifactsStore` and
//! `connections` (finding A008, `storage-check migrate`).
//!
//! The outputs entry jobs default to (the alphabetically first, as Helm sorts map keys)
//! becomes the `artifactsStore`; every other outputs entry and every data entry becomes a
//! connection. The v1+ chart ignores `persistence`, so the migrated block replaces it.

use crate::edit;
use crate::fix::{Edit, Fix};
use crate::options::Chart;
use crate::secrets::{self, SecretLayout};
use crate::storage::{Entry, Field, Kind, KindState, Role, Storage};
use crate::text::bucket::{self, StoreKind};
use crate::text::{names, quote};
use crate::yaml::Document;

/// A proposed migration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Migration {
    /// The `artifactsStore:` / `connections:` block.
    pub block: String,
    /// One `kubectl create secret` per cloud secret, in the v1+ form (separate keys).
    pub secret_commands: Vec<String>,
    /// Entries left out (no clear kind), with the reason.
    pub skipped: Vec<String>,
    /// `persistence` keys the v1+ chart has no place for (`logs`, `repos`, `upload`).
    pub dropped: Vec<String>,
    /// Replaces the `persistence` block with `block`; `None` when `persistence` is not
    /// written in block style (the block is then for the user to paste).
    pub fix: Option<Fix>,
}

struct Item {
    name: String,
    kind: Kind,
    schema: Vec<(&'static str, String)>,
    secret: Option<String>,
    /// For the secret command: the store and, for Azure, the account.
    store: Option<(StoreKind, Option<String>)>,
}

/// The migration of `doc`'s `persistence`, if it has any storage entry to migrate and
/// the file has no v1+ section yet.
pub fn plan(text: &str, doc: &Document) -> Option<Migration> {
    plan_for(text, doc, &Storage::read(doc, Chart::V0))
}

/// [`plan`] over the v0 entries already read.
pub(crate) fn plan_for(text: &str, doc: &Document, model: &Storage) -> Option<Migration> {
    if model.artifacts_store.is_some() || model.connections.is_some() {
        return None;
    }
    let persistence = model.persistence?;
    let mut skipped = Vec::new();
    let mut convert = |entry: &Entry| -> Option<Item> {
        let item = item(doc, entry);
        if item.is_none() {
            skipped.push(format!(
                "{} (no single hostPath, existingClaim or known store)",
                entry.path
            ));
        }
        item
    };
    let mut outputs: Vec<&Entry> = model.entries_of(Role::Outputs).collect();
    outputs.sort_by(|a, b| a.name.cmp(&b.name));
    let store = outputs.first().and_then(|e| convert(e));
    let mut connections: Vec<Item> = outputs.iter().skip(1).filter_map(|e| convert(e)).collect();
    connections.extend(model.entries_of(Role::Data).filter_map(&mut convert));
    if store.is_none() && connections.is_empty() {
        return None;
    }
    let nl = edit::newline(text);
    let mut block = String::new();
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
    Some(Migration {
        block,
        secret_commands,
        skipped,
        dropped,
        fix,
    })
}

fn item(doc: &Document, entry: &Entry) -> Option<Item> {
    let text = |f: Field| entry.text(doc, f).map(str::to_string);
    let name = names::slug(&entry.name).unwrap_or_else(|| entry.name.clone());
    let read_only = entry
        .field(Field::ReadOnly)
        .and_then(|f| doc.scalar(f.pair.value))
        .and_then(|s| s.as_bool())
        .filter(|b| *b)
        .map(|_| ("readOnly", "true".to_string()));
    // A volume: its kind's key, the mount path (with the chart default for logs & co).
    let volume = |kind: Kind, key: &'static str, value: Option<String>| -> Option<Item> {
        Some(Item {
            name: name.clone(),
            kind,
            schema: [
                (key, value?),
                ("mountPath", entry.effective_mount_path(doc)?.to_string()),
            ]
            .into_iter()
            .chain(read_only.clone())
            .collect(),
            secret: None,
            store: None,
        })
    };
    let item = match entry.kind {
        KindState::Known(Kind::HostPath) => {
            volume(Kind::HostPath, "hostPath", text(Field::HostPath))?
        }
        KindState::Known(Kind::Claim) => volume(Kind::Claim, "volumeClaim", text(Field::Claim))?,
        KindState::Known(Kind::Bucket(store)) => {
            let url = text(Field::Bucket)?;
            let account = bucket::parse(store, &url)
                .ok()
                .and_then(|b| b.account.map(str::to_string));
            Item {
                name,
                kind: Kind::Bucket(store),
                schema: vec![("bucket", url)],
                secret: text(Field::Secret),
                store: Some((store, account)),
            }
        }
        KindState::UnknownStore | KindState::Unset | KindState::Conflict | KindState::Other => {
            return None
        }
    };
    Some(item)
}

fn write_item(out: &mut String, item: &Item, first: &str, rest: &str, nl: &str) {
    out.push_str(&format!("{first}name: {}{nl}", quote::scalar(&item.name)));
    out.push_str(&format!("{rest}kind: {}{nl}", item.kind.name(Chart::V1)));
    out.push_str(&format!("{rest}schema:{nl}"));
    for (key, value) in &item.schema {
        let value = if *key == "readOnly" {
            value.clone()
        } else {
            quote::scalar(value)
        };
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
            "artifactsStore:\n  name: outputs\n  kind: host_path\n  schema:\n    hostPath: /tmp/outputs\n    mountPath: /outputs\nconnections:\n  - name: d1\n    kind: volume_claim\n    schema:\n      volumeClaim: data-pvc\n      mountPath: /data\n      readOnly: true\n  - name: s3-data\n    kind: s3\n    schema:\n      bucket: s3://b\n    secret:\n      name: s3-secret\n"
        );
        assert_eq!(
            m.secret_commands,
            vec!["kubectl create secret generic s3-secret --from-literal=AWS_ACCESS_KEY_ID=<access key id> --from-literal=AWS_SECRET_ACCESS_KEY=<secret access key> -n polyaxon".to_string()]
        );
    }

    #[test]
    fn nothing_to_migrate() {
        assert_eq!(plan_of("persistence:\n  outputs: {}\n"), None);
        assert_eq!(plan_of("rbac: {}\n"), None);
    }
}
