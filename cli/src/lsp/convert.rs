//! Findings in the protocol's terms: diagnostics, code actions, hovers.

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Diagnostic, DiagnosticSeverity, Hover,
    HoverContents, MarkupContent, MarkupKind, NumberOrString, TextEdit, WorkspaceEdit,
};
use storage_core::{fix_all, Finding, Fix, Options, Severity};

use super::document::Document;

const SOURCE: &str = "storage-check";

pub fn diagnostics(doc: &Document) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = doc
        .report
        .findings
        .iter()
        .map(|f| diagnostic(doc, f))
        .collect();
    for problem in doc.directive.iter().flat_map(|d| &d.problems) {
        out.push(Diagnostic {
            range: doc
                .lines
                .range(&doc.text, problem.span.start, problem.span.end),
            severity: Some(DiagnosticSeverity::WARNING),
            source: Some(SOURCE.to_string()),
            message: problem.message.clone(),
            ..Diagnostic::default()
        });
    }
    if let Some(problem) = &doc.layer_problem {
        // On the directive's line: the file was checked alone, and why.
        let end = doc.text.find(['\n', '\r']).unwrap_or(doc.text.len());
        out.push(Diagnostic {
            range: doc.lines.range(&doc.text, 0, end),
            severity: Some(DiagnosticSeverity::WARNING),
            source: Some(SOURCE.to_string()),
            message: problem.clone(),
            ..Diagnostic::default()
        });
    }
    out
}

fn diagnostic(doc: &Document, finding: &Finding) -> Diagnostic {
    Diagnostic {
        range: doc
            .lines
            .range(&doc.text, finding.span.start, finding.span.end),
        severity: Some(match finding.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Info => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(finding.code.to_string())),
        source: Some(SOURCE.to_string()),
        message: finding.message.clone(),
        ..Diagnostic::default()
    }
}

/// Whether a finding's span meets the byte range `start..=end` (an empty span at the
/// cursor counts).
fn touches(finding: &Finding, start: usize, end: usize) -> bool {
    finding.span.start <= end && start <= finding.span.end
}

/// A quick fix per finding with a fix in the range (safe ones preferred), and "fix all
/// safe" as a source action, filtered by the kinds the client asked for.
pub fn code_actions(
    doc: &Document,
    start: usize,
    end: usize,
    only: Option<&[CodeActionKind]>,
    base: Options,
    lazy_fix_all: bool,
) -> Vec<CodeActionOrCommand> {
    let wants = |kind: &CodeActionKind| {
        only.is_none_or(|only| {
            only.iter().any(|o| {
                kind.as_str() == o.as_str()
                    || kind.as_str().starts_with(&format!("{}.", o.as_str()))
            })
        })
    };
    let mut out = Vec::new();
    if wants(&CodeActionKind::QUICKFIX) {
        for finding in doc
            .report
            .findings
            .iter()
            .filter(|f| touches(f, start, end))
        {
            let Some(fix) = &finding.fix else { continue };
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: title(fix),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic(doc, finding)]),
                edit: Some(workspace_edit(doc, edits(doc, fix))),
                is_preferred: Some(fix.is_safe()),
                ..CodeAction::default()
            }));
        }
    }
    if wants(&CodeActionKind::SOURCE_FIX_ALL)
        && lazy_fix_all
        && doc.report.findings.iter().any(has_safe_fix)
    {
        // Its edit comes with `codeAction/resolve`, when the user picks it.
        out.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: FIX_ALL_TITLE.to_string(),
            kind: Some(CodeActionKind::SOURCE_FIX_ALL),
            data: Some(
                serde_json::json!({ "uri": doc.uri.as_str(), "text": fingerprint(&doc.text) }),
            ),
            ..CodeAction::default()
        }));
    } else if wants(&CodeActionKind::SOURCE_FIX_ALL) && doc.report.findings.iter().any(has_safe_fix)
    {
        let options = doc.directive.as_ref().map_or(base, |d| d.apply(base));
        // fix_all leaves out what would change other values or bring new errors.
        let fixed = doc.fixed.get_or_init(|| fix_all(&doc.text, &options));
        {
            if fixed.text != doc.text {
                let whole = doc.lines.range(&doc.text, 0, doc.text.len());
                out.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: format!("Apply every safe fix ({})", fixed.applied),
                    kind: Some(CodeActionKind::SOURCE_FIX_ALL),
                    edit: Some(workspace_edit(
                        doc,
                        vec![TextEdit::new(whole, fixed.text.clone())],
                    )),
                    ..CodeAction::default()
                }));
            }
        }
    }
    out
}

/// Which text an action was offered for (the document may change before it is resolved).
fn fingerprint(text: &str) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut hasher);
    format!("{:016x}-{}", hasher.finish(), text.len())
}

/// The title of the lazy "fix all" action (its count is known only once it is resolved).
const FIX_ALL_TITLE: &str = "Apply every safe fix";

/// `codeAction/resolve` for the lazy "fix all": its edit, computed now, for the document
/// version it was offered for. Anything else (another action, a document closed or changed
/// since) comes back as it was: the editor then applies nothing.
pub fn resolve_fix_all<'d>(
    mut action: CodeAction,
    mut docs: impl Iterator<Item = &'d Document>,
    base: Options,
) -> CodeAction {
    let data = action.data.as_ref();
    let uri = data.and_then(|d| d["uri"].as_str());
    let text = data.and_then(|d| d["text"].as_str());
    let doc = docs
        .find(|d| Some(d.uri.as_str()) == uri)
        .filter(|d| Some(fingerprint(&d.text).as_str()) == text);
    let Some(doc) = doc.filter(|_| action.title == FIX_ALL_TITLE) else {
        return action;
    };
    let options = doc.directive.as_ref().map_or(base, |d| d.apply(base));
    let fixed = doc.fixed.get_or_init(|| fix_all(&doc.text, &options));
    if fixed.text != doc.text {
        let whole = doc.lines.range(&doc.text, 0, doc.text.len());
        action.edit = Some(workspace_edit(
            doc,
            vec![TextEdit::new(whole, fixed.text.clone())],
        ));
    }
    action
}

fn has_safe_fix(finding: &Finding) -> bool {
    finding.fix.as_ref().is_some_and(Fix::is_safe)
}

fn title(fix: &Fix) -> String {
    // Editors render titles as plain text: drop the code backticks.
    let plain = fix.title.replace('`', "");
    if fix.is_safe() {
        plain
    } else {
        format!("{plain} (suggested)")
    }
}

fn edits(doc: &Document, fix: &Fix) -> Vec<TextEdit> {
    fix.edits
        .iter()
        .map(|e| {
            TextEdit::new(
                doc.lines.range(&doc.text, e.start, e.end),
                e.replacement.clone(),
            )
        })
        .collect()
}

fn workspace_edit(doc: &Document, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(doc.uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }
}

/// The findings at `offset`: code, message, why, fix and the command to learn more, and
/// the chart they were checked for. On the first line with no finding there: the chart,
/// and why that one.
pub fn hover(doc: &Document, offset: usize) -> Option<Hover> {
    let here: Vec<&Finding> = doc
        .report
        .findings
        .iter()
        .filter(|f| touches(f, offset, offset))
        .collect();
    let said = doc
        .report
        .chart_said()
        .map(|s| format!("Checked as chart {s}."));
    let Some(first) = here.first() else {
        let first_line = doc.text.find('\n').unwrap_or(doc.text.len());
        return (offset <= first_line)
            .then_some(())
            .and(said)
            .map(|value| Hover {
                contents: HoverContents::Markup(MarkupContent {
                    kind: MarkupKind::Markdown,
                    value,
                }),
                range: Some(doc.lines.range(&doc.text, 0, first_line)),
            });
    };
    let mut text = String::new();
    for finding in &here {
        if !text.is_empty() {
            text.push_str("\n\n---\n\n");
        }
        text.push_str(&format!(
            "**{}** {}: {}\n\n{}",
            finding.code,
            finding.severity.as_str(),
            finding.message,
            finding.why
        ));
        if let Some(detail) = &finding.detail {
            text.push_str(&format!("\n\n```\n{}\n```", detail.text()));
        }
        if let Some(fix) = &finding.fix {
            let kind = if fix.is_safe() {
                "Safe fix"
            } else {
                "Suggested fix"
            };
            text.push_str(&format!("\n\n{kind}: {}", fix.title));
        }
        text.push_str(&format!(
            "\n\n`storage-check rule {}` explains the rule.",
            finding.code
        ));
    }
    if let Some(said) = said {
        text.push_str(&format!("\n\n_{said}_"));
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: text,
        }),
        range: Some(doc.lines.range(&doc.text, first.span.start, first.span.end)),
    })
}
