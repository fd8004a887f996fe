//! What a check reports: findings with a code, a severity, a span and maybe a fix.

use serde::Serialize;

use crate::fix::Fix;
use crate::source::{LineIndex, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
/// How much a finding matters.
pub enum Severity {
    /// Polyaxon rejects it, or the deployment breaks or loses outputs.
    Error,
    /// Works, but is fragile or has no effect.
    Warning,
    /// What will happen, said plainly.
    Info,
}

impl Severity {
    /// `error`, `warning` or `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One problem (or one plain statement) about the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// The stable rule code, e.g. `K001`.
    pub code: &'static str,
    /// Error, warning or info (some rules vary it with the options).
    pub severity: Severity,
    /// One line naming the offending key or value.
    pub message: String,
    /// The YAML path of the node, e.g. `persistence.outputs.s3-out.bucket`.
    pub path: String,
    /// The node's bytes in the original text.
    pub span: Span,
    /// Why this breaks (or matters for) a deployment.
    pub why: &'static str,
    /// Text to show as is (a command, a template, a block to paste): C011, A008.
    pub detail: Option<String>,
    /// The fix, if the rule has one for this case.
    pub fix: Option<Fix>,
}

/// A finding with line and column, as the CLI's JSON and the web page consume it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LocatedFinding {
    /// The stable rule code.
    pub code: &'static str,
    /// Error, warning or info.
    pub severity: Severity,
    /// One line naming the offending key or value.
    pub message: String,
    /// The YAML path of the node.
    pub path: String,
    /// 1-based line of the span's start.
    pub line: usize,
    /// 1-based column of the span's start, in characters.
    pub column: usize,
    /// 1-based line of the span's end.
    pub end_line: usize,
    /// 1-based column of the span's end (exclusive), in characters.
    pub end_column: usize,
    /// Byte offset of the span's start.
    pub start: usize,
    /// Byte offset of the span's end (exclusive).
    pub end: usize,
    /// Why this matters for a deployment.
    pub why: &'static str,
    /// Text to show as is (a command, a template, a block).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// The fix, if any.
    pub fix: Option<Fix>,
}

impl Finding {
    /// This finding with line and column, from `index` (built once per text).
    pub fn locate(&self, text: &str, index: &LineIndex) -> LocatedFinding {
        let start = index.position(text, self.span.start);
        let end = index.position(text, self.span.end);
        LocatedFinding {
            code: self.code,
            severity: self.severity,
            message: self.message.clone(),
            path: self.path.clone(),
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
            start: self.span.start,
            end: self.span.end,
            why: self.why,
            detail: self.detail.clone(),
            fix: self.fix.clone(),
        }
    }
}
