//! `storage-check map FILE`: the storage map as an aligned table or as JSON.

use storage_core::chart::ChartBasis;
use storage_core::map::{Row, Source, StorageMap};
use storage_core::storage::Role;

/// The map as one JSON document: the serialized [`StorageMap`], with why that chart
/// (`chart_basis`, as in the check's JSON).
pub fn json(map: &StorageMap, basis: &ChartBasis) -> Result<String, String> {
    #[derive(serde::Serialize)]
    struct Out<'a> {
        #[serde(flatten)]
        map: &'a StorageMap,
        chart_basis: &'a ChartBasis,
    }
    serde_json::to_string_pretty(&Out {
        map,
        chart_basis: basis,
    })
    .map(|s| s + "\n")
    .map_err(|e| e.to_string())
}

/// The map as a table: role, entry, pods, source, mount path, access; each row's notes
/// under it.
/// `said` is the chart and why ([`ChartBasis::describe`]).
pub fn human(display: &str, map: &StorageMap, said: &str) -> String {
    let mut out = format!("{display}: chart {said}\n");
    if map.rows.is_empty() {
        out.push_str("no storage is mounted as written; `storage-check FILE` says why\n");
        return out;
    }
    let header = ["ROLE", "ENTRY", "PODS", "SOURCE", "MOUNT PATH", "ACCESS"].map(String::from);
    let cells: Vec<[String; 6]> = map.rows.iter().map(cells).collect();
    let mut widths = [0; 6];
    for row in std::iter::once(&header).chain(&cells) {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |row: &[String; 6]| {
        let mut line = String::new();
        for (i, (cell, w)) in row.iter().zip(widths).enumerate() {
            line.push_str(cell);
            if i + 1 < row.len() {
                let pad = w - cell.chars().count() + 2;
                line.extend(std::iter::repeat_n(' ', pad));
            }
        }
        line.trim_end().to_string() + "\n"
    };
    out.push_str(&line(&header));
    for (row, cells) in map.rows.iter().zip(&cells) {
        out.push_str(&line(cells));
        for note in &row.notes {
            out.push_str(&format!("    - {}\n", note.text()));
        }
        if let Some(fact) = &row.cluster {
            out.push_str(&format!("    cluster: {fact}\n"));
        }
    }
    out
}

fn cells(row: &Row) -> [String; 6] {
    let entry = if row.default {
        format!("{} (chart default)", row.entry)
    } else if row.entry.is_empty() {
        "(no name)".to_string()
    } else {
        row.entry.clone()
    };
    let pods: Vec<&str> = row.pods.iter().map(|p| p.label()).collect();
    let mounted = row.mount_path.is_some();
    [
        role(row).to_string(),
        entry,
        pods.join(", "),
        source(&row.source),
        row.mount_path.clone().unwrap_or_else(|| "-".to_string()),
        match (mounted, row.read_only) {
            (false, _) => "-",
            (true, true) => "read-only",
            (true, false) => "read-write",
        }
        .to_string(),
    ]
}

/// The key the chart reads (`artifactsStore`); one item of `connections` is a connection.
fn role(row: &Row) -> &'static str {
    match row.role {
        Role::Connection => "connection",
        other => other.key(),
    }
}

fn or_unset(value: &Option<String>) -> &str {
    value.as_deref().unwrap_or("(not set)")
}

fn source(source: &Source) -> String {
    match source {
        Source::HostPath { path } => format!("host path {}", or_unset(path)),
        Source::Claim { claim } => format!("claim {}", or_unset(claim)),
        Source::Bucket {
            store,
            bucket,
            secret,
        } => {
            let place = bucket.as_deref().unwrap_or(store.label());
            match secret {
                None => format!("{place} (no Secret)"),
                Some(s) => {
                    let mut text = format!("{place} (Secret {}", or_unset(&s.name));
                    if let Some(key) = &s.key {
                        text.push_str(&format!(", key {key}"));
                    }
                    if let Some(at) = &s.mount_path {
                        text.push_str(&format!(" at {at}"));
                    }
                    text + ")"
                }
            }
        }
        Source::EmptyDir => "emptyDir".to_string(),
        Source::NotMounted => "nothing mounted".to_string(),
        Source::Unknown => "unknown kind".to_string(),
    }
}
