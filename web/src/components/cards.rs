//! The storage forms: a card per `outputs` and `data` entry and for `logs`, with add buttons.

use std::rc::Rc;

use storage_core::form::v1::V1Edit;
use storage_core::form::{CardKind, FormEdit};
use storage_core::model::v0::Section;
use storage_core::model::v1::V1Kind;
use storage_core::Chart;
use yew::prelude::*;

use super::card::StorageCard;
use super::migrate_box::MigrateBox;
use super::v1_card::V1Card;
use crate::state::Analysis;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub analysis: Rc<Analysis>,
    pub on_edit: Callback<FormEdit>,
    pub on_switch: Callback<(Section, String, CardKind)>,
    pub on_add: Callback<Section>,
    pub on_v1_edit: Callback<V1Edit>,
    pub on_v1_switch: Callback<(String, V1Kind)>,
    /// Apply a finding's fix (the migration).
    pub on_fix: Callback<usize>,
}

#[function_component(Cards)]
pub fn cards(props: &Props) -> Html {
    let a = &props.analysis;
    if a.chart == Some(Chart::V1) {
        return html! {
            <div class="cards">
                <h2 class="pane-title">{ "Storage (v1+ chart)" }</h2>
                if a.v1_cards.iter().all(|c| !c.is_store) {
                    <p class="hint">{ "No artifactsStore: the chart's default host path /tmp/artifactsStore applies." }</p>
                }
                { for a.v1_cards.iter().map(|card| {
                    let findings = a.findings_under(&card.path);
                    html! {
                        <V1Card
                            key={card.path.clone()}
                            card={card.clone()}
                            {findings}
                            on_edit={props.on_v1_edit.clone()}
                            on_switch={props.on_v1_switch.clone()}
                        />
                    }
                }) }
            </div>
        };
    }
    if a.chart.is_none() && !a.text.trim().is_empty() {
        return html! {
            <div class="cards">
                <h2 class="pane-title">{ "Storage" }</h2>
                <p class="hint">{ "The forms come back once the YAML reads again (see the findings)." }</p>
            </div>
        };
    }
    let group = |section: Section, title: &'static str, add_label: Option<&'static str>| {
        let cards: Vec<_> = a.cards.iter().filter(|c| c.section == section).collect();
        let add = props.on_add.reform(move |_: MouseEvent| section);
        html! {
            <section class="card-group" aria-label={title}>
                <div class="group-head">
                    <h3>{ title }</h3>
                    if let Some(label) = add_label {
                        <button type="button" class="button small" onclick={add}>{ label }</button>
                    }
                </div>
                if cards.is_empty() {
                    <p class="hint">{ match section {
                        Section::Outputs => "No entry: the chart's default applies (/outputs on host path /tmp/outputs).",
                        Section::Data => "No data entry.",
                        _ => "The chart's default applies (/polyaxon-logs on host path /tmp/logs).",
                    } }</p>
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
    let has_logs = a.cards.iter().any(|c| c.section == Section::Logs);
    let migration = a
        .findings
        .iter()
        .enumerate()
        .find(|(_, f)| f.code == "A008");
    html! {
        <div class="cards">
            <h2 class="pane-title">{ "Storage" }</h2>
            { group(Section::Outputs, "Outputs", Some("Add outputs entry")) }
            { group(Section::Data, "Data", Some("Add data entry")) }
            { group(Section::Logs, "Logs", (!has_logs).then_some("Configure logs")) }
            if let Some((index, finding)) = migration {
                <MigrateBox {index} finding={finding.clone()} on_fix={props.on_fix.clone()} />
            }
        </div>
    }
}
