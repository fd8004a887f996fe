//! `storage-check server` driven as an editor drives it: JSON-RPC with Content-Length
//! framing over the process's stdin and stdout.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::Duration;

use serde_json::{json, Value};

const WAIT: Duration = Duration::from_secs(20);

struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    /// Notifications that arrived while waiting for something else, in order.
    seen: Vec<Value>,
    next_id: i64,
}

impl Client {
    fn start() -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_storage-check"))
            .arg("server")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawns");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if tx.send(message).is_err() {
                    break;
                }
            }
        });
        Client {
            child,
            stdin,
            incoming,
            seen: Vec::new(),
            next_id: 0,
        }
    }

    fn send_raw(&mut self, body: &str) {
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("writes");
        self.stdin.flush().expect("flushes");
    }

    fn notify(&mut self, method: &str, params: Value) {
        let body = json!({"jsonrpc": "2.0", "method": method, "params": params});
        self.send_raw(&body.to_string());
    }

    /// Sends a request and returns its response (keeping notifications in `seen`).
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let body = json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params});
        self.send_raw(&body.to_string());
        self.wait(|m| m["id"] == id)
    }

    fn wait(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.seen.iter().position(&wanted) {
            return self.seen.remove(i);
        }
        loop {
            let message = self
                .incoming
                .recv_timeout(WAIT)
                .expect("the server answers in time");
            if wanted(&message) {
                return message;
            }
            self.seen.push(message);
        }
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Value {
        self.wait(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
            ["params"]
            .clone()
    }
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = 0;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.parse().ok()?;
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

/// The byte offset of an LSP position (UTF-16 columns), computed independently of the server.
fn offset(text: &str, position: &Value) -> usize {
    let line = position["line"].as_u64().expect("line") as usize;
    let character = position["character"].as_u64().expect("character") as usize;
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let mut units = 0;
    for (i, c) in text[start..].char_indices() {
        if units >= character || c == '\n' {
            return start + i;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// Applies an LSP text edit the way an editor does.
fn apply(text: &str, edit: &Value) -> String {
    let start = offset(text, &edit["range"]["start"]);
    let end = offset(text, &edit["range"]["end"]);
    let new_text = edit["newText"].as_str().expect("newText");
    format!("{}{new_text}{}", &text[..start], &text[end..])
}

fn with_code<'a>(diagnostics: &'a Value, code: &str) -> Option<&'a Value> {
    diagnostics["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["code"] == code)
}

const URI: &str = "file:///work/project/values-prod.yaml";

/// "é" (1 UTF-16 unit, 2 bytes) and "😀" (2 units, 4 bytes) before the finding on its line.
const TEXT: &str =
    "persistence:\n  outputs:\n    out: {mountPath: /é😀, existingclaim: outputs-pvc}\n";

#[test]
fn a_session_open_change_code_action_apply_shutdown() {
    let mut client = Client::start();
    let init = client.request(
        "initialize",
        json!({
            "processId": null,
            "rootUri": null,
            "capabilities": {},
            "initializationOptions": {"topology": "multi-node"},
        }),
    );
    let capabilities = &init["result"]["capabilities"];
    assert_eq!(capabilities["textDocumentSync"]["change"], 2, "{init}");
    assert_eq!(capabilities["hoverProvider"], true);
    assert!(capabilities["codeActionProvider"]["codeActionKinds"]
        .as_array()
        .is_some_and(|k| k.contains(&json!("quickfix"))));
    client.notify("initialized", json!({}));

    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": URI, "languageId": "yaml", "version": 1, "text": TEXT}}),
    );
    let published = client.diagnostics(URI);
    assert_eq!(published["version"], 1);
    let k001 = with_code(&published, "K001")
        .expect("K001 for `existingclaim`")
        .clone();
    // UTF-16: "    out: {mountPath: /" is 22 units, "é" 1, "😀" 2, ", " 2.
    assert_eq!(
        k001["range"],
        json!({"start": {"line": 2, "character": 27}, "end": {"line": 2, "character": 40}})
    );
    assert_eq!(k001["severity"], 1);
    assert_eq!(k001["source"], "storage-check");
    let start = offset(TEXT, &k001["range"]["start"]);
    assert_eq!(&TEXT[start..start + 13], "existingclaim");

    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 2, "character": 33}}),
    );
    let hover_text = hover["result"]["contents"]["value"]
        .as_str()
        .expect("markdown");
    assert!(hover_text.contains("**K001**"), "{hover_text}");
    assert!(
        hover_text.contains("storage-check rule K001"),
        "{hover_text}"
    );
    assert_eq!(hover["result"]["range"], k001["range"]);
    assert!(
        hover_text.ends_with("_Checked as chart v0 (0.2 – 0.6), auto: from `persistence`._"),
        "{hover_text}"
    );
    // On the first line, where no finding is: the chart, and why.
    let chart = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 0, "character": 12}}),
    );
    assert_eq!(
        chart["result"]["contents"]["value"],
        "Checked as chart v0 (0.2 – 0.6), auto: from `persistence`."
    );
    // Over the emoji there is no finding.
    let nothing = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 2, "character": 24}}),
    );
    assert_eq!(nothing["result"], Value::Null);

    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": URI},
            "range": k001["range"],
            "context": {"diagnostics": [k001]},
        }),
    );
    let actions = actions["result"].as_array().expect("actions").clone();
    let rename = actions
        .iter()
        .find(|a| a["kind"] == "quickfix")
        .expect("a quick fix");
    assert_eq!(rename["title"], "Rename existingclaim to existingClaim");
    assert_eq!(rename["isPreferred"], true);
    assert_eq!(rename["diagnostics"][0]["code"], "K001");
    let edits = rename["edit"]["changes"][URI].as_array().expect("edits");
    assert_eq!(edits.len(), 1);
    assert_eq!(edits[0]["range"], k001["range"]);
    assert!(actions.iter().any(|a| a["kind"] == "source.fixAll"));

    // Apply it as an editor does: edit the buffer, send the change incrementally.
    let fixed = apply(TEXT, &edits[0]);
    assert!(fixed.contains("existingClaim: outputs-pvc"));
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": URI, "version": 2},
            "contentChanges": [{"range": edits[0]["range"], "text": edits[0]["newText"]}],
        }),
    );
    let published = client.diagnostics(URI);
    assert_eq!(published["version"], 2);
    assert!(with_code(&published, "K001").is_none(), "{published}");
    // Now a claim entry; multi-node (from initializationOptions) makes that a warning.
    assert_eq!(with_code(&published, "D002").expect("D002")["severity"], 2);

    // Type a key with a suggested fix: a plain (not preferred) quick fix.
    let before_brace = json!({"line": 2, "character": 53});
    assert_eq!(
        offset(&fixed, &before_brace),
        fixed.find('}').expect("brace")
    );
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": URI, "version": 3},
            "contentChanges": [{"range": {"start": before_brace, "end": before_brace}, "text": ", subPath: a"}],
        }),
    );
    let published = client.diagnostics(URI);
    let k003 = with_code(&published, "K003")
        .expect("K003 for subPath")
        .clone();
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": URI},
            "range": k003["range"],
            "context": {"diagnostics": [k003], "only": ["quickfix"]},
        }),
    );
    let actions = actions["result"].as_array().expect("actions").clone();
    assert!(!actions.is_empty());
    assert!(actions.iter().all(|a| a["kind"] == "quickfix"));
    let remove = actions
        .iter()
        .find(|a| a["diagnostics"][0]["code"] == "K003")
        .expect("K003's fix");
    assert_eq!(remove["isPreferred"], false);
    assert!(remove["title"]
        .as_str()
        .is_some_and(|t| t.ends_with("(suggested)")));

    // New settings recheck open files: on a single node, a claim is fine.
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"storage-check": {"topology": "single-node"}}}),
    );
    let published = client.diagnostics(URI);
    assert!(with_code(&published, "D002").is_none(), "{published}");

    let shutdown = client.request("shutdown", Value::Null);
    assert_eq!(shutdown["result"], Value::Null);
    assert!(shutdown.get("error").is_none());
    client.notify("exit", Value::Null);
    drop(client.stdin);
    let status = client.child.wait().expect("exits");
    assert!(status.success(), "{status}");
}

#[test]
fn files_are_checked_by_name_or_directive_and_bad_input_gets_errors() {
    let mut client = Client::start();
    // Before initialize, requests are refused.
    let early = client.request("textDocument/hover", json!({}));
    assert_eq!(early["error"]["code"], -32002);
    client.request("initialize", json!({"capabilities": {}}));
    client.notify("initialized", json!({}));

    let other = "file:///work/project/templates/deployment.yaml";
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": other, "languageId": "yaml", "version": 1, "text": "persistence: yes\n"}}),
    );
    let marked = "file:///work/project/storage.yaml";
    let text = "# storage-check: chart=v1 colour=red\nartifactsStore:\n";
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": marked, "languageId": "yaml", "version": 1, "text": text}}),
    );
    let published = client.diagnostics(marked);
    assert!(with_code(&published, "A009").is_some(), "{published}");
    let problem = published["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["message"].as_str().is_some_and(|m| m.contains("colour")))
        .expect("the unknown directive word");
    assert_eq!(
        problem["range"]["start"],
        json!({"line": 0, "character": 26})
    );
    // Messages arrive in order: nothing was published for the file that is no values file.
    assert!(
        client.seen.iter().all(|m| m["params"]["uri"] != other),
        "{:?}",
        client.seen
    );

    // Removing the directive clears its diagnostics; a whole-text change is accepted too.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": marked, "version": 2}, "contentChanges": [{"text": "artifactsStore:\n"}]}),
    );
    let published = client.diagnostics(marked);
    assert_eq!(published["diagnostics"], json!([]));

    // Hostile input: not JSON, not JSON-RPC, bad params, out-of-range positions.
    client.send_raw("{not json");
    let reply = client.wait(|m| m["error"]["code"] == -32700);
    assert_eq!(reply["id"], Value::Null);
    client.send_raw(r#"{"hello": "world"}"#);
    client.wait(|m| m["error"]["code"] == -32600);
    let bad = client.request("textDocument/codeAction", json!({"textDocument": 5}));
    assert_eq!(bad["error"]["code"], -32602);
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI}, "contentChanges": "nope"}),
    );
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": URI, "languageId": "yaml", "version": 1, "text": "a: 😀\n"}}),
    );
    client.diagnostics(URI);
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": URI, "version": 2},
            "contentChanges": [{"range": {"start": {"line": 99, "character": 99}, "end": {"line": 0, "character": 4}}, "text": "ü"}],
        }),
    );
    client.diagnostics(URI);
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 4000000000u32, "character": 4000000000u32}}),
    );
    assert!(hover.get("error").is_none(), "{hover}");
    let unknown = client.request("workspace/symbol", json!({"query": ""}));
    assert_eq!(unknown["error"]["code"], -32601);

    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
    assert!(client.child.wait().expect("exits").success());
}

#[test]
fn exit_without_shutdown_is_exit_code_1() {
    let mut client = Client::start();
    client.request("initialize", json!({"capabilities": {}}));
    client.notify("exit", Value::Null);
    assert_eq!(client.child.wait().expect("exits").code(), Some(1));
}

/// Issue 19: a code action at the cursor ran `fix_all` on every request (13 s on a file of
/// withheld renames). A client that resolves edits gets "Apply every safe fix" without its
/// edit, and the edit when it resolves the action, for the text it was offered for.
#[test]
fn fix_all_is_computed_when_resolved_not_at_every_code_action() {
    let mut client = Client::start();
    let init = client.request(
        "initialize",
        json!({
            "processId": null,
            "rootUri": null,
            "capabilities": {"textDocument": {"codeAction": {
                "resolveSupport": {"properties": ["edit"]},
            }}},
        }),
    );
    assert_eq!(
        init["result"]["capabilities"]["codeActionProvider"]["resolveProvider"],
        true
    );
    client.notify("initialized", json!({}));
    let text =
        "persistence:\n  outputs:\n    out:\n      existingclaim: pvc\n      mountPath: /o/\n";
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": URI, "languageId": "yaml", "version": 1, "text": text}}),
    );
    client.diagnostics(URI);
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": URI},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
            "context": {"diagnostics": []},
        }),
    );
    let fix_all = actions["result"]
        .as_array()
        .expect("actions")
        .iter()
        .find(|a| a["kind"] == "source.fixAll")
        .expect("a fix-all action")
        .clone();
    assert!(fix_all.get("edit").is_none(), "{fix_all}");
    let resolved = client.request("codeAction/resolve", fix_all.clone());
    let edits = resolved["result"]["edit"]["changes"][URI]
        .as_array()
        .expect("an edit once resolved")
        .clone();
    let fixed = apply(text, &edits[0]);
    assert!(
        fixed.contains("existingClaim: pvc") && fixed.contains("mountPath: /o\n"),
        "{fixed}"
    );
    // Offered for another text: resolved to nothing rather than to a stale edit.
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": URI, "version": 2},
            "contentChanges": [{"text": format!("{text}# changed\n")}],
        }),
    );
    let stale = client.request("codeAction/resolve", fix_all);
    assert!(stale["result"].get("edit").is_none(), "{stale}");
    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
}

/// The `clusterSnapshot` setting: claims checked against it, its nodes deciding the
/// topology; an unreadable snapshot is a message, not a silent "no cluster".
#[test]
fn the_cluster_snapshot_setting() {
    let snapshot = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../core/src/rules/cluster/snapshots/cluster.json");
    let mut client = Client::start();
    client.request(
        "initialize",
        json!({"capabilities": {}, "initializationOptions": {"storage-check": {"clusterSnapshot": snapshot}}}),
    );
    client.notify("initialized", json!({}));
    let uri = "file:///work/project/values.yaml";
    let text = "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: outputs-nsf\n";
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}),
    );
    let published = client.diagnostics(uri);
    let n001 = with_code(&published, "N001").expect("the missing claim");
    assert!(n001["message"]
        .as_str()
        .unwrap()
        .contains("did you mean `outputs-nfs`?"));
    assert!(!published
        .to_string()
        .contains("UExBTlRFRC1TRUNSRVQtVkFMVUU"));
    // Cleared: the claim is not checked any more.
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"storage-check": {"clusterSnapshot": ""}}}),
    );
    let published = client.diagnostics(uri);
    assert!(with_code(&published, "N001").is_none(), "{published}");
    // A path that is no snapshot: a warning names the setting.
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"storage-check": {"clusterSnapshot": "/no/such/cluster.json"}}}),
    );
    let message = client.wait(|m| m["method"] == "window/showMessage");
    assert!(
        message["params"]["message"]
            .as_str()
            .unwrap()
            .contains("clusterSnapshot"),
        "{message}"
    );
    client.request("shutdown", json!(null));
    client.notify("exit", json!(null));
}

#[test]
fn a_file_marked_layer_of_is_checked_merged_over_its_base() {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("lsp-layers");
    std::fs::create_dir_all(&dir).expect("a folder");
    std::fs::write(
        dir.join("values.yaml"),
        "persistence:\n  outputs:\n    out:\n      hostPath: /data/out\n      mountPath: /outputs\n",
    )
    .expect("writes");
    let mut client = Client::start();
    client.request("initialize", json!({"capabilities": {}}));
    client.notify("initialized", json!({}));
    let uri = format!("file://{}/values-prod.yaml", dir.display());
    let partial = "persistence:\n  outputs:\n    out:\n      readOnly: false\n";
    // Alone, the entry has no source (V001); over its base it is complete.
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": partial}}),
    );
    assert!(with_code(&client.diagnostics(&uri), "V001").is_some());
    let marked = format!("# storage-check: layer-of=values.yaml\n{partial}");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": marked}]}),
    );
    let published = client.diagnostics(&uri);
    assert!(with_code(&published, "V001").is_none(), "{published}");
    // A base that is not there: said on the directive's line, the file checked alone.
    let lost = format!("# storage-check: layer-of=nope.yaml\n{partial}");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": lost}]}),
    );
    let published = client.diagnostics(&uri);
    assert!(with_code(&published, "V001").is_some(), "{published}");
    assert!(published.to_string().contains("layer-of: "), "{published}");
    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
}

/// The labels of a completion response.
fn labels(response: &Value) -> Vec<String> {
    response["result"]
        .as_array()
        .unwrap_or_else(|| panic!("a list of items: {response}"))
        .iter()
        .map(|i| i["label"].as_str().expect("a label").to_string())
        .collect()
}

/// The item labelled `label` in a completion response.
fn item<'a>(response: &'a Value, label: &str) -> &'a Value {
    response["result"]
        .as_array()
        .and_then(|items| items.iter().find(|i| i["label"] == label))
        .unwrap_or_else(|| panic!("no `{label}` in {response}"))
}

fn open(client: &mut Client, uri: &str, text: &str) {
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}),
    );
    client.diagnostics(uri);
}

/// An editor's capabilities that take snippets (as VS Code's and Neovim's do).
static SNIPPETS: std::sync::LazyLock<Value> = std::sync::LazyLock::new(
    || json!({"textDocument": {"completion": {"completionItem": {"snippetSupport": true}}}}),
);

/// A client past `initialize` (with `options` as its initialization options), taking
/// snippets.
fn initialized(options: Value) -> Client {
    let mut client = Client::start();
    client.request(
        "initialize",
        json!({"capabilities": SNIPPETS.clone(), "initializationOptions": options}),
    );
    client.notify("initialized", json!({}));
    client
}

fn symbols(client: &mut Client, uri: &str) -> Value {
    client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    )
}

fn complete(client: &mut Client, uri: &str, line: u32, character: u32) -> Value {
    client.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
    )
}

/// Issue 25: keys that fit the entry (less those written), values of `store:` and `kind:`,
/// a half-typed key, an emoji before the cursor, whole entries as snippets.
#[test]
fn completion_of_keys_values_and_entries() {
    let mut client = Client::start();
    let init = client.request("initialize", json!({"capabilities": SNIPPETS.clone()}));
    let capabilities = &init["result"]["capabilities"];
    assert!(capabilities["completionProvider"].is_object(), "{init}");
    assert_eq!(capabilities["documentSymbolProvider"], true);
    client.notify("initialized", json!({}));

    let v0 = "file:///work/project/values.yaml";
    let text = "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      \n";
    open(&mut client, v0, text);
    let keys = complete(&mut client, v0, 4, 6);
    let got = labels(&keys);
    for wanted in [
        "existingClaim",
        "hostPath",
        "store",
        "readOnly",
        "secretKey",
    ] {
        assert!(got.contains(&wanted.to_string()), "{wanted} in {got:?}");
    }
    assert!(!got.contains(&"mountPath".to_string()), "written: {got:?}");
    let claim = item(&keys, "existingClaim");
    assert_eq!(claim["textEdit"]["newText"], "existingClaim: ");
    assert_eq!(
        claim["textEdit"]["range"],
        json!({"start": {"line": 4, "character": 6}, "end": {"line": 4, "character": 6}})
    );

    // Half typed at the end of the text, no line break after it: the typed prefix is replaced.
    let half = "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      sto";
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": v0, "version": 2}, "contentChanges": [{"text": half}]}),
    );
    client.diagnostics(v0);
    let keys = complete(&mut client, v0, 4, 9);
    let store = item(&keys, "store");
    assert_eq!(
        store["textEdit"]["range"],
        json!({"start": {"line": 4, "character": 6}, "end": {"line": 4, "character": 9}})
    );
    assert_eq!(
        apply(half, &store["textEdit"]),
        half.replace("sto", "store: ")
    );

    let stores = format!("{}store: ", &half[..half.len() - 3]);
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": v0, "version": 3}, "contentChanges": [{"text": stores}]}),
    );
    client.diagnostics(v0);
    assert_eq!(
        labels(&complete(&mut client, v0, 4, 13)),
        ["s3", "gcs", "azure"]
    );

    // Where an entry goes: one snippet per kind, written as the forms write entries (on
    // a line of its own: not in front of `out:`, which it would break).
    let entries = complete(&mut client, v0, 2, 4);
    assert!(
        !labels(&entries).contains(&"outputs entry: s3".to_string()),
        "{entries}"
    );
    let room = format!("{stores}\n    ");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": v0, "version": 4}, "contentChanges": [{"text": room}]}),
    );
    client.diagnostics(v0);
    let entries = complete(&mut client, v0, 5, 4);
    let s3 = item(&entries, "outputs entry: s3");
    assert_eq!(s3["kind"], 15, "a snippet");
    assert_eq!(s3["insertTextFormat"], 2);
    assert!(
        s3["textEdit"]["newText"]
            .as_str()
            .is_some_and(|t| t.starts_with("${1:outputs}:\n      store: s3\n      bucket: ${2:")),
        "{s3}"
    );

    // v1+: the kinds after `kind: ` at the very end of the text, and an emoji before the
    // cursor (two UTF-16 units).
    let v1 = "file:///work/project/values-v1.yaml";
    let text = "connections:\n  - name: data\n    kind: ";
    open(&mut client, v1, text);
    let kinds = labels(&complete(&mut client, v1, 2, 10));
    assert_eq!(
        kinds[..5],
        ["host_path", "volume_claim", "gcs", "s3", "wasb"]
    );
    assert!(kinds.contains(&"git".to_string()), "{kinds:?}");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": v1, "version": 2},
               "contentChanges": [{"text": format!("{text}😀")}]}),
    );
    client.diagnostics(v1);
    let kinds = complete(&mut client, v1, 2, 12);
    assert_eq!(
        item(&kinds, "s3")["textEdit"]["range"],
        json!({"start": {"line": 2, "character": 10}, "end": {"line": 2, "character": 12}})
    );
    // A new list item: whole connections past the dash, and the connection's keys.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": v1, "version": 3},
               "contentChanges": [{"text": "connections:\n  - name: data\n    kind: s3\n  - "}]}),
    );
    client.diagnostics(v1);
    let fresh = complete(&mut client, v1, 3, 4);
    let claim = item(&fresh, "connection: volume_claim");
    // Later lines indented here, as the cursor's line is (past its dash), and inserted as
    // they are: right in editors that do not adjust indentation too.
    assert_eq!(
        claim["textEdit"]["newText"],
        "name: ${1:volume-claim}\n    kind: volume_claim\n    schema:\n      mountPath: ${2:/data}\n      volumeClaim: ${3:polyaxon-pvc}"
    );
    assert_eq!(claim["insertTextMode"], 1, "as is");
    assert!(labels(&fresh).contains(&"name".to_string()));

    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
    assert!(client.child.wait().expect("exits").success());
}

/// With the `clusterSnapshot` setting: claim and Secret names, and a Secret's key names
/// (never its values).
#[test]
fn completion_of_names_from_the_cluster_snapshot() {
    let snapshot = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../core/src/rules/cluster/snapshots/cluster.json");
    let mut client = initialized(json!({"clusterSnapshot": snapshot}));
    let uri = "file:///work/project/values.yaml";
    let text = "artifactsStore:\n  name: store\n  kind: volume_claim\n  schema:\n    volumeClaim: \n    mountPath: /artifacts\n  secret:\n    name: s3-secret\n    items:\n      - \n";
    open(&mut client, uri, text);
    let claims = labels(&complete(&mut client, uri, 4, 17));
    assert!(
        claims.contains(&"outputs-nfs".to_string()) && claims.contains(&"data-ro".to_string()),
        "{claims:?}"
    );
    let secrets = labels(&complete(&mut client, uri, 7, 10));
    assert_eq!(secrets, ["s3-secret", "s3-json", "gcs-secret"]);
    let keys = complete(&mut client, uri, 9, 8);
    assert_eq!(
        labels(&keys),
        ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"]
    );
    assert!(!keys.to_string().contains("UExBTlRFRC1TRUNSRVQtVkFMVUU"));
    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
}

#[test]
fn document_symbols_of_v0_and_v1_files() {
    let mut client = initialized(Value::Null);
    let v0 = "file:///work/project/values.yaml";
    open(
        &mut client,
        v0,
        "persistence:\n  outputs:\n    out:\n      existingClaim: pvc\n      mountPath: /outputs\n  logs:\n    mountPath: /logs\n",
    );
    let outline = symbols(&mut client, v0);
    let outputs = &outline["result"][0];
    assert_eq!(outputs["name"], "outputs");
    assert_eq!(outputs["children"][0]["name"], "out");
    assert_eq!(outputs["children"][0]["detail"], "existingClaim");
    assert_eq!(
        outputs["children"][0]["selectionRange"],
        json!({"start": {"line": 2, "character": 4}, "end": {"line": 2, "character": 7}})
    );
    assert_eq!(outline["result"][1]["name"], "logs");

    let v1 = "file:///work/project/values-v1.yaml";
    open(
        &mut client,
        v1,
        "artifactsStore:\n  name: store\n  kind: s3\n  schema: {bucket: s3://b}\nconnections:\n  - name: repo\n    kind: git\n",
    );
    let outline = symbols(&mut client, v1);
    assert_eq!(outline["result"][0]["name"], "store");
    assert_eq!(outline["result"][0]["detail"], "s3");
    assert_eq!(outline["result"][1]["children"][0]["name"], "repo");
    assert_eq!(outline["result"][1]["children"][0]["detail"], "git");
    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
}

/// Bad params get InvalidParams; an unknown file, a position far out of range or a
/// surrogate pair cut in half get an answer (maybe empty), never a crash.
#[test]
fn completion_and_symbols_take_hostile_input() {
    let mut client = initialized(Value::Null);
    let bad = client.request("textDocument/completion", json!({"position": "here"}));
    assert_eq!(bad["error"]["code"], -32602);
    let bad = client.request("textDocument/documentSymbol", json!({"textDocument": 1}));
    assert_eq!(bad["error"]["code"], -32602);
    let unknown = complete(&mut client, "file:///nowhere/values.yaml", 0, 0);
    assert_eq!(unknown["result"], json!([]));
    let uri = "file:///work/project/values.yaml";
    open(
        &mut client,
        uri,
        "persistence:\r\n\toutputs:\r\n    😀: \t- - [\r\n",
    );
    for (line, character) in [(4_000_000_000u32, 4_000_000_000u32), (2, 5), (1, 1), (0, 0)] {
        let response = complete(&mut client, uri, line, character);
        assert!(response["result"].is_array(), "{response}");
    }
    let outline = symbols(&mut client, uri);
    assert!(outline["result"].is_array(), "{outline}");
    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
    assert!(client.child.wait().expect("exits").success());
}

/// The review's cases: an item accepted in the middle of a word replaces the whole word
/// (and keeps the colon that is there), a value right after `:` gets its space, nothing
/// is offered in a comment, and an editor without snippet support gets no snippets.
#[test]
fn completion_replaces_the_word_and_respects_the_line() {
    let uri = "file:///work/project/values.yaml";
    let mut client = initialized(json!({}));
    let cases = [
        // (text, line, character, label, the text after accepting it)
        (
            "persistence:\n  outputs:\n    out:\n      exiClaim: x\n",
            3,
            9,
            "existingClaim",
            "      existingClaim: x",
        ),
        (
            "persistence:\n  outputs:\n    out:\n      mountP: /o\n",
            3,
            12,
            "mountPath",
            "      mountPath: /o",
        ),
        (
            "persistence:\n  outputs:\n    out:\n      store: s3 # note\n",
            3,
            14,
            "gcs",
            "      store: gcs # note",
        ),
        (
            "persistence:\n  outputs:\n    out:\n      store:\n",
            3,
            12,
            "s3",
            "      store: s3",
        ),
        (
            "connections:\n  - name: a\n    kind:\n",
            2,
            9,
            "s3",
            "    kind: s3",
        ),
        (
            "connections:\n  - name: a\n    kind: \"vol\"\n",
            2,
            14,
            "volume_claim",
            "    kind: \"volume_claim\"",
        ),
        (
            "connections:\n  - name: a\n    kind: 'vo\n",
            2,
            13,
            "volume_claim",
            "    kind: 'volume_claim",
        ),
    ];
    for (i, (text, line, character, label, after)) in cases.into_iter().enumerate() {
        let uri = format!("file:///work/project/{i}/values.yaml");
        open(&mut client, &uri, text);
        let response = complete(&mut client, &uri, line, character);
        let accepted = apply(text, &item(&response, label)["textEdit"]);
        assert_eq!(
            accepted.lines().nth(line as usize),
            Some(after),
            "{text:?}: {accepted:?}"
        );
    }
    let text = "persistence:\n  outputs:\n    out:\n      # exi\n      store: s3 # a no\n";
    open(&mut client, uri, text);
    assert_eq!(complete(&mut client, uri, 3, 11)["result"], json!([]));
    assert_eq!(complete(&mut client, uri, 4, 22)["result"], json!([]));
    // A tab in the indentation: YAML refuses it, so nothing would load there.
    open(
        &mut client,
        uri,
        "persistence:\n  outputs:\n    out:\n\t\t\t",
    );
    assert_eq!(complete(&mut client, uri, 3, 3)["result"], json!([]));
    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);

    let mut plain = Client::start();
    plain.request("initialize", json!({"capabilities": {}}));
    plain.notify("initialized", json!({}));
    open(&mut plain, uri, "connections:\n  - ");
    let offered = complete(&mut plain, uri, 1, 4);
    assert!(labels(&offered).contains(&"name".to_string()), "{offered}");
    assert!(
        offered["result"]
            .as_array()
            .is_some_and(|items| items.iter().all(|i| i["insertTextFormat"] != 2)),
        "{offered}"
    );
    plain.request("shutdown", Value::Null);
    plain.notify("exit", Value::Null);
}
