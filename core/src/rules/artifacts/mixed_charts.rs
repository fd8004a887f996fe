//! A007: `persistence` where the v1+ chart reads the file, or beside its storage keys.

use crate::chart::V1_STORAGE;
use crate::finding::Severity;
use crate::options::Chart;
use crate::rules::examples::Example;
use crate::rules::{Charts, Context, FixKind, Rule};

/// `persistence` in a v1+ file.
pub const A007: Rule = Rule {
    code: "A007",
    severity: Severity::Error,
    charts: Charts::Both,
    summary: "`persistence` in a file checked as the v1+ chart, or beside `artifactsStore`/`connections`",
    why: "Polyaxon 2.x's deploy check refuses `persistence` (\"Extra inputs are not permitted\"), and the v1+ chart ignores it: the outputs configured there are not used, and without an `artifactsStore` the chart falls back to its default host-path store.",
    fix: FixKind::None,
};

pub const EXAMPLES: &[Example] = &[Example {
    code: "A007",
    bad: "persistence:\n  outputs: {}\nartifactsStore:\n  name: store\n  kind: s3\n  schema:\n    bucket: s3://b-out\n  secret:\n    name: s3-secret\n",
    fixed: "artifactsStore:\n  name: store\n  kind: s3\n  schema:\n    bucket: s3://b-out\n  secret:\n    name: s3-secret\n",
    cluster: None,
    note: None,
}];

/// A007: `persistence` where the v1+ chart reads the file, or beside its storage keys.
pub(super) fn check(ctx: &mut Context<'_>) {
    let doc = ctx.doc;
    let Some(root) = doc.root() else { return };
    let Some(persistence) = doc.get(root, "persistence") else {
        return;
    };
    let v1: Vec<&str> = V1_STORAGE
        .into_iter()
        .filter(|k| doc.get(root, k).is_some())
        .collect();
    let message = match (v1.is_empty(), ctx.chart) {
        (false, _) => format!(
            "the file has both `persistence` and `{}`: the v1+ chart ignores `persistence`",
            v1.join("`/`")
        ),
        (true, Chart::V1) => format!(
            "`persistence` is chart 0.x's, and this file is checked as {}: the v1+ chart ignores `persistence` and Polyaxon 2.x refuses it",
            ctx.basis.describe(Chart::V1)
        ),
        (true, Chart::V0) => return,
    };
    ctx.report(&A007, doc.span(persistence.key), "persistence", message);
}

#[cfg(test)]
mod tests {
    use crate::finding::Severity;
    use crate::options::{Chart, ChartChoice, Options};
    use crate::rules::testing::*;

    #[test]
    fn a007_mixed_charts() {
        gets_and_not(
            "A007",
            "persistence:\n  outputs: {}\nartifactsStore:\n  name: store\n",
            "persistence:\n  outputs: {}\n",
        );
    }

    #[test]
    fn a007_beside_the_v1_keys_is_an_error() {
        let both = run(&format!("persistence:\n  outputs: {{}}\n{V1_OK}"));
        let a007 = both
            .findings
            .iter()
            .find(|f| f.code == "A007")
            .expect("A007");
        assert_eq!(a007.severity, Severity::Error);
    }

    /// Issue 20: `persistence` in a file checked as the v1+ chart is A007, an error, however
    /// the chart was decided: by `--chart v1`, by the directive, or by other v1-only keys.
    #[test]
    fn persistence_is_an_error_whenever_the_v1_chart_is_checked() {
        let forced = run_with(
            CLAIM,
            Options {
                chart: ChartChoice::V1,
                ..Options::default()
            },
        );
        let directive = run(&format!("# storage-check: chart=v1\n{CLAIM}"));
        let keys = run(&format!("{CLAIM}gateway: {{}}\nagent: {{}}\n"));
        for report in [forced, directive, keys] {
            assert_eq!(report.chart, Some(Chart::V1));
            let a007 = report.findings.iter().find(|f| f.code == "A007");
            let a007 = a007.unwrap_or_else(|| panic!("A007 in {:?}", codes(&report)));
            assert_eq!(a007.severity, Severity::Error);
            assert!(a007
                .message
                .contains("the v1+ chart ignores `persistence` and Polyaxon 2.x refuses it"));
        }
        // Checked as v0 (the file's own keys say so), `persistence` is where it belongs.
        assert_eq!(count(&run(CLAIM), "A007"), 0);
    }
}
