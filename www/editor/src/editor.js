// The page's editor as the Yew app sees it (web/src/codemirror.rs calls
// globalThis.storageEditor): a plain text area first, CodeMirror once the first findings are
// drawn.
//
// Why two (issue 23): the first load, what the page needs to show the editor with its
// findings, has a budget of 350 KB gzip; the checker's wasm is 300 KB of it and CodeMirror
// 100 KB more. So the editor the page starts with is a <textarea>: in index.html from the
// first paint, it takes typing, pastes and drops as soon as this 4 KB script is in (`boot`),
// long before the checker; the app adopts it and lists its findings beside it. Once the first findings are drawn, CodeMirror
// (codemirror.js: underlines, tooltips, F8, Ctrl-., search, colours, line numbers) is
// imported and takes each text area's place with its text, selection, focus and scroll. F8,
// Ctrl-., Ctrl-F, F3 and Ctrl-G pressed before it is in wait for it and then run. If it
// cannot load (offline), the text area stays and keeps working.
//
// The app speaks in JavaScript string indices (UTF-16 code units) of the exact text. A text
// area normalizes every line break to "\n" (a CRLF file's "\r\n" is one character there), so
// a plain view keeps the exact text itself and maps indices across each "\r\n"; what the
// user changes is spliced into the exact text, every other byte stays as it was.
//
// Page-wide, bundled here because the first load needs them: the focus never falls to
// <body>, the findings list is one Tab stop, and large files are checked in a worker.
import "./focus.js";
import "./listnav.js";
import "./checker.js";

/** "\r\n" when every line break of `text` is CRLF (and there is one), else "\n" (as
 * codemirror.js splits the text). */
const separatorOf = (text) => (/\r\n/.test(text) && !/[^\r]\n|^\n|\r(?!\n)/.test(text) ? "\r\n" : "\n");

/** The text area's index of string index `i` of the exact text: one less for each "\r\n"
 * before it (the text area holds it as one "\n"; a lone "\r" stays one character). */
function plainIndex(exact, i) {
  let at = exact.indexOf("\r\n");
  let pairs = 0;
  while (at >= 0 && at + 1 < i) {
    pairs += 1;
    at = exact.indexOf("\r\n", at + 2);
  }
  return i - pairs;
}

/** The exact text's string index of text-area index `p` (`plainIndex` the other way). */
function exactIndex(exact, p) {
  let at = exact.indexOf("\r\n");
  let pairs = 0;
  while (at >= 0 && at - pairs < p) {
    pairs += 1;
    at = exact.indexOf("\r\n", at + 2);
  }
  return p + pairs;
}

/** How many characters `a` and `b` share at their start, and then at their end. */
function sharedEnds(a, b) {
  let start = 0;
  const max = Math.min(a.length, b.length);
  while (start < max && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && a.charCodeAt(a.length - 1 - end) === b.charCodeAt(b.length - 1 - end)) end++;
  return [start, end];
}

const lineCount = (text) => {
  let lines = 1;
  for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) lines += 1;
  return lines;
};

/** The keys that wait for CodeMirror when pressed in the text area (its COMMANDS): F8, F3,
 * and Ctrl (Cmd) with . f g / ] [ (Shift too: Shift-F8, Ctrl-Shift-G go back). */
function deferredKey(event) {
  if (event.key === "F8" || event.key === "F3") return event.key;
  const key = event.key.toLowerCase();
  const mod = event.ctrlKey || event.metaKey;
  return mod && !event.altKey && key.length === 1 && ".fg/][".includes(key) ? `Mod-${key}` : null;
}

/** Whether a key only modifies others (it leaves a waiting key waiting). */
const MODIFIERS = new Set(["Shift", "Control", "Alt", "Meta", "AltGraph", "CapsLock"]);

// CodeMirror, once loaded, and every view of the page (to upgrade, and for `pageView`).
let cm = null;
let cmLoading = null;
// The last import failed (offline): keys go to the text area and the browser meanwhile.
let cmFailed = false;
const views = new Set();

/** Imports CodeMirror (once) and upgrades every plain view. */
function loadCodeMirror() {
  cmLoading ??= import("./codemirror.js").then(
    (m) => {
      cm = m;
      cmFailed = false;
      for (const view of views) upgrade(view);
    },
    (error) => {
      // Offline: the text areas stay; the next findings try again.
      cmLoading = null;
      cmFailed = true;
      // A key that waited for it is not run later, on whatever the text has become.
      for (const view of views) view.pending.length = 0;
      console.warn("the code editor could not load; the plain one stays:", error);
    },
  );
  return cmLoading;
}

/**
 * A view of the page's editor: `area` (a plain text area, `exact` its exact text) until
 * CodeMirror is in, then `cm` (an EditorView). `on` holds the app's handlers (see `create`).
 */
class View {
  constructor(area, text, on) {
    this.area = area;
    this.cm = null;
    this.on = on;
    this.exact = text;
    // The file's line break, which what the user types takes (as CodeMirror keeps it).
    this.sep = separatorOf(text);
    // The text area's value as last seen (what an input event changed it from).
    this.seen = area?.value ?? "";
    this.findings = null;
    // The text the findings were made for: drawn on another, they would mark the wrong spans.
    this.findingsFor = null;
    this.atCursor = -1;
    this.pending = [];
    this.composing = false;
    if (area) this.listen();
  }

  listen() {
    const area = this.area;
    // Every input reaches the app, a composition's (an IME's) too. `composing` only keeps
    // CodeMirror from taking the text area's place in the middle of one (which would end it).
    area.addEventListener("input", (event) => {
      this.composing = event.isComposing;
      this.changed();
      if (!this.composing && cm) upgrade(this);
    });
    area.addEventListener("compositionstart", () => (this.composing = true));
    area.addEventListener("compositionend", () => {
      this.composing = false;
      // CodeMirror arrived while a composition was open: it takes over after its input.
      if (cm) setTimeout(() => upgrade(this), 0);
    });
    area.addEventListener("paste", (event) => this.paste(event));
    area.addEventListener("keydown", (event) => {
      const key = deferredKey(event);
      if (!key) {
        // Another key (typing, moving the cursor): a key that waited would now act on
        // something else. It is dropped.
        if (!MODIFIERS.has(event.key)) this.pending.length = 0;
        return;
      }
      if (cmFailed) return;
      event.preventDefault();
      this.pending.push([key, event.shiftKey]);
      loadCodeMirror();
    });
    area.addEventListener("pointerdown", () => (this.pending.length = 0));
    for (const type of ["keyup", "pointerup", "select"]) area.addEventListener(type, () => this.cursorMoved());
  }

  /** What the user typed, as an edit of the exact text (the changed middle, spliced in). */
  changed() {
    // An input after CodeMirror took over (a composition's last one, in some browsers).
    if (!this.area) return;
    const now = this.area.value;
    const before = this.seen;
    if (now === before) return;
    this.seen = now;
    const [start, end] = sharedEnds(before, now);
    const old = this.exact;
    const from = exactIndex(old, start);
    const to = exactIndex(old, before.length - end);
    let insert = now.slice(start, now.length - end);
    if (this.sep === "\r\n") insert = insert.replace(/\n/g, "\r\n");
    this.exact = old.slice(0, from) + insert + old.slice(to);
    const lines = this.numbered();
    const sent = this.on.edit?.(from, to, insert, old.length, lines);
    if (!sent) this.on.change(this.exact);
    this.cursorMoved();
  }

  /** A paste over the whole text is a new file, as opening one is (its own line breaks). */
  paste(event) {
    const text = event.clipboardData?.getData("text/plain");
    const area = this.area;
    if (!text || area.selectionStart !== 0 || area.selectionEnd !== area.value.length) return;
    event.preventDefault();
    this.replace(text);
    this.on.load(text);
  }

  /** Holds `text` from now on (a new file). */
  replace(text) {
    this.exact = text;
    this.sep = separatorOf(text);
    this.area.value = text;
    this.seen = this.area.value;
    this.numbered();
  }

  /** The text's line count, which also sizes the empty gutter as CodeMirror's line numbers
   * will be (so the text does not move when it takes over). */
  numbered() {
    const lines = lineCount(this.exact);
    this.area.style.setProperty("--plain-digits", String(String(lines).length));
    return lines;
  }

  /** Tells the app when the cursor enters another finding's span (-1: none). */
  cursorMoved() {
    if (!this.findings || !this.area || this.findingsFor !== this.exact) return;
    const area = this.area;
    const head = exactIndex(this.exact, area.selectionDirection === "backward" ? area.selectionStart : area.selectionEnd);
    const at = this.findings.find(([from, to]) => from <= head && head <= to);
    const index = at ? at[8] : -1;
    if (index !== this.atCursor) {
      this.atCursor = index;
      this.on.cursor(index);
    }
  }
}

/** CodeMirror takes `view`'s text area's place: the same text, selection, focus and scroll,
 * and the findings last shown; then the keys that waited for it run. */
function upgrade(view) {
  const area = view.area;
  if (!area || !area.isConnected || view.composing) return;
  const focused = document.activeElement === area;
  const forward = area.selectionDirection !== "backward";
  const [from, to] = [exactIndex(view.exact, area.selectionStart), exactIndex(view.exact, area.selectionEnd)];
  const top = area.scrollTop;
  const editor = cm.makeView(area.parentElement, view.exact, view.on);
  area.replaceWith(editor.dom);
  view.area = null;
  view.cm = editor;
  cm.place(editor, forward ? from : to, forward ? to : from, false);
  // Neither the page nor the editor scrolls to the caret: what was shown stays shown.
  if (focused) editor.contentDOM.focus({ preventScroll: true });
  cm.scrollTo(editor, top);
  // Findings made for an older text are not drawn (the app's next ones are), and a waiting
  // F8 or Ctrl-. would go by them: those keys are dropped.
  const pending = view.pending.splice(0);
  if (view.findings && view.findingsFor === view.exact) {
    cm.show(editor, view.findings);
    for (const [key, shift] of pending) cm.COMMANDS[key](editor, shift);
  }
}

/** A new text area in `parent`, as index.html has it. */
function newArea(parent) {
  const area = parent.appendChild(document.createElement("textarea"));
  area.className = "plain-editor";
  area.setAttribute("aria-label", "values.yaml");
  for (const [name, value] of [["spellcheck", "false"], ["autocapitalize", "off"], ["autocomplete", "off"], ["wrap", "off"]]) {
    area.setAttribute(name, value);
  }
  return area;
}

/** The editor index.html shows while the checker loads (given to `boot` by init.js), until
 * the app's create() adopts it. `on` is the object its handlers call: empty until the app's
 * handlers are copied in. */
let early = null;

/** Takes over index.html's text area: it starts from `saved` (the text the app will restore)
 * unless it holds a text already (a browser restoring the page), and takes keys from now on.
 * Read-only before (index.html): what was typed there would replace the saved text unseen, and
 * a paste would lose its CRLF line breaks. */
function boot(area, saved) {
  area.readOnly = false;
  // The placeholder's start panel shows while the text is empty, as the app's does.
  const started = (t) => document.getElementById("boot-start")?.toggleAttribute("hidden", t.trim() !== "");
  const typed = area.value !== "";
  const on = {
    change: started,
    load(t) {
      if (early) early.loaded = true;
      started(t);
    },
    cursor() {},
    fix() {},
  };
  const view = new View(area, typed ? area.value : saved, on);
  if (!typed) view.replace(saved);
  started(view.exact);
  early = { view, on, initial: typed ? null : saved, loaded: false };
  // A file dropped on the placeholder is opened as the app opens one: a new file, refused
  // unless it is UTF-8 text without NUL bytes (web/src/browser.rs, text_of_file). Without
  // this, the browser would open it and leave the page.
  const placeholder = document.getElementById("boot");
  placeholder?.addEventListener("dragover", (event) => event.preventDefault());
  placeholder?.addEventListener("drop", async (event) => {
    const file = event.dataTransfer?.files?.[0];
    if (!file) return;
    event.preventDefault();
    event.stopPropagation();
    const bytes = new Uint8Array(await file.arrayBuffer());
    let opened = null;
    try {
      // ignoreBOM keeps a byte order mark in the text, as the app's reading does: the
      // export must be the file byte for byte.
      opened = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
      // Not UTF-8: refused below.
    }
    const status = document.getElementById("boot-status");
    if (opened === null || opened.includes("\0")) {
      if (status) status.textContent = `${file.name} was not opened: it is not UTF-8 text without NUL bytes. The editor keeps its text.`;
      return;
    }
    if (!view.area?.isConnected) return;
    view.replace(opened);
    on.load(opened);
  }, true);
  // When the editor could take keys (the slow-link test reads it: a time from the page, not
  // from the test's round trips).
  performance.mark("storage-editor-ready");
}

/**
 * The editor in `parent`, holding `text`. `on` receives what the user does:
 * `change(text)` after an edit (or `edit(from, to, insert, oldLength, lines)`, which returns
 * false when the app cannot take it), `load(text)` when a pasted or dropped text replaced
 * the whole document (a new file), `cursor(index)` when the cursor enters another finding's
 * span (-1: none), `fix(index)` when a fix action is chosen. The first one adopts the early
 * editor index.html showed while the checker loaded, if there is one.
 */
function create(parent, text, on) {
  const view = adopt(parent, text, on) ?? made(parent, text, on);
  views.add(view);
  // The placeholder goes in the task the app first renders in: no paint shows both.
  document.getElementById("boot")?.remove();
  return view;
}

/** A new view: CodeMirror if it is in, else a text area. */
function made(parent, text, on) {
  if (cm) {
    const view = new View(null, text, on);
    view.cm = cm.makeView(parent, text, on);
    return view;
  }
  const view = new View(newArea(parent), text, on);
  view.replace(text);
  return view;
}

/** The app's first editor takes over the early one, if there is one: moved into `parent`
 * with its text, selection and focus, its handlers now the app's. What the user typed or
 * pasted meanwhile reaches the app as an edit (or a new file) after this returns; if the user
 * did nothing and the app restored another text (another tab saved meanwhile), the editor
 * takes the app's. */
function adopt(parent, text, on) {
  const boot = early;
  early = null;
  const area = boot?.view.area;
  if (!area?.isConnected) return null;
  const { view } = boot;
  const focused = document.activeElement === area;
  const [start, end, direction, top] = [area.selectionStart, area.selectionEnd, area.selectionDirection, area.scrollTop];
  parent.appendChild(area);
  area.setSelectionRange(start, end, direction);
  // Moving the text area ended any composition, without a compositionend.
  view.composing = false;
  Object.assign(boot.on, on);
  view.on = boot.on;
  if (focused) area.focus({ preventScroll: true });
  area.scrollTop = top;
  const now = view.exact;
  if (now === boot.initial && !boot.loaded) {
    if (now !== text) view.replace(text);
  } else if (now !== text) {
    queueMicrotask(() => (boot.loaded ? boot.on.load(now) : boot.on.change(now)));
  }
  return view;
}

/** A new file: a new document, a fresh undo history, and the focus (the button that
 * loaded it is gone with the start panel). */
function load(view, text) {
  if (view.cm) return cm.load(view.cm, text);
  view.replace(text);
  view.area.focus();
}

/** The app changed the text (a fix, a form edit, the migration): the changed middle is
 * replaced, so the cursor stays where it was. */
function setText(view, text) {
  const old = view.cm ? cm.text(view.cm) : view.exact;
  if (old === text) return;
  let [start, end] = sharedEnds(old, text);
  // A "\r\n" is one character in the text area: the changed middle takes it whole.
  const splits = (t, at) => t[at - 1] === "\r" && t[at] === "\n";
  if (splits(old, start) || splits(text, start)) start -= 1;
  if (end > 0 && (splits(old, old.length - end) || splits(text, text.length - end))) end -= 1;
  const middle = text.slice(start, text.length - end);
  if (view.cm) return cm.replace(view.cm, start, old.length - end, middle);
  view.area.setRangeText(middle.replace(/\r\n?/g, "\n"), plainIndex(old, start), plainIndex(old, old.length - end), "preserve");
  view.exact = text;
  view.seen = view.area.value;
  view.numbered();
}

/** A new, empty list of findings to fill with `add` and hand to `show`. */
const list = () => [];

/** One finding, at string indices `from..to` of the editor's text (the one it now holds):
 * `severity`, `code`, `message`, `why`, `fix` (the fix's title, "" for none), `safe`, and its
 * `index` in the app's list. Kept as given: codemirror.js draws them. */
function add(view, list, from, to, severity, code, message, why, fix, safe, index) {
  list.push([from, to, severity, code, message, why, fix, safe, index]);
}

/** Draws these findings (the text area cannot: they are kept for CodeMirror, which is
 * loaded after the first ones are drawn). */
function show(view, list) {
  view.findings = list;
  view.findingsFor = view.cm ? null : view.exact;
  if (view.cm) cm.show(view.cm, list);
  else view.cursorMoved();
  if (!performance.getEntriesByName("storage-findings-shown").length) {
    // The first findings are drawn: what loads from here on is not the first load. After
    // their paint, CodeMirror.
    performance.mark("storage-findings-shown");
    requestAnimationFrame(() => setTimeout(loadCodeMirror, 0));
  } else if (!cm) {
    loadCodeMirror();
  }
}

/** Selects string indices `from..to`, scrolls them into view and focuses the editor (a
 * finding was picked). */
function select(view, from, to) {
  if (view.cm) return cm.select(view.cm, from, to);
  const area = view.area;
  area.focus();
  area.setSelectionRange(plainIndex(view.exact, from), plainIndex(view.exact, to));
  // Centred, as CodeMirror does it.
  const line = lineCount(area.value.slice(0, area.selectionStart)) - 1;
  const height = parseFloat(getComputedStyle(area).lineHeight) || 18;
  area.scrollTop = Math.max(0, line * height - area.clientHeight / 2);
  view.cursorMoved();
}

const text = (view) => (view.cm ? cm.text(view.cm) : view.exact);

function destroy(view) {
  views.delete(view);
  if (view.cm) cm.destroy(view.cm);
  else view.area.remove();
}

/** The page's editor (the first one still shown). */
const pageView = () => [...views].find((v) => (v.cm ? v.cm.dom.isConnected : v.area?.isConnected)) ?? early?.view;

/** A large text's keystrokes reach the app after their frame (web/src/components/editor.rs,
 * `hand_over`); before anything else the user does (a press, a focus change, a key outside
 * the editor, a drop), the app is given them, so it never acts on an older text. */
for (const type of ["pointerdown", "focusin", "keydown", "drop"]) {
  document.addEventListener(type, (event) => {
    const typing = type === "keydown" && event.target?.closest?.(".cm-content, textarea.plain-editor") && !event.ctrlKey && !event.metaKey && !event.altKey;
    if (!typing) pageView()?.on?.flush?.();
  }, true);
}

// For the end-to-end tests, which cannot read "\r" or the selection from the DOM: the
// page's text, its selected text, and a way to place the selection.
const current = () => {
  const view = pageView();
  return view && text(view);
};
const selectedText = () => {
  const view = pageView();
  if (!view) return undefined;
  if (view.cm) return cm.selectedText(view.cm);
  const area = view.area;
  return view.exact.slice(exactIndex(view.exact, area.selectionStart), exactIndex(view.exact, area.selectionEnd));
};
const place = (anchor, head = anchor) => {
  const view = pageView();
  if (view.cm) return cm.place(view.cm, anchor, head);
  view.area.setSelectionRange(plainIndex(view.exact, Math.min(anchor, head)), plainIndex(view.exact, Math.max(anchor, head)), anchor > head ? "backward" : "forward");
  view.cursorMoved();
};
/** Whether CodeMirror has taken over (for the tests). */
const upgraded = () => !!pageView()?.cm;

globalThis.storageEditor = {
  boot, create, load, setText, list, add, show, select, text, destroy, current, selectedText, place, upgraded,
};
