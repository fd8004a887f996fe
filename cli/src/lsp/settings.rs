//! The options an editor sends: `initializationOptions` and
//! `workspace/didChangeConfiguration` settings, either flat
//! (`{"chart": "v1", "topology": "multi-node", "edition": "enterprise"}`) or under a
//! `storage-check` (or `storageCheck`) section, as editors nest their settings.

use serde_json::Value;
use storage_core::Options;

/// The storage-check section of the settings (or the settings themselves, flat).
fn section(value: &Value) -> &Value {
    ["storage-check", "storageCheck"]
        .iter()
        .find_map(|k| value.get(k))
        .unwrap_or(value)
}

/// The `clusterSnapshot` setting: the path of a kubectl snapshot (see `--cluster`).
pub fn cluster_snapshot(value: &Value) -> Option<String> {
    let path = section(value).get("clusterSnapshot")?.as_str()?;
    (!path.is_empty()).then(|| path.to_string())
}

/// `base` with what `value` sets, and a sentence per setting that was not understood.
pub fn read(value: &Value, base: Options) -> (Options, Vec<String>) {
    let section = section(value);
    let mut options = base;
    let mut problems = Vec::new();
    let Some(map) = section.as_object() else {
        if !section.is_null() {
            problems.push("storage-check settings should be an object; ignored".to_string());
        }
        return (options, problems);
    };
    for (key, value) in map {
        let Some(word) = value.as_str() else {
            problems.push(format!("storage-check setting `{key}` should be a string"));
            continue;
        };
        let result = match key.as_str() {
            "chart" => word.parse().map(|v| options.chart = v),
            "topology" => word.parse().map(|v| options.topology = v),
            "edition" => word.parse().map(|v| options.edition = v),
            _ => continue, // other tools' settings may share the object
        };
        if let Err(e) = result {
            problems.push(format!("storage-check setting `{key}`: {e}"));
        }
    }
    (options, problems)
}

#[cfg(test)]
mod tests {
    use serde_json::json;
    use storage_core::{ChartChoice, Edition, Topology};

    use super::*;

    #[test]
    fn flat_or_nested_and_bad_words_are_named() {
        let (o, p) = read(&json!({"chart": "v1"}), Options::default());
        assert_eq!((o.chart, p.len()), (ChartChoice::V1, 0));
        let (o, p) = read(
            &json!({"storage-check": {"topology": "multi-node", "edition": "ent"}}),
            Options::default(),
        );
        assert_eq!(o.topology, Topology::MultiNode);
        assert_eq!(o.edition, Edition::Community);
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(p[0].contains("`ent` is not one of community, enterprise"));
        let (o, p) = read(&Value::Null, Options::default());
        assert_eq!((o, p.len()), (Options::default(), 0));
    }
}
