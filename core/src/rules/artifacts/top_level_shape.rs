//! A001: `artifactsStore`, `connections` and `mountConnections` (and the items of the two
//! lists) in a shape the v1+ chart cannot read.

use crate::finding::Severity;
use crate::options::Chart;
use crate::rules::examples::Example;
use crate::rules::{Charts, Context, FixKind, Rule};
use crate::yaml::{NodeId, YamlPath};

/// `artifactsStore` is not a mapping, or `connections` not a list.
pub const A001: Rule = Rule {
    code: "A001",
    severity: Severity::Error,
    charts: Charts::V1,
    summary: "`artifactsStore` is a list or not a mapping; `connections` or `mountConnections` not a list",
    why: "The v1+ chart reads `artifactsStore` as ONE connection (a mapping), `connections` as a list of them and `mountConnections` as a list of connection names (Polyaxon 2.x's deploy check: \"Input should be a valid list\"). The v1.1 Azure docs wrote `artifactsStore` as a list: the chart then has no store and falls back to its default host path.",
    fix: FixKind::None,
};

pub const EXAMPLES: &[Example] = &[Example {
    code: "A001",
    bad: "artifactsStore:\n  - name: store\n    kind: s3\n    schema:\n      bucket: s3://b-out\n",
    fixed: "artifactsStore:\n  name: store\n  kind: s3\n  schema:\n    bucket: s3://b-out\n  secret:\n    name: s3-secret\n",
    cluster: None,
    note: None,
}];

/// A001: the three top-level v1+ keys in the shape the chart reads.
pub(super) fn check(ctx: &mut Context<'_>) {
    if ctx.chart != Chart::V1 {
        return;
    }
    let doc = ctx.doc;
    let top = |key: &str| doc.root().and_then(|root| doc.get(root, key));
    let expected: [(&str, bool, &str); 3] = [
        ("artifactsStore", false, "ONE connection (a mapping)"),
        ("connections", true, "a list of connections"),
        ("mountConnections", true, "a list of connection names"),
    ];
    for (key, list, shape) in expected {
        let Some(pair) = top(key) else { continue };
        let fits = if list {
            doc.is_sequence(pair.value)
        } else {
            doc.is_mapping(pair.value)
        };
        if fits && list {
            items(ctx, key, pair.value);
        }
        if fits || doc.is_null(pair.value) || ctx.templated.contains(&pair.value) {
            continue;
        }
        let what = doc.describe(pair.value);
        ctx.report(
            &A001,
            doc.span(pair.value),
            key,
            format!("`{key}` is {what}; it must be {shape}"),
        );
    }
}

/// A001 on the items of `connections` (each a mapping) and `mountConnections` (each a
/// name): Polyaxon's deploy check and its agent refuse the whole list over one bad item
/// (a connection written as a plain string is the usual one).
fn items(ctx: &mut Context<'_>, key: &str, list: NodeId) {
    let doc = ctx.doc;
    let names = key == "mountConnections";
    for (i, &item) in doc.items(list).iter().enumerate() {
        let fits = if names {
            doc.key_str(item).is_some()
        } else {
            doc.is_mapping(item)
        };
        if fits || ctx.templated.contains(&item) {
            continue;
        }
        let path = YamlPath::root().child(key).item(i);
        let what = doc.describe(item);
        let shape = if names {
            "a connection's name"
        } else {
            "a mapping with `name`, `kind` and `schema` (Polyaxon refuses the whole list)"
        };
        ctx.report(
            &A001,
            doc.span(item),
            path,
            format!("`{key}[{i}]` is {what}; each item must be {shape}"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    #[test]
    fn a001_store_is_a_list() {
        gets_and_not(
            "A001",
            "artifactsStore:\n  - name: store\n    kind: s3\n",
            V1_OK,
        );
    }

    #[test]
    fn a001_connections_not_a_list() {
        gets_and_not(
            "A001",
            "artifactsStore:\n  name: s\n  kind: host_path\n  schema: {hostPath: /a, mountPath: /b}\nconnections:\n  name: x\n",
            V1_OK,
        );
    }

    #[test]
    fn a001_mount_connections_not_a_list() {
        let mount = run(&format!("{V1_OK}mountConnections: data\n"));
        assert_eq!(count(&mount, "A001"), 1);
    }

    /// Issue 20: a connection written as a plain string, or a mount name written as a
    /// mapping: Polyaxon 2.x's deploy check and its agent refuse the whole list.
    #[test]
    fn connections_items_in_the_wrong_shape_are_a001() {
        let text =
            format!("{V1_OK}  - my-bucket\nmountConnections:\n  - data\n  - {{name: data}}\n");
        let report = run(&text);
        let a001: Vec<&str> = report
            .findings
            .iter()
            .filter(|f| f.code == "A001")
            .map(|f| f.path.as_str())
            .collect();
        assert_eq!(
            a001,
            ["connections.1", "mountConnections.1"],
            "{:?}",
            codes(&report)
        );
        assert_eq!(count(&run(V1_OK), "A001"), 0);
    }
}
