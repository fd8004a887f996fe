//! The storage kinds and entry fields both charts share, and where each chart writes them.
//!
//! A host path, a claim and a bucket are the same storage under `persistence.outputs`
//! (v0) and under `artifactsStore`/`connections` (v1+); only the keys differ. This module
//! holds the one list of kinds and fields, and the per-chart [`Field::location`] of each.

use serde::Serialize;

use crate::options::Chart;
use crate::text::bucket::StoreKind;

/// Where an entry keeps its files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A directory on the node (`hostPath` / `kind: host_path`).
    HostPath,
    /// A PersistentVolumeClaim (`existingClaim` / `kind: volume_claim`).
    Claim,
    /// A cloud bucket (`store: s3|gcs|azure` / `kind: s3|gcs|wasb`).
    Bucket(StoreKind),
}

impl Kind {
    /// Every kind, in the order the kind switch offers them.
    pub const ALL: [Kind; 5] = [
        Kind::HostPath,
        Kind::Claim,
        Kind::Bucket(StoreKind::S3),
        Kind::Bucket(StoreKind::Gcs),
        Kind::Bucket(StoreKind::Azure),
    ];

    /// The v1+ `kind:` names of the artifact kinds, for "did you mean".
    pub const V1_NAMES: [&'static str; 5] = ["host_path", "volume_claim", "s3", "gcs", "wasb"];

    /// Its name for people.
    pub fn label(self) -> &'static str {
        match self {
            Kind::HostPath => "Host path",
            Kind::Claim => "Persistent volume claim",
            Kind::Bucket(store) => store.label(),
        }
    }

    /// How the chart spells it: v0 names the key that selects it, v1+ the `kind:` value.
    pub fn name(self, chart: Chart) -> &'static str {
        match (chart, self) {
            (Chart::V0, Kind::HostPath) => "hostPath",
            (Chart::V0, Kind::Claim) => "existingClaim",
            (Chart::V0, Kind::Bucket(store)) => store.v0_name(),
            (Chart::V1, Kind::HostPath) => "host_path",
            (Chart::V1, Kind::Claim) => "volume_claim",
            (Chart::V1, Kind::Bucket(StoreKind::S3)) => "s3",
            (Chart::V1, Kind::Bucket(StoreKind::Gcs)) => "gcs",
            (Chart::V1, Kind::Bucket(StoreKind::Azure)) => "wasb",
        }
    }

    /// The artifact kind spelled `name` in a v1+ `kind:`, exactly.
    pub fn from_v1_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name(Chart::V1) == name)
    }

    /// What people write for a kind that is meant: `azure` → wasb, `pvc` → volume_claim.
    pub fn from_alias(name: &str) -> Option<Kind> {
        let lower = name.to_ascii_lowercase().replace(['-', ' '], "_");
        match lower.as_str() {
            "host_path" | "hostpath" | "host" => Some(Kind::HostPath),
            "volume_claim" | "volumeclaim" | "pvc" | "claim" | "persistent_volume_claim" => {
                Some(Kind::Claim)
            }
            other => StoreKind::from_alias(other).map(Kind::Bucket),
        }
    }

    /// The cloud store of a bucket kind.
    pub fn store(self) -> Option<StoreKind> {
        match self {
            Kind::Bucket(store) => Some(store),
            Kind::HostPath | Kind::Claim => None,
        }
    }

    /// Whether pods get a Kubernetes volume for it (a bucket is reached over the network).
    pub fn is_volume(self) -> bool {
        self.store().is_none()
    }

    /// The fields the kind uses on `chart`, in the order a form shows them.
    pub fn fields(self, chart: Chart) -> &'static [Field] {
        match (self, chart) {
            (Kind::HostPath, _) => &[Field::MountPath, Field::HostPath, Field::ReadOnly],
            (Kind::Claim, _) => &[Field::MountPath, Field::Claim, Field::ReadOnly],
            (Kind::Bucket(_), Chart::V0) => &[Field::Bucket, Field::Secret, Field::SecretKey],
            (Kind::Bucket(_), Chart::V1) => &[Field::Bucket, Field::Secret],
        }
    }

    /// The fields a volume of this kind cannot do without (a missing one is V001/V003/C002/A004).
    pub fn required(self, chart: Chart) -> &'static [Field] {
        match (self, chart) {
            (Kind::HostPath, Chart::V1) => &[Field::HostPath, Field::MountPath],
            (Kind::Claim, Chart::V1) => &[Field::Claim, Field::MountPath],
            (Kind::HostPath | Kind::Claim, Chart::V0) => &[Field::MountPath],
            (Kind::Bucket(_), _) => &[Field::Bucket],
        }
    }
}

/// A field of a storage entry, whichever chart writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Field {
    /// Where pods mount the volume.
    MountPath,
    /// The node directory of a host-path volume.
    HostPath,
    /// The claim's name.
    Claim,
    /// Whether the volume is mounted read-only.
    ReadOnly,
    /// v0's `store:` (v1+ says it with `kind:`).
    Store,
    /// The bucket URL.
    Bucket,
    /// The Kubernetes Secret holding the credentials.
    Secret,
    /// v0's key of that Secret (v1+ reads each credential as its own key).
    SecretKey,
}

impl Field {
    /// Every field.
    pub const ALL: [Field; 8] = [
        Field::MountPath,
        Field::HostPath,
        Field::Claim,
        Field::ReadOnly,
        Field::Store,
        Field::Bucket,
        Field::Secret,
        Field::SecretKey,
    ];

    /// The keys from the entry's mapping down to the field on `chart`; `None` when the
    /// chart has no such field.
    pub fn location(self, chart: Chart) -> Option<&'static [&'static str]> {
        Some(match (chart, self) {
            (Chart::V0, Field::MountPath) => &["mountPath"],
            (Chart::V0, Field::HostPath) => &["hostPath"],
            (Chart::V0, Field::Claim) => &["existingClaim"],
            (Chart::V0, Field::ReadOnly) => &["readOnly"],
            (Chart::V0, Field::Store) => &["store"],
            (Chart::V0, Field::Bucket) => &["bucket"],
            (Chart::V0, Field::Secret) => &["secret"],
            (Chart::V0, Field::SecretKey) => &["secretKey"],
            (Chart::V1, Field::MountPath) => &["schema", "mountPath"],
            (Chart::V1, Field::HostPath) => &["schema", "hostPath"],
            (Chart::V1, Field::Claim) => &["schema", "volumeClaim"],
            (Chart::V1, Field::ReadOnly) => &["schema", "readOnly"],
            (Chart::V1, Field::Bucket) => &["schema", "bucket"],
            (Chart::V1, Field::Secret) => &["secret", "name"],
            (Chart::V1, Field::Store | Field::SecretKey) => return None,
        })
    }

    /// The snake_case name Polyaxon 2.x also takes for the field's key (pydantic reads
    /// fields by alias and by name: `mount_path` for `mountPath`).
    pub fn v1_alias(self) -> Option<&'static str> {
        match self {
            Field::MountPath => Some("mount_path"),
            Field::HostPath => Some("host_path"),
            Field::Claim => Some("volume_claim"),
            Field::ReadOnly => Some("read_only"),
            _ => None,
        }
    }

    /// The key that holds it on `chart` (`volumeClaim`), or its v0 key when the chart has none.
    pub fn key(self, chart: Chart) -> &'static str {
        self.location(chart)
            .or_else(|| self.location(Chart::V0))
            .and_then(|keys| keys.last().copied())
            .unwrap_or("?")
    }

    /// The dot-joined location under the entry (`schema.volumeClaim`).
    pub fn path(self, chart: Chart) -> String {
        self.location(chart)
            .map(|keys| keys.join("."))
            .unwrap_or_else(|| self.key(chart).to_string())
    }

    /// The field at `key` of a v0 entry, exactly as spelled.
    pub fn from_v0_key(key: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.key(Chart::V0) == key)
    }

    /// Whether its value is a boolean (else a string).
    pub fn is_bool(self) -> bool {
        self == Field::ReadOnly
    }
}

/// The v0 keys an entry may have, for "did you mean".
pub const V0_KEYS: [&str; 8] = [
    "mountPath",
    "hostPath",
    "existingClaim",
    "readOnly",
    "store",
    "bucket",
    "secret",
    "secretKey",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_round_trips_through_its_v1_name() {
        for kind in Kind::ALL {
            assert_eq!(Kind::from_v1_name(kind.name(Chart::V1)), Some(kind));
        }
        assert_eq!(
            Kind::from_alias("azure"),
            Some(Kind::Bucket(StoreKind::Azure))
        );
        assert_eq!(Kind::from_alias("PVC"), Some(Kind::Claim));
    }

    #[test]
    fn fields_sit_at_their_chart_keys() {
        assert_eq!(Field::Claim.path(Chart::V0), "existingClaim");
        assert_eq!(Field::Claim.path(Chart::V1), "schema.volumeClaim");
        assert_eq!(Field::Secret.path(Chart::V1), "secret.name");
        assert_eq!(Field::SecretKey.location(Chart::V1), None);
        for key in V0_KEYS {
            assert_eq!(Field::from_v0_key(key).map(|f| f.key(Chart::V0)), Some(key));
        }
    }
}
