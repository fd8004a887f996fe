//! S — the shape of the `persistence` section (v0).

family! {
    entries: [S001, S004, S006],
    one_level_off: [S002],
    top_level: [S003],
    volume_names: [S005],
    unknown_sections: [S007],
}

use crate::options::Chart;
use crate::rules::Context;
use crate::storage::Role;
use crate::yaml::{Pair, YamlPath};

/// `persistence` when the chart reads sections from it: in a v0 file, a mapping.
fn persistence(ctx: &Context<'_>) -> Option<Pair> {
    let persistence = ctx.storage.persistence.filter(|_| ctx.chart == Chart::V0)?;
    ctx.doc.is_mapping(persistence.value).then_some(persistence)
}

/// Whether the section `pair` (from [`sections`]) is written where Helm reads it: under the
/// file's own `persistence`, itself at the top. One that a `<<` merge brings is read there
/// but written elsewhere (and perhaps shared): a fix would edit the merged-from text.
fn written_in_place(ctx: &Context<'_>, pair: Pair) -> bool {
    let doc = ctx.doc;
    let Some(persistence) = persistence(ctx) else {
        return false;
    };
    let at_top = doc
        .root()
        .is_some_and(|root| doc.pairs(root).contains(&persistence));
    at_top && doc.pairs(persistence.value).contains(&pair)
}

/// The sections written under that `persistence`, in the chart's order, with their paths.
fn sections<'a>(ctx: &Context<'a>) -> impl Iterator<Item = (Role, Pair, YamlPath)> + 'a {
    let doc = ctx.doc;
    let persistence = persistence(ctx);
    Role::V0_SECTIONS.into_iter().filter_map(move |section| {
        let pair = doc.get(persistence?.value, section.key())?;
        Some((section, pair, section.section_path()))
    })
}
