//! The npm package `polyaxon-storage-check`: the checker for JavaScript. `check`, `fix`,
//! `map` and `rules` return plain objects (not JSON strings) whose TypeScript types are
//! derived from the Rust types (`tsify`), so the `.d.ts` cannot drift from what comes out.
//! `scripts/build-npm.sh` builds and packs it; its README is `npm/README.md`.
//!
//! What JavaScript may hand over is checked here, before anything reaches the core: a
//! `text` that is not a string, or options that are not a plain object, are thrown back
//! with a sentence saying what was expected (the wasm-bindgen glue would otherwise trap
//! with "memory access out of bounds" on a number, or read a `Map`'s options as none).

pub mod api;

use js_sys::{JsString, Object};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use api::CheckOptions;

/// Rust values as JS objects: maps as objects, `None` as `undefined` (what tsify declares:
/// `T | undefined`), integers as numbers.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true))
        .map_err(|e| JsError::new(&e.to_string()))
}

/// `typeof value`, or `null` / `array` / the class name where `typeof` says "object".
fn kind_of(value: &JsValue) -> String {
    if value.is_null() {
        return "null".into();
    }
    if value.is_array() {
        return "an array".into();
    }
    if value.is_object() {
        let class = Object::get_prototype_of(value)
            .constructor()
            .name()
            .as_string()
            .unwrap_or_default();
        return if class.is_empty() {
            "an object".into()
        } else {
            format!("a {class}")
        };
    }
    value
        .js_typeof()
        .as_string()
        .unwrap_or_else(|| "a value".into())
}

/// The values text: a string, or an error saying what came instead.
fn read_text(value: &JsValue) -> Result<String, JsError> {
    value.as_string().ok_or_else(|| {
        JsError::new(&format!(
            "text must be a string, got {}; read a file with readFileSync(path, \"utf8\")",
            kind_of(value)
        ))
    })
}

/// A plain object (`{...}`, or one made with `Object.create(null)`): what options must be.
fn is_plain_object(value: &JsValue) -> bool {
    if !value.is_object() || value.is_array() {
        return false;
    }
    let prototype = Object::get_prototype_of(value);
    prototype.is_null() || prototype == Object::get_prototype_of(&Object::new())
}

/// The options object; left out, `undefined` or `null` is every default. Anything but a
/// plain object, a field the checker does not know or a bad value is an error.
fn read_options(value: Option<JsValue>) -> Result<CheckOptions, JsError> {
    let Some(value) = value.filter(|v| !v.is_undefined() && !v.is_null()) else {
        return Ok(CheckOptions::default());
    };
    let refused = |message: &str| JsError::new(&format!("options: {message}"));
    if !is_plain_object(&value) {
        let got = kind_of(&value);
        return Err(refused(&format!(
            "expected an object such as {{ topology: \"multi-node\" }}, got {got}"
        )));
    }
    let keys: Vec<String> = Object::keys(value.unchecked_ref::<Object>())
        .iter()
        .filter_map(|k| k.dyn_into::<JsString>().ok().map(String::from))
        .collect();
    CheckOptions::refuse_unknown(keys.iter().map(String::as_str)).map_err(|e| refused(&e))?;
    serde_wasm_bindgen::from_value(value).map_err(|e| {
        // Its text is a JS Error's `toString()`: the message behind "Error: ".
        let text = e.to_string();
        refused(text.strip_prefix("Error: ").unwrap_or(&text))
    })
}

/// Reads the text and the options, runs `f` and hands its result to JavaScript; an error
/// is thrown.
fn run<T: Serialize>(
    text: &JsValue,
    options: Option<JsValue>,
    f: impl FnOnce(&str, &CheckOptions) -> Result<T, String>,
) -> Result<JsValue, JsError> {
    let text = read_text(text)?;
    let options = read_options(options)?;
    to_js(&f(&text, &options).map_err(|e| JsError::new(&e))?)
}

/// The findings of a values.yaml text. Throws on a text that is not a string and on
/// unusable options or snapshot; a bad values file gets findings, never an error.
#[wasm_bindgen(unchecked_return_type = "CheckResult")]
pub fn check(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CheckOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsError> {
    run(&text, options, api::check)
}

/// The text with every safe fix applied, how many, and the safe fixes left out.
#[wasm_bindgen(unchecked_return_type = "FixResult")]
pub fn fix(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CheckOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsError> {
    run(&text, options, |text, options| Ok(api::fix(text, options)))
}

/// What each kind of pod mounts, per entry and chart default.
#[wasm_bindgen(unchecked_return_type = "StorageMap")]
pub fn map(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CheckOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsError> {
    run(&text, options, api::map)
}

/// Every rule of the registry: code, severity, charts, summary, why, fix kind.
#[wasm_bindgen(unchecked_return_type = "Rule[]")]
pub fn rules() -> Result<JsValue, JsError> {
    to_js(&api::rules())
}

/// The package's version: the storage-npm crate's, which `scripts/build-npm.sh` writes
/// into package.json.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
