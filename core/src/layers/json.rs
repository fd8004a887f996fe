//! One JSON document at the start of a text, as `--set-json` reads a value (Go's
//! `json.Decoder`: blanks, one value, the rest left for the next key). Core has no JSON
//! dependency outside its `json` feature, and it needs each value's bytes anyway.

use super::tree::{Entry, Leaf, Node, Origin, Value};
use crate::source::Span;

/// Deeper than any values file: Go's decoder stops at 10,000; this one well before.
const MAX_DEPTH: usize = 256;

/// The document at the start of `text` (`base`: its offset in the argument) and the bytes
/// it used, blanks before it included.
pub(crate) fn parse(
    text: &str,
    base: usize,
    layer: usize,
) -> Result<(Node<'static>, usize), String> {
    let mut p = Json {
        bytes: text.as_bytes(),
        text,
        at: 0,
        base,
        layer,
    };
    let node = p.value(0)?;
    Ok((node, p.at))
}

struct Json<'a> {
    bytes: &'a [u8],
    text: &'a str,
    at: usize,
    base: usize,
    layer: usize,
}

impl Json<'_> {
    fn blanks(&mut self) {
        while self
            .bytes
            .get(self.at)
            .is_some_and(|b| b" \t\r\n".contains(b))
        {
            self.at += 1;
        }
    }

    fn origin(&self, start: usize) -> Origin {
        Origin {
            layer: self.layer,
            span: Span::new(self.base + start, self.base + self.at),
        }
    }

    fn fail<T>(&self, what: &str) -> Result<T, String> {
        match self.text.get(self.at..).and_then(|r| r.chars().next()) {
            Some(c) => Err(format!("invalid character {c:?} {what}")),
            None => Err("unexpected end of JSON input".to_string()),
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node<'static>, String> {
        if depth > MAX_DEPTH {
            return Err("JSON nested too deeply".to_string());
        }
        self.blanks();
        let start = self.at;
        let value = match self.bytes.get(self.at) {
            Some(b'{') => Value::Map(self.object(depth)?),
            Some(b'[') => Value::List(self.array(depth)?),
            Some(b'"') => Value::Leaf(Box::new(Leaf::string(&self.string()?))),
            Some(b't') => self.word("true")?,
            Some(b'f') => self.word("false")?,
            Some(b'n') => self.word("null")?,
            Some(b'-' | b'0'..=b'9') => self.number()?,
            _ => return self.fail("looking for beginning of value"),
        };
        Ok(Node {
            value,
            origin: self.origin(start),
        })
    }

    fn word(&mut self, word: &'static str) -> Result<Value<'static>, String> {
        if self.text[self.at..].starts_with(word) {
            self.at += word.len();
            Ok(Value::Leaf(Box::new(Leaf::plain(word))))
        } else {
            self.fail("in literal")
        }
    }

    fn number(&mut self) -> Result<Value<'static>, String> {
        let start = self.at;
        if self.bytes.get(self.at) == Some(&b'-') {
            self.at += 1;
        }
        let digits = |p: &mut Self| {
            let from = p.at;
            while p.bytes.get(p.at).is_some_and(u8::is_ascii_digit) {
                p.at += 1;
            }
            p.at > from
        };
        if !digits(self) {
            return self.fail("in numeric literal");
        }
        if self.bytes.get(self.at) == Some(&b'.') {
            self.at += 1;
            if !digits(self) {
                return self.fail("after decimal point in numeric literal");
            }
        }
        if matches!(self.bytes.get(self.at), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.bytes.get(self.at), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if !digits(self) {
                return self.fail("in exponent of numeric literal");
            }
        }
        let text = &self.text[start..self.at];
        // A JSON number is a float64 in Go; YAML 1.1 reads `1e5` as a string, so such a
        // number is written the way YAML reads it as a number.
        let yaml = match text.parse::<f64>() {
            Ok(f) if text.contains(['e', 'E']) => format!("{f:?}"),
            _ => text.to_string(),
        };
        Ok(Value::Leaf(Box::new(Leaf::plain(yaml))))
    }

    fn string(&mut self) -> Result<String, String> {
        self.at += 1; // '"'
        let mut out = String::new();
        loop {
            let Some(c) = self.text.get(self.at..).and_then(|r| r.chars().next()) else {
                return self.fail("in string literal");
            };
            self.at += c.len_utf8();
            match c {
                '"' => return Ok(out),
                '\\' => {
                    let Some(e) = self.bytes.get(self.at).copied() else {
                        return self.fail("in string escape code");
                    };
                    self.at += 1;
                    match e {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let hex = self.text.get(self.at..self.at + 4).unwrap_or_default();
                            let Ok(code) = u32::from_str_radix(hex, 16) else {
                                return self.fail("in \\u hexadecimal character escape");
                            };
                            self.at += 4;
                            // A lone surrogate becomes U+FFFD, as in Go.
                            out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                        }
                        _ => {
                            self.at -= 1;
                            return self.fail("in string escape code");
                        }
                    }
                }
                c if (c as u32) < 0x20 => {
                    self.at -= 1;
                    return self.fail("in string literal");
                }
                c => out.push(c),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Vec<Node<'static>>, String> {
        self.at += 1; // '['
        let mut items = Vec::new();
        self.blanks();
        if self.bytes.get(self.at) == Some(&b']') {
            self.at += 1;
            return Ok(items);
        }
        loop {
            items.push(self.value(depth + 1)?);
            self.blanks();
            match self.bytes.get(self.at) {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(items);
                }
                _ => return self.fail("after array element"),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Vec<Entry<'static>>, String> {
        self.at += 1; // '{'
        let mut entries: Vec<Entry<'static>> = Vec::new();
        self.blanks();
        if self.bytes.get(self.at) == Some(&b'}') {
            self.at += 1;
            return Ok(entries);
        }
        loop {
            self.blanks();
            if self.bytes.get(self.at) != Some(&b'"') {
                return self.fail("looking for beginning of object key string");
            }
            let start = self.at;
            let key = self.string()?;
            let key_origin = self.origin(start);
            self.blanks();
            if self.bytes.get(self.at) != Some(&b':') {
                return self.fail("after object key");
            }
            self.at += 1;
            let node = self.value(depth + 1)?;
            let entry = Entry {
                key: key.into(),
                key_scalar: None,
                key_origin,
                node,
            };
            // A repeated key: the last one, as Go's decoder into a map keeps.
            match entries.iter_mut().find(|e| e.key == entry.key) {
                Some(slot) => *slot = entry,
                None => entries.push(entry),
            }
            self.blanks();
            match self.bytes.get(self.at) {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(entries);
                }
                _ => return self.fail("after object key:value pair"),
            }
        }
    }
}
