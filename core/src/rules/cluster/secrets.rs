//! N006, N007: each Secret a cloud store reads, as the cluster snapshot has it: there, and
//! with the key the entry names. Only key names are compared: the snapshot's values are
//! never read (`crate::cluster`).

use crate::finding::Severity;
use crate::map::{SecretRef, Source};
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
    summary: "a Secret a store reads is not in the cluster snapshot's namespace",
    why: "The chart reads the store's credentials from the Secret by name (`secretKeyRef`, `envFrom` or a Secret volume): pods whose Secret does not exist stay in `CreateContainerConfigError` (`secret \"...\" not found`). The chart does not create it: `kubectl create secret` in Polyaxon's namespace first.",
    fix: FixKind::None,
};

/// The Secret lacks the key the entry names.
pub const N007: Rule = Rule {
    code: "N007",
    severity: Severity::Error,
    charts: Charts::V0,
    summary: "the Secret has no key named as the entry's `secretKey`",
    why: "Chart 0.6 reads the credentials from the Secret's key named in `secretKey` (`secretKeyRef: {name: secret, key: secretKey}`): a Secret without that key leaves the api, the scheduler and the jobs in `CreateContainerConfigError` (`couldn't find key ... in Secret`). The `secretKey` trap: it names a key of the Secret, not a file name or an environment variable of your own.",
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
];

pub(super) fn check(ctx: &mut Context<'_>) {
    let Some(cluster) = ctx.cluster_namespace() else {
        return;
    };
    let ns = cluster.namespace.as_deref().unwrap_or_default();
    let mut said: Vec<(Option<&YamlPath>, &str)> = Vec::new();
    for row in &ctx.map.rows {
        let Source::Bucket {
            secret: Some(SecretRef {
                name: Some(name),
                key,
                ..
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
            let (span, path) = at(Field::Secret);
            let names: Vec<&str> = cluster.secrets.iter().map(|s| s.name.as_str()).collect();
            let message = super::not_there("Secret", name, &names, ns, false);
            ctx.report(&N006, span, path, message);
            continue;
        };
        if let Some(key) = key.as_deref() {
            if !secret.keys.iter().any(|k| k == key) {
                let (span, path) = at(Field::SecretKey);
                let keys: Vec<&str> = secret.keys.iter().map(String::as_str).collect();
                let mut message = format!("Secret `{name}` has no key `{key}`");
                match keys.as_slice() {
                    [] => message.push_str(" (it has no keys)"),
                    _ => message.push_str(&format!(" (its keys: {})", keys.join(", "))),
                }
                if let Some(best) = suggest::rank(key, &keys).first() {
                    message.push_str(&format!(": did you mean `{}`?", best.word));
                }
                ctx.report(&N007, span, path, message);
            }
        }
    }
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

    #[test]
    fn v1_secrets_are_checked_by_name() {
        let text = "artifactsStore:\n  name: store\n  kind: s3\n  schema:\n    bucket: s3://b\n  secret:\n    name: s3-secrett\n";
        let found = codes(text);
        assert_eq!(found.iter().map(|f| f.0).collect::<Vec<_>>(), ["N006"]);
        let ok = text.replace("s3-secrett", "s3-secret");
        assert!(codes(&ok).iter().all(|f| f.0 != "N006"));
    }
}
