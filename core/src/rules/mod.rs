//! The rule registry: one folder per family, each rule defined (and documented) as a
//! [`Rule`] constant next to the code that reports it, and listed in its family's
//! `family!`. Everything else is derived from the list of families: the list of rules
//! ([`all`]), the lookup by code ([`by_code`]) and the dispatch.
//!
//! | family | module | charts |
//! |---|---|---|
//! | Y reading the file | [`reading`] | both |
//! | S shape of `persistence` | [`shape`] | v0 |
//! | K keys the chart does not read | [`keys`] | v0 (K005, a misspelled storage key: both) |
//! | T value types | [`types`] | both |
//! | V volumes: kind, paths, claims | [`volumes`] | both (kind keys and shared mounts: v0) |
//! | C cloud stores: buckets, Secrets, credentials | [`cloud`] | both (store and secretKey: v0) |
//! | D deployment topology | [`topology`] | both |
//! | E edition | [`edition`] | v0 |
//! | A v1+ `artifactsStore`/`connections` shape, migration | [`artifacts`] | v1 (A007, A008: v0) |
//! | N the cluster, from a `kubectl` snapshot: claims, Secrets | [`cluster`] | both (N007: v0; N008: v1) |
//!
//! Every family is a folder (`artifacts/`, `topology/`, ...): one module per rule, or per
//! few rules that share one check, each with its `Rule` constants, `check`, `EXAMPLES` and
//! its tests at the bottom; the folder's `mod.rs` lists them with `family!`. To add a rule:
//! its file and its line there. `core/tests/catalogue.rs` fails until its example gets it.

/// A family's folder, `rules/<family>/mod.rs`: its rule modules in catalogue order (of
/// each module's first rule), each with the rules it reports (one, or a few that share one
/// check). Each module has those `Rule` constants, `check`, `EXAMPLES` and its tests at the
/// bottom; adding a rule is its file and its line here. Makes the family's `FAMILY` (rules
/// in code order, the catalogue's, however the modules group them; and checks) and
/// `EXAMPLES` (for `examples::for_code`; the page does not use them, so they stay out of
/// its bundle).
macro_rules! family {
    ($($module:ident: [$($rule:ident),+ $(,)?]),+ $(,)?) => {
        $(pub mod $module;)+
        $(pub use $module::{$($rule),+};)+

        pub(crate) const FAMILY: $crate::rules::Family = $crate::rules::Family {
            rules: &$crate::rules::in_code_order([$($(&$module::$rule),+),+]),
            check,
        };

        /// Each rule module's examples, in catalogue order.
        pub const EXAMPLES: &[&[$crate::rules::examples::Example]] = &[$($module::EXAMPLES),+];

        fn check(ctx: &mut $crate::rules::Context<'_>) {
            $($module::check(ctx);)+
        }
    };
}

pub mod artifacts;
pub mod cloud;
pub mod cluster;
pub mod edition;
pub mod examples;
pub mod keys;
pub mod reading;
mod rename;
pub mod shape;
pub mod topology;
pub mod types;
pub mod volumes;

use std::collections::HashSet;

use serde::Serialize;

use crate::chart::ChartBasis;
use crate::finding::{Finding, Severity};
use crate::fix::Applicability;
use crate::map::StorageMap;
use crate::options::{Chart, Options, Topology};
use crate::source::Span;
use crate::storage::{Entry, Field, Storage};
use crate::yaml::{Document, NodeId, YamlPath};

/// Which fixes a rule can offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum FixKind {
    /// No fix.
    None,
    /// A fix applied without asking (some cases of the rule may only get a suggested one).
    Safe,
    /// A fix the user confirms.
    Suggested,
}

/// The charts a rule applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Charts {
    /// Both chart generations.
    Both,
    /// Only v0 files (`persistence`).
    V0,
    /// Only v1+ files (`artifactsStore`/`connections`).
    V1,
}

impl Charts {
    /// Whether a file for `chart` can get this rule's findings.
    pub fn includes(self, chart: Chart) -> bool {
        matches!(
            (self, chart),
            (Charts::Both, _) | (Charts::V0, Chart::V0) | (Charts::V1, Chart::V1)
        )
    }
}

/// A rule of the registry; `docs/rules.md` is generated from it (`storage-check rules --format markdown`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct Rule {
    /// Stable code: family letter and number.
    pub code: &'static str,
    /// The severity it usually has (some rules vary it by option, see `summary`).
    pub severity: Severity,
    /// The charts whose files can get it.
    pub charts: Charts,
    /// One line: when it fires.
    pub summary: &'static str,
    /// Why it matters for a deployment (from DOMAIN.md).
    pub why: &'static str,
    /// Which fixes it offers.
    pub fix: FixKind,
}

impl Rule {
    /// The family letter (`K` for K001).
    pub fn family(&self) -> char {
        self.code.chars().next().unwrap_or('?')
    }
}

/// A family of rules: its rules and the check that reports them. Each family's folder
/// declares it with [`family!`].
pub(crate) struct Family {
    pub rules: &'static [&'static Rule],
    pub check: fn(&mut Context<'_>),
}

/// `rules` in code order, the catalogue's within a family (`Y001`, `Y002`, `Y003` where one
/// module reports Y001 and Y003 and another Y002). Sorted when compiling: nothing at run time.
pub(crate) const fn in_code_order<const N: usize>(
    mut rules: [&'static Rule; N],
) -> [&'static Rule; N] {
    let mut i = 1;
    while i < N {
        let mut j = i;
        while j > 0 && code_before(rules[j].code, rules[j - 1].code) {
            let earlier = rules[j];
            rules[j] = rules[j - 1];
            rules[j - 1] = earlier;
            j -= 1;
        }
        i += 1;
    }
    rules
}

/// Whether code `a` sorts before code `b` (byte-wise: the letter, then the number's digits).
const fn code_before(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut i = 0;
    while i < a.len() && i < b.len() {
        if a[i] != b[i] {
            return a[i] < b[i];
        }
        i += 1;
    }
    a.len() < b.len()
}

#[cfg(test)]
pub(crate) mod testing;

/// Every family, in catalogue order. The order of checks does not matter: each reads
/// only the document, the storage model and the options.
const FAMILIES: [Family; 10] = [
    reading::FAMILY,
    shape::FAMILY,
    keys::FAMILY,
    types::FAMILY,
    volumes::FAMILY,
    cloud::FAMILY,
    topology::FAMILY,
    edition::FAMILY,
    artifacts::FAMILY,
    cluster::FAMILY,
];

/// Every rule, in catalogue order.
pub fn all() -> impl Iterator<Item = &'static Rule> {
    FAMILIES.iter().flat_map(|f| f.rules.iter().copied())
}

/// The rule with this code.
pub fn by_code(code: &str) -> Option<&'static Rule> {
    all().find(|r| r.code == code)
}

/// Runs every family over the document.
pub(crate) fn run(ctx: &mut Context<'_>) {
    for family in &FAMILIES {
        (family.check)(ctx);
    }
}

/// What every rule sees, and where it reports.
pub(crate) struct Context<'a> {
    pub text: &'a str,
    pub doc: &'a Document,
    pub options: &'a Options,
    /// The chart the checks run for.
    pub chart: Chart,
    /// Why that chart (a file with no evidence gets chart-neutral advice).
    pub basis: &'a ChartBasis,
    /// The storage entries of that chart (and, for the rules, the entries written one
    /// level too deep under `logs`/`repos`/`upload`).
    pub storage: &'a Storage,
    /// What each kind of pod mounts: the one model of it, built once per check from what
    /// the chart reads (the entries one level too deep are not mounted).
    pub map: &'a StorageMap,
    /// Values holding a `{{ }}` / `${}` placeholder: reported once (Y005), checked never.
    pub templated: &'a HashSet<NodeId>,
    /// The placeholders themselves, for Y005.
    pub placeholders: &'a [reading::Placeholder],
    /// The cluster snapshot, if any, with the nodes the chart's pods can land on (`None`:
    /// it lists no nodes).
    pub cluster: Option<(&'a crate::cluster::Cluster, Option<usize>)>,
    pub findings: Vec<Finding>,
}

impl<'a> Context<'a> {
    /// Records a finding of `rule` and returns it, to add a fix or change its severity.
    pub fn report(
        &mut self,
        rule: &Rule,
        span: Span,
        path: impl Into<YamlPath>,
        message: impl Into<String>,
    ) -> &mut Finding {
        self.push(rule, span, path.into(), message.into())
    }

    /// [`Context::report`] without the conversions: one copy of it in the binary.
    fn push(&mut self, rule: &Rule, span: Span, path: YamlPath, message: String) -> &mut Finding {
        self.findings.push(Finding {
            code: rule.code,
            severity: rule.severity,
            message,
            path: path.into(),
            span,
            why: rule.why,
            detail: None,
            fix: None,
        });
        let last = self.findings.len() - 1;
        &mut self.findings[last]
    }

    /// How a node-local volume weighs, and what to add to its message: nothing on one
    /// node; information when the topology is unknown; a warning on several nodes, an
    /// error when a cluster snapshot counts them (the message names how many).
    pub fn spread(&self) -> Option<(Severity, String)> {
        match (
            self.options.topology,
            self.cluster.and_then(|(_, nodes)| nodes),
        ) {
            (Topology::SingleNode, _) => None,
            (Topology::MultiNode, Some(n)) if n > 1 => Some((
                Severity::Error,
                format!(" (the cluster snapshot has {n} schedulable nodes)"),
            )),
            (Topology::MultiNode, _) => Some((Severity::Warning, String::new())),
            (Topology::Unknown, _) => Some((Severity::Info, String::new())),
        }
    }

    /// How a chart default's host path weighs (D003, A009): as [`Context::spread`], but
    /// information on one node too (the default is worth knowing about there).
    pub fn default_spread(&self) -> (Severity, String) {
        self.spread().unwrap_or((Severity::Info, String::new()))
    }

    /// Whether a cluster snapshot lists the namespace's claims and Secrets: then the
    /// cluster rules (N) say what each claim and Secret is, not the general advice.
    pub fn cluster_namespace(&self) -> Option<&'a crate::cluster::Cluster> {
        self.cluster
            .map(|(cluster, _)| cluster)
            .filter(|c| c.namespace.is_some())
    }

    /// The value of `field` in `entry` when it can be checked: set, a scalar, no placeholder.
    pub fn value(&self, entry: &Entry, field: Field) -> Option<&'a str> {
        let pair = entry.field(field)?;
        if self.templated.contains(&pair.pair.value) {
            return None;
        }
        entry.text(self.doc, field)
    }

    /// The findings in file order. Only registered rules that apply to the file's chart
    /// get through: the registry's `charts` is the one place that says where a rule applies.
    pub fn finish(mut self) -> Vec<Finding> {
        let chart = self.chart;
        self.findings
            .retain(|f| by_code(f.code).is_some_and(|r| r.charts.includes(chart)));
        // Safe means safe: an edit inside an anchored node changes every alias of it too,
        // so such a fix is the user's call.
        let aliased = self.doc.aliased_spans();
        if !aliased.is_empty() {
            for fix in self.findings.iter_mut().filter_map(|f| f.fix.as_mut()) {
                let shared = fix.edits.iter().any(|e| {
                    aliased.iter().any(|s| {
                        e.start < s.end.max(s.start + 1) && s.start < e.end.max(e.start + 1)
                    })
                });
                if shared && fix.is_safe() {
                    fix.applicability = Applicability::Suggested;
                    fix.title.push_str(" (an anchor others use too)");
                }
            }
        }
        // Safe means nothing the user wrote is lost: a fix whose edits delete a comment
        // (a value after a tag and a comment, `x: !!str # c`) is the user's call.
        for fix in self.findings.iter_mut().filter_map(|f| f.fix.as_mut()) {
            if fix.is_safe() && fix.deleted_comment(self.text).is_some() {
                fix.applicability = Applicability::Suggested;
                fix.title.push_str(" (it would delete a comment)");
            }
        }
        // Safe means a working deployment stays working: moving a named entry's keys up
        // (S002) makes the chart read them, so an entry with an error of its own (a relative
        // `mountPath`) would replace the default that worked with one Kubernetes refuses.
        if self
            .findings
            .iter()
            .any(|f| f.code == "S002" && f.fix.is_some())
        {
            let errors: Vec<String> = self
                .findings
                .iter()
                .filter(|f| f.severity == Severity::Error && f.code != "S002")
                .map(|f| f.path.clone())
                .collect();
            for f in self.findings.iter_mut().filter(|f| f.code == "S002") {
                let Some(fix) = f.fix.as_mut().filter(|fix| fix.is_safe()) else {
                    continue;
                };
                let below = |t: &YamlPath| {
                    errors
                        .iter()
                        .any(|p| p.len() > t.as_str().len() && t.covers(p))
                };
                if fix.touches.iter().any(below) {
                    fix.applicability = Applicability::Suggested;
                    fix.title
                        .push_str(" (its keys have errors: fix them first)");
                }
            }
        }
        // By position, then by code (`K001` → 11001: the letter and the number).
        let code = |c: &str| {
            let letter = c.bytes().next().map_or(0, usize::from);
            letter * 1000
                + c.get(1..)
                    .and_then(|n| n.parse::<usize>().ok())
                    .unwrap_or(0)
        };
        crate::order::by_offsets(&mut self.findings, |f| (f.span.start, code(f.code)));
        self.findings
    }
}

#[cfg(test)]
mod tests {
    /// Each family's rules are in code order, the catalogue's, however its modules group them.
    #[test]
    fn each_family_in_code_order() {
        for family in &super::FAMILIES {
            let codes: Vec<&str> = family.rules.iter().map(|r| r.code).collect();
            let mut sorted = codes.clone();
            sorted.sort_unstable();
            assert_eq!(codes, sorted);
        }
    }
}
