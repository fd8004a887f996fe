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
            let meant = match (ty, scalar.value.to_ascii_lowercase().as_str()) {
                // Helm hands the template the number (`0x1`, `1.0` and `1` are all 1).
                (ScalarType::Int | ScalarType::Float, v) => zero_or_one(v),
                (_, "true" | "yes" | "on" | "y" | "t" | "1") => Some("true"),
                (_, "false" | "no" | "off" | "n" | "f" | "0") => Some("false"),
                _ => None,
            };
            let accepted = meant.is_some();
            // A tagged value (`!!str yes`) keeps its tag when only the value is replaced.
            let fix = meant.filter(|_| scalar.tag.is_none()).map(|b| {
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
            .fix = scalar.tag.is_none().then_some(fix);
        }
    }
}

/// `"true"`/`"false"` for a number Helm reads as 1 or 0, however written (`0x1`, `01`,
/// `1.0`, `10e-1`): its digits hold one `1` just before the point, or none but zeros.
fn zero_or_one(number: &str) -> Option<&'static str> {
    let negative = number.starts_with('-');
    let n = number.trim_start_matches(['+', '-']).replace('_', "");
    let radix = ["0x", "0b", "0o"].iter().find_map(|p| n.strip_prefix(p));
    let (mantissa, exp) = match radix {
        Some(digits) => (digits, 0),
        None => match n.split_once('e') {
            Some((m, e)) => (m, e.parse::<i32>().ok()?),
            None => (n.as_str(), 0),
        },
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let point = int.len() as i64 + i64::from(exp);
    let mut ones = int
        .chars()
        .chain(frac.chars())
        .enumerate()
        .filter(|(_, c)| *c != '0');
    match (ones.next(), ones.next()) {
        (None, _) => Some("false"),
        (Some((i, '1')), None) if i as i64 + 1 == point && !negative => Some("true"),
        _ => None,
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
        // logs/repos/upload: Helm deletes the chart's default under a null and keeps an empty
        // string, so the templates write `mountPath: ""` (_volumes.tpl).
        KindState::Unset | KindState::Known(Kind::HostPath | Kind::Claim) => {
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
        // Helm deletes a key whose value is null (the chart's default with it); `""` stays.
        let null = doc.is_null(pair.value);
        let what = match field {
            Field::MountPath if null && !entry.role.is_map() => {
                "so Helm deletes the chart's default: the pods get `mountPath: \"\"` and Kubernetes refuses them"
            }
            Field::HostPath | Field::Claim | Field::Store => {
                "and none of `hostPath`, `existingClaim`, `store` has a value: job outputs go to an emptyDir and are lost"
            }
            Field::MountPath if entry.role.is_map() => "so no volume is mounted",
            Field::MountPath => {
                "not the chart's default: the pods get `mountPath: \"\"` and Kubernetes refuses them"
            }
            _ => "and the store needs it",
        };
        ctx.report(
            &T002,
            doc.span(pair.key).cover(doc.span(pair.value)),
            entry.field_path(field),
            format!(
                "`{}` is {} in entry `{}`, {what}",
                field.key(Chart::V0),
                if null { "null" } else { "empty" },
                entry.name
            ),
        );
    }
}
