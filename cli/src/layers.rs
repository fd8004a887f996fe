//! `storage-check -f base.yaml -f prod.yaml --set k=v`: the layers Helm merges, checked as
//! one deployment (core's `layers`), each finding reported in the layer that set its value.

use std::path::{Path, PathBuf};

use clap::Args;
use storage_core::cluster::Cluster;
use storage_core::layers::{self, Layer, LayeredReport, SetFlag};
use storage_core::{Options, Report};

use crate::input::{self, File};

/// The layers, as `helm install` takes them.
#[derive(Debug, Clone, Default, Args)]
pub struct LayerArgs {
    /// A values file, as `helm -f`: later files win, mappings merge, lists and scalars
    /// replace, `null` deletes (a chart default too). Checked as one merged deployment.
    #[arg(short = 'f', long = "values", value_name = "FILE")]
    pub values: Vec<PathBuf>,
    /// As `helm --set`: `a.b=c,d[0]=e` (`true`, `false`, `null` and integers typed).
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// As `helm --set-string`: every value a string.
    #[arg(long = "set-string", value_name = "KEY=VALUE")]
    pub set_string: Vec<String>,
    /// As `helm --set-json`: each value a JSON document, or one JSON object.
    #[arg(long = "set-json", value_name = "KEY=JSON")]
    pub set_json: Vec<String>,
    /// As `helm --set-file`: each value the text of the file named.
    #[arg(long = "set-file", value_name = "KEY=PATH")]
    pub set_file: Vec<String>,
}

impl LayerArgs {
    /// Whether any layer was given (the layered mode).
    pub fn given(&self) -> bool {
        !(self.values.is_empty()
            && self.set.is_empty()
            && self.set_string.is_empty()
            && self.set_json.is_empty()
            && self.set_file.is_empty())
    }

    /// The files read and every layer, files first, as `File`s for the renderers (a `--set`
    /// argument is shown as its own one-line text).
    pub fn read(&self) -> Result<(Vec<File>, Vec<Layer>), String> {
        let mut files = Vec::new();
        let mut layers = Vec::new();
        for path in &self.values {
            let file = input::read(path)?;
            layers.push(Layer::file(file.display.clone(), file.text.clone()));
            files.push(file);
        }
        for (flag, exprs) in [
            (SetFlag::SetJson, &self.set_json),
            (SetFlag::Set, &self.set),
            (SetFlag::SetString, &self.set_string),
            (SetFlag::SetFile, &self.set_file),
        ] {
            for expr in exprs {
                let layer = Layer::set(flag, expr.clone());
                files.push(File {
                    path: PathBuf::from(&layer.name),
                    display: layer.name.clone(),
                    text: expr.clone(),
                    bom: false,
                });
                layers.push(layer);
            }
        }
        Ok((files, layers))
    }
}

/// Options from the command line, then each file's first-line directive in Helm's order.
pub fn options(layers: &[Layer], base: Options) -> Options {
    layers
        .iter()
        .filter(|l| l.set.is_none())
        .fold(base, |options, l| Options::for_text(&l.text, options))
}

/// `--set-file`'s reader.
fn read_file(path: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{path}: cannot read: {e}"))
}

/// The merged check, or why Helm would refuse the layers (exit 2 for the caller).
pub fn check(
    layers: &[Layer],
    options: &Options,
    cluster: Option<&Cluster>,
) -> Result<LayeredReport, String> {
    layers::check_layers(layers, options, cluster, Some(&read_file)).map_err(|e| e.message)
}

/// One report per layer (every layer is listed, so a clean layer says so too).
pub fn per_layer(report: &LayeredReport, count: usize) -> Vec<Report> {
    (0..count).map(|layer| report.of_layer(layer)).collect()
}

/// `storage-check values -f ... --set ...`: the merged values, before the chart's defaults
/// (nulls kept), as Helm's `MergeValues` hands them on.
pub fn merged_values(args: &LayerArgs) -> Result<serde_json::Value, String> {
    let (_, layers) = args.read()?;
    let merged =
        layers::merge(&layers, &Options::default(), Some(&read_file)).map_err(|e| e.message)?;
    Ok(crate::values::of_text(&merged.text))
}

/// How many `layer-of` steps are followed below a file (a longer chain is surely a loop).
const MAX_CHAIN: usize = 8;

/// For a file whose directive says `layer-of=BASE`: the layers below it (its base, the
/// base's own base, ...) then the file, base first; `None` for a file that says nothing.
/// A base that cannot be read is an error naming it (the caller checks the file alone).
pub fn chain(path: &Path, name: &str, text: &str) -> Result<Option<Vec<Layer>>, String> {
    let Some(mut below) = storage_core::directive::parse(text).and_then(|d| d.layer_of) else {
        return Ok(None);
    };
    let mut layers = vec![Layer::file(name, text)];
    let mut dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    loop {
        if layers.len() > MAX_CHAIN {
            return Err(format!(
                "layer-of: more than {MAX_CHAIN} layers deep (a loop?)"
            ));
        }
        let base_path = dir.join(&below);
        let base = input::read(&base_path).map_err(|e| format!("layer-of: {e}"))?;
        let next = storage_core::directive::parse(&base.text).and_then(|d| d.layer_of);
        layers.insert(0, Layer::file(base.display, base.text));
        match next {
            Some(n) => {
                dir = base_path
                    .parent()
                    .map(Path::to_path_buf)
                    .unwrap_or_default();
                below = n;
            }
            None => return Ok(Some(layers)),
        }
    }
}

/// The check of one file: merged over its `layer-of` base when it names one (only its own
/// findings), alone otherwise or when the base cannot be used (said on `warn`).
pub fn check_file(
    path: &Path,
    name: &str,
    text: &str,
    options: &Options,
    cluster: Option<&Cluster>,
    warn: &mut dyn FnMut(String),
) -> Report {
    match chain(path, name, text) {
        Ok(Some(layers)) => match layers::check_as_layer(&layers, options, cluster) {
            Ok(report) => return report,
            Err(e) => warn(format!("{}; checked on its own", e.message)),
        },
        Ok(None) => {}
        Err(e) => warn(format!("{e}; checked on its own")),
    }
    storage_core::check_in(text, options, cluster)
}
