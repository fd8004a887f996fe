//! N006-N008: each Secret a store or connection names, as the cluster snapshot has it:
//! there (a v0 cloud store's; v1+ the store's and every connection's, whatever its kind),
//! with the key the entry names (v0 `secretKey`, v1+ each `secret.items` key), with keys
//! Polyaxon reads for a cloud store (v1+). Only key names are compared: the snapshot's
//! values are never read (`crate::cluster`).
//!
//! v1+ Secrets are read from the storage entries (`Entry`: `Field::Secret` and
//! `Entry::secret_items`), not the map's rows: only a cloud store's row carries its Secret,
//! and a git, claim or host-path connection's Secret reaches the run pods all the same
//! (Polyaxon's `get_volume_from_secret`, `EnvMixin._get_items_from_secret` and
//! `_get_env_from_secret`: a Secret volume, a `secretKeyRef` per item, or `envFrom`).

use crate::cluster::Cluster;
use crate::finding::Severity;
use crate::map::{SecretRef, Source};
use crate::options::Chart;
use crate::secrets;
use crate::source::Span;
use crate::text::bucket::StoreKind;
use crate::rules::examples::Example;
use crate::rules::{Charts, Context, FixKind, Rule};
use crate::storage::Field;
use crate::text::suggest;
use crate::yaml::YamlPath;

/// The Secret is not in the namespace.
pub const N006: Rule = Rule {
    code: "N006",
    severity: Severity::Error,
    charts: Charts::Both,
    summary: "a Secret a store or connection names is not in the cluster snapshot's namespace",
    why: "The chart and Polyaxon read a store's or connection's Secret by name (`secretKeyRef`, `envFrom` or a Secret volume): v0's cloud stores, and in today's chart the artifacts store and every connection that names one, whatever its kind (a git token, a claim's or a host path's credentials). Pods whose Secret does not exist stay in `CreateContainerConfigError` (`secret \"...\" not found`), or `ContainerCreating` for a Secret volume. The chart does not create it: `kubectl create secret` in Polyaxon's namespace first.",
    fix: FixKind::None,
};

/// The Secret lacks the key the entry names.
pub const N007: Rule = Rule {
    code: "N007",
    severity: Severity::Error,
    charts: Charts::Both,
    summary: "the Secret has no key named as the entry's `secretKey` (v0) or in its `secret.items` (v1+)",
    why: "Chart 0.6 reads the credentials from the Secret's key named in `secretKey` (`secretKeyRef: {name: secret, key: secretKey}`): a Secret without that key leaves the api, the scheduler and the jobs in `CreateContainerConfigError` (`couldn't find key ... in Secret`). The `secretKey` trap: it names a key of the Secret, not a file name or an environment variable of your own. Today's chart: Polyaxon makes each key a store's or connection's `secret.items` lists a `secretKeyRef` of the same name (an item of the Secret volume when `secret.mountPath` is set), so a key the Secret lacks leaves the pods in `CreateContainerConfigError` (`couldn't find key ... in Secret`) or, for a volume item, unable to mount it (`references non-existent secret key`). `items` lists key names of the Secret, not env var names of your own.",
    fix: FixKind::None,
};

/// v1+: the Secret has none of the keys Polyaxon reads for its store.
pub const N008: Rule = Rule {
    code: "N008",
    severity: Severity::Warning,
    charts: Charts::V1,
    summary: "the Secret of a v1+ store has none of the keys Polyaxon reads for it (or only as a file name while read as env vars, or only `POLYAXON_` names while mounted)",
    why: "Today's chart hands the store's Secret to the pods whole: as env vars (`envFrom`), or as files under `secret.mountPath`. Polyaxon (vents `AppConfig.read_keys`) then looks for fixed names, each as written, lowercase, uppercase or lowercase without underscores (from the environment also with a `POLYAXON_` prefix): S3 `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY`; GCS `GC_KEY_PATH`/`GOOGLE_APPLICATION_CREDENTIALS` (a path) or `GC_KEYFILE_DICT` (the JSON), or the key file `gc-secret.json` mounted at /plx-context/.gc; Azure `AZURE_ACCOUNT_KEY`, `AZURE_SAS_TOKEN` or `AZURE_CONNECTION_STRING`. A Secret in the v0 shape (one JSON under `secretKey`) or a key file read as env vars gives none: the pods fall back to the node's or the service account's identity, or fail to reach the bucket.",
    fix: FixKind::None,
};

const SNAPSHOT: &str = include_str!("snapshots/cluster.json");

pub const EXAMPLES: &[Example] = &[
    Example {
        code: "N006",
        bad: "persistence:\n  outputs:\n    out:\n      store: s3\n      bucket: s3://b-out\n      secret: s3-secrets\n      secretKey: S3_SECRET_JSON\n",
        fixed: "persistence:\n  outputs:\n    out:\n      store: s3\n      bucket: s3://b-out\n      secret: s3-json\n      secretKey: S3_SECRET_JSON\n",
        cluster: Some(SNAPSHOT),
        note: None,
    },
    Example {
        code: "N007",
        bad: "persistence:\n  outputs:\n    out:\n      store: s3\n      bucket: s3://b-out\n      secret: s3-json\n      secretKey: s3-credentials.json\n",
        fixed: "persistence:\n  outputs:\n    out:\n      store: s3\n      bucket: s3://b-out\n      secret: s3-json\n      secretKey: S3_SECRET_JSON\n",
        cluster: Some(SNAPSHOT),
        note: None,
    },
    Example {
        code: "N007",
        bad: "artifactsStore:\n  name: store\n  kind: s3\n  schema:\n    bucket: s3://b-out\n  secret:\n    name: s3-secret\n    items: [AWS_ACCESS_KEY_ID, AWS_SECRET_KEY]\n",
        fixed: "artifactsStore:\n  name: store\n  kind: s3\n  schema:\n    bucket: s3://b-out\n  secret:\n    name: s3-secret\n    items: [AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY]\n",
        cluster: Some(SNAPSHOT),
        note: Some("Today's chart: Polyaxon makes each `secret.items` key a `secretKeyRef` of the Secret, and `s3-secret` holds `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY`."),
    },
    Example {
        code: "N008",
        bad: "artifactsStore:\n  name: store\n  kind: s3\n  schema:\n    bucket: s3://b-out\n  secret:\n    name: s3-json\n",
        fixed: "artifactsStore:\n  name: store\n  kind: s3\n  schema:\n    bucket: s3://b-out\n  secret:\n    name: s3-secret\n",
        cluster: Some(SNAPSHOT),
        note: Some("`s3-json` holds `S3_SECRET_JSON`, the v0 chart's one JSON file; today's chart reads each credential as its own key, as `s3-secret` holds them."),
    },
];

pub(super) fn check(ctx: &mut Context<'_>) {
    let Some(cluster) = ctx.cluster_namespace() else {
        return;
    };
    let mut said: Vec<(Option<&YamlPath>, &str)> = Vec::new();
    for row in &ctx.map.rows {
        let Source::Bucket {
            store,
            secret: Some(SecretRef {
                name: Some(name),
                key,
                mount_path,
            }),
            ..
        } = &row.source
        else {
            continue;
        };
        // A row per group of pods: one finding per entry.
        if said.contains(&(row.path.as_ref(), name.as_str())) {
            continue;
        }
        said.push((row.path.as_ref(), name.as_str()));
        let at = |field| super::written(ctx, row.path.as_ref(), field);
        let Some(secret) = cluster.secret(name) else {
            let (span, path, message) = not_in_namespace(ctx, cluster, row.path.as_ref(), name);
            ctx.report(&N006, span, path, message);
            continue;
        };
        if let Some(key) = key.as_deref() {
            if !secret.keys.iter().any(|k| k == key) {
                let (span, path) = at(Field::SecretKey);
                ctx.report(&N007, span, path, missing_key(name, key, &secret.keys));
            }
        } else if let Some(message) = unread(*store, name, &secret.keys, mount_path.as_deref()) {
            let (span, path) = at(Field::Secret);
            ctx.report(&N008, span, path, message);
        }
    }
    // v1+: any connection (git, a claim, a host path...) may name a Secret, which its pods
    // mount or read: a missing one keeps them from starting as a store's does. And the keys
    // its `secret.items` names must be the Secret's: Polyaxon makes each one a
    // `secretKeyRef` (or a volume item), and the kubelet refuses a key that is not there.
    let mut found = Vec::new();
    for entry in ctx.storage.entries.iter().filter(|e| e.chart == Chart::V1) {
        let Some(name) = entry.text(ctx.doc, Field::Secret) else {
            continue;
        };
        let Some(secret) = cluster.secret(name) else {
            if !said.contains(&(Some(&entry.path), name)) {
                let (span, path, message) = not_in_namespace(ctx, cluster, Some(&entry.path), name);
                found.push((&N006, span, path, message));
            }
            continue;
        };
        for (item, path) in entry.secret_items(ctx.doc) {
            // An empty or null item is the shape rules' (A-family), not a key to look for.
            let Some(key) = ctx.doc.scalar(item).filter(|k| !k.is_empty()).map(|k| k.value.as_str()) else {
                continue;
            };
            if !secret.keys.iter().any(|k| k == key) {
                let message = missing_key(name, key, &secret.keys);
                found.push((&N007, ctx.doc.span(item), path, message));
            }
        }
    }
    for (rule, span, path, message) in found {
        ctx.report(rule, span, path, message);
    }
}

/// N006 for Secret `name`, named in the entry at `path`: where, and "Secret `x` is not in
/// namespace ns: did you mean `y`?" (the Secrets there are not listed: they include every
/// service account's token).
fn not_in_namespace(ctx: &Context<'_>, cluster: &Cluster, path: Option<&YamlPath>, name: &str) -> (Span, YamlPath, String) {
    let (span, path) = super::written(ctx, path, Field::Secret);
    let names: Vec<&str> = cluster.secrets.iter().map(|s| s.name.as_str()).collect();
    let ns = cluster.namespace.as_deref().unwrap_or_default();
    (span, path, super::not_there("Secret", name, &names, ns, false))
}

/// "Secret `s` has no key `k` (its keys: ...): did you mean ...?"; key names only.
fn missing_key(name: &str, key: &str, keys: &[String]) -> String {
    let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
    let mut message = format!("Secret `{name}` has no key `{key}`");
    match keys.as_slice() {
        [] => message.push_str(" (it has no keys)"),
        _ => message.push_str(&format!(" (its keys: {})", keys.join(", "))),
    }
    if let Some(best) = suggest::rank(key, &keys).first() {
        message.push_str(&format!(": did you mean `{}`?", best.word));
    }
    message
}

/// For each credential a store needs, the names Polyaxon reads it under (any of them):
/// vents' `providers/{aws,gcp,azure}/base.py` defaults.
fn credentials(store: StoreKind) -> &'static [&'static [&'static str]] {
    match store {
        StoreKind::S3 => &[&["AWS_ACCESS_KEY_ID"], &["AWS_SECRET_ACCESS_KEY"]],
        StoreKind::Gcs => &[&[
            "GC_KEY_PATH",
            "GOOGLE_KEY_PATH",
            "GOOGLE_APPLICATION_CREDENTIALS",
            "GC_KEYFILE_DICT",
            "GOOGLE_KEYFILE_DICT",
        ]],
        StoreKind::Azure => &[&[
            "AZURE_ACCOUNT_KEY",
            "AZURE_SAS_TOKEN",
            "AZURE_STORAGE_SAS_TOKEN",
            "AZURE_CONNECTION_STRING",
        ]],
    }
}

/// Whether a Secret key gives `name` as vents reads it (`read_keys`): as written,
/// lowercase, uppercase, lowercase without underscores; from the environment also after a
/// `POLYAXON_` prefix.
fn gives(key: &str, name: &str, from_env: bool) -> bool {
    let lower = name.to_ascii_lowercase();
    let spellings = [lower.clone(), name.to_ascii_uppercase(), lower.replace('_', "")];
    spellings.iter().any(|s| {
        key == s || (from_env && key.strip_prefix("POLYAXON_").is_some_and(|k| k == s))
    })
}

/// Why Polyaxon reads no credentials from a v1+ Secret with `keys` (`None`: it does).
fn unread(store: StoreKind, name: &str, keys: &[String], mount: Option<&str>) -> Option<String> {
    let from_env = mount.is_none();
    // GCS's key file, mounted where Polyaxon looks for it without being told.
    if store == StoreKind::Gcs
        && secrets::at_gcs_key_dir(mount)
        && keys.iter().any(|k| k == secrets::GCS_KEY_NAME)
    {
        return None;
    }
    let missing: Vec<String> = credentials(store)
        .iter()
        .filter(|names| !names.iter().any(|n| keys.iter().any(|k| gives(k, n, from_env))))
        .map(|names| match names {
            [one] => one.to_string(),
            many => format!("key of {}", many.join(", ")),
        })
        .collect();
    if missing.is_empty() {
        return None;
    }
    let how = if from_env { "as env vars (`envFrom`)" } else { "as files under `secret.mountPath`" };
    let mut message = format!(
        "Secret `{name}` gives Polyaxon no {} for {}, read {how}",
        missing.join(" or "),
        store.label()
    );
    message.push_str(&match keys {
        [] => " (it has no keys)".to_string(),
        keys => format!(" (its keys: {})", keys.join(", ")),
    });
    // What would work in the other shape.
    if from_env && keys.iter().any(|k| k.contains('.')) {
        message.push_str(": a key named like a file is read only when mounted (`secret.mountPath`)");
    } else if !from_env && keys.iter().any(|k| k.starts_with("POLYAXON_")) {
        message.push_str(": `POLYAXON_` names are read from the environment only (drop `mountPath`)");
    }
    Some(message)
}

#[cfg(test)]
mod tests {
    use crate::cluster;
    use crate::{check_in, Options};

    fn codes(text: &str) -> Vec<(&'static str, String)> {
        let cluster = cluster::read(super::SNAPSHOT).expect("reads");
        check_in(text, &Options::default(), Some(&cluster))
            .findings
            .into_iter()
            .filter(|f| f.code.starts_with('N'))
            .map(|f| (f.code, f.message))
            .collect()
    }

    /// The messages of one rule's findings.
    fn messages(text: &str, code: &str) -> Vec<String> {
        codes(text).into_iter().filter(|f| f.0 == code).map(|f| f.1).collect()
    }

    #[test]
    fn a_missing_secret_and_a_missing_key() {
        let s3 = |secret: &str, key: &str| format!("persistence:\n  outputs:\n    out:\n      store: s3\n      bucket: s3://b-out\n      secret: {secret}\n      secretKey: {key}\n");
        let missing = codes(&s3("s3-secrets", "S3_SECRET_JSON"));
        assert_eq!(missing.len(), 1, "{missing:?}");
        assert_eq!(missing[0].0, "N006");
        assert!(missing[0].1.contains("did you mean `s3-secret`?"), "{}", missing[0].1);
        let key = codes(&s3("s3-json", "S3_SECRET"));
        assert_eq!(key[0].0, "N007");
        assert!(key[0].1.contains("its keys: S3_SECRET_JSON"), "{}", key[0].1);
        assert_eq!(codes(&s3("s3-json", "S3_SECRET_JSON")), []);
    }

    /// v1+: any connection's Secret, not a store's only (a git connection's token, a
    /// claim's credentials): Kubernetes refuses the pods when it is not there.
    #[test]
    fn every_v1_connection_secret_is_looked_for() {
        let text = "artifactsStore:\n  name: store\n  kind: s3\n  schema:\n    bucket: s3://b\n  secret:\n    name: s3-secrets\nconnections:\n- name: repo\n  kind: git\n  schema:\n    url: https://github.com/org/repo\n  secret:\n    name: git-token\n- name: data\n  kind: host_path\n  schema:\n    hostPath: /data\n    mountPath: /data\n  secret:\n    name: s3-secret\n";
        let n006 = messages(text, "N006");
        assert_eq!(n006.len(), 2, "{n006:?}");
        assert!(n006.iter().any(|m| m.contains("`s3-secrets`") && m.contains("did you mean `s3-secret`?")), "{n006:?}");
        assert!(n006.iter().any(|m| m.contains("`git-token`")), "{n006:?}");
    }

    #[test]
    fn v1_items_must_be_keys_of_the_secret() {
        let text = "connections:\n- name: data\n  kind: s3\n  schema:\n    bucket: s3://b\n  secret:\n    name: s3-secret\n    items: [AWS_ACCESS_KEY_ID, AWS_SECRET_KEY]\n";
        let n007 = messages(text, "N007");
        assert_eq!(n007.len(), 1, "{n007:?}");
        assert!(n007[0].contains("no key `AWS_SECRET_KEY`") && n007[0].contains("its keys: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY"), "{n007:?}");
    }

    /// The store's `secret.items` as well as a connection's, each item pointed at; a
    /// claim connection's Secret is looked for like any other; items of a Secret that is
    /// not there are N006's alone; an empty item is not a key.
    #[test]
    fn v1_store_items_and_a_claim_connection_secret() {
        let cluster = cluster::read(super::SNAPSHOT).expect("reads");
        let text = "artifactsStore:\n  name: store\n  kind: s3\n  schema:\n    bucket: s3://b\n  secret:\n    name: s3-secret\n    items: [AWS_ACCESS_KEY_ID, aws_secret_access_key, '']\nconnections:\n- name: data\n  kind: volume_claim\n  schema:\n    volumeClaim: outputs-nfs\n    mountPath: /data\n  secret:\n    name: nfs-creds\n    items: [USER]\n";
        let findings: Vec<_> = check_in(text, &Options::default(), Some(&cluster))
            .findings
            .into_iter()
            .filter(|f| f.code == "N006" || f.code == "N007")
            .collect();
        let got: Vec<(&str, &str)> = findings.iter().map(|f| (f.code, f.path.as_str())).collect();
        assert_eq!(
            got,
            [("N007", "artifactsStore.secret.items.1"), ("N006", "connections.0.secret.name")],
            "{findings:?}"
        );
        assert_eq!(&text[findings[0].span.start..findings[0].span.end], "aws_secret_access_key");
        assert!(findings[0].message.contains("did you mean `AWS_SECRET_ACCESS_KEY`?"), "{}", findings[0].message);
        assert!(findings[1].message.contains("Secret `nfs-creds` is not in namespace polyaxon"), "{}", findings[1].message);
    }

    /// vents reads fixed names in four spellings; the v0 one-JSON shape and a key file read
    /// as env vars give it none.
    #[test]
    fn v1_secrets_need_the_keys_polyaxon_reads() {
        use crate::text::bucket::StoreKind;
        let keys = |k: &[&str]| k.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let s3 = keys(&["aws_access_key_id", "awssecretaccesskey"]);
        assert_eq!(super::unread(StoreKind::S3, "s", &s3, None), None);
        let prefixed = keys(&["POLYAXON_AWS_ACCESS_KEY_ID", "POLYAXON_AWS_SECRET_ACCESS_KEY"]);
        assert_eq!(super::unread(StoreKind::S3, "s", &prefixed, None), None);
        let mounted = super::unread(StoreKind::S3, "s", &prefixed, Some("/creds")).expect("unread");
        assert!(mounted.contains("environment only"), "{mounted}");
        let half = super::unread(StoreKind::S3, "s", &keys(&["AWS_ACCESS_KEY_ID"]), None).expect("unread");
        assert!(half.contains("no AWS_SECRET_ACCESS_KEY for Amazon S3"), "{half}");
        let file = keys(&["gc-secret.json"]);
        let env = super::unread(StoreKind::Gcs, "g", &file, None).expect("unread");
        assert!(env.contains("read only when mounted"), "{env}");
        assert_eq!(super::unread(StoreKind::Gcs, "g", &file, Some("/plx-context/.gc/")), None);
        assert_eq!(super::unread(StoreKind::Gcs, "g", &keys(&["GC_KEYFILE_DICT"]), None), None);
        assert_eq!(super::unread(StoreKind::Azure, "a", &keys(&["AZURE_CONNECTION_STRING"]), None), None);
        let text = "artifactsStore:\n  name: store\n  kind: s3\n  schema:\n    bucket: s3://b\n  secret:\n    name: s3-json\n";
        let found = codes(text);
        assert_eq!(found.iter().map(|f| f.0).collect::<Vec<_>>(), ["N008"], "{found:?}");
        assert!(found[0].1.contains("its keys: S3_SECRET_JSON"), "{}", found[0].1);
    }

    #[test]
    fn v1_secrets_are_checked_by_name() {
        let text = "artifactsStore:\n  name: store\n  kind: s3\n  schema:\n    bucket: s3://b\n  secret:\n    name: s3-secrett\n";
        let found = codes(text);
        assert_eq!(found.iter().map(|f| f.0).collect::<Vec<_>>(), ["N006"]);
        let ok = text.replace("s3-secrett", "s3-secret");
        assert!(codes(&ok).iter().all(|f| f.0 != "N006"));
    }
}
