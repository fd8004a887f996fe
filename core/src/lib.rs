//! storage-core: the model of Polyaxon's storage settings in a Helm values.yaml, the rules
//! that check them, and the fixes that correct them without touching anything else.
//!
//! ```
//! use storage_core::{check, Options};
//! let report = check("persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n", &Options::default());
//! assert!(report.findings.iter().any(|f| f.code == "V001"));
//! ```
//!
//! Everything here is pure: no I/O, no printing, no panics on any input.

#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod chart;
pub mod check;
pub mod cluster;
pub mod diff;
pub mod directive;
pub mod edit;
pub mod finding;
pub mod form;
pub mod layers;
pub mod map;
pub mod migrate;
pub mod options;
pub mod order;
pub mod rules;
pub mod secrets;
pub mod source;
pub mod storage;
pub mod text;
pub mod wire;
pub mod yaml;

// The one edit path lives in `edit/`; its two most used modules keep their old paths.
pub use check::{
    analyze, analyze_in, check, check_in, fix_all, Analysis, FixAll, FixOutcome, Report, Skipped,
};
pub use edit::{fix, layout};
pub use finding::{Detail, Finding, LocatedFinding, MigrationDetail, Severity};
pub use fix::{apply, apply_with, Applicability, Applied, ApplyError, Edit, Fix};
pub use options::{Chart, ChartChoice, Edition, Options, Topology};
