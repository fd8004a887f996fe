//! One storage entry as a form, for either chart: name, kind switch, the fields of that
//! kind with their own findings, and the Secret helper for cloud kinds.

use gloo_timers::callback::Timeout;
use storage_core::form::{Card, FormEdit};
use storage_core::secrets::SecretHelp;
use storage_core::storage::{Field, Kind, Role};
use storage_core::text::bucket::StoreKind;
use storage_core::{Chart, Detail, LocatedFinding, Severity};
use wasm_bindgen::JsCast;
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
    /// Switch the entry (by path) to a kind.
    pub on_switch: Callback<(String, Kind)>,
    /// Just added and not left yet: its errors are fields to fill, not mistakes, and its
    /// first field takes the focus.
    #[prop_or_default]
    pub fresh: bool,
    /// The focus left the card (by path).
    #[prop_or_default]
    pub on_leave: Callback<String>,
}

/// Byte spans move with every keystroke above the entry but change nothing on the card:
/// leave them out, so unchanged cards are not re-rendered while typing.
impl PartialEq for Props {
    fn eq(&self, other: &Self) -> bool {
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
        self.card.same_apart_from_spans(&other.card)
            && findings(&self.findings) == findings(&other.findings)
            && self.on_edit == other.on_edit
            && self.on_switch == other.on_switch
            && self.fresh == other.fresh
            && self.on_leave == other.on_leave
    }
}

/// How the kind switch names a kind: v1+ files see the `kind:` value they write.
pub(crate) fn kind_label(kind: Kind, chart: Chart) -> &'static str {
    match (chart, kind) {
        (Chart::V0, kind) => kind.label(),
        (Chart::V1, Kind::Bucket(StoreKind::Azure)) => "wasb (Azure)",
        (Chart::V1, other) => other.name(Chart::V1),
    }
}

fn field_label(field: Field, kind: Option<Kind>, chart: Chart) -> &'static str {
    match (field, kind) {
        (Field::MountPath, _) => "Mount path in pods",
        (Field::HostPath, _) => "Directory on the node",
        (Field::Claim, _) => "Existing claim (PVC name)",
        (Field::ReadOnly, _) => "Read-only for jobs",
        (Field::Bucket, Some(Kind::Bucket(StoreKind::Azure))) => {
            "Container URL (wasbs://CONTAINER@ACCOUNT.blob.core.windows.net/)"
        }
        (Field::Bucket, Some(Kind::Bucket(StoreKind::Gcs))) => "Bucket URL (gs://…)",
        (Field::Bucket, _) => "Bucket URL (s3://…)",
        (Field::Secret, Some(Kind::Bucket(StoreKind::Gcs))) if chart == Chart::V1 => {
            "Kubernetes Secret name (key gc-secret.json, mounted at /plx-context/.gc)"
        }
        (Field::Secret, _) if chart == Chart::V1 => {
            "Kubernetes Secret name (one key per credential)"
        }
        (Field::Secret, _) => "Kubernetes Secret name",
        (Field::SecretKey, _) => "Key in that Secret (the credentials JSON)",
        (Field::Store, _) => "Store",
    }
}

/// How long typing in a field pauses before the text follows.
const TYPING_PAUSE_MS: u32 = 300;

/// The class that colours a field's border by the worst severity of its findings.
fn border_class(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "has-error",
        Severity::Warning => "has-warning",
        Severity::Info => "has-info",
    }
}

/// A card's findings, one line each, under the field (or the card) they are about. On a
/// fresh card an error is a field still to fill, said as such (not in red).
pub(crate) fn finding_lines(findings: &[&LocatedFinding], fresh: bool) -> Html {
    findings
        .iter()
        .map(|f| {
            let to_fill = fresh && f.severity == Severity::Error;
            let class = if to_fill {
                "to-fill"
            } else {
                f.severity.as_str()
            };
            html! {
                <p class={classes!("field-finding", class)} data-code={f.code}>
                    if to_fill {
                        <span class="to-fill-tag">{ "to fill" }</span>{ " " }
                    }
                    <a class="code-link" href={format!("#rule-{}", f.code)}>{ f.code }</a>
                    { " " }{ message(&f.message) }
                </p>
            }
        })
        .collect()
}

/// The Secret help among the card's findings (its own C011, or the one it shares).
fn secret_help(findings: &[LocatedFinding]) -> Option<&SecretHelp> {
    findings.iter().find_map(|f| match &f.detail {
        Some(Detail::Secret(help)) => Some(help),
        _ => None,
    })
}

#[function_component(StorageCard)]
pub fn storage_card(props: &Props) -> Html {
    let card = &props.card;
    let chart = card.chart;
    let path = card.path.clone();
    let id = path.replace('.', "-");

    // Findings on the entry itself, or on a field this kind's form does not show; the
    // Secret help has its own box.
    let shown: Vec<String> = card.shown().iter().map(|f| card.field_path(*f)).collect();
    let entry_findings: Vec<&LocatedFinding> = props
        .findings
        .iter()
        .filter(|f| !matches!(f.detail, Some(Detail::Secret(_))) && !shown.contains(&f.path))
        .collect();
    // The Secret step as soon as the kind is a cloud one: C011's command when the entry has
    // it; else the same command from what the card holds (an entry sharing another's Secret
    // gets C011 once, on the first), with `<...>` where something is still to fill.
    let help = secret_help(&props.findings).cloned().or_else(|| {
        let store = card.kind?.store()?;
        let or_mark = |field, mark| {
            Some(card.value(field))
                .filter(|v| !v.is_empty())
                .unwrap_or(mark)
        };
        storage_core::secrets::for_entry(
            store,
            chart,
            or_mark(Field::Secret, "<secret name>"),
            Some(or_mark(Field::SecretKey, "<secret key>")),
            Some(card.value(Field::Bucket)),
        )
    });

    let rename = {
        let on_edit = props.on_edit.clone();
        let (entry, from) = (path.clone(), card.name.clone());
        Callback::from(move |e: Event| {
            let to = e.target_unchecked_into::<HtmlInputElement>().value();
            let to = to.trim().to_string();
            if to != from {
                on_edit.emit(FormEdit::Rename {
                    entry: entry.clone(),
                    chart,
                    to,
                });
            }
        })
    };
    let remove = {
        let on_edit = props.on_edit.clone();
        let entry = path.clone();
        Callback::from(move |_: MouseEvent| {
            on_edit.emit(FormEdit::Remove {
                entry: entry.clone(),
            })
        })
    };

    let kind_switch = Kind::ALL.iter().map(|&kind| {
        let on_switch = props.on_switch.clone();
        let entry = path.clone();
        let onchange = Callback::from(move |_: Event| on_switch.emit((entry.clone(), kind)));
        let radio_id = format!("{id}-kind-{}", kind.name(Chart::V1));
        let active = card.kind == Some(kind);
        html! {
            <label class={classes!("kind", active.then_some("active"))} for={radio_id.clone()}>
                <input type="radio" id={radio_id} name={format!("{id}-kind")} checked={active} {onchange} />
                <span>{ kind_label(kind, chart) }</span>
            </label>
        }
    });

    let fresh = props.fresh;
    // The field edit waiting for typing to pause (one at a time: one field has the focus).
    let pending = use_mut_ref(|| None::<Timeout>);
    let fields = card.shown().iter().map(|&field| {
        let Some(shown) = card.field(field) else {
            return Html::default();
        };
        let value = shown.value.clone();
        let field_path = card.field_path(field);
        let field_id = field_path.replace('.', "-");
        let own: Vec<&LocatedFinding> = props.findings.iter().filter(|f| f.path == field_path).collect();
        let on_edit = props.on_edit.clone();
        let entry = path.clone();
        let label = field_label(field, card.kind, chart);
        if field.is_bool() {
            let onchange = Callback::from(move |e: Event| {
                let checked = e.target_unchecked_into::<HtmlInputElement>().checked();
                // Unchecked removes the key: the default is false.
                let value = if checked { "true".to_string() } else { String::new() };
                on_edit.emit(FormEdit::SetField { entry: entry.clone(), chart, field, value });
            });
            return html! {
                <div class="field checkbox">
                    <input type="checkbox" id={field_id.clone()} checked={value == "true"} {onchange} />
                    <label for={field_id}>{ label }</label>
                    { finding_lines(&own, fresh) }
                </div>
            };
        }
        let set = move |value: String| FormEdit::SetField { entry: entry.clone(), chart, field, value };
        // While typing: written after a short pause (the caret stays: the field's value
        // is what was typed); on Enter or leaving the field: at once.
        let oninput = {
            let (on_edit, pending, set) = (on_edit.clone(), pending.clone(), set.clone());
            Callback::from(move |e: InputEvent| {
                let value = e.target_unchecked_into::<HtmlInputElement>().value();
                let (on_edit, set) = (on_edit.clone(), set.clone());
                // A trailing space is a word not finished: wait for the next key.
                *pending.borrow_mut() = (!value.ends_with(char::is_whitespace)).then(|| {
                    Timeout::new(TYPING_PAUSE_MS, move || on_edit.emit(set(value.trim().to_string())))
                });
            })
        };
        let onchange = {
            let pending = pending.clone();
            Callback::from(move |e: Event| {
                pending.borrow_mut().take();
                let value = e.target_unchecked_into::<HtmlInputElement>().value();
                on_edit.emit(set(value.trim().to_string()));
            })
        };
        let placeholder = shown
            .default
            .map(|d| format!("default: {d}"))
            .or_else(|| card.example(field).map(|e| format!("e.g. {e}")));
        // The field's border says the worst of its findings, in that severity's colour (a
        // fresh card's errors are fields to fill: no colour).
        let worst = own
            .iter()
            .map(|f| f.severity)
            .filter(|s| !(fresh && *s == Severity::Error))
            .min();
        html! {
            <div class={classes!("field", worst.map(border_class))}>
                <label for={field_id.clone()}>{ label }<code>{ field.path(chart) }</code></label>
                <input type="text" id={field_id} value={value} {placeholder} spellcheck="false" autocomplete="off" {oninput} {onchange} />
                { finding_lines(&own, fresh) }
            </div>
        }
    });

    // Just added: the focus goes to its first field to fill.
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with((), move |_| {
            if fresh {
                if let Some(input) = node
                    .cast::<web_sys::Element>()
                    .and_then(|card| {
                        card.query_selector(".fields input[type=text]")
                            .ok()
                            .flatten()
                    })
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = input.focus();
                }
            }
        });
    }
    // Leaving the card (the focus goes outside it) ends its "to fill" grace.
    let onfocusout = {
        let (on_leave, entry, node) = (props.on_leave.clone(), path.clone(), node.clone());
        Callback::from(move |e: FocusEvent| {
            let inside = e
                .related_target()
                .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
                .zip(node.cast::<web_sys::Node>())
                .is_some_and(|(to, card)| card.contains(Some(&to)));
            if fresh && !inside {
                on_leave.emit(entry.clone());
            }
        })
    };

    let title = match card.role {
        Role::ArtifactsStore => "artifactsStore",
        Role::Connection => "connection",
        other => other.key(),
    };
    html! {
        <article class={classes!("card", fresh.then_some("fresh"))} data-entry={card.path.clone()} ref={node} {onfocusout}
            aria-label={card.path.clone()}>
            <header class="card-head">
                if chart == Chart::V1 {
                    <span class="card-role">{ title }</span>
                }
                if card.removable {
                    <label class="visually-hidden" for={format!("{id}-name")}>{ "Entry name" }</label>
                    <input class="entry-name" id={format!("{id}-name")} value={card.name.clone()} onchange={rename} spellcheck="false" />
                } else {
                    <h4>{ title }</h4>
                }
                if card.removable {
                    <button type="button" class="button small danger" onclick={remove}
                        aria-label={format!("Remove {}", card.path)}>{ "Remove" }</button>
                }
            </header>
            { finding_lines(&entry_findings, fresh) }
            <fieldset class="kinds" aria-label={format!("Kind of {}", card.path)}>
                <legend>{ "Kind" }</legend>
                { for kind_switch }
            </fieldset>
            if card.kind.is_none() {
                <p class="hint">{ "Pick a kind: without one, nothing keeps what jobs write." }</p>
            }
            <div class="fields">{ for fields }</div>
            if let Some(help) = help {
                <div class="card-secret">
                    <h4 class="subhead">{ "Create the Secret" }</h4>
                    <SecretsHelper {help} />
                </div>
            }
        </article>
    }
}
