//! A finding's message with its `backticked` names shown as code.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub text: AttrValue,
}

#[function_component(Message)]
pub fn message(props: &Props) -> Html {
    props
        .text
        .split('`')
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
