//! T — value types: a boolean where a boolean belongs, a string for paths and names,
//! and required values left empty.

use super::{Context, FixKind, Rule};
use crate::finding::Severity;
use crate::fix::{Edit, Fix};
use crate::model::v0::{Entry, EntryKind, Key};
use crate::yaml::{NodeKind, ScalarType};

/// Wrong type for a key.
pub const T001: Rule = Rule {
    code: "T001",
    severity: Severity::Error,
    summary: "wrong type: `readOnly` not a boolean, a path or name not a string",
    why: "Polyaxon's deploy schema rejects a value of the wrong type, and the chart renders it verbatim into pod specs: `readOnly: \"true\"` is a string Kubernetes refuses, a mapping where a path belongs renders as garbage.",
    fix: FixKind::Safe,
};

/// A required value is empty or null with nothing else to supply it.
pub const T002: Rule = Rule {
    code: "T002",
    severity: Severity::Error,
    summary: "a required value is empty or null where nothing else supplies it",
    why: "Helm treats an empty or null value as absent. A key written with no value (`existingClaim:` alone) looks configured but is not: the entry falls back to nothing. (Empty keys next to a real value, as in the chart's own defaults, are fine.)",
    fix: FixKind::None,
};

pub(crate) fn check(ctx: &mut Context<'_>) {
    for entry in &ctx.persistence.entries {
        wrong_types(ctx, entry);
        required_but_empty(ctx, entry);
    }
}

fn wrong_types(ctx: &mut Context<'_>, entry: &Entry) {
    let doc = ctx.doc;
    for field in &entry.fields {
        let value = field.pair.value;
        if ctx.templated.contains(&value) {
            continue;
        }
        let path = entry.child_path(field.key.name());
        let span = doc.span(value);
        let Some(node) = doc.resolve(value) else {
            continue;
        };
        let NodeKind::Scalar(scalar) = &node.kind else {
            let what = doc.describe(value);
            let expected = if field.key == Key::ReadOnly {
                "a boolean"
            } else {
                "a string"
            };
            ctx.report(
                &T001,
                span,
                path,
                format!("`{}` is {what}; it must be {expected}", field.key.name()),
            );
            continue;
        };
        let ty = scalar.scalar_type();
        if ty == ScalarType::Null {
            continue;
        }
        if field.key == Key::ReadOnly {
            if ty == ScalarType::Bool {
                continue;
            }
            let meant = match scalar.value.to_ascii_lowercase().as_str() {
                "true" | "yes" | "on" | "y" => Some("true"),
                "false" | "no" | "off" | "n" => Some("false"),
                _ => None,
            };
            let fix = meant.map(|b| {
                Fix::safe(
                    format!("Write `readOnly: {b}`"),
                    vec![Edit::replace(span.start, span.end, b)],
                    vec![path.clone()],
                )
            });
            ctx.report(
                &T001,
                span,
                path,
                format!(
                    "`readOnly` is the string `{}`; it must be `true` or `false`",
                    scalar.value
                ),
            )
            .fix = fix;
        } else if ty != ScalarType::Str {
            let what = doc.describe(value);
            let fix = Fix::suggested(
                format!("Quote `{}`", scalar.value),
                vec![Edit::replace(
                    span.start,
                    span.end,
                    crate::text::quote::double_quoted(&scalar.value),
                )],
                vec![path.clone()],
            );
            ctx.report(
                &T001,
                span,
                path,
                format!(
                    "`{}` is {what} (`{}`); it must be a string",
                    field.key.name(),
                    scalar.value
                ),
            )
            .fix = Some(fix);
        }
    }
}

fn required_but_empty(ctx: &mut Context<'_>, entry: &Entry) {
    let doc = ctx.doc;
    let written_empty = |key: Key| {
        entry
            .field(key)
            .filter(|_| !entry.has(doc, key))
            .map(|f| f.pair)
    };
    let mut required: Vec<Key> = Vec::new();
    match entry.kind(doc) {
        EntryKind::Unset if entry.section.is_map() => {
            required.extend(Key::KIND_KEYS);
        }
        EntryKind::HostPath | EntryKind::Claim if entry.section.is_map() => {
            required.push(Key::MountPath);
        }
        EntryKind::Cloud(_) => required.extend([Key::Bucket, Key::Secret, Key::SecretKey]),
        _ => {}
    }
    for key in required {
        let Some(pair) = written_empty(key) else {
            continue;
        };
        let what = match key {
            Key::HostPath | Key::ExistingClaim | Key::Store => {
                "and none of `hostPath`, `existingClaim`, `store` has a value: job outputs go to an emptyDir and are lost"
            }
            Key::MountPath => "so no volume is mounted",
            _ => "and the store needs it",
        };
        ctx.report(
            &T002,
            doc.span(pair.key).cover(doc.span(pair.value)),
            entry.child_path(key.name()),
            format!(
                "`{}` is empty in entry `{}`, {what}",
                key.name(),
                entry.name
            ),
        );
    }
}
