//! The reducer's handling of the checker's worker (`Action::Checked`): an answer counts
//! only for the text and options it was made for. Plain Rust, run with the component tests:
//! `cargo test -p storage-web --target wasm32-unknown-unknown`.

use std::rc::Rc;

use storage_core::options::ChartChoice;
use storage_core::{analyze, Options};
use storage_web::checker::Answer;
use storage_web::state::{Action, Analysis, State};
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
        Analysis::of(edited, &Options::default()).findings
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
        Analysis::of(edited, &Options::default()).findings
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
    let pending = state.pending_migration.clone().expect("a review");
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
    let cancelled = state.clone().reduce(Action::CancelMigration);
    assert!(cancelled.pending_migration.is_none());
    assert_eq!(&*cancelled.text, S3);
    // Confirm: the reviewed text, and no "fixed" count.
    let done = state.reduce(Action::ConfirmMigration);
    assert!(done.pending_migration.is_none());
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
    assert!(state.pending_migration.is_some());
    let edited: Rc<str> = format!("{S3}# more\n").into();
    let state = state.reduce(Action::Edit(edited.clone()));
    assert!(state.pending_migration.is_none());
    let state = state.reduce(Action::ConfirmMigration);
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
    let pending = state.pending_migration.clone().expect("a review");
    assert_eq!(pending.errors, 1, "{pending:?}");
    assert_eq!(&*state.text, text);
    let done = state.reduce(Action::ConfirmMigration);
    assert!(done.text.contains("artifactsStore:"));
}
