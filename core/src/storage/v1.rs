//! Reading v1+ `artifactsStore` (one connection) and `connections` (a list) into entries.

use super::{Entry, Field, FieldPair, Kind, KindState, Role, Storage};
use crate::options::Chart;
use crate::yaml::{Document, NodeId, Pair, YamlPath};

/// Keys a connection accepts at its top level (vents' `Connection`, by alias and by name).
pub const CONNECTION_KEYS: [&str; 12] = [
    "name",
    "kind",
    "description",
    "tags",
    "schema",
    "secret",
    "configMap",
    "config_map",
    "env",
    "annotations",
    "isAlias",
    "is_alias",
];

/// Keys of a connection's `secret`/`configMap` (vents' `ConnectionResource`).
pub const RESOURCE_KEYS: [&str; 10] = [
    "name",
    "mountPath",
    "mount_path",
    "hostPath",
    "host_path",
    "items",
    "defaultMode",
    "default_mode",
    "isRequested",
    "is_requested",
];

/// Every connection kind Polyaxon 2.x knows (vents' `ProviderKind`, polyaxon 2.18.0).
pub const PROVIDER_KINDS: [&str; 44] = [
    "host_path",
    "volume_claim",
    "gcs",
    "s3",
    "wasb",
    "registry",
    "git",
    "aws",
    "gcp",
    "azure",
    "mysql",
    "postgres",
    "oracle",
    "vertica",
    "sqlite",
    "mssql",
    "redis",
    "presto",
    "mongo",
    "cassandra",
    "ftp",
    "grpc",
    "hdfs",
    "http",
    "pig_cli",
    "hive_cli",
    "hive_metastore",
    "jdbc",
    "jenkins",
    "samba",
    "snowflake",
    "ssh",
    "cloudant",
    "databricks",
    "segment",
    "slack",
    "teams",
    "email",
    "discord",
    "mattermost",
    "pagerduty",
    "hipchat",
    "webhook",
    "custom",
];

/// The store (when a mapping), then each mapping item of `connections`.
pub(super) fn entries(doc: &Document, storage: &Storage) -> Vec<Entry> {
    let mut out = Vec::new();
    if let Some(pair) = storage.artifacts_store {
        if doc.is_mapping(pair.value) {
            out.push(entry(
                doc,
                Role::ArtifactsStore,
                Some(pair),
                pair.value,
                Role::ArtifactsStore.section_path(),
            ));
        }
    }
    if let Some(pair) = storage.connections {
        for (i, item) in doc.items(pair.value).iter().enumerate() {
            if doc.is_mapping(*item) {
                out.push(entry(
                    doc,
                    Role::Connection,
                    None,
                    *item,
                    Role::Connection.section_path().item(i),
                ));
            }
        }
    }
    out
}

fn entry(doc: &Document, role: Role, pair: Option<Pair>, written: NodeId, path: YamlPath) -> Entry {
    let node = doc.resolve_id(written);
    let text = |p: Pair| {
        doc.scalar(p.value)
            .filter(|s| !s.is_empty())
            .map(|s| s.value.as_str())
    };
    let kind_pair = doc.get(node, "kind");
    let kind = match kind_pair.map(|p| text(p).and_then(Kind::from_v1_name)) {
        None => KindState::Unset,
        Some(Some(kind)) => KindState::Known(kind),
        Some(None) => KindState::Other,
    };
    let fields = Field::ALL
        .into_iter()
        .filter_map(|field| {
            let keys = field.location(Chart::V1)?;
            let mut at = node;
            let mut found = None;
            for (i, key) in keys.iter().enumerate() {
                let last = i + 1 == keys.len();
                let alias = field.v1_alias().filter(|_| last);
                let pair = doc
                    .get(at, key)
                    .or_else(|| alias.and_then(|a| doc.get(at, a)))?;
                at = doc.resolve_id(pair.value);
                found = Some(pair);
            }
            found.map(|pair| FieldPair { field, pair })
        })
        .collect();
    Entry {
        chart: Chart::V1,
        role,
        name: doc
            .get(node, "name")
            .and_then(text)
            .unwrap_or_default()
            .to_string(),
        path,
        pair,
        node,
        kind,
        kind_pair,
        fields,
        others: Vec::new(),
    }
}

/// The connection names listed in `mountConnections`: what the api and streams pods mount
/// besides the store (today's chart, `_connections.tpl`); items that are not names are
/// left out. One reading for the storage map, V007's mount-path clashes and A011.
pub fn mounted_connections(doc: &Document) -> Vec<&str> {
    mounted_connection_items(doc)
        .into_iter()
        .map(|(_, _, name)| name)
        .collect()
}

/// [`mounted_connections`] with each name's index in the list and its node (for findings).
pub fn mounted_connection_items(doc: &Document) -> Vec<(usize, NodeId, &str)> {
    doc.root()
        .and_then(|root| doc.get(root, "mountConnections"))
        .map(|p| {
            doc.items(p.value)
                .iter()
                .enumerate()
                .filter_map(|(i, &item)| doc.key_str(item).map(|name| (i, item, name)))
                .collect()
        })
        .unwrap_or_default()
}
