//! The one entry point everyone calls: text + options → report.

use std::collections::HashSet;

use crate::finding::{Finding, LocatedFinding, Severity};
use crate::fix::{self, Applied, ApplyError, Fix};
use crate::form::{self, Card};
use crate::options::{Chart, Options};
use crate::rules::{self, Context};
use crate::source::LineIndex;
use crate::storage::{self, Storage};
use crate::yaml::{self, NodeId};

/// Everything a check found, in file order.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// Every finding, in file order.
    pub findings: Vec<Finding>,
    /// The chart the checks ran for; `None` when the text could not be read at all.
    pub chart: Option<Chart>,
}

impl Report {
    /// How many findings have `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// Whether any finding is an error (the CLI's exit 1).
    pub fn has_errors(&self) -> bool {
        self.count(Severity::Error) > 0
    }

    /// The findings with line and column, for JSON and the page.
    pub fn located(&self, text: &str) -> Vec<LocatedFinding> {
        let index = LineIndex::new(text);
        self.findings
            .iter()
            .map(|f| f.locate(text, &index))
            .collect()
    }

    /// The safe fixes, in file order.
    pub fn safe_fixes(&self) -> Vec<&Fix> {
        self.findings
            .iter()
            .filter_map(|f| f.fix.as_ref())
            .filter(|f| f.is_safe())
            .collect()
    }
}

/// Checks `text` (a values.yaml) and reports every finding. Never panics, whatever the text.
pub fn check(text: &str, options: &Options) -> Report {
    analyze(text, options).report
}

/// Everything storage-core says about one text: the report and the storage entries as
/// form cards, from one parse.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    /// The findings and the chart.
    pub report: Report,
    /// One card per storage entry of the chart, in file order per section.
    pub cards: Vec<Card>,
}

/// Checks `text` and reads its storage entries into cards, from one parse (what the page
/// shows). Never panics, whatever the text.
pub fn analyze(text: &str, options: &Options) -> Analysis {
    let doc = match yaml::load(text, &options.limits) {
        Ok(doc) => doc,
        Err(error) => {
            return Analysis {
                report: Report {
                    findings: vec![rules::reading::load_error(&error)],
                    chart: None,
                },
                cards: Vec::new(),
            }
        }
    };
    let chart = storage::decide_chart(&doc, options.chart);
    let storage = Storage::read(&doc, chart);
    let placeholders = rules::reading::placeholders(&doc, text);
    let templated: HashSet<NodeId> = placeholders.iter().map(|p| p.node).collect();
    let mut ctx = Context {
        text,
        doc: &doc,
        options,
        chart,
        storage: &storage,
        templated: &templated,
        placeholders: &placeholders,
        findings: Vec::new(),
    };
    rules::run(&mut ctx);
    Analysis {
        report: Report {
            findings: ctx.finish(),
            chart: Some(chart),
        },
        cards: form::cards(&doc, &storage),
    }
}

/// The outcome of [`fix_all`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixAll {
    /// The fixed text (the input when nothing applied).
    pub text: String,
    /// Fixes applied over all passes.
    pub applied: usize,
}

/// Applies every safe fix, re-checking between passes until none is left (a fix can
/// reveal another, like ruff's loop); at most 8 passes. Fails without changing anything
/// if any pass would touch more than its fixes own.
pub fn fix_all(text: &str, options: &Options) -> Result<FixAll, ApplyError> {
    let mut current = text.to_string();
    let mut applied = 0;
    for _ in 0..8 {
        let report = check(&current, options);
        let safe = report.safe_fixes();
        if safe.is_empty() {
            break;
        }
        let Applied {
            text: next,
            applied: n,
            ..
        } = fix::apply(&current, &safe)?;
        if n == 0 || next == current {
            break;
        }
        applied += n;
        current = next;
    }
    Ok(FixAll {
        text: current,
        applied,
    })
}
