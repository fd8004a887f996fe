#!/usr/bin/env bash
# Builds the site into dist/ and serves it on http://127.0.0.1:8080 (Ctrl-C to stop),
# compressed as a static host serves it (Brotli or gzip: scripts/serve.mjs), so what you
# see on a slow link is what users get. For a rebuild on every save, `trunk serve --offline`
# (uncompressed). Installs what it needs first, only when missing.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
cd "$ROOT"
ensure_site_tools
say "trunk build into dist/"
trunk build --offline
say "serving dist/ on http://127.0.0.1:8080"
exec node scripts/serve.mjs dist 8080
