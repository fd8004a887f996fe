//! Scale of the human renderer: a one-line flow file with many entries puts every finding
//! on one huge line. Four times the entries may take at most five times the CPU time of
//! the `storage-check` process (its own CPU time, the best of three runs).

use std::process::{Command, Stdio};
use std::time::Duration;

/// `n` outputs entries on one line, each with a trailing-slash mount path (V004).
fn one_line(n: usize) -> String {
    let entries: Vec<String> = (0..n)
        .map(|i| format!("out-{i}: {{mountPath: /outputs-{i}/, hostPath: /data/outputs-{i}}}"))
        .collect();
    format!("persistence: {{outputs: {{{}}}}}\n", entries.join(", "))
}

/// CPU time of finished children of this process.
fn children_cpu() -> Duration {
    // SAFETY: getrusage fills the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

fn render_cpu(path: &std::path::Path) -> Duration {
    (0..3)
        .map(|_| {
            let before = children_cpu();
            let status = Command::new(env!("CARGO_BIN_EXE_storage-check"))
                .args(["--color", "never"])
                .arg(path)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .expect("storage-check runs");
            assert!(status.code().is_some_and(|c| c <= 1), "{status:?}");
            children_cpu().saturating_sub(before)
        })
        .min()
        .unwrap_or_default()
}

#[test]
fn the_human_renderer_is_linear_on_one_huge_line() {
    let dir = std::env::temp_dir().join(format!("storage-check-scale-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let (small, large) = (dir.join("small.yaml"), dir.join("large.yaml"));
    std::fs::write(&small, one_line(500)).expect("write");
    std::fs::write(&large, one_line(2000)).expect("write");
    let (a, b) = (render_cpu(&small), render_cpu(&large));
    let _ = std::fs::remove_dir_all(&dir);
    let ratio = b.as_secs_f64() / a.as_secs_f64().max(1e-3);
    println!("human renderer: 500 entries {a:?}, 2000 entries {b:?}: ×{ratio:.2}");
    assert!(
        ratio <= 5.0,
        "×4 entries took ×{ratio:.2} the time ({a:?} → {b:?})"
    );
}
