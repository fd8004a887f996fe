//! Values files that are templates: rendered by Terraform's `templatefile` (`%{ if }`
//! lines, `${var}`), helmfile's `.gotmpl` (`{{ if }}` lines, `{{ .Values.x }}` values) or
//! envsubst (`$VAR`) before Helm sees them. The raw file is often not YAML, so before
//! parsing, whole-line directives become comments and a value that is one unquoted
//! `{{ ... }}` becomes a quoted string, byte for byte the same length: every span still
//! points into the user's text. The rules check the storage sections around them, and
//! report the masked values as placeholders (Y005), never as their YAML shape.

use crate::source::Span;

/// What was masked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MaskKind {
    /// A whole line of template control (`%{ if x }`, `{{- end }}`), now a comment.
    Directive,
    /// A value that is one unquoted `{{ ... }}`, now a quoted string.
    Value,
}

/// A masked part of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Masked {
    /// Its bytes in the text.
    pub span: Span,
    /// What it was.
    pub kind: MaskKind,
}

/// Whether `span` is a value masked in `masked` (as [`mask`] returns them: in file order,
/// one per line at most, so a binary search by span finds it).
pub fn is_masked_value(masked: &[Masked], span: Span) -> bool {
    masked
        .binary_search_by(|m| m.span.cmp(&span))
        .is_ok_and(|i| masked[i].kind == MaskKind::Value)
}

/// The text with its template syntax masked, or `None` when there is none to mask.
pub fn mask(text: &str) -> Option<(String, Vec<Masked>)> {
    if !text.contains("%{") && !text.contains("{{") {
        return None;
    }
    let mut bytes = text.as_bytes().to_vec();
    let mut masked = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let indent = content.len() - content.trim_start_matches([' ', '\t']).len();
        let body = content[indent..].trim_end();
        let directive = (body.starts_with("%{") && body.ends_with('}'))
            || (body.starts_with("{{") && body.ends_with("}}"));
        if directive {
            bytes[at + indent] = b'#';
            masked.push(Masked {
                span: Span::new(at + indent, at + indent + body.len()),
                kind: MaskKind::Directive,
            });
        } else if let Some((start, end, quote)) =
            template_value(content).filter(|_| !body.starts_with('#'))
        {
            bytes[at + start] = quote;
            bytes[at + end - 1] = quote;
            masked.push(Masked {
                span: Span::new(at + start, at + end),
                kind: MaskKind::Value,
            });
        }
        at += line.len();
    }
    if masked.is_empty() {
        return None;
    }
    // Only ASCII bytes were replaced by ASCII bytes: still UTF-8.
    String::from_utf8(bytes).ok().map(|text| (text, masked))
}

/// `key: {{ ... }}` or `- {{ ... }}` with nothing after it but a comment: the byte range of
/// `{{ ... }}` in the line, and a quote that does not occur inside it.
fn template_value(line: &str) -> Option<(usize, usize, u8)> {
    let open = line.find("{{")?;
    let before = line[..open].trim_end_matches([' ', '\t']);
    let starts_value = before.ends_with(':') || before.trim_start() == "-";
    if !starts_value || before.len() == open {
        return None;
    }
    let close = line[open..].find("}}")? + open + 2;
    let rest = line[close..].trim_start_matches([' ', '\t']);
    if !(rest.is_empty() || rest.starts_with('#')) {
        return None;
    }
    let inner = &line[open + 1..close - 1];
    let quote = if !inner.contains('\'') {
        b'\''
    } else if !inner.contains(['"', '\\']) {
        b'"'
    } else {
        return None;
    };
    Some((open, close, quote))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directive_lines_become_comments_of_the_same_length() {
        let text = "persistence:\n  outputs:\n%{ if use_s3 }\n    s3: {}\n  {{- end }}\n";
        let (masked, parts) = mask(text).unwrap();
        assert_eq!(masked.len(), text.len());
        assert_eq!(
            masked,
            "persistence:\n  outputs:\n#{ if use_s3 }\n    s3: {}\n  #{- end }}\n"
        );
        assert_eq!(parts.len(), 2);
        assert!(parts.iter().all(|p| p.kind == MaskKind::Directive));
    }

    #[test]
    fn an_unquoted_template_value_becomes_a_string() {
        let text = "a:\n  claim: {{ .Values.claim }}  # mine\n  b: s3://{{ .Values.b }}\n";
        let (masked, parts) = mask(text).unwrap();
        assert_eq!(
            masked,
            "a:\n  claim: '{ .Values.claim }'  # mine\n  b: s3://{{ .Values.b }}\n"
        );
        assert_eq!(parts.len(), 1);
        assert_eq!(
            &text[parts[0].span.start..parts[0].span.end],
            "{{ .Values.claim }}"
        );
        let quoted = "k: {{ .Values.x | default 'a' }}\n";
        assert_eq!(
            mask(quoted).unwrap().0,
            "k: \"{ .Values.x | default 'a' }\"\n"
        );
    }

    #[test]
    fn plain_yaml_is_left_alone() {
        assert!(mask("a: {b: 1}\n").is_none());
        assert!(mask("a: \"{{ x }}\"\n").is_none());
        assert!(mask("a: {{ x }}-suffix\n").is_none());
    }
}
