//! V007, V008: the volumes each kind of pod mounts together (the storage map, chart
//! defaults included): two at one `mountPath` (V007), or one inside another (V008).

use std::collections::HashMap;

use crate::finding::Severity;
use crate::options::Chart;
use crate::rules::examples::Example;
use crate::rules::{Charts, Context, FixKind, Rule};
use crate::source::Span;
use crate::storage::{Field, Role};
use crate::yaml::YamlPath;

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

pub const EXAMPLES: &[Example] = &[
    Example {
        code: "V007",
        bad: "persistence:\n  outputs:\n    out:\n      mountPath: /polyaxon-logs\n      existingClaim: outputs-pvc\n",
        fixed: "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: outputs-pvc\n",
        cluster: None,
        note: Some("`/polyaxon-logs` is where the chart's default `logs` volume is mounted."),
    },
    Example {
        code: "V008",
        bad: "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: outputs-pvc\n  data:\n    data:\n      mountPath: /outputs/data\n      existingClaim: data-pvc\n",
        fixed: "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: outputs-pvc\n  data:\n    data:\n      mountPath: /data\n      existingClaim: data-pvc\n",
        cluster: None,
        note: None,
    },
];

/// Longer paths are no path a kernel takes (Linux PATH_MAX): not walked for nesting,
/// which would cost the square of their length.
const PATH_MAX: usize = 4096;

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

pub(super) fn check(ctx: &mut Context<'_>) {
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

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    #[test]
    fn v007_shared_mount_path() {
        gets_and_not(
            "V007",
            "persistence:\n  outputs:\n    out:\n      mountPath: /polyaxon-logs\n      existingClaim: pvc\n",
            CLAIM,
        );
    }

    #[test]
    fn v008_nested_mount_paths() {
        gets_and_not(
            "V008",
            "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: pvc\n  data:\n    d:\n      mountPath: /outputs/data\n      existingClaim: pvc2\n",
            "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: pvc\n  data:\n    d:\n      mountPath: /data\n      existingClaim: pvc2\n",
        );
    }

    #[test]
    fn chart_defaults_of_empty_sections_collide() {
        // With `data` empty, job pods get the default `data` volume at /data.
        let named_data = CLAIM.replace("    out:\n", "    data:\n");
        assert_eq!(count(&run(&named_data), "S005"), 1);
        let at_data = CLAIM.replace("mountPath: /outputs", "mountPath: /data");
        assert_eq!(count(&run(&at_data), "V007"), 1);
        // v1+: Polyaxon's own context, and the store beside a mounted connection.
        let context = V1_OK.replace(
            "kind: s3\n  schema:\n    bucket: s3://b-out\n  secret:\n    name: s3-secret\n",
            "kind: host_path\n  schema:\n    hostPath: /a\n    mountPath: /plx-context/artifacts\n",
        );
        assert_eq!(count(&run(&context), "V007"), 1);
        let shared = V1_OK.replace(
            "kind: s3\n  schema:\n    bucket: s3://b-out\n  secret:\n    name: s3-secret\n",
            "kind: host_path\n  schema:\n    hostPath: /a\n    mountPath: /data\n",
        );
        assert_eq!(count(&run(&shared), "V007"), 0);
        assert_eq!(
            count(&run(&format!("{shared}mountConnections: [data]\n")), "V007"),
            1
        );
    }

    /// Issue 19: V007 asks the storage map which volumes share a pod. A data entry at the logs
    /// mount path used to be an error, as if the five v0 sections were one pod; data reaches
    /// only job pods and logs only the api and scheduler (the conformance case
    /// `v0/v007-data-at-the-logs-path` is accepted by the chart, the deploy check and the pods).
    #[test]
    fn v007_follows_the_pods_that_mount_each_volume() {
        let data_at_logs = "persistence:\n  data:\n    data:\n      mountPath: /polyaxon-logs\n      hostPath: /data/datasets\n";
        assert_eq!(count(&run(data_at_logs), "V007"), 0);
        // Outputs at the logs path share the api pod: still an error, reported once although
        // both the api and the scheduler mount them.
        let outputs_at_logs = "persistence:\n  outputs:\n    out:\n      mountPath: /polyaxon-logs\n      existingClaim: pvc\n";
        assert_eq!(count(&run(outputs_at_logs), "V007"), 1);
        // Data inside outputs: job pods mount both.
        let nested = "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: pvc\n  data:\n    d:\n      mountPath: /outputs/data\n      existingClaim: pvc2\n";
        assert_eq!(count(&run(nested), "V008"), 1);
    }
}
