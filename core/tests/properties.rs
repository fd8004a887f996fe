//! Property tests: for values files made by mutating the fixtures (keys, indentation,
//! scalars, anchors and aliases, tabs, CRLF, multibyte text), `check` never panics,
//! safe fixes fix what they claim, fixing is idempotent, and `apply` keeps every byte
//! outside its edits.

mod common;

use std::collections::HashSet;

use common::fixture;
use proptest::prelude::*;
use storage_core::{apply, check, fix_all, Edit, Fix, Options, Severity};

const SEEDS: &[&str] = &[
    "corpus/chart-ci-values3.yaml",
    "corpus/examples-azure-flat.yaml",
    "corpus/examples-gke-claims.yaml",
    "corpus/deploy-tests/values4.yml",
    "examples/broken.yaml",
    "examples/s3.yaml",
    "examples/v1.yaml",
    "docs/nfs-no-parent.yaml",
];

#[derive(Debug, Clone)]
enum Mutation {
    /// Replace line `n`'s key with one of the words below.
    RenameKey(usize, usize),
    /// Add or remove indentation on line `n`.
    Indent(usize, i8),
    /// Replace line `n`'s value with one of the values below.
    SetValue(usize, usize),
    /// Duplicate line `n` (duplicate keys, broken blocks).
    Duplicate(usize),
    Delete(usize),
    /// Put an anchor on line `n`'s value and an alias after it.
    Alias(usize),
    Tab(usize),
    Crlf,
    Multibyte(usize),
    /// A UTF-8 byte-order mark before the first line.
    Bom,
}

const WORDS: &[&str] = &[
    "existingclaim",
    "mountPath",
    "hostPath",
    "store",
    "bucket",
    "secret",
    "secretKey",
    "readOnly",
    "subPath",
    "size",
    "outputs",
    "data",
    "persistence",
    "Outputs_1",
    "<<",
    "kind",
    "schema",
    "artifactsStore",
    "ключ",
];
const VALUES: &[&str] = &[
    "",
    "~",
    "/outputs/",
    "relative/path",
    "s3://b",
    "gs://b",
    "bucket",
    "aws",
    "GCS",
    "\"yes\"",
    "{a: b}",
    "[1, 2]",
    "*nothing",
    "\"{{ .Values.x }}\"",
    "${tf_var}",
    "AKIAIOSFODNN7EXAMPLE",
    "'it''s'",
    "|\n  block",
    "wasbs://c@a.blob.core.windows.net/",
    "ünïcødé ✓",
];

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (0..200usize, 0..WORDS.len()).prop_map(|(n, w)| Mutation::RenameKey(n, w)),
        (0..200usize, -4i8..4).prop_map(|(n, d)| Mutation::Indent(n, d)),
        (0..200usize, 0..VALUES.len()).prop_map(|(n, v)| Mutation::SetValue(n, v)),
        (0..200usize).prop_map(Mutation::Duplicate),
        (0..200usize).prop_map(Mutation::Delete),
        (0..200usize).prop_map(Mutation::Alias),
        (0..200usize).prop_map(Mutation::Tab),
        Just(Mutation::Crlf),
        (0..200usize).prop_map(Mutation::Multibyte),
        Just(Mutation::Bom),
    ]
}

fn mutate(text: &str, mutations: &[Mutation]) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let mut crlf = false;
    let mut bom = false;
    for m in mutations {
        if lines.is_empty() {
            lines.push(String::new());
        }
        let len = lines.len();
        match *m {
            Mutation::RenameKey(n, w) => {
                let line = &mut lines[n % len];
                if let Some(colon) = line.find(':') {
                    let indent = line.len() - line.trim_start().len();
                    *line = format!("{}{}{}", &line[..indent], WORDS[w], &line[colon..]);
                }
            }
            Mutation::Indent(n, d) => {
                let line = &mut lines[n % len];
                if d >= 0 {
                    *line = format!("{}{line}", " ".repeat(d as usize));
                } else {
                    let cut = line.len() - line.trim_start().len();
                    *line = line[cut.min((-d) as usize)..].to_string();
                }
            }
            Mutation::SetValue(n, v) => {
                let line = &mut lines[n % len];
                if let Some(colon) = line.find(": ") {
                    *line = format!("{}: {}", &line[..colon], VALUES[v]);
                }
            }
            Mutation::Duplicate(n) => {
                let line = lines[n % len].clone();
                lines.insert(n % len, line);
            }
            Mutation::Delete(n) => {
                lines.remove(n % len);
            }
            Mutation::Alias(n) => {
                let line = lines[n % len].clone();
                if let Some(colon) = line.find(": ") {
                    let indent = line.len() - line.trim_start().len();
                    lines[n % len] = format!("{}: &anc{n} {}", &line[..colon], &line[colon + 2..]);
                    lines.insert(
                        n % len + 1,
                        format!("{}again{n}: *anc{n}", " ".repeat(indent)),
                    );
                }
            }
            Mutation::Tab(n) => lines[n % len].insert(0, '\t'),
            Mutation::Crlf => crlf = true,
            Mutation::Bom => bom = true,
            Mutation::Multibyte(n) => lines[n % len].push_str(" # ünïcødé — ✓ 日本"),
        }
    }
    let nl = if crlf { "\r\n" } else { "\n" };
    let mut out = if bom {
        "\u{feff}".to_string()
    } else {
        String::new()
    };
    out.push_str(&lines.join(nl));
    out.push_str(nl);
    out
}

/// Any options: every chart, topology and edition the checker takes.
fn options() -> impl Strategy<Value = Options> {
    use storage_core::{ChartChoice, Edition, Topology};
    let chart = prop_oneof![
        Just(ChartChoice::Auto),
        Just(ChartChoice::V0),
        Just(ChartChoice::V1)
    ];
    let topology = prop_oneof![
        Just(Topology::Unknown),
        Just(Topology::SingleNode),
        Just(Topology::MultiNode)
    ];
    let edition = prop_oneof![Just(Edition::Community), Just(Edition::Enterprise)];
    (chart, topology, edition).prop_map(|(chart, topology, edition)| Options {
        chart,
        topology,
        edition,
        ..Options::default()
    })
}

/// The full-line comments of a text, trimmed.
fn comment_lines(text: &str) -> Vec<&str> {
    text.lines()
        .map(|l| l.trim().trim_start_matches('\u{feff}'))
        .filter(|l| l.starts_with('#'))
        .collect()
}

fn file() -> impl Strategy<Value = String> {
    (0..SEEDS.len(), prop::collection::vec(mutation(), 0..6))
        .prop_map(|(seed, ms)| mutate(&fixture(SEEDS[seed]), &ms))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn check_never_panics_and_locates_every_finding(text in file()) {
        let report = check(&text, &Options::default());
        for f in report.located(&text) {
            prop_assert!(f.start <= f.end && f.end <= text.len(), "{f:?}");
            prop_assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
            prop_assert!(f.line >= 1 && f.column >= 1);
        }
    }

    #[test]
    fn safe_fixes_fix_what_they_claim_and_fixing_is_idempotent(text in file(), options in options()) {
        let report = check(&text, &options);
        let safe: Vec<_> = report.findings.iter().filter(|f| f.fix.as_ref().is_some_and(|x| x.is_safe())).collect();
        let fixes: Vec<_> = safe.iter().filter_map(|f| f.fix.as_ref()).collect();
        if let Ok(applied) = apply(&text, &fixes) {
            if applied.skipped.is_empty() {
                let after = check(&applied.text, &options);
                let left: HashSet<(&str, &str)> = after.findings.iter().map(|f| (f.code, f.path.as_str())).collect();
                for f in &safe {
                    prop_assert!(!left.contains(&(f.code, f.path.as_str())), "{} at {} survived its safe fix:\n{}", f.code, f.path, applied.text);
                }
            }
        }
        // Safe means safe: fix_all brings no error code the input did not have (a readable
        // file stays readable), and fixing twice equals fixing once.
        let once = fix_all(&text, &options);
        let before: HashSet<&str> = report.findings.iter().filter(|f| f.severity == Severity::Error).map(|f| f.code).collect();
        let after = check(&once.text, &options);
        for f in after.findings.iter().filter(|f| f.severity == Severity::Error) {
            prop_assert!(before.contains(f.code), "fix_all brought {} at {}:\n{}\nfrom:\n{}", f.code, f.path, once.text, text);
        }
        let twice = fix_all(&once.text, &options);
        prop_assert_eq!(&twice.text, &once.text);
        prop_assert_eq!(twice.applied, 0);
        // What is the user's stays: the byte-order mark, the line ends, the comments.
        prop_assert_eq!(once.text.starts_with('\u{feff}'), text.starts_with('\u{feff}'));
        // No bare LF where the file had CRLF: as many bare ones as the input had, at most.
        let bare = |t: &str| t.matches('\n').count() - t.matches("\r\n").count();
        if text.contains("\r\n") {
            prop_assert!(bare(&once.text) <= bare(&text), "a bare LF crept in:\n{:?}", once.text);
        }
        let kept = comment_lines(&once.text);
        for comment in comment_lines(&text) {
            prop_assert!(kept.contains(&comment), "comment {:?} lost:\n{}", comment, once.text);
        }
    }

    /// The migration never writes an empty or unreadable file, and accounts for every
    /// outputs and data entry: migrated, or named with a reason.
    #[test]
    fn migration_keeps_every_entry_and_writes_a_readable_file(text in file()) {
        let Ok(doc) = storage_core::yaml::load(&text, &Default::default()) else {
            return Ok(());
        };
        if let Ok(plan) = storage_core::migrate::plan_or_reason(&text, &doc) {
            let storage = storage_core::storage::Storage::read(&doc, storage_core::Chart::V0);
            for entry in storage.entries.iter().filter(|e| e.role.is_map()) {
                let slug = storage_core::text::names::slug(&entry.name).unwrap_or_else(|| entry.name.clone());
                let named = plan.block.contains(&format!("name: {slug}")) || plan.block.contains(&format!("name: \"{slug}"));
                let skipped = plan.skipped.iter().any(|s| s.starts_with(&entry.path.to_string()));
                prop_assert!(named || skipped, "{} is neither migrated nor named:\n{}", entry.path, plan.block);
            }
            if let Some(fix) = &plan.fix {
                let migrated = apply(&text, &[fix]).map_err(|e| TestCaseError::fail(e.to_string()))?;
                prop_assert!(!migrated.text.trim().is_empty());
                prop_assert!(storage_core::yaml::load(&migrated.text, &Default::default()).is_ok(), "unreadable:\n{}", migrated.text);
            }
        }
    }

    #[test]
    fn apply_keeps_every_byte_outside_the_edits(text in file()) {
        let report = check(&text, &Options::default());
        // Every fix, alone: a safe one must apply (an error fails the property); any that
        // applies keeps every byte outside its edits.
        for fix in report.findings.iter().filter_map(|f| f.fix.as_ref()) {
            let applied = match apply(&text, &[fix]) {
                Ok(applied) => applied,
                Err(e) if fix.is_safe() => {
                    return Err(TestCaseError::fail(format!("safe fix `{}` refused: {e}\n{text}", fix.title)));
                }
                Err(_) => continue,
            };
            let mut edits = fix.edits.clone();
            edits.sort();
            // Walk the original and the output together: outside the edits they agree.
            let (mut at, mut out_at) = (0usize, 0usize);
            for e in &edits {
                let keep = &text[at..e.start];
                prop_assert_eq!(&applied.text[out_at..out_at + keep.len()], keep);
                out_at += keep.len() + e.replacement.len();
                at = e.end;
            }
            prop_assert_eq!(&applied.text[out_at..], &text[at..]);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any fixes, with any edits (reversed, out of range, overlapping each other within one
    /// fix or across fixes, splitting a character): `apply` returns, it never panics, and
    /// when it succeeds every byte before the first edit is kept.
    #[test]
    fn apply_never_panics_on_any_edits(
        raw in proptest::collection::vec(
            proptest::collection::vec((0usize..40, 0usize..40, "[a-z: é\n]{0,4}"), 0..4),
            0..4,
        )
    ) {
        let text = "persistence:\n  outputs:\n    é: {mountPath: /o}\n";
        let fixes: Vec<Fix> = raw
            .into_iter()
            .map(|edits| {
                let edits = edits
                    .into_iter()
                    .map(|(a, b, r)| Edit::replace(a, b, r))
                    .collect();
                Fix::safe("any", edits, vec!["persistence".into()])
            })
            .collect();
        let refs: Vec<&Fix> = fixes.iter().collect();
        if let Ok(done) = apply(text, &refs) {
            let first = fixes.iter().flat_map(|f| &f.edits).map(|e| e.start).min().unwrap_or(text.len());
            prop_assert_eq!(&done.text[..first.min(done.text.len())], &text[..first.min(done.text.len())]);
        }
    }
}

/// The storage map's rows that belong to no declared path, each with its owner (the
/// entry's path, or for a chart default the section it would be written in). Written
/// here apart from `fix::apply`'s own guard, so the two check each other.
fn undeclared_rows(
    text: &str,
    declared: &[String],
) -> Option<Vec<(String, storage_core::map::Row)>> {
    use storage_core::storage::Role;
    let doc = storage_core::yaml::load(text, &storage_core::yaml::Limits::default()).ok()?;
    let map = storage_core::map::of_document(&doc, &Options::default());
    let related = |a: &str, b: &str| {
        let under = |x: &str, y: &str| x.is_empty() || y == x || y.starts_with(&format!("{x}."));
        under(a, b) || under(b, a)
    };
    Some(
        map.rows
            .into_iter()
            .map(|row| {
                let owner = match (&row.path, row.role) {
                    (Some(p), _) => p.as_str().to_string(),
                    (None, Role::ArtifactsStore) => "artifactsStore".into(),
                    (None, Role::Connection) => "connections".into(),
                    (None, role) => format!("persistence.{}", role.key()),
                };
                (owner, row)
            })
            .filter(|(owner, _)| !declared.iter().any(|d| related(d, owner)))
            .collect(),
    )
}

fn chart_of(text: &str) -> Option<storage_core::Chart> {
    check(text, &Options::default()).chart
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Issue 19's meaning guard, from outside: every safe fix applied alone, `fix_all`, and
    /// every kind of form edit (remove, rename, a field, a kind, an add) change what pods
    /// mount only for the paths they declare, and never the chart the file is read as (a
    /// form edit may, for the section it adds to or removes).
    #[test]
    fn every_edit_changes_the_deployment_only_where_it_declares(text in file(), options in options()) {
        let report = check(&text, &options);
        for fix in report.findings.iter().filter_map(|f| f.fix.as_ref()).filter(|f| f.is_safe()) {
            let Ok(applied) = apply(&text, &[fix]) else { continue };
            let declared: Vec<String> = fix.touches.iter().map(|t| t.as_str().to_string()).collect();
            prop_assert_eq!(chart_of(&text), chart_of(&applied.text), "{}", fix.title);
            prop_assert_eq!(
                undeclared_rows(&text, &declared),
                undeclared_rows(&applied.text, &declared),
                "{} changed what pods mount outside {:?}:\n{}", fix.title, declared, applied.text
            );
        }
        // fix_all, pass after pass: only what its applied fixes declared.
        let all = fix_all(&text, &options);
        let declared: Vec<String> = all.declared.iter().map(|t| t.as_str().to_string()).collect();
        if all.applied > 0 {
            prop_assert_eq!(chart_of(&text), chart_of(&all.text));
            prop_assert_eq!(
                undeclared_rows(&text, &declared),
                undeclared_rows(&all.text, &declared),
                "fix_all changed what pods mount outside {:?}:\n{}", declared, all.text
            );
        }
        let analysis = storage_core::analyze(&text, &options);
        for card in analysis.cards.iter().take(4) {
            use storage_core::form::{apply_edit, FormEdit};
            use storage_core::storage::{Field, Kind};
            let other_kind = if card.kind == Some(Kind::HostPath) { Kind::Claim } else { Kind::HostPath };
            for edit in [
                FormEdit::Remove { entry: card.path.clone() },
                FormEdit::Rename { entry: card.path.clone(), chart: card.chart, to: "renamed".into() },
                FormEdit::SetField { entry: card.path.clone(), chart: card.chart, field: Field::MountPath, value: "/elsewhere".into() },
                FormEdit::SetKind { entry: card.path.clone(), chart: card.chart, kind: other_kind, values: Vec::new() },
                FormEdit::Add { role: card.role, kind: None },
            ] {
                let Ok(edited) = apply_edit(&text, &edit) else { continue };
                let declared: Vec<String> = edit.declares().iter().map(|t| t.as_str().to_string()).collect();
                if chart_of(&text) != chart_of(&edited) {
                    // Removing the last v1+ section reads the file as v0 (and so on): the
                    // rows are another chart's, not comparable.
                    continue;
                }
                prop_assert_eq!(
                    undeclared_rows(&text, &declared),
                    undeclared_rows(&edited, &declared),
                    "{:?} changed what pods mount outside {:?}:\n{}", edit, declared, edited
                );
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// The migration, from outside: when it reports no loss, the runs of the v1+ file mount
    /// the entries it carried at the mount paths the v0 job pods had them at.
    #[test]
    fn a_migration_without_losses_keeps_every_mount_path(text in file()) {
        use storage_core::map::Pod;
        let Ok(doc) = storage_core::yaml::load(&text, &storage_core::yaml::Limits::default()) else { return Ok(()) };
        let Some(plan) = storage_core::migrate::plan(&text, &doc) else { return Ok(()) };
        let Some(fix) = plan.fix.as_ref().filter(|_| plan.losses.is_empty()) else { return Ok(()) };
        let Ok(applied) = apply(&text, &[fix]) else { return Ok(()) };
        let v0 = storage_core::map::of_document(&doc, &Options::default());
        let v1_doc = storage_core::yaml::load(&applied.text, &storage_core::yaml::Limits::default()).expect("the migrated file loads");
        let v1 = storage_core::map::of_document(&v1_doc, &Options::default());
        let mut before: Vec<String> = v0.rows.iter()
            .filter(|r| r.pods == [Pod::Jobs] && r.path.as_ref().is_some_and(|p| plan.carried.iter().any(|c| c == p.as_str())))
            .filter_map(|r| r.mount_path.clone())
            .collect();
        let mut after: Vec<String> = v1.rows.iter()
            .filter(|r| !r.default && r.pods == [Pod::Runs])
            .filter_map(|r| r.mount_path.clone())
            .collect();
        before.sort();
        after.sort();
        prop_assert_eq!(before, after, "{}\n→\n{}", text, applied.text);
    }
}
