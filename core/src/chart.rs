//! Which chart a values file is for, and why we think so.
//!
//! Chart 0.6.x and today's chart (1.x, 2.x) share few top-level keys. A file is read by
//! the keys only one generation has: each key below is in one chart's `values.yaml` and
//! not in the other's (compared on chart 0.6.1 and chart 2.x, `tests/conformance/charts/`),
//! and none is in both deploy checks' schemas (polyaxon-deploy 0.6.1, polyaxon 2.18.0).
//! A test holds the lists against both files. Three 0.x keys are not in 0.6.1's file:
//! `nodeSelectors` (the 0.2 – 0.5 charts') and a root `outputs`/`data` (0.x's storage
//! written outside `persistence`, S003). `api` and `streams` are left out: 0.6.1 has them
//! at the top and 2.x does not, but the 1.x charts are not at hand to say. Storage keys count like the others, except
//! that `artifactsStore`/`connections`/`mountConnections` decide alone: a file that
//! configures today's storage is for today's chart, whatever else it still carries.

use serde::Serialize;

use crate::directive;
use crate::options::{Chart, ChartChoice};
use crate::yaml::Document;

/// Top-level keys of today's chart's storage: any of them decides for v1+.
pub const V1_STORAGE: [&str; 3] = ["artifactsStore", "connections", "mountConnections"];

/// Keys (dotted paths from the root) only chart 0.x has.
const V0_ONLY: &[&str] = &[
    "persistence",
    // Its sections written at the root by mistake (S003): still a 0.x file.
    "outputs",
    "data",
    "hpsearch",
    "eventMonitors",
    "eventsHandlers",
    "k8sEventsHandlers",
    "crons",
    "hooks",
    "tablesHook",
    "docker-registry",
    "rabbitmq-ha",
    "resourcesDaemon",
    "mountPaths",
    "dirs",
    "adminViewEnabled",
    "plugins",
    "nodeSelectors",
    "serviceType",
    "timeZone",
    "defaultPersistence",
    "types",
    "roles",
    "k8s",
    "intervals.experimentsScheduler",
    "intervals.experimentsSync",
    "intervals.pipelinesScheduler",
    "intervals.clustersUpdateSystemInfo",
    "intervals.clustersUpdateSystemNodes",
];

/// Keys (dotted paths from the root) only today's chart has, its storage first.
const V1_ONLY: &[&str] = &[
    "artifactsStore",
    "connections",
    "mountConnections",
    "deploymentChart",
    "gateway",
    "agent",
    "agentSecret",
    "operator",
    "operators",
    "compiler",
    "sidecar",
    "init",
    "cleaner",
    "notifier",
    "ui",
    "proxy",
    "platformSecret",
    "apiHooks",
    "cleanHooks",
    "cleaningIntervals",
    "istio",
    "passwordAuth",
    "defaultArtifactsStore",
    "flower",
    "cronIntervals",
    "timezone",
    "tmux",
    "intervals.compatibilityCheck",
];

/// What decided the chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum By {
    /// The caller's option (`--chart`, the page's Chart menu, the editor's settings).
    Option,
    /// The file's first-line `# storage-check: chart=…`.
    Directive,
    /// Keys only one chart generation has (`ChartBasis::evidence`).
    Keys,
    /// Nothing: the file has no key of either generation; checked as today's chart, and
    /// told so.
    Nothing,
}

/// The chart a check ran for and why: what every surface shows beside the findings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct ChartBasis {
    pub by: By,
    /// For `By::Keys`: the keys that say the chart, as dotted paths, in file order.
    pub evidence: Vec<String>,
    /// For `By::Keys`: keys of the other generation the file also has.
    pub against: Vec<String>,
}

/// The chart for `doc` under `choice`, and why. `text` is read for its directive: the
/// caller's options have had it applied already ([`crate::Options::for_text`]), and this
/// only tells a choice the file made from one the caller made.
pub fn decide(text: &str, doc: &Document, choice: ChartChoice) -> (Chart, ChartBasis) {
    let said = |by| ChartBasis {
        by,
        evidence: Vec::new(),
        against: Vec::new(),
    };
    let chosen = match choice {
        ChartChoice::V0 => Some(Chart::V0),
        ChartChoice::V1 => Some(Chart::V1),
        ChartChoice::Auto => None,
    };
    if let Some(chart) = chosen {
        let from_file = directive::parse(text).is_some_and(|d| d.chart.is_some());
        return (
            chart,
            said(if from_file { By::Directive } else { By::Option }),
        );
    }
    let (v0, v1) = (found(doc, V0_ONLY), found(doc, V1_ONLY));
    let storage_v1 = v1.iter().any(|k| V1_STORAGE.contains(&k.as_str()));
    let chart = match (v0.len(), v1.len()) {
        (0, 0) => return (Chart::V1, said(By::Nothing)),
        _ if storage_v1 => Chart::V1,
        (old, new) if old > new => Chart::V0,
        _ => Chart::V1,
    };
    let (evidence, against) = match chart {
        Chart::V0 => (v0, v1),
        Chart::V1 => (v1, v0),
    };
    let basis = ChartBasis {
        by: By::Keys,
        evidence,
        against,
    };
    (chart, basis)
}

/// The chart `choice` gives for `doc` (no reasons: for callers that only need the chart).
pub fn of(doc: &Document, choice: ChartChoice) -> Chart {
    decide("", doc, choice).0
}

/// Which of `keys` (dotted paths) the document has, in file order.
fn found(doc: &Document, keys: &[&str]) -> Vec<String> {
    let Some(root) = doc.root() else {
        return Vec::new();
    };
    let mut seen = Vec::new();
    // As Helm reads it: keys a root `<<: *base` brings count too.
    for pair in doc.merged_pairs(root) {
        let Some(key) = doc.key_str(pair.key) else {
            continue;
        };
        if keys.contains(&key) {
            seen.push(key.to_string());
        }
        // The one nested level that tells the charts apart: `intervals.*`.
        let nested = keys
            .iter()
            .filter_map(|k| k.strip_prefix(key)?.strip_prefix('.'));
        for child in nested {
            if doc
                .merged_pairs(pair.value)
                .iter()
                .any(|p| doc.key_str(p.key) == Some(child))
            {
                seen.push(format!("{key}.{child}"));
            }
        }
    }
    seen
}

impl ChartBasis {
    /// One line for people: "v1+ (auto, from `gateway`, `intervals.compatibilityCheck`)".
    pub fn describe(&self, chart: Chart) -> String {
        let name = match chart {
            Chart::V0 => "v0 (0.2 – 0.6)",
            Chart::V1 => "v1+ (1.x, 2.x)",
        };
        let list = |keys: &[String]| {
            let shown: Vec<String> = keys.iter().take(3).map(|k| format!("`{k}`")).collect();
            let more = keys.len().saturating_sub(3);
            let tail = if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            };
            format!("{}{tail}", shown.join(", "))
        };
        match self.by {
            By::Option => format!("{name}, as chosen"),
            By::Directive => format!("{name}, from the file's `# storage-check:` line"),
            By::Nothing => format!(
                "{name}: nothing in the file says which chart (no key only one generation has); checked as today's chart"
            ),
            By::Keys if self.against.is_empty() => {
                format!("{name}, auto: from {}", list(&self.evidence))
            }
            By::Keys => format!(
                "{name}, auto: from {} (the file also has {} of the other chart)",
                list(&self.evidence),
                list(&self.against)
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::{self, Limits};

    fn auto(text: &str) -> (Chart, ChartBasis) {
        let doc = yaml::load(text, &Limits::default()).expect("loads");
        decide(text, &doc, ChartChoice::Auto)
    }

    #[test]
    fn a_v1_file_without_a_store_is_read_from_its_other_keys() {
        // The user's file from the `Invalid parent directory '/artifactsStore/...'` report.
        let (chart, basis) =
            auto("intervals:\n  compatibilityCheck: -1\ngateway:\n  replicas: 2\n");
        assert_eq!(chart, Chart::V1);
        assert_eq!(basis.by, By::Keys);
        assert_eq!(basis.evidence, ["intervals.compatibilityCheck", "gateway"]);
        assert_eq!(
            basis.describe(chart),
            "v1+ (1.x, 2.x), auto: from `intervals.compatibilityCheck`, `gateway`"
        );
    }

    #[test]
    fn v0_keys_say_v0_and_v1_storage_decides_alone() {
        let (chart, basis) = auto("hpsearch: {}\nnodeSelectors:\n  core: {}\n");
        assert_eq!((chart, basis.evidence.len()), (Chart::V0, 2));
        let text = "persistence: {}\nhpsearch: {}\ncrons: {}\nconnections: []\n";
        let (chart, basis) = auto(text);
        assert_eq!(chart, Chart::V1);
        assert_eq!(basis.against, ["persistence", "hpsearch", "crons"]);
        assert!(basis.describe(chart).ends_with(
            "(the file also has `persistence`, `hpsearch`, `crons` of the other chart)"
        ));
    }

    /// The review's file: a 2.x file with leftover `persistence`; and keys a root merge
    /// brings, as Helm reads them.
    #[test]
    fn a_v1_file_with_leftover_persistence_and_merged_keys() {
        let text = "defaultArtifactsStore: {name: store}\ntimezone: UTC\nflower: {enabled: true}\npersistence: {outputs: {o1: {existingClaim: foo}}}\n";
        assert_eq!(auto(text).0, Chart::V1);
        let merged = "base: &b\n  gateway: {}\n  agent: {}\n<<: *b\npersistence: {}\n";
        let (chart, basis) = auto(merged);
        assert_eq!(
            (chart, basis.evidence),
            (Chart::V1, vec!["gateway".into(), "agent".into()])
        );
    }

    #[test]
    fn more_keys_of_one_generation_win_and_a_tie_is_todays_chart() {
        assert_eq!(
            auto("persistence: {}\ncrons: {}\ngateway: {}\n").0,
            Chart::V0
        );
        assert_eq!(auto("persistence: {}\ngateway: {}\n").0, Chart::V1);
    }

    #[test]
    fn no_evidence_is_said_and_checked_as_todays_chart() {
        for text in [
            "",
            "ingress:\n  enabled: true\n",
            "# only a comment\n",
            "intervals: {}\n",
        ] {
            let (chart, basis) = auto(text);
            assert_eq!((chart, basis.by), (Chart::V1, By::Nothing), "{text:?}");
        }
    }

    /// The evidence lists against the two charts' own values files: a key of one list is
    /// in its chart's file (but for the three named in the module's docs) and never in the
    /// other's.
    #[test]
    fn evidence_keys_are_in_one_charts_values_only() {
        let read = |dir: &str| {
            let path = format!(
                "{}/../tests/conformance/charts/{dir}/values.yaml",
                env!("CARGO_MANIFEST_DIR")
            );
            let text = std::fs::read_to_string(path).expect("the chart's values.yaml");
            let doc = yaml::load(&text, &Limits::default()).expect("loads");
            (found(&doc, V0_ONLY), found(&doc, V1_ONLY))
        };
        let (v0_in_old, v1_in_old) = read("polyaxon-0.6.1");
        let (v0_in_new, v1_in_new) = read("polyaxon-2.x");
        assert_eq!(v1_in_old, Vec::<String>::new());
        assert_eq!(v0_in_new, Vec::<String>::new());
        let not_in_file = ["nodeSelectors", "outputs", "data"];
        for key in V0_ONLY.iter().filter(|k| !not_in_file.contains(k)) {
            assert!(
                v0_in_old.iter().any(|k| k == key),
                "{key} not in 0.6.1's values"
            );
        }
        for key in V1_ONLY {
            assert!(
                v1_in_new.iter().any(|k| k == key),
                "{key} not in 2.x's values"
            );
        }
    }

    #[test]
    fn a_choice_is_told_from_the_files_own_directive() {
        let text = "# storage-check: chart=v0\ngateway: {}\n";
        let doc = yaml::load(text, &Limits::default()).expect("loads");
        assert_eq!(decide(text, &doc, ChartChoice::V0).1.by, By::Directive);
        let plain = "gateway: {}\n";
        let doc = yaml::load(plain, &Limits::default()).expect("loads");
        let (chart, basis) = decide(plain, &doc, ChartChoice::V0);
        assert_eq!((chart, basis.by), (Chart::V0, By::Option));
        assert_eq!(basis.describe(chart), "v0 (0.2 – 0.6), as chosen");
    }
}
