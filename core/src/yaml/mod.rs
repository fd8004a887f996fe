//! YAML with a span on every node, loaded under limits.

mod load;
mod tree;

pub use load::{load, Limits, LoadError};
pub use tree::{Document, Node, NodeId, NodeKind, Pair, Scalar, ScalarStyle, ScalarType};
