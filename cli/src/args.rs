//! Command-line arguments.

use std::io::IsTerminal;
use std::path::PathBuf;

use std::str::FromStr;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Parser, Subcommand, ValueEnum};
use storage_core::options::UnknownOption;
use storage_core::{ChartChoice, Edition, Options, Topology};

use crate::layers::LayerArgs;

/// The flags that make a layered check (`-f`, `--set` and its kin).
const LAYER_FLAGS: [&str; 5] = ["values", "set", "set_string", "set_json", "set_file"];

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

    /// Values files to check, each on its own; `-` reads standard input.
    #[arg(
        value_name = "FILE",
        required_unless_present_any = LAYER_FLAGS,
        conflicts_with_all = LAYER_FLAGS
    )]
    pub files: Vec<PathBuf>,

    #[command(flatten)]
    pub layers: LayerArgs,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Chart generation: auto reads it from the file.
    #[arg(long, default_value = "auto", value_parser = words(&[ChartChoice::Auto, ChartChoice::V0, ChartChoice::V1], ChartChoice::as_str))]
    pub chart: ChartChoice,

    /// Where jobs run.
    #[arg(long, default_value = "unknown", value_parser = words(&[Topology::Unknown, Topology::SingleNode, Topology::MultiNode], Topology::as_str))]
    pub topology: Topology,

    /// Polyaxon edition.
    #[arg(long, default_value = "community", value_parser = words(&[Edition::Community, Edition::Enterprise], Edition::as_str))]
    pub edition: Edition,

    /// A kubectl snapshot of the cluster the values land on (JSON or YAML): claims and
    /// Secrets are checked against it (N001-N008), its nodes decide the topology.
    #[arg(long, value_name = "SNAPSHOT", long_help = cluster_help())]
    pub cluster: Option<PathBuf>,

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
    /// (artifactsStore, connections), in place; prints the new Secret commands. Refuses
    /// (exit 1, nothing written) while the entries it would carry have errors, or while the
    /// v1+ deployment would not do what the v0 one did (a loss).
    Migrate {
        /// The values file; `-` reads standard input (and implies --stdout).
        file: PathBuf,
        /// Print the migrated text instead of writing the file.
        #[arg(long)]
        stdout: bool,
        /// Migrate even with errors in the entries carried over or losses, printing each
        /// on stderr.
        #[arg(long)]
        accept_losses: bool,
    },
    /// Show what each kind of pod mounts from each storage entry and chart default: the
    /// source (host path, claim, bucket, emptyDir), the mount path, read-only or not.
    Map {
        /// The values file; `-` reads standard input.
        #[arg(required_unless_present_any = LAYER_FLAGS, conflicts_with_all = LAYER_FLAGS)]
        file: Option<PathBuf>,
        /// Or layers: the map of the deployment Helm's merging of them makes.
        #[command(flatten)]
        layers: LayerArgs,
        /// Output format.
        #[arg(long, value_enum, default_value_t = MapFormat::Human)]
        format: MapFormat,
        /// Chart generation: auto reads it from the file.
        #[arg(long, default_value = "auto", value_parser = words(&[ChartChoice::Auto, ChartChoice::V0, ChartChoice::V1], ChartChoice::as_str))]
        chart: ChartChoice,
        /// Where pods run (single-node leaves out the node-local and ReadWriteMany notes).
        #[arg(long, default_value = "unknown", value_parser = words(&[Topology::Unknown, Topology::SingleNode, Topology::MultiNode], Topology::as_str))]
        topology: Topology,
        /// A kubectl snapshot of the cluster: each row says what the cluster has of its
        /// claim or Secret.
        #[arg(long, value_name = "SNAPSHOT", long_help = cluster_help())]
        cluster: Option<PathBuf>,
    },
    /// Explain one rule: when it fires, why it matters, an example and its fix.
    Rule {
        /// The rule's code, e.g. K001 (case-insensitive).
        code: String,
    },
    /// List every rule with its severity and fix; `--format markdown` writes the whole
    /// reference (docs/rules.md), examples included.
    Rules {
        /// Output format.
        #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
        format: RulesFormat,
    },
    /// Print the values of each file as the checker reads them (Helm's YAML 1.1 types, the
    /// last of a repeated key, aliases and `<<` merges expanded): one JSON object by path,
    /// `{"error": ...}` for a file it refuses. The conformance suite holds this against
    /// Helm's own reading.
    Values {
        /// The values files; `-` reads standard input.
        #[arg(required_unless_present_any = LAYER_FLAGS, conflicts_with_all = LAYER_FLAGS)]
        files: Vec<PathBuf>,
        /// Or layers: the values Helm's merging of them hands to the chart (nulls kept).
        #[command(flatten)]
        layers: LayerArgs,
    },
    /// Run the language server over stdio (diagnostics, quick fixes and hovers in editors).
    #[command(alias = "lsp")]
    Server,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MapFormat {
    /// An aligned table, with the notes under each row.
    Human,
    /// The map as one JSON document.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    /// One line per rule: code, severity, fix, summary.
    Text,
    /// The whole reference as Markdown, one section per family (docs/rules.md).
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// rustc-style annotated snippets.
    Human,
    /// One JSON document on stdout.
    Json,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
}

/// An option word parsed by core's `FromStr` (one source of truth for the words), with
/// clap still listing the accepted values in `--help` and in errors.
fn words<T>(values: &'static [T], word: fn(T) -> &'static str) -> impl TypedValueParser<Value = T>
where
    T: FromStr<Err = UnknownOption> + Copy + Send + Sync + 'static,
{
    PossibleValuesParser::new(values.iter().map(|v| word(*v))).try_map(|s| s.parse::<T>())
}

/// `--cluster`'s long help: the commands that take the snapshot, from core (the page shows
/// the first too).
fn cluster_help() -> String {
    format!(
        "A snapshot of the cluster the values land on (JSON or YAML), as\n\n  {}\n\n\
         prints it: claims and Secrets are checked against it (rules N001-N008), and its \
         nodes decide the topology. Only Secret key names are read, never values, and no \
         cluster is contacted. The same with the Secrets' values dropped before they leave \
         the cluster:\n\n  {}",
        storage_core::cluster::COMMAND,
        storage_core::cluster::COMMAND_WITHOUT_VALUES
    )
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
            chart: self.chart,
            topology: self.topology,
            edition: self.edition,
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
