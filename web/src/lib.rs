//! storage-web: the Polyaxon storage check page. Every verdict comes from storage-core;
//! this crate only renders it and turns clicks into core calls.

pub mod app;
pub mod browser;
pub mod checker;
pub mod codemirror;
pub mod components;
pub mod examples;
pub mod option_words;
pub mod state;
pub mod worker;

/// Mounts the page on `<main id="app">` (or the body), after installing the panic hook.
/// In the checker's worker (no window) there is nothing to mount: it only calls
/// [`worker::check_in_worker`].
pub fn start() {
    install_panic_hook();
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    // index.html's placeholder (`#boot`) stays until the app's editor has adopted the
    // early editor in it (`storageEditor.create` removes it), in the same task as the app's
    // first render: nothing moves and nothing typed is lost.
    match document.get_element_by_id("app") {
        Some(root) => {
            yew::Renderer::<app::App>::with_root(root).render();
        }
        None => {
            yew::Renderer::<app::App>::new().render();
        }
    }
}

/// A panic must not leave a silent dead page: say so where the user looks, and point
/// out that the text is kept (the editor's DOM and local storage still hold it).
fn install_panic_hook() {
    // Through Yew, or Yew replaces it with its console-only hook when the app renders.
    yew::set_custom_panic_hook(Box::new(|info| report_panic(&info.to_string())));
}

/// Shows `what` in the page's alert area (`#panic` in index.html) and the console.
pub fn report_panic(what: &str) {
    let message = format!(
        "The checker hit an internal error and stopped: {what}. Your text is still in the editor and in this browser's storage; reload the page to continue."
    );
    web_sys::console::error_1(&message.clone().into());
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("panic"))
    {
        el.set_text_content(Some(&message));
        let _ = el.remove_attribute("hidden");
    }
}
