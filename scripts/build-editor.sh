#!/usr/bin/env bash
# Trunk's post-build hook (Trunk.toml): bundles the page's editor (www/editor/src/editor.js,
# CodeMirror 6 from npm) with the pinned esbuild (www/editor/build.mjs) into one local module, editor.js, beside
# the app in Trunk's staging directory. No CDN: the page's CSP allows scripts from 'self'.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
ensure_editor_deps
out="${TRUNK_STAGING_DIR:-$ROOT/dist}/editor.js"
node "$ROOT/www/editor/build.mjs" "$out"
