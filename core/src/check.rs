//! The one entry point everyone calls: text + options → report.

use std::collections::HashSet;

use crate::finding::{Finding, LocatedFinding, Severity};
use crate::fix::{self, Applied, Fix};
use crate::form::{self, Card};
use crate::map::{self, StorageMap};
use crate::options::{Chart, Options};
use crate::rules::{self, Context};
use crate::source::LineIndex;
use crate::storage::{self, Storage};
use crate::yaml::{self, NodeId, YamlPath};

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
    /// What each kind of pod mounts, per entry and chart default.
    pub map: StorageMap,
}

/// Checks `text` and reads its storage entries into cards and the storage map, from one
/// parse (what the page shows). Never panics, whatever the text.
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
                map: StorageMap {
                    chart: None,
                    rows: Vec::new(),
                },
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
        map: map::build(&doc, &storage, options),
    }
}

/// The outcome of [`fix_all`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixAll {
    /// The fixed text (the input when nothing applied).
    pub text: String,
    /// Fixes applied over all passes.
    pub applied: usize,
    /// Safe fixes left out, with why: they would change a value they do not own, leave the
    /// file unreadable, or bring an error the file did not have.
    pub skipped: Vec<Skipped>,
}

/// What fixing did to the findings: how many went away, how many are left, and which came
/// with the fixes (a fix can reveal a finding the old text hid, e.g. once an entry has its
/// shape back, its mount path is checked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixOutcome {
    pub fixed: usize,
    pub remaining: usize,
    /// `(code, path)` of each finding the fixed text has and the old one did not.
    pub revealed: Vec<(&'static str, String)>,
}

impl FixOutcome {
    /// Compares the findings before and after, as `(code, path)`. A finding is matched by
    /// code, on the same path first: a fix that renames an entry moves the entry's other
    /// findings to a new path, and they are not new. What stays unmatched after is revealed.
    pub fn between<'a>(
        before: impl IntoIterator<Item = (&'static str, &'a str)>,
        after: impl IntoIterator<Item = (&'static str, &'a str)>,
    ) -> Self {
        let mut unmatched: Vec<(&'static str, &str)> = before.into_iter().collect();
        let after: Vec<(&'static str, &str)> = after.into_iter().collect();
        let mut left: Vec<(&'static str, &str)> = Vec::new();
        for &(code, path) in &after {
            match unmatched.iter().position(|&f| f == (code, path)) {
                Some(i) => {
                    unmatched.swap_remove(i);
                }
                None => left.push((code, path)),
            }
        }
        let mut revealed = Vec::new();
        for (code, path) in left {
            match unmatched.iter().position(|&(c, _)| c == code) {
                Some(i) => {
                    unmatched.swap_remove(i);
                }
                None => revealed.push((code, path.to_string())),
            }
        }
        FixOutcome {
            fixed: unmatched.len(),
            remaining: after.len(),
            revealed,
        }
    }

    /// `4 fixed, 7 remaining` and, if any, `; revealed: V003 at `path``.
    pub fn summary(&self) -> String {
        let mut out = format!("{} fixed, {} remaining", self.fixed, self.remaining);
        for (i, (code, path)) in self.revealed.iter().enumerate() {
            out.push_str(if i == 0 { "; revealed: " } else { ", " });
            out.push_str(code);
            if !path.is_empty() {
                out.push_str(" at `");
                out.push_str(path);
                out.push('`');
            }
        }
        out
    }
}

/// A safe fix [`fix_all`] did not apply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The fix's title.
    pub title: String,
    /// Why it was left out.
    pub reason: String,
}

/// Applies every safe fix it can, re-checking between passes until none is left (a fix
/// can reveal another, like ruff's loop); at most 8 passes. A fix that fails verification
/// or would bring an error code the text did not have is left out and named in
/// [`FixAll::skipped`]; the others still apply. Never fails: on a text it cannot fix it
/// returns the text as it is.
pub fn fix_all(text: &str, options: &Options) -> FixAll {
    let mut current = text.to_string();
    let mut applied = 0;
    let mut skipped: Vec<Skipped> = Vec::new();
    let mut left_out: Vec<(String, Vec<YamlPath>)> = Vec::new();
    // Each pass's text, fixes so far, and error codes: a pass may accept a new error that
    // has a safe fix of its own, expecting the next pass to fix it; if that fix is then
    // left out, the text falls back to the last pass that brought no new error.
    let mut passes: Vec<(String, usize, Vec<&'static str>)> = Vec::new();
    let mut original: Option<Vec<&'static str>> = None;
    for _ in 0..8 {
        let report = check(&current, options);
        let errors = error_codes(&report);
        let original = original.get_or_insert_with(|| errors.clone());
        if errors.iter().all(|c| original.contains(c)) {
            passes.push((current.clone(), applied, errors.clone()));
        }
        let safe: Vec<&Fix> = report
            .safe_fixes()
            .into_iter()
            .filter(|f| {
                !left_out
                    .iter()
                    .any(|(t, p)| *t == f.title && *p == f.touches)
            })
            .collect();
        if safe.is_empty() {
            break;
        }
        let mut chooser = Chooser {
            text: &current,
            options,
            errors: &errors,
            skipped: Vec::new(),
        };
        let chosen = chooser.choose(Vec::new(), &safe);
        // Left out once, left out in later passes too: known by title and owned paths (two
        // entries may get fixes with the same title).
        for s in &chooser.skipped {
            if let Some(f) = safe.iter().find(|f| f.title == s.title) {
                left_out.push((f.title.clone(), f.touches.clone()));
            }
        }
        skipped.append(&mut chooser.skipped);
        let Ok(Applied {
            text: next,
            applied: n,
            ..
        }) = fix::apply(&current, &chosen)
        else {
            break;
        };
        if n == 0 || next == current {
            break;
        }
        applied += n;
        current = next;
    }
    let last = error_codes(&check(&current, options));
    let brought: Vec<&str> = original
        .as_ref()
        .map(|o| last.iter().copied().filter(|c| !o.contains(c)).collect())
        .unwrap_or_default();
    if let (false, Some((text, count, _))) = (brought.is_empty(), passes.pop()) {
        skipped.push(Skipped {
            title: format!("{} fixes of the later passes", applied - count),
            reason: format!("together they would bring {}", brought.join(", ")),
        });
        return FixAll {
            text,
            applied: count,
            skipped,
        };
    }
    FixAll {
        text: current,
        applied,
        skipped,
    }
}

/// The error codes of a report.
fn error_codes(report: &Report) -> Vec<&'static str> {
    let mut codes: Vec<&'static str> = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| f.code)
        .collect();
    codes.dedup();
    codes
}

/// Picks the fixes that can go together: all of them when they verify and bring no new
/// error code (the usual case, one check), else by halves, so that k bad fixes among n
/// cost about k·log n checks, not n.
struct Chooser<'a> {
    text: &'a str,
    options: &'a Options,
    errors: &'a [&'static str],
    skipped: Vec<Skipped>,
}

impl<'a> Chooser<'a> {
    /// The fixes of `candidates` that can join `accepted`, added to it.
    fn choose<'f>(&mut self, accepted: Vec<&'f Fix>, candidates: &[&'f Fix]) -> Vec<&'f Fix> {
        if candidates.is_empty() {
            return accepted;
        }
        let mut all = accepted.clone();
        all.extend_from_slice(candidates);
        let problem = match self.problem(&all) {
            None => return all,
            Some(problem) => problem,
        };
        if let [only] = candidates {
            self.skipped.push(Skipped {
                title: only.title.clone(),
                reason: problem,
            });
            return accepted;
        }
        let (left, right) = candidates.split_at(candidates.len() / 2);
        let accepted = self.choose(accepted, left);
        self.choose(accepted, right)
    }

    /// Why these fixes cannot go together, if they cannot.
    fn problem(&self, fixes: &[&Fix]) -> Option<String> {
        let applied = match fix::apply(self.text, fixes) {
            Ok(applied) => applied,
            Err(e) => return Some(e.to_string()),
        };
        // A new error that has a safe fix of its own is fixed in the next pass (a store
        // named right reveals its bucket's missing scheme): only the others count.
        let mut after = check(&applied.text, self.options);
        after
            .findings
            .retain(|f| !f.fix.as_ref().is_some_and(|x| x.is_safe()));
        let new: Vec<&str> = error_codes(&after)
            .into_iter()
            .filter(|c| !self.errors.contains(c))
            .collect();
        (!new.is_empty()).then(|| format!("it would bring {}", new.join(", ")))
    }
}
