//! A finding's message with its `backticked` names shown as code. A plain view function,
//! not a component: it has no state, and every component type adds to the bundle.

use yew::prelude::*;

pub fn message(text: &str) -> Html {
    text.split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                html! { <code>{ part.to_string() }</code> }
            } else {
                html! { { part.to_string() } }
            }
        })
        .collect()
}
