// The editor (CodeMirror 6) with the findings in the text: underlines at the exact span,
// the tooltip and its fix action, F8 / Shift-F8, Ctrl-. and undo, the cursor ↔ list sync,
// the list's filters and folded infos, revert, and byte-exact CRLF and non-ASCII text.
import assert from "node:assert/strict";
import { setup, pageTest, read, editor, editorText, selectedText, paste, holds, settled, loadExample, findings } from "./harness.mjs";

setup();

const BROKEN = "examples/broken.yaml";

/** The text under the underline of the first finding with `code`. */
const underlined = (page, code) => page.locator(`.cm-lintRange.code-${code}`).first().textContent();

/** Puts the cursor at `offset` (a UTF-16 index) in the editor, focused. */
async function cursorAt(page, offset) {
  await editor(page).focus();
  await page.evaluate((o) => globalThis.storageEditor.place(o), offset);
}

pageTest("each finding is underlined at its exact span, in its severity, with its code and fixability", async ({ page }) => {
  await loadExample(page, "A broken config", BROKEN);
  assert.equal(await underlined(page, "K001"), "existingclaim");
  assert.equal(await underlined(page, "V005"), "data/dir");
  assert.equal(await underlined(page, "S004"), "Outputs_1");
  const classes = async (code) => (await page.locator(`.cm-lintRange.code-${code}`).first().getAttribute("class")).split(/\s+/);
  assert.ok((await classes("K001")).includes("cm-lintRange-error"));
  assert.ok((await classes("V004")).includes("cm-lintRange-warning"));
  assert.ok((await classes("C009")).includes("cm-lintRange-info"));
  // A fix carries the lightbulb (in the text and in the list); none, none.
  assert.ok((await classes("K001")).includes("fixable"));
  assert.ok(!(await classes("V005")).includes("fixable"));
  assert.equal(await page.locator('li.finding[data-code="K001"] .fixable-mark').count(), 1);
  assert.equal(await page.locator('li.finding[data-code="V005"] .fixable-mark').count(), 0);
  // "Why & fix" only where there is a fix.
  assert.equal(await page.locator('li.finding[data-code="K001"] button.more').textContent(), "Why & fix");
  assert.equal(await page.locator('li.finding[data-code="V005"] button.more').textContent(), "Why");
  // Every finding of the list is underlined in the text, once (two findings on one span,
  // A008 and the repos default's D001, share one mark with both codes).
  const inText = await page.locator(".cm-lintRange").evaluateAll((marks) =>
    marks.flatMap((m) => [...m.classList].filter((c) => c.startsWith("code-")).map((c) => c.slice(5))).sort());
  assert.deepEqual(inText, (await findings(page)).map(([code]) => code).sort());
});

pageTest("hovering a span shows the finding's message, why and fix; the fix action changes the text", async ({ page }) => {
  const text = read(BROKEN);
  await loadExample(page, "A broken config", BROKEN);
  await page.locator(".cm-lintRange.code-K001").first().hover();
  const tooltip = page.locator(".cm-tooltip-lint");
  await tooltip.waitFor();
  const shown = await tooltip.textContent();
  assert.match(shown, /K001 unknown key existingclaim in entry Outputs_1; did you mean existingClaim\?/);
  assert.match(shown, /Polyaxon's deploy check rejects any key it does not know/);
  const action = tooltip.getByRole("button", { name: "Safe fix: Rename existingclaim to existingClaim" });
  await action.click();
  const fixed = text.replace("existingclaim: outputs-pvc", "existingClaim: outputs-pvc");
  await holds(page, fixed);
  assert.equal(await page.locator('li.finding[data-code="K001"]').count(), 0);
  // The page says what the fix did, and names what it revealed.
  assert.match(await page.locator(".notice").textContent(),
    /^Applied: Rename existingclaim to existingClaim\. 1 fixed, 13 remaining; revealed: D002 at persistence\.outputs\.Outputs_1/);
});

// Issue 23: the tooltips were drawn inside the editor's box, which clips what overflows it
// (a tooltip of line 5 was cut by the editor's edge; at 390 px the A008 tooltip lost its
// last 160 px, its fix button among them). They are drawn in a layer of the page's own.
pageTest("a tooltip is whole, not clipped by the editor's box", { viewport: { width: 390, height: 844 } }, async ({ page }) => {
  await loadExample(page, "A broken config", BROKEN);
  await page.locator(".cm-lintRange.code-A008").first().hover();
  const tooltip = page.locator(".cm-tooltip-lint");
  await tooltip.waitFor();
  const box = await tooltip.boundingBox();
  const body = await page.locator(".editor-body").boundingBox();
  assert.ok(box.y + box.height > body.y + body.height, "the tooltip fits in the editor: the test shows nothing");
  assert.ok(box.y >= 0 && box.y + box.height <= 844, `the tooltip leaves the window: ${JSON.stringify(box)}`);
  // Its first and last lines are what the page shows there (nothing covers or clips them).
  const seen = await page.evaluate(([x, top, bottom]) => [top, bottom].map((y) => !!document.elementFromPoint(x, y)?.closest(".cm-tooltip-lint")), [box.x + 20, box.y + 6, box.y + box.height - 6]);
  assert.deepEqual(seen, [true, true]);
  await tooltip.getByRole("button", { name: /Suggested fix: Migrate/ }).waitFor();
});

pageTest("F8 goes through the errors first, then the warnings, then the infos, and round; Shift-F8 back", async ({ page }) => {
  await loadExample(page, "A broken config", BROKEN);
  await cursorAt(page, 0);
  const stops = [];
  for (let i = 0; i < 13; i++) {
    await page.keyboard.press("F8");
    stops.push(await selectedText(page));
  }
  assert.deepEqual(stops, [
    // Errors, in the text's order: S004, K001, K002, C001, V007, V005.
    "Outputs_1", "existingclaim", "size", "aws", "/outputs", "data/dir",
    // Warnings: E001, V004, T001.
    "outputs", "/outputs/", '"yes"',
    // Infos: A008 and D001 (one span, one stop), D002, C009; then round to the first error.
    "persistence", "logs", "s3-secret.json", "Outputs_1",
  ]);
  await page.keyboard.press("Shift+F8");
  assert.equal(await selectedText(page), "s3-secret.json");
  // From the middle of the text, not on a finding: the first error after the cursor.
  await cursorAt(page, read(BROKEN).indexOf("store: aws") - 1);
  await page.keyboard.press("F8");
  assert.equal(await selectedText(page), "aws");
});

pageTest("Ctrl-. applies the fix at the cursor; Ctrl-Z undoes it, Ctrl-Shift-Z redoes it", async ({ page }) => {
  const text = read(BROKEN);
  await loadExample(page, "A broken config", BROKEN);
  await cursorAt(page, text.indexOf("aws") + 1);
  await page.keyboard.press("Control+.");
  const fixed = text.replace("store: aws", "store: s3");
  await holds(page, fixed);
  assert.equal(await page.locator('li.finding[data-code="C001"]').count(), 0);
  await page.keyboard.press("Control+z");
  await holds(page, text);
  assert.equal(await page.locator('li.finding[data-code="C001"]').count(), 1);
  await page.keyboard.press("Control+Shift+z");
  await holds(page, fixed);
  // A finding without a fix: Ctrl-. changes nothing.
  await cursorAt(page, fixed.indexOf("data/dir") + 1);
  await page.keyboard.press("Control+.");
  await settled(page);
  assert.equal(await editorText(page), fixed);
});

// Issue 19: Ctrl-. on A008 used to apply the whole migration with no preview.
pageTest("Ctrl-. on the migration opens its review; Cancel leaves the text as it was", async ({ page }) => {
  const text = read("examples/s3.yaml");
  await paste(page, text);
  await cursorAt(page, text.indexOf("persistence") + 2);
  await page.keyboard.press("Control+.");
  const review = page.getByRole("dialog", { name: "Review the migration" });
  await review.waitFor();
  assert.equal(await editorText(page), text);
  await review.getByRole("button", { name: "Cancel" }).click();
  await settled(page);
  assert.equal(await review.count(), 0);
  assert.equal(await editorText(page), text);
});

pageTest("safe fixes and form edits are undone with Ctrl-Z, one step each", async ({ page }) => {
  const text = read(BROKEN);
  await loadExample(page, "A broken config", BROKEN);
  const button = page.getByRole("button", { name: /^Apply safe fixes/ });
  const offered = (await button.textContent()).match(/\((\d+)\)/)[1];
  await button.click();
  // They change several entries: reviewed first (issue 23).
  await page.getByRole("dialog", { name: /^Review the fixes/ }).getByRole("button", { name: "Apply the fixes" }).click();
  await page.waitForFunction((t) => globalThis.storageEditor.current() !== t, text);
  await settled(page);
  const fixed = await editorText(page);
  // The notice counts what the button offered, and what those fixes made possible apart.
  assert.match(await page.locator(".notice").textContent(),
    new RegExp(`^Applied the ${offered} safe fixes and 1 more they made possible: \\d+ fixed, \\d+ remaining`));
  // A form edit on top.
  const mount = page.locator("#persistence-data-data-mountPath");
  await mount.fill("/datasets");
  await mount.press("Enter");
  await page.waitForFunction(() => globalThis.storageEditor.current().includes("mountPath: /datasets"));
  await editor(page).focus();
  await page.keyboard.press("Control+z");
  await holds(page, fixed);
  await page.keyboard.press("Control+z");
  await holds(page, text);
});

pageTest("the cursor inside a finding's span marks its item in the list", async ({ page }) => {
  const text = read(BROKEN);
  await loadExample(page, "A broken config", BROKEN);
  await cursorAt(page, text.indexOf("existingclaim") + 3);
  await page.locator('li.finding.at-cursor[data-code="K001"]').waitFor();
  assert.equal(await page.locator("li.finding.at-cursor").count(), 1);
  await cursorAt(page, text.indexOf("email:"));
  await page.waitForFunction(() => !document.querySelector("li.finding.at-cursor"));
  // And the other way: clicking anywhere on a row selects its span.
  await page.locator('li.finding[data-code="V005"] .position').click();
  assert.equal(await selectedText(page), "data/dir");
});

pageTest("the severity counts filter the list; infos fold while errors or warnings remain", async ({ page }) => {
  await loadExample(page, "A broken config", BROKEN);
  const visible = () => page.locator("li.finding:visible").evaluateAll((items) => items.map((li) => li.dataset.code));
  assert.deepEqual(await visible(), ["E001", "S004", "V004", "K001", "K002", "C001", "V007", "V005", "T001"]);
  const folded = page.locator(".folded-infos > summary");
  assert.equal(await folded.textContent(), "4 infos · A008, D001, D002, C009");
  await folded.click();
  assert.deepEqual((await visible()).slice(-4), ["A008", "D001", "D002", "C009"]);
  const errors = page.getByRole("button", { name: /^Hide error findings/ });
  await errors.click();
  assert.equal(await page.getByRole("button", { name: /^Show error findings/ }).getAttribute("aria-pressed"), "false");
  assert.deepEqual(await visible(), ["E001", "V004", "T001", "A008", "D001", "D002", "C009"]);
  await page.getByRole("button", { name: /^Show error findings/ }).click();
  assert.equal((await visible()).length, 13);
});

pageTest("Revert goes back to the file as loaded, and Ctrl-Z brings the changes back", async ({ page }) => {
  const text = read(BROKEN);
  await loadExample(page, "A broken config", BROKEN);
  const revert = page.getByRole("button", { name: "Revert to the file as loaded" });
  assert.equal(await revert.isDisabled(), true);
  await page.getByRole("button", { name: /^Apply safe fixes/ }).click();
  await page.getByRole("dialog", { name: /^Review the fixes/ }).getByRole("button", { name: "Apply the fixes" }).click();
  await page.waitForFunction((t) => globalThis.storageEditor.current() !== t, text);
  const fixed = await editorText(page);
  await revert.click();
  await holds(page, text);
  assert.equal(await revert.isDisabled(), true);
  await editor(page).focus();
  await page.keyboard.press("Control+z");
  await holds(page, fixed);
});

pageTest("typing is checked right after the keystroke's frame (no debounce on small files)", async ({ page }) => {
  const text = "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      hostPath: /data\n";
  await paste(page, text);
  await cursorAt(page, text.indexOf("/outputs") + "/outputs".length);
  // The check runs in the first task after the keystroke's frame: by the task after it,
  // the findings are current (a 120 ms debounce would leave them stale here).
  const stale = await page.evaluate(async () => {
    document.execCommand("insertText", false, "/");
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    await new Promise((r) => setTimeout(r, 0));
    return !!document.querySelector("#finding-count.stale");
  });
  assert.equal(stale, false);
  assert.deepEqual((await findings(page)).map(([c]) => c), ["V004", "A008", "D001", "D001", "D001"]);
});

pageTest("CRLF and non-ASCII text: exact spans, a typed line break stays CRLF, the export is byte-exact", async ({ page }) => {
  const text = "# données ✓ 🪣\r\npersistence:\r\n  outputs:\r\n    out:\r\n      mountPath: /outputs/\r\n      hostPath: /h\r\n";
  await paste(page, text);
  assert.equal(await underlined(page, "V004"), "/outputs/");
  // A new line typed at the end of the first line (End, Enter), and a pasted one ("\n").
  await cursorAt(page, 0);
  await page.keyboard.press("End");
  await page.keyboard.press("Enter");
  await page.keyboard.type("# more");
  let typed = text.replace("🪣\r\n", "🪣\r\n# more\r\n");
  await holds(page, typed);
  await page.locator(".cm-content").evaluate((el) => {
    const data = new DataTransfer();
    data.setData("text/plain", "\n# pasted");
    el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  });
  typed = typed.replace("# more\r\n", "# more\r\n# pasted\r\n");
  await holds(page, typed);
  assert.equal(await underlined(page, "V004"), "/outputs/");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download values.yaml" }).click(),
  ]);
  const fs = await import("node:fs");
  assert.equal(fs.readFileSync(await download.path(), "utf8"), typed);
});

pageTest("a paste over everything is a new file, and Ctrl-Z still brings back what was there", async ({ page }) => {
  const first = "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n      hostPath: /data\n# my precious edit\n";
  await paste(page, first);
  const second = "persistence:\n  data:\n    d:\n      mountPath: /d\n      hostPath: /d\n";
  await paste(page, second);
  // A new file: the export compares with it.
  assert.equal(await page.getByRole("button", { name: "Revert to the file as loaded" }).isDisabled(), true);
  await editor(page).focus();
  await page.keyboard.press("Control+z");
  await holds(page, first);
});

pageTest("a file of mixed line endings shows its stray carriage returns", async ({ page }) => {
  const text = "persistence:\n  outputs:\r\n    out:\n      mountPath: /outputs\n      hostPath: /data\n";
  await paste(page, text);
  assert.equal(await editorText(page), text);
  assert.equal(await page.locator(".cm-line .cm-specialChar").count(), 1);
});

pageTest("a file dropped on the text is loaded as a new file (the editor and the app agree)", async ({ page }) => {
  await paste(page, "rbac:\n  enabled: true\n");
  const dropped = "persistence:\n  outputs:\n    out:\n      mountPath: /o/\n      hostPath: /h\n";
  await page.locator(".cm-content").evaluate((el, text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], "values.yaml", { type: "text/yaml" }));
    el.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true, clientX: 100, clientY: 100 }));
  }, dropped);
  await holds(page, dropped);
  assert.deepEqual((await findings(page)).map(([c]) => c), ["V004", "A008", "D001", "D001", "D001"]);
  assert.equal(await page.getByRole("button", { name: "Revert to the file as loaded" }).isDisabled(), true);
});
