//! The findings list: counts by severity (announced to screen readers) and one item per finding.

use std::rc::Rc;

use storage_core::Severity;
use yew::prelude::*;

use super::finding_item::FindingItem;
use crate::state::Analysis;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub analysis: Rc<Analysis>,
    pub selected: Option<usize>,
    /// The finding whose span holds the editor's cursor.
    pub at_cursor: Option<usize>,
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

#[function_component(Findings)]
pub fn findings(props: &Props) -> Html {
    let a = &props.analysis;
    let (errors, warnings, infos) = (
        a.count(Severity::Error),
        a.count(Severity::Warning),
        a.count(Severity::Info),
    );
    let summary = if a.text.trim().is_empty() {
        "No file yet".to_string()
    } else {
        format!(
            "{}, {}, {} info",
            plural(errors, "error"),
            plural(warnings, "warning"),
            infos
        )
    };
    html! {
        <div class="findings">
            <h2 class="pane-title">{ "Findings" }</h2>
            <p class={classes!("counts", props.stale.then_some("stale"))} aria-live="polite" aria-atomic="true" id="finding-count">
                <span class="count error">{ errors }</span>
                <span class="count warning">{ warnings }</span>
                <span class="count info">{ infos }</span>
                <span class="summary">{ summary }</span>
            </p>
            if a.findings.is_empty() && !a.text.trim().is_empty() {
                <p class="all-clear">{ "No storage problem found." }</p>
            }
            <ol class="finding-list">
                { for a.findings.iter().enumerate().map(|(index, finding)| html! {
                    <FindingItem
                        key={format!("{}-{}-{}", finding.code, finding.start, index)}
                        {index}
                        finding={finding.clone()}
                        selected={props.selected == Some(index)}
                        at_cursor={props.at_cursor == Some(index)}
                        on_select={props.on_select.clone()}
                        on_fix={props.on_fix.clone()}
                    />
                }) }
            </ol>
        </div>
    }
}
