//! The findings list: counts by severity (announced to screen readers) and one item per finding.

use std::rc::Rc;

use storage_core::yaml::path::covers;
use storage_core::{LocatedFinding, Severity};
use yew::prelude::*;

use super::finding_item::FindingItem;
use crate::state::Analysis;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub analysis: Rc<Analysis>,
    pub selected: Option<usize>,
    /// The finding whose span holds the editor's cursor.
    pub at_cursor: Option<usize>,
    /// Entries just added and not left yet: their errors are fields to fill.
    pub fresh: Vec<String>,
    /// The text changed since these findings were computed.
    pub stale: bool,
    pub on_select: Callback<usize>,
    pub on_fix: Callback<usize>,
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// `A008, C011 ×2, C009 ×2`: the codes of folded findings, each once with its count.
fn codes_with_counts(findings: &[(usize, &LocatedFinding)]) -> String {
    let mut codes: Vec<(&str, usize)> = Vec::new();
    for (_, f) in findings {
        match codes.iter_mut().find(|(c, _)| *c == f.code) {
            Some((_, n)) => *n += 1,
            None => codes.push((f.code, 1)),
        }
    }
    codes
        .iter()
        .map(|(c, n)| {
            if *n == 1 {
                c.to_string()
            } else {
                format!("{c} ×{n}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[function_component(Findings)]
pub fn findings(props: &Props) -> Html {
    let a = &props.analysis;
    // An error on an entry just added from the forms is a field still to fill: counted
    // apart, not as a red error, until the card is left (issue 23).
    let fresh_error = |f: &LocatedFinding| {
        f.severity == Severity::Error && props.fresh.iter().any(|p| covers(p, &f.path))
    };
    let to_fill = a.findings.iter().filter(|f| fresh_error(f)).count();
    let (errors, warnings, infos) = (
        a.count(Severity::Error) - to_fill,
        a.count(Severity::Warning),
        a.count(Severity::Info),
    );
    // Which severities the count buttons hide (error, warning, info).
    let hidden = use_state(|| [false; 3]);
    let summary = if a.text.trim().is_empty() {
        "No file yet".to_string()
    } else {
        let to_fill = if to_fill > 0 {
            format!(", {to_fill} to fill")
        } else {
            String::new()
        };
        format!(
            "{}{to_fill}, {}, {}",
            plural(errors, "error"),
            plural(warnings, "warning"),
            plural(infos, "info")
        )
    };
    let filter = |severity: Severity, count: usize| {
        let at = severity as usize;
        let shown = !hidden[at];
        let toggle = {
            let hidden = hidden.clone();
            Callback::from(move |_: MouseEvent| {
                let mut next = *hidden;
                next[at] = !next[at];
                hidden.set(next);
            })
        };
        let name = severity.as_str();
        html! {
            <button type="button" class={classes!("count", name, (!shown).then_some("off"))}
                aria-pressed={shown.to_string()} onclick={toggle}
                aria-label={format!("{} {name} findings: {}", if shown { "Hide" } else { "Show" }, count)}
                title={format!("Show or hide the {name} findings")}>
                { count }
            </button>
        }
    };
    let item = |(index, finding): &(usize, &LocatedFinding)| {
        let index = *index;
        html! {
            <FindingItem
                key={format!("{}-{}-{}", finding.code, finding.start, index)}
                {index}
                finding={(*finding).clone()}
                selected={props.selected == Some(index)}
                at_cursor={props.at_cursor == Some(index)}
                to_fill={fresh_error(finding)}
                on_select={props.on_select.clone()}
                on_fix={props.on_fix.clone()}
            />
        }
    };
    let shown: Vec<(usize, &LocatedFinding)> = a
        .findings
        .iter()
        .enumerate()
        .filter(|(_, f)| !hidden[f.severity as usize])
        .collect();
    // With errors or warnings to deal with, the infos (Secret commands, migration notes) fold
    // into one line at the end instead of burying them.
    let fold = errors + to_fill + warnings > 0;
    let (folded, listed): (Vec<_>, Vec<_>) = shown
        .into_iter()
        .partition(|(_, f)| fold && f.severity == Severity::Info);
    html! {
        <div class="findings">
            <h2 class="pane-title">{ "Findings" }</h2>
            <div class="counts-bar">
                <div class="filters" role="group" aria-label="Filter the findings by severity">
                    { filter(Severity::Error, errors) }
                    { filter(Severity::Warning, warnings) }
                    { filter(Severity::Info, infos) }
                </div>
                <p class={classes!("counts", props.stale.then_some("stale"))} aria-live="polite" aria-atomic="true" id="finding-count">
                    <span class="summary">{ summary }</span>
                </p>
            </div>
            if a.findings.is_empty() && !a.text.trim().is_empty() {
                <p class="all-clear">{ "No storage problem found." }</p>
            }
            <ol class="finding-list">
                { for listed.iter().map(item) }
            </ol>
            if !folded.is_empty() {
                <details class="folded-infos">
                    <summary>
                        { format!("{} · {}", plural(folded.len(), "info"), codes_with_counts(&folded)) }
                    </summary>
                    <ol class="finding-list">
                        { for folded.iter().map(item) }
                    </ol>
                </details>
            }
        </div>
    }
}
