//! Layered values: `-f base.yaml -f prod.yaml --set ...` merged as Helm merges them, checked
//! as one deployment, each finding placed in the layer that set the winning value.
//!
//! The layers are read into trees that keep each value's origin (`tree.rs`), merged in
//! Helm's order (`merge.rs` for files, `set.rs` for `--set` and its kin), and written out as
//! one YAML text (`render.rs`) that the ordinary check reads: the chart's defaults and every
//! rule apply to the merged values exactly as to one file. The findings are then placed back:
//! a key or scalar at the bytes the layer wrote it, anything else at the value its path
//! names; a value a later layer replaced or deleted is named in the message; a fix whose
//! edits all fall inside bytes one layer wrote is moved there, any other fix is dropped
//! (it would be made in a text nobody edits).

#[cfg(feature = "set")]
mod json;
mod merge;
mod render;
mod set;
#[cfg(feature = "set")]
mod strvals;
mod tree;

pub use merge::Shadow;
pub use set::{ReadFile, SetFlag};
pub use tree::Origin;

use crate::check::Report;
use crate::cluster::Cluster;
use crate::finding::Finding;
use crate::fix::{Edit, Fix};
use crate::options::Options;
use crate::source::{LineIndex, Span};
use render::{Placed, Rendered};
use tree::{Leaf, Node, Value};

/// One layer: a values file, or one `--set`-like argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layer {
    /// How it is named in messages: the file's name, or the flag and its argument.
    pub name: String,
    /// The file's text, or the argument (`a.b=c,d=e`).
    pub text: String,
    /// `None` for a file.
    pub set: Option<SetFlag>,
}

impl Layer {
    /// A values file.
    pub fn file(name: impl Into<String>, text: impl Into<String>) -> Self {
        Layer {
            name: name.into(),
            text: text.into(),
            set: None,
        }
    }

    /// A `--set`, `--set-string`, `--set-json` or `--set-file` argument.
    pub fn set(flag: SetFlag, expr: impl Into<String>) -> Self {
        let text = expr.into();
        Layer {
            name: format!("{} {text}", flag.as_str()),
            text,
            set: Some(flag),
        }
    }

    /// Where Helm applies it: files in their order, then each `--set` kind in its turn.
    fn rank(&self) -> u8 {
        self.set.map_or(0, |flag| 1 + flag.rank())
    }
}

/// The layers merged: the text the checker reads, and where each part came from.
#[derive(Debug, Clone)]
pub struct Merged {
    /// The merged values as one YAML text.
    pub text: String,
    /// Values an earlier layer wrote that a later one replaced or deleted.
    pub shadows: Vec<Shadow>,
    rendered: Rendered,
    /// `shadows` by the place of the later value, and those that delete, the same way: a
    /// finding's are found by a search, not a pass over every replaced value.
    shadow_order: Vec<usize>,
    deleted_order: Vec<usize>,
}

/// Why the layers cannot be merged: a layer that is not a mapping of values, or a `--set`
/// Helm refuses. Helm stops there too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayerError {
    /// The layer (index in the order given).
    pub layer: usize,
    /// What is wrong, as Helm would say it where it can.
    pub message: String,
}

/// Merges `layers` in Helm's order. `read_file` reads what a `--set-file` names.
pub fn merge(
    layers: &[Layer],
    options: &Options,
    read_file: Option<ReadFile<'_>>,
) -> Result<Merged, LayerError> {
    let mut order: Vec<usize> = (0..layers.len()).collect();
    order.sort_by_key(|&i| layers[i].rank());
    // Every file read first: the merged tree borrows their keys and scalars.
    let mut docs: Vec<Option<crate::yaml::Document>> = Vec::with_capacity(layers.len());
    for (i, layer) in layers.iter().enumerate() {
        docs.push(match layer.set {
            None => Some(
                crate::yaml::load(&layer.text, &options.limits).map_err(|e| LayerError {
                    layer: i,
                    message: format!("{}: {e}", layer.name),
                })?,
            ),
            Some(_) => None,
        });
    }
    let sources: Vec<Option<tree::Source<'_>>> = docs
        .iter()
        .zip(layers)
        .map(|(doc, layer)| {
            doc.as_ref().map(|doc| tree::Source {
                doc,
                text: &layer.text,
            })
        })
        .collect();
    let mut root: Option<Node<'_>> = None;
    let mut shadows = Vec::new();
    for i in order {
        let layer = &layers[i];
        let fail = |message: String| LayerError { layer: i, message };
        let over = match (layer.set, &sources[i]) {
            (None, Some(source)) => {
                let node = tree::from_document(source, i).map_err(|_| {
                    fail(format!(
                        "{}: too large once its aliases are expanded",
                        layer.name
                    ))
                })?;
                let Some(node) = node else { continue };
                if !node.is_map() {
                    // Helm: "cannot unmarshal ... into Go value of type map[string]interface {}".
                    return Err(fail(format!(
                        "{}: the values must be a mapping of keys, not a single value or a list",
                        layer.name
                    )));
                }
                node
            }
            (Some(_), _) => {
                set::apply(layer, i, &mut root, read_file, &mut shadows).map_err(fail)?;
                continue;
            }
            (None, None) => continue,
        };
        root = Some(match root.take() {
            Some(base) => merge::merge(base, over, None, &mut shadows),
            None => over,
        });
    }
    let root = root.unwrap_or(Node {
        value: Value::Leaf(Box::new(Leaf::plain("null"))),
        origin: Origin {
            layer: 0,
            span: Span::default(),
        },
    });
    let rendered = render::render(&root);
    let by_place = |order: &mut Vec<usize>| {
        order.sort_unstable_by_key(|&s| {
            let by = shadows[s].by;
            (by.layer, by.span.start, by.span.end)
        })
    };
    let mut shadow_order: Vec<usize> = (0..shadows.len()).collect();
    by_place(&mut shadow_order);
    let mut deleted_order: Vec<usize> =
        (0..shadows.len()).filter(|&s| shadows[s].deleted).collect();
    by_place(&mut deleted_order);
    Ok(Merged {
        text: rendered.text.clone(),
        shadows,
        rendered,
        shadow_order,
        deleted_order,
    })
}

/// A finding of the merged values, placed in a layer.
#[derive(Debug, Clone, PartialEq)]
pub struct Placement {
    /// The layer that set the value (index in the order given).
    pub layer: usize,
    /// The finding, its span (and its fix's edits) in that layer's text; its message names
    /// what earlier layers wrote there and a later one replaced.
    pub finding: Finding,
}

/// The check of layered values.
#[derive(Debug, Clone)]
pub struct LayeredReport {
    /// The merged values.
    pub merged: Merged,
    /// The check of the merged text (spans in it).
    pub report: Report,
    /// Every finding of `report`, placed in its layer, in the same order.
    pub placed: Vec<Placement>,
    /// What the merged values make each kind of pod mount.
    pub map: crate::map::StorageMap,
}

impl LayeredReport {
    /// The report of one layer: the findings placed in it, in its text's order, with the
    /// merged check's chart (what the CLI prints per file, the page per tab).
    pub fn of_layer(&self, layer: usize) -> Report {
        let mut findings: Vec<Finding> = self
            .placed
            .iter()
            .filter(|p| p.layer == layer)
            .map(|p| p.finding.clone())
            .collect();
        findings.sort_by_key(|f| (f.span.start, f.span.end));
        Report {
            findings,
            chart: self.report.chart,
            basis: self.report.basis.clone(),
            nodes: self.report.nodes,
        }
    }
}

/// Merges `layers` and checks the result (against `cluster` when given).
pub fn check_layers(
    layers: &[Layer],
    options: &Options,
    cluster: Option<&Cluster>,
    read_file: Option<ReadFile<'_>>,
) -> Result<LayeredReport, LayerError> {
    let mut merged = merge(layers, options, read_file)?;
    let doc = merged.rendered.take_loaded(&options.limits);
    let analysis = crate::check::check_with_map(&merged.text, doc, options, cluster);
    let report = analysis.report;
    // Line numbers are for the messages that name a replaced value: made when first asked.
    let lines: Vec<std::cell::OnceCell<LineIndex>> =
        layers.iter().map(|_| Default::default()).collect();
    let placed = report
        .findings
        .iter()
        .map(|f| place(f, &merged, layers, &lines))
        .collect();
    Ok(LayeredReport {
        merged,
        report,
        placed,
        map: analysis.map,
    })
}

/// The last of `layers` checked merged over the others, as a file marked `layer-of` is: only
/// the findings placed in it, in its own text's bytes (a field the layers below fill is
/// no finding; what they set wrong is theirs to report).
pub fn check_as_layer(
    layers: &[Layer],
    options: &Options,
    cluster: Option<&Cluster>,
) -> Result<Report, LayerError> {
    let this = layers.len().saturating_sub(1);
    Ok(check_layers(layers, options, cluster, None)?.of_layer(this))
}

/// `finding` in the layer that wrote its value.
fn place(
    finding: &Finding,
    merged: &Merged,
    layers: &[Layer],
    lines: &[std::cell::OnceCell<LineIndex>],
) -> Placement {
    let origin = exact(&merged.rendered.placed, finding.span)
        .map(|p| p.origin)
        .or_else(|| by_path(&merged.rendered, &finding.path))
        .unwrap_or(Origin {
            layer: 0,
            span: Span::default(),
        });
    let mut placed = finding.clone();
    placed.span = origin.span;
    placed.fix = finding
        .fix
        .as_ref()
        .filter(|_| layers.get(origin.layer).is_some_and(|l| l.set.is_none()))
        .and_then(|fix| move_fix(fix, &merged.rendered.placed, origin.layer));
    let notes: Vec<String> = if finding.path.is_empty() {
        Vec::new()
    } else {
        shadows_of(merged, &finding.path, origin)
            .into_iter()
            .take(3)
            .map(|s| describe(&merged.shadows[s], layers, lines))
            .collect()
    };
    if !notes.is_empty() {
        placed.message = format!("{} ({})", placed.message, notes.join("; "));
    }
    Placement {
        layer: origin.layer,
        finding: placed,
    }
}

/// The replaced values a finding at `path` (its value placed at `origin`) is about, in merge
/// order: one replaced at the value or at a mapping above it (the later value is that
/// node: found by its place, the value's and those of the mappings on its path), and one
/// deleted below it (a field missing from an entry may be one a later layer deleted).
fn shadows_of(merged: &Merged, path: &str, origin: Origin) -> Vec<usize> {
    let key = |o: &Origin| (o.layer, o.span.start, o.span.end);
    let by = &merged.shadow_order;
    let mut places = vec![origin];
    let mut above = path;
    while let Some(dot) = above.rfind('.') {
        above = &above[..dot];
        places.extend(merged.rendered.containers.get(above));
    }
    let mut out = Vec::new();
    for place in &places {
        let from = by.partition_point(|&s| key(&merged.shadows[s].by) < key(place));
        out.extend(
            by[from..]
                .iter()
                .take_while(|&&s| key(&merged.shadows[s].by) == key(place)),
        );
    }
    // Deleted below: inside the value the finding is about (for a finding at an entry, its
    // mapping, not the key it points at).
    let deleted = &merged.deleted_order;
    let within = merged
        .rendered
        .containers
        .get(path)
        .copied()
        .unwrap_or(origin);
    let from = deleted
        .partition_point(|&s| key(&merged.shadows[s].by) < (within.layer, within.span.start, 0));
    out.extend(
        deleted[from..]
            .iter()
            .take_while(|&&s| {
                let b = merged.shadows[s].by;
                b.layer == within.layer && b.span.start <= within.span.end
            })
            .filter(|&&s| merged.shadows[s].by.span.end <= within.span.end),
    );
    out.sort_unstable();
    out.dedup();
    out
}

/// The placed key or scalar whose merged bytes are exactly `span`.
fn exact(placed: &[Placed], span: Span) -> Option<&Placed> {
    let i = placed.partition_point(|p| p.merged.start < span.start);
    placed[i..]
        .iter()
        .take_while(|p| p.merged.start == span.start)
        .find(|p| p.merged.end == span.end)
}

/// The origin of the mapping or list at `path`, or of the nearest one above it.
fn by_path(rendered: &Rendered, path: &str) -> Option<Origin> {
    let mut path = path;
    loop {
        if let Some(origin) = rendered.containers.get(path) {
            return Some(*origin);
        }
        path = &path[..path.rfind('.')?];
    }
}

/// `fix` in `layer`'s text, when every edit falls inside bytes that layer wrote and the
/// merged text copies verbatim; otherwise none.
fn move_fix(fix: &Fix, placed: &[Placed], layer: usize) -> Option<Fix> {
    let mut edits = Vec::with_capacity(fix.edits.len());
    for edit in &fix.edits {
        let i = placed.partition_point(|p| p.merged.start <= edit.start);
        let p = placed[..i].last()?;
        if !p.verbatim || p.origin.layer != layer || edit.end > p.merged.end {
            return None;
        }
        let shift = |at: usize| p.origin.span.start + (at - p.merged.start);
        edits.push(Edit::replace(
            shift(edit.start),
            shift(edit.end),
            edit.replacement.clone(),
        ));
    }
    Some(Fix {
        edits,
        ..fix.clone()
    })
}

/// "`hostPath` from base.yaml:5 is removed by prod.yaml:7".
fn describe(shadow: &Shadow, layers: &[Layer], lines: &[std::cell::OnceCell<LineIndex>]) -> String {
    let at = |o: &Origin| -> String {
        let Some(layer) = layers.get(o.layer) else {
            return String::new();
        };
        match layer.set {
            Some(_) => format!("`{}`", layer.name),
            None => {
                let index = lines[o.layer].get_or_init(|| LineIndex::new(&layer.text));
                let line = index.position(&layer.text, o.span.start).line;
                format!("{}:{line}", layer.name)
            }
        }
    };
    // The key as the later layer wrote it (quotes aside), or "an item" of a list.
    let key = shadow
        .key
        .and_then(|k| layers.get(k.layer)?.text.get(k.span.start..k.span.end))
        .map(|k| format!("`{}`", k.trim_matches(['"', '\''])))
        .unwrap_or_else(|| "an item".to_string());
    let verb = if shadow.deleted {
        "removed"
    } else {
        "replaced"
    };
    format!(
        "{key} from {} is {verb} by {}",
        at(&shadow.was),
        at(&shadow.by)
    )
}

#[cfg(test)]
mod tests;
