// Files over 100 KB are checked in a Web Worker running the same wasm (issue 11: "the
// keystroke path never waits for the check"): what it finds reaches the page whole (the
// findings, the forms and the map equal a check made on the page), small files never go
// there, and without a worker the page still checks, on its own thread.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { setup, pageTest, read, editor, paste, settled, findings, dist } from "./harness.mjs";

setup();

const BIG = "generated/values-10k.yaml";

/** What the page shows of its analysis: the counts, the listed findings, the cards and
 * the map's rows. */
async function shown(page) {
  return {
    counts: await page.locator("#finding-count").textContent(),
    findings: await findings(page),
    cards: await page.locator("article.card").evaluateAll((cards) => cards.map((c) => c.dataset.entry)),
    rows: await page.locator("tr.map-row").evaluateAll((rows) => rows.map((r) => `${r.dataset.entry} ${r.dataset.source}`)),
  };
}

const answered = (page) => page.evaluate(() => globalThis.storageChecker.stats.answered);

/** Types `key` at string index `at` of the editor's text, as typing does. */
async function typeAt(page, at, key) {
  await page.evaluate((o) => globalThis.storageEditor.place(o), at);
  await editor(page).evaluate((el, k) => { el.focus(); document.execCommand("insertText", false, k); }, key);
}

pageTest("a file over 100 KB is checked in the worker, and the page shows what a check on the page shows", async ({ page }) => {
  const text = read(BIG);
  assert.ok(text.length > 100000);
  // A paste over everything is a new file: checked on the page, at once.
  await paste(page, text);
  const onPage = await shown(page);
  // One page of each list (issue 23): 20 cards a group, 50 map rows, out of hundreds.
  const pagers = await page.locator(".pager-count").allTextContents();
  const groups = pagers.filter((p) => /^1–20 of \d{3} entries$/.test(p)).length;
  assert.ok(groups >= 1 && pagers.includes(`1–50 of ${pagers.at(-1).split(" of ")[1]}`), pagers.join(" | "));
  assert.equal(onPage.cards.length, 20 * groups);
  assert.equal(onPage.rows.length, 50);
  assert.equal(await answered(page), 0, "the pasted file went to the worker");

  // Typing goes to the worker: a "/" after a mountPath is a V004 on that line.
  const at = text.indexOf("mountPath: /outputs/0\n") + "mountPath: /outputs/0".length;
  const line = String(text.slice(0, at).split("\n").length);
  await typeAt(page, at, "/");
  await page.waitForFunction((l) => !!document.querySelector(`li.finding[data-code="V004"][data-line="${l}"]`), line);
  await settled(page);
  assert.ok(await answered(page) >= 1, "the worker answered no check");
  // Deleting it again: the worker's findings, forms and map equal the page's own check.
  const before = await answered(page);
  await editor(page).evaluate(() => document.execCommand("delete", false));
  await page.waitForFunction((l) => !document.querySelector(`li.finding[data-code="V004"][data-line="${l}"]`), line);
  await settled(page);
  assert.equal(await answered(page), before + 1, "what is shown is not the worker's answer");
  assert.deepEqual(await shown(page), onPage);
  assert.equal(await page.evaluate(() => globalThis.storageEditor.current()), text);
});

// The worker as built, with every message to it held for 3 s: a check that slow must not
// hold up typing.
const DELAY_MS = 3000;
const slowWorker = () => fs.readFileSync(path.join(dist, "worker.js"), "utf8") +
  `\nconst answer = self.onmessage; self.onmessage = (event) => setTimeout(() => answer(event), ${DELAY_MS});\n`;

pageTest("a keystroke does not wait for the worker's check", {
  beforeLoad: (ctx) => ctx.route("**/worker.js", (route) => route.fulfill({ contentType: "text/javascript", body: slowWorker() })),
}, async ({ page }) => {
  const text = read(BIG);
  await paste(page, text);
  const at = text.indexOf("mountPath: /outputs/0\n") + "mountPath: /outputs/0".length;
  const line = String(text.slice(0, at).split("\n").length);
  await page.evaluate((o) => globalThis.storageEditor.place(o), at);
  // The keystroke is on screen long before the check can answer; the findings go stale
  // (the app learns of a large file's keystroke after its frame) and stay so until it does.
  const [frame, stale] = await editor(page).evaluate(async (el) => {
    el.focus();
    const t0 = performance.now();
    document.execCommand("insertText", false, "/");
    const frame = await new Promise((r) => requestAnimationFrame(() => setTimeout(() => r(performance.now() - t0), 0)));
    const summary = document.querySelector("#finding-count");
    const stale = await new Promise((r) => {
      const check = () => (summary.classList.contains("stale") ? r(performance.now() - t0) : setTimeout(check, 5));
      check();
    });
    return [frame, stale];
  });
  assert.ok(frame < DELAY_MS / 2, `the keystroke took ${frame} ms to its frame`);
  assert.ok(stale < DELAY_MS / 2, `the findings went stale ${stale} ms after the keystroke`);
  assert.equal(await answered(page), 0, "the worker answered before its delay");
  assert.equal(await page.evaluate(() => globalThis.storageEditor.current().length), text.length + 1);
  // Then the answer comes, from the worker.
  await page.waitForFunction((l) => !!document.querySelector(`li.finding[data-code="V004"][data-line="${l}"]`), line, { timeout: 30000 });
  assert.equal(await answered(page), 1);
});

pageTest("a check that never answers is stopped, and not run again on the page", {
  // A worker that takes the module but never answers a check.
  beforeLoad: (ctx) => ctx.route("**/worker.js", (route) => route.fulfill({
    contentType: "text/javascript",
    body: "self.onmessage = () => {};\n",
  })),
}, async ({ page }) => {
  const warnings = [];
  page.on("console", (m) => { if (m.type() === "warning") warnings.push(m.text()); });
  const text = read(BIG);
  await paste(page, text);
  await page.evaluate(() => { globalThis.storageChecker.limitMs = 500; });
  const at = text.indexOf("mountPath: /outputs/0\n") + "mountPath: /outputs/0".length;
  await typeAt(page, at, "/");
  await page.getByText("Checking this text took over a minute and was stopped").waitFor({ timeout: 10000 });
  // Not checked on the page: the findings stay stale, and the page still answers.
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(await page.locator("#finding-count").evaluate((el) => el.classList.contains("stale")), true);
  assert.ok(warnings.some((w) => w.includes("no answer within a minute")), `warnings: ${warnings}`);
  // The next edit goes to a fresh worker (which here again never answers).
  const posted = await page.evaluate(() => globalThis.storageChecker.stats.posted);
  await editor(page).evaluate(() => document.execCommand("delete", false));
  await page.waitForFunction((n) => globalThis.storageChecker.stats.posted > n, posted);
  assert.equal(await answered(page), 0);
});

pageTest("a small file is checked on the page, not posted to the worker", async ({ page }) => {
  const text = read("examples/broken.yaml");
  await paste(page, text);
  await typeAt(page, text.length, "\n# a comment\n");
  await settled(page);
  assert.equal(await page.evaluate(() => globalThis.storageChecker.stats.posted), 0);
});

pageTest("without a worker, a large file is still checked, on the page", {
  // The worker's script cannot be loaded: the page says so on the console (a warning)
  // and checks on its own thread once typing pauses.
  beforeLoad: (ctx) => ctx.route("**/worker.js", (route) => route.fulfill({ status: 404, body: "" })),
}, async ({ page }) => {
  const warnings = [];
  page.on("console", (m) => { if (m.type() === "warning") warnings.push(m.text()); });
  const text = read(BIG);
  await paste(page, text);
  const at = text.indexOf("mountPath: /outputs/0\n") + "mountPath: /outputs/0".length;
  const line = String(text.slice(0, at).split("\n").length);
  await typeAt(page, at, "/");
  await page.waitForFunction((l) => !!document.querySelector(`li.finding[data-code="V004"][data-line="${l}"]`), line, { timeout: 30000 });
  await settled(page);
  assert.equal(await answered(page), 0);
  assert.ok(warnings.some((w) => w.includes("checker's worker failed")), `warnings: ${warnings}`);
  // And it goes on checking on the page.
  await editor(page).evaluate(() => document.execCommand("delete", false));
  await page.waitForFunction((l) => !document.querySelector(`li.finding[data-code="V004"][data-line="${l}"]`), line, { timeout: 30000 });
});
