//! The `kubectl create secret` command and key-file template of a cloud entry, copyable.

use storage_core::secrets::SecretHelp;
use yew::prelude::*;

use crate::browser;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The command and the key file, as storage-core builds them (finding C011).
    pub help: SecretHelp,
}

#[function_component(SecretsHelper)]
pub fn secrets_helper(props: &Props) -> Html {
    let copied = use_state(|| false);
    let help = &props.help;
    let copy = |text: String| {
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            browser::copy(&text);
            copied.set(true);
        })
    };
    let template =
        (!help.template.is_empty()).then(|| format!("# ./{}\n{}", help.file_name, help.template));
    html! {
        <div class="secrets-helper">
            <div class="helper-row">
                <pre class="command" tabindex="0">{ &help.command }</pre>
                <button type="button" class="button small" onclick={copy(help.command.clone())}
                    aria-label="Copy command: kubectl create secret">{ "Copy command" }</button>
            </div>
            if let Some(template) = template {
                <div class="helper-row">
                    <pre class="template" tabindex="0">{ template.clone() }</pre>
                    <button type="button" class="button small" onclick={copy(help.template.clone())}
                        aria-label="Copy template: the key file">{ "Copy template" }</button>
                </div>
            }
            if !help.optional_keys.is_empty() {
                <p class="hint">{ format!("Optional keys: {}", help.optional_keys.join(", ")) }</p>
            }
            if *copied {
                <span class="copied" role="status">{ "Copied." }</span>
            }
        </div>
    }
}
