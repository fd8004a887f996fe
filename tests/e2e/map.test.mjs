// The storage map beside the cards: what each kind of pod mounts, for a host-path entry,
// a claim and an S3 file (rows from storage_core::map, derived from the chart templates).
import assert from "node:assert/strict";
import { setup, pageTest, paste, loadExample } from "./harness.mjs";

setup();

/** Each row of the map as `role entry [chart default] pods | source | mounted at`, in order. */
function rows(page) {
  return page.locator(".storage-map tr.map-row").evaluateAll((trs) =>
    trs.map((tr) => [...tr.cells].map((td) => td.innerText.replace(/\s+/g, " ").trim()).join(" | ")));
}

/** The note codes under the row for `role`/`entry` with `pods`. */
function notes(page, entry, pods) {
  return page.locator(".storage-map tr.map-row").evaluateAll((trs, [entry, pods]) => {
    const tr = trs.find((t) => t.dataset.entry === entry && t.querySelector(".pods").textContent === pods);
    const next = tr?.nextElementSibling;
    return next?.classList.contains("map-notes") ? [...next.querySelectorAll("li")].map((li) => li.dataset.note) : [];
  }, [entry, pods]);
}

pageTest("a host-path entry: node directories for the platform and the jobs, marked node-local", async ({ page }) => {
  await paste(page, "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      hostPath: /data/out\n");
  const all = await rows(page);
  assert.deepEqual(all.slice(0, 3), [
    "outputs out api, scheduler | node directory /data/out | /outputs read-write",
    "outputs out jobs | node directory /data/out | /outputs read-write",
    "data data chart default jobs | node directory /tmp/data | /data read-write",
  ]);
  assert.deepEqual(await notes(page, "out", "jobs"), ["node-local"]);
  assert.ok(await page.locator('.storage-map tr.map-row.trap[data-entry="out"][data-source="host-path"]').count() > 0);
});

pageTest("a claim: the claim for every pod, with the ReadWriteMany caveat; single node drops it", async ({ page }) => {
  await paste(page, "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      existingClaim: outputs-pvc\n");
  assert.deepEqual((await rows(page)).slice(0, 2), [
    "outputs out api, scheduler | claim outputs-pvc | /outputs read-write",
    "outputs out jobs | claim outputs-pvc | /outputs read-write",
  ]);
  assert.deepEqual(await notes(page, "out", "jobs"), ["read-write-many"]);
  await page.locator("#opt-topology").selectOption({ label: "single node" });
  await page.waitForFunction(() => !document.querySelector('.storage-map [data-note="read-write-many"]'));
  assert.deepEqual(await notes(page, "out", "jobs"), []);
});

pageTest("an S3 file: the bucket and its Secret, nothing mounted for outputs; the data claim read-only", async ({ page }) => {
  await loadExample(page, "An S3 setup", "examples/s3.yaml");
  const all = await rows(page);
  assert.deepEqual(all.slice(0, 3), [
    "outputs s3-outputs api, scheduler | Amazon S3 s3://polyaxon-outputs/experiments · Secret s3-credentials | —",
    "outputs s3-outputs jobs | Amazon S3 s3://polyaxon-outputs/experiments · Secret s3-credentials | —",
    "data datasets jobs | claim datasets-pvc | /data read-only",
  ]);
  assert.deepEqual(await notes(page, "s3-outputs", "jobs"), ["secret-as-env"]);
});

pageTest("a v1+ file: the artifacts store and connections, for the api/streams and the runs", async ({ page }) => {
  await loadExample(page, "A v1+ setup (artifactsStore)", "examples/v1.yaml");
  const all = await rows(page);
  assert.ok(all.some((r) => r.startsWith("artifactsStore ") && / runs \|/.test(r)), all.join("\n"));
  assert.ok(all.some((r) => r.startsWith("connections ")), all.join("\n"));
});

// Issue 23: the same node-local sentence repeated on every row of the map.
pageTest("a note several rows share is written in full once, then named as above", async ({ page }) => {
  await paste(page, "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      hostPath: /data/out\n");
  const local = page.locator('.storage-map li[data-note="node-local"]');
  assert.ok((await local.count()) >= 3, `${await local.count()} node-local notes`);
  const texts = await local.allInnerTexts();
  assert.match(texts[0], /each node has its own directory/);
  assert.deepEqual(texts.slice(1), texts.slice(1).map(() => "node local: as above"));
  // Every note code is written in full exactly once.
  const full = await page.locator(".storage-map li[data-note]:not(.again)").evaluateAll((lis) => lis.map((li) => li.dataset.note));
  assert.deepEqual(full, [...new Set(full)]);
});
