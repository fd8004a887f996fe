//! An open document: its text kept in sync with the editor's (incremental changes), and
//! the report for it.

use lsp_types::{TextDocumentContentChangeEvent, Uri};
use storage_core::cluster::Cluster;
use storage_core::{check_in, FixAll, Options, Report};

use super::position::Lines;
use storage_core::directive::{self, Directive};

pub struct Document {
    pub uri: Uri,
    pub text: String,
    pub lines: Lines,
    /// Whether it is a values file (by name or directive); others get no diagnostics.
    pub checked: bool,
    pub directive: Option<Directive>,
    pub report: Report,
    /// "Apply every safe fix" for this text, made once when first asked for (a client
    /// without `codeAction/resolve` asks at every code action request).
    pub fixed: std::cell::OnceCell<FixAll>,
    /// Why its `layer-of` base could not be used (it was checked alone), to tell the user.
    pub layer_problem: Option<String>,
}

impl Document {
    pub fn new(uri: Uri, text: String, base: Options, cluster: Option<&Cluster>) -> Self {
        let mut doc = Document {
            uri,
            lines: Lines::new(&text),
            text,
            checked: false,
            directive: None,
            report: Report {
                findings: Vec::new(),
                chart: None,
                basis: None,
                nodes: None,
            },
            fixed: std::cell::OnceCell::new(),
            layer_problem: None,
        };
        doc.recheck(base, cluster);
        doc
    }

    /// Applies the editor's changes in order, each to the result of the one before.
    pub fn change(&mut self, changes: Vec<TextDocumentContentChangeEvent>) {
        for change in changes {
            match change.range {
                None => self.text = change.text,
                Some(range) => {
                    let (start, end) = self.lines.offsets(&self.text, range);
                    self.text.replace_range(start..end, &change.text);
                }
            }
            self.lines = Lines::new(&self.text);
        }
    }

    /// Re-reads the directive and checks the text (if it is a values file), against the
    /// `clusterSnapshot` setting's cluster when there is one.
    pub fn recheck(&mut self, base: Options, cluster: Option<&Cluster>) {
        self.fixed = std::cell::OnceCell::new();
        self.directive = directive::parse(&self.text);
        self.checked = self.directive.is_some() || is_values_name(&self.uri);
        self.report = if self.checked {
            let options = self.directive.as_ref().map_or(base, |d| d.apply(base));
            self.check_as_layer(&options, cluster)
                .unwrap_or_else(|| check_in(&self.text, &options, cluster))
        } else {
            Report {
                findings: Vec::new(),
                chart: None,
                basis: None,
                nodes: None,
            }
        };
    }
}

impl Document {
    /// A file marked `layer-of=BASE`, checked merged over its base read from disk (only
    /// its own findings); `None` when it names none, or its base cannot be read or merged
    /// (then it is checked alone, and `layer_problem` says why).
    fn check_as_layer(&mut self, options: &Options, cluster: Option<&Cluster>) -> Option<Report> {
        self.layer_problem = None;
        self.directive.as_ref()?.layer_of.as_ref()?;
        let path = std::path::PathBuf::from(percent_decoded(self.uri.path().as_str()));
        let name = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let mut problem = None;
        let report =
            crate::layers::check_file(&path, &name, &self.text, options, cluster, &mut |w| {
                problem = Some(w)
            });
        self.layer_problem = problem;
        Some(report)
    }
}

/// A URI's path as a file path: `%20` and the like decoded (a folder with a space).
fn percent_decoded(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `values*.yaml` or `values*.yml`: Helm's `values.yaml` and its usual siblings
/// (`values-prod.yaml`, `values.staging.yml`).
pub fn is_values_name(uri: &Uri) -> bool {
    let path = uri.path().as_str();
    let name = path.rsplit('/').next().unwrap_or(path);
    name.starts_with("values") && (name.ends_with(".yaml") || name.ends_with(".yml"))
}

#[cfg(test)]
mod tests {
    use lsp_types::{Position, Range};

    use super::*;

    fn uri(s: &str) -> Uri {
        s.parse().expect("a URI")
    }

    #[test]
    fn uri_paths_are_percent_decoded() {
        assert_eq!(
            percent_decoded("/a/my%20charts/v%C3%A9.yaml"),
            "/a/my charts/vé.yaml"
        );
        assert_eq!(percent_decoded("/a/100%/x%2"), "/a/100%/x%2");
    }

    #[test]
    fn values_files_by_name() {
        assert!(is_values_name(&uri("file:///a/values.yaml")));
        assert!(is_values_name(&uri("file:///a/values-prod.yml")));
        assert!(!is_values_name(&uri("file:///a/values/chart.yaml")));
        assert!(!is_values_name(&uri("file:///a/Chart.yaml")));
    }

    #[test]
    fn incremental_changes_apply_in_order_and_bad_ranges_clamp() {
        let mut doc = Document::new(
            uri("file:///x.yaml"),
            "a: é\n".into(),
            Options::default(),
            None,
        );
        assert!(!doc.checked);
        let at = |line, character| Position::new(line, character);
        doc.change(vec![
            TextDocumentContentChangeEvent {
                range: Some(Range::new(at(0, 3), at(0, 4))),
                range_length: None,
                text: "😀".into(),
            },
            TextDocumentContentChangeEvent {
                range: Some(Range::new(at(0, 5), at(0, 5))),
                range_length: None,
                text: "!".into(),
            },
            // Reversed and far out of range: clamped, never a panic.
            TextDocumentContentChangeEvent {
                range: Some(Range::new(at(9, 9), at(0, 99))),
                range_length: None,
                text: "".into(),
            },
        ]);
        assert_eq!(doc.text, "a: 😀!");
        doc.change(vec![TextDocumentContentChangeEvent {
            range: None,
            range_length: None,
            text: "# storage-check: chart=v1\n".into(),
        }]);
        doc.recheck(Options::default(), None);
        assert!(doc.checked);
        assert_eq!(doc.report.chart, Some(storage_core::Chart::V1));
    }
}
