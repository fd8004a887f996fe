//! The page's state: a reducer over [`Action`]s, as in Yew's function_todomvc example.
//!
//! Every verdict comes from storage-core: the state only decides when to ask for one.

use std::rc::Rc;

use storage_core::form::v1::{self as form_v1, V1Card, V1Edit, V1Field};
use storage_core::form::{self, Card, CardKind, FormEdit};
use storage_core::model::v0::{Key, Section};
use storage_core::model::v1::V1Kind;
use storage_core::options::Options;
use storage_core::{check, fix_all, LocatedFinding, Severity};
use yew::Reducible;

/// What storage-core says about one version of the text.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// The text these findings are for (the editor may be ahead while typing).
    pub text: Rc<str>,
    pub findings: Vec<LocatedFinding>,
    pub cards: Vec<Card>,
    /// The v1+ cards (`artifactsStore`, each connection) when the file is for that chart.
    pub v1_cards: Vec<V1Card>,
    pub chart: Option<storage_core::Chart>,
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
    pub fn of(text: Rc<str>, options: &Options) -> Self {
        if text.trim().is_empty() {
            // The empty page shows the start panel, not verdicts on nothing.
            return Analysis {
                text,
                ..Analysis::default()
            };
        }
        let report = check(&text, options);
        let findings = report.located(&text);
        let (cards, v1_cards) = match storage_core::yaml::load(&text, &options.limits) {
            Ok(doc) if report.chart == Some(storage_core::Chart::V1) => {
                (Vec::new(), form_v1::cards(&doc))
            }
            Ok(doc) => (form::cards(&doc), Vec::new()),
            Err(_) => (Vec::new(), Vec::new()),
        };
        Analysis {
            findings,
            cards,
            v1_cards,
            chart: report.chart,
            text,
        }
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// The findings about the node at `path` or anything below it (a card's findings).
    pub fn findings_under(&self, path: &str) -> Vec<LocatedFinding> {
        self.findings
            .iter()
            .filter(|f| {
                f.path
                    .strip_prefix(path)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
            })
            .cloned()
            .collect()
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

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// The editor's text, as typed.
    pub text: Rc<str>,
    /// The text as pasted or loaded: what the export is compared with.
    pub baseline: Rc<str>,
    pub options: Options,
    pub analysis: Rc<Analysis>,
    /// Index into `analysis.findings` of the finding the user picked.
    pub selected: Option<usize>,
    /// Values typed in a card, per kind key, kept across kind switches.
    pub drafts: Drafts<(Section, String), Key>,
    /// The same for v1+ cards, by connection path.
    pub v1_drafts: Drafts<String, V1Field>,
    /// A one-line message about the last action (a form edit refused, fixes applied...).
    pub notice: Option<String>,
    /// Bumped on every change of `text`; the debounce effect listens to it.
    pub revision: u64,
}

impl State {
    pub fn new(text: &str, baseline: &str, options: Options) -> Self {
        let text: Rc<str> = text.into();
        State {
            analysis: Rc::new(Analysis::of(text.clone(), &options)),
            text,
            baseline: baseline.into(),
            options,
            selected: None,
            drafts: Drafts::default(),
            v1_drafts: Drafts::default(),
            notice: None,
            revision: 0,
        }
    }

    /// Whether the findings describe the text in the editor.
    pub fn is_current(&self) -> bool {
        *self.analysis.text == *self.text
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The user typed; findings follow after the debounce.
    Edit(String),
    /// The debounce ran out: check the current text.
    Analyze,
    /// A whole new text (example, file, drop): becomes the export's baseline too.
    Load(String),
    SetOptions(Options),
    Select(Option<usize>),
    /// Apply the fix of this finding.
    ApplyFix(usize),
    ApplySafeFixes,
    Form(FormEdit),
    SwitchKind {
        section: Section,
        name: String,
        kind: CardKind,
    },
    AddEntry(Section),
    V1Form(V1Edit),
    SwitchV1Kind {
        path: String,
        kind: V1Kind,
    },
    DismissNotice,
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
                let text: Rc<str> = text.into();
                if self.text.trim().is_empty() {
                    // The first text in an empty editor is what was pasted.
                    next.baseline = text.clone();
                }
                next.set_text(text);
            }
            Action::Analyze => {
                if self.is_current() {
                    return self;
                }
                next.analyze();
            }
            Action::Load(text) => {
                let text: Rc<str> = text.into();
                next.baseline = text.clone();
                next.set_text(text);
                next.drafts.clear();
                next.v1_drafts.clear();
                next.analyze();
            }
            Action::SetOptions(options) => {
                next.options = options;
                next.analyze();
            }
            Action::Select(index) => next.selected = index,
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
                match storage_core::apply(&self.text, &[&fix]) {
                    Ok(applied) => {
                        next.set_text(applied.text.into());
                        next.analyze();
                        next.notice = Some(format!("Applied: {}", fix.title));
                    }
                    Err(e) => next.notice = Some(format!("Not applied: {e}")),
                }
            }
            Action::ApplySafeFixes => match fix_all(&self.text, &self.options) {
                Ok(done) if done.applied > 0 => {
                    next.set_text(done.text.into());
                    next.analyze();
                    next.notice = Some(format!("Applied {} safe fix(es).", done.applied));
                }
                Ok(_) => next.notice = Some("No safe fix to apply.".into()),
                Err(e) => next.notice = Some(format!("Not applied: {e}")),
            },
            Action::Form(edit) => {
                if let FormEdit::SetField {
                    section,
                    name,
                    key,
                    value,
                } = &edit
                {
                    next.drafts
                        .set((*section, name.clone()), *key, value.clone());
                }
                next.form_edit(&edit);
            }
            Action::SwitchKind {
                section,
                name,
                kind,
            } => {
                let card_values: Vec<(Key, String)> = self
                    .analysis
                    .cards
                    .iter()
                    .find(|c| c.section == section && c.name == name)
                    .map(|c| c.fields.iter().map(|f| (f.key, f.value.clone())).collect())
                    .unwrap_or_default();
                let card = (section, name.clone());
                // Remember what is in the text now, so switching back restores it.
                for (key, value) in card_values {
                    if !value.is_empty() {
                        next.drafts.set(card.clone(), key, value);
                    }
                }
                let values = kind
                    .keys()
                    .iter()
                    .filter_map(|k| next.drafts.get(&card, *k).map(|v| (*k, v.to_string())))
                    .collect();
                next.form_edit(&FormEdit::SetKind {
                    section,
                    name,
                    kind,
                    values,
                });
            }
            Action::AddEntry(Section::Logs) => {
                // logs is one entry: start it from the chart's default mount path.
                next.form_edit(&FormEdit::SetField {
                    section: Section::Logs,
                    name: "logs".into(),
                    key: Key::MountPath,
                    value: "/polyaxon-logs".into(),
                });
            }
            Action::AddEntry(section) => {
                let taken = |n: &str| self.analysis.cards.iter().any(|c| c.name == n);
                let base = section.key();
                let name = std::iter::once(base.to_string())
                    .chain((2..).map(|i| format!("{base}-{i}")))
                    .find(|n| !taken(n))
                    .unwrap_or_else(|| base.to_string());
                next.form_edit(&FormEdit::Add { section, name });
            }
            Action::V1Form(edit) => {
                if let V1Edit::SetField { path, field, value } = &edit {
                    next.v1_drafts.set(path.clone(), *field, value.clone());
                }
                next.v1_edit(&edit);
            }
            Action::SwitchV1Kind { path, kind } => {
                let current: Vec<(V1Field, String)> = self
                    .analysis
                    .v1_cards
                    .iter()
                    .find(|c| c.path == path)
                    .map(|c| c.fields.clone())
                    .unwrap_or_default();
                for (field, value) in current {
                    if !value.is_empty() {
                        next.v1_drafts.set(path.clone(), field, value);
                    }
                }
                let values = V1Field::of_kind(kind)
                    .iter()
                    .filter_map(|f| next.v1_drafts.get(&path, *f).map(|v| (*f, v.to_string())))
                    .collect();
                next.v1_edit(&V1Edit::SetKind { path, kind, values });
            }
            Action::DismissNotice => {}
        }
        Rc::new(next)
    }
}

impl State {
    fn set_text(&mut self, text: Rc<str>) {
        self.text = text;
        self.revision += 1;
        self.selected = None;
    }

    fn analyze(&mut self) {
        self.analysis = Rc::new(Analysis::of(self.text.clone(), &self.options));
        if self
            .selected
            .is_some_and(|i| i >= self.analysis.findings.len())
        {
            self.selected = None;
        }
    }

    fn v1_edit(&mut self, edit: &V1Edit) {
        match form_v1::apply_edit(&self.text, edit) {
            Ok(text) => {
                self.set_text(text.into());
                self.analyze();
            }
            Err(e) => self.notice = Some(format!("Not changed: {e}")),
        }
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
