//! The scale tests' generator, shared with the benches (`core/benches/check.rs`).

/// `n` distinct outputs entries, each with a trailing-slash mount path (a V004 warning
/// with a safe fix) on its own host path; every third has a name that is no volume name
/// (S004, with a suggested rename).
pub fn entries(n: usize) -> String {
    let mut text = String::from("persistence:\n  outputs:\n");
    for i in 0..n {
        let name = if i % 3 == 0 {
            format!("out_{i}")
        } else {
            format!("out-{i}")
        };
        text.push_str(&format!(
            "    {name}:\n      mountPath: /outputs-{i}/\n      hostPath: /data/outputs-{i}\n"
        ));
    }
    text
}
