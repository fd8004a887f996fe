//! One finding: severity, code (linked to the rule reference), message, line:col, path;
//! expands to the why, the detail and the fix button.

use storage_core::{Applicability, Detail, LocatedFinding};
use yew::prelude::*;

use super::message::message;
use super::secrets_helper::SecretsHelper;

#[derive(Properties)]
pub struct Props {
    pub index: usize,
    pub finding: LocatedFinding,
    pub selected: bool,
    /// The editor's cursor is inside this finding's span.
    pub at_cursor: bool,
    /// An error about an entry just added from the forms: a field still to fill.
    pub to_fill: bool,
    pub on_select: Callback<usize>,
    pub on_fix: Callback<usize>,
}

/// Equal when everything shown is equal: byte offsets shift with every keystroke above the
/// finding but are not displayed (a click selects by index, through the app's state).
impl PartialEq for Props {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (&self.finding, &other.finding);
        self.index == other.index
            && self.selected == other.selected
            && self.at_cursor == other.at_cursor
            && self.to_fill == other.to_fill
            && (a.code, a.severity, &a.message, &a.path, a.line, a.column)
                == (b.code, b.severity, &b.message, &b.path, b.line, b.column)
            && (
                &a.detail,
                &a.fix.as_ref().map(|f| (&f.title, f.applicability)),
            ) == (
                &b.detail,
                &b.fix.as_ref().map(|f| (&f.title, f.applicability)),
            )
            && self.on_select == other.on_select
            && self.on_fix == other.on_fix
    }
}

/// A finding's detail, laid out by what it is.
fn detail(detail: Option<&Detail>) -> Html {
    match detail {
        Some(Detail::Secret(help)) => html! { <SecretsHelper help={help.clone()} /> },
        Some(other) => html! { <pre class="migration" tabindex="0">{ other.text() }</pre> },
        None => Html::default(),
    }
}

#[function_component(FindingItem)]
pub fn finding_item(props: &Props) -> Html {
    let f = &props.finding;
    let expanded = use_state(|| false);
    let index = props.index;
    // The whole row picks the finding; the controls inside it keep their own click.
    let select = props.on_select.reform(move |_: MouseEvent| index);
    let pick_row = {
        let select = props.on_select.clone();
        Callback::from(move |e: MouseEvent| {
            let on_control = e
                .target_dyn_into::<web_sys::Element>()
                .and_then(|t| {
                    t.closest("button, a, input, select, textarea, .finding-body")
                        .ok()
                        .flatten()
                })
                .is_some();
            if !on_control {
                select.emit(index);
            }
        })
    };
    let toggle = {
        let expanded = expanded.clone();
        Callback::from(move |_: MouseEvent| expanded.set(!*expanded))
    };
    let more = match (*expanded, f.fix.is_some()) {
        (true, _) => "Less",
        (false, true) => "Why & fix",
        (false, false) => "Why",
    };
    let fix = f.fix.as_ref().map(|fix| {
        let apply = props.on_fix.reform(move |_: MouseEvent| index);
        let (class, kind) = match fix.applicability {
            Applicability::Safe => ("button primary small", "Safe fix"),
            Applicability::Suggested => ("button small", "Suggested fix"),
        };
        html! {
            <button type="button" {class} onclick={apply} title={kind}>
                { format!("{kind}: ") }{ message(&fix.title) }
            </button>
        }
    });
    // A new entry's missing field is said as such, not as an error, until its card is left.
    let severity = if props.to_fill {
        "to-fill"
    } else {
        f.severity.as_str()
    };
    html! {
        <li class={classes!("finding", severity, props.selected.then_some("selected"), props.at_cursor.then_some("at-cursor"))}
            data-code={f.code} data-line={f.line.to_string()} onclick={pick_row}>
            <div class="finding-head">
                <span class={classes!("badge", severity)}>{ severity.replace('-', " ") }</span>
                <a class="code-link" href={format!("#rule-{}", f.code)} title="What this rule checks">{ f.code }</a>
                if let Some(fix) = &f.fix {
                    <span class="fixable-mark" role="img"
                        aria-label={if fix.is_safe() { "has a safe fix" } else { "has a suggested fix" }}
                        title={if fix.is_safe() { "Has a safe fix" } else { "Has a suggested fix" }}></span>
                }
                <button type="button" class="finding-message link" onclick={select}
                    aria-label={format!("{} {}: {} (line {}, column {})", severity, f.code, f.message, f.line, f.column)}>
                    { message(&f.message) }
                </button>
            </div>
            <div class="finding-meta">
                <span class="position">{ format!("{}:{}", f.line, f.column) }</span>
                if !f.path.is_empty() {
                    <code class="yaml-path">{ &f.path }</code>
                }
                <button type="button" class="link more" aria-expanded={expanded.to_string()} onclick={toggle}
                    aria-label={format!("{more}: {} at line {}", f.code, f.line)}>
                    { more }
                </button>
            </div>
            if *expanded {
                <div class="finding-body">
                    <p class="why">{ message(f.why) }</p>
                    { detail(f.detail.as_ref()) }
                    { fix.unwrap_or_default() }
                </div>
            }
        </li>
    }
}
