// Accessibility: axe-core (npm) on the page's states, light and dark: no violation.
// axe runs in the page through Playwright's evaluate, which the page's CSP does not
// govern (an injected <script> would be refused, rightly).
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { setup, pageTest, root, loadExample, paste, read, PLAIN } from "./harness.mjs";

setup();

const AXE = fs.readFileSync(path.join(root, "tools/node_modules/axe-core/axe.min.js"), "utf8");

/** axe's violations on the page as it is: `rule (impact): targets` per line. */
async function violations(page) {
  await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    const result = await globalThis.axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
  });
  return found;
}

for (const colorScheme of ["light", "dark"]) {
  pageTest(`axe, ${colorScheme}: forms from nothing (a fresh v1+ store and connection, a v0 entry)`, { colorScheme }, async ({ page }) => {
    await page.locator("#opt-chart").selectOption({ label: "v1+ (1.x, 2.x)" });
    await page.getByRole("button", { name: "Add artifacts store" }).click();
    await page.getByRole("button", { name: "Add connection" }).click();
    await page.locator("article.card.fresh[data-entry='connections.0']").waitFor();
    assert.deepEqual(await violations(page), []);
    await page.locator("#opt-chart").selectOption({ label: "v0 (0.2 – 0.6)" });
    await page.getByRole("button", { name: "Add outputs entry" }).click();
    await page.locator("article.card[data-entry='persistence.outputs.outputs']").waitFor();
    assert.deepEqual(await violations(page), []);
  });

  pageTest(`axe, ${colorScheme}: the empty page`, { colorScheme }, async ({ page }) => {
    assert.deepEqual(await violations(page), []);
  });

  // CodeMirror held back (its request never answers): the plain editor the page starts with.
  const held = (ctx) => ctx.route("**/editor-codemirror.js", () => {});
  pageTest(`axe, ${colorScheme}: a broken file in the plain editor, before CodeMirror`, { colorScheme, plain: true, beforeLoad: held }, async ({ page }) => {
    await page.locator(PLAIN).focus();
    await page.keyboard.insertText(read("examples/broken.yaml"));
    await page.locator('li.finding[data-code="K001"]').waitFor();
    assert.equal(await page.locator(PLAIN).count(), 1);
    assert.deepEqual(await violations(page), []);
  });

  pageTest(`axe, ${colorScheme}: a broken file, its findings opened, a tooltip shown`, { colorScheme }, async ({ page }) => {
    await loadExample(page, "A broken config", "examples/broken.yaml");
    await page.locator(".folded-infos > summary").click();
    for (const more of await page.locator("li.finding button.more").all()) await more.click();
    await page.locator(".cm-lintRange.code-K001").first().hover();
    await page.locator(".cm-tooltip-lint").waitFor();
    assert.deepEqual(await violations(page), []);
  });

  pageTest(`axe, ${colorScheme}: a v1+ file and the S3 example (cards and the storage map)`, { colorScheme }, async ({ page }) => {
    await loadExample(page, "A v1+ setup (artifactsStore)", "examples/v1.yaml");
    await page.locator(".storage-map tr.map-row").first().waitFor();
    assert.deepEqual(await violations(page), []);
    await paste(page, read("examples/s3.yaml"));
    assert.deepEqual(await violations(page), []);
  });
}

// Issue 23: the review of fixes over several entries (a dialog over the page), then the
// notice after it, in both themes and at a phone's width; and a long file's page controls.
for (const [colorScheme, viewport] of [["light", { width: 1280, height: 720 }], ["dark", { width: 390, height: 844 }]]) {
  pageTest(`axe, ${colorScheme}, ${viewport.width} px: the review of the safe fixes, the notice after it, a long file's pages`, { colorScheme, viewport }, async ({ page }) => {
    await loadExample(page, "A broken config", "examples/broken.yaml");
    await page.getByRole("button", { name: /^Apply safe fixes/ }).click();
    await page.getByRole("dialog", { name: /^Review the fixes/ }).waitFor();
    assert.deepEqual(await violations(page), []);
    await page.getByRole("button", { name: "Apply the fixes" }).click();
    await page.locator(".notice").waitFor();
    assert.deepEqual(await violations(page), []);
    const lines = ["persistence:", "  data:"];
    for (let i = 0; i < 60; i++) lines.push(`    d${i}:`, `      mountPath: /d/${i}`, `      existingClaim: c${i}`);
    await paste(page, lines.join("\n") + "\n");
    await page.locator(".pager").first().waitFor();
    assert.deepEqual(await violations(page), []);
  });
}

// Issue 23: axe at a phone's width too, where the panes stack and the page scrolls as one.
for (const colorScheme of ["light", "dark"]) {
  pageTest(`axe, ${colorScheme}, 390 px: the empty page, then a broken file with a tooltip`, { colorScheme, viewport: { width: 390, height: 844 } }, async ({ page }) => {
    assert.deepEqual(await violations(page), []);
    await loadExample(page, "A broken config", "examples/broken.yaml");
    await page.locator(".cm-lintRange.code-K001").first().hover();
    await page.locator(".cm-tooltip-lint").waitFor();
    assert.deepEqual(await violations(page), []);
  });
}
