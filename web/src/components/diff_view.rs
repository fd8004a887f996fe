//! A diff as the page shows it: each hunk's header, then its lines marked as kept, removed
//! or added (a plain view function, shared by the export's review and the migration's).

use storage_core::diff::{Hunk, LineKind};
use yew::prelude::*;

pub fn diff_view(hunks: &[Hunk], label: &'static str) -> Html {
    html! {
        <pre class="diff" tabindex="0" aria-label={label}>
            { for hunks.iter().map(|hunk| html! {
                <>
                    <span class="hunk">{ hunk.header() }{ "\n" }</span>
                    { for hunk.lines.iter().map(|line| {
                        let (class, sign) = match line.kind {
                            LineKind::Context => ("ctx", ' '),
                            LineKind::Removed => ("del", '-'),
                            LineKind::Added => ("add", '+'),
                        };
                        html! { <span {class}>{ format!("{sign}{}\n", line.text) }</span> }
                    }) }
                </>
            }) }
        </pre>
    }
}
