// Issue 22 on the page: a values file and the layers Helm merges over it, as tabs. The text
// in the editor is checked merged with the others; each tab shows the findings placed in it;
// the export writes only that tab's file, byte for byte.
import assert from "node:assert/strict";
import fs from "node:fs";
import { setup, pageTest, paste, holds, settled, findings, editorText } from "./harness.mjs";

setup();

const BASE = "# values.yaml\npersistence:\n  outputs:\n    out:\n      hostPath: /data/outputs\n      mountPath: /outputs\n";
const PROD = "# values-prod.yaml: the claim replaces the host path\npersistence:\n  outputs:\n    out:\n      hostPath: null\n      existingClaim: outputs-nfs\n      mountPath: outputs\n";
const PARTIAL = "persistence:\n  outputs:\n    out:\n      readOnly: false\n";

const tab = (page, name) => page.getByRole("tab", { name: new RegExp(`^${name.replace(".", "\\.")}`) });

pageTest("an added layer is checked merged over the base, its findings in its tab; the export writes that layer alone", async ({ page }) => {
  await paste(page, BASE);
  await page.locator("#layer-file").setInputFiles({ name: "values-prod.yaml", mimeType: "text/yaml", buffer: Buffer.from(PROD) });
  await holds(page, PROD);
  assert.equal(await tab(page, "values-prod.yaml").getAttribute("aria-selected"), "true");
  // The relative mountPath is prod's (line 7); what the base wrote there is named.
  const v004 = page.locator("li.finding[data-code='V004']");
  await v004.waitFor();
  assert.equal(await v004.getAttribute("data-line"), "7");
  assert.match(await v004.innerText(), /values\.yaml:6 is replaced by values-prod\.yaml:7/);
  // Merged, the base's hostPath is deleted by prod's null: no V002 (both sources).
  assert.ok(!(await findings(page)).some(([code]) => code === "V002"));
  // The tabs count what is placed in each.
  assert.match(await tab(page, "values-prod.yaml").innerText(), /1 ✖/);

  // The base tab: its own text, none of prod's findings.
  await tab(page, "values.yaml").click();
  await holds(page, BASE);
  assert.ok(!(await findings(page)).some(([code]) => code === "V004"));
  // The export of a tab downloads that file only, byte for byte.
  await tab(page, "values-prod.yaml").click();
  await holds(page, PROD);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download values-prod.yaml" }).click(),
  ]);
  assert.equal(download.suggestedFilename(), "values-prod.yaml");
  assert.equal(fs.readFileSync(await download.path(), "utf8"), PROD);

  // Removing the layer: one file again, checked on its own.
  await page.getByRole("button", { name: "Remove the layer values-prod.yaml" }).click();
  await holds(page, BASE);
  assert.equal(await page.getByRole("tab").count(), 0);
});

pageTest("a partial layer typed in a new tab gets no finding the base fills", async ({ page }) => {
  await paste(page, BASE);
  await page.getByRole("button", { name: "New layer" }).click();
  await holds(page, "");
  await paste(page, PARTIAL);
  await settled(page);
  // Alone this entry has no source (V001); over the base it is complete.
  assert.ok(!(await findings(page)).some(([code]) => code === "V001"), JSON.stringify(await findings(page)));
  assert.equal(await editorText(page), PARTIAL);
});

pageTest("a file that says it is a layer of another asks for it; added under it, the merge fills its entry", async ({ page }) => {
  const marked = `# storage-check: layer-of=values.yaml\n${PARTIAL}`;
  await paste(page, marked);
  await page.locator(".layer-base").waitFor();
  assert.match(await page.locator(".layer-base").innerText(), /layer of values\.yaml/);
  assert.ok((await findings(page)).some(([code]) => code === "V001"));
  await page.locator("#base-file").setInputFiles({ name: "values.yaml", mimeType: "text/yaml", buffer: Buffer.from(BASE) });
  await page.waitForSelector("li.finding[data-code='V001']", { state: "detached" });
  // The editor still shows the layer; the base is the first tab.
  assert.equal(await editorText(page), marked);
  assert.equal(await page.getByRole("tab").first().innerText(), "values.yaml");
  assert.equal(await page.locator(".layer-base").count(), 0);
});
