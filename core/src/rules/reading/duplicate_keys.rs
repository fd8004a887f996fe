//! Y002: the same key twice in one mapping, over the whole file (Helm keeps the last).

use std::collections::HashMap;

use crate::edit;
use crate::finding::Severity;
use crate::fix::Fix;
use crate::rules::examples::Example;
use crate::rules::{Charts, Context, FixKind, Rule};
use crate::source::LineIndex;
use crate::yaml::{walk, Aliases, NodeKind, ScalarType, YamlPath};

/// The same key twice in one mapping.
pub const Y002: Rule = Rule {
    code: "Y002",
    severity: Severity::Warning,
    charts: Charts::Both,
    summary: "the same key twice in one mapping",
    why: "Helm (and PyYAML, which Polyaxon's deploy check uses) keeps only the last value of a repeated key, silently: the earlier one looks configured but is ignored. Strict parsers refuse the file outright (recent `helm lint`, kustomize, Flux's post-render).",
    fix: FixKind::Suggested,
};

pub const EXAMPLES: &[Example] = &[
    Example {
        code: "Y002",
        bad: "persistence:\n  outputs:\n    out:\n      mountPath: /a\n      mountPath: /outputs\n      existingClaim: outputs-pvc\n",
        fixed: "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: outputs-pvc\n",
        cluster: None,
        note: None,
    },
];

/// Enough to act on; a key pasted 100,000 times must not make 100,000 findings.
const MAX_DUPLICATE_FINDINGS: usize = 1000;

pub(super) fn check(ctx: &mut Context<'_>) {
    let doc = ctx.doc;
    let Some(root) = doc.root() else { return };
    let mut index: Option<LineIndex> = None;
    let mut found = Vec::new();
    walk(doc, [(root, YamlPath::root())], Aliases::Stop, |step| {
        let Some(NodeKind::Mapping(pairs)) = doc.node(step.node).map(|n| &n.kind) else {
            return true;
        };
        // Most mappings are an entry's few fields: compared pair by pair they need no map
        // (a map per mapping was a tenth of a large file's check, callgrind).
        if pairs.len() <= 16 {
            let key = |p: &crate::yaml::Pair| doc.key_str(p.key);
            let twice = pairs
                .iter()
                .enumerate()
                .any(|(i, p)| pairs[..i].iter().any(|q| key(q) == key(p)));
            if !twice {
                return true;
            }
        }
        let mut last: HashMap<&str, usize> = HashMap::with_capacity(pairs.len());
        for (i, pair) in pairs.iter().enumerate() {
            if let Some(key) = doc.key_str(pair.key) {
                last.insert(key, i);
            }
        }
        if last.len() == pairs.len() {
            return true; // No key twice: no path to build.
        }
        let path = step.path();
        for (i, pair) in pairs.iter().enumerate() {
            let key = doc.key_str(pair.key).unwrap_or("?");
            let kept_at = last.get(key).copied().filter(|&l| l != i);
            let Some(kept_at) = kept_at.filter(|_| key != "<<") else {
                continue;
            };
            if found.len() >= MAX_DUPLICATE_FINDINGS {
                return false;
            }
            let kept = pairs.get(kept_at).map(|p| doc.span(p.key));
            let index = index.get_or_insert_with(|| LineIndex::new(ctx.text));
            let line = kept.map_or(0, |s| index.position(ctx.text, s.start).line);
            // A boolean key is the string `true`/`false` to Helm: name it as written.
            let span = doc.span(pair.key);
            let written = ctx.text.get(span.start..span.end).unwrap_or(key);
            let boolean = doc
                .scalar(pair.key)
                .is_some_and(|s| s.scalar_type() == ScalarType::Bool);
            let (shown, reads) = if boolean && written != key {
                (written, format!(" (Helm reads it as `{key}`)"))
            } else {
                (key, String::new())
            };
            // The fix owns the mapping the key is removed from (the key itself at the root).
            let owner = if path == YamlPath::root() {
                path.child(key)
            } else {
                path.clone()
            };
            let fix = Fix::suggested(
                format!("Remove this `{shown}` (Helm keeps the one on line {line})"),
                vec![edit::remove_pair(ctx.text, doc, *pair)],
                vec![owner],
            );
            found.push((
                doc.span(pair.key),
                path.child(key),
                format!(
                    "`{shown}`{reads} is written again on line {line}; Helm keeps only that one"
                ),
                fix,
            ));
        }
        true
    });
    for (span, path, message, fix) in found {
        ctx.report(&Y002, span, path, message).fix = Some(fix);
    }
}


#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    #[test]
    fn duplicate_key() {
        gets_and_not(
            "Y002",
            "persistence:\n  outputs:\n    out:\n      mountPath: /a\n      mountPath: /outputs\n      existingClaim: pvc\n",
            CLAIM,
        );
    }

    /// `yes:` is the key `true` to Helm: Y002 names it as written and says how Helm reads it.
    #[test]
    fn names_a_boolean_key_as_written() {
        let y002 = |text: &str| {
            let f = run(text).findings.into_iter().find(|f| f.code == "Y002");
            let f = f.expect("Y002");
            (f.message, f.fix.map(|x| x.title).unwrap_or_default())
        };
        assert_eq!(
            y002("persistence:\n  outputs:\n    yes: {mountPath: /a, hostPath: /h}\n    true: {mountPath: /b, hostPath: /h}\n"),
            (
                "`yes` (Helm reads it as `true`) is written again on line 4; Helm keeps only that one".to_string(),
                "Remove this `yes` (Helm keeps the one on line 4)".to_string()
            )
        );
        assert_eq!(
            y002("a:\n  \"x\": 1\n  x: 2\n").0,
            "`x` is written again on line 3; Helm keeps only that one"
        );
    }
}
