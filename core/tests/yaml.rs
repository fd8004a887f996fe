//! The YAML layer through its public API: exact spans, exact messages, exact limits.
//!
//! Written against the mutants `cargo mutants` left alive in core/src/yaml/: each test
//! pins a value (a byte range, a message, a boundary) that one of them changed unseen.

use storage_core::source::Span;
use storage_core::yaml::template::{mask, MaskKind, Masked};
use storage_core::yaml::{
    load, Document, Limits, LoadError, NodeId, Reader, Scalar, ScalarStyle, ScalarType, YamlPath,
};

fn doc(text: &str) -> Document {
    load(text, &Limits::default()).expect("loads")
}

/// The value node of `key` in the root mapping.
fn value(d: &Document, key: &str) -> NodeId {
    let root = d.root().expect("a root mapping");
    d.get(root, key).expect("the key is there").value
}

fn text_of(text: &str, span: Span) -> &str {
    &text[span.start..span.end]
}

// ---- load: errors and their messages ----

#[test]
fn load_errors_display_their_exact_messages() {
    let cases = [
        (
            LoadError::Syntax {
                message: "bad indent".into(),
                span: Span::new(0, 1),
            },
            "YAML syntax error: bad indent",
        ),
        (
            LoadError::Limit {
                message: "too big".into(),
                span: Span::new(0, 0),
            },
            "input over the limits: too big",
        ),
        (
            LoadError::RootNotMapping {
                what: "a list",
                span: Span::new(0, 3),
            },
            "the document root is a list, not a mapping",
        ),
    ];
    for (error, message) in cases {
        assert_eq!(error.to_string(), message);
    }
}

#[test]
fn the_size_limit_admits_exactly_max_bytes() {
    let limits = Limits {
        max_bytes: 10,
        ..Limits::default()
    };
    let at_limit = "a: 1234567";
    assert_eq!(at_limit.len(), 10);
    assert!(load(at_limit, &limits).is_ok());

    let over = "a: 12345678";
    let error = load(over, &limits).unwrap_err();
    assert_eq!(
        error,
        LoadError::Limit {
            message: "the file is 11 bytes, over the limit of 10 bytes".into(),
            span: Span::new(0, 0),
        }
    );
    assert_eq!(
        error.to_string(),
        "input over the limits: the file is 11 bytes, over the limit of 10 bytes"
    );
}

#[test]
fn the_expansion_limit_admits_exactly_max_expanded_nodes() {
    // The root mapping counts itself, its key and its value: 3 nodes.
    let text = "a: 1\n";
    let three = Limits {
        max_expanded_nodes: 3,
        ..Limits::default()
    };
    assert!(load(text, &three).is_ok());

    let two = Limits {
        max_expanded_nodes: 2,
        ..Limits::default()
    };
    // The value `1` is the node that crosses the limit.
    assert_eq!(
        load(text, &two).unwrap_err(),
        LoadError::Limit {
            message: "aliases expand to more than 2 nodes (an alias bomb?)".into(),
            span: Span::new(3, 4),
        }
    );
}

#[test]
fn a_syntax_error_spans_the_character_it_is_at() {
    assert_eq!(
        load("a: b: c\n", &Limits::default()).unwrap_err(),
        LoadError::Syntax {
            message: "mapping values are not allowed in this context".into(),
            span: Span::new(4, 5),
        }
    );
    // After a two-byte character: a byte span, one character wide.
    assert_eq!(
        load("é: b: c\n", &Limits::default()).unwrap_err(),
        LoadError::Syntax {
            message: "mapping values are not allowed in this context".into(),
            span: Span::new(5, 6),
        }
    );
}

// ---- load: documents and roots ----

#[test]
fn a_second_document_with_a_scalar_is_dropped_at_the_scalar() {
    let d = doc("a: 1\n--- x\n");
    assert_eq!(d.dropped_document(), Some(Span::new(9, 10)));
    assert_eq!(d.key_str(value(&d, "a")), Some("1"));
    // An empty second document (a trailing `---`) is harmless.
    let d = doc("a: 1\n---\n");
    assert_eq!(d.len(), 3);
    assert_eq!(d.key_str(value(&d, "a")), Some("1"));
}

#[test]
fn an_empty_root_scalar_is_read_as_an_empty_document() {
    // `---` alone: the empty scalar is read (one node) and the document has no root.
    let d = doc("---\n");
    assert_eq!(d.len(), 1);
    assert_eq!(d.root(), None);
    // `~` and `''` are empty too (null, the empty string).
    for text in ["~\n", "''\n", "null\n"] {
        let d = doc(text);
        assert_eq!(d.root(), None, "{text:?}");
        assert_eq!(d.len(), 1, "{text:?}");
    }
}

#[test]
fn a_non_empty_root_scalar_is_refused() {
    assert_eq!(
        load("hello\n", &Limits::default()).unwrap_err(),
        LoadError::RootNotMapping {
            what: "a string",
            span: Span::new(0, 5),
        }
    );
    assert_eq!(
        load("'0'\n", &Limits::default()).unwrap_err(),
        LoadError::RootNotMapping {
            what: "a string",
            span: Span::new(0, 3),
        }
    );
    assert_eq!(
        load("42\n", &Limits::default()).unwrap_err().to_string(),
        "the document root is a number, not a mapping"
    );
}

#[test]
fn a_document_counts_its_nodes() {
    let empty = doc("# nothing\n");
    assert!(empty.is_empty());
    assert_eq!(empty.len(), 0);
    // The root mapping, `a`, the list, `1`, `2`.
    let d = doc("a: [1, 2]\n");
    assert!(!d.is_empty());
    assert_eq!(d.len(), 5);
}

#[test]
fn resolve_id_follows_aliases_to_the_anchored_node() {
    let text = "a: &x v\nc: *x\nf: 2\n";
    let d = doc(text);
    let anchored = value(&d, "a");
    assert_eq!(text_of(text, d.span(anchored)), "v");
    assert_eq!(d.resolve_id(value(&d, "c")), anchored);
    // Not an alias: itself.
    assert_eq!(d.resolve_id(anchored), anchored);
    let f = value(&d, "f");
    assert_eq!(d.resolve_id(f), f);
    assert_ne!(value(&d, "c"), anchored);
}

// ---- load: scalar spans and styles ----

#[test]
fn a_double_quoted_scalar_with_escaped_quotes_spans_to_its_closing_quote() {
    let text = "k: \"a\\\"b\" # c\nz: 1\n";
    let d = doc(text);
    let v = value(&d, "k");
    assert_eq!(d.span(v), Span::new(3, 9));
    assert_eq!(text_of(text, d.span(v)), "\"a\\\"b\"");
    let s = d.scalar(v).unwrap();
    assert_eq!(s.value, "a\"b");
    assert_eq!(s.style, ScalarStyle::DoubleQuoted);

    // An escaped backslash before the closing quote, and an escape right after the
    // opening one.
    let text = "k: \"\\\"x\\\\\"\n";
    let d = doc(text);
    let v = value(&d, "k");
    assert_eq!(text_of(text, d.span(v)), "\"\\\"x\\\\\"");
    assert_eq!(d.scalar(v).unwrap().value, "\"x\\");
}

#[test]
fn a_single_quoted_scalar_with_doubled_quotes_spans_to_its_closing_quote() {
    let text = "k: 'it''s' # c\n";
    let d = doc(text);
    let v = value(&d, "k");
    assert_eq!(d.span(v), Span::new(3, 10));
    assert_eq!(d.scalar(v).unwrap().value, "it's");
    assert_eq!(d.scalar(v).unwrap().style, ScalarStyle::SingleQuoted);
}

#[test]
fn a_folded_scalar_spans_from_its_header_to_its_last_line() {
    let text = "k: >\n  text\n  more\n\nz: 1\n";
    let d = doc(text);
    let v = value(&d, "k");
    assert_eq!(d.span(v), Span::new(3, 18));
    assert_eq!(text_of(text, d.span(v)), ">\n  text\n  more");
    let s = d.scalar(v).unwrap();
    assert_eq!(s.style, ScalarStyle::Folded);
    assert_eq!(s.value, "text more\n");
    assert_eq!(s.scalar_type(), ScalarType::Str);
}

#[test]
fn a_literal_scalar_spans_from_its_header_to_its_last_line() {
    let text = "k: |-\n  a\n  b\nz: 1\n";
    let d = doc(text);
    let v = value(&d, "k");
    assert_eq!(text_of(text, d.span(v)), "|-\n  a\n  b");
    assert_eq!(d.scalar(v).unwrap().style, ScalarStyle::Literal);
    assert_eq!(d.scalar(v).unwrap().value, "a\nb");
}

#[test]
fn anchors_and_tags_followed_by_several_spaces_stay_out_of_the_span() {
    let text = "a: &x   v\nb: !!str    w\nc: &y\t\tu\n";
    let d = doc(text);
    assert_eq!(d.span(value(&d, "a")), Span::new(8, 9));
    assert_eq!(d.span(value(&d, "b")), Span::new(22, 23));
    assert_eq!(text_of(text, d.span(value(&d, "c"))), "u");
}

// ---- Scalar ----

#[test]
fn scalar_is_empty_for_null_or_the_empty_string_only() {
    let scalar = |value: &str, style| Scalar {
        value: value.into(),
        style,
        tag: None,
    };
    // Null though not empty text.
    assert!(scalar("~", ScalarStyle::Plain).is_empty());
    assert!(scalar("null", ScalarStyle::Plain).is_empty());
    // The empty string though not null.
    assert!(scalar("", ScalarStyle::SingleQuoted).is_empty());
    assert!(scalar("", ScalarStyle::Plain).is_empty());
    // Neither.
    assert!(!scalar("~", ScalarStyle::DoubleQuoted).is_empty());
    assert!(!scalar("x", ScalarStyle::Plain).is_empty());
}

#[test]
fn pyyaml_reads_base_60_integers_exactly_as_its_resolver_does() {
    // PyYAML's int regex, base 60 part: `[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+`.
    let plain = |value: &str| Scalar {
        value: value.into(),
        style: ScalarStyle::Plain,
        tag: None,
    };
    let cases = [
        ("1:30", ScalarType::Int),
        ("1:7", ScalarType::Int),
        ("-1_0:5:59", ScalarType::Int),
        // A sexagesimal digit over 59.
        ("1:75", ScalarType::Str),
        ("1:60", ScalarType::Str),
        // Three digits, or no digit, after a colon.
        ("1:123", ScalarType::Str),
        ("1:", ScalarType::Str),
        // Not digits after a colon.
        ("1:x", ScalarType::Str),
        ("1:3x", ScalarType::Str),
        // A head that does not start with 1-9, or is not a number.
        ("a:30", ScalarType::Str),
        ("1x:30", ScalarType::Str),
        ("_1:30", ScalarType::Str),
    ];
    for (value, pyyaml) in cases {
        assert_eq!(
            plain(value).type_for(Reader::PyYaml),
            pyyaml,
            "PyYAML: `{value}`"
        );
        // Helm (go-yaml) has no base 60.
        assert_eq!(
            plain(value).type_for(Reader::Helm),
            ScalarType::Str,
            "Helm: `{value}`"
        );
    }
}

// ---- YamlPath ----

#[test]
fn a_path_compares_equal_to_its_text_only() {
    let path = YamlPath::root().child("persistence").child("outputs");
    assert!(path == "persistence.outputs");
    assert!(path != "persistence");
    assert!(path != "persistence.outputs.x");
    assert!(YamlPath::root() == "");
    assert!(YamlPath::root() != "a");
}

// ---- templates ----

#[test]
fn directive_masks_span_the_directive_after_its_indent() {
    let text = "a:\n  {{- if x }}\n  b: 1\n  {{- end }}\n";
    let (masked, parts) = mask(text).unwrap();
    assert_eq!(masked, "a:\n  #{- if x }}\n  b: 1\n  #{- end }}\n");
    assert_eq!(
        parts,
        [
            Masked {
                span: Span::new(5, 16),
                kind: MaskKind::Directive,
            },
            Masked {
                span: Span::new(26, 36),
                kind: MaskKind::Directive,
            },
        ]
    );
    assert_eq!(text_of(text, parts[0].span), "{{- if x }}");
    assert_eq!(text_of(text, parts[1].span), "{{- end }}");
}

#[test]
fn a_template_list_item_is_masked_as_a_value() {
    let text = "l:\n  - {{ .Values.a }}\n  -\t{{ b }}  # c\n";
    let (masked, parts) = mask(text).unwrap();
    assert_eq!(masked, "l:\n  - '{ .Values.a }'\n  -\t'{ b }'  # c\n");
    assert_eq!(
        parts,
        [
            Masked {
                span: Span::new(7, 22),
                kind: MaskKind::Value,
            },
            Masked {
                span: Span::new(27, 34),
                kind: MaskKind::Value,
            },
        ]
    );
    // The loaded document keeps the masks and sees two quoted strings.
    let d = doc(text);
    assert_eq!(d.masked(), &parts[..]);
    let items = d.items(value(&d, "l"));
    assert_eq!(items.len(), 2);
    assert_eq!(d.span(items[0]), Span::new(7, 22));
    assert_eq!(d.scalar(items[0]).unwrap().style, ScalarStyle::SingleQuoted);
}

#[test]
fn a_template_that_does_not_start_a_value_is_not_masked() {
    // After a word (not `key:` nor `-`): part of a plain scalar.
    assert!(mask("b: x {{ y }}\n").is_none());
    assert!(mask("b x {{ y }}\n").is_none());
    // Glued to the colon: not a `key: value` at all.
    assert!(mask("a:{{ x }}\n").is_none());
    assert!(mask("-{{ x }}\n").is_none());
}

/// Anchors and tags in front of a collection are not part of it (as for scalars): a flow
/// collection spans its brackets and is read as flow; a block one starts at its first key.
#[test]
fn anchored_and_tagged_collections_span_the_collection_only() {
    for (text, expected, flow) in [
        ("a: &x {b: 1}\n", "{b: 1}", true),
        ("a: !!map {b: 1}\n", "{b: 1}", true),
        ("a: &l [1, 2]\n", "[1, 2]", true),
        ("a: &m !!map {b: 1}  # c\n", "{b: 1}", true),
        ("a: &m\n  b: 1\n", "b: 1", false),
        ("a: &m  # the shared one\n\n  b: 1\n", "b: 1", false),
        ("a: &s\n  - 1\n", "- 1", false),
        // Without properties too: a comment after the bracket is not part of it.
        ("a: {b: 1}  # c\n", "{b: 1}", true),
        ("a: [1]  # c\n", "[1]", true),
    ] {
        let d = doc(text);
        let id = value(&d, "a");
        assert_eq!(text_of(text, d.span(id)), expected, "{text:?}");
        assert_eq!(d.node(id).map(|n| n.flow), Some(flow), "{text:?}");
    }
}

// ---- masked template values ----

#[test]
fn a_masked_template_value_reads_as_written() {
    // Parsed as a quoted string whose quotes replaced the outer braces; its value is the
    // template the user wrote, not `{ .Values.bucket }`.
    let text = "bucket: {{ .Values.bucket }}\nsecret: \"{{ .Values.secret }}\"\nplain: x\n";
    let d = doc(text);
    let value_of = |key: &str| d.scalar(value(&d, key)).expect("a scalar").value.clone();
    assert_eq!(value_of("bucket"), "{{ .Values.bucket }}");
    assert_eq!(value_of("secret"), "{{ .Values.secret }}");
    assert_eq!(value_of("plain"), "x");
    assert_eq!(
        text_of(text, d.span(value(&d, "bucket"))),
        "{{ .Values.bucket }}"
    );
}

#[test]
fn cards_the_map_and_the_migration_carry_a_template_value_whole() {
    let text = "persistence:\n  outputs:\n    s3-out:\n      store: s3\n      bucket: {{ .Values.bucket }}\n      secret: {{ .Values.secret }}\n      secretKey: CREDENTIALS\n";
    let analysis = storage_core::analyze(text, &storage_core::Options::default());
    let card = &analysis.cards[0];
    assert_eq!(
        card.value(storage_core::storage::Field::Bucket),
        "{{ .Values.bucket }}"
    );
    let bucket_row = analysis
        .map
        .rows
        .iter()
        .find_map(|r| match &r.source {
            storage_core::map::Source::Bucket { bucket, .. } => bucket.clone(),
            _ => None,
        })
        .expect("a bucket row");
    assert_eq!(bucket_row, "{{ .Values.bucket }}");
    let migration = analysis
        .report
        .findings
        .iter()
        .find_map(|f| match &f.detail {
            Some(storage_core::Detail::Migration(m)) => Some(m.block.clone()),
            _ => None,
        })
        .expect("the A008 migration");
    // Written as the user wrote it: in quotes, a template that renders quotes of its own
    // would break.
    assert!(
        migration.contains("bucket: {{ .Values.bucket }}\n"),
        "{migration}"
    );
}

#[test]
fn the_migration_writes_templates_verbatim_and_its_result_reads_back() {
    let text = "persistence:\n  outputs:\n    out:\n      mountPath: {{ .Values.mount | quote }}\n      existingClaim: {{ .Values.claim | default \"pvc\" }}\n      readOnly: {{ .Values.ro }}\n";
    let analysis = storage_core::analyze(text, &storage_core::Options::default());
    let a008 = analysis
        .report
        .findings
        .iter()
        .find(|f| f.code == "A008")
        .expect("the migration is offered");
    let Some(storage_core::Detail::Migration(m)) = &a008.detail else {
        panic!("no migration detail");
    };
    for line in [
        "volumeClaim: {{ .Values.claim | default \"pvc\" }}\n",
        "mountPath: {{ .Values.mount | quote }}\n",
        "readOnly: {{ .Values.ro }}\n",
    ] {
        assert!(m.block.contains(line), "{line} not in\n{}", m.block);
    }
    let fix = a008.fix.as_ref().expect("a fix");
    let migrated = storage_core::apply(text, &[fix]).expect("applies").text;
    let after = storage_core::analyze(&migrated, &storage_core::Options::default());
    assert!(
        after.report.findings.iter().all(|f| f.code != "Y001"),
        "{migrated}"
    );
    let placeholders = after
        .report
        .findings
        .iter()
        .filter(|f| f.code == "Y005")
        .count();
    assert_eq!(placeholders, 3, "{migrated}");
}
