//! The page's cached parts: drawn again only when their analysis changes, not on every keystroke
//! (the page re-renders on each one): the storage map, hundreds of rows for a large file,
//! and the rule reference, which never changes. One component type for both, since each
//! type costs about half a kilobyte of the page's 350 KB budget.

use std::rc::Rc;

use yew::prelude::*;

use super::paged::Page;
use super::rules_reference::rules_reference;
use super::storage_map::storage_map;
use crate::state::Analysis;

/// Which part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// "Where the files go", from the analysis.
    StorageMap,
    /// Every rule (drawn once: it has no analysis).
    RuleReference,
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub part: Part,
    /// What the part is drawn from.
    #[prop_or_default]
    pub analysis: Option<Rc<Analysis>>,
}

#[function_component(CachedPart)]
pub fn cached_part(props: &Props) -> Html {
    // The map's page of rows.
    let page = use_mut_ref(Page::default);
    let redraw = use_force_update();
    match (props.part, &props.analysis) {
        (Part::StorageMap, Some(analysis)) => {
            let go = {
                let page = page.clone();
                Callback::from(move |start| {
                    page.borrow_mut().go(start);
                    redraw.force_update();
                })
            };
            storage_map(analysis, &mut page.borrow_mut(), &go)
        }
        (Part::StorageMap, None) => Html::default(),
        (Part::RuleReference, _) => rules_reference(),
    }
}
