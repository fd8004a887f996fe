//! T — value types: a boolean where a boolean belongs, a string for paths and names,
//! and required values left empty.

use super::{Charts, Context, Family, FixKind, Rule};
use crate::finding::Severity;
use crate::fix::{Edit, Fix};
use crate::options::Chart;
use crate::storage::v0::KIND_FIELDS;
use crate::storage::{Entry, Field, Kind, KindState};
use crate::yaml::{NodeKind, ScalarType};

/// Wrong type for a key.
pub const T001: Rule = Rule {
    code: "T001",
    severity: Severity::Error,
    charts: Charts::Both,
    summary: "wrong type: `readOnly` not a boolean (a warning when Polyaxon still reads it as one), a path or name not a string",
    why: "Helm and Polyaxon read values as YAML 1.1: plain `yes`, `on`, `y` are booleans and `0644` is a number. A path or name that reads as a boolean or a number is not the string the chart and Polyaxon expect. `readOnly` must be a boolean: `\"true\"` or `1` are still read as one (a warning), `\"foo\"` is refused and every run fails.",
    fix: FixKind::Safe,
};

/// A required value is empty or null with nothing else to supply it.
pub const T002: Rule = Rule {
    code: "T002",
    severity: Severity::Error,
    charts: Charts::V0,
    summary: "a required value is empty or null where nothing else supplies it",
    why: "Helm treats an empty or null value as absent. A key written with no value (`existingClaim:` alone) looks configured but is not: the entry falls back to nothing. (Empty keys next to a real value, as in the chart's own defaults, are fine.)",
    fix: FixKind::None,
};

pub(crate) const FAMILY: Family = Family {
    rules: &[&T001, &T002],
    check,
};

fn check(ctx: &mut Context<'_>) {
    for entry in &ctx.storage.entries {
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
        let key = field.field.key(entry.chart);
        let path = entry.field_path(field.field);
        let span = doc.span(value);
        let Some(node) = doc.resolve(value) else {
            continue;
        };
        let NodeKind::Scalar(scalar) = &node.kind else {
            let what = doc.describe(value);
            let expected = if field.field.is_bool() {
                "a boolean"
            } else {
                "a string"
            };
            ctx.report(
                &T001,
                span,
                path,
                format!("`{key}` is {what}; it must be {expected}"),
            );
            continue;
        };
        let ty = scalar.scalar_type();
        if ty == ScalarType::Null {
            continue;
        }
        if field.field.is_bool() {
            if ty == ScalarType::Bool {
                continue;
            }
            // What Polyaxon's validators (marshmallow in 0.6, pydantic in 2.x) take for a
            // boolean: these work, so they are a warning with the fix to a plain boolean.
            let meant = match scalar.value.to_ascii_lowercase().as_str() {
                "true" | "yes" | "on" | "y" | "t" | "1" => Some("true"),
                "false" | "no" | "off" | "n" | "f" | "0" => Some("false"),
                _ => None,
            };
            let accepted = meant.is_some() && matches!(ty, ScalarType::Str | ScalarType::Int);
            let fix = meant.filter(|_| accepted).map(|b| {
                Fix::safe(
                    format!("Write `readOnly: {b}`"),
                    vec![Edit::replace(span.start, span.end, b)],
                    vec![path.clone()],
                )
            });
            let what = if ty == ScalarType::Str {
                "the string"
            } else {
                doc.describe(value)
            };
            let message = if accepted {
                format!(
                    "`readOnly` is {what} `{}`: Polyaxon reads it as a boolean, but write `true` or `false`",
                    scalar.value
                )
            } else {
                format!(
                    "`readOnly` is {what} `{}`; it must be `true` or `false`",
                    scalar.value
                )
            };
            let finding = ctx.report(&T001, span, path, message);
            finding.fix = fix;
            if accepted {
                finding.severity = Severity::Warning;
            }
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
                    "`{key}` is {what} (`{}`); it must be a string",
                    scalar.value
                ),
            )
            .fix = Some(fix);
        }
    }
}

/// v0 only: a v1+ schema field left empty is A004's "needs `...`".
fn required_but_empty(ctx: &mut Context<'_>, entry: &Entry) {
    if entry.chart != Chart::V0 {
        return;
    }
    let doc = ctx.doc;
    let written_empty = |field: Field| {
        entry
            .field(field)
            .filter(|_| !entry.has(doc, field))
            .map(|f| f.pair)
    };
    let mut required: Vec<Field> = Vec::new();
    match entry.kind {
        KindState::Unset if entry.role.is_map() => required.extend(KIND_FIELDS),
        KindState::Known(Kind::HostPath | Kind::Claim) if entry.role.is_map() => {
            required.push(Field::MountPath);
        }
        KindState::Known(Kind::Bucket(_)) | KindState::UnknownStore => {
            required.extend([Field::Bucket, Field::Secret, Field::SecretKey]);
        }
        _ => {}
    }
    for field in required {
        let Some(pair) = written_empty(field) else {
            continue;
        };
        let what = match field {
            Field::HostPath | Field::Claim | Field::Store => {
                "and none of `hostPath`, `existingClaim`, `store` has a value: job outputs go to an emptyDir and are lost"
            }
            Field::MountPath => "so no volume is mounted",
            _ => "and the store needs it",
        };
        ctx.report(
            &T002,
            doc.span(pair.key).cover(doc.span(pair.value)),
            entry.field_path(field),
            format!(
                "`{}` is empty in entry `{}`, {what}",
                field.key(Chart::V0),
                entry.name
            ),
        );
    }
}
