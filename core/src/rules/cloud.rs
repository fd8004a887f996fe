//! C — cloud store entries (`store: s3 | gcs | azure`): store name, bucket URL, the
//! Secret that holds the credentials, and credentials written where they must not be.

use std::collections::HashMap;

use super::{Charts, Context, Family, FixKind, Rule};
use crate::edit;
use crate::finding::Detail;
use crate::finding::Severity;
use crate::fix::Fix;
use crate::options::Chart;
use crate::secrets;
use crate::storage::{Entry, Field, KindState};
use crate::text::bucket::{self, BucketProblem, StoreKind};
use crate::text::{names, suggest};
use crate::yaml::{walk, Aliases, NodeKind, Segment, YamlPath};

/// `store` is not `s3`, `gcs` or `azure`.
pub const C001: Rule = Rule {
    code: "C001",
    severity: Severity::Error,
    charts: Charts::V0,
    summary: "`store` is not `s3`, `gcs` or `azure`",
    why: "The chart and Polyaxon's stores know exactly three values: `s3` (also for Minio and other S3-compatible servers), `gcs` and `azure`. Any other value means no store is used for this entry.",
    fix: FixKind::Safe,
};

/// Cloud entry without `bucket`.
pub const C002: Rule = Rule {
    code: "C002",
    severity: Severity::Error,
    charts: Charts::V0,
    summary: "cloud entry without `bucket`",
    why: "A cloud entry stores outputs at its `bucket` URL; without one Polyaxon has nowhere to write them.",
    fix: FixKind::None,
};

/// `bucket` URL does not fit the store.
pub const C003: Rule = Rule {
    code: "C003",
    severity: Severity::Error,
    charts: Charts::Both,
    summary: "`bucket` URL does not fit the store (scheme, bucket name, store/scheme mismatch; a warning for a v1+ s3 bucket without `s3://`)",
    why: "Polyaxon parses the bucket by its scheme: `s3://BUCKET[/path]`, `gs://BUCKET[/path]`, `wasbs://CONTAINER@ACCOUNT.blob.core.windows.net/[path]`. A missing or wrong scheme makes every upload of outputs fail at run time.",
    fix: FixKind::Safe,
};

/// Bucket, container or account name breaks the provider's rules.
pub const C004: Rule = Rule {
    code: "C004",
    severity: Severity::Warning,
    charts: Charts::Both,
    summary: "bucket/container/account name breaks the provider's naming rules",
    why: "The provider refuses such a name, so the bucket cannot exist as written: check for a typo before jobs fail to upload.",
    fix: FixKind::None,
};

/// Cloud entry without `secret`.
pub const C005: Rule = Rule {
    code: "C005",
    severity: Severity::Error,
    charts: Charts::V0,
    summary: "cloud entry without `secret`",
    why: "The chart injects the credentials from the Kubernetes Secret named in `secret`; without it the API and scheduler have no credentials for the store.",
    fix: FixKind::None,
};

/// Cloud entry without `secretKey`.
pub const C006: Rule = Rule {
    code: "C006",
    severity: Severity::Error,
    charts: Charts::V0,
    summary: "cloud entry without `secretKey`",
    why: "The chart injects an environment variable NAMED `secretKey` with the value of that key of the Secret: without it the variable has an empty name and the pods do not start.",
    fix: FixKind::None,
};

/// `secret` is not a valid Secret name.
pub const C007: Rule = Rule {
    code: "C007",
    severity: Severity::Error,
    charts: Charts::Both,
    summary: "`secret` is not a valid Secret name",
    why: "A Secret name is a DNS-1123 subdomain (lowercase letters, digits, `-`, `.`); no Secret can have this name, so pods that reference it never start.",
    fix: FixKind::None,
};

/// `secretKey` is not a valid Secret data key.
pub const C008: Rule = Rule {
    code: "C008",
    severity: Severity::Error,
    charts: Charts::V0,
    summary: "`secretKey` is not a valid Secret data key",
    why: "Keys of a Secret's data are letters, digits, `-`, `_` and `.`, not `.` alone nor starting with `..`; `kubectl create secret` refuses any other key, so the credentials cannot be stored under this name.",
    fix: FixKind::None,
};

/// `secretKey` is not an upper-case identifier.
pub const C009: Rule = Rule {
    code: "C009",
    severity: Severity::Info,
    charts: Charts::V0,
    summary: "`secretKey` is not an upper-case identifier",
    why: "The chart also uses `secretKey` as the name of the environment variable it injects. Some pods (notebooks, Polyaxon issue 627) cannot read a variable named like `azure-secret.json`; an upper-case identifier such as `AZURE_SECRET_JSON` works everywhere.",
    fix: FixKind::None,
};

/// Credentials written inline in the file.
pub const C010: Rule = Rule {
    code: "C010",
    severity: Severity::Warning,
    charts: Charts::Both,
    summary: "credentials written inline in the file",
    why: "values.yaml ends up in Git, in Helm's release history and in CI logs. Cloud credentials belong in a Kubernetes Secret that the entry names with `secret`/`secretKey`.",
    fix: FixKind::None,
};

/// The exact command and key file for each cloud entry's Secret.
pub const C011: Rule = Rule {
    code: "C011",
    severity: Severity::Info,
    charts: Charts::Both,
    summary: "the `kubectl create secret` command and JSON key file for a cloud entry (once per Secret and key)",
    why: "The Secret must exist in Polyaxon's namespace before install, and the KEY in `--from-file=KEY=...` must equal `secretKey` (the docs' own S3 and GCS examples get this wrong, and the pods then never start).",
    fix: FixKind::None,
};

/// C011's why on a v1+ file (the finding carries it; the rule's is v0's).
pub(crate) const C011_V1_WHY: &str = "The Secret must exist in Polyaxon's namespace before install. Polyaxon 2.x reads each credential as its own key of the Secret (env vars), except the GCS key file: it is read only at /plx-context/.gc/gc-secret.json, so that Secret holds the key `gc-secret.json` and is mounted with `secret.mountPath: /plx-context/.gc`.";

/// v1+ GCS: the Secret is not mounted where Polyaxon reads the key file.
pub const C012: Rule = Rule {
    code: "C012",
    severity: Severity::Warning,
    charts: Charts::V1,
    summary: "a GCS store or connection whose `secret` is not mounted at `/plx-context/.gc`",
    why: "Polyaxon (vents) reads a GCS key file only at /plx-context/.gc/gc-secret.json (or from keys named `GC_KEY_PATH`/`GC_KEYFILE_DICT`). Without `secret.mountPath` the chart and the agent turn the Secret's keys into env vars (enough only for those two keys), and a key file mounted elsewhere is never read: the pods fall back to the node's default Google credentials and cannot reach the bucket.",
    fix: FixKind::Suggested,
};

/// Two Secrets give the same pods the same env var.
pub const C013: Rule = Rule {
    code: "C013",
    severity: Severity::Warning,
    charts: Charts::Both,
    summary: "two Secrets inject the same env var into the same pods",
    why: "Kubernetes keeps one value per env var: with two Secrets providing it (the same `secretKey`, or two envFrom Secrets holding the same store's credentials), the one listed last in the container wins, and every store in that pod uses those credentials. Give each Secret its own key, or mount it (`secret.mountPath`) instead.",
    fix: FixKind::None,
};

const STORE_NAMES: [&str; 3] = ["s3", "gcs", "azure"];

pub(crate) const FAMILY: Family = Family {
    rules: &[
        &C001, &C002, &C003, &C004, &C005, &C006, &C007, &C008, &C009, &C010, &C011, &C012, &C013,
    ],
    check,
};

fn check(ctx: &mut Context<'_>) {
    // C011 once per distinct command: entries sharing a Secret share its command (300
    // entries on two Secrets are two findings, not 180).
    // A set by lookup, not a list scanned per entry: 300 entries on 300 Secrets stay linear.
    // (`String → String`: a map type the page's wasm has already.)
    let mut commands: HashMap<String, String> = HashMap::new();
    for entry in &ctx.storage.entries {
        let store = match entry.kind {
            KindState::Known(kind) => match kind.store() {
                Some(store) => Some(store),
                None => continue,
            },
            KindState::UnknownStore => None,
            _ => continue,
        };
        if store.is_none() {
            store_name(ctx, entry);
        }
        bucket_url(ctx, entry, store);
        secret(ctx, entry, store, &mut commands);
        if store == Some(StoreKind::Gcs) && entry.chart == Chart::V1 {
            gcs_key_mount(ctx, entry);
        }
    }
    inline_credentials(ctx);
    shared_env(ctx);
}

/// C012: a v1+ GCS entry whose Secret is not mounted where vents reads the key file.
fn gcs_key_mount(ctx: &mut Context<'_>, entry: &Entry) {
    let doc = ctx.doc;
    let Some((secret, mount)) = entry.secret_mount(doc) else {
        return;
    };
    let written = doc.get(secret.value, "mountPath");
    if secrets::at_gcs_key_dir(mount) || written.is_some_and(|m| ctx.templated.contains(&m.value)) {
        return;
    }
    let dir = secrets::GCS_KEY_DIR;
    let name = ctx.value(entry, Field::Secret).unwrap_or_default();
    let path = entry.path.descend(&["secret", "mountPath"]);
    let (span, edit, message) = match (written, mount) {
        (Some(m), Some(at)) => (
            doc.span(m.value),
            Ok(edit::replace_scalar(doc, m.value, dir)),
            format!("Secret `{name}` is mounted at `{at}`, but Polyaxon reads the GCS key file at {dir}/{}", secrets::GCS_KEY_NAME),
        ),
        // `mountPath: null` / `""` / nothing: write over it, not a second `mountPath`.
        (Some(m), None) => (
            doc.span(m.key),
            crate::layout::set_value(ctx.text, doc, m, false, dir),
            not_mounted(name, dir),
        ),
        (None, _) => (
            doc.span(secret.key),
            crate::layout::insert_lines(ctx.text, doc, secret.value, Some(secret.key), &format!("mountPath: {dir}")),
            not_mounted(name, dir),
        ),
    };
    let fix = edit.ok().map(|e| {
        Fix::suggested(
            format!("Mount the Secret at `{dir}`"),
            vec![e],
            vec![path.clone()],
        )
    });
    ctx.report(&C012, span, path, message).fix = fix;
}

/// C012's message for a Secret with no `mountPath`: its keys become env vars, which
/// works only for the keys vents reads from env vars.
fn not_mounted(name: &str, dir: &str) -> String {
    format!("Secret `{name}` is not mounted: its keys become env vars, which Polyaxon reads only as `GC_KEYFILE_DICT` or `GC_KEY_PATH`; any other key file never reaches {dir}/{}, where it looks", secrets::GCS_KEY_NAME)
}

/// C013: two Secrets giving the same env var to the same pods, per the storage map. Only
/// rows every such pod gets count (not a run's requested connection, a job's named store).
fn shared_env(ctx: &mut Context<'_>) {
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

/// v0: `store:` with a value that is not a store.
fn store_name(ctx: &mut Context<'_>, entry: &Entry) {
    let doc = ctx.doc;
    let (Some(value), Some(field)) = (ctx.value(entry, Field::Store), entry.field(Field::Store))
    else {
        return;
    };
    let ranked = suggest::rank(value, &STORE_NAMES);
    // Certain: the store's name in other capitals, or another name of it (`aws`, `google`,
    // `wasb`). A close spelling (`nfs` → gcs) is only a guess.
    let meant = StoreKind::from_alias(value).map(StoreKind::v0_name);
    let best = meant
        .or_else(|| suggest::unambiguous(&ranked))
        .or_else(|| ranked.first().map(|c| c.word));
    let fix = best.map(|b| {
        let edits = vec![edit::replace_scalar(doc, field.pair.value, b)];
        let title = format!("Write `store: {b}`");
        let touches = vec![entry.field_path(Field::Store)];
        if meant.is_some() {
            Fix::safe(title, edits, touches)
        } else {
            Fix::suggested(title, edits, touches)
        }
    });
    let hint = best.map_or_else(String::new, |b| format!("; did you mean `{b}`?"));
    ctx.report(
        &C001,
        doc.span(field.pair.value),
        entry.field_path(Field::Store),
        format!("`store: {value}` is not one of `s3`, `gcs`, `azure`{hint}"),
    )
    .fix = fix;
}

fn bucket_url(ctx: &mut Context<'_>, entry: &Entry, store: Option<StoreKind>) {
    let doc = ctx.doc;
    let Some(field) = entry.field(Field::Bucket) else {
        // v1+: A004 says the schema needs a `bucket`.
        ctx.report(
            &C002,
            entry.anchor(doc),
            entry.path.clone(),
            format!("cloud entry `{}` has no `bucket`", entry.name),
        );
        return;
    };
    let (Some(store), Some(url)) = (store, ctx.value(entry, Field::Bucket)) else {
        return;
    };
    let span = doc.span(field.pair.value);
    let path = entry.field_path(Field::Bucket);
    let kind = entry.kind_words(crate::storage::Kind::Bucket(store));
    let example = match store {
        StoreKind::S3 => "s3://BUCKET[/path]",
        StoreKind::Gcs => "gs://BUCKET[/path]",
        StoreKind::Azure => "wasbs://CONTAINER@ACCOUNT.blob.core.windows.net/[path]",
    };
    match bucket::parse(store, url) {
        Ok(parsed) => {
            for problem in bucket::naming_problems(store, &parsed) {
                ctx.report(&C004, span, path.clone(), problem);
            }
        }
        Err(problem) => {
            let (message, fix) = match problem.clone() {
                BucketProblem::MissingScheme { fixed, certain } => (
                    format!("`bucket: {url}` has no scheme; for {kind} write `{example}`{}", bare_hint(url)),
                    fixed.map(|f| {
                        let (title, edits) = (
                            format!("Write `{f}`"),
                            vec![edit::replace_scalar(doc, field.pair.value, &f)],
                        );
                        // Safe only when the scheme is all that is added to a valid name.
                        if certain {
                            Fix::safe(title, edits, vec![path.clone()])
                        } else {
                            Fix::suggested(title, edits, vec![path.clone()])
                        }
                    }),
                ),
                BucketProblem::WrongScheme { found, belongs_to } => (
                    match belongs_to {
                        Some(other) if other != store => format!(
                            "`bucket: {url}` is {} URL but {kind}; write `{example}` or set {}",
                            other.with_article(), entry.kind_words(crate::storage::Kind::Bucket(other))
                        ),
                        _ => format!("`bucket: {url}` has the scheme `{found}://`; for {kind} write `{example}`"),
                    },
                    None,
                ),
                BucketProblem::NoBucketName => (format!("`bucket: {url}` names no bucket; write `{example}`"), None),
                // The web address names the bucket, but reading it as one is a guess.
                BucketProblem::ProviderUrl { store: other, meant } if other == store => (
                    format!("`bucket: {url}` is {} web address, not the bucket URL Polyaxon reads; write `{meant}`", other.with_article()),
                    Some(Fix::suggested(
                        format!("Write `{meant}`"),
                        vec![edit::replace_scalar(doc, field.pair.value, &meant)],
                        vec![path.clone()],
                    )),
                ),
                BucketProblem::ProviderUrl { store: other, .. } => (
                    format!(
                        "`bucket: {url}` is {} address but {kind}; write `{example}` or set {}",
                        other.with_article(),
                        entry.kind_words(crate::storage::Kind::Bucket(other))
                    ),
                    None,
                ),
                BucketProblem::AzureShape => (
                    format!("`bucket: {url}` is not of the form `{example}`"),
                    None,
                ),
            };
            // Polyaxon 2.x hands an s3 bucket without `s3://` to the s3 filesystem as is,
            // which reads its first segment as the bucket: it works (0.6's store refuses it).
            let works = entry.chart == Chart::V1
                && store == StoreKind::S3
                && matches!(problem, BucketProblem::MissingScheme { .. });
            let finding = ctx.report(&C003, span, path, message);
            finding.fix = fix;
            if works {
                finding.severity = Severity::Warning;
            }
        }
    }
}

/// What a bucket without a scheme looks like instead, when it looks like something else.
fn bare_hint(url: &str) -> &'static str {
    if url.starts_with('/') {
        "; `/…` is a directory, not a bucket: a node directory or a claim is another kind of entry"
    } else if url.contains(".blob.core.windows.net") {
        "; this is an Azure Blob address"
    } else {
        ""
    }
}

fn secret(
    ctx: &mut Context<'_>,
    entry: &Entry,
    store: Option<StoreKind>,
    commands: &mut HashMap<String, String>,
) {
    let doc = ctx.doc;
    // v1+ reads the credentials as separate keys of the Secret: no `secretKey`, and
    // a missing Secret is A006 (workload identity may stand in for it).
    if entry.chart == Chart::V0 {
        if entry.field(Field::Secret).is_none() {
            ctx.report(
                &C005,
                entry.anchor(doc),
                entry.path.clone(),
                format!(
                    "cloud entry `{}` has no `secret`: the Kubernetes Secret holding its credentials",
                    entry.name
                ),
            );
        }
        if entry.field(Field::SecretKey).is_none() {
            ctx.report(
                &C006,
                entry.anchor(doc),
                entry.path.clone(),
                format!("cloud entry `{}` has no `secretKey`: the chart would inject an env var with an empty name", entry.name),
            );
        }
    }
    let secret = ctx.value(entry, Field::Secret);
    if let (Some(name), Some(field)) = (secret, entry.field(Field::Secret)) {
        if !names::is_dns1123_subdomain(name) {
            ctx.report(
                &C007,
                doc.span(field.pair.value),
                entry.field_path(Field::Secret),
                format!(
                    "`{}: {name}` is not a valid Secret name (lowercase letters, digits, `-`, `.`)",
                    Field::Secret.key(entry.chart)
                ),
            );
        }
    }
    let key = ctx.value(entry, Field::SecretKey);
    if let (Some(key), Some(field)) = (key, entry.field(Field::SecretKey)) {
        let span = doc.span(field.pair.value);
        if !names::is_secret_data_key(key) {
            ctx.report(
                &C008,
                span,
                entry.field_path(Field::SecretKey),
                format!(
                    "`secretKey: {key}` is not a valid Secret key (letters, digits, `-`, `_`, `.`; not starting with `..`)"
                ),
            );
        } else if !names::is_env_identifier(key) {
            ctx.report(
                &C009,
                span,
                entry.field_path(Field::SecretKey),
                format!(
                    "`secretKey: {key}` is also the env var name; some pods cannot read it: prefer `{}`",
                    names::env_identifier(key)
                ),
            );
        }
    }
    let (Some(store), Some(secret)) = (store, secret) else {
        return;
    };
    let Some(help) = secrets::for_entry(
        store,
        entry.chart,
        secret,
        key,
        ctx.value(entry, Field::Bucket),
    ) else {
        return;
    };
    if commands.contains_key(&help.command) {
        return;
    }
    commands.insert(help.command.clone(), String::new());
    let holding = match entry.chart {
        Chart::V0 => format!(
            "with key `{}` holding the {} credentials JSON",
            key.unwrap_or_default(),
            store.label()
        ),
        Chart::V1 if store == StoreKind::Gcs => format!(
            "with key `{}` holding the GCS key file, mounted at `{}`,",
            secrets::GCS_KEY_NAME,
            secrets::GCS_KEY_DIR
        ),
        Chart::V1 => format!("holding the {} credentials", store.label()),
    };
    // The command itself is the detail (the CLI's help line, the page's Secret helper): a
    // one-line message with a 200-character command in it buried the real problems.
    let message = format!("create Secret `{secret}` {holding} before deploying");
    let finding = ctx.report(&C011, entry.anchor(doc), entry.path.clone(), message);
    finding.detail = Some(Detail::Secret(help));
    if entry.chart == Chart::V1 {
        finding.why = C011_V1_WHY;
    }
}

/// Keys whose value is a credential, compared case-insensitively.
const CREDENTIAL_KEYS: [&str; 9] = [
    "aws_secret_access_key",
    "aws_access_key_id",
    "aws_session_token",
    "aws_security_token",
    "azure_account_key",
    "azure_connection_string",
    "accountkey",
    "private_key",
    "secret_access_key",
];

fn inline_credentials(ctx: &mut Context<'_>) {
    let doc = ctx.doc;
    let Some(root) = doc.root() else { return };
    let mut found = Vec::new();
    let is_credential = |key: &str| CREDENTIAL_KEYS.iter().any(|k| k.eq_ignore_ascii_case(key));
    // A placeholder (`{{ .Values.k }}`, `${AWS_SECRET}`) is filled in elsewhere: no
    // credential is written here (Y005 reports it in the storage sections).
    let placeholder = |id, value: &str| {
        ctx.templated.contains(&id)
            || doc.is_template_value(id)
            || super::reading::has_placeholder(value)
    };
    walk(doc, [(root, YamlPath::root())], Aliases::Stop, |step| {
        let value = match doc.node(step.node).map(|n| &n.kind) {
            Some(NodeKind::Scalar(value)) => value,
            // A Kubernetes env list item: `- name: AWS_SECRET_ACCESS_KEY` / `value: ...`.
            Some(NodeKind::Mapping(_)) => {
                let name = doc.get(step.node, "name").and_then(|p| doc.scalar(p.value));
                let value = doc.get(step.node, "value");
                let set = value.is_some_and(|p| {
                    doc.scalar(p.value)
                        .is_some_and(|v| !v.is_empty() && !placeholder(p.value, &v.value))
                });
                if let (Some(name), Some(value), true) = (name, value, set) {
                    if is_credential(&name.value) {
                        let path = step.path().child("value");
                        found.push((
                            value.value,
                            path,
                            format!("`{}` is a credential written inline", name.value),
                        ));
                    }
                }
                return true;
            }
            _ => return true,
        };
        // Reported already as an env list item's value.
        if found.last().is_some_and(|(id, _, _)| *id == step.node)
            || placeholder(step.node, &value.value)
        {
            return true;
        }
        let key = match step.segment {
            Segment::Key(key) => Some(key),
            _ => None,
        };
        let credential_key = key.is_some_and(is_credential);
        // Only a finding builds a path.
        if credential_key && !value.is_empty() {
            let key = key.unwrap_or_default();
            found.push((
                step.node,
                step.path(),
                format!("`{key}` is a credential written inline"),
            ));
        } else if let Some(what) = credential_in_value(&value.value) {
            found.push((step.node, step.path(), format!("{what} written inline")));
        }
        true
    });
    // The walk is in document order already.
    for (id, path, message) in found {
        let span = doc.span(id);
        ctx.report(
            &C010,
            span,
            path,
            format!("{message}: keep it in a Kubernetes Secret"),
        );
    }
}

/// What kind of credential a value holds, if it visibly holds one.
fn credential_in_value(value: &str) -> Option<&'static str> {
    if value.contains("AccountKey=") {
        return Some("an Azure connection string with `AccountKey=`");
    }
    if value.contains("PRIVATE KEY-----") {
        return Some("a private key");
    }
    if value.contains("\"private_key\"") {
        return Some("a service-account key with `\"private_key\"`");
    }
    // An access key id is a word of exactly 20: `AKIA`/`ASIA` and 16 of [A-Z2-7] (a longer
    // upper-case word is not one).
    let aws_key_id = value.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| {
        w.len() == 20
            && (w.starts_with("AKIA") || w.starts_with("ASIA"))
            && w[4..]
                .bytes()
                .all(|b| b.is_ascii_uppercase() || (b'2'..=b'7').contains(&b))
    });
    aws_key_id.then_some("an AWS access key id")
}
