//! The `--set` family of flags, as `helm install` takes them: which flag, and Helm's order
//! of them. Their parsing (`strvals.rs`) is built with the `set` feature: the CLI has it, the
//! page (which takes files only) does not carry its code.

use super::merge::Shadow;
use super::tree::Node;
#[cfg(feature = "set")]
use super::tree::{Origin, Value};
#[cfg(feature = "set")]
use crate::source::Span;

/// Which flag an argument came with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetFlag {
    /// `--set`: values typed.
    Set,
    /// `--set-string`: every value a string.
    SetString,
    /// `--set-json`: every value a JSON document (or the whole argument one JSON object).
    SetJson,
    /// `--set-file`: every value the text of the file it names.
    SetFile,
}

impl SetFlag {
    /// The flag as typed on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            SetFlag::Set => "--set",
            SetFlag::SetString => "--set-string",
            SetFlag::SetJson => "--set-json",
            SetFlag::SetFile => "--set-file",
        }
    }

    /// Helm's order: every `-f`, then `--set-json`, `--set`, `--set-string`, `--set-file`
    /// (helm v4.2.3 `pkg/cli/values/options.go`, `MergeValues`), whatever the order typed.
    pub fn rank(self) -> u8 {
        match self {
            SetFlag::SetJson => 0,
            SetFlag::Set => 1,
            SetFlag::SetString => 2,
            SetFlag::SetFile => 3,
        }
    }
}

/// Reads the file a `--set-file` value names (the CLI reads it; a page has no files).
pub type ReadFile<'a> = &'a dyn Fn(&str) -> Result<String, String>;

/// `layer` (a `--set`-like argument) applied to the values so far, as Helm does: parsed into
/// them (`ParseInto`), or, for `--set-json '{...}'`, one JSON object merged as a file is.
#[cfg(feature = "set")]
pub(crate) fn apply<'a>(
    layer: &super::Layer,
    index: usize,
    root: &mut Option<Node<'a>>,
    read_file: Option<ReadFile<'_>>,
    shadows: &mut Vec<Shadow>,
) -> Result<(), String> {
    let Some(flag) = layer.set else {
        return Ok(());
    };
    let text = layer.text.trim_start();
    if flag == SetFlag::SetJson && text.starts_with('{') {
        let base = layer.text.len() - text.len();
        let fail = |e: String| format!("{}: failed parsing --set-json data JSON{e}", layer.name);
        let (node, used) =
            super::json::parse(text, base, index).map_err(|e| fail(format!(": {e}")))?;
        if !layer.text[base + used..].trim().is_empty() || !node.is_map() {
            return Err(fail(String::new()));
        }
        *root = Some(match root.take() {
            Some(values) => super::merge::merge(values, node, None, shadows),
            None => node,
        });
        return Ok(());
    }
    let (mut top, origin) = match root.take() {
        Some(Node {
            value: Value::Map(entries),
            origin,
        }) => (entries, origin),
        _ => (
            Vec::new(),
            Origin {
                layer: index,
                span: Span::default(),
            },
        ),
    };
    super::strvals::parse_into(&layer.text, flag, index, &mut top, read_file, shadows)
        .map_err(|e| format!("{}: failed parsing {} data: {e}", layer.name, flag.as_str()))?;
    *root = Some(Node {
        value: Value::Map(top),
        origin,
    });
    Ok(())
}

/// Without the `set` feature (the page): only values files are layers.
#[cfg(not(feature = "set"))]
pub(crate) fn apply(
    layer: &super::Layer,
    _index: usize,
    _root: &mut Option<Node<'_>>,
    _read_file: Option<ReadFile<'_>>,
    _shadows: &mut Vec<Shadow>,
) -> Result<(), String> {
    Err(format!(
        "{}: this build reads values files only",
        layer.name
    ))
}
