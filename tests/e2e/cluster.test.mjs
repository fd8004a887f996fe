// Issue 21 on the page: a kubectl snapshot pasted, opened or dropped into the Cluster box
// checks the values against that cluster; cleared, the verdicts go back. The snapshot is
// made by the Kubernetes Python client (tests/cluster/snapshots.py) with planted Secret
// values: none of them may reach the page's text, storage or the box once read.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { setup, pageTest, paste, settled, findings, root } from "./harness.mjs";

setup();

const SNAPSHOT = fs.readFileSync(path.join(root, "core/src/rules/cluster/snapshots/cluster.json"), "utf8");
const PLANTED = ["UExBTlRFRC1TRUNSRVQtVkFMVUU", "PLANTED-SECRET-VALUE"];
const VALUES = "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: outputs-nsf\n  logs:\n    existingClaim: outputs-nfs\n  repos:\n    existingClaim: outputs-nfs\n";

/** Everything the page holds that a value could leak into: the DOM's text and every form
 * field's value, local and session storage. */
function pageHolds(page) {
  return page.evaluate(() => [
    document.documentElement.outerHTML,
    [...document.querySelectorAll("textarea, input")].map((e) => e.value).join("\n"),
    JSON.stringify({ ...localStorage }),
    JSON.stringify({ ...sessionStorage }),
  ].join("\n"));
}

pageTest("a pasted snapshot: a claim error appears, the topology comes from the cluster, and clearing it takes them away", async ({ page }) => {
  await paste(page, VALUES);
  const codes = async () => (await findings(page)).map(([code]) => code);
  assert.ok(!(await codes()).includes("N001"));
  // Without a cluster the claim is only advice about several nodes.
  assert.ok((await codes()).includes("D002"), (await codes()).join(" "));

  await page.locator(".cluster summary").click();
  await page.locator("#cluster-text").fill(SNAPSHOT);
  await page.getByRole("button", { name: "Check against it" }).click();
  await page.waitForSelector("li.finding[data-code='N001']");
  await settled(page);
  const n001 = page.locator("li.finding[data-code='N001']");
  assert.match(await n001.innerText(), /did you mean\s+outputs-nfs/);
  assert.ok(!(await codes()).includes("D002"));
  // What it read, and the topology from its nodes.
  assert.match(await page.locator(".cluster summary").innerText(), /3 schedulable nodes \(of 6\), .* 7 claims, 3 Secrets in polyaxon; values dropped from 3 Secrets/);
  assert.match(await page.locator("#opt-topology-cluster").innerText(), /from the cluster \(3 schedulable nodes\)/);
  // The map says what the cluster has of each claim.
  assert.match(await page.locator(".storage-map").innerText(), /claim outputs-nfs is Bound to pv-nfs \(RWX, class nfs\)/);
  // No value anywhere, and the box is empty once read.
  const held = await pageHolds(page);
  for (const planted of PLANTED) assert.ok(!held.includes(planted), `the page holds ${planted}`);

  await page.getByRole("button", { name: "Clear the cluster" }).click();
  await page.waitForSelector("li.finding[data-code='N001']", { state: "detached" });
  assert.ok((await codes()).includes("D002"));
  assert.equal(await page.locator("#opt-topology-cluster").count(), 0);
});

pageTest("an opened snapshot file works like a paste; something else is refused with why", async ({ page }) => {
  await paste(page, VALUES);
  await page.locator(".cluster summary").click();
  await page.locator("#cluster-file").setInputFiles({ name: "cluster.json", mimeType: "application/json", buffer: Buffer.from(SNAPSHOT) });
  await page.waitForSelector("li.finding[data-code='N001']");
  await page.getByRole("button", { name: "Clear the cluster" }).click();
  await page.waitForSelector("li.finding[data-code='N001']", { state: "detached" });
  // A values file is no snapshot: the notice says so, and nothing changes.
  await page.locator(".cluster summary").click();
  await page.locator("#cluster-text").fill(VALUES);
  await page.getByRole("button", { name: "Check against it" }).click();
  await page.waitForSelector(".notice:has-text('The cluster snapshot was not used')");
  assert.match(await page.locator(".cluster summary").innerText(), /Cluster: none/);
  // The storage keeps the values, never the snapshot.
  const held = await pageHolds(page);
  for (const planted of PLANTED) assert.ok(!held.includes(planted), `the page holds ${planted}`);
});
