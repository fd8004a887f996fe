// A 2 MB values file of 17,000 `data` entries (issue 23: pasted, it froze the tab for 15–27 s,
// the page drawing 17,000 cards and map rows at once, 830,000 elements):
//   - its findings show within 2 s of the paste, and the page draws one page of each list
//     (the same number of elements as for a file of 1,700 entries);
//   - a keystroke afterwards reaches its frame within 16 ms (median of 20; the frame is the
//     frame callback the keystroke is drawn in; keystrokes 100 ms apart, at the scrolled-to
//     middle of the file);
//   - the keystroke reaches the app exactly (a finding it makes is on the right line), and a
//     form edit made in the same frame as a keystroke keeps the keystroke.
// Timings are measured in the page with performance.now(); a measurement over its bound is
// taken again, up to three times, so a busy neighbour does not fail the suite while a page
// that is slow every time does.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { setup, pageTest, open, EDITOR, settled, editorText, coloured } from "./harness.mjs";

setup();

/** `n` entries under `persistence.data`, each a node directory mounted read-only. */
function entries(n) {
  const lines = ["# datasets, one per entry", "persistence:", "  data:"];
  for (let i = 0; i < n; i++) {
    const id = String(i).padStart(5, "0");
    lines.push(`    data-${id}:`, `      mountPath: /data/sets/set-${id}`, `      hostPath: /mnt/disks/datasets/set-${id}`, "      readOnly: true");
  }
  return lines.join("\n") + "\n";
}

const BIG = entries(17_000);
const TENTH = entries(1_700);

/** Pastes `text` over the empty editor; ms from the paste to its findings drawn. */
async function pasteTimed(page, text) {
  await page.locator(EDITOR).focus();
  return page.locator(EDITOR).evaluate(async (el, t) => {
    const summary = document.querySelector("#finding-count");
    const before = summary.textContent;
    const drawn = new Promise((resolve) => {
      const done = () => !summary.classList.contains("stale") && summary.textContent !== before;
      new MutationObserver((_, obs) => {
        if (done()) {
          obs.disconnect();
          // Until the frame that shows them.
          requestAnimationFrame(() => resolve(performance.now()));
        }
      }).observe(summary, { attributes: true, childList: true, subtree: true, characterData: true });
    });
    const t0 = performance.now();
    const data = new DataTransfer();
    data.setData("text/plain", t);
    el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    return (await drawn) - t0;
  }, text);
}

/** The elements on the page once the YAML colours are in (they add a span per token shown). */
async function elements(page) {
  await coloured(page);
  // The colours are drawn in the frame after the language arrives.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return page.evaluate(() => document.querySelectorAll("*").length);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

test("a 2 MB file of 17,000 entries: findings within 2 s of a paste, and one page of each list drawn", async () => {
  assert.ok(BIG.length > 2_000_000, `the file is ${BIG.length} bytes`);
  const times = [];
  let drawn = null;
  for (let attempt = 0; attempt < 3 && !(times.length && Math.min(...times) <= 2000); attempt++) {
    const { page, ctx, problems } = await open();
    try {
      times.push(await pasteTimed(page, BIG));
      assert.deepEqual(problems, []);
      if (!drawn) {
        drawn = await elements(page);
        assert.equal(await page.locator("#finding-count").textContent(), "0 errors, 0 warnings, 4 infos");
        // One page of cards and of map rows, with the counts and a way on.
        assert.equal(await page.locator("article.card").count(), 20);
        assert.equal(await page.locator("tr.map-row").count(), 50);
        const counts = await page.locator(".pager-count").allTextContents();
        assert.deepEqual(counts, ["1–20 of 17,000 entries", "1–50 of 17,006 rows"]);
        await page.getByRole("button", { name: "Next 20 entries" }).click();
        await page.locator(".pager-count", { hasText: "21–40 of 17,000 entries" }).waitFor();
        assert.equal(await page.locator("article.card").first().getAttribute("data-entry"), "persistence.data.data-00020");
        assert.equal(await page.getByRole("button", { name: "Previous 20 entries" }).isDisabled(), false);
      }
    } finally {
      await ctx.close();
    }
  }
  console.log(`# paste → findings drawn, 2 MB / 17,000 entries: ${times.map((t) => t.toFixed(0)).join(", ")} ms`);
  assert.ok(Math.min(...times) <= 2000, `findings took ${times.map((t) => t.toFixed(0)).join(", ")} ms`);

  // What the page draws does not grow with what is off screen: the same as for a tenth.
  const { page, ctx } = await open();
  try {
    await pasteTimed(page, TENTH);
    const tenth = await elements(page);
    console.log(`# elements on the page: ${drawn} for 17,000 entries, ${tenth} for 1,700`);
    assert.ok(Math.abs(drawn - tenth) <= 10, `${drawn} elements against ${tenth}`);
  } finally {
    await ctx.close();
  }
});

pageTest("typing in the 2 MB file: a keystroke reaches its frame within 16 ms, and the app gets it exactly", async ({ page }) => {
  await pasteTimed(page, BIG);
  // In the middle of the file, at the end of an entry's mount path.
  const at = BIG.indexOf("/data/sets/set-08500") + "/data/sets/set-08500".length;
  await page.evaluate((o) => globalThis.storageEditor.place(o), at);
  const rounds = [];
  for (let attempt = 0; attempt < 3 && !(rounds.length && Math.min(...rounds) < 16); attempt++) {
    const frames = await page.evaluate(async () => {
      const out = [];
      for (let i = 0; i < 20; i++) {
        const t0 = performance.now();
        if (i % 2 === 0) document.execCommand("insertText", false, "x");
        else document.execCommand("delete", false);
        out.push(await new Promise((r) => requestAnimationFrame(() => r(performance.now() - t0))));
        // A fast typist's pace (100 words a minute): the work after each frame must not pile up.
        await new Promise((r) => setTimeout(r, 100));
      }
      return out;
    });
    rounds.push(median(frames));
  }
  console.log(`# keystroke → its frame, 2 MB file (median of 20): ${rounds.map((t) => t.toFixed(1)).join(", ")} ms`);
  assert.ok(Math.min(...rounds) < 16, `medians ${rounds.join(", ")} ms`);

  // The app has the editor's text to the byte: a relative mount path typed at line 34,003
  // is an error there.
  await settled(page);
  const line = BIG.slice(0, at).split("\n").length;
  // Backspace after its leading "/".
  await page.evaluate((o) => globalThis.storageEditor.place(o), at - "/data/sets/set-08500".length + 1);
  await page.evaluate(() => document.execCommand("delete", false));
  await page.waitForFunction(() => /^1 error/.test(document.querySelector("#finding-count").textContent)
    && !document.querySelector("#finding-count.stale"), null, { timeout: 20000 });
  const error = page.locator("li.finding.error");
  assert.equal(await error.getAttribute("data-line"), String(line));
  const expected = BIG.replace("mountPath: /data/sets/set-08500", "mountPath: data/sets/set-08500");
  assert.equal(await editorText(page), expected);
  // The app's own text (what it exports), to the byte: no keystroke lost or doubled.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download values.yaml" }).click(),
  ]);
  assert.equal(fs.readFileSync(await download.path(), "utf8"), expected);
});

pageTest("a form edit in the same frame as a keystroke in the 2 MB file keeps the keystroke", async ({ page }) => {
  await pasteTimed(page, BIG);
  await page.evaluate(() => globalThis.storageEditor.place("# datasets".length));
  // The keystroke reaches the app after its frame; the form is used before that frame,
  // once the editor has read the keystroke (CodeMirror reads the typed DOM in a microtask).
  const early = await page.evaluate(async () => {
    document.execCommand("insertText", false, ", checked");
    let turns = 0;
    while (!globalThis.storageEditor.current().startsWith("# datasets, checked") && turns++ < 10) await Promise.resolve();
    let framed = false;
    requestAnimationFrame(() => { framed = true; });
    const field = document.getElementById("persistence-data-data-00000-mountPath");
    field.focus();
    field.value = "/data/first";
    field.dispatchEvent(new Event("input", { bubbles: true }));
    field.dispatchEvent(new Event("change", { bubbles: true }));
    return !framed && turns < 10;
  });
  assert.ok(early, "the form was not used before the keystroke's frame");
  const expected = BIG.replace("# datasets", "# datasets, checked").replace("mountPath: /data/sets/set-00000", "mountPath: /data/first");
  await page.waitForFunction((n) => globalThis.storageEditor.current().length === n, expected.length, { timeout: 20000 });
  await settled(page);
  assert.equal(await editorText(page), expected);
});
