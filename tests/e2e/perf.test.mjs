// In-browser timing, measured in the page with performance.now(), median over several
// keystrokes typed into the editor (CodeMirror; `insertText`, as typing does):
//   - keystroke → next frame (the typing path: what the user feels), on the chart 0.6.1
//     values and a generated 10,000-line file;
//   - keystroke → findings rendered: on the 0.6.1 file each keystroke adds or removes a
//     V004 (a trailing "/" in a mountPath), checked at once (files up to 100 KB); the
//     10,000-line file (440 KB) is checked once typing pauses (120 ms), so its figure
//     includes that pause by design.
// The figures are printed for BENCHMARKS.md; the assertions are loose sanity bounds.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { serve } from "./serve.mjs";
import { CHROMIUM_ARGS, EDITOR } from "./harness.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const { chromium } = createRequire(path.join(root, "tools/package.json"))("playwright-core");
let server, url, browser;

before(async () => {
  ({ server, url } = await serve(path.join(root, "dist")));
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
});
after(async () => { await browser?.close(); server?.close(); });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Opens the page with `rel` pasted, the cursor at string index `at`; returns the page. */
async function opened(rel, at, problems) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console error: ${m.text()}`); });
  await page.goto(url);
  await page.waitForSelector(EDITOR);
  const text = fs.readFileSync(path.join(root, "tests/fixtures", rel), "utf8");
  await page.locator(EDITOR).focus();
  await page.keyboard.press("ControlOrMeta+A");
  await page.locator(EDITOR).evaluate((el, t) => {
    const data = new DataTransfer();
    data.setData("text/plain", t);
    el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
  await page.waitForFunction((n) => globalThis.storageEditor.current()?.length === n, text.length, { timeout: 60000 });
  await page.waitForFunction(() => !document.querySelector("#finding-count.stale"), null, { timeout: 60000 });
  await page.evaluate((o) => globalThis.storageEditor.place(o), at(text));
  return page;
}

/** Keystroke → next frame and → findings rendered, for `rounds` keystrokes. Odd ones type
 * `key`, even ones delete it. `done` says when the findings of a keystroke are in. */
function typeAndTime(page, key, rounds) {
  return page.evaluate(async ([key, rounds]) => {
    const summary = document.querySelector("#finding-count");
    const out = [];
    for (let i = 0; i < rounds; i++) {
      const before = summary.textContent;
      const rendered = new Promise((resolve) => {
        const check = () => !summary.classList.contains("stale") && summary.textContent !== before;
        const obs = new MutationObserver(() => { if (check()) { obs.disconnect(); resolve(performance.now()); } });
        obs.observe(summary, { attributes: true, childList: true, subtree: true, characterData: true });
      });
      const t0 = performance.now();
      if (i % 2 === 0) document.execCommand("insertText", false, key);
      else document.execCommand("delete", false);
      const frame = await new Promise((r) => requestAnimationFrame(() => setTimeout(() => r(performance.now()), 0)));
      const done = await rendered;
      out.push([frame - t0, done - t0]);
      await new Promise((r) => setTimeout(r, 50));
    }
    return out;
  }, [key, rounds]);
}

test("keystroke to next frame and to findings rendered, chart 0.6.1 values and a 10,000-line file", async () => {
  const problems = [];
  const cases = [
    // After `mountPath: "/polyaxon-logs`: a "/" there is V004, and deleting it removes it.
    ["corpus/chart-0.6.1-values.yaml", (t) => t.indexOf('mountPath: "/polyaxon-logs') + 'mountPath: "/polyaxon-logs'.length, "/"],
    ["generated/values-10k.yaml", (t) => t.indexOf("mountPath: /outputs/0\n") + "mountPath: /outputs/0".length, "/"],
  ];
  for (const [rel, at, key] of cases) {
    const page = await opened(rel, at, problems);
    const samples = await typeAndTime(page, key, 21);
    await page.close();
    const frame = median(samples.map((s) => s[0]));
    const rendered = median(samples.map((s) => s[1]));
    console.log(`timing ${rel}: keystroke→frame median ${frame.toFixed(1)} ms; keystroke→findings rendered median ${rendered.toFixed(1)} ms`);
    assert.ok(rendered < 5000, `${rel}: findings took ${rendered} ms`);
  }
  assert.deepEqual(problems, [], "the page reported problems");
});
