//! The npm package `polyaxon-storage-check`: the checker for JavaScript. `check`, `fix`,
//! `map` and `rules` return plain objects (not JSON strings) whose TypeScript types are
//! derived from the Rust types (`tsify`), so the `.d.ts` cannot drift from what comes out.
//! `scripts/build-npm.sh` builds and packs it; its README is `npm/README.md`.

pub mod api;

use std::collections::BTreeMap;

use serde::de::IgnoredAny;
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

/// The options object; left out, `undefined` or `null` is every default.
fn options(value: Option<JsValue>) -> Result<CheckOptions, JsError> {
    match value {
        Some(value) if !value.is_undefined() && !value.is_null() => {
            // Its text is a JS Error's `toString()`: the message behind "Error: ".
            let refused = |e: serde_wasm_bindgen::Error| {
                let text = e.to_string();
                JsError::new(&format!(
                    "options: {}",
                    text.strip_prefix("Error: ").unwrap_or(&text)
                ))
            };
            let keys: BTreeMap<String, IgnoredAny> =
                serde_wasm_bindgen::from_value(value.clone()).map_err(refused)?;
            CheckOptions::refuse_unknown(keys.keys().map(String::as_str))
                .map_err(|e| JsError::new(&format!("options: {e}")))?;
            serde_wasm_bindgen::from_value(value).map_err(refused)
        }
        _ => Ok(CheckOptions::default()),
    }
}

/// Reads the options, runs `f` and hands its result to JavaScript; an error is thrown.
fn answer<T: Serialize>(
    options: Option<JsValue>,
    f: impl FnOnce(&CheckOptions) -> Result<T, String>,
) -> Result<JsValue, JsError> {
    let options = self::options(options)?;
    to_js(&f(&options).map_err(|e| JsError::new(&e))?)
}

/// The findings of a values.yaml text. Throws on unusable options or snapshot.
#[wasm_bindgen(unchecked_return_type = "CheckResult")]
pub fn check(
    text: &str,
    #[wasm_bindgen(unchecked_optional_param_type = "CheckOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsError> {
    answer(options, |o| api::check(text, o))
}

/// The text with every safe fix applied, how many, and the safe fixes left out.
#[wasm_bindgen(unchecked_return_type = "FixResult")]
pub fn fix(
    text: &str,
    #[wasm_bindgen(unchecked_optional_param_type = "CheckOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsError> {
    answer(options, |o| Ok(api::fix(text, o)))
}

/// What each kind of pod mounts, per entry and chart default.
#[wasm_bindgen(unchecked_return_type = "StorageMap")]
pub fn map(
    text: &str,
    #[wasm_bindgen(unchecked_optional_param_type = "CheckOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsError> {
    answer(options, |o| api::map(text, o))
}

/// Every rule of the registry: code, severity, charts, summary, why, fix kind.
#[wasm_bindgen(unchecked_return_type = "Rule[]")]
pub fn rules() -> Result<JsValue, JsError> {
    to_js(&api::rules())
}

/// The checker's version (the crate's, which is the package's).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
