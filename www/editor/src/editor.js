// The page's editor: CodeMirror 6 behind a small API that the Yew app calls through
// wasm-bindgen (web/src/codemirror.rs). The app owns the state; the editor owns the text
// while the user types, its undo history, and how findings are drawn in the text.
//
// Positions here are CodeMirror's: UTF-16 code units. The document is split on "\n" only,
// so a "\r" stays a character of its line and a position is the JavaScript string index
// of the text as loaded: the export is byte-exact and the app maps its byte offsets with
// one UTF-16 count (storage_core::source::Utf16Positions).
import { Annotation, ChangeSet, EditorState } from "@codemirror/state";
import {
  EditorView, drawSelection, highlightActiveLine, highlightActiveLineGutter,
  highlightSpecialChars, keymap, lineNumbers,
} from "@codemirror/view";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { HighlightStyle, bracketMatching, foldGutter, foldKeymap, indentOnInput, syntaxHighlighting } from "@codemirror/language";
import { tags } from "@lezer/highlight";
import { forEachDiagnostic, lintGutter, nextDiagnostic, previousDiagnostic, setDiagnostics } from "@codemirror/lint";
import { highlightSelectionMatches, search, searchKeymap } from "@codemirror/search";
import { yaml } from "@codemirror/lang-yaml";

/** Marks the changes the app makes (a fix, a form edit): they are not echoed back to it. */
const fromApp = Annotation.define();

/** CodeMirror's default special characters without "\r" (a CRLF file's line ends) and the
 * tab (YAML forbids it, and a finding says so). */
const SPECIAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u061c\u200b\u200e\u200f\u2028\u2029\u202d\u202e\u2066\u2067\u2069\ufeff\ufff9-\ufffc]/g;

/** YAML colours from the page's CSS variables (www/style.css), so light and dark both
 * keep their contrast. */
const yamlColours = HighlightStyle.define([
  { tag: tags.definition(tags.propertyName), color: "var(--tok-key)" },
  { tag: [tags.string, tags.special(tags.string)], color: "var(--tok-string)" },
  { tag: tags.lineComment, color: "var(--tok-comment)", fontStyle: "italic" },
  { tag: [tags.labelName, tags.typeName], color: "var(--tok-anchor)" },
  { tag: [tags.meta, tags.keyword], color: "var(--tok-meta)" },
]);

/** In a file whose lines end in CRLF, a typed or pasted line break is CRLF too. */
const keepCrlf = EditorState.transactionFilter.of((tr) => {
  if (!tr.docChanged || !tr.isUserEvent("input") || !tr.startState.doc.line(1).text.endsWith("\r")) return tr;
  let changed = false;
  const changes = [];
  tr.changes.iterChanges((from, to, _fromB, _toB, inserted) => {
    const text = inserted.toString();
    const crlf = text.replace(/\r?\n/g, "\r\n");
    changed ||= crlf !== text;
    changes.push({ from, to, insert: crlf });
  });
  if (!changed) return tr;
  const set = ChangeSet.of(changes, tr.startState.doc.length);
  return { changes: set, selection: tr.startState.selection.map(set, 1), scrollIntoView: true, userEvent: "input" };
});

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

/**
 * The editor in `parent`, holding `text`. `on` receives what the user does:
 * `change(text)` after an edit, `load(text)` when a pasted or dropped text replaced the whole
 * document (a new file), `cursor(index)` when the cursor enters another finding's span (-1:
 * none), `fix(index)` when a fix action is chosen.
 */
function create(parent, text, on) {
  let atCursor = -1;
  const extensions = [
    lineNumbers(), highlightActiveLineGutter(), foldGutter(), lintGutter(),
    highlightSpecialChars({ specialChars: SPECIAL }), history(), drawSelection(),
    EditorState.lineSeparator.of("\n"), keepCrlf, indentOnInput(), bracketMatching(),
    syntaxHighlighting(yamlColours), highlightActiveLine(),
    highlightSelectionMatches(), search({ top: true }), yaml(),
    EditorView.contentAttributes.of({ "aria-label": "values.yaml", spellcheck: "false", autocapitalize: "off", autocorrect: "off" }),
    keymap.of([
      { key: "F8", run: nextDiagnostic, shift: previousDiagnostic, preventDefault: true },
      { key: "Mod-.", run: applyFixAtCursor, preventDefault: true },
      ...defaultKeymap, ...historyKeymap, ...searchKeymap, ...foldKeymap,
    ]),
    EditorView.domEventHandlers({
      // A dropped file is a new file, not text to insert where it fell.
      drop(event) {
        const file = event.dataTransfer?.files?.[0];
        if (!file) return false;
        event.preventDefault();
        file.text().then((t) => on.load(t), (e) => console.warn("could not read the file", e));
        return true;
      },
    }),
    EditorView.updateListener.of((update) => {
      if (update.docChanged && !update.transactions.some((tr) => tr.annotation(fromApp))) {
        const text = update.state.doc.toString();
        // A paste over the whole document is a new file: it becomes the export's baseline.
        const whole = update.transactions.some((tr) => tr.isUserEvent("input.paste")
          && tr.startState.selection.main.from === 0 && tr.startState.selection.main.to === tr.startState.doc.length);
        if (whole) on.load(text);
        else on.change(text);
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
  const view = new EditorView({ parent, state: EditorState.create({ doc: text, extensions }) });
  view.extensionsForLoad = extensions;
  view.handlers = on;
  return view;
}

/** A new file: a new document and a fresh undo history. */
function load(view, text) {
  view.setState(EditorState.create({ doc: text, extensions: view.extensionsForLoad }));
}

/**
 * The app changed the text (a fix, a form edit, the migration): one transaction over the
 * changed middle, so undo takes it back as one step and the cursor stays where it was.
 */
function setText(view, text) {
  const old = view.state.doc.toString();
  if (old === text) return;
  let start = 0;
  const max = Math.min(old.length, text.length);
  while (start < max && old.charCodeAt(start) === text.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && old.charCodeAt(old.length - 1 - end) === text.charCodeAt(text.length - 1 - end)) end++;
  view.dispatch({
    changes: { from: start, to: old.length - end, insert: text.slice(start, text.length - end) },
    annotations: [fromApp.of(true)],
    userEvent: "input.app",
  });
}

/** A new, empty list of findings to fill with `add` and hand to `show`. */
const list = () => [];

/** One finding, at UTF-16 positions `from..to`. `fix` is the fix's title ("" for none). */
function add(list, from, to, severity, code, message, why, fix, safe, index) {
  const name = `${safe ? "Safe fix" : "Suggested fix"}: ${fix.replaceAll("`", "")}`;
  const actions = fix ? [{ name, apply: (view) => view.handlers.fix(index) }] : [];
  list.push({
    from, to, severity, message: `${code}: ${message}`, source: code, index, actions,
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

/** Draws these findings in the text (replacing the previous ones). */
function show(view, list) {
  view.dispatch(setDiagnostics(view.state, list));
}

/** Selects `from..to`, scrolls it into view and focuses the editor (a finding was picked). */
function select(view, from, to) {
  const len = view.state.doc.length;
  view.dispatch({
    selection: { anchor: Math.min(from, len), head: Math.min(to, len) },
    effects: EditorView.scrollIntoView(Math.min(from, len), { y: "center" }),
  });
  view.focus();
}

const text = (view) => view.state.doc.toString();
const destroy = (view) => view.destroy();

// For the end-to-end tests, which cannot read "\r" or the selection from the DOM: the
// page's editor, its text, its selected text, and a way to place the selection.
const pageView = () => {
  const dom = document.querySelector(".cm-editor");
  return dom && EditorView.findFromDOM(dom);
};
const current = () => pageView()?.state.doc.toString();
const selectedText = () => {
  const state = pageView()?.state;
  return state?.sliceDoc(state.selection.main.from, state.selection.main.to);
};
const place = (anchor, head = anchor) => pageView()?.dispatch({ selection: { anchor, head } });

globalThis.storageEditor = {
  create, load, setText, list, add, show, select, text, destroy, current, selectedText, place,
};
