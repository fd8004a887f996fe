#!/usr/bin/env bash
# Runs every test: formatting, lints, docs, the core and CLI tests natively, the page's
# component tests and end-to-end tests in headless Chromium, and the bundle budget.
# Installs what it needs first, only when missing.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
cd "$ROOT"

say "tools"
rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
ensure_site_tools
ensure_chromium

say "cargo fmt --check"
cargo fmt --all --check

say "cargo clippy: core and CLI (native), web (wasm32)"
cargo clippy --all-targets -- -D warnings
cargo clippy -p storage-web --target wasm32-unknown-unknown --all-targets -- -D warnings
cargo clippy -p storage-npm --target wasm32-unknown-unknown -- -D warnings

say "cargo doc (no warnings)"
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps -q

say "cargo test: storage-core, storage-cli, storage-npm"
cargo test

say "conformance: our verdicts against polyaxon-deploy 0.6.1 and polyaxon 2.18.0 (venv from PyPI, once)"
bash tests/conformance/run.sh target/debug/storage-check

say "pre-commit hooks on a temporary repository (pre-commit from PyPI, cached in ~/.cache)"
bash cli/tests/pre_commit.sh

say "the npm package: build, pack, install into an empty folder, use from Node and TypeScript"
bash scripts/build-npm.sh
node --test tests/npm/

say "cargo test: storage-web components in headless Chromium"
cargo test -p storage-web --target wasm32-unknown-unknown

say "trunk build (release) into dist/"
trunk build --offline

say "end-to-end tests of dist/ (and of the npm package) in headless Chromium, and the bundle budget"
node --test tests/e2e/

echo
echo "all tests passed"
