//! V001, V002, V003: v0's `hostPath`, `existingClaim` and `store` choose the kind; exactly
//! one must be set, and a volume needs its `mountPath`.

use crate::edit;
use crate::finding::Severity;
use crate::fix::{Edit, Fix};
use crate::options::Chart;
use crate::rules::examples::Example;
use crate::rules::{Charts, Context, FixKind, Rule};
use crate::storage::v0::{kind_fields, KIND_FIELDS};
use crate::storage::{Entry, Field, Kind, KindState};

/// No `hostPath`, `existingClaim` or `store`.
pub const V001: Rule = Rule {
    code: "V001",
    severity: Severity::Error,
    charts: Charts::V0,
    summary: "none of `hostPath`, `existingClaim`, `store`",
    why: "With none of them, platform pods fall back to a host path equal to `mountPath` while job pods get an emptyDir: outputs are written where nothing else reads them, and vanish with the pod.",
    fix: FixKind::None,
};

/// More than one of `hostPath`, `existingClaim`, `store`.
pub const V002: Rule = Rule {
    code: "V002",
    severity: Severity::Error,
    charts: Charts::V0,
    summary: "more than one of `hostPath`, `existingClaim`, `store`",
    why: "Polyaxon's deploy check fails: \"Only one of the option existingClaim, hostPath, and store can be used to define a persistence.\" The chart would silently pick one.",
    fix: FixKind::Suggested,
};

/// Volume entry without `mountPath`.
pub const V003: Rule = Rule {
    code: "V003",
    severity: Severity::Error,
    charts: Charts::V0,
    summary: "volume entry without `mountPath`",
    why: "The chart creates a volume only when `mountPath` is set: without it nothing is mounted, and jobs write their outputs inside the container.",
    fix: FixKind::None,
};

pub const EXAMPLES: &[Example] = &[
    Example {
        code: "V001",
        bad: "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n",
        fixed: "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: outputs-pvc\n",
        cluster: None,
        note: None,
    },
    Example {
        code: "V002",
        bad: "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: outputs-pvc\n      hostPath: /data/outputs\n",
        fixed: "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: outputs-pvc\n",
        cluster: None,
        note: None,
    },
    Example {
        code: "V003",
        bad: "persistence:\n  outputs:\n    out:\n      existingClaim: outputs-pvc\n",
        fixed: "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: outputs-pvc\n",
        cluster: None,
        note: None,
    },
];

pub(super) fn check(ctx: &mut Context<'_>) {
    for entry in &ctx.storage.entries {
        if entry.chart == Chart::V0 {
            kind_keys(ctx, entry);
        }
    }
}

/// v0: `hostPath`, `existingClaim` and `store` choose the kind; exactly one must be set.
fn kind_keys(ctx: &mut Context<'_>, entry: &Entry) {
    let doc = ctx.doc;
    match entry.kind {
        // Written-but-empty kind keys are T002's finding.
        // A misspelled kind key (`existingclaim`) is K001's: one cause, one finding.
        KindState::Unset
            if entry.role.is_map()
                && KIND_FIELDS.iter().all(|k| entry.field(*k).is_none())
                && !misspells(ctx, entry, &KIND_FIELDS) =>
        {
            ctx.report(
                &V001,
                entry.anchor(doc),
                entry.path.clone(),
                format!("entry `{}` has none of `hostPath`, `existingClaim`, `store`: job outputs go to an emptyDir and are lost", entry.name),
            );
        }
        KindState::Conflict => {
            let keys = kind_fields(doc, entry);
            let Some(&keep) = keys.first() else { return };
            let remove: Vec<Edit> = keys
                .iter()
                .skip(1)
                .filter_map(|k| entry.field(*k))
                .map(|f| edit::remove_pair(ctx.text, doc, f.pair))
                .collect();
            let names: Vec<&str> = keys.iter().map(|k| k.key(Chart::V0)).collect();
            let second = keys
                .get(1)
                .and_then(|k| entry.field(*k))
                .map(|f| f.pair.key);
            let span = second.map_or(entry.anchor(doc), |k| doc.span(k));
            let fix = Fix::suggested(
                format!(
                    "Keep `{}`, remove `{}`",
                    keep.key(Chart::V0),
                    names[1..].join("`, `")
                ),
                remove,
                vec![entry.path.clone()],
            );
            ctx.report(
                &V002,
                span,
                entry.path.clone(),
                format!("entry `{}` sets `{}`: only one of `existingClaim`, `hostPath`, `store` can be used", entry.name, names.join("` and `")),
            )
            .fix = Some(fix);
        }
        KindState::Known(Kind::HostPath | Kind::Claim)
            if entry.role.is_map()
                && entry.field(Field::MountPath).is_none()
                && !misspells(ctx, entry, &[Field::MountPath]) =>
        {
            ctx.report(
                &V003,
                entry.anchor(doc),
                entry.path.clone(),
                format!(
                    "volume entry `{}` has no `mountPath`: no volume is mounted",
                    entry.name
                ),
            );
        }
        _ => {}
    }
}

/// Whether one of the entry's unknown keys is one of `fields` spelled with another case or
/// other separators (`existingclaim`, `mount_path`): K001 reports that key, and the
/// finding it causes (V001, V003) would only say the same twice.
fn misspells(ctx: &Context<'_>, entry: &Entry, fields: &[Field]) -> bool {
    entry.others.iter().any(|p| {
        ctx.doc.key_str(p.key).is_some_and(|key| {
            fields
                .iter()
                .any(|f| crate::text::suggest::same_but_spelling(key, f.key(Chart::V0)))
        })
    })
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    #[test]
    fn an_entry_named_yes_is_the_entry_true_as_helm_names_it() {
        let report = run("persistence:\n  outputs:\n    yes:\n      mountPath: /outputs\n");
        let v001 = report.findings.iter().find(|f| f.code == "V001").unwrap();
        assert_eq!(v001.path, "persistence.outputs.true");
        let quoted = run("persistence:\n  outputs:\n    \"yes\":\n      mountPath: /outputs\n");
        let v001 = quoted.findings.iter().find(|f| f.code == "V001").unwrap();
        assert_eq!(v001.path, "persistence.outputs.yes");
    }

    #[test]
    fn v001_no_kind() {
        gets_and_not(
            "V001",
            "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n",
            CLAIM,
        );
    }

    #[test]
    fn v002_two_kinds() {
        gets_and_not(
            "V002",
            "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: pvc\n      hostPath: /data\n",
            "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: pvc\n      hostPath:\n",
        );
    }

    #[test]
    fn v003_no_mount_path() {
        gets_and_not(
            "V003",
            "persistence:\n  outputs:\n    out:\n      existingClaim: pvc\n",
            CLAIM,
        );
    }
}
