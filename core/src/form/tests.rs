//! The form sync for both charts: every edit changes only its entry's lines.

use super::*;
use crate::options::Options;
use crate::text::bucket::StoreKind;

fn edit_text(text: &str, e: FormEdit) -> String {
    apply_edit(text, &e).unwrap_or_else(|err| panic!("{err}"))
}

fn cards_of(text: &str) -> Vec<Card> {
    crate::analyze(text, &Options::default()).cards
}

const BASE: &str = "# head\npersistence:\n  outputs:\n    out:\n      mountPath: /o   # mine\n      existingClaim: pvc\n  data: {}\n# tail\n";

#[test]
fn cards_read_entries_and_kinds() {
    let cards = cards_of(BASE);
    assert_eq!(cards.len(), 1);
    assert_eq!(cards[0].kind, Some(Kind::Claim));
    assert_eq!(cards[0].value(Field::MountPath), "/o");
}

#[test]
fn set_field_replaces_only_the_value() {
    let out = edit_text(
        BASE,
        FormEdit::SetField {
            entry: "persistence.outputs.out".into(),
            chart: Chart::V0,
            field: Field::MountPath,
            value: "/outputs".into(),
        },
    );
    assert_eq!(out, BASE.replace("mountPath: /o ", "mountPath: /outputs "));
}

#[test]
fn set_field_adds_a_missing_key_at_the_entry_indent() {
    let out = edit_text(
        BASE,
        FormEdit::SetField {
            entry: "persistence.outputs.out".into(),
            chart: Chart::V0,
            field: Field::ReadOnly,
            value: "true".into(),
        },
    );
    assert_eq!(
        out,
        BASE.replace(
            "existingClaim: pvc\n",
            "existingClaim: pvc\n      readOnly: true\n"
        )
    );
}

#[test]
fn empty_value_removes_the_key() {
    let out = edit_text(
        BASE,
        FormEdit::SetField {
            entry: "persistence.outputs.out".into(),
            chart: Chart::V0,
            field: Field::Claim,
            value: String::new(),
        },
    );
    assert_eq!(out, BASE.replace("      existingClaim: pvc\n", ""));
}

#[test]
fn switching_kind_rewrites_the_entry() {
    let out = edit_text(
        BASE,
        FormEdit::SetKind {
            entry: "persistence.outputs.out".into(),
            chart: Chart::V0,
            kind: Kind::Bucket(StoreKind::S3),
            values: vec![
                (Field::Bucket, "s3://b-out".into()),
                (Field::Secret, "s".into()),
                (Field::SecretKey, "K".into()),
            ],
        },
    );
    assert_eq!(out, "# head\npersistence:\n  outputs:\n    out:\n      store: s3\n      bucket: s3://b-out\n      secret: s\n      secretKey: K\n  data: {}\n# tail\n");
}

#[test]
fn switching_to_a_volume_kind_writes_its_key_even_empty() {
    let text = "persistence:\n  outputs:\n    out:\n      store: s3\n      bucket: s3://b\n";
    let out = edit_text(
        text,
        FormEdit::SetKind {
            entry: "persistence.outputs.out".into(),
            chart: Chart::V0,
            kind: Kind::HostPath,
            values: vec![],
        },
    );
    assert_eq!(out, "persistence:\n  outputs:\n    out:\n      hostPath:\n");
    assert_eq!(cards_of(&out)[0].kind, Some(Kind::HostPath));
}

#[test]
fn add_into_an_empty_flow_section_and_remove_again() {
    let added = edit_text(
        BASE,
        FormEdit::Add {
            role: Role::Data,
            kind: None,
        },
    );
    assert_eq!(
        added,
        BASE.replace(
            "  data: {}\n",
            "  data:\n    data:\n      mountPath: /data\n"
        )
    );
    let removed = edit_text(
        &added,
        FormEdit::Remove {
            entry: "persistence.data.data".into(),
        },
    );
    assert_eq!(removed, BASE.replace("  data: {}\n", "  data:\n"));
}

#[test]
fn add_to_a_file_without_persistence() {
    let out = edit_text(
        "rbac:\n  enabled: true\n",
        FormEdit::Add {
            role: Role::Outputs,
            kind: None,
        },
    );
    assert_eq!(out, "rbac:\n  enabled: true\npersistence:\n  outputs:\n    outputs:\n      mountPath: /outputs\n");
}

#[test]
fn add_a_section_to_persistence() {
    let text = "persistence:\n  logs:\n    hostPath: /l\nrbac: {}\n";
    let out = edit_text(
        text,
        FormEdit::Add {
            role: Role::Outputs,
            kind: None,
        },
    );
    assert_eq!(out, "persistence:\n  logs:\n    hostPath: /l\n  outputs:\n    outputs:\n      mountPath: /outputs\nrbac: {}\n");
}

#[test]
fn rename_checks_the_name() {
    let out = edit_text(
        BASE,
        FormEdit::Rename {
            entry: "persistence.outputs.out".into(),
            chart: Chart::V0,
            to: "outputs".into(),
        },
    );
    assert!(out.contains("    outputs:\n      mountPath"));
    assert!(matches!(
        apply_edit(
            BASE,
            &FormEdit::Rename {
                entry: "persistence.outputs.out".into(),
                chart: Chart::V0,
                to: "Bad_Name".into()
            }
        ),
        Err(FormError::BadName(_))
    ));
}

#[test]
fn logs_fields_create_the_section() {
    let out = edit_text(
        BASE,
        FormEdit::SetField {
            entry: "persistence.logs".into(),
            chart: Chart::V0,
            field: Field::Claim,
            value: "logs-pvc".into(),
        },
    );
    assert!(
        out.contains("  logs:\n    existingClaim: logs-pvc\n"),
        "{out}"
    );
}

#[test]
fn values_are_quoted_when_they_would_read_as_something_else() {
    let out = edit_text(
        BASE,
        FormEdit::SetField {
            entry: "persistence.outputs.out".into(),
            chart: Chart::V0,
            field: Field::Claim,
            value: "123".into(),
        },
    );
    assert!(out.contains("existingClaim: \"123\""));
}

const V1: &str = "artifactsStore:\n  name: store  # main\n  kind: s3\n  schema:\n    bucket: s3://b\nconnections:\n  - name: data\n    kind: host_path\n    schema:\n      hostPath: /d\n      mountPath: /data\n";

#[test]
fn v1_cards_read_store_and_connections() {
    let cards = cards_of(V1);
    assert_eq!(cards.len(), 2);
    assert_eq!(cards[0].kind, Some(Kind::Bucket(StoreKind::S3)));
    assert_eq!(cards[0].value(Field::Bucket), "s3://b");
    assert_eq!(cards[1].path, "connections.0");
    assert_eq!(cards[1].value(Field::MountPath), "/data");
    assert_eq!(
        cards[1].field(Field::Claim).map(|f| f.key),
        Some("volumeClaim")
    );
}

#[test]
fn v1_a_missing_secret_block_is_added() {
    let out = edit_text(
        V1,
        FormEdit::SetField {
            entry: "artifactsStore".into(),
            chart: Chart::V1,
            field: Field::Secret,
            value: "s3-secret".into(),
        },
    );
    assert_eq!(
        out,
        V1.replace(
            "    bucket: s3://b\n",
            "    bucket: s3://b\n  secret:\n    name: s3-secret\n"
        )
    );
}

#[test]
fn v1_fields_of_list_items_are_set_in_place() {
    let out = edit_text(
        V1,
        FormEdit::SetField {
            entry: "connections.0".into(),
            chart: Chart::V1,
            field: Field::ReadOnly,
            value: "true".into(),
        },
    );
    assert_eq!(
        out,
        V1.replace(
            "      mountPath: /data\n",
            "      mountPath: /data\n      readOnly: true\n"
        )
    );
}

#[test]
fn v1_switching_kind_keeps_only_that_kinds_fields() {
    let out = edit_text(
        V1,
        FormEdit::SetKind {
            entry: "connections.0".into(),
            chart: Chart::V1,
            kind: Kind::Bucket(StoreKind::Gcs),
            values: vec![(Field::Bucket, "gs://d".into())],
        },
    );
    assert_eq!(out, "artifactsStore:\n  name: store  # main\n  kind: s3\n  schema:\n    bucket: s3://b\nconnections:\n  - name: data\n    kind: gcs\n    schema:\n      bucket: gs://d\n");
}

#[test]
fn v1_renaming_keeps_the_comment() {
    let out = edit_text(
        V1,
        FormEdit::Rename {
            entry: "artifactsStore".into(),
            chart: Chart::V1,
            to: "main".into(),
        },
    );
    assert!(out.starts_with("artifactsStore:\n  name: main  # main\n"));
    assert!(matches!(
        apply_edit(
            V1,
            &FormEdit::Rename {
                entry: "artifactsStore".into(),
                chart: Chart::V1,
                to: "data".into()
            }
        ),
        Err(FormError::BadName(_))
    ));
}

#[test]
fn v1_a_connection_is_removed_with_its_lines() {
    let out = edit_text(
        V1,
        FormEdit::Remove {
            entry: "connections.0".into(),
        },
    );
    assert_eq!(out, V1[..V1.find("  - name: data").unwrap()]);
}

#[test]
fn an_entry_reached_through_an_alias_is_not_edited_through_it() {
    let text = "x-base: &base\n  mountPath: /o\n  hostPath: /h\npersistence:\n  outputs:\n    out: *base\n";
    let result = apply_edit(
        text,
        &FormEdit::SetField {
            entry: "persistence.outputs.out".into(),
            chart: Chart::V0,
            field: Field::ReadOnly,
            value: "true".into(),
        },
    );
    assert!(matches!(result, Err(FormError::Layout(_))), "{result:?}");
}

#[test]
fn logs_is_added_with_its_chart_default() {
    let out = edit_text(
        BASE,
        FormEdit::Add {
            role: Role::Logs,
            kind: None,
        },
    );
    assert!(
        out.contains("  logs:\n    mountPath: /polyaxon-logs\n"),
        "{out}"
    );
}

/// Found in review: a key written with a space before its colon, or a flow key with no
/// value, gets its value after the colon or a refusal, never a broken line.
#[test]
fn a_value_goes_after_the_colon_wherever_it_is() {
    let text = "persistence:\n  outputs:\n    out:\n      mountPath: /o\n      hostPath :\n";
    let out = edit_text(
        text,
        FormEdit::SetField {
            entry: "persistence.outputs.out".into(),
            chart: Chart::V0,
            field: Field::HostPath,
            value: "/h".into(),
        },
    );
    assert_eq!(out, text.replace("hostPath :\n", "hostPath : /h\n"));
    let flow = "persistence:\n  outputs:\n    out: {mountPath: /o, hostPath}\n";
    let result = apply_edit(
        flow,
        &FormEdit::SetField {
            entry: "persistence.outputs.out".into(),
            chart: Chart::V0,
            field: Field::HostPath,
            value: "/h".into(),
        },
    );
    assert!(
        matches!(&result, Err(FormError::Layout(_)))
            || result
                .as_ref()
                .is_ok_and(|t| crate::yaml::load(t, &Limits::default()).is_ok()),
        "{result:?}"
    );
}

#[test]
fn add_a_v0_entry_of_a_kind() {
    let s3 = edit_text(
        "rbac: {}\n",
        FormEdit::Add {
            role: Role::Outputs,
            kind: Some(Kind::Bucket(StoreKind::S3)),
        },
    );
    assert_eq!(
        s3,
        "rbac: {}\npersistence:\n  outputs:\n    outputs:\n      store: s3\n"
    );
    let claim = edit_text(
        "persistence:\n  data: {}\n",
        FormEdit::Add {
            role: Role::Data,
            kind: Some(Kind::Claim),
        },
    );
    assert_eq!(
        claim,
        "persistence:\n  data:\n    data:\n      mountPath: /data\n      existingClaim:\n"
    );
}

#[test]
fn add_the_v1_artifacts_store_and_connections() {
    // From nothing: the store with its name and kind, then two connections.
    let store = edit_text(
        "# my values\n",
        FormEdit::Add {
            role: Role::ArtifactsStore,
            kind: Some(Kind::Bucket(StoreKind::S3)),
        },
    );
    assert_eq!(
        store,
        "# my values\nartifactsStore:\n  name: artifacts\n  kind: s3\n"
    );
    let one = edit_text(
        &store,
        FormEdit::Add {
            role: Role::Connection,
            kind: Some(Kind::Claim),
        },
    );
    assert_eq!(
        one,
        format!("{store}connections:\n  - name: volume-claim\n    kind: volume_claim\n")
    );
    let two = edit_text(
        &one,
        FormEdit::Add {
            role: Role::Connection,
            kind: Some(Kind::Claim),
        },
    );
    assert_eq!(
        two,
        format!("{one}  - name: volume-claim-2\n    kind: volume_claim\n")
    );
    // A second store is refused; the text is unchanged.
    let again = apply_edit(
        &store,
        &FormEdit::Add {
            role: Role::ArtifactsStore,
            kind: Some(Kind::HostPath),
        },
    );
    assert!(matches!(again, Err(FormError::BadName(_))), "{again:?}");
    // An empty key gets its block in place; comments around stay.
    let empty = edit_text(
        "connections: []  # none yet\nrbac: {}\n",
        FormEdit::Add {
            role: Role::Connection,
            kind: Some(Kind::HostPath),
        },
    );
    assert_eq!(
        empty,
        "connections:\n  - name: host-path\n    kind: host_path  # none yet\nrbac: {}\n"
    );
}

#[test]
fn added_v1_entries_are_read_back_as_cards_of_their_kind() {
    let text = edit_text(
        "",
        FormEdit::Add {
            role: Role::ArtifactsStore,
            kind: Some(Kind::Bucket(StoreKind::Gcs)),
        },
    );
    let text = edit_text(
        &text,
        FormEdit::Add {
            role: Role::Connection,
            kind: Some(Kind::Claim),
        },
    );
    let analysis = crate::analyze(&text, &crate::Options::default());
    let kinds: Vec<(&str, Option<Kind>)> = analysis
        .cards
        .iter()
        .map(|c| (c.path.as_str(), c.kind))
        .collect();
    assert_eq!(
        kinds,
        [
            ("artifactsStore", Some(Kind::Bucket(StoreKind::Gcs))),
            ("connections.0", Some(Kind::Claim))
        ]
    );
}

#[test]
fn adding_to_an_empty_flow_section_keeps_its_comment() {
    let out = edit_text(
        "persistence:\n  outputs: {}  # none yet\n",
        FormEdit::Add {
            role: Role::Outputs,
            kind: None,
        },
    );
    assert_eq!(
        out,
        "persistence:\n  outputs:\n    outputs:\n      mountPath: /outputs  # none yet\n"
    );
}

#[test]
fn adding_to_a_written_null_replaces_it() {
    // (Nothing written: the spaces before the comment are the file's, kept as they are.)
    for (null, gap) in [("null", "  "), ("~", "  "), ("\"\"", "  "), ("", "   ")] {
        let out = edit_text(
            &format!("persistence:\n  outputs: {null}  # none yet\n"),
            FormEdit::Add {
                role: Role::Outputs,
                kind: None,
            },
        );
        assert_eq!(
            out,
            format!("persistence:\n  outputs:\n    outputs:\n      mountPath: /outputs{gap}# none yet\n"),
            "{null:?}"
        );
    }
    let out = edit_text(
        "connections: ~\n",
        FormEdit::Add {
            role: Role::Connection,
            kind: Some(Kind::Claim),
        },
    );
    assert_eq!(
        out,
        "connections:\n  - name: volume-claim\n    kind: volume_claim\n"
    );
    let out = edit_text(
        "persistence: null\n",
        FormEdit::Add {
            role: Role::Data,
            kind: None,
        },
    );
    assert_eq!(
        out,
        "persistence:\n  data:\n    data:\n      mountPath: /data\n"
    );
}

fn add(text: &str, role: Role, kind: Option<Kind>) -> Result<String, FormError> {
    apply_edit(text, &FormEdit::Add { role, kind })
}

#[test]
fn adding_to_an_anchored_or_tagged_empty_section_keeps_the_anchor_and_a_tag_that_fits() {
    for (text, role, kind, expected) in [
        (
            "connections: &conns []\n",
            Role::Connection,
            Some(Kind::Claim),
            "connections: &conns\n  - name: volume-claim\n    kind: volume_claim\n",
        ),
        (
            "connections: !!seq []\n",
            Role::Connection,
            Some(Kind::Claim),
            "connections: !!seq\n  - name: volume-claim\n    kind: volume_claim\n",
        ),
        // A tag of the empty value that does not fit the block goes with the value.
        (
            "connections: &c !!map {}\n",
            Role::Connection,
            Some(Kind::Claim),
            "connections: &c\n  - name: volume-claim\n    kind: volume_claim\n",
        ),
        (
            "artifactsStore: !!null\n",
            Role::ArtifactsStore,
            Some(Kind::HostPath),
            "artifactsStore:\n  name: artifacts\n  kind: host_path\n",
        ),
        (
            "artifactsStore: &store\n",
            Role::ArtifactsStore,
            Some(Kind::HostPath),
            "artifactsStore: &store\n  name: artifacts\n  kind: host_path\n",
        ),
        (
            "persistence:\n  outputs: &outs {}\n",
            Role::Outputs,
            None,
            "persistence:\n  outputs: &outs\n    outputs:\n      mountPath: /outputs\n",
        ),
    ] {
        assert_eq!(add(text, role, kind).as_deref(), Ok(expected), "{text}");
    }
}

#[test]
fn adding_to_an_empty_section_an_alias_shares_is_refused() {
    // The alias would get the new entry too (and without the anchor it would name nothing).
    for (text, role) in [
        ("connections: &conns []\nother: *conns\n", Role::Connection),
        (
            "persistence:\n  outputs: &outs {}\n  data: *outs\n",
            Role::Outputs,
        ),
    ] {
        let err = add(text, role, None).expect_err(text);
        assert!(err.to_string().contains("shared through an alias"), "{err}");
    }
}

#[test]
fn a_comment_around_an_empty_section_is_kept_or_the_add_refused() {
    // After the value: it stays a comment (before, `connections: &a  # mine` glued `# mine`
    // to the new block's last value, where it is part of the value).
    for (text, expected) in [
        (
            "connections: &a  # mine\n",
            "connections: &a\n  - name: volume-claim\n    kind: volume_claim  # mine\n",
        ),
        (
            "connections: &a []  # mine\n",
            "connections: &a\n  - name: volume-claim\n    kind: volume_claim  # mine\n",
        ),
        (
            "connections:  # mine\n",
            "connections:\n  - name: volume-claim\n    kind: volume_claim  # mine\n",
        ),
    ] {
        let out = add(text, Role::Connection, Some(Kind::Claim));
        assert_eq!(out.as_deref(), Ok(expected), "{text}");
        let report = crate::check(expected, &Options::default());
        assert!(
            report.findings.iter().all(|f| !f.code.starts_with('Y')),
            "{expected}"
        );
    }
    // Between the colon and the value: it would be deleted with the value.
    for text in [
        "connections: # c\n  &a []\nx: 1\n",
        "connections: &a # c\n  []\n",
    ] {
        let err = add(text, Role::Connection, Some(Kind::Claim)).expect_err(text);
        assert!(err.to_string().contains("comment or a line break"), "{err}");
    }
}

#[test]
fn an_add_never_leaves_a_file_that_cannot_be_read() {
    // Odd ways to write an empty section: each add either gives a file the loader reads,
    // or is refused (`apply_edit` reads its result before handing it back).
    let odd = [
        "persistence:\n  outputs: &outs{}\n",
        "persistence:\n  outputs: &o !!str null\n",
        "persistence:\n  outputs:\t&o {}\n",
        "persistence:\r\n  outputs: &o {}\r\n  data: *o\r\n",
        "persistence: &p\r\n",
        "persistence: !!map {}\n",
        "connections: &c !!str\n",
        "connections: [] # a\n# b\n",
        "artifactsStore: ~ # none yet\n",
    ];
    for text in odd {
        for role in [Role::Outputs, Role::Connection, Role::ArtifactsStore] {
            if let Ok(out) = add(text, role, Some(Kind::Claim)) {
                assert!(
                    crate::yaml::load(&out, &crate::yaml::Limits::default()).is_ok(),
                    "{text:?} + {role:?} gave an unreadable file:\n{out}"
                );
            }
        }
    }
}

#[test]
fn adding_inside_a_mapping_an_alias_shares_is_refused() {
    // `other` would get the new entry too.
    for text in [
        "persistence: &p\n  outputs: {}\nother: *p\n",
        "persistence: &p\n  outputs: {}\nother:\n  <<: *p\n",
    ] {
        let err = add(text, Role::Outputs, None).expect_err(text);
        assert!(err.to_string().contains("shared through an alias"), "{err}");
    }
}

/// Found in review (issue 19): an entry whose name holds a dot (S004's usual case) could
/// not be renamed or removed from its card: its section was read from the last dot.
#[test]
fn an_entry_named_with_a_dot_is_renamed_and_removed_from_its_card() {
    let text = "persistence:\n  outputs:\n    my.out:\n      mountPath: /o\n      existingClaim: pvc\n    b:\n      mountPath: /b\n      existingClaim: pvc-b\n";
    let renamed = apply_edit(
        text,
        &FormEdit::Rename {
            entry: "persistence.outputs.my.out".into(),
            chart: Chart::V0,
            to: "my-out".into(),
        },
    )
    .expect("renamed");
    assert!(renamed.contains("    my-out:\n"), "{renamed}");
    let removed = apply_edit(
        text,
        &FormEdit::Remove {
            entry: "persistence.outputs.my.out".into(),
        },
    )
    .expect("removed");
    assert!(!removed.contains("my.out"), "{removed}");
}

/// v1+ GCS: the Secret the form names is mounted where Polyaxon reads the key file (C012).
#[test]
fn v1_a_gcs_secret_is_mounted_where_the_key_file_is_read() {
    let gcs = V1
        .replace("kind: s3", "kind: gcs")
        .replace("s3://b", "gs://b");
    let out = edit_text(
        &gcs,
        FormEdit::SetField {
            entry: "artifactsStore".into(),
            chart: Chart::V1,
            field: Field::Secret,
            value: "gcs-key".into(),
        },
    );
    assert_eq!(
        out,
        gcs.replace(
            "    bucket: gs://b\n",
            "    bucket: gs://b\n  secret:\n    name: gcs-key\n    mountPath: /plx-context/.gc\n"
        )
    );
    // A mount the user wrote stays theirs; renaming the Secret keeps it.
    let mine = out.replace("/plx-context/.gc", "/etc/gcs");
    let renamed = edit_text(
        &mine,
        FormEdit::SetField {
            entry: "artifactsStore".into(),
            chart: Chart::V1,
            field: Field::Secret,
            value: "other".into(),
        },
    );
    assert_eq!(renamed, mine.replace("gcs-key", "other"));
}

#[test]
fn a_field_path_is_where_the_findings_about_the_field_are() {
    let text =
        "persistence:\n  outputs:\n    out:\n      mountPath: outputs\n      existingClaim: pvc\n";
    let card = &cards_of(text)[0];
    assert_eq!(
        card.field_path(Field::MountPath),
        "persistence.outputs.out.mountPath"
    );
    let findings = crate::analyze(text, &Options::default()).report.findings;
    let v004 = findings.iter().find(|f| f.code == "V004").unwrap();
    assert_eq!(v004.path, card.field_path(Field::MountPath));
    assert!(card.covers(&v004.path));
    assert!(card.covers("persistence.outputs.out"));
    assert!(!card.covers("persistence.outputs.outer.mountPath"));
    assert!(!card.covers("persistence.outputs"));

    let v1 = "connections:\n  - name: data\n    kind: volume_claim\n    schema:\n      volumeClaim: pvc\n      mountPath: /data\n";
    let card = &cards_of(v1)[0];
    assert_eq!(
        card.field_path(Field::Claim),
        "connections.0.schema.volumeClaim"
    );
}

/// Every example a placeholder shows is a value the check takes: written into a fresh
/// entry of each role and kind, on both charts, it leaves no finding on its field.
#[test]
fn every_example_value_passes_the_check() {
    let mut seen = 0;
    for role in [Role::Outputs, Role::Data, Role::Connection] {
        for kind in Kind::ALL {
            let mut text = apply_edit(
                "",
                &FormEdit::Add {
                    role,
                    kind: Some(kind),
                },
            )
            .unwrap_or_else(|e| panic!("{role:?} {kind:?}: {e}"));
            let card = cards_of(&text).remove(0);
            for &field in card.shown() {
                if let Some(example) = card.example(field) {
                    text = edit_text(
                        &text,
                        FormEdit::SetField {
                            entry: card.path.clone(),
                            chart: card.chart,
                            field,
                            value: example.into(),
                        },
                    );
                    seen += 1;
                }
            }
            let findings = crate::analyze(&text, &Options::default()).report.findings;
            for &field in card.shown() {
                let at = card.field_path(field);
                let on = findings.iter().find(|f| f.path == at);
                assert!(on.is_none(), "{role:?} {kind:?}: {on:?}\n{text}");
            }
        }
    }
    assert!(seen > 20, "{seen}");
}

#[test]
fn examples_follow_the_store_and_the_role() {
    let text = "persistence:\n  outputs:\n    out:\n      store: gcs\n  data:\n    d:\n      existingClaim: pvc\n";
    let cards = cards_of(text);
    let out = cards.iter().find(|c| c.name == "out").unwrap();
    let data = cards.iter().find(|c| c.name == "d").unwrap();
    assert_eq!(out.example(Field::Bucket), Some("gs://my-bucket/polyaxon"));
    assert_eq!(out.example(Field::SecretKey), Some("GCS_CREDENTIALS_JSON"));
    assert_eq!(out.example(Field::MountPath), Some("/outputs"));
    assert_eq!(data.example(Field::MountPath), Some("/data"));
    assert_eq!(data.example(Field::ReadOnly), None);
}

/// The chart an edit writes for is the one it names (its card's), not one guessed from the
/// path: an edit naming the other chart is refused, never written in that chart's layout.
#[test]
fn an_edit_writes_the_layout_of_the_chart_it_names() {
    let card = &cards_of(BASE)[0];
    assert_eq!(card.chart, Chart::V0);
    let edit = |chart| FormEdit::SetField {
        entry: card.path.clone(),
        chart,
        field: Field::MountPath,
        value: "/elsewhere".into(),
    };
    let out = apply_edit(BASE, &edit(card.chart)).unwrap();
    assert!(out.contains("mountPath: /elsewhere"), "{out}");
    assert_eq!(
        apply_edit(BASE, &edit(Chart::V1)),
        Err(FormError::NoSuchEntry(card.path.clone()))
    );
    let v1 = "connections:\n  - name: data\n    kind: volume_claim\n    schema:\n      volumeClaim: pvc\n      mountPath: /data\n";
    let rename = |chart| FormEdit::Rename {
        entry: "connections.0".into(),
        chart,
        to: "renamed".into(),
    };
    assert!(apply_edit(v1, &rename(Chart::V1))
        .unwrap()
        .contains("name: renamed"));
    assert!(apply_edit(v1, &rename(Chart::V0)).is_err());
}
