//! The storage map: a test per storage kind for each chart, the chart defaults, and the
//! real example files. What each row must be is written in `core/src/map/` with the
//! template or server file it follows.

mod common;

use common::fixture;
use storage_core::map::{self, Note, Pod, Row, SecretRef, Source, StorageMap};
use storage_core::storage::Role;
use storage_core::text::bucket::StoreKind;
use storage_core::{analyze, Chart, ChartChoice, Options, Topology};

fn map_of(text: &str) -> StorageMap {
    map::map(text, &Options::default())
}

/// The row of `entry` for `pods`.
fn row<'m>(map: &'m StorageMap, entry: &str, pods: &[Pod]) -> &'m Row {
    map.rows
        .iter()
        .find(|r| r.entry == entry && r.pods == pods)
        .unwrap_or_else(|| panic!("no row for {entry} {pods:?} in {:#?}", map.rows))
}

fn host(path: &str) -> Source {
    Source::HostPath {
        path: Some(path.to_string()),
    }
}

fn claim(name: &str) -> Source {
    Source::Claim {
        claim: Some(name.to_string()),
    }
}

fn some(s: &str) -> Option<String> {
    Some(s.to_string())
}

const PLATFORM: &[Pod] = &[Pod::Api, Pod::Scheduler];
const JOBS: &[Pod] = &[Pod::Jobs];
const API_STREAMS: &[Pod] = &[Pod::Api, Pod::Streams];
const RUNS: &[Pod] = &[Pod::Runs];

// ---- chart 0.6.1 --------------------------------------------------------------------------

#[test]
fn v0_host_path_is_node_local_in_platform_and_job_pods() {
    let map = map_of(
        "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      hostPath: /mnt/outputs\n      readOnly: true\n",
    );
    assert_eq!(map.chart, Some(Chart::V0));
    let platform = row(&map, "out", PLATFORM);
    assert_eq!(platform.role, Role::Outputs);
    assert_eq!(platform.source, host("/mnt/outputs"));
    assert_eq!(platform.mount_path, some("/outputs"));
    // _volumes.tpl writes no readOnly on the api/scheduler mounts.
    assert!(!platform.read_only);
    assert_eq!(platform.notes, [Note::NodeLocal, Note::ReadOnlyIgnored]);
    assert!(!platform.default);
    assert_eq!(
        platform.path.as_ref().map(|p| p.as_str()),
        Some("persistence.outputs.out")
    );
    let jobs = row(&map, "out", JOBS);
    assert_eq!(jobs.source, host("/mnt/outputs"));
    assert_eq!(jobs.mount_path, some("/outputs"));
    assert!(jobs.read_only);
    assert_eq!(jobs.notes, [Note::NodeLocal]);
}

#[test]
fn v0_claim_needs_read_write_many_unless_single_node() {
    let text = "persistence:\n  data:\n    datasets:\n      mountPath: /data\n      existingClaim: datasets-pvc\n";
    let map = map_of(text);
    // Data is mounted in job pods only: no 0.6.1 deployment includes volumes.volumeMounts.data.
    assert!(map
        .rows
        .iter()
        .all(|r| r.entry != "datasets" || r.pods == JOBS));
    let jobs = row(&map, "datasets", JOBS);
    assert_eq!(jobs.source, claim("datasets-pvc"));
    assert_eq!(jobs.mount_path, some("/data"));
    assert_eq!(jobs.notes, [Note::ReadWriteMany]);

    let single = map::map(
        text,
        &Options {
            topology: Topology::SingleNode,
            ..Options::default()
        },
    );
    assert!(row(&single, "datasets", JOBS).notes.is_empty());
}

fn v0_bucket(store: &str, bucket: &str, kind: StoreKind) {
    let text = format!(
        "persistence:\n  outputs:\n    cloud:\n      store: {store}\n      bucket: {bucket}\n      secret: cloud-secret\n      secretKey: CLOUD_JSON\n"
    );
    let map = map_of(&text);
    let expected = Source::Bucket {
        store: kind,
        bucket: some(bucket),
        secret: Some(SecretRef {
            name: some("cloud-secret"),
            key: some("CLOUD_JSON"),
            mount_path: None,
        }),
    };
    for pods in [PLATFORM, JOBS] {
        let r = row(&map, "cloud", pods);
        assert_eq!(r.source, expected, "{store} {pods:?}");
        assert_eq!(r.mount_path, None);
        assert!(!r.read_only);
        assert_eq!(r.notes, [Note::SecretAsEnv]);
    }
}

#[test]
fn v0_s3_is_a_bucket_with_its_secret_key_as_env() {
    v0_bucket("s3", "s3://outputs/runs", StoreKind::S3);
}

#[test]
fn v0_gcs_is_a_bucket_with_its_secret_key_as_env() {
    v0_bucket("gcs", "gs://outputs", StoreKind::Gcs);
}

#[test]
fn v0_azure_is_a_bucket_with_its_secret_key_as_env() {
    v0_bucket(
        "azure",
        "wasbs://outputs@account.blob.core.windows.net/",
        StoreKind::Azure,
    );
}

#[test]
fn v0_no_kind_is_the_empty_dir_trap() {
    let map = map_of("persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n");
    // Job pods: polypod/templates/volumes.py get_volume, neither claim nor host path.
    let jobs = row(&map, "out", JOBS);
    assert_eq!(jobs.source, Source::EmptyDir);
    assert_eq!(jobs.mount_path, some("/outputs"));
    assert_eq!(jobs.notes, [Note::LostWithPod]);
    // api/scheduler: `hostPath | default mountPath` (_volumes.tpl).
    let platform = row(&map, "out", PLATFORM);
    assert_eq!(platform.source, host("/outputs"));
    assert_eq!(platform.notes, [Note::NodeLocal, Note::HostPathIsMountPath]);
}

#[test]
fn v0_defaults_apply_to_every_section_left_out() {
    let map = map_of("persistence:\n  outputs: {}\n");
    assert_eq!(
        lines(&map),
        [
            "outputs outputs* api+scheduler host:/tmp/outputs /outputs rw node-local",
            "outputs outputs* jobs host:/tmp/outputs /outputs rw node-local",
            "data data* jobs host:/tmp/data /data rw node-local",
            "logs logs* api+scheduler host:/tmp/logs /polyaxon-logs rw node-local",
            "repos repos* api host:/tmp/repos /polyaxon-repos rw node-local",
            // notebook.py reads `host_path`, which the chart never writes.
            "repos repos* notebooks host:/polyaxon-repos /polyaxon-repos rw node-local,notebook-host-path",
            "upload upload* api host:/tmp/upload /tmp/upload rw node-local",
        ]
    );
    assert!(map.rows.iter().all(|r| r.path.is_none() && r.default));
}

#[test]
fn v0_logs_merges_with_the_chart_default() {
    // A claim wins over the merged default hostPath.
    let map = map_of("persistence:\n  logs:\n    existingClaim: logs-pvc\n");
    let logs = row(&map, "logs", PLATFORM);
    assert_eq!(logs.source, claim("logs-pvc"));
    assert_eq!(logs.mount_path, some("/polyaxon-logs"));
    assert!(!logs.default);
    // Only a mountPath: the default hostPath stays.
    let map = map_of("persistence:\n  logs:\n    mountPath: /l\n");
    assert_eq!(row(&map, "logs", PLATFORM).source, host("/tmp/logs"));
    // hostPath written empty replaces the default: `default mountPath` applies.
    let map = map_of("persistence:\n  logs:\n    hostPath:\n");
    let logs = row(&map, "logs", PLATFORM);
    assert_eq!(logs.source, host("/polyaxon-logs"));
    assert!(logs.notes.contains(&Note::HostPathIsMountPath));
    // Null removes the default: nothing mounted, no row.
    let map = map_of("persistence:\n  logs: null\n");
    assert!(map.rows.iter().all(|r| r.role != Role::Logs));
}

#[test]
fn v0_logs_on_a_store_and_repos_ignoring_one() {
    let map = map_of(
        "persistence:\n  logs:\n    store: s3\n    bucket: s3://logs\n    secret: s\n    secretKey: K\n  repos:\n    store: s3\n",
    );
    let logs = row(&map, "logs", PLATFORM);
    assert!(matches!(
        logs.source,
        Source::Bucket {
            store: StoreKind::S3,
            ..
        }
    ));
    assert_eq!(logs.mount_path, None);
    // _volumes.tpl has no `store` check for repos: the merged host path is mounted.
    let repos = row(&map, "repos", &[Pod::Api]);
    assert_eq!(repos.source, host("/tmp/repos"));
    assert!(repos.notes.contains(&Note::StoreIgnored));
}

#[test]
fn v0_jobs_get_the_first_outputs_entry_by_name() {
    let map = map_of(
        "persistence:\n  outputs:\n    zeta:\n      mountPath: /z\n      hostPath: /z\n    alpha:\n      mountPath: /a\n      existingClaim: a\n",
    );
    assert!(row(&map, "alpha", JOBS).notes.contains(&Note::FirstByName));
    assert!(row(&map, "zeta", JOBS).notes.contains(&Note::WhenNamed));
    // File order is kept in the rows.
    assert_eq!(map.rows[0].entry, "zeta");
}

#[test]
fn v0_without_mount_path_jobs_get_nothing_and_platform_pods_are_refused() {
    let map = map_of("persistence:\n  outputs:\n    out:\n      hostPath: /x\n");
    let jobs = row(&map, "out", JOBS);
    assert_eq!(jobs.source, Source::NotMounted);
    assert_eq!(jobs.notes, [Note::NoMountPath]);
    let platform = row(&map, "out", PLATFORM);
    assert_eq!(platform.source, host("/x"));
    assert_eq!(platform.mount_path, None);
    assert!(platform.notes.contains(&Note::EmptyMountPath));
}

#[test]
fn v0_a_store_that_is_not_a_cloud_is_unknown() {
    let map = map_of("persistence:\n  outputs:\n    out:\n      store: nfs\n");
    assert_eq!(row(&map, "out", JOBS).source, Source::Unknown);
    assert_eq!(row(&map, "out", JOBS).notes, [Note::UnknownKind]);
}

// ---- today's chart ------------------------------------------------------------------------

#[test]
fn v1_host_path_store_in_api_streams_and_runs() {
    let map = map_of(
        "artifactsStore:\n  name: store\n  kind: host_path\n  schema:\n    hostPath: /mnt/a\n    mountPath: /a\n    readOnly: true\n",
    );
    assert_eq!(map.chart, Some(Chart::V1));
    let platform = row(&map, "store", API_STREAMS);
    assert_eq!(platform.role, Role::ArtifactsStore);
    assert_eq!(platform.source, host("/mnt/a"));
    assert_eq!(platform.mount_path, some("/a"));
    // _stores.tpl writes no readOnly.
    assert!(!platform.read_only);
    assert_eq!(platform.notes, [Note::NodeLocal, Note::ReadOnlyIgnored]);
    let runs = row(&map, "store", RUNS);
    assert_eq!(runs.source, host("/mnt/a"));
    assert!(runs.read_only);
    assert_eq!(runs.notes, [Note::NodeLocal, Note::SyncedBySidecar]);
}

#[test]
fn v1_claim_connection_only_in_runs_that_request_it() {
    let map = map_of(
        "connections:\n  - name: data\n    kind: volume_claim\n    schema:\n      volumeClaim: data-pvc\n      mountPath: /data\n      readOnly: true\n",
    );
    assert!(map.rows.iter().all(|r| r.entry != "data" || r.pods == RUNS));
    let runs = row(&map, "data", RUNS);
    assert_eq!(runs.role, Role::Connection);
    assert_eq!(runs.source, claim("data-pvc"));
    assert!(runs.read_only);
    assert_eq!(runs.notes, [Note::ReadWriteMany, Note::WhenRequested]);
    // Named in mountConnections: api/streams mount it too (_connections.tpl).
    let map = map_of(
        "mountConnections: [data]\nconnections:\n  - name: data\n    kind: volume_claim\n    schema:\n      volumeClaim: data-pvc\n      mountPath: /data\n",
    );
    assert_eq!(row(&map, "data", API_STREAMS).source, claim("data-pvc"));
}

fn v1_bucket(kind: &str, bucket: &str, store: StoreKind) {
    let text = format!(
        "artifactsStore:\n  name: store\n  kind: {kind}\n  schema:\n    bucket: {bucket}\n  secret:\n    name: store-secret\n"
    );
    let map = map_of(&text);
    let expected = Source::Bucket {
        store,
        bucket: some(bucket),
        secret: Some(SecretRef {
            name: some("store-secret"),
            key: None,
            mount_path: None,
        }),
    };
    for pods in [API_STREAMS, RUNS] {
        let r = row(&map, "store", pods);
        assert_eq!(r.source, expected, "{kind} {pods:?}");
        assert_eq!(r.mount_path, None);
        assert_eq!(r.notes[0], Note::SecretEnvFrom);
    }
}

#[test]
fn v1_s3_store_reads_its_secret_as_env() {
    v1_bucket("s3", "s3://artifacts", StoreKind::S3);
}

#[test]
fn v1_gcs_store_reads_its_secret_as_env() {
    v1_bucket("gcs", "gs://artifacts", StoreKind::Gcs);
}

#[test]
fn v1_wasb_store_reads_its_secret_as_env() {
    v1_bucket(
        "wasb",
        "wasbs://artifacts@account.blob.core.windows.net/",
        StoreKind::Azure,
    );
}

#[test]
fn v1_secret_with_a_mount_path_is_mounted() {
    let map = map_of(
        "artifactsStore:\n  name: store\n  kind: gcs\n  schema:\n    bucket: gs://a\n  secret:\n    name: gcs-secret\n    mountPath: /plx-context/.gc\n",
    );
    let runs = row(&map, "store", RUNS);
    let Source::Bucket { secret, .. } = &runs.source else {
        panic!("{runs:?}")
    };
    assert_eq!(
        secret.as_ref().and_then(|s| s.mount_path.as_deref()),
        Some("/plx-context/.gc")
    );
    assert_eq!(runs.notes[0], Note::SecretMounted);
    assert!(!runs.notes.contains(&Note::GcsKeyNotRead));
}

/// v1+ GCS read as env vars (or mounted elsewhere): the rows say the key file is not read.
#[test]
fn v1_gcs_secret_not_mounted_at_the_key_dir_is_not_read() {
    let base = "artifactsStore:\n  name: store\n  kind: gcs\n  schema:\n    bucket: gs://a\n  secret:\n    name: gcs-secret\n";
    for text in [base.to_string(), format!("{base}    mountPath: /etc/gcs\n")] {
        let map = map_of(&text);
        for pods in [RUNS, API_STREAMS] {
            let r = row(&map, "store", pods);
            assert_eq!(r.notes[1], Note::GcsKeyNotRead, "{text}{r:?}");
        }
    }
    let s3 = map_of(&base.replace("gcs", "s3").replace("gs://", "s3://"));
    assert!(!row(&s3, "store", RUNS).notes.contains(&Note::GcsKeyNotRead));
}

#[test]
fn v1_default_store_is_a_host_path_never_an_empty_dir() {
    for text in [
        "connections: []\n",
        "artifactsStore:\nconnections: []\n",
        "artifactsStore: {}\n",
    ] {
        let map = map_of(text);
        assert_eq!(map.rows.len(), 2, "{text}");
        for pods in [API_STREAMS, RUNS] {
            let r = row(&map, map::DEFAULT_STORE_NAME, pods);
            assert!(r.default);
            assert_eq!(r.source, host("/tmp/artifactsStore"));
            assert_eq!(r.mount_path, some("/artifactsStore"));
        }
        assert!(map.rows.iter().all(|r| r.source != Source::EmptyDir));
    }
}

#[test]
fn v1_other_connections_are_not_storage_and_unknown_kinds_say_so() {
    let map = map_of(
        "artifactsStore:\n  name: s\n  kind: host_path\n  schema: {hostPath: /h, mountPath: /m}\nconnections:\n  - name: repo\n    kind: git\n  - name: odd\n    schema: {mountPath: /o}\n",
    );
    assert!(map.rows.iter().all(|r| r.entry != "repo"));
    assert_eq!(row(&map, "odd", RUNS).source, Source::Unknown);
}

#[test]
fn v1_alias_connections_are_not_mounted_by_the_platform() {
    let map = map_of(
        "mountConnections: [a]\nconnections:\n  - name: a\n    kind: host_path\n    isAlias: true\n    schema: {hostPath: /h, mountPath: /m}\n",
    );
    assert!(map.rows.iter().all(|r| r.entry != "a" || r.pods == RUNS));
    assert_eq!(row(&map, "a", RUNS).source, host("/h"));
}

// ---- the real files -----------------------------------------------------------------------

/// `role entry pods source mount access notes` per row, to compare whole maps.
fn lines(map: &StorageMap) -> Vec<String> {
    map.rows
        .iter()
        .map(|r| {
            let pods: Vec<&str> = r.pods.iter().map(|p| p.label()).collect();
            let source = match &r.source {
                Source::HostPath { path } => format!("host:{}", path.as_deref().unwrap_or("")),
                Source::Claim { claim } => format!("claim:{}", claim.as_deref().unwrap_or("")),
                Source::Bucket { bucket, secret, .. } => format!(
                    "bucket:{}:{}:{}",
                    bucket.as_deref().unwrap_or(""),
                    secret
                        .as_ref()
                        .and_then(|s| s.name.as_deref())
                        .unwrap_or(""),
                    secret.as_ref().and_then(|s| s.key.as_deref()).unwrap_or("")
                ),
                other => format!("{other:?}"),
            };
            let notes: Vec<&str> = r.notes.iter().map(|n| n.code()).collect();
            format!(
                "{} {}{} {} {} {} {} {}",
                r.role.key(),
                r.entry,
                if r.default { "*" } else { "" },
                pods.join("+"),
                source,
                r.mount_path.as_deref().unwrap_or("-"),
                if r.read_only { "ro" } else { "rw" },
                notes.join(",")
            )
        })
        .collect()
}

#[test]
fn the_chart_0_6_1_values_file() {
    let map = map_of(&fixture("corpus/chart-0.6.1-values.yaml"));
    assert_eq!(
        lines(&map),
        [
            "outputs outputs* api+scheduler host:/tmp/outputs /outputs rw node-local",
            "outputs outputs* jobs host:/tmp/outputs /outputs rw node-local",
            "data data* jobs host:/tmp/data /data rw node-local",
            "logs logs api+scheduler host:/tmp/logs /polyaxon-logs rw node-local",
            "repos repos api host:/tmp/repos /polyaxon-repos rw node-local",
            "repos repos notebooks host:/polyaxon-repos /polyaxon-repos rw node-local,notebook-host-path",
            "upload upload api host:/tmp/upload /tmp/upload rw node-local",
        ]
    );
}

#[test]
fn the_v1_example() {
    let map = map_of(&fixture("examples/v1.yaml"));
    assert_eq!(
        lines(&map),
        [
            "artifactsStore artifacts api+streams bucket:s3://polyaxon-artifacts:s3-credentials: - rw secret-env-from",
            "artifactsStore artifacts runs bucket:s3://polyaxon-artifacts:s3-credentials: - rw secret-env-from,synced-by-sidecar",
            "connections datasets runs claim:datasets-pvc /datasets ro read-write-many,when-requested",
            "connections scratch runs host:/mnt/scratch /scratch rw node-local,when-requested",
        ]
    );
}

#[test]
fn the_s3_example() {
    let map = map_of(&fixture("examples/s3.yaml"));
    assert_eq!(
        lines(&map),
        [
            "outputs s3-outputs api+scheduler bucket:s3://polyaxon-outputs/experiments:s3-credentials:S3_CREDENTIALS_JSON - rw secret-as-env",
            "outputs s3-outputs jobs bucket:s3://polyaxon-outputs/experiments:s3-credentials:S3_CREDENTIALS_JSON - rw secret-as-env",
            "data datasets jobs claim:datasets-pvc /data ro read-write-many",
            "logs logs* api+scheduler host:/tmp/logs /polyaxon-logs rw node-local",
            "repos repos* api host:/tmp/repos /polyaxon-repos rw node-local",
            "repos repos* notebooks host:/polyaxon-repos /polyaxon-repos rw node-local,notebook-host-path",
            "upload upload* api host:/tmp/upload /tmp/upload rw node-local",
        ]
    );
}

// ---- one parse, the JSON shape, any input -------------------------------------------------

#[test]
fn analyze_carries_the_same_map() {
    for rel in [
        "corpus/chart-0.6.1-values.yaml",
        "examples/v1.yaml",
        "examples/s3.yaml",
    ] {
        let text = fixture(rel);
        let options = Options::default();
        assert_eq!(
            analyze(&text, &options).map,
            map::map(&text, &options),
            "{rel}"
        );
    }
    // The chart option decides, as for the findings.
    let v1 = map::map(
        "persistence: {}\n",
        &Options {
            chart: ChartChoice::V1,
            ..Options::default()
        },
    );
    assert_eq!(v1.rows[0].entry, map::DEFAULT_STORE_NAME);
}

#[test]
fn the_json_shape_is_stable() {
    let map = map_of("persistence:\n  outputs:\n    out:\n      mountPath: /o\n");
    let json = serde_json::to_value(&map).unwrap();
    assert_eq!(json["chart"], "v0");
    let jobs = &json["rows"][1];
    assert_eq!(jobs["role"], "outputs");
    assert_eq!(jobs["entry"], "out");
    assert_eq!(jobs["path"], "persistence.outputs.out");
    assert_eq!(jobs["default"], false);
    assert_eq!(jobs["pods"], serde_json::json!(["jobs"]));
    assert_eq!(jobs["source"], serde_json::json!({"kind": "empty-dir"}));
    assert_eq!(jobs["mount_path"], "/o");
    assert_eq!(jobs["read_only"], false);
    assert_eq!(jobs["notes"][0]["code"], "lost-with-pod");
    assert!(jobs["notes"][0]["text"]
        .as_str()
        .unwrap()
        .contains("emptyDir"));
    let platform = &json["rows"][0];
    assert_eq!(
        platform["source"],
        serde_json::json!({"kind": "host-path", "path": "/o"})
    );
    let s3 = serde_json::to_value(map_of(&fixture("examples/s3.yaml"))).unwrap();
    assert_eq!(
        s3["rows"][0]["source"],
        serde_json::json!({
            "kind": "bucket",
            "store": "s3",
            "bucket": "s3://polyaxon-outputs/experiments",
            "secret": {"name": "s3-credentials", "key": "S3_CREDENTIALS_JSON", "mount_path": null}
        })
    );
}

#[test]
fn unreadable_or_odd_input_has_no_rows_and_no_panic() {
    assert_eq!(map_of("a: [\n").rows.len(), 0);
    assert_eq!(map_of("a: [\n").chart, None);
    for text in [
        "",
        "persistence: 3\n",
        "persistence:\n",
        "persistence:\n  outputs: [a]\n",
        "persistence:\n  outputs:\n    out: /x\n",
        "artifactsStore: [a]\n",
        "artifactsStore:\n  name: a\n  kind: s3\n  secret: x\n",
        "connections: 3\nmountConnections: {a: b}\n",
        "- 1\n",
    ] {
        let _ = map_of(text);
    }
    assert!(map_of("persistence: 3\n").rows.is_empty());
    assert!(map_of("artifactsStore: [a]\n").rows.is_empty());
}
