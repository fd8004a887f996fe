//! The first-line directive: `# storage-check: chart=v1 topology=multi-node edition=enterprise`.
//!
//! It marks a file as a values file for the language server (whatever its name) and sets
//! the options for that file, over the command line's or the editor's: the file knows
//! best which chart it is for.

use std::ops::Range;

use crate::options::{ChartChoice, Edition, Options, Topology};

const MARKER: &str = "storage-check:";

/// What a directive line says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Directive {
    pub chart: Option<ChartChoice>,
    pub topology: Option<Topology>,
    pub edition: Option<Edition>,
    /// `layer-of=values.yaml`: this file is a layer over that one (a path from this file's
    /// folder), checked merged over it as `helm -f values.yaml -f this` would merge them.
    pub layer_of: Option<String>,
    /// Words that were not understood (and are ignored), with their byte ranges.
    pub problems: Vec<Problem>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub span: Range<usize>,
    pub message: String,
}

/// The directive on the first line of `text`, if there is one.
pub fn parse(text: &str) -> Option<Directive> {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let line_end = text.find(['\n', '\r']).unwrap_or(text.len());
    let line = text.get(bom..line_end)?;
    let after_hash = line.trim_start().strip_prefix('#')?;
    let rest = after_hash.trim_start().strip_prefix(MARKER)?;
    let mut offset = bom + line.len() - rest.len();
    let mut directive = Directive::default();
    for word in rest.split_inclusive([' ', '\t', ',']) {
        let start = offset;
        offset += word.len();
        let word = word.trim_end_matches([' ', '\t', ',']);
        if word.is_empty() {
            continue;
        }
        let span = start..start + word.len();
        if let Err(message) = directive.set(word) {
            directive.problems.push(Problem { span, message });
        }
    }
    Some(directive)
}

impl Directive {
    fn set(&mut self, word: &str) -> Result<(), String> {
        let Some((key, value)) = word.split_once('=') else {
            return Err(format!(
                "`{word}` is not `key=value` (chart, topology, edition or layer-of); ignored"
            ));
        };
        let bad = |e: crate::options::UnknownOption| format!("{key}: {e}; ignored");
        match key {
            "chart" => self.chart = Some(value.parse().map_err(bad)?),
            "topology" => self.topology = Some(value.parse().map_err(bad)?),
            "edition" => self.edition = Some(value.parse().map_err(bad)?),
            "layer-of" if !value.is_empty() => self.layer_of = Some(value.to_string()),
            "layer-of" => return Err("layer-of: names no file; ignored".to_string()),
            _ => {
                return Err(format!(
                    "unknown option `{key}` (chart, topology, edition or layer-of); ignored"
                ))
            }
        }
        Ok(())
    }

    /// `base` with what the directive sets.
    pub fn apply(&self, base: Options) -> Options {
        Options {
            chart: self.chart.unwrap_or(base.chart),
            topology: self.topology.unwrap_or(base.topology),
            edition: self.edition.unwrap_or(base.edition),
            ..base
        }
    }
}

/// The options for `text`: `base`, overridden by its directive if it has one.
pub fn options_for(text: &str, base: Options) -> Options {
    parse(text).map_or(base, |d| d.apply(base))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_directive_sets_options_over_the_base() {
        let text = "# storage-check: chart=v1 topology=multi-node\npersistence: {}\n";
        let options = options_for(text, Options::default());
        assert_eq!(options.chart, ChartChoice::V1);
        assert_eq!(options.topology, Topology::MultiNode);
        assert_eq!(options.edition, Edition::Community);
    }

    #[test]
    fn only_the_first_line_counts() {
        assert_eq!(parse("a: 1\n# storage-check: chart=v1\n"), None);
        assert_eq!(parse("#storage-check:"), Some(Directive::default()));
        assert!(parse("\u{feff}  # storage-check: edition=enterprise\r\n").is_some());
    }

    #[test]
    fn unknown_words_are_reported_with_their_span() {
        let text = "# storage-check: chart=v2, colour=red topology=multi-node";
        let d = parse(text).expect("a directive");
        assert_eq!(d.topology, Some(Topology::MultiNode));
        assert_eq!(d.chart, None);
        let spans: Vec<&str> = d.problems.iter().map(|p| &text[p.span.clone()]).collect();
        assert_eq!(spans, ["chart=v2", "colour=red"]);
        assert!(d.problems[0]
            .message
            .contains("`v2` is not one of auto, v0, v1"));
    }

    #[test]
    fn layer_of_names_a_base_file() {
        let d = parse("# storage-check: layer-of=../values.yaml chart=v1").expect("a directive");
        assert_eq!(d.layer_of.as_deref(), Some("../values.yaml"));
        assert_eq!(d.chart, Some(ChartChoice::V1));
        let d = parse("# storage-check: layer-of=").expect("a directive");
        assert_eq!((d.layer_of, d.problems.len()), (None, 1));
    }
}
