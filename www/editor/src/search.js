// CodeMirror's search, split from the editor bundle: editor.js imports it on the first
// Ctrl-F, F3 or Ctrl-G (build.mjs splits it into dist/editor-search.js). The first load of
// the page does without it (issue 23).
import { search } from "@codemirror/search";

export { closeSearchPanel, findNext, findPrevious, openSearchPanel } from "@codemirror/search";

/** The search extension every editor view gets once this is loaded: the panel on top. */
export const extension = search({ top: true });
