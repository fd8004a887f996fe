//! `-f base -f prod --set ...`: layers merged as Helm merges them, each finding in the layer
//! that set its value; `layer-of` for a file checked on its own.

mod common;

use std::path::PathBuf;

use common::run;

/// A file in a folder of the test's own (`CARGO_TARGET_TMPDIR/<dir>`).
fn write(dir: &str, name: &str, text: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(dir);
    std::fs::create_dir_all(&dir).expect("a folder");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("writes");
    path.to_string_lossy().into_owned()
}

const BASE: &str =
    "persistence:\n  outputs:\n    out:\n      hostPath: /data/out\n      mountPath: /outputs\n";

fn json(args: &[&str]) -> (Option<i32>, serde_json::Value) {
    let out = run(args);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    (out.status.code(), value)
}

/// (file, code, line) of every error or warning.
fn problems(doc: &serde_json::Value) -> Vec<(String, String, u64)> {
    let mut out = Vec::new();
    for file in doc["files"].as_array().expect("files") {
        for f in file["findings"].as_array().expect("findings") {
            if f["severity"] != "info" {
                out.push((
                    file["path"]
                        .as_str()
                        .unwrap_or_default()
                        .rsplit('/')
                        .next()
                        .unwrap_or_default()
                        .to_string(),
                    f["code"].as_str().unwrap_or_default().to_string(),
                    f["line"].as_u64().unwrap_or_default(),
                ));
            }
        }
    }
    out
}

#[test]
fn each_finding_is_reported_in_the_layer_that_set_the_value() {
    let base = write("layers-a", "base.yaml", BASE);
    let prod = write(
        "layers-a",
        "prod.yaml",
        "persistence:\n  outputs:\n    out:\n      existingClaim: outputs-pvc\n",
    );
    let (code, doc) = json(&[
        "--format",
        "json",
        "-f",
        &base,
        "-f",
        &prod,
        "--set",
        "persistence.outputs.out.mountPath=outputs",
    ]);
    assert_eq!(code, Some(1));
    let found = problems(&doc);
    // hostPath (base) and existingClaim (prod) together: where the later one was set.
    assert!(
        found.contains(&("prod.yaml".into(), "V002".into(), 4)),
        "{found:?}"
    );
    // The relative mountPath is the --set's.
    assert!(
        found.contains(&(
            "--set persistence.outputs.out.mountPath=outputs".into(),
            "V004".into(),
            1
        )),
        "{found:?}"
    );
    assert!(!found.iter().any(|f| f.0 == "base.yaml"), "{found:?}");
    let v004 = &doc["files"][2]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "V004")
        .unwrap()["message"];
    assert!(
        v004.as_str().unwrap().contains(
            "base.yaml:5 is replaced by `--set persistence.outputs.out.mountPath=outputs`"
        ),
        "{v004}"
    );
}

#[test]
fn a_null_in_a_later_layer_deletes_and_says_so() {
    let base = write("layers-b", "base.yaml", BASE);
    let prod = write(
        "layers-b",
        "prod.yaml",
        "persistence:\n  outputs:\n    out:\n      hostPath: null\n",
    );
    let (code, doc) = json(&["--format", "json", "-f", &base, "-f", &prod]);
    assert_eq!(code, Some(1));
    let v001 = doc["files"][1]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "T002")
        .expect("no source left: T002 in prod.yaml, at the null");
    assert_eq!(v001["line"], 4);
    assert!(
        v001["message"]
            .as_str()
            .unwrap()
            .contains("base.yaml:4 is removed by "),
        "{v001}"
    );
}

#[test]
fn a_partial_layer_is_clean_merged_and_marked_layer_of_on_its_own() {
    let partial = "persistence:\n  outputs:\n    out:\n      readOnly: false\n";
    write("layers-c", "values.yaml", BASE);
    let alone = write("layers-c", "alone.yaml", partial);
    let marked = write(
        "layers-c",
        "values-prod.yaml",
        &format!("# storage-check: layer-of=values.yaml\n{partial}"),
    );
    let (code, doc) = json(&["--format", "json", &alone]);
    assert_eq!(
        (code, problems(&doc).iter().any(|p| p.1 == "V001")),
        (Some(1), true)
    );
    let (code, doc) = json(&["--format", "json", &marked]);
    assert_eq!(code, Some(0), "{doc}");
    assert_eq!(problems(&doc), vec![]);
    // A base that is not there: said on stderr, the file checked alone.
    let lost = write(
        "layers-c",
        "values-lost.yaml",
        &format!("# storage-check: layer-of=nope.yaml\n{partial}"),
    );
    let out = run(&["--format", "json", &lost]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("layer-of: "),
        "{out:?}"
    );
}

#[test]
fn fix_writes_each_layer_it_belongs_to() {
    let base = write("layers-d", "base.yaml", BASE);
    let prod_text =
        "# prod\npersistence:\n  outputs:\n    out:\n      existingclaim: outputs-pvc\n";
    let prod = write("layers-d", "prod.yaml", prod_text);
    let out = run(&["--fix", "-f", &base, "-f", &prod, "--color", "never"]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("prod.yaml: applied"),
        "{out:?}"
    );
    assert_eq!(std::fs::read_to_string(&base).unwrap(), BASE);
    assert_eq!(
        std::fs::read_to_string(&prod).unwrap(),
        prod_text.replace("existingclaim", "existingClaim")
    );
}

#[test]
fn what_helm_refuses_is_unusable_input() {
    let base = write("layers-e", "base.yaml", "persistence: outputs\n");
    for args in [
        vec!["--set", "persistence"],
        vec!["-f", &base, "--set", "persistence.outputs.x=1"],
        vec!["--set-json", "a={\"b\":"],
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("storage-check: "),
            "{out:?}"
        );
    }
    // FILE... and -f are two ways of checking: not both at once.
    let out = run(&[&base, "-f", &base]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn values_prints_what_helm_merges() {
    let base = write("layers-f", "base.yaml", "a:\n  b: 1\n  c: [1, 2]\n");
    let file = write("layers-f", "payload.txt", "from a file\n");
    let out = run(&[
        "values",
        "-f",
        &base,
        "--set",
        "a.c[1]=x,a.d=yes",
        "--set-string",
        "a.e=1",
        "--set-file",
        &format!("a.f={file}"),
        "--set-json",
        "a.g={\"h\":null}",
    ]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v,
        serde_json::json!({"a": {"b": 1, "c": [1, "x"], "d": "yes", "e": "1", "f": "from a file\n", "g": {"h": null}}})
    );
}

#[test]
fn a_finding_about_an_entry_names_what_a_later_layer_deleted_in_it() {
    let base = write("layers-g", "values.yaml", BASE);
    let prod = write("layers-g", "values-prod.yaml", "persistence:\n  outputs:\n    out:\n      hostPath: null\n      existingClaim: outputs-pvc\n");
    let out = run(&["--color", "never", "-f", &base, "-f", &prod]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let d002 = stdout.lines().find(|l| l.contains("[D002]")).expect("D002");
    assert!(d002.contains("(`hostPath` from "), "{d002}");
    assert!(d002.contains("values.yaml:4 is removed by "), "{d002}");
    assert!(!stdout.contains("``"), "{stdout}");
}

/// `map -f ... --set ...`: the merged deployment's map (a null deleting the base's host
/// path, the claim from prod, `readOnly` from `--set`), named by its layers; a file and
/// layers together is a usage error.
#[test]
fn map_shows_what_the_merged_layers_mount() {
    let base = write("layers-map", "base.yaml", BASE);
    let prod = write(
        "layers-map",
        "prod.yaml",
        "persistence:\n  outputs:\n    out:\n      hostPath: null\n      existingClaim: outputs-pvc\n",
    );
    let set = "persistence.outputs.out.readOnly=true";
    let (code, doc) = json(&[
        "map", "-f", &base, "-f", &prod, "--set", set, "--format", "json",
    ]);
    assert_eq!(code, Some(0), "{doc}");
    let out: Vec<_> = doc["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .filter(|r| r["entry"] == "out")
        .map(|r| {
            (
                r["source"]["kind"].clone(),
                r["source"]["claim"].clone(),
                r["read_only"].clone(),
            )
        })
        .collect();
    let claim = serde_json::json!("outputs-pvc");
    assert_eq!(
        out,
        [
            ("claim".into(), claim.clone(), false.into()),
            ("claim".into(), claim, true.into())
        ],
        "{doc}"
    );
    assert_eq!(doc["chart_basis"]["by"], "keys");
    let human = run(&["map", "-f", &base, "-f", &prod, "--set", set]);
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(
        text.starts_with(&format!("{base} + {prod} + --set {set}: chart v0")),
        "{text}"
    );
    assert_eq!(run(&["map", &base, "-f", &prod]).status.code(), Some(2));
}
