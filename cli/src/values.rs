//! `storage-check values FILE...`: the values as the checker reads them, as JSON, so that
//! the conformance suite can hold them against Helm's own reading (`values_from_yaml`).
//!
//! Built from core's reader, its Helm typing ([`Scalar::scalar_type`]) and its `<<` merging;
//! only the copying of aliases, which core's rules never need, lives here.

use serde_json::{Map, Value};
use storage_core::yaml::{Document, NodeId, NodeKind, Scalar, ScalarType};

/// Deeper than any file core loads (64 levels, aliases included): a guard, not a limit.
const MAX_DEPTH: usize = 512;

/// One file's values, or the reason it cannot be read.
pub fn of_text(text: &str) -> Value {
    match storage_core::yaml::load(text, &Default::default()) {
        Ok(doc) => doc
            .root()
            .map_or_else(|| Value::Object(Map::new()), |root| value(&doc, root, 0)),
        Err(e) => serde_json::json!({ "error": e.to_string() }),
    }
}

fn value(doc: &Document, id: NodeId, depth: usize) -> Value {
    let Some(node) = doc.resolve(id).filter(|_| depth < MAX_DEPTH) else {
        return Value::Null;
    };
    match &node.kind {
        NodeKind::Scalar(s) => scalar(s),
        NodeKind::Sequence(items) => Value::Array(
            items
                .iter()
                .map(|item| value(doc, *item, depth + 1))
                .collect(),
        ),
        NodeKind::Mapping(_) => Value::Object(mapping(doc, id, depth)),
        NodeKind::Alias(_) => Value::Null,
    }
}

/// Pairs in order, a later key overwriting an earlier one, `<<` merges expanded by core's
/// own [`merged_pairs`](storage_core::yaml::Document::merged_pairs) (what the storage reading uses), so that Helm can check it.
fn mapping(doc: &Document, id: NodeId, depth: usize) -> Map<String, Value> {
    let mut out = Map::new();
    for pair in doc.merged_pairs(id) {
        if let Some(key) = doc.scalar(pair.key) {
            out.insert(key.value.clone(), value(doc, pair.value, depth + 1));
        }
    }
    out
}

/// A scalar as Helm hands it to the templates: typed, numbers as numbers.
fn scalar(s: &Scalar) -> Value {
    match s.scalar_type() {
        ScalarType::Null => Value::Null,
        ScalarType::Bool => Value::Bool(s.as_bool().unwrap_or_default()),
        ScalarType::Int => {
            int(&s.value).map_or_else(|| Value::String(s.value.clone()), Value::from)
        }
        ScalarType::Float => float(&s.value)
            .and_then(serde_json::Number::from_f64)
            .map_or_else(|| Value::String(s.value.clone()), Value::Number),
        ScalarType::Str => Value::String(s.value.clone()),
    }
}

/// Go's `ParseInt(text, 0, 64)` after go-yaml drops the `_`s: `0x`, `0b`, `0o` and a
/// leading `0` (octal) choose the base.
fn int(text: &str) -> Option<i64> {
    let text = text.replace('_', "");
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(&text)),
    };
    let lower = body.to_ascii_lowercase();
    let (digits, radix) = if let Some(d) = lower.strip_prefix("0x") {
        (d, 16)
    } else if let Some(d) = lower.strip_prefix("0b") {
        (d, 2)
    } else if let Some(d) = lower.strip_prefix("0o") {
        (d, 8)
    } else if lower.len() > 1 && lower.starts_with('0') {
        (&lower[1..], 8)
    } else {
        (lower.as_str(), 10)
    };
    let n = i64::from_str_radix(digits, radix).ok()?;
    Some(if negative { -n } else { n })
}

fn float(text: &str) -> Option<f64> {
    let text = text.replace('_', "");
    let body = text.strip_prefix('+').unwrap_or(&text);
    match body.to_ascii_lowercase().as_str() {
        // JSON has no infinity nor NaN (Helm refuses them: "json: unsupported value").
        ".inf" | "-.inf" | ".nan" => None,
        _ => body.parse().ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> String {
        of_text(text).to_string()
    }

    #[test]
    fn scalars_are_typed_as_helm_reads_them() {
        assert_eq!(
            read("a: yes\nb: 0644\nc: 0x1\nd: 1.0\ne: '1'\nf: ~\ng: 1_000\n"),
            r#"{"a":true,"b":420,"c":1,"d":1.0,"e":"1","f":null,"g":1000}"#
        );
    }

    #[test]
    fn tags_keys_and_merges_follow_go_yaml() {
        assert_eq!(
            read("a: !!bool \"true\"\nb: !!str yes\nyes: 1\n"),
            r#"{"a":true,"b":"yes","true":1}"#
        );
        // `<<` overwrites what came before it; in a list, the first mapping wins.
        assert_eq!(
            read("b: &b {x: 1}\nd: &d {x: 3, z: 3}\nc:\n  x: 2\n  <<: [*b, *d]\n"),
            r#"{"b":{"x":1},"c":{"x":1,"z":3},"d":{"x":3,"z":3}}"#
        );
    }

    #[test]
    fn an_unreadable_file_is_an_error_value() {
        assert!(read("? [a, b]\n: x\n").contains("error"));
    }
}
