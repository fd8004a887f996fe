//! T002: a required value written empty or null, with nothing else to supply it.

use crate::finding::Severity;
use crate::options::Chart;
use crate::rules::examples::Example;
use crate::rules::{Charts, Context, FixKind, Rule};
use crate::storage::v0::KIND_FIELDS;
use crate::storage::{Entry, Field, Kind, KindState};

/// A required value is empty or null with nothing else to supply it.
pub const T002: Rule = Rule {
    code: "T002",
    severity: Severity::Error,
    charts: Charts::V0,
    summary: "a required value is empty or null where nothing else supplies it",
    why: "Helm treats an empty or null value as absent. A key written with no value (`existingClaim:` alone) looks configured but is not: the entry falls back to nothing. (Empty keys next to a real value, as in the chart's own defaults, are fine.)",
    fix: FixKind::None,
};

pub const EXAMPLES: &[Example] = &[
    Example {
        code: "T002",
        bad: "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim:\n",
        fixed: "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: outputs-pvc\n",
        cluster: None,
        note: None,
    },
];

pub(super) fn check(ctx: &mut Context<'_>) {
    for entry in &ctx.storage.entries {
        required_but_empty(ctx, entry);
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

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    #[test]
    fn empty_claim_alone() {
        gets_and_not(
            "T002",
            "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim:\n",
            "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim:\n      hostPath: /data/outputs\n",
        );
    }

    #[test]
    fn logs_mount_path_null() {
        gets_and_not(
            "T002",
            "persistence:\n  logs:\n    mountPath: null\n",
            "persistence:\n  logs:\n    existingClaim: logs-pvc\n",
        );
    }

    #[test]
    fn repos_mount_path_empty() {
        gets_and_not(
            "T002",
            "persistence:\n  repos:\n    mountPath: \"\"\n",
            "persistence:\n  repos:\n    hostPath: \"\"\n",
        );
    }

    /// A null deletes the chart's default (Helm's coalescing), `""` replaces it: the message
    /// says which.
    #[test]
    fn says_null_or_empty_as_written() {
        let t002 = |text: &str| {
            run(text)
                .findings
                .into_iter()
                .find(|f| f.code == "T002")
                .map(|f| f.message)
                .unwrap_or_default()
        };
        let null = t002("persistence:\n  logs:\n    mountPath: null\n");
        assert!(
            null.starts_with(
                "`mountPath` is null in entry `logs`, so Helm deletes the chart's default"
            ),
            "{null}"
        );
        let bare = t002("persistence:\n  logs:\n    mountPath:\n");
        assert_eq!(bare, null);
        let empty = t002("persistence:\n  logs:\n    mountPath: \"\"\n");
        assert!(
            empty.starts_with("`mountPath` is empty in entry `logs`, not the chart's default"),
            "{empty}"
        );
    }
}
