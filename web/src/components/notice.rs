//! A one-line message about the last action (a plain view function: no state of its own).

use yew::prelude::*;

use super::message::message;

pub fn notice(text: &str, on_dismiss: &Callback<()>) -> Html {
    let on_click = on_dismiss.reform(|_: MouseEvent| ());
    html! {
        <div class="notice" role="status">
            <span>{ message(text) }</span>
            <button type="button" class="link" onclick={on_click} aria-label="Dismiss message">{ "×" }</button>
        </div>
    }
}
