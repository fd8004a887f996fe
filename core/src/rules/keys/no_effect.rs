//! K004: a key with no effect for the entry's kind (a cloud entry's `mountPath`, a
//! volume's `bucket`).

use crate::edit;
use crate::finding::Severity;
use crate::fix::Fix;
use crate::options::Chart;
use crate::rules::examples::Example;
use crate::rules::{Charts, Context, FixKind, Rule};
use crate::storage::{Entry, Field, Kind, KindState};

/// A key that has no effect for the entry's kind.
pub const K004: Rule = Rule {
    code: "K004",
    severity: Severity::Warning,
    charts: Charts::V0,
    summary: "a key with no effect for this entry's kind",
    why: "A cloud entry gets no volume, so `mountPath`/`readOnly` do nothing; a volume entry reads no `bucket`/`secret`/`secretKey`. The key suggests a setting that is not in force.",
    fix: FixKind::Suggested,
};

pub const EXAMPLES: &[Example] = &[
    Example {
        code: "K004",
        bad: "persistence:\n  outputs:\n    out:\n      store: s3\n      bucket: s3://b-out\n      secret: s3-secret\n      secretKey: S3_SECRET_JSON\n      mountPath: /outputs\n",
        fixed: "persistence:\n  outputs:\n    out:\n      store: s3\n      bucket: s3://b-out\n      secret: s3-secret\n      secretKey: S3_SECRET_JSON\n",
        cluster: None,
        note: None,
    },
];

/// v0 entries; v1+ connections are family A's.
pub(super) fn check(ctx: &mut Context<'_>) {
    let entries = ctx.storage.entries.iter().filter(|e| e.chart == Chart::V0);
    for entry in entries {
        no_effect_keys(ctx, entry);
    }
}

fn no_effect_keys(ctx: &mut Context<'_>, entry: &Entry) {
    let doc = ctx.doc;
    let (useless, reason): (&[Field], &str) = match entry.kind {
        KindState::Known(Kind::Bucket(_)) | KindState::UnknownStore => (
            &[Field::MountPath, Field::ReadOnly],
            "a cloud entry gets no volume",
        ),
        KindState::Known(Kind::HostPath | Kind::Claim) => (
            &[Field::Bucket, Field::Secret, Field::SecretKey],
            "it is only read with `store`",
        ),
        KindState::Unset | KindState::Conflict | KindState::Other => return,
    };
    for key in useless {
        let Some(field) = entry.field(*key) else {
            continue;
        };
        if !entry.has(doc, *key) {
            continue; // Empty counts as absent.
        }
        let name = key.key(Chart::V0);
        let fix = Fix::suggested(
            format!("Remove `{name}`"),
            vec![edit::remove_pair(ctx.text, doc, field.pair)],
            vec![entry.path.clone()],
        );
        ctx.report(
            &K004,
            doc.span(field.pair.key),
            entry.field_path(*key),
            format!("`{name}` has no effect in entry `{}`: {reason}", entry.name),
        )
        .fix = Some(fix);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    #[test]
    fn mount_path_on_cloud() {
        let cloud = "persistence:\n  outputs:\n    out:\n      store: s3\n      bucket: s3://b-out\n      secret: s\n      secretKey: K\n";
        gets_and_not("K004", &format!("{cloud}      mountPath: /outputs\n"), cloud);
    }

    #[test]
    fn bucket_on_volume() {
        gets_and_not(
            "K004",
            "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: pvc\n      bucket: s3://b-out\n",
            "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: pvc\n      bucket:\n",
        );
    }
}
