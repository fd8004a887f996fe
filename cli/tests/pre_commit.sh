#!/usr/bin/env bash
# Runs this repository's .pre-commit-hooks.yaml with pre-commit from PyPI on a temporary
# git repository, as a user's commit would. The hooks are `language: system`, so the
# storage-check built here is put first on PATH. pre-commit is installed once into a venv
# under ~/.cache; after that nothing is downloaded.
#
#   cli/tests/pre_commit.sh          (from anywhere; honours CARGO_TARGET_DIR)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
PRE_COMMIT_VERSION=4.7.0
VENV="${XDG_CACHE_HOME:-$HOME/.cache}/storage-check/pre-commit-$PRE_COMMIT_VERSION"

if [ ! -x "$VENV/bin/pre-commit" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet "pre-commit==$PRE_COMMIT_VERSION"
fi

cargo build --quiet --manifest-path "$ROOT/Cargo.toml" -p storage-cli
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
case "$TARGET" in /*) ;; *) TARGET="$ROOT/$TARGET" ;; esac
export PATH="$TARGET/debug:$PATH"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
# pre-commit's own cache (the cloned hook repository) stays out of the user's.
export PRE_COMMIT_HOME="$WORK/.pre-commit-home"
cd "$WORK"
git init --quiet repo
cd repo
git config user.email test@example.com
git config user.name test
# K001 with a safe fix; other.yaml is broken too but is no values file: the hooks skip it.
printf 'persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingclaim: outputs-pvc\n' > values.yaml
mkdir -p deploy
cp values.yaml deploy/values-prod.yml
printf 'persistence: [\n' > other.yaml
git add .

fail() { echo "pre_commit.sh: $*" >&2; exit 1; }

# try-repo runs the hooks of $ROOT as they are in its working tree (committed or not).
run_hook() { "$VENV/bin/pre-commit" try-repo "$ROOT" "$1" --all-files --color never; }

echo "== storage-check: fails on the error, names it, skips other.yaml"
if out="$(run_hook storage-check 2>&1)"; then fail "the check passed a broken file:\n$out"; fi
echo "$out"
grep -q 'error\[K001\]' <<<"$out" || fail "no K001 in the hook's output"
grep -q 'deploy/values-prod.yml' <<<"$out" || fail "values-prod.yml was not checked"
! grep -q 'other.yaml' <<<"$out" || fail "other.yaml was checked"

echo "== storage-check-fix: writes the safe fix (pre-commit fails: files were modified)"
if out="$(run_hook storage-check-fix 2>&1)"; then fail "the fix hook reported no change:\n$out"; fi
echo "$out"
grep -q 'existingClaim: outputs-pvc' values.yaml || fail "values.yaml was not fixed"
grep -q 'existingClaim: outputs-pvc' deploy/values-prod.yml || fail "values-prod.yml was not fixed"
grep -q 'persistence: \[' other.yaml || fail "other.yaml was touched"

echo "== storage-check on the fixed files: passes"
git add .
out="$(run_hook storage-check 2>&1)" || fail "the check failed on the fixed files:\n$out"
echo "$out"
echo "pre-commit hooks: ok"
