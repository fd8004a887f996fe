//! The Kubernetes Secret a cloud entry needs: the `kubectl` command that creates it and
//! the key file it reads, built from the entry's own `secret` (and v0's `secretKey`).
//!
//! The templates hold placeholders only: the tool never writes a credential anywhere.

use serde::Serialize;

use crate::options::Chart;
use crate::text::bucket::{self, StoreKind};

/// What the secrets helper shows for one cloud entry (finding C011).
///
/// v0 keeps the credentials as one JSON file under `secretKey`; v1+ reads each credential
/// as its own key of the Secret, so only GCS (a service-account key file) has a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct SecretHelp {
    /// `kubectl create secret generic SECRET --from-file=SECRETKEY=./FILE -n polyaxon`
    pub command: String,
    /// The local file the command reads ("" when it reads none).
    pub file_name: String,
    /// The JSON to write into that file, with placeholders for the values ("" when none).
    pub template: String,
    /// Keys the file may also hold.
    pub optional_keys: Vec<&'static str>,
}

/// Where the credentials go in the Secret, which is what differs between the charts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretLayout<'a> {
    /// v0: one JSON file under the entry's `secretKey`.
    OneKey(&'a str),
    /// v1+: each credential as its own key (GCS: the key file).
    KeyPerCredential,
}

/// The Secret an entry on `store` needs, named `secret`, laid out as its chart reads it.
pub fn help(
    store: StoreKind,
    secret: &str,
    layout: SecretLayout<'_>,
    azure_account: Option<&str>,
) -> SecretHelp {
    match layout {
        SecretLayout::OneKey(key) => one_key(store, secret, key, azure_account),
        SecretLayout::KeyPerCredential => key_per_credential(store, secret, azure_account),
    }
}

/// The help for a storage entry of `chart`: the Secret's layout follows the chart (v0: one
/// JSON file under `secret_key`; v1+: a key per credential) and an Azure account comes from
/// the bucket URL. `None` for a v0 entry without a key. One reading for rule C011 and the
/// page's Secret step.
pub fn for_entry(
    store: StoreKind,
    chart: Chart,
    secret: &str,
    secret_key: Option<&str>,
    bucket_url: Option<&str>,
) -> Option<SecretHelp> {
    let layout = match (chart, secret_key) {
        (Chart::V0, Some(key)) => SecretLayout::OneKey(key),
        (Chart::V0, None) => return None,
        (Chart::V1, _) => SecretLayout::KeyPerCredential,
    };
    let parsed = bucket_url.and_then(|url| bucket::parse(store, url).ok());
    let account = parsed.as_ref().and_then(|b| b.account);
    Some(help(store, secret, layout, account))
}

/// The v0 integration pages' recipe: one JSON file stored under `secret_key`.
fn one_key(
    store: StoreKind,
    secret: &str,
    secret_key: &str,
    azure_account: Option<&str>,
) -> SecretHelp {
    let file_name = format!("{}-credentials.json", store.v0_name());
    let command = format!(
        "kubectl create secret generic {} --from-file={}=./{} -n polyaxon",
        shell_word(secret),
        shell_word(secret_key),
        file_name
    );
    let (template, optional_keys) = match store {
        StoreKind::S3 => (
            "{\n  \"AWS_ACCESS_KEY_ID\": \"<access key id>\",\n  \"AWS_SECRET_ACCESS_KEY\": \"<secret access key>\"\n}\n"
                .to_string(),
            S3_OPTIONAL_KEYS.to_vec(),
        ),
        StoreKind::Gcs => (GCS_KEY_FILE.to_string(), vec![]),
        StoreKind::Azure => (
            format!(
                "{{\n  \"AZURE_ACCOUNT_NAME\": \"{}\",\n  \"AZURE_ACCOUNT_KEY\": \"<account key>\"\n}}\n",
                json_escape(azure_account.unwrap_or("<storage account>"))
            ),
            AZURE_OPTIONAL_KEYS.to_vec(),
        ),
    };
    SecretHelp {
        command,
        file_name,
        template,
        optional_keys,
    }
}

/// The keys an S3 Secret may also hold.
const S3_OPTIONAL_KEYS: [&str; 3] = ["AWS_ENDPOINT_URL", "AWS_REGION", "AWS_SECURITY_TOKEN"];
/// The key an Azure Secret may hold instead of the account name and key.
const AZURE_OPTIONAL_KEYS: [&str; 1] = ["AZURE_CONNECTION_STRING"];
/// Every optional key of every store (the wire format reads them back from here).
pub(crate) const OPTIONAL_KEYS: [&str; 4] = [
    S3_OPTIONAL_KEYS[0],
    S3_OPTIONAL_KEYS[1],
    S3_OPTIONAL_KEYS[2],
    AZURE_OPTIONAL_KEYS[0],
];

/// A GCS service-account key file, with placeholders.
const GCS_KEY_FILE: &str = "{\n  \"type\": \"service_account\",\n  \"project_id\": \"<project id>\",\n  \"private_key_id\": \"<key id>\",\n  \"private_key\": \"<from the downloaded key file>\",\n  \"client_email\": \"<service account>@<project id>.iam.gserviceaccount.com\",\n  \"client_id\": \"<client id>\",\n  \"token_uri\": \"https://oauth2.googleapis.com/token\"\n}\n";

/// Where Polyaxon 2.x looks for a GCS key file: vents' `get_default_key_path`
/// (`vents/providers/gcp/base.py`: `{context_path}/.gc/gc-secret.json`, with the context
/// path `/plx-context` that `polyaxon/_connections` sets), read when no `GC_KEY_PATH`,
/// `GC_KEYFILE_DICT` (or `GOOGLE_…`) is found. The chart mounts a Secret with
/// `secret.mountPath` there read-only (`_stores.tpl`, `_connections.tpl`), and so do runs
/// (`converter/common/volumes.py`); without it the Secret's keys become env vars and no
/// file reaches that path.
pub const GCS_KEY_DIR: &str = "/plx-context/.gc";
/// The Secret key, and so the file name under [`GCS_KEY_DIR`], of the GCS key file.
pub const GCS_KEY_NAME: &str = "gc-secret.json";

/// Whether a Secret mounted at `mount` puts its [`GCS_KEY_NAME`] where vents reads it.
pub fn at_gcs_key_dir(mount: Option<&str>) -> bool {
    mount.is_some_and(|m| m.trim_end_matches('/') == GCS_KEY_DIR)
}

/// The v1+ recipe: the Secret holds each credential as its own key (GCS: the key file as
/// [`GCS_KEY_NAME`], mounted at [`GCS_KEY_DIR`] by the entry's `secret.mountPath`).
fn key_per_credential(store: StoreKind, secret: &str, azure_account: Option<&str>) -> SecretHelp {
    let (keys, file_name, template, optional_keys) = match store {
        StoreKind::S3 => (
            "--from-literal=AWS_ACCESS_KEY_ID=<access key id> --from-literal=AWS_SECRET_ACCESS_KEY=<secret access key>".to_string(),
            "",
            String::new(),
            S3_OPTIONAL_KEYS.to_vec(),
        ),
        StoreKind::Gcs => (
            format!("--from-file={GCS_KEY_NAME}=./gcs-key.json"),
            "gcs-key.json",
            GCS_KEY_FILE.to_string(),
            vec![],
        ),
        StoreKind::Azure => (
            format!(
                "--from-literal=AZURE_ACCOUNT_NAME={} --from-literal=AZURE_ACCOUNT_KEY=<account key>",
                azure_account.unwrap_or("<storage account>")
            ),
            "",
            String::new(),
            AZURE_OPTIONAL_KEYS.to_vec(),
        ),
    };
    SecretHelp {
        command: format!(
            "kubectl create secret generic {} {keys} -n polyaxon",
            shell_word(secret)
        ),
        file_name: file_name.to_string(),
        template,
        optional_keys,
    }
}

/// `word` as one shell word: as is when it is plainly safe, else single-quoted.
pub fn shell_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word.bytes().all(|b| {
            b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'/' | b':' | b'=')
        });
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

fn json_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_uses_the_entrys_own_key() {
        let help = help(
            StoreKind::S3,
            "s3-secret",
            SecretLayout::OneKey("s3-key"),
            None,
        );
        assert_eq!(
            help.command,
            "kubectl create secret generic s3-secret --from-file=s3-key=./s3-credentials.json -n polyaxon"
        );
        assert!(help.template.contains("\"AWS_SECRET_ACCESS_KEY\""));
    }

    #[test]
    fn azure_template_names_the_account_from_the_bucket() {
        let help = help(
            StoreKind::Azure,
            "az",
            SecretLayout::OneKey("AZ_JSON"),
            Some("acct"),
        );
        assert!(help.template.contains("\"AZURE_ACCOUNT_NAME\": \"acct\""));
    }

    #[test]
    fn odd_words_are_quoted() {
        assert_eq!(shell_word("a b"), "'a b'");
        assert_eq!(shell_word("it's"), "'it'\\''s'");
    }
}
