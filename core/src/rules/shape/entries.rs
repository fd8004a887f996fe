//! S001, S004, S006: what the sections hold. `persistence` is a mapping of sections,
//! `outputs`/`data` map entry names (Kubernetes volume names: S004) to entries, and each
//! entry is a mapping of keys; one walk over them.

use std::collections::HashMap;

use crate::edit;
use crate::finding::Severity;
use crate::fix::Fix;
use crate::options::Chart;
use crate::rules::examples::Example;
use crate::rules::{Charts, Context, FixKind, Rule};
use crate::storage::v0::is_flat_key;
use crate::storage::Role;
use crate::text::names;
use crate::yaml::{Pair, YamlPath};

/// `persistence`, `persistence.outputs` or `persistence.data` is not a mapping.
pub const S001: Rule = Rule {
    code: "S001",
    severity: Severity::Error,
    charts: Charts::V0,
    summary: "`persistence` (or `persistence.outputs`/`data`) is not a mapping",
    why: "The chart reads `persistence` as a mapping of sections and `outputs`/`data` as mappings of named entries; any other shape fails the chart's templates or is ignored.",
    fix: FixKind::None,
};

/// Entry name is not a DNS-1123 label.
pub const S004: Rule = Rule {
    code: "S004",
    severity: Severity::Error,
    charts: Charts::V0,
    summary: "entry name is not a valid DNS-1123 label",
    why: "An entry's name becomes a Kubernetes volume name: lowercase letters, digits and `-`, at most 63 characters, starting and ending with a letter or digit. Anything else makes Kubernetes reject every pod that mounts it.",
    fix: FixKind::Suggested,
};

/// An entry is not a mapping.
pub const S006: Rule = Rule {
    code: "S006",
    severity: Severity::Error,
    charts: Charts::V0,
    summary: "an entry is not a mapping",
    why: "Each entry is a mapping of keys (`mountPath`, `hostPath`, `existingClaim`, `store`, ...). A bare value such as `out: /path` says nothing the chart can use.",
    fix: FixKind::None,
};

pub const EXAMPLES: &[Example] = &[
    Example {
        code: "S001",
        bad: "persistence:\n  outputs: [a, b]\n",
        fixed: "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: outputs-pvc\n",
        cluster: None,
        note: None,
    },
    Example {
        code: "S004",
        bad: "persistence:\n  outputs:\n    outputs_1:\n      mountPath: /outputs\n      existingClaim: outputs-pvc\n",
        fixed: "persistence:\n  outputs:\n    outputs-1:\n      mountPath: /outputs\n      existingClaim: outputs-pvc\n",
        cluster: None,
        note: None,
    },
    Example {
        code: "S006",
        bad: "persistence:\n  outputs:\n    out: /outputs\n",
        fixed: "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: outputs-pvc\n",
        cluster: None,
        note: None,
    },
];

pub(super) fn check(ctx: &mut Context<'_>) {
    let doc = ctx.doc;
    if let Some(persistence) = ctx.storage.persistence.filter(|_| ctx.chart == Chart::V0) {
        if !doc.is_mapping(persistence.value) && !doc.is_null(persistence.value) {
            let what = doc.describe(persistence.value);
            ctx.report(
                &S001,
                doc.span(persistence.value),
                "persistence",
                format!("`persistence` is {what}; it must be a mapping of sections"),
            );
        }
    }
    for (section, pair, path) in super::sections(ctx) {
        if section.is_map() {
            map_section(ctx, section, pair, &path);
        } else if !doc.is_mapping(pair.value) && !doc.is_null(pair.value) {
            let what = doc.describe(pair.value);
            ctx.report(
                &S006,
                doc.span(pair.value),
                path,
                format!(
                    "`{}` is {what}; it must be a mapping of keys",
                    section.key()
                ),
            );
        }
    }
}

/// `outputs`/`data`: a mapping of entries, each a mapping, each named as a volume can be.
fn map_section(ctx: &mut Context<'_>, section: Role, pair: Pair, path: &YamlPath) {
    let doc = ctx.doc;
    let key = section.key();
    if !doc.is_mapping(pair.value) {
        if !doc.is_null(pair.value) {
            let what = doc.describe(pair.value);
            ctx.report(
                &S001,
                doc.span(pair.value),
                path,
                format!("`{key}` is {what}; it must map entry names to entries"),
            );
        }
        return;
    }
    let pairs = doc.pairs(pair.value);
    // `&str → index` maps, the map type the rules share (each type costs the page wasm).
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let written: HashMap<&str, usize> = pairs
        .iter()
        .enumerate()
        .filter_map(|(i, q)| Some((doc.key_str(q.key)?, i)))
        .collect();
    for p in pairs {
        // An entry's key written here is S002's.
        if is_flat_key(doc, p) {
            continue;
        }
        let Some(name) = doc.key_str(p.key) else {
            continue;
        };
        let entry_path = path.child(name);
        if !doc.is_mapping(p.value) {
            let what = doc.describe(p.value);
            ctx.report(
                &S006,
                doc.span(p.value),
                entry_path.clone(),
                format!("entry `{name}` is {what}; an entry is a mapping such as `{{mountPath: ..., hostPath: ...}}`"),
            );
        }
        if !names::is_dns1123_label(name) && !seen.contains_key(name) {
            let slug = names::slug(name).filter(|s| !written.contains_key(s.as_str()));
            let fix = slug.map(|s| {
                Fix::suggested(
                    format!("Rename `{name}` to `{s}`"),
                    vec![edit::replace_scalar(doc, p.key, &s)],
                    vec![path.clone()],
                )
            });
            let hint = match &fix {
                Some(_) => format!(" (e.g. `{}`)", names::slug(name).unwrap_or_default()),
                None => String::new(),
            };
            ctx.report(
                &S004,
                doc.span(p.key),
                entry_path,
                format!("entry name `{name}` is not a valid volume name: lowercase letters, digits and `-`, at most 63 characters{hint}"),
            )
            .fix = fix;
        }
        let at = seen.len();
        seen.insert(name, at);
    }
}


#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    #[test]
    fn section_not_a_mapping() {
        gets_and_not("S001", "persistence:\n  outputs: [a, b]\n", CLAIM);
    }

    #[test]
    fn persistence_scalar() {
        gets_and_not("S001", "persistence: yes\n", "persistence:\n");
    }

    #[test]
    fn bad_name() {
        gets_and_not(
            "S004",
            "persistence:\n  outputs:\n    outputs_1:\n      mountPath: /outputs\n      existingClaim: pvc\n",
            CLAIM,
        );
    }

    #[test]
    fn name_too_long() {
        let named = |name: String| {
            format!("persistence:\n  outputs:\n    {name}:\n      mountPath: /outputs\n      existingClaim: pvc\n")
        };
        gets_and_not("S004", &named("a".repeat(64)), &named("a".repeat(63)));
    }

    #[test]
    fn entry_not_a_mapping() {
        gets_and_not("S006", "persistence:\n  outputs:\n    out: /path\n", CLAIM);
    }
}
