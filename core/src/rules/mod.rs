//! The rule catalogue: one module per family, each rule defined (and documented) as a
//! [`Rule`] constant next to the code that reports it.
//!
//! | family | module |
//! |---|---|
//! | Y reading the file | [`reading`] |
//! | S shape of the section | [`shape`] |
//! | K keys | [`keys`] |
//! | T types | [`types`] |
//! | V volumes | [`volumes`] |
//! | C cloud stores | [`cloud`] |
//! | D deployment topology | [`topology`] |
//! | E edition | [`edition`] |
//! | A v1+ artifactsStore / connections | [`artifacts`] |

pub mod artifacts;
pub mod cloud;
pub mod edition;
pub mod keys;
pub mod reading;
pub mod shape;
pub mod topology;
pub mod types;
pub mod volumes;

use std::collections::HashSet;

use serde::Serialize;

use crate::finding::{Finding, Severity};
use crate::model::v0::{Entry, Key, Persistence};
use crate::options::Options;
use crate::source::Span;
use crate::yaml::{Document, NodeId};

/// Which fixes a rule can offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FixKind {
    /// No fix.
    None,
    /// A fix applied without asking.
    Safe,
    /// A fix the user confirms.
    Suggested,
}

/// A rule of the catalogue (`../shared/spec/RULES.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Rule {
    /// Stable code: family letter and number.
    pub code: &'static str,
    /// The severity it usually has (some rules vary it by option, see `summary`).
    pub severity: Severity,
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

/// Every rule, in catalogue order.
pub const ALL: &[&Rule] = &[
    &reading::Y001,
    &reading::Y002,
    &reading::Y003,
    &reading::Y004,
    &reading::Y005,
    &shape::S001,
    &shape::S002,
    &shape::S003,
    &shape::S004,
    &shape::S005,
    &shape::S006,
    &keys::K001,
    &keys::K002,
    &keys::K003,
    &keys::K004,
    &types::T001,
    &types::T002,
    &volumes::V001,
    &volumes::V002,
    &volumes::V003,
    &volumes::V004,
    &volumes::V005,
    &volumes::V006,
    &volumes::V007,
    &volumes::V008,
    &volumes::V009,
    &cloud::C001,
    &cloud::C002,
    &cloud::C003,
    &cloud::C004,
    &cloud::C005,
    &cloud::C006,
    &cloud::C007,
    &cloud::C008,
    &cloud::C009,
    &cloud::C010,
    &cloud::C011,
    &topology::D001,
    &topology::D002,
    &topology::D003,
    &edition::E001,
    &artifacts::A001,
    &artifacts::A002,
    &artifacts::A003,
    &artifacts::A004,
    &artifacts::A005,
    &artifacts::A006,
    &artifacts::A007,
    &artifacts::A008,
    &artifacts::A009,
];

/// The rule with this code.
pub fn by_code(code: &str) -> Option<&'static Rule> {
    ALL.iter().copied().find(|r| r.code == code)
}

/// What every rule sees, and where it reports.
pub(crate) struct Context<'a> {
    pub text: &'a str,
    pub doc: &'a Document,
    pub options: &'a Options,
    pub persistence: &'a Persistence,
    /// Values holding a `{{ }}` / `${}` placeholder: reported once (Y005), checked never.
    pub templated: HashSet<NodeId>,
    pub findings: Vec<Finding>,
}

impl<'a> Context<'a> {
    /// Records a finding of `rule` and returns it, to add a fix or change its severity.
    pub fn report(
        &mut self,
        rule: &Rule,
        span: Span,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> &mut Finding {
        self.findings.push(Finding {
            code: rule.code,
            severity: rule.severity,
            message: message.into(),
            path: path.into(),
            span,
            why: rule.why,
            detail: None,
            fix: None,
        });
        let last = self.findings.len() - 1;
        &mut self.findings[last]
    }

    /// The value of `key` in `entry` when it can be checked: set, a scalar, no placeholder.
    pub fn value(&self, entry: &Entry, key: Key) -> Option<&'a str> {
        let field = entry.field(key)?;
        if self.templated.contains(&field.pair.value) {
            return None;
        }
        entry.text(self.doc, key)
    }
}
