//! The YAML editor (through `crate::codemirror`): a plain text area until CodeMirror 6 is in,
//! then the findings drawn in the text: underlined spans, a tooltip with the why and the fix,
//! F8 / Shift-F8 between findings, Ctrl-. for the fix at the cursor, and one undo history for
//! typing, fixes and form edits. Files can be dropped on it or opened.

use std::cell::RefCell;
use std::rc::Rc;

use storage_core::source::{apply_utf16_edit, utf16_len, Utf16Edit, Utf16Positions};
use wasm_bindgen::prelude::*;
use web_sys::Element;
use yew::prelude::*;

use crate::browser;
use crate::codemirror::{self, Callbacks};
use crate::state::{Analysis, LIVE_LIMIT};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub text: Rc<str>,
    /// Counts whole new texts (an example, a file): each starts a fresh undo history.
    pub loads: u64,
    /// The findings to draw (drawn only when they are for the editor's text).
    pub analysis: Rc<Analysis>,
    /// Byte range to select (the picked finding's span) and the pick count.
    pub selection: Option<(usize, usize, u64)>,
    pub on_input: Callback<Rc<str>>,
    /// A file was dropped, opened or pasted over everything: its text.
    pub on_file: Callback<String>,
    /// A dropped or opened file is not text: why, said to the user (the text stays).
    pub on_refused: Callback<String>,
    /// The cursor entered the span of this finding (by index), or left them all.
    pub on_cursor: Callback<Option<usize>>,
    /// The fix of this finding was chosen in the editor.
    pub on_fix: Callback<usize>,
    /// More buttons for the editor's bar, after "Open a file…" (the layers').
    #[prop_or_default]
    pub actions: Html,
}

/// The editor once mounted, with the text it holds (to tell the app's changes from its own).
struct Mounted {
    view: codemirror::View,
    _callbacks: Callbacks,
}

/// The text the editor holds, as far as the app knows; its length in UTF-16 units (the
/// editor's own measure: an edit reported against another length is not applied); and its
/// lines, for the editor's bar (counting them is a pass over the text: the editor says).
struct Held {
    text: Rc<str>,
    utf16: usize,
    lines: usize,
    /// All ASCII: UTF-16 indices are byte offsets (no scan of the text per keystroke).
    ascii: bool,
}

impl Held {
    fn new(text: Rc<str>) -> Self {
        Held {
            utf16: utf16_len(&text),
            lines: line_count(&text),
            ascii: text.is_ascii(),
            text,
        }
    }
}

fn line_count(text: &str) -> usize {
    text.bytes().filter(|b| *b == b'\n').count() + 1
}

/// A large text's latest keystrokes, not yet given to the app: given after the frame they were
/// typed in (issue 23: the app's render in that frame took a 2 MB file's keystroke past 16
/// ms), or before anything else the user does: editor.js calls `flush` on a pointer press, a
/// focus change or a key outside the editor, so a fix, a form edit or an export never acts on
/// a text older than the editor's.
#[derive(Default)]
struct Unsent {
    text: Option<Rc<str>>,
    timer: Option<browser::AfterPaint>,
}

type Outbox = Rc<RefCell<Unsent>>;

/// Gives the app what the editor has not sent yet, if anything, and if it is still what the
/// editor holds (a file the app loaded meanwhile replaced it: that keystroke went with it).
fn send_unsent(outbox: &Outbox, holds: &Rc<RefCell<Held>>, callback: &Callback<Rc<str>>) {
    let text = {
        let mut unsent = outbox.borrow_mut();
        unsent.timer = None;
        unsent.text.take()
    };
    if let Some(text) = text.filter(|t| Rc::ptr_eq(t, &holds.borrow().text)) {
        callback.emit(text);
    }
}

/// Forgets what was not sent: a whole new text replaces it.
fn drop_unsent(outbox: &Outbox) {
    *outbox.borrow_mut() = Unsent::default();
}

/// Gives the app `text` after an edit of the user's: a small one at once, a large one after
/// the next frame (once for any number of keystrokes in it).
fn hand_over(
    text: Rc<str>,
    outbox: &Outbox,
    holds: &Rc<RefCell<Held>>,
    callback: &Callback<Rc<str>>,
) {
    if text.len() <= LIVE_LIMIT {
        drop_unsent(outbox);
        callback.emit(text);
        return;
    }
    let mut unsent = outbox.borrow_mut();
    unsent.text = Some(text);
    if unsent.timer.is_none() {
        let (outbox, holds, callback) = (outbox.clone(), holds.clone(), callback.clone());
        unsent.timer = Some(browser::after_next_paint(move || {
            send_unsent(&outbox, &holds, &callback)
        }));
    }
}

/// What the editor hands over when it sends the whole text (a new file, the early editor's
/// text): the text, once. The app keeps this very `Rc` (`Action::Edit`), so that telling the
/// app's own changes from the editor's is a pointer comparison, not a comparison of the
/// whole text on every keystroke.
fn change_handler(
    callback: Callback<Rc<str>>,
    holds: Rc<RefCell<Held>>,
    outbox: Outbox,
) -> codemirror::Handler {
    Closure::new(move |value: JsValue| {
        let text: Rc<str> = value.as_string().unwrap_or_default().into();
        *holds.borrow_mut() = Held::new(text.clone());
        drop_unsent(&outbox);
        callback.emit(text);
    })
}

/// A keystroke: the editor's change, `from..to` in UTF-16 indices of the text before it
/// replaced by `insert`, with that text's length and the lines after it. Made here on the
/// held text, so a keystroke in a 2 MB file crosses into the WebAssembly as a few bytes
/// (issue 23). Returns false when the change does not fit the held text: the editor then
/// sends the whole text (as it does for a transaction of several changes).
fn edit_handler(
    callback: Callback<Rc<str>>,
    holds: Rc<RefCell<Held>>,
    outbox: Outbox,
) -> Closure<dyn FnMut(usize, usize, js_sys::JsString, usize, usize) -> bool> {
    Closure::new(
        move |from: usize, to: usize, insert: js_sys::JsString, before: usize, lines: usize| {
            // A lone surrogate would become U+FFFD here, of the same length: the whole text
            // is sent instead, as it was before.
            if !insert.is_valid_utf16() {
                return false;
            }
            let insert = String::from(insert);
            let mut held = holds.borrow_mut();
            if held.utf16 != before {
                return false;
            }
            let edit = Utf16Edit {
                from,
                to,
                insert: &insert,
            };
            let Some(text) = apply_utf16_edit(&held.text, held.ascii, &edit) else {
                return false;
            };
            // `to` is within the text now (the edit applied), so this cannot underflow.
            let utf16 = before - (to - from) + utf16_len(&insert);
            let text: Rc<str> = text.into();
            *held = Held {
                text: text.clone(),
                utf16,
                lines,
                ascii: held.ascii && insert.is_ascii(),
            };
            drop(held);
            hand_over(text, &outbox, &holds, &callback);
            true
        },
    )
}

fn load_handler(
    callback: Callback<String>,
    holds: Rc<RefCell<Held>>,
    outbox: Outbox,
) -> codemirror::Handler {
    Closure::new(move |value: JsValue| {
        let text = value.as_string().unwrap_or_default();
        *holds.borrow_mut() = Held::new(Rc::from(text.as_str()));
        drop_unsent(&outbox);
        callback.emit(text);
    })
}

fn index_handler(callback: Callback<Option<usize>>) -> codemirror::Handler {
    Closure::new(move |value: JsValue| {
        let index = value.as_f64().filter(|i| *i >= 0.0).map(|i| i as usize);
        callback.emit(index);
    })
}

/// Hands the findings to the editor at their UTF-16 positions.
fn draw(view: &codemirror::View, analysis: &Analysis) {
    let positions = Utf16Positions::new(&analysis.text);
    let list = codemirror::list();
    for (index, f) in analysis.findings.iter().enumerate() {
        let (title, safe) = f
            .fix
            .as_ref()
            .map_or(("", false), |x| (x.title.as_str(), x.is_safe()));
        codemirror::add(
            view,
            &list,
            positions.of(f.start),
            positions.of(f.end),
            f.severity.as_str(),
            f.code,
            &f.message,
            f.why,
            title,
            safe,
            index,
        );
    }
    codemirror::show(view, &list);
}

#[function_component(Editor)]
pub fn editor(props: &Props) -> Html {
    let host = use_node_ref();
    let dragging = use_state(|| false);
    // Why the editor could not start (its module did not load): said where it would be.
    let failed = use_state(|| None::<String>);
    let mounted = use_mut_ref(|| None::<Mounted>);
    // The text the editor holds, as far as the app knows.
    let holds = use_mut_ref(|| Held::new(Rc::from("")));

    {
        let (host, mounted, holds) = (host.clone(), mounted.clone(), holds.clone());
        let text = props.text.clone();
        let (on_input, on_file) = (props.on_input.clone(), props.on_file.clone());
        let (on_cursor, on_fix) = (props.on_cursor.clone(), props.on_fix.clone());
        let failed = failed.clone();
        use_effect_with((), move |_| {
            if let Some(parent) = host.cast::<Element>() {
                let outbox = Outbox::default();
                let flush = {
                    let (outbox, holds, on_input) =
                        (outbox.clone(), holds.clone(), on_input.clone());
                    move || send_unsent(&outbox, &holds, &on_input)
                };
                let callbacks = Callbacks::default()
                    .with(
                        "change",
                        change_handler(on_input.clone(), holds.clone(), outbox.clone()),
                    )
                    .with(
                        "edit",
                        edit_handler(on_input.clone(), holds.clone(), outbox.clone()),
                    )
                    .with("load", load_handler(on_file, holds.clone(), outbox))
                    .with("cursor", index_handler(on_cursor))
                    .with("flush", {
                        let flush = flush.clone();
                        Closure::<dyn FnMut()>::new(flush)
                    })
                    .with(
                        "fix",
                        index_handler(Callback::from(move |i: Option<usize>| {
                            if let Some(i) = i {
                                flush();
                                on_fix.emit(i);
                            }
                        })),
                    );
                match codemirror::create(&parent, &text, callbacks.handlers()) {
                    Ok(view) => {
                        *holds.borrow_mut() = Held::new(text);
                        *mounted.borrow_mut() = Some(Mounted {
                            view,
                            _callbacks: callbacks,
                        });
                    }
                    Err(e) => failed.set(Some(format!(
                        "The editor could not start ({}). Reload the page; your text is kept in this browser.",
                        e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).or_else(|| e.as_string()).unwrap_or_default()
                    ))),
                }
            }
            move || {
                if let Some(m) = mounted.borrow_mut().take() {
                    codemirror::destroy(&m.view);
                }
            }
        });
    }

    // The app changed the text (an example, a fix, a form edit): bring the editor along.
    // A whole new file gets a fresh history; anything else is one undoable step.
    {
        let (mounted, holds) = (mounted.clone(), holds.clone());
        let loaded = use_mut_ref(|| props.loads);
        use_effect_with((props.text.clone(), props.loads), move |(text, loads)| {
            let new_file = std::mem::replace(&mut *loaded.borrow_mut(), *loads) != *loads;
            let mut held = holds.borrow_mut();
            // The editor's own change comes back as the same `Rc`: nothing to compare.
            if !Rc::ptr_eq(&held.text, text) && *held.text != **text {
                if let Some(m) = mounted.borrow().as_ref() {
                    if new_file {
                        codemirror::load(&m.view, text);
                    } else {
                        codemirror::set_text(&m.view, text);
                    }
                }
                *held = Held::new(text.clone());
            }
        });
    }

    // Draw the findings once they describe the editor's text (while the user types ahead,
    // the editor keeps the previous ones, mapped through the edits).
    {
        let (mounted, holds) = (mounted.clone(), holds.clone());
        use_effect_with(props.analysis.clone(), move |analysis| {
            let held = holds.borrow();
            if Rc::ptr_eq(&analysis.text, &held.text) || *analysis.text == *held.text {
                if let Some(m) = mounted.borrow().as_ref() {
                    draw(&m.view, analysis);
                }
            }
        });
    }

    // Select the picked finding's span and bring it into view.
    {
        let mounted = mounted.clone();
        let text = props.text.clone();
        use_effect_with(props.selection, move |selection| {
            if let (Some((start, end, _pick)), Some(m)) = (selection, mounted.borrow().as_ref()) {
                let positions = Utf16Positions::new(&text);
                codemirror::select(&m.view, positions.of(*start), positions.of(*end));
            }
        });
    }

    let read = {
        let (on_file, on_refused) = (props.on_file.clone(), props.on_refused.clone());
        move |file: web_sys::File| {
            browser::read_file_then(file, on_file.clone(), on_refused.clone(), |name, why| {
                format!("`{name}` was not opened: {why}. The editor keeps its text.")
            })
        }
    };
    let ondrop = {
        let read = read.clone();
        let dragging = dragging.clone();
        // Yew's handler runs before CodeMirror's (it listens at the root, capturing): a file is
        // read here as a new file; anything else (a dragged selection) is left to the editor.
        Callback::from(move |e: DragEvent| {
            dragging.set(false);
            if let Some(file) = browser::dropped_file(&e) {
                e.prevent_default();
                read(file);
            }
        })
    };
    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(true);
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let onpick = Callback::from(move |e: Event| {
        if let Some(file) = browser::picked_file(&e) {
            read(file);
        }
    });

    let line_count = {
        let held = holds.borrow();
        if Rc::ptr_eq(&held.text, &props.text) {
            held.lines
        } else {
            line_count(&props.text)
        }
    };
    html! {
        <div class={classes!("editor", (*dragging).then_some("dragging"))} {ondrop} {ondragover} {ondragleave}>
            <div class="editor-bar">
                <label class="button small" for="file-input">{ "Open a file…" }</label>
                <input id="file-input" class="visually-hidden" type="file" accept=".yaml,.yml,text/yaml,text/plain" onchange={onpick} />
                { props.actions.clone() }
                <span class="hint">{ format!("{line_count} line{} · drop a values.yaml here · F8 next finding · Ctrl-. fix", if line_count == 1 { "" } else { "s" }) }</span>
            </div>
            if let Some(why) = (*failed).clone() {
                <p class="editor-error" role="alert">{ why }</p>
            }
            <div class="editor-body" ref={host}></div>
        </div>
    }
}
