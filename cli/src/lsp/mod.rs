//! `storage-check server`: a language server over stdio. Diagnostics for values files on
//! open and change, quick fixes as code actions, the why on hover, completion of keys,
//! values and whole entries, an outline of the storage entries; options from `initializationOptions` and
//! `workspace/didChangeConfiguration`.
//!
//! One thread, one message at a time: a check takes milliseconds, so nothing is queued
//! long enough to need cancelling.

mod completion;
mod convert;
mod cursor;
mod document;
mod position;
mod settings;
mod snippets;
mod symbols;
mod transport;

use std::collections::HashMap;
use std::io::{self, BufReader, Write};

use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeConfiguration, DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument,
    Notification as _, PublishDiagnostics, ShowMessage,
};
use lsp_types::request::{
    CodeActionRequest, CodeActionResolveRequest, Completion, DocumentSymbolRequest, HoverRequest,
    Request as _,
};
use lsp_types::{
    CodeActionOptions, CodeActionParams, CodeActionProviderCapability, CompletionOptions,
    CompletionParams, CompletionResponse, DidChangeConfigurationParams,
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    DocumentSymbolParams, DocumentSymbolResponse, HoverParams, HoverProviderCapability,
    InitializeParams, InitializeResult, MessageType, OneOf, PublishDiagnosticsParams,
    ServerCapabilities, ServerInfo, ShowMessageParams, TextDocumentSyncCapability,
    TextDocumentSyncKind, TextDocumentSyncOptions, Uri,
};
use serde::de::DeserializeOwned;
use serde_json::Value;
use storage_core::Options;

use document::Document;
use transport::Incoming;

/// Serves until `exit` (or the end of input). `Err` only for broken framing or a closed
/// stdout; an `exit` without `shutdown` is an error too, as the protocol says.
pub fn serve() -> Result<(), String> {
    let stdin = io::stdin();
    let mut input = BufReader::new(stdin.lock());
    let stdout = io::stdout();
    let mut server = Server {
        out: stdout.lock(),
        state: State::Uninitialized,
        options: Options::default(),
        cluster: None,
        docs: HashMap::new(),
        resolves_edits: false,
        completion: completion::Client::default(),
    };
    loop {
        let incoming = transport::read(&mut input).map_err(|e| format!("server: {e}"))?;
        let message = match incoming {
            None => return Err("server: input ended without `exit`".to_string()),
            Some(Incoming::Garbage { code, message }) => {
                transport::write_garbage_reply(&mut server.out, code, &message)
                    .map_err(|e| format!("server: cannot write: {e}"))?;
                continue;
            }
            Some(Incoming::Message(m)) => m,
        };
        match server.handle(message) {
            Ok(Flow::Continue) => {}
            Ok(Flow::Exit) => return Ok(()),
            Ok(Flow::ExitUnclean) => return Err("server: `exit` before `shutdown`".to_string()),
            Err(e) => return Err(format!("server: cannot write: {e}")),
        }
    }
}

#[derive(PartialEq, Eq)]
enum State {
    Uninitialized,
    Running,
    ShuttingDown,
}

enum Flow {
    Continue,
    Exit,
    ExitUnclean,
}

struct Server<W: Write> {
    out: W,
    state: State,
    /// From the editor's settings; a file's directive overrides them for that file.
    options: Options,
    /// The `clusterSnapshot` setting's snapshot, read when the setting comes.
    cluster: Option<storage_core::cluster::Cluster>,
    docs: HashMap<Uri, Document>,
    /// The client resolves a code action's edit on demand (`codeAction/resolve`): "apply
    /// every safe fix" then costs nothing until it is chosen, instead of a `fix_all` on
    /// every request at the cursor.
    resolves_edits: bool,
    /// What the editor's completion can take (snippets or not).
    completion: completion::Client,
}

impl<W: Write> Server<W> {
    fn handle(&mut self, message: Message) -> io::Result<Flow> {
        match message {
            Message::Request(req) => self.request(req).map(|()| Flow::Continue),
            Message::Notification(n) if n.method == "exit" => Ok(match self.state {
                State::ShuttingDown => Flow::Exit,
                _ => Flow::ExitUnclean,
            }),
            Message::Notification(n) => self.notification(n).map(|()| Flow::Continue),
            // We send no requests, so no response is awaited.
            Message::Response(_) => Ok(Flow::Continue),
        }
    }

    fn request(&mut self, req: Request) -> io::Result<()> {
        let id = req.id.clone();
        match (&self.state, req.method.as_str()) {
            (State::Uninitialized, "initialize") => {
                let params: InitializeParams = match parse(&id, req.params) {
                    Ok(p) => p,
                    Err(response) => return self.send(response.into()),
                };
                self.state = State::Running;
                self.resolves_edits = params
                    .capabilities
                    .text_document
                    .as_ref()
                    .and_then(|t| t.code_action.as_ref())
                    .and_then(|c| c.resolve_support.as_ref())
                    .is_some_and(|r| r.properties.iter().any(|p| p == "edit"));
                self.completion = completion::Client {
                    snippets: params
                        .capabilities
                        .text_document
                        .as_ref()
                        .and_then(|t| t.completion.as_ref())
                        .and_then(|c| c.completion_item.as_ref())
                        .and_then(|i| i.snippet_support)
                        .unwrap_or(false),
                };
                let mut result = self.send(Response::new_ok(id, initialize_result()).into());
                if let Some(init) = params.initialization_options {
                    result = result.and_then(|()| self.configure(&init));
                }
                result
            }
            (State::Uninitialized, _) => {
                self.error(id, ErrorCode::ServerNotInitialized, "not initialized")
            }
            (State::ShuttingDown, _) => self.error(id, ErrorCode::InvalidRequest, "shutting down"),
            (State::Running, "initialize") => {
                self.error(id, ErrorCode::InvalidRequest, "initialized twice")
            }
            (State::Running, "shutdown") => {
                self.state = State::ShuttingDown;
                self.send(Response::new_ok(id, Value::Null).into())
            }
            (State::Running, CodeActionRequest::METHOD) => {
                let params: CodeActionParams = match parse(&id, req.params) {
                    Ok(p) => p,
                    Err(response) => return self.send(response.into()),
                };
                let actions = self.docs.get(&params.text_document.uri).map(|doc| {
                    let (start, end) = doc.lines.offsets(&doc.text, params.range);
                    convert::code_actions(
                        doc,
                        start,
                        end,
                        params.context.only.as_deref(),
                        self.options,
                        self.resolves_edits,
                    )
                });
                self.send(Response::new_ok(id, actions.unwrap_or_default()).into())
            }
            (State::Running, CodeActionResolveRequest::METHOD) => {
                let action: lsp_types::CodeAction = match parse(&id, req.params) {
                    Ok(p) => p,
                    Err(response) => return self.send(response.into()),
                };
                let resolved = convert::resolve_fix_all(action, self.docs.values(), self.options);
                self.send(Response::new_ok(id, resolved).into())
            }
            (State::Running, HoverRequest::METHOD) => {
                let params: HoverParams = match parse(&id, req.params) {
                    Ok(p) => p,
                    Err(response) => return self.send(response.into()),
                };
                let at = &params.text_document_position_params;
                let hover = self
                    .docs
                    .get(&at.text_document.uri)
                    .and_then(|doc| convert::hover(doc, doc.lines.offset(&doc.text, at.position)));
                self.send(Response::new_ok(id, hover).into())
            }
            (State::Running, Completion::METHOD) => {
                let params: CompletionParams = match parse(&id, req.params) {
                    Ok(p) => p,
                    Err(response) => return self.send(response.into()),
                };
                let at = &params.text_document_position;
                let items = self
                    .docs
                    .get(&at.text_document.uri)
                    .map(|doc| {
                        let offset = doc.lines.offset(&doc.text, at.position);
                        let cluster = self.cluster.as_ref();
                        completion::items(doc, offset, self.options, cluster, self.completion)
                    })
                    .unwrap_or_default();
                let response = CompletionResponse::Array(items);
                self.send(Response::new_ok(id, response).into())
            }
            (State::Running, DocumentSymbolRequest::METHOD) => {
                let params: DocumentSymbolParams = match parse(&id, req.params) {
                    Ok(p) => p,
                    Err(response) => return self.send(response.into()),
                };
                let symbols = self
                    .docs
                    .get(&params.text_document.uri)
                    .map(symbols::outline)
                    .unwrap_or_default();
                let response = DocumentSymbolResponse::Nested(symbols);
                self.send(Response::new_ok(id, response).into())
            }
            (State::Running, _) => self.error(id, ErrorCode::MethodNotFound, "not supported"),
        }
    }

    fn notification(&mut self, n: Notification) -> io::Result<()> {
        if self.state != State::Running {
            return Ok(());
        }
        // A notification with bad params has nobody to answer: it is dropped.
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<DidOpenTextDocumentParams>(n.params) else {
                    return Ok(());
                };
                let doc = Document::new(
                    p.text_document.uri.clone(),
                    p.text_document.text,
                    self.options,
                    self.cluster.as_ref(),
                );
                let uri = p.text_document.uri;
                self.docs.insert(uri.clone(), doc);
                self.publish(&uri, Some(p.text_document.version), false)
            }
            DidChangeTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<DidChangeTextDocumentParams>(n.params) else {
                    return Ok(());
                };
                let uri = p.text_document.uri;
                let Some(doc) = self.docs.get_mut(&uri) else {
                    return Ok(());
                };
                let was_checked = doc.checked;
                doc.change(p.content_changes);
                doc.recheck(self.options, self.cluster.as_ref());
                self.publish(&uri, Some(p.text_document.version), was_checked)
            }
            DidCloseTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<DidCloseTextDocumentParams>(n.params) else {
                    return Ok(());
                };
                if let Some(doc) = self.docs.remove(&p.text_document.uri) {
                    if doc.checked {
                        return self.send_diagnostics(doc.uri, Vec::new(), None);
                    }
                }
                Ok(())
            }
            DidChangeConfiguration::METHOD => {
                let Ok(p) = serde_json::from_value::<DidChangeConfigurationParams>(n.params) else {
                    return Ok(());
                };
                // Clients that only announce a change (null settings) keep the options.
                if p.settings.is_null() {
                    return Ok(());
                }
                self.options = Options::default();
                self.configure(&p.settings)
            }
            _ => Ok(()),
        }
    }

    /// Applies settings and rechecks every open document with them.
    fn configure(&mut self, value: &Value) -> io::Result<()> {
        let (options, mut problems) = settings::read(value, self.options);
        self.options = options;
        self.cluster = match settings::cluster_snapshot(value) {
            None => None,
            Some(path) => match std::fs::read_to_string(&path)
                .map_err(|e| e.to_string())
                .and_then(|text| storage_core::cluster::read(&text).map_err(|e| e.to_string()))
            {
                Ok(cluster) => Some(cluster),
                Err(e) => {
                    problems.push(format!(
                        "storage-check setting `clusterSnapshot` ({path}): {e}"
                    ));
                    None
                }
            },
        };
        for problem in problems {
            let params = ShowMessageParams {
                typ: MessageType::WARNING,
                message: problem,
            };
            self.send(Notification::new(ShowMessage::METHOD.to_string(), params).into())?;
        }
        let uris: Vec<Uri> = self.docs.keys().cloned().collect();
        for uri in uris {
            let Some(doc) = self.docs.get_mut(&uri) else {
                continue;
            };
            let was_checked = doc.checked;
            doc.recheck(self.options, self.cluster.as_ref());
            self.publish(&uri, None, was_checked)?;
        }
        Ok(())
    }

    /// Publishes a document's diagnostics; an empty list clears those of a file that was
    /// checked and no longer is (its directive removed).
    fn publish(&mut self, uri: &Uri, version: Option<i32>, was_checked: bool) -> io::Result<()> {
        let Some(doc) = self.docs.get(uri) else {
            return Ok(());
        };
        if !doc.checked && !was_checked {
            return Ok(());
        }
        let diagnostics = convert::diagnostics(doc);
        self.send_diagnostics(uri.clone(), diagnostics, version)
    }

    fn send_diagnostics(
        &mut self,
        uri: Uri,
        diagnostics: Vec<lsp_types::Diagnostic>,
        version: Option<i32>,
    ) -> io::Result<()> {
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        self.send(Notification::new(PublishDiagnostics::METHOD.to_string(), params).into())
    }

    fn error(&mut self, id: RequestId, code: ErrorCode, message: &str) -> io::Result<()> {
        self.send(Response::new_err(id, code as i32, message.to_string()).into())
    }

    fn send(&mut self, message: Message) -> io::Result<()> {
        transport::write(&mut self.out, message)
    }
}

/// A request's params, or the InvalidParams response that says why not.
fn parse<P: DeserializeOwned>(id: &RequestId, params: Value) -> Result<P, Response> {
    serde_json::from_value(params).map_err(|e| {
        Response::new_err(
            id.clone(),
            ErrorCode::InvalidParams as i32,
            format!("invalid params: {e}"),
        )
    })
}

fn initialize_result() -> InitializeResult {
    InitializeResult {
        capabilities: ServerCapabilities {
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    ..TextDocumentSyncOptions::default()
                },
            )),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![
                    lsp_types::CodeActionKind::QUICKFIX,
                    lsp_types::CodeActionKind::SOURCE_FIX_ALL,
                ]),
                resolve_provider: Some(true),
                ..CodeActionOptions::default()
            })),
            // Plain invocation only: no trigger characters.
            completion_provider: Some(CompletionOptions::default()),
            document_symbol_provider: Some(OneOf::Left(true)),
            ..ServerCapabilities::default()
        },
        server_info: Some(ServerInfo {
            name: "storage-check".to_string(),
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
        }),
    }
}
