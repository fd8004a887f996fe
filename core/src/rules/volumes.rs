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
    summary: "`hostPath` not absolute",
    why: "Kubernetes rejects a hostPath volume whose path is not absolute: pods that mount it never start.",
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
    charts: Charts::V0,
    summary: "two volumes share a `mountPath` (chart defaults merged)",
    why: "Pods mount outputs, data, logs, repos and upload together; two volumes at one mount path make Kubernetes reject the pod. logs, repos and upload keep the chart's default mount paths unless you set them.",
    fix: FixKind::None,
};

/// One `mountPath` inside another.
pub const V008: Rule = Rule {
    code: "V008",
    severity: Severity::Warning,
    charts: Charts::V0,
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

const SYSTEM_DIRS: [&str; 11] = [
    "/etc", "/usr", "/bin", "/sbin", "/lib", "/lib64", "/proc", "/sys", "/dev", "/var/run", "/run",
];

pub(crate) const FAMILY: Family = Family {
    rules: &[
        &V001, &V002, &V003, &V004, &V005, &V006, &V007, &V008, &V009,
    ],
    check,
};

fn check(ctx: &mut Context<'_>) {
    for entry in &ctx.storage.entries {
        if entry.chart == Chart::V0 {
            kind_keys(ctx, entry);
        }
        paths(ctx, entry);
    }
    if ctx.chart == Chart::V0 {
        shared_mount_paths(ctx);
    }
}

/// v0: `hostPath`, `existingClaim` and `store` choose the kind; exactly one must be set.
fn kind_keys(ctx: &mut Context<'_>, entry: &Entry) {
    let doc = ctx.doc;
    match entry.kind {
        // Written-but-empty kind keys are T002's finding.
        KindState::Unset
            if entry.role.is_map() && KIND_FIELDS.iter().all(|k| entry.field(*k).is_none()) =>
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
            if entry.role.is_map() && entry.field(Field::MountPath).is_none() =>
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
}

/// Every volume the pods mount, with the chart's defaults for what the user left unset.
fn mounts(ctx: &Context<'_>) -> Vec<Mount> {
    let doc = ctx.doc;
    let model = ctx.storage;
    let mut out = Vec::new();
    for section in Role::V0_SECTIONS {
        let entries: Vec<&Entry> = model.entries_of(section).collect();
        if entries.is_empty() {
            let default = section.empty_default().map(|(mount, _)| mount);
            // A section written in a shape we could not read is reported by the S rules.
            if model.section_pair(section).is_none() || section == Role::Outputs {
                if let Some(path) = default {
                    out.push(Mount {
                        path: path.to_string(),
                        owner: format!("{} (chart default)", section.section_path()),
                        span: None,
                        yaml_path: section.section_path(),
                    });
                }
            }
            continue;
        }
        for entry in entries {
            if !entry.is_volume() {
                continue;
            }
            let field = entry.field(Field::MountPath);
            if field.is_some_and(|f| ctx.templated.contains(&f.pair.value)) {
                continue;
            }
            let Some(path) = entry.effective_mount_path(doc) else {
                continue;
            };
            let user = entry.text(doc, Field::MountPath).is_some();
            out.push(Mount {
                path: path.trim_end_matches('/').to_string(),
                owner: entry.path.to_string(),
                span: if user {
                    field.map(|f| doc.span(f.pair.value))
                } else {
                    None
                },
                yaml_path: entry.child_path("mountPath"),
            });
        }
    }
    out
}

fn shared_mount_paths(ctx: &mut Context<'_>) {
    let mut all = mounts(ctx);
    // Defaults first, then the user's in file order: the later one is reported.
    all.sort_by_key(|m| m.span.map_or(0, |s| s.start + 1));
    let mut first_at: HashMap<&str, usize> = HashMap::new();
    let mut reports = Vec::new();
    for (i, m) in all.iter().enumerate() {
        match first_at.get(m.path.as_str()) {
            Some(&j) => {
                if let Some(span) = m.span {
                    reports.push((&V007, span, m.yaml_path.clone(), format!(
                        "`mountPath: {}` of `{}` is also the mount path of `{}`: Kubernetes rejects a pod with two volumes at one path",
                        m.path, m.owner, all[j].owner
                    )));
                }
            }
            None => {
                first_at.insert(m.path.as_str(), i);
            }
        }
    }
    for m in &all {
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
    for (rule, span, path, message) in reports {
        ctx.report(rule, span, path, message);
    }
}
