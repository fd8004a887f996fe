//! The storage map: where each entry (and each chart default that applies) puts its files,
//! per kind of pod — the seed's question, "where do my outputs go?", answered as a table.
//! Every row comes from `storage_core::map` (derived from the chart templates).

use storage_core::map::{Note, Row, Source};
use yew::prelude::*;

use super::message::message;
use super::paged::{controls, Page};
use crate::state::Analysis;

/// Notes that mean files can be lost or not shared: the row is marked.
fn is_trap(note: Note) -> bool {
    matches!(
        note,
        Note::NodeLocal | Note::LostWithPod | Note::EmptyMountPath | Note::NotebookHostPath
    )
}

fn or_unset(value: &Option<String>) -> &str {
    value.as_deref().unwrap_or("(not set)")
}

/// The source cell: its kind, and what it names.
fn source(source: &Source) -> Html {
    let (kind, what) = match source {
        Source::HostPath { path } => ("node directory", or_unset(path).to_string()),
        Source::Claim { claim } => ("claim", or_unset(claim).to_string()),
        Source::Bucket {
            store,
            bucket,
            secret,
        } => (
            store.label(),
            match secret.as_ref().and_then(|s| s.name.as_deref()) {
                Some(name) => format!("{} · Secret {name}", or_unset(bucket)),
                None => or_unset(bucket).to_string(),
            },
        ),
        Source::EmptyDir => ("emptyDir", String::new()),
        Source::NotMounted => ("not mounted", String::new()),
        Source::Unknown => ("unknown kind", String::new()),
    };
    html! {
        <>
            <span class="source-kind">{ kind }</span>
            if !what.is_empty() {
                { " " }<code>{ what }</code>
            }
        </>
    }
}

/// A row of the table, and its notes as a full-width row under it (a narrow pane has no
/// room for a notes column). A note an earlier row already gave in full (`said`) is named
/// only, "as above" (issue 23: the same node-local sentence repeated on every row).
fn row(row: &Row, said: &mut Vec<Note>) -> Html {
    let trap = row.notes.iter().any(|n| is_trap(*n));
    let pods = row
        .pods
        .iter()
        .map(|p| p.label())
        .collect::<Vec<_>>()
        .join(", ");
    let kind = match row.source {
        Source::HostPath { .. } => "host-path",
        Source::Claim { .. } => "claim",
        Source::Bucket { .. } => "bucket",
        Source::EmptyDir => "empty-dir",
        Source::NotMounted => "not-mounted",
        Source::Unknown => "unknown",
    };
    let class = classes!(
        "map-row",
        trap.then_some("trap"),
        row.default.then_some("default")
    );
    html! {
        <>
            <tr {class} data-role={row.role.key()} data-entry={row.entry.clone()} data-source={kind}>
                <td>
                    <span class="role">{ row.role.key() }</span>{ " " }<code>{ &row.entry }</code>
                    if row.default {
                        { " " }<span class="tag">{ "chart default" }</span>
                    }
                    <span class="pods">{ pods }</span>
                </td>
                <td>{ source(&row.source) }</td>
                <td>
                    { row.mount_path.as_deref().map(|p| html! { <code>{ p }</code> }).unwrap_or_else(|| html! { "—" }) }
                    if row.mount_path.is_some() {
                        <span class="access">{ if row.read_only { "read-only" } else { "read-write" } }</span>
                    }
                </td>
            </tr>
            if !row.notes.is_empty() || row.cluster.is_some() {
                <tr class={classes!("map-notes", trap.then_some("trap"))}>
                    <td colspan="3">
                        <ul class="notes">
                            if let Some(fact) = &row.cluster {
                                <li class="cluster-fact" data-note="cluster">{ message(&format!("cluster: {fact}")) }</li>
                            }
                            { for row.notes.iter().map(|n| {
                                let again = said.contains(n);
                                if !again {
                                    said.push(*n);
                                }
                                let class = classes!(is_trap(*n).then_some("trap"), again.then_some("again"));
                                html! {
                                    <li {class} data-note={n.code()}>
                                        if again {
                                            { format!("{}: as above", n.code().replace('-', " ")) }
                                        } else {
                                            { message(n.text()) }
                                        }
                                    </li>
                                }
                            }) }
                        </ul>
                    </td>
                </tr>
            }
        </>
    }
}

/// Rows drawn at a time: a page of the table.
const PAGE: usize = 50;

/// The map of `analysis`, a page of rows at a time. Drawn through `CachedPart`, so only when
/// the analysis changes (or the page). A note is given in full once per page, "as above"
/// after that.
pub fn storage_map(analysis: &Analysis, page: &mut Page, go: &Callback<usize>) -> Html {
    let rows = &analysis.map.rows;
    if rows.is_empty() {
        return Html::default();
    }
    let shown = page.window(rows.len(), PAGE, None);
    let mut said = Vec::new();
    html! {
        <section class="storage-map" aria-labelledby="map-title">
            <h2 class="pane-title" id="map-title">{ "Where the files go" }</h2>
            <div class="map-scroll" tabindex="0" role="region" aria-label="Storage map (scrolls sideways)">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{ "Entry · pods" }</th>
                            <th scope="col">{ "Source" }</th>
                            <th scope="col">{ "Mounted at" }</th>
                        </tr>
                    </thead>
                    <tbody>{ for rows[shown.clone()].iter().map(|r| row(r, &mut said)) }</tbody>
                </table>
            </div>
            { controls(shown, PAGE, rows.len(), "rows", "the storage map", go) }
        </section>
    }
}
