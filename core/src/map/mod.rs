//! The storage map: for each storage entry, and for each chart default that applies, what
//! each kind of pod mounts, from where, at which path, and read-only or not.
//!
//! Every row follows the code that builds the pods; nothing here is a guess about Polyaxon.
//!
//! **Chart 0.6.1** (`persistence`), `polyaxon/polyaxon-chart` at commit 5888285 ("Bump
//! version to 0.6.1"), which also is `polyaxon/charts` history:
//! - `polyaxon/values.yaml`: `persistence.logs/repos/upload` defaults (merged with what the
//!   user writes) and `defaultPersistence` (used when `outputs`/`data` are empty);
//! - `polyaxon/templates/partials/_volumes.tpl`: `volumes.volumes.*` and
//!   `volumes.volumeMounts.*` (claim if `existingClaim`, else host path
//!   `hostPath | default mountPath`; a `store` entry gets no volume for outputs, data, logs;
//!   repos and upload have no `store` check; no `readOnly` on any mount);
//! - `polyaxon/templates/api-deployment.yaml` includes logs, outputs, repos, upload;
//!   `polyaxon/templates/scheduler-deployment.yaml` logs and outputs; no deployment includes
//!   `volumes.volumeMounts.data` (data reaches job pods only);
//! - `polyaxon/templates/partials/_stores.tpl`: a `store` entry of outputs, and a `store` logs,
//!   become the env var `<secretKey>` from `secretKeyRef {name: secret, key: secretKey}` in the
//!   api and scheduler;
//! - `polyaxon/templates/partials/_pvc_def.tpl`: the chart hands the server
//!   `POLYAXON_PERSISTENCE_OUTPUTS`/`_DATA` (the user's map, or `defaultPersistence` when
//!   empty), `_LOGS`/`_REPOS`/`_UPLOAD`, from which the server builds the job pods.
//!
//! **Job pods of 0.6.1** are built by the server, not the chart: `polyaxon/polyaxon` at tag
//! 0.6.1, `polyaxon/polypod/templates/volumes.py` (`get_volume`: claim, else host path, else
//! **emptyDir**; nothing when `mountPath` is missing; `readOnly` applied), called by
//! `polypod/job.py`, `experiment.py`, `notebook.py` (outputs + data);
//! `stores/validators.py` (no outputs named: the first key, Go's `toJson` sorts them; no data
//! named: every data entry); `polypod/templates/env_vars.py` (a store's `secretKey` as env var);
//! `polypod/notebook.py` `get_notebook_code_volume` with `config_settings/persistence_repos.py`
//! (`REPOS_HOST_PATH = PERSISTENCE_REPOS.get('host_path', REPOS_MOUNT_PATH)`: the chart writes
//! `hostPath`, so notebooks use the mountPath as the node directory).
//!
//! **Today's chart** (v1+, `artifactsStore`/`connections`): `polyaxon/charts` at commit 2041764
//! (chart 2.15.1; the `polyaxon/helm-charts` repository named in the issue could not be
//! fetched here):
//! - `polyaxon/templates/partials/_stores.tpl`: `config.artifactsStore.mount/.volume/.envFrom`
//!   (a volume for `host_path`/`volume_claim` at `schema.mountPath`, no `readOnly`; a bucket
//!   gets none; its `secret` is `envFrom` unless `secret.mountPath`, then a read-only mount;
//!   `defaultArtifactsStore` when `artifactsStore` is empty);
//! - `polyaxon/templates/partials/_connections.tpl`: the same for each connection named in
//!   `mountConnections` (and not `isAlias`);
//! - included by `polyaxon/templates/api-deployment.yaml` (when `agent.enabled`, the default)
//!   and the agent chart's `agent/templates/streams-deployment.yaml`;
//! - `polyaxon/templates/agent-cm.yaml`: the agent mounts nothing itself; it gets the store
//!   (or `defaultArtifactsStore`) and the connections as `POLYAXON_AGENT_ARTIFACTS_STORE` /
//!   `POLYAXON_AGENT_CONNECTIONS` and puts them in the runs it creates.
//!
//! **Runs** are built by the agent: `polyaxon/cli` at v2.16.4 (commit bfea04a),
//! `cli/polyaxon/_k8s/converter/common/volumes.py` (`get_volume_from_connection`: claim with
//! `readOnly`, host path), `converter/base/mounts.py` (`_get_mount_from_store`: at
//! `schema.mountPath`, `readOnly` from the schema), `converter/base/sidecar.py` (the sidecar
//! mounts the artifacts store), `converter/base/main.py` and `_runner/converter/converter.py`
//! (the main container mounts the connections the run requests, and the store only with
//! `mountArtifactsStore` or without `collectArtifacts`), `converter/pod/volumes.py`.

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use crate::options::{Chart, Options, Topology};
use crate::storage::{self, Entry, Field, Kind, KindState, Role, Storage};
use crate::text::bucket::StoreKind;
use crate::yaml::{self, Document, YamlPath};

mod v0;
mod v1;

/// What each kind of pod mounts, for one file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct StorageMap {
    /// The chart the rows are for; `None` when the text could not be read.
    pub chart: Option<Chart>,
    /// One row per entry (or chart default) and group of pods, in section and file order.
    pub rows: Vec<Row>,
}

/// What one group of pods gets from one entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct Row {
    /// What the entry is for.
    pub role: Role,
    /// The entry's name (v0 key, v1+ `name`), or the chart default's.
    pub entry: String,
    /// The entry's YAML path; `None` for a chart default the file does not write.
    pub path: Option<YamlPath>,
    /// Whether the row comes from the chart's defaults, not from the file.
    pub default: bool,
    /// The pods.
    pub pods: &'static [Pod],
    /// Where the files are.
    pub source: Source,
    /// Where the pods see them; `None` when nothing is mounted (or no path is written).
    pub mount_path: Option<String>,
    /// Whether the mount is read-only.
    pub read_only: bool,
    /// What to know about it, in the order worth reading.
    pub notes: Vec<Note>,
    /// What the cluster snapshot says of its claim, Secret or host path (`None`: no
    /// snapshot, or nothing to say).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster: Option<String>,
}

/// A kind of pod that mounts storage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "kebab-case")]
pub enum Pod {
    /// The API deployment (v0 `api-deployment.yaml`; v1+ the chart's api, which serves
    /// streams too, when `agent.enabled`).
    Api,
    /// v0: the scheduler deployment.
    Scheduler,
    /// v0: the pods the server creates for jobs, experiments and notebooks.
    Jobs,
    /// v0: notebooks started with their code mounted.
    Notebooks,
    /// v1+: the agent chart's streams deployment.
    Streams,
    /// v1+: the pods the agent creates for runs (operations).
    Runs,
}

impl Pod {
    /// Its name in the table.
    pub fn label(self) -> &'static str {
        match self {
            Pod::Api => "api",
            Pod::Scheduler => "scheduler",
            Pod::Jobs => "jobs",
            Pod::Notebooks => "notebooks",
            Pod::Streams => "streams",
            Pod::Runs => "runs",
        }
    }
}

const V0_PLATFORM: &[Pod] = &[Pod::Api, Pod::Scheduler];
const V0_API: &[Pod] = &[Pod::Api];
const V0_JOBS: &[Pod] = &[Pod::Jobs];
const V0_NOTEBOOKS: &[Pod] = &[Pod::Notebooks];
const V1_PLATFORM: &[Pod] = &[Pod::Api, Pod::Streams];
const V1_RUNS: &[Pod] = &[Pod::Runs];

/// Every group of pods a row names (the wire format writes a row's group as its index).
pub(crate) const POD_GROUPS: [&[Pod]; 6] = [
    V0_PLATFORM,
    V0_API,
    V0_JOBS,
    V0_NOTEBOOKS,
    V1_PLATFORM,
    V1_RUNS,
];

/// The name of today's chart's `defaultArtifactsStore` (`polyaxon/values.yaml`).
pub const DEFAULT_STORE_NAME: &str = "default-artifacts-store";

/// Where a row's files are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Source {
    /// A directory on whichever node the pod lands on.
    HostPath {
        /// The node directory (`None`: not written).
        path: Option<String>,
    },
    /// A PersistentVolumeClaim.
    Claim {
        /// The claim's name (`None`: not written).
        claim: Option<String>,
    },
    /// A cloud bucket, reached over the network with the Secret's credentials.
    Bucket {
        /// Which cloud.
        store: StoreKind,
        /// The bucket URL as written.
        bucket: Option<String>,
        /// The Secret the pods read the credentials from.
        secret: Option<SecretRef>,
    },
    /// An emptyDir: created with the pod, deleted with it.
    EmptyDir,
    /// No volume at all.
    NotMounted,
    /// A kind Polyaxon does not mount (v0 `store` not s3/gcs/azure, v1+ `kind` unknown).
    Unknown,
}

/// The Secret a bucket row needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct SecretRef {
    /// v0 `secret`, v1+ `secret.name`.
    pub name: Option<String>,
    /// v0 `secretKey`: the key read, and the env var it becomes. v1+: `None` (every key).
    pub key: Option<String>,
    /// v1+ `secret.mountPath`: mounted there read-only instead of read as env vars.
    pub mount_path: Option<String>,
}

/// What to know about a row. Serialized as `{"code": "node-local", "text": "..."}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Note {
    /// A host path when pods may run on several nodes.
    NodeLocal,
    /// A claim when pods may run on several nodes.
    ReadWriteMany,
    /// An emptyDir.
    LostWithPod,
    /// Job pods get no volume without `mountPath`.
    NoMountPath,
    /// The template writes an empty `mountPath`, which Kubernetes refuses.
    EmptyMountPath,
    /// v0 platform pods: no `hostPath`, so the node directory is the mountPath.
    HostPathIsMountPath,
    /// v0 notebooks: the server never reads the chart's `hostPath`.
    NotebookHostPath,
    /// `readOnly: true` that these pods do not apply.
    ReadOnlyIgnored,
    /// v0: the Secret's `secretKey` becomes an env var of that name.
    SecretAsEnv,
    /// v1+: every key of the Secret becomes an env var.
    SecretEnvFrom,
    /// v1+: the Secret is mounted read-only at `secret.mountPath`.
    SecretMounted,
    /// v1+ GCS: the Secret is not mounted where vents reads the key file.
    GcsKeyNotRead,
    /// v0 outputs: the entry jobs get when they name none.
    FirstByName,
    /// v0 outputs: mounted only by jobs that name it.
    WhenNamed,
    /// v1+ connections: mounted only by runs that request it.
    WhenRequested,
    /// v1+ artifacts store: the sidecar uploads the runs' outputs.
    SyncedBySidecar,
    /// v0 repos/upload: the chart has no cloud store for them.
    StoreIgnored,
    /// The kind is not one Polyaxon mounts.
    UnknownKind,
}

impl Note {
    /// Its stable name.
    pub fn code(self) -> &'static str {
        match self {
            Note::NodeLocal => "node-local",
            Note::ReadWriteMany => "read-write-many",
            Note::LostWithPod => "lost-with-pod",
            Note::NoMountPath => "no-mount-path",
            Note::EmptyMountPath => "empty-mount-path",
            Note::HostPathIsMountPath => "host-path-is-mount-path",
            Note::NotebookHostPath => "notebook-host-path",
            Note::ReadOnlyIgnored => "read-only-ignored",
            Note::SecretAsEnv => "secret-as-env",
            Note::SecretEnvFrom => "secret-env-from",
            Note::SecretMounted => "secret-mounted",
            Note::GcsKeyNotRead => "gcs-key-not-read",
            Note::FirstByName => "first-by-name",
            Note::WhenNamed => "when-named",
            Note::WhenRequested => "when-requested",
            Note::SyncedBySidecar => "synced-by-sidecar",
            Note::StoreIgnored => "store-ignored",
            Note::UnknownKind => "unknown-kind",
        }
    }

    /// What it means, in one sentence.
    pub fn text(self) -> &'static str {
        match self {
            Note::NodeLocal => "node-local: each node has its own directory, so pods on other nodes see other files, and losing the node loses them",
            Note::ReadWriteMany => "pods on several nodes need the claim ReadWriteMany (NFS, ...); a ReadWriteOnce claim serves one node",
            Note::LostWithPod => "emptyDir: the files are deleted with the pod and no other pod sees them",
            Note::NoMountPath => "no `mountPath`: job pods get no volume",
            Note::EmptyMountPath => "no `mountPath`: the template writes an empty one and Kubernetes refuses the pod",
            Note::HostPathIsMountPath => "no `hostPath`: the chart uses the mountPath as the node directory",
            Note::NotebookHostPath => "notebooks that mount their code: the server reads `host_path`, which the chart never writes, so the node directory is the mountPath",
            Note::ReadOnlyIgnored => "`readOnly` is not applied to these pods: they mount it read-write",
            Note::SecretAsEnv => "the Secret's `secretKey` is read into an env var of that name",
            Note::SecretEnvFrom => "the Secret's keys become env vars (envFrom; runs take only its `items` when listed)",
            Note::SecretMounted => "the Secret is mounted read-only at its `mountPath`",
            Note::GcsKeyNotRead => "Polyaxon reads the GCS key file only at /plx-context/.gc/gc-secret.json: mount the Secret there (`secret.mountPath: /plx-context/.gc`)",
            Note::FirstByName => "jobs that name no outputs store get this one (the first by name)",
            Note::WhenNamed => "only jobs that name it mount it",
            Note::WhenRequested => "only runs that request it (`connections:` in the polyaxonfile) mount it",
            Note::SyncedBySidecar => "the main container writes to /plx-context/artifacts (an emptyDir) and the sidecar uploads it here; the main container mounts the store only with `mountArtifactsStore`",
            Note::StoreIgnored => "the chart has no cloud store for this section: it mounts the host path or claim",
            Note::UnknownKind => "not a kind Polyaxon mounts (see the findings)",
        }
    }
}

/// `Note`'s TypeScript declaration for the npm package (its `Serialize` is written by
/// hand just above, so it is declared beside it).
#[cfg(feature = "ts")]
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const NOTE_TS: &str = "/** What to know about a map row: a stable code and its sentence. */\nexport interface Note { code: string; text: string; }";

impl Serialize for Note {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Note", 2)?;
        s.serialize_field("code", self.code())?;
        s.serialize_field("text", self.text())?;
        s.end()
    }
}

/// The storage map of `text`. Never panics; an unreadable text has no rows (and no chart).
pub fn map(text: &str, options: &Options) -> StorageMap {
    match yaml::load(text, &options.limits) {
        Ok(doc) => of_document(&doc, options),
        Err(_) => StorageMap {
            chart: None,
            rows: Vec::new(),
        },
    }
}

/// The storage map of a loaded document, for the chart `options` decide.
pub fn of_document(doc: &Document, options: &Options) -> StorageMap {
    let chart = crate::chart::of(doc, options.chart);
    build(doc, &Storage::read(doc, chart), options)
}

/// The storage map of entries already read (what `analyze` calls: one parse).
pub fn build(doc: &Document, storage: &Storage, options: &Options) -> StorageMap {
    let mut map = Builder {
        doc,
        spread: options.topology != Topology::SingleNode,
        rows: Vec::new(),
    };
    match storage.chart {
        Chart::V0 => map.v0(storage),
        Chart::V1 => map.v1(storage),
    }
    StorageMap {
        chart: Some(storage.chart),
        rows: map.rows,
    }
}

struct Builder<'d> {
    doc: &'d Document,
    /// Whether pods may land on several nodes (any topology but single-node).
    spread: bool,
    rows: Vec<Row>,
}

/// A row before its source's own notes.
struct Draft<'a> {
    role: Role,
    entry: &'a str,
    path: Option<&'a YamlPath>,
    pods: &'static [Pod],
}

impl Builder<'_> {
    fn push(
        &mut self,
        at: &Draft<'_>,
        source: Source,
        mount_path: Option<String>,
        read_only: bool,
        mut notes: Vec<Note>,
    ) {
        let first = match &source {
            Source::HostPath { .. } if self.spread => Some(Note::NodeLocal),
            Source::Claim { .. } if self.spread => Some(Note::ReadWriteMany),
            Source::EmptyDir => Some(Note::LostWithPod),
            Source::Bucket {
                secret: Some(secret),
                ..
            } => Some(match (secret.key.is_some(), secret.mount_path.is_some()) {
                (true, _) => Note::SecretAsEnv,
                (false, true) => Note::SecretMounted,
                (false, false) => Note::SecretEnvFrom,
            }),
            Source::Unknown => Some(Note::UnknownKind),
            _ => None,
        };
        if let Some(note) = first {
            notes.insert(0, note);
        }
        if let Source::Bucket {
            store: StoreKind::Gcs,
            secret: Some(secret),
            ..
        } = &source
        {
            // v1+ only (v0 reads `secretKey` as an env var).
            if secret.key.is_none() && !crate::secrets::at_gcs_key_dir(secret.mount_path.as_deref())
            {
                notes.insert(1, Note::GcsKeyNotRead);
            }
        }
        self.rows.push(Row {
            role: at.role,
            entry: at.entry.to_string(),
            path: at.path.cloned(),
            default: at.path.is_none(),
            pods: at.pods,
            source,
            mount_path,
            read_only,
            notes,
            cluster: None,
        });
    }

    /// A chart default: a host path volume, read-write.
    fn default_host_path(&mut self, at: &Draft<'_>, mount: &str, host: &str, notes: Vec<Note>) {
        let source = Source::HostPath {
            path: Some(host.to_string()),
        };
        self.push(at, source, Some(mount.to_string()), false, notes);
    }
}
