//! The page's state: a reducer over [`Action`]s, as in Yew's function_todomvc example.
//!
//! Every verdict comes from storage-core: the state only decides when to ask for one.

use std::rc::Rc;

use storage_core::cluster::{self, Cluster};
use storage_core::form::{self, Card, FormEdit};
use storage_core::layers::Layer;
use storage_core::options::Options;
use storage_core::storage::{Field, Kind, Role};
use storage_core::{analyze_in, fix_all, LocatedFinding, Severity};
use yew::Reducible;

use crate::checker::Answer;

/// What storage-core says about one version of the text.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// The text these findings are for (the editor may be ahead while typing).
    pub text: Rc<str>,
    pub findings: Vec<LocatedFinding>,
    /// A card per storage entry of the file's chart.
    pub cards: Vec<Card>,
    pub chart: Option<storage_core::Chart>,
    /// Why that chart (the option, the file's first line, or its keys).
    pub basis: Option<storage_core::chart::ChartBasis>,
    /// What each kind of pod mounts (the storage map).
    pub map: storage_core::map::StorageMap,
    /// The schedulable nodes of the cluster snapshot, when its nodes decided the topology.
    pub nodes: Option<usize>,
    /// With layers: errors and warnings placed in each tab (the findings above are the
    /// active tab's), or why the layers cannot be merged (then the active tab alone).
    pub layer_counts: Vec<(usize, usize)>,
    pub layer_error: Option<String>,
}

/// Identity, not content: each analysis lives in its own `Rc`, and comparing two of them
/// field by field (the whole text, every finding) on every render is what made typing in
/// a 10,000-line file slow.
impl PartialEq for Analysis {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Analysis {
    pub fn of(text: Rc<str>, options: &Options, cluster: Option<&Cluster>) -> Self {
        if text.trim().is_empty() {
            return Analysis::blank(text);
        }
        Analysis::from_core(text.clone(), analyze_in(&text, options, cluster))
    }

    /// The active tab's text checked merged over (and under) the other tabs, as `helm -f`
    /// merges them in tab order: the findings placed in this tab, the storage map of the
    /// merged values, the cards of this tab (the forms edit it alone).
    pub fn of_layers(
        text: Rc<str>,
        options: &Options,
        cluster: Option<&Cluster>,
        tabs: &[LayerTab],
        active: usize,
    ) -> Self {
        let layers: Vec<Layer> = tabs
            .iter()
            .enumerate()
            .map(|(i, t)| Layer::file(&*t.name, if i == active { &*text } else { &*t.text }))
            .collect();
        match storage_core::layers::check_layers(&layers, options, cluster, None) {
            Ok(merged) => {
                let counts = (0..tabs.len())
                    .map(|tab| {
                        let report = merged.of_layer(tab);
                        (
                            report.count(Severity::Error),
                            report.count(Severity::Warning),
                        )
                    })
                    .collect();
                let mut analysis = Analysis::from_core(
                    text.clone(),
                    storage_core::Analysis {
                        report: merged.of_layer(active),
                        // The forms edit this tab: its own cards.
                        cards: storage_core::check::cards(&text, options),
                        map: merged.map,
                    },
                );
                analysis.layer_counts = counts;
                analysis
            }
            Err(e) => Analysis {
                layer_error: Some(e.message),
                ..Analysis::from_core(text.clone(), analyze_in(&text, options, cluster))
            },
        }
    }

    /// The empty page shows the start panel, not verdicts on nothing.
    fn blank(text: Rc<str>) -> Self {
        Analysis {
            text,
            ..Analysis::default()
        }
    }

    /// What the page shows of core's `analysis` of `text` (the same as [`Analysis::of`],
    /// whoever made the analysis).
    pub fn from_core(text: Rc<str>, analysis: storage_core::Analysis) -> Self {
        if text.trim().is_empty() {
            return Analysis::blank(text);
        }
        Analysis {
            findings: analysis.report.located(&text),
            cards: analysis.cards,
            map: analysis.map,
            chart: analysis.report.chart,
            basis: analysis.report.basis,
            nodes: analysis.report.nodes,
            text,
            ..Analysis::default()
        }
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// A card's findings: about its entry or anything below it.
    pub fn findings_of(&self, card: &Card) -> Vec<LocatedFinding> {
        self.findings
            .iter()
            .filter(|f| card.covers(&f.path))
            .cloned()
            .collect()
    }

    /// How many storage entries differ between this analysis and `after` (of the text an
    /// edit made): each entry whose card differs apart from its place in the text, the entries added
    /// or removed, a rename counting once (a removed and an added entry of one role pair
    /// up). Read from the cards, not from a diff of the texts: a flow-style line holding
    /// several entries, lone-CR line breaks or a diff too large for its table do not blur it.
    pub fn entries_changed(&self, after: &Analysis) -> usize {
        fn by_path(a: &Analysis) -> Vec<&Card> {
            let mut cards: Vec<&Card> = a.cards.iter().collect();
            cards.sort_unstable_by(|x, y| x.path.cmp(&y.path));
            cards
        }
        let (before, now) = (by_path(self), by_path(after));
        let (mut changed, mut removed, mut added) = (0, Vec::new(), Vec::new());
        let (mut i, mut j) = (0, 0);
        // Both sorted by path: one walk pairs the entries that stayed.
        loop {
            let order = match (before.get(i), now.get(j)) {
                (Some(b), Some(n)) => b.path.cmp(&n.path),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => break,
            };
            match order {
                std::cmp::Ordering::Equal => {
                    changed += usize::from(!before[i].same_apart_from_spans(now[j]));
                    i += 1;
                    j += 1;
                }
                std::cmp::Ordering::Less => {
                    removed.push(before[i].role);
                    i += 1;
                }
                std::cmp::Ordering::Greater => {
                    added.push(now[j].role);
                    j += 1;
                }
            }
        }
        // A removed and an added entry of the same role are one rename: each removed entry
        // counts, and the added ones no removed entry pairs with.
        for role in &removed {
            if let Some(at) = added.iter().position(|r| r == role) {
                added.swap_remove(at);
            }
        }
        changed + removed.len() + added.len()
    }

    pub fn safe_fix_count(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.fix.as_ref().is_some_and(|x| x.is_safe()))
            .count()
    }
}

/// Values typed per card and field, kept across kind switches. A few entries at most: a
/// list (a HashMap per key type would add code to the bundle for nothing).
#[derive(Debug, Clone, PartialEq)]
pub struct Drafts<C, F> {
    cards: Vec<(C, Vec<(F, String)>)>,
}

impl<C: PartialEq, F: PartialEq + Copy> Default for Drafts<C, F> {
    fn default() -> Self {
        Drafts { cards: Vec::new() }
    }
}

impl<C: PartialEq, F: PartialEq + Copy> Drafts<C, F> {
    pub fn set(&mut self, card: C, field: F, value: String) {
        let at = match self.cards.iter().position(|(c, _)| *c == card) {
            Some(at) => at,
            None => {
                self.cards.push((card, Vec::new()));
                self.cards.len() - 1
            }
        };
        let fields = &mut self.cards[at].1;
        match fields.iter_mut().find(|(f, _)| *f == field) {
            Some(slot) => slot.1 = value,
            None => fields.push((field, value)),
        }
    }

    pub fn get(&self, card: &C, field: F) -> Option<&str> {
        self.cards
            .iter()
            .find(|(c, _)| c == card)
            .and_then(|(_, fields)| fields.iter().find(|(f, _)| *f == field))
            .map(|(_, v)| v.as_str())
    }

    pub fn clear(&mut self) {
        self.cards.clear();
    }
}

/// A tab of the layers (issue 22): a values file Helm merges after the ones before it.
#[derive(Debug, Clone, PartialEq)]
pub struct LayerTab {
    pub name: Rc<str>,
    /// Its text, and the text as loaded (what its export is compared with); for the active
    /// tab these are `State::text` and `State::baseline`, and these copies are stale.
    pub text: Rc<str>,
    pub baseline: Rc<str>,
}

/// Files up to this size are checked on the page, right after each keystroke's frame;
/// larger ones in the checker's worker (checker.rs), or once typing pauses without one.
pub const LIVE_LIMIT: usize = 100_000;

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// The editor's text, as typed.
    pub text: Rc<str>,
    /// The text as pasted or loaded: what the export is compared with.
    pub baseline: Rc<str>,
    pub options: Options,
    /// The cluster snapshot checks run against (its facts only: the text it was read
    /// from is dropped, and nothing of it is stored in the browser).
    pub cluster: Option<Rc<Cluster>>,
    pub analysis: Rc<Analysis>,
    /// Index into `analysis.findings` of the finding the user picked.
    pub selected: Option<usize>,
    /// Counts the picks of a finding: picking the same one again selects its span again.
    pub picks: u64,
    /// Values typed in a card (by entry path), per field, kept across kind switches.
    pub drafts: Drafts<String, Field>,
    /// A one-line message about the last action (a form edit refused, fixes applied...).
    pub notice: Option<String>,
    /// Bumped on every change of `text`: the check effect (app.rs) listens to it, and it
    /// names the text a request to the checker's worker is for.
    pub revision: u64,
    /// The `revision` whose text `analysis` describes.
    pub checked: u64,
    /// Bumped on every whole new text (an example, a file, a drop): the editor starts a
    /// fresh undo history for it.
    pub loads: u64,
    /// The finding whose span holds the editor's cursor.
    pub at_cursor: Option<usize>,
    /// Entries added from the forms and not left yet (paths): their missing fields show as
    /// "to fill", not as errors, until the user leaves the card or exports.
    pub fresh: Vec<String>,
    /// What the migration could not carry over: said until dismissed (the text no longer
    /// shows it once `persistence` is gone).
    pub migration_note: Option<String>,
    /// The migration, or fixes that change more than one entry, shown before they are made
    /// (from the button, the tooltip and Ctrl-. alike): made only on `ConfirmEdit`.
    pub pending_edit: Option<Rc<PendingEdit>>,
    /// The layers, base first, when there are several (empty: one file, as before).
    pub tabs: Vec<LayerTab>,
    /// The tab the editor shows.
    pub active: usize,
}

impl State {
    pub fn new(text: &str, baseline: &str, options: Options) -> Self {
        let text: Rc<str> = text.into();
        State {
            analysis: Rc::new(Analysis::of(text.clone(), &options, None)),
            cluster: None,
            text,
            baseline: baseline.into(),
            options,
            selected: None,
            picks: 0,
            drafts: Drafts::default(),
            notice: None,
            revision: 0,
            checked: 0,
            loads: 0,
            at_cursor: None,
            fresh: Vec::new(),
            migration_note: None,
            pending_edit: None,
            tabs: Vec::new(),
            active: 0,
        }
    }

    /// The base file the editor's text names on its first line (`layer-of=`) while it is
    /// checked alone: the page cannot read it, the user can add it.
    pub fn missing_base(&self) -> Option<String> {
        if self.layered() {
            return None;
        }
        storage_core::directive::parse(&self.text)?.layer_of
    }

    /// Whether the text is checked as one of several layers.
    pub fn layered(&self) -> bool {
        self.tabs.len() > 1
    }

    /// Whether the findings describe the text in the editor.
    pub fn is_current(&self) -> bool {
        self.checked == self.revision
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The user typed; findings follow (app.rs decides when and where they are made).
    Edit(Rc<str>),
    /// Check the current text here (a small file after the keystroke's frame, or a large
    /// one without a worker once typing pauses).
    Analyze,
    /// The checker's worker answered for the text of `revision` (checker.rs).
    Checked {
        revision: u64,
        answer: Answer,
    },
    /// A whole new text (example, file, drop): becomes the export's baseline too.
    Load(String),
    SetOptions(Options),
    Select(Option<usize>),
    /// The editor's cursor entered this finding's span (or left them all).
    Cursor(Option<usize>),
    /// Apply the fix of this finding.
    ApplyFix(usize),
    ApplySafeFixes,
    Form(FormEdit),
    /// Switch the entry at this path to a kind, restoring what was typed for it before.
    SwitchKind {
        entry: String,
        kind: Kind,
    },
    /// Add an entry of this role, starting from this kind.
    AddEntry(Role, Option<Kind>),
    /// Back to the text as loaded: one undoable step in the editor.
    Revert,
    /// The focus left this (fresh) card.
    Leave(String),
    /// The text was downloaded or copied: fresh cards are fresh no more.
    Exported,
    DismissMigrationNote,
    /// Make the migration shown in its review.
    ConfirmEdit,
    /// Close the migration's review without making it.
    CancelEdit,
    DismissNotice,
    /// A file the user dropped or opened could not be taken (not text): why. The text stays.
    Refused(String),
    /// A kubectl snapshot pasted, dropped or opened: read into the cluster's facts (the
    /// text goes no further), or refused with why.
    Cluster(String),
    /// Check without the cluster again.
    ClearCluster,
    /// A values file added as the last layer (its name, its text); the editor shows it.
    AddLayer {
        name: String,
        text: String,
    },
    /// A values file added under all the tabs, as the base (for a file whose first line
    /// says `layer-of=`); the editor keeps showing the same text.
    AddBase {
        name: String,
        text: String,
    },
    /// Show this tab in the editor.
    SwitchLayer(usize),
    /// Drop this tab (not the base); with one tab left, the page checks one file again.
    RemoveLayer(usize),
}

/// What an edit under review is.
#[derive(Debug, Clone, PartialEq)]
pub enum Reviewed {
    /// The migration to today's chart (finding A008): always reviewed.
    Migration,
    /// Fixes that change more than one entry (issue 23: an edit whose result the user has
    /// not seen opens its preview first): `entries` changed; once applied, the notice says
    /// `said`, what the findings became, then `left_out`.
    Fixes {
        entries: usize,
        said: String,
        left_out: String,
    },
}

/// An edit under review: the text it would make, what changes, and what it would lose.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingEdit {
    pub what: Reviewed,
    /// The text it was made from: once the editor holds another, the review is gone.
    pub from: Rc<str>,
    /// The migrated text.
    pub text: Rc<str>,
    /// The fix's title, for the notice.
    pub title: String,
    /// The change, as the page's diff shows it.
    pub hunks: Vec<storage_core::diff::Hunk>,
    /// What the v1+ file would not do as the v0 file did, or not carry at all.
    pub losses: Vec<String>,
    /// Errors in the entries it carries (the same count as the CLI's refusal): they come
    /// along into the migrated file.
    pub errors: usize,
    /// The analysis of `text`, when made already (fixes: counting the entries needed it).
    pub analysis: Option<Rc<Analysis>>,
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.notice = None;
        match action {
            Action::Edit(text) => {
                if *text == *self.text {
                    return self;
                }
                if self.text.trim().is_empty() {
                    // The first text in an empty editor is what was pasted.
                    next.baseline = text.clone();
                }
                // The check follows (app.rs): here after this keystroke's frame for files up
                // to `LIVE_LIMIT`, in the checker's worker for larger ones.
                next.set_text(text);
            }
            Action::Analyze => {
                if self.is_current() {
                    return self;
                }
                // The notice is about what the user did last, not about this check.
                next.notice = self.notice.clone();
                next.analyze();
            }
            Action::Checked { revision, answer } => {
                // Not needed: an analysis of an older text, or any answer once the text is
                // checked here (an option change, a fix and a form edit check at once, so
                // an answer made under the old options never lands).
                let analysis = matches!(answer, Answer::Analysis(_));
                if self.is_current() || (analysis && revision != self.revision) {
                    return self;
                }
                next.notice = self.notice.clone();
                match answer {
                    Answer::Analysis(analysis) => {
                        next.set_analysis(Analysis::from_core(self.text.clone(), analysis))
                    }
                    Answer::Gone => next.analyze(),
                    Answer::TimedOut => {
                        next.notice = Some(
                            "Checking this text took over a minute and was stopped; it is checked again once you edit it."
                                .into(),
                        )
                    }
                }
            }
            Action::Load(text) => {
                let text: Rc<str> = text.into();
                next.baseline = text.clone();
                next.set_text(text);
                next.loads += 1;
                next.drafts.clear();
                next.fresh.clear();
                next.migration_note = None;
                next.analyze();
            }
            Action::Refused(why) => {
                next.notice = Some(why);
            }
            Action::Cluster(text) => match cluster::read(&text) {
                Ok(cluster) => {
                    next.cluster = Some(Rc::new(cluster));
                    next.pending_edit = None;
                    next.analyze();
                }
                Err(e) => next.notice = Some(format!("The cluster snapshot was not used: {e}")),
            },
            Action::ClearCluster => {
                next.cluster = None;
                next.pending_edit = None;
                next.analyze();
            }
            Action::SetOptions(options) => {
                next.options = options;
                // The review was made under the old options.
                next.pending_edit = None;
                next.analyze();
            }
            Action::Select(index) => {
                next.selected = index;
                next.picks += 1;
            }
            Action::Cursor(index) => {
                if index == self.at_cursor {
                    return self;
                }
                next.at_cursor = index;
                // Moving the cursor is not an action the notice is about.
                next.notice = self.notice.clone();
            }
            Action::ApplyFix(index) => {
                let Some(fix) = self
                    .analysis
                    .findings
                    .get(index)
                    .and_then(|f| f.fix.clone())
                else {
                    return self;
                };
                if !self.is_current() {
                    next.analyze();
                    next.notice =
                        Some("The findings were out of date; they are refreshed now.".into());
                    return Rc::new(next);
                }
                let migration = self
                    .analysis
                    .findings
                    .get(index)
                    .and_then(|f| match &f.detail {
                        Some(storage_core::Detail::Migration(m)) => Some(m.clone()),
                        _ => None,
                    });
                match (
                    storage_core::fix::apply_with(&self.text, &[&fix], &self.options),
                    migration,
                ) {
                    // The migration rewrites the whole storage block: it is shown first,
                    // with what it would lose, and made only once the user says so.
                    (Ok(applied), Some(m)) => {
                        let errors = self
                            .analysis
                            .findings
                            .iter()
                            .filter(|f| f.severity == Severity::Error)
                            .filter(|f| storage_core::migrate::carries(&m.carried, f.path.as_str()))
                            .count();
                        next.pending_edit = Some(Rc::new(PendingEdit {
                            what: Reviewed::Migration,
                            from: self.text.clone(),
                            hunks: storage_core::diff::hunks(&self.text, &applied.text, 3),
                            text: applied.text.into(),
                            title: fix.title.clone(),
                            losses: m
                                .skipped
                                .iter()
                                .chain(&m.losses)
                                .chain(&m.dropped)
                                .cloned()
                                .collect(),
                            errors,
                            analysis: None,
                        }));
                    }
                    (Ok(applied), None) => {
                        let said = format!("Applied: {}. ", fix.title);
                        next.review_or_apply(&self, applied.text, said, String::new());
                    }
                    (Err(e), _) => next.notice = Some(format!("Not applied: {e}")),
                }
            }
            Action::ConfirmEdit => {
                let Some(pending) = self.pending_edit.clone() else {
                    return self;
                };
                next.pending_edit = None;
                if pending.from != self.text {
                    next.notice = Some(
                        "The text changed since the migration was shown; nothing was changed."
                            .into(),
                    );
                    return Rc::new(next);
                }
                if !pending.losses.is_empty() {
                    next.migration_note = Some(format!(
                        "Migrated. Not carried over: {}.",
                        pending.losses.join("; ")
                    ));
                }
                next.set_text(pending.text.clone());
                match &pending.analysis {
                    Some(analysis) => next.set_analysis(analysis.clone()),
                    None => next.analyze(),
                }
                if let Reviewed::Fixes { said, left_out, .. } = &pending.what {
                    next.notice = Some(format!(
                        "{said}{}.{left_out}",
                        next.outcome_since(&self.analysis)
                    ));
                    return Rc::new(next);
                }
                // Not "N fixed": the v0 findings went with `persistence`, they were not fixed.
                let errors = next
                    .analysis
                    .findings
                    .iter()
                    .filter(|f| f.severity == Severity::Error)
                    .count();
                next.notice = Some(format!(
                    "Applied: {}. The file is now read as today's chart: {errors} error{}.",
                    pending.title,
                    if errors == 1 { "" } else { "s" }
                ));
            }
            Action::CancelEdit => {
                if self.pending_edit.is_none() {
                    return self;
                }
                next.pending_edit = None;
            }
            Action::ApplySafeFixes => {
                let done = if self.layered() {
                    layer_safe_fixes(&self.text, &self.analysis)
                } else {
                    fix_all(&self.text, &self.options)
                };
                // The first fix left out is named; the findings list shows the rest.
                let left_out = done
                    .skipped
                    .first()
                    .map(|s| format!(" Left out: {} ({}).", s.title, s.reason))
                    .unwrap_or_default();
                // Counted as the button counted them (the safe fixes on the findings), and
                // what fixing them made possible said apart (issue 23: "Apply safe fixes (4)"
                // was followed by "Applied 5 safe fixes"): a scheme added once the store
                // is spelled right, say.
                let offered = self.analysis.safe_fix_count();
                let fixes = |n: usize| format!("{n} safe fix{}", if n == 1 { "" } else { "es" });
                let notice = match done.applied.cmp(&offered) {
                    std::cmp::Ordering::Greater if offered > 0 => format!(
                        "Applied the {} and {} more {} made possible",
                        fixes(offered),
                        done.applied - offered,
                        if offered == 1 { "it" } else { "they" }
                    ),
                    std::cmp::Ordering::Less => {
                        format!("Applied {} of the {}", done.applied, fixes(offered))
                    }
                    _ => format!("Applied {}", fixes(done.applied)),
                };
                if done.applied > 0 {
                    let said = format!("{notice}: ");
                    next.review_or_apply(&self, done.text, said, left_out);
                } else {
                    next.notice = Some(format!("{notice}.{left_out}"));
                }
            }
            Action::Form(edit) => {
                if let FormEdit::SetField {
                    entry,
                    field,
                    value,
                    ..
                } = &edit
                {
                    next.drafts.set(entry.clone(), *field, value.clone());
                }
                next.form_edit(&edit);
            }
            Action::SwitchKind { entry, kind } => {
                let card = self.analysis.cards.iter().find(|c| c.path == entry);
                let chart = card.map_or(storage_core::Chart::V0, |c| c.chart);
                let current: Vec<(Field, String)> = card
                    .map(|c| {
                        c.fields
                            .iter()
                            .map(|f| (f.field, f.value.clone()))
                            .collect()
                    })
                    .unwrap_or_default();
                // Remember what is in the text now, so switching back restores it.
                for (field, value) in current {
                    if !value.is_empty() {
                        next.drafts.set(entry.clone(), field, value);
                    }
                }
                let values = kind
                    .fields(chart)
                    .iter()
                    .filter_map(|f| next.drafts.get(&entry, *f).map(|v| (*f, v.to_string())))
                    .collect();
                next.form_edit(&FormEdit::SetKind {
                    entry,
                    chart,
                    kind,
                    values,
                });
            }
            Action::AddEntry(role, kind) => {
                next.form_edit(&FormEdit::Add { role, kind });
                // The card that was not there before is the new entry.
                let added = next
                    .analysis
                    .cards
                    .iter()
                    .find(|c| !self.analysis.cards.iter().any(|o| o.path == c.path));
                if let Some(card) = added {
                    next.fresh.push(card.path.clone());
                }
            }
            Action::Leave(entry) => {
                next.fresh.retain(|p| *p != entry);
                next.notice = self.notice.clone();
            }
            Action::DismissMigrationNote => {
                next.migration_note = None;
                next.notice = self.notice.clone();
            }
            Action::Exported => {
                if self.fresh.is_empty() {
                    return self;
                }
                next.fresh.clear();
                next.notice = self.notice.clone();
            }
            Action::Revert => {
                if self.text == self.baseline {
                    return self;
                }
                next.set_text(self.baseline.clone());
                next.analyze();
                next.migration_note = None;
                next.notice = Some(
                    "Reverted to the file as loaded; Ctrl-Z in the editor brings your changes back."
                        .into(),
                );
            }
            Action::AddLayer { name, text } => {
                if next.tabs.is_empty() {
                    next.tabs.push(LayerTab {
                        name: "values.yaml".into(),
                        text: self.text.clone(),
                        baseline: self.baseline.clone(),
                    });
                }
                let text: Rc<str> = text.into();
                next.tabs.push(LayerTab {
                    name: unique_name(&next.tabs, &name).into(),
                    text: text.clone(),
                    baseline: text,
                });
                let last = next.tabs.len() - 1;
                next.show_tab(last);
            }
            Action::AddBase { name, text } => {
                next.keep_tab();
                if next.tabs.is_empty() {
                    next.tabs.push(LayerTab {
                        name: "layer.yaml".into(),
                        text: self.text.clone(),
                        baseline: self.baseline.clone(),
                    });
                }
                let text: Rc<str> = text.into();
                let name = unique_name(&next.tabs, &name);
                next.tabs.insert(
                    0,
                    LayerTab {
                        name: name.into(),
                        text: text.clone(),
                        baseline: text,
                    },
                );
                next.active += 1;
                next.analyze();
            }
            Action::SwitchLayer(tab) => {
                if tab == self.active || tab >= self.tabs.len() {
                    return self;
                }
                next.show_tab(tab);
            }
            Action::RemoveLayer(tab) => {
                if tab == 0 || tab >= self.tabs.len() {
                    return self;
                }
                next.keep_tab();
                next.tabs.remove(tab);
                let show = if self.active >= tab {
                    self.active - 1
                } else {
                    self.active
                };
                next.active = usize::MAX;
                next.show_tab(show);
                if next.tabs.len() == 1 {
                    // One file again: the base is the editor's text, checked on its own.
                    next.tabs.clear();
                    next.active = 0;
                    next.analyze();
                }
            }
            Action::DismissNotice => {}
        }
        Rc::new(next)
    }
}

impl State {
    /// "N fixed, M remaining" between `before` and the current findings, naming any
    /// finding the change revealed.
    fn outcome_since(&self, before: &Analysis) -> String {
        storage_core::FixOutcome::between(
            before.findings.iter().map(|f| (f.code, f.path.as_str())),
            self.analysis
                .findings
                .iter()
                .map(|f| (f.code, f.path.as_str())),
        )
        .summary()
    }

    fn set_text(&mut self, text: Rc<str>) {
        self.text = text;
        self.revision += 1;
        self.selected = None;
        // A review is of the text it was made from.
        self.pending_edit = None;
    }

    fn analyze(&mut self) {
        self.set_analysis(self.analysis_of(self.text.clone()));
    }

    /// The analysis of `text` as the active tab's (merged with the other layers when
    /// there are any), under this state's options and cluster.
    fn analysis_of(&self, text: Rc<str>) -> Analysis {
        if self.layered() {
            Analysis::of_layers(
                text,
                &self.options,
                self.cluster.as_deref(),
                &self.tabs,
                self.active,
            )
        } else {
            Analysis::of(text, &self.options, self.cluster.as_deref())
        }
    }

    /// Saves the editor's text and baseline into the active tab.
    fn keep_tab(&mut self) {
        if let Some(tab) = self.tabs.get_mut(self.active) {
            tab.text = self.text.clone();
            tab.baseline = self.baseline.clone();
        }
    }

    /// The editor shows tab `tab` (a fresh undo history: each tab is its own file).
    fn show_tab(&mut self, tab: usize) {
        self.keep_tab();
        let Some(shown) = self.tabs.get(tab).cloned() else {
            return;
        };
        self.active = tab;
        self.baseline = shown.baseline;
        self.set_text(shown.text);
        self.loads += 1;
        self.drafts.clear();
        self.fresh.clear();
        self.migration_note = None;
        self.analyze();
    }

    fn set_analysis(&mut self, analysis: impl Into<Rc<Analysis>>) {
        self.analysis = analysis.into();
        self.checked = self.revision;
        if self
            .selected
            .is_some_and(|i| i >= self.analysis.findings.len())
        {
            self.selected = None;
        }
    }

    /// Makes `text`, what fixes on `before`'s text made: at once when they change one entry
    /// at most; else shown for review first, made on `ConfirmEdit`. The notice then says
    /// `said`, what the findings became, and `left_out`.
    fn review_or_apply(&mut self, before: &State, text: String, said: String, left_out: String) {
        let text: Rc<str> = text.into();
        // The analysis of the fixed text: to count the entries it changes, then shown as is
        // (no second check once applied).
        let after = before.analysis_of(text.clone());
        // The findings may be a keystroke behind while a large file's check runs in the
        // worker: the entries are counted on the text the fixes were made on.
        let entries = if before.is_current() {
            before.analysis.entries_changed(&after)
        } else {
            before
                .analysis_of(before.text.clone())
                .entries_changed(&after)
        };
        if entries > 1 {
            self.pending_edit = Some(Rc::new(PendingEdit {
                what: Reviewed::Fixes {
                    entries,
                    said,
                    left_out,
                },
                from: before.text.clone(),
                hunks: storage_core::diff::hunks(&before.text, &text, 3),
                text,
                title: String::new(),
                losses: Vec::new(),
                errors: 0,
                analysis: Some(Rc::new(after)),
            }));
            return;
        }
        self.set_text(text);
        self.set_analysis(after);
        self.notice = Some(format!(
            "{said}{}.{left_out}",
            self.outcome_since(&before.analysis)
        ));
    }

    fn form_edit(&mut self, edit: &FormEdit) {
        match form::apply_edit(&self.text, edit) {
            Ok(text) => {
                self.set_text(text.into());
                self.analyze();
            }
            Err(e) => self.notice = Some(format!("Not changed: {e}")),
        }
    }
}

/// `name`, or `name (2)`, `name (3)`... when a tab has it already.
fn unique_name(tabs: &[LayerTab], name: &str) -> String {
    let name = if name.trim().is_empty() {
        "layer.yaml"
    } else {
        name
    };
    let taken = |n: &str| tabs.iter().any(|t| &*t.name == n);
    if !taken(name) {
        return name.to_string();
    }
    (2..)
        .map(|i| format!("{name} ({i})"))
        .find(|n| !taken(n))
        .unwrap_or_default()
}

/// A layer's safe fixes, as the merged check placed them in it (`fix_all` would fix the
/// layer as if it were the whole file): made together, or none with why.
fn layer_safe_fixes(text: &str, analysis: &Analysis) -> storage_core::FixAll {
    let fixes: Vec<&storage_core::Fix> = analysis
        .findings
        .iter()
        .filter_map(|f| f.fix.as_ref())
        .filter(|f| f.is_safe())
        .collect();
    match storage_core::apply(text, &fixes) {
        Ok(applied) => storage_core::FixAll {
            text: applied.text,
            applied: fixes.len(),
            skipped: Vec::new(),
            declared: Vec::new(),
        },
        Err(e) => storage_core::FixAll {
            text: text.to_string(),
            applied: 0,
            skipped: vec![storage_core::Skipped {
                title: "the safe fixes".into(),
                reason: e.to_string(),
            }],
            declared: Vec::new(),
        },
    }
}
