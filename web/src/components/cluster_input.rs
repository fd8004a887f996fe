//! The optional cluster snapshot: paste, drop or open what `kubectl get ... -o json`
//! prints, and the values are checked against that cluster (claims, Secrets, nodes). The
//! text goes to the reducer once and is cleared from the box at once: only its facts are
//! kept, never a Secret's value, and nothing of it is stored in the browser.

use storage_core::cluster::Cluster;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::browser;

/// The command the box shows (core's, with the namespace to change).
const COMMAND: &str = storage_core::cluster::COMMAND;

/// The cluster box (a plain view function): `on_read` gets the snapshot's text, `on_clear`
/// drops the snapshot, `on_refused` says why a file could not be read.
pub fn cluster_input(
    snapshot: Option<&Cluster>,
    on_read: &Callback<String>,
    on_clear: &Callback<()>,
    on_refused: &Callback<String>,
) -> Html {
    let box_ref = NodeRef::default();
    let use_pasted = {
        let (on_read, box_ref) = (on_read.clone(), box_ref.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(area) = box_ref.cast::<HtmlTextAreaElement>() {
                let text = area.value();
                // Out of the page at once: the facts are all the page keeps.
                area.set_value("");
                if !text.trim().is_empty() {
                    on_read.emit(text);
                }
            }
        })
    };
    let read = {
        let (on_read, on_refused) = (on_read.clone(), on_refused.clone());
        move |file: web_sys::File| {
            browser::read_file_then(file, on_read.clone(), on_refused.clone(), |name, why| {
                format!("`{name}` was not used as a cluster snapshot: {why}.")
            })
        }
    };
    let onpick = {
        let read = read.clone();
        Callback::from(move |e: Event| {
            if let Some(file) = browser::picked_file(&e) {
                read(file);
            }
        })
    };
    let ondrop = Callback::from(move |e: DragEvent| {
        if let Some(file) = browser::dropped_file(&e) {
            e.prevent_default();
            read(file);
        }
    });
    let onclear = {
        let on_clear = on_clear.clone();
        Callback::from(move |_: MouseEvent| on_clear.emit(()))
    };
    let said = match snapshot {
        Some(cluster) => format!("Cluster: {}", cluster.summary()),
        None => "Cluster: none — check against a kubectl snapshot (optional)".to_string(),
    };
    html! {
        <details class="cluster" open={snapshot.is_some()}>
            <summary>{ said }</summary>
            if snapshot.is_some() {
                <p>
                    { "Claims and Secrets are checked against this snapshot, and its nodes decide the topology. " }
                    <button type="button" class="button small" onclick={onclear}>{ "Clear the cluster" }</button>
                </p>
            } else {
                <p>{ "Take it with (nothing leaves this page; only Secret key names are read, values are dropped as it is read):" }</p>
                <pre class="command"><code>{ COMMAND }</code></pre>
                <label for="cluster-text">{ "Paste the snapshot (JSON or YAML), or drop it here" }</label>
                <textarea id="cluster-text" ref={box_ref} rows="3" spellcheck="false" autocomplete="off" {ondrop} />
                <div class="cluster-actions">
                    <button type="button" class="button small" onclick={use_pasted}>{ "Check against it" }</button>
                    <label class="button small" for="cluster-file">{ "Open a snapshot…" }</label>
                    <input id="cluster-file" class="visually-hidden" type="file" accept=".json,.yaml,.yml,application/json,text/yaml,text/plain" onchange={onpick} />
                </div>
            }
        </details>
    }
}
