//! C001: a v0 `store` that is not `s3`, `gcs` or `azure`.

use crate::edit;
use crate::finding::Severity;
use crate::rules::examples::Example;
use crate::rules::{Charts, Context, FixKind, Rule};
use crate::fix::Fix;
use crate::storage::{Entry, Field};
use crate::text::bucket::StoreKind;
use crate::text::suggest;

use super::cloud_entries;

/// `store` is not `s3`, `gcs` or `azure`.
pub const C001: Rule = Rule {
    code: "C001",
    severity: Severity::Error,
    charts: Charts::V0,
    summary: "`store` is not `s3`, `gcs` or `azure`",
    why: "The chart and Polyaxon's stores know exactly three values: `s3` (also for Minio and other S3-compatible servers), `gcs` and `azure`. Any other value means no store is used for this entry.",
    fix: FixKind::Safe,
};

pub const EXAMPLES: &[Example] = &[Example {
    code: "C001",
    bad: "persistence:\n  outputs:\n    out:\n      store: google\n      bucket: gs://b-out\n      secret: gcs-secret\n      secretKey: GC_KEY_JSON\n",
    fixed: "persistence:\n  outputs:\n    out:\n      store: gcs\n      bucket: gs://b-out\n      secret: gcs-secret\n      secretKey: GC_KEY_JSON\n",
    cluster: None,
    note: None,
}];

const STORE_NAMES: [&str; 3] = ["s3", "gcs", "azure"];

pub(super) fn check(ctx: &mut Context<'_>) {
    for (entry, store) in cloud_entries(ctx.storage) {
        if store.is_none() {
            store_name(ctx, entry);
        }
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

#[cfg(test)]
mod tests {
    use super::super::cloud;
    use crate::rules::testing::*;

    #[test]
    fn c001_unknown_store() {
        gets_and_not(
            "C001",
            &cloud("google", "gs://b-out", "s", "K"),
            &cloud("gcs", "gs://b-out", "s", "K"),
        );
    }
}
