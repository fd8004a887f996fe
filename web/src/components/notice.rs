//! A one-line message about the last action.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub text: String,
    pub on_dismiss: Callback<()>,
}

#[function_component(Notice)]
pub fn notice(props: &Props) -> Html {
    let on_click = props.on_dismiss.reform(|_: MouseEvent| ());
    html! {
        <div class="notice" role="status">
            <span>{ &props.text }</span>
            <button type="button" class="link" onclick={on_click} aria-label="Dismiss message">{ "×" }</button>
        </div>
    }
}
