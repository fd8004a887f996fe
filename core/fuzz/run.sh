#!/usr/bin/env bash
# Runs one fuzz target (check | fix_roundtrip) for SECONDS (default 600), seeded with the
# project's fixtures. Needs `cargo install cargo-fuzz`; RUSTC_BOOTSTRAP lets the stable
# toolchain accept the sanitizer flags cargo-fuzz passes.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:?usage: core/fuzz/run.sh check|fix_roundtrip [seconds]}"
seconds="${2:-600}"
mkdir -p "fuzz/corpus/$target"
cp ../tests/fixtures/corpus/*.yaml ../tests/fixtures/corpus/deploy-tests/*.yml \
   ../tests/fixtures/examples/*.yaml ../tests/fixtures/docs/*.yaml "fuzz/corpus/$target/"
RUSTC_BOOTSTRAP=1 cargo fuzz run "$target" -- -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048
