//! Y001, Y003, Y004: a file Helm cannot read as one mapping. Loading finds them (a syntax
//! error, the limits, a root that is not a mapping: [`load_error`], and then no other
//! check runs); the check finds a second document, which Helm drops.

use crate::finding::{Finding, Severity};
use crate::rules::examples::Example;
use crate::rules::{Charts, Context, FixKind, Rule};
use crate::source::Span;
use crate::yaml::LoadError;

/// YAML syntax error, at the parser's position.
pub const Y001: Rule = Rule {
    code: "Y001",
    severity: Severity::Error,
    charts: Charts::Both,
    summary: "YAML syntax error",
    why: "Helm refuses a values file it cannot parse: nothing is deployed, and no other check can run until this is fixed.",
    fix: FixKind::None,
};

/// Input over the limits (size, depth, node count, alias expansion).
pub const Y003: Rule = Rule {
    code: "Y003",
    severity: Severity::Error,
    charts: Charts::Both,
    summary: "input over the limits (size, nesting depth, nodes, alias expansion)",
    why: "A values file this large or this deep is not a Helm values file; the checker stops before the work could hang or exhaust memory (alias bombs expand exponentially).",
    fix: FixKind::None,
};

/// The root is not a mapping, or the file holds several documents.
pub const Y004: Rule = Rule {
    code: "Y004",
    severity: Severity::Error,
    charts: Charts::Both,
    summary: "the document root is not a mapping, or the file holds several documents",
    why: "Helm reads values.yaml as one mapping of keys; a list or a scalar is not what the chart expects. A second `---` document is read differently by each reader: Helm 3 keeps only the first document, Helm 4 merges every document in order (a later one's keys win), and Polyaxon's deploy check refuses the file. Keep one document.",
    fix: FixKind::None,
};

pub const EXAMPLES: &[Example] = &[
    Example {
        code: "Y001",
        bad: "persistence:\n  outputs: [\n",
        fixed: "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: outputs-pvc\n",
        cluster: None,
        note: None,
    },
    Example {
        code: "Y003",
        bad: "a: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n",
        fixed: "a: [[]]\n",
        cluster: None,
        note: Some("Nesting deeper than 64 levels; the other limits are 5 MiB and a node count."),
    },
    Example {
        code: "Y004",
        bad: "- persistence\n",
        fixed: "persistence: {}\n",
        cluster: None,
        note: None,
    },
];

/// The finding for a text that could not be loaded.
pub fn load_error(error: &LoadError, text: &str) -> Finding {
    let (rule, span, message) = match error {
        LoadError::Syntax { message, span } => {
            // `***` (a value redacted before pasting) is YAML for an alias named `**`.
            let redacted = text
                .get(span.start..)
                .is_some_and(|rest| rest.starts_with("**"));
            let hint = if redacted && message.contains("anchor") {
                "; a value written `***` (redacted?) reads as an alias: quote it, `'***'`"
            } else {
                ""
            };
            (&Y001, *span, format!("YAML syntax error: {message}{hint}"))
        }
        LoadError::Limit { message, span } => {
            (&Y003, *span, format!("input over the limits: {message}"))
        }
        LoadError::RootNotMapping { what, span } => (
            &Y004,
            *span,
            format!("the document root is {what}; values.yaml must be a mapping of keys"),
        ),
    };
    Finding {
        code: rule.code,
        severity: rule.severity,
        message,
        path: String::new(),
        span,
        why: rule.why,
        detail: None,
        fix: None,
    }
}

/// Y004 for a second document, which loading dropped.
pub(super) fn check(ctx: &mut Context<'_>) {
    if let Some(at) = ctx.doc.dropped_document() {
        // Its first line: a collection's start event has no width.
        let end = ctx.text[at.start..]
            .find(['\n', '\r'])
            .map_or(ctx.text.len(), |n| at.start + n);
        ctx.report(
            &Y004,
            Span::new(at.start, end),
            "",
            "a second YAML document: Helm 3 drops it, Helm 4 merges it over the first, and Polyaxon's deploy check refuses the file; only the first is checked here (storage in this one is not)",
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::options::Options;
    use crate::rules::testing::*;

    #[test]
    fn syntax() {
        gets_and_not("Y001", "persistence:\n  outputs: [\n", CLAIM);
    }

    #[test]
    fn y001_when_helm_refuses_a_tag_or_a_key() {
        for bad in [
            "persistence:\n  outputs:\n    out:\n      readOnly: !!bool 1\n",
            "persistence:\n  outputs:\n    out:\n      mountPath: !!int /a\n",
            "persistence:\n  outputs:\n    ? [a, b]\n    : {mountPath: /a}\n",
            "persistence:\n  outputs:\n    {a: 1}: x\n",
            "persistence:\n  ~: x\n",
            // JSON has no NaN nor infinity: Helm refuses the file ("json: unsupported value").
            "persistence:\n  logs:\n    mountPath: .nan\n",
            "persistence:\n  logs:\n    mountPath: -.inf\n",
            "persistence:\n  logs:\n    mountPath: !!float .NaN\n",
            "persistence:\n  outputs:\n    o: {mountPath: /o, x: [.Inf]}\n",
        ] {
            assert_eq!(codes(&run(bad)), vec!["Y001"], "{bad}");
        }
        let nan = run("persistence:\n  logs:\n    mountPath: -.inf\n");
        assert!(
            nan.findings[0]
                .message
                .contains("`-.inf` is a float JSON cannot hold"),
            "{}",
            nan.findings[0].message
        );
        // Quoted or as a key it is a string, which Helm reads.
        for good in [
            "persistence:\n  logs:\n    mountPath: '.nan'\n",
            "persistence:\n  logs:\n    mountPath: !!str .inf\n",
            "persistence:\n  outputs:\n    .nan: {mountPath: /o, hostPath: /h}\n",
        ] {
            assert_eq!(count(&run(good), "Y001"), 0, "{good}");
        }
    }

    #[test]
    fn over_the_size_limit() {
        let mut options = Options::default();
        options.limits.max_bytes = 40;
        let report = run_with(CLAIM, options);
        assert_eq!(codes(&report), vec!["Y003"]);
        assert_eq!(count(&run(CLAIM), "Y003"), 0);
    }

    #[test]
    fn root_list() {
        gets_and_not("Y004", "- persistence\n", CLAIM);
    }

    #[test]
    fn two_documents() {
        gets_and_not("Y004", "a: 1\n---\nb: 2\n", "a: 1\n---\n");
    }

    /// Issue 20: a value redacted as `***` before pasting is a YAML alias; the syntax error
    /// says to quote it. A second document is dropped by Helm, and the message says so.
    #[test]
    fn a_redacted_value_and_a_second_document_are_explained() {
        let redacted = "persistence:\n  outputs:\n    out:\n      store: s3\n      bucket: s3://b\n      secret: ***\n      secretKey: K\n";
        let report = run(redacted);
        let y001 = report
            .findings
            .iter()
            .find(|f| f.code == "Y001")
            .expect("Y001");
        assert!(
            y001.message.contains("quote it, `'***'`"),
            "{}",
            y001.message
        );
        let quoted = redacted.replace("***", "'***'");
        assert_eq!(count(&run(&quoted), "Y001"), 0);
        // The first document is checked (V004 on its relative mountPath); the second is
        // Y004, at its first line, and not read (as Helm 3 does; Helm 4 merges it).
        let two = "persistence:\n  outputs:\n    o: {existingClaim: c, mountPath: relative}\n---\npersistence:\n  logs: {}\n";
        let report = run(two);
        let y004 = report.findings.iter().find(|f| f.code == "Y004");
        let y004 = y004.unwrap_or_else(|| panic!("Y004 in {:?}", codes(&report)));
        assert!(y004.message.contains("Helm 3 drops it, Helm 4 merges it"));
        assert_eq!(&two[y004.span.start..y004.span.end], "persistence:");
        assert_eq!(count(&report, "V004"), 1, "{:?}", codes(&report));
    }
}
