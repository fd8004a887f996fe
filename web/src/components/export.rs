//! Export: apply the safe fixes, review the diff against what was pasted, download or copy.

use std::rc::Rc;

use storage_core::diff;

use super::diff_view::diff_view;
use yew::prelude::*;

use crate::browser;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The file it downloads as: the tab's (only that layer is exported).
    pub name: Rc<str>,
    pub text: Rc<str>,
    pub baseline: Rc<str>,
    pub safe_fixes: usize,
    pub on_apply_safe: Callback<()>,
    /// Back to the text as loaded (undoable in the editor).
    pub on_revert: Callback<()>,
    /// The text was downloaded or copied.
    pub on_exported: Callback<()>,
}

#[function_component(Export)]
pub fn export(props: &Props) -> Html {
    let show_diff = use_state(|| false);
    let copied = use_state(|| false);
    let hunks = {
        let shown = *show_diff;
        use_memo(
            (props.text.clone(), props.baseline.clone(), shown),
            |(text, baseline, shown)| {
                if *shown {
                    diff::hunks(baseline, text, 3)
                } else {
                    Vec::new()
                }
            },
        )
    };
    let changed = *props.text != *props.baseline;
    let apply = props.on_apply_safe.reform(|_: MouseEvent| ());
    let revert = props.on_revert.reform(|_: MouseEvent| ());
    let toggle = {
        let show_diff = show_diff.clone();
        Callback::from(move |_: MouseEvent| show_diff.set(!*show_diff))
    };
    let download = {
        let (text, exported) = (props.text.clone(), props.on_exported.clone());
        let name = props.name.clone();
        Callback::from(move |_: MouseEvent| {
            browser::download(&name, &text);
            exported.emit(());
        })
    };
    let copy = {
        let (text, exported) = (props.text.clone(), props.on_exported.clone());
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            browser::copy(&text);
            copied.set(true);
            exported.emit(());
        })
    };
    html! {
        <section class="export" aria-label="Export">
            <h2 class="pane-title">{ "Export" }</h2>
            <div class="export-actions">
                <button type="button" class="button primary" onclick={apply} disabled={props.safe_fixes == 0}>
                    { format!("Apply safe fixes ({})", props.safe_fixes) }
                </button>
                <button type="button" class="button" onclick={toggle} aria-expanded={show_diff.to_string()} disabled={!changed}>
                    { if *show_diff { "Hide changes" } else { "Review changes" } }
                </button>
                <button type="button" class="button" onclick={download}>{ format!("Download {}", props.name) }</button>
                <button type="button" class="button" onclick={copy}>{ "Copy" }</button>
                <button type="button" class="button" onclick={revert} disabled={!changed}
                    title="Undo every change since the file was loaded (Ctrl-Z in the editor brings them back)">
                    { "Revert to the file as loaded" }
                </button>
                if *copied {
                    <span class="copied" role="status">{ "Copied." }</span>
                }
            </div>
            if !changed {
                <p class="hint">{ "No change yet: the export is the file as pasted." }</p>
            }
            if *show_diff && changed {
                { diff_view(&hunks, "Changes against the pasted file") }
            }
        </section>
    }
}
