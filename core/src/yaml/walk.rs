//! The one walk over a document's tree: depth first, in document order, without recursion
//! (the loader bounds the size; a walk's own stack must not depend on the depth).

use std::rc::Rc;

use super::path::YamlPath;
use super::tree::{Document, NodeId, NodeKind, Pair};

/// Where a visited node sits in its parent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segment<'d> {
    /// One of the nodes the walk started from.
    Start,
    /// The value of `key` in a mapping.
    Key(&'d str),
    /// The item at this index of a list.
    Index(usize),
}

/// One visited node.
#[derive(Debug, Clone)]
pub struct Step<'d> {
    /// The node (a mapping value, a list item, or a start node).
    pub node: NodeId,
    /// The `key: value` pair, when the node is a mapping value.
    pub pair: Option<Pair>,
    /// Where it sits in its parent.
    pub segment: Segment<'d>,
    parent: Rc<YamlPath>,
}

impl Step<'_> {
    /// The node's path. Built on demand: a walk over a large file builds paths only for
    /// the containers it descends into and the nodes a visitor asks about.
    pub fn path(&self) -> YamlPath {
        match self.segment {
            Segment::Start => (*self.parent).clone(),
            Segment::Key(key) => self.parent.child(key),
            Segment::Index(i) => self.parent.item(i),
        }
    }
}

/// Whether a walk follows aliases into what they name (as Helm's expanded values do).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aliases {
    /// Stop at an alias.
    Stop,
    /// Walk the anchored node under the alias's path (bounded by the loader's expansion limit).
    Follow,
}

/// Visits every node under `starts` (each with its path), in document order; the
/// children of a container are visited when `visit` returns true for it.
pub fn walk<'d>(
    doc: &'d Document,
    starts: impl IntoIterator<Item = (NodeId, YamlPath)>,
    aliases: Aliases,
    mut visit: impl FnMut(&Step<'d>) -> bool,
) {
    let starts: Vec<(NodeId, YamlPath)> = starts.into_iter().collect();
    // One copy of the loop for every caller (the page's WebAssembly pays per copy).
    walk_dyn(doc, starts, aliases, &mut visit);
}

fn walk_dyn<'d>(
    doc: &'d Document,
    starts: Vec<(NodeId, YamlPath)>,
    aliases: Aliases,
    visit: &mut dyn FnMut(&Step<'d>) -> bool,
) {
    let mut stack: Vec<Step<'d>> = starts
        .into_iter()
        .map(|(node, path)| Step {
            node,
            pair: None,
            segment: Segment::Start,
            parent: Rc::new(path),
        })
        .collect();
    stack.reverse();
    while let Some(step) = stack.pop() {
        if !visit(&step) {
            continue;
        }
        let node = match aliases {
            Aliases::Follow => doc.resolve(step.node),
            Aliases::Stop => doc.node(step.node),
        };
        match node.map(|n| &n.kind) {
            Some(NodeKind::Mapping(pairs)) if !pairs.is_empty() => {
                let parent = Rc::new(step.path());
                for pair in pairs.iter().rev() {
                    stack.push(Step {
                        node: pair.value,
                        pair: Some(*pair),
                        segment: Segment::Key(doc.key_str(pair.key).unwrap_or("?")),
                        parent: parent.clone(),
                    });
                }
            }
            Some(NodeKind::Sequence(items)) if !items.is_empty() => {
                let parent = Rc::new(step.path());
                for (i, item) in items.iter().enumerate().rev() {
                    stack.push(Step {
                        node: *item,
                        pair: None,
                        segment: Segment::Index(i),
                        parent: parent.clone(),
                    });
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::{load, Limits};

    #[test]
    fn visits_in_document_order_with_paths() {
        let doc = load("a:\n  b: 1\n  c: [x, y]\nd: 2\n", &Limits::default()).unwrap();
        let mut seen = Vec::new();
        let root = doc.root().unwrap();
        walk(&doc, [(root, YamlPath::root())], Aliases::Stop, |step| {
            seen.push(step.path().to_string());
            true
        });
        assert_eq!(seen, ["", "a", "a.b", "a.c", "a.c.0", "a.c.1", "d"]);
    }

    #[test]
    fn a_visitor_can_prune() {
        let doc = load("a:\n  b: 1\nc: 2\n", &Limits::default()).unwrap();
        let mut seen = Vec::new();
        walk(
            &doc,
            [(doc.root().unwrap(), YamlPath::root())],
            Aliases::Stop,
            |step| {
                seen.push(step.path().to_string());
                step.segment != Segment::Key("a")
            },
        );
        assert_eq!(seen, ["", "a", "c"]);
    }
}
