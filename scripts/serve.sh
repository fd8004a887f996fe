#!/usr/bin/env bash
# Builds storage-check and checks the chart's default values with it.
# (Replaced by the web app's build-and-serve once the page exists.)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -p storage-cli
./target/release/storage-check tests/fixtures/corpus/chart-0.6.1-values.yaml
