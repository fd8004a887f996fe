//! The few browser services the page uses: local storage, download, clipboard, files,
//! fetching the examples. Each fails quietly (returns None / false): a private window without
//! storage still gets a working checker.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

// TEXT_KEY is read by www/init.js too (the early editor starts from the saved text).
const TEXT_KEY: &str = "storage-check.text";
const BASELINE_KEY: &str = "storage-check.baseline";
const OPTIONS_KEY: &str = "storage-check.options";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// What the last session left: (text, baseline, options as `chart,topology,edition`).
pub fn restore() -> Option<(String, String, String)> {
    let s = storage()?;
    let text = s.get_item(TEXT_KEY).ok().flatten()?;
    let baseline = s
        .get_item(BASELINE_KEY)
        .ok()
        .flatten()
        .unwrap_or_else(|| text.clone());
    let options = s.get_item(OPTIONS_KEY).ok().flatten().unwrap_or_default();
    Some((text, baseline, options))
}

/// Stores the text, the baseline (when given: it changes seldom, and can be 2 MB) and the
/// options for the next visit.
pub fn save(text: &str, baseline: Option<&str>, options: &str) {
    if let Some(s) = storage() {
        // A quota error (a huge paste) only means the text will not survive a reload.
        let _ = s.set_item(TEXT_KEY, text);
        if let Some(baseline) = baseline {
            let _ = s.set_item(BASELINE_KEY, baseline);
        }
        let _ = s.set_item(OPTIONS_KEY, options);
    }
}

/// Offers `text` as a file download named `name`.
pub fn download(name: &str, text: &str) -> bool {
    let run = || -> Result<(), JsValue> {
        let document = web_sys::window()
            .and_then(|w| w.document())
            .ok_or(JsValue::NULL)?;
        let parts = js_sys::Array::of1(&JsValue::from_str(text));
        let options = BlobPropertyBag::new();
        options.set_type("application/yaml");
        let blob = Blob::new_with_str_sequence_and_options(&parts, &options)?;
        let url = Url::create_object_url_with_blob(&blob)?;
        let a: HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
        a.set_href(&url);
        a.set_download(name);
        a.click();
        Url::revoke_object_url(&url)?;
        Ok(())
    };
    run().is_ok()
}

/// Copies `text` to the clipboard (asynchronously; the browser may refuse).
pub fn copy(text: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.navigator().clipboard().write_text(text);
    }
}

/// Reads a dropped or picked file as text, byte for byte: `File.text()` would drop a
/// byte-order mark, and the export must be the file as it was.
pub async fn read_file(file: web_sys::File) -> Result<String, String> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| "the file could not be read".to_string())?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    text_of_file(bytes)
}

/// The file an `<input type=file>` change picked, taking it out of the input (the same file
/// picked again is a change again).
pub fn picked_file(e: &yew::Event) -> Option<web_sys::File> {
    use yew::TargetCast;
    let input = e.target_unchecked_into::<web_sys::HtmlInputElement>();
    let file = input.files()?.get(0);
    input.set_value("");
    file
}

/// The file a drop carries, if it carries one (a dragged selection carries none).
pub fn dropped_file(e: &web_sys::DragEvent) -> Option<web_sys::File> {
    e.data_transfer()?.files()?.get(0)
}

/// Reads a dropped or opened file in the background, then hands its text to `on_text`, or
/// `refused(name, why)` to `on_refused` (the editor's and the cluster box's way alike).
pub fn read_file_then(
    file: web_sys::File,
    on_text: yew::Callback<String>,
    on_refused: yew::Callback<String>,
    refused: fn(&str, &str) -> String,
) {
    wasm_bindgen_futures::spawn_local(async move {
        let name = file.name();
        match read_file(file).await {
            Ok(text) => on_text.emit(text),
            Err(why) => on_refused.emit(refused(&name, &why)),
        }
    });
}

/// A file's bytes as the editor's text, or why they are not a values file: not UTF-8 (an
/// image, UTF-16), or holding NUL bytes (binary data that happens to be UTF-8). Helm reads
/// neither, and the editor would show them as noise.
pub fn text_of_file(bytes: Vec<u8>) -> Result<String, String> {
    let text = String::from_utf8(bytes)
        .map_err(|_| "it is not UTF-8 text (an image, or UTF-16?)".to_string())?;
    if text.contains('\0') {
        return Err("it holds NUL bytes: not a text file".to_string());
    }
    Ok(text)
}

/// Fetches a file of the page's own origin (the examples) as text.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("no window")?;
    let response = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| format!("{url} could not be loaded"))?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|_| "not a response".to_string())?;
    if !response.ok() {
        return Err(format!("{url}: HTTP {}", response.status()));
    }
    let text = response.text().map_err(|_| "no body".to_string())?;
    let text = wasm_bindgen_futures::JsFuture::from(text)
        .await
        .map_err(|_| format!("{url} could not be read"))?;
    text.as_string().ok_or_else(|| format!("{url} is not text"))
}

/// A callback scheduled by [`after_next_paint`]; dropping it cancels the callback.
pub struct AfterPaint {
    cancelled: std::rc::Rc<std::cell::Cell<bool>>,
}

impl Drop for AfterPaint {
    fn drop(&mut self) {
        self.cancelled.set(true);
    }
}

/// Runs `f` in the first task after the next frame is painted (a frame callback that
/// queues a zero timeout): work that must not delay what the user sees. Both callbacks are
/// one-shot closures that free themselves once called (a forgotten `Timeout` would leak one
/// closure per keystroke). Without a window nothing is painted: `f` runs at once.
pub fn after_next_paint(f: impl FnOnce() + 'static) -> AfterPaint {
    let cancelled = std::rc::Rc::new(std::cell::Cell::new(false));
    let Some(window) = web_sys::window() else {
        f();
        return AfterPaint { cancelled };
    };
    let flag = cancelled.clone();
    let later = window.clone();
    let run = move || {
        let once = wasm_bindgen::closure::Closure::once_into_js(move || {
            if !flag.get() {
                f();
            }
        });
        let _ =
            later.set_timeout_with_callback_and_timeout_and_arguments_0(once.unchecked_ref(), 0);
    };
    let callback = wasm_bindgen::closure::Closure::once_into_js(run);
    if window
        .request_animation_frame(callback.unchecked_ref())
        .is_err()
    {
        web_sys::console::warn_1(&"requestAnimationFrame failed".into());
    }
    AfterPaint { cancelled }
}

/// Focuses the first element matching `selector`, if there is one.
pub fn focus_first(selector: &str) {
    if let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// Gives the focus back to `element`, or to the next control when it is disabled
    /// (www/editor/src/focus.js).
    #[wasm_bindgen(catch, js_namespace = storageFocus, js_name = restore)]
    fn focus_back(element: &web_sys::HtmlElement) -> Result<(), JsValue>;
}

/// Gives the focus back to `element`, or to the next control when it is disabled; nothing
/// without the page's focus module (the component tests).
pub fn restore_focus(element: &web_sys::HtmlElement) {
    let _ = focus_back(element);
}
