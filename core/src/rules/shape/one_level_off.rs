//! S002: entry keys one level off. Directly under `outputs`/`data` (the 0.1.x flat shape:
//! the fix wraps them in an entry), or a named entry under `logs`/`repos`/`upload`, each
//! one entry (the fix moves its keys up).

use crate::edit;
use crate::finding::Severity;
use crate::fix::{Edit, Fix};
use crate::rules::examples::Example;
use crate::rules::{Charts, Context, FixKind, Rule};
use crate::storage::v0::{is_flat_key, is_nested_entry};
use crate::storage::Role;
use crate::yaml::{Pair, YamlPath};

/// The 0.1.x flat shape: entry keys directly under `persistence.outputs`.
pub const S002: Rule = Rule {
    code: "S002",
    severity: Severity::Error,
    charts: Charts::V0,
    summary: "entry keys one level off: directly under `outputs`/`data` (the 0.1.x flat shape), or in a named entry under `logs`/`repos`/`upload`",
    why: "Since chart 0.2, `outputs` and `data` map an entry NAME to an entry, while `logs`, `repos` and `upload` are one entry each. Keys written directly under `outputs` are read as entries named `existingClaim`, `mountPath`, ... whose values are not mappings; a named entry under `logs` is ignored (the deploy check refuses it) and the default host path applies: the chart mounts nothing you meant.",
    fix: FixKind::Safe,
};

pub const EXAMPLES: &[Example] = &[
    Example {
        code: "S002",
        bad: "persistence:\n  outputs:\n    existingClaim: outputs-pvc\n    mountPath: /outputs\n",
        fixed: "persistence:\n  outputs:\n    outputs:\n      existingClaim: outputs-pvc\n      mountPath: /outputs\n",
        cluster: None,
        note: None,
    },
];

pub(super) fn check(ctx: &mut Context<'_>) {
    let doc = ctx.doc;
    for (section, pair, path) in super::sections(ctx) {
        if !doc.is_mapping(pair.value) {
            continue;
        }
        // Through a `<<` merge, the finding stands and the fix would edit another node.
        let fixable = super::written_in_place(ctx, pair);
        if section.is_map() {
            flat_keys(ctx, section.key(), pair, &path, fixable);
        } else {
            nested_entries(ctx, section, pair, &path, fixable);
        }
    }
}

/// `outputs: {existingClaim: ..., mountPath: ...}`: an entry's keys where the chart reads
/// entry names.
fn flat_keys(ctx: &mut Context<'_>, key: &str, pair: Pair, path: &YamlPath, fixable: bool) {
    let doc = ctx.doc;
    let pairs = doc.pairs(pair.value);
    let flat: Vec<&Pair> = pairs.iter().filter(|p| is_flat_key(doc, p)).collect();
    let Some(first) = flat.first() else {
        return;
    };
    let names: Vec<&str> = flat.iter().filter_map(|p| doc.key_str(p.key)).collect();
    let all_flat = flat.len() == pairs.len();
    // Wrapping is certain only when the entry then stands on its own: a volume needs its
    // mountPath (0.1.x had a default one; since 0.2 none), so without one the wrap is
    // a suggestion and the mount path the user's to add.
    let complete = names.contains(&"mountPath") || names.contains(&"store");
    let fix = (all_flat && fixable)
        .then(|| wrap_fix(ctx, key, pair, path, complete))
        .flatten();
    let span = doc
        .span(first.key)
        .cover(doc.span(flat[flat.len() - 1].value));
    ctx.report(
        &S002,
        span,
        path,
        format!(
            "`{}` written directly under `{key}` (the 0.1.x shape); since chart 0.2 they belong in a named entry: `{key}: {{{key}: {{...}}}}`",
            names.join("`, `")
        ),
    )
    .fix = fix;
}

/// S002 the other way: `logs: {NAME: {...}}`, an entry in the `outputs` shape where the
/// chart reads the section's own keys (`logs.mountPath`); it ignores NAME.
fn nested_entries(
    ctx: &mut Context<'_>,
    section: Role,
    pair: Pair,
    path: &YamlPath,
    fixable: bool,
) {
    let doc = ctx.doc;
    // As Helm reads the section: `<<` merges expanded, a merged key is the section's own.
    let pairs = doc.merged_pairs(pair.value);
    let nested: Vec<&Pair> = pairs.iter().filter(|p| is_nested_entry(doc, p)).collect();
    let (Some(first), Some(last)) = (nested.first(), nested.last()) else {
        return;
    };
    let key = section.key();
    let names: Vec<&str> = nested.iter().filter_map(|p| doc.key_str(p.key)).collect();
    let names = names.join("`, `");
    // Nothing of the section's own: the chart's default volume applies.
    let fallback = match section.chart_default() {
        Some((_, host)) if pairs.len() == nested.len() => {
            format!(" and mounts its default, host path `{host}` on each node")
        }
        _ => String::new(),
    };
    // One entry alone: moving its keys up is what the user meant; of two, which one is
    // theirs to say (the chart has one `logs` volume).
    // Written where it is read: an entry that comes through a `<<` merge is not.
    let written = doc.pairs(pair.value);
    let fix = (fixable && pairs.len() == 1 && written == [**first])
        .then(|| unwrap_fix(ctx, key, pair, **first, path))
        .flatten();
    let mut message = format!(
        "`{key}` is one entry, not a map of named entries: the chart ignores `{names}`{fallback}"
    );
    if nested.len() > 1 {
        message.push_str("; it has one such volume: keep one entry's keys, directly under it");
    }
    ctx.report(
        &S002,
        if nested.iter().all(|p| written.contains(p)) {
            doc.span(first.key).cover(doc.span(last.value))
        } else {
            doc.span(pair.key)
        },
        path,
        message,
    )
    .fix = fix;
}

/// Moves the keys of the one entry under `section` up into it.
fn unwrap_fix(
    ctx: &Context<'_>,
    key: &str,
    section: Pair,
    nested: Pair,
    path: &YamlPath,
) -> Option<Fix> {
    let (text, doc) = (ctx.text, ctx.doc);
    let (k, v) = (doc.span(nested.key), doc.span(nested.value));
    let inner = text.get(v.start..v.end)?;
    let edit = if doc.node(section.value)?.flow {
        let outer = doc.span(section.value);
        Edit::replace(outer.start, outer.end, inner)
    } else if doc.node(nested.value)?.flow {
        Edit::replace(k.start, v.end, inner)
    } else {
        // Block: the key's line goes, the lines under it move left to where it was.
        let head = edit::line_end_inclusive(text, k.end);
        let start = edit::line_start(text, k.start);
        let rest = text[k.end..head].trim().strip_prefix(':')?.trim_start();
        if text[start..k.start].trim() != "" || !(rest.is_empty() || rest.starts_with('#')) {
            return None; // An anchor or a tag on the key's line: left to the user.
        }
        let end = edit::line_end_inclusive(text, v.end);
        let by = edit::indent_at(text, v.start).checked_sub(edit::indent_at(text, k.start))?;
        Edit::replace(start, end, edit::dedent(text.get(head..end)?, by))
    };
    Some(Fix::safe(
        format!(
            "Move the keys of `{}` up into `{key}`",
            doc.key_str(nested.key)?
        ),
        vec![edit],
        vec![path.clone()],
    ))
}

/// Wraps the flat keys of `pair`'s mapping in one entry named after the section.
fn wrap_fix(ctx: &Context<'_>, name: &str, pair: Pair, path: &YamlPath, safe: bool) -> Option<Fix> {
    let (text, doc) = (ctx.text, ctx.doc);
    let map = doc.node(pair.value)?;
    let edit = if map.flow {
        let inner = &text[map.span.start..map.span.end];
        Edit::replace(map.span.start, map.span.end, format!("{{{name}: {inner}}}"))
    } else {
        let start = edit::line_start(text, map.span.start);
        if text[start..map.span.start].trim() != "" {
            return None;
        }
        let end = edit::line_end_inclusive(text, map.span.end);
        let indent = map.span.start - start;
        let nl = edit::newline(text);
        let block = &text[start..end];
        let mut replacement = format!("{}{name}:{nl}", " ".repeat(indent));
        replacement.push_str(&edit::indent(block, 2));
        Edit::replace(start, end, replacement)
    };
    let title = if safe {
        format!("Wrap them in one entry named `{name}`")
    } else {
        format!("Wrap them in one entry named `{name}` (then add its `mountPath`)")
    };
    let (edits, touches) = (vec![edit], vec![path.clone()]);
    Some(if safe {
        Fix::safe(title, edits, touches)
    } else {
        Fix::suggested(title, edits, touches)
    })
}


#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    #[test]
    fn flat_shape() {
        gets_and_not(
            "S002",
            "persistence:\n  outputs:\n    existingClaim: pvc\n    mountPath: /outputs\n",
            CLAIM,
        );
    }

    /// S002 reads `logs` as Helm does, `<<` merges expanded: a merged key is the section's own
    /// (no default host path then, and `<<` is no entry name), a merged named entry is one.
    #[test]
    fn follows_merge_keys() {
        let s002 = |text: &str| {
            let report = run(text);
            let f = report.findings.iter().find(|f| f.code == "S002").cloned();
            (f, report)
        };
        let (f, _) =
            s002("persistence:\n  logs:\n    l1: {mountPath: /x}\n    <<: {hostPath: /h}\n");
        let f = f.expect("S002 on l1");
        assert_eq!(
            f.message,
            "`logs` is one entry, not a map of named entries: the chart ignores `l1`"
        );
        let (f, report) = s002("persistence:\n  logs:\n    <<: {l1: {mountPath: /x}}\n");
        let f = f.unwrap_or_else(|| panic!("S002 in {:?}", codes(&report)));
        assert!(
            f.message.contains("ignores `l1` and mounts its default"),
            "{}",
            f.message
        );
        assert!(
            f.fix.is_none(),
            "an edit through a merge is not the user's text"
        );
        // A named entry whose keys come through a merge is one too.
        let (f, _) = s002("base: &e {mountPath: /x}\npersistence:\n  logs:\n    l1: {<<: *e}\n");
        assert!(f.is_some());
        // A section a merge brings: found, and no fix (it would edit the merged-from text;
        // the property tests found `apply` refusing that "safe" fix).
        for text in [
            "persistence:\n  <<:\n    data:\n      mountPath: /d\n",
            "persistence:\n  <<:\n    logs:\n      l1: {mountPath: /x}\n",
            "<<:\n  persistence:\n    outputs:\n      mountPath: /o\n",
        ] {
            let (f, report) = s002(text);
            let f = f.unwrap_or_else(|| panic!("S002 in {text:?}: {:?}", codes(&report)));
            assert!(f.fix.is_none(), "{text:?}: {:?}", f.fix);
        }
        // Written in place, the same sections keep their fix.
        for text in [
            "persistence:\n  data:\n    mountPath: /d\n",
            "persistence:\n  logs:\n    l1: {mountPath: /x}\n",
        ] {
            assert!(s002(text).0.and_then(|f| f.fix).is_some(), "{text:?}");
        }
    }
}
