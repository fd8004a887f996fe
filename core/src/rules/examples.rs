//! An example per rule (a rule of both charts may have one per chart): YAML that gets the
//! finding and YAML that does not (the CLI's `storage-check rule CODE` prints them).
//! `core/tests/catalogue.rs` checks every registered rule has one, that each bad file gets
//! the rule and each fixed file does not, so none can rot. (The page does not use them, so they are not in its bundle.)

/// One example of a rule. A rule of both charts may have one per chart (N007: v0's
/// `secretKey`, v1+'s `secret.items`), each beside the other in its module's `EXAMPLES`.
#[derive(Debug, Clone, Copy)]
pub struct Example {
    /// The rule's code.
    pub code: &'static str,
    /// A values file that gets the finding.
    pub bad: &'static str,
    /// The same file corrected (or, for information rules, a file without the finding).
    pub fixed: &'static str,
    /// The cluster snapshot (`kubectl ... -o json`) both files are checked against, for
    /// the rules that read one (family N).
    pub cluster: Option<&'static str>,
    /// A line to read the pair with, when they do not speak for themselves.
    pub note: Option<&'static str>,
}

/// The first example for `code` (the one SARIF's rule help shows).
pub fn for_code(code: &str) -> Option<&'static Example> {
    of_code(code).next()
}

/// Every example for `code`, in catalogue order.
pub fn of_code(code: &str) -> impl Iterator<Item = &'static Example> + '_ {
    all().filter(move |e| e.code == code)
}

/// Every example, each beside its rule, in catalogue order.
pub fn all() -> impl Iterator<Item = &'static Example> {
    const FAMILIES: [&[&[Example]]; 10] = [
        super::reading::EXAMPLES,
        super::shape::EXAMPLES,
        super::keys::EXAMPLES,
        super::types::EXAMPLES,
        super::volumes::EXAMPLES,
        super::cloud::EXAMPLES,
        super::topology::EXAMPLES,
        super::edition::EXAMPLES,
        super::artifacts::EXAMPLES,
        super::cluster::EXAMPLES,
    ];
    FAMILIES
        .into_iter()
        .flatten()
        .flat_map(|module| module.iter())
}
