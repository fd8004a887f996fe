//! A011: a name in `mountConnections` that the chart mounts nothing for.
//!
//! The chart's `_connections.tpl` ranges over `connections` and mounts (volume, Secret,
//! ConfigMap, env) each one that is not `isAlias` and whose `name` is in
//! `mountConnections`, compared exactly (Sprig's `has`). A name no connection has, or an
//! alias's name, is skipped without a word: the deploy check takes any list of strings
//! (`mount_connections: Optional[List[str]]` in Polyaxon 2.18's `DeploymentConfig`).
//!
//! The artifacts store's own name is left alone: the chart mounts the store in the api and
//! streams anyway, so naming it there is redundant, not lost.

use crate::edit;
use crate::finding::Severity;
use crate::fix::Fix;
use crate::options::Chart;
use crate::rules::examples::Example;
use crate::rules::{Charts, Context, FixKind, Rule};
use crate::storage::v1::mounted_connection_items;
use crate::storage::{Entry, Role};
use crate::text::suggest;
use crate::yaml::{NodeId, YamlPath};

/// A `mountConnections` name that mounts nothing.
pub const A011: Rule = Rule {
    code: "A011",
    severity: Severity::Warning,
    charts: Charts::V1,
    summary: "a `mountConnections` name that no entry of `connections` has, or that names an `isAlias` connection: nothing is mounted for it",
    why: "Today's chart mounts into the api and streams pods each connection of `connections` whose `name` is listed in `mountConnections` exactly, and never one marked `isAlias` (`_connections.tpl`). Any other name is skipped silently: the deploy check accepts it, the pods start, and the data behind that name cannot be read from the UI or the streams.",
    fix: FixKind::Suggested,
};

pub const EXAMPLES: &[Example] = &[Example {
    code: "A011",
    bad: "artifactsStore:\n  name: store\n  kind: s3\n  schema:\n    bucket: s3://b-out\n  secret:\n    name: s3-secret\nconnections:\n  - name: datasets\n    kind: volume_claim\n    schema:\n      volumeClaim: data-pvc\n      mountPath: /data\nmountConnections:\n  - dataset\n",
    fixed: "artifactsStore:\n  name: store\n  kind: s3\n  schema:\n    bucket: s3://b-out\n  secret:\n    name: s3-secret\nconnections:\n  - name: datasets\n    kind: volume_claim\n    schema:\n      volumeClaim: data-pvc\n      mountPath: /data\nmountConnections:\n  - datasets\n",
    cluster: None,
    note: None,
}];

pub(super) fn check(ctx: &mut Context<'_>) {
    if ctx.chart != Chart::V1 {
        return;
    }
    let doc = ctx.doc;
    let Some(root) = doc.root() else { return };
    if !connections_are_known(ctx, root) {
        return;
    }
    let defined: Vec<&Entry> = ctx.storage.entries_of(Role::Connection).collect();
    let store = ctx.storage.store().map(|s| s.name.as_str());
    // Items that are not names are A001's.
    for (i, item, name) in mounted_connection_items(doc) {
        if ctx.templated.contains(&item) {
            continue;
        }
        let path = YamlPath::root().child("mountConnections").item(i);
        match defined.iter().find(|c| c.name == name) {
            Some(c) if c.is_alias(doc) => {
                ctx.report(
                    &A011,
                    doc.span(item),
                    path,
                    format!("`{name}` is an alias connection (`{}` has `isAlias: true`): the chart mounts no alias, so nothing is mounted for it", c.path),
                );
            }
            Some(_) => {}
            None if store == Some(name) => {}
            None => {
                let names: Vec<&str> = defined
                    .iter()
                    .filter(|c| !c.name.is_empty() && !c.is_alias(doc))
                    .map(|c| c.name.as_str())
                    .collect();
                // Which connection was meant is the user's call, and mounting it changes the
                // pods: a suggestion, never safe.
                let guess = suggest::unambiguous(&suggest::rank(name, &names));
                let hint = guess.map_or_else(String::new, |m| format!("; did you mean `{m}`?"));
                let fix = guess.map(|m| {
                    Fix::suggested(
                        format!("Mount `{m}`"),
                        vec![edit::replace_scalar(doc, item, m)],
                        vec![path.clone()],
                    )
                });
                ctx.report(
                    &A011,
                    doc.span(item),
                    path.clone(),
                    format!("no connection is named `{name}`: the chart mounts nothing for it{hint}"),
                )
                .fix = fix;
            }
        }
    }
}

/// Whether the file's connections can be read: `connections` absent, null or a list of
/// mappings whose names are written (not templated). Otherwise the names are unknown here.
fn connections_are_known(ctx: &Context<'_>, root: NodeId) -> bool {
    let doc = ctx.doc;
    let Some(pair) = doc.get(root, "connections") else {
        return true;
    };
    if doc.is_null(pair.value) {
        return true;
    }
    doc.is_sequence(pair.value)
        && !ctx.templated.contains(&pair.value)
        && doc.items(pair.value).iter().all(|&item| {
            doc.is_mapping(item)
                && doc
                    .get(item, "name")
                    .is_none_or(|p| !ctx.templated.contains(&p.value))
        })
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    fn mounting(names: &str) -> String {
        format!("{V1_OK}mountConnections: {names}\n")
    }

    #[test]
    fn a011_a_name_no_connection_has() {
        gets_and_not("A011", &mounting("[dta]"), &mounting("[data]"));
        let (title, safe) = fix_of("A011", &mounting("[dta]")).expect("a fix");
        assert_eq!(title, "Mount `data`");
        assert!(!safe, "mounting another connection changes the pods: a suggestion");
        // Nothing close: the finding without a guess.
        assert_eq!(fix_of("A011", &mounting("[images]")), None);
        // Sprig's `has` compares exactly: `Data` is not `data`.
        assert_eq!(count(&run(&mounting("[Data]")), "A011"), 1);
    }

    #[test]
    fn a011_no_connections_at_all() {
        let text = V1_OK.split("connections:").next().unwrap().to_string();
        let report = run(&format!("{text}mountConnections: [data]\n"));
        assert_eq!(count(&report, "A011"), 1, "{:?}", codes(&report));
    }

    #[test]
    fn a011_an_alias_is_never_mounted() {
        let alias = V1_OK.replace("  - name: data\n", "  - name: data\n    isAlias: true\n");
        let report = run(&format!("{alias}mountConnections: [data]\n"));
        let f = report.findings.iter().find(|f| f.code == "A011").expect("A011");
        assert!(f.message.contains("alias"), "{}", f.message);
        assert!(f.fix.is_none());
    }

    #[test]
    fn a011_the_store_and_connections_of_other_kinds_are_names_the_chart_knows() {
        // The store is mounted in the api and streams anyway.
        assert_eq!(count(&run(&mounting("[store]")), "A011"), 0);
        // A git connection's Secret is passed as env (`config.connections.envFrom`).
        let git = format!("{V1_OK}  - name: repo\n    kind: git\n    secret:\n      name: git-token\n");
        assert_eq!(count(&run(&format!("{git}mountConnections: [repo]\n")), "A011"), 0);
    }

    #[test]
    fn a011_says_nothing_where_names_are_templated() {
        let item = mounting("[\"{{ .Values.name }}\"]");
        assert_eq!(count(&run(&item), "A011"), 0);
        let named = V1_OK.replace("name: data", "name: \"{{ .Values.name }}\"");
        assert_eq!(count(&run(&format!("{named}mountConnections: [dta]\n")), "A011"), 0);
    }
}
