//! V006: an `existingClaim` (v1+ `volumeClaim`) that no PersistentVolumeClaim can be named.

use crate::finding::Severity;
use crate::rules::examples::Example;
use crate::rules::{Charts, Context, FixKind, Rule};
use crate::storage::Field;
use crate::text::names;

use super::path_values;

/// `existingClaim` not a valid PVC name.
pub const V006: Rule = Rule {
    code: "V006",
    severity: Severity::Error,
    charts: Charts::Both,
    summary: "`existingClaim` is not a valid PVC name",
    why: "A PersistentVolumeClaim name is a DNS-1123 subdomain (lowercase letters, digits, `-` and `.`, at most 253 characters); no claim can have this name, so pods wait for it forever.",
    fix: FixKind::None,
};

pub const EXAMPLES: &[Example] = &[Example {
    code: "V006",
    bad: "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: Outputs_PVC\n",
    fixed: "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: outputs-pvc\n",
    cluster: None,
    note: None,
}];

pub(super) fn check(ctx: &mut Context<'_>) {
    for v in path_values(ctx, Field::Claim) {
        if !names::is_dns1123_subdomain(v.value) {
            let (key, value) = (v.key(Field::Claim), v.value);
            ctx.report(
                &V006,
                v.span,
                v.path,
                format!("`{key}: {value}` is not a valid PVC name (lowercase letters, digits, `-`, `.`; at most 253)"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    #[test]
    fn v006_bad_claim_name() {
        gets_and_not(
            "V006",
            "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: Outputs_PVC\n",
            CLAIM,
        );
    }
}
