//! A — what only the v1+ chart has: the shape of `artifactsStore` and `connections`
//! (name, kind, schema, secret), and the way there from v0.
//!
//! The fields inside `schema` and `secret` are storage fields like v0's: the T, V, C and
//! D families check them for both charts.

use crate::options::Chart;
use crate::rules::Context;
use crate::storage::Entry;

family! {
    top_level_shape: [A001],
    connection_name: [A002],
    connection_kind: [A003],
    connection_schema: [A004, A006],
    mixed_charts: [A007],
    migration: [A008],
    default_store: [A009],
    resources: [A010],
    mounted_connections: [A011],
}

/// The connections the v1+ chart reads (`artifactsStore` and `connections`): every entry
/// when the file is checked as the v1+ chart, none when it is checked as v0.
fn connections<'a>(ctx: &Context<'a>) -> &'a [Entry] {
    match ctx.chart {
        Chart::V1 => &ctx.storage.entries,
        Chart::V0 => &[],
    }
}
