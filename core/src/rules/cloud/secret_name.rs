//! C007: a `secret` that no Secret can be named.

use crate::finding::Severity;
use crate::rules::examples::Example;
use crate::rules::{Charts, Context, FixKind, Rule};
use crate::storage::Field;
use crate::text::names;

use super::cloud_entries;

/// `secret` is not a valid Secret name.
pub const C007: Rule = Rule {
    code: "C007",
    severity: Severity::Error,
    charts: Charts::Both,
    summary: "`secret` is not a valid Secret name",
    why: "A Secret name is a DNS-1123 subdomain (lowercase letters, digits, `-`, `.`); no Secret can have this name, so pods that reference it never start.",
    fix: FixKind::None,
};

pub const EXAMPLES: &[Example] = &[Example {
    code: "C007",
    bad: "persistence:\n  outputs:\n    out:\n      store: s3\n      bucket: s3://b-out\n      secret: S3_Secret\n      secretKey: S3_SECRET_JSON\n",
    fixed: "persistence:\n  outputs:\n    out:\n      store: s3\n      bucket: s3://b-out\n      secret: s3-secret\n      secretKey: S3_SECRET_JSON\n",
    cluster: None,
    note: None,
}];

pub(super) fn check(ctx: &mut Context<'_>) {
    let doc = ctx.doc;
    for (entry, _) in cloud_entries(ctx.storage) {
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
    }
}

#[cfg(test)]
mod tests {
    use super::super::cloud;
    use crate::rules::testing::*;

    #[test]
    fn c007_bad_secret_name() {
        gets_and_not(
            "C007",
            &cloud("s3", "s3://b-out", "S3_Secret", "K"),
            &cloud("s3", "s3://b-out", "s3-secret", "K"),
        );
    }
}
