//! V010: outputs and data are mounted in job pods, whose 0.x images keep the code in
//! `/code`.

use crate::finding::Severity;
use crate::options::Chart;
use crate::rules::examples::Example;
use crate::rules::{Charts, Context, FixKind, Rule};
use crate::storage::{Entry, Field};

/// A job mount over the code of a 0.x job image.
pub const V010: Rule = Rule {
    code: "V010",
    severity: Severity::Error,
    charts: Charts::V0,
    summary: "an outputs or data `mountPath` at `/code` (error) or inside it (warning): the job image's code directory",
    why: "Polyaxon 0.x builds job images with `WORKDIR /code` and copies the experiment's code there (polyaxon-dockerizer 0.1.0: `constants.WORKDIR = '/code'`, `COPY ... {{ workdir }}`; Polyaxon issue 143). A volume mounted at `/code` hides the code, so the job's command finds nothing to run; one mounted inside it hides that folder of the code.",
    fix: FixKind::None,
};

pub const EXAMPLES: &[Example] = &[Example {
    code: "V010",
    bad: "persistence:\n  outputs:\n    out:\n      mountPath: /code\n      existingClaim: outputs-pvc\n",
    fixed: "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: outputs-pvc\n",
    cluster: None,
    note: Some("0.x job images keep the experiment's code in `/code` (their WORKDIR)."),
}];

/// The working directory of 0.x job images (polyaxon-dockerizer's `WORKDIR`).
const JOB_WORKDIR: &str = "/code";

pub(super) fn check(ctx: &mut Context<'_>) {
    for entry in &ctx.storage.entries {
        if entry.chart == Chart::V0 && entry.role.is_map() {
            job_workdir(ctx, entry);
        }
    }
}

/// V010: outputs and data are mounted in job pods, whose 0.x images keep the code in /code.
fn job_workdir(ctx: &mut Context<'_>, entry: &Entry) {
    let (Some(mount), Some(field)) = (
        ctx.value(entry, Field::MountPath),
        entry.field(Field::MountPath),
    ) else {
        return;
    };
    let mount = mount.trim_end_matches('/');
    let inside = mount
        .strip_prefix(JOB_WORKDIR)
        .is_some_and(|rest| rest.starts_with('/'));
    if mount != JOB_WORKDIR && !inside {
        return;
    }
    let message = if inside {
        format!("`mountPath: {mount}` is inside `{JOB_WORKDIR}`, where 0.x job images keep the experiment's code: this volume hides that folder of the code")
    } else {
        format!("`mountPath: {mount}` is where 0.x job images keep the experiment's code (`WORKDIR {JOB_WORKDIR}`): this volume hides it and jobs fail")
    };
    let finding = ctx.report(
        &V010,
        ctx.doc.span(field.pair.value),
        entry.field_path(Field::MountPath),
        message,
    );
    if inside {
        finding.severity = Severity::Warning;
    }
}

#[cfg(test)]
mod tests {
    use crate::finding::Severity;
    use crate::rules::testing::*;

    #[test]
    fn v010_job_mounts_over_the_code_directory() {
        let at = |path: &str| {
            run(&CLAIM.replace("mountPath: /outputs", &format!("mountPath: {path}")))
                .findings
                .into_iter()
                .filter(|f| f.code == "V010")
                .map(|f| f.severity)
                .collect::<Vec<_>>()
        };
        assert_eq!(at("/code"), [Severity::Error]);
        assert_eq!(at("/code/"), [Severity::Error]);
        assert_eq!(at("/code/outputs"), [Severity::Warning]);
        assert!(at("/codes").is_empty());
        assert!(at("/outputs").is_empty());
    }
}
