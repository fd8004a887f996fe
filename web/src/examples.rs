//! The examples the start panel offers. They are files next to the page (copied into
//! dist/examples/ by Trunk from the project's fixtures) and fetched on click from the
//! page's own origin, so they do not weigh on the WebAssembly bundle.

/// (button label, file under `examples/`).
pub const EXAMPLES: &[(&str, &str)] = &[
    ("Chart 0.6.1 default values", "chart-0.6.1-values.yaml"),
    ("A broken config", "broken.yaml"),
    ("An S3 setup", "s3.yaml"),
    ("A v1+ setup (artifactsStore)", "v1.yaml"),
];
