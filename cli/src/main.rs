//! `storage-check`: the storage-core checks on the command line, for people and for CI.

mod args;
mod cluster;
mod explain;
mod input;
mod layers;
mod lsp;
mod map;
mod render;
mod sarif;
mod values;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use args::{Args, Command, Format, MapFormat, RulesFormat};
use storage_core::directive;
use storage_core::{check, fix_all, Severity};

/// mimalloc, not glibc's allocator: the check makes about 100,000 small allocations (most of
/// them the parser's scalars). On the 10,000-line file: 1,880 page faults down to 140, and
/// 15.7 ms of CPU down to 12.3 ms (BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exit codes: the contract CI scripts rely on.
const CLEAN: u8 = 0;
const FAILED: u8 = 1;
const UNUSABLE: u8 = 2;

fn main() -> ExitCode {
    // clap exits with 2 on usage errors by itself, as documented.
    let args = Args::parse();
    match run(&args) {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            eprintln!("storage-check: {message}");
            ExitCode::from(UNUSABLE)
        }
    }
}

fn run(args: &Args) -> Result<u8, String> {
    match &args.command {
        Some(Command::Migrate {
            file,
            stdout,
            accept_losses,
        }) => return migrate(file, *stdout, *accept_losses),
        Some(Command::Map {
            file,
            layers,
            format,
            chart,
            topology,
            cluster,
        }) => {
            let options = storage_core::Options {
                chart: *chart,
                topology: *topology,
                ..storage_core::Options::default()
            };
            let cluster = cluster.as_deref().map(cluster::load).transpose()?;
            return match file {
                Some(file) => storage_map(file, *format, options, cluster.as_ref()),
                None => layered_map(layers, *format, options, cluster.as_ref()),
            };
        }
        Some(Command::Rule { code }) => return print(&explain::rule(code)?),
        Some(Command::Rules { format }) => {
            return print(&match format {
                RulesFormat::Text => explain::list(),
                RulesFormat::Markdown => explain::markdown(),
            })
        }
        Some(Command::Values { files, layers }) if layers.given() => {
            let json = serde_json::to_string_pretty(&layers::merged_values(layers)?)
                .map_err(|e| e.to_string())?;
            return print(&format!("{json}\n"));
        }
        Some(Command::Values { files, .. }) => return print_values(files),
        Some(Command::Server) => {
            // The protocol's exit codes: 0 after shutdown, 1 otherwise.
            return Ok(match lsp::serve() {
                Ok(()) => CLEAN,
                Err(message) => {
                    eprintln!("storage-check: {message}");
                    FAILED
                }
            });
        }
        None => {}
    }
    let cluster = args.cluster.as_deref().map(cluster::load).transpose()?;
    if args.layers.given() {
        return check_layers(args, cluster.as_ref());
    }
    // An unreadable file is reported beside the others, not instead of them.
    let mut files = Vec::new();
    let mut unreadable = Vec::new();
    for path in &args.files {
        match input::read(path) {
            Ok(file) => files.push(file),
            Err(bad) => {
                eprintln!("storage-check: {bad}");
                unreadable.push(bad);
            }
        }
    }
    let exit = |failed: bool| match (unreadable.is_empty(), failed) {
        (false, _) => UNUSABLE,
        (true, true) => FAILED,
        (true, false) => CLEAN,
    };
    let mut failed = false;
    let mut results = Vec::new();
    let mut stdout = std::io::stdout().lock();
    for file in &files {
        let options = file_options(file, args.options());
        // With --fix: how many fixes applied, and the findings before them.
        let mut applied: Option<(usize, storage_core::Report)> = None;
        let text = if args.fix {
            let fixed = fix_all(&file.text, &options);
            if fixed.applied > 0 {
                applied = Some((fixed.applied, check(&file.text, &options)));
            }
            for skipped in &fixed.skipped {
                eprintln!(
                    "{}: not applied: {}: {}",
                    file.display, skipped.title, skipped.reason
                );
            }
            // A byte-order mark is the user's: it stays, on stdout as in place.
            let bom = if file.bom { "\u{feff}" } else { "" };
            if args.stdout || file.is_stdin() {
                stdout
                    .write_all(format!("{bom}{}", fixed.text).as_bytes())
                    .map_err(|e| format!("cannot write to stdout: {e}"))?;
            } else if fixed.text != file.text {
                std::fs::write(&file.path, format!("{bom}{}", fixed.text))
                    .map_err(|e| format!("{}: cannot write the fixed file: {e}", file.display))?;
            }
            fixed.text
        } else {
            file.text.clone()
        };
        let report = layers::check_file(
            &file.path,
            &file.display,
            &text,
            &options,
            cluster.as_ref(),
            &mut |warning| eprintln!("{}:1: {warning}", file.display),
        );
        if let Some((count, before)) = &applied {
            // On stderr: with --stdout, stdout is the fixed text.
            let outcome = storage_core::FixOutcome::between(
                before.findings.iter().map(|f| (f.code, f.path.as_str())),
                report.findings.iter().map(|f| (f.code, f.path.as_str())),
            );
            let s = if *count == 1 { "" } else { "es" };
            eprintln!(
                "{}: applied {count} fix{s}: {}",
                file.display,
                outcome.summary()
            );
        }
        failed |= report.has_errors() || (args.strict && report.count(Severity::Warning) > 0);
        results.push((file, text, report));
    }
    if args.fix && (args.stdout || files.iter().any(input::File::is_stdin)) {
        // stdout holds the fixed text; findings would corrupt it.
        return Ok(exit(failed));
    }
    let out = rendered(args, &results, &unreadable);
    stdout
        .write_all(out.as_bytes())
        .map_err(|e| format!("cannot write to stdout: {e}"))?;
    Ok(exit(failed))
}

/// `-f base -f prod --set ...`: the merged values checked, each finding shown in the layer
/// that set its value; with --fix, each layer's safe fixes written to that layer.
fn check_layers(
    args: &Args,
    cluster: Option<&storage_core::cluster::Cluster>,
) -> Result<u8, String> {
    if args.fix && args.stdout {
        // Several files cannot be printed as one text: each layer is fixed in place.
        return Err("--stdout with -f: each layer's fixes are written to its own file; run without --stdout".into());
    }
    let (mut files, mut layer_list) = args.layers.read()?;
    let options = layers::options(&layer_list, args.options());
    let mut report = layers::check(&layer_list, &options, cluster)?;
    if args.fix {
        let mut applied = 0;
        let per = layers::per_layer(&report, files.len());
        for (i, (file, layer_report)) in files.iter_mut().zip(&per).enumerate() {
            let safe = layer_report.safe_fixes();
            if safe.is_empty() || layer_list[i].set.is_some() {
                continue;
            }
            if file.is_stdin() {
                eprintln!("{}: not fixed: read from standard input", file.display);
                continue;
            }
            match storage_core::apply(&file.text, &safe) {
                Ok(done) => {
                    applied += safe.len();
                    let bom = if file.bom { "\u{feff}" } else { "" };
                    std::fs::write(&file.path, format!("{bom}{}", done.text)).map_err(|e| {
                        format!("{}: cannot write the fixed file: {e}", file.display)
                    })?;
                    eprintln!("{}: applied {} fix(es)", file.display, safe.len());
                    file.text = done.text;
                    layer_list[i].text = file.text.clone();
                }
                Err(e) => eprintln!("{}: not applied: {e}", file.display),
            }
        }
        if applied > 0 {
            report = layers::check(&layer_list, &options, cluster)?;
        }
    }
    let per = layers::per_layer(&report, files.len());
    let failed =
        report.report.has_errors() || (args.strict && report.report.count(Severity::Warning) > 0);
    let results: Vec<render::Checked<'_>> = files
        .iter()
        .zip(per)
        .map(|(file, report)| (file, file.text.clone(), report))
        .collect();
    let out = rendered(args, &results, &[]);
    std::io::stdout()
        .write_all(out.as_bytes())
        .map_err(|e| format!("cannot write to stdout: {e}"))?;
    Ok(if failed { FAILED } else { CLEAN })
}

/// The results in the format asked for.
fn rendered(
    args: &Args,
    results: &[render::Checked<'_>],
    unreadable: &[input::Unreadable],
) -> String {
    match args.format {
        Format::Human => render::human(results, unreadable, args.color()),
        Format::Json => render::json(results, unreadable),
        Format::Github => render::github(results, unreadable),
        Format::Sarif => sarif::sarif(results, unreadable),
    }
}

/// `base`, overridden by the file's first-line directive (core's `Options::for_text`, as
/// on every surface); the directive's words that were not understood go to stderr.
fn file_options(file: &input::File, base: storage_core::Options) -> storage_core::Options {
    for problem in directive::parse(&file.text)
        .iter()
        .flat_map(|d| &d.problems)
    {
        eprintln!("{}:1: {}", file.display, problem.message);
    }
    storage_core::Options::for_text(&file.text, base)
}

/// `storage-check map FILE`: what each kind of pod mounts. A file that is not YAML is
/// unusable input here (exit 2): there is nothing to map.
fn storage_map(
    path: &std::path::Path,
    format: MapFormat,
    options: storage_core::Options,
    cluster: Option<&storage_core::cluster::Cluster>,
) -> Result<u8, String> {
    let file = input::read(path)?;
    let options = file_options(&file, options);
    let doc = storage_core::yaml::load(&file.text, &options.limits)
        .map_err(|e| format!("{}: cannot map: {e}", file.display))?;
    let (chart, basis) = storage_core::chart::decide(&file.text, &doc, options.chart);
    // The map of the same check the findings come from: a snapshot's nodes decide the
    // topology of its notes, and each row gets the cluster's facts.
    let map = storage_core::analyze_in(&file.text, &options, cluster).map;
    print(&match format {
        MapFormat::Human => map::human(&file.display, &map, &basis.describe(chart)),
        MapFormat::Json => map::json(&map, &basis)?,
    })
}

/// `storage-check map -f ... --set ...`: what the merged deployment makes each kind of pod
/// mount (the map of the layered check, so the same chart, defaults and cluster facts).
fn layered_map(
    args: &layers::LayerArgs,
    format: MapFormat,
    options: storage_core::Options,
    cluster: Option<&storage_core::cluster::Cluster>,
) -> Result<u8, String> {
    let (files, layers) = args.read()?;
    let options = layers::options(&layers, options);
    let layered = layers::check(&layers, &options, cluster)?;
    let display: Vec<&str> = files.iter().map(|f| f.display.as_str()).collect();
    let (Some(chart), Some(basis)) = (layered.report.chart, layered.report.basis.as_ref()) else {
        return Err(format!(
            "{}: cannot map: the merged values could not be read",
            display.join(" + ")
        ));
    };
    print(&match format {
        MapFormat::Human => map::human(&display.join(" + "), &layered.map, &basis.describe(chart)),
        MapFormat::Json => map::json(&layered.map, basis)?,
    })
}

/// `storage-check values FILE...`: see [`values`].
fn print_values(paths: &[std::path::PathBuf]) -> Result<u8, String> {
    let mut out = serde_json::Map::new();
    for path in paths {
        let file = input::read(path)?;
        out.insert(file.display.to_string(), values::of_text(&file.text));
    }
    let json = serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?;
    print(&format!("{json}\n"))
}

fn print(text: &str) -> Result<u8, String> {
    std::io::stdout()
        .write_all(text.as_bytes())
        .map_err(|e| format!("cannot write to stdout: {e}"))?;
    Ok(CLEAN)
}

/// `storage-check migrate FILE`: the A008 migration, written out. What it cannot carry
/// (errors under the entries it migrates, losses) stops it unless `accept_losses`; a
/// migration it refuses is exit 1 with the reason, nothing written.
fn migrate(path: &std::path::Path, to_stdout: bool, accept_losses: bool) -> Result<u8, String> {
    let file = input::read(path)?;
    let doc = storage_core::yaml::load(&file.text, &Default::default())
        .map_err(|e| format!("{}: cannot migrate: {e}", file.display))?;
    // Nothing written, and not a success: `migrate f --stdout > f.new && mv f.new f`
    // must not empty the file.
    let plan = match storage_core::migrate::plan_or_reason(&file.text, &doc) {
        Ok(plan) => plan,
        Err(why) => {
            eprintln!("{}: nothing migrated: {why}", file.display);
            return Ok(FAILED);
        }
    };
    // The v0 file's errors in what the migration carries: the chart and Polyaxon 0.6.1
    // did not do what those entries say, so the v1+ file would not either.
    let v0 = storage_core::Options {
        chart: storage_core::ChartChoice::V0,
        ..storage_core::Options::default()
    };
    let losses: Vec<String> = check(&file.text, &v0)
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .filter(|f| storage_core::migrate::carries(&plan.carried, f.path.as_str()))
        .map(|f| format!("error {} at `{}`: {}", f.code, f.path, f.message))
        .chain(plan.losses.iter().cloned())
        .collect();
    let say_losses = |accepted: bool| {
        let word = if accepted { "loss (accepted)" } else { "loss" };
        for loss in &losses {
            eprintln!("{}: {word}: {loss}", file.display);
        }
    };
    if !losses.is_empty() && !accept_losses {
        say_losses(false);
        let s = if losses.len() == 1 { "" } else { "es" };
        eprintln!(
            "{}: nothing migrated: {} loss{s} above; fix the v0 file, or pass --accept-losses to migrate without them",
            file.display,
            losses.len()
        );
        return Ok(FAILED);
    }
    let Some(fix) = &plan.fix else {
        println!("{}", plan.block);
        return Err(format!(
            "{}: `persistence` is not in block style; paste the block above in its place",
            file.display
        ));
    };
    let migrated = match storage_core::apply(&file.text, &[fix]) {
        Ok(applied) => applied.text,
        Err(e) => {
            eprintln!("{}: nothing migrated: {e}", file.display);
            return Ok(FAILED);
        }
    };
    if to_stdout || file.is_stdin() {
        std::io::stdout()
            .write_all(migrated.as_bytes())
            .map_err(|e| format!("cannot write to stdout: {e}"))?;
    } else {
        let bom = if file.bom { "\u{feff}" } else { "" };
        std::fs::write(&file.path, format!("{bom}{migrated}"))
            .map_err(|e| format!("{}: cannot write: {e}", file.display))?;
        eprintln!("{}: migrated to artifactsStore/connections", file.display);
    }
    say_losses(true);
    for note in plan
        .dropped
        .iter()
        .map(|d| format!("dropped: {d}"))
        .chain(plan.notes.iter().map(|n| format!("note: {n}")))
    {
        eprintln!("{}: {note}", file.display);
    }
    if !plan.secret_commands.is_empty() {
        eprintln!("create the Secrets in their v1+ form:");
        for c in &plan.secret_commands {
            eprintln!("  {c}");
        }
    }
    Ok(CLEAN)
}
