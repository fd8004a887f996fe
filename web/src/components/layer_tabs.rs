//! The layers (issue 22): the base values file and the files Helm merges after it, as tabs
//! over the editor. The text in the editor is checked merged with the others in tab order,
//! as `helm -f values.yaml -f values-prod.yaml` merges them; each tab shows the findings
//! placed in it. "Add a layer…" opens a file, "New layer" starts an empty one, and a file
//! dropped on the tabs is added as a layer.

use yew::prelude::*;

use crate::browser;
use crate::state::LayerTab;

/// What the tabs ask of the page.
#[derive(Clone, PartialEq)]
pub struct LayerActions {
    /// A file to add as the last layer: its name and text.
    pub on_add: Callback<(String, String)>,
    /// A file to add as the base, under every tab.
    pub on_add_base: Callback<(String, String)>,
    pub on_switch: Callback<usize>,
    pub on_remove: Callback<usize>,
    pub on_refused: Callback<String>,
}

/// "Add a layer…" (a file) and "New layer" (empty), for the editor's bar; `tabs` is how
/// many there are.
pub fn layer_buttons(tabs: usize, actions: &LayerActions) -> Html {
    let onpick = {
        let read = reader(&actions.on_add, &actions.on_refused);
        Callback::from(move |e: Event| {
            if let Some(file) = browser::picked_file(&e) {
                read(file);
            }
        })
    };
    let new_layer = {
        let on_add = actions.on_add.clone();
        let n = tabs.max(1);
        Callback::from(move |_: MouseEvent| on_add.emit((format!("layer-{n}.yaml"), String::new())))
    };
    html! {
        <>
            <label class="button small" for="layer-file" title="A values file Helm merges over this one, as helm -f values.yaml -f it">{ "Add a layer…" }</label>
            <input id="layer-file" class="visually-hidden" type="file" accept=".yaml,.yml,text/yaml,text/plain" onchange={onpick} />
            <button type="button" class="button small" onclick={new_layer}>{ "New layer" }</button>
        </>
    }
}

/// For a file whose first line says `layer-of=BASE` while it is alone: what it needs, and
/// "Add its base…" to open that file under it.
pub fn missing_base(base: &str, actions: &LayerActions) -> Html {
    let onpick = {
        let read = reader(&actions.on_add_base, &actions.on_refused);
        Callback::from(move |e: Event| {
            if let Some(file) = browser::picked_file(&e) {
                read(file);
            }
        })
    };
    html! {
        <p class="layer-base" role="status">
            { format!("This file is a layer of {base} (its first line): it is checked alone until that file is added under it. ") }
            <label class="button small" for="base-file">{ "Add its base…" }</label>
            <input id="base-file" class="visually-hidden" type="file" accept=".yaml,.yml,text/yaml,text/plain" onchange={onpick} />
        </p>
    }
}

/// Reads a file, then hands it with its name to `on_add`.
fn reader(
    on_add: &Callback<(String, String)>,
    on_refused: &Callback<String>,
) -> impl Fn(web_sys::File) + Clone {
    let (on_add, on_refused) = (on_add.clone(), on_refused.clone());
    move |file: web_sys::File| {
        let name = file.name();
        let on_text = on_add.reform(move |text: String| (name.clone(), text));
        browser::read_file_then(file, on_text, on_refused.clone(), |name, why| {
            format!("`{name}` was not added as a layer: {why}.")
        })
    }
}

/// The tab strip over the editor, once there are layers (a plain view function): `counts`
/// are the errors and warnings placed in each tab, `error` why the layers cannot be merged.
/// A file dropped on it is added as a layer.
pub fn layer_tabs(
    tabs: &[LayerTab],
    active: usize,
    counts: &[(usize, usize)],
    error: Option<&str>,
    actions: &LayerActions,
) -> Html {
    if tabs.len() < 2 {
        return Html::default();
    }
    let read = reader(&actions.on_add, &actions.on_refused);
    let ondrop = Callback::from(move |e: DragEvent| {
        if let Some(file) = browser::dropped_file(&e) {
            e.prevent_default();
            read(file);
        }
    });
    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
    let tab = |i: usize, t: &LayerTab| {
        let switch = actions.on_switch.reform(move |_: MouseEvent| i);
        let remove = actions.on_remove.reform(move |_: MouseEvent| i);
        let (errors, warnings) = counts.get(i).copied().unwrap_or_default();
        let badge = match (errors, warnings) {
            (0, 0) => String::new(),
            (e, 0) => format!("{e} ✖"),
            (0, w) => format!("{w} ⚠"),
            (e, w) => format!("{e} ✖ {w} ⚠"),
        };
        let label = format!(
            "{}{}: {errors} errors, {warnings} warnings placed here",
            t.name,
            if i == 0 { " (base)" } else { "" }
        );
        html! {
            <li class={classes!("layer-tab", (i == active).then_some("active"))}>
                <button type="button" role="tab" aria-selected={(i == active).to_string()} aria-label={label} onclick={switch}>
                    <span class="layer-name">{ t.name.to_string() }</span>
                    if !badge.is_empty() {
                        <span class={classes!("layer-badge", (errors > 0).then_some("has-errors"))}>{ badge }</span>
                    }
                </button>
                if i > 0 {
                    <button type="button" class="layer-close" aria-label={format!("Remove the layer {}", t.name)} onclick={remove}>{ "×" }</button>
                }
            </li>
        }
    };
    html! {
        <nav class="layers" aria-label="Layers" {ondrop} {ondragover}>
            <ul role="tablist">
                { for tabs.iter().enumerate().map(|(i, t)| tab(i, t)) }
            </ul>
            <span class="hint">{ "Checked merged in this order, as helm -f … -f … merges them" }</span>
            if let Some(error) = error {
                <p class="layer-error" role="status">{ format!("The layers cannot be merged as Helm would: {error}. This tab is checked alone.") }</p>
            }
        </nav>
    }
}
