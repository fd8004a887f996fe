//! One v1+ connection (`artifactsStore` or a `connections` item) as a form.

use storage_core::form::v1::{V1Card as Card, V1Edit, V1Field};
use storage_core::model::v1::V1Kind;
use storage_core::LocatedFinding;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::card::finding_lines;

#[derive(Properties)]
pub struct Props {
    pub card: Card,
    pub findings: Vec<LocatedFinding>,
    pub on_edit: Callback<V1Edit>,
    pub on_switch: Callback<(String, V1Kind)>,
}

/// Spans shift while typing but are not shown: compare what is displayed.
impl PartialEq for Props {
    fn eq(&self, other: &Self) -> bool {
        let shown = |fs: &[LocatedFinding]| {
            fs.iter()
                .map(|f| (f.code, f.message.clone(), f.path.clone()))
                .collect::<Vec<_>>()
        };
        self.card == other.card
            && shown(&self.findings) == shown(&other.findings)
            && self.on_edit == other.on_edit
            && self.on_switch == other.on_switch
    }
}

fn kind_label(kind: V1Kind) -> &'static str {
    match kind {
        V1Kind::HostPath => "host_path",
        V1Kind::VolumeClaim => "volume_claim",
        V1Kind::S3 => "s3",
        V1Kind::Gcs => "gcs",
        V1Kind::Wasb => "wasb (Azure)",
    }
}

fn field_label(field: V1Field) -> &'static str {
    match field {
        V1Field::HostPath => "Directory on the node",
        V1Field::VolumeClaim => "Claim (PVC name)",
        V1Field::MountPath => "Mount path in pods",
        V1Field::ReadOnly => "Read-only",
        V1Field::Bucket => "Bucket URL",
        V1Field::SecretName => "Secret name (keys: AWS_ACCESS_KEY_ID, …)",
    }
}

#[function_component(V1Card)]
pub fn v1_card(props: &Props) -> Html {
    let card = &props.card;
    let id = card.path.replace('.', "-");
    let shown: Vec<String> = card
        .kind
        .map(|k| {
            V1Field::of_kind(k)
                .iter()
                .map(|f| format!("{}.{}", card.path, f.path()))
                .collect()
        })
        .unwrap_or_default();
    let top: Vec<&LocatedFinding> = props
        .findings
        .iter()
        .filter(|f| !shown.contains(&f.path))
        .collect();

    let rename = {
        let on_edit = props.on_edit.clone();
        let path = card.path.clone();
        Callback::from(move |e: Event| {
            let name = e.target_unchecked_into::<HtmlInputElement>().value();
            on_edit.emit(V1Edit::Rename {
                path: path.clone(),
                name: name.trim().to_string(),
            });
        })
    };
    let kinds = V1Kind::ALL.iter().map(|&kind| {
        let on_switch = props.on_switch.clone();
        let path = card.path.clone();
        let onchange = Callback::from(move |_: Event| on_switch.emit((path.clone(), kind)));
        let radio_id = format!("{id}-kind-{}", kind.name());
        html! {
            <label class={classes!("kind", (card.kind == Some(kind)).then_some("active"))} for={radio_id.clone()}>
                <input type="radio" id={radio_id} name={format!("{id}-kind")} checked={card.kind == Some(kind)} {onchange} />
                <span>{ kind_label(kind) }</span>
            </label>
        }
    });
    let fields = card.kind.map(V1Field::of_kind).unwrap_or(&[]).iter().map(|&field| {
        let field_id = format!("{id}-{}", field.path().replace('.', "-"));
        let path = format!("{}.{}", card.path, field.path());
        let own: Vec<&LocatedFinding> = props.findings.iter().filter(|f| f.path == path).collect();
        let on_edit = props.on_edit.clone();
        let card_path = card.path.clone();
        let value = card.value(field).to_string();
        if field == V1Field::ReadOnly {
            let onchange = Callback::from(move |e: Event| {
                let checked = e.target_unchecked_into::<HtmlInputElement>().checked();
                let value = if checked { "true".to_string() } else { String::new() };
                on_edit.emit(V1Edit::SetField { path: card_path.clone(), field, value });
            });
            return html! {
                <div class="field checkbox">
                    <input type="checkbox" id={field_id.clone()} checked={value == "true"} {onchange} />
                    <label for={field_id}>{ field_label(field) }</label>
                    { finding_lines(&own) }
                </div>
            };
        }
        let onchange = Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            on_edit.emit(V1Edit::SetField { path: card_path.clone(), field, value: value.trim().to_string() });
        });
        html! {
            <div class={classes!("field", (!own.is_empty()).then_some("has-finding"))}>
                <label for={field_id.clone()}>{ field_label(field) }<code>{ field.path() }</code></label>
                <input type="text" id={field_id} value={value} spellcheck="false" autocomplete="off" {onchange} />
                { finding_lines(&own) }
            </div>
        }
    });
    html! {
        <article class="card" data-entry={card.path.clone()}>
            <header class="card-head">
                <span class="card-role">{ if card.is_store { "artifactsStore" } else { "connection" } }</span>
                <label class="visually-hidden" for={format!("{id}-name")}>{ "Connection name" }</label>
                <input class="entry-name" id={format!("{id}-name")} value={card.name.clone()} onchange={rename} spellcheck="false" />
            </header>
            { finding_lines(&top) }
            <fieldset class="kinds">
                <legend>{ "Kind" }</legend>
                { for kinds }
            </fieldset>
            <div class="fields">{ for fields }</div>
        </article>
    }
}
