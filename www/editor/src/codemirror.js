// The page's code editor: CodeMirror 6, loaded after the first findings are drawn (issue 23:
// 100 KB gzip the first load does without) by editor.js, whose plain text area it then
// replaces. editor.js is what the Yew app calls (web/src/codemirror.rs); this module is what
// it calls once CodeMirror is in. The app owns the state; the editor owns the text while the
// user types, its undo history, and how findings are drawn in the text.
//
// The app speaks in JavaScript string indices (UTF-16 code units) of the exact text
// (storage_core::source::Utf16Positions maps its byte offsets to them); this module turns
// them into CodeMirror positions, which count a line break as one. The line separator is
// the file's own: "\r\n" for a file whose every line ends so, "\n" otherwise (a stray
// "\r" then stays a character of its line). So the text handed back is byte-exact, and a
// line typed or pasted into a CRLF file ends in CRLF. (The text is `state.sliceDoc()`,
// joined with the separator; `doc.toString()` always joins with "\n".)
import { Annotation, Compartment, EditorState } from "@codemirror/state";
import {
  EditorView, highlightActiveLine,
  highlightSpecialChars, keymap, lineNumbers, tooltips,
} from "@codemirror/view";
import { history, historyKeymap, indentLess, indentMore, standardKeymap, toggleLineComment } from "@codemirror/commands";
import { HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { tags } from "@lezer/highlight";
import { forEachDiagnostic, setDiagnostics } from "@codemirror/lint";

/** Marks the changes the app makes (a fix, a form edit): they are not echoed back to it. */
const fromApp = Annotation.define();

/** CodeMirror's default special characters without the tab (YAML forbids it, and a
 * finding says so). A "\r" is shown: in a CRLF file it is the separator and never in a
 * line, so one seen is a stray line end of a mixed file (which the checker reads as a
 * line break). */
const SPECIAL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u200b\u200e\u200f\u2028\u2029\u202d\u202e\u2066\u2067\u2069\ufeff\ufff9-\ufffc]/g;

/** YAML colours from the page's CSS variables (www/style.css), so light and dark both
 * keep their contrast. */
const yamlColours = HighlightStyle.define([
  { tag: tags.definition(tags.propertyName), color: "var(--tok-key)" },
  { tag: [tags.string, tags.special(tags.string)], color: "var(--tok-string)" },
  { tag: tags.lineComment, color: "var(--tok-comment)", fontStyle: "italic" },
  { tag: [tags.labelName, tags.typeName], color: "var(--tok-anchor)" },
  { tag: [tags.meta, tags.keyword], color: "var(--tok-meta)" },
]);

/** Where each view's YAML language (colours, Ctrl-/'s comment, indentation) goes once it
 * is loaded: not part of the first load (issue 23: lezer's LR parser and YAML grammar are
 * 14.5 KB gzip, and the editor shows findings without colours); loaded once the browser is
 * idle after the first findings are drawn (`show`). */
const languageSlot = new Compartment();
let yamlModule = null;
let yamlWanted = false;

/** Ctrl-/ comments with "#" before the language is in. */
const yamlComments = EditorState.languageData.of(() => [{ commentTokens: { line: "#" } }]);

function loadYaml() {
  import("./yaml.js").then(
    (m) => {
      yamlModule = m;
      for (const view of document.querySelectorAll(".cm-editor")) {
        const v = EditorView.findFromDOM(view);
        if (v && languageSlot.get(v.state) !== m.yaml) v.dispatch({ effects: languageSlot.reconfigure(m.yaml) });
      }
    },
    // Offline: no colours; the next findings try again.
    () => { yamlWanted = false; },
  );
}

/** Where each view's search extension goes once search is loaded. */
const searchSlot = new Compartment();
/** CodeMirror's search (editor-search.js), once loaded: the first load does without it
 * (issue 23: what is not needed to show the editor with findings loads later), and the
 * first Ctrl-F, F3 or Ctrl-G loads it. */
let searchModule = null;
let searchLoading = null;

/** Gives `view` the search extension, once per view. */
function withSearch(view, m) {
  if (searchSlot.get(view.state) !== m.extension) view.dispatch({ effects: searchSlot.reconfigure(m.extension) });
}

/** A search command that loads the search module on first use, then runs `name` from it. */
const lazySearch = (name) => (view) => {
  if (searchModule) {
    withSearch(view, searchModule);
    return searchModule[name](view);
  }
  searchLoading ??= import("./search.js");
  searchLoading.then(
    (m) => {
      searchModule = m;
      // The view may have gone while the module loaded (a new page state).
      if (!view.dom.isConnected) return;
      withSearch(view, m);
      m[name](view);
    },
    (error) => {
      // A failed download (offline): let the next key try again.
      searchLoading = null;
      console.warn("search could not load:", error);
    },
  );
  return true;
};

/** Search keys: CodeMirror's search keymap without select-next-occurrence,
 * select-all-matches and go-to-line, 1.4 KB of the page's budget: the first two add
 * selections, which this editor does not allow (allowMultipleSelections is off; nor does it
 * draw them), and F8 / a click on a finding go to the lines that matter. Escape only closes
 * a panel search opened, so it does nothing before search is loaded. */
const SEARCH_KEYS = [
  { key: "Mod-f", run: lazySearch("openSearchPanel"), scope: "editor search-panel" },
  { key: "F3", run: lazySearch("findNext"), shift: lazySearch("findPrevious"), scope: "editor search-panel", preventDefault: true },
  { key: "Mod-g", run: lazySearch("findNext"), shift: lazySearch("findPrevious"), scope: "editor search-panel", preventDefault: true },
  { key: "Escape", run: (view) => (searchModule ? searchModule.closeSearchPanel(view) : false), scope: "editor search-panel" },
];

/** "\r\n" when every line break of `text` is CRLF (and there is one), else "\n". */
const separatorOf = (text) => (/\r\n/.test(text) && !/[^\r]\n|^\n|\r(?!\n)/.test(text) ? "\r\n" : "\n");

/** Text pasted into a file takes the file's line breaks. */
const pasteLineBreaks = EditorView.clipboardInputFilter.of((text, state) => text.replace(/\r?\n/g, state.lineBreak));

/** Whether a paste now replaces the whole document (then it is a new file). */
const replacesAll = (state) => state.selection.main.from === 0 && state.selection.main.to === state.doc.length;

/** The CodeMirror position of string index `index` of the text (clamped to the text). */
function toPos(doc, lineBreak, index) {
  if (lineBreak.length === 1) return Math.max(0, Math.min(index, doc.length));
  // Line n starts at string index from + (n - 1) (each break before it is one char longer).
  let lo = 1, hi = doc.lines;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (doc.line(mid).from + (mid - 1) <= index) lo = mid;
    else hi = mid - 1;
  }
  const line = doc.line(lo);
  return Math.max(0, Math.min(index - (lo - 1), line.to));
}

/** Text with `backticks` as code spans, as the findings list shows it. */
function withCode(parent, text) {
  text.split("`").forEach((part, i) => {
    if (!part) return;
    if (i % 2) parent.appendChild(document.createElement("code")).textContent = part;
    else parent.appendChild(document.createTextNode(part));
  });
  return parent;
}

function paragraph(cls, text) {
  const p = document.createElement("p");
  p.className = cls;
  return withCode(p, text);
}

/** The diagnostic at the cursor that has a fix, if any. */
function fixableAt(state) {
  const head = state.selection.main.head;
  let found = null;
  forEachDiagnostic(state, (d, from, to) => {
    if (!found && d.actions?.length && from <= head && head <= to) found = { d, from, to };
  });
  return found;
}

/** The index (in the app's findings list) of the finding whose span holds the cursor. */
function findingAt(state) {
  const head = state.selection.main.head;
  let index = -1;
  forEachDiagnostic(state, (d, from, to) => {
    if (index < 0 && from <= head && head <= to) index = d.index;
  });
  return index;
}

/** Ctrl-. (Cmd-. on macOS): the fix of the finding at the cursor. */
function applyFixAtCursor(view) {
  const at = fixableAt(view.state);
  if (!at) return false;
  at.d.actions[0].apply(view, at.from, at.to);
  return true;
}

/** The layer the findings' tooltips are drawn in: the page's own, not the editor's box,
 * which clips what overflows it (issue 23: a tooltip shown above line 5 was hidden under
 * the editor's bar). CodeMirror places them in the window's space. */
function tooltipLayer() {
  let layer = document.querySelector("div.editor-tooltips");
  if (!layer) {
    layer = document.body.appendChild(document.createElement("div"));
    layer.className = "editor-tooltips";
    // A landmark of its own: all of the page's content is in one (axe's "region" rule).
    layer.setAttribute("role", "region");
    layer.setAttribute("aria-label", "Finding details");
  }
  return layer;
}

const RANK = { error: 0, warning: 1, info: 2 };

/** F8 / Shift-F8: the findings in the order that matters (issue 23: from the top, F8 landed
 * on the info A008 before the first error): every error in the text's order, then the
 * warnings, then the infos, and round again. From a finding's span, the next (previous)
 * one; from anywhere else, the first (last) of the most severe after (before) the cursor.
 * Findings with the same span are one stop. */
function stepFinding(view, forward) {
  // One stop per span, ranked by its most severe finding (an error and an info on one span
  // are one error stop).
  const bySpan = new Map();
  forEachDiagnostic(view.state, (d, from, to) => {
    const rank = RANK[d.severity] ?? 3;
    const key = `${from}:${to}`;
    if (!bySpan.has(key) || bySpan.get(key).rank > rank) bySpan.set(key, { rank, from, to });
  });
  const distinct = [...bySpan.values()].sort((a, b) => a.rank - b.rank || a.from - b.from || a.to - b.to);
  if (distinct.length === 0) return false;
  const { from, to } = view.state.selection.main;
  const here = distinct.findIndex((f) => f.from === from && f.to === to);
  let next;
  if (here >= 0) {
    next = distinct[(here + (forward ? 1 : distinct.length - 1)) % distinct.length];
  } else {
    const top = distinct.filter((f) => f.rank === distinct[0].rank);
    const before = top.filter((f) => f.from < from);
    next = forward ? (top.find((f) => f.from >= from) ?? top[0]) : (before[before.length - 1] ?? top[top.length - 1]);
  }
  view.dispatch({ selection: { anchor: next.from, head: next.to }, scrollIntoView: true });
  return true;
}

/**
 * A new editor view in `parent`, holding `text`. `on` receives what the user does:
 * `change(text)` after an edit, `load(text)` when a pasted or dropped text replaced the whole
 * document (a new file), `cursor(index)` when the cursor enters another finding's span (-1:
 * none), `fix(index)` when a fix action is chosen.
 */
export function makeView(parent, text, on) {
  let atCursor = -1;
  // Made anew for each state (a new file is a new state): the lazily loaded parts (search,
  // the YAML language) are in from then on.
  const extensions = () => [
    lineNumbers(),
    // The browser's own selection and caret (no drawSelection, no selection-match
    // highlighting, no indentOnInput: 3 KB gzip of the first-load budget), styled in
    // www/style.css. Enter keeps the line's indentation (standard keymap). No lint gutter
    // (0.9 KB): the findings are underlined in the text and listed beside it.
    highlightSpecialChars({ specialChars: SPECIAL }), history(),
    pasteLineBreaks,
    syntaxHighlighting(yamlColours), highlightActiveLine(),
    searchSlot.of(searchModule ? searchModule.extension : []),
    languageSlot.of(yamlModule ? yamlModule.yaml : []), yamlComments,
    tooltips({ parent: tooltipLayer() }),
    // tabindex: axe counts a contenteditable as focusable only with one.
    EditorView.contentAttributes.of({ "aria-label": "values.yaml", tabindex: "0", spellcheck: "false", autocapitalize: "off", autocorrect: "off" }),
    keymap.of([
      { key: "F8", run: (view) => stepFinding(view, true), shift: (view) => stepFinding(view, false), preventDefault: true },
      { key: "Mod-.", run: applyFixAtCursor, preventDefault: true },
      // The standard keys, plus indent (Ctrl-] / Ctrl-[) and comment (Ctrl-/): what editing a
      // values file needs, without the rest of CodeMirror's default keymap (3 KB gzip).
      { key: "Mod-]", run: indentMore }, { key: "Mod-[", run: indentLess }, { key: "Mod-/", run: toggleLineComment },
      ...standardKeymap, ...historyKeymap, ...SEARCH_KEYS,
    ]),
    EditorView.domEventHandlers({
      // A paste over everything is a new file, as opening one is: its own line breaks,
      // a fresh history, and it becomes the export's baseline.
      paste(event, view) {
        const text = event.clipboardData?.getData("text/plain");
        if (!text || !replacesAll(view.state)) return false;
        event.preventDefault();
        if (separatorOf(text) === view.state.lineBreak) {
          // One undoable step: Ctrl-Z brings back what was there before the paste.
          view.dispatch({
            changes: { from: 0, to: view.state.doc.length, insert: text },
            annotations: [fromApp.of(true)], userEvent: "input.paste", scrollIntoView: true,
          });
        } else {
          // Other line breaks: the document is made anew for them (a fresh history).
          view.setState(stateFor(text, view.extensionsForLoad));
        }
        on.load(text);
        return true;
      },
      // A dropped file is read by the app (web/src/components/editor.rs), whose handler
      // runs first; a dragged selection moves as CodeMirror does it.
    }),
    EditorView.updateListener.of((update) => {
      if (update.docChanged && !update.transactions.some((tr) => tr.annotation(fromApp))) {
        handOver(update, on);
      }
      if (update.docChanged || update.selectionSet || update.transactions.some((tr) => tr.effects.length)) {
        const index = findingAt(update.state);
        if (index !== atCursor) {
          atCursor = index;
          on.cursor(index);
        }
      }
    }),
  ];
  const view = new EditorView({ parent, state: stateFor(text, extensions) });
  view.extensionsForLoad = extensions;
  view.handlers = on;
  return view;
}

/** The string index in `state`'s exact text of CodeMirror position `pos` (`toPos` the other
 * way): CodeMirror counts each line break as one, the file's own separator may be two
 * ("\r\n"). */
const toIndex = (state, pos) => pos + (state.lineBreak.length - 1) * (state.doc.lineAt(pos).number - 1);

/** Tells the app what the user changed: the change alone, in the exact text's UTF-16
 * indices (`on.edit`), so a keystroke costs the same in a 2 MB file as in a small one (issue
 * 23: making and passing the whole text took 30 ms, two frames); the whole text for a
 * transaction of several changes, or when the app cannot take the change (a refusal). */
function handOver(update, on) {
  const old = update.startState;
  const changes = [];
  update.changes.iterChanges((fromA, toA, _fromB, _toB, inserted) => changes.push([fromA, toA, inserted]));
  const [one] = changes;
  const sent = changes.length === 1 && on.edit?.(toIndex(old, one[0]), toIndex(old, one[1]),
    one[2].sliceString(0, one[2].length, update.state.lineBreak), toIndex(old, old.doc.length), update.state.doc.lines);
  if (!sent) on.change(update.state.sliceDoc());
}

/** A state for `text`, split on its own line separator, with the view's `extensions()`. */
const stateFor = (text, extensions) =>
  EditorState.create({ doc: text, extensions: [EditorState.lineSeparator.of(separatorOf(text)), extensions()] });

/** A new file: a new document, a fresh undo history, and the focus (the button that
 * loaded it is gone with the start panel). */
export function load(view, text) {
  view.setState(stateFor(text, view.extensionsForLoad));
  view.focus();
}

/**
 * The app changed the text (a fix, a form edit, the migration): string indices `from..to`
 * become `insert` (editor.js finds the changed middle), in one transaction, so undo takes it
 * back as one step and the cursor stays where it was.
 */
export function replace(view, from, to, insert) {
  const { doc, lineBreak } = view.state;
  view.dispatch({
    changes: { from: toPos(doc, lineBreak, from), to: toPos(doc, lineBreak, to), insert },
    annotations: [fromApp.of(true)],
    userEvent: "input.app",
  });
}

/** One finding, at string indices `from..to` of the editor's text (the one it now holds). `fix` is the fix's title ("" for none). */
function diagnostic(view, list, [from, to, severity, code, message, why, fix, safe, index]) {
  const { doc, lineBreak } = view.state;
  [from, to] = [toPos(doc, lineBreak, from), toPos(doc, lineBreak, to)];
  const name = `${safe ? "Safe fix" : "Suggested fix"}: ${fix.replaceAll("`", "")}`;
  const actions = fix ? [{ name, apply: (view) => view.handlers.fix(index) }] : [];
  list.push({
    from, to, severity, message: `${code}: ${message}`, index, actions,
    markClass: `code-${code}${fix ? " fixable" : ""}`,
    renderMessage() {
      const box = document.createElement("div");
      box.className = "cm-finding";
      const head = box.appendChild(paragraph("cm-finding-message", ` ${message}`));
      head.prepend(Object.assign(document.createElement("strong"), { textContent: code }));
      box.appendChild(paragraph("cm-finding-why", why));
      if (!fix) box.appendChild(paragraph("cm-finding-nofix", "No automatic fix: edit the text or use the form."));
      return box;
    },
  });
}

/** Draws these findings in the text (replacing the previous ones): each is the arguments
 * editor.js's `add` took (see `diagnostic`). */
export function show(view, findings) {
  const list = [];
  for (const finding of findings) diagnostic(view, list, finding);
  view.dispatch(setDiagnostics(view.state, list));
  if (!yamlWanted) {
    yamlWanted = true;
    const idle = globalThis.requestIdleCallback ?? ((f) => setTimeout(f, 50));
    idle(loadYaml, { timeout: 1000 });
  }
}

/** Selects string indices `from..to`, scrolls them into view and focuses the editor (a
 * finding was picked). */
export function select(view, from, to) {
  const { doc, lineBreak } = view.state;
  [from, to] = [toPos(doc, lineBreak, from), toPos(doc, lineBreak, to)];
  view.dispatch({ selection: { anchor: from, head: to }, effects: EditorView.scrollIntoView(from, { y: "center" }) });
  view.focus();
}

export const text = (view) => view.state.sliceDoc();
export const destroy = (view) => view.destroy();

/** The selected text (for the end-to-end tests, which cannot read it from the DOM). */
export const selectedText = (view) => view.state.sliceDoc(view.state.selection.main.from, view.state.selection.main.to);

/** Places the selection at string indices `anchor..head`; `scroll` brings it into view. */
export function place(view, anchor, head = anchor, scroll = true) {
  const { doc, lineBreak } = view.state;
  view.dispatch({ selection: { anchor: toPos(doc, lineBreak, anchor), head: toPos(doc, lineBreak, head) }, scrollIntoView: scroll });
}

/** Scrolls the editor's own box to `top` pixels once it is laid out (the plain editor's
 * scroll: the same line height and padding). Not `scrollIntoView`, which moves the page too. */
export function scrollTo(view, top) {
  view.requestMeasure({ read: () => null, write: () => (view.scrollDOM.scrollTop = top) });
}

/** The keys the plain editor defers to this one (pressed before it was in): run now. */
export const COMMANDS = {
  F8: (view, shift) => stepFinding(view, !shift),
  "Mod-.": (view) => applyFixAtCursor(view),
  "Mod-f": (view) => lazySearch("openSearchPanel")(view),
  F3: (view, shift) => lazySearch(shift ? "findPrevious" : "findNext")(view),
  "Mod-g": (view, shift) => lazySearch(shift ? "findPrevious" : "findNext")(view),
  "Mod-/": (view) => toggleLineComment(view),
  "Mod-]": (view) => indentMore(view),
  "Mod-[": (view) => indentLess(view),
};
