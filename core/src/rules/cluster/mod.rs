//! N — the cluster the values land on, from a `kubectl` snapshot (`--cluster`): the claims
//! and Secrets the pods mount, as the cluster has them. Silent without a snapshot, and for
//! claims and Secrets when the snapshot lists none of the namespace's (nodes only). The
//! nodes themselves decide the topology the D rules and A009 follow (`Context::spread`).

family! {
    claims: [N001, N002, N003, N004, N005],
    secrets: [N006, N007, N008],
}

/// A one-node cluster, for the tests (the other snapshot is `snapshots/cluster.json`).
#[cfg(test)]
pub(crate) const ONE_NODE: &str = include_str!("snapshots/one-node.json");

use crate::rules::Context;
use crate::source::Span;
use crate::storage::Field;
use crate::yaml::YamlPath;

/// Where a finding about a map row's claim or Secret points: `field` in the row's entry
/// (the entry itself when the field is not written, the file's start for a chart default).
fn written(ctx: &Context<'_>, path: Option<&YamlPath>, field: Field) -> (Span, YamlPath) {
    let entry = ctx.storage.entries.iter().find(|e| Some(&e.path) == path);
    match entry {
        Some(entry) => match entry.field(field) {
            Some(f) => (ctx.doc.span(f.pair.value), entry.field_path(field)),
            None => (entry.anchor(ctx.doc), entry.path.clone()),
        },
        None => (Span::empty(0), path.cloned().unwrap_or_default()),
    }
}

/// "claim `x` is not in namespace ns: did you mean `y`?", and with `list`, the names there
/// (the claims, a short list, are worth reading; the Secrets include every token's).
fn not_there(what: &str, name: &str, names: &[&str], ns: &str, list: bool) -> String {
    let mut message = format!("{what} `{name}` is not in namespace {ns}");
    if let Some(best) = crate::text::suggest::rank(name, names).first() {
        message.push_str(&format!(": did you mean `{}`?", best.word));
    }
    match (list, names) {
        (false, _) => {}
        (true, []) => message.push_str(&format!(" (it has no {what}s)")),
        (true, names) => message.push_str(&format!(" ({what}s there: {})", names.join(", "))),
    }
    message
}
