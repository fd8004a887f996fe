//! Kubernetes naming rules (DNS-1123) and the slug that repairs a name.

/// A DNS-1123 label: what a volume name must be (lowercase letters, digits, `-`,
/// at most 63 characters, starting and ending with a letter or digit).
pub fn is_dns1123_label(name: &str) -> bool {
    let bytes = name.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= 63
        && bytes
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
        && bytes.first().is_some_and(u8::is_ascii_alphanumeric)
        && bytes.last().is_some_and(u8::is_ascii_alphanumeric)
}

/// A DNS-1123 subdomain: what a PVC or Secret name must be (labels joined by `.`, ≤ 253).
pub fn is_dns1123_subdomain(name: &str) -> bool {
    name.len() <= 253
        && !name.is_empty()
        && name.split('.').all(|label| {
            let b = label.as_bytes();
            !b.is_empty()
                && b.iter()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
                && b.first().is_some_and(u8::is_ascii_alphanumeric)
                && b.last().is_some_and(u8::is_ascii_alphanumeric)
        })
}

/// A key of a Secret's data: `[-._a-zA-Z0-9]+`.
pub fn is_secret_data_key(key: &str) -> bool {
    // Kubernetes' IsConfigMapKey: also not `.`, and not starting with `..`.
    !key.is_empty()
        && key.len() <= 253
        && key != "."
        && !key.starts_with("..")
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_'))
}

/// An upper-case environment variable name: `[A-Z_][A-Z0-9_]*`.
pub fn is_env_identifier(key: &str) -> bool {
    let b = key.as_bytes();
    b.first()
        .is_some_and(|c| c.is_ascii_uppercase() || *c == b'_')
        && b.iter()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == b'_')
}

/// `s3-secret.json` → `S3_SECRET_JSON`: the env-safe spelling of a key.
pub fn env_identifier(key: &str) -> String {
    let mut out: String = key
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    out
}

/// The closest DNS-1123 label: `Outputs_1` → `outputs-1`. `None` when nothing is left.
pub fn slug(name: &str) -> Option<String> {
    let mut out = String::new();
    for c in name.chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed: String = out.trim_matches('-').chars().take(63).collect();
    let trimmed = trimmed.trim_end_matches('-').to_string();
    is_dns1123_label(&trimmed).then_some(trimmed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert!(is_dns1123_label("outputs-1"));
        assert!(!is_dns1123_label("outputs_1"));
        assert!(!is_dns1123_label("S3Out"));
        assert!(!is_dns1123_label(&"a".repeat(64)));
        assert!(!is_dns1123_label("-a"));
    }

    #[test]
    fn subdomains() {
        assert!(is_dns1123_subdomain("outputs.pvc-2"));
        assert!(!is_dns1123_subdomain("Outputs"));
        assert!(!is_dns1123_subdomain("a..b"));
    }

    #[test]
    fn slugs_repair_names() {
        assert_eq!(slug("outputs_1").as_deref(), Some("outputs-1"));
        assert_eq!(slug("S3Out").as_deref(), Some("s3out"));
        assert_eq!(slug("__"), None);
    }

    #[test]
    fn env_names() {
        assert_eq!(env_identifier("s3-secret.json"), "S3_SECRET_JSON");
        assert!(is_env_identifier("AZURE_SECRET_JSON"));
        assert!(!is_env_identifier("azure-secret.json"));
        assert!(is_secret_data_key("azure-secret.json"));
        assert!(!is_secret_data_key("a/b"));
        assert!(!is_secret_data_key("..creds.json"));
        assert!(!is_secret_data_key("."));
        assert!(is_secret_data_key(".creds.json"));
    }
}
