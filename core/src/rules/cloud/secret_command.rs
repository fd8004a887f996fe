//! C011: the `kubectl create secret` command (and key file) each cloud entry's Secret
//! needs, once per distinct command.

use std::collections::HashMap;

use crate::finding::Severity;
use crate::rules::examples::Example;
use crate::rules::{Charts, Context, FixKind, Rule};
use crate::finding::Detail;
use crate::options::Chart;
use crate::secrets;
use crate::storage::Field;
use crate::text::bucket::StoreKind;

use super::cloud_entries;

/// The exact command and key file for each cloud entry's Secret.
pub const C011: Rule = Rule {
    code: "C011",
    severity: Severity::Info,
    charts: Charts::Both,
    summary: "the `kubectl create secret` command and JSON key file for a cloud entry (once per Secret and key)",
    why: "The Secret must exist in Polyaxon's namespace before install, and the KEY in `--from-file=KEY=...` must equal `secretKey` (the docs' own S3 and GCS examples get this wrong, and the pods then never start).",
    fix: FixKind::None,
};

/// C011's why on a v1+ file (the finding carries it; the rule's is v0's).
pub(crate) const C011_V1_WHY: &str = "The Secret must exist in Polyaxon's namespace before install. Polyaxon 2.x reads each credential as its own key of the Secret (env vars), except the GCS key file: it is read only at /plx-context/.gc/gc-secret.json, so that Secret holds the key `gc-secret.json` and is mounted with `secret.mountPath: /plx-context/.gc`.";

pub const EXAMPLES: &[Example] = &[Example {
    code: "C011",
    bad: "persistence:\n  outputs:\n    out:\n      store: s3\n      bucket: s3://b-out\n      secret: s3-secret\n      secretKey: S3_SECRET_JSON\n",
    fixed: "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: outputs-pvc\n",
    cluster: None,
    note: Some("Information, not a mistake: every cloud entry gets the command that creates its Secret. The second example is a claim entry, which needs no Secret."),
}];

pub(super) fn check(ctx: &mut Context<'_>) {
    let doc = ctx.doc;
    // Once per distinct command: entries sharing a Secret share its command (300 entries
    // on two Secrets are two findings, not 180).
    // A set by lookup, not a list scanned per entry: 300 entries on 300 Secrets stay linear.
    // (`String → String`: a map type the page's wasm has already.)
    let mut commands: HashMap<String, String> = HashMap::new();
    for (entry, store) in cloud_entries(ctx.storage) {
        let secret = ctx.value(entry, Field::Secret);
        let key = ctx.value(entry, Field::SecretKey);
        let (Some(store), Some(secret)) = (store, secret) else {
            continue;
        };
        let Some(help) = secrets::for_entry(
            store,
            entry.chart,
            secret,
            key,
            ctx.value(entry, Field::Bucket),
        ) else {
            continue;
        };
        if commands.contains_key(&help.command) {
            continue;
        }
        commands.insert(help.command.clone(), String::new());
        let holding = match entry.chart {
            Chart::V0 => format!(
                "with key `{}` holding the {} credentials JSON",
                key.unwrap_or_default(),
                store.label()
            ),
            Chart::V1 if store == StoreKind::Gcs => format!(
                "with key `{}` holding the GCS key file, mounted at `{}`,",
                secrets::GCS_KEY_NAME,
                secrets::GCS_KEY_DIR
            ),
            Chart::V1 => format!("holding the {} credentials", store.label()),
        };
        // The command itself is the detail (the CLI's help line, the page's Secret helper): a
        // one-line message with a 200-character command in it buried the real problems.
        let message = format!("create Secret `{secret}` {holding} before deploying");
        let finding = ctx.report(&C011, entry.anchor(doc), entry.path.clone(), message);
        finding.detail = Some(Detail::Secret(help));
        if entry.chart == Chart::V1 {
            finding.why = C011_V1_WHY;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::cloud;
    use super::super::GCS_STORE;
    use crate::rules::testing::*;

    #[test]
    fn c011_secret_command() {
        gets_and_not(
            "C011",
            &cloud("s3", "s3://b-out", "s", "K"),
            CLAIM,
        );
    }

    #[test]
    fn c011_on_v1_has_its_own_note_and_names_the_gcs_mount() {
        let report = run(GCS_STORE);
        let c011 = report
            .findings
            .iter()
            .find(|f| f.code == "C011")
            .expect("C011");
        assert!(!c011.why.contains("secretKey"), "{}", c011.why);
        assert!(c011.why.contains("/plx-context/.gc"), "{}", c011.why);
        assert!(
            c011.message.contains("`gc-secret.json`"),
            "{}",
            c011.message
        );
        let v0 = run(&cloud("gcs", "gs://b-out", "s", "GCS_JSON"));
        let c011 = v0.findings.iter().find(|f| f.code == "C011").expect("C011");
        assert!(c011.why.contains("secretKey"), "{}", c011.why);
    }

    /// Issue "Forms that build a config from nothing": at scale, one Secret command per Secret.
    #[test]
    fn c011_once_per_secret_and_key() {
        let entry = |name: &str, secret: &str, key: &str| {
            format!("    {name}:\n      store: s3\n      bucket: s3://b/{name}\n      secret: {secret}\n      secretKey: {key}\n")
        };
        let text = format!(
            "persistence:\n  outputs:\n{}{}{}",
            entry("a", "s3-secret", "S3_JSON"),
            entry("b", "s3-secret", "S3_JSON"),
            entry("c", "s3-secret", "OTHER_JSON"),
        );
        let report = run(&text);
        let c011: Vec<&str> = report
            .findings
            .iter()
            .filter(|f| f.code == "C011")
            .map(|f| f.path.as_str())
            .collect();
        // `b` shares `a`'s command; `c` reads another key, so another command.
        assert_eq!(c011, ["persistence.outputs.a", "persistence.outputs.c"]);
    }
}
