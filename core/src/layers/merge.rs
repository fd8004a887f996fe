//! Helm's merging of values files, `-f` after `-f` (`loader.MergeMaps`, helm v4.2.3
//! `pkg/chart/v2/loader/load.go`): a mapping over a mapping merges key by key; anything else
//! (a list, a scalar, `null`, a mapping over a non-mapping) replaces. A `null` stays in the
//! merged values: the chart's coalescing deletes the key later (the checker reads it so).
//!
//! Each value a later layer replaces is remembered ([`Shadow`]), so a finding can say what
//! an earlier layer wrote there.

use std::collections::HashMap;

use super::tree::{Node, Origin, Value};

/// A value of an earlier layer that a later one replaced (or deleted with `null`). Found
/// for a finding by its places, not by a path: a path per replaced value would cost more
/// than the merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shadow {
    /// Where the later layer wrote the key (`None` for a list item a `--set` replaced).
    pub key: Option<Origin>,
    /// The earlier value's place.
    pub was: Origin,
    /// The later value's place.
    pub by: Origin,
    /// The later value is `null`: the key is gone once the chart's values are coalesced.
    pub deleted: bool,
}

/// `upper` merged over `base` as `MergeMaps(base, upper)` does; replaced values go to
/// `shadows`.
pub(crate) fn merge<'a>(
    base: Node<'a>,
    upper: Node<'a>,
    key: Option<Origin>,
    shadows: &mut Vec<Shadow>,
) -> Node<'a> {
    match (base.value, upper.value) {
        (Value::Map(mut entries), Value::Map(over)) => {
            // Small mappings (nearly all) are searched; a large one gets an index.
            let mut at: Option<HashMap<std::borrow::Cow<'a, str>, usize>> = (entries.len() > 16)
                .then(|| {
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
                        let mut entry = entry;
                        let old = std::mem::replace(&mut entries[i].node, placeholder());
                        let new = std::mem::replace(&mut entry.node, placeholder());
                        let node = merge(old, new, Some(entry.key_origin), shadows);
                        // The key as the later layer wrote it: that is where it is set now.
                        entry.node = node;
                        entries[i] = entry;
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
                key,
                was: base.origin,
                by: upper.origin,
                deleted: upper.is_null(),
            });
            drop(old);
            upper
        }
    }
}

fn placeholder() -> Node<'static> {
    Node {
        value: Value::List(Vec::new()),
        origin: Origin {
            layer: 0,
            span: Default::default(),
        },
    }
}
