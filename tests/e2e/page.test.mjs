// End-to-end tests of the built page (dist/) in Debian's Chromium, driven by playwright-core.
// Run by scripts/test.sh after `trunk build`; `node --test tests/e2e/` alone needs dist/.
// Every page test (pageTest) also asserts, after its own checks, that the page threw
// nothing, logged no console error and made no request outside its origin (harness.mjs).
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { setup, pageTest, read, editor, editorText, selectedText, EDITOR, paste, holds, dist, ready, coloured } from "./harness.mjs";

setup();

pageTest("the empty page says what to do and offers examples", async ({ page }) => {
  await page.getByText("Paste the values.yaml you deploy Polyaxon with").waitFor();
  for (const name of ["Chart 0.6.1 default values", "A broken config", "An S3 setup", "A v1+ setup (artifactsStore)"]) {
    await page.getByRole("button", { name }).waitFor();
  }
});

pageTest("pasting a broken file shows its findings with code and line", async ({ page }) => {
  await paste(page, read("examples/broken.yaml"));
  for (const [code, line] of [["S004", "9"], ["K001", "11"], ["C001", "14"], ["V005", "21"], ["T001", "22"]]) {
    const item = page.locator(`li.finding[data-code="${code}"]`).first();
    await item.waitFor();
    assert.equal(await item.getAttribute("data-line"), line, code);
  }
  const live = await page.locator("#finding-count").textContent();
  assert.match(live, /6 errors, 3 warnings, 4 infos/);
});

pageTest("clicking a finding selects its span in the editor", async ({ page }) => {
  const text = read("examples/broken.yaml");
  await paste(page, text);
  await page.locator('li.finding[data-code="K001"] .finding-message').click();
  assert.equal(await editor(page).evaluate((el) => document.activeElement === el), true);
  assert.equal(await selectedText(page), "existingclaim");
});

pageTest("a form edit rewrites only that field in the text", async ({ page }) => {
  const text = read("examples/s3.yaml");
  await paste(page, text);
  const field = page.locator("#persistence-data-datasets-mountPath");
  await field.fill("/datasets");
  await field.press("Enter");
  await page.waitForFunction(() => globalThis.storageEditor.current().includes("mountPath: /datasets"));
  assert.equal(await editorText(page), text.replace("mountPath: /data\n", "mountPath: /datasets\n"));
});

pageTest("switching a card's kind and back keeps what was typed", async ({ page }) => {
  const text = read("examples/s3.yaml");
  await paste(page, text);
  await page.locator("#persistence-outputs-s3-outputs-kind-host_path").check();
  await page.waitForFunction(() => !globalThis.storageEditor.current().includes("store: s3"));
  await page.locator("#persistence-outputs-s3-outputs-kind-s3").check();
  await page.waitForFunction(() => globalThis.storageEditor.current().includes("store: s3"));
  const now = await editorText(page);
  assert.match(now, /bucket: s3:\/\/polyaxon-outputs\/experiments/);
  assert.match(now, /secretKey: S3_CREDENTIALS_JSON/);
});

pageTest("apply safe fixes, review, and download the expected file byte for byte", async ({ page }) => {
  await paste(page, read("examples/broken.yaml"));
  await page.getByRole("button", { name: /Apply safe fixes \(\d+\)/ }).click();
  // Fixes in several entries are shown before they are made (issue 23).
  const review = page.getByRole("dialog", { name: /^Review the fixes: \d+ entries change$/ });
  assert.match(await review.locator("pre.diff").textContent(), /\+      store: s3/);
  assert.equal(await editorText(page), read("examples/broken.yaml"));
  await review.getByRole("button", { name: "Apply the fixes" }).click();
  await page.waitForFunction(() => globalThis.storageEditor.current().includes("store: s3 "));
  await page.getByRole("button", { name: "Review changes" }).click();
  const diff = await page.locator("pre.diff").textContent();
  assert.match(diff, /-      store: aws/);
  assert.match(diff, /\+      store: s3/);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download values.yaml" }).click(),
  ]);
  assert.equal(download.suggestedFilename(), "values.yaml");
  const saved = fs.readFileSync(await download.path(), "utf8");
  assert.equal(saved, read("examples/broken.fixed.yaml"));
});

pageTest("the text survives a reload", async ({ page }) => {
  const text = read("examples/s3.yaml") + "# typed by hand ✓\n";
  await paste(page, text);
  await page.waitForTimeout(300);
  await page.reload();
  await ready(page);
  assert.equal(await editorText(page), text);
});

pageTest("a v1+ file gets v1+ cards, and a kind switch rewrites that connection", async ({ page }) => {
  const text = read("examples/v1.yaml");
  await paste(page, text);
  await page.locator('article.card[data-entry="artifactsStore"]').waitFor();
  await page.locator('article.card[data-entry="connections.1"]').waitFor();
  assert.equal(await page.locator("#artifactsStore-schema-bucket").inputValue(), "s3://polyaxon-artifacts");
  await page.locator("#connections-1-kind-volume_claim").check();
  await page.waitForFunction(() => globalThis.storageEditor.current().includes("kind: volume_claim\n    schema:\n      mountPath: /scratch"));
  const now = await editorText(page);
  assert.ok(!now.includes("hostPath: /mnt/scratch"));
  assert.ok(now.startsWith(text.slice(0, text.indexOf("  - name: scratch"))), "text before the connection is unchanged");
});

pageTest("Migrate to artifactsStore rewrites persistence and shows in the diff", async ({ page }) => {
  // With a logs section, which today's chart has no place for.
  const text = read("examples/s3.yaml") + "  logs:\n    existingClaim: logs-pvc\n";
  await paste(page, text);
  await page.getByRole("button", { name: "Migrate to artifactsStore" }).click();
  // Shown first (issue 19): the diff and what it would not carry; nothing changed yet.
  const review = page.getByRole("dialog", { name: "Review the migration" });
  await review.waitFor();
  assert.match(await review.locator("pre.diff").textContent(), /\+artifactsStore:/);
  assert.match(await review.locator("ul.losses").textContent(), /persistence\.logs/);
  assert.equal(await editorText(page), text);
  await review.getByRole("button", { name: /^Apply anyway \(1 to accept\)$/ }).click();
  await page.waitForFunction(() => globalThis.storageEditor.current().includes("artifactsStore:"));
  const now = await editorText(page);
  assert.match(now, /artifactsStore:\n  name: s3-outputs\n  kind: s3\n/);
  assert.ok(!now.includes("persistence:"));
  await page.locator('article.card[data-entry="artifactsStore"]').waitFor();
  await page.getByRole("button", { name: "Review changes" }).click();
  assert.match(await page.locator("pre.diff").textContent(), /\+artifactsStore:/);
  // The advice stays: the v1 card has its new Secret command; what was not carried over is
  // said until dismissed, whatever happens meanwhile.
  assert.match(await page.locator('article.card[data-entry="artifactsStore"] pre.command').textContent(),
    /^kubectl create secret generic s3-credentials-v1 --from-literal=AWS_ACCESS_KEY_ID=/);
  const note = page.locator(".notice", { hasText: "Not carried over" });
  assert.match(await note.textContent(), /Migrated\. Not carried over: .*persistence\.logs/);
  assert.doesNotMatch(await page.locator(".notice", { hasText: "Applied" }).textContent(), /fixed/);
  await page.getByRole("button", { name: "Hide changes" }).click();
  assert.equal(await note.count(), 1);
  await note.getByRole("button", { name: "Dismiss message" }).click();
  assert.equal(await note.count(), 0);
});

pageTest("user text is rendered as text: no element, no script from a pasted file", async ({ page }) => {
  const dialogs = [];
  page.on("dialog", async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  const requested = [];
  page.on("request", (r) => requested.push(new URL(r.url()).pathname));
  const evil = "<img src=x onerror=alert(1)>";
  const text = `persistence:\n  outputs:\n    "${evil}":\n      mountPath: "${evil}"\n      store: "<script>alert(2)</script>"\n      bucket: "${evil}"\n`;
  await paste(page, text);
  // Open every finding, so each one's why, detail and fix (which quote the text) is in the DOM.
  const items = await page.locator("li.finding").count();
  assert.ok(items > 0, "no finding");
  // The infos (the chart's default logs and repos host paths) fold while errors remain.
  if (await page.locator(".folded-infos > summary").count()) await page.locator(".folded-infos > summary").click();
  for (const more of await page.locator("li.finding button.more").all()) await more.click();
  await page.waitForFunction((n) => document.querySelectorAll("li.finding .finding-body").length === n, items);
  assert.equal(await page.locator("img").count(), 0, "an <img> was created from user text");
  assert.equal(await page.locator("script").count(), 1, "only the page's own init.js");
  const handlers = await page.evaluate(() =>
    [...document.querySelectorAll("*")].flatMap((el) => [...el.attributes].filter((a) => a.name.startsWith("on")).map((a) => `${el.tagName} ${a.name}`)));
  assert.deepEqual(handlers, [], "an event-handler attribute came from user text");
  assert.ok((await page.locator(".findings").textContent()).includes(evil));
  assert.ok((await page.locator(".cards").textContent()).includes("<script>alert(2)</script>") ||
    (await page.locator(".findings").textContent()).includes("<script>alert(2)</script>"));
  // A round trip through the page after the render: a handler that had run would have
  // opened its dialog by now, and an <img src=x> would have requested /x.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  assert.deepEqual(dialogs, []);
  assert.ok(!requested.some((p) => p.endsWith("/x")), "the page requested src=x");
});

pageTest("hostile inputs get a finding, the page keeps responding and keeps the text", async ({ page }) => {
  let bomb = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (let i = 1; i < 10; i++) bomb += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(", ")}]\n`;
  const cases = [
    ["alias bomb", bomb, "Y003"],
    ["100,000-deep flow nesting", "a: " + "[".repeat(100000) + "]".repeat(100000) + "\n", "Y003"],
    // Deep enough to overflow the stack of the editor's syntax tree builder, shallow enough to
    // be parsed inside the paste's transaction: the paste was lost 1 time in 5 before the
    // editor's parser guard (www/editor/src/editor.js, GuardedParser).
    // (On its second line: a finding at the same place as the one before stays open.)
    ["50,000-deep flow nesting", "# deep\nb: " + "[".repeat(50000) + "]".repeat(50000) + "\n", "Y003"],
    ["100,000-deep block nesting", "- ".repeat(100000) + "x\n", "Y003"],
    ["1 MB single line", "a: [" + "x".repeat(1 << 20) + "\n", "Y001"],
    ["NUL byte", "persistence:\n  outputs:\u0000\n", "Y001"],
    ["a list root", "- a\n- b\n", "Y004"],
  ];
  for (const [name, text, code] of cases) {
    await paste(page, text);
    // A liveness check, not a timing one: generous on a loaded machine.
    await page.locator(`li.finding[data-code="${code}"]`).waitFor({ timeout: 30000 });
    assert.equal(await editorText(page), text, `${name}: the text changed`);
    // Still responsive: the export buttons are there and a click on a finding is handled.
    assert.equal(await page.getByRole("button", { name: "Download values.yaml" }).isVisible(), true, `${name}: no Download button`);
    const more = page.locator(`li.finding[data-code="${code}"] button.more`).first();
    await more.click();
    await page.waitForFunction((c) => document.querySelector(`li.finding[data-code="${c}"] button.more`)?.getAttribute("aria-expanded") === "true", code, { timeout: 5000 });
    assert.equal(await page.locator(`li.finding[data-code="${code}"] .finding-body`).first().isVisible(), true, `${name}: the finding did not open`);
  }
});

// The budget is on the first load: what the page fetches to show the editor with findings
// (issue 23: 350 KB gzip; what is not needed for that may load after it). The editor the page
// starts with is a plain text area (in index.html, taking keys once editor.js is in); CodeMirror
// (100 KB gzip: underlines, tooltips, F8, Ctrl-., line numbers) replaces it once the first
// findings are drawn, and its YAML colours and search come after it. Before, with CodeMirror
// in the first load, the page was 409.6 KB: the checker's wasm alone is 297 KB, and no split
// of it reached 350 KB (BENCHMARKS.md, "Bundle"). What loads later has a bound of its own:
// CodeMirror, its colours and search, the checker's worker for large files.
const FIRST_LOAD_BUDGET = 350 * 1000;
const LATER_BUDGET = 128 * 1000;
const gzipSize = (file) => zlib.gzipSync(fs.readFileSync(path.join(dist, file)), { level: 9 }).length;

pageTest("bundle budget: the first load (wasm + js, gzip -9) under 350 KB, what loads later under 128 KB", async ({ page }) => {
  // A fresh page that shows findings for a pasted file. The first load is every script and
  // wasm whose fetch started before the editor drew its first findings (the editor's own
  // mark); CodeMirror is fetched after that, then the YAML language, which colours the text.
  await page.reload();
  await ready(page);
  await paste(page, read("examples/broken.yaml"));
  await page.locator('li.finding[data-code="K001"]').waitFor();
  await page.waitForFunction(() => performance.getEntriesByType("resource").some((e) => e.name.endsWith("/editor-yaml.js")));
  // A key of the file gets the key colour (a span of its own colour, not the text's).
  await coloured(page, "persistence");
  const fetched = await page.evaluate(() => {
    const shown = performance.getEntriesByName("storage-findings-shown")[0].startTime;
    return performance.getEntriesByType("resource").map((e) => [new URL(e.name).pathname.split("/").pop(), e.startTime < shown]);
  });
  const shipped = fs.readdirSync(dist).filter((f) => f.endsWith(".wasm") || f.endsWith(".js"));
  const first = shipped.filter((f) => fetched.some(([name, before]) => name === f && before));
  const later = shipped.filter((f) => !first.includes(f));
  const sum = (files) => files.reduce((n, f) => n + gzipSize(f), 0);
  const [firstSize, laterSize] = [sum(first), sum(later)];
  console.log(`bundle: first load ${first.join(" + ")}: ${firstSize} bytes gzip -9 (${(firstSize / 1024).toFixed(1)} KiB); later ${later.join(" + ")}: ${laterSize} bytes`);
  const scripts = fetched.map(([name]) => name).filter((n) => n.endsWith(".js") || n.endsWith(".wasm"));
  assert.deepEqual(scripts.filter((f) => !shipped.includes(f)), [], "fetched a script dist/ does not have");
  assert.deepEqual(first.sort(), ["editor.js", "init.js", "storage-web.js", "storage-web_bg.wasm"], `first load: ${first}`);
  for (const f of ["editor-codemirror.js", "editor-chunk.js", "editor-search.js", "editor-yaml.js"]) {
    assert.ok(later.includes(f), `later: ${later}`);
  }
  assert.ok(firstSize < FIRST_LOAD_BUDGET, `the first load is ${firstSize} bytes gzipped`);
  assert.ok(laterSize < LATER_BUDGET, `what loads later is ${laterSize} bytes gzipped`);
});

pageTest("search loads on the first Ctrl-F and finds", async ({ page }) => {
  const requested = [];
  page.on("request", (r) => requested.push(new URL(r.url()).pathname.split("/").pop()));
  await paste(page, read("examples/broken.yaml"));
  assert.equal(requested.includes("editor-search.js"), false, "search loaded before it was asked for");
  await editor(page).focus();
  await page.keyboard.press("ControlOrMeta+f");
  const field = page.locator(".cm-search input[name='search']");
  await field.waitFor();
  assert.ok(requested.includes("editor-search.js"));
  // Typed over what the panel proposes (the selection), as a person does: the panel takes
  // the query on each key.
  await field.selectText();
  await field.pressSequentially("existingclaim");
  await page.keyboard.press("Enter");
  // Case-insensitive, as CodeMirror searches by default: the logs claim comes first.
  await page.waitForFunction(() => globalThis.storageEditor.selectedText().toLowerCase() === "existingclaim");
  // Escape closes the panel, and the text is untouched.
  await page.keyboard.press("Escape");
  await page.locator(".cm-search").waitFor({ state: "detached" });
  assert.equal(await editorText(page), read("examples/broken.yaml"));
});

pageTest("a review and a notice float over the page: nothing under them moves, and the review takes the focus", async ({ page }) => {
  await paste(page, read("examples/broken.yaml"));
  const workspace = page.locator(".workspace");
  const at = async () => JSON.stringify(await workspace.boundingBox());
  const before = await at();
  const apply = page.getByRole("button", { name: /^Apply safe fixes/ });
  await apply.click();
  const review = page.getByRole("dialog", { name: /^Review the fixes/ });
  await review.waitFor();
  assert.equal(await at(), before, "the review moved the page");
  // The review has the focus (the dialog itself: Enter applies nothing), the page under it
  // is inert; Escape closes it, changes nothing, and gives the focus back.
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute("role")), "dialog");
  assert.equal(await page.evaluate(() => document.querySelector(".workspace").inert), true);
  await page.keyboard.press("Enter");
  assert.equal(await review.isVisible(), true);
  await page.keyboard.press("Escape");
  await review.waitFor({ state: "detached" });
  assert.equal(await editorText(page), read("examples/broken.yaml"));
  assert.equal(await page.evaluate(() => document.activeElement.textContent), await apply.textContent());
  // Applied: the notice says so, over the page.
  await apply.click();
  await review.getByRole("button", { name: "Apply the fixes" }).click();
  await page.locator(".notice").waitFor();
  assert.equal(await at(), before, "the notice moved the page");
});

pageTest("the YAML colours come after the first findings, and stay for every file opened after", async ({ page }) => {
  // An example opened from the start panel is a new editor state (not a transaction).
  await page.getByRole("button", { name: "A broken config" }).click();
  await coloured(page, "persistence");
  // A paste with other line breaks is a new state too.
  await paste(page, "artifactsStore:\r\n  name: store\r\n  kind: s3\r\n");
  await coloured(page, "artifactsStore");
});
