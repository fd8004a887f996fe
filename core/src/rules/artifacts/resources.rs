//! A010: a connection's `secret` and `configMap` are resources: a mapping with `name`
//! (and only the fields Polyaxon reads), or a `{{ ... }}` reference.

use crate::finding::Severity;
use crate::fix::{Edit, Fix};
use crate::rules::examples::Example;
use crate::rules::{Charts, Context, FixKind, Rule};
use crate::storage::v1::RESOURCE_KEYS;
use crate::storage::Entry;
use crate::yaml::{ScalarStyle, ScalarType};

use super::connections;

/// `secret` or `configMap` of a connection is not a resource Polyaxon reads.
pub const A010: Rule = Rule {
    code: "A010",
    severity: Severity::Error,
    charts: Charts::V1,
    summary: "`secret`/`configMap` is not a mapping with `name` (optional `mountPath`, `hostPath`, `items`, `defaultMode` as a string, `isRequested`)",
    why: "Polyaxon reads a connection's `secret` and `configMap` as a resource (vents' ConnectionResource): a mapping with a required `name` and nothing but `mountPath`, `hostPath`, `items` (a list of key names), `defaultMode` (a string: `420` or `0644`, a number under YAML 1.1, is refused) and `isRequested`. A plain string is only accepted as a `{{ ... }}` reference. The deploy check and the agent refuse anything else.",
    fix: FixKind::Suggested,
};

pub const EXAMPLES: &[Example] = &[Example {
    code: "A010",
    bad: "artifactsStore:\n  name: store\n  kind: s3\n  schema:\n    bucket: s3://b-out\n  secret: s3-secret\n",
    fixed: "artifactsStore:\n  name: store\n  kind: s3\n  schema:\n    bucket: s3://b-out\n  secret:\n    name: s3-secret\n",
    cluster: None,
    note: Some("`secret` and `configMap` are mappings with a `name`; a string only as a `{{ ... }}` reference."),
}];

pub(super) fn check(ctx: &mut Context<'_>) {
    for entry in connections(ctx) {
        resources(ctx, entry);
    }
}

/// A010: `secret` and `configMap` are resources: a mapping with `name`, or a reference.
fn resources(ctx: &mut Context<'_>, c: &Entry) {
    let doc = ctx.doc;
    for key in ["secret", "configMap", "config_map"] {
        let Some(pair) = c.get(doc, key) else {
            continue;
        };
        let path = c.child_path(key);
        if doc.is_null(pair.value) || ctx.templated.contains(&pair.value) {
            continue;
        }
        if let Some(scalar) = doc.scalar(pair.value) {
            // `secret: s3-secret`: the name, without the mapping around it.
            let value = scalar.value.clone();
            let fix = Fix::suggested(
                format!("Write `{key}: {{name: {value}}}`"),
                vec![Edit::replace(
                    doc.span(pair.value).start,
                    doc.span(pair.value).end,
                    format!("{{name: {}}}", crate::text::quote::scalar(&value)),
                )],
                vec![path.clone()],
            );
            ctx.report(
                &A010,
                doc.span(pair.value),
                path,
                format!("`{key}: {value}` is a string; Polyaxon reads `{key}` as a mapping with `name` (a string only as a `{{{{ ... }}}}` reference)"),
            )
            .fix = Some(fix);
            continue;
        }
        if !doc.is_mapping(pair.value) {
            let what = doc.describe(pair.value);
            ctx.report(
                &A010,
                doc.span(pair.value),
                path,
                format!("`{key}` is {what}; it must be a mapping with `name`"),
            );
            continue;
        }
        if doc.get(pair.value, "name").is_none() {
            ctx.report(
                &A010,
                doc.span(pair.key),
                path.clone(),
                format!(
                    "`{key}` has no `name`: the name of the Kubernetes {}",
                    if key == "secret" {
                        "Secret"
                    } else {
                        "ConfigMap"
                    }
                ),
            );
        }
        for inner in doc.merged_pairs(pair.value) {
            let Some(name) = doc.key_str(inner.key) else {
                continue;
            };
            if !RESOURCE_KEYS.contains(&name) {
                ctx.report(
                    &A010,
                    doc.span(inner.key),
                    path.child(name),
                    format!("unknown field `{name}` in `{key}` (allowed: name, mountPath, hostPath, items, defaultMode, isRequested)"),
                );
                continue;
            }
            let typed = doc
                .scalar(inner.value)
                .filter(|s| s.style == ScalarStyle::Plain)
                .map(|s| (s.scalar_type(), s.value.clone()));
            if let (true, Some((ScalarType::Int | ScalarType::Float | ScalarType::Bool, value))) =
                (matches!(name, "defaultMode" | "default_mode"), typed)
            {
                let fix = Fix::suggested(
                    format!("Quote `{value}`"),
                    vec![Edit::replace(
                        doc.span(inner.value).start,
                        doc.span(inner.value).end,
                        crate::text::quote::double_quoted(&value),
                    )],
                    vec![path.child(name)],
                );
                ctx.report(
                    &A010,
                    doc.span(inner.value),
                    path.child(name),
                    format!("`{name}: {value}` is a number to YAML; Polyaxon takes `defaultMode` only as a string"),
                )
                .fix = Some(fix);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    #[test]
    fn connection_secrets_are_resources() {
        let secret = |s: &str| V1_OK.replace("  secret:\n    name: s3-secret\n", s);
        assert_eq!(count(&run(&secret("  secret: s3-secret\n")), "A010"), 1);
        assert_eq!(
            count(&run(&secret("  secret:\n    mountPath: /s\n")), "A010"),
            1
        );
        assert_eq!(
            count(
                &run(&secret("  secret:\n    name: s\n    key: k\n")),
                "A010"
            ),
            1
        );
        assert_eq!(
            count(
                &run(&secret("  secret:\n    name: s\n    defaultMode: 0644\n")),
                "A010"
            ),
            1
        );
        assert_eq!(
            count(
                &run(&secret(
                    "  secret:\n    name: s\n    defaultMode: \"0644\"\n"
                )),
                "A010"
            ),
            0
        );
        // A reference is accepted, and needs no A006 either.
        let reference = run(&secret("  secret: \"{{ fromSecret }}\"\n"));
        assert_eq!(count(&reference, "A010") + count(&reference, "A006"), 0);
    }
}
