//! The page: wires the state to the components, decides when and where the text is
//! checked (here, or in the checker's worker), saves the text.

use gloo_timers::callback::Timeout;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::browser;
use crate::components::cached_part::{CachedPart, Part};
use crate::components::cards::Cards;
use crate::components::cluster_input::cluster_input;
use crate::components::edit_review::edit_review;
use crate::components::editor::Editor;
use crate::components::export::Export;
use crate::components::findings::Findings;
use crate::components::layer_tabs::{layer_buttons, layer_tabs, missing_base, LayerActions};
use crate::components::notice::notice;
use crate::components::options_bar::options_bar;
use crate::components::start::start;
use crate::state::{Action, State, LIVE_LIMIT};
use crate::{checker, option_words};

/// How long typing must pause before a large file is checked when there is no worker.
const DEBOUNCE_MS: u32 = 120;

/// How long checks of a large text must pause before it is stored for the next visit.
const SAVE_PAUSE_MS: u32 = 1_000;

fn initial_state() -> State {
    match browser::restore() {
        Some((text, baseline, options)) => {
            State::new(&text, &baseline, option_words::options(&options))
        }
        None => State::new("", "", Default::default()),
    }
}

/// A callback that dispatches `to_action(event)`, created once per page.
#[hook]
fn use_action<E: 'static>(
    dispatcher: UseReducerDispatcher<State>,
    to_action: fn(E) -> Action,
) -> Callback<E> {
    use_callback(dispatcher, move |event: E, d| d.dispatch(to_action(event)))
}

/// A check waiting to run; dropping it cancels it (its fields are held for their `Drop`).
#[allow(dead_code)]
enum Pending {
    AfterPaint(browser::AfterPaint),
    Timeout(Timeout),
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(initial_state);

    // Check the typed text. Files up to `LIVE_LIMIT`: here, right after the keystroke's
    // frame is painted (no debounce). Larger ones: posted to the checker's worker after
    // that frame, so the keystroke never waits for their check; without a worker, here
    // once typing pauses. A newer keystroke cancels what is pending.
    {
        let dispatcher = state.dispatcher();
        // Layers are merged here: the worker checks one text.
        let live = state.text.len() <= LIVE_LIMIT || state.layered();
        let current = state.is_current();
        let (text, options) = (state.text.clone(), state.options);
        let cluster = state.cluster.clone();
        use_effect_with(state.revision, move |&revision| {
            let pending = if current {
                None
            } else if live {
                Some(Pending::AfterPaint(browser::after_next_paint(move || {
                    dispatcher.dispatch(Action::Analyze)
                })))
            } else if checker::available() {
                Some(Pending::AfterPaint(browser::after_next_paint(move || {
                    if !checker::request(revision, &text, &options, cluster.as_deref()) {
                        dispatcher.dispatch(Action::Analyze)
                    }
                })))
            } else {
                Some(Pending::Timeout(Timeout::new(DEBOUNCE_MS, move || {
                    dispatcher.dispatch(Action::Analyze)
                })))
            };
            move || drop(pending)
        });
    }
    // The worker's answers, for as long as the page lives.
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            checker::on_answer(move |revision, answer| {
                dispatcher.dispatch(Action::Checked { revision, answer })
            })
        });
    }
    // Keep the text across reloads (only in this browser), once per checked version: at once
    // up to `LIVE_LIMIT`; a larger text once checks pause for a second (storing 2 MB takes
    // 10 ms, which a keystroke landing then would wait for). The baseline only when it changed.
    {
        let analysis_text = state.analysis.text.clone();
        let baseline = state.baseline.clone();
        let options = state.options;
        let saved_baseline = use_mut_ref(|| None::<std::rc::Rc<str>>);
        use_effect_with((analysis_text, options), move |(text, options)| {
            let (text, options) = (text.clone(), option_words::of(options));
            let large = text.len() > LIVE_LIMIT;
            let save = move || {
                let mut saved = saved_baseline.borrow_mut();
                let new_baseline = !saved
                    .as_ref()
                    .is_some_and(|b| std::rc::Rc::ptr_eq(b, &baseline));
                browser::save(&text, new_baseline.then_some(&*baseline), &options);
                *saved = Some(baseline);
            };
            let pending = if large {
                Some(Timeout::new(SAVE_PAUSE_MS, save))
            } else {
                save();
                None
            };
            move || drop(pending)
        });
    }

    // Leaving the page (a reload, a closed tab) stores the text as it is, checked or not:
    // a large text is otherwise stored only once checks pause.
    {
        let latest = use_mut_ref(|| None::<(std::rc::Rc<str>, std::rc::Rc<str>, String)>);
        *latest.borrow_mut() = Some((
            state.text.clone(),
            state.baseline.clone(),
            option_words::of(&state.options),
        ));
        use_effect_with((), move |_| {
            let listener = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
                if let Some((text, baseline, options)) = latest.borrow().as_ref() {
                    browser::save(text, Some(baseline), options);
                }
            });
            let window = web_sys::window();
            if let Some(w) = &window {
                let _ = w.add_event_listener_with_callback(
                    "pagehide",
                    listener.as_ref().unchecked_ref(),
                );
            }
            move || {
                if let Some(w) = &window {
                    let _ = w.remove_event_listener_with_callback(
                        "pagehide",
                        listener.as_ref().unchecked_ref(),
                    );
                }
            }
        });
    }

    // A review takes the focus (the dialog itself: Enter there applies nothing) while it is
    // open, the page under it inert, and gives the focus back to what had it (the button
    // that asked for it, the editor) once closed from the dialog: only when the focus was in
    // the dialog, so it never pulls the focus from where the user put it.
    {
        let reviewing = state.pending_edit.is_some();
        let before = use_mut_ref(|| None::<web_sys::HtmlElement>);
        use_effect_with(reviewing, move |reviewing| {
            let document = web_sys::window().and_then(|w| w.document());
            if *reviewing {
                *before.borrow_mut() = document
                    .as_ref()
                    .and_then(|d| d.active_element())
                    .and_then(|e| e.dyn_into().ok());
                browser::focus_first(".edit-review");
            } else if let Some(element) = before.borrow_mut().take() {
                let lost = document
                    .and_then(|d| d.active_element())
                    .is_none_or(|e| e.tag_name().eq_ignore_ascii_case("body"));
                if lost {
                    browser::restore_focus(&element);
                }
            }
        });
    }

    // Callbacks that stay the same across renders (the dispatcher is stable), so children
    // whose data did not change are not re-rendered on every keystroke.
    let d = state.dispatcher();
    let on_input = use_action(d.clone(), Action::Edit);
    let on_load = use_action(d.clone(), Action::Load);
    let on_refused = use_action(d.clone(), Action::Refused);
    let on_options = use_action(d.clone(), Action::SetOptions);
    let on_cluster = use_action(d.clone(), Action::Cluster);
    let on_clear_cluster = use_action(d.clone(), |_: ()| Action::ClearCluster);
    let on_select = use_action(d.clone(), |i: usize| Action::Select(Some(i)));
    let on_cursor = use_action(d.clone(), Action::Cursor);
    let on_fix = use_action(d.clone(), Action::ApplyFix);
    let on_safe = use_action(d.clone(), |_: ()| Action::ApplySafeFixes);
    let on_form = use_action(d.clone(), Action::Form);
    let on_switch = use_action(d.clone(), |(entry, kind)| Action::SwitchKind {
        entry,
        kind,
    });
    let on_add = use_action(d.clone(), |(role, kind)| Action::AddEntry(role, kind));
    let on_revert = use_action(d.clone(), |_: ()| Action::Revert);
    let on_leave = use_action(d.clone(), Action::Leave);
    let on_exported = use_action(d.clone(), |_: ()| Action::Exported);
    let on_dismiss_migration = use_action(d.clone(), |_: ()| Action::DismissMigrationNote);
    let on_confirm_edit = use_action(d.clone(), |_: ()| Action::ConfirmEdit);
    let on_cancel_edit = use_action(d.clone(), |_: ()| Action::CancelEdit);
    let layer_actions = LayerActions {
        on_add: use_action(d.clone(), |(name, text)| Action::AddLayer { name, text }),
        on_add_base: use_action(d.clone(), |(name, text)| Action::AddBase { name, text }),
        on_switch: use_action(d.clone(), Action::SwitchLayer),
        on_remove: use_action(d.clone(), Action::RemoveLayer),
        on_refused: on_refused.clone(),
    };
    let on_dismiss = use_action(d, |_: ()| Action::DismissNotice);

    let analysis = state.analysis.clone();
    let selection = state
        .selected
        .and_then(|i| analysis.findings.get(i))
        .map(|f| (f.start, f.end, state.picks));
    let empty = state.text.trim().is_empty();
    // While a review is open, the page under it takes no focus and no click.
    let inert = state.pending_edit.is_some();

    html! {
        <>
            <header class="top" inert={inert}>
                <div class="brand">
                    <h1>{ "Polyaxon storage check" }</h1>
                    <p class="tagline">{ "Where your experiment outputs really go — checked in your browser; nothing leaves this page." }</p>
                </div>
                { options_bar(state.options, analysis.chart.zip(analysis.basis.as_ref()), analysis.nodes, &on_options) }
            </header>
            // Messages and the review float over the page: showing one moves nothing under
            // it (issue 23: banners pushed the whole layout down).
            <div class="toasts">
                if let Some(text) = state.notice.clone() {
                    { notice(&text, &on_dismiss) }
                }
                if let Some(text) = state.migration_note.clone() {
                    { notice(&text, &on_dismiss_migration) }
                }
            </div>
            if let Some(pending) = state.pending_edit.clone() {
                <div class="review-backdrop" aria-hidden="true"></div>
                { edit_review(&pending, &on_confirm_edit, &on_cancel_edit) }
            }
            <div class="workspace" inert={inert}>
                <section class="pane editor-pane" aria-label="Editor">
                    { layer_tabs(&state.tabs, state.active, &analysis.layer_counts, analysis.layer_error.as_deref(), &layer_actions) }
                    if let Some(base) = state.missing_base() {
                        { missing_base(&base, &layer_actions) }
                    }
                    <Editor
                        text={state.text.clone()}
                        loads={state.loads}
                        analysis={analysis.clone()}
                        selection={selection}
                        on_input={on_input}
                        on_file={on_load.clone()}
                        on_refused={on_refused.clone()}
                        {on_cursor}
                        on_fix={on_fix.clone()}
                        actions={layer_buttons(state.tabs.len(), &layer_actions)}
                    />
                    // A new layer starts empty: it is not the page's first file.
                    if empty && !state.layered() {
                        { start(&on_load) }
                    }
                </section>
                <section class="pane findings-pane" aria-label="Findings">
                    <Findings
                        analysis={analysis.clone()}
                        selected={state.selected}
                        at_cursor={state.at_cursor}
                        fresh={state.fresh.clone()}
                        stale={!state.is_current()}
                        on_select={on_select}
                        on_fix={on_fix.clone()}
                    />
                    <Export
                        name={state.tabs.get(state.active).map_or_else(|| "values.yaml".into(), |t| t.name.clone())}
                        text={state.text.clone()}
                        baseline={state.baseline.clone()}
                        safe_fixes={analysis.safe_fix_count()}
                        on_apply_safe={on_safe}
                        {on_revert}
                        {on_exported}
                    />
                    // Optional, so after the findings and the export in the Tab order.
                    { cluster_input(state.cluster.as_deref(), &on_cluster, &on_clear_cluster, &on_refused) }
                </section>
                // The forms first, the map of what they make after them: the forms are
                // one step away (issue 23: they sat below the map, 2,000 px down at 390 px).
                <section class="pane forms-pane" aria-label="Storage forms">
                    <Cards
                        analysis={analysis.clone()}
                        on_edit={on_form}
                        on_switch={on_switch}
                        on_add={on_add}
                        choice={state.options.chart}
                        fresh={state.fresh.clone()}
                        {on_leave}
                        {on_fix}
                    />
                    <CachedPart part={Part::StorageMap} analysis={analysis.clone()} />
                </section>
            </div>
            <div inert={inert}>
                <CachedPart part={Part::RuleReference} />
            </div>
        </>
    }
}
