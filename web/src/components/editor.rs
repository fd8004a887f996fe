//! The YAML editor: a plain textarea (fast on 10,000 lines, native undo, accessible) with
//! a gutter of line numbers marked by severity. Files can be dropped on it or opened.

use std::rc::Rc;

use storage_core::Severity;
use wasm_bindgen_futures::spawn_local;
use web_sys::{HtmlElement, HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::browser;

/// Must match `--line-height` in style.css: used to scroll a selection into view.
const LINE_HEIGHT_PX: i32 = 20;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub text: Rc<str>,
    /// (line, severity) of every finding.
    pub marks: Rc<Vec<(usize, Severity)>>,
    /// Byte range to select (the picked finding's span).
    pub selection: Option<(usize, usize, u64)>,
    pub on_input: Callback<String>,
    /// A file was dropped or opened: its text.
    pub on_file: Callback<String>,
}

/// Lines drawn above and below the visible ones, so fast scrolling shows no gap.
const GUTTER_MARGIN: usize = 40;

/// The gutter for lines `first..=last` only: a 10,000-line gutter laid out in full made
/// every keystroke relayout 200,000 pixels of numbers. Runs of plain numbers are one text
/// node; a marked line is a span (classes only: the CSP forbids inline styles).
fn gutter(first: usize, last: usize, marks: &[(usize, Severity)]) -> Html {
    let mut nodes: Vec<Html> = Vec::new();
    let mut run = String::new();
    for line in first..=last {
        match marks
            .binary_search_by_key(&line, |(l, _)| *l)
            .ok()
            .and_then(|i| marks.get(i))
            .map(|(_, s)| s)
        {
            Some(severity) => {
                if !run.is_empty() {
                    nodes.push(html! { { std::mem::take(&mut run) } });
                }
                let class = classes!("mark", severity.as_str());
                nodes.push(html! {
                    <span {class} title={format!("{} on line {line}", severity.as_str())}>{ line }</span>
                });
                run.push('\n');
            }
            None => {
                run.push_str(&line.to_string());
                run.push('\n');
            }
        }
    }
    if !run.is_empty() {
        nodes.push(html! { { run } });
    }
    nodes.into_iter().collect()
}

/// The most severe finding per line, sorted by line (a sorted list, not a BTreeMap: less
/// code in the bundle).
fn worst_by_line(marks: &[(usize, Severity)]) -> Vec<(usize, Severity)> {
    let mut worst = marks.to_vec();
    // Core's one sort (a sort of our own would be another copy of it in the wasm); the
    // worst severity sorts first within a line.
    storage_core::order::by_offsets(&mut worst, |&(line, severity)| (line, severity as usize));
    worst.dedup_by_key(|(line, _)| *line);
    worst
}

fn utf16_offset(text: &str, byte: usize) -> u32 {
    let byte = storage_core::source::floor_char_boundary(text, byte);
    u32::try_from(text[..byte].encode_utf16().count()).unwrap_or(u32::MAX)
}

#[function_component(Editor)]
pub fn editor(props: &Props) -> Html {
    let textarea = use_node_ref();
    let gutter_ref = use_node_ref();
    let dragging = use_state(|| false);

    let line_count = props.text.bytes().filter(|b| *b == b'\n').count() + 1;
    // The first visible line, from the textarea's scroll position.
    let scroll_top = use_state(|| 0i32);
    let first_visible = usize::try_from(*scroll_top / LINE_HEIGHT_PX).unwrap_or(0);
    let first = first_visible.saturating_sub(GUTTER_MARGIN) + 1;
    let last = (first_visible + 60 + GUTTER_MARGIN).min(line_count);
    let worst = use_memo(props.marks.clone(), |marks| worst_by_line(marks));
    let gutter_html = use_memo((first, last, worst), |(first, last, worst)| {
        gutter(*first, *last, worst)
    });
    // Place the drawn lines where the textarea's lines are (through the CSSOM: the CSP
    // allows no style attributes).
    {
        let gutter_ref = gutter_ref.clone();
        // Integer pixels: formatting floats would add kilobytes to the bundle.
        let offset = i32::try_from(first - 1).unwrap_or(0) * LINE_HEIGHT_PX - *scroll_top;
        use_effect_with(offset, move |_| {
            if let Some(g) = gutter_ref.cast::<HtmlElement>() {
                let _ = g
                    .style()
                    .set_property("transform", &format!("translateY({offset}px)"));
            }
        });
    }

    // Select the picked finding's span and bring it into view.
    {
        let textarea = textarea.clone();
        let text = props.text.clone();
        use_effect_with(props.selection, move |selection| {
            if let (Some((start, end, _pick)), Some(el)) =
                (selection, textarea.cast::<HtmlTextAreaElement>())
            {
                let (s, e) = (utf16_offset(&text, *start), utf16_offset(&text, *end));
                let _ = el.focus();
                let _ = el.set_selection_range(s, e);
                let line = text[..storage_core::source::floor_char_boundary(&text, *start)]
                    .matches('\n')
                    .count();
                let top = i32::try_from(line)
                    .unwrap_or(i32::MAX)
                    .saturating_mul(LINE_HEIGHT_PX)
                    - el.client_height() / 3;
                el.set_scroll_top(top.max(0));
            }
        });
    }

    // A paste over the whole text is a new file: it becomes the export's baseline.
    let whole_paste = use_mut_ref(|| false);
    let onpaste = {
        let whole_paste = whole_paste.clone();
        Callback::from(move |e: Event| {
            let area = e.target_unchecked_into::<HtmlTextAreaElement>();
            let len = u32::try_from(area.value().encode_utf16().count()).unwrap_or(u32::MAX);
            *whole_paste.borrow_mut() = area.selection_start().ok().flatten() == Some(0)
                && area.selection_end().ok().flatten() == Some(len);
        })
    };
    // The textarea is not a controlled input: re-setting a 300 KB value on every keystroke
    // costs a full relayout. The text is written into it only when it changed elsewhere
    // (an example, a fix, a form edit), i.e. when it differs from what was last typed.
    let typed = use_mut_ref(|| Rc::<str>::from(""));
    {
        let textarea = textarea.clone();
        let typed = typed.clone();
        use_effect_with(props.text.clone(), move |text| {
            if *typed.borrow() != *text {
                if let Some(el) = textarea.cast::<HtmlTextAreaElement>() {
                    el.set_value(text);
                }
                *typed.borrow_mut() = text.clone();
            }
        });
    }
    let oninput = {
        let on_input = props.on_input.clone();
        let on_file = props.on_file.clone();
        let typed = typed.clone();
        Callback::from(move |e: InputEvent| {
            let value = e.target_unchecked_into::<HtmlTextAreaElement>().value();
            *typed.borrow_mut() = Rc::from(value.as_str());
            if std::mem::take(&mut *whole_paste.borrow_mut()) {
                on_file.emit(value);
            } else {
                on_input.emit(value);
            }
        })
    };
    let onscroll = {
        let scroll_top = scroll_top.clone();
        Callback::from(move |e: Event| {
            scroll_top.set(
                e.target_unchecked_into::<HtmlTextAreaElement>()
                    .scroll_top(),
            );
        })
    };
    let read = {
        let on_file = props.on_file.clone();
        move |file: web_sys::File| {
            let on_file = on_file.clone();
            spawn_local(async move {
                match browser::read_file(file).await {
                    Ok(text) => on_file.emit(text),
                    Err(e) => web_sys::console::warn_1(&e.into()),
                }
            });
        }
    };
    let ondrop = {
        let read = read.clone();
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            if let Some(file) = e
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|f| f.get(0))
            {
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
        let input = e.target_unchecked_into::<HtmlInputElement>();
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            read(file);
        }
        input.set_value("");
    });

    html! {
        <div class={classes!("editor", (*dragging).then_some("dragging"))} {ondrop} {ondragover} {ondragleave}>
            <div class="editor-bar">
                <label class="button small" for="file-input">{ "Open a file…" }</label>
                <input id="file-input" class="visually-hidden" type="file" accept=".yaml,.yml,text/yaml,text/plain" onchange={onpick} />
                <span class="hint">{ format!("{line_count} line{} · drop a values.yaml here", if line_count == 1 { "" } else { "s" }) }</span>
            </div>
            <div class="editor-body">
                <div class="gutter" aria-hidden="true">
                    <pre class="gutter-lines" ref={gutter_ref}>{ (*gutter_html).clone() }</pre>
                </div>
                <textarea
                    ref={textarea}
                    class="code"
                    aria-label="values.yaml"
                    spellcheck="false"
                    autocomplete="off"
                    autocapitalize="off"
                    wrap="off"
                    placeholder="Paste your values.yaml here"
                    {onpaste}
                    {oninput}
                    {onscroll}
                />
            </div>
        </div>
    }
}
