//! The three output formats: annotated snippets for people, JSON for tools, GitHub
//! workflow commands for CI annotations.

use annotate_snippets::{AnnotationKind, Group, Level, Patch, Renderer, Snippet};
use serde::Serialize;
use storage_core::chart::ChartBasis;
use storage_core::source::LineIndex;
use storage_core::{Finding, LocatedFinding, Report, Severity};

use crate::input::{File, Unreadable};

pub type Checked<'a> = (&'a File, String, Report);

/// rustc-style snippets, then one summary line.
pub fn human(results: &[Checked<'_>], unreadable: &[Unreadable], color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    let (mut errors, mut warnings, mut infos) = (0, 0, 0);
    for (file, text, report) in results {
        // What the verdicts rest on comes first: the chart, and why that one.
        if let Some(said) = report.chart_said() {
            out.push_str(&format!("{}: chart {said}\n\n", file.display));
        }
        let index = LineIndex::new(text);
        for finding in &report.findings {
            out.push_str(&renderer.render(&finding_report(file, text, &index, finding)));
            out.push_str("\n\n");
        }
        errors += report.count(Severity::Error);
        warnings += report.count(Severity::Warning);
        infos += report.count(Severity::Info);
    }
    // Like rustc's "try `rustc --explain`": the first code, as an example of the command.
    if let Some(first) = results.iter().find_map(|(_, _, r)| r.findings.first()) {
        out.push_str(&format!(
            "For more on a rule, try `storage-check rule {}`.\n",
            first.code
        ));
    }
    for bad in unreadable {
        out.push_str(&format!("error: {bad}\n"));
    }
    let files = results.len();
    out.push_str(&format!(
        "{errors} error{}, {warnings} warning{}, {infos} info in {files} file{}",
        plural(errors),
        plural(warnings),
        plural(files)
    ));
    if !unreadable.is_empty() {
        out.push_str(&format!("; {} unreadable", unreadable.len()));
    }
    out.push('\n');
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// One finding as an annotate-snippets report. Only the lines around the span are handed
/// to the renderer, so a huge file costs nothing per finding.
fn finding_report<'a>(
    file: &'a File,
    text: &'a str,
    index: &LineIndex,
    finding: &'a Finding,
) -> Vec<Group<'a>> {
    let level = match finding.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    };
    let start = index.position(text, finding.span.start);
    let end = index.position(text, finding.span.end);
    let mut window_start = index.line_start(start.line, text.len());
    let window = index.line_span(text, end.line.min(start.line + 8));
    let mut window_end = window.end.max(window_start);
    // A one-line flow file puts every finding on one huge line: show the part around the
    // span, or rendering n findings costs n times the file.
    const AROUND: usize = 160;
    if window_end - window_start > 4 * AROUND && start.line == end.line {
        let floor = |mut at: usize| {
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            at
        };
        window_start = floor(finding.span.start.saturating_sub(AROUND).max(window_start));
        window_end = floor((finding.span.end + AROUND).min(window_end)).max(window_start);
    }
    let source = &text[window_start..window_end];
    let local = |offset: usize| offset.clamp(window_start, window_end) - window_start;
    let span = local(finding.span.start)..local(finding.span.end);
    let snippet = Snippet::source(source)
        .line_start(start.line)
        .path(file.display.as_str())
        .annotation(AnnotationKind::Primary.span(span));
    let mut main = level
        .primary_title(finding.message.as_str())
        .id(finding.code)
        .element(snippet);
    if !finding.path.is_empty() {
        main = main.element(Level::NOTE.message(format!("at `{}`", finding.path)));
    }
    main = main.element(Level::NOTE.message(finding.why));
    let mut groups = vec![main];
    if let Some(detail) = &finding.detail {
        groups.push(Group::with_title(
            Level::HELP.secondary_title(detail.text()),
        ));
    }
    if let Some(fix) = &finding.fix {
        let kind = if fix.is_safe() {
            "safe fix"
        } else {
            "suggested fix"
        };
        let title = format!("{kind}: {}", fix.title);
        // Show the patch when every edit lies inside the window we render.
        let fits = fix
            .edits
            .iter()
            .all(|e| e.start >= window_start && e.end <= window_end);
        let mut group = Group::with_title(Level::HELP.secondary_title(title));
        if fits && !fix.edits.is_empty() {
            let mut patched = Snippet::source(source)
                .line_start(start.line)
                .path(file.display.as_str());
            for edit in &fix.edits {
                patched = patched.patch(Patch::new(
                    local(edit.start)..local(edit.end),
                    edit.replacement.as_str(),
                ));
            }
            group = group.element(patched);
        }
        groups.push(group);
    }
    groups
}

#[derive(Serialize)]
struct JsonFile<'a> {
    path: &'a str,
    chart: Option<storage_core::Chart>,
    /// Why that chart: `by` (option, directive, keys, nothing) and the keys that say it.
    #[serde(skip_serializing_if = "Option::is_none")]
    chart_basis: Option<&'a ChartBasis>,
    /// The same in one line for people.
    #[serde(skip_serializing_if = "Option::is_none")]
    chart_said: Option<String>,
    /// Why the file could not be read (then it has no findings).
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
    findings: Vec<LocatedFinding>,
}

#[derive(Serialize)]
struct JsonOut<'a> {
    files: Vec<JsonFile<'a>>,
}

/// Byte offsets count the file's bytes: a byte-order mark (which the checker does not see)
/// comes before them.
fn in_file_bytes(file: &File, mut findings: Vec<LocatedFinding>) -> Vec<LocatedFinding> {
    let bom = if file.bom { '\u{feff}'.len_utf8() } else { 0 };
    if bom > 0 {
        for f in &mut findings {
            f.start += bom;
            f.end += bom;
            for edit in f.fix.iter_mut().flat_map(|fix| fix.edits.iter_mut()) {
                edit.start += bom;
                edit.end += bom;
            }
        }
    }
    findings
}

/// Exactly one JSON document.
pub fn json(results: &[Checked<'_>], unreadable: &[Unreadable]) -> String {
    let files = results
        .iter()
        .map(|(file, text, report)| JsonFile {
            path: file.display.as_str(),
            chart: report.chart,
            chart_basis: report.basis.as_ref(),
            chart_said: report.chart_said(),
            error: None,
            findings: in_file_bytes(file, report.located(text)),
        })
        .chain(unreadable.iter().map(|bad| JsonFile {
            path: bad.display.as_str(),
            chart: None,
            chart_basis: None,
            chart_said: None,
            error: Some(bad.message.as_str()),
            findings: Vec::new(),
        }))
        .collect();
    let mut out = serde_json::to_string_pretty(&JsonOut { files })
        .unwrap_or_else(|e| format!("{{\"error\": {:?}}}", e.to_string()));
    out.push('\n');
    out
}

/// `::error file=…,line=…,col=…,title=K001::message`, one line per finding.
pub fn github(results: &[Checked<'_>], unreadable: &[Unreadable]) -> String {
    let mut out = String::new();
    for bad in unreadable {
        out.push_str(&format!(
            "::error file={},title=unreadable::{}\n",
            escape_property(&bad.display),
            escape_data(&bad.message)
        ));
    }
    for (file, text, report) in results {
        for f in report.located(text) {
            let command = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            out.push_str(&format!(
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
                escape_property(&file.display),
                f.line,
                f.column,
                f.end_line,
                f.end_column,
                f.code,
                escape_data(&f.message)
            ));
        }
    }
    out
}

/// GitHub's escaping of a workflow command's message.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// GitHub's escaping of a workflow command's property value.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}
