// Keeps the keyboard focus on the page when an action removes or disables the focused
// control (a fix applied from its finding, a card removed, "Apply safe fixes" once none is
// left): the focus goes to the next control after where it was, never to <body>.
const FOCUSABLE = "a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea, summary, [tabindex]:not([tabindex='-1'])";

let last = null;      // the control that had the focus
let ancestors = [];   // its ancestors then, nearest first

document.addEventListener("focusin", (event) => {
  last = event.target;
  ancestors = [];
  for (let el = last.parentElement; el; el = el.parentElement) ancestors.push(el);
});

document.addEventListener("focusout", (event) => {
  if (event.relatedTarget) return; // the focus moved somewhere: nothing to do
  const from = last;
  // The control after it, while it is still in place.
  const after = [...document.querySelectorAll(FOCUSABLE)]
    .find((el) => from && from.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
  // After the action has re-rendered the page.
  setTimeout(() => {
    if (document.activeElement && document.activeElement !== document.body) return;
    // A click on the page's background also leaves the focus on <body>: that one is the
    // user's choice. Only a control that went away or was disabled is replaced.
    if (from && from.isConnected && !from.disabled) return;
    const visible = (el) => el.getClientRects().length > 0;
    const all = [...document.querySelectorAll(FOCUSABLE)].filter(visible);
    let next;
    if (from && from.isConnected) {
      // Still there (disabled): the next control after it.
      next = all.find((el) => from.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
    } else if (after && after.isConnected && all.includes(after)) {
      next = after;
    } else {
      // Gone: the first control in what is left of where it was.
      const kept = ancestors.find((el) => el.isConnected);
      next = kept && all.find((el) => kept.contains(el));
    }
    next?.focus();
  }, 50);
});

/** Gives the focus back to `element` (what had it before a dialog), or, when that was
 * disabled or removed meanwhile ("Apply safe fixes" once none is left), to the next control
 * after where it was. */
globalThis.storageFocus = {
  restore(element) {
    if (element.isConnected && !element.disabled) return element.focus();
    const all = [...document.querySelectorAll(FOCUSABLE)].filter((el) => el.getClientRects().length > 0);
    const next = element.isConnected
      ? all.find((el) => element.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING)
      : all[0];
    next?.focus();
  },
};
