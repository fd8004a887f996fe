//! S007: a key under `persistence` that is none of its five sections (`output`, `Logs`,
//! `foo`). The chart reads `logs`, `repos`, `upload`, `outputs` and `data` and nothing else:
//! what another key holds has no effect (a misspelled `outputs` mounts nothing and the
//! default host path applies), and polyaxon-deploy 0.6.1's check refuses it (`Unknown
//! field.`: the conformance cases `s007-*`).

use crate::finding::Severity;
use crate::rules::examples::Example;
use crate::rules::{rename, Charts, Context, FixKind, Rule};
use crate::storage::Role;
use crate::text::suggest;
use crate::yaml::YamlPath;

/// A key under `persistence` that is not a section.
pub const S007: Rule = Rule {
    code: "S007",
    severity: Severity::Error,
    charts: Charts::V0,
    summary: "a key under `persistence` that is none of `logs`, `repos`, `upload`, `outputs`, `data` (with the closest)",
    why: "The chart reads five sections under `persistence`, exactly as spelled: `logs`, `repos`, `upload` (one volume each) and `outputs`, `data` (named entries). Any other key is ignored: under a misspelled `output` nothing is mounted and the default host path applies on each node, with nothing said. Polyaxon's deploy check refuses the file (\"Unknown field.\").",
    fix: FixKind::Safe,
};

pub const EXAMPLES: &[Example] = &[Example {
    code: "S007",
    bad: "persistence:\n  output:\n    out:\n      mountPath: /outputs\n      existingClaim: outputs-pvc\n",
    fixed: "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: outputs-pvc\n",
    cluster: None,
    note: None,
}];

pub(super) fn check(ctx: &mut Context<'_>) {
    let doc = ctx.doc;
    let Some(persistence) = super::persistence(ctx) else {
        return;
    };
    let sections = Role::V0_SECTIONS.map(Role::key);
    // As Helm reads it: a key a `<<` merge brings is ignored as much as one written here.
    let pairs = doc.merged_pairs(persistence.value);
    let written: Vec<&str> = pairs.iter().filter_map(|p| doc.key_str(p.key)).collect();
    let under = YamlPath::root().child("persistence");
    for pair in &pairs {
        let Some(key) = doc.key_str(pair.key) else {
            continue;
        };
        if key == "<<" || sections.contains(&key) {
            continue;
        }
        let path = under.child(key);
        let meant = suggest::unambiguous(&suggest::rank(key, &sections));
        // A rename only where the key is written where Helm reads it (not through a merge).
        let in_place = super::written_in_place(ctx, *pair);
        let fix = meant.filter(|_| in_place).map(|meant| {
            let touches = vec![path.clone(), under.child(meant)];
            rename::rename(doc, *pair, key, meant, &written, touches)
        });
        let hint = match meant {
            Some(meant) => format!("did you mean `{meant}`?"),
            None => format!("the chart reads {}", sections.map(|s| format!("`{s}`")).join(", ")),
        };
        ctx.report(
            &S007,
            doc.span(pair.key),
            path,
            format!("`{key}` under `persistence` is not a section the chart reads: {hint} What it holds has no effect, and Polyaxon's deploy check refuses the file"),
        )
        .fix = fix;
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    #[test]
    fn a_key_that_is_no_section_is_found_with_the_closest() {
        gets_and_not(
            "S007",
            "persistence:\n  output:\n    out:\n      mountPath: /outputs\n      existingClaim: outputs-pvc\n",
            CLAIM,
        );
        for (key, said) in [
            ("output", "did you mean `outputs`?"),
            ("Logs", "did you mean `logs`?"),
            ("foo", "the chart reads `outputs`, `data`, `logs`, `repos`, `upload`"),
        ] {
            let report = run(&format!("persistence:\n  {key}: {{}}\n"));
            let f = report.findings.iter().find(|f| f.code == "S007");
            let f = f.unwrap_or_else(|| panic!("S007 for {key}: {:?}", codes(&report)));
            assert!(f.message.contains(said), "{}", f.message);
            assert_eq!(f.path, format!("persistence.{key}"));
        }
    }

    #[test]
    fn the_rename_is_safe_only_for_case_onto_a_free_section() {
        let fix = |text: &str| fix_of("S007", text);
        assert_eq!(
            fix("persistence:\n  Logs: {existingClaim: c}\n"),
            Some(("Rename `Logs` to `logs`".into(), true))
        );
        assert_eq!(
            fix("persistence:\n  output: {}\n"),
            Some(("Rename `output` to `outputs`".into(), false))
        );
        assert_eq!(
            fix("persistence:\n  Logs: {}\n  logs: {}\n"),
            Some(("Rename `Logs` to `logs`".into(), false))
        );
        assert_eq!(fix("persistence:\n  foo: 1\n"), None);
        // Through a merge: found, no rename.
        let merged = "base: &b {Logs: {}}\npersistence:\n  <<: *b\n  outputs: {}\n";
        assert_eq!(count(&run(merged), "S007"), 1);
        assert_eq!(fix(merged), None);
    }
}
