# Sourced by serve.sh and test.sh: installs what the build and tests need, only when
# missing, from the package registries alone (crates.io, npm, Debian). Nothing is fetched
# from anywhere else: Trunk runs --offline with the wasm-bindgen and wasm-opt set up here.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRUNK_VERSION="0.21.14"
export PATH="$ROOT/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"

say() { printf '==> %s\n' "$*"; }

apt_install() {
  if ! command -v apt-get >/dev/null; then
    echo "missing $*; install it with your package manager" >&2
    return 1
  fi
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@"
}

ensure_wasm_target() {
  rustup target list --installed | grep -qx wasm32-unknown-unknown \
    || { say "rustup target add wasm32-unknown-unknown"; rustup target add wasm32-unknown-unknown; }
}

ensure_trunk() {
  if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
    say "installing trunk $TRUNK_VERSION (takes ~10 minutes on 2 cores, once)"
    cargo install --locked trunk --version "$TRUNK_VERSION"
  fi
}

ensure_wasm_bindgen() {
  # Must be exactly the wasm-bindgen version in Cargo.lock.
  local want
  want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' "$ROOT/Cargo.lock")
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $want" ]; then
    say "installing wasm-bindgen-cli $want"
    # Not --locked: its lockfile names a crate the registry no longer serves.
    cargo install wasm-bindgen-cli --version "=$want"
  fi
}

ensure_node_tools() {
  command -v npm >/dev/null || apt_install nodejs npm
  if [ ! -x "$ROOT/tools/node_modules/.bin/wasm-opt" ] || [ ! -d "$ROOT/tools/node_modules/playwright-core" ] \
     || [ ! -d "$ROOT/tools/node_modules/axe-core" ] || [ ! -d "$ROOT/tools/node_modules/ajv" ] || [ ! -d "$ROOT/tools/node_modules/typescript" ] \
     || [ "$ROOT/tools/package-lock.json" -nt "$ROOT/tools/node_modules/.package-lock.json" ]; then
    say "npm ci (binaryen for wasm-opt, playwright-core, axe-core; yaml and ajv for tests/bench/vs-ajv.mjs; typescript for the npm package's types)"
    npm ci --prefix "$ROOT/tools" --no-audit --no-fund
  fi
}

ensure_editor_deps() {
  command -v npm >/dev/null || apt_install nodejs npm
  if [ ! -x "$ROOT/www/editor/node_modules/.bin/esbuild" ] \
     || [ ! -x "$ROOT/www/editor/node_modules/.bin/terser" ] \
     || [ "$ROOT/www/editor/package-lock.json" -nt "$ROOT/www/editor/node_modules/.package-lock.json" ]; then
    say "npm ci (CodeMirror 6, esbuild and terser for the page's editor)"
    npm ci --prefix "$ROOT/www/editor" --no-audit --no-fund
  fi
}

ensure_chromium() {
  if [ ! -x /usr/bin/chromium ] || ! command -v chromedriver >/dev/null; then
    say "installing Debian's chromium and chromium-driver"
    apt_install chromium chromium-driver
  fi
}

ensure_site_tools() {
  ensure_wasm_target
  ensure_node_tools
  ensure_editor_deps
  ensure_wasm_bindgen
  ensure_trunk
}
