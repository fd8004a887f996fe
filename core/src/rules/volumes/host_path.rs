//! V005: a `hostPath` Kubernetes refuses (not absolute, or with `..`).

use crate::finding::Severity;
use crate::rules::examples::Example;
use crate::rules::{Charts, Context, FixKind, Rule};
use crate::storage::Field;

use super::path_values;

/// `hostPath` not absolute.
pub const V005: Rule = Rule {
    code: "V005",
    severity: Severity::Error,
    charts: Charts::Both,
    summary: "`hostPath` not absolute, or with a `..` element",
    why: "Kubernetes rejects a hostPath volume whose path is not absolute or has a `..` element (validateHostPathVolumeSource): pods that mount it never start.",
    fix: FixKind::None,
};

pub const EXAMPLES: &[Example] = &[Example {
    code: "V005",
    bad: "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      hostPath: data/outputs\n",
    fixed: "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      hostPath: /data/outputs\n",
    cluster: None,
    note: None,
}];

pub(super) fn check(ctx: &mut Context<'_>) {
    for v in path_values(ctx, Field::HostPath) {
        let (key, value) = (v.key(Field::HostPath), v.value);
        let message = if !value.starts_with('/') {
            format!("`{key}: {value}` is not an absolute path")
        } else if value.split('/').any(|s| s == "..") {
            format!("`{key}: {value}` contains `..`: Kubernetes refuses such a hostPath")
        } else {
            continue;
        };
        ctx.report(&V005, v.span, v.path, message);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    #[test]
    fn v005_relative_host_path() {
        gets_and_not(
            "V005",
            "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      hostPath: data/outputs\n",
            "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      hostPath: /data/outputs\n",
        );
    }
}
