//! A002: a connection's `name`: missing, not a slug, not a DNS label where it is also the
//! volume's name, or used twice.

use std::collections::HashMap;

use crate::finding::Severity;
use crate::options::Chart;
use crate::rules::examples::Example;
use crate::rules::{Charts, Context, FixKind, Rule};
use crate::storage::Entry;
use crate::text::names;

use super::connections;

/// `name` missing, not a slug, or used twice.
pub const A002: Rule = Rule {
    code: "A002",
    severity: Severity::Error,
    charts: Charts::V1,
    summary: "`name` missing, not a slug (a DNS label for host_path/volume_claim), or used twice across `artifactsStore` and `connections`",
    why: "Polyaxon refers to connections by name (lowercase letters, digits, `-` and `_`), and its agent refuses two connections with one name. A host_path or volume_claim connection's name is also the pod volume's name (`get_volume_from_connection`), which Kubernetes requires to be a DNS label: no `_`.",
    fix: FixKind::None,
};

pub const EXAMPLES: &[Example] = &[Example {
    code: "A002",
    bad: "artifactsStore:\n  name: store\n  kind: s3\n  schema:\n    bucket: s3://b-out\n  secret:\n    name: s3-secret\nconnections:\n  - name: Data Set\n    kind: volume_claim\n    schema:\n      volumeClaim: data-pvc\n      mountPath: /data\n",
    fixed: "artifactsStore:\n  name: store\n  kind: s3\n  schema:\n    bucket: s3://b-out\n  secret:\n    name: s3-secret\nconnections:\n  - name: data\n    kind: volume_claim\n    schema:\n      volumeClaim: data-pvc\n      mountPath: /data\n",
    cluster: None,
    note: None,
}];

pub(super) fn check(ctx: &mut Context<'_>) {
    let mut names_seen: HashMap<String, String> = HashMap::new();
    for entry in connections(ctx) {
        name(ctx, entry, &mut names_seen);
    }
}

fn is_slug(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

fn name(ctx: &mut Context<'_>, c: &Entry, seen: &mut HashMap<String, String>) {
    let doc = ctx.doc;
    let Some(pair) = c.get(doc, "name") else {
        ctx.report(
            &A002,
            c.anchor(doc),
            c.path.clone(),
            format!("`{}` has no `name`", c.path),
        );
        return;
    };
    if ctx.templated.contains(&pair.value) {
        return;
    }
    let name = c.name.as_str();
    if name.is_empty() {
        ctx.report(
            &A002,
            doc.span(pair.key).cover(doc.span(pair.value)),
            c.child_path("name"),
            format!("`{}` has an empty `name`", c.path),
        );
        return;
    }
    let span = doc.span(pair.value);
    let volume = c.kind.known().filter(|k| k.is_volume());
    if let Some(kind) = volume.filter(|_| is_slug(name) && !names::is_dns1123_label(name)) {
        ctx.report(
            &A002,
            span,
            c.child_path("name"),
            format!("`name: {name}` is also the volume name of this {} connection: Kubernetes needs a DNS label (lowercase letters, digits, `-`)", kind.name(Chart::V1)),
        );
    }
    if !is_slug(name) {
        ctx.report(
            &A002,
            span,
            c.child_path("name"),
            format!("`name: {name}` is not a slug: lowercase letters, digits, `-` and `_`"),
        );
    }
    if let Some(first) = seen.get(name) {
        ctx.report(
            &A002,
            span,
            c.child_path("name"),
            format!("`name: {name}` is already used by `{first}`"),
        );
    } else {
        seen.insert(name.to_string(), c.path.to_string());
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    #[test]
    fn a002_duplicate_name() {
        gets_and_not("A002", &V1_OK.replace("name: data", "name: store"), V1_OK);
    }

    #[test]
    fn a002_bad_name() {
        gets_and_not("A002", &V1_OK.replace("name: data", "name: Data Set"), V1_OK);
    }

    /// A volume_claim connection's name is also its volume's: no `_`.
    #[test]
    fn a002_underscore_in_a_volume_name() {
        let underscore = V1_OK.replace("name: data", "name: my_data");
        assert_eq!(count(&run(&underscore), "A002"), 1);
    }
}
