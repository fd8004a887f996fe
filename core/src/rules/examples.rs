//! An example per rule: YAML that gets the finding and YAML that does not (the CLI's
//! `storage-check rule CODE` prints them). `core/tests/catalogue.rs` checks every
//! registered rule has one, that the bad file gets the rule and the fixed file does not,
//! so none can rot. (The page does not use them, so they are not in its bundle.)

/// One rule's example.
#[derive(Debug, Clone, Copy)]
pub struct Example {
    /// The rule's code.
    pub code: &'static str,
    /// A values file that gets the finding.
    pub bad: &'static str,
    /// The same file corrected (or, for information rules, a file without the finding).
    pub fixed: &'static str,
    /// A line to read the pair with, when they do not speak for themselves.
    pub note: Option<&'static str>,
}

/// The example for `code`.
pub fn for_code(code: &str) -> Option<&'static Example> {
    all().find(|e| e.code == code)
}

/// Every example: the folders' (each beside its rule), then the others'.
pub fn all() -> impl Iterator<Item = &'static Example> {
    const FOLDERS: [&[&[Example]]; 8] = [
        super::reading::EXAMPLES,
        super::shape::EXAMPLES,
        super::keys::EXAMPLES,
        super::types::EXAMPLES,
        super::volumes::EXAMPLES,
        super::cloud::EXAMPLES,
        super::topology::EXAMPLES,
        super::edition::EXAMPLES,
    ];
    FOLDERS
        .into_iter()
        .flatten()
        .flat_map(|module| module.iter())
        .chain(EXAMPLES)
}

/// The examples of the families that are not folders yet, in catalogue order.
pub const EXAMPLES: &[Example] = &[
    Example {
        code: "A001",
        bad: "artifactsStore:\n  - name: store\n    kind: s3\n    schema:\n      bucket: s3://b-out\n",
        fixed: "artifactsStore:\n  name: store\n  kind: s3\n  schema:\n    bucket: s3://b-out\n  secret:\n    name: s3-secret\n",
        note: None,
    },
    Example {
        code: "A002",
        bad: "artifactsStore:\n  name: store\n  kind: s3\n  schema:\n    bucket: s3://b-out\n  secret:\n    name: s3-secret\nconnections:\n  - name: Data Set\n    kind: volume_claim\n    schema:\n      volumeClaim: data-pvc\n      mountPath: /data\n",
        fixed: "artifactsStore:\n  name: store\n  kind: s3\n  schema:\n    bucket: s3://b-out\n  secret:\n    name: s3-secret\nconnections:\n  - name: data\n    kind: volume_claim\n    schema:\n      volumeClaim: data-pvc\n      mountPath: /data\n",
        note: None,
    },
    Example {
        code: "A003",
        bad: "artifactsStore:\n  name: store\n  kind: azure\n  schema:\n    bucket: wasbs://outputs@account.blob.core.windows.net/\n  secret:\n    name: s3-secret\n",
        fixed: "artifactsStore:\n  name: store\n  kind: wasb\n  schema:\n    bucket: wasbs://outputs@account.blob.core.windows.net/\n  secret:\n    name: s3-secret\n",
        note: None,
    },
    Example {
        code: "A004",
        bad: "artifactsStore:\n  name: store\n  kind: s3\n  schema:\n    bucket: s3://b-out\n  secret:\n    name: s3-secret\nconnections:\n  - name: data\n    kind: volume_claim\n    schema:\n      volumeClaim: data-pvc\n",
        fixed: "artifactsStore:\n  name: store\n  kind: s3\n  schema:\n    bucket: s3://b-out\n  secret:\n    name: s3-secret\nconnections:\n  - name: data\n    kind: volume_claim\n    schema:\n      volumeClaim: data-pvc\n      mountPath: /data\n",
        note: None,
    },
    Example {
        code: "A006",
        bad: "artifactsStore:\n  name: store\n  kind: s3\n  schema:\n    bucket: s3://b-out\n",
        fixed: "artifactsStore:\n  name: store\n  kind: s3\n  schema:\n    bucket: s3://b-out\n  secret:\n    name: s3-secret\n",
        note: Some("Without a Secret this works only with node-level or workload identity."),
    },
    Example {
        code: "A007",
        bad: "persistence:\n  outputs: {}\nartifactsStore:\n  name: store\n  kind: s3\n  schema:\n    bucket: s3://b-out\n  secret:\n    name: s3-secret\n",
        fixed: "artifactsStore:\n  name: store\n  kind: s3\n  schema:\n    bucket: s3://b-out\n  secret:\n    name: s3-secret\n",
        note: None,
    },
    Example {
        code: "A008",
        bad: "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: outputs-pvc\n",
        fixed: "artifactsStore:\n  name: out\n  kind: volume_claim\n  schema:\n    volumeClaim: outputs-pvc\n    mountPath: /outputs\n",
        note: Some("`storage-check migrate FILE` writes the migration."),
    },
    Example {
        code: "A009",
        bad: "artifactsStore:\nconnections: []\n",
        fixed: "artifactsStore:\n  name: store\n  kind: s3\n  schema:\n    bucket: s3://b-out\n  secret:\n    name: s3-secret\n",
        note: None,
    },
    Example {
        code: "A010",
        bad: "artifactsStore:\n  name: store\n  kind: s3\n  schema:\n    bucket: s3://b-out\n  secret: s3-secret\n",
        fixed: "artifactsStore:\n  name: store\n  kind: s3\n  schema:\n    bucket: s3://b-out\n  secret:\n    name: s3-secret\n",
        note: Some("`secret` and `configMap` are mappings with a `name`; a string only as a `{{ ... }}` reference."),
    },
];
