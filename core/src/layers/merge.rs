//! Helm's merging of values files, `-f` after `-f` (`loader.MergeMaps`, helm v4.2.3
//! `pkg/chart/v2/loader/load.go`): a mapping over a mapping merges key by key; anything else
//! (a list, a scalar, `null`, a mapping over a non-mapping) replaces. A `null` stays in the
//! merged values: the chart's coalescing deletes the key later (the checker reads it so).
//!
//! Each value a later layer replaces is remembered ([`Shadow`]), so a finding can say what
//! an earlier layer wrote there.

use std::collections::HashMap;

use super::tree::{Entry, Node, Origin, Value};
use crate::yaml::YamlPath;

/// A value of an earlier layer that a later one replaced (or deleted with `null`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shadow {
    /// Where in the values.
    pub path: YamlPath,
    /// The earlier value's place.
    pub was: Origin,
    /// The later value's place.
    pub by: Origin,
    /// The later value is `null`: the key is gone once the chart's values are coalesced.
    pub deleted: bool,
}

/// The keys down to a value, made into a [`YamlPath`] only for a value that is replaced
/// (most merged values are not: a path per key would cost more than the merge).
pub(crate) struct Trail<'a> {
    pub parent: Option<&'a Trail<'a>>,
    pub key: &'a str,
}

impl Trail<'_> {
    pub const ROOT: Trail<'static> = Trail {
        parent: None,
        key: "",
    };

    pub fn path(&self) -> YamlPath {
        match self.parent {
            None => YamlPath::root(),
            Some(parent) => parent.path().child(self.key),
        }
    }
}

/// `upper` merged over `base` as `MergeMaps(base, upper)` does; replaced values go to
/// `shadows`.
pub(crate) fn merge(base: Node, upper: Node, path: &Trail<'_>, shadows: &mut Vec<Shadow>) -> Node {
    match (base.value, upper.value) {
        (Value::Map(mut entries), Value::Map(over)) => {
            // Small mappings (nearly all) are searched; a large one gets an index.
            let mut at: Option<HashMap<String, usize>> = (entries.len() > 16).then(|| {
                entries
                    .iter()
                    .enumerate()
                    .map(|(i, e)| (e.key.clone(), i))
                    .collect()
            });
            for entry in over {
                let found = match &at {
                    Some(at) => at.get(&entry.key).copied(),
                    None => entries.iter().position(|e| e.key == entry.key),
                };
                match found {
                    Some(i) => {
                        let Entry {
                            key,
                            key_text,
                            key_origin,
                            key_verbatim,
                            node,
                        } = entry;
                        let old = std::mem::replace(&mut entries[i].node, placeholder());
                        let trail = Trail {
                            parent: Some(path),
                            key: &key,
                        };
                        let node = merge(old, node, &trail, shadows);
                        // The key as the later layer wrote it: that is where it is set now.
                        entries[i] = Entry {
                            key,
                            key_text,
                            key_origin,
                            key_verbatim,
                            node,
                        };
                    }
                    None => {
                        if let Some(at) = &mut at {
                            at.insert(entry.key.clone(), entries.len());
                        }
                        entries.push(entry);
                    }
                }
            }
            // The mapping stands where the later layer writes it.
            Node {
                value: Value::Map(entries),
                origin: upper.origin,
            }
        }
        (old, new) => {
            let upper = Node {
                value: new,
                origin: upper.origin,
            };
            shadows.push(Shadow {
                path: path.path(),
                was: base.origin,
                by: upper.origin,
                deleted: upper.is_null(),
            });
            drop(old);
            upper
        }
    }
}

fn placeholder() -> Node {
    Node {
        value: Value::List(Vec::new()),
        origin: Origin {
            layer: 0,
            span: Default::default(),
        },
    }
}
