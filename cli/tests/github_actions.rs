//! The README's GitHub Actions workflow, run. The fenced block that starts with
//! `# .github/workflows/values.yml` is read from README.md (what users copy, not a copy of it)
//! with storage-core's YAML loader. Its `run:` steps run in order as GitHub's `shell: bash`
//! runs them (`bash --noprofile --norc -eo pipefail FILE`) on a temporary git repository,
//! with the storage-check built here first on PATH in place of the `cargo install` step; the
//! `uses:` steps are checked for what the runs rely on (the checkout's whole history, the
//! upload's file). The `${{ ... }}` expressions go through a small evaluator that knows the
//! contexts and functions the workflow uses and refuses any other, so a change to the block
//! that this test cannot follow fails here instead of passing untested.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use storage_core::yaml::{self, template::MaskKind, Document, NodeId};

const BLOCK: &str = "# .github/workflows/values.yml";
const INSTALL: &str = "cargo install --git https://github.com/OWNER/REPO storage-cli";
/// `github.event.before` on a branch's first push.
const ZEROS: &str = "0000000000000000000000000000000000000000";

/// K001 (an error): what every broken file below holds.
const BROKEN: &str =
    "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingclaim: outputs-pvc\n";
/// No error (notes only).
const CLEAN: &str =
    "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: outputs-pvc\n";

// ---------------------------------------------------------------------------------------------
// The workflow, from the README.

/// One step of the job, as written.
#[derive(Debug, Default)]
struct Step {
    uses: Option<String>,
    run: Option<String>,
    condition: Option<String>,
    shell: Option<String>,
    env: Vec<(String, String)>,
    with: BTreeMap<String, String>,
}

/// The text of the README's fenced `yaml` block that starts with [`BLOCK`].
fn readme_block() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md");
    let readme = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut lines = readme.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "```yaml" {
            let body: Vec<&str> = lines.by_ref().take_while(|l| l.trim() != "```").collect();
            if body.first().map(|l| l.trim()) == Some(BLOCK) {
                return body.join("\n") + "\n";
            }
        }
    }
    panic!("README.md has no ```yaml block whose first line is `{BLOCK}`");
}

/// The workflow as loaded, with its text: storage-core's loader reads keys as Helm does
/// (YAML 1.1: `on:` is the key `true`), GitHub as written.
struct Workflow {
    text: String,
    doc: Document,
}

impl Workflow {
    fn scalar(&self, id: NodeId, what: &str) -> String {
        self.doc
            .scalar(id)
            .map(|s| s.value.clone())
            .unwrap_or_else(|| panic!("the workflow's {what} is not a scalar"))
    }

    /// A key as written (a plain one: quoted keys are not used).
    fn key(&self, id: NodeId) -> &str {
        let span = self.doc.span(id);
        &self.text[span.start..span.end]
    }

    /// The value of `key` in the mapping `map`.
    fn field(&self, map: NodeId, key: &str) -> NodeId {
        let pair = self.doc.pairs(map).iter().find(|p| self.key(p.key) == key);
        pair.unwrap_or_else(|| panic!("the workflow has no `{key}:`"))
            .value
    }

    /// A mapping of scalars (`env:`, `with:`, `permissions:`), in order.
    fn scalars(&self, map: NodeId, what: &str) -> Vec<(String, String)> {
        self.doc
            .pairs(map)
            .iter()
            .map(|p| {
                let key = self.key(p.key).to_string();
                let value = self.scalar(p.value, &format!("{what}.{key}"));
                (key, value)
            })
            .collect()
    }
}

/// The steps of the README's workflow (its only job), after checking its triggers and
/// permissions.
fn workflow() -> Vec<Step> {
    let text = readme_block();
    let doc = yaml::load(&text, &yaml::Limits::default())
        .unwrap_or_else(|e| panic!("the README's workflow is not YAML: {e}"));
    // The loader masks a line that is one `{{ ... }}` as a template directive (a comment):
    // a `run:` line like that would reach bash changed.
    assert!(
        !doc.masked().iter().any(|m| m.kind == MaskKind::Directive),
        "a line of the workflow is one `{{{{ ... }}}}`, which the loader reads as a comment"
    );
    let w = Workflow { text, doc };
    let root = w.doc.root().expect("the workflow is a mapping");
    let on = w.field(root, "on");
    let events: Vec<String> = w.doc.items(on).iter().map(|&i| w.scalar(i, "on")).collect();
    for event in ["push", "pull_request"] {
        assert!(
            events.iter().any(|e| e == event),
            "not `on:` {event}: {events:?}"
        );
    }
    let permissions = w.scalars(w.field(root, "permissions"), "permissions");
    assert!(
        permissions.contains(&("security-events".into(), "write".into())),
        "the upload needs `security-events: write`: {permissions:?}"
    );
    let [job] = w.doc.pairs(w.field(root, "jobs")) else {
        panic!("the workflow should have one job");
    };
    let steps = w.field(job.value, "steps");
    w.doc
        .items(steps)
        .iter()
        .map(|&node| {
            let mut step = Step::default();
            for pair in w.doc.pairs(node) {
                let key = w.key(pair.key);
                let text = || Some(w.scalar(pair.value, key));
                match key {
                    "name" | "id" => {}
                    "uses" => step.uses = text(),
                    "run" => step.run = text(),
                    "if" => step.condition = text(),
                    "shell" => step.shell = text(),
                    "env" => step.env = w.scalars(pair.value, "env"),
                    "with" => step.with = w.scalars(pair.value, "with").into_iter().collect(),
                    other => panic!("a step's `{other}:` is unknown to this test: teach it"),
                }
            }
            step
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// `${{ ... }}` expressions: the part of GitHub's language the workflow uses.

/// A value of GitHub's expression language (numbers and objects are not needed here).
#[derive(Debug, Clone, PartialEq)]
enum V {
    Null,
    Bool(bool),
    Str(String),
}

impl V {
    fn truthy(&self) -> bool {
        match self {
            V::Null => false,
            V::Bool(b) => *b,
            V::Str(s) => !s.is_empty(),
        }
    }

    fn text(&self) -> String {
        match self {
            V::Null => String::new(),
            V::Bool(b) => b.to_string(),
            V::Str(s) => s.clone(),
        }
    }
}

/// What the expressions of one run can see.
struct Context<'a> {
    /// `github.…` paths that are set (`github.event.before`, ...); other `github.event.…`
    /// paths are null, as a missing property is on GitHub.
    github: &'a [(&'a str, &'a str)],
    workspace: &'a Path,
    failed: bool,
}

/// `expr` split at each `op` outside quotes and parentheses.
fn split_top<'e>(expr: &'e str, op: &str) -> Vec<&'e str> {
    let (mut parts, mut start, mut depth, mut quoted) = (Vec::new(), 0, 0, false);
    let mut i = 0;
    while i < expr.len() {
        match expr.as_bytes()[i] {
            b'\'' => quoted = !quoted,
            b'(' if !quoted => depth += 1,
            b')' if !quoted => depth -= 1,
            _ if !quoted && depth == 0 && expr.as_bytes()[i..].starts_with(op.as_bytes()) => {
                parts.push(&expr[start..i]);
                start = i + op.len();
                i = start;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    parts.push(&expr[start..]);
    parts
}

impl Context<'_> {
    fn eval(&self, expr: &str) -> V {
        let expr = expr.trim();
        // `a || b` is the first truthy operand (or the last), `a && b` the first falsy one.
        for (op, stop_when) in [("||", true), ("&&", false)] {
            let parts = split_top(expr, op);
            if parts.len() > 1 {
                let mut value = V::Null;
                for part in parts {
                    value = self.eval(part);
                    if value.truthy() == stop_when {
                        break;
                    }
                }
                return value;
            }
        }
        for (op, equal) in [("!=", false), ("==", true)] {
            if let [a, b] = split_top(expr, op)[..] {
                return V::Bool((self.eval(a).text() == self.eval(b).text()) == equal);
            }
        }
        if let Some(rest) = expr.strip_prefix('!') {
            return V::Bool(!self.eval(rest).truthy());
        }
        if let Some(text) = expr.strip_prefix('\'').and_then(|e| e.strip_suffix('\'')) {
            return V::Str(text.replace("''", "'"));
        }
        if let Some((name, args)) = expr.strip_suffix(')').and_then(|e| e.split_once('(')) {
            return self.call(name, args);
        }
        if let Some(&(_, value)) = self.github.iter().find(|(path, _)| *path == expr) {
            return V::Str(value.to_string());
        }
        if expr.starts_with("github.event.") {
            return V::Null;
        }
        panic!("`{expr}` in the workflow is unknown to this test: teach it");
    }

    fn call(&self, name: &str, args: &str) -> V {
        match (name, args.trim()) {
            ("success", "") => V::Bool(!self.failed),
            ("failure", "") => V::Bool(self.failed),
            ("always", "") => V::Bool(true),
            ("cancelled", "") => V::Bool(false),
            ("hashFiles", arg) => {
                let pattern = self.eval(arg).text();
                assert!(
                    !pattern.contains(['*', '?', '[', '!', ',']),
                    "hashFiles({arg}): this test knows one plain path only"
                );
                // Any non-empty text stands for the hash of a file that exists.
                let exists = self.workspace.join(&pattern).is_file();
                V::Str(if exists {
                    format!("hash of {pattern}")
                } else {
                    String::new()
                })
            }
            _ => panic!("`{name}({args})` in the workflow is unknown to this test: teach it"),
        }
    }

    /// `text` with each `${{ ... }}` replaced by its value.
    fn interpolate(&self, text: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(start) = rest.find("${{") {
            let end = rest[start..]
                .find("}}")
                .unwrap_or_else(|| panic!("an unclosed `${{{{` in {text:?}"));
            out.push_str(&rest[..start]);
            out.push_str(&self.eval(&rest[start + 3..start + end]).text());
            rest = &rest[start + end + 2..];
        }
        out + rest
    }

    /// Whether a step with this `if:` runs. Without a status function in it, GitHub adds
    /// `success() &&`; without an `if:`, it is `success()`.
    fn runs(&self, condition: Option<&str>) -> bool {
        let Some(condition) = condition else {
            return !self.failed;
        };
        let expr = condition.trim();
        let expr = expr
            .strip_prefix("${{")
            .and_then(|e| e.strip_suffix("}}"))
            .unwrap_or(expr);
        let status = ["success(", "failure(", "always(", "cancelled("];
        let implicit = !status.iter().any(|f| expr.contains(f));
        self.eval(expr).truthy() && !(implicit && self.failed)
    }
}

// ---------------------------------------------------------------------------------------------
// A runner for the job.

/// A folder removed when the test ends, passed or not.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("storage-check-gha-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir)
            .unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `git` (or a step) away from the user's git settings and from any repository the tests
/// themselves run in (a hook's `GIT_DIR`).
fn isolated(mut command: Command) -> Command {
    for var in [
        "GIT_DIR",
        "GIT_WORK_TREE",
        "GIT_INDEX_FILE",
        "GIT_OBJECT_DIRECTORY",
    ] {
        command.env_remove(var);
    }
    command
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "test")
        .env("GIT_AUTHOR_EMAIL", "test@example.com")
        .env("GIT_COMMITTER_NAME", "test")
        .env("GIT_COMMITTER_EMAIL", "test@example.com");
    command
}

fn git(repo: &Path, args: &[&str]) -> String {
    let mut command = isolated(Command::new("git"));
    let out = command
        .args(args)
        .current_dir(repo)
        .output()
        .unwrap_or_else(|e| panic!("git {args:?}: {e}"));
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn git_missing() -> bool {
    let missing = Command::new("git").arg("--version").output().is_err();
    if missing {
        eprintln!("skipped: `git` is not installed, and the workflow's steps run git");
    }
    missing
}

/// Writes each file (`None` deletes it), stages everything and commits; the new commit.
fn commit(repo: &Path, files: &[(&str, Option<&str>)]) -> String {
    for (name, text) in files {
        let path = repo.join(name);
        match text {
            Some(text) => {
                if let Some(dir) = path.parent() {
                    std::fs::create_dir_all(dir).expect("a folder in the test repository");
                }
                std::fs::write(&path, text)
                    .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
            }
            None => std::fs::remove_file(&path)
                .unwrap_or_else(|e| panic!("cannot delete {}: {e}", path.display())),
        }
    }
    git(repo, &["add", "--all"]);
    git(repo, &["commit", "--quiet", "--message", "change"]);
    git(repo, &["rev-parse", "HEAD"])
}

/// The test repository: a first commit, then one that changes, adds and deletes values
/// files. Returns the folder holding it, its path and both commits.
fn repository(name: &str) -> (TempDir, PathBuf, String, String) {
    let dir = TempDir::new(name);
    let repo = dir.0.join("repo");
    std::fs::create_dir_all(&repo).expect("the test repository's folder");
    git(&repo, &["init", "--quiet"]);
    let first = commit(
        &repo,
        &[
            ("values.yaml", Some(BROKEN)), // broken from the start, never changed
            ("deploy/values.yaml", Some(CLEAN)),
            // Like no file added later, so that git does not see the deletion as a rename.
            (
                "gone/values.yaml",
                Some("api:\n  replicas: 2\nscheduler:\n  replicas: 1\n"),
            ),
            ("config.yaml", Some("app: 1\n")),
        ],
    );
    let directive = format!("# storage-check: chart=v0\n{BROKEN}");
    let second = commit(
        &repo,
        &[
            ("deploy/values.yaml", Some(BROKEN)),
            ("values-prod.yml", Some(BROKEN)),
            ("values staging.yaml", Some(BROKEN)),
            ("deploy/ci storage.yaml", Some(&directive)),
            ("gone/values.yaml", None),
            // Not a values file: not checked, although it would have an error.
            ("config.yaml", Some(BROKEN)),
        ],
    );
    (dir, repo, first, second)
}

/// What a run of the job did.
#[derive(Debug)]
struct Outcome {
    /// The exit code of the first step that failed; 0 when none did (the job passed).
    code: i32,
    /// The `sarif_file` and `category` the upload step was given, when it ran.
    upload: Option<(String, String)>,
    /// The steps' output, for the assertions' messages.
    log: String,
}

/// Runs the job on `repo` as it is checked out, for an event with these `github.…` values.
fn run_job(repo: &Path, github: &[(&str, &str)]) -> Outcome {
    let steps = workflow();
    // A fresh checkout: nothing left by an earlier run.
    git(repo, &["clean", "-xfdq"]);
    let temp = repo.with_file_name("runner-temp");
    let _ = std::fs::remove_dir_all(&temp);
    std::fs::create_dir_all(&temp).expect("RUNNER_TEMP");
    let bin = Path::new(env!("CARGO_BIN_EXE_storage-check"))
        .parent()
        .expect("the binary's folder");
    let path = std::env::join_paths(std::iter::once(bin.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .expect("a PATH");
    let mut cx = Context {
        github,
        workspace: repo,
        failed: false,
    };
    let mut outcome = Outcome {
        code: 0,
        upload: None,
        log: String::new(),
    };
    let mut installs = 0;
    for (i, step) in steps.iter().enumerate() {
        if !cx.runs(step.condition.as_deref()) {
            continue;
        }
        match (&step.uses, &step.run) {
            (Some(uses), None) if uses.starts_with("actions/checkout@") => {
                // `repo` is the checkout; the diff needs the base commit in it.
                assert_eq!(
                    step.with.get("fetch-depth").map(String::as_str),
                    Some("0"),
                    "the checkout should fetch the whole history"
                );
            }
            (Some(uses), None) if uses.starts_with("github/codeql-action/upload-sarif@") => {
                let file = cx.interpolate(step.with.get("sarif_file").expect("a sarif_file"));
                let category = cx.interpolate(step.with.get("category").expect("a category"));
                assert!(!category.is_empty(), "an empty category");
                // The action fails on a file that does not exist.
                assert!(repo.join(&file).is_file(), "uploads a missing {file}");
                outcome.upload = Some((file, category));
            }
            (None, Some(run)) if run.contains("cargo install") => {
                // Replaced by the binary built here, first on PATH.
                assert!(run.contains(INSTALL), "the install step is not `{INSTALL}`");
                installs += 1;
            }
            (None, Some(run)) => {
                assert_eq!(
                    step.shell.as_deref(),
                    Some("bash"),
                    "a `run:` without `shell: bash`"
                );
                let script = temp.join(format!("step-{i}.sh"));
                std::fs::write(&script, cx.interpolate(run)).expect("the step's script");
                let mut command = isolated(Command::new("bash"));
                command
                    .args(["--noprofile", "--norc", "-eo", "pipefail"])
                    .arg(&script)
                    .current_dir(repo)
                    .env("PATH", &path)
                    .env("CI", "true")
                    .env("GITHUB_ACTIONS", "true")
                    .env("GITHUB_WORKSPACE", repo)
                    .env("RUNNER_TEMP", &temp);
                for (name, file) in [
                    ("GITHUB_OUTPUT", "output"),
                    ("GITHUB_ENV", "env"),
                    ("GITHUB_STEP_SUMMARY", "summary"),
                ] {
                    command.env(name, temp.join(file));
                }
                for (name, value) in &step.env {
                    command.env(name, cx.interpolate(value));
                }
                let out = command.output().expect("bash runs");
                outcome.log += &format!(
                    "--- step {i}: exit {:?}\n{}{}",
                    out.status.code(),
                    String::from_utf8_lossy(&out.stdout),
                    String::from_utf8_lossy(&out.stderr)
                );
                if !out.status.success() {
                    cx.failed = true;
                    outcome.code = out.status.code().unwrap_or(-1);
                }
            }
            _ => panic!("step {i} ({step:?}) is unknown to this test: teach it"),
        }
    }
    assert_eq!(
        installs, 1,
        "the workflow should install storage-check once"
    );
    outcome
}

// ---------------------------------------------------------------------------------------------
// The runs.

/// The uploaded log, after checking that it is SARIF 2.1.0 and that every file it names
/// could be read.
fn uploaded(repo: &Path, outcome: &Outcome) -> Value {
    let (file, _) = outcome
        .upload
        .as_ref()
        .unwrap_or_else(|| panic!("nothing was uploaded:\n{}", outcome.log));
    let text = std::fs::read_to_string(repo.join(file))
        .unwrap_or_else(|e| panic!("cannot read {file}: {e}\n{}", outcome.log));
    let log: Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{file} is not JSON: {e}\n{text}"));
    assert_eq!(log["version"], "2.1.0", "{file}");
    assert_eq!(
        log["runs"][0]["invocations"][0]["executionSuccessful"], true,
        "{file}"
    );
    log
}

/// The URIs (spaces percent-encoded) of the files the log's run checked.
fn checked(log: &Value) -> BTreeSet<String> {
    uris(&log["runs"][0]["properties"]["charts"], "/uri", |_| true)
}

/// The URIs of the files with a finding at `level` (any level for `None`).
fn with_findings(log: &Value, level: Option<&str>) -> BTreeSet<String> {
    let location = "/locations/0/physicalLocation/artifactLocation/uri";
    uris(&log["runs"][0]["results"], location, |result| {
        level.is_none_or(|level| result["level"] == level)
    })
}

fn uris(items: &Value, pointer: &str, keep: impl Fn(&Value) -> bool) -> BTreeSet<String> {
    let items = items.as_array().expect("an array in the SARIF log");
    let uri = |item: &Value| {
        item.pointer(pointer)
            .and_then(Value::as_str)
            .map(String::from)
    };
    items
        .iter()
        .filter(|item| keep(item))
        .map(|item| uri(item).unwrap_or_else(|| panic!("no {pointer} in {item}")))
        .collect()
}

fn set(uris: &[&str]) -> BTreeSet<String> {
    uris.iter().map(|uri| uri.to_string()).collect()
}

const CHANGED: [&str; 4] = [
    "deploy/ci%20storage.yaml",
    "deploy/values.yaml",
    "values%20staging.yaml",
    "values-prod.yml",
];

#[test]
fn a_pull_request_or_a_push_checks_the_values_files_it_changed_uploads_then_fails() {
    if git_missing() {
        return;
    }
    let (_dir, repo, first, _) = repository("changed");
    let events: [&[(&str, &str)]; 2] = [
        &[("github.event.pull_request.base.sha", &first)],
        &[("github.event.before", &first)],
    ];
    for github in events {
        let outcome = run_job(&repo, github);
        assert_eq!(
            outcome.code, 1,
            "errors should fail the job:\n{}",
            outcome.log
        );
        let log = uploaded(&repo, &outcome);
        // Not values.yaml (broken, unchanged), gone/values.yaml (deleted), config.yaml (no
        // values file).
        assert_eq!(checked(&log), set(&CHANGED), "the files checked");
        assert_eq!(
            with_findings(&log, Some("error")),
            set(&CHANGED),
            "the files with errors"
        );
        assert_eq!(
            with_findings(&log, None),
            set(&CHANGED),
            "the files with findings"
        );
        let (_, category) = outcome.upload.as_ref().expect("an upload");
        assert_eq!(category, "storage-check");
    }
}

#[test]
fn a_new_branch_first_push_checks_every_values_file() {
    if git_missing() {
        return;
    }
    let (_dir, repo, _, _) = repository("first-push");
    let outcome = run_job(&repo, &[("github.event.before", ZEROS)]);
    assert_eq!(outcome.code, 1, "{}", outcome.log);
    let mut every = set(&CHANGED);
    every.insert("values.yaml".to_string());
    let log = uploaded(&repo, &outcome);
    assert_eq!(checked(&log), every, "the files checked");
    assert_eq!(
        with_findings(&log, Some("error")),
        every,
        "the files with errors"
    );
}

#[test]
fn no_values_file_changed_skips_the_upload_and_passes_and_clean_files_pass() {
    if git_missing() {
        return;
    }
    let (_dir, repo, _, second) = repository("unchanged");
    let third = commit(
        &repo,
        &[
            ("config.yaml", Some("app: 2\n")),
            ("notes.txt", Some("values.yaml is next\n")),
        ],
    );
    let outcome = run_job(&repo, &[("github.event.before", &second)]);
    assert_eq!(outcome.code, 0, "{}", outcome.log);
    assert_eq!(outcome.upload, None, "{}", outcome.log);
    assert!(
        outcome.log.contains("No values file changed."),
        "{}",
        outcome.log
    );
    assert!(!repo.join("storage-check.sarif").exists());

    // A push that fixes one file: uploaded, and the job passes.
    commit(&repo, &[("deploy/values.yaml", Some(CLEAN))]);
    let outcome = run_job(&repo, &[("github.event.before", &third)]);
    assert_eq!(outcome.code, 0, "{}", outcome.log);
    let log = uploaded(&repo, &outcome);
    assert_eq!(
        checked(&log),
        set(&["deploy/values.yaml"]),
        "the files checked"
    );
    assert_eq!(with_findings(&log, Some("error")), set(&[]), "no error");
}
