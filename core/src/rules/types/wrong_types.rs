//! T001: a value of the wrong type, read as YAML 1.1 as Helm and Polyaxon do: `readOnly`
//! not a boolean (a warning when Polyaxon still takes it for one), a path or name not a
//! string. Both charts' fields.

use crate::finding::Severity;
use crate::fix::{Edit, Fix};
use crate::rules::examples::Example;
use crate::rules::{Charts, Context, FixKind, Rule};
use crate::storage::Entry;
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

pub const EXAMPLES: &[Example] = &[
    Example {
        code: "T001",
        bad: "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: outputs-pvc\n      readOnly: \"true\"\n",
        fixed: "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: outputs-pvc\n      readOnly: true\n",
        cluster: None,
        note: None,
    },
];

pub(super) fn check(ctx: &mut Context<'_>) {
    for entry in &ctx.storage.entries {
        wrong_types(ctx, entry);
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

#[cfg(test)]
mod tests {
    use crate::finding::Severity;
    use crate::rules::testing::*;

    #[test]
    fn read_only_string() {
        gets_and_not(
            "T001",
            "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: pvc\n      readOnly: \"true\"\n",
            "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: pvc\n      readOnly: true\n",
        );
    }

    #[test]
    fn mapping_for_path() {
        gets_and_not(
            "T001",
            "persistence:\n  outputs:\n    out:\n      mountPath: {a: b}\n      existingClaim: pvc\n",
            CLAIM,
        );
    }

    /// `readOnly: VALUE` on a claim entry: (severity of T001 or none, fix offered).
    fn read_only(value: &str) -> (Option<Severity>, bool) {
        let report = run(&format!("{CLAIM}      readOnly: {value}\n"));
        let t001 = report.findings.iter().find(|f| f.code == "T001");
        (
            t001.map(|f| f.severity),
            t001.is_some_and(|f| f.fix.is_some()),
        )
    }

    #[test]
    fn reads_tags_and_numbers_as_helm_does() {
        // Helm's values_from_yaml: `!!bool "true"` is true, `!!str yes` the string "yes".
        assert_eq!(read_only("!!bool \"true\""), (None, false));
        assert_eq!(read_only("!!bool 'off'"), (None, false));
        // A string Polyaxon still takes, but a value-only fix would keep the tag: none offered.
        assert_eq!(read_only("!!str yes"), (Some(Severity::Warning), false));
        // 0x1, 1.0, 01 and 10e-1 reach the template as 1, like `1`.
        for one in ["1", "0x1", "1.0", "01", "10e-1", "0b1", "+1", "0_1"] {
            assert_eq!(read_only(one), (Some(Severity::Warning), true), "{one}");
        }
        for zero in ["0", "0.0", "0x0", "-0.0"] {
            assert_eq!(read_only(zero), (Some(Severity::Warning), true), "{zero}");
        }
        for other in ["2", "-1", "0x10", "1.5", "1e3"] {
            assert_eq!(read_only(other), (Some(Severity::Error), false), "{other}");
        }
        // `.inf` has no JSON form: Helm refuses the whole file (Y001), not just the value.
        assert_eq!(
            codes(&run(&format!("{CLAIM}      readOnly: .inf\n"))),
            ["Y001"]
        );
    }

    #[test]
    fn read_only_follows_yaml_1_1_and_polyaxons_validators() {
        let with = |value: &str| {
            run(&format!("{CLAIM}      readOnly: {value}\n"))
                .findings
                .into_iter()
                .filter(|f| f.code == "T001")
                .collect::<Vec<_>>()
        };
        for boolean in ["yes", "On", "n", "true"] {
            assert!(with(boolean).is_empty(), "readOnly: {boolean}");
        }
        for (accepted, fixed) in [("\"true\"", "true"), ("1", "true"), ("'no'", "false")] {
            let found = with(accepted);
            assert_eq!(found.len(), 1, "readOnly: {accepted}");
            assert_eq!(found[0].severity, Severity::Warning, "readOnly: {accepted}");
            let fix = found[0].fix.as_ref().expect("a fix");
            assert!(fix.is_safe() && fix.edits[0].replacement == fixed);
        }
        let refused = with("\"foo\"");
        assert_eq!(refused[0].severity, Severity::Error);
        // A path that YAML 1.1 reads as a boolean is not a path.
        let report = run(&CLAIM.replace("existingClaim: outputs-pvc", "existingClaim: on"));
        assert_eq!(count(&report, "T001"), 1);
    }
}
