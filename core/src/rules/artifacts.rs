//! A — the v1+ chart's `artifactsStore` and `connections`, and the way there from v0.
//!
//! The `schema` fields get the same checks as their v0 counterparts, under the same codes
//! (V004/V005/V006/V009 for paths and claims, C003/C004 for buckets, T001 for types).

use std::collections::HashMap;

use super::volumes::{check_value, PathValue};
use super::{Context, FixKind, Rule};
use crate::edit;
use crate::finding::Severity;
use crate::fix::Fix;
use crate::migrate;
use crate::model::v1::{self, Connection, V1Kind, CONNECTION_KEYS};
use crate::model::V1_KEYS;
use crate::options::Topology;
use crate::source::Span;
use crate::text::bucket::{self, BucketProblem};
use crate::text::suggest;
use crate::yaml::{NodeKind, ScalarType};

/// `artifactsStore` is not a mapping, or `connections` not a list.
pub const A001: Rule = Rule {
    code: "A001",
    severity: Severity::Error,
    summary: "`artifactsStore` is a list or not a mapping; `connections` not a list",
    why: "The v1+ chart reads `artifactsStore` as ONE connection (a mapping) and `connections` as a list of them. The v1.1 Azure docs wrote `artifactsStore` as a list: the chart then has no store and falls back to its default host path.",
    fix: FixKind::None,
};

/// `name` missing, not a slug, or used twice.
pub const A002: Rule = Rule {
    code: "A002",
    severity: Severity::Error,
    summary: "`name` missing, not a slug, or used twice across `artifactsStore` and `connections`",
    why: "Polyaxon refers to connections by name (lowercase letters, digits, `-` and `_`); a missing or repeated name makes the connection unusable or shadows another one.",
    fix: FixKind::None,
};

/// `kind` missing or not a kind an artifacts connection can have.
pub const A003: Rule = Rule {
    code: "A003",
    severity: Severity::Error,
    summary: "`kind` missing or not one of `host_path`, `volume_claim`, `s3`, `gcs`, `wasb`",
    why: "The kind tells Polyaxon how to mount or reach the store; an unknown kind (`azure` instead of `wasb`, `pvc` instead of `volume_claim`) is rejected.",
    fix: FixKind::Safe,
};

/// `schema` missing fields its kind needs, or with unknown fields.
pub const A004: Rule = Rule {
    code: "A004",
    severity: Severity::Error,
    summary: "`schema` missing the fields its kind needs, unknown fields (field values get the V/C/T checks)",
    why: "host_path needs `hostPath` and `mountPath`, volume_claim `volumeClaim` and `mountPath`, s3/gcs/wasb a `bucket`. Polyaxon's schema rejects unknown fields, and a missing one leaves the store unmounted.",
    fix: FixKind::None,
};

/// `bucket` scheme disagrees with `kind`.
pub const A005: Rule = Rule {
    code: "A005",
    severity: Severity::Error,
    summary: "`bucket` scheme disagrees with `kind`",
    why: "Polyaxon picks the client from `kind` and parses the bucket with it: `kind: wasb` with an `s3://` bucket (the v1.1 S3 docs' own mistake) fails on the first upload.",
    fix: FixKind::None,
};

/// Cloud kind without `secret.name`.
pub const A006: Rule = Rule {
    code: "A006",
    severity: Severity::Warning,
    summary: "cloud kind without `secret.name`",
    why: "Without a Secret the connection only works where the nodes themselves have access (node-level or workload identity); anywhere else every upload is refused.",
    fix: FixKind::None,
};

/// Both `persistence` and `artifactsStore`/`connections`.
pub const A007: Rule = Rule {
    code: "A007",
    severity: Severity::Warning,
    summary: "the file has both `persistence` and `artifactsStore`/`connections`",
    why: "The v1+ chart ignores `persistence` entirely: the outputs configured there are not used, and without an `artifactsStore` the chart falls back to its default host-path store.",
    fix: FixKind::None,
};

/// A v0 `persistence` can be migrated to the v1+ chart.
pub const A008: Rule = Rule {
    code: "A008",
    severity: Severity::Info,
    summary: "the v0 `persistence` entries can be migrated to `artifactsStore`/`connections`",
    why: "Today's chart (1.x, 2.x) replaced `persistence.outputs` with `artifactsStore` and `connections`. The migration keeps each entry's kind and paths; cloud Secrets change shape: v1+ reads the credentials as separate keys, not one JSON file under `secretKey`.",
    fix: FixKind::Suggested,
};

/// No `artifactsStore`: the chart's default applies.
pub const A009: Rule = Rule {
    code: "A009",
    severity: Severity::Info,
    summary: "no `artifactsStore`: the default host-path store applies (warning on multi-node)",
    why: "Without an `artifactsStore` the chart uses `{name: default-artifacts-store, kind: host_path, schema: {hostPath: /tmp/artifactsStore, mountPath: /artifactsStore}}`: a directory on whatever node each pod lands on.",
    fix: FixKind::None,
};

/// A007: runs for every chart.
pub(crate) fn mixed_charts(ctx: &mut Context<'_>) {
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

/// A008: for v0 files.
pub(crate) fn migration(ctx: &mut Context<'_>) {
    let doc = ctx.doc;
    let Some(plan) = migrate::plan(ctx.text, doc) else {
        return;
    };
    let Some(persistence) = ctx.persistence.pair else {
        return;
    };
    let mut detail = format!("# Replaces `persistence` in values.yaml:\n{}", plan.block);
    if !plan.secret_commands.is_empty() {
        detail.push_str("\n# The Secrets, in the v1+ form (one key per credential):\n");
        for c in &plan.secret_commands {
            detail.push_str(c);
            detail.push('\n');
        }
    }
    for s in &plan.skipped {
        detail.push_str(&format!("# Not migrated: {s}\n"));
    }
    if !plan.dropped.is_empty() {
        detail.push_str(&format!(
            "# The v1+ chart has no place for: {}\n",
            plan.dropped.join(", ")
        ));
    }
    let finding = ctx.report(
        &A008,
        doc.span(persistence.key),
        "persistence",
        "this v0 `persistence` can be migrated to the v1+ chart's `artifactsStore` and `connections`",
    );
    finding.detail = Some(detail);
    finding.fix = plan.fix;
}

/// A001–A006, A009 and the schema field checks: for v1+ files.
pub(crate) fn check(ctx: &mut Context<'_>) {
    let doc = ctx.doc;
    let model = v1::read(doc);
    shapes(ctx, &model);
    let mut names_seen: HashMap<String, String> = HashMap::new();
    for c in &model.connections {
        name(ctx, c, &mut names_seen);
        let kind = kind(ctx, c);
        unknown_keys(ctx, c);
        if let Some(kind) = kind {
            schema(ctx, c, kind);
        }
    }
    default_store(ctx, &model);
}

fn shapes(ctx: &mut Context<'_>, model: &v1::Artifacts) {
    let doc = ctx.doc;
    if let Some(pair) = model.store_pair {
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
    if let Some(pair) = model.connections_pair {
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

fn name(ctx: &mut Context<'_>, c: &Connection, seen: &mut HashMap<String, String>) {
    let doc = ctx.doc;
    let Some(pair) = c.get(doc, "name") else {
        ctx.report(
            &A002,
            doc.span(c.node),
            c.path.clone(),
            format!("`{}` has no `name`", c.path),
        );
        return;
    };
    if ctx.templated.contains(&pair.value) {
        return;
    }
    let Some(name) = c.name(doc) else {
        ctx.report(
            &A002,
            doc.span(pair.key).cover(doc.span(pair.value)),
            format!("{}.name", c.path),
            format!("`{}` has an empty `name`", c.path),
        );
        return;
    };
    let span = doc.span(pair.value);
    if !is_slug(name) {
        ctx.report(
            &A002,
            span,
            format!("{}.name", c.path),
            format!("`name: {name}` is not a slug: lowercase letters, digits, `-` and `_`"),
        );
    }
    if let Some(first) = seen.get(name) {
        ctx.report(
            &A002,
            span,
            format!("{}.name", c.path),
            format!("`name: {name}` is already used by `{first}`"),
        );
    } else {
        seen.insert(name.to_string(), c.path.clone());
    }
}

fn kind(ctx: &mut Context<'_>, c: &Connection) -> Option<V1Kind> {
    let doc = ctx.doc;
    let Some(pair) = c.get(doc, "kind") else {
        ctx.report(
            &A003,
            doc.span(c.node),
            c.path.clone(),
            format!(
                "`{}` has no `kind`: one of host_path, volume_claim, s3, gcs, wasb",
                c.path
            ),
        );
        return None;
    };
    let value = doc
        .scalar(pair.value)
        .map(|s| s.value.clone())
        .unwrap_or_default();
    if let Some(kind) = V1Kind::from_name(&value) {
        return Some(kind);
    }
    if ctx.templated.contains(&pair.value) {
        return None;
    }
    let ranked = suggest::rank(&value, &V1Kind::NAMES);
    let meant = V1Kind::from_alias(&value)
        .map(V1Kind::name)
        .or_else(|| suggest::unambiguous(&ranked));
    let fix = meant.map(|m| {
        Fix::safe(
            format!("Write `kind: {m}`"),
            vec![edit::replace_scalar(doc, pair.value, m)],
            vec![format!("{}.kind", c.path)],
        )
    });
    let hint = meant.map_or_else(String::new, |m| format!("; did you mean `{m}`?"));
    ctx.report(
        &A003,
        doc.span(pair.value),
        format!("{}.kind", c.path),
        format!("`kind: {value}` is not one of host_path, volume_claim, s3, gcs, wasb{hint}"),
    )
    .fix = fix;
    None
}

fn unknown_keys(ctx: &mut Context<'_>, c: &Connection) {
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
            format!("{}.{key}", c.path),
            format!("unknown field `{key}` in `{}`{hint}", c.path),
        );
    }
}

fn schema(ctx: &mut Context<'_>, c: &Connection, kind: V1Kind) {
    let doc = ctx.doc;
    let schema_path = format!("{}.schema", c.path);
    let Some(schema) = c.get(doc, "schema").filter(|p| doc.is_mapping(p.value)) else {
        ctx.report(
            &A004,
            c.get(doc, "schema")
                .map_or(doc.span(c.node), |p| doc.span(p.key)),
            schema_path,
            format!(
                "`{}` needs a `schema` with {}",
                c.path,
                kind.required().join(" and ")
            ),
        );
        return;
    };
    for key in kind.required() {
        if c.schema_text(doc, key).is_none()
            && c.schema(doc, key)
                .is_none_or(|p| !ctx.templated.contains(&p.value))
        {
            ctx.report(
                &A004,
                doc.span(schema.key),
                schema_path.clone(),
                format!("`schema` of a {} connection needs `{key}`", kind.name()),
            );
        }
    }
    for pair in doc.pairs(schema.value) {
        let Some(key) = doc.key_str(pair.key) else {
            continue;
        };
        let path = format!("{schema_path}.{key}");
        if !kind.allowed().contains(&key) {
            ctx.report(
                &A004,
                doc.span(pair.key),
                path,
                format!(
                    "unknown field `{key}` in the `schema` of a {} connection (allowed: {})",
                    kind.name(),
                    kind.allowed().join(", ")
                ),
            );
            continue;
        }
        if ctx.templated.contains(&pair.value) {
            continue;
        }
        field(ctx, kind, key, pair.value, path);
    }
    if kind.store().is_some() && c.secret_name(doc).is_none() {
        ctx.report(
            &A006,
            c.get(doc, "kind").map_or(doc.span(c.node), |p| doc.span(p.key)),
            format!("{}.secret", c.path),
            format!("`{}` ({}) has no `secret.name`: it only works with node-level or workload identity", c.path, kind.name()),
        );
    }
    topology(ctx, c, kind);
}

fn field(ctx: &mut Context<'_>, kind: V1Kind, key: &str, value: usize, path: String) {
    let doc = ctx.doc;
    let span = doc.span(value);
    let Some(scalar) = doc.scalar(value) else {
        let what = doc.describe(value);
        ctx.report(
            &super::types::T001,
            span,
            path,
            format!(
                "`{key}` is {what}; it must be {}",
                if key == "readOnly" {
                    "a boolean"
                } else {
                    "a string"
                }
            ),
        );
        return;
    };
    let ty = scalar.scalar_type();
    if ty == ScalarType::Null {
        return;
    }
    if key == "readOnly" {
        if ty != ScalarType::Bool {
            ctx.report(
                &super::types::T001,
                span,
                path,
                format!(
                    "`readOnly` is `{}`; it must be `true` or `false`",
                    scalar.value
                ),
            );
        }
        return;
    }
    if ty != ScalarType::Str {
        ctx.report(
            &super::types::T001,
            span,
            path,
            format!("`{key}` is `{}`; it must be a string", scalar.value),
        );
        return;
    }
    let v = scalar.value.as_str();
    match key {
        "mountPath" => check_value(ctx, PathValue::Mount, key, v, span, &path),
        "hostPath" => check_value(ctx, PathValue::Host, key, v, span, &path),
        "volumeClaim" => check_value(ctx, PathValue::Claim, key, v, span, &path),
        "bucket" => {
            let Some(store) = kind.store() else { return };
            match bucket::parse(store, v) {
                Ok(parsed) => {
                    for problem in bucket::naming_problems(store, &parsed) {
                        ctx.report(&super::cloud::C004, span, path.clone(), problem);
                    }
                }
                Err(BucketProblem::WrongScheme { found, belongs_to }) => {
                    let other =
                        belongs_to.map_or(String::new(), |o| format!(" (a {} URL)", o.label()));
                    ctx.report(
                        &A005,
                        span,
                        path,
                        format!("`bucket: {v}` has the scheme `{found}://`{other} but `kind: {}` needs `{}://`", kind.name(), store.scheme()),
                    );
                }
                Err(BucketProblem::MissingScheme { fixed }) => {
                    let fix = fixed.map(|f| {
                        Fix::safe(
                            format!("Write `{f}`"),
                            vec![edit::replace_scalar(doc, value, &f)],
                            vec![path.clone()],
                        )
                    });
                    ctx.report(
                        &super::cloud::C003,
                        span,
                        path.clone(),
                        format!(
                            "`bucket: {v}` has no scheme; for `kind: {}` write `{}://...`",
                            kind.name(),
                            store.scheme()
                        ),
                    )
                    .fix = fix;
                }
                Err(_) => {
                    ctx.report(
                        &super::cloud::C003,
                        span,
                        path,
                        format!("`bucket: {v}` does not fit `kind: {}`", kind.name()),
                    );
                }
            }
        }
        _ => {}
    }
}

/// D001/D002 for the artifacts store, as for a v0 outputs entry.
fn topology(ctx: &mut Context<'_>, c: &Connection, kind: V1Kind) {
    if !c.is_store {
        return;
    }
    let severity = match ctx.options.topology {
        Topology::SingleNode => return,
        Topology::Unknown => Severity::Info,
        Topology::MultiNode => Severity::Warning,
    };
    let doc = ctx.doc;
    let span = c
        .get(doc, "kind")
        .map_or(doc.span(c.node), |p| doc.span(p.value));
    let (rule, message) = match kind {
        V1Kind::HostPath => (&super::topology::D001, "the artifacts store is a host path: fine on one node; on several nodes artifacts scatter and die with their node"),
        V1Kind::VolumeClaim => (&super::topology::D002, "the artifacts store is a claim: for jobs on several nodes it must be ReadWriteMany (NFS, Glusterfs, ...)"),
        _ => return,
    };
    ctx.report(rule, span, c.path.clone(), message).severity = severity;
}

fn default_store(ctx: &mut Context<'_>, model: &v1::Artifacts) {
    if model.store().is_some() {
        return;
    }
    let doc = ctx.doc;
    let span = model.store_pair.map_or(Span::empty(0), |p| doc.span(p.key));
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
