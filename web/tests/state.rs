//! The page's reducer, one action at a time: what each [`Action`] does to the state. First
//! the checker's worker (`Action::Checked`): an answer counts only for the text and
//! options it was made for; then every other action. Plain Rust, run with the component
//! tests: `cargo test -p storage-web --target wasm32-unknown-unknown`.

use std::rc::Rc;

use storage_core::form::FormEdit;
use storage_core::options::ChartChoice;
use storage_core::storage::{Field, Kind, Role};
use storage_core::text::bucket::StoreKind;
use storage_core::{analyze, Options};
use storage_web::checker::Answer;
use storage_web::state::{Action, Analysis, Reviewed, State};
use wasm_bindgen_test::*;
use yew::Reducible;

wasm_bindgen_test_configure!(run_in_browser);

const BROKEN: &str = include_str!("../../tests/fixtures/examples/broken.yaml");
const S3: &str = include_str!("../../tests/fixtures/examples/s3.yaml");

/// `text` loaded, then `typed` appended: the findings are stale.
fn typed(text: &str, typed: &str) -> (Rc<State>, Rc<str>) {
    let state = Rc::new(State::new(text, text, Options::default()));
    let edited: Rc<str> = format!("{text}{typed}").into();
    let state = state.reduce(Action::Edit(edited.clone()));
    assert!(!state.is_current());
    (state, edited)
}

fn answer(text: &str, options: &Options) -> Answer {
    Answer::Analysis(analyze(text, options))
}

#[wasm_bindgen_test]
fn an_answer_for_the_current_text_is_taken() {
    let (state, edited) = typed(BROKEN, "# more\n");
    let revision = state.revision;
    let state = state.reduce(Action::Checked {
        revision,
        answer: answer(&edited, &Options::default()),
    });
    assert!(state.is_current());
    assert_eq!(
        state.analysis.findings,
        Analysis::of(edited, &Options::default(), None).findings
    );
}

#[wasm_bindgen_test]
fn an_answer_for_an_older_text_is_dropped() {
    let (state, first) = typed(BROKEN, "# more\n");
    let old = state.revision;
    let second: Rc<str> = format!("{first}# and more\n").into();
    let state = state.reduce(Action::Edit(second));
    let before = state.analysis.clone();
    let state = state.reduce(Action::Checked {
        revision: old,
        answer: answer(&first, &Options::default()),
    });
    assert!(!state.is_current());
    assert!(
        Rc::ptr_eq(&state.analysis, &before),
        "an old answer was shown"
    );
}

#[wasm_bindgen_test]
fn an_answer_made_under_other_options_is_dropped() {
    let (state, edited) = typed(BROKEN, "# more\n");
    let revision = state.revision;
    // The option change checks the text at once, under the new options.
    let v1 = Options {
        chart: ChartChoice::V1,
        ..Options::default()
    };
    let state = state.reduce(Action::SetOptions(v1));
    assert!(state.is_current());
    let shown = state.analysis.clone();
    let state = state.reduce(Action::Checked {
        revision,
        answer: answer(&edited, &Options::default()),
    });
    assert!(
        Rc::ptr_eq(&state.analysis, &shown),
        "a v0 answer replaced the v1 check"
    );
    assert_eq!(state.analysis.chart, Some(storage_core::Chart::V1));
}

#[wasm_bindgen_test]
fn without_a_worker_the_page_checks_the_text_itself() {
    let (state, edited) = typed(BROKEN, "# more\n");
    // The worker failed: its answer is Gone, whatever text it was for.
    let state = state.reduce(Action::Checked {
        revision: 0,
        answer: Answer::Gone,
    });
    assert!(state.is_current());
    assert_eq!(
        state.analysis.findings,
        Analysis::of(edited, &Options::default(), None).findings
    );
}

#[wasm_bindgen_test]
fn an_answer_keeps_what_the_page_said_about_the_last_action() {
    let (state, edited) = typed(S3, "# more\n");
    // No safe fix in the S3 example: the text stays as typed, and the page says so.
    let state = state.reduce(Action::ApplySafeFixes);
    let notice = state.notice.clone().expect("a notice about the safe fixes");
    assert!(notice.starts_with("Applied 0 safe fixes"), "{notice}");
    let revision = state.revision;
    let state = state.reduce(Action::Checked {
        revision,
        answer: answer(&edited, &Options::default()),
    });
    assert!(state.is_current());
    assert_eq!(state.notice.as_deref(), Some(notice.as_str()));
}

#[wasm_bindgen_test]
fn a_check_that_timed_out_is_not_run_again_here() {
    let (state, _) = typed(BROKEN, "# more\n");
    let before = state.analysis.clone();
    let revision = state.revision;
    let state = state.reduce(Action::Checked {
        revision,
        answer: Answer::TimedOut,
    });
    // Still stale, not checked here (it would freeze the page as long), and said.
    assert!(!state.is_current());
    assert!(Rc::ptr_eq(&state.analysis, &before));
    assert!(state
        .notice
        .as_deref()
        .unwrap_or("")
        .contains("over a minute"));
}

/// The index of the A008 finding (the migration) in a state's analysis.
fn a008(state: &State) -> usize {
    state
        .analysis
        .findings
        .iter()
        .position(|f| f.code == "A008")
        .expect("an A008 finding")
}

/// Issue 19: the migration is shown before it is made, from every entry point (they all
/// send `ApplyFix`): the text stays until the user confirms, and the notice does not count
/// the v0 findings that went with `persistence` as fixed.
#[wasm_bindgen_test]
fn the_migration_is_reviewed_before_it_is_made() {
    let state = Rc::new(State::new(S3, S3, Options::default()));
    let index = a008(&state);
    let state = state.reduce(Action::ApplyFix(index));
    assert_eq!(&*state.text, S3, "nothing is made before the review");
    let pending = state.pending_edit.clone().expect("a review");
    assert!(
        pending
            .hunks
            .iter()
            .flat_map(|h| &h.lines)
            .any(|l| l.kind == storage_core::diff::LineKind::Added && l.text == "artifactsStore:"),
        "{:?}",
        pending.hunks
    );
    assert!(pending.text.contains("artifactsStore:"));
    // Cancel: nothing changes.
    let cancelled = state.clone().reduce(Action::CancelEdit);
    assert!(cancelled.pending_edit.is_none());
    assert_eq!(&*cancelled.text, S3);
    // Confirm: the reviewed text, and no "fixed" count.
    let done = state.reduce(Action::ConfirmEdit);
    assert!(done.pending_edit.is_none());
    assert_eq!(done.text, pending.text);
    let notice = done.notice.clone().unwrap_or_default();
    assert!(notice.contains("today's chart"), "{notice}");
    assert!(!notice.contains("fixed"), "{notice}");
}

/// A review is of the text it was made from: typing closes it, and a confirm that arrives
/// for another text changes nothing.
#[wasm_bindgen_test]
fn typing_closes_the_review_of_the_migration() {
    let state = Rc::new(State::new(S3, S3, Options::default()));
    let index = a008(&state);
    let state = state.reduce(Action::ApplyFix(index));
    assert!(state.pending_edit.is_some());
    let edited: Rc<str> = format!("{S3}# more\n").into();
    let state = state.reduce(Action::Edit(edited.clone()));
    assert!(state.pending_edit.is_none());
    let state = state.reduce(Action::ConfirmEdit);
    assert_eq!(state.text, edited);
}

/// With errors in what it carries, the review says so and the choice to go on is the
/// user's (the text stays until then).
#[wasm_bindgen_test]
fn a_migration_with_errors_in_persistence_says_so_in_its_review() {
    // `mountPath: outputs` is not absolute (V004): the migration plans it, with the error.
    let text =
        "persistence:\n  outputs:\n    out:\n      existingClaim: pvc\n      mountPath: outputs\n";
    let state = Rc::new(State::new(text, text, Options::default()));
    let index = a008(&state);
    let state = state.reduce(Action::ApplyFix(index));
    let pending = state.pending_edit.clone().expect("a review");
    assert_eq!(pending.errors, 1, "{pending:?}");
    assert_eq!(&*state.text, text);
    let done = state.reduce(Action::ConfirmEdit);
    assert!(done.text.contains("artifactsStore:"));
}

// Every other action, one test each (issue 24): what the reducer does to the state.

const S3_OUTPUTS: &str = "persistence.outputs.s3-outputs";

fn loaded(text: &str) -> Rc<State> {
    Rc::new(State::new(text, text, Options::default()))
}

/// The index of the first finding with `code`.
fn finding(state: &State, code: &str) -> usize {
    state
        .analysis
        .findings
        .iter()
        .position(|f| f.code == code)
        .unwrap_or_else(|| panic!("no {code} finding"))
}

#[wasm_bindgen_test]
fn edit_takes_the_text_and_leaves_the_check_to_follow() {
    let state = loaded(BROKEN).reduce(Action::Select(Some(0)));
    let before = state.analysis.clone();
    let edited: Rc<str> = format!("{BROKEN}# more\n").into();
    let state = state.reduce(Action::Edit(edited.clone()));
    assert_eq!(state.text, edited);
    assert_eq!(&*state.baseline, BROKEN, "the baseline stays as loaded");
    assert_eq!(state.revision, 1);
    assert_eq!(state.selected, None);
    assert!(!state.is_current());
    assert!(
        Rc::ptr_eq(&state.analysis, &before),
        "checked in the same step"
    );
    // The same text again is no change at all.
    let same = state.clone().reduce(Action::Edit(edited));
    assert!(Rc::ptr_eq(&same, &state));
}

#[wasm_bindgen_test]
fn the_first_text_typed_into_an_empty_editor_is_the_baseline() {
    let state = loaded("").reduce(Action::Edit(S3.into()));
    assert_eq!(&*state.baseline, S3);
}

#[wasm_bindgen_test]
fn analyze_checks_a_stale_text_and_only_a_stale_one() {
    let (state, edited) = typed(S3, "# more\n");
    let state = state.reduce(Action::ApplySafeFixes);
    let notice = state.notice.clone();
    let state = state.reduce(Action::Analyze);
    assert!(state.is_current());
    assert_eq!(state.checked, state.revision);
    assert_eq!(
        state.analysis.findings,
        Analysis::of(edited, &Options::default(), None).findings
    );
    assert_eq!(state.notice, notice, "the notice is about the last action");
    let again = state.clone().reduce(Action::Analyze);
    assert!(
        Rc::ptr_eq(&again, &state),
        "a current text is not checked again"
    );
}

#[wasm_bindgen_test]
fn load_starts_afresh_from_a_whole_new_text() {
    let state = loaded(BROKEN).reduce(Action::AddEntry(Role::Data, None));
    assert!(!state.fresh.is_empty());
    let mut dirty = (*state).clone();
    dirty.migration_note = Some("Migrated.".into());
    dirty
        .drafts
        .set(S3_OUTPUTS.into(), Field::Bucket, "s3://typed".into());
    let state = Rc::new(dirty).reduce(Action::Load(S3.into()));
    assert_eq!(&*state.text, S3);
    assert_eq!(&*state.baseline, S3);
    assert_eq!(state.loads, 1);
    assert!(state.is_current(), "a loaded text is checked at once");
    assert!(state.analysis.cards.iter().any(|c| c.path == S3_OUTPUTS));
    assert!(state.fresh.is_empty());
    assert!(state.migration_note.is_none());
    assert_eq!(
        state.drafts.get(&S3_OUTPUTS.to_string(), Field::Bucket),
        None
    );
}

#[wasm_bindgen_test]
fn select_picks_a_finding_and_counts_every_pick() {
    let state = loaded(BROKEN).reduce(Action::Select(Some(2)));
    assert_eq!((state.selected, state.picks), (Some(2), 1));
    // Picking it again selects its span again: the count says it is a new pick.
    let state = state.reduce(Action::Select(Some(2)));
    assert_eq!((state.selected, state.picks), (Some(2), 2));
    let state = state.reduce(Action::Select(None));
    assert_eq!((state.selected, state.picks), (None, 3));
}

#[wasm_bindgen_test]
fn the_cursor_marks_its_finding_and_keeps_the_notice() {
    let state = loaded(S3).reduce(Action::ApplySafeFixes);
    let notice = state.notice.clone();
    assert!(notice.is_some());
    let state = state.reduce(Action::Cursor(Some(1)));
    assert_eq!(state.at_cursor, Some(1));
    assert_eq!(state.notice, notice);
    let same = state.clone().reduce(Action::Cursor(Some(1)));
    assert!(Rc::ptr_eq(&same, &state));
    assert_eq!(state.reduce(Action::Cursor(None)).at_cursor, None);
}

#[wasm_bindgen_test]
fn a_fix_is_applied_checked_and_counted() {
    let state = loaded(BROKEN);
    let c001 = finding(&state, "C001");
    let state = state.reduce(Action::ApplyFix(c001));
    assert!(state.text.contains("store: s3"), "{}", state.text);
    assert_eq!(&*state.baseline, BROKEN);
    assert!(state.is_current());
    assert!(!state.analysis.findings.iter().any(|f| f.code == "C001"));
    let notice = state.notice.clone().unwrap_or_default();
    assert!(
        notice.starts_with("Applied: Write `store: s3`. 1 fixed, "),
        "{notice}"
    );
}

#[wasm_bindgen_test]
fn a_fix_on_stale_findings_refreshes_them_instead() {
    let (state, edited) = typed(BROKEN, "# more\n");
    let c001 = finding(&state, "C001");
    let state = state.reduce(Action::ApplyFix(c001));
    assert_eq!(
        state.text, edited,
        "not applied to a text it was not made for"
    );
    assert!(state.is_current());
    assert_eq!(
        state.notice.as_deref(),
        Some("The findings were out of date; they are refreshed now.")
    );
}

#[wasm_bindgen_test]
fn a_finding_without_a_fix_changes_nothing() {
    let state = loaded(BROKEN);
    let without = state
        .analysis
        .findings
        .iter()
        .position(|f| f.fix.is_none())
        .expect("a finding without a fix");
    let after = state.clone().reduce(Action::ApplyFix(without));
    assert!(Rc::ptr_eq(&after, &state));
    let after = state.clone().reduce(Action::ApplyFix(usize::MAX));
    assert!(Rc::ptr_eq(&after, &state));
}

#[wasm_bindgen_test]
fn safe_fixes_over_several_entries_are_reviewed_then_applied_together_and_counted() {
    let state = loaded(BROKEN);
    let safe = state.analysis.safe_fix_count();
    assert!(safe > 1, "{safe}");
    // They change several entries: shown first (issue 23), nothing made yet.
    let state = state.reduce(Action::ApplySafeFixes);
    assert_eq!(&*state.text, BROKEN);
    let pending = state.pending_edit.clone().expect("a review of the fixes");
    let Reviewed::Fixes { entries, .. } = pending.what else {
        panic!("{:?}", pending.what)
    };
    assert!(entries > 1, "{entries}");
    assert!(!pending.hunks.is_empty());
    // Confirmed: one step, and the notice counts as the button did.
    let state = state.reduce(Action::ConfirmEdit);
    assert_eq!(state.text, pending.text);
    assert!(state.is_current());
    assert_eq!(state.revision, 1, "one step");
    let notice = state.notice.clone().unwrap_or_default();
    // The count the button showed, and the one fix they made possible (C003's scheme, once
    // the store is spelled `s3`) apart: issue 23.
    let expected = format!("Applied the {safe} safe fixes and 1 more they made possible: ");
    assert!(notice.starts_with(&expected), "{notice}");
    assert!(notice.contains(" fixed, "), "{notice}");
}

#[wasm_bindgen_test]
fn a_safe_fix_in_one_entry_is_applied_at_once() {
    // One trailing "/" (V004's safe fix): one entry changes, no review.
    let text = "persistence:\n  outputs:\n    out:\n      existingClaim: pvc\n      mountPath: /outputs/\n";
    let state = loaded(text).reduce(Action::ApplySafeFixes);
    assert!(state.pending_edit.is_none());
    assert!(
        state.text.contains("mountPath: /outputs\n"),
        "{}",
        state.text
    );
    let notice = state.notice.clone().unwrap_or_default();
    assert!(notice.starts_with("Applied 1 safe fix: "), "{notice}");
}

#[wasm_bindgen_test]
fn set_options_checks_under_the_new_options_and_closes_a_review() {
    let state = loaded(S3);
    let state = state.clone().reduce(Action::ApplyFix(a008(&state)));
    assert!(state.pending_edit.is_some());
    let v1 = Options {
        chart: ChartChoice::V1,
        ..Options::default()
    };
    let state = state.reduce(Action::SetOptions(v1));
    assert_eq!(state.options, v1);
    assert!(state.pending_edit.is_none());
    assert!(state.is_current());
    assert_eq!(state.analysis.chart, Some(storage_core::Chart::V1));
}

#[wasm_bindgen_test]
fn a_form_edit_writes_the_text_and_keeps_the_value_as_a_draft() {
    let state = loaded(S3).reduce(Action::Form(FormEdit::SetField {
        entry: S3_OUTPUTS.into(),
        chart: storage_core::Chart::V0,
        field: Field::Bucket,
        value: "s3://elsewhere".into(),
    }));
    assert!(
        state.text.contains("bucket: s3://elsewhere"),
        "{}",
        state.text
    );
    assert!(state.is_current());
    let card = state
        .analysis
        .cards
        .iter()
        .find(|c| c.path == S3_OUTPUTS)
        .unwrap();
    assert_eq!(card.value(Field::Bucket), "s3://elsewhere");
    assert_eq!(
        state.drafts.get(&S3_OUTPUTS.to_string(), Field::Bucket),
        Some("s3://elsewhere")
    );
}

#[wasm_bindgen_test]
fn a_form_edit_core_refuses_leaves_the_text_and_says_why() {
    let state = loaded(S3);
    let after = state.clone().reduce(Action::Form(FormEdit::Rename {
        entry: S3_OUTPUTS.into(),
        chart: storage_core::Chart::V0,
        to: "Bad_Name".into(),
    }));
    assert_eq!(after.text, state.text);
    assert_eq!(after.revision, state.revision);
    let notice = after.notice.clone().unwrap_or_default();
    assert!(notice.starts_with("Not changed: `Bad_Name`"), "{notice}");
}

#[wasm_bindgen_test]
fn switching_kind_and_back_restores_what_was_there() {
    let card = |s: &State| {
        s.analysis
            .cards
            .iter()
            .find(|c| c.path == S3_OUTPUTS)
            .cloned()
            .unwrap()
    };
    // A claim has no bucket and no Secret: they leave the text...
    let claim = loaded(S3).reduce(Action::SwitchKind {
        entry: S3_OUTPUTS.into(),
        kind: Kind::Claim,
    });
    assert_eq!(card(&claim).kind, Some(Kind::Claim));
    assert!(!claim.text.contains("bucket:"), "{}", claim.text);
    assert!(
        !claim.text.contains("S3_CREDENTIALS_JSON"),
        "{}",
        claim.text
    );
    // ...and come back with the kind that had them.
    let back = claim.reduce(Action::SwitchKind {
        entry: S3_OUTPUTS.into(),
        kind: Kind::Bucket(StoreKind::S3),
    });
    let card = card(&back);
    assert_eq!(card.kind, Some(Kind::Bucket(StoreKind::S3)));
    assert_eq!(
        card.value(Field::Bucket),
        "s3://polyaxon-outputs/experiments"
    );
    assert_eq!(card.value(Field::Secret), "s3-credentials");
    assert_eq!(card.value(Field::SecretKey), "S3_CREDENTIALS_JSON");
}

#[wasm_bindgen_test]
fn an_added_entry_is_fresh_until_left() {
    let state = loaded(S3);
    let before = state.analysis.cards.len();
    let state = state.reduce(Action::AddEntry(Role::Data, None));
    assert_eq!(state.analysis.cards.len(), before + 1);
    assert_eq!(state.fresh.len(), 1);
    let added = state.fresh[0].clone();
    assert!(added.starts_with("persistence.data."), "{added}");
    assert!(state.analysis.cards.iter().any(|c| c.path == added));
    // Leaving another card changes nothing; leaving this one ends its grace.
    let other = state.clone().reduce(Action::Leave(S3_OUTPUTS.into()));
    assert_eq!(other.fresh, vec![added.clone()]);
    let left = state.reduce(Action::Leave(added));
    assert!(left.fresh.is_empty());
}

#[wasm_bindgen_test]
fn an_export_ends_every_fresh_card() {
    let state = loaded(S3)
        .reduce(Action::AddEntry(Role::Data, None))
        .reduce(Action::AddEntry(Role::Outputs, None));
    assert_eq!(state.fresh.len(), 2);
    let state = state.reduce(Action::Exported);
    assert!(state.fresh.is_empty());
    let again = state.clone().reduce(Action::Exported);
    assert!(Rc::ptr_eq(&again, &state));
}

#[wasm_bindgen_test]
fn revert_goes_back_to_the_text_as_loaded() {
    let state = loaded(BROKEN);
    let same = state.clone().reduce(Action::Revert);
    assert!(Rc::ptr_eq(&same, &state), "nothing to revert");
    let state = state
        .reduce(Action::ApplySafeFixes)
        .reduce(Action::ConfirmEdit);
    assert_ne!(&*state.text, BROKEN);
    let state = state.reduce(Action::Revert);
    assert_eq!(&*state.text, BROKEN);
    assert!(state.is_current());
    assert_eq!(
        state.analysis.findings,
        Analysis::of(BROKEN.into(), &Options::default(), None).findings
    );
    assert!(state
        .notice
        .as_deref()
        .unwrap_or("")
        .starts_with("Reverted to the file as loaded"));
}

#[wasm_bindgen_test]
fn a_migration_that_loses_something_says_so_until_dismissed() {
    // broken.yaml has `logs`, which the v1+ chart has no place for.
    let state = loaded(BROKEN);
    let state = state.clone().reduce(Action::ApplyFix(a008(&state)));
    let pending = state.pending_edit.clone().expect("a review");
    assert!(!pending.losses.is_empty());
    let state = state.reduce(Action::ConfirmEdit);
    let note = state.migration_note.clone().expect("a note");
    assert!(note.starts_with("Migrated. Not carried over: "), "{note}");
    let notice = state.notice.clone();
    let state = state.reduce(Action::DismissMigrationNote);
    assert!(state.migration_note.is_none());
    assert_eq!(state.notice, notice, "only the note goes");
}

#[wasm_bindgen_test]
fn a_confirm_or_cancel_without_a_review_changes_nothing() {
    let state = loaded(S3);
    let after = state.clone().reduce(Action::CancelEdit);
    assert!(Rc::ptr_eq(&after, &state));
    let after = state.clone().reduce(Action::ConfirmEdit);
    assert!(Rc::ptr_eq(&after, &state));
}

#[wasm_bindgen_test]
fn a_notice_goes_when_dismissed_or_at_the_next_action() {
    let state = loaded(S3).reduce(Action::ApplySafeFixes);
    assert!(state.notice.is_some());
    let dismissed = state.clone().reduce(Action::DismissNotice);
    assert!(dismissed.notice.is_none());
    assert_eq!(dismissed.text, state.text);
    let next = state.reduce(Action::Select(Some(0)));
    assert!(next.notice.is_none());
}

/// Issue 23: a file that is not text is refused with a message, and the text stays.
#[wasm_bindgen_test]
fn refused_says_why_and_keeps_the_text() {
    let state = loaded(BROKEN);
    let why = "`logo.png` was not opened: it is not UTF-8 text (an image, or UTF-16?). The editor keeps its text.";
    let next = state.clone().reduce(Action::Refused(why.to_string()));
    assert_eq!(next.notice.as_deref(), Some(why));
    assert_eq!(next.text, state.text);
    assert_eq!(next.loads, state.loads);
    assert_eq!(next.baseline, state.baseline);
}

/// What a dropped or opened file may hold: UTF-8 text without NUL bytes.
#[wasm_bindgen_test]
fn only_utf8_text_without_nul_is_a_file_to_open() {
    use storage_web::browser::text_of_file;
    assert_eq!(text_of_file(b"a: 1\n".to_vec()).as_deref(), Ok("a: 1\n"));
    // A PNG's signature is not UTF-8.
    let png = vec![
        0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d,
    ];
    assert!(text_of_file(png).unwrap_err().contains("not UTF-8"));
    // UTF-16 with its byte-order mark.
    assert!(text_of_file(vec![0xff, 0xfe, b'a', 0])
        .unwrap_err()
        .contains("not UTF-8"));
    assert!(text_of_file(b"a: 1\0\n".to_vec())
        .unwrap_err()
        .contains("NUL"));
}

#[wasm_bindgen_test]
fn entries_changed_counts_the_entries_a_change_touches() {
    let text = "persistence:\n  outputs:\n    a:\n      mountPath: /a\n      hostPath: /a\n    b:\n      mountPath: /b\n      hostPath: /b\n";
    let analysis = Analysis::of(text.into(), &Options::default(), None);
    let changed =
        |new: &str| analysis.entries_changed(&Analysis::of(new.into(), &Options::default(), None));
    // A value in one entry, a rename, a key added at the end of one: one entry each.
    assert_eq!(changed(&text.replace("hostPath: /a", "hostPath: /aa")), 1);
    assert_eq!(changed(&text.replace("    a:\n", "    a-1:\n")), 1);
    assert_eq!(
        changed(&text.replace("hostPath: /b\n", "hostPath: /b\n      readOnly: true\n")),
        1
    );
    // Both entries; nothing; a comment outside every entry; an entry added.
    assert_eq!(
        changed(&text.replace("/a\n", "/x\n").replace("/b\n", "/y\n")),
        2
    );
    assert_eq!(changed(text), 0);
    assert_eq!(changed(&format!("# values\n{text}")), 0);
    assert_eq!(
        changed(&format!(
            "{text}    c:\n      mountPath: /c\n      hostPath: /c\n"
        )),
        1
    );
    // Two entries on one flow-style line, both changed: two (a diff of lines saw one).
    let flow = "persistence:\n  outputs: {a: {mountPath: /a, hostPath: /a}, b: {mountPath: /b, hostPath: /b}}\n";
    let analysis = Analysis::of(flow.into(), &Options::default(), None);
    let after = flow.replace("/a}", "/aa}").replace("/b}", "/bb}");
    assert_eq!(
        analysis.entries_changed(&Analysis::of(
            after.as_str().into(),
            &Options::default(),
            None
        )),
        2
    );
}

const BASE: &str =
    "persistence:\n  outputs:\n    out:\n      hostPath: /data/out\n      mountPath: /outputs\n";
const PARTIAL: &str = "persistence:\n  outputs:\n    out:\n      readOnly: false\n";

fn codes(state: &State) -> Vec<&'static str> {
    state.analysis.findings.iter().map(|f| f.code).collect()
}

#[wasm_bindgen_test]
fn layers_are_tabs_checked_merged_and_each_keeps_its_text() {
    let state = Rc::new(State::new(BASE, BASE, Options::default()));
    let state = state.reduce(Action::AddLayer {
        name: "values-prod.yaml".into(),
        text: PARTIAL.into(),
    });
    // The new tab is shown; merged over the base its entry has a source.
    assert_eq!((state.tabs.len(), state.active), (2, 1));
    assert_eq!(&*state.text, PARTIAL);
    assert!(!codes(&state).contains(&"V001"), "{:?}", codes(&state));
    // A relative mountPath typed in the layer is the layer's finding.
    let typed = format!("{PARTIAL}      mountPath: outputs\n");
    let state = state.reduce(Action::Edit(typed.clone().into()));
    let state = state.reduce(Action::Analyze);
    assert!(codes(&state).contains(&"V004"));
    assert_eq!(state.analysis.layer_counts[1].0, 1);
    // The base keeps its text; its tab has none of the layer's findings.
    let state = state.reduce(Action::SwitchLayer(0));
    assert_eq!(&*state.text, BASE);
    assert!(!codes(&state).contains(&"V004"));
    let state = state.reduce(Action::SwitchLayer(1));
    assert_eq!(&*state.text, typed);
    // A name taken is numbered; the base cannot be removed; one tab left is one file.
    let state = state.reduce(Action::AddLayer {
        name: "values-prod.yaml".into(),
        text: String::new(),
    });
    assert_eq!(&*state.tabs[2].name, "values-prod.yaml (2)");
    let state = state.reduce(Action::RemoveLayer(0));
    assert_eq!(state.tabs.len(), 3);
    let state = state
        .reduce(Action::RemoveLayer(2))
        .reduce(Action::RemoveLayer(1));
    assert!(state.tabs.is_empty());
    assert_eq!(&*state.text, BASE);
}

#[wasm_bindgen_test]
fn layers_helm_refuses_are_said_and_the_tab_is_checked_alone() {
    let state = Rc::new(State::new(BASE, BASE, Options::default()));
    let state = state.reduce(Action::AddLayer {
        name: "list.yaml".into(),
        text: "- a\n- b\n".into(),
    });
    assert!(state.analysis.layer_error.is_some());
    // Alone, a list root is refused by the ordinary check.
    assert!(!state.analysis.findings.is_empty());
}
