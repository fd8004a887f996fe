//! Hostile inputs, each with a time bound (1 s natively) and a memory bound (peak heap,
//! counted by this test binary's allocator): every one ends in a finding, never a panic,
//! a hang or a blow-up. Time is this thread's CPU time, so a busy machine (other tests,
//! a build) does not make the bound flaky; wall time is printed beside it.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use common::thread_cpu_time;
use storage_core::{check, fix_all, Options, Report};

mod common;

struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = CURRENT.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The peak counter is global: run the measured checks one at a time.
static SERIAL: Mutex<()> = Mutex::new(());

/// Checks `text` and returns the report, asserting the time and peak-memory bounds.
fn bounded(name: &str, text: &str, max_mib: usize) -> Report {
    measured(name, text.len(), max_mib, || {
        check(text, &Options::default())
    })
}

/// `work` on an input of `len` bytes, asserting the time and peak-memory bounds.
fn measured<T>(name: &str, len: usize, max_mib: usize, work: impl FnOnce() -> T) -> T {
    let _guard = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let base = CURRENT.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let start = Instant::now();
    let cpu_start = thread_cpu_time();
    let out = work();
    let took = thread_cpu_time().saturating_sub(cpu_start);
    let wall = start.elapsed();
    let peak = PEAK.load(Ordering::Relaxed).saturating_sub(base);
    println!(
        "{name}: {len} bytes in, {took:?} CPU ({wall:?} wall), peak heap {} KiB",
        peak / 1024
    );
    assert!(took < Duration::from_secs(1), "{name} took {took:?}");
    assert!(peak < max_mib << 20, "{name} peaked at {} MiB", peak >> 20);
    out
}

fn codes(report: &Report) -> Vec<&'static str> {
    report.findings.iter().map(|f| f.code).collect()
}

#[test]
fn billion_laughs() {
    let mut text = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 10].join(", ");
        text.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    assert_eq!(codes(&bounded("billion laughs", &text, 16)), vec!["Y003"]);
}

#[test]
fn deep_flow_nesting() {
    let text = format!("a: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    assert_eq!(
        codes(&bounded("100,000-deep flow", &text, 16)),
        vec!["Y003"]
    );
}

#[test]
fn deep_block_nesting() {
    let text = format!("{}x\n", "- ".repeat(100_000));
    assert_eq!(
        codes(&bounded("100,000-deep block", &text, 16)),
        vec!["Y003"]
    );
}

#[test]
fn five_mib_file_and_one_just_over() {
    let line = "persistence-like-key-000000: some value here\n";
    let mut text = String::with_capacity(5 << 20);
    let mut i = 0;
    while text.len() + line.len() <= 5 << 20 {
        text.push_str(&format!("persistence-like-key-{i:06}: some value here\n"));
        i += 1;
    }
    let report = bounded("5 MiB", &text, 512);
    assert!(!codes(&report).contains(&"Y003"), "{:?}", codes(&report));
    while text.len() <= 5 << 20 {
        text.push_str("one: more\n");
    }
    assert_eq!(codes(&bounded("5 MiB + 10 bytes", &text, 16)), vec!["Y003"]);
}

#[test]
fn one_megabyte_single_line() {
    let text = format!("note: \"{}\"\n", "x".repeat(1 << 20));
    let report = bounded("1 MB line", &text, 64);
    // No persistence, so the chart's defaults apply: outputs (D003), logs and repos (D001).
    assert_eq!(codes(&report), vec!["D001", "D001", "D003"]);
    let garbage = format!("{}: [\n", "{".repeat(1 << 20));
    let report = bounded("1 MB unbalanced line", &garbage, 64);
    assert!(
        matches!(codes(&report).as_slice(), ["Y001"] | ["Y003"]),
        "{:?}",
        codes(&report)
    );
}

#[test]
fn nul_bytes() {
    let text = "persistence:\n  outputs:\0\n    out: {}\n";
    assert_eq!(codes(&bounded("NUL", text, 16)), vec!["Y001"]);
}

#[test]
fn a_key_repeated_100000_times() {
    let text = "mountPath: /outputs\n".repeat(100_000);
    let report = bounded("key x100,000", &text, 256);
    let y002 = report.findings.iter().filter(|f| f.code == "Y002").count();
    // 99,999 earlier copies, reported up to the cap of 1000.
    assert_eq!(y002, 1000);
}

#[test]
fn fixing_hostile_text_is_bounded_too() {
    let text = format!(
        "outputs:\n{}",
        "  out:\n    mountPath: /o/\n".repeat(20_000)
    );
    // CPU time and peak heap, as for the checks; and the result is what it must be.
    let _guard = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let base = CURRENT.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let cpu_start = thread_cpu_time();
    let fixed = fix_all(&text, &Options::default());
    let took = thread_cpu_time().saturating_sub(cpu_start);
    let peak = PEAK.load(Ordering::Relaxed).saturating_sub(base);
    println!(
        "fix_all on 20,000 repeated entries: {took:?} CPU, peak heap {} KiB",
        peak / 1024
    );
    assert!(took < Duration::from_secs(2), "{took:?}");
    assert!(peak < 512 << 20, "peaked at {} MiB", peak >> 20);
    // Moving `outputs` under `persistence` (S003) would reveal its entry with no kind
    // (V001, an error the file did not have): left out and named, the text unchanged.
    assert_eq!(fixed.text, text);
    assert_eq!(fixed.applied, 0);
    assert!(
        fixed.skipped.iter().any(|s| s.reason.contains("V001")),
        "{:?}",
        fixed.skipped
    );
}

/// Issue 19: verifying a fix wrote each node's whole path; under one long key with many
/// children that was the key's length times the children (`--fix`: 9.6 s and 2 GB for a
/// 100 KB key with 10,000 children, 51 s and 7.8 GB for a 1 MB key with 4,000). Now a path
/// is its hash, extended segment by segment: under 1 s and 200 MB.
#[test]
fn fixing_beside_one_long_key_with_many_children() {
    for (name, key, children) in [
        ("100 KB key, 10,000 children", 100_000, 10_000),
        ("1 MB key, 4,000 children", 1 << 20, 4_000),
    ] {
        let mut text = String::from(
            "persistence:\n  outputs:\n    out:\n      existingClaim: pvc\n      mountPath: /o/\n",
        );
        text.push_str(&format!("? {}\n:\n", "k".repeat(key)));
        for i in 0..children {
            text.push_str(&format!("  c{i}: v\n"));
        }
        let fixed = measured(name, text.len(), 200, || {
            fix_all(&text, &Options::default())
        });
        assert_eq!(fixed.applied, 1, "{name}: {:?}", fixed.skipped);
        assert!(fixed.text.contains("mountPath: /o\n"), "{name}");
    }
}
