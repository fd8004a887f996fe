//! A — what only the v1+ chart has: the shape of `artifactsStore` and `connections`
//! (name, kind, schema, secret), and the way there from v0.
//!
//! The fields inside `schema` and `secret` are storage fields like v0's: the T, V, C and
//! D families check them for both charts.

use std::collections::HashMap;

use super::{Charts, Context, Family, FixKind, Rule};
use crate::edit;
use crate::finding::{Detail, MigrationDetail, Severity};
use crate::fix::Fix;
use crate::migrate;
use crate::options::{Chart, Topology};
use crate::source::Span;
use crate::storage::v1::CONNECTION_KEYS;
use crate::storage::{Entry, Field, Kind, V1_KEYS};
use crate::text::suggest;
use crate::yaml::NodeKind;

/// `artifactsStore` is not a mapping, or `connections` not a list.
pub const A001: Rule = Rule {
    code: "A001",
    severity: Severity::Error,
    charts: Charts::V1,
    summary: "`artifactsStore` is a list or not a mapping; `connections` not a list",
    why: "The v1+ chart reads `artifactsStore` as ONE connection (a mapping) and `connections` as a list of them. The v1.1 Azure docs wrote `artifactsStore` as a list: the chart then has no store and falls back to its default host path.",
    fix: FixKind::None,
};

/// `name` missing, not a slug, or used twice.
pub const A002: Rule = Rule {
    code: "A002",
    severity: Severity::Error,
    charts: Charts::V1,
    summary: "`name` missing, not a slug, or used twice across `artifactsStore` and `connections`",
    why: "Polyaxon refers to connections by name (lowercase letters, digits, `-` and `_`); a missing or repeated name makes the connection unusable or shadows another one.",
    fix: FixKind::None,
};

/// `kind` missing or not a kind an artifacts connection can have.
pub const A003: Rule = Rule {
    code: "A003",
    severity: Severity::Error,
    charts: Charts::V1,
    summary: "`kind` missing or not one of `host_path`, `volume_claim`, `s3`, `gcs`, `wasb`",
    why: "The kind tells Polyaxon how to mount or reach the store; an unknown kind (`azure` instead of `wasb`, `pvc` instead of `volume_claim`) is rejected.",
    fix: FixKind::Safe,
};

/// `schema` missing fields its kind needs, or with unknown fields.
pub const A004: Rule = Rule {
    code: "A004",
    severity: Severity::Error,
    charts: Charts::V1,
    summary: "`schema` missing the fields its kind needs, unknown fields (field values get the V/C/T checks)",
    why: "host_path needs `hostPath` and `mountPath`, volume_claim `volumeClaim` and `mountPath`, s3/gcs/wasb a `bucket`. Polyaxon's schema rejects unknown fields, and a missing one leaves the store unmounted.",
    fix: FixKind::None,
};

/// Cloud kind without `secret.name`.
pub const A006: Rule = Rule {
    code: "A006",
    severity: Severity::Warning,
    charts: Charts::V1,
    summary: "cloud kind without `secret.name`",
    why: "Without a Secret the connection only works where the nodes themselves have access (node-level or workload identity); anywhere else every upload is refused.",
    fix: FixKind::None,
};

/// Both `persistence` and `artifactsStore`/`connections`.
pub const A007: Rule = Rule {
    code: "A007",
    severity: Severity::Warning,
    charts: Charts::Both,
    summary: "the file has both `persistence` and `artifactsStore`/`connections`",
    why: "The v1+ chart ignores `persistence` entirely: the outputs configured there are not used, and without an `artifactsStore` the chart falls back to its default host-path store.",
    fix: FixKind::None,
};

/// A v0 `persistence` can be migrated to the v1+ chart.
pub const A008: Rule = Rule {
    code: "A008",
    severity: Severity::Info,
    charts: Charts::V0,
    summary: "the v0 `persistence` entries can be migrated to `artifactsStore`/`connections`",
    why: "Today's chart (1.x, 2.x) replaced `persistence.outputs` with `artifactsStore` and `connections`. The migration keeps each entry's kind and paths; cloud Secrets change shape: v1+ reads the credentials as separate keys, not one JSON file under `secretKey`.",
    fix: FixKind::Suggested,
};

/// No `artifactsStore`: the chart's default applies.
pub const A009: Rule = Rule {
    code: "A009",
    severity: Severity::Info,
    charts: Charts::V1,
    summary: "no `artifactsStore`: the default host-path store applies (warning on multi-node)",
    why: "Without an `artifactsStore` the chart uses `{name: default-artifacts-store, kind: host_path, schema: {hostPath: /tmp/artifactsStore, mountPath: /artifactsStore}}`: a directory on whatever node each pod lands on.",
    fix: FixKind::None,
};

pub(crate) const FAMILY: Family = Family {
    rules: &[&A001, &A002, &A003, &A004, &A006, &A007, &A008, &A009],
    check,
};

fn check(ctx: &mut Context<'_>) {
    mixed_charts(ctx);
    match ctx.chart {
        Chart::V0 => migration(ctx),
        Chart::V1 => {
            shapes(ctx);
            let mut names_seen: HashMap<String, String> = HashMap::new();
            for entry in &ctx.storage.entries {
                name(ctx, entry, &mut names_seen);
                kind(ctx, entry);
                unknown_keys(ctx, entry);
                if let Some(kind) = entry.kind.known() {
                    schema(ctx, entry, kind);
                }
            }
            default_store(ctx);
        }
    }
}

/// A007: the file has both charts' sections.
fn mixed_charts(ctx: &mut Context<'_>) {
    let doc = ctx.doc;
    let Some(root) = doc.root() else { return };
    let Some(persistence) = doc.get(root, "persistence") else {
        return;
    };
    let v1: Vec<&str> = V1_KEYS
        .into_iter()
        .filter(|k| doc.get(root, k).is_some())
        .collect();
    if v1.is_empty() {
        return;
    }
    ctx.report(
        &A007,
        doc.span(persistence.key),
        "persistence",
        format!(
            "the file has both `persistence` and `{}`: the v1+ chart ignores `persistence`",
            v1.join("`/`")
        ),
    );
}

/// A008: a v0 file's migration.
fn migration(ctx: &mut Context<'_>) {
    let doc = ctx.doc;
    let Some(plan) = migrate::plan_for(ctx.text, doc, ctx.storage) else {
        return;
    };
    let Some(persistence) = ctx.storage.persistence else {
        return;
    };
    let finding = ctx.report(
        &A008,
        doc.span(persistence.key),
        "persistence",
        "this v0 `persistence` can be migrated to the v1+ chart's `artifactsStore` and `connections`",
    );
    finding.fix = plan.fix;
    finding.detail = Some(Detail::Migration(MigrationDetail {
        block: plan.block,
        secret_commands: plan.secret_commands,
        skipped: plan.skipped,
        dropped: plan.dropped,
    }));
}

fn shapes(ctx: &mut Context<'_>) {
    let doc = ctx.doc;
    if let Some(pair) = ctx.storage.artifacts_store {
        if !doc.is_mapping(pair.value) && !doc.is_null(pair.value) {
            let what = doc.describe(pair.value);
            ctx.report(
                &A001,
                doc.span(pair.value),
                "artifactsStore",
                format!("`artifactsStore` is {what}; it must be ONE connection (a mapping)"),
            );
        }
    }
    if let Some(pair) = ctx.storage.connections {
        let is_list = matches!(
            doc.resolve(pair.value).map(|n| &n.kind),
            Some(NodeKind::Sequence(_))
        );
        if !is_list && !doc.is_null(pair.value) {
            let what = doc.describe(pair.value);
            ctx.report(
                &A001,
                doc.span(pair.value),
                "connections",
                format!("`connections` is {what}; it must be a list of connections"),
            );
        }
    }
}

fn is_slug(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

fn name(ctx: &mut Context<'_>, c: &Entry, seen: &mut HashMap<String, String>) {
    let doc = ctx.doc;
    let Some(pair) = c.get(doc, "name") else {
        ctx.report(
            &A002,
            c.anchor(doc),
            c.path.clone(),
            format!("`{}` has no `name`", c.path),
        );
        return;
    };
    if ctx.templated.contains(&pair.value) {
        return;
    }
    let name = c.name.as_str();
    if name.is_empty() {
        ctx.report(
            &A002,
            doc.span(pair.key).cover(doc.span(pair.value)),
            c.child_path("name"),
            format!("`{}` has an empty `name`", c.path),
        );
        return;
    }
    let span = doc.span(pair.value);
    if !is_slug(name) {
        ctx.report(
            &A002,
            span,
            c.child_path("name"),
            format!("`name: {name}` is not a slug: lowercase letters, digits, `-` and `_`"),
        );
    }
    if let Some(first) = seen.get(name) {
        ctx.report(
            &A002,
            span,
            c.child_path("name"),
            format!("`name: {name}` is already used by `{first}`"),
        );
    } else {
        seen.insert(name.to_string(), c.path.to_string());
    }
}

fn kind(ctx: &mut Context<'_>, c: &Entry) {
    let doc = ctx.doc;
    let Some(pair) = c.kind_pair else {
        ctx.report(
            &A003,
            c.anchor(doc),
            c.path.clone(),
            format!(
                "`{}` has no `kind`: one of host_path, volume_claim, s3, gcs, wasb",
                c.path
            ),
        );
        return;
    };
    if c.kind.known().is_some() || ctx.templated.contains(&pair.value) {
        return;
    }
    let value = doc
        .scalar(pair.value)
        .map(|s| s.value.clone())
        .unwrap_or_default();
    let ranked = suggest::rank(&value, &Kind::V1_NAMES);
    let meant = Kind::from_alias(&value)
        .map(|k| k.name(Chart::V1))
        .or_else(|| suggest::unambiguous(&ranked));
    let fix = meant.map(|m| {
        Fix::safe(
            format!("Write `kind: {m}`"),
            vec![edit::replace_scalar(doc, pair.value, m)],
            vec![c.child_path("kind")],
        )
    });
    let hint = meant.map_or_else(String::new, |m| format!("; did you mean `{m}`?"));
    ctx.report(
        &A003,
        doc.span(pair.value),
        c.child_path("kind"),
        format!("`kind: {value}` is not one of host_path, volume_claim, s3, gcs, wasb{hint}"),
    )
    .fix = fix;
}

fn unknown_keys(ctx: &mut Context<'_>, c: &Entry) {
    let doc = ctx.doc;
    for pair in doc.pairs(c.node) {
        let Some(key) = doc.key_str(pair.key) else {
            continue;
        };
        if CONNECTION_KEYS.contains(&key) {
            continue;
        }
        let hint = suggest::rank(key, &CONNECTION_KEYS)
            .first()
            .map_or_else(String::new, |b| format!("; did you mean `{}`?", b.word));
        ctx.report(
            &A004,
            doc.span(pair.key),
            c.child_path(key),
            format!("unknown field `{key}` in `{}`{hint}", c.path),
        );
    }
}

/// The `schema` keys of a kind (the `schema.` fields of its layout).
fn schema_keys(kind: Kind) -> Vec<&'static str> {
    let mut keys: Vec<&'static str> = kind
        .fields(Chart::V1)
        .iter()
        .filter_map(|f| f.location(Chart::V1))
        .filter(|loc| loc.first() == Some(&"schema"))
        .filter_map(|loc| loc.last().copied())
        .collect();
    // A volume's key first, then where it is mounted (the order people write them in).
    keys.sort_by_key(|k| *k == "mountPath" || *k == "readOnly");
    keys
}

fn schema(ctx: &mut Context<'_>, c: &Entry, kind: Kind) {
    let doc = ctx.doc;
    let schema_path = c.child_path("schema");
    let required: Vec<&str> = kind
        .required(Chart::V1)
        .iter()
        .map(|f| f.key(Chart::V1))
        .collect();
    let Some(schema) = c.get(doc, "schema").filter(|p| doc.is_mapping(p.value)) else {
        ctx.report(
            &A004,
            c.get(doc, "schema")
                .map_or(c.anchor(doc), |p| doc.span(p.key)),
            schema_path,
            format!(
                "`{}` needs a `schema` with {}",
                c.path,
                required.join(" and ")
            ),
        );
        return;
    };
    for field in kind.required(Chart::V1) {
        let written = c.field(*field);
        if c.text(doc, *field).is_none()
            && written.is_none_or(|p| !ctx.templated.contains(&p.pair.value))
        {
            ctx.report(
                &A004,
                doc.span(schema.key),
                schema_path.clone(),
                format!(
                    "`schema` of a {} connection needs `{}`",
                    kind.name(Chart::V1),
                    field.key(Chart::V1)
                ),
            );
        }
    }
    let allowed = schema_keys(kind);
    for pair in doc.pairs(schema.value) {
        let Some(key) = doc.key_str(pair.key) else {
            continue;
        };
        if !allowed.contains(&key) {
            ctx.report(
                &A004,
                doc.span(pair.key),
                schema_path.child(key),
                format!(
                    "unknown field `{key}` in the `schema` of a {} connection (allowed: {})",
                    kind.name(Chart::V1),
                    allowed.join(", ")
                ),
            );
        }
    }
    if kind.store().is_some() && c.text(doc, Field::Secret).is_none() {
        ctx.report(
            &A006,
            c.kind_pair.map_or(c.anchor(doc), |p| doc.span(p.key)),
            c.child_path("secret"),
            format!("`{}` ({}) has no `secret.name`: it only works with node-level or workload identity", c.path, kind.name(Chart::V1)),
        );
    }
}

/// A009: no artifacts store, so the chart's default host path applies.
fn default_store(ctx: &mut Context<'_>) {
    if ctx.storage.store().is_some() {
        return;
    }
    let doc = ctx.doc;
    let span = ctx
        .storage
        .artifacts_store
        .map_or(Span::empty(0), |p| doc.span(p.key));
    let multi_node = ctx.options.topology == Topology::MultiNode;
    let finding = ctx.report(
        &A009,
        span,
        "artifactsStore",
        "no `artifactsStore`: the chart's default applies (host path `/tmp/artifactsStore` mounted at `/artifactsStore`)",
    );
    if multi_node {
        finding.severity = Severity::Warning;
    }
}
