//! Y005: template placeholders. The values that hold one are found before the checks run
//! (`placeholders`): reported once here, checked by no other rule. A file with template
//! control lines gets one Y005 saying what was skipped.

use crate::chart::V1_STORAGE;
use crate::finding::Severity;
use crate::rules::examples::Example;
use crate::rules::{Charts, Context, FixKind, Rule};
use crate::yaml::template::MaskKind;
use crate::yaml::{walk, Aliases, Document, NodeId, NodeKind, YamlPath};

/// A template placeholder in a value: not checkable statically.
pub const Y005: Rule = Rule {
    code: "Y005",
    severity: Severity::Warning,
    charts: Charts::Both,
    summary: "a template placeholder in a value (`{{ }}`, `${}`, `%{}`, `$VAR`), or template control lines in the file: those values are not checked",
    why: "Helm does not render templates inside values.yaml: `{{ }}` is filled in by helmfile, `${...}`/`%{ if }` by Terraform's templatefile, `$VAR` by envsubst, before Helm sees the file. What such a value becomes cannot be known here, so it is not checked; control lines (`%{ if }`, `{{ if }}`) are skipped and every branch is checked as written. Check the rendered file too.",
    fix: FixKind::None,
};

pub const EXAMPLES: &[Example] = &[
    Example {
        code: "Y005",
        bad: "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: \"{{ .Values.claim }}\"\n",
        fixed: "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: outputs-pvc\n",
        cluster: None,
        note: Some("Check the rendered values (`helm template`) or write the value itself."),
    },
];

/// The placeholders, and the template's control lines.
pub(super) fn check(ctx: &mut Context<'_>) {
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

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    #[test]
    fn placeholder() {
        gets_and_not(
            "Y005",
            "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: \"{{ .Values.claim }}\"\n",
            CLAIM,
        );
    }
}
