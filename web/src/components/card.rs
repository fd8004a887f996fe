//! One storage entry as a form: name, kind switch, the fields of that kind with their
//! own findings, and the secrets helper for cloud kinds.

use storage_core::form::{Card, CardKind, FormEdit};
use storage_core::model::v0::{Key, Section};
use storage_core::LocatedFinding;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::message::message;
use super::secrets_helper::SecretsHelper;

#[derive(Properties)]
pub struct Props {
    pub card: Card,
    /// Findings about this entry or one of its keys.
    pub findings: Vec<LocatedFinding>,
    pub on_edit: Callback<FormEdit>,
    pub on_switch: Callback<(Section, String, CardKind)>,
}

/// Byte spans move with every keystroke above the entry but change nothing on the card:
/// leave them out, so unchanged cards are not re-rendered while typing.
impl PartialEq for Props {
    fn eq(&self, other: &Self) -> bool {
        let card = |c: &Card| {
            (
                c.section,
                c.name.clone(),
                c.kind,
                c.path.clone(),
                c.fields
                    .iter()
                    .map(|f| (f.key, f.value.clone(), f.default))
                    .collect::<Vec<_>>(),
            )
        };
        let findings = |fs: &[LocatedFinding]| {
            fs.iter()
                .map(|f| {
                    (
                        f.code,
                        f.severity,
                        f.message.clone(),
                        f.path.clone(),
                        f.detail.clone(),
                    )
                })
                .collect::<Vec<_>>()
        };
        card(&self.card) == card(&other.card)
            && findings(&self.findings) == findings(&other.findings)
            && self.on_edit == other.on_edit
            && self.on_switch == other.on_switch
    }
}

fn field_label(key: Key, kind: CardKind) -> &'static str {
    match (key, kind) {
        (Key::MountPath, _) => "Mount path in pods",
        (Key::HostPath, _) => "Directory on the node",
        (Key::ExistingClaim, _) => "Existing claim (PVC name)",
        (Key::ReadOnly, _) => "Read-only for jobs",
        (Key::Bucket, CardKind::Azure) => {
            "Container URL (wasbs://CONTAINER@ACCOUNT.blob.core.windows.net/)"
        }
        (Key::Bucket, CardKind::Gcs) => "Bucket URL (gs://…)",
        (Key::Bucket, _) => "Bucket URL (s3://…)",
        (Key::Secret, _) => "Kubernetes Secret name",
        (Key::SecretKey, _) => "Key in that Secret (the credentials JSON)",
        (Key::Store, _) => "Store",
    }
}

/// A card's findings, one line each, under the field (or the card) they are about.
pub(crate) fn finding_lines(findings: &[&LocatedFinding]) -> Html {
    findings
        .iter()
        .map(|f| {
            html! {
                <p class={classes!("field-finding", f.severity.as_str())} data-code={f.code}>
                    <a class="code-link" href={format!("#rule-{}", f.code)}>{ f.code }</a>
                    { " " }{ message(&f.message) }
                </p>
            }
        })
        .collect()
}

#[function_component(StorageCard)]
pub fn storage_card(props: &Props) -> Html {
    let card = &props.card;
    let section = card.section;
    let name = card.name.clone();
    let id = format!("{}-{}", section.key(), name);

    // Findings on the entry itself, or on a key this kind's form does not show.
    let shown: Vec<String> = card
        .kind
        .keys()
        .iter()
        .map(|k| format!("{}.{}", card.path, k.name()))
        .collect();
    let entry_findings: Vec<&LocatedFinding> = props
        .findings
        .iter()
        .filter(|f| f.code != "C011" && !shown.contains(&f.path))
        .collect();
    let secret_help = props
        .findings
        .iter()
        .find(|f| f.code == "C011" && f.path == card.path)
        .and_then(|f| f.detail.clone());

    let rename = {
        let on_edit = props.on_edit.clone();
        let from = name.clone();
        Callback::from(move |e: Event| {
            let to = e.target_unchecked_into::<HtmlInputElement>().value();
            if to != from {
                on_edit.emit(FormEdit::Rename {
                    section,
                    from: from.clone(),
                    to,
                });
            }
        })
    };
    let remove = {
        let on_edit = props.on_edit.clone();
        let name = name.clone();
        Callback::from(move |_: MouseEvent| {
            on_edit.emit(FormEdit::Remove {
                section,
                name: name.clone(),
            })
        })
    };

    let kind_switch = CardKind::CHOICES.iter().map(|&kind| {
        let on_switch = props.on_switch.clone();
        let name = name.clone();
        let onchange = Callback::from(move |_: Event| on_switch.emit((section, name.clone(), kind)));
        let radio_id = format!("{id}-kind-{kind:?}").to_ascii_lowercase();
        html! {
            <label class={classes!("kind", (card.kind == kind).then_some("active"))} for={radio_id.clone()}>
                <input type="radio" id={radio_id} name={format!("{id}-kind")} checked={card.kind == kind} {onchange} />
                <span>{ kind.label() }</span>
            </label>
        }
    });

    let fields = card.kind.keys().iter().map(|&key| {
        let field = card.field(key);
        let value = field.map(|f| f.value.clone()).unwrap_or_default();
        let field_id = format!("{id}-{}", key.name());
        let path = format!("{}.{}", card.path, key.name());
        let own: Vec<&LocatedFinding> = props.findings.iter().filter(|f| f.path == path).collect();
        let on_edit = props.on_edit.clone();
        let name = name.clone();
        if key == Key::ReadOnly {
            let onchange = Callback::from(move |e: Event| {
                let checked = e.target_unchecked_into::<HtmlInputElement>().checked();
                // Unchecked removes the key: Helm's default is false.
                let value = if checked { "true".to_string() } else { String::new() };
                on_edit.emit(FormEdit::SetField { section, name: name.clone(), key, value });
            });
            return html! {
                <div class="field checkbox">
                    <input type="checkbox" id={field_id.clone()} checked={value == "true"} {onchange} />
                    <label for={field_id}>{ field_label(key, card.kind) }</label>
                    { finding_lines(&own) }
                </div>
            };
        }
        let onchange = Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            on_edit.emit(FormEdit::SetField { section, name: name.clone(), key, value: value.trim().to_string() });
        });
        let placeholder = field.and_then(|f| f.default).map(|d| format!("default: {d}"));
        html! {
            <div class={classes!("field", (!own.is_empty()).then_some("has-finding"))}>
                <label for={field_id.clone()}>{ field_label(key, card.kind) }<code>{ key.name() }</code></label>
                <input type="text" id={field_id} value={value} {placeholder} spellcheck="false" autocomplete="off" {onchange} />
                { finding_lines(&own) }
            </div>
        }
    });

    let single = !section.is_map();
    html! {
        <article class="card" data-entry={card.path.clone()}>
            <header class="card-head">
                if single {
                    <h4>{ section.key() }</h4>
                } else {
                    <label class="visually-hidden" for={format!("{id}-name")}>{ "Entry name" }</label>
                    <input class="entry-name" id={format!("{id}-name")} value={name.clone()} onchange={rename} spellcheck="false" />
                }
                <button type="button" class="button small danger" onclick={remove}
                    aria-label={format!("Remove {}", card.path)}>{ "Remove" }</button>
            </header>
            { finding_lines(&entry_findings) }
            <fieldset class="kinds">
                <legend>{ "Kind" }</legend>
                { for kind_switch }
            </fieldset>
            if card.kind == CardKind::Unset && entry_findings.iter().any(|f| f.code == "V001") {
                <p class="hint">{ "Pick a kind: without hostPath, existingClaim or store, job outputs are lost." }</p>
            }
            <div class="fields">{ for fields }</div>
            if let Some(detail) = secret_help {
                <div class="card-secret">
                    <h5>{ "Create the Secret" }</h5>
                    <SecretsHelper {detail} />
                </div>
            }
        </article>
    }
}
