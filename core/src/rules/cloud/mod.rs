//! C — cloud store entries (`store: s3 | gcs | azure`): store name, bucket URL, the
//! Secret that holds the credentials, and credentials written where they must not be.

use crate::storage::{Entry, KindState, Storage};
use crate::text::bucket::StoreKind;

family! {
    store_name: [C001],
    bucket_url: [C002, C003, C004],
    missing_secret: [C005, C006],
    secret_name: [C007],
    secret_key: [C008, C009],
    inline_credentials: [C010],
    secret_command: [C011],
    gcs_key_mount: [C012],
    shared_env: [C013],
}

pub(crate) use secret_command::C011_V1_WHY;

/// The cloud entries and their store (`None`: a v0 `store` that names none).
fn cloud_entries(storage: &Storage) -> impl Iterator<Item = (&Entry, Option<StoreKind>)> {
    storage.entries.iter().filter_map(|entry| {
        let store = match entry.kind {
            KindState::Known(kind) => Some(kind.store()?),
            KindState::UnknownStore => None,
            _ => return None,
        };
        Some((entry, store))
    })
}

/// A v0 outputs entry on a cloud store, for the rules' tests.
#[cfg(test)]
fn cloud(store: &str, bucket: &str, secret: &str, key: &str) -> String {
    format!(
        "persistence:\n  outputs:\n    out:\n      store: {store}\n      bucket: {bucket}\n      secret: {secret}\n      secretKey: {key}\n"
    )
}

/// A v1+ GCS artifacts store with its Secret, not mounted, for the rules' tests.
#[cfg(test)]
const GCS_STORE: &str = "artifactsStore:\n  name: runs\n  kind: gcs\n  schema:\n    bucket: gs://team-runs\n  secret:\n    name: gcs-key\n";
