//! The options that change verdicts: chart generation, topology, edition, limits.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::yaml::Limits;

/// Which chart the values are for. `Auto` reads it from the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum ChartChoice {
    /// Read it from the file.
    #[default]
    Auto,
    /// The 0.2 – 0.6 chart.
    V0,
    /// The 1.x – 2.x chart.
    V1,
}

/// The chart generation a check ran for, after `Auto` was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Chart {
    /// 0.2 – 0.6: `persistence.outputs` maps.
    V0,
    /// 1.x – 2.x: `artifactsStore` and `connections`.
    V1,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "kebab-case")]
/// Where jobs run: host paths and single-node claims only work on one node.
pub enum Topology {
    /// Not said: topology findings are info.
    #[default]
    Unknown,
    /// One node: host paths are fine.
    SingleNode,
    /// Several nodes: host paths and single-node claims are warnings.
    MultiNode,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
/// Polyaxon's edition: the community edition uses one outputs backend.
pub enum Edition {
    /// One outputs backend (E001).
    #[default]
    Community,
    /// Several outputs backends.
    Enterprise,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
/// What changes verdicts, and the limits of one check.
pub struct Options {
    /// Chart generation (auto by default).
    pub chart: ChartChoice,
    /// Where jobs run (unknown by default).
    pub topology: Topology,
    /// Polyaxon edition (community by default).
    pub edition: Edition,
    /// Bounds on input size and shape.
    #[serde(skip)]
    pub limits: Limits,
}

impl Options {
    /// The options for `text`: `base`, with what the file's first-line directive
    /// (`# storage-check: chart=v1 ...`) sets over it. Every surface (CLI, language server,
    /// page, worker, JSON API) checks under these, so one file gets one verdict.
    pub fn for_text(text: &str, base: Options) -> Options {
        crate::directive::options_for(text, base)
    }
}

/// An option value that is not one of the accepted words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownOption {
    /// What was written.
    pub given: String,
    /// The accepted words.
    pub expected: &'static str,
}

impl fmt::Display for UnknownOption {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not one of {}", self.given, self.expected)
    }
}

impl std::error::Error for UnknownOption {}

macro_rules! words {
    ($ty:ty, $expected:literal, { $($word:literal => $value:path),+ $(,)? }) => {
        impl FromStr for $ty {
            type Err = UnknownOption;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($word => Ok($value),)+
                    _ => Err(UnknownOption { given: s.to_string(), expected: $expected }),
                }
            }
        }

        impl $ty {
            /// The word the CLI and the page use for this value.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($value => $word,)+
                }
            }
        }
    };
}

words!(ChartChoice, "auto, v0, v1", { "auto" => ChartChoice::Auto, "v0" => ChartChoice::V0, "v1" => ChartChoice::V1 });
words!(Topology, "unknown, single-node, multi-node", {
    "unknown" => Topology::Unknown, "single-node" => Topology::SingleNode, "multi-node" => Topology::MultiNode
});
words!(Edition, "community, enterprise", { "community" => Edition::Community, "enterprise" => Edition::Enterprise });

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_parse_and_unknown_words_say_what_is_expected() {
        assert_eq!("multi-node".parse::<Topology>(), Ok(Topology::MultiNode));
        let err = "v2".parse::<ChartChoice>().unwrap_err();
        assert_eq!(err.to_string(), "`v2` is not one of auto, v0, v1");
        assert_eq!(Topology::SingleNode.as_str(), "single-node");
    }
}
