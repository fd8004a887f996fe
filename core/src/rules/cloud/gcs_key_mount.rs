//! C012: a v1+ GCS store or connection whose Secret is not mounted where Polyaxon reads
//! the key file.

use crate::edit;
use crate::finding::Severity;
use crate::rules::examples::Example;
use crate::rules::{Charts, Context, FixKind, Rule};
use crate::fix::Fix;
use crate::options::Chart;
use crate::secrets;
use crate::storage::{Entry, Field};
use crate::text::bucket::StoreKind;

use super::cloud_entries;

/// v1+ GCS: the Secret is not mounted where Polyaxon reads the key file.
pub const C012: Rule = Rule {
    code: "C012",
    severity: Severity::Warning,
    charts: Charts::V1,
    summary: "a GCS store or connection whose `secret` is not mounted at `/plx-context/.gc`",
    why: "Polyaxon (vents) reads a GCS key file only at /plx-context/.gc/gc-secret.json (or from keys named `GC_KEY_PATH`/`GC_KEYFILE_DICT`). Without `secret.mountPath` the chart and the agent turn the Secret's keys into env vars (enough only for those two keys), and a key file mounted elsewhere is never read: the pods fall back to the node's default Google credentials and cannot reach the bucket.",
    fix: FixKind::Suggested,
};

pub const EXAMPLES: &[Example] = &[Example {
    code: "C012",
    bad: "artifactsStore:\n  name: store\n  kind: gcs\n  schema:\n    bucket: gs://team-runs\n  secret:\n    name: gcs-key\n",
    fixed: "artifactsStore:\n  name: store\n  kind: gcs\n  schema:\n    bucket: gs://team-runs\n  secret:\n    name: gcs-key\n    mountPath: /plx-context/.gc\n",
    cluster: None,
    note: Some("The Secret holds the key file as `gc-secret.json` (see C011)."),
}];

pub(super) fn check(ctx: &mut Context<'_>) {
    for (entry, store) in cloud_entries(ctx.storage) {
        if store == Some(StoreKind::Gcs) && entry.chart == Chart::V1 {
            gcs_key_mount(ctx, entry);
        }
    }
}

/// C012: a v1+ GCS entry whose Secret is not mounted where vents reads the key file.
fn gcs_key_mount(ctx: &mut Context<'_>, entry: &Entry) {
    let doc = ctx.doc;
    let Some((secret, mount)) = entry.secret_mount(doc) else {
        return;
    };
    let written = doc.get(secret.value, "mountPath");
    if secrets::at_gcs_key_dir(mount) || written.is_some_and(|m| ctx.templated.contains(&m.value)) {
        return;
    }
    let dir = secrets::GCS_KEY_DIR;
    let name = ctx.value(entry, Field::Secret).unwrap_or_default();
    // A cluster snapshot that has the Secret tells which keys it holds: N008 then says
    // whether Polyaxon reads them in the shape they are given (`GC_KEYFILE_DICT` as an env
    // var needs no mount), where this rule could only guess.
    if ctx.cluster_namespace().is_some_and(|c| c.secret(name).is_some()) {
        return;
    }
    let path = entry.path.descend(&["secret", "mountPath"]);
    let (span, edit, message) = match (written, mount) {
        (Some(m), Some(at)) => (
            doc.span(m.value),
            Ok(edit::replace_scalar(doc, m.value, dir)),
            format!("Secret `{name}` is mounted at `{at}`, but Polyaxon reads the GCS key file at {dir}/{}", secrets::GCS_KEY_NAME),
        ),
        // `mountPath: null` / `""` / nothing: write over it, not a second `mountPath`.
        (Some(m), None) => (
            doc.span(m.key),
            crate::layout::set_value(ctx.text, doc, m, false, dir),
            not_mounted(name, dir),
        ),
        (None, _) => (
            doc.span(secret.key),
            crate::layout::insert_lines(ctx.text, doc, secret.value, Some(secret.key), &format!("mountPath: {dir}")),
            not_mounted(name, dir),
        ),
    };
    let fix = edit.ok().map(|e| {
        Fix::suggested(
            format!("Mount the Secret at `{dir}`"),
            vec![e],
            vec![path.clone()],
        )
    });
    ctx.report(&C012, span, path, message).fix = fix;
}

/// C012's message for a Secret with no `mountPath`: its keys become env vars, which
/// works only for the keys vents reads from env vars.
fn not_mounted(name: &str, dir: &str) -> String {
    format!("Secret `{name}` is not mounted: its keys become env vars, which Polyaxon reads only as `GC_KEYFILE_DICT` or `GC_KEY_PATH`; any other key file never reaches {dir}/{}, where it looks", secrets::GCS_KEY_NAME)
}

#[cfg(test)]
mod tests {
    use super::super::GCS_STORE;
    use crate::rules::testing::*;

    #[test]
    fn c012_gcs_secret_not_mounted() {
        gets_and_not(
            "C012",
            GCS_STORE,
            &format!("{GCS_STORE}    mountPath: /plx-context/.gc\n"),
        );
    }

    /// With a snapshot that has the Secret, its keys decide (N008): a key file read as env
    /// vars is N008's; the JSON under `GC_KEYFILE_DICT` read as an env var is fine.
    #[test]
    fn c012_gives_way_to_the_secret_the_cluster_has() {
        // Two Secrets as `kubectl get secrets -o json` lists them (values elided: never read).
        let snapshot = r#"{"apiVersion": "v1", "kind": "List", "items": [
            {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "gcs-secret", "namespace": "polyaxon"}, "data": {"gc-secret.json": "e30="}},
            {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "gcs-dict", "namespace": "polyaxon"}, "data": {"GC_KEYFILE_DICT": "e30="}}]}"#;
        let cluster = crate::cluster::read(snapshot).expect("reads");
        let with = |secret: &str| {
            let text = GCS_STORE.replace("gcs-key", secret);
            crate::check_in(&text, &crate::Options::default(), Some(&cluster))
                .findings
                .into_iter()
                .map(|f| f.code)
                .filter(|c| *c == "C012" || *c == "N008" || *c == "N006")
                .collect::<Vec<_>>()
        };
        assert_eq!(with("gcs-secret"), ["N008"]);
        assert_eq!(with("gcs-dict"), Vec::<&str>::new());
        // A Secret the snapshot lacks: N006, and C012's advice stands.
        assert_eq!(with("gcs-nope"), ["C012", "N006"]);
    }

    #[test]
    fn c012_gcs_secret_mounted_elsewhere() {
        gets_and_not(
            "C012",
            &format!("{GCS_STORE}    mountPath: /etc/gcs\n"),
            &format!("{GCS_STORE}    mountPath: /plx-context/.gc/\n"),
        );
    }

    #[test]
    fn c012_gcs_connection() {
        gets_and_not(
            "C012",
            "connections:\n  - name: datasets\n    kind: gcs\n    schema: {bucket: gs://datasets}\n    secret: {name: gcs-key}\n",
            // No Secret at all: workload identity (A006's business, not this rule's).
            "connections:\n  - name: datasets\n    kind: gcs\n    schema: {bucket: gs://datasets}\n",
        );
    }

    #[test]
    fn c012_suggests_the_mount_and_the_fix_clears_it() {
        let report = run(GCS_STORE);
        let f = report
            .findings
            .iter()
            .find(|f| f.code == "C012")
            .expect("C012");
        let fix = f.fix.as_ref().expect("a fix");
        assert!(
            !fix.is_safe(),
            "mounting changes what the pods get: the user's call"
        );
        let fixed = crate::fix::apply(GCS_STORE, &[fix])
            .expect("applies")
            .text;
        assert_eq!(
            fixed,
            format!("{GCS_STORE}    mountPath: /plx-context/.gc\n")
        );
        assert_eq!(count(&run(&fixed), "C012"), 0);
        let elsewhere = format!("{GCS_STORE}    mountPath: /etc/gcs\n");
        let report = run(&elsewhere);
        let f = report
            .findings
            .iter()
            .find(|f| f.code == "C012")
            .expect("C012");
        let fixed = crate::fix::apply(&elsewhere, &[f.fix.as_ref().expect("fix")])
            .expect("applies")
            .text;
        assert_eq!(
            fixed,
            format!("{GCS_STORE}    mountPath: /plx-context/.gc\n")
        );
    }

    /// `mountPath: null`, `""` or nothing: the fix writes over it, never a second `mountPath`.
    #[test]
    fn c012_fix_replaces_an_empty_mount_path() {
        let want = format!("{GCS_STORE}    mountPath: /plx-context/.gc\n");
        for (empty, fixed_as) in [
            ("null", "/plx-context/.gc"),
            ("", "/plx-context/.gc"),
            ("\"\"", "\"/plx-context/.gc\""),
            ("~", "/plx-context/.gc"),
        ] {
            let text = format!("{GCS_STORE}    mountPath: {empty}\n").replace(": \n", ":\n");
            let report = run(&text);
            let f = report
                .findings
                .iter()
                .find(|f| f.code == "C012")
                .unwrap_or_else(|| panic!("C012 on `{empty}`"));
            assert!(f.message.contains("`GC_KEYFILE_DICT`"), "{}", f.message);
            let fixed = crate::fix::apply(&text, &[f.fix.as_ref().expect("fix")])
                .expect("applies")
                .text;
            assert_eq!(
                fixed,
                want.replace("/plx-context/.gc", fixed_as),
                "`{empty}`"
            );
            assert_eq!(count(&run(&fixed), "C012"), 0, "{fixed}");
            assert_eq!(count(&run(&fixed), "Y002"), 0, "{fixed}");
        }
        let flow = "artifactsStore:\n  name: runs\n  kind: gcs\n  schema: {bucket: gs://r}\n  secret: {name: s, mountPath: null}\n";
        let report = run(flow);
        let f = report
            .findings
            .iter()
            .find(|f| f.code == "C012")
            .expect("C012");
        let fixed = crate::fix::apply(flow, &[f.fix.as_ref().expect("fix")])
            .expect("applies")
            .text;
        assert_eq!(fixed, flow.replace("null", "/plx-context/.gc"));
    }
}
