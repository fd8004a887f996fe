// The npm package in a browser (issue 25): the tarball installed into an empty folder, its
// folder served as a static host serves it, and a page imports the package's entry point
// (package.json `exports` default: browser.js) and checks a file with it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { createRequire } from "node:module";
import { serve } from "../../scripts/serve.mjs";
import { CHROMIUM_ARGS, root } from "./harness.mjs";
import { installInEmptyFolder, BROKEN } from "../npm/install.mjs";

const { chromium } = createRequire(path.join(root, "tools/package.json"))("playwright-core");
const env = {};

before(async () => {
  const dir = installInEmptyFolder();
  ({ server: env.server, url: env.url } = await serve(path.join(dir, "node_modules/polyaxon-storage-check")));
  env.browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
});
after(async () => {
  await env.browser?.close();
  env.server?.close();
});

test("a page imports the installed package and gets K001 and V001 for a broken file", async () => {
  const page = await env.browser.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
  // The package has no icon; the browser's request for one is not the package's error.
  await page.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
  await page.goto(new URL("package.json", env.url).href);
  const pkg = JSON.parse(await page.evaluate(() => document.body.innerText));
  const out = await page.evaluate(async ([entry, text]) => {
    const sc = await import(entry);
    const report = sc.check(text, { topology: "multi-node" });
    return { codes: report.findings.map((f) => f.code), fixed: sc.fix(text).text, rules: sc.rules().length };
  }, [`/${pkg.exports["."].default.replace(/^\.\//, "")}`, BROKEN]);
  assert.ok(out.codes.includes("K001") && out.codes.includes("V001"), out.codes.join(" "));
  assert.equal(out.fixed, BROKEN.replace("existingclaim", "existingClaim"));
  assert.ok(out.rules > 50);
  assert.deepEqual(problems, []);
  await page.close();
});

test("polyaxon-storage-check/init in a page: a failed load rejects, and init() again succeeds", async () => {
  const page = await env.browser.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  await page.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
  await page.goto(new URL("package.json", env.url).href);
  const out = await page.evaluate(async (text) => {
    const sc = await import("/init.js");
    const failed = await sc.init("/no-such.wasm").then(() => "loaded", (e) => e.constructor.name);
    await sc.init();
    return { failed, codes: sc.check(text).findings.map((f) => f.code) };
  }, BROKEN);
  assert.notEqual(out.failed, "loaded");
  assert.ok(out.codes.includes("K001") && out.codes.includes("V001"), out.codes.join(" "));
  assert.deepEqual(problems, []);
  await page.close();
});
