//! What the npm package's functions compute, as Rust values: `lib.rs` hands them to
//! JavaScript as objects. Kept free of wasm-bindgen so it is tested natively.

use serde::{Deserialize, Serialize};
use storage_core::chart::ChartBasis;
use storage_core::cluster::{self, Cluster};
use storage_core::map::StorageMap;
use storage_core::rules::Rule;
use storage_core::{Chart, ChartChoice, Edition, LocatedFinding, Options, Skipped, Topology};
use tsify::Tsify;

/// What `check`, `fix` and `map` take; every field optional. A field the checker does not
/// know is an error (a misspelt `topolgy` would otherwise be a silent default).
#[derive(Debug, Clone, Default, Deserialize, Tsify)]
#[serde(deny_unknown_fields)]
pub struct CheckOptions {
    /// The chart the file is for (`auto`: read from the file; a first-line
    /// `# storage-check: chart=…` directive wins over this).
    #[tsify(optional)]
    pub chart: Option<ChartChoice>,
    /// Where jobs run.
    #[tsify(optional)]
    pub topology: Option<Topology>,
    /// Polyaxon's edition.
    #[tsify(optional)]
    pub edition: Option<Edition>,
    /// A cluster snapshot's text (`kubectl get nodes,storageclasses,persistentvolumes,
    /// persistentvolumeclaims,secrets -n polyaxon -o json`): the cluster rules run, and the
    /// map says what the cluster has. `fix` does not read it (a safe fix never depends on
    /// the cluster).
    #[tsify(optional)]
    pub cluster: Option<String>,
}

impl CheckOptions {
    /// The error serde gives for the first of `keys` that is not a field ("unknown field
    /// `topolgy`, expected one of `chart`, ..."). serde-wasm-bindgen reads a struct's known
    /// fields from a JS object and never sees the others, so `deny_unknown_fields` alone
    /// would let a misspelt option pass: the caller hands the object's keys here first.
    pub fn refuse_unknown<'a>(keys: impl IntoIterator<Item = &'a str>) -> Result<(), String> {
        use serde::de::value::{Error, MapDeserializer};
        for key in keys {
            // One key with a unit value: a known field reads it as `None`.
            let one = MapDeserializer::<_, Error>::new(std::iter::once((key, ())));
            if let Err(e) = CheckOptions::deserialize(one) {
                let message = e.to_string();
                if message.starts_with("unknown field") {
                    return Err(message);
                }
            }
        }
        Ok(())
    }

    /// The core's options (defaults where not given).
    fn core_options(&self) -> Options {
        let mut options = Options::default();
        options.chart = self.chart.unwrap_or(options.chart);
        options.topology = self.topology.unwrap_or(options.topology);
        options.edition = self.edition.unwrap_or(options.edition);
        options
    }

    /// The snapshot, read; an unreadable one is an error, never checked without.
    fn cluster(&self) -> Result<Option<Cluster>, String> {
        self.cluster
            .as_deref()
            .map(|text| cluster::read(text).map_err(|e| format!("cluster: {e}")))
            .transpose()
    }
}

/// What `check` returns.
#[derive(Debug, Clone, Serialize, Tsify)]
pub struct CheckResult {
    /// The chart the file was checked for (left out when the text could not be read).
    pub chart: Option<Chart>,
    /// What decided the chart.
    pub chart_basis: Option<ChartBasis>,
    /// The same in one line for people ("v1+ (1.x, 2.x), auto: from `gateway`").
    pub chart_said: Option<String>,
    /// Every finding, in file order, as the CLI's `--format json` writes them.
    pub findings: Vec<LocatedFinding>,
}

/// What `fix` returns.
#[derive(Debug, Clone, Serialize, Tsify)]
pub struct FixResult {
    /// The text with every safe fix applied (the input when none applied).
    pub text: String,
    /// How many fixes were applied.
    pub applied: usize,
    /// Safe fixes left out, with why (each would have changed a value it does not own,
    /// left the file unreadable or brought a new error).
    pub skipped: Vec<Skipped>,
}

/// The file's findings.
pub fn check(text: &str, options: &CheckOptions) -> Result<CheckResult, String> {
    let cluster = options.cluster()?;
    let report = storage_core::check_in(text, &options.core_options(), cluster.as_ref());
    Ok(CheckResult {
        chart: report.chart,
        chart_said: report.chart_said(),
        chart_basis: report.basis.clone(),
        findings: report.located(text),
    })
}

/// The text with every safe fix applied, as `storage-check --fix --stdout` writes it.
pub fn fix(text: &str, options: &CheckOptions) -> FixResult {
    let fixed = storage_core::fix_all(text, &options.core_options());
    FixResult {
        text: fixed.text,
        applied: fixed.applied,
        skipped: fixed.skipped,
    }
}

/// What each kind of pod mounts (the page's "Where the files go").
pub fn map(text: &str, options: &CheckOptions) -> Result<StorageMap, String> {
    let cluster = options.cluster()?;
    Ok(storage_core::analyze_in(text, &options.core_options(), cluster.as_ref()).map)
}

/// Every rule of the registry, in code order.
pub fn rules() -> Vec<Rule> {
    storage_core::rules::all().copied().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(json: &str) -> CheckOptions {
        serde_json::from_str(json).expect("options")
    }

    fn codes(result: &CheckResult) -> Vec<&str> {
        result.findings.iter().map(|f| f.code).collect()
    }

    #[test]
    fn check_finds_and_locates() {
        let text =
            "persistence:\n  outputs:\n    out:\n      mountPath: /o\n      existingclaim: pvc\n";
        let result = check(text, &options(r#"{"topology": "multi-node"}"#)).unwrap();
        assert_eq!(result.chart, Some(Chart::V0));
        assert!(codes(&result).contains(&"K001"), "{:?}", codes(&result));
        let k001 = result.findings.iter().find(|f| f.code == "K001").unwrap();
        assert_eq!((k001.line, k001.column), (5, 7));
    }

    /// The file's directive wins over the caller's chart, as in the CLI, and is told.
    #[test]
    fn the_directive_wins_and_is_told() {
        let text = "# storage-check: chart=v1\npersistence:\n  outputs: {}\n";
        let result = check(text, &options(r#"{"chart": "v0"}"#)).unwrap();
        assert_eq!(result.chart, Some(Chart::V1));
        assert!(codes(&result).contains(&"A007"), "{:?}", codes(&result));
        let result = check("gateway: {}\n", &CheckOptions::default()).unwrap();
        assert_eq!(
            result.chart_said.as_deref(),
            Some("v1+ (1.x, 2.x), auto: from `gateway`")
        );
    }

    #[test]
    fn unknown_or_bad_options_are_errors() {
        let bad = serde_json::from_str::<CheckOptions>(r#"{"chart": "v9"}"#).unwrap_err();
        assert!(bad.to_string().contains("unknown variant `v9`"), "{bad}");
        let typo =
            serde_json::from_str::<CheckOptions>(r#"{"topolgy": "multi-node"}"#).unwrap_err();
        assert!(
            typo.to_string().contains("unknown field `topolgy`"),
            "{typo}"
        );
        let refused = CheckOptions::refuse_unknown(["chart", "cluster", "topolgy"]).unwrap_err();
        assert!(
            refused.starts_with("unknown field `topolgy`, expected one of `chart`"),
            "{refused}"
        );
        assert_eq!(
            CheckOptions::refuse_unknown(["chart", "topology", "edition", "cluster"]),
            Ok(())
        );
        let unreadable = check("a: 1\n", &options(r#"{"cluster": "[ not yaml"}"#)).unwrap_err();
        assert!(unreadable.starts_with("cluster: "), "{unreadable}");
    }

    #[test]
    fn fix_applies_the_safe_fixes() {
        let text =
            "persistence:\n  outputs:\n    out:\n      mountPath: /o/\n      existingclaim: pvc\n";
        let fixed = fix(text, &CheckOptions::default());
        assert_eq!(
            fixed.text,
            "persistence:\n  outputs:\n    out:\n      mountPath: /o\n      existingClaim: pvc\n"
        );
        assert_eq!(fixed.applied, 2);
    }

    /// With a snapshot, the cluster rules run and the map says what the cluster has.
    #[test]
    fn a_snapshot_reaches_the_rules_and_the_map() {
        let snapshot = r#"{"kind": "List", "items": [{"kind": "PersistentVolumeClaim", "metadata": {"name": "outputs-pvc", "namespace": "polyaxon"}, "spec": {"accessModes": ["ReadWriteMany"]}, "status": {"phase": "Bound", "accessModes": ["ReadWriteMany"]}}]}"#;
        let with = CheckOptions {
            cluster: Some(snapshot.to_string()),
            ..CheckOptions::default()
        };
        let text = "persistence:\n  outputs:\n    out:\n      mountPath: /o\n      existingClaim: outputs-pv\n";
        let result = check(text, &with).unwrap();
        assert!(codes(&result).contains(&"N001"), "{:?}", codes(&result));
        let text = text.replace("outputs-pv\n", "outputs-pvc\n");
        let rows = map(&text, &with).unwrap().rows;
        assert!(
            rows.iter()
                .any(|r| r.cluster.as_deref().is_some_and(|c| c.contains("Bound"))),
            "{rows:?}"
        );
    }

    #[test]
    fn the_catalogue_is_every_rule() {
        let rules = rules();
        assert_eq!(rules.len(), storage_core::rules::all().count());
        assert!(rules.iter().any(|r| r.code == "K001"));
    }
}
