//! Properties shared by the fuzz targets (included with `#[path]`, not a crate).

use storage_core::{apply, fix_all, Fix, FixAll, Options};

/// `fix_all`'s outcome, whether it returns `Result<FixAll, _>` or (infallible) `FixAll`:
/// the targets call [`fixed`] and keep working when the signature changes.
pub trait FixOutcome {
    fn into_fixed(self) -> Option<FixAll>;
}

impl FixOutcome for FixAll {
    fn into_fixed(self) -> Option<FixAll> {
        Some(self)
    }
}

impl<E> FixOutcome for Result<FixAll, E> {
    fn into_fixed(self) -> Option<FixAll> {
        self.ok()
    }
}

/// `fix_all(text)`, `None` when it refused.
pub fn fixed(text: &str, options: &Options) -> Option<FixAll> {
    fix_all(text, options).into_fixed()
}

/// Applying `fix` alone either fails or keeps every byte of `text` outside its edits.
pub fn assert_keeps_bytes_outside(text: &str, fix: &Fix) {
    let Ok(applied) = apply(text, &[fix]) else { return };
    let mut edits = fix.edits.clone();
    edits.sort();
    let (mut at, mut out) = (0, 0);
    for e in &edits {
        let keep = &text[at..e.start];
        assert_eq!(
            applied.text.get(out..out + keep.len()),
            Some(keep),
            "fix {:?} changed bytes before {}",
            fix.title,
            e.start
        );
        out += keep.len() + e.replacement.len();
        at = e.end;
    }
    assert_eq!(
        applied.text.get(out..),
        Some(&text[at..]),
        "fix {:?} changed bytes after its last edit",
        fix.title
    );
}
