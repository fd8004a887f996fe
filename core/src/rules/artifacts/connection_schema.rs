//! A004 and A006: a connection's fields and its `schema`: unknown fields, the fields its
//! kind needs, and (A006) a cloud kind without a Secret.

use crate::finding::Severity;
use crate::options::Chart;
use crate::rules::examples::Example;
use crate::rules::{Charts, Context, FixKind, Rule};
use crate::storage::v1::CONNECTION_KEYS;
use crate::storage::{Entry, Kind};
use crate::text::suggest;

use super::connections;

/// `schema` missing fields its kind needs, or with unknown fields.
pub const A004: Rule = Rule {
    code: "A004",
    severity: Severity::Error,
    charts: Charts::V1,
    summary: "unknown connection field; `schema` missing the fields its kind needs, or with unknown fields (field values get the V/C/T checks)",
    why: "Polyaxon refuses unknown connection fields at the deploy check. Inside `schema` it is more lenient: a schema that does not fit its kind (host_path needs `hostPath` and `mountPath`, volume_claim `volumeClaim` and `mountPath`, s3/gcs/wasb a `bucket`; no other field) is kept as a plain mapping, and then every run fails when it builds the volume or the store path.",
    fix: FixKind::None,
};

/// Cloud kind without `secret.name`.
pub const A006: Rule = Rule {
    code: "A006",
    severity: Severity::Warning,
    charts: Charts::V1,
    summary: "cloud kind without `secret.name`",
    why: "Without a Secret the connection only works where the nodes themselves have access (node-level or workload identity); anywhere else every upload is refused.",
    fix: FixKind::None,
};

pub const EXAMPLES: &[Example] = &[
    Example {
        code: "A004",
        bad: "artifactsStore:\n  name: store\n  kind: s3\n  schema:\n    bucket: s3://b-out\n  secret:\n    name: s3-secret\nconnections:\n  - name: data\n    kind: volume_claim\n    schema:\n      volumeClaim: data-pvc\n",
        fixed: "artifactsStore:\n  name: store\n  kind: s3\n  schema:\n    bucket: s3://b-out\n  secret:\n    name: s3-secret\nconnections:\n  - name: data\n    kind: volume_claim\n    schema:\n      volumeClaim: data-pvc\n      mountPath: /data\n",
        cluster: None,
        note: None,
    },
    Example {
        code: "A006",
        bad: "artifactsStore:\n  name: store\n  kind: s3\n  schema:\n    bucket: s3://b-out\n",
        fixed: "artifactsStore:\n  name: store\n  kind: s3\n  schema:\n    bucket: s3://b-out\n  secret:\n    name: s3-secret\n",
        cluster: None,
        note: Some("Without a Secret this works only with node-level or workload identity."),
    },
];

pub(super) fn check(ctx: &mut Context<'_>) {
    for entry in connections(ctx) {
        unknown_keys(ctx, entry);
        if let Some(kind) = entry.kind.known() {
            schema(ctx, entry, kind);
        }
    }
}

fn unknown_keys(ctx: &mut Context<'_>, c: &Entry) {
    let doc = ctx.doc;
    for pair in doc.merged_pairs(c.node) {
        let Some(key) = doc.key_str(pair.key) else {
            continue;
        };
        if CONNECTION_KEYS.contains(&key) {
            continue;
        }
        let hint = suggest::rank(key, &CONNECTION_KEYS)
            .first()
            .map_or_else(String::new, |b| format!("; did you mean `{}`?", b.word));
        ctx.report(
            &A004,
            doc.span(pair.key),
            c.child_path(key),
            format!("unknown field `{key}` in `{}`{hint}", c.path),
        );
    }
}

/// The `schema` keys of a kind (the `schema.` fields of its layout): the volume's own key
/// first, then where it is mounted, in the order people write them.
fn schema_keys(kind: Kind) -> Vec<&'static str> {
    let keys = kind
        .fields(Chart::V1)
        .iter()
        .filter_map(|f| f.location(Chart::V1))
        .filter(|loc| loc.first() == Some(&"schema"))
        .filter_map(|loc| loc.last().copied());
    let (mount, own): (Vec<_>, Vec<_>) = keys.partition(|k| matches!(*k, "mountPath" | "readOnly"));
    own.into_iter().chain(mount).collect()
}

fn schema(ctx: &mut Context<'_>, c: &Entry, kind: Kind) {
    let doc = ctx.doc;
    let schema_path = c.child_path("schema");
    let required: Vec<&str> = kind
        .required(Chart::V1)
        .iter()
        .map(|f| f.key(Chart::V1))
        .collect();
    let Some(schema) = c.get(doc, "schema").filter(|p| doc.is_mapping(p.value)) else {
        ctx.report(
            &A004,
            c.get(doc, "schema")
                .map_or(c.anchor(doc), |p| doc.span(p.key)),
            schema_path,
            format!(
                "`{}` needs a `schema` with {}",
                c.path,
                required.join(" and ")
            ),
        );
        return;
    };
    for field in kind.required(Chart::V1) {
        let written = c.field(*field);
        if c.text(doc, *field).is_none()
            && written.is_none_or(|p| !ctx.templated.contains(&p.pair.value))
        {
            ctx.report(
                &A004,
                doc.span(schema.key),
                schema_path.clone(),
                format!(
                    "`schema` of a {} connection needs `{}`",
                    kind.name(Chart::V1),
                    field.key(Chart::V1)
                ),
            );
        }
    }
    let allowed = schema_keys(kind);
    // Also taken: the snake_case names of the fields, and `kind` (the schemas carry it).
    let aliases: Vec<&str> = kind
        .fields(Chart::V1)
        .iter()
        .filter_map(|f| f.v1_alias())
        .chain(["kind"])
        .collect();
    for pair in doc.merged_pairs(schema.value) {
        let Some(key) = doc.key_str(pair.key) else {
            continue;
        };
        if !allowed.contains(&key) && !aliases.contains(&key) {
            ctx.report(
                &A004,
                doc.span(pair.key),
                schema_path.child(key),
                format!(
                    "unknown field `{key}` in the `schema` of a {} connection (allowed: {})",
                    kind.name(Chart::V1),
                    allowed.join(", ")
                ),
            );
        }
    }
    let no_secret = c.get(doc, "secret").is_none_or(|p| doc.is_null(p.value));
    if kind.store().is_some() && no_secret {
        ctx.report(
            &A006,
            c.kind_pair.map_or(c.anchor(doc), |p| doc.span(p.key)),
            c.child_path("secret"),
            format!("`{}` ({}) has no `secret.name`: it only works with node-level or workload identity", c.path, kind.name(Chart::V1)),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    #[test]
    fn a004_missing_schema_field() {
        gets_and_not(
            "A004",
            &V1_OK.replace("      mountPath: /data\n", ""),
            V1_OK,
        );
    }

    #[test]
    fn a004_unknown_schema_field() {
        gets_and_not(
            "A004",
            &V1_OK.replace(
                "      mountPath: /data\n",
                "      mountPath: /data\n      size: 10Gi\n",
            ),
            V1_OK,
        );
    }

    /// snake_case field names and a schema's `kind` are Polyaxon's too.
    #[test]
    fn a004_takes_snake_case_fields() {
        let snake = V1_OK
            .replace("volumeClaim: data-pvc", "volume_claim: data-pvc")
            .replace("mountPath: /data", "mount_path: /data");
        assert_eq!(count(&run(&snake), "A004"), 0);
    }

    #[test]
    fn a006_no_secret() {
        gets_and_not(
            "A006",
            &V1_OK.replace("  secret:\n    name: s3-secret\n", ""),
            V1_OK,
        );
    }
}
