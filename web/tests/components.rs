//! Component tests in headless Chromium, Yew's way: render into a fresh element, flush the
//! scheduler, assert on the DOM. Run with `cargo test -p storage-web --target wasm32-unknown-unknown`.

use std::rc::Rc;

use storage_core::form::FormEdit;
use storage_core::storage::Kind;
use storage_core::text::bucket::StoreKind;
use storage_core::Options;
use storage_web::app::App;
use storage_web::components::card::{Props as CardProps, StorageCard};
use storage_web::components::findings::{Findings, Props as FindingsProps};
use storage_web::state::Analysis;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};
use yew::Callback;

wasm_bindgen_test_configure!(run_in_browser);

fn fresh_root() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    root
}

const BROKEN: &str = include_str!("../../tests/fixtures/examples/broken.yaml");
const S3: &str = include_str!("../../tests/fixtures/examples/s3.yaml");

#[wasm_bindgen_test]
async fn findings_list_counts_and_marks_each_finding() {
    let root = fresh_root();
    let analysis = Rc::new(Analysis::of(BROKEN.into(), &Options::default(), None));
    let expected = analysis.findings.len();
    let props = FindingsProps {
        analysis,
        selected: None,
        at_cursor: None,
        fresh: Vec::new(),
        stale: false,
        on_select: Callback::noop(),
        on_fix: Callback::noop(),
    };
    yew::Renderer::<Findings>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;

    let items = root.query_selector_all("li.finding").unwrap();
    assert_eq!(items.length() as usize, expected);
    let k001 = root
        .query_selector("li.finding[data-code='K001']")
        .unwrap()
        .expect("K001 item");
    assert_eq!(k001.get_attribute("data-line").as_deref(), Some("11"));
    let live = root.query_selector("[aria-live]").unwrap().unwrap();
    assert!(live
        .text_content()
        .unwrap()
        .contains("6 errors, 3 warnings, 4 infos"));
}

#[wasm_bindgen_test]
async fn a_finding_expands_to_its_why_and_fix() {
    let root = fresh_root();
    let props = FindingsProps {
        analysis: Rc::new(Analysis::of(BROKEN.into(), &Options::default(), None)),
        selected: None,
        at_cursor: None,
        fresh: Vec::new(),
        stale: false,
        on_select: Callback::noop(),
        on_fix: Callback::noop(),
    };
    yew::Renderer::<Findings>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    let more: HtmlElement = root
        .query_selector("li.finding[data-code='C001'] button.more")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    more.click();
    yew::scheduler::flush().await;
    let body = root
        .query_selector("li.finding[data-code='C001'] .finding-body")
        .unwrap()
        .unwrap();
    let text = body.text_content().unwrap();
    assert!(text.contains("Safe fix: Write store: s3"), "{text}");
}

#[wasm_bindgen_test]
async fn a_cloud_card_shows_its_fields_and_the_secret_command() {
    let root = fresh_root();
    let analysis = Analysis::of(S3.into(), &Options::default(), None);
    let card = analysis
        .cards
        .iter()
        .find(|c| c.name == "s3-outputs")
        .unwrap()
        .clone();
    let findings = analysis.findings_of(&card);
    let edits = Rc::new(std::cell::RefCell::new(Vec::<(String, Kind)>::new()));
    let seen = edits.clone();
    let props = CardProps {
        card,
        findings,
        on_edit: Callback::from(|_: FormEdit| ()),
        on_switch: Callback::from(move |e| seen.borrow_mut().push(e)),
        fresh: false,
        on_leave: Callback::noop(),
    };
    yew::Renderer::<StorageCard>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;

    let bucket = root
        .query_selector("#persistence-outputs-s3-outputs-bucket")
        .unwrap()
        .unwrap();
    let bucket: web_sys::HtmlInputElement = bucket.dyn_into().unwrap();
    assert_eq!(bucket.value(), "s3://polyaxon-outputs/experiments");
    assert!(root
        .query_selector("#persistence-outputs-s3-outputs-mountPath")
        .unwrap()
        .is_none());
    let command = root
        .query_selector(".secrets-helper pre.command")
        .unwrap()
        .unwrap();
    assert_eq!(
        command.text_content().unwrap(),
        "kubectl create secret generic s3-credentials --from-file=S3_CREDENTIALS_JSON=./s3-credentials.json -n polyaxon"
    );
    // Every control has a label.
    let inputs = root.query_selector_all("input").unwrap();
    for i in 0..inputs.length() {
        let input: Element = inputs.get(i).unwrap().dyn_into().unwrap();
        let id = input.id();
        assert!(
            root.query_selector(&format!("label[for='{id}']"))
                .unwrap()
                .is_some(),
            "no label for #{id}"
        );
    }
    let gcs: HtmlElement = root
        .query_selector("#persistence-outputs-s3-outputs-kind-gcs")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    gcs.click();
    yew::scheduler::flush().await;
    assert_eq!(
        edits.borrow().as_slice(),
        &[(
            "persistence.outputs.s3-outputs".to_string(),
            Kind::Bucket(StoreKind::Gcs)
        )]
    );
}

#[wasm_bindgen_test]
async fn the_app_loads_an_example_and_checks_it() {
    if let Some(storage) = web_sys::window().unwrap().local_storage().unwrap() {
        storage.clear().unwrap();
    }
    let root = fresh_root();
    yew::Renderer::<App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    assert!(root
        .text_content()
        .unwrap()
        .contains("Paste the values.yaml you deploy Polyaxon with"));
    assert_eq!(
        root.query_selector_all(".examples button")
            .unwrap()
            .length(),
        4
    );
    // The editor is CodeMirror, loaded by the page's init.js, which this test page lacks:
    // the app says so where the editor would be, and the rest of it keeps working (the
    // editor itself is covered end to end, tests/e2e).
    let alert = root
        .query_selector(".editor-error[role='alert']")
        .unwrap()
        .expect("no message about the missing editor");
    assert!(alert
        .text_content()
        .unwrap()
        .starts_with("The editor could not start"));
    assert!(root.query_selector("#finding-count").unwrap().is_some());
}

#[wasm_bindgen_test]
async fn a_v1_card_shows_the_fields_of_its_kind() {
    let root = fresh_root();
    let text = include_str!("../../tests/fixtures/examples/v1.yaml");
    let analysis = Analysis::of(text.into(), &Options::default(), None);
    let card = analysis
        .cards
        .iter()
        .find(|c| c.path == "connections.0")
        .unwrap()
        .clone();
    let props = CardProps {
        card,
        findings: Vec::new(),
        on_edit: Callback::noop(),
        on_switch: Callback::noop(),
        fresh: false,
        on_leave: Callback::noop(),
    };
    yew::Renderer::<StorageCard>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    let claim: web_sys::HtmlInputElement = root
        .query_selector("#connections-0-schema-volumeClaim")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(claim.value(), "datasets-pvc");
    assert!(root
        .query_selector("#connections-0-schema-bucket")
        .unwrap()
        .is_none());
    let checked: web_sys::HtmlInputElement = root
        .query_selector("#connections-0-kind-volume_claim")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    assert!(checked.checked());
}

#[wasm_bindgen_test]
async fn a_panic_is_reported_in_the_page() {
    let document = web_sys::window().unwrap().document().unwrap();
    let alert = document.create_element("div").unwrap();
    alert.set_id("panic");
    alert.set_attribute("hidden", "").unwrap();
    document.body().unwrap().append_child(&alert).unwrap();
    storage_web::report_panic("index out of bounds");
    assert!(!alert.has_attribute("hidden"));
    let text = alert.text_content().unwrap();
    assert!(
        text.contains("index out of bounds") && text.contains("Your text is still in the editor"),
        "{text}"
    );
}
