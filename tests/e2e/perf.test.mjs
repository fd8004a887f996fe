// In-browser timing, measured in the page with performance.now(): for the chart 0.6.1
// values file and a generated 10,000-line file, the median over several keystrokes of
//   - keystroke → next frame (the typing path: what the user feels), and
//   - keystroke → findings rendered (includes the 120 ms debounce by design).
// The figures are printed for BENCHMARKS.md; the assertions are loose sanity bounds.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { serve } from "./serve.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const { chromium } = createRequire(path.join(root, "tools/package.json"))("playwright-core");
let server, url, browser;

before(async () => {
  ({ server, url } = await serve(path.join(root, "dist")));
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});
after(async () => { await browser?.close(); server?.close(); });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(rel) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  const problems = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console error: ${m.text()}`); });
  await page.goto(url);
  await page.waitForSelector("textarea");
  const text = fs.readFileSync(path.join(root, "tests/fixtures", rel), "utf8");
  await page.evaluate((t) => {
    const ta = document.querySelector("textarea");
    ta.value = t;
    ta.dispatchEvent(new InputEvent("input", { bubbles: true }));
  }, text);
  await page.waitForFunction(() => !document.querySelector("#finding-count.stale"), null, { timeout: 60000 });
  const samples = await page.evaluate(async () => {
    const ta = document.querySelector("textarea");
    const count = document.querySelector("#finding-count");
    const out = [];
    for (let i = 0; i < 9; i++) {
      ta.focus();
      ta.setSelectionRange(40, 40);
      const rendered = new Promise((resolve) => {
        // The count loses its "stale" class when the new findings are in the DOM.
        const seen = { stale: false };
        const obs = new MutationObserver(() => {
          if (count.classList.contains("stale")) seen.stale = true;
          else if (seen.stale) { obs.disconnect(); resolve(performance.now()); }
        });
        obs.observe(count, { attributes: true, attributeFilter: ["class"] });
      });
      const t0 = performance.now();
      document.execCommand("insertText", false, i % 2 ? "#" : " ");
      const frame = await new Promise((r) => requestAnimationFrame(() => setTimeout(() => r(performance.now()), 0)));
      const done = await rendered;
      out.push([frame - t0, done - t0]);
      await new Promise((r) => setTimeout(r, 50));
    }
    return out;
  });
  await page.close();
  assert.deepEqual(problems, [], `${rel}: the page reported problems`);
  return { frame: median(samples.map((s) => s[0])), rendered: median(samples.map((s) => s[1])) };
}

test("input to render, chart 0.6.1 values and a 10,000-line file", async () => {
  for (const rel of ["corpus/chart-0.6.1-values.yaml", "generated/values-10k.yaml"]) {
    const { frame, rendered } = await measure(rel);
    console.log(`timing ${rel}: keystroke→frame median ${frame.toFixed(1)} ms; keystroke→findings rendered median ${rendered.toFixed(1)} ms (incl. 120 ms debounce)`);
    assert.ok(rendered < 5000, `${rel}: findings took ${rendered} ms`);
  }
});
