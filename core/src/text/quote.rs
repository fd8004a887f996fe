//! Writing a string back as a YAML scalar that Helm reads as that same string.

use crate::yaml::ScalarStyle;

/// `value` as a YAML scalar, in the style of the scalar it replaces where that is
/// possible: quoted stays quoted (same quote), plain stays plain unless the value would
/// then read as something else (a number, `true`, a comment...), in which case it is
/// double-quoted.
pub fn scalar_like(style: ScalarStyle, value: &str) -> String {
    match style {
        ScalarStyle::SingleQuoted if !value.contains(['\n', '\r']) => single_quoted(value),
        ScalarStyle::Plain | ScalarStyle::Literal | ScalarStyle::Folded if plain_safe(value) => {
            value.to_string()
        }
        _ => double_quoted(value),
    }
}

/// `value` as a plain scalar when that reads back as the same string, else double-quoted.
pub fn scalar(value: &str) -> String {
    scalar_like(ScalarStyle::Plain, value)
}

/// `value` in double quotes, escaped.
pub fn double_quoted(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `value` in single quotes (`'` doubled).
pub fn single_quoted(value: &str) -> String {
    format!("'{}'", value.replace('\'', "''"))
}

/// Whether `value` written plain reads back as the same string under YAML 1.1 and 1.2.
pub fn plain_safe(value: &str) -> bool {
    let Some(first) = value.chars().next() else {
        return false;
    };
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) || first.is_whitespace() {
        // `-x`/`?x`/`:x` are plain in YAML, but `- x` is not: keep it simple and quote.
        return false;
    }
    if value.ends_with(char::is_whitespace) || value.ends_with(':') {
        return false;
    }
    if value.contains(": ") || value.contains(" #") || value.chars().any(char::is_control) {
        return false;
    }
    if value.contains(['{', '}', '[', ']', ',']) {
        // Safe in block context but not inside flow collections; quoting is always right.
        return false;
    }
    let lower = value.to_ascii_lowercase();
    let typed = matches!(
        lower.as_str(),
        "~" | "null" | "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n"
    ) || crate::yaml::looks_like_float(value)
        || lower.starts_with("0x")
        || lower.starts_with("0o")
        || lower.starts_with(".inf")
        || lower == ".nan";
    !typed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_when_it_reads_back_the_same() {
        assert_eq!(scalar("s3://bucket/path"), "s3://bucket/path");
        assert_eq!(scalar("true"), "\"true\"");
        assert_eq!(scalar("123"), "\"123\"");
        assert_eq!(scalar("a: b"), "\"a: b\"");
        assert_eq!(scalar(""), "\"\"");
    }

    #[test]
    fn keeps_the_quote_style() {
        assert_eq!(scalar_like(ScalarStyle::SingleQuoted, "it's"), "'it''s'");
        assert_eq!(scalar_like(ScalarStyle::DoubleQuoted, "/x"), "\"/x\"");
        assert_eq!(double_quoted("a\"b\\"), "\"a\\\"b\\\\\"");
    }
}
