#!/usr/bin/env bash
# Runs every test: formatting, lints, the core and CLI tests natively.
# Installs what it needs (only when missing) from the package registries alone.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "toolchain components"
rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy

step "cargo fmt --check"
cargo fmt --all --check

step "cargo clippy (native crates)"
cargo clippy --all-targets -- -D warnings

step "cargo doc (no warnings)"
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps -q

step "cargo test (storage-core, storage-cli)"
cargo test

echo
echo "all tests passed"
