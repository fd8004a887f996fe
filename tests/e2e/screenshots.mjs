// Takes the README's screenshots from the real page in headless Chromium:
//   node tests/e2e/screenshots.mjs   (after `trunk build`)
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { serve } from "../../scripts/serve.mjs";
import { coloured } from "./harness.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const { chromium } = createRequire(path.join(root, "tools/package.json"))("playwright-core");
const { server, url } = await serve(path.join(root, "dist"));
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
for (const scheme of ["light", "dark"]) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, colorScheme: scheme });
  await page.goto(url);
  await page.waitForSelector(".cm-content");
  await page.waitForSelector("#boot", { state: "detached" });
  if (scheme === "light") await page.screenshot({ path: path.join(root, "docs/screenshot-empty.png") });
  await page.getByRole("button", { name: "A broken config" }).click();
  await coloured(page);
  await page.locator('li.finding[data-code="C001"] button.more').click();
  await page.locator('li.finding[data-code="K001"] .finding-message').click();
  await page.locator('article.card[data-entry="persistence.outputs.s3-out"]').scrollIntoViewIfNeeded();
  // The tooltip of a finding in the text, as hovering shows it.
  await page.locator(".cm-lintRange.code-C001").first().hover();
  await page.locator(".cm-tooltip-lint").waitFor();
  await page.waitForTimeout(200);
  await page.screenshot({ path: path.join(root, `docs/screenshot-broken-${scheme}.png`) });
  if (scheme === "light") {
    // The storage map of the S3 example.
    const fresh = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await fresh.goto(url);
    await fresh.getByRole("button", { name: "An S3 setup" }).click();
    await fresh.locator(".storage-map tr.map-row").first().waitFor();
    await coloured(fresh);
    // The map is below the forms in their pane: scrolled to it.
    await fresh.locator(".storage-map").evaluate((map) => map.scrollIntoView({ block: "start" }));
    await fresh.waitForTimeout(200);
    await fresh.screenshot({ path: path.join(root, "docs/screenshot-map.png") });
    await fresh.close();
    // Building a v1+ config from nothing with the forms: the store filled, a connection
    // just added (its fields to fill).
    const forms = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await forms.goto(url);
    await forms.locator("#opt-chart").selectOption({ label: "v1+ (1.x, 2.x)" });
    await forms.getByRole("button", { name: "Add artifacts store" }).click();
    await forms.locator("#artifactsStore-schema-bucket").fill("s3://polyaxon-artifacts/runs");
    await forms.locator("#artifactsStore-secret-name").fill("s3-credentials");
    await forms.locator("#artifactsStore-secret-name").press("Enter");
    await forms.getByRole("button", { name: "Add connection" }).click();
    await coloured(forms);
    await forms.locator("article.card.fresh[data-entry='connections.0']").scrollIntoViewIfNeeded();
    await forms.waitForTimeout(400);
    await forms.screenshot({ path: path.join(root, "docs/screenshot-forms.png") });
    await forms.close();
  }
  await page.close();
}
await browser.close();
server.close();
