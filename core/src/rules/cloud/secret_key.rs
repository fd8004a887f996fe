//! C008, C009: a v0 `secretKey` that no Secret can hold (C008), or that some pods cannot
//! read as the env var the chart names after it (C009).

use crate::finding::Severity;
use crate::rules::examples::Example;
use crate::rules::{Charts, Context, FixKind, Rule};
use crate::storage::Field;
use crate::text::names;

use super::cloud_entries;

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

pub const EXAMPLES: &[Example] = &[
    Example {
        code: "C008",
        bad: "persistence:\n  outputs:\n    out:\n      store: s3\n      bucket: s3://b-out\n      secret: s3-secret\n      secretKey: \"s3/secret\"\n",
        fixed: "persistence:\n  outputs:\n    out:\n      store: s3\n      bucket: s3://b-out\n      secret: s3-secret\n      secretKey: S3_SECRET_JSON\n",
        cluster: None,
        note: None,
    },
    Example {
        code: "C009",
        bad: "persistence:\n  outputs:\n    out:\n      store: s3\n      bucket: s3://b-out\n      secret: s3-secret\n      secretKey: s3-secret.json\n",
        fixed: "persistence:\n  outputs:\n    out:\n      store: s3\n      bucket: s3://b-out\n      secret: s3-secret\n      secretKey: S3_SECRET_JSON\n",
        cluster: None,
        note: None,
    },
];

pub(super) fn check(ctx: &mut Context<'_>) {
    let doc = ctx.doc;
    for (entry, _) in cloud_entries(ctx.storage) {
        let key = ctx.value(entry, Field::SecretKey);
        let (Some(key), Some(field)) = (key, entry.field(Field::SecretKey)) else {
            continue;
        };
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
}

#[cfg(test)]
mod tests {
    use super::super::cloud;
    use crate::rules::testing::*;

    #[test]
    fn c008_bad_secret_key() {
        gets_and_not(
            "C008",
            &cloud("s3", "s3://b-out", "s", "\"a/b\""),
            &cloud("s3", "s3://b-out", "s", "a.b"),
        );
    }

    #[test]
    fn c008_secret_key_starting_with_two_dots() {
        gets_and_not(
            "C008",
            &cloud("s3", "s3://b-out", "s", "..s3.json"),
            &cloud("s3", "s3://b-out", "s", ".s3.json"),
        );
    }

    #[test]
    fn c009_lowercase_secret_key() {
        gets_and_not(
            "C009",
            &cloud("s3", "s3://b-out", "s", "s3-secret.json"),
            &cloud("s3", "s3://b-out", "s", "S3_SECRET_JSON"),
        );
    }
}
