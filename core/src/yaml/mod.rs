//! YAML with a span on every node, loaded under limits.

mod load;
mod tree;

pub use load::{load, Limits, LoadError};
pub(crate) use tree::looks_like_float;
pub use tree::{Document, Node, NodeId, NodeKind, Pair, Scalar, ScalarStyle, ScalarType};
