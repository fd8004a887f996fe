//! Y — reading the file: syntax, duplicate keys, limits, document shape, placeholders.
//! Y001, Y003 and Y004 come from loading ([`load_error`]); the placeholder values
//! (`placeholders`) are found before the checks run, as no other rule checks them.

family! {
    load_errors: [Y001, Y003, Y004],
    duplicate_keys: [Y002],
    placeholders: [Y005],
}

pub use load_errors::load_error;
pub use placeholders::has_placeholder;
pub(crate) use placeholders::{placeholders, Placeholder};
