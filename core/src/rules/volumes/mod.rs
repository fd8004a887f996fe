//! V — volume entries (host path and claim): kind, mount path, host path, claim name,
//! and how the volumes of all sections sit together in one pod.

use crate::rules::Context;
use crate::source::Span;
use crate::storage::{Entry, Field};
use crate::yaml::{ScalarType, YamlPath};

family! {
    kind_keys: [V001, V002, V003],
    mount_path: [V004],
    host_path: [V005],
    claim_name: [V006],
    shared_mount_path: [V007, V008],
    system_dir: [V009],
    job_workdir: [V010],
}

/// A path or claim value to check: a v0 entry's `mountPath`/`hostPath`/`existingClaim`
/// or a v1+ schema's `mountPath`/`hostPath`/`volumeClaim`.
struct PathValue<'a> {
    entry: &'a Entry,
    value: &'a str,
    span: Span,
    path: YamlPath,
}

impl PathValue<'_> {
    /// The key as the entry's chart writes it.
    fn key(&self, field: Field) -> &'static str {
        field.key(self.entry.chart)
    }
}

/// Every entry's value of `field` that can be checked: set, no placeholder, and a string
/// where one belongs (anything else is T001's).
fn path_values<'a>(ctx: &Context<'a>, field: Field) -> Vec<PathValue<'a>> {
    let doc = ctx.doc;
    let storage = ctx.storage;
    storage
        .entries
        .iter()
        .filter_map(|entry| {
            let (Some(value), Some(pair)) = (ctx.value(entry, field), entry.field(field)) else {
                return None;
            };
            if doc.scalar(pair.pair.value).map(|s| s.scalar_type()) != Some(ScalarType::Str) {
                return None;
            }
            Some(PathValue {
                entry,
                value,
                span: doc.span(pair.pair.value),
                path: entry.field_path(field),
            })
        })
        .collect()
}
