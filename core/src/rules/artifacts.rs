//! A — what only the v1+ chart has: the shape of `artifactsStore` and `connections`
//! (name, kind, schema, secret), and the way there from v0.
//!
//! The fields inside `schema` and `secret` are storage fields like v0's: the T, V, C and
//! D families check them for both charts.

use std::collections::HashMap;

use super::{Charts, Context, Family, FixKind, Rule};
use crate::chart::{By, V1_STORAGE};
use crate::edit;
use crate::finding::{Detail, MigrationDetail, Severity};
use crate::fix::{Edit, Fix};
use crate::migrate;
use crate::options::{Chart, Topology};
use crate::source::Span;
use crate::storage::v1::{CONNECTION_KEYS, PROVIDER_KINDS, RESOURCE_KEYS};
use crate::storage::{Entry, Kind, Role};
use crate::text::{names, suggest};
use crate::yaml::{NodeId, NodeKind, ScalarStyle, ScalarType, YamlPath};

/// `artifactsStore` is not a mapping, or `connections` not a list.
pub const A001: Rule = Rule {
    code: "A001",
    severity: Severity::Error,
    charts: Charts::V1,
    summary: "`artifactsStore` is a list or not a mapping; `connections` or `mountConnections` not a list",
    why: "The v1+ chart reads `artifactsStore` as ONE connection (a mapping), `connections` as a list of them and `mountConnections` as a list of connection names (Polyaxon 2.x's deploy check: \"Input should be a valid list\"). The v1.1 Azure docs wrote `artifactsStore` as a list: the chart then has no store and falls back to its default host path.",
    fix: FixKind::None,
};

/// `name` missing, not a slug, or used twice.
pub const A002: Rule = Rule {
    code: "A002",
    severity: Severity::Error,
    charts: Charts::V1,
    summary: "`name` missing, not a slug (a DNS label for host_path/volume_claim), or used twice across `artifactsStore` and `connections`",
    why: "Polyaxon refers to connections by name (lowercase letters, digits, `-` and `_`), and its agent refuses two connections with one name. A host_path or volume_claim connection's name is also the pod volume's name (`get_volume_from_connection`), which Kubernetes requires to be a DNS label: no `_`.",
    fix: FixKind::None,
};

/// `kind` missing or not a kind an artifacts connection can have.
pub const A003: Rule = Rule {
    code: "A003",
    severity: Severity::Error,
    charts: Charts::V1,
    summary: "`kind` missing, not a Polyaxon connection kind, or (for `artifactsStore`) not one of `host_path`, `volume_claim`, `s3`, `gcs`, `wasb`",
    why: "Polyaxon refuses a connection without a `kind` or with a kind it does not know (vents' ProviderKind: `git`, `registry`, `slack`, ... are all valid connections). The artifacts store must be one of the five artifact kinds: with another (`azure` instead of `wasb`) it passes the deploy check but every run fails to resolve the store path.",
    fix: FixKind::Safe,
};

/// `schema` missing fields its kind needs, or with unknown fields.
pub const A004: Rule = Rule {
    code: "A004",
    severity: Severity::Error,
    charts: Charts::V1,
    summary: "unknown connection field; `schema` missing the fields its kind needs, or with unknown fields (field values get the V/C/T checks)",
    why: "Polyaxon refuses unknown connection fields at the deploy check. Inside `schema` it is more lenient: a schema that does not fit its kind (host_path needs `hostPath` and `mountPath`, volume_claim `volumeClaim` and `mountPath`, s3/gcs/wasb a `bucket`; no other field) is kept as a plain mapping, and then every run fails when it builds the volume or the store path.",
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

/// `persistence` in a v1+ file.
pub const A007: Rule = Rule {
    code: "A007",
    severity: Severity::Error,
    charts: Charts::Both,
    summary: "`persistence` in a file checked as the v1+ chart, or beside `artifactsStore`/`connections`",
    why: "Polyaxon 2.x's deploy check refuses `persistence` (\"Extra inputs are not permitted\"), and the v1+ chart ignores it: the outputs configured there are not used, and without an `artifactsStore` the chart falls back to its default host-path store.",
    fix: FixKind::None,
};

/// `secret` or `configMap` of a connection is not a resource Polyaxon reads.
pub const A010: Rule = Rule {
    code: "A010",
    severity: Severity::Error,
    charts: Charts::V1,
    summary: "`secret`/`configMap` is not a mapping with `name` (optional `mountPath`, `hostPath`, `items`, `defaultMode` as a string, `isRequested`)",
    why: "Polyaxon reads a connection's `secret` and `configMap` as a resource (vents' ConnectionResource): a mapping with a required `name` and nothing but `mountPath`, `hostPath`, `items` (a list of key names), `defaultMode` (a string: `420` or `0644`, a number under YAML 1.1, is refused) and `isRequested`. A plain string is only accepted as a `{{ ... }}` reference. The deploy check and the agent refuse anything else.",
    fix: FixKind::Suggested,
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
    rules: &[
        &A001, &A002, &A003, &A004, &A006, &A007, &A008, &A009, &A010,
    ],
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
                resources(ctx, entry);
                if let Some(kind) = entry.kind.known() {
                    schema(ctx, entry, kind);
                }
            }
            default_store(ctx);
        }
    }
}

/// A007: `persistence` where the v1+ chart reads the file, or beside its storage keys.
fn mixed_charts(ctx: &mut Context<'_>) {
    let doc = ctx.doc;
    let Some(root) = doc.root() else { return };
    let Some(persistence) = doc.get(root, "persistence") else {
        return;
    };
    let v1: Vec<&str> = V1_STORAGE
        .into_iter()
        .filter(|k| doc.get(root, k).is_some())
        .collect();
    let message = match (v1.is_empty(), ctx.chart) {
        (false, _) => format!(
            "the file has both `persistence` and `{}`: the v1+ chart ignores `persistence`",
            v1.join("`/`")
        ),
        (true, Chart::V1) => format!(
            "`persistence` is chart 0.x's, and this file is checked as {}: the v1+ chart ignores `persistence` and Polyaxon 2.x refuses it",
            ctx.basis.describe(Chart::V1)
        ),
        (true, Chart::V0) => return,
    };
    ctx.report(&A007, doc.span(persistence.key), "persistence", message);
}

/// A008: a v0 file's migration.
fn migration(ctx: &mut Context<'_>) {
    let doc = ctx.doc;
    let Ok(plan) = migrate::plan_for(ctx.text, doc, ctx.storage) else {
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
        notes: plan.notes,
        losses: plan.losses,
        carried: plan.carried,
    }));
}

/// A001: the three top-level v1+ keys in the shape the chart reads.
fn shapes(ctx: &mut Context<'_>) {
    let doc = ctx.doc;
    let top = |key: &str| doc.root().and_then(|root| doc.get(root, key));
    let expected: [(&str, bool, &str); 3] = [
        ("artifactsStore", false, "ONE connection (a mapping)"),
        ("connections", true, "a list of connections"),
        ("mountConnections", true, "a list of connection names"),
    ];
    for (key, list, shape) in expected {
        let Some(pair) = top(key) else { continue };
        let fits = if list {
            matches!(
                doc.resolve(pair.value).map(|n| &n.kind),
                Some(NodeKind::Sequence(_))
            )
        } else {
            doc.is_mapping(pair.value)
        };
        if fits && list {
            items(ctx, key, pair.value);
        }
        if fits || doc.is_null(pair.value) || ctx.templated.contains(&pair.value) {
            continue;
        }
        let what = doc.describe(pair.value);
        ctx.report(
            &A001,
            doc.span(pair.value),
            key,
            format!("`{key}` is {what}; it must be {shape}"),
        );
    }
}

/// A001 on the items of `connections` (each a mapping) and `mountConnections` (each a
/// name): Polyaxon's deploy check and its agent refuse the whole list over one bad item
/// (a connection written as a plain string is the usual one).
fn items(ctx: &mut Context<'_>, key: &str, list: NodeId) {
    let doc = ctx.doc;
    let names = key == "mountConnections";
    for (i, &item) in doc.items(list).iter().enumerate() {
        let fits = if names {
            doc.key_str(item).is_some()
        } else {
            doc.is_mapping(item)
        };
        if fits || ctx.templated.contains(&item) {
            continue;
        }
        let path = YamlPath::root().child(key).item(i);
        let what = doc.describe(item);
        let shape = if names {
            "a connection's name"
        } else {
            "a mapping with `name`, `kind` and `schema` (Polyaxon refuses the whole list)"
        };
        ctx.report(
            &A001,
            doc.span(item),
            path,
            format!("`{key}[{i}]` is {what}; each item must be {shape}"),
        );
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
    let volume = c.kind.known().filter(|k| k.is_volume());
    if let Some(kind) = volume.filter(|_| is_slug(name) && !names::is_dns1123_label(name)) {
        ctx.report(
            &A002,
            span,
            c.child_path("name"),
            format!("`name: {name}` is also the volume name of this {} connection: Kubernetes needs a DNS label (lowercase letters, digits, `-`)", kind.name(Chart::V1)),
        );
    }
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
    let is_store = c.role == Role::ArtifactsStore;
    let Some(pair) = c.kind_pair else {
        let what = if is_store {
            "one of host_path, volume_claim, s3, gcs, wasb"
        } else {
            "a Polyaxon connection kind (host_path, volume_claim, s3, gcs, wasb, git, registry, ...)"
        };
        ctx.report(
            &A003,
            c.anchor(doc),
            c.path.clone(),
            format!("`{}` has no `kind`: {what}", c.path),
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
    if !is_store && PROVIDER_KINDS.contains(&value.as_str()) {
        return; // A connection of another kind (git, registry, slack, ...): valid.
    }
    let candidates: &[&'static str] = if is_store {
        &Kind::V1_NAMES
    } else {
        &PROVIDER_KINDS
    };
    // Only a change of case or separators is certain; anything else is the user's call.
    let normalised = value.to_ascii_lowercase().replace(['-', ' '], "_");
    let spelled = candidates.iter().copied().find(|k| *k == normalised);
    let guessed = Kind::from_alias(&value)
        .filter(|_| is_store)
        .map(|k| k.name(Chart::V1))
        .or_else(|| suggest::unambiguous(&suggest::rank(&value, candidates)));
    let fix = spelled.or(guessed).map(|m| {
        let title = format!("Write `kind: {m}`");
        let edits = vec![edit::replace_scalar(doc, pair.value, m)];
        let touches = vec![c.child_path("kind")];
        if spelled.is_some() {
            Fix::safe(title, edits, touches)
        } else {
            Fix::suggested(title, edits, touches)
        }
    });
    let hint = spelled
        .or(guessed)
        .map_or_else(String::new, |m| format!("; did you mean `{m}`?"));
    let message = if is_store && PROVIDER_KINDS.contains(&value.as_str()) {
        format!("`kind: {value}` cannot hold artifacts: the artifacts store is one of host_path, volume_claim, s3, gcs, wasb{hint}")
    } else if is_store {
        format!("`kind: {value}` is not one of host_path, volume_claim, s3, gcs, wasb{hint}")
    } else {
        format!("`kind: {value}` is not a Polyaxon connection kind{hint}")
    };
    ctx.report(&A003, doc.span(pair.value), c.child_path("kind"), message)
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

/// A010: `secret` and `configMap` are resources: a mapping with `name`, or a reference.
fn resources(ctx: &mut Context<'_>, c: &Entry) {
    let doc = ctx.doc;
    for key in ["secret", "configMap", "config_map"] {
        let Some(pair) = c.get(doc, key) else {
            continue;
        };
        let path = c.child_path(key);
        if doc.is_null(pair.value) || ctx.templated.contains(&pair.value) {
            continue;
        }
        if let Some(scalar) = doc.scalar(pair.value) {
            // `secret: s3-secret`: the name, without the mapping around it.
            let value = scalar.value.clone();
            let fix = Fix::suggested(
                format!("Write `{key}: {{name: {value}}}`"),
                vec![Edit::replace(
                    doc.span(pair.value).start,
                    doc.span(pair.value).end,
                    format!("{{name: {}}}", crate::text::quote::scalar(&value)),
                )],
                vec![path.clone()],
            );
            ctx.report(
                &A010,
                doc.span(pair.value),
                path,
                format!("`{key}: {value}` is a string; Polyaxon reads `{key}` as a mapping with `name` (a string only as a `{{{{ ... }}}}` reference)"),
            )
            .fix = Some(fix);
            continue;
        }
        if !doc.is_mapping(pair.value) {
            let what = doc.describe(pair.value);
            ctx.report(
                &A010,
                doc.span(pair.value),
                path,
                format!("`{key}` is {what}; it must be a mapping with `name`"),
            );
            continue;
        }
        if doc.get(pair.value, "name").is_none() {
            ctx.report(
                &A010,
                doc.span(pair.key),
                path.clone(),
                format!(
                    "`{key}` has no `name`: the name of the Kubernetes {}",
                    if key == "secret" {
                        "Secret"
                    } else {
                        "ConfigMap"
                    }
                ),
            );
        }
        for inner in doc.pairs(pair.value) {
            let Some(name) = doc.key_str(inner.key) else {
                continue;
            };
            if !RESOURCE_KEYS.contains(&name) {
                ctx.report(
                    &A010,
                    doc.span(inner.key),
                    path.child(name),
                    format!("unknown field `{name}` in `{key}` (allowed: name, mountPath, hostPath, items, defaultMode, isRequested)"),
                );
                continue;
            }
            let typed = doc
                .scalar(inner.value)
                .filter(|s| s.style == ScalarStyle::Plain)
                .map(|s| (s.scalar_type(), s.value.clone()));
            if let (true, Some((ScalarType::Int | ScalarType::Float | ScalarType::Bool, value))) =
                (matches!(name, "defaultMode" | "default_mode"), typed)
            {
                let fix = Fix::suggested(
                    format!("Quote `{value}`"),
                    vec![Edit::replace(
                        doc.span(inner.value).start,
                        doc.span(inner.value).end,
                        crate::text::quote::double_quoted(&value),
                    )],
                    vec![path.child(name)],
                );
                ctx.report(
                    &A010,
                    doc.span(inner.value),
                    path.child(name),
                    format!("`{name}: {value}` is a number to YAML; Polyaxon takes `defaultMode` only as a string"),
                )
                .fix = Some(fix);
            }
        }
    }
}

/// The `schema` keys of a kind (the `schema.` fields of its layout): the volume's own key
/// first, then where it is mounted, in the order people write them.
fn schema_keys(kind: Kind) -> Vec<&'static str> {
    let keys = kind
        .fields(Chart::V1)
        .iter()
        .filter_map(|f| f.location(Chart::V1))
        .filter(|loc| loc.first() == Some(&"schema"))
        .filter_map(|loc| loc.last().copied());
    let (mount, own): (Vec<_>, Vec<_>) = keys.partition(|k| matches!(*k, "mountPath" | "readOnly"));
    own.into_iter().chain(mount).collect()
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
    // Also taken: the snake_case names of the fields, and `kind` (the schemas carry it).
    let aliases: Vec<&str> = kind
        .fields(Chart::V1)
        .iter()
        .filter_map(|f| f.v1_alias())
        .chain(["kind"])
        .collect();
    for pair in doc.pairs(schema.value) {
        let Some(key) = doc.key_str(pair.key) else {
            continue;
        };
        if !allowed.contains(&key) && !aliases.contains(&key) {
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
    let no_secret = c.get(doc, "secret").is_none_or(|p| doc.is_null(p.value));
    if kind.store().is_some() && no_secret {
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
    // A file that says nothing of its chart gets advice for both.
    let message = if ctx.basis.by == By::Nothing {
        "no storage configured, and no key says which chart: today's chart keeps artifacts on host path `/tmp/artifactsStore` of each node (set `artifactsStore`), chart 0.6 its outputs on `/tmp/outputs` (set `persistence.outputs`)"
    } else {
        "no `artifactsStore`: the chart's default applies (host path `/tmp/artifactsStore` mounted at `/artifactsStore`)"
    };
    let finding = ctx.report(&A009, span, "artifactsStore", message);
    if multi_node {
        finding.severity = Severity::Warning;
    }
}
