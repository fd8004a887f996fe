//! The storage forms: a card per entry of the file's chart, with add buttons (v0), and
//! the migration to today's chart.

use std::rc::Rc;

use storage_core::form::FormEdit;
use storage_core::storage::{Kind, Role};
use storage_core::{Chart, Detail};
use yew::prelude::*;

use super::card::StorageCard;
use super::migrate_box::MigrateBox;
use crate::state::Analysis;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub analysis: Rc<Analysis>,
    pub on_edit: Callback<FormEdit>,
    pub on_switch: Callback<(String, Kind)>,
    pub on_add: Callback<Role>,
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

#[function_component(Cards)]
pub fn cards(props: &Props) -> Html {
    let a = &props.analysis;
    if a.chart.is_none() && !a.text.trim().is_empty() {
        return html! {
            <div class="cards">
                <h2 class="pane-title">{ "Storage" }</h2>
                <p class="hint">{ "The forms come back once the YAML reads again (see the findings)." }</p>
            </div>
        };
    }
    let group = |role: Role, title: &'static str, add_label: Option<&'static str>| {
        let cards: Vec<_> = a.cards.iter().filter(|c| c.role == role).collect();
        let add = props.on_add.reform(move |_: MouseEvent| role);
        html! {
            <section class="card-group" aria-label={title}>
                <div class="group-head">
                    <h3>{ title }</h3>
                    if let Some(label) = add_label {
                        <button type="button" class="button small" onclick={add}>{ label }</button>
                    }
                </div>
                if cards.is_empty() {
                    <p class="hint">{ default_note(role) }</p>
                }
                { for cards.into_iter().map(|card| {
                    let findings = a.findings_under(&card.path);
                    html! {
                        <StorageCard
                            key={card.path.clone()}
                            card={card.clone()}
                            {findings}
                            on_edit={props.on_edit.clone()}
                            on_switch={props.on_switch.clone()}
                        />
                    }
                }) }
            </section>
        }
    };
    if a.chart == Some(Chart::V1) {
        return html! {
            <div class="cards">
                <h2 class="pane-title">{ "Storage (v1+ chart)" }</h2>
                { group(Role::ArtifactsStore, "Artifacts store", None) }
                { group(Role::Connection, "Connections", None) }
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
