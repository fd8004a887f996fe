//! K005: a top-level key that is a misspelled storage key (`persistance`, `artifactStore`,
//! `Connections`). Helm passes it to the chart, which does not read it: the storage written
//! under it has no effect and the chart's defaults apply (host paths on each node), with
//! nothing said. Both deploy checks refuse the file (`Unknown field.` in 0.6.1, `Extra inputs
//! are not permitted` in 2.x: the conformance cases `k005-*`).
//!
//! Only near misses of the four storage keys are reported: the deploy checks also refuse
//! top-level keys both charts' own values.yaml have (`k8s`, `defaultPersistence`, `types`,
//! `roles`, `includeChartRevision` in 0.6.1; 2.x's refuses its chart's `gateway.useResolver`),
//! so "unknown to the deploy check" is no verdict on a values file; a storage key nobody
//! reads is.

use crate::finding::Severity;
use crate::rules::examples::Example;
use crate::rules::{rename, Charts, Context, FixKind, Rule};
use crate::text::suggest;
use crate::yaml::YamlPath;

/// A top-level key that is a misspelled storage key.
pub const K005: Rule = Rule {
    code: "K005",
    severity: Severity::Error,
    charts: Charts::Both,
    summary: "a top-level key that is a misspelled storage key (`persistance`, `artifactStore`, `Connections`)",
    why: "Helm passes every top-level key to the chart, and the chart reads only its own, exactly as spelled: under a misspelled `persistence`, `artifactsStore`, `connections` or `mountConnections` nothing is mounted, the chart's default host paths apply on each node, and nothing says so. Polyaxon's deploy check refuses the file (\"Unknown field.\", \"Extra inputs are not permitted\").",
    fix: FixKind::Safe,
};

pub const EXAMPLES: &[Example] = &[Example {
    code: "K005",
    bad: "artifactStore:\n  name: store\n  kind: host_path\n  schema:\n    hostPath: /data/polyaxon\n    mountPath: /data/polyaxon\n",
    fixed: "artifactsStore:\n  name: store\n  kind: host_path\n  schema:\n    hostPath: /data/polyaxon\n    mountPath: /data/polyaxon\n",
    cluster: None,
    note: None,
}];

/// The storage keys of both charts, at the top of a values file.
const STORAGE_KEYS: [&str; 4] = [
    "persistence",
    "artifactsStore",
    "connections",
    "mountConnections",
];

/// Every top-level key of both charts and both deploy checks: never a misspelling, however
/// close to a storage key (`defaultArtifactsStore` is 2.x's). From chart 0.6.1's and 2.x's
/// values.yaml (tests/conformance/charts/), polyaxon-deploy 0.6.1's `DeploymentSchema` and
/// polyaxon 2.18.0's `DeploymentConfig` (their fields' names as written), and older charts'
/// keys the chart detection knows (`nodeSelectors`).
const CHART_KEYS: &[&str] = &[
    "adminModels", "adminViewEnabled", "affinity", "agent", "agentSecret", "allowedHosts",
    "annotations", "api", "apiHooks", "artifactsStore", "auth", "beat", "broker",
    "celeryAffinity", "celeryNodeSelector", "celeryTolerations", "cleanHooks", "cleaner",
    "cleaningIntervals", "clusterId", "compiler", "connections", "cronIntervals", "crons",
    "data", "debugMode", "defaultArtifactsStore", "defaultImagePullSecrets", "defaultPersistence",
    "defaultScheduling", "deploymentChart", "deploymentType", "deploymentVersion", "dirs", "dns",
    "docker-registry", "email", "encryptionSecret", "environment", "eventMonitors",
    "eventsHandlers", "externalServices", "flower", "gateway", "globalConcurrency",
    "globalReplicas", "hooks", "hostName", "hpsearch", "imagePullSecrets",
    "includeChartRevision", "includeHostIps", "ingress", "init", "internalToken", "intervals",
    "istio", "k8s", "k8sEventsHandlers", "labels", "ldap", "limitResources", "logLevel",
    "metrics", "mountConnections", "mountPaths", "namespace", "nodeSelector", "nodeSelectors",
    "notifier", "operator", "operators", "organizationKey", "outputs", "passwordAuth",
    "passwordLength", "persistence", "platformSecret", "plugins", "polyaxonSecret", "postgresql",
    "priorityClassName", "proxy", "rabbitmq", "rabbitmq-ha", "rbac", "redis", "releaseName",
    "reposAccessToken", "resourcesDaemon", "roles", "scheduler", "securityContext",
    "serviceType", "sidecar", "ssl", "streams", "tablesHook", "timeZone", "timezone", "tmux",
    "tolerations", "trackerBackend", "types", "ui", "user", "worker",
];

pub(super) fn check(ctx: &mut Context<'_>) {
    let doc = ctx.doc;
    let Some(root) = doc.root() else {
        return;
    };
    let written: Vec<&str> = doc
        .pairs(root)
        .iter()
        .filter_map(|p| doc.key_str(p.key))
        .collect();
    for pair in doc.pairs(root) {
        let Some(key) = doc.key_str(pair.key) else {
            continue;
        };
        if key == "<<" || CHART_KEYS.contains(&key) {
            continue;
        }
        let Some(meant) = suggest::unambiguous(&suggest::rank(key, &STORAGE_KEYS)) else {
            continue;
        };
        let touches = vec![YamlPath::root().child(key), YamlPath::root().child(meant)];
        let fix = rename::rename(doc, *pair, key, meant, &written, touches);
        let also = if written.contains(&meant) {
            format!(" (the file has a `{meant}` too: this one is ignored beside it)")
        } else {
            String::new()
        };
        ctx.report(
            &K005,
            doc.span(pair.key),
            YamlPath::root().child(key),
            format!("`{key}` is not a key the chart reads: did you mean `{meant}`? What it holds has no effect{also}, and Polyaxon's deploy check refuses the file"),
        )
        .fix = Some(fix);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const STORE: &str = "  name: store\n  kind: host_path\n  schema:\n    hostPath: /data\n    mountPath: /data\n";

    #[test]
    fn a_misspelled_storage_key_is_found_and_named() {
        gets_and_not(
            "K005",
            &format!("artifactStore:\n{STORE}"),
            &format!("artifactsStore:\n{STORE}"),
        );
        for (key, meant) in [
            ("persistance", "persistence"),
            ("Persistence", "persistence"),
            ("artifacts_store", "artifactsStore"),
            ("connection", "connections"),
            ("mountconnections", "mountConnections"),
        ] {
            let report = run(&format!("{key}: {{}}\n"));
            let f = report.findings.iter().find(|f| f.code == "K005");
            let f = f.unwrap_or_else(|| panic!("K005 for {key}: {:?}", codes(&report)));
            assert!(f.message.contains(&format!("did you mean `{meant}`?")), "{}", f.message);
        }
    }

    #[test]
    fn chart_keys_and_far_keys_are_not_misspellings() {
        for text in [
            "defaultArtifactsStore: {}\n",
            "defaultPersistence: {}\n",
            "mountPaths: {}\n",
            "bases:\n  s3: &s3 {kind: s3}\n",
            "persistenceNotes: x\n",
        ] {
            assert_eq!(count(&run(text), "K005"), 0, "{text}");
        }
    }

    #[test]
    fn the_rename_is_safe_only_for_case_and_separators_onto_a_free_key() {
        let fix = |text: &str| fix_of("K005", text);
        assert_eq!(
            fix("Persistence: {}\n"),
            Some(("Rename `Persistence` to `persistence`".into(), true))
        );
        assert_eq!(
            fix("persistance: {}\n"),
            Some(("Rename `persistance` to `persistence`".into(), false))
        );
        // The key is written already: which of the two the user meant is theirs to say.
        assert_eq!(
            fix("Persistence: {}\npersistence: {}\n"),
            Some(("Rename `Persistence` to `persistence`".into(), false))
        );
    }
}
