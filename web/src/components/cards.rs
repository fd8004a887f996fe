//! The storage forms: a card per entry of the file's chart, with add controls (the kind
//! first) for either chart, and the migration to today's chart. Which chart's forms show:
//! the file's, or the Chart option's when the file has no storage yet; with the option on
//! auto and nothing in the file that says which chart, both, today's first (issue 23: an
//! empty editor offered only the v0 forms).

use std::rc::Rc;

use storage_core::chart::By;
use storage_core::form::FormEdit;
use storage_core::options::ChartChoice;
use storage_core::storage::{Kind, Role};
use storage_core::{Chart, Detail};
use wasm_bindgen::JsCast;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::card::{kind_label, StorageCard};
use super::migrate_box::MigrateBox;
use super::paged::{controls, Page};
use crate::state::Analysis;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub analysis: Rc<Analysis>,
    pub on_edit: Callback<FormEdit>,
    pub on_switch: Callback<(String, Kind)>,
    /// Add an entry of this role, of this kind.
    pub on_add: Callback<(Role, Option<Kind>)>,
    /// The Chart option: which block the forms write into a file without storage.
    pub choice: ChartChoice,
    /// Entries just added and not left yet.
    pub fresh: Vec<String>,
    /// The focus left a fresh card.
    pub on_leave: Callback<String>,
    /// Apply a finding's fix (the migration).
    pub on_fix: Callback<usize>,
}

/// What applies when a role has no entry, said from core's chart defaults.
fn default_note(role: Role) -> String {
    match role.empty_default() {
        Some((mount, host)) => {
            format!("No entry: the chart's default applies ({mount} on host path {host}).")
        }
        None => format!("No {} entry.", role.key()),
    }
}

/// The kind an add control starts on: what such an entry most often is.
fn first_kind(role: Role) -> Kind {
    match role {
        Role::ArtifactsStore => Kind::Bucket(storage_core::text::bucket::StoreKind::S3),
        Role::Outputs | Role::Data | Role::Connection => Kind::Claim,
        _ => Kind::HostPath,
    }
}

/// Cards drawn at a time in a group: a page, each card a form a few hundred pixels high.
const PAGE: usize = 20;

/// The cards at `indices` (into `a.cards`), a page at a time; the page moves to a card just
/// added.
fn entries(
    a: &Analysis,
    (indices, title): (&[usize], &str),
    props: &Props,
    page: &mut Page,
    go: &Callback<usize>,
) -> Html {
    let follow = indices
        .iter()
        .position(|i| props.fresh.contains(&a.cards[*i].path));
    let shown = page.window(indices.len(), PAGE, follow);
    html! {
        <>
            { for indices[shown.clone()].iter().map(|&i| {
                let card = &a.cards[i];
                html! {
                    <StorageCard
                        key={card.path.clone()}
                        card={card.clone()}
                        findings={a.findings_of(card)}
                        on_edit={props.on_edit.clone()}
                        on_switch={props.on_switch.clone()}
                        fresh={props.fresh.contains(&card.path)}
                        on_leave={props.on_leave.clone()}
                    />
                }
            }) }
            { controls(shown, PAGE, indices.len(), "entries", title, go) }
        </>
    }
}

/// The page of a group's cards.
fn page_of(pages: &mut Vec<(Role, Page)>, role: Role) -> &mut Page {
    let at = match pages.iter().position(|(r, _)| *r == role) {
        Some(at) => at,
        None => {
            pages.push((role, Page::default()));
            pages.len() - 1
        }
    };
    &mut pages[at].1
}

#[function_component(Cards)]
pub fn cards(props: &Props) -> Html {
    // Each group's page (hooks first: the branches below draw different groups).
    let pages = use_mut_ref(Vec::<(Role, Page)>::new);
    let redraw = use_force_update();
    let a = &props.analysis;
    if a.chart.is_none() && !a.text.trim().is_empty() {
        return html! {
            <div class="cards">
                <h2 class="pane-title">{ "Storage" }</h2>
                <p class="hint">{ "The forms come back once the YAML reads again (see the findings)." }</p>
            </div>
        };
    }
    // v1+ forms for a v1+ file, or for a file without storage when the Chart option says v1;
    // both when the option is auto and no key of the file says which chart.
    let undecided = a.cards.is_empty()
        && props.choice == ChartChoice::Auto
        && a.basis.as_ref().is_none_or(|b| b.by == By::Nothing);
    let v1 = a.chart == Some(Chart::V1) || (a.cards.is_empty() && props.choice == ChartChoice::V1);
    let group = |role: Role, title: &'static str, add_label: Option<&'static str>| {
        let chart = role.chart();
        let cards: Vec<usize> = (0..a.cards.len())
            .filter(|i| a.cards[*i].role == role)
            .collect();
        // The kind is picked first (a select beside the button); logs keeps its default.
        let pick_kind = role.is_map() || chart == Chart::V1;
        let select_id = format!("add-kind-{}", role.key());
        let add = {
            let select_id = select_id.clone();
            props.on_add.reform(move |_: MouseEvent| {
                let kind = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.get_element_by_id(&select_id))
                    .and_then(|e| e.dyn_into::<HtmlSelectElement>().ok())
                    .and_then(|s| usize::try_from(s.selected_index()).ok())
                    .and_then(|i| Kind::ALL.get(i).copied());
                (role, kind)
            })
        };
        html! {
            <section class="card-group" aria-label={title}>
                <div class="group-head">
                    <h3>{ title }</h3>
                    if let Some(label) = add_label {
                        <span class="add-control">
                            if pick_kind {
                                <select id={select_id.clone()} key={select_id.clone()} class="add-kind"
                                    aria-label={format!("Kind for “{label}”")}>
                                    { for Kind::ALL.iter().map(|k| html! {
                                        <option selected={*k == first_kind(role)}>{ kind_label(*k, chart) }</option>
                                    }) }
                                </select>
                            }
                            <button type="button" class="button small" onclick={add}>{ label }</button>
                        </span>
                    }
                </div>
                if cards.is_empty() {
                    <p class="hint">{ default_note(role) }</p>
                }
                {{
                    let go = {
                        let (pages, redraw) = (pages.clone(), redraw.clone());
                        Callback::from(move |start| {
                            page_of(&mut pages.borrow_mut(), role).go(start);
                            redraw.force_update();
                        })
                    };
                    entries(a, (&cards, title), props, page_of(&mut pages.borrow_mut(), role), &go)
                }}
            </section>
        }
    };
    let has_store = a.cards.iter().any(|c| c.role == Role::ArtifactsStore);
    let today = || {
        html! {
            <>
                { group(Role::ArtifactsStore, "Artifacts store", (!has_store).then_some("Add artifacts store")) }
                { group(Role::Connection, "Connections", Some("Add connection")) }
            </>
        }
    };
    if undecided {
        return html! {
            <div class="cards">
                <h2 class="pane-title">{ "Storage" }</h2>
                <p class="chart-choice">{ "Today's chart (Polyaxon 1.x, 2.x): an artifacts store and connections." }</p>
                { today() }
                <p class="chart-choice">{ "Or the v0 chart (0.2 – 0.6): persistence." }</p>
                { group(Role::Outputs, "Outputs", Some("Add outputs entry")) }
                { group(Role::Data, "Data", Some("Add data entry")) }
                { group(Role::Logs, "Logs", Some("Configure logs")) }
            </div>
        };
    }
    if v1 {
        return html! {
            <div class="cards">
                <h2 class="pane-title">{ "Storage (v1+ chart)" }</h2>
                { today() }
            </div>
        };
    }
    let has_logs = a.cards.iter().any(|c| c.role == Role::Logs);
    let migration = a
        .findings
        .iter()
        .enumerate()
        .find(|(_, f)| matches!(f.detail, Some(Detail::Migration(_))));
    html! {
        <div class="cards">
            <h2 class="pane-title">{ "Storage" }</h2>
            { group(Role::Outputs, "Outputs", Some("Add outputs entry")) }
            { group(Role::Data, "Data", Some("Add data entry")) }
            { group(Role::Logs, "Logs", (!has_logs).then_some("Configure logs")) }
            if let Some((index, finding)) = migration {
                <MigrateBox {index} finding={finding.clone()} on_fix={props.on_fix.clone()} />
            }
        </div>
    }
}
