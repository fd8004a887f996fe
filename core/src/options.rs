//! The options that change verdicts: chart generation, topology, edition, limits.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::yaml::Limits;

/// Which chart the values are for. `Auto` reads it from the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChartChoice {
    #[default]
    Auto,
    V0,
    V1,
}

/// The chart generation a check ran for, after `Auto` was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Chart {
    /// 0.2 – 0.6: `persistence.outputs` maps.
    V0,
    /// 1.x – 2.x: `artifactsStore` and `connections`.
    V1,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Topology {
    #[default]
    Unknown,
    SingleNode,
    MultiNode,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Edition {
    #[default]
    Community,
    Enterprise,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Options {
    pub chart: ChartChoice,
    pub topology: Topology,
    pub edition: Edition,
    #[serde(skip)]
    pub limits: Limits,
}

/// An option value that is not one of the accepted words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownOption {
    pub given: String,
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
