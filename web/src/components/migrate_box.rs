//! The "Migrate to artifactsStore" action for a v0 file (finding A008), with what it writes.

use storage_core::LocatedFinding;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// Index of the A008 finding, and the finding.
    pub index: usize,
    pub finding: LocatedFinding,
    pub on_fix: Callback<usize>,
}

#[function_component(MigrateBox)]
pub fn migrate_box(props: &Props) -> Html {
    let open = use_state(|| false);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let index = props.index;
    let migrate = props.on_fix.reform(move |_: MouseEvent| index);
    html! {
        <section class="migrate" aria-label="Migrate to the v1+ chart">
            <h3>{ "Today's chart" }</h3>
            <p class="hint">{ "Polyaxon 1.x and 2.x read artifactsStore and connections, not persistence. The migration keeps each entry's kind and paths; review the diff before you export." }</p>
            <div class="export-actions">
                <button type="button" class="button" onclick={migrate} disabled={props.finding.fix.is_none()}>{ "Migrate to artifactsStore" }</button>
                <button type="button" class="link" aria-expanded={open.to_string()} onclick={toggle}>
                    { if *open { "Hide the new block" } else { "Show the new block and Secret commands" } }
                </button>
            </div>
            if *open {
                <pre class="migration" tabindex="0">{ props.finding.detail.as_ref().map(|d| d.text()).unwrap_or_default() }</pre>
            }
        </section>
    }
}
