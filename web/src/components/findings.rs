//! The findings list: counts by severity (announced to screen readers) and one item per finding.

use std::rc::Rc;

use storage_core::yaml::path::covers;
use storage_core::{LocatedFinding, Severity};
use yew::prelude::*;

use super::finding_item::FindingItem;
use super::paged::{controls, Page};
use crate::state::Analysis;

/// Findings drawn at a time: a page of the list, each item a few lines high.
const PAGE: usize = 100;

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

/// An error on an entry just added from the forms is a field still to fill: counted apart,
/// not as a red error, until the card is left (issue 23).
fn is_to_fill(finding: &LocatedFinding, fresh: &[String]) -> bool {
    finding.severity == Severity::Error && fresh.iter().any(|p| covers(p, &finding.path))
}

#[function_component(Findings)]
pub fn findings(props: &Props) -> Html {
    let a = &props.analysis;
    let to_fill = a
        .findings
        .iter()
        .filter(|f| is_to_fill(f, &props.fresh))
        .count();
    let (errors, warnings, infos) = (
        a.count(Severity::Error) - to_fill,
        a.count(Severity::Warning),
        a.count(Severity::Info),
    );
    // Which severities the count buttons hide (error, warning, info).
    let hidden = use_state(|| [false; 3]);
    // The page of the list and of the folded infos.
    let pages = use_mut_ref(|| [Page::default(); 2]);
    let redraw = use_force_update();
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
    // Each list is drawn a page at a time; the page follows the finding at the cursor (F8,
    // a click in the text) and the one picked.
    let followed = props.at_cursor.or(props.selected);
    let page = |which: usize, list: &[(usize, &LocatedFinding)]| {
        let follow = followed.and_then(|i| list.iter().position(|(at, _)| *at == i));
        let shown = pages.borrow_mut()[which].window(list.len(), PAGE, follow);
        let go = {
            let (pages, redraw) = (pages.clone(), redraw.clone());
            Callback::from(move |start| {
                pages.borrow_mut()[which].go(start);
                redraw.force_update();
            })
        };
        html! {
            <>
                <ol class="finding-list">
                    { for list[shown.clone()].iter().map(|(index, finding)| html! {
                        <FindingItem
                            key={format!("{}-{}-{}", finding.code, finding.start, index)}
                            index={*index}
                            finding={(*finding).clone()}
                            selected={props.selected == Some(*index)}
                            at_cursor={props.at_cursor == Some(*index)}
                            to_fill={is_to_fill(finding, &props.fresh)}
                            on_select={props.on_select.clone()}
                            on_fix={props.on_fix.clone()}
                        />
                    }) }
                </ol>
                { controls(shown, PAGE, list.len(), "findings", if which == 0 { "the findings" } else { "the folded infos" }, &go) }
            </>
        }
    };
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
            { page(0, &listed) }
            if !folded.is_empty() {
                <details class="folded-infos">
                    <summary>
                        { format!("{} · {}", plural(folded.len(), "info"), codes_with_counts(&folded)) }
                    </summary>
                    { page(1, &folded) }
                </details>
            }
        </div>
    }
}
