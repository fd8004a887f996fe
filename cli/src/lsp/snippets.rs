//! Whole storage entries as snippets. The entry is written by the core's forms, as the
//! page's "add" and field edits write it into an empty file (so its shape is written once,
//! there); its name and each field's example value become tab stops.

use storage_core::form::{self, FormEdit};
use storage_core::source::Span;
use storage_core::storage::{Kind, Role, Storage};
use storage_core::yaml::{self, Limits};

/// A new file holding one entry of `role` and `kind` (with the sections above it), in
/// snippet syntax; `None` if the forms refuse it.
pub fn template(role: Role, kind: Kind) -> Option<String> {
    let chart = role.chart();
    let add = FormEdit::Add {
        role,
        kind: Some(kind),
    };
    let mut text = form::apply_edit("", &add).ok()?;
    let doc = yaml::load(&text, &Limits::default()).ok()?;
    let card = form::cards(&doc, &Storage::read(&doc, chart))
        .into_iter()
        .find(|c| c.role == role)?;
    for &field in kind.fields(chart) {
        if let Some(example) = card.example(field) {
            let set = FormEdit::SetField {
                entry: card.path.clone(),
                chart,
                field,
                value: example.to_string(),
            };
            text = form::apply_edit(&text, &set).ok()?;
        }
    }
    let doc = yaml::load(&text, &Limits::default()).ok()?;
    let storage = Storage::read(&doc, chart);
    let entry = storage.entries.iter().find(|e| e.role == role)?;
    let name = match entry.pair {
        Some(pair) if role.is_map() => Some(doc.span(pair.key)),
        _ => entry.get(&doc, "name").map(|p| doc.span(p.value)),
    };
    let mut stops: Vec<Span> = entry
        .fields
        .iter()
        .filter(|f| kind.fields(chart).contains(&f.field) && !doc.is_null(f.pair.value))
        .map(|f| doc.span(f.pair.value))
        .chain(name)
        .collect();
    stops.sort_by_key(|s| s.start);
    let mut out = String::new();
    let mut at = 0;
    for (n, stop) in stops.iter().enumerate() {
        out.push_str(&escape(text.get(at..stop.start)?));
        let value = escape(text.get(stop.start..stop.end)?);
        out.push_str(&format!("${{{}:{value}}}", n + 1));
        at = stop.end;
    }
    out.push_str(&escape(text.get(at..)?));
    Some(out)
}

/// Snippet syntax takes `$`, `}` and `\` literally only escaped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '$' | '}' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The lines of `template` from line `skip` on, moved left to column 0 — and, with
/// `inside_item`, the first line without its `- ` (the cursor is past the dash already).
/// The last line break is left out. The editor indents the lines after the first as the
/// cursor's line (`InsertTextMode::ADJUST_INDENTATION`): by its spaces, not by its dash,
/// so an item's keys keep their two columns past the dash.
pub fn block(template: &str, skip: usize, inside_item: bool) -> String {
    let lines: Vec<&str> = template.lines().skip(skip).collect();
    let Some(first) = lines.first() else {
        return String::new();
    };
    let column = first.len() - first.trim_start_matches(' ').len();
    lines
        .iter()
        .map(|line| {
            let pad = line.len() - line.trim_start_matches(' ').len();
            line.get(column.min(pad)..).unwrap_or(line)
        })
        .enumerate()
        .map(|(i, line)| match (i, inside_item) {
            (0, true) => line.strip_prefix("- ").unwrap_or(line),
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use storage_core::text::bucket::StoreKind;

    use super::*;

    #[test]
    fn entries_written_by_the_forms() {
        let t = template(Role::Connection, Kind::Claim).expect("a template");
        assert_eq!(
            t,
            "connections:\n  - name: ${1:volume-claim}\n    kind: volume_claim\n    schema:\n      mountPath: ${2:/data}\n      volumeClaim: ${3:polyaxon-pvc}\n"
        );
        let out = template(Role::Outputs, Kind::Bucket(StoreKind::S3)).expect("s3");
        assert_eq!(
            out,
            "persistence:\n  outputs:\n    ${1:outputs}:\n      store: s3\n      bucket: ${2:s3://my-bucket/polyaxon}\n      secret: ${3:polyaxon-credentials}\n      secretKey: ${4:S3_CREDENTIALS_JSON}\n"
        );
    }

    #[test]
    fn blocks_cut_at_the_cursor_level() {
        let t = "connections:\n  - name: ${1:a}\n    kind: s3\n    schema:\n      bucket: ${2:s3://b}\n";
        assert_eq!(
            block(t, 1, false),
            "- name: ${1:a}\n  kind: s3\n  schema:\n    bucket: ${2:s3://b}"
        );
        assert_eq!(
            block(t, 1, true),
            "name: ${1:a}\n  kind: s3\n  schema:\n    bucket: ${2:s3://b}"
        );
        assert_eq!(block(t, 9, false), "");
    }

    #[test]
    fn every_kind_of_every_role_has_a_template() {
        for role in [
            Role::Outputs,
            Role::Data,
            Role::ArtifactsStore,
            Role::Connection,
        ] {
            for kind in Kind::ALL {
                let t = template(role, kind).unwrap_or_default();
                assert!(t.contains("${1:"), "{role:?} {kind:?}: {t}");
            }
        }
    }

    #[test]
    fn snippet_syntax_is_escaped() {
        assert_eq!(escape("a$b}c\\"), "a\\$b\\}c\\\\");
    }
}
