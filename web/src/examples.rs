//! The examples the start panel offers, from the project's own fixtures.

/// (button label, file text).
pub const EXAMPLES: &[(&str, &str)] = &[
    (
        "Chart 0.6.1 default values",
        include_str!("../../tests/fixtures/corpus/chart-0.6.1-values.yaml"),
    ),
    (
        "A broken config",
        include_str!("../../tests/fixtures/examples/broken.yaml"),
    ),
    (
        "An S3 setup",
        include_str!("../../tests/fixtures/examples/s3.yaml"),
    ),
    (
        "A v1+ setup (artifactsStore)",
        include_str!("../../tests/fixtures/examples/v1.yaml"),
    ),
];
