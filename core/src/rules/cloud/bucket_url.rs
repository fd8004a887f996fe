//! C002, C003, C004: a cloud entry's `bucket`: missing, a URL that does not fit the
//! store, or a name the provider refuses.

use crate::edit;
use crate::finding::Severity;
use crate::rules::examples::Example;
use crate::rules::{Charts, Context, FixKind, Rule};
use crate::fix::Fix;
use crate::options::Chart;
use crate::storage::{Entry, Field};
use crate::text::bucket::{self, BucketProblem, StoreKind};

use super::cloud_entries;

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

pub const EXAMPLES: &[Example] = &[
    Example {
        code: "C002",
        bad: "persistence:\n  outputs:\n    out:\n      store: s3\n      secret: s3-secret\n      secretKey: S3_SECRET_JSON\n",
        fixed: "persistence:\n  outputs:\n    out:\n      store: s3\n      bucket: s3://b-out\n      secret: s3-secret\n      secretKey: S3_SECRET_JSON\n",
        cluster: None,
        note: None,
    },
    Example {
        code: "C003",
        bad: "persistence:\n  outputs:\n    out:\n      store: gcs\n      bucket: s3://b-out\n      secret: gcs-secret\n      secretKey: GC_KEY_JSON\n",
        fixed: "persistence:\n  outputs:\n    out:\n      store: gcs\n      bucket: gs://b-out\n      secret: gcs-secret\n      secretKey: GC_KEY_JSON\n",
        cluster: None,
        note: None,
    },
    Example {
        code: "C004",
        bad: "persistence:\n  outputs:\n    out:\n      store: s3\n      bucket: s3://My_Bucket\n      secret: s3-secret\n      secretKey: S3_SECRET_JSON\n",
        fixed: "persistence:\n  outputs:\n    out:\n      store: s3\n      bucket: s3://my-bucket\n      secret: s3-secret\n      secretKey: S3_SECRET_JSON\n",
        cluster: None,
        note: None,
    },
];

pub(super) fn check(ctx: &mut Context<'_>) {
    for (entry, store) in cloud_entries(ctx.storage) {
        bucket_url(ctx, entry, store);
    }
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

#[cfg(test)]
mod tests {
    use crate::finding::Severity;
    use super::super::cloud;
    use crate::rules::testing::*;

    #[test]
    fn c002_no_bucket() {
        gets_and_not(
            "C002",
            "persistence:\n  outputs:\n    out:\n      store: s3\n      secret: s\n      secretKey: K\n",
            &cloud("s3", "s3://b-out", "s", "K"),
        );
    }

    #[test]
    fn c003_scheme_mismatch() {
        gets_and_not(
            "C003",
            &cloud("gcs", "s3://b-out", "s", "K"),
            &cloud("gcs", "gs://b-out", "s", "K"),
        );
    }

    #[test]
    fn c003_azure_shape() {
        gets_and_not(
            "C003",
            &cloud("azure", "wasbs://container/", "s", "K"),
            &cloud( "azure", "wasbs://container@account.blob.core.windows.net/", "s", "K" ),
        );
    }

    // A005 is folded into C003: the same check for both charts.
    #[test]
    fn c003_v1_scheme_disagrees() {
        gets_and_not(
            "C003",
            &V1_OK.replace("kind: s3", "kind: wasb"),
            V1_OK,
        );
    }

    #[test]
    fn v1_s3_bucket_without_scheme_works_but_v0_does_not() {
        let v1 = run(&V1_OK.replace("bucket: s3://b-out", "bucket: b-out"));
        let c003 = v1.findings.iter().find(|f| f.code == "C003").expect("C003");
        assert_eq!(c003.severity, Severity::Warning);
        assert!(c003.fix.as_ref().is_some_and(|f| f.is_safe()));
        let v0 = run(&cloud("s3", "b-out", "s", "K"));
        let c003 = v0.findings.iter().find(|f| f.code == "C003").expect("C003");
        assert_eq!(c003.severity, Severity::Error);
    }

    #[test]
    fn c004_bucket_naming() {
        gets_and_not(
            "C004",
            &cloud("s3", "s3://My_Bucket", "s", "K"),
            &cloud("s3", "s3://my-bucket", "s", "K"),
        );
    }
}
