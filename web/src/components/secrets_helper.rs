//! The `kubectl create secret` command and key-file template of a cloud entry, copyable.

use yew::prelude::*;

use crate::browser;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The finding's detail: the command, a blank line, then the file and its template.
    pub detail: String,
}

#[function_component(SecretsHelper)]
pub fn secrets_helper(props: &Props) -> Html {
    let copied = use_state(|| false);
    let (command, template) = props
        .detail
        .split_once("\n\n")
        .unwrap_or((props.detail.as_str(), ""));
    let copy = |text: String| {
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            browser::copy(&text);
            copied.set(true);
        })
    };
    html! {
        <div class="secrets-helper">
            <div class="helper-row">
                <pre class="command">{ command }</pre>
                <button type="button" class="button small" onclick={copy(command.to_string())}
                    aria-label="Copy the kubectl command">{ "Copy command" }</button>
            </div>
            if !template.is_empty() {
                <div class="helper-row">
                    <pre class="template">{ template }</pre>
                    <button type="button" class="button small" onclick={copy(template.to_string())}
                        aria-label="Copy the key file template">{ "Copy template" }</button>
                </div>
            }
            if *copied {
                <span class="copied" role="status">{ "Copied." }</span>
            }
        </div>
    }
}
