#!/usr/bin/env bash
# Builds the site into dist/ and serves it on http://127.0.0.1:8080 (Ctrl-C to stop).
# Installs what it needs first, only when missing.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
cd "$ROOT"
ensure_site_tools
say "trunk serve: http://127.0.0.1:8080"
exec trunk serve --offline
