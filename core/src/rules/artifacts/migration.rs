//! A008: a v0 `persistence` that can be migrated to the v1+ chart, with the migration.

use crate::finding::{Detail, MigrationDetail, Severity};
use crate::migrate;
use crate::options::Chart;
use crate::rules::examples::Example;
use crate::rules::{Charts, Context, FixKind, Rule};

/// A v0 `persistence` can be migrated to the v1+ chart.
pub const A008: Rule = Rule {
    code: "A008",
    severity: Severity::Info,
    charts: Charts::V0,
    summary: "the v0 `persistence` entries can be migrated to `artifactsStore`/`connections`",
    why: "Today's chart (1.x, 2.x) replaced `persistence.outputs` with `artifactsStore` and `connections`. The migration keeps each entry's kind and paths; cloud Secrets change shape: v1+ reads the credentials as separate keys, not one JSON file under `secretKey`.",
    fix: FixKind::Suggested,
};

pub const EXAMPLES: &[Example] = &[Example {
    code: "A008",
    bad: "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: outputs-pvc\n",
    fixed: "artifactsStore:\n  name: out\n  kind: volume_claim\n  schema:\n    volumeClaim: outputs-pvc\n    mountPath: /outputs\n",
    cluster: None,
    note: Some("`storage-check migrate FILE` writes the migration."),
}];

/// A008: a v0 file's migration.
pub(super) fn check(ctx: &mut Context<'_>) {
    if ctx.chart != Chart::V0 {
        return;
    }
    let doc = ctx.doc;
    let Ok(plan) = migrate::plan_for(ctx.text, doc, ctx.storage) else {
        return;
    };
    let Some(persistence) = ctx.storage.persistence else {
        return;
    };
    let finding = ctx.report(
        &A008,
        doc.span(persistence.key),
        "persistence",
        "this v0 `persistence` can be migrated to the v1+ chart's `artifactsStore` and `connections`",
    );
    finding.fix = plan.fix;
    finding.detail = Some(Detail::Migration(MigrationDetail {
        block: plan.block,
        secret_commands: plan.secret_commands,
        skipped: plan.skipped,
        dropped: plan.dropped,
        notes: plan.notes,
        losses: plan.losses,
        carried: plan.carried,
    }));
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    #[test]
    fn a008_migration_offered() {
        gets_and_not("A008", CLAIM, "persistence:\n  outputs: {}\n");
    }
}
