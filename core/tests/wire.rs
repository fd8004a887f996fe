//! The wire format the page's worker posts its analysis in: what is decoded equals what
//! was encoded, on every fixture under every option, and no input makes `decode` panic.

mod common;

use std::path::Path;

use proptest::prelude::*;
use storage_core::map::Source;
use storage_core::options::{ChartChoice, Edition, Topology};
use storage_core::{analyze, wire, Analysis, Detail, Options};

/// Every values file under `tests/fixtures` (goldens and generators left out).
fn fixtures() -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<(String, String)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.expect("dir entry").path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, out);
            } else if matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("yaml" | "yml")
            ) {
                let text = std::fs::read_to_string(&path).expect("fixture text");
                out.push((path.display().to_string(), text));
            }
        }
    }
    let mut out = Vec::new();
    walk(&common::fixture_path(""), &mut out);
    out
}

fn every_options() -> Vec<Options> {
    let mut all = Vec::new();
    for chart in [ChartChoice::Auto, ChartChoice::V0, ChartChoice::V1] {
        for topology in [Topology::Unknown, Topology::SingleNode, Topology::MultiNode] {
            for edition in [Edition::Community, Edition::Enterprise] {
                all.push(Options {
                    chart,
                    topology,
                    edition,
                    ..Options::default()
                });
            }
        }
    }
    all
}

#[test]
fn every_fixture_under_every_option_decodes_to_what_was_encoded() {
    let files = fixtures();
    assert!(files.len() > 20, "found only {} fixtures", files.len());
    // What the fixtures put through the format, so that a part no fixture reaches is
    // not believed tested.
    let (mut secrets, mut optional_keys, mut migrations, mut fixes, mut defaults) = (0, 0, 0, 0, 0);
    let (mut buckets, mut claims, mut pods) = (0, 0, std::collections::HashSet::new());
    for (name, text) in &files {
        for options in every_options() {
            let analysis = analyze(text, &options);
            let bytes = wire::encode(&analysis);
            assert_eq!(
                wire::decode(&bytes).as_ref(),
                Some(&analysis),
                "{name} under {options:?}"
            );
            for f in &analysis.report.findings {
                match &f.detail {
                    Some(Detail::Secret(help)) => {
                        secrets += 1;
                        optional_keys += help.optional_keys.len();
                    }
                    Some(Detail::Migration(_)) => migrations += 1,
                    None => {}
                }
                fixes += usize::from(f.fix.is_some());
            }
            defaults += analysis
                .cards
                .iter()
                .flat_map(|c| &c.fields)
                .filter(|f| f.default.is_some())
                .count();
            for row in &analysis.map.rows {
                pods.insert(format!("{:?}", row.pods));
                match row.source {
                    Source::Bucket { .. } => buckets += 1,
                    Source::Claim { .. } => claims += 1,
                    _ => {}
                }
            }
        }
    }
    for (what, n) in [
        ("Secret details", secrets),
        ("optional Secret keys", optional_keys),
        ("migrations", migrations),
        ("fixes", fixes),
        ("card defaults", defaults),
        ("bucket rows", buckets),
        ("claim rows", claims),
    ] {
        assert!(n > 0, "no fixture put {what} through the format");
    }
    assert_eq!(pods.len(), 6, "pod groups seen: {pods:?}");
}

fn broken_example() -> (Analysis, Vec<u8>) {
    let text = common::fixture("examples/broken.yaml");
    let analysis = analyze(&text, &Options::default());
    let bytes = wire::encode(&analysis);
    (analysis, bytes)
}

#[test]
fn a_cut_or_lengthened_encoding_is_refused() {
    let (_, bytes) = broken_example();
    for len in 0..bytes.len() {
        assert_eq!(
            wire::decode(&bytes[..len]),
            None,
            "cut at {len} of {}",
            bytes.len()
        );
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert_eq!(wire::decode(&longer), None);
}

#[test]
fn lengths_beyond_the_input_and_numbers_beyond_usize_are_refused() {
    // A list of findings claiming 2^63 items, and a number of eleven 0xff bytes.
    let huge_len = [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01];
    assert_eq!(wire::decode(&huge_len), None);
    assert_eq!(wire::decode(&[0xff; 11]), None);
    // A string that is not UTF-8 where a message goes is refused, not read lossily.
    let (analysis, bytes) = broken_example();
    let message = analysis.report.findings[0].message.as_bytes();
    let at = bytes
        .windows(message.len())
        .position(|w| w == message)
        .expect("the first message is in the bytes");
    let mut bad = bytes.clone();
    bad[at] = 0xff;
    assert_eq!(wire::decode(&bad), None);
}

#[test]
fn a_rule_past_the_catalogue_is_refused() {
    let (analysis, bytes) = broken_example();
    // The number of findings (one byte: fewer than 128), then the first one's rule.
    assert!(analysis.report.findings.len() < 128);
    let rule = storage_core::rules::all()
        .position(|r| r.code == analysis.report.findings[0].code)
        .expect("a catalogued rule");
    assert_eq!(usize::from(bytes[1]), rule);
    let mut bad = bytes.clone();
    bad[1] = 127;
    assert_eq!(wire::decode(&bad), None);
}

#[test]
fn a_number_written_longer_than_needed_is_refused() {
    let (analysis, bytes) = broken_example();
    let n = analysis.report.findings.len();
    assert!(n < 128 && usize::from(bytes[0]) == n);
    // The same count in two bytes: 0x80 | n, then 0.
    let mut longer = vec![0x80 | bytes[0], 0];
    longer.extend_from_slice(&bytes[1..]);
    assert_eq!(wire::decode(&longer), None);
}

/// Encodings of a few real files, made once: the material the mutations start from.
fn encodings() -> &'static [Vec<u8>] {
    static ENCODINGS: std::sync::OnceLock<Vec<Vec<u8>>> = std::sync::OnceLock::new();
    ENCODINGS.get_or_init(|| {
        [
            "examples/broken.yaml",
            "examples/s3.yaml",
            "examples/v1.yaml",
            "corpus/examples-gke-claims.yaml",
            "docs/terraform-gcs.yaml",
        ]
        .iter()
        .map(|rel| wire::encode(&analyze(&common::fixture(rel), &Options::default())))
        .collect()
    })
}

proptest! {
    #[test]
    fn any_bytes_decode_without_panicking(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = wire::decode(&bytes);
    }

    /// A real encoding with a byte changed, inserted or removed: decoding may succeed (a
    /// changed flag is still an encoding) but never panics.
    #[test]
    fn a_mutated_encoding_never_panics(
        file in any::<prop::sample::Index>(),
        at in any::<prop::sample::Index>(),
        byte in any::<u8>(),
        how in 0..3u8,
    ) {
        let mut bytes = file.get(encodings()).clone();
        let i = at.index(bytes.len());
        match how {
            0 => bytes[i] = byte,
            1 => bytes.insert(i, byte),
            _ => {
                bytes.remove(i);
            }
        }
        let _ = wire::decode(&bytes);
    }
}

/// A cluster snapshot's facts cross to the worker whole, and an analysis made against
/// them (the map's cluster column, N findings, the node count) round-trips too.
#[test]
fn a_cluster_and_an_analysis_against_it_round_trip() {
    let snapshot = include_str!("../src/rules/cluster/snapshots/cluster.json");
    let cluster = storage_core::cluster::read(snapshot).expect("reads");
    let bytes = wire::encode_cluster(&cluster);
    assert_eq!(wire::decode_cluster(&bytes), Some(cluster.clone()));
    assert_eq!(wire::decode_cluster(&bytes[..bytes.len() - 1]), None);
    let text = "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: outputs-nsf\n";
    let analysis = storage_core::analyze_in(text, &Options::default(), Some(&cluster));
    assert!(analysis.report.findings.iter().any(|f| f.code == "N001"));
    assert_eq!(analysis.report.nodes, Some(3));
    assert!(analysis.map.rows.iter().any(|r| r.cluster.is_some()));
    assert_eq!(wire::decode(&wire::encode(&analysis)), Some(analysis));
}
