//! An edit shown before it is made: the migration (finding A008, from the button, the tooltip
//! or Ctrl-.), what it would lose, and fixes that change more than one entry (Apply safe
//! fixes, or one fix); the change as a diff, and the choice to go on or not. Drawn over the
//! page, so nothing under it moves (issue 23).

use yew::prelude::*;

use super::diff_view::diff_view;
use super::message::message;
use crate::state::{PendingEdit, Reviewed};

/// A plain view function: the review holds no state of its own.
pub fn edit_review(
    pending: &PendingEdit,
    on_confirm: &Callback<()>,
    on_cancel: &Callback<()>,
) -> Html {
    let confirm = on_confirm.reform(|_: MouseEvent| ());
    let cancel = on_cancel.reform(|_: MouseEvent| ());
    // Escape closes it, as a dialog does.
    let onkeydown = {
        let on_cancel = on_cancel.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                on_cancel.emit(());
            }
        })
    };
    let at_risk = pending.losses.len() + pending.errors;
    // With losses or errors the button says what going on means: the user chooses it.
    let (title, label) = match &pending.what {
        Reviewed::Migration if at_risk == 0 => (
            "Review the migration".to_string(),
            "Apply the migration".to_string(),
        ),
        Reviewed::Migration => (
            "Review the migration".to_string(),
            format!("Apply anyway ({} to accept)", at_risk),
        ),
        Reviewed::Fixes { entries, .. } => (
            format!("Review the fixes: {entries} entries change"),
            "Apply the fixes".to_string(),
        ),
    };
    let changes = match pending.what {
        Reviewed::Migration => "The migration's changes",
        Reviewed::Fixes { .. } => "The fixes' changes",
    };
    html! {
        <section class="edit-review" role="dialog" aria-modal="true" aria-label={title.clone()} tabindex="-1" {onkeydown}>
            <h2>{ title }</h2>
            if pending.errors > 0 {
                <p class="review-warning">{ format!(
                    "{} error{} in the entries it carries would come along into the migrated file: fix them first, or go on and fix them there.",
                    pending.errors,
                    if pending.errors == 1 { "" } else { "s" }
                ) }</p>
            }
            if !pending.losses.is_empty() {
                <p class="review-warning">{ "Not carried over as it is:" }</p>
                <ul class="losses">
                    { for pending.losses.iter().map(|l| html! { <li>{ message(l) }</li> }) }
                </ul>
            }
            { diff_view(&pending.hunks, changes) }
            <div class="export-actions">
                <button type="button" class="button" onclick={confirm}>{ label }</button>
                <button type="button" class="button" onclick={cancel}>{ "Cancel" }</button>
            </div>
        </section>
    }
}
