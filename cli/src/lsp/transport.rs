//! JSON-RPC framing over stdio (`Content-Length: N\r\n\r\n` then N bytes of JSON).
//!
//! Ours rather than lsp-server's stdio threads: those end the server on the first bad
//! message and trust any Content-Length. Here a header line and a body are bounded, and a
//! body that is not a JSON-RPC message is answered with a parse error, and the server
//! carries on.

use std::io::{self, BufRead, Read, Write};

use lsp_server::Message;
use serde_json::json;

/// A values file is at most 64 MiB to the command line; a message may carry one.
const MAX_BODY: usize = 64 * 1024 * 1024 + 4096;
const MAX_HEADER_LINE: u64 = 1024;

/// What arrived.
pub enum Incoming {
    Message(Message),
    /// A framed body that is not a JSON-RPC message: answer with this error, keep going.
    Garbage {
        code: i32,
        message: String,
    },
}

/// The next message; `Ok(None)` at the end of input. `Err` when the framing itself is
/// broken (nothing after it can be trusted, so the server stops).
pub fn read(input: &mut impl BufRead) -> io::Result<Option<Incoming>> {
    let mut length = None;
    let mut line = Vec::new();
    let mut first = true;
    loop {
        line.clear();
        let n = input
            .by_ref()
            .take(MAX_HEADER_LINE)
            .read_until(b'\n', &mut line)?;
        if n == 0 {
            return if first {
                Ok(None)
            } else {
                Err(broken("end of input inside a header"))
            };
        }
        first = false;
        let text = std::str::from_utf8(&line).map_err(|_| broken("header is not UTF-8"))?;
        let Some(text) = text.strip_suffix("\r\n") else {
            return Err(broken("header line without CRLF (or too long)"));
        };
        if text.is_empty() {
            break;
        }
        let Some((name, value)) = text.split_once(':') else {
            return Err(broken("header without `:`"));
        };
        if name.trim().eq_ignore_ascii_case("content-length") {
            let n: usize = value
                .trim()
                .parse()
                .map_err(|_| broken("Content-Length is not a number"))?;
            if n > MAX_BODY {
                return Err(broken("Content-Length over 64 MiB"));
            }
            length = Some(n);
        }
    }
    let length = length.ok_or_else(|| broken("no Content-Length"))?;
    let mut body = vec![0; length];
    input.read_exact(&mut body)?;
    Ok(Some(parse(&body)))
}

fn parse(body: &[u8]) -> Incoming {
    let value: serde_json::Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => {
            return Incoming::Garbage {
                code: -32700,
                message: format!("not JSON: {e}"),
            }
        }
    };
    match serde_json::from_value(value) {
        Ok(message) => Incoming::Message(message),
        Err(e) => Incoming::Garbage {
            code: -32600,
            message: format!("not a JSON-RPC request, response or notification: {e}"),
        },
    }
}

fn broken(why: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, why.to_string())
}

pub fn write(output: &mut impl Write, message: Message) -> io::Result<()> {
    message.write(output)
}

/// The error response to a body we could not read (its id is unknown, so null).
pub fn write_garbage_reply(output: &mut impl Write, code: i32, message: &str) -> io::Result<()> {
    let body = json!({
        "jsonrpc": "2.0",
        "id": null,
        "error": { "code": code, "message": message },
    })
    .to_string();
    write!(output, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    output.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> Vec<u8> {
        format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
    }

    #[test]
    fn reads_framed_messages_and_reports_garbage_without_stopping() {
        let mut input = frame(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#);
        input.extend(frame("{not json"));
        input.extend(frame(r#"{"x":1}"#));
        let mut input = &input[..];
        assert!(matches!(
            read(&mut input),
            Ok(Some(Incoming::Message(Message::Notification(_))))
        ));
        assert!(matches!(
            read(&mut input),
            Ok(Some(Incoming::Garbage { code: -32700, .. }))
        ));
        assert!(matches!(
            read(&mut input),
            Ok(Some(Incoming::Garbage { code: -32600, .. }))
        ));
        assert!(matches!(read(&mut input), Ok(None)));
    }

    #[test]
    fn broken_framing_is_an_error_not_a_huge_allocation() {
        let mut input = &b"Content-Length: 99999999999999999999\r\n\r\n"[..];
        assert!(read(&mut input).is_err());
        let mut input = &b"Content-Length: 100000000000\r\n\r\n"[..];
        assert!(read(&mut input).is_err());
        let mut input = &b"no header\n"[..];
        assert!(read(&mut input).is_err());
        let long = vec![b'a'; 5000];
        assert!(read(&mut &long[..]).is_err());
    }
}
