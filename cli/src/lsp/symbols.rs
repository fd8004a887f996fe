//! `textDocument/documentSymbol`: the storage entries as an outline. v0: each section of
//! `persistence` with its entries (`logs`, `repos`, `upload` are an entry each); v1+: the
//! artifacts store, and `connections` with each connection by its `name`, kind as detail.

use lsp_types::{DocumentSymbol, SymbolKind};
use storage_core::source::Span;
use storage_core::storage::{Entry, Role, Storage};
use storage_core::yaml::{self, Document as Yaml, Limits};
use storage_core::Chart;

use super::document::Document;

/// The outline of `doc` for the chart its check was read as; none when the text does not
/// load (a half-typed line) or is no values file.
pub fn outline(doc: &Document) -> Vec<DocumentSymbol> {
    let Some(chart) = doc.report.chart.filter(|_| doc.checked) else {
        return Vec::new();
    };
    let Ok(tree) = yaml::load(&doc.text, &Limits::default()) else {
        return Vec::new();
    };
    let storage = Storage::read(&tree, chart);
    let symbol = |name: String, detail: Option<String>, kind, span: Span, name_span: Span| {
        #[allow(deprecated)] // `deprecated` is a required field of the struct
        DocumentSymbol {
            name,
            detail,
            kind,
            tags: None,
            deprecated: None,
            range: doc.lines.range(&doc.text, span.start, span.end),
            // The name's range must lie inside the whole range.
            selection_range: doc.lines.range(
                &doc.text,
                name_span.start.max(span.start),
                name_span.end.min(span.end).max(span.start),
            ),
            children: None,
        }
    };
    let entry_symbol = |entry: &Entry| {
        let name = match entry.name.as_str() {
            "" => entry.path.to_string(),
            name => name.to_string(),
        };
        let name_span = match (chart, entry.pair) {
            (Chart::V0, Some(pair)) => tree.span(pair.key),
            _ => entry
                .get(&tree, "name")
                .map_or_else(|| entry.anchor(&tree), |p| tree.span(p.value)),
        };
        let kind = entry
            .kind
            .known()
            .map(|k| k.name(chart).to_string())
            .or_else(|| {
                entry
                    .kind_pair
                    .and_then(|p| tree.scalar(p.value))
                    .map(|s| s.value.clone())
            });
        symbol(name, kind, SymbolKind::OBJECT, entry.span(&tree), name_span)
    };
    let section = |pair: yaml::Pair, role: Role, tree: &Yaml| {
        let span = tree.span(pair.key).cover(tree.span(pair.value));
        let mut s = symbol(
            role.key().to_string(),
            None,
            SymbolKind::NAMESPACE,
            span,
            tree.span(pair.key),
        );
        s.children = Some(storage.entries_of(role).map(entry_symbol).collect());
        s
    };
    let mut out = Vec::new();
    match chart {
        Chart::V0 => {
            for role in Role::V0_SECTIONS {
                match (role.is_map(), storage.section_pair(role)) {
                    (true, Some(pair)) => out.push(section(pair, role, &tree)),
                    (false, Some(_)) => out.extend(storage.entries_of(role).map(entry_symbol)),
                    _ => {}
                }
            }
        }
        Chart::V1 => {
            out.extend(storage.entries_of(Role::ArtifactsStore).map(entry_symbol));
            if let Some(pair) = storage.connections {
                out.push(section(pair, Role::Connection, &tree));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use lsp_types::{Position, Range};
    use storage_core::Options;

    use super::*;

    fn outline_of(text: &str) -> Vec<DocumentSymbol> {
        let uri = "file:///w/values.yaml".parse().expect("a URI");
        outline(&Document::new(
            uri,
            text.to_string(),
            Options::default(),
            None,
        ))
    }

    #[test]
    fn v0_sections_with_their_entries() {
        let symbols = outline_of(
            "persistence:\n  outputs:\n    é😀: {existingClaim: a, mountPath: /o}\n    b:\n      hostPath: /b\n  logs:\n    mountPath: /l\n",
        );
        let names: Vec<&str> = symbols.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["outputs", "logs"]);
        let entries = symbols[0].children.as_deref().unwrap_or_default();
        assert_eq!(entries[0].name, "é😀");
        assert_eq!(entries[0].detail.as_deref(), Some("existingClaim"));
        // UTF-16: "é" is one unit, "😀" two.
        assert_eq!(
            entries[0].selection_range,
            Range::new(Position::new(2, 4), Position::new(2, 7))
        );
        assert_eq!(entries[1].range.end, Position::new(4, 18));
    }

    #[test]
    fn v1_store_and_connections_by_name_with_their_kind() {
        let symbols = outline_of(
            "artifactsStore:\n  name: store\n  kind: s3\nconnections:\n  - name: repo\n    kind: git\n  - kind: volume_claim\n",
        );
        assert_eq!(symbols[0].name, "store");
        assert_eq!(symbols[0].detail.as_deref(), Some("s3"));
        assert_eq!(symbols[1].name, "connections");
        let items = symbols[1].children.as_deref().unwrap_or_default();
        assert_eq!(items[0].name, "repo");
        assert_eq!(items[0].detail.as_deref(), Some("git"));
        assert_eq!(items[1].name, "connections.1", "no name: its path");
        assert!(outline_of("a: [").is_empty());
    }
}
