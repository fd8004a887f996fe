//! V — volume entries (host path and claim): kind, mount path, host path, claim name,
//! and how the volumes of all sections sit together in one pod.

use std::collections::HashMap;

use super::{Charts, Context, Family, FixKind, Rule};
use crate::edit;
use crate::finding::Severity;
use crate::fix::{Edit, Fix};
use crate::options::Chart;
use crate::source::Span;
use crate::storage::v0::{kind_fields, KIND_FIELDS};
use crate::storage::{Entry, Field, Kind, KindState, Role};
use crate::text::names;
use crate::yaml::{ScalarType, YamlPath};

/// No `hostPath`, `existingClaim` or `store`.
pub const V001: Rule = Rule {
    code: "V001",
    severity: Severity::Error,
    charts: Charts::V0,
    summary: "none of `hostPath`, `existingClaim`, `store`",
    why: "With none of them, platform pods fall back to a host path equal to `mountPath` while job pods get an emptyDir: outputs are written where nothing else reads them, and vanish with the pod.",
    fix: FixKind::None,
};

/// More than one of `hostPath`, `existingClaim`, `store`.
pub const V002: Rule = Rule {
    code: "V002",
    severity: Severity::Error,
    charts: Charts::V0,
    summary: "more than one of `hostPath`, `existingClaim`, `store`",
    why: "Polyaxon's deploy check fails: \"Only one of the option existingClaim, hostPath, and store can be used to define a persistence.\" The chart would silently pick one.",
    fix: FixKind::Suggested,
};

/// Volume entry without `mountPath`.
pub const V003: Rule = Rule {
    code: "V003",
    severity: Severity::Error,
    charts: Charts::V0,
    summary: "volume entry without `mountPath`",
    why: "The chart creates a volume only when `mountPath` is set: without it nothing is mounted, and jobs write their outputs inside the container.",
    fix: FixKind::None,
};

/// `mountPath` not absolute, `/`, with `..`, or with a trailing slash.
pub const V004: Rule = Rule {
    code: "V004",
    severity: Severity::Error,
    charts: Charts::Both,
    summary: "`mountPath` not absolute, `/`, has `..` (error) or ends with `/` (warning)",
    why: "Kubernetes requires an absolute mount path without `..`; mounting over `/` hides the container's filesystem. A trailing slash works but makes the same path look different to Polyaxon's path handling.",
    fix: FixKind::Safe,
};

/// `hostPath` not absolute.
pub const V005: Rule = Rule {
    code: "V005",
    severity: Severity::Error,
    charts: Charts::Both,
    summary: "`hostPath` not absolute, or with a `..` element",
    why: "Kubernetes rejects a hostPath volume whose path is not absolute or has a `..` element (validateHostPathVolumeSource): pods that mount it never start.",
    fix: FixKind::None,
};

/// `existingClaim` not a valid PVC name.
pub const V006: Rule = Rule {
    code: "V006",
    severity: Severity::Error,
    charts: Charts::Both,
    summary: "`existingClaim` is not a valid PVC name",
    why: "A PersistentVolumeClaim name is a DNS-1123 subdomain (lowercase letters, digits, `-` and `.`, at most 253 characters); no claim can have this name, so pods wait for it forever.",
    fix: FixKind::None,
};

/// Two volumes share a `mountPath`.
pub const V007: Rule = Rule {
    code: "V007",
    severity: Severity::Error,
    charts: Charts::Both,
    summary: "two volumes share a `mountPath` (chart defaults merged; v1+: the store, Polyaxon's context and `mountConnections`)",
    why: "Each kind of pod mounts its own volumes (the storage map, `storage-check map`): on chart 0.6.1 the api and scheduler mount every outputs entry and logs (the api also repos and upload), job pods the outputs entry they use and every data entry (an empty `data` or `outputs` still gets the chart's default volume at `/data` or `/outputs`); v1+ mounts the artifacts store beside Polyaxon's own `/plx-context/artifacts` and beside every `mountConnections` entry. Two volumes at one mount path in one pod make Kubernetes reject it; in pods that never meet, one path is fine.",
    fix: FixKind::None,
};

/// One `mountPath` inside another.
pub const V008: Rule = Rule {
    code: "V008",
    severity: Severity::Warning,
    charts: Charts::Both,
    summary: "one `mountPath` inside another",
    why: "A volume mounted inside another hides that part of the outer one, and which wins depends on mount order: files appear and disappear between pods.",
    fix: FixKind::None,
};

/// `mountPath` over a system directory.
pub const V009: Rule = Rule {
    code: "V009",
    severity: Severity::Warning,
    charts: Charts::Both,
    summary: "`mountPath` over a system directory",
    why: "Mounting a volume over /etc, /usr, /bin, /lib, /proc, /sys, /dev, /var/run or /tmp itself hides what the container image keeps there: tools, libraries or sockets disappear and pods fail in odd ways.",
    fix: FixKind::None,
};

/// A job mount over the code of a 0.x job image.
pub const V010: Rule = Rule {
    code: "V010",
    severity: Severity::Error,
    charts: Charts::V0,
    summary: "an outputs or data `mountPath` at `/code` (error) or inside it (warning): the job image's code directory",
    why: "Polyaxon 0.x builds job images with `WORKDIR /code` and copies the experiment's code there (polyaxon-dockerizer 0.1.0: `constants.WORKDIR = '/code'`, `COPY ... {{ workdir }}`; Polyaxon issue 143). A volume mounted at `/code` hides the code, so the job's command finds nothing to run; one mounted inside it hides that folder of the code.",
    fix: FixKind::None,
};

/// Longer paths are no path a kernel takes (Linux PATH_MAX): not walked for nesting,
/// which would cost the square of their length.
const PATH_MAX: usize = 4096;

/// The working directory of 0.x job images (polyaxon-dockerizer's `WORKDIR`).
const JOB_WORKDIR: &str = "/code";

const SYSTEM_DIRS: [&str; 11] = [
    "/etc", "/usr", "/bin", "/sbin", "/lib", "/lib64", "/proc", "/sys", "/dev", "/var/run", "/run",
];

pub(crate) const FAMILY: Family = Family {
    rules: &[
        &V001, &V002, &V003, &V004, &V005, &V006, &V007, &V008, &V009, &V010,
    ],
    check,
};

fn check(ctx: &mut Context<'_>) {
    for entry in &ctx.storage.entries {
        if entry.chart == Chart::V0 {
            kind_keys(ctx, entry);
        }
        paths(ctx, entry);
        if entry.chart == Chart::V0 && entry.role.is_map() {
            job_workdir(ctx, entry);
        }
    }
    shared_mount_paths(ctx);
}

/// v0: `hostPath`, `existingClaim` and `store` choose the kind; exactly one must be set.
fn kind_keys(ctx: &mut Context<'_>, entry: &Entry) {
    let doc = ctx.doc;
    match entry.kind {
        // Written-but-empty kind keys are T002's finding.
        // A misspelled kind key (`existingclaim`) is K001's: one cause, one finding.
        KindState::Unset
            if entry.role.is_map()
                && KIND_FIELDS.iter().all(|k| entry.field(*k).is_none())
                && !misspells(ctx, entry, &KIND_FIELDS) =>
        {
            ctx.report(
                &V001,
                entry.anchor(doc),
                entry.path.clone(),
                format!("entry `{}` has none of `hostPath`, `existingClaim`, `store`: job outputs go to an emptyDir and are lost", entry.name),
            );
        }
        KindState::Conflict => {
            let keys = kind_fields(doc, entry);
            let Some(&keep) = keys.first() else { return };
            let remove: Vec<Edit> = keys
                .iter()
                .skip(1)
                .filter_map(|k| entry.field(*k))
                .map(|f| edit::remove_pair(ctx.text, doc, f.pair))
                .collect();
            let names: Vec<&str> = keys.iter().map(|k| k.key(Chart::V0)).collect();
            let second = keys
                .get(1)
                .and_then(|k| entry.field(*k))
                .map(|f| f.pair.key);
            let span = second.map_or(entry.anchor(doc), |k| doc.span(k));
            let fix = Fix::suggested(
                format!(
                    "Keep `{}`, remove `{}`",
                    keep.key(Chart::V0),
                    names[1..].join("`, `")
                ),
                remove,
                vec![entry.path.clone()],
            );
            ctx.report(
                &V002,
                span,
                entry.path.clone(),
                format!("entry `{}` sets `{}`: only one of `existingClaim`, `hostPath`, `store` can be used", entry.name, names.join("` and `")),
            )
            .fix = Some(fix);
        }
        KindState::Known(Kind::HostPath | Kind::Claim)
            if entry.role.is_map()
                && entry.field(Field::MountPath).is_none()
                && !misspells(ctx, entry, &[Field::MountPath]) =>
        {
            ctx.report(
                &V003,
                entry.anchor(doc),
                entry.path.clone(),
                format!(
                    "volume entry `{}` has no `mountPath`: no volume is mounted",
                    entry.name
                ),
            );
        }
        _ => {}
    }
}

fn paths(ctx: &mut Context<'_>, entry: &Entry) {
    let doc = ctx.doc;
    let checked = [
        (Field::MountPath, PathValue::Mount),
        (Field::HostPath, PathValue::Host),
        (Field::Claim, PathValue::Claim),
    ];
    for (field_name, kind) in checked {
        let (Some(value), Some(field)) = (ctx.value(entry, field_name), entry.field(field_name))
        else {
            continue;
        };
        // A string where one belongs; anything else is T001's.
        if doc.scalar(field.pair.value).map(|s| s.scalar_type()) != Some(ScalarType::Str) {
            continue;
        }
        let span = doc.span(field.pair.value);
        let path = entry.field_path(field_name);
        check_value(ctx, kind, field_name.key(entry.chart), value, span, &path);
        // The trailing slash: a warning with its safe fix.
        let trailing = field_name == Field::MountPath
            && mount_path_problem(value).is_none()
            && value.len() > 1
            && value.ends_with('/');
        if trailing {
            let trimmed = value.trim_end_matches('/');
            let fix = Fix::safe(
                format!("Write `{trimmed}`"),
                vec![edit::replace_scalar(doc, field.pair.value, trimmed)],
                vec![path.clone()],
            );
            let finding = ctx.report(
                &V004,
                span,
                path,
                format!("`mountPath: {value}` ends with `/`"),
            );
            finding.severity = Severity::Warning;
            finding.fix = Some(fix);
        }
    }
}

/// V010: outputs and data are mounted in job pods, whose 0.x images keep the code in /code.
fn job_workdir(ctx: &mut Context<'_>, entry: &Entry) {
    let (Some(mount), Some(field)) = (
        ctx.value(entry, Field::MountPath),
        entry.field(Field::MountPath),
    ) else {
        return;
    };
    let mount = mount.trim_end_matches('/');
    let inside = mount
        .strip_prefix(JOB_WORKDIR)
        .is_some_and(|rest| rest.starts_with('/'));
    if mount != JOB_WORKDIR && !inside {
        return;
    }
    let message = if inside {
        format!("`mountPath: {mount}` is inside `{JOB_WORKDIR}`, where 0.x job images keep the experiment's code: this volume hides that folder of the code")
    } else {
        format!("`mountPath: {mount}` is where 0.x job images keep the experiment's code (`WORKDIR {JOB_WORKDIR}`): this volume hides it and jobs fail")
    };
    let finding = ctx.report(
        &V010,
        ctx.doc.span(field.pair.value),
        entry.field_path(Field::MountPath),
        message,
    );
    if inside {
        finding.severity = Severity::Warning;
    }
}

/// Whether one of the entry's unknown keys is one of `fields` spelled with another case or
/// other separators (`existingclaim`, `mount_path`): K001 reports that key, and the
/// finding it causes (V001, V003) would only say the same twice.
fn misspells(ctx: &Context<'_>, entry: &Entry, fields: &[Field]) -> bool {
    entry.others.iter().any(|p| {
        ctx.doc.key_str(p.key).is_some_and(|key| {
            fields
                .iter()
                .any(|f| crate::text::suggest::same_but_spelling(key, f.key(Chart::V0)))
        })
    })
}

/// What a checked path value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PathValue {
    /// Where the volume is mounted in pods (V004, V009).
    Mount,
    /// A directory on the node (V005).
    Host,
    /// A PersistentVolumeClaim name (V006).
    Claim,
}

/// The checks of one path or claim value: a v0 entry's `mountPath`/`hostPath`/
/// `existingClaim` or a v1+ schema's `mountPath`/`hostPath`/`volumeClaim`.
fn check_value(
    ctx: &mut Context<'_>,
    kind: PathValue,
    key: &str,
    value: &str,
    span: Span,
    path: &YamlPath,
) {
    match kind {
        PathValue::Mount => {
            if let Some(problem) = mount_path_problem(value) {
                ctx.report(&V004, span, path, format!("`{key}: {value}` {problem}"));
            }
            if let Some(dir) = system_dir(value) {
                ctx.report(
                    &V009,
                    span,
                    path,
                    format!("`{key}: {value}` mounts over the system directory `{dir}`"),
                );
            }
        }
        PathValue::Host if !value.starts_with('/') => {
            ctx.report(
                &V005,
                span,
                path,
                format!("`{key}: {value}` is not an absolute path"),
            );
        }
        PathValue::Host if value.split('/').any(|s| s == "..") => {
            ctx.report(
                &V005,
                span,
                path,
                format!("`{key}: {value}` contains `..`: Kubernetes refuses such a hostPath"),
            );
        }
        PathValue::Claim if !names::is_dns1123_subdomain(value) => {
            ctx.report(
                &V006,
                span,
                path,
                format!("`{key}: {value}` is not a valid PVC name (lowercase letters, digits, `-`, `.`; at most 253)"),
            );
        }
        PathValue::Host | PathValue::Claim => {}
    }
}

fn mount_path_problem(mount: &str) -> Option<&'static str> {
    if !mount.starts_with('/') {
        Some("is not an absolute path")
    } else if mount.trim_end_matches('/').is_empty() {
        Some("mounts over the container's root `/`")
    } else if mount.split('/').any(|s| s == "..") {
        Some("contains `..`")
    } else {
        None
    }
}

fn system_dir(mount: &str) -> Option<&'static str> {
    let mount = mount.trim_end_matches('/');
    if mount == "/tmp" {
        return Some("/tmp");
    }
    SYSTEM_DIRS
        .into_iter()
        .find(|d| mount == *d || mount.starts_with(&format!("{d}/")))
}

/// A volume as the pods see it, for V007/V008.
struct Mount {
    path: String,
    /// `persistence.logs` or the entry's path, for messages.
    owner: String,
    /// The user's `mountPath` value; `None` for a chart default.
    span: Option<Span>,
    yaml_path: YamlPath,
    /// v0 job pods mount one outputs entry, the one the job names or the first by name:
    /// two such entries are alternatives, never in one pod together.
    alternative: bool,
}

/// Where Polyaxon 2.x mounts its own artifacts context, in the same sidecar as the store
/// (`polyaxon/_contexts/paths.py`, CONTEXT_MOUNT_ARTIFACTS).
const CONTEXT_MOUNT_ARTIFACTS: &str = "/plx-context/artifacts";

/// The volumes each kind of pod mounts together, read from the storage map (the one model
/// of what the pods mount: `map.rs`), with the chart's defaults for what the user left
/// unset. Left out: a v1+ connection a run mounts only when it requests it (in the main
/// container, not beside the store in the sidecar), and a templated `mountPath`.
fn mounts_by_pod(ctx: &Context<'_>) -> Vec<Vec<Mount>> {
    use crate::map::{Note, Pod, Source};
    let doc = ctx.doc;
    let map = ctx.map;
    let pods = [
        Pod::Api,
        Pod::Scheduler,
        Pod::Jobs,
        Pod::Notebooks,
        Pod::Streams,
        Pod::Runs,
    ];
    // An entry by its path, for the span of what the user wrote.
    let entries: HashMap<&str, usize> = ctx
        .storage
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.path.as_str(), i))
        .collect();
    pods.iter()
        .map(|pod| {
            let mut mounts: Vec<Mount> = Vec::new();
            if *pod == Pod::Runs && ctx.chart == Chart::V1 {
                mounts.push(Mount {
                    path: CONTEXT_MOUNT_ARTIFACTS.to_string(),
                    owner: format!("Polyaxon's artifacts context `{CONTEXT_MOUNT_ARTIFACTS}`"),
                    span: None,
                    yaml_path: Role::ArtifactsStore.section_path(),
                    alternative: false,
                });
            }
            for row in map.rows.iter().filter(|r| r.pods.contains(pod)) {
                let (Some(path), false) = (
                    &row.mount_path,
                    matches!(row.source, Source::NotMounted | Source::Unknown),
                ) else {
                    continue;
                };
                if row.notes.contains(&Note::WhenRequested) {
                    continue;
                }
                let entry = row
                    .path
                    .as_ref()
                    .and_then(|p| entries.get(p.as_str()))
                    .and_then(|&i| ctx.storage.entries.get(i));
                let field = entry.and_then(|e| e.field(Field::MountPath));
                if field.is_some_and(|f| ctx.templated.contains(&f.pair.value)) {
                    continue;
                }
                let written = entry.is_some_and(|e| e.text(doc, Field::MountPath).is_some());
                mounts.push(Mount {
                    path: path.trim_end_matches('/').to_string(),
                    owner: match &row.path {
                        Some(p) if !row.default => p.to_string(),
                        _ => format!("{} (chart default)", row.role.section_path()),
                    },
                    span: field.filter(|_| written).map(|f| doc.span(f.pair.value)),
                    yaml_path: entry.map_or_else(
                        || row.role.section_path(),
                        |e| e.field_path(Field::MountPath),
                    ),
                    alternative: *pod == Pod::Jobs && row.role == Role::Outputs,
                });
            }
            mounts
        })
        .collect()
}

fn shared_mount_paths(ctx: &mut Context<'_>) {
    let mut reports = Vec::new();
    // One report per collision, though it is found in every pod that has both volumes.
    let mut said: HashMap<String, String> = HashMap::new();
    for mut all in mounts_by_pod(ctx) {
        // Defaults first, then the user's in file order: the later one is reported.
        crate::order::by_offsets(&mut all, |m| (m.span.map_or(0, |s| s.start + 1), 0));
        let mut first_at: HashMap<&str, usize> = HashMap::new();
        for (i, m) in all.iter().enumerate() {
            match first_at.get(m.path.as_str()) {
                Some(&j) if !(m.alternative && all[j].alternative) => {
                    if let Some(span) = m.span {
                        reports.push((&V007, span, m.yaml_path.clone(), format!(
                            "`mountPath: {}` of `{}` is also the mount path of `{}`: Kubernetes rejects a pod with two volumes at one path",
                            m.path, m.owner, all[j].owner
                        )));
                    }
                }
                Some(_) => {}
                None => {
                    first_at.insert(m.path.as_str(), i);
                }
            }
        }
        for m in all.iter().filter(|m| m.path.len() <= PATH_MAX) {
            let mut parent = m.path.as_str();
            while let Some(cut) = parent.rfind('/') {
                parent = &parent[..cut];
                if parent.is_empty() {
                    break;
                }
                let Some(&j) = first_at.get(parent) else {
                    continue;
                };
                let outer = &all[j];
                if m.alternative && outer.alternative {
                    break;
                }
                // Report on whichever of the two the user wrote (the inner one by preference).
                let Some(span) = m.span.or(outer.span) else {
                    break;
                };
                let yaml_path = if m.span.is_some() {
                    &m.yaml_path
                } else {
                    &outer.yaml_path
                };
                reports.push((
                    &V008,
                    span,
                    yaml_path.clone(),
                    format!(
                        "`{}` ({}) is inside `{}` ({}): the inner volume hides part of the outer one",
                        m.path, m.owner, outer.path, outer.owner
                    ),
                ));
                break;
            }
        }
    }
    for (rule, span, path, message) in reports {
        if said.contains_key(&message) {
            continue;
        }
        said.insert(message.clone(), String::new());
        ctx.report(rule, span, path, message);
    }
}
