// Shared set-up of the end-to-end tests: one static server for dist/ and one headless
// Chromium per test file, and `pageTest`, which opens a fresh page (fresh storage) for a
// test and, after the test's own assertions, asserts that the page threw nothing, logged
// no console error and made no request outside its own origin.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { serve } from "../../scripts/serve.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, "../..");
export const dist = path.join(root, "dist");
const fixtures = path.join(root, "tests/fixtures");
const require = createRequire(path.join(root, "tools/package.json"));
const { chromium } = require("playwright-core");

export const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

export const VIEWPORT = { width: 1280, height: 720 };

const env = { server: null, url: null, browser: null };

/** Starts the server and the browser for this test file (call once, at the top level). */
export function setup() {
  before(async () => {
    ({ server: env.server, url: env.url } = await serve(dist));
    env.browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  });
  after(async () => {
    await env.browser?.close();
    env.server?.close();
  });
  return env;
}

/**
 * A fresh context and page on the site, the editor ready. `options` go to
 * `browser.newContext` (viewport, colorScheme...), except `beforeLoad` and `plain`. Returns the page, its context, and
 * `problems`: page errors, console errors and requests leaving the origin, as they happen.
 */
export async function open(options = {}) {
  // `beforeLoad(ctx)`: set up the context (routes, scripts) before the page loads. `plain`:
  // ready once the app is in, without waiting for CodeMirror to replace the plain editor.
  const { beforeLoad, plain, ...contextOptions } = options;
  const ctx = await env.browser.newContext({ viewport: VIEWPORT, acceptDownloads: true, ...contextOptions });
  if (beforeLoad) await beforeLoad(ctx);
  const page = await ctx.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console error: ${m.text()}`);
  });
  page.on("request", (r) => {
    const u = r.url();
    if (!u.startsWith(env.url) && !u.startsWith("blob:") && !u.startsWith("data:")) {
      problems.push(`request outside the origin: ${u}`);
    }
  });
  await page.goto(env.url);
  await (plain ? appReady(page) : ready(page));
  return { page, ctx, problems };
}

/**
 * `test(name, fn)` with a fresh page: `fn({ page, ctx, problems })`. After `fn` passes, the
 * page must have had no page error, no console error and no foreign request, and the
 * panic banner must be hidden. The context is closed in every case.
 */
export function pageTest(name, ...args) {
  const fn = args.pop();
  const options = args[0] ?? {};
  test(name, async () => {
    const opened = await open(options);
    try {
      await fn(opened);
      assert.deepEqual(opened.problems, [], "the page reported problems");
      assert.equal(await opened.page.locator("#panic").isHidden(), true, "the panic banner is shown");
    } finally {
      await opened.ctx.close();
    }
  });
}

export const read = (rel) => fs.readFileSync(path.join(fixtures, rel), "utf8");
/** Waits for the app and its code editor: index.html's placeholder gone (the early editor is
 * there before the checker is), and CodeMirror in place of the plain editor (it loads once
 * the first findings are drawn). */
export async function ready(page) {
  await appReady(page);
  await page.waitForSelector(EDITOR);
}

/** Waits for the app only: the editor may still be the plain text area. */
export async function appReady(page) {
  await page.waitForSelector("#boot", { state: "detached" });
}

/** The editable element of the editor (CodeMirror's content). */
export const EDITOR = ".cm-content[aria-label='values.yaml']";
/** The plain editor the page starts with (www/editor/src/editor.js). */
export const PLAIN = "textarea.plain-editor[aria-label='values.yaml']";
export const editor = (page) => page.locator(EDITOR);
/** The editor's text, exactly (the DOM shows no "\r"). */
export const editorText = (page) => page.evaluate(() => globalThis.storageEditor.current());
/** The editor's selected text. */
export const selectedText = (page) => page.evaluate(() => globalThis.storageEditor.selectedText());

/** Waits until the findings describe the editor's text (the debounce has run). */
export async function settled(page) {
  await page.waitForFunction(() => !document.querySelector("#finding-count.stale"));
}

/**
 * Pastes `text` over the whole editor (select all, then a paste event carrying it, as
 * Ctrl-V does) and waits for its findings. `target`: the editor's element (CodeMirror's by
 * default, PLAIN for the plain editor before it).
 */
export async function paste(page, text, target = EDITOR) {
  await page.locator(target).focus();
  await page.keyboard.press("ControlOrMeta+A");
  // As a person does: paste once the selection shows it covers everything.
  await page.waitForFunction(() => globalThis.storageEditor.selectedText() === globalThis.storageEditor.current());
  await page.locator(target).evaluate((el, t) => {
    const data = new DataTransfer();
    data.setData("text/plain", t);
    el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
  await holds(page, text);
}

/** Waits until the editor holds `text` and its findings are in. */
export async function holds(page, text) {
  try {
    await page.waitForFunction((t) => globalThis.storageEditor.current() === t, text);
  } catch (e) {
    // Say what the editor holds instead, to tell a slow page from a wrong text.
    const now = await page.evaluate(() => globalThis.storageEditor.current());
    const focus = await page.evaluate(() => document.activeElement?.className || document.activeElement?.tagName);
    throw new Error(`the editor never held the text (${text.length} chars, ${JSON.stringify(text.slice(0, 30))}...): it holds ${now?.length} chars, ${JSON.stringify(now?.slice(0, 30))}...; focus on ${focus}; ${e.message}`);
  }
  await settled(page);
}

/** Loads one of the start panel's examples by its button and waits for its findings. */
export async function loadExample(page, label, rel) {
  await page.getByRole("button", { name: label }).click();
  await holds(page, read(rel));
}

/** Waits until the YAML colours are in (they load after the first findings, issue 23):
 * `key`, or any token when none is given, in a span of its own colour that is not a
 * finding's underline. */
export function coloured(page, key = null) {
  return page.waitForFunction((k) => {
    const content = document.querySelector(".cm-content");
    const plain = getComputedStyle(content).color;
    return [...content.querySelectorAll(".cm-line span:not(.cm-lintRange)")]
      .some((s) => (k === null || s.textContent === k) && getComputedStyle(s).color !== plain);
  }, key);
}

/** `[code, severity class, line]` of every finding in the list, in order. */
export function findings(page) {
  return page.locator("li.finding").evaluateAll((items) =>
    items.map((li) => [li.dataset.code, ["error", "warning", "info"].find((s) => li.classList.contains(s)), li.dataset.line]));
}
