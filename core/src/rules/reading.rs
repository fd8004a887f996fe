//! Y — reading the file: syntax, duplicate keys, limits, document shape, placeholders.

use std::collections::HashMap;

use super::{Charts, Context, Family, FixKind, Rule};
use crate::chart::V1_STORAGE;
use crate::edit;
use crate::finding::{Finding, Severity};
use crate::fix::Fix;
use crate::source::{LineIndex, Span};
use crate::yaml::template::MaskKind;
use crate::yaml::{walk, Aliases, Document, LoadError, NodeId, NodeKind, ScalarType, YamlPath};

/// YAML syntax error, at the parser's position.
pub const Y001: Rule = Rule {
    code: "Y001",
    severity: Severity::Error,
    charts: Charts::Both,
    summary: "YAML syntax error",
    why: "Helm refuses a values file it cannot parse: nothing is deployed, and no other check can run until this is fixed.",
    fix: FixKind::None,
};

/// The same key twice in one mapping.
pub const Y002: Rule = Rule {
    code: "Y002",
    severity: Severity::Warning,
    charts: Charts::Both,
    summary: "the same key twice in one mapping",
    why: "Helm (and PyYAML, which Polyaxon's deploy check uses) keeps only the last value of a repeated key, silently: the earlier one looks configured but is ignored. Strict parsers refuse the file outright (recent `helm lint`, kustomize, Flux's post-render).",
    fix: FixKind::Suggested,
};

/// Input over the limits (size, depth, node count, alias expansion).
pub const Y003: Rule = Rule {
    code: "Y003",
    severity: Severity::Error,
    charts: Charts::Both,
    summary: "input over the limits (size, nesting depth, nodes, alias expansion)",
    why: "A values file this large or this deep is not a Helm values file; the checker stops before the work could hang or exhaust memory (alias bombs expand exponentially).",
    fix: FixKind::None,
};

/// The root is not a mapping, or the file holds several documents.
pub const Y004: Rule = Rule {
    code: "Y004",
    severity: Severity::Error,
    charts: Charts::Both,
    summary: "the document root is not a mapping, or the file holds several documents",
    why: "Helm reads values.yaml as one mapping of keys; a list, a scalar or a second `---` document is not what the chart expects.",
    fix: FixKind::None,
};

/// A template placeholder in a value: not checkable statically.
pub const Y005: Rule = Rule {
    code: "Y005",
    severity: Severity::Warning,
    charts: Charts::Both,
    summary: "a template placeholder in a value (`{{ }}`, `${}`, `%{}`, `$VAR`), or template control lines in the file: those values are not checked",
    why: "Helm does not render templates inside values.yaml: `{{ }}` is filled in by helmfile, `${...}`/`%{ if }` by Terraform's templatefile, `$VAR` by envsubst, before Helm sees the file. What such a value becomes cannot be known here, so it is not checked; control lines (`%{ if }`, `{{ if }}`) are skipped and every branch is checked as written. Check the rendered file too.",
    fix: FixKind::None,
};

/// The finding for a text that could not be loaded.
pub fn load_error(error: &LoadError, text: &str) -> Finding {
    let (rule, span, message) = match error {
        LoadError::Syntax { message, span } => {
            // `***` (a value redacted before pasting) is YAML for an alias named `**`.
            let redacted = text
                .get(span.start..)
                .is_some_and(|rest| rest.starts_with("**"));
            let hint = if redacted && message.contains("anchor") {
                "; a value written `***` (redacted?) reads as an alias: quote it, `'***'`"
            } else {
                ""
            };
            (&Y001, *span, format!("YAML syntax error: {message}{hint}"))
        }
        LoadError::Limit { message, span } => {
            (&Y003, *span, format!("input over the limits: {message}"))
        }
        LoadError::RootNotMapping { what, span } => (
            &Y004,
            *span,
            format!("the document root is {what}; values.yaml must be a mapping of keys"),
        ),
    };
    Finding {
        code: rule.code,
        severity: rule.severity,
        message,
        path: String::new(),
        span,
        why: rule.why,
        detail: None,
        fix: None,
    }
}

/// The family: Y001, Y003 and Y004 come from loading ([`load_error`]).
pub(crate) const FAMILY: Family = Family {
    rules: &[&Y001, &Y002, &Y003, &Y004, &Y005],
    check,
};

/// Y002 over the whole file, Y005 over the storage sections.
fn check(ctx: &mut Context<'_>) {
    if let Some(at) = ctx.doc.dropped_document() {
        // Its first line: a collection's start event has no width.
        let end = ctx.text[at.start..]
            .find(['\n', '\r'])
            .map_or(ctx.text.len(), |n| at.start + n);
        ctx.report(
            &Y004,
            Span::new(at.start, end),
            "",
            "a second YAML document: Helm reads only the first and drops this one (storage here included); Polyaxon's deploy check refuses the file",
        );
    }
    duplicate_keys(ctx);
    template_notice(ctx);
    for p in ctx.placeholders {
        ctx.report(
            &Y005,
            ctx.doc.span(p.node),
            p.path.clone(),
            format!(
                "`{}` holds a template placeholder; this value is not checked",
                p.value
            ),
        );
    }
}

/// Y005 once for a file with template control lines: what was skipped, and why.
fn template_notice(ctx: &mut Context<'_>) {
    let doc = ctx.doc;
    let mut lines = doc
        .masked()
        .iter()
        .filter(|m| m.kind == MaskKind::Directive);
    let Some(first) = lines.next() else {
        return;
    };
    let more = lines.count();
    let line = ctx
        .text
        .get(first.span.start..first.span.end)
        .unwrap_or_default();
    let others = match more {
        0 => String::new(),
        1 => " and 1 more line like it".to_string(),
        n => format!(" and {n} more lines like it"),
    };
    ctx.report(
        &Y005,
        first.span,
        YamlPath::root(),
        format!("this file is a template (`{line}`{others}): its control lines are skipped and every branch is checked as written; check the rendered file too"),
    );
}

/// Enough to act on; a key pasted 100,000 times must not make 100,000 findings.
const MAX_DUPLICATE_FINDINGS: usize = 1000;

fn duplicate_keys(ctx: &mut Context<'_>) {
    let doc = ctx.doc;
    let Some(root) = doc.root() else { return };
    let mut index: Option<LineIndex> = None;
    let mut found = Vec::new();
    walk(doc, [(root, YamlPath::root())], Aliases::Stop, |step| {
        let Some(NodeKind::Mapping(pairs)) = doc.node(step.node).map(|n| &n.kind) else {
            return true;
        };
        let mut last: HashMap<&str, usize> = HashMap::new();
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

/// A value with a template placeholder in a storage section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Placeholder {
    pub node: NodeId,
    pub path: YamlPath,
    pub value: String,
}

/// Every placeholder value in the storage sections, in file order: these values are
/// reported once (Y005) and checked by no other rule.
pub(crate) fn placeholders(doc: &Document, text: &str) -> Vec<Placeholder> {
    let Some(root) = doc.root() else {
        return Vec::new();
    };
    let sections = ["persistence", "outputs", "data"]
        .into_iter()
        .chain(V1_STORAGE)
        .filter_map(|k| {
            doc.get(root, k)
                .map(|p| (p.value, YamlPath::root().child(k)))
        });
    let mut found = Vec::new();
    walk(doc, sections, Aliases::Stop, |step| {
        let scalar = match doc.node(step.node).map(|n| &n.kind) {
            Some(NodeKind::Scalar(s)) => Some(s),
            _ => None,
        };
        let span = doc.span(step.node);
        // A masked `{{ ... }}` value reads as a string here; what the user wrote is the text.
        if doc.is_template_value(step.node) {
            found.push(Placeholder {
                node: step.node,
                path: step.path(),
                value: text
                    .get(span.start..span.end)
                    .unwrap_or_default()
                    .to_string(),
            });
        } else if let Some(s) = scalar.filter(|s| has_placeholder(&s.value)) {
            found.push(Placeholder {
                node: step.node,
                path: step.path(),
                value: s.value.clone(),
            });
        }
        true
    });
    found
}

/// `{{ ... }}` (Helm, helmfile), `${...}` and `%{...}` (Terraform, envsubst) or `$VAR`
/// (envsubst).
pub fn has_placeholder(value: &str) -> bool {
    let helm = value.find("{{").is_some_and(|i| value[i..].contains("}}"));
    let braces = ["${", "%{"]
        .iter()
        .any(|open| value.find(open).is_some_and(|i| value[i..].contains('}')));
    let envsubst = value
        .as_bytes()
        .windows(2)
        .any(|w| w[0] == b'$' && (w[1].is_ascii_alphabetic() || w[1] == b'_'));
    helm || braces || envsubst
}
