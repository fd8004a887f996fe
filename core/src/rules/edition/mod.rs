//! E — what the edition allows.

family! {
    community_outputs: [E001],
}
