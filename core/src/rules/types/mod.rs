//! T — value types: a boolean where a boolean belongs, a string for paths and names,
//! and required values left empty.

family! {
    wrong_types: [T001],
    required_empty: [T002],
}
