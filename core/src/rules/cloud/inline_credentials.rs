//! C010: credentials written in the file, anywhere in it: under a credential's key, as a
//! Kubernetes env list item, or visibly in a value.

use crate::finding::Severity;
use crate::rules::examples::Example;
use crate::rules::{Charts, Context, FixKind, Rule};
use crate::yaml::{walk, Aliases, NodeKind, Segment, YamlPath};

/// Credentials written inline in the file.
pub const C010: Rule = Rule {
    code: "C010",
    severity: Severity::Warning,
    charts: Charts::Both,
    summary: "credentials written inline in the file",
    why: "values.yaml ends up in Git, in Helm's release history and in CI logs. Cloud credentials belong in a Kubernetes Secret that the entry names with `secret`/`secretKey`.",
    fix: FixKind::None,
};

pub const EXAMPLES: &[Example] = &[Example {
    code: "C010",
    bad: "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: outputs-pvc\nenv:\n  AWS_SECRET_ACCESS_KEY: wJalrXUtnFEMI\n",
    fixed: "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: outputs-pvc\n",
    cluster: None,
    note: Some("Put the key in a Secret (see C011) and remove it from the file."),
}];

/// Keys whose value is a credential, compared case-insensitively.
const CREDENTIAL_KEYS: [&str; 9] = [
    "aws_secret_access_key",
    "aws_access_key_id",
    "aws_session_token",
    "aws_security_token",
    "azure_account_key",
    "azure_connection_string",
    "accountkey",
    "private_key",
    "secret_access_key",
];

pub(super) fn check(ctx: &mut Context<'_>) {
    let doc = ctx.doc;
    let Some(root) = doc.root() else { return };
    let mut found = Vec::new();
    let is_credential = |key: &str| CREDENTIAL_KEYS.iter().any(|k| k.eq_ignore_ascii_case(key));
    // A placeholder (`{{ .Values.k }}`, `${AWS_SECRET}`) is filled in elsewhere: no
    // credential is written here (Y005 reports it in the storage sections).
    let placeholder = |id, value: &str| {
        ctx.templated.contains(&id)
            || doc.is_template_value(id)
            || crate::rules::reading::has_placeholder(value)
    };
    walk(doc, [(root, YamlPath::root())], Aliases::Stop, |step| {
        let value = match doc.node(step.node).map(|n| &n.kind) {
            Some(NodeKind::Scalar(value)) => value,
            // A Kubernetes env list item: `- name: AWS_SECRET_ACCESS_KEY` / `value: ...`.
            Some(NodeKind::Mapping(_)) => {
                let name = doc.get(step.node, "name").and_then(|p| doc.scalar(p.value));
                let value = doc.get(step.node, "value");
                let set = value.is_some_and(|p| {
                    doc.scalar(p.value)
                        .is_some_and(|v| !v.is_empty() && !placeholder(p.value, &v.value))
                });
                if let (Some(name), Some(value), true) = (name, value, set) {
                    if is_credential(&name.value) {
                        let path = step.path().child("value");
                        found.push((
                            value.value,
                            path,
                            format!("`{}` is a credential written inline", name.value),
                        ));
                    }
                }
                return true;
            }
            _ => return true,
        };
        // Reported already as an env list item's value.
        if found.last().is_some_and(|(id, _, _)| *id == step.node)
            || placeholder(step.node, &value.value)
        {
            return true;
        }
        let key = match step.segment {
            Segment::Key(key) => Some(key),
            _ => None,
        };
        let credential_key = key.is_some_and(is_credential);
        // Only a finding builds a path.
        if credential_key && !value.is_empty() {
            let key = key.unwrap_or_default();
            found.push((
                step.node,
                step.path(),
                format!("`{key}` is a credential written inline"),
            ));
        } else if let Some(what) = credential_in_value(&value.value) {
            found.push((step.node, step.path(), format!("{what} written inline")));
        }
        true
    });
    // The walk is in document order already.
    for (id, path, message) in found {
        let span = doc.span(id);
        ctx.report(
            &C010,
            span,
            path,
            format!("{message}: keep it in a Kubernetes Secret"),
        );
    }
}

/// What kind of credential a value holds, if it visibly holds one.
fn credential_in_value(value: &str) -> Option<&'static str> {
    if value.contains("AccountKey=") {
        return Some("an Azure connection string with `AccountKey=`");
    }
    if value.contains("PRIVATE KEY-----") {
        return Some("a private key");
    }
    if value.contains("\"private_key\"") {
        return Some("a service-account key with `\"private_key\"`");
    }
    // An access key id is a word of exactly 20: `AKIA`/`ASIA` and 16 of [A-Z2-7] (a longer
    // upper-case word is not one).
    let aws_key_id = value.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| {
        w.len() == 20
            && (w.starts_with("AKIA") || w.starts_with("ASIA"))
            && w[4..]
                .bytes()
                .all(|b| b.is_ascii_uppercase() || (b'2'..=b'7').contains(&b))
    });
    aws_key_id.then_some("an AWS access key id")
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    #[test]
    fn c010_inline_credentials() {
        gets_and_not(
            "C010",
            "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: pvc\nenv:\n  AWS_SECRET_ACCESS_KEY: abcdef\n",
            "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: pvc\nenv:\n  AWS_SECRET_ACCESS_KEY:\n",
        );
    }

    #[test]
    fn c010_access_key_id_in_value() {
        gets_and_not(
            "C010",
            "note: \"key AKIAIOSFODNN7EXAMPLE\"\n",
            "note: \"key AKIAsmall\"\n",
        );
    }

    // A Kubernetes env list, as charts write `env:`: the credential is the item's `value`.
    #[test]
    fn c010_credential_in_an_env_list() {
        gets_and_not(
            "C010",
            "artifactsStore:\n  name: runs\n  kind: s3\n  schema: {bucket: s3://runs}\nenv:\n  - name: AWS_REGION\n    value: eu-west-1\n  - name: AWS_SECRET_ACCESS_KEY\n    value: wJalrXUtnFEMIexample\n",
            "artifactsStore:\n  name: runs\n  kind: s3\n  schema: {bucket: s3://runs}\nenv:\n  - name: AWS_REGION\n    value: eu-west-1\n  - name: AWS_SECRET_ACCESS_KEY\n    valueFrom:\n      secretKeyRef: {name: runs-keys, key: AWS_SECRET_ACCESS_KEY}\n",
        );
    }

    #[test]
    fn c010_env_list_is_the_same_finding_as_the_map_form() {
        let list = run("env:\n  - name: aws_secret_access_key\n    value: AKIAIOSFODNN7EXAMPLE\n");
        let map = run("env:\n  aws_secret_access_key: AKIAIOSFODNN7EXAMPLE\n");
        let c010 = |r: &crate::Report| -> Vec<(String, String)> {
            r.findings
                .iter()
                .filter(|f| f.code == "C010")
                .map(|f| (f.path.to_string(), f.message.clone()))
                .collect()
        };
        // One finding on the value (not a second one for the key id inside it).
        assert_eq!(
            c010(&list),
            [(
                "env.0.value".to_string(),
                "`aws_secret_access_key` is a credential written inline: keep it in a Kubernetes Secret".to_string()
            )]
        );
        assert_eq!(c010(&map)[0].1, c010(&list)[0].1);
    }

    // A placeholder is filled in elsewhere (helmfile, Terraform, envsubst): no credential here.
    #[test]
    fn c010_skips_templated_values() {
        for text in [
            "env:\n  - name: AWS_SECRET_ACCESS_KEY\n    value: \"{{ .Values.secret }}\"\n",
            "env:\n  - name: AWS_SECRET_ACCESS_KEY\n    value: {{ .Values.secret }}\n",
            "x: {aws_secret_access_key: \"{{ .Values.k }}\"}\n",
            "x:\n  aws_secret_access_key: ${AWS_SECRET}\n",
            "x:\n  azure_account_key: $AZURE_KEY\n",
            "artifactsStore:\n  name: runs\n  kind: s3\n  schema: {bucket: s3://runs}\nenv:\n  - name: AWS_SECRET_ACCESS_KEY\n    value: ${AWS_SECRET}\n",
        ] {
            assert_eq!(count(&run(text), "C010"), 0, "{text}\n{:?}", codes(&run(text)));
        }
        // A credential next to a placeholder is still one.
        assert_eq!(
            count(
                &run("x:\n  aws_secret_access_key: wJalrXUtnFEMI\n  other: ${X}\n"),
                "C010"
            ),
            1
        );
    }

    // An access key id is exactly 20 characters: a longer upper-case word is a word.
    #[test]
    fn c010_access_key_id_is_exactly_twenty() {
        gets_and_not(
            "C010",
            "tags: {team: ASIAZX3K7QW2LM5NP4RT}\n",
            "tags: {region: ASIAPACIFICDATALAKEPROD, id: AKIAIOSFODNN7EXAMPLE0, other: AKIA0123456789012345}\n",
        );
    }
}
