#!/usr/bin/env bash
# Builds the npm package `polyaxon-storage-check` from npm/ (the storage-npm crate) into
# target/npm/package/ and packs it: target/npm/polyaxon-storage-check-VERSION.tgz.
# One ESM build (wasm-bindgen --target web) with two entry points: node.js reads the
# module from disk, browser.js fetches it; package.json's `exports` picks one. The
# version is the crate's. Installs what it needs first, only when missing.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
cd "$ROOT"
ensure_wasm_target
ensure_node_tools
ensure_wasm_bindgen

say "cargo build -p storage-npm (wasm32, size-first profile)"
cargo build -p storage-npm --profile wasm-release --target wasm32-unknown-unknown

out="$ROOT/target/npm/package"
rm -rf "$out"
mkdir -p "$out"
say "wasm-bindgen --target web, wasm-opt -Oz"
wasm-bindgen --target web --out-dir "$out" --out-name storage_check \
  target/wasm32-unknown-unknown/wasm-release/storage_npm.wasm
wasm-opt -Oz --strip-producers --strip-target-features \
  "$out/storage_check_bg.wasm" -o "$out/storage_check_bg.wasm"
rm -f "$out/storage_check_bg.wasm.d.ts"
cp npm/js/node.js npm/js/browser.js npm/js/init.js npm/js/index.d.ts npm/js/init.d.ts npm/README.md "$out/"
# The API's declarations without the loader's (`InitInput` names DOM types such as
# `RequestInfo`, which a Node project's TypeScript does not have): index.d.ts reads these.
marker='export type InitInput'
grep -q "^$marker" "$out/storage_check.d.ts" || { echo "build-npm: no '$marker' in storage_check.d.ts" >&2; exit 1; }
sed "/^$marker/,\$d" "$out/storage_check.d.ts" > "$out/types.d.ts"

version=$(cargo metadata --format-version 1 --no-deps \
  | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).packages.find(p=>p.name==="storage-npm").version))')
node - "$out/package.json" "$version" <<'JS'
const [file, version] = process.argv.slice(2);
const pkg = {
  name: "polyaxon-storage-check",
  version,
  description: "Checks Polyaxon's Helm values (persistence, artifactsStore, connections) for storage mistakes: findings, safe fixes, what each pod mounts. WebAssembly; nothing leaves the process.",
  license: "MIT",
  type: "module",
  exports: {
    ".": { types: "./index.d.ts", node: "./node.js", default: "./browser.js" },
    "./init": { types: "./init.d.ts", default: "./init.js" },
    "./storage_check_bg.wasm": "./storage_check_bg.wasm",
    "./package.json": "./package.json",
  },
  main: "./node.js",
  types: "./index.d.ts",
  files: ["node.js", "browser.js", "init.js", "index.d.ts", "init.d.ts", "types.d.ts", "storage_check.js", "storage_check.d.ts", "storage_check_bg.wasm", "README.md"],
  engines: { node: ">=20" },
  sideEffects: ["./node.js", "./browser.js"],
  keywords: ["polyaxon", "helm", "values", "kubernetes", "storage", "validation", "webassembly"],
};
require("node:fs").writeFileSync(file, JSON.stringify(pkg, null, 2) + "\n");
JS

say "npm pack"
rm -f "$ROOT"/target/npm/*.tgz
(cd "$ROOT/target/npm" && npm pack ./package --silent >/dev/null)
ls -l "$ROOT"/target/npm/*.tgz
