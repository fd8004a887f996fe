// The findings list as one Tab stop (a roving tabindex, as in a listbox or a toolbar):
// Tab enters it on the current finding's message and leaves it at once; ArrowUp/ArrowDown
// (Home/End) move between findings, ArrowLeft/ArrowRight between the controls of one.
// The app renders the list; this only sets `tabindex` on its controls and moves the focus.
// A scrollable block (the migration's text, a Secret command) keeps its own Tab stop: its
// keys scroll it.
const CONTROLS = "a[href], button, input, select, textarea, summary";
const items = () => [...document.querySelectorAll(".findings li.finding")].filter((li) => li.getClientRects().length);
const controls = (li) => [...li.querySelectorAll(CONTROLS)].filter((el) => !el.disabled && el.getClientRects().length);
const entry = (li) => li.querySelector("button.finding-message") ?? controls(li)[0];

let current = null; // the finding the list's Tab stop is on

function rove() {
  const all = items();
  if (!all.includes(current)) current = all[0] ?? null;
  for (const li of all) {
    for (const el of li.querySelectorAll(CONTROLS)) el.tabIndex = -1;
  }
  const stop = current && entry(current);
  if (stop) stop.tabIndex = 0;
}

function go(li, control) {
  if (!li) return;
  current = li;
  rove();
  (control ?? entry(li))?.focus();
}

document.addEventListener("focusin", (event) => {
  const li = event.target.closest?.(".findings li.finding");
  if (li && li !== current) {
    current = li;
    rove();
  }
});

document.addEventListener("keydown", (event) => {
  const li = event.target.closest?.(".findings li.finding");
  if (!li || event.altKey || event.ctrlKey || event.metaKey) return;
  const all = items();
  const at = all.indexOf(li);
  const own = controls(li);
  const here = own.indexOf(event.target);
  const moves = {
    ArrowDown: () => go(all[at + 1]),
    ArrowUp: () => go(all[at - 1]),
    Home: () => go(all[0]),
    End: () => go(all[all.length - 1]),
    ArrowRight: () => go(li, own[here + 1]),
    ArrowLeft: () => go(li, own[here - 1]),
  };
  // Keys a text field or a scrolled block needs stay theirs.
  if (!moves[event.key] || event.target.matches("input, textarea, pre")) return;
  event.preventDefault();
  moves[event.key]();
});

// Re-apply whenever the app re-renders the list (not on the editor's own changes).
new MutationObserver((records) => {
  if (records.some((r) => r.target.closest?.(".findings"))) rove();
}).observe(document.body, { childList: true, subtree: true });
