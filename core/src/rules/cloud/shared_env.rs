//! C013: two Secrets giving the same env var to the same pods.

use std::collections::HashMap;

use crate::finding::Severity;
use crate::rules::examples::Example;
use crate::rules::{Charts, Context, FixKind, Rule};
use crate::storage::Field;
use crate::text::bucket::StoreKind;

/// Two Secrets give the same pods the same env var.
pub const C013: Rule = Rule {
    code: "C013",
    severity: Severity::Warning,
    charts: Charts::Both,
    summary: "two Secrets inject the same env var into the same pods",
    why: "Kubernetes keeps one value per env var: with two Secrets providing it (the same `secretKey`, or two envFrom Secrets holding the same store's credentials), the one listed last in the container wins, and every store in that pod uses those credentials. Give each Secret its own key, or mount it (`secret.mountPath`) instead.",
    fix: FixKind::None,
};

pub const EXAMPLES: &[Example] = &[Example {
    code: "C013",
    bad: "artifactsStore:\n  name: store\n  kind: s3\n  schema:\n    bucket: s3://runs\n  secret:\n    name: runs-keys\nconnections:\n  - name: datasets\n    kind: s3\n    schema:\n      bucket: s3://datasets\n    secret:\n      name: datasets-keys\nmountConnections: [datasets]\n",
    fixed: "artifactsStore:\n  name: store\n  kind: s3\n  schema:\n    bucket: s3://runs\n  secret:\n    name: runs-keys\nconnections:\n  - name: datasets\n    kind: s3\n    schema:\n      bucket: s3://datasets\n    secret:\n      name: datasets-keys\n      mountPath: /plx-context/datasets\nmountConnections: [datasets]\n",
    cluster: None,
    note: Some("The api and streams pods read both Secrets as env vars; mounted, each connection reads its own."),
}];

/// C013: two Secrets giving the same env var to the same pods, per the storage map. Only
/// rows every such pod gets count (not a run's requested connection, a job's named store).
pub(super) fn check(ctx: &mut Context<'_>) {
    use crate::map::{Note, Source};
    let map = ctx.map;
    // "pods\0variable" → the Secret that gives it (a map type the wasm has already).
    let mut given: HashMap<String, String> = HashMap::new();
    for row in &map.rows {
        let Source::Bucket {
            store,
            secret: Some(secret),
            ..
        } = &row.source
        else {
            continue;
        };
        let conditional = row
            .notes
            .iter()
            .any(|n| matches!(n, Note::WhenNamed | Note::WhenRequested | Note::FirstByName));
        let (Some(name), Some(path), false) = (&secret.name, &row.path, conditional) else {
            continue;
        };
        // v0: the env var `secretKey`; v1+ envFrom: every key, the store's credentials.
        let var = match (&secret.key, &secret.mount_path) {
            (Some(key), _) => format!("`{key}`"),
            (None, None) if *store != StoreKind::Gcs => {
                format!("the {} credentials", store.label())
            }
            _ => continue,
        };
        let pods: Vec<_> = row.pods.iter().map(|p| p.label()).collect();
        let pods = pods.join(", ");
        let other = match given.entry(format!("{pods}\0{var}")) {
            std::collections::hash_map::Entry::Occupied(o) if o.get() != name => o.get().clone(),
            std::collections::hash_map::Entry::Occupied(_) => continue,
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(name.clone());
                continue;
            }
        };
        let Some(entry) = ctx.storage.entries.iter().find(|e| &e.path == path) else {
            continue;
        };
        let span = entry
            .field(Field::Secret)
            .map_or_else(|| entry.anchor(ctx.doc), |f| ctx.doc.span(f.pair.value));
        let message = format!("Secrets `{other}` and `{name}` both give {var} as env vars to the {pods} pods: the one listed last wins");
        ctx.report(&C013, span, entry.field_path(Field::Secret), message);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    // v0: two outputs stores whose `secretKey` is the same env var of the api and scheduler.
    #[test]
    fn c013_same_secret_key_from_two_secrets() {
        gets_and_not(
            "C013",
            "persistence:\n  outputs:\n    a:\n      store: s3\n      bucket: s3://a\n      secret: a-keys\n      secretKey: S3_JSON\n    b:\n      store: s3\n      bucket: s3://b\n      secret: b-keys\n      secretKey: S3_JSON\n",
            "persistence:\n  outputs:\n    a:\n      store: s3\n      bucket: s3://a\n      secret: a-keys\n      secretKey: S3_JSON\n    b:\n      store: s3\n      bucket: s3://b\n      secret: a-keys\n      secretKey: S3_JSON\n",
        );
    }

    // v1+: the store and a connection the api mounts, both read as env vars.
    #[test]
    fn c013_two_env_from_secrets_in_the_api() {
        gets_and_not(
            "C013",
            "artifactsStore:\n  name: runs\n  kind: s3\n  schema: {bucket: s3://runs}\n  secret: {name: runs-keys}\nconnections:\n  - name: data\n    kind: s3\n    schema: {bucket: s3://data}\n    secret: {name: data-keys}\nmountConnections: [data]\n",
            // Not mounted by the api: a run that requests it is the only pod with both, if any.
            "artifactsStore:\n  name: runs\n  kind: s3\n  schema: {bucket: s3://runs}\n  secret: {name: runs-keys}\nconnections:\n  - name: data\n    kind: s3\n    schema: {bucket: s3://data}\n    secret: {name: data-keys}\n",
        );
    }

    #[test]
    fn c013_not_across_stores_of_other_clouds() {
        let text = "artifactsStore:\n  name: runs\n  kind: s3\n  schema: {bucket: s3://runs}\n  secret: {name: runs-keys}\nconnections:\n  - name: data\n    kind: wasb\n    schema: {bucket: \"wasbs://c@acct.blob.core.windows.net/\"}\n    secret: {name: data-keys}\nmountConnections: [data]\n";
        assert_eq!(count(&run(text), "C013"), 0, "{:?}", codes(&run(text)));
    }
}
