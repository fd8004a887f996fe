//! One component per file.

pub mod cached_part;
pub mod card;
pub mod cards;
pub mod cluster_input;
pub mod diff_view;
pub mod edit_review;
pub mod editor;
pub mod export;
pub mod finding_item;
pub mod findings;
pub mod layer_tabs;
pub mod message;
pub mod migrate_box;
pub mod notice;
pub mod options_bar;
pub mod paged;
pub mod rules_reference;
pub mod secrets_helper;
pub mod start;
pub mod storage_map;
