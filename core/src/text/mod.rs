//! Small pure helpers on strings: Kubernetes names, "did you mean", bucket URLs, YAML quoting.

pub mod bucket;
pub mod names;
pub mod quote;
pub mod suggest;
