//! storage-core: the model of Polyaxon's storage settings in a Helm values.yaml, the rules
//! that check them, and the fixes that correct them without touching anything else.
//!
//! Everything here is pure: no I/O, no printing, no panics on any input.

pub mod source;
pub mod yaml;
