// Forms that build a config from nothing (issue 14): from an empty page, with the keyboard
// only, a valid v1+ config (an S3 artifacts store and a claim connection) and a valid v0
// config, exported; new entries start from the kind picked, with example placeholders,
// and their missing fields say "to fill" (not red) until the card is left.
import assert from "node:assert/strict";
import fs from "node:fs";
import { setup, pageTest, editorText, settled, findings, paste, holds, loadExample, read } from "./harness.mjs";

setup();

/** What has the focus: its id, or its accessible name. */
const focused = (page) => page.evaluate(() => {
  const a = document.activeElement;
  return a.id || a.getAttribute("aria-label") || a.textContent.trim();
});

/** Presses Tab until the focus is on `target` (an id or a name); fails after 60 stops. */
async function tabTo(page, target) {
  for (let i = 0; i < 60; i++) {
    if ((await focused(page)) === target) return;
    await page.keyboard.press("Tab");
  }
  assert.fail(`Tab never reached ${target}`);
}

/** Types `text` into the focused field and leaves it with Tab (which applies it). */
async function fill(page, id, text) {
  assert.equal(await focused(page), id);
  await page.keyboard.type(text);
  await page.keyboard.press("Tab");
  await page.waitForFunction((t) => globalThis.storageEditor.current().includes(t), text);
  await settled(page);
}

async function download(page) {
  await tabTo(page, "Download values.yaml");
  const [file] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
  return fs.readFileSync(await file.path(), "utf8");
}

pageTest("from nothing, keyboard only: an S3 artifacts store and a claim connection (v1+), exported", async ({ page }) => {
  await page.keyboard.press("Tab");
  assert.equal(await focused(page), "opt-chart");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  assert.equal(await page.locator("#opt-chart").inputValue(), "v1+ (1.x, 2.x)");
  // Today's chart: the forms offer its blocks, the kind first.
  await tabTo(page, "add-kind-artifactsStore");
  assert.equal(await page.locator("#add-kind-artifactsStore").inputValue(), "s3");
  await page.keyboard.press("Tab");
  assert.equal(await focused(page), "Add artifacts store");
  await page.keyboard.press("Enter");
  // The new card has the focus on its first field, with an example, and "to fill".
  await page.locator("article.card.fresh[data-entry='artifactsStore']").waitFor();
  assert.equal(await page.locator("#artifactsStore-schema-bucket").getAttribute("placeholder"), "e.g. s3://my-bucket/polyaxon");
  assert.equal(await page.locator("article.card[data-entry='artifactsStore'] .field-finding.error").count(), 0);
  assert.ok(await page.locator("article.card[data-entry='artifactsStore'] .field-finding.to-fill").count() > 0);
  await fill(page, "artifactsStore-schema-bucket", "s3://polyaxon-artifacts/runs");
  await fill(page, "artifactsStore-secret-name", "s3-credentials");

  await tabTo(page, "add-kind-connections");
  assert.equal(await page.locator("#add-kind-connections").inputValue(), "volume_claim");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await page.locator("article.card.fresh[data-entry='connections.0']").waitFor();
  await fill(page, "connections-0-schema-mountPath", "/data");
  await fill(page, "connections-0-schema-volumeClaim", "data-pvc");

  // Valid: no error left; the store's Secret command is on its card.
  assert.deepEqual((await findings(page)).filter(([, s]) => s === "error"), []);
  assert.match(await page.locator("article.card[data-entry='artifactsStore'] pre.command").textContent(), /^kubectl create secret generic s3-credentials /);
  const text = await editorText(page);
  assert.equal(text, [
    "artifactsStore:", "  name: artifacts", "  kind: s3", "  schema:", "    bucket: s3://polyaxon-artifacts/runs",
    "  secret:", "    name: s3-credentials", "connections:", "  - name: volume-claim", "    kind: volume_claim",
    "    schema:", "      mountPath: /data", "      volumeClaim: data-pvc", "",
  ].join("\n"));
  assert.equal(await download(page), text);
});

pageTest("from nothing, keyboard only: an S3 outputs entry on chart 0.6.1 (v0), exported", async ({ page }) => {
  await page.keyboard.press("Tab");
  await page.keyboard.press("ArrowDown");
  assert.equal(await page.locator("#opt-chart").inputValue(), "v0 (0.2 – 0.6)");
  await tabTo(page, "add-kind-outputs");
  assert.equal(await page.locator("#add-kind-outputs").inputValue(), "Persistent volume claim");
  await page.keyboard.press("ArrowDown");
  assert.equal(await page.locator("#add-kind-outputs").inputValue(), "Amazon S3");
  await page.keyboard.press("Tab");
  assert.equal(await focused(page), "Add outputs entry");
  await page.keyboard.press("Enter");
  await page.locator("article.card.fresh[data-entry='persistence.outputs.outputs']").waitFor();
  await fill(page, "persistence-outputs-outputs-bucket", "s3://polyaxon-outputs/runs");
  await fill(page, "persistence-outputs-outputs-secret", "s3-credentials");
  await fill(page, "persistence-outputs-outputs-secretKey", "S3_CREDENTIALS_JSON");
  assert.deepEqual((await findings(page)).filter(([, s]) => s === "error"), []);
  const text = await editorText(page);
  assert.equal(text, [
    "persistence:", "  outputs:", "    outputs:", "      store: s3", "      bucket: s3://polyaxon-outputs/runs",
    "      secret: s3-credentials", "      secretKey: S3_CREDENTIALS_JSON", "",
  ].join("\n"));
  assert.equal(await download(page), text);
});

pageTest("a fresh card's missing fields say \"to fill\" until the focus leaves the card", async ({ page }) => {
  await page.locator("#opt-chart").selectOption({ label: "v1+ (1.x, 2.x)" });
  await page.getByRole("button", { name: "Add artifacts store" }).click();
  const card = page.locator("article.card[data-entry='artifactsStore']");
  await card.locator(".field-finding.to-fill").first().waitFor();
  assert.equal(await card.locator(".field-finding.error").count(), 0);
  // The findings list says so too.
  const item = page.locator('li.finding[data-code="A004"]');
  assert.deepEqual(await item.evaluate((li) => [li.classList.contains("to-fill"), li.querySelector(".badge").textContent]), [true, "to fill"]);
  // And the counts: no red error for what is still to fill (issue 23).
  const fill = (await page.locator("#finding-count").textContent()).match(/^0 errors, (\d+) to fill, /);
  assert.ok(fill, await page.locator("#finding-count").textContent());
  assert.equal(await page.locator("button.count.error").textContent(), "0");
  // The focus leaves the card: what is missing is an error again, on the card and in the list.
  await page.locator("#opt-topology").focus();
  await card.locator(".field-finding.error").first().waitFor();
  assert.match(await page.locator("#finding-count").textContent(), new RegExp(`^${fill[1]} errors?, \\d+ warning`));
  assert.equal(await card.locator(".field-finding.to-fill").count(), 0);
  assert.equal(await page.locator("article.card.fresh").count(), 0);
  assert.deepEqual(await item.evaluate((li) => [li.classList.contains("error"), li.querySelector(".badge").textContent]), [true, "error"]);
});

pageTest("entries sharing a Secret: one C011 in the list, and its command on each card", async ({ page }) => {
  const entry = (name) => `    ${name}:\n      store: s3\n      bucket: s3://b/${name}\n      secret: s3-secret\n      secretKey: S3_JSON\n`;
  await paste(page, `persistence:\n  outputs:\n${entry("a")}${entry("b")}`);
  assert.equal(await page.locator('li.finding[data-code="C011"]').count(), 1);
  for (const name of ["a", "b"]) {
    assert.match(await page.locator(`article.card[data-entry="persistence.outputs.${name}"] pre.command`).textContent(),
      /^kubectl create secret generic s3-secret --from-file=S3_JSON=/, name);
  }
});

pageTest("the rule reference shows code as code, not backticks", async ({ page }) => {
  const why = page.locator("#rule-K001 dd");
  assert.ok(await why.locator("code").count() > 0);
  assert.ok(!(await why.textContent()).includes("`"));
});

pageTest("390 px wide: a wasbs:// URL and a Secret command wrap, nothing overflows", { viewport: { width: 390, height: 844 } }, async ({ page }) => {
  await paste(page, "persistence:\n  outputs:\n    azure-outputs:\n      store: azure\n      bucket: wasbs://polyaxon-outputs@mystorageaccount.blob.core.windows.net/experiments/long/path\n      secret: az-secret\n      secretKey: AZURE_CREDENTIALS_JSON\n");
  await page.locator("article.card pre.command").waitFor();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `the page is ${width} px wide`);
  // The command is wrapped whole, not clipped.
  const clipped = await page.locator("article.card pre.command").evaluate((el) => el.scrollWidth > el.clientWidth);
  assert.equal(clipped, false);
});

pageTest("the export actions stay in view beside a long findings list", async ({ page }) => {
  await loadExample(page, "A broken config", "examples/broken.yaml");
  await page.locator(".folded-infos > summary").click();
  for (const more of await page.locator("li.finding button.more").all()) await more.click();
  const box = await page.getByRole("button", { name: /^Apply safe fixes/ }).boundingBox();
  assert.ok(box && box.y >= 0 && box.y + box.height <= 720, `Apply safe fixes is at y=${box?.y}`);
});

pageTest("a form field follows typing after a short pause, keeping the caret", async ({ page }) => {
  await paste(page, "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      hostPath: /mnt\n");
  const field = page.locator("#persistence-outputs-out-hostPath");
  await field.focus();
  await page.keyboard.press("End");
  await page.keyboard.type("/pol");
  // Still in the field, nothing pressed: the text follows.
  await page.waitForFunction(() => globalThis.storageEditor.current().includes("hostPath: /mnt/pol\n"));
  assert.equal(await page.evaluate(() => document.activeElement.id), "persistence-outputs-out-hostPath");
  // The caret stayed at the end: typing goes on where it was.
  await page.keyboard.type("yaxon");
  await page.waitForFunction(() => globalThis.storageEditor.current().includes("hostPath: /mnt/polyaxon\n"));
  assert.equal(await field.inputValue(), "/mnt/polyaxon");
  // Back to the start, a letter there: the caret is not thrown to the end.
  await page.keyboard.press("Home");
  await page.keyboard.press("Delete");
  await page.waitForFunction(() => globalThis.storageEditor.current().includes("hostPath: mnt/polyaxon\n"));
  await page.keyboard.type("/");
  await page.waitForFunction(() => globalThis.storageEditor.current().includes("hostPath: /mnt/polyaxon\n"));
  assert.equal(await field.inputValue(), "/mnt/polyaxon");
});

for (const colorScheme of ["light", "dark"]) {
  pageTest(`${colorScheme}: a disabled primary button looks disabled, an enabled one primary`, { colorScheme }, async ({ page }) => {
    const apply = page.getByRole("button", { name: /^Apply safe fixes/ });
    const bg = () => apply.evaluate((el) => getComputedStyle(el).backgroundColor);
    await paste(page, "persistence:\n  outputs:\n    out:\n      mountPath: /o/\n      hostPath: /h\n");
    assert.equal(await apply.isDisabled(), false);
    const enabled = await bg();
    await apply.click();
    await page.waitForFunction(() => globalThis.storageEditor.current().includes("mountPath: /o\n"));
    assert.equal(await apply.isDisabled(), true);
    assert.equal(await bg(), "rgba(0, 0, 0, 0)", "a disabled primary button keeps its fill");
    assert.notEqual(enabled, "rgba(0, 0, 0, 0)");
  });
}

pageTest("after Remove, the focus stays in the card's group, never on <body>", async ({ page }) => {
  await paste(page, "persistence:\n  outputs:\n    a:\n      mountPath: /a\n      hostPath: /a\n    b:\n      mountPath: /b\n      hostPath: /b\n");
  await page.getByRole("button", { name: "Remove persistence.outputs.a" }).focus();
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => !document.querySelector('article.card[data-entry="persistence.outputs.a"]'));
  await page.waitForFunction(() => document.activeElement !== document.body);
  const inGroup = await page.evaluate(() => !!document.activeElement.closest("section.card-group[aria-label='Outputs']"));
  assert.equal(inGroup, true);
  // A click on the page's background is the user's choice: the focus stays off.
  await page.mouse.click(5, 700);
  await page.waitForTimeout(120);
  assert.equal(await page.evaluate(() => document.activeElement === document.body), true);
});

pageTest("the Secret step shows as soon as a cloud kind is picked, marked where it is still to fill", async ({ page }) => {
  await page.locator("#opt-chart").selectOption({ label: "v0 (0.2 – 0.6)" });
  await page.locator("#add-kind-outputs").selectOption({ label: "Amazon S3" });
  await page.getByRole("button", { name: "Add outputs entry" }).click();
  const command = page.locator("article.card[data-entry='persistence.outputs.outputs'] pre.command");
  // The marks are quoted like any value the shell would misread.
  assert.equal(await command.textContent(), "kubectl create secret generic '<secret name>' --from-file='<secret key>'=./s3-credentials.json -n polyaxon");
  const secret = page.locator("#persistence-outputs-outputs-secret");
  await secret.fill("s3-credentials");
  await secret.press("Enter");
  await page.waitForFunction(() => document.querySelector("article.card pre.command")?.textContent.includes("generic s3-credentials "));
  assert.match(await command.textContent(), /^kubectl create secret generic s3-credentials --from-file='<secret key>'=/);
  // Today's chart: one key per credential.
  await page.locator("#opt-chart").selectOption({ label: "v1+ (1.x, 2.x)" });
  await page.locator("#add-kind-artifactsStore").selectOption({ label: "gcs" });
  await page.getByRole("button", { name: "Add artifacts store" }).click();
  assert.match(await page.locator("article.card[data-entry='artifactsStore'] pre.command").textContent(),
    /^kubectl create secret generic '<secret name>' /);
});

pageTest("a card sharing a Secret shows the command for its own store", async ({ page }) => {
  const entry = (name, store, bucket) => `    ${name}:\n      store: ${store}\n      bucket: ${bucket}\n      secret: creds\n      secretKey: KEY\n`;
  await paste(page, `persistence:\n  outputs:\n${entry("z", "gcs", "gs://b/z")}${entry("a", "s3", "s3://b/a")}${entry("b", "s3", "s3://b/b")}`);
  const command = (name) => page.locator(`article.card[data-entry="persistence.outputs.${name}"] pre.command`).textContent();
  assert.match(await command("z"), /gcs-credentials\.json/);
  assert.match(await command("a"), /s3-credentials\.json/);
  assert.match(await command("b"), /s3-credentials\.json/);
});

pageTest("the migration's note goes with the file: loading another one clears it", async ({ page }) => {
  await paste(page, read("examples/s3.yaml") + "  logs:\n    existingClaim: logs-pvc\n");
  await page.getByRole("button", { name: "Migrate to artifactsStore" }).click();
  await page.getByRole("dialog", { name: "Review the migration" }).getByRole("button", { name: /^Apply/ }).click();
  const note = page.locator(".notice", { hasText: "Not carried over" });
  await note.waitFor();
  await page.locator("#file-input").setInputFiles({ name: "values.yaml", mimeType: "text/yaml", buffer: Buffer.from(read("examples/broken.yaml")) });
  await holds(page, read("examples/broken.yaml"));
  assert.equal(await note.count(), 0);
});

pageTest("every control reached with Tab shows a focus ring", async ({ page }) => {
  await loadExample(page, "An S3 setup", "examples/s3.yaml");
  await page.locator("#opt-chart").focus();
  const seen = [];
  const missing = [];
  // Once around the page, from the first option back to it.
  for (let i = 0; i < 150; i++) {
    const f = await page.evaluate(() => {
      const a = document.activeElement;
      if (!a || a === document.body) return { key: "body", ring: true };
      // A hidden file input shows its ring on its label; the editor's content on the editor.
      const shown = a.id === "file-input" ? document.querySelector('label[for="file-input"]') : a.closest(".cm-editor") ?? a;
      const cs = getComputedStyle(shown);
      const ring = (cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0) || cs.boxShadow !== "none";
      return { key: a.id || a.getAttribute("aria-label") || `${a.tagName}:${a.textContent.trim().slice(0, 30)}`, ring };
    });
    if (i > 0 && f.key === "opt-chart") break;
    if (f.key !== "body") seen.push(f.key);
    if (!f.ring) missing.push(f.key);
    await page.keyboard.press("Tab");
  }
  assert.ok(seen.includes("values.yaml") && seen.includes("BUTTON:Add outputs entry") && seen.length > 25, seen.join(", "));
  assert.deepEqual(missing, []);
});

// Issue 23: an empty editor on Chart "auto" offered only the v0 forms.
pageTest("an empty editor offers both charts' forms, today's first, and adds to the one picked", async ({ page }) => {
  // The Chart option says who decides.
  assert.equal(await page.locator("#opt-chart option").first().textContent(), "auto: from the file");
  const labels = await page.locator(".cards button").allInnerTexts();
  const at = (label) => labels.indexOf(label);
  for (const label of ["Add artifacts store", "Add connection", "Add outputs entry", "Add data entry"]) {
    assert.ok(at(label) >= 0, `${label}: ${labels}`);
  }
  assert.ok(at("Add connection") < at("Add outputs entry"), `today's chart first: ${labels}`);
  await page.getByRole("button", { name: "Add artifacts store" }).click();
  await page.waitForFunction(() => globalThis.storageEditor.current().startsWith("artifactsStore:"));
  // The file now says which chart: only today's forms.
  await page.locator("article.card[data-entry='artifactsStore']").waitFor();
  assert.equal(await page.getByRole("button", { name: "Add outputs entry" }).count(), 0);
});

// Issue 23: the forms sat below the storage map in one scroll box, and at 390 px the
// findings and the forms each scrolled inside a box of their own.
pageTest("the forms come before the map, and at 390 px the page scrolls as one document", { viewport: { width: 390, height: 844 } }, async ({ page }) => {
  await loadExample(page, "A broken config", "examples/broken.yaml");
  const order = await page.locator(".forms-pane").evaluate((pane) => {
    const cards = pane.querySelector(".cards"), map = pane.querySelector(".storage-map");
    return !!(cards.compareDocumentPosition(map) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
  assert.ok(order, "the map comes before the forms");
  for (const pane of [".findings-pane", ".forms-pane"]) {
    const [scroll, client] = await page.locator(pane).evaluate((el) => [el.scrollHeight, el.clientHeight]);
    assert.ok(scroll <= client + 1, `${pane} scrolls inside itself: ${scroll} > ${client}`);
  }
  assert.ok(await page.evaluate(() => document.scrollingElement.scrollHeight > innerHeight), "the page does not scroll");
});
