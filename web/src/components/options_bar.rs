//! Chart generation, topology and edition: the options that change verdicts.

use storage_core::chart::{By, ChartBasis};
use storage_core::options::{Chart, ChartChoice, Edition, Options, Topology};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

fn select<T: Copy + PartialEq + 'static>(
    id: &'static str,
    label: &'static str,
    current: T,
    choices: &[(T, &str)],
    apply: impl Fn(T) -> Options + 'static,
    on_change: &Callback<Options>,
) -> Html {
    let values: Vec<T> = choices.iter().map(|(v, _)| *v).collect();
    let on_change = on_change.clone();
    let onchange = Callback::from(move |e: Event| {
        let index = e
            .target_unchecked_into::<HtmlSelectElement>()
            .selected_index();
        if let Some(v) = usize::try_from(index).ok().and_then(|i| values.get(i)) {
            on_change.emit(apply(*v));
        }
    });
    html! {
        <label class="option" for={id}>
            <span>{ label }</span>
            <select {id} {onchange}>
                { for choices.iter().map(|(v, text)| html! {
                    <option selected={*v == current}>{ *text }</option>
                }) }
            </select>
        </label>
    }
}

/// The options bar; `decided` is the chart the check ran for and why. The Chart menu's
/// `auto` says what it found and from which key; the whole reason is the group's title.
/// A plain view function.
pub fn options_bar(
    o: Options,
    decided: Option<(Chart, &ChartBasis)>,
    nodes: Option<usize>,
    on_change: &Callback<Options>,
) -> Html {
    let auto_label = match decided {
        Some((chart, basis)) => {
            let name = if chart == Chart::V1 { "v1+" } else { "v0" };
            match (basis.by, basis.evidence.first()) {
                (By::Keys, Some(key)) => format!("auto: {name}, from `{key}`"),
                (By::Nothing, _) => format!("auto: {name} (no key says which)"),
                (By::Directive, _) => format!("auto: {name}, from the file's first line"),
                _ => format!("auto: {name}"),
            }
        }
        // Nothing read yet (an empty editor): the file will decide.
        None => "auto: from the file".to_string(),
    };
    let said = decided.map(|(chart, basis)| format!("Checked as chart {}", basis.describe(chart)));
    // The file's first line wins over the menu: the menu shows what it set, and says so.
    let from_file = decided.and_then(|(chart, basis)| (basis.by == By::Directive).then_some(chart));
    let shown = match from_file {
        Some(Chart::V0) => ChartChoice::V0,
        Some(Chart::V1) => ChartChoice::V1,
        None => o.chart,
    };
    html! {
        <div class="options" role="group" aria-label="Options" title={said}>
            if from_file.is_some() {
                <span class="option-note">{ "Chart set by the file's first line" }</span>
            }
            { select("opt-chart", "Chart", shown,
                &[(ChartChoice::Auto, auto_label.as_str()), (ChartChoice::V0, "v0 (0.2 – 0.6)"), (ChartChoice::V1, "v1+ (1.x, 2.x)")],
                move |chart| Options { chart, ..o }, on_change) }
            // A cluster snapshot's nodes decide the topology: the menu says so instead.
            if let Some(n) = nodes {
                <span class="option-note" id="opt-topology-cluster">
                    { format!("Topology: from the cluster ({n} schedulable node{})", if n == 1 { "" } else { "s" }) }
                </span>
            } else {
                { select("opt-topology", "Topology", o.topology,
                    &[(Topology::Unknown, "unknown"), (Topology::SingleNode, "single node"), (Topology::MultiNode, "multi node")],
                    move |topology| Options { topology, ..o }, on_change) }
            }
            { select("opt-edition", "Edition", o.edition,
                &[(Edition::Community, "community"), (Edition::Enterprise, "enterprise")],
                move |edition| Options { edition, ..o }, on_change) }
        </div>
    }
}
