//! K001, K002, K003: keys of a v0 entry the layout does not have. A 0.1.x claim key
//! (K002) and `subPath` (K003) are named as such, any other is unknown (K001, with the
//! closest keys); one pass over each entry's other keys.

use crate::edit;
use crate::finding::Severity;
use crate::fix::Fix;
use crate::options::Chart;
use crate::rules::examples::Example;
use crate::rules::{rename, Charts, Context, FixKind, Rule};
use crate::storage::v0::{is_nested_entry, LEGACY_KEYS};
use crate::storage::{Entry, V0_KEYS};
use crate::text::suggest;

/// Unknown key in an entry.
pub const K001: Rule = Rule {
    code: "K001",
    severity: Severity::Error,
    charts: Charts::V0,
    summary: "unknown key in an entry (with the closest allowed keys)",
    why: "Polyaxon's deploy check rejects any key it does not know, and the chart ignores it: a misspelled `existingclaim` means no claim is mounted. Keys are camelCase, exactly as spelled: mountPath, hostPath, existingClaim, readOnly, store, bucket, secret, secretKey.",
    fix: FixKind::Safe,
};

/// 0.1.x keys `size`, `accessMode`, `name`, `storageClass`.
pub const K002: Rule = Rule {
    code: "K002",
    severity: Severity::Error,
    charts: Charts::V0,
    summary: "0.1.x claim keys `size`, `accessMode`, `name`, `storageClass`, `enabled`",
    why: "The 0.1.x chart created the claim from these keys. Since 0.2 it creates none: create the PersistentVolumeClaim yourself (with its size, access mode and storage class) and name it in `existingClaim`.",
    fix: FixKind::Suggested,
};

/// `subPath`.
pub const K003: Rule = Rule {
    code: "K003",
    severity: Severity::Error,
    charts: Charts::V0,
    summary: "`subPath`: refused by the deploy check, ignored by job pods",
    why: "Polyaxon's deploy check (polyaxon-deploy 0.6.1's persistence schema) refuses `subPath` (\"Persistence name ... is not valid\"); the chart template would honour it for platform pods while job pods ignore it, so jobs and the UI would look in different directories.",
    fix: FixKind::Suggested,
};

pub const EXAMPLES: &[Example] = &[
    Example {
        code: "K001",
        bad: "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingclaim: outputs-pvc\n",
        fixed: "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: outputs-pvc\n",
        cluster: None,
        note: None,
    },
    Example {
        code: "K002",
        bad: "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: outputs-pvc\n      size: 10Gi\n",
        fixed: "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: outputs-pvc\n",
        cluster: None,
        note: Some("Create the PersistentVolumeClaim yourself and name it in `existingClaim`."),
    },
    Example {
        code: "K003",
        bad: "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: outputs-pvc\n      subPath: experiments\n",
        fixed: "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: outputs-pvc\n",
        cluster: None,
        note: None,
    },
];

/// v0 entries: their keys are the layout's keys; v1+ connections are family A's.
pub(super) fn check(ctx: &mut Context<'_>) {
    let entries = ctx.storage.entries.iter().filter(|e| e.chart == Chart::V0);
    for entry in entries {
        unknown_keys(ctx, entry);
    }
}

fn unknown_keys(ctx: &mut Context<'_>, entry: &Entry) {
    let doc = ctx.doc;
    // The entry's keys as Helm reads them: what a rename could collide with.
    let siblings: Vec<&str> = doc
        .merged_pairs(entry.node)
        .iter()
        .filter_map(|p| doc.key_str(p.key))
        .collect();
    for pair in &entry.others {
        let Some(key) = doc.key_str(pair.key) else {
            continue;
        };
        // An entry in the `outputs` shape under `logs`: S002's, and checked as an entry.
        if !entry.role.is_map()
            && entry.path == entry.role.section_path()
            && is_nested_entry(doc, pair)
        {
            continue;
        }
        let path = entry.child_path(key);
        let remove = || {
            Fix::suggested(
                format!("Remove `{key}`"),
                vec![edit::remove_pair(ctx.text, doc, *pair)],
                vec![entry.path.clone()],
            )
        };
        if LEGACY_KEYS.contains(&key) {
            let fix = remove();
            ctx.report(
                &K002,
                doc.span(pair.key),
                path,
                format!("`{key}` is a 0.1.x key: the chart no longer creates claims; create the PVC yourself and name it in `existingClaim`"),
            )
            .fix = Some(fix);
            continue;
        }
        if key == "subPath" {
            let fix = remove();
            ctx.report(
                &K003,
                doc.span(pair.key),
                path,
                "`subPath` is rejected by Polyaxon's deploy check and ignored by job pods",
            )
            .fix = Some(fix);
            continue;
        }
        let ranked = suggest::rank(key, &V0_KEYS);
        let best = ranked.first().map(|c| c.word);
        // Safe only when nothing but case and separators differ, and the key it becomes is
        // not written already (a merge's included), nor would be by another rename
        // (`mountpath` and `MountPath` would both become `mountPath`).
        let fix = best.map(|best| {
            rename::rename(doc, *pair, key, best, &siblings, vec![entry.path.clone()])
        });
        let hint = match ranked.as_slice() {
            [] => format!("; allowed: {}", V0_KEYS.join(", ")),
            [one] => format!("; did you mean `{}`?", one.word),
            [one, rest @ ..] => format!(
                "; did you mean `{}`? (or {})",
                one.word,
                rest.iter()
                    .take(2)
                    .map(|c| format!("`{}`", c.word))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        ctx.report(
            &K001,
            doc.span(pair.key),
            path,
            format!("unknown key `{key}` in entry `{}`{hint}", entry.name),
        )
        .fix = fix;
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    #[test]
    fn unknown_key() {
        gets_and_not(
            "K001",
            "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingclaim: pvc\n",
            CLAIM,
        );
    }

    #[test]
    fn says_the_closest_key() {
        let report = run(
            "persistence:\n  outputs:\n    out:\n      mountPth: /outputs\n      existingClaim: pvc\n",
        );
        let f = report.findings.iter().find(|f| f.code == "K001").unwrap();
        assert!(
            f.message.contains("did you mean `mountPath`?"),
            "{}",
            f.message
        );
    }

    #[test]
    fn legacy_key() {
        gets_and_not(
            "K002",
            "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: pvc\n      size: 10Gi\n",
            CLAIM,
        );
    }

    #[test]
    fn sub_path() {
        gets_and_not(
            "K003",
            "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: pvc\n      subPath: a\n",
            CLAIM,
        );
    }
}
