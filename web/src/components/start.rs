//! The empty page: what to do, in two lines, and examples to load.

use yew::prelude::*;

use crate::examples::EXAMPLES;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub on_load: Callback<String>,
}

#[function_component(Start)]
pub fn start(props: &Props) -> Html {
    html! {
        <div class="start">
            <p class="lead">{ "Paste the values.yaml you deploy Polyaxon with, drop it here, or open it." }</p>
            <p>{ "Findings appear as you type; fix them in the text, with one click, or in the forms — then download the corrected file." }</p>
            <div class="examples" role="group" aria-label="Examples">
                <span>{ "Or load an example:" }</span>
                { for EXAMPLES.iter().map(|(label, text)| {
                    let on_load = props.on_load.clone();
                    let text = text.to_string();
                    html! {
                        <button type="button" class="button small" onclick={Callback::from(move |_: MouseEvent| on_load.emit(text.clone()))}>
                            { *label }
                        </button>
                    }
                }) }
            </div>
        </div>
    }
}
