//! The empty page: what to do, in two lines, and examples to load.

use yew::prelude::*;

use wasm_bindgen_futures::spawn_local;

use crate::browser;
use crate::examples::EXAMPLES;

/// The start panel (a plain view function: no state of its own).
pub fn start(on_load: &Callback<String>) -> Html {
    html! {
        <div class="start">
            <p class="lead">{ "Paste the values.yaml you deploy Polyaxon with, drop it here, or open it." }</p>
            <p>{ "Findings appear as you type; fix them in the text, with one click, or in the forms — then download the corrected file." }</p>
            <div class="examples" role="group" aria-label="Examples">
                <span>{ "Or load an example:" }</span>
                { for EXAMPLES.iter().map(|(label, file)| {
                    let on_load = on_load.clone();
                    let url = format!("examples/{file}");
                    let onclick = Callback::from(move |_: MouseEvent| {
                        let on_load = on_load.clone();
                        let url = url.clone();
                        spawn_local(async move {
                            match browser::fetch_text(&url).await {
                                Ok(text) => on_load.emit(text),
                                Err(e) => web_sys::console::warn_1(&e.into()),
                            }
                        });
                    });
                    html! {
                        <button type="button" class="button small" {onclick}>
                            { *label }
                        </button>
                    }
                }) }
            </div>
        </div>
    }
}
