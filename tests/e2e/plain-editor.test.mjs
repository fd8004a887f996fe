// The plain editor the page starts with (www/editor/src/editor.js, issue 23): a text area that
// takes typing and pastes before CodeMirror is in, keeps a CRLF file byte for byte, selects a
// picked finding, and that CodeMirror then replaces with its text, selection, focus and the
// keys pressed meanwhile. Without CodeMirror (offline), the page still checks.
import { test } from "node:test";
import assert from "node:assert/strict";
import { setup, pageTest, read, paste, PLAIN, EDITOR, editorText, selectedText, settled } from "./harness.mjs";

const env = setup();

const BROKEN = "examples/broken.yaml";

/** A route that holds CodeMirror's module until `release()`: the plain editor's time. */
function heldCodeMirror() {
  let release;
  const gate = new Promise((resolve) => (release = resolve));
  return {
    release: () => release(),
    beforeLoad: (ctx) => ctx.route("**/editor-codemirror.js", async (route) => {
      await gate;
      await route.continue();
    }),
  };
}

/** Pastes `text` over everything in the plain editor, as Ctrl-V does. */
const pastePlain = (page, text) => paste(page, text, PLAIN);

pageTest(
  "without CodeMirror the plain editor still checks: typing, a paste over everything, a CRLF file kept byte for byte, a picked finding selected",
  { plain: true, beforeLoad: (ctx) => ctx.route("**/editor-codemirror.js", (route) => route.abort()) },
  async ({ page, problems }) => {
    const typed = "persistence:\n  outputs:\n    out:\n      existingclaim: pvc\n";
    await page.locator(PLAIN).click();
    await page.keyboard.type(typed);
    await page.locator('li.finding[data-code="K001"]').waitFor();
    assert.equal(await editorText(page), typed);

    // A CRLF file pasted over everything is held exactly; typing keeps its line breaks.
    const crlf = read(BROKEN).replace(/\n/g, "\r\n");
    await pastePlain(page, crlf);
    await page.locator('li.finding[data-code="V005"]').waitFor();
    const end = crlf.indexOf("\r\n", crlf.indexOf("rbac:"));
    await page.evaluate((at) => globalThis.storageEditor.place(at), end);
    await page.keyboard.type(" # rbac");
    await page.evaluate(() => globalThis.storageEditor.place(0));
    await page.keyboard.type("# top");
    await page.keyboard.press("Enter");
    const expected = `# top\r\n${crlf.slice(0, end)} # rbac${crlf.slice(end)}`;
    await page.waitForFunction((t) => globalThis.storageEditor.current() === t, expected);
    await settled(page);

    // A finding picked in the list selects its span in the text (past the CRLF lines).
    await page.locator('li.finding[data-code="V005"] .position').click();
    assert.equal(await selectedText(page), "data/dir");
    assert.equal(await page.evaluate(() => document.activeElement.matches("textarea.plain-editor")), true);

    // F8 waits for CodeMirror, which cannot come: nothing breaks, the text stays.
    await page.keyboard.press("F8");
    assert.equal(await editorText(page), expected);
    assert.equal(await page.locator(EDITOR).count(), 0);
    // The refused module is the only problem the page reported.
    const unexpected = problems.filter((p) => !/Failed to load resource|editor-codemirror/.test(p));
    problems.splice(0, problems.length, ...unexpected);
  },
);

const first = heldCodeMirror();
pageTest(
  "CodeMirror takes the plain editor's place once the first findings are drawn: the text, the focus, and F8 pressed before it",
  { plain: true, beforeLoad: first.beforeLoad },
  async ({ page }) => {
    const text = read(BROKEN);
    await pastePlain(page, text);
    await page.locator('li.finding[data-code="K001"]').waitFor();
    // Requested once the first findings were drawn, held here.
    await page.waitForFunction(() => performance.getEntriesByType("resource").length && performance.getEntriesByName("storage-findings-shown").length);
    assert.equal(await page.locator(EDITOR).count(), 0);
    // F8 from the top, in the plain editor: it waits for CodeMirror.
    await page.evaluate(() => globalThis.storageEditor.place(0));
    await page.keyboard.press("F8");
    assert.equal(await selectedText(page), "");
    first.release();
    await page.locator(EDITOR).waitFor();
    assert.equal(await page.locator(PLAIN).count(), 0);
    assert.equal(await editorText(page), text);
    // F8 ran there: the first error (errors first, in the text's order), with the focus.
    const firstError = await page.locator("li.finding.error").first().getAttribute("data-code");
    const span = await page.locator(`.cm-lintRange.code-${firstError}`).first().textContent();
    await page.waitForFunction((s) => globalThis.storageEditor.selectedText() === s, span);
    assert.equal(await page.evaluate(() => !!document.activeElement.closest(".cm-content")), true);
    // The findings drawn before it came are underlined.
    assert.ok(await page.locator(".cm-lintRange.code-K001").count() >= 1);
  },
);

const second = heldCodeMirror();
pageTest(
  "CodeMirror keeps the plain editor's selection and scroll, and a CRLF text exactly",
  { plain: true, beforeLoad: second.beforeLoad },
  async ({ page }) => {
    const lines = Array.from({ length: 400 }, (_, i) => `  key${i}: value${i}`);
    const text = `persistence:\r\n  outputs:\r\n    out:\r\n      existingClaim: pvc\r\nextra:\r\n${lines.join("\r\n")}\r\n`;
    await pastePlain(page, text);
    const from = text.indexOf("key300");
    await page.locator(PLAIN).focus();
    await page.evaluate((at) => globalThis.storageEditor.place(at, at + "key300".length), from);
    await page.locator(PLAIN).evaluate((el) => {
      el.scrollTop = 290 * 20;
    });
    const top = await page.locator(PLAIN).evaluate((el) => el.scrollTop);
    const pageAt = await page.evaluate(() => [scrollX, scrollY]);
    second.release();
    await page.locator(EDITOR).waitFor();
    assert.equal(await editorText(page), text);
    assert.equal(await selectedText(page), "key300");
    const scrolled = await page.locator(".cm-scroller").evaluate((el) => el.scrollTop);
    assert.ok(Math.abs(scrolled - top) <= 20, `scrolled to ${scrolled}, the plain editor was at ${top}`);
    assert.deepEqual(await page.evaluate(() => [scrollX, scrollY]), pageAt, "the page scrolled");
    assert.equal(await page.evaluate(() => !!document.activeElement.closest(".cm-content")), true);
  },
);

/** A fresh page whose `file` request waits for `release()`: `fn({ page, ctx, release })`. */
async function withHeld(file, fn, before = async () => {}) {
  const ctx = await env.browser.newContext();
  try {
    let release;
    const gate = new Promise((resolve) => (release = resolve));
    await ctx.route(`**/${file}`, async (route) => {
      await gate;
      await route.continue();
    });
    await before(ctx);
    const page = await ctx.newPage();
    await page.goto(env.url, { waitUntil: "commit" });
    await page.locator(PLAIN).waitFor();
    await fn({ page, ctx, release });
  } finally {
    await ctx.close();
  }
}

test("before its script the early editor is read-only: a saved text is not replaced unseen", () =>
  withHeld("init.js", async ({ page, release }) => {
    await page.locator(PLAIN).click();
    await page.keyboard.type("x");
    assert.equal(await page.locator(PLAIN).inputValue(), "");
    release();
    await page.waitForFunction(() => globalThis.storageEditor?.current() === "persistence: {}\n");
    await page.locator(PLAIN).click();
    await page.keyboard.press("ControlOrMeta+End");
    await page.keyboard.type("x");
    await page.waitForFunction(() => globalThis.storageEditor.current() === "persistence: {}\nx");
  }, async (ctx) => {
    await ctx.addInitScript(() => localStorage.getItem("storage-check.text") ?? localStorage.setItem("storage-check.text", "persistence: {}\n"));
    // CodeMirror never comes (as offline): the clicks below are on the text area, which its
    // handover would otherwise replace between a click's lookup and the click (seen in CI).
    await ctx.route("**/editor-codemirror.js", (route) => route.abort());
  }));

test("an IME composition open when the app adopts the early editor: what is typed after still reaches the app", () =>
  withHeld("storage-web_bg.wasm", async ({ page, ctx, release }) => {
    await page.waitForFunction(() => performance.getEntriesByName("storage-editor-ready").length);
    await page.locator(PLAIN).click();
    await page.keyboard.type("a: ");
    const cdp = await ctx.newCDPSession(page);
    await cdp.send("Input.imeSetComposition", { text: "に", selectionStart: 1, selectionEnd: 1 });
    // The app adopts the text area (moving it ends the composition without its event).
    release();
    await page.waitForSelector("#boot", { state: "detached" });
    await cdp.send("Input.insertText", { text: "日本" });
    await page.keyboard.type("x");
    await page.waitForFunction(() => globalThis.storageEditor.current() === "a: に日本x");
    await page.locator(EDITOR).waitFor();
    assert.equal(await editorText(page), "a: に日本x");
    assert.equal(await page.evaluate(() => localStorage.getItem("storage-check.text")), "a: に日本x");
  }));

let attempts = 0;
pageTest(
  "a key that waited for CodeMirror is dropped when it fails to load, not run when a later try succeeds",
  {
    plain: true,
    beforeLoad: (ctx) => ctx.route("**/editor-codemirror.js", async (route) => {
      attempts += 1;
      if (attempts === 1) {
        await new Promise((resolve) => setTimeout(resolve, 1500));
        await route.abort();
      } else {
        await route.continue();
      }
    }),
  },
  async ({ page, problems }) => {
    const text = "persistence:\n  outputs:\n    out:\n      existingclaim: pvc\n";
    await paste(page, text, PLAIN);
    await page.evaluate(() => globalThis.storageEditor.place(0));
    // Ctrl-/ waits for CodeMirror, whose first request fails.
    await page.keyboard.press("ControlOrMeta+/");
    await page.waitForFunction(() => !globalThis.storageEditor.upgraded() && performance.getEntriesByType("resource").some((e) => e.name.endsWith("editor-codemirror.js")));
    // New findings (another option) try again, and CodeMirror comes: the old key is not run.
    await page.locator("#opt-topology").selectOption({ index: 2 });
    await page.locator(EDITOR).waitFor();
    assert.equal(await editorText(page), text);
    problems.splice(0, problems.length, ...problems.filter((p) => !/Failed to load resource/.test(p)));
  },
);

pageTest(
  "the app's change of a CRLF into a lone LF keeps the plain editor and its exact text together",
  { plain: true, beforeLoad: (ctx) => ctx.route("**/editor-codemirror.js", () => {}) },
  async ({ page }) => {
    const after = await page.evaluate(() => {
      const ed = globalThis.storageEditor;
      const box = document.body.appendChild(document.createElement("div"));
      const view = ed.create(box, "a\r\nb\r\nc", { change() {}, load() {}, cursor() {}, fix() {} });
      const seen = [];
      for (const next of ["a\nb\r\nc", "a\nb\r\nXc", "a\r\n\r\nb\r\nXc"]) {
        ed.setText(view, next);
        seen.push([ed.text(view), box.querySelector("textarea").value]);
      }
      ed.destroy(view);
      box.remove();
      return seen;
    });
    assert.deepEqual(after, [
      ["a\nb\r\nc", "a\nb\nc"],
      ["a\nb\r\nXc", "a\nb\nXc"],
      ["a\r\n\r\nb\r\nXc", "a\n\nb\nXc"],
    ]);
  },
);
