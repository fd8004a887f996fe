//! `--cluster SNAPSHOT`: the values checked against a kubectl snapshot (made by the
//! Kubernetes Python client: `tests/cluster/snapshots.py`), in every output format, and
//! never a Secret's value in any of them.

mod common;

use std::path::PathBuf;

use common::run;

/// A snapshot under `core/src/rules/cluster/snapshots`.
fn snapshot(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../core/src/rules/cluster/snapshots")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

/// The base64 of `PLANTED-SECRET-VALUE` that starts every value in the snapshots, and
/// the marker itself.
const PLANTED: [&str; 2] = ["UExBTlRFRC1TRUNSRVQtVkFMVUU", "PLANTED-SECRET-VALUE"];

/// A values file in the test's own temporary directory (`CARGO_TARGET_TMPDIR`).
fn values(name: &str, text: &str) -> String {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, text).expect("writes");
    path.to_string_lossy().into_owned()
}

const V0: &str = "persistence:\n  outputs:\n    out:\n      store: s3\n      bucket: s3://b-out\n      secret: s3-json\n      secretKey: S3_SECRET\n  data:\n    d:\n      mountPath: /data\n      existingClaim: data-rox\n  logs:\n    existingClaim: outputs-nfs\n  repos:\n    existingClaim: outputs-nfs\n";

#[test]
fn claims_and_secrets_are_checked_in_every_format_and_no_value_is_printed() {
    let file = values("cluster-v0.yaml", V0);
    let cluster = snapshot("cluster.json");
    for format in ["human", "json", "github", "sarif"] {
        let out = run(&[
            "--cluster",
            &cluster,
            "--format",
            format,
            "--color",
            "never",
            &file,
        ]);
        assert_eq!(out.status.code(), Some(1), "{format}");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stdout.contains("N001"), "{format}: {stdout}");
        assert!(stdout.contains("N007"), "{format}: {stdout}");
        assert!(
            stdout.contains("did you mean `data-ro`?"),
            "{format}: {stdout}"
        );
        // What it read, on stderr.
        assert!(stderr.contains("3 schedulable nodes (of 6)"), "{stderr}");
        for planted in PLANTED {
            assert!(
                !stdout.contains(planted) && !stderr.contains(planted),
                "{format}"
            );
        }
    }
    for format in ["human", "json"] {
        let out = run(&["map", "--cluster", &cluster, "--format", format, &file]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            stdout.contains("Secret `s3-json` is in polyaxon, with keys S3_SECRET_JSON"),
            "{stdout}"
        );
        assert!(
            stdout.contains("claim `outputs-nfs` is Bound to `pv-nfs` (RWX, class `nfs`)"),
            "{stdout}"
        );
        for planted in PLANTED {
            assert!(!stdout.contains(planted), "{format}");
        }
    }
}

#[test]
fn the_nodes_decide_the_topology() {
    let host = values("cluster-host.yaml", "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      hostPath: /data/outputs\n");
    let json = |cluster: &str| -> serde_json::Value {
        let out = run(&[
            "--cluster",
            &snapshot(cluster),
            "--topology",
            "multi-node",
            "--format",
            "json",
            &host,
        ]);
        serde_json::from_slice(&out.stdout).expect("json")
    };
    let many = json("cluster.json");
    let d001: Vec<&serde_json::Value> = many["files"][0]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["code"] == "D001")
        .collect();
    assert!(!d001.is_empty());
    assert!(d001.iter().all(|f| f["severity"] == "error"), "{d001:?}");
    assert!(d001[0]["message"]
        .as_str()
        .unwrap()
        .contains("3 schedulable nodes"));
    // One node: the topology advice goes, even with --topology multi-node.
    let one = json("one-node.json");
    let codes: Vec<&str> = one["files"][0]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["code"].as_str())
        .collect();
    assert!(!codes.contains(&"D001"), "{codes:?}");
}

#[test]
fn an_unusable_snapshot_is_exit_2_with_a_reason() {
    let file = values("cluster-v0.yaml", V0);
    let out = run(&["--cluster", &file, &file]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no nodes, storage classes"), "{stderr}");
    assert!(
        stderr.contains("kubectl get nodes,storageclasses"),
        "{stderr}"
    );
    let out = run(&["--cluster", "/no/such/snapshot.json", &file]);
    assert_eq!(out.status.code(), Some(2));
    let broken = values("cluster-broken.json", "{\"kind\": \"List\", \"items\": [\n");
    let out = run(&["map", "--cluster", &broken, &file]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a kubectl snapshot"));
}
