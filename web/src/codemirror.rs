//! The typed interface to the page's editor module (www/editor/src/editor.js, bundled by
//! esbuild): a plain text area first, CodeMirror 6 once the first findings are drawn (issue
//! 23: the first load does without its 100 KB). The module is loaded by www/init.js before
//! the app and defines `globalThis.storageEditor`; every position crossing here is a UTF-16
//! index into the editor's exact text (a JavaScript string index); the module maps it to the
//! text area's or CodeMirror's.

use wasm_bindgen::prelude::*;
use web_sys::Element;

#[wasm_bindgen]
extern "C" {
    /// The editor: a text area until CodeMirror takes its place (the same object throughout).
    pub type View;
    /// A list of findings being built for [`show`].
    pub type Diagnostics;

    /// What the editor tells the app: `{ change, edit, load, cursor, fix }` (see editor.js).
    pub type Handlers;

    /// Fails (rather than throwing through the app) when the editor module did not load.
    #[wasm_bindgen(catch, js_namespace = storageEditor)]
    pub fn create(parent: &Element, text: &str, on: &Handlers) -> Result<View, JsValue>;
    /// A new file: new document, fresh undo history.
    #[wasm_bindgen(js_namespace = storageEditor)]
    pub fn load(view: &View, text: &str);
    /// The app changed the text: one undoable transaction over what differs.
    #[wasm_bindgen(js_namespace = storageEditor, js_name = setText)]
    pub fn set_text(view: &View, text: &str);
    #[wasm_bindgen(js_namespace = storageEditor)]
    pub fn list() -> Diagnostics;
    #[allow(clippy::too_many_arguments)]
    #[wasm_bindgen(js_namespace = storageEditor)]
    pub fn add(
        view: &View,
        list: &Diagnostics,
        from: usize,
        to: usize,
        severity: &str,
        code: &str,
        message: &str,
        why: &str,
        fix: &str,
        safe: bool,
        index: usize,
    );
    #[wasm_bindgen(js_namespace = storageEditor)]
    pub fn show(view: &View, list: &Diagnostics);
    #[wasm_bindgen(js_namespace = storageEditor)]
    pub fn select(view: &View, from: usize, to: usize);
    #[wasm_bindgen(js_namespace = storageEditor)]
    pub fn destroy(view: &View);
}

/// A handler the editor calls with one value (a text or an index).
pub type Handler = Closure<dyn FnMut(JsValue)>;

/// The handlers object: closures the editor calls. They must live as long as the view.
#[derive(Default)]
pub struct Callbacks {
    pub object: js_sys::Object,
    _closures: Vec<Box<dyn std::any::Any>>,
}

impl Callbacks {
    /// Adds `closure` as the handler `name`.
    pub fn with<T: ?Sized + 'static>(mut self, name: &str, closure: Closure<T>) -> Self {
        let _ = js_sys::Reflect::set(&self.object, &name.into(), closure.as_ref());
        self._closures.push(Box::new(closure));
        self
    }

    pub fn handlers(&self) -> &Handlers {
        self.object.unchecked_ref()
    }
}
