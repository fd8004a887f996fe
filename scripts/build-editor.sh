#!/usr/bin/env bash
# Trunk's post-build hook (Trunk.toml): bundles the page's editor (www/editor/src/editor.js,
# CodeMirror 6 from npm) with the pinned esbuild (www/editor/build.mjs) into local modules (editor.js,
# and the editor-*.js it loads later: see build.mjs), beside
# the app in Trunk's staging directory. No CDN: the page's CSP allows scripts from 'self'.
# Then minifies it, the app's wasm-bindgen glue, init.js and worker.js there
# (www/editor/minify.mjs, terser).
set -euo pipefail
source "$(dirname "$0")/setup.sh"
ensure_editor_deps
staging="${TRUNK_STAGING_DIR:-$ROOT/dist}"
node "$ROOT/www/editor/build.mjs" "$staging/editor.js"
node "$ROOT/www/editor/minify.mjs" "$staging"/editor*.js "$staging/storage-web.js" "$staging/init.js" "$staging/worker.js"
# Brotli beside each file, for hosts that serve precompressed files (and scripts/serve.mjs).
node "$ROOT/scripts/precompress.mjs" "$staging"
