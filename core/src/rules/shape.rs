//! S — the shape of the `persistence` section.

use std::collections::HashMap;

use super::{Charts, Context, Family, FixKind, Rule};
use crate::edit;
use crate::finding::Severity;
use crate::fix::{Edit, Fix};
use crate::options::Chart;
use crate::storage::v0::{is_flat_key, is_nested_entry, merged_pairs};
use crate::storage::Role;
use crate::text::names;
use crate::yaml::{NodeId, Pair, YamlPath};

/// `persistence`, `persistence.outputs` or `persistence.data` is not a mapping.
pub const S001: Rule = Rule {
    code: "S001",
    severity: Severity::Error,
    charts: Charts::V0,
    summary: "`persistence` (or `persistence.outputs`/`data`) is not a mapping",
    why: "The chart reads `persistence` as a mapping of sections and `outputs`/`data` as mappings of named entries; any other shape fails the chart's templates or is ignored.",
    fix: FixKind::None,
};

/// The 0.1.x flat shape: entry keys directly under `persistence.outputs`.
pub const S002: Rule = Rule {
    code: "S002",
    severity: Severity::Error,
    charts: Charts::V0,
    summary: "entry keys one level off: directly under `outputs`/`data` (the 0.1.x flat shape), or in a named entry under `logs`/`repos`/`upload`",
    why: "Since chart 0.2, `outputs` and `data` map an entry NAME to an entry, while `logs`, `repos` and `upload` are one entry each. Keys written directly under `outputs` are read as entries named `existingClaim`, `mountPath`, ... whose values are not mappings; a named entry under `logs` is ignored (the deploy check refuses it) and the default host path applies: the chart mounts nothing you meant.",
    fix: FixKind::Safe,
};

/// `outputs:`/`data:` at the top level, with no `persistence:` parent.
pub const S003: Rule = Rule {
    code: "S003",
    severity: Severity::Error,
    charts: Charts::V0,
    summary: "`outputs`/`data` at the top level, not under `persistence`",
    why: "The chart only reads `persistence.outputs` and `persistence.data`. At the top level they are ignored and the default host path `/tmp/outputs` is used instead (the docs' own NFS example has this mistake).",
    fix: FixKind::Safe,
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

/// The same volume name twice across the sections.
pub const S005: Rule = Rule {
    code: "S005",
    severity: Severity::Error,
    charts: Charts::V0,
    summary: "the same volume name twice across `outputs`, `data`, `logs`, `repos`, `upload`",
    why: "Each entry becomes a volume named after it, and pods mount outputs, data, logs, repos and upload together: two volumes with one name make Kubernetes reject the pod.",
    fix: FixKind::None,
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

pub(crate) const FAMILY: Family = Family {
    rules: &[&S001, &S002, &S003, &S004, &S005, &S006],
    check,
};

fn check(ctx: &mut Context<'_>) {
    if ctx.chart != Chart::V0 {
        return;
    }
    let doc = ctx.doc;
    let Some(root) = doc.root() else { return };
    top_level_sections(ctx, root);
    let Some(persistence) = ctx.storage.persistence else {
        return;
    };
    if !doc.is_mapping(persistence.value) {
        if !doc.is_null(persistence.value) {
            let what = doc.describe(persistence.value);
            ctx.report(
                &S001,
                doc.span(persistence.value),
                "persistence",
                format!("`persistence` is {what}; it must be a mapping of sections"),
            );
        }
        return;
    }
    for section in Role::V0_SECTIONS {
        let Some(pair) = doc.get(persistence.value, section.key()) else {
            continue;
        };
        let path = section.section_path();
        if section.is_map() {
            map_section(ctx, section, pair, &path);
        } else if doc.is_mapping(pair.value) {
            nested_entries(ctx, section, pair, &path);
        } else if !doc.is_null(pair.value) {
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
    volume_names(ctx);
}

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
    let is_entry_key = |p: &Pair| is_flat_key(doc, p);
    let flat: Vec<&Pair> = pairs.iter().filter(|p| is_entry_key(p)).collect();
    if let Some(first) = flat.first() {
        let names: Vec<&str> = flat.iter().filter_map(|p| doc.key_str(p.key)).collect();
        let all_flat = flat.len() == pairs.len();
        // Wrapping is certain only when the entry then stands on its own: a volume needs its
        // mountPath (0.1.x had a default one; since 0.2 none), so without one the wrap is
        // a suggestion and the mount path the user's to add.
        let complete = names.contains(&"mountPath") || names.contains(&"store");
        let fix = all_flat
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
    // `&str → index` maps, the map type the rules share (each type costs the page wasm).
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let written: HashMap<&str, usize> = pairs
        .iter()
        .enumerate()
        .filter_map(|(i, q)| Some((doc.key_str(q.key)?, i)))
        .collect();
    for p in pairs {
        if is_entry_key(p) {
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

/// S002 the other way: `logs: {NAME: {...}}`, an entry in the `outputs` shape where the
/// chart reads the section's own keys (`logs.mountPath`); it ignores NAME.
fn nested_entries(ctx: &mut Context<'_>, section: Role, pair: Pair, path: &YamlPath) {
    let doc = ctx.doc;
    // As Helm reads the section: `<<` merges expanded, a merged key is the section's own.
    let pairs = merged_pairs(doc, pair.value);
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
    let fix = (pairs.len() == 1 && written == [**first])
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

/// S003: `outputs:`/`data:` at the root.
fn top_level_sections(ctx: &mut Context<'_>, root: NodeId) {
    let doc = ctx.doc;
    let tops: Vec<Pair> = ["outputs", "data"]
        .into_iter()
        .filter_map(|k| doc.get(root, k))
        .collect();
    if tops.is_empty() {
        return;
    }
    // A key written twice at the root (Y002) is the user's to sort out first: moving the
    // one Helm keeps would leave the other behind.
    let repeated = ["outputs", "data", "persistence"].iter().any(|k| {
        doc.pairs(root)
            .iter()
            .filter(|p| doc.key_str(p.key) == Some(*k))
            .count()
            > 1
    });
    let fix = if repeated {
        None
    } else {
        move_under_persistence(ctx, root, &tops)
    };
    for pair in tops {
        let key = doc.key_str(pair.key).unwrap_or("outputs");
        ctx.report(
            &S003,
            doc.span(pair.key),
            key,
            format!("`{key}` is at the top level; the chart only reads `persistence.{key}`"),
        )
        .fix = fix.clone();
    }
}

fn move_under_persistence(ctx: &Context<'_>, root: NodeId, tops: &[Pair]) -> Option<Fix> {
    let (text, doc) = (ctx.text, ctx.doc);
    let nl = edit::newline(text);
    let mut blocks: Vec<(Pair, crate::source::Span)> = Vec::new();
    for pair in tops {
        // Moving re-indents whole lines: only for a root written at column 0 (found by the
        // property test: an indented root broke the file).
        if edit::indent_at(text, doc.span(pair.key).start) != 0 {
            return None;
        }
        blocks.push((*pair, edit::pair_lines(text, doc, *pair)?));
    }
    crate::order::by_offsets(&mut blocks, |(_, s)| (s.start, 0));
    let with_break = |s: &str| {
        if s.ends_with('\n') {
            s.to_string()
        } else {
            format!("{s}{nl}")
        }
    };
    let mut edits = Vec::new();
    match doc.get(root, "persistence") {
        None => {
            let (_, first) = blocks.first()?;
            let mut moved = format!("persistence:{nl}");
            for (_, span) in &blocks {
                moved.push_str(&edit::indent(&with_break(&text[span.start..span.end]), 2));
            }
            if !text[first.start..first.end].ends_with('\n') {
                moved.truncate(moved.len() - nl.len());
            }
            edits.push(Edit::replace(first.start, first.end, moved));
            for (_, span) in blocks.iter().skip(1) {
                edits.push(Edit::delete(span.start, span.end));
            }
        }
        Some(persistence) => {
            let map = doc.node(persistence.value)?;
            if map.flow || !doc.is_mapping(persistence.value) {
                return None;
            }
            let child_indent = edit::indent_at(text, map.span.start);
            let at = edit::line_end_inclusive(text, map.span.end);
            let mut moved = String::new();
            if !text[..at].ends_with('\n') {
                moved.push_str(nl);
            }
            for (pair, span) in &blocks {
                let key = doc.key_str(pair.key)?;
                if doc.get(persistence.value, key).is_some() {
                    return None; // Both exist: which one the user meant is their call.
                }
                moved.push_str(&edit::indent(
                    &with_break(&text[span.start..span.end]),
                    child_indent,
                ));
                edits.push(Edit::delete(span.start, span.end));
            }
            edits.push(Edit::insert(at, moved));
        }
    }
    let keys: Vec<&str> = blocks
        .iter()
        .filter_map(|(p, _)| doc.key_str(p.key))
        .collect();
    Some(Fix::safe(
        format!("Move `{}` under `persistence`", keys.join("` and `")),
        edits,
        vec!["outputs".into(), "data".into(), "persistence".into()],
    ))
}

/// S005: one volume name used twice across the sections.
fn volume_names(ctx: &mut Context<'_>) {
    let doc = ctx.doc;
    let model = ctx.storage;
    let mut owners: HashMap<&str, Role> = HashMap::new();
    // An empty `outputs` or `data` still gives job pods the chart's default volume of that
    // name (0.6.1 `defaultPersistence`, handed to the server by `_pvc_def.tpl`).
    for section in [Role::Outputs, Role::Data] {
        if model.entries_of(section).next().is_none() {
            owners.insert(section.key(), section);
        }
    }
    // logs, repos and upload are always volumes (the chart's defaults) unless set to a store.
    for section in [Role::Logs, Role::Repos, Role::Upload] {
        let cloud = model.entries_of(section).any(|e| !e.is_volume());
        if !cloud {
            owners.insert(section.key(), section);
        }
    }
    let mut clashes = Vec::new();
    for entry in model.entries.iter().filter(|e| e.role.is_map()) {
        if !entry.is_volume() {
            continue;
        }
        match owners.get(entry.name.as_str()) {
            Some(other) => clashes.push((
                entry.anchor(doc),
                entry.path.clone(),
                entry.name.clone(),
                *other,
            )),
            None => {
                owners.insert(entry.name.as_str(), entry.role);
            }
        }
    }
    for (span, path, name, other) in clashes {
        ctx.report(
            &S005,
            span,
            path,
            if other.is_map() && model.entries_of(other).next().is_none() {
                format!(
                    "volume name `{name}` is also the chart's default `{}` volume, which job pods get while `{}` is empty; rename this entry",
                    other.key(),
                    other.section_path()
                )
            } else {
                format!(
                    "volume name `{name}` is already used by `{}`; rename one of them",
                    if other.is_map() {
                        other.section_path().child(&name)
                    } else {
                        other.section_path()
                    }
                )
            },
        );
    }
}
