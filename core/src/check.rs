//! The one entry point everyone calls: text + options → report.

use std::collections::{HashMap, HashSet};

use crate::chart::{self, ChartBasis};
use crate::cluster::{self, Cluster};
use crate::finding::{Finding, LocatedFinding, Severity};
use crate::fix::{self, Applied, Fix};
use crate::form::{self, Card};
use crate::map::{self, StorageMap};
use crate::options::{Chart, Options, Topology};
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
    /// Why that chart: the option, the file's directive, or the keys that say it.
    pub basis: Option<ChartBasis>,
    /// The nodes the chart's pods can land on, when a cluster snapshot with nodes decided
    /// the topology (it wins over the option: it is what the cluster says).
    pub nodes: Option<usize>,
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

    /// The chart and why, in one line for people ("v1+ (1.x, 2.x), auto: from
    /// `gateway`"); `None` when the text could not be read.
    pub fn chart_said(&self) -> Option<String> {
        Some(self.basis.as_ref()?.describe(self.chart?))
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
    run(text, options, None, Cards::Skip).report
}

/// [`check`] against the cluster the values land on (a `kubectl` snapshot): the cluster
/// rules run, and the nodes decide the topology.
pub fn check_in(text: &str, options: &Options, cluster: Option<&Cluster>) -> Report {
    run(text, options, cluster, Cards::Skip).report
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
    run(text, options, None, Cards::Build)
}

/// [`analyze`] against a cluster snapshot (see [`check_in`]); the map's rows carry what the
/// cluster says of their claim or Secret.
pub fn analyze_in(text: &str, options: &Options, cluster: Option<&Cluster>) -> Analysis {
    run(text, options, cluster, Cards::Build)
}

/// The form cards of `text` alone, without checking it: the page's layers show the cards
/// of the tab in the editor (the forms edit it) beside the findings of the merged layers.
pub fn cards(text: &str, options: &Options) -> Vec<Card> {
    let options = Options::for_text(text, *options);
    let Ok(doc) = yaml::load(text, &options.limits) else {
        return Vec::new();
    };
    let (chart, _) = chart::decide(text, &doc, options.chart);
    form::cards(&doc, &Storage::read(&doc, chart))
}

/// Whether [`run`] builds the form cards: the page shows them, the rules do not read them.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Cards {
    Build,
    Skip,
}

fn run(text: &str, options: &Options, cluster: Option<&Cluster>, cards: Cards) -> Analysis {
    run_on(text, None, options, cluster, cards)
}

/// The check of `text` and its storage map, without the form cards (the layered check:
/// `doc`, when given, is what [`yaml::load`] gives for `text`, built with it).
pub(crate) fn check_with_map(
    text: &str,
    doc: Option<yaml::Document>,
    options: &Options,
    cluster: Option<&Cluster>,
) -> Analysis {
    run_on(text, doc, options, cluster, Cards::Skip)
}

fn run_on(
    text: &str,
    loaded: Option<yaml::Document>,
    options: &Options,
    cluster: Option<&Cluster>,
    cards: Cards,
) -> Analysis {
    // The file's own directive wins over the caller's options, on every surface alike.
    let mut options = Options::for_text(text, *options);
    let doc = match loaded.map_or_else(|| yaml::load(text, &options.limits), Ok) {
        Ok(doc) => doc,
        Err(error) => {
            return Analysis {
                report: Report {
                    findings: vec![rules::reading::load_error(&error, text)],
                    chart: None,
                    basis: None,
                    nodes: None,
                },
                cards: Vec::new(),
                map: StorageMap {
                    chart: None,
                    rows: Vec::new(),
                },
            }
        }
    };
    // A snapshot with nodes says the topology: the rules and the map follow it.
    let nodes = cluster
        .filter(|c| !c.nodes.is_empty())
        .map(|c| c.schedulable_nodes(&cluster::tolerations(&doc)));
    match nodes {
        Some(1) => options.topology = Topology::SingleNode,
        Some(n) if n > 1 => options.topology = Topology::MultiNode,
        _ => {}
    }
    let options = &options;
    let (chart, basis) = chart::decide(text, &doc, options.chart);
    let mut storage = Storage::read(&doc, chart);
    // The cards and the map show what the chart reads; the rules also check the entries
    // written one level too deep under `logs`/`repos`/`upload` (S002), as meant.
    let cards = match cards {
        Cards::Build => form::cards(&doc, &storage),
        Cards::Skip => Vec::new(),
    };
    let mut map = map::build(&doc, &storage, options);
    if let Some(cluster) = cluster {
        cluster::describe_rows(&mut map, cluster, nodes);
    }
    let nested = storage::v0::nested(&doc, &storage);
    storage.entries.extend(nested);
    let placeholders = rules::reading::placeholders(&doc, text);
    let templated: HashSet<NodeId> = placeholders.iter().map(|p| p.node).collect();
    let mut ctx = Context {
        text,
        doc: &doc,
        options,
        chart,
        basis: &basis,
        storage: &storage,
        map: &map,
        templated: &templated,
        placeholders: &placeholders,
        cluster: cluster.map(|c| (c, nodes)),
        findings: Vec::new(),
    };
    rules::run(&mut ctx);
    Analysis {
        report: Report {
            findings: ctx.finish(),
            chart: Some(chart),
            basis: Some(basis),
            nodes: nodes.filter(|&n| n > 0),
        },
        cards,
        map,
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
    /// The paths the applied fixes declared: nothing else changed, not a value and not what
    /// the pods mount (each pass went through `fix::apply`).
    pub declared: Vec<YamlPath>,
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
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct Skipped {
    /// The fix's title.
    pub title: String,
    /// Why it was left out.
    pub reason: String,
}

/// Applies every safe fix it can, re-checking between passes until none is left (a fix
/// can reveal another, like ruff's loop); at most 8 passes. A fix that fails verification
/// or would bring an error the text did not have (the same code at the same path) is left
/// out and named in [`FixAll::skipped`]; the others still apply. Never fails: on a text it
/// cannot fix it returns the text as it is.
pub fn fix_all(text: &str, options: &Options) -> FixAll {
    let mut current = text.to_string();
    let mut applied = 0;
    let mut skipped: Vec<Skipped> = Vec::new();
    let mut left_out: Vec<(String, Vec<YamlPath>)> = Vec::new();
    // Every path the applied fixes own: an error under one of them may be an old error
    // that moved with a rename.
    let mut owned: Vec<YamlPath> = Vec::new();
    // Each pass's text and fixes so far: a pass may accept a new error that has a safe
    // fix of its own, expecting the next pass to fix it; if that fix is then left out,
    // the text falls back to the last pass that brought no new error.
    let mut passes: Vec<(String, usize, usize)> = Vec::new();
    let mut original: Option<Vec<ErrorKey>> = None;
    for _ in 0..8 {
        let report = check(&current, options);
        let errors = error_keys(&report);
        let original = original.get_or_insert_with(|| errors.clone());
        if brought(original, &errors, &owned).is_empty() {
            passes.push((current.clone(), applied, owned.len()));
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
        for (fix, _) in &chooser.skipped {
            left_out.push((fix.title.clone(), fix.touches.clone()));
        }
        skipped.extend(chooser.skipped.into_iter().map(|(fix, reason)| Skipped {
            title: fix.title.clone(),
            reason,
        }));
        let Ok(Applied {
            text: next,
            applied: n,
            ..
        }) = fix::apply_with(&current, &chosen, options)
        else {
            break;
        };
        if n == 0 || next == current {
            break;
        }
        owned.extend(chosen.iter().flat_map(|f| f.touches.iter().cloned()));
        applied += n;
        current = next;
    }
    let last = error_keys(&check(&current, options));
    let brought = original
        .as_ref()
        .map(|o| brought(o, &last, &owned))
        .unwrap_or_default();
    if let (false, Some((text, count, declared))) = (brought.is_empty(), passes.pop()) {
        owned.truncate(declared);
        let named: Vec<String> = brought.iter().map(|k| said(k)).collect();
        skipped.push(Skipped {
            title: format!("{} fixes of the later passes", applied - count),
            reason: format!("together they would bring {}", named.join(", ")),
        });
        return FixAll {
            text,
            applied: count,
            skipped,
            declared: owned,
        };
    }
    FixAll {
        text: current,
        applied,
        skipped,
        declared: owned,
    }
}

/// An error by identity: its code and the path it is at, as `CODE path` (one string, so
/// the lookups below are `&str → usize` maps, a type the page's wasm already has: a sort
/// or a set of a new type is another copy of that code in the bundle).
type ErrorKey = String;

/// The errors of a report, by identity.
fn error_keys(report: &Report) -> Vec<ErrorKey> {
    report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| format!("{} {}", f.code, f.path))
        .collect()
}

/// An [`ErrorKey`]'s code and path.
fn split_key(key: &str) -> (&str, &str) {
    key.split_once(' ').unwrap_or((key, ""))
}

/// `CODE at `path`` for messages.
fn said(key: &str) -> String {
    let (code, path) = split_key(key);
    format!("{code} at `{path}`")
}

/// Each string to an index (its last), for lookups.
fn lookup<'s>(items: impl IntoIterator<Item = &'s str>) -> HashMap<&'s str, usize> {
    items.into_iter().enumerate().map(|(i, s)| (s, i)).collect()
}

/// Whether `path` or one of its ancestors (the root included) is in `paths`.
fn under_any(paths: &HashMap<&str, usize>, path: &str) -> bool {
    paths.contains_key("")
        || paths.contains_key(path)
        || path
            .match_indices('.')
            .any(|(i, _)| paths.contains_key(&path[..i]))
}

/// The errors of `after` that `before` does not have. Compared by identity (code and
/// path), not by code alone: an error another entry already had is still new on this one.
/// An error under a path the fixes own counts as old when `before` had that code under an
/// owned path too (a renamed key moves its entry's findings).
fn brought(before: &[ErrorKey], after: &[ErrorKey], owned: &[YamlPath]) -> Vec<ErrorKey> {
    let owned = lookup(owned.iter().map(YamlPath::as_str));
    let old = lookup(before.iter().map(String::as_str));
    let moved = lookup(
        before
            .iter()
            .map(|k| split_key(k))
            .filter(|(_, path)| under_any(&owned, path))
            .map(|(code, _)| code),
    );
    after
        .iter()
        .filter(|key| !old.contains_key(key.as_str()))
        .filter(|key| {
            let (code, path) = split_key(key);
            !(under_any(&owned, path) && moved.contains_key(code))
        })
        .cloned()
        .collect()
}

/// Picks the fixes that can go together: all of them when they verify and bring no new
/// error (the usual case, one check). When they do bring one, a new error that only one
/// fix can have caused (its path is above or below that fix's paths alone) leaves that
/// fix out at once, so n fixes that each bring their own error cost two checks, not 2n;
/// what cannot be told apart is split in halves, k bad fixes among n costing about
/// k·log n checks.
struct Chooser<'a, 'f> {
    text: &'a str,
    options: &'a Options,
    errors: &'a [ErrorKey],
    skipped: Vec<(&'f Fix, String)>,
}

/// Why a set of fixes cannot go together.
struct Problem {
    reason: String,
    /// The new errors, when that is the problem.
    brought: Vec<ErrorKey>,
}

impl<'a, 'f> Chooser<'a, 'f> {
    /// The fixes of `candidates` that can join `accepted`, added to it.
    fn choose(&mut self, accepted: Vec<&'f Fix>, candidates: &[&'f Fix]) -> Vec<&'f Fix> {
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
            self.skipped.push((only, problem.reason));
            return accepted;
        }
        // Fixes that cannot be applied together bring no error to go by (`brought` is
        // empty): they too are found by halves. Without this, every fix would count as
        // innocent and `choose` would call itself with the same fixes until the stack ran out.
        let near = near_fixes(candidates, &problem.brought).filter(|near| !near.is_empty());
        let Some(near) = near else {
            // An error near no fix (or at the root): found by halves.
            let (left, right) = candidates.split_at(candidates.len() / 2);
            let accepted = self.choose(accepted, left);
            return self.choose(accepted, right);
        };
        // An error near one fix only: that fix brings it, and is left out at once.
        let mut culprit: Vec<Option<&ErrorKey>> = vec![None; candidates.len()];
        for (key, fixes) in &near {
            if let [only] = fixes[..] {
                culprit[only].get_or_insert(key);
            }
        }
        if culprit.iter().any(Option::is_some) {
            let mut rest = Vec::with_capacity(candidates.len());
            for (fix, why) in candidates.iter().zip(&culprit) {
                match why {
                    Some(key) => self
                        .skipped
                        .push((fix, format!("it would bring {}", said(key)))),
                    None => rest.push(*fix),
                }
            }
            return self.choose(accepted, &rest);
        }
        // Every error is near several fixes (an entry's rename and its slash fix): the
        // fixes near no error go in first, then one fix of each error's group per round,
        // so each error is near one fix of the round. Rounds: the largest group's size,
        // not a check per fix.
        let mut group_of: Vec<Option<usize>> = vec![None; candidates.len()];
        let mut groups: Vec<Vec<&'f Fix>> = Vec::new();
        for (_, fixes) in &near {
            let mut group = Vec::new();
            for &i in fixes {
                if group_of[i].is_none() {
                    group_of[i] = Some(groups.len());
                    group.push(candidates[i]);
                }
            }
            if !group.is_empty() {
                groups.push(group);
            }
        }
        let innocent: Vec<&Fix> = candidates
            .iter()
            .zip(&group_of)
            .filter(|(_, g)| g.is_none())
            .map(|(f, _)| *f)
            .collect();
        let mut accepted = self.choose(accepted, &innocent);
        // A group larger than a few (an error on a whole section, near every fix in it)
        // would cost a round per fix: such suspects are found by halves instead.
        if groups.iter().any(|g| g.len() > 8) {
            let suspects: Vec<&'f Fix> = groups.concat();
            let (left, right) = suspects.split_at(suspects.len() / 2);
            let accepted = self.choose(accepted, left);
            return self.choose(accepted, right);
        }
        let rounds = groups.iter().map(Vec::len).max().unwrap_or(0);
        for round in 0..rounds {
            let picks: Vec<&Fix> = groups
                .iter()
                .filter_map(|g| g.get(round).copied())
                .collect();
            accepted = self.choose(accepted, &picks);
        }
        accepted
    }

    /// Why these fixes cannot go together, if they cannot.
    fn problem(&self, fixes: &[&Fix]) -> Option<Problem> {
        let applied = match fix::apply_with(self.text, fixes, self.options) {
            Ok(applied) => applied,
            Err(e) => {
                return Some(Problem {
                    reason: e.to_string(),
                    brought: Vec::new(),
                })
            }
        };
        // A new error that has a safe fix of its own is fixed in the next pass (a store
        // named right reveals its bucket's missing scheme): only the others count.
        let mut after = check(&applied.text, self.options);
        after
            .findings
            .retain(|f| !f.fix.as_ref().is_some_and(|x| x.is_safe()));
        let owned: Vec<YamlPath> = fixes
            .iter()
            .flat_map(|f| f.touches.iter().cloned())
            .collect();
        let new = brought(self.errors, &error_keys(&after), &owned);
        (!new.is_empty()).then(|| Problem {
            reason: format!(
                "it would bring {}",
                new.iter().map(|k| said(k)).collect::<Vec<_>>().join(", ")
            ),
            brought: new,
        })
    }
}

/// Adds fix `fix` to the list of `path` in `map`.
fn add_near<'p>(
    map: &mut HashMap<&'p str, usize>,
    lists: &mut Vec<Vec<usize>>,
    path: &'p str,
    fix: usize,
) {
    // `get` and `insert`, not `entry`: the map type's code is in the page's wasm already.
    let list = match map.get(path) {
        Some(&list) => list,
        None => {
            lists.push(Vec::new());
            map.insert(path, lists.len() - 1);
            lists.len() - 1
        }
    };
    if lists[list].last() != Some(&fix) {
        lists[list].push(fix);
    }
}

/// For each new error, the indices of the fixes near it: those with a path above or
/// below the error's path. `None` when an error is at the root or near no fix (a fix's
/// effect reached elsewhere): then nothing tells the fixes apart but halving.
fn near_fixes<'e>(
    fixes: &[&Fix],
    brought: &'e [ErrorKey],
) -> Option<Vec<(&'e ErrorKey, Vec<usize>)>> {
    // Each touched path, and each path above one, to the fixes there (an index into
    // `lists`): a path's nearby fixes are a few lookups, whatever the number of fixes.
    let mut at: HashMap<&str, usize> = HashMap::new();
    let mut above: HashMap<&str, usize> = HashMap::new();
    let mut lists: Vec<Vec<usize>> = Vec::new();
    for (i, fix) in fixes.iter().enumerate() {
        for touch in &fix.touches {
            let t = touch.as_str();
            add_near(&mut at, &mut lists, t, i);
            for (end, _) in t.match_indices('.') {
                add_near(&mut above, &mut lists, &t[..end], i);
            }
        }
    }
    let mut out = Vec::with_capacity(brought.len());
    for key in brought {
        let path = split_key(key).1;
        if path.is_empty() {
            return None;
        }
        let mut near: Vec<usize> = path
            .match_indices('.')
            .map(|(i, _)| &path[..i])
            .chain(std::iter::once(path))
            .filter_map(|p| at.get(p))
            .chain(above.get(path))
            .flat_map(|&l| lists[l].iter().copied())
            .collect();
        if near.is_empty() {
            return None;
        }
        // A handful per error: a plain dedup keeps the wasm free of another sort.
        let mut seen = Vec::with_capacity(near.len());
        near.retain(|i| {
            let new = !seen.contains(i);
            seen.push(*i);
            new
        });
        out.push((key, near));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fix::Edit;

    /// Fixes that cannot go together and bring no new error to tell them apart by (here each
    /// makes the file unreadable) are found by halves: each is left out with its reason.
    /// Before, `choose` took them all for innocent and called itself with the same fixes
    /// until the stack ran out (a dead page in the browser).
    #[test]
    fn fixes_failing_together_without_a_new_error_are_told_apart_by_halves() {
        let text = "a: 1\nb: 2\n";
        let options = Options::default();
        let unreadable = |at: usize, key: &str| {
            Fix::safe(
                format!("break {key}"),
                vec![Edit::replace(at, at, "[")],
                vec![YamlPath::root().child(key)],
            )
        };
        let (first, second, third) = (unreadable(3, "a"), unreadable(8, "b"), unreadable(0, "c"));
        let mut chooser = Chooser {
            text,
            options: &options,
            errors: &[],
            skipped: Vec::new(),
        };
        let chosen = chooser.choose(Vec::new(), &[&first, &second, &third]);
        assert!(chosen.is_empty());
        let skipped: Vec<&str> = chooser
            .skipped
            .iter()
            .map(|(f, _)| f.title.as_str())
            .collect();
        assert_eq!(skipped, ["break a", "break b", "break c"]);
    }
}
