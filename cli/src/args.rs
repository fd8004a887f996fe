//! Command-line arguments.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use storage_core::{ChartChoice, Edition, Options, Topology};

/// Check the storage settings (persistence.outputs, artifactsStore, ...) of a Polyaxon
/// Helm values.yaml. Exit 0: no error; 1: errors (or warnings with --strict); 2: unusable
/// input or usage.
#[derive(Debug, Parser)]
#[command(
    name = "storage-check",
    version,
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true
)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Values files to check; `-` reads standard input.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Chart generation: auto reads it from the file.
    #[arg(long, value_enum, default_value_t = ChartArg::Auto)]
    pub chart: ChartArg,

    /// Where jobs run.
    #[arg(long, value_enum, default_value_t = TopologyArg::Unknown)]
    pub topology: TopologyArg,

    /// Polyaxon edition.
    #[arg(long, value_enum, default_value_t = EditionArg::Community)]
    pub edition: EditionArg,

    /// Fail on warnings too.
    #[arg(long)]
    pub strict: bool,

    /// Apply every safe fix, writing the file in place.
    #[arg(long)]
    pub fix: bool,

    /// With --fix: print the fixed text instead of writing the file.
    #[arg(long, requires = "fix")]
    pub stdout: bool,

    /// Colour: auto (on a terminal only), always, never.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Rewrite a v0 values file (persistence.outputs/data) for the v1+ chart
    /// (artifactsStore, connections), in place; prints the new Secret commands.
    Migrate {
        /// The values file; `-` reads standard input (and implies --stdout).
        file: PathBuf,
        /// Print the migrated text instead of writing the file.
        #[arg(long)]
        stdout: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// rustc-style annotated snippets.
    Human,
    /// One JSON document on stdout.
    Json,
    /// GitHub Actions workflow commands (annotations).
    Github,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ChartArg {
    Auto,
    V0,
    V1,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TopologyArg {
    Unknown,
    SingleNode,
    MultiNode,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EditionArg {
    Community,
    Enterprise,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

impl Args {
    pub fn options(&self) -> Options {
        Options {
            chart: match self.chart {
                ChartArg::Auto => ChartChoice::Auto,
                ChartArg::V0 => ChartChoice::V0,
                ChartArg::V1 => ChartChoice::V1,
            },
            topology: match self.topology {
                TopologyArg::Unknown => Topology::Unknown,
                TopologyArg::SingleNode => Topology::SingleNode,
                TopologyArg::MultiNode => Topology::MultiNode,
            },
            edition: match self.edition {
                EditionArg::Community => Edition::Community,
                EditionArg::Enterprise => Edition::Enterprise,
            },
            ..Options::default()
        }
    }

    /// Colour only on a terminal, and never when NO_COLOR is set (no-color.org).
    pub fn color(&self) -> bool {
        match self.color {
            ColorArg::Always => true,
            ColorArg::Never => false,
            ColorArg::Auto => {
                std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal()
            }
        }
    }
}
