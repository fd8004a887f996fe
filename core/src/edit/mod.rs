//! The one edit path. Every change the checker makes to a values file — a safe or
//! suggested fix, `fix_all`, the migration, a form edit — is a list of (range, replacement)
//! text edits on the original plus the YAML paths it declares ([`fix::Fix`]), and is made
//! by one function, [`fix::apply`], which re-reads the result and refuses it when it
//! changes anything it does not declare ([`verify`]: values, what the pods mount, the
//! chart, a comment, a line break in a lone-CR file).
//!
//! - [`fix`]: `Edit`, `Fix`, `apply`;
//! - [`verify`]: the meaning guard `apply` runs;
//! - [`layout`]: editing a mapping in place at a key path (the forms build on it);
//! - [`lines`]: the small text edits they use (a scalar in its own quoting, a pair with
//!   its lines, the file's line break), re-exported here as `edit::…`.

pub mod fix;
pub mod layout;
pub mod lines;
pub mod verify;

pub use lines::*;
