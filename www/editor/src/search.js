// CodeMirror's search, split from the editor bundle: codemirror.js imports it on the first
// Ctrl-F, F3 or Ctrl-G (build.mjs splits it into dist/editor-search.js). The first load of
// the page does without it (issue 23).
import { search } from "@codemirror/search";

export { closeSearchPanel, findNext, findPrevious, openSearchPanel } from "@codemirror/search";

/** The search extension every editor view gets once this is loaded: the panel on top. */
export const extension = search({ top: true });

// Not used here: it makes CodeMirror's language package reachable from this chunk as it is
// from the YAML one (yaml.js), so esbuild puts the code codemirror.js shares with either in
// one chunk, editor-chunk.js (two shared chunks fail the build).
export { syntaxTree as sharedWithYaml } from "@codemirror/language";
