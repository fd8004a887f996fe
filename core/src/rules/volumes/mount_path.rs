//! V004: a `mountPath` Kubernetes refuses (not absolute, `/`, with `..`), or that ends
//! with `/` (a warning with its safe fix).

use crate::edit;
use crate::finding::Severity;
use crate::fix::Fix;
use crate::rules::examples::Example;
use crate::rules::{Charts, Context, FixKind, Rule};
use crate::storage::Field;

use super::path_values;

/// `mountPath` not absolute, `/`, with `..`, or with a trailing slash.
pub const V004: Rule = Rule {
    code: "V004",
    severity: Severity::Error,
    charts: Charts::Both,
    summary: "`mountPath` not absolute, `/`, has `..` (error) or ends with `/` (warning)",
    why: "Kubernetes requires an absolute mount path without `..`; mounting over `/` hides the container's filesystem. A trailing slash works but makes the same path look different to Polyaxon's path handling.",
    fix: FixKind::Safe,
};

pub const EXAMPLES: &[Example] = &[Example {
    code: "V004",
    bad: "persistence:\n  outputs:\n    out:\n      mountPath: /outputs/\n      existingClaim: outputs-pvc\n",
    fixed: "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: outputs-pvc\n",
    cluster: None,
    note: None,
}];

pub(super) fn check(ctx: &mut Context<'_>) {
    let doc = ctx.doc;
    for v in path_values(ctx, Field::MountPath) {
        let value = v.value;
        if let Some(problem) = mount_path_problem(value) {
            let key = v.key(Field::MountPath);
            ctx.report(&V004, v.span, &v.path, format!("`{key}: {value}` {problem}"));
        } else if value.len() > 1 && value.ends_with('/') {
            // The trailing slash: a warning with its safe fix.
            let Some(field) = v.entry.field(Field::MountPath) else {
                continue;
            };
            let trimmed = value.trim_end_matches('/');
            let fix = Fix::safe(
                format!("Write `{trimmed}`"),
                vec![edit::replace_scalar(doc, field.pair.value, trimmed)],
                vec![v.path.clone()],
            );
            let finding = ctx.report(
                &V004,
                v.span,
                v.path,
                format!("`mountPath: {value}` ends with `/`"),
            );
            finding.severity = Severity::Warning;
            finding.fix = Some(fix);
        }
    }
}

fn mount_path_problem(mount: &str) -> Option<&'static str> {
    if !mount.starts_with('/') {
        Some("is not an absolute path")
    } else if mount.trim_end_matches('/').is_empty() {
        Some("mounts over the container's root `/`")
    } else if mount.split('/').any(|s| s == "..") {
        Some("contains `..`")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use crate::finding::Severity;
    use crate::rules::testing::*;

    #[test]
    fn v004_relative_mount() {
        gets_and_not(
            "V004",
            "persistence:\n  outputs:\n    out:\n      mountPath: outputs\n      existingClaim: pvc\n",
            CLAIM,
        );
    }

    #[test]
    fn v004_trailing_slash_is_a_warning() {
        let report = run("persistence:\n  outputs:\n    out:\n      mountPath: /outputs/\n      existingClaim: pvc\n");
        let f = report.findings.iter().find(|f| f.code == "V004").unwrap();
        assert_eq!(f.severity, Severity::Warning);
    }
}
