//! A003: a connection's `kind`: missing, not a Polyaxon connection kind, or (for the
//! artifacts store) not a kind that can hold artifacts.

use crate::edit;
use crate::finding::Severity;
use crate::fix::Fix;
use crate::options::Chart;
use crate::rules::examples::Example;
use crate::rules::{Charts, Context, FixKind, Rule};
use crate::storage::v1::PROVIDER_KINDS;
use crate::storage::{Entry, Kind, Role};
use crate::text::suggest;

use super::connections;

/// `kind` missing or not a kind an artifacts connection can have.
pub const A003: Rule = Rule {
    code: "A003",
    severity: Severity::Error,
    charts: Charts::V1,
    summary: "`kind` missing, not a Polyaxon connection kind, or (for `artifactsStore`) not one of `host_path`, `volume_claim`, `s3`, `gcs`, `wasb`",
    why: "Polyaxon refuses a connection without a `kind` or with a kind it does not know (vents' ProviderKind: `git`, `registry`, `slack`, ... are all valid connections). The artifacts store must be one of the five artifact kinds: with another (`azure` instead of `wasb`) it passes the deploy check but every run fails to resolve the store path.",
    fix: FixKind::Safe,
};

pub const EXAMPLES: &[Example] = &[Example {
    code: "A003",
    bad: "artifactsStore:\n  name: store\n  kind: azure\n  schema:\n    bucket: wasbs://outputs@account.blob.core.windows.net/\n  secret:\n    name: s3-secret\n",
    fixed: "artifactsStore:\n  name: store\n  kind: wasb\n  schema:\n    bucket: wasbs://outputs@account.blob.core.windows.net/\n  secret:\n    name: s3-secret\n",
    cluster: None,
    note: None,
}];

pub(super) fn check(ctx: &mut Context<'_>) {
    for entry in connections(ctx) {
        kind(ctx, entry);
    }
}

fn kind(ctx: &mut Context<'_>, c: &Entry) {
    let doc = ctx.doc;
    let is_store = c.role == Role::ArtifactsStore;
    let Some(pair) = c.kind_pair else {
        let what = if is_store {
            "one of host_path, volume_claim, s3, gcs, wasb"
        } else {
            "a Polyaxon connection kind (host_path, volume_claim, s3, gcs, wasb, git, registry, ...)"
        };
        ctx.report(
            &A003,
            c.anchor(doc),
            c.path.clone(),
            format!("`{}` has no `kind`: {what}", c.path),
        );
        return;
    };
    if c.kind.known().is_some() || ctx.templated.contains(&pair.value) {
        return;
    }
    let value = doc
        .scalar(pair.value)
        .map(|s| s.value.clone())
        .unwrap_or_default();
    if !is_store && PROVIDER_KINDS.contains(&value.as_str()) {
        return; // A connection of another kind (git, registry, slack, ...): valid.
    }
    let candidates: &[&'static str] = if is_store {
        &Kind::V1_NAMES
    } else {
        &PROVIDER_KINDS
    };
    // Only a change of case or separators is certain; anything else is the user's call.
    let normalised = value.to_ascii_lowercase().replace(['-', ' '], "_");
    let spelled = candidates.iter().copied().find(|k| *k == normalised);
    let guessed = Kind::from_alias(&value)
        .filter(|_| is_store)
        .map(|k| k.name(Chart::V1))
        .or_else(|| suggest::unambiguous(&suggest::rank(&value, candidates)));
    let fix = spelled.or(guessed).map(|m| {
        let title = format!("Write `kind: {m}`");
        let edits = vec![edit::replace_scalar(doc, pair.value, m)];
        let touches = vec![c.child_path("kind")];
        if spelled.is_some() {
            Fix::safe(title, edits, touches)
        } else {
            Fix::suggested(title, edits, touches)
        }
    });
    let hint = spelled
        .or(guessed)
        .map_or_else(String::new, |m| format!("; did you mean `{m}`?"));
    let message = if is_store && PROVIDER_KINDS.contains(&value.as_str()) {
        format!("`kind: {value}` cannot hold artifacts: the artifacts store is one of host_path, volume_claim, s3, gcs, wasb{hint}")
    } else if is_store {
        format!("`kind: {value}` is not one of host_path, volume_claim, s3, gcs, wasb{hint}")
    } else {
        format!("`kind: {value}` is not a Polyaxon connection kind{hint}")
    };
    ctx.report(&A003, doc.span(pair.value), c.child_path("kind"), message)
        .fix = fix;
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    #[test]
    fn a003_azure_kind() {
        gets_and_not("A003", &V1_OK.replace("kind: s3", "kind: azure"), V1_OK);
    }

    #[test]
    fn a003_fix_writes_the_kind_safely_only_when_only_the_spelling_differs() {
        // `azure` is a valid connection kind but cannot hold artifacts: `wasb` is a guess.
        let report = run(&V1_OK.replace("kind: s3", "kind: azure"));
        let f = report.findings.iter().find(|f| f.code == "A003").unwrap();
        assert!(f.message.contains("cannot hold artifacts"), "{}", f.message);
        assert!(f.message.contains("did you mean `wasb`?"), "{}", f.message);
        assert!(!f.fix.as_ref().unwrap().is_safe());
        // `S3` is `s3` written in capitals: certain.
        let report = run(&V1_OK.replace("kind: s3", "kind: S3"));
        let f = report.findings.iter().find(|f| f.code == "A003").unwrap();
        assert!(f.fix.as_ref().unwrap().is_safe());
    }

    /// Issue "verdicts that agree with the real systems": what Polyaxon accepts gets no error.
    #[test]
    fn connections_of_any_polyaxon_kind_are_valid() {
        let text = format!(
            "{V1_OK}  - name: repo\n    kind: git\n    schema:\n      url: https://github.com/org/repo\n  - name: notify\n    kind: slack\n    secret:\n      name: slack-secret\n"
        );
        let report = run(&text);
        let about: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.path.starts_with("connections.1") || f.path.starts_with("connections.2"))
            .map(|f| f.code)
            .collect();
        assert!(about.is_empty(), "{about:?}");
        let bad = run(&text.replace("kind: slack", "kind: slak"));
        let f = bad
            .findings
            .iter()
            .find(|f| f.code == "A003")
            .expect("A003");
        assert!(
            f.message.contains("not a Polyaxon connection kind"),
            "{}",
            f.message
        );
    }
}
