use super::*;

fn files(texts: &[(&str, &str)]) -> Vec<Layer> {
    texts.iter().map(|(n, t)| Layer::file(*n, *t)).collect()
}

fn merged(layers: &[Layer]) -> String {
    merge(layers, &Options::default(), None).unwrap().text
}

#[test]
fn maps_merge_lists_and_scalars_replace_and_null_stays_for_the_chart() {
    let layers = files(&[
        ("base.yaml", "persistence:\n  outputs:\n    out:\n      hostPath: /data/out\n      mountPath: /outputs\n  logs: {mountPath: /logs}\nconnections:\n- name: a\n- name: b\n"),
        ("prod.yaml", "persistence:\n  outputs:\n    out:\n      hostPath: null\n      existingClaim: outputs-pvc\nconnections:\n- name: c\n"),
    ]);
    assert_eq!(
        merged(&layers),
        "persistence:\n  outputs:\n    out:\n      hostPath: null\n      mountPath: /outputs\n      existingClaim: outputs-pvc\n  logs:\n    mountPath: /logs\nconnections:\n  - name: c\n"
    );
}

#[cfg(feature = "set")]
#[test]
fn set_types_values_as_helm_does() {
    let mut layers = files(&[("base.yaml", "a:\n  keep: 1\n")]);
    for expr in [
        "a.t=TRUE,a.y=yes,a.n=null,a.z=0,a.o=0644,a.i=-12,a.f=1.5,a.e=",
        "a.l={x,true}",
    ] {
        layers.push(Layer::set(SetFlag::Set, expr));
    }
    layers.push(Layer::set(SetFlag::SetString, "a.s=true"));
    assert_eq!(
        merged(&layers),
        "a:\n  keep: 1\n  t: true\n  \"y\": \"yes\"\n  \"n\": null\n  z: 0\n  o: \"0644\"\n  i: -12\n  f: \"1.5\"\n  e: \"\"\n  l:\n    - \"x\"\n    - true\n  s: \"true\"\n"
    );
}

#[cfg(feature = "set")]
#[test]
fn set_into_a_list_item_keeps_its_other_keys_and_escaped_dots_are_one_key() {
    let layers = vec![
        Layer::file("base.yaml", "connections:\n- name: a\n  kind: s3\n"),
        Layer::set(
            SetFlag::Set,
            "connections[0].kind=gcs,connections[2].name=c,x\\.y=1",
        ),
    ];
    assert_eq!(
        merged(&layers),
        "connections:\n  - name: a\n    kind: \"gcs\"\n  - null\n  - name: \"c\"\nx.y: 1\n"
    );
}

#[cfg(feature = "set")]
#[test]
fn helm_order_puts_every_file_before_any_set() {
    let layers = vec![
        Layer::set(SetFlag::SetString, "a=string"),
        Layer::set(SetFlag::Set, "a=set"),
        Layer::file("base.yaml", "a: file\n"),
        Layer::set(SetFlag::SetJson, "a={\"j\": [1, 2]}"),
    ];
    // files, then --set-json, --set, --set-string.
    assert_eq!(merged(&layers), "a: \"string\"\n");
}

#[cfg(feature = "set")]
#[test]
fn set_errors_are_helms() {
    let bad = |layers: Vec<Layer>| merge(&layers, &Options::default(), None).unwrap_err();
    assert!(bad(vec![Layer::set(SetFlag::Set, "a")])
        .message
        .contains("has no value"));
    assert!(bad(vec![
        Layer::file("b", "a: x\n"),
        Layer::set(SetFlag::Set, "a.b=1")
    ])
    .message
    .contains("not a mapping"));
    assert!(bad(vec![Layer::file("b", "- 1\n")])
        .message
        .contains("mapping"));
    assert!(bad(vec![Layer::set(SetFlag::Set, "a[-1]=1")])
        .message
        .contains("negative"));
    assert!(bad(vec![Layer::set(SetFlag::SetJson, "a={\"b\":}")])
        .message
        .contains("invalid character"));
    // Helm drops an empty key, so a map of only one has no value.
    assert!(bad(vec![Layer::set(SetFlag::Set, "a..b=1")])
        .message
        .contains("key map \"a\" has no value"));
    // `[0]` after `[0]` is bounded (Helm has no limit; a stack has one).
    let deep = format!("a{}=1", "[0]".repeat(20_000));
    assert!(bad(vec![Layer::set(SetFlag::Set, deep)])
        .message
        .contains("nested deeper"));
}

#[test]
fn findings_land_where_the_value_was_set_with_what_was_replaced() {
    let base = "persistence:\n  outputs:\n    out:\n      hostPath: /data/out\n      mountPath: /outputs\n";
    let prod = "persistence:\n  outputs:\n    out:\n      mountPath: outputs\n";
    let layers = files(&[("base.yaml", base), ("prod.yaml", prod)]);
    let report = check_layers(&layers, &Options::default(), None, None).unwrap();
    let relative = report
        .placed
        .iter()
        .find(|p| {
            p.finding.path == "persistence.outputs.out.mountPath"
                && p.finding.severity == crate::Severity::Error
        })
        .expect("a relative mountPath is an error");
    assert_eq!(relative.layer, 1);
    assert_eq!(
        &prod[relative.finding.span.start..relative.finding.span.end],
        "outputs"
    );
    assert!(
        relative
            .finding
            .message
            .contains("from base.yaml:5 is replaced by prod.yaml:4"),
        "{}",
        relative.finding.message
    );
}

#[test]
fn a_fix_edits_the_layer_that_wrote_the_value() {
    let base = "persistence:\n  outputs:\n    out:\n      hostPath: /data/out\n      mountPath: /outputs\n";
    let prod = "# prod\npersistence:\n  outputs:\n    out:\n      existingclaim: outputs-pvc\n";
    let layers = files(&[("base.yaml", base), ("prod.yaml", prod)]);
    let report = check_layers(&layers, &Options::default(), None, None).unwrap();
    let typo = report
        .placed
        .iter()
        .find(|p| p.finding.code == "K001")
        .expect("K001");
    assert_eq!(typo.layer, 1);
    let fix = typo
        .finding
        .fix
        .as_ref()
        .expect("the rename is moved to prod.yaml");
    let fixed = crate::apply(prod, &[fix]).unwrap().text;
    assert_eq!(fixed, prod.replace("existingclaim", "existingClaim"));
}

#[cfg(feature = "set")]
#[test]
fn a_set_value_is_placed_in_its_argument() {
    let layers = vec![
        Layer::file("base.yaml", "persistence:\n  outputs:\n    out:\n      hostPath: /data/out\n      mountPath: /outputs\n"),
        Layer::set(SetFlag::Set, "persistence.outputs.out.mountPath=rel/path"),
    ];
    let report = check_layers(&layers, &Options::default(), None, None).unwrap();
    let p = report
        .placed
        .iter()
        .find(|p| p.finding.path == "persistence.outputs.out.mountPath")
        .unwrap();
    assert_eq!(p.layer, 1);
    assert_eq!(
        &layers[1].text[p.finding.span.start..p.finding.span.end],
        "rel/path"
    );
    assert!(
        p.finding.fix.is_none(),
        "no fix is made in a --set argument"
    );
}

#[test]
fn a_partial_layer_alone_gets_no_missing_field_finding_the_merge_fills() {
    let base = "persistence:\n  outputs:\n    out:\n      hostPath: /data/out\n      mountPath: /outputs\n";
    let prod = "persistence:\n  outputs:\n    out:\n      readOnly: false\n";
    let alone = crate::check(prod, &Options::default());
    assert!(alone
        .findings
        .iter()
        .any(|f| f.path.starts_with("persistence.outputs.out")
            && f.severity == crate::Severity::Error));
    let layers = files(&[("base.yaml", base), ("prod.yaml", prod)]);
    let report = check_layers(&layers, &Options::default(), None, None).unwrap();
    assert!(!report.report.has_errors(), "{:?}", report.report.findings);
}

#[cfg(feature = "set")]
#[test]
fn never_panics_on_odd_arguments() {
    for expr in [
        "",
        ",",
        "=",
        "a[",
        "a[1",
        "a[x]=1",
        "a]=1",
        "a.=1",
        ".a=1",
        "a..b=1",
        "a[0][1]=2",
        "a[0].b[1].c=3",
        "\\",
        "a=\\",
        "a={",
        "a={x",
        "a[99999999999]=1",
        "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.a.b.c.d.e.f=1",
    ] {
        for flag in [SetFlag::Set, SetFlag::SetString, SetFlag::SetJson] {
            let _ = merge(
                &[Layer::file("b", "a: {b: 1}\n"), Layer::set(flag, expr)],
                &Options::default(),
                None,
            );
        }
    }
}

/// The document built with the merged text is the one loading the text gives, on every
/// fixture, merged over itself and over the chart's values, with `--set`s.
#[cfg(feature = "set")]
#[test]
fn the_built_document_is_what_loading_the_merged_text_gives() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures");
    let mut files = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(dir)];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "yaml" || x == "yml") {
                files.push(p);
            }
        }
    }
    assert!(files.len() > 20, "{} fixtures", files.len());
    let chart = std::fs::read_to_string(format!("{dir}/corpus/chart-0.6.1-values.yaml")).unwrap();
    let mut compared = 0;
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let sets = [
            Layer::set(SetFlag::Set, "persistence.outputs.x.mountPath=/x,connections[1].name=y,a\\.b=yes"),
            Layer::set(SetFlag::SetJson, "artifactsStore={\"name\": \"s\", \"kind\": \"s3\", \"n\": [1, 2.5, null, true, {}]}"),
        ];
        for layers in [
            vec![Layer::file("a", text.clone())],
            vec![
                Layer::file("chart", chart.clone()),
                Layer::file("a", text.clone()),
            ],
            vec![
                Layer::file("a", text.clone()),
                Layer::file("b", text.clone()),
                sets[0].clone(),
                sets[1].clone(),
            ],
        ] {
            let Ok(mut merged) = merge(&layers, &Options::default(), None) else {
                continue;
            };
            let Some(built) = merged.rendered.take_loaded(&Default::default()) else {
                continue;
            };
            let loaded = crate::yaml::load(&merged.text, &Default::default())
                .unwrap_or_else(|e| panic!("{}: {e}\n{}", path.display(), merged.text));
            assert_eq!(built.root, loaded.root, "{}", path.display());
            for (i, (b, l)) in built.nodes.iter().zip(&loaded.nodes).enumerate() {
                assert_eq!(b, l, "{} node {i}:\n{}", path.display(), merged.text);
            }
            assert_eq!(built.nodes.len(), loaded.nodes.len(), "{}", path.display());
            compared += 1;
        }
    }
    assert!(compared > 50, "{compared} merged documents compared");
}
