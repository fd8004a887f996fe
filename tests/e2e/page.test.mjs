// End-to-end tests of the built page (dist/) in Debian's Chromium, driven by playwright-core.
// Run by scripts/test.sh after `trunk build`; `node --test tests/e2e/` alone needs dist/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { serve } from "./serve.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const dist = path.join(root, "dist");
const fixtures = path.join(root, "tests/fixtures");
const require = createRequire(path.join(root, "tools/package.json"));
const { chromium } = require("playwright-core");

const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

let server, url, browser;
const foreign = [];

before(async () => {
  ({ server, url } = await serve(dist));
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** A fresh page (fresh storage) that records any request leaving the origin. */
async function open(context) {
  const ctx = context ?? (await browser.newContext({ viewport: { width: 1280, height: 720 }, acceptDownloads: true }));
  const page = await ctx.newPage();
  const errors = [];
  page.on("request", (r) => {
    if (!r.url().startsWith(url) && !r.url().startsWith("blob:") && !r.url().startsWith("data:")) foreign.push(r.url());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForSelector("textarea[aria-label='values.yaml']");
  return { page, ctx, errors };
}

const read = (rel) => fs.readFileSync(path.join(fixtures, rel), "utf8");
const editor = (page) => page.locator("textarea[aria-label='values.yaml']");

async function paste(page, text) {
  await editor(page).fill(text);
  // Findings follow the debounce: wait until the count reflects this text.
  await page.waitForFunction(() => !document.querySelector("#finding-count.stale"));
}

test("the empty page says what to do and offers examples", async () => {
  const { page, ctx, errors } = await open();
  await page.getByText("Paste the values.yaml you deploy Polyaxon with").waitFor();
  for (const name of ["Chart 0.6.1 default values", "A broken config", "An S3 setup", "A v1+ setup (artifactsStore)"]) {
    await page.getByRole("button", { name }).waitFor();
  }
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("pasting a broken file shows its findings with code and line", async () => {
  const { page, ctx } = await open();
  await paste(page, read("examples/broken.yaml"));
  for (const [code, line] of [["S004", "9"], ["K001", "11"], ["C001", "14"], ["V005", "21"], ["T001", "22"]]) {
    const item = page.locator(`li.finding[data-code="${code}"]`).first();
    await item.waitFor();
    assert.equal(await item.getAttribute("data-line"), line, code);
  }
  const live = await page.locator("[aria-live]").first().textContent();
  assert.match(live, /6 errors, 3 warnings, 2 info/);
  await ctx.close();
});

test("clicking a finding selects its span in the editor", async () => {
  const { page, ctx } = await open();
  const text = read("examples/broken.yaml");
  await paste(page, text);
  await page.locator('li.finding[data-code="K001"] .finding-message').click();
  const sel = await editor(page).evaluate((el) => [el.selectionStart, el.selectionEnd, document.activeElement === el]);
  const start = text.indexOf("existingclaim");
  assert.deepEqual(sel, [start, start + "existingclaim".length, true]);
  await ctx.close();
});

test("a form edit rewrites only that field in the text", async () => {
  const { page, ctx } = await open();
  const text = read("examples/s3.yaml");
  await paste(page, text);
  const field = page.locator("#persistence-data-datasets-mountPath");
  await field.fill("/datasets");
  await field.press("Enter");
  await page.waitForFunction(() => document.querySelector("textarea").value.includes("mountPath: /datasets"));
  assert.equal(await editor(page).inputValue(), text.replace("mountPath: /data\n", "mountPath: /datasets\n"));
  await ctx.close();
});

test("switching a card's kind and back keeps what was typed", async () => {
  const { page, ctx } = await open();
  const text = read("examples/s3.yaml");
  await paste(page, text);
  await page.locator("#persistence-outputs-s3-outputs-kind-host_path").check();
  await page.waitForFunction(() => !document.querySelector("textarea").value.includes("store: s3"));
  await page.locator("#persistence-outputs-s3-outputs-kind-s3").check();
  await page.waitForFunction(() => document.querySelector("textarea").value.includes("store: s3"));
  const now = await editor(page).inputValue();
  assert.match(now, /bucket: s3:\/\/polyaxon-outputs\/experiments/);
  assert.match(now, /secretKey: S3_CREDENTIALS_JSON/);
  await ctx.close();
});

test("apply safe fixes, review, and download the expected file byte for byte", async () => {
  const { page, ctx } = await open();
  await paste(page, read("examples/broken.yaml"));
  await page.getByRole("button", { name: /Apply safe fixes \(\d+\)/ }).click();
  await page.waitForFunction(() => document.querySelector("textarea").value.includes("store: s3 "));
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
  await ctx.close();
});

test("the text survives a reload", async () => {
  const { page, ctx } = await open();
  const text = read("examples/s3.yaml") + "# typed by hand ✓\n";
  await paste(page, text);
  await page.waitForTimeout(300);
  await page.reload();
  await page.waitForSelector("textarea[aria-label='values.yaml']");
  assert.equal(await editor(page).inputValue(), text);
  await ctx.close();
});

test("a v1+ file gets v1+ cards, and a kind switch rewrites that connection", async () => {
  const { page, ctx } = await open();
  const text = read("examples/v1.yaml");
  await paste(page, text);
  await page.locator('article.card[data-entry="artifactsStore"]').waitFor();
  await page.locator('article.card[data-entry="connections.1"]').waitFor();
  assert.equal(await page.locator("#artifactsStore-schema-bucket").inputValue(), "s3://polyaxon-artifacts");
  await page.locator("#connections-1-kind-volume_claim").check();
  await page.waitForFunction(() => document.querySelector("textarea").value.includes("kind: volume_claim\n    schema:\n      mountPath: /scratch"));
  const now = await editor(page).inputValue();
  assert.ok(!now.includes("hostPath: /mnt/scratch"));
  assert.ok(now.startsWith(text.slice(0, text.indexOf("  - name: scratch"))), "text before the connection is unchanged");
  await ctx.close();
});

test("Migrate to artifactsStore rewrites persistence and shows in the diff", async () => {
  const { page, ctx } = await open();
  await paste(page, read("examples/s3.yaml"));
  await page.getByRole("button", { name: "Migrate to artifactsStore" }).click();
  await page.waitForFunction(() => document.querySelector("textarea").value.includes("artifactsStore:"));
  const now = await editor(page).inputValue();
  assert.match(now, /artifactsStore:\n  name: s3-outputs\n  kind: s3\n/);
  assert.ok(!now.includes("persistence:"));
  await page.locator('article.card[data-entry="artifactsStore"]').waitFor();
  await page.getByRole("button", { name: "Review changes" }).click();
  assert.match(await page.locator("pre.diff").textContent(), /\+artifactsStore:/);
  await ctx.close();
});

test("user text is rendered as text: no element, no script from a pasted file", async () => {
  const { page, ctx } = await open();
  const dialogs = [];
  page.on("dialog", async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  const evil = "<img src=x onerror=alert(1)>";
  const text = `persistence:\n  outputs:\n    "${evil}":\n      mountPath: "${evil}"\n      store: "<script>alert(2)</script>"\n      bucket: "${evil}"\n`;
  await paste(page, text);
  await page.locator("li.finding").first().waitFor();
  await page.locator("li.finding button.more").first().click();
  assert.equal(await page.locator("img").count(), 0, "an <img> was created from user text");
  assert.equal(await page.locator("script").count(), 1, "only the page's own init.js");
  assert.ok((await page.locator(".findings").textContent()).includes("<img src=x onerror=alert(1)>"));
  await page.waitForTimeout(200);
  assert.deepEqual(dialogs, []);
  await ctx.close();
});

test("hostile inputs get a finding, the page keeps responding and keeps the text", async () => {
  const { page, ctx, errors } = await open();
  let bomb = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (let i = 1; i < 10; i++) bomb += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(", ")}]\n`;
  const cases = [
    ["alias bomb", bomb, "Y003"],
    ["100,000-deep flow nesting", "a: " + "[".repeat(100000) + "]".repeat(100000) + "\n", "Y003"],
    ["100,000-deep block nesting", "- ".repeat(100000) + "x\n", "Y003"],
    ["1 MB single line", "a: [" + "x".repeat(1 << 20) + "\n", "Y001"],
    ["NUL byte", "persistence:\n  outputs:\u0000\n", "Y001"],
    ["a list root", "- a\n- b\n", "Y004"],
  ];
  for (const [name, text, code] of cases) {
    await paste(page, text);
    await page.locator(`li.finding[data-code="${code}"]`).waitFor({ timeout: 10000 });
    assert.equal(await editor(page).inputValue(), text, `${name}: the text changed`);
    // Still responsive: a click on a button is handled.
    await page.getByRole("button", { name: "Review changes" }).isVisible();
  }
  assert.deepEqual(errors, []);
  assert.equal(await page.locator("#panic").isHidden(), true);
  await ctx.close();
});

test("the page made no request outside its own origin", () => {
  assert.deepEqual(foreign, []);
});

test("bundle budget: wasm + js, gzip -9, under 250 KB", () => {
  const files = fs.readdirSync(dist).filter((f) => f.endsWith(".wasm") || f.endsWith(".js"));
  let raw = 0, gz = 0;
  for (const f of files) {
    const data = fs.readFileSync(path.join(dist, f));
    raw += data.length;
    gz += zlib.gzipSync(data, { level: 9 }).length;
  }
  console.log(`bundle: ${files.join(" + ")}: ${raw} bytes raw, ${gz} bytes gzip -9 (${(gz / 1024).toFixed(1)} KiB)`);
  assert.ok(files.some((f) => f.endsWith(".wasm")), "no wasm in dist/");
  assert.ok(gz < 250 * 1000, `bundle is ${gz} bytes gzipped`);
});
