//! YAML with a span on every node, loaded under limits.

mod load;
pub mod path;
pub mod template;
mod tree;
mod walk;

pub use load::{load, Limits, LoadError};
pub use path::YamlPath;
pub(crate) use tree::looks_like_float;
pub use tree::{Document, Node, NodeId, NodeKind, Pair, Reader, Scalar, ScalarStyle, ScalarType};
pub use walk::{walk, Aliases, Segment, Step};
