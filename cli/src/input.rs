//! Reading a values file (or stdin) into text, with a one-line reason when it cannot be.

use std::io::Read;
use std::path::{Path, PathBuf};

pub struct File {
    pub path: PathBuf,
    /// How the file is named in output (`<stdin>` for `-`).
    pub display: String,
    pub text: String,
    /// The file began with a UTF-8 byte-order mark, kept out of `text` and put back on write.
    pub bom: bool,
}

impl File {
    pub fn is_stdin(&self) -> bool {
        self.path == Path::new("-")
    }
}

/// Files larger than this are not even read into memory (the core's own limit is 5 MiB,
/// and it reports Y003 for anything between).
const READ_LIMIT: u64 = 64 * 1024 * 1024;

/// A file that could not be read as text: named in every output format beside the
/// others' findings, and the run exits 2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    /// How the file is named in output.
    pub display: String,
    /// Why, as a sentence that starts with the file's name.
    pub message: String,
}

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<Unreadable> for String {
    fn from(u: Unreadable) -> String {
        u.message
    }
}

/// Reads `path` (`-`: stdin) as UTF-8 text without NUL bytes.
pub fn read(path: &Path) -> Result<File, Unreadable> {
    let display = if path == Path::new("-") {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    };
    read_text(path).map_err(|message| Unreadable { display, message })
}

fn read_text(path: &Path) -> Result<File, String> {
    let (display, bytes) = if path == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin()
            .take(READ_LIMIT + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("<stdin>: cannot read: {e}"))?;
        ("<stdin>".to_string(), bytes)
    } else {
        let display = path.display().to_string();
        let file = std::fs::File::open(path).map_err(|e| format!("{display}: cannot read: {e}"))?;
        let mut bytes = Vec::new();
        file.take(READ_LIMIT + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("{display}: cannot read: {e}"))?;
        (display, bytes)
    };
    if bytes.len() as u64 > READ_LIMIT {
        return Err(format!(
            "{display}: larger than {} MiB; not a values file",
            READ_LIMIT >> 20
        ));
    }
    // UTF-16 (what some Windows editors save) by its byte-order mark: say so by name.
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err(format!(
            "{display}: UTF-16 text (by its byte-order mark); save it as UTF-8"
        ));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "{display}: not UTF-8 text (invalid byte at offset {}); save it as UTF-8",
            e.utf8_error().valid_up_to()
        )
    })?;
    if let Some(at) = text.find('\0') {
        return Err(format!(
            "{display}: holds a NUL byte at offset {at}; not a text file"
        ));
    }
    // A byte-order mark is not part of the YAML: offsets are simpler without it.
    let (text, bom) = match text.strip_prefix('\u{feff}') {
        Some(rest) => (rest.to_string(), true),
        None => (text, false),
    };
    Ok(File {
        path: path.to_path_buf(),
        display,
        text,
        bom,
    })
}
