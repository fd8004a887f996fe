//! The options as words, `v1,multi-node,community`: how the page keeps them in the
//! browser's storage and hands them to the checker's worker.

use storage_core::options::{ChartChoice, Edition, Options, Topology};

/// `chart,topology,edition`.
pub fn of(o: &Options) -> String {
    format!(
        "{},{},{}",
        o.chart.as_str(),
        o.topology.as_str(),
        o.edition.as_str()
    )
}

/// The options in `words` ([`of`]); a missing or unknown word keeps its default.
pub fn options(words: &str) -> Options {
    let mut words = words.split(',');
    let mut options = Options::default();
    if let Some(c) = words.next().and_then(|w| w.parse::<ChartChoice>().ok()) {
        options.chart = c;
    }
    if let Some(t) = words.next().and_then(|w| w.parse::<Topology>().ok()) {
        options.topology = t;
    }
    if let Some(e) = words.next().and_then(|w| w.parse::<Edition>().ok()) {
        options.edition = e;
    }
    options
}
