// The page on a slow link (issue 23): Chromium's network throttled to "Fast 3G" as the
// issue measured it (150 ms latency, 1.6 Mbps down, 750 kbps up), the cache off, dist/
// served compressed as static hosts serve it (gzip only, then Brotli, by scripts/serve.mjs).
// Times are from the navigation's start, in the page's own clock:
// - the header: its render time (Element Timing on index.html's `<h1 elementtiming>`),
//   painted from the HTML before any script has arrived;
// - the editor usable: the early editor's own mark (`storage-editor-ready`, made when the
//   editor's script has taken over index.html's text area, before the checker has arrived;
//   the text area is there from the first paint, read-only until then), and a key typed then
//   lands;
// - findings: the app has adopted the editor with what was typed, and shows its finding.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { createRequire } from "node:module";
import { serve } from "../../scripts/serve.mjs";
import { root, dist, CHROMIUM_ARGS, VIEWPORT, PLAIN } from "./harness.mjs";

const require = createRequire(path.join(root, "tools/package.json"));
const { chromium } = require("playwright-core");

const FAST_3G = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1000 * 1000) / 8,
  uploadThroughput: (750 * 1000) / 8,
};

/** What the test types: an outputs entry whose name is no volume name (S004). */
const TYPED = "persistence:\n  outputs:\n    Out_1:\n      existingClaim: c\n      mountPath: /out\n";

let browser;
before(async () => {
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
});
after(async () => browser?.close());

/** Runs `fn({ page, cdp, url })` on a fresh page throttled to Fast 3G, with no cache, from a
 * server answering with `encodings`; then closes both. */
async function throttled(encodings, viewport, fn) {
  const { server, url } = await serve(dist, 0, { encodings });
  const ctx = await browser.newContext({ viewport });
  try {
    const page = await ctx.newPage();
    const cdp = await ctx.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    await cdp.send("Network.emulateNetworkConditions", FAST_3G);
    return await fn({ page, cdp, url });
  } finally {
    await ctx.close();
    server.close();
  }
}

/** Loads the page over Fast 3G from a server answering with `encodings`: the figures, and
 * the bytes the page received. */
function loadThrottled(encodings) {
  return throttled(encodings, VIEWPORT, async ({ page, cdp, url }) => {
    let received = 0;
    cdp.on("Network.loadingFinished", (e) => (received += e.encodedDataLength));
    const requested = [];
    cdp.on("Network.requestWillBeSent", (e) => requested.push(new URL(e.request.url).pathname.split("/").pop()));
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await page.goto(url, { waitUntil: "commit" });
    // The header, from its own paint record.
    const header = await page.evaluate(
      () =>
        new Promise((resolve) => {
          new PerformanceObserver((list, observer) => {
            const entry = list.getEntries().find((e) => e.identifier === "header");
            if (entry) {
              observer.disconnect();
              resolve(entry.renderTime || entry.loadTime);
            }
          }).observe({ type: "element", buffered: true });
        }),
    );
    const loadingShown = await page.getByText("Loading the checker…").isVisible().catch(() => false);
    // Where the header, the editor pane and the editor sit before and after the app
    // replaces the placeholder: nothing may move. (Heights aside: with text, the app's
    // findings and forms make the row taller and the editor grows down into it. The empty
    // page, below, compares heights too.)
    const boxes = () => page.evaluate(() =>
      ["header.top", "header.top h1", ".editor-pane", ".editor-bar", ".editor-body"].map((selector) => {
        const r = document.querySelector(selector).getBoundingClientRect();
        return `${selector} ${[r.x, r.y, r.width].map(Math.round)}`;
      }),
    );

    // The editor: present, focused, and taking a key (the early editor, before the checker).
    await page.waitForSelector(PLAIN, { timeout: 20000 });
    // The editor's script has taken over the text area (a drop before it is the browser's).
    await page.waitForFunction(() => performance.getEntriesByName("storage-editor-ready").length, null, { timeout: 20000 });
    await page.locator(PLAIN).focus();
    await page.keyboard.type("p");
    await page.waitForFunction(() => globalThis.storageEditor.current() === "p");
    // The time is the page's own mark, made when the early editor could take keys: the
    // test's round trips (focus, type, read back) are not the page's.
    const usable = await page.evaluate(() => performance.getEntriesByName("storage-editor-ready")[0]?.startTime ?? Infinity);
    // The rest of a file, typed while the checker may still be loading: the app adopts the
    // editor with it and checks it.
    await page.keyboard.insertText(TYPED.slice(1));
    const before = await boxes();
    const typedEarly = (await page.locator("#boot").count()) === 1;
    await page.waitForSelector("#boot", { state: "detached", timeout: 20000 });
    await page.locator('li.finding[data-code="S004"]').waitFor({ timeout: 20000 });
    const checked = await page.evaluate(() => performance.now());
    const afterBox = await boxes();
    const text = await page.evaluate(() => globalThis.storageEditor.current());
    assert.deepEqual(errors, [], "the page reported errors");
    return { header, usable, checked, received, loadingShown, before, after: afterBox, requested, text, typedEarly };
  });
}

for (const [name, encodings, usableBound] of [
  ["gzip", ["gzip"], 2200],
  ["Brotli", ["br", "gzip"], 2200],
]) {
  test(`Fast 3G, ${name}: the header shows within 1.2 s, the editor takes keys within ${usableBound / 1000} s`, async () => {
    const r = await loadThrottled(encodings);
    console.log(
      `slow link (${name}): header ${r.header.toFixed(0)} ms, editor usable ${r.usable.toFixed(0)} ms, findings ${r.checked.toFixed(0)} ms, ${r.received} bytes received`,
    );
    assert.ok(r.loadingShown, "no loading state while the checker downloads");
    // Each preloaded file is fetched once: a preload the page's request does not match
    // (another mode or credentials) would be downloaded twice.
    for (const file of ["storage-web_bg.wasm", "storage-web.js", "editor.js"]) {
      assert.equal(r.requested.filter((f) => f === file).length, 1, `${file}: ${r.requested}`);
    }
    assert.equal(r.text, TYPED, "what was typed before the checker arrived is not what the app holds");
    assert.ok(r.typedEarly, "the app was in before the text was typed: nothing was typed early");
    assert.deepEqual(r.after, r.before, "the page moved when the app replaced the placeholder");
    assert.ok(r.header <= 1200, `the header painted at ${r.header.toFixed(0)} ms`);
    assert.ok(r.usable <= usableBound, `the editor took a key at ${r.usable.toFixed(0)} ms`);
  });
}

/** The empty page at a phone's width: the placeholder (with its start panel) and the app's
 * first view have the same layout, and the placeholder's start panel says what the app's
 * says. */
test("Fast 3G, 390 px wide, nothing typed: the app takes over without moving anything", async () => {
  await throttled(["br", "gzip"], { width: 390, height: 800 }, async ({ page, url }) => {
    await page.goto(url, { waitUntil: "commit" });
    await page.waitForSelector(PLAIN, { timeout: 20000 });
    // The editor's script has taken over the text area (a drop before it is the browser's).
    await page.waitForFunction(() => performance.getEntriesByName("storage-editor-ready").length, null, { timeout: 20000 });
    const layout = () => page.evaluate(() => ({
      boxes: ["header.top", ".editor-pane", ".editor-body", ".start"].map((selector) => {
        const r = document.querySelector(selector).getBoundingClientRect();
        return `${selector} ${[r.x, r.y, r.width, r.height].map(Math.round)}`;
      }),
      start: document.querySelector(".start").innerText,
      stillLoading: !!document.getElementById("boot"),
    }));
    const before = await layout();
    assert.ok(before.stillLoading, "the app was in before the placeholder could be measured");
    await page.waitForSelector("#boot", { state: "detached", timeout: 20000 });
    const after = await layout();
    assert.deepEqual(after.boxes, before.boxes);
    assert.equal(after.start, before.start, "the placeholder's start panel says something else");
  });
});

/** A file dropped on the early editor is opened as the app opens one (a new file, the
 * export's baseline), and one that is not text is refused there too. */
test("Fast 3G: a file dropped while the checker loads is opened as a new file", async () => {
  await throttled(["br", "gzip"], VIEWPORT, async ({ page, url }) => {
    await page.goto(url, { waitUntil: "commit" });
    await page.waitForSelector(PLAIN, { timeout: 20000 });
    // The editor's script has taken over the text area (a drop before it is the browser's).
    await page.waitForFunction(() => performance.getEntriesByName("storage-editor-ready").length, null, { timeout: 20000 });
    const drop = (name, bytes) => page.locator("#boot-editor").evaluate((el, [name, bytes]) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], name));
      el.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
    }, [name, bytes]);
    await drop("logo.png", [0x89, 0x50, 0x4e, 0x47, 0, 0]);
    await page.getByText("logo.png was not opened").waitFor();
    await drop("values.yaml", [...Buffer.from(TYPED)]);
    await page.waitForFunction((t) => globalThis.storageEditor.current() === t, TYPED);
    assert.equal(await page.locator("#boot").count(), 1, "the app was in before the drop");
    await page.waitForSelector("#boot", { state: "detached", timeout: 20000 });
    await page.locator('li.finding[data-code="S004"]').waitFor({ timeout: 20000 });
    // A new file: the export has no change to revert.
    assert.equal(await page.getByRole("button", { name: "Revert to the file as loaded" }).isDisabled(), true);
    assert.equal(await page.evaluate(() => globalThis.storageEditor.current()), TYPED);
  });
});

/** A dropped file with a byte order mark keeps it, as the app's own opening does. */
test("Fast 3G: a file with a byte order mark dropped while the checker loads keeps its mark", async () => {
  await throttled(["br", "gzip"], VIEWPORT, async ({ page, url }) => {
    await page.goto(url, { waitUntil: "commit" });
    await page.waitForSelector(PLAIN, { timeout: 20000 });
    // The editor's script has taken over the text area (a drop before it is the browser's).
    await page.waitForFunction(() => performance.getEntriesByName("storage-editor-ready").length, null, { timeout: 20000 });
    const bytes = [0xef, 0xbb, 0xbf, ...Buffer.from(TYPED)];
    await page.locator("#boot-editor").evaluate((el, bytes) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], "values.yaml"));
      el.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
    }, bytes);
    await page.waitForFunction((t) => globalThis.storageEditor.current() === t, "\ufeff" + TYPED);
    await page.waitForSelector("#boot", { state: "detached", timeout: 20000 });
    assert.equal(await page.evaluate(() => globalThis.storageEditor.current()), "\ufeff" + TYPED);
  });
});
