//! A long list drawn a page at a time, with its count and buttons to move: the findings,
//! each group of cards and the storage map's rows (issue 23: a file with 17,000 entries drew
//! 17,000 cards and map rows at once, 830,000 elements, and froze the tab for 24 s). What the
//! page draws does not grow with what is off screen: one page per list, whatever its length.
//!
//! Plain functions over a [`Page`] the list's component keeps (a hook), not a component of
//! their own: each component type costs the first load about 2 KB.

use std::ops::Range;

use yew::prelude::*;

/// Where a list's page starts, and the item it was last asked to show.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Page {
    start: usize,
    followed: Option<usize>,
}

impl Page {
    /// The items to draw of `len`, `size` at a time. When `follow` (the finding at the
    /// cursor, a card just added) changed, the page moves to show it.
    pub fn window(&mut self, len: usize, size: usize, follow: Option<usize>) -> Range<usize> {
        let size = size.max(1);
        if self.followed != follow {
            self.followed = follow;
            if let Some(at) = follow.filter(|at| *at < len) {
                if !(self.start..self.start + size).contains(&at) {
                    self.start = at / size * size;
                }
            }
        }
        // The list may have shrunk under the page.
        self.start = self.start.min(len.saturating_sub(1) / size * size);
        self.start..(self.start + size).min(len)
    }

    /// Moves the page to start at `start`.
    pub fn go(&mut self, start: usize) {
        self.start = start;
    }
}

/// `17000` as "17,000".
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The controls under a page of `len` items, `size` at a time, drawn `shown`: "‹ Previous · 21–40 of 17,000
/// entries · Next ›"; `go` gets where the page should start. Nothing when one page holds all.
/// `list` names the list for the landmark (each must be unique on the page: "Data", "the
/// folded infos"). The count is not a live region: it changes with every re-check while
/// typing, and the findings' own count already says so.
pub fn controls(
    shown: Range<usize>,
    size: usize,
    len: usize,
    noun: &str,
    list: &str,
    go: &Callback<usize>,
) -> Html {
    if shown.start == 0 && shown.end >= len {
        return Html::default();
    }
    let to = |start: usize| go.reform(move |_: MouseEvent| start);
    html! {
        <nav class="pager" aria-label={format!("Pages of {list}")}>
            <button type="button" class="button small" disabled={shown.start == 0}
                onclick={to(shown.start.saturating_sub(size))}
                aria-label={format!("Previous {size} {noun}")}>{ "‹ Previous" }</button>
            <span class="pager-count">
                { format!("{}–{} of {} {noun}", grouped(shown.start + 1), grouped(shown.end), grouped(len)) }
            </span>
            <button type="button" class="button small" disabled={shown.end >= len}
                onclick={to(shown.end)}
                aria-label={format!("Next {size} {noun}")}>{ "Next ›" }</button>
        </nav>
    }
}
