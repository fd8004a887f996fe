//! S005: one volume name twice across the sections (the chart's default volumes included).

use std::collections::HashMap;

use crate::finding::Severity;
use crate::rules::examples::Example;
use crate::rules::{Charts, Context, FixKind, Rule};
use crate::storage::Role;

/// The same volume name twice across the sections.
pub const S005: Rule = Rule {
    code: "S005",
    severity: Severity::Error,
    charts: Charts::V0,
    summary: "the same volume name twice across `outputs`, `data`, `logs`, `repos`, `upload`",
    why: "Each entry becomes a volume named after it, and pods mount outputs, data, logs, repos and upload together: two volumes with one name make Kubernetes reject the pod.",
    fix: FixKind::None,
};

pub const EXAMPLES: &[Example] = &[
    Example {
        code: "S005",
        bad: "persistence:\n  outputs:\n    shared:\n      mountPath: /outputs\n      existingClaim: outputs-pvc\n  data:\n    shared:\n      mountPath: /data\n      existingClaim: data-pvc\n",
        fixed: "persistence:\n  outputs:\n    outputs:\n      mountPath: /outputs\n      existingClaim: outputs-pvc\n  data:\n    data:\n      mountPath: /data\n      existingClaim: data-pvc\n",
        cluster: None,
        note: None,
    },
];

/// S005: one volume name used twice across the sections.
pub(super) fn check(ctx: &mut Context<'_>) {
    if super::persistence(ctx).is_none() {
        return;
    }
    let doc = ctx.doc;
    let model = ctx.storage;
    let mut owners: HashMap<&str, Role> = HashMap::new();
    // An empty `outputs` or `data` still gives job pods the chart's default volume of that
    // name (0.6.1 `defaultPersistence`, handed to the server by `_pvc_def.tpl`).
    for section in [Role::Outputs, Role::Data] {
        if model.entries_of(section).next().is_none() {
            owners.insert(section.key(), section);
        }
    }
    // logs, repos and upload are always volumes (the chart's defaults) unless set to a store.
    for section in [Role::Logs, Role::Repos, Role::Upload] {
        let cloud = model.entries_of(section).any(|e| !e.is_volume());
        if !cloud {
            owners.insert(section.key(), section);
        }
    }
    let mut clashes = Vec::new();
    for entry in model.entries.iter().filter(|e| e.role.is_map()) {
        if !entry.is_volume() {
            continue;
        }
        match owners.get(entry.name.as_str()) {
            Some(other) => clashes.push((
                entry.anchor(doc),
                entry.path.clone(),
                entry.name.clone(),
                *other,
            )),
            None => {
                owners.insert(entry.name.as_str(), entry.role);
            }
        }
    }
    for (span, path, name, other) in clashes {
        ctx.report(
            &S005,
            span,
            path,
            if other.is_map() && model.entries_of(other).next().is_none() {
                format!(
                    "volume name `{name}` is also the chart's default `{}` volume, which job pods get while `{}` is empty; rename this entry",
                    other.key(),
                    other.section_path()
                )
            } else {
                format!(
                    "volume name `{name}` is already used by `{}`; rename one of them",
                    if other.is_map() {
                        other.section_path().child(&name)
                    } else {
                        other.section_path()
                    }
                )
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    #[test]
    fn same_volume_name() {
        gets_and_not(
            "S005",
            "persistence:\n  outputs:\n    shared:\n      mountPath: /outputs\n      existingClaim: pvc\n  data:\n    shared:\n      mountPath: /data\n      existingClaim: pvc2\n",
            "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: pvc\n  data:\n    shared:\n      mountPath: /data\n      existingClaim: pvc2\n",
        );
    }

    #[test]
    fn named_like_logs() {
        gets_and_not(
            "S005",
            "persistence:\n  outputs:\n    logs:\n      mountPath: /outputs\n      existingClaim: pvc\n",
            CLAIM,
        );
    }
}
