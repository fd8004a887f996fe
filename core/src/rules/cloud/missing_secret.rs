//! C005, C006: a v0 cloud entry without `secret` or `secretKey`. (v1+ reads the
//! credentials as separate keys of the Secret: no `secretKey`, and a missing Secret is
//! A006: workload identity may stand in for it.)

use crate::finding::Severity;
use crate::rules::examples::Example;
use crate::rules::{Charts, Context, FixKind, Rule};
use crate::options::Chart;
use crate::storage::Field;

use super::cloud_entries;

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

pub const EXAMPLES: &[Example] = &[
    Example {
        code: "C005",
        bad: "persistence:\n  outputs:\n    out:\n      store: s3\n      bucket: s3://b-out\n      secretKey: S3_SECRET_JSON\n",
        fixed: "persistence:\n  outputs:\n    out:\n      store: s3\n      bucket: s3://b-out\n      secret: s3-secret\n      secretKey: S3_SECRET_JSON\n",
        cluster: None,
        note: None,
    },
    Example {
        code: "C006",
        bad: "persistence:\n  outputs:\n    out:\n      store: s3\n      bucket: s3://b-out\n      secret: s3-secret\n",
        fixed: "persistence:\n  outputs:\n    out:\n      store: s3\n      bucket: s3://b-out\n      secret: s3-secret\n      secretKey: S3_SECRET_JSON\n",
        cluster: None,
        note: None,
    },
];

pub(super) fn check(ctx: &mut Context<'_>) {
    let doc = ctx.doc;
    for (entry, _) in cloud_entries(ctx.storage) {
        if entry.chart != Chart::V0 {
            continue;
        }
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
}

#[cfg(test)]
mod tests {
    use super::super::cloud;
    use crate::rules::testing::*;

    #[test]
    fn c005_no_secret() {
        gets_and_not(
            "C005",
            "persistence:\n  outputs:\n    out:\n      store: s3\n      bucket: s3://b-out\n      secretKey: K\n",
            &cloud("s3", "s3://b-out", "s", "K"),
        );
    }

    #[test]
    fn c006_no_secret_key() {
        gets_and_not(
            "C006",
            "persistence:\n  outputs:\n    out:\n      store: s3\n      bucket: s3://b-out\n      secret: s\n",
            &cloud("s3", "s3://b-out", "s", "K"),
        );
    }
}
