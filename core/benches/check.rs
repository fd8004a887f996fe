//! `cargo bench -p storage-core` (divan): check and fix on real and generated files.
//! Figures and the machine they were measured on: BENCHMARKS.md.

use divan::counter::BytesCount;
use divan::{black_box, Bencher};
use storage_core::{analyze, check, fix_all, wire, Options};

fn main() {
    divan::main();
}

fn fixture(rel: &str) -> String {
    let path = format!("{}/../tests/fixtures/{rel}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The chart 0.6.1 default values file (543 lines).
#[divan::bench]
fn check_chart_061_values(bencher: Bencher) {
    let text = fixture("corpus/chart-0.6.1-values.yaml");
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| check(black_box(&text), &Options::default()));
}

/// A generated 10,000-line file with 300 outputs/data entries.
#[divan::bench]
fn check_10k_lines_300_entries(bencher: Bencher) {
    let text = fixture("generated/values-10k.yaml");
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| check(black_box(&text), &Options::default()));
}

/// Issue 22: three layers, each the whole 10,000-line file (every value of the first two
/// replaced by the next: the most merging and the most shadows), merged as Helm merges
/// `-f a -f b -f c` and checked; at most 3x `check_10k_lines_300_entries`.
#[divan::bench]
fn check_three_layers_of_10k_lines(bencher: Bencher) {
    use storage_core::layers::{check_layers, Layer};
    let text = fixture("generated/values-10k.yaml");
    let layers: Vec<Layer> = ["base.yaml", "staging.yaml", "prod.yaml"]
        .iter()
        .map(|name| Layer::file(*name, text.clone()))
        .collect();
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| check_layers(black_box(&layers), &Options::default(), None, None));
}

/// What bounds the whole check (issue 24): the 10,000-line file read into our tree (saphyr's
/// parse, spans, keys, limits) and saphyr-parser's events alone, with nothing kept. The
/// second is the floor any check built on saphyr-parser pays.
/// Issue 21: the same file against a cluster snapshot (the N rules, the nodes deciding
/// the topology, the map's cluster column); at most 2x `check_10k_lines_300_entries`.
#[divan::bench]
fn check_10k_lines_against_a_cluster(bencher: Bencher) {
    let text = fixture("generated/values-10k.yaml");
    let cluster =
        storage_core::cluster::read(include_str!("../src/rules/cluster/snapshots/cluster.json"))
            .expect("the snapshot reads");
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| storage_core::check_in(black_box(&text), &Options::default(), Some(&cluster)));
}

#[divan::bench]
fn load_10k_lines(bencher: Bencher) {
    let text = fixture("generated/values-10k.yaml");
    bencher.counter(BytesCount::of_str(&text)).bench(|| {
        storage_core::yaml::load(black_box(&text), &storage_core::yaml::Limits::default()).is_ok()
    });
}

/// See [`load_10k_lines`].
#[divan::bench]
fn saphyr_events_10k_lines(bencher: Bencher) {
    let text = fixture("generated/values-10k.yaml");
    bencher.counter(BytesCount::of_str(&text)).bench(|| {
        let mut parser = saphyr_parser::Parser::new_from_str(black_box(&text));
        let mut events = 0usize;
        while let Some(Ok(_)) = parser.next_event() {
            events += 1;
        }
        events
    });
}

/// The page's worker hands its analysis over as bytes: what encoding it costs the worker
/// and decoding it costs the page's thread, for the 10,000-line file.
#[divan::bench]
fn wire_encode_10k_lines(bencher: Bencher) {
    let analysis = analyze(&fixture("generated/values-10k.yaml"), &Options::default());
    let len = wire::encode(&analysis).len();
    bencher
        .counter(BytesCount::new(len))
        .bench(|| wire::encode(black_box(&analysis)));
}

#[divan::bench]
fn wire_decode_10k_lines(bencher: Bencher) {
    let analysis = analyze(&fixture("generated/values-10k.yaml"), &Options::default());
    let bytes = wire::encode(&analysis);
    bencher
        .counter(BytesCount::new(bytes.len()))
        .bench(|| wire::decode(black_box(&bytes)));
}

/// Every safe fix of the page's broken example, re-checked until none is left.
#[divan::bench]
fn fix_all_broken_example(bencher: Bencher) {
    let text = fixture("examples/broken.yaml");
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| fix_all(black_box(&text), &Options::default()));
}

#[path = "../tests/common/generate.rs"]
mod generate;

use generate::entries;

/// Many distinct entries: check, then every safe fix.
#[divan::bench(args = [1_000, 4_000, 16_000])]
fn check_many_entries(bencher: Bencher, n: usize) {
    let text = entries(n);
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| check(black_box(&text), &Options::default()));
}

#[divan::bench(args = [1_000, 4_000])]
fn fix_all_many_entries(bencher: Bencher, n: usize) {
    let text = entries(n);
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| fix_all(black_box(&text), &Options::default()));
}
