// Bundles the editor (src/editor.js and CodeMirror 6) into ES modules beside OUT_FILE:
//   node www/editor/build.mjs OUT_FILE   (OUT_FILE's name must be editor.js)
// editor.js is what the page needs at once: the plain editor and the page-wide scripts, no
// CodeMirror (checked below: it imports no other module). editor-codemirror.js (imported
// once the first findings are drawn), editor-yaml.js (the colours, after it) and
// editor-search.js (the first Ctrl-F) load later, and editor-chunk.js holds the CodeMirror
// code they share. Fixed names (no hashes): index.html preloads editor.js and the CSP allows
// 'self' only. A second shared chunk would take the same name and fail the build (esbuild
// refuses two outputs at one path), not ship unnoticed.
// Run by scripts/build-editor.sh, Trunk's post-build hook. esbuild bundles; terser then
// minifies it (minify.mjs, run by the hook): 3.5 KB gzip smaller than esbuild's own
// minifier, bytes the page's first-load budget needs.
//
// One patch, checked: style-mod (CodeMirror's style injector) writes its CSS into a
// <style> element unless the root is a shadow root, and the page's CSP (style-src 'self')
// refuses inline <style>. It is made to use a constructed stylesheet (adoptedStyleSheets)
// for the document too, which the CSP allows, so the CSP stays strict. If style-mod
// changes, the pattern is not found and the build fails rather than ship a blocked editor.
import { build } from "esbuild";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const out = process.argv[2];
if (!out || path.basename(out) !== "editor.js") throw new Error("usage: node build.mjs DIR/editor.js");

const CHECK = "if (!root.head && root.adoptedStyleSheets && win.CSSStyleSheet) {";
const constructedSheets = {
  name: "style-mod-constructed-sheets",
  setup(b) {
    b.onLoad({ filter: /style-mod[\\/]src[\\/]style-mod\.js$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      if (!source.includes(CHECK)) throw new Error(`style-mod changed: "${CHECK}" not found in ${args.path}`);
      return { contents: source.replace(CHECK, "if (root.adoptedStyleSheets && win.CSSStyleSheet) {"), loader: "js" };
    });
  },
};

const result = await build({
  entryPoints: [path.join(here, "src/editor.js")],
  bundle: true,
  format: "esm",
  target: "es2020",
  legalComments: "none",
  logLevel: "warning",
  splitting: true,
  outdir: path.dirname(out),
  entryNames: "[name]",
  chunkNames: "editor-[name]",
  plugins: [constructedSheets],
  metafile: true,
});

// The first load is editor.js alone: a static import would bring CodeMirror into it (issue
// 23's budget). Dynamic imports are what load later.
const entry = Object.entries(result.metafile.outputs).find(([, o]) => o.entryPoint);
const eager = entry[1].imports.filter((i) => i.kind === "import-statement");
if (eager.length) throw new Error(`editor.js must import nothing at once, but imports ${eager.map((i) => i.path).join(", ")}`);
