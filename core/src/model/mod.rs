//! Typed views of the storage sections, and which chart generation a file is for.

pub mod v0;
pub mod v1;

use crate::options::{Chart, ChartChoice};
use crate::yaml::Document;

/// Top-level keys that only the v1+ chart reads.
pub const V1_KEYS: [&str; 2] = ["artifactsStore", "connections"];

/// The chart the file is written for: v1+ when it has `artifactsStore` or `connections`.
pub fn detect_chart(doc: &Document) -> Chart {
    let v1 = doc
        .root()
        .is_some_and(|root| V1_KEYS.iter().any(|k| doc.get(root, k).is_some()));
    if v1 {
        Chart::V1
    } else {
        Chart::V0
    }
}

/// The chart a check runs for: the user's explicit choice, or what the file says.
pub fn decide_chart(doc: &Document, choice: ChartChoice) -> Chart {
    match choice {
        ChartChoice::V0 => Chart::V0,
        ChartChoice::V1 => Chart::V1,
        ChartChoice::Auto => detect_chart(doc),
    }
}
