//! The migration shown before it is made (finding A008, from the button, the tooltip or
//! Ctrl-.): the change as a diff, what it would lose, and the choice to go on or not.

use yew::prelude::*;

use super::diff_view::diff_view;
use super::message::message;
use crate::state::PendingMigration;

/// A plain view function: the review holds no state of its own.
pub fn migration_review(
    pending: &PendingMigration,
    on_confirm: &Callback<()>,
    on_cancel: &Callback<()>,
) -> Html {
    let confirm = on_confirm.reform(|_: MouseEvent| ());
    let cancel = on_cancel.reform(|_: MouseEvent| ());
    let at_risk = pending.losses.len() + pending.errors;
    // With losses or errors the button says what going on means: the user chooses it.
    let label = if at_risk == 0 {
        "Apply the migration".to_string()
    } else {
        format!("Apply anyway ({} to accept)", at_risk)
    };
    html! {
        <section class="migration-review" role="dialog" aria-label="Review the migration">
            <h3>{ "Review the migration" }</h3>
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
            { diff_view(&pending.hunks, "The migration's changes") }
            <div class="export-actions">
                <button type="button" class="button" onclick={confirm}>{ label }</button>
                <button type="button" class="button" onclick={cancel}>{ "Cancel" }</button>
            </div>
        </section>
    }
}
