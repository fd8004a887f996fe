//! A diff as the page shows it: each hunk's header, then its lines marked as kept, removed
//! or added (a plain view function, shared by the export's review and the migration's).

use storage_core::diff::{Hunk, LineKind};
use yew::prelude::*;

/// Lines drawn at most: fixes far apart in a 2 MB file can make a diff of 100,000 lines,
/// which the page would draw whole (the rest is counted; the export has them all).
const MAX_LINES: usize = 2_000;

pub fn diff_view(hunks: &[Hunk], label: &'static str) -> Html {
    let mut left = MAX_LINES;
    let total: usize = hunks.iter().map(|h| h.lines.len()).sum();
    let shown: Vec<(&Hunk, &[storage_core::diff::DiffLine])> = hunks
        .iter()
        .map_while(|h| {
            let take = h.lines.len().min(left);
            left -= take;
            (take > 0).then(|| (h, &h.lines[..take]))
        })
        .collect();
    html! {
        <pre class="diff" tabindex="0" aria-label={label}>
            if total > MAX_LINES {
                <span class="hunk">{ format!("(the first {MAX_LINES} of {total} lines)\n") }</span>
            }
            { for shown.into_iter().map(|(hunk, lines)| html! {
                <>
                    <span class="hunk">{ hunk.header() }{ "\n" }</span>
                    { for lines.iter().map(|line| {
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
