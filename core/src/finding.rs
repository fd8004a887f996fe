//! What a check reports: findings with a code, a severity, a span and maybe a fix.

use serde::Serialize;

use crate::fix::Fix;
use crate::secrets::SecretHelp;
use crate::source::{LineIndex, Span};

/// What a finding carries besides its message, for the CLI and the page to lay out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Detail {
    /// C011: the command that creates the entry's Secret, and the key file it reads.
    Secret(SecretHelp),
    /// A008: the migrated block and what goes with it.
    Migration(MigrationDetail),
}

/// The parts of a migration the user acts on (A008).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct MigrationDetail {
    /// The `artifactsStore:`/`connections:` block that replaces `persistence`.
    pub block: String,
    /// One `kubectl create secret` per cloud Secret, in the v1+ form.
    pub secret_commands: Vec<String>,
    /// Entries not migrated, with the reason.
    pub skipped: Vec<String>,
    /// `persistence` keys the v1+ chart has no place for.
    pub dropped: Vec<String>,
    /// Names changed to stay unique, Secrets given a new name.
    pub notes: Vec<String>,
    /// What the migrated file would not do as the v0 file did (a value not carried, a
    /// mount path, read-only flag, source or Secret that differs): never counted as fixed.
    pub losses: Vec<String>,
    /// The paths of the entries it carries (see [`crate::migrate::carries`]).
    pub carried: Vec<String>,
}

impl Detail {
    /// The detail as plain text, each part under a `#` comment line (the CLI prints it).
    pub fn text(&self) -> String {
        match self {
            Detail::Secret(help) => {
                let mut out = format!("{}\n", help.command);
                if !help.file_name.is_empty() {
                    out.push_str(&format!("\n# ./{}\n{}", help.file_name, help.template));
                }
                if !help.optional_keys.is_empty() {
                    out.push_str(&format!(
                        "# optional keys: {}\n",
                        help.optional_keys.join(", ")
                    ));
                }
                out
            }
            Detail::Migration(m) => {
                let mut out = format!("# Replaces `persistence` in values.yaml:\n{}", m.block);
                if !m.secret_commands.is_empty() {
                    out.push_str("\n# The Secrets, in the v1+ form (one key per credential):\n");
                    for c in &m.secret_commands {
                        out.push_str(c);
                        out.push('\n');
                    }
                }
                for s in &m.skipped {
                    out.push_str(&format!("# Not migrated: {s}\n"));
                }
                for l in &m.losses {
                    out.push_str(&format!("# Lost: {l}\n"));
                }
                for n in &m.notes {
                    out.push_str(&format!("# Note: {n}\n"));
                }
                if !m.dropped.is_empty() {
                    out.push_str(&format!(
                        "# The v1+ chart has no place for: {}\n",
                        m.dropped.join(", ")
                    ));
                }
                out
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
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
    /// What to lay out besides the message: a Secret to create (C011), a migration (A008).
    pub detail: Option<Detail>,
    /// The fix, if the rule has one for this case.
    pub fix: Option<Fix>,
}

/// A finding with line and column, as the CLI's JSON and the web page consume it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
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
    /// What to lay out besides the message (a Secret to create, a migration).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<Detail>,
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
