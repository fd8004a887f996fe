//! S003: `outputs:`/`data:` at the top level, where the chart does not read them; the fix
//! moves them under `persistence`.

use crate::edit;
use crate::finding::Severity;
use crate::fix::{Edit, Fix};
use crate::options::Chart;
use crate::rules::examples::Example;
use crate::rules::{Charts, Context, FixKind, Rule};
use crate::yaml::{NodeId, Pair};

/// `outputs:`/`data:` at the top level, with no `persistence:` parent.
pub const S003: Rule = Rule {
    code: "S003",
    severity: Severity::Error,
    charts: Charts::V0,
    summary: "`outputs`/`data` at the top level, not under `persistence`",
    why: "The chart only reads `persistence.outputs` and `persistence.data`. At the top level they are ignored and the default host path `/tmp/outputs` is used instead (the docs' own NFS example has this mistake).",
    fix: FixKind::Safe,
};

pub const EXAMPLES: &[Example] = &[
    Example {
        code: "S003",
        bad: "outputs:\n  out:\n    mountPath: /outputs\n    existingClaim: outputs-pvc\n",
        fixed: "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: outputs-pvc\n",
        cluster: None,
        note: None,
    },
];

/// S003: `outputs:`/`data:` at the root.
pub(super) fn check(ctx: &mut Context<'_>) {
    if ctx.chart != Chart::V0 {
        return;
    }
    let doc = ctx.doc;
    let Some(root) = doc.root() else { return };
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


#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    #[test]
    fn top_level() {
        gets_and_not(
            "S003",
            "outputs:\n  out:\n    mountPath: /outputs\n    existingClaim: pvc\n",
            CLAIM,
        );
    }
}
