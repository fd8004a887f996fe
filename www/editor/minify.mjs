// Minifies the page's JavaScript files in place with terser:
//   node www/editor/minify.mjs FILE...
// Run by scripts/build-editor.sh (Trunk's post-build hook) on the editor bundle, the
// wasm-bindgen glue (storage-web.js: 42 KB as written, 18 KB minified), init.js and
// worker.js. Every byte counts against the page's first-load budget (tests/e2e/page.test.mjs). Only terser's safe
// transformations (no `unsafe` options); ES modules, so top-level names may be mangled.
import { minify } from "terser";
import { readFile, writeFile } from "node:fs/promises";

const files = process.argv.slice(2);
if (files.length === 0) throw new Error("usage: node minify.mjs FILE...");
for (const file of files) {
  const source = await readFile(file, "utf8");
  const { code } = await minify(source, {
    module: true,
    ecma: 2020,
    compress: { passes: 2 },
    mangle: true,
    format: { comments: false },
  });
  await writeFile(file, code);
}
