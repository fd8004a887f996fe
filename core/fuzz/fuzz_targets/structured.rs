//! Structure-aware: libFuzzer's bytes become a small model of a values file (v0
//! `persistence`, v1 `artifactsStore`/`connections`, keys and values from vocabularies of
//! real and misspelled ones, anchors, merge keys, flow style, CRLF, BOM, template lines),
//! rendered to YAML, and checked under one combination of the options, also chosen by
//! the bytes. Random bytes almost never get past the YAML reader; these inputs reach the
//! rules and the fixes.
//!
//! Properties: `analyze` (hence `check`) never panics and every finding's span lies in
//! the text on char boundaries; each single fix applies or is refused, and keeps every
//! byte outside its edits; `fix_all` never panics, never makes a readable text unreadable
//! (no Y001/Y003/Y004 the input did not have), and fixing twice equals fixing once;
//! `migrate::plan` never panics and its fix keeps the bytes outside its edits.
#![no_main]

#[path = "common.rs"]
mod common;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use storage_core::{analyze, yaml, ChartChoice, Edition, Options, Topology};

// ---------------------------------------------------------------- vocabularies

/// Keys of v0 entries (and of v1 schemas): the real ones, their misspellings, the
/// 0.1.x keys, and a few that belong nowhere.
const ENTRY_KEYS: &[&str] = &[
    "mountPath", "hostPath", "existingClaim", "readOnly", "store", "bucket", "secret",
    "secretKey", "subPath", "existingclaim", "MountPath", "size", "accessMode",
    "storageClass", "name", "mount_path", "host_path", "read_only", "volumeClaim",
    "volume_claim", "existing_claim", "hostpath", "mountpath", "readonly", "Bucket",
    "secretkey", "secret_key", "items", "defaultMode", "nfs", "server", "path",
];

/// Keys of a v1 connection (besides `name`, `kind`, `schema`, `secret`, `configMap`).
const CONNECTION_KEYS: &[&str] = &[
    "description", "tags", "env", "annotations", "isAlias", "is_alias", "config_map",
    "Kind", "Schema", "bucket", "mountPath", "hostPath", "volumeClaim", "readOnly",
    "secretKey", "existingClaim",
];

/// Keys of a v1 `secret`/`configMap` reference.
const REF_KEYS: &[&str] = &[
    "name", "mountPath", "mount_path", "items", "defaultMode", "default_mode",
    "isRequested", "is_requested", "key", "secretKey", "Name",
];

/// v1 connection kinds, real and not.
const KINDS: &[&str] = &[
    "host_path", "volume_claim", "s3", "gcs", "wasb", "git", "slack", "azure", "S3",
    "aws", "gcp", "registry", "volumeClaim", "hostPath", "pvc", "persistent_volume_claim",
    "GCS", "minio", "webhook", "custom", "",
];

/// v0 `store` values.
const STORES: &[&str] = &["s3", "gcs", "azure", "aws", "gs", "wasb", "S3", "minio", "local", ""];

/// Value words: paths, bucket URLs, names, placeholders.
const WORDS: &[&str] = &[
    "/outputs", "/data", "/polyaxon-logs", "/tmp/logs", "/tmp/upload", "/polyaxon-repos",
    "data/dir", "/outputs/", "/", "/plx-context/artifacts", "/data/../etc", "~/data",
    "/mnt/nfs", "/artifacts", "C:\\data",
    "s3://bucket", "s3://bucket/path/", "s3://", "s3:/bucket", "S3://Bucket_1",
    "gs://bucket", "gs://bucket/prefix", "gcs://bucket",
    "wasbs://container@account.blob.core.windows.net/path",
    "wasb://container@account.blob.core.windows.net", "wasbs://container",
    "https://account.blob.core.windows.net/container", "http://minio:9000/bucket",
    "my-bucket", "bucket", "outputs-pvc", "Outputs_1", "polyaxon-pvc-logs",
    "s3-secret", "s3-secret.json", "gcs-secret", "account.json", "S3_CREDENTIALS_JSON",
    "{{ .Values.x }}", "{{ .Values.bucket }}/p", "${var}", "gs://${bucket}", "$VAR",
    "%{ if x }y%{ endif }", "é/日本", "a b", "-",
];

/// Booleans in YAML 1.1 and 1.2 spellings, quoted or not, and near misses.
const BOOLS: &[&str] = &[
    "true", "false", "yes", "no", "On", "off", "\"true\"", "'false'", "1", "0", "y", "n",
    "True", "FALSE", "YES", "\"yes\"", "enabled",
];

/// Numbers and number-like scalars.
const NUMBERS: &[&str] = &[
    "0", "10Gi", "420", "0644", "0o644", "1e3", "-1", ".inf", "0x1F", "1_000", "3.5", "0.",
];

/// Empty values.
const EMPTIES: &[&str] = &["", "~", "null", "\"\"", "''", "{}", "[]", "Null"];

/// Names for v0 entries and v1 connections.
const NAMES: &[&str] = &[
    "outputs", "data", "s3-out", "Outputs_1", "datasets", "artifacts", "logs", "scratch",
    "a", "gcs-out", "azure", "datasets2", "x.y", "",
];

/// Unrelated top-level keys.
const OTHER_KEYS: &[&str] = &[
    "rbac", "ingress", "email", "defaultArtifactsStore", "mountConnections",
    "notificationConnections", "deploymentChart", "persistence", "artifactsStore",
    "connections", "x-base",
];

/// Template control lines (Terraform, helmfile) and comments.
const TEMPLATE_LINES: &[&str] = &[
    "%{ if use_s3 }", "%{ endif }", "%{ for b in buckets }", "%{ endfor }", "%{~ else ~}",
    "{{- if .Values.s3 }}", "{{- end }}", "{{ else }}", "# a comment", "#",
];

fn pick(list: &'static [&'static str], i: u8) -> &'static str {
    list[i as usize % list.len()]
}

// ---------------------------------------------------------------- the model

#[derive(Arbitrary, Debug)]
struct Values {
    bom: bool,
    crlf: bool,
    /// chart × topology × edition.
    options: u8,
    items: Vec<Top>,
}

#[derive(Arbitrary, Debug)]
enum Top {
    Persistence(Persistence),
    ArtifactsStore(Connection),
    /// `artifactsStore` written as a list (the v1.1 Azure docs).
    ArtifactsStoreList(Vec<Connection>),
    Connections(Vec<Connection>, bool),
    MountConnections(Vec<u8>),
    /// `x-base: &aN {...}` for merge keys to point at.
    Base(u8, Entry),
    Other(u8, Value),
    Line(u8),
}

#[derive(Arbitrary, Debug)]
struct Persistence {
    sections: Vec<Section>,
    flow: bool,
}

#[derive(Arbitrary, Debug)]
enum Section {
    /// `outputs`/`data`: name → entry.
    Map(u8, bool, Vec<(u8, Entry)>, Option<u8>),
    /// `logs`/`repos`/`upload`: one entry.
    Single(u8, Entry),
    /// Any of the five as a scalar or alias.
    Scalar(u8, Value),
    Line(u8),
}

const MAP_SECTIONS: &[&str] = &["outputs", "data", "output", "Outputs"];
const SINGLE_SECTIONS: &[&str] = &["logs", "repos", "upload", "outputs", "data", "log"];

#[derive(Arbitrary, Debug)]
struct Entry {
    anchor: Option<u8>,
    merge: Option<u8>,
    flow: bool,
    fields: Vec<Field>,
}

#[derive(Arbitrary, Debug)]
enum Field {
    Pair(u8, Value),
    Store(u8, Quote),
    Line(u8),
}

#[derive(Arbitrary, Debug)]
struct Connection {
    anchor: Option<u8>,
    merge: Option<u8>,
    flow: bool,
    name: Option<(u8, Quote)>,
    kind: Option<(u8, Quote)>,
    schema: Option<Sub>,
    secret: Option<Sub>,
    config_map: Option<Sub>,
    extra: Vec<(u8, Value)>,
}

/// `schema`, `secret` or `configMap`: a mapping, a scalar (wrong), or an alias.
#[derive(Arbitrary, Debug)]
enum Sub {
    Map(bool, Vec<(u8, Value)>),
    Scalar(Value),
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Quote {
    Plain,
    Single,
    Double,
}

#[derive(Arbitrary, Debug)]
enum Value {
    Word(u8, Quote),
    Bool(u8),
    Number(u8),
    Empty(u8),
    Alias(u8),
    List(Vec<(u8, Quote)>),
}

// ---------------------------------------------------------------- rendering

/// The text under construction: lines at an indentation, LF or CRLF.
struct Out {
    text: String,
    nl: &'static str,
}

/// Caps on sizes, so one input renders to at most a few KB.
const MAX_ITEMS: usize = 8;
const MAX_FIELDS: usize = 8;

impl Out {
    fn line(&mut self, indent: usize, s: &str) {
        for _ in 0..indent {
            self.text.push(' ');
        }
        self.text.push_str(s);
        self.text.push_str(self.nl);
    }
}

fn quoted(word: &str, q: Quote) -> String {
    match q {
        Quote::Plain => word.to_string(),
        Quote::Single => format!("'{}'", word.replace('\'', "''")),
        Quote::Double => format!("\"{}\"", word.replace('\\', "\\\\").replace('"', "\\\"")),
    }
}

fn value(v: &Value) -> String {
    match v {
        Value::Word(i, q) => quoted(pick(WORDS, *i), *q),
        Value::Bool(i) => pick(BOOLS, *i).to_string(),
        Value::Number(i) => pick(NUMBERS, *i).to_string(),
        Value::Empty(i) => pick(EMPTIES, *i).to_string(),
        Value::Alias(i) => format!("*a{}", i % 4),
        Value::List(words) => {
            let items: Vec<String> =
                words.iter().take(4).map(|(i, q)| quoted(pick(WORDS, *i), *q)).collect();
            format!("[{}]", items.join(", "))
        }
    }
}

/// `key: value` with the space after the colon dropped when the value is empty.
fn pair(key: &str, v: &str) -> String {
    if v.is_empty() {
        format!("{key}:")
    } else {
        format!("{key}: {v}")
    }
}

fn anchor(a: Option<u8>) -> String {
    a.map(|a| format!(" &a{}", a % 4)).unwrap_or_default()
}

/// The pairs of an entry (v0) as `key: value` strings; `None` entries are template lines.
fn entry_pairs(e: &Entry) -> Vec<Result<String, &'static str>> {
    let mut out = Vec::new();
    if let Some(m) = e.merge {
        out.push(Ok(format!("<<: *a{}", m % 4)));
    }
    for f in e.fields.iter().take(MAX_FIELDS) {
        out.push(match f {
            Field::Pair(k, v) => Ok(pair(pick(ENTRY_KEYS, *k), &value(v))),
            Field::Store(s, q) => Ok(pair("store", &quoted(pick(STORES, *s), *q))),
            Field::Line(l) => Err(pick(TEMPLATE_LINES, *l)),
        });
    }
    out
}

/// Writes `head` then the pairs, as a block mapping at `indent` or as one flow mapping.
fn mapping(out: &mut Out, indent: usize, head: &str, anchor: &str, flow: bool, pairs: Vec<Result<String, &'static str>>) {
    if flow || pairs.is_empty() {
        let inner: Vec<String> = pairs.into_iter().filter_map(Result::ok).collect();
        out.line(indent, &format!("{head}{anchor} {{{}}}", inner.join(", ")));
        return;
    }
    out.line(indent, &format!("{head}{anchor}"));
    for p in pairs {
        match p {
            Ok(p) => out.line(indent + 2, &p),
            Err(line) => out.line(0, line),
        }
    }
}

fn sub_pairs(keys: &'static [&'static str], pairs: &[(u8, Value)]) -> Vec<Result<String, &'static str>> {
    pairs
        .iter()
        .take(MAX_FIELDS)
        .map(|(k, v)| Ok(pair(pick(keys, *k), &value(v))))
        .collect()
}

fn sub(out: &mut Out, indent: usize, key: &str, keys: &'static [&'static str], s: &Sub) {
    match s {
        Sub::Map(flow, pairs) => mapping(out, indent, &format!("{key}:"), "", *flow, sub_pairs(keys, pairs)),
        Sub::Scalar(v) => out.line(indent, &pair(key, &value(v))),
    }
}

/// A connection under `head`: `key:` or, as a list item, `- `.
fn connection(out: &mut Out, indent: usize, head: &str, c: &Connection) {
    if c.flow {
        let mut pairs = Vec::new();
        if let Some(m) = c.merge {
            pairs.push(format!("<<: *a{}", m % 4));
        }
        if let Some((n, q)) = c.name {
            pairs.push(pair("name", &quoted(pick(NAMES, n), q)));
        }
        if let Some((k, q)) = c.kind {
            pairs.push(pair("kind", &quoted(pick(KINDS, k), q)));
        }
        for (key, keys, s) in [("schema", ENTRY_KEYS, &c.schema), ("secret", REF_KEYS, &c.secret), ("configMap", REF_KEYS, &c.config_map)] {
            match s {
                Some(Sub::Map(_, p)) => {
                    let inner: Vec<String> = sub_pairs(keys, p).into_iter().filter_map(Result::ok).collect();
                    pairs.push(format!("{key}: {{{}}}", inner.join(", ")));
                }
                Some(Sub::Scalar(v)) => pairs.push(pair(key, &value(v))),
                None => {}
            }
        }
        for (k, v) in c.extra.iter().take(4) {
            pairs.push(pair(pick(CONNECTION_KEYS, *k), &value(v)));
        }
        out.line(indent, &format!("{head}{} {{{}}}", anchor(c.anchor), pairs.join(", ")));
        return;
    }
    // Block style: `head` is `key:` (then the body one level in) or `- ` (the first
    // pair on the dash's line, the rest aligned under it).
    let dash = head == "- ";
    let (mut first, inner) = (dash, indent + 2);
    let anchor = anchor(c.anchor);
    if !dash {
        out.line(indent, &format!("{head}{anchor}"));
    } else if !anchor.is_empty() {
        out.line(indent, &format!("-{anchor}"));
        first = false;
    }
    let mut emit = |out: &mut Out, s: String| {
        if first {
            out.line(indent, &format!("- {s}"));
            first = false;
        } else {
            out.line(inner, &s);
        }
    };
    if let Some(m) = c.merge {
        emit(out, format!("<<: *a{}", m % 4));
    }
    if let Some((n, q)) = c.name {
        emit(out, pair("name", &quoted(pick(NAMES, n), q)));
    }
    if let Some((k, q)) = c.kind {
        emit(out, pair("kind", &quoted(pick(KINDS, k), q)));
    }
    for (k, v) in c.extra.iter().take(4) {
        emit(out, pair(pick(CONNECTION_KEYS, *k), &value(v)));
    }
    if first {
        // Nothing on the dash's line yet: a bare dash (the sub-mappings follow, indented)
        // or an empty item.
        let subs = c.schema.is_some() || c.secret.is_some() || c.config_map.is_some();
        out.line(indent, if subs { "-" } else { "- {}" });
    }
    for (key, keys, s) in [("schema", ENTRY_KEYS, &c.schema), ("secret", REF_KEYS, &c.secret), ("configMap", REF_KEYS, &c.config_map)] {
        if let Some(s) = s {
            sub(out, inner, key, keys, s);
        }
    }
}

fn render(v: &Values) -> String {
    let mut out = Out { text: String::new(), nl: if v.crlf { "\r\n" } else { "\n" } };
    if v.bom {
        out.text.push('\u{feff}');
    }
    for item in v.items.iter().take(MAX_ITEMS) {
        match item {
            Top::Persistence(p) => {
                if p.flow {
                    let sections: Vec<String> = p
                        .sections
                        .iter()
                        .take(MAX_ITEMS)
                        .filter_map(|s| match s {
                            Section::Map(k, _, entries, _) => {
                                let inner: Vec<String> = entries
                                    .iter()
                                    .take(MAX_ITEMS)
                                    .map(|(n, e)| {
                                        let fields: Vec<String> = entry_pairs(e).into_iter().filter_map(Result::ok).collect();
                                        format!("{}:{} {{{}}}", pick(NAMES, *n), anchor(e.anchor), fields.join(", "))
                                    })
                                    .collect();
                                Some(format!("{}: {{{}}}", pick(MAP_SECTIONS, *k), inner.join(", ")))
                            }
                            Section::Single(k, e) => {
                                let fields: Vec<String> = entry_pairs(e).into_iter().filter_map(Result::ok).collect();
                                Some(format!("{}: {{{}}}", pick(SINGLE_SECTIONS, *k), fields.join(", ")))
                            }
                            Section::Scalar(k, val) => Some(pair(pick(SINGLE_SECTIONS, *k), &value(val))),
                            Section::Line(_) => None,
                        })
                        .collect();
                    out.line(0, &format!("persistence: {{{}}}", sections.join(", ")));
                    continue;
                }
                out.line(0, "persistence:");
                for s in p.sections.iter().take(MAX_ITEMS) {
                    match s {
                        Section::Map(k, flow, entries, alias) => {
                            let key = pick(MAP_SECTIONS, *k);
                            if let Some(a) = alias {
                                // The whole section is an alias of an earlier mapping.
                                out.line(2, &format!("{key}: *a{}", a % 4));
                                continue;
                            }
                            if *flow || entries.is_empty() {
                                let inner: Vec<String> = entries
                                    .iter()
                                    .take(MAX_ITEMS)
                                    .map(|(n, e)| {
                                        let fields: Vec<String> = entry_pairs(e).into_iter().filter_map(Result::ok).collect();
                                        format!("{}:{} {{{}}}", pick(NAMES, *n), anchor(e.anchor), fields.join(", "))
                                    })
                                    .collect();
                                out.line(2, &format!("{key}: {{{}}}", inner.join(", ")));
                                continue;
                            }
                            out.line(2, &format!("{key}:"));
                            for (n, e) in entries.iter().take(MAX_ITEMS) {
                                mapping(&mut out, 4, &format!("{}:", pick(NAMES, *n)), &anchor(e.anchor), e.flow, entry_pairs(e));
                            }
                        }
                        Section::Single(k, e) => {
                            mapping(&mut out, 2, &format!("{}:", pick(SINGLE_SECTIONS, *k)), &anchor(e.anchor), e.flow, entry_pairs(e));
                        }
                        Section::Scalar(k, val) => out.line(2, &pair(pick(SINGLE_SECTIONS, *k), &value(val))),
                        Section::Line(l) => out.line(0, pick(TEMPLATE_LINES, *l)),
                    }
                }
            }
            Top::ArtifactsStore(c) => connection(&mut out, 0, "artifactsStore:", c),
            Top::ArtifactsStoreList(cs) => {
                out.line(0, "artifactsStore:");
                for c in cs.iter().take(MAX_ITEMS) {
                    connection(&mut out, 2, "- ", c);
                }
            }
            Top::Connections(cs, indented) => {
                if cs.is_empty() {
                    out.line(0, "connections: []");
                    continue;
                }
                out.line(0, "connections:");
                // Helm accepts both `- ` at the key's column and indented under it.
                let at = if *indented { 2 } else { 0 };
                for c in cs.iter().take(MAX_ITEMS) {
                    connection(&mut out, at, "- ", c);
                }
            }
            Top::MountConnections(names) => {
                let names: Vec<&str> = names.iter().take(4).map(|n| pick(NAMES, *n)).collect();
                out.line(0, &format!("mountConnections: [{}]", names.join(", ")));
            }
            Top::Base(a, e) => {
                mapping(&mut out, 0, "x-base:", &format!(" &a{}", a % 4), e.flow, entry_pairs(e));
            }
            Top::Other(k, val) => out.line(0, &pair(pick(OTHER_KEYS, *k), &value(val))),
            Top::Line(l) => out.line(0, pick(TEMPLATE_LINES, *l)),
        }
    }
    out.text
}

fn options(i: u8) -> Options {
    let i = i as usize;
    Options {
        chart: [ChartChoice::Auto, ChartChoice::V0, ChartChoice::V1][i % 3],
        topology: [Topology::Unknown, Topology::SingleNode, Topology::MultiNode][i / 3 % 3],
        edition: [Edition::Community, Edition::Enterprise][i / 9 % 2],
        ..Options::default()
    }
}

/// The reading failures: a fix must never cause one.
const UNREADABLE: [&str; 3] = ["Y001", "Y003", "Y004"];

fn unreadable(report: &storage_core::Report) -> Vec<&'static str> {
    let mut codes: Vec<&'static str> =
        report.findings.iter().map(|f| f.code).filter(|c| UNREADABLE.contains(c)).collect();
    codes.sort();
    codes.dedup();
    codes
}

fuzz_target!(|values: Values| {
    let text = render(&values);
    let options = options(values.options);
    // `STRUCTURED_PRINT=1 cargo fuzz run structured INPUT` shows what an input renders to.
    static PRINT: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    let print = *PRINT.get_or_init(|| std::env::var_os("STRUCTURED_PRINT").is_some());
    if print {
        eprintln!("--- {options:?}\n{text}---");
    }

    let analysis = analyze(&text, &options);
    let report = &analysis.report;
    if print {
        let codes: Vec<&str> = report.findings.iter().map(|f| f.code).collect();
        eprintln!("findings: {codes:?}");
    }
    for f in &report.findings {
        assert!(f.span.start <= f.span.end && f.span.end <= text.len(), "{} span {:?} outside {} bytes", f.code, f.span, text.len());
        assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end), "{} span {:?} splits a char", f.code, f.span);
    }
    for f in report.located(&text) {
        assert!(f.line >= 1 && f.line <= f.end_line, "{} lines {}..{}", f.code, f.line, f.end_line);
    }

    for fix in report.findings.iter().filter_map(|f| f.fix.as_ref()) {
        common::assert_keeps_bytes_outside(&text, fix);
    }

    // Nothing applied: the text is unchanged and fixing it again is the same call.
    if let Some(once) = common::fixed(&text, &options).filter(|once| once.text != text) {
        let before = unreadable(report);
        let after = unreadable(&analyze(&once.text, &options).report);
        assert!(after.iter().all(|c| before.contains(c)), "fix_all made the text unreadable: {after:?} (input had {before:?})\n{}", once.text);
        let twice = common::fixed(&once.text, &options).expect("the fixed text fixes again");
        assert_eq!(twice.text, once.text, "fixing twice differs from fixing once");
    }

    if let Ok(doc) = yaml::load(&text, &options.limits) {
        if let Some(migration) = storage_core::migrate::plan(&text, &doc) {
            if let Some(fix) = &migration.fix {
                common::assert_keeps_bytes_outside(&text, fix);
            }
        }
    }
});
