// End-to-end tests of the page's controls beyond the basic paste-and-read path: keyboard-only
// use, dark mode, the options bar, adding, renaming and removing entries, Copy, the rule
// reference links and files that start with a byte order mark. Every test also asserts no
// page error, console error or foreign request (pageTest, in harness.mjs).
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { setup, open, pageTest, read, editor, editorText, selectedText, EDITOR, paste, holds, settled, loadExample, findings, VIEWPORT, ready } from "./harness.mjs";

setup();

/** What has the focus: tag, id, class, aria-label or text, aria-expanded. */
function focused(page) {
  return page.evaluate(() => {
    const a = document.activeElement;
    return {
      tag: a.tagName.toLowerCase(),
      id: a.id,
      cls: a.className,
      label: a.getAttribute("aria-label") ?? a.textContent.trim(),
      expanded: a.getAttribute("aria-expanded"),
      inFindings: !!a.closest(".findings"),
    };
  });
}

async function press(page, key, times = 1) {
  for (let i = 0; i < times; i++) await page.keyboard.press(key);
  return focused(page);
}

pageTest("keyboard only: pick the edition, load an example, open a finding, apply its fix, review and download", async ({ page }) => {
  // The options come first in the tab order; an arrow key changes a select.
  assert.equal((await press(page, "Tab")).id, "opt-chart");
  assert.equal((await press(page, "Tab")).id, "opt-topology");
  assert.equal((await press(page, "Tab")).id, "opt-edition");
  await press(page, "ArrowDown");
  assert.equal(await page.locator("#opt-edition").inputValue(), "enterprise");
  assert.equal((await press(page, "Tab")).id, "file-input");
  // The layers' buttons beside "Open a file…" (issue 22), then the editor.
  assert.equal((await press(page, "Tab")).id, "layer-file");
  assert.equal((await press(page, "Tab")).label, "New layer");
  assert.equal((await press(page, "Tab")).label, "values.yaml");
  assert.equal((await press(page, "Tab")).label, "Chart 0.6.1 default values");
  assert.equal((await press(page, "Tab")).label, "A broken config");
  assert.equal((await press(page, "Shift+Tab")).label, "Chart 0.6.1 default values");
  assert.equal((await press(page, "Tab")).label, "A broken config");

  const text = read("examples/broken.yaml");
  await page.keyboard.press("Enter");
  await holds(page, text);
  // Enterprise edition: several outputs entries are fine (no E001).
  const codes = (await findings(page)).map(([code]) => code);
  // The infos (A008, the repos default and logs claim D001/D002, C009) fold at the end while
  // there are errors and warnings.
  assert.deepEqual(codes, ["S004", "V004", "K001", "K002", "C001", "V007", "V005", "T001", "A008", "D001", "D002", "C009"]);

  // Tab into the findings: the severity filters, then the list, one Tab stop on its first
  // finding's message (arrow keys move inside it).
  assert.match((await press(page, "Tab")).label, /^Hide error findings: 6$/);
  assert.match((await press(page, "Tab")).label, /^Hide warning findings: 2$/);
  assert.match((await press(page, "Tab")).label, /^Hide info findings: 4$/);
  let f = await press(page, "Tab");
  assert.equal(f.tag, "button");
  assert.match(f.label, /^error S004: entry name `Outputs_1` is not a valid volume name/);
  // Enter on a finding selects its span in the editor, and the editor takes the focus.
  await page.keyboard.press("Enter");
  const focusedEditor = await editor(page).evaluate((el) => document.activeElement === el);
  assert.deepEqual([focusedEditor, await selectedText(page)], [true, "Outputs_1"]);

  // Back from the editor: the filters, then the list's one Tab stop, where it was left.
  f = await press(page, "Tab", 4);
  assert.match(f.label, /^error S004:/);
  // ArrowDown and ArrowUp move between findings; ArrowLeft to its code link and back.
  assert.match((await press(page, "ArrowDown")).label, /^warning V004:/);
  assert.match((await press(page, "ArrowUp")).label, /^error S004:/);
  assert.equal((await press(page, "ArrowLeft")).label, "S004");
  assert.match((await press(page, "ArrowRight")).label, /^error S004:/);
  // Tab leaves the list at once (the folded infos next); Shift+Tab comes back to it.
  assert.match((await press(page, "Tab")).label, /^4 infos/);
  assert.match((await press(page, "Shift+Tab")).label, /^error S004:/);
  // Open it with Space, ArrowRight to its fix, apply it with Enter.
  f = await press(page, "ArrowRight");
  // Each says which finding it opens.
  assert.equal(f.label, "Why & fix: S004 at line 9");
  assert.equal(f.expanded, "false");
  f = await press(page, "Space");
  assert.equal(f.label, "Less: S004 at line 9");
  assert.equal(f.expanded, "true");
  f = await press(page, "ArrowRight");
  assert.equal(f.label, "Suggested fix: Rename Outputs_1 to outputs-1");
  await page.keyboard.press("Enter");
  // The finding and its button are gone: the focus stays with the findings (the list or its
  // folded infos), not on <body>.
  await page.waitForFunction(() => document.activeElement !== document.body && document.activeElement.closest(".findings"));
  const renamed = text.replace("    Outputs_1:  ", "    outputs-1:  ");
  assert.notEqual(renamed, text);
  await holds(page, renamed);
  assert.match(await page.locator(".notice").textContent(), /Applied: Rename Outputs_1 to outputs-1/);
  assert.equal(await page.locator('li.finding[data-code="S004"]').count(), 0);

  // On to the export: Tab goes through the remaining findings, then reaches its buttons.
  for (let i = 0; ; i++) {
    f = await press(page, "Tab");
    if (!f.inFindings) break;
    assert.ok(i < 40, "Tab never left the findings");
  }
  assert.match(f.label, /^Apply safe fixes \(\d+\)$/);
  await page.keyboard.press("Enter");
  // They change several entries: the review opens with the focus on it; Tab to its first
  // button.
  await page.getByRole("dialog", { name: /^Review the fixes/ }).waitFor();
  assert.equal((await press(page, "Tab")).label, "The fixes' changes");
  assert.equal((await press(page, "Tab")).label, "Apply the fixes");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => globalThis.storageEditor.current().includes("store: s3 "));
  await settled(page);
  const fixed = await editorText(page);
  assert.notEqual(fixed, renamed);
  // The Apply button is disabled once no safe fix is left: the focus moves on to the next
  // control, Review changes (now enabled), not to <body>.
  await page.waitForFunction(() => document.activeElement !== document.body);
  f = await focused(page);
  assert.equal(f.label, "Review changes");
  await page.keyboard.press("Enter");
  await page.locator("pre.diff").waitFor();
  const diff = await page.locator("pre.diff").textContent();
  assert.match(diff, /^-    Outputs_1: /m);
  assert.match(diff, /^\+    outputs-1: /m);
  assert.match(diff, /^\+      store: s3 /m);
  f = await press(page, "Tab");
  assert.equal(f.label, "Download values.yaml");
  const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
  assert.equal(fs.readFileSync(await download.path(), "utf8"), fixed);
  assert.equal((await press(page, "Tab")).label, "Copy");
});

/** The WCAG contrast ratio of two `rgb()`/`rgba()` colors (alpha ignored: opaque ones). */
function contrast(a, b) {
  const lum = (c) => {
    const [r, g, bl] = c.match(/[\d.]+/g).slice(0, 3).map(Number).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** Text color and the first opaque background behind the first element matching `selector`. */
function colors(page, selector) {
  return page.locator(selector).first().evaluate((el) => {
    const opaque = (c) => c && c !== "transparent" && !/rgba\([^)]*,\s*0\)$/.test(c);
    let bg = null;
    for (let e = el; e && !bg; e = e.parentElement) {
      const c = getComputedStyle(e).backgroundColor;
      if (opaque(c)) bg = c;
    }
    return { color: getComputedStyle(el).color, background: bg ?? "rgb(255, 255, 255)" };
  });
}

const SURFACES = {
  body: "body",
  editor: ".cm-content",
  "finding message": 'li.finding[data-code="K001"] .finding-message',
  "error badge": 'li.finding[data-code="K001"] .badge',
  "warning badge": 'li.finding[data-code="V004"] .badge',
  "info badge": 'li.finding[data-code="A008"] .badge',
  "card field": "#persistence-outputs-Outputs_1-mountPath",
  "rule reference": "#rule-K001 dd",
};

async function schemeColors(scheme) {
  const { page, ctx, problems } = await open({ colorScheme: scheme });
  try {
    await loadExample(page, "A broken config", "examples/broken.yaml");
    const out = {};
    for (const [name, selector] of Object.entries(SURFACES)) out[name] = await colors(page, selector);
    assert.deepEqual(problems, [], `${scheme}: the page reported problems`);
    return out;
  } finally {
    await ctx.close();
  }
}

test("dark mode: dark surfaces, different from light mode, with readable text", async () => {
  const light = await schemeColors("light");
  const dark = await schemeColors("dark");
  for (const name of ["body", "editor"]) {
    assert.notEqual(dark[name].background, light[name].background, `${name}: same background in both schemes`);
  }
  const luminance = (c) => contrast(c, "rgb(0, 0, 0)");
  assert.ok(luminance(dark.body.background) < luminance(light.body.background), "the dark body is not darker");
  assert.ok(contrast(dark.body.background, "rgb(0, 0, 0)") < 2, `dark body background ${dark.body.background} is not dark`);
  for (const [scheme, all] of [["light", light], ["dark", dark]]) {
    for (const [name, { color, background }] of Object.entries(all)) {
      const ratio = contrast(color, background);
      assert.ok(ratio >= 4.5, `${scheme} ${name}: ${color} on ${background} is ${ratio.toFixed(2)}:1, under 4.5:1`);
    }
  }
});

pageTest("the options bar changes the verdicts: topology, edition, chart", async ({ page }) => {
  const text = [
    "persistence:",
    "  outputs:",
    "    local:",
    "      mountPath: /outputs",
    "      hostPath: /mnt/outputs",
    "    second:",
    "      mountPath: /outputs-2",
    "      hostPath: /mnt/outputs-2",
    "",
  ].join("\n");
  await paste(page, text);
  const d001 = () => page.locator('li.finding[data-code="D001"]');
  const severityOf = (loc) => loc.evaluateAll((items) => items.map((li) => [li.className, li.querySelector(".badge").textContent]));
  const summary = () => page.locator("#finding-count .summary").textContent();

  // Topology unknown (the default): a host-path outputs entry is an info, and so are the
  // chart's default host paths for logs and repos.
  assert.equal(await page.locator("#opt-topology").inputValue(), "unknown");
  assert.deepEqual(await severityOf(d001()), Array(4).fill(["finding info", "info"]));
  const before = await summary();

  await page.locator("#opt-topology").selectOption({ label: "multi node" });
  await page.waitForFunction(() => document.querySelector('li.finding[data-code="D001"]')?.classList.contains("warning"));
  assert.deepEqual(await severityOf(d001()), Array(4).fill(["finding warning", "warning"]));
  assert.notEqual(await summary(), before, "the counts did not follow");
  assert.equal(await page.locator('.field-finding[data-code="D001"].warning, article.card .warning[data-code="D001"]').count() > 0, true,
    "the card does not show D001 as a warning");

  await page.locator("#opt-topology").selectOption({ label: "single node" });
  await page.waitForFunction(() => !document.querySelector('li.finding[data-code="D001"]'));

  // Community edition: two outputs entries are E001; enterprise allows them.
  assert.equal(await page.locator('li.finding[data-code="E001"]').count(), 1);
  await page.locator("#opt-edition").selectOption({ label: "enterprise" });
  await page.waitForFunction(() => !document.querySelector('li.finding[data-code="E001"]'));
  await page.locator("#opt-edition").selectOption({ label: "community" });
  await page.locator('li.finding[data-code="E001"]').waitFor();

  // Chart: auto says what it found and from which key (the whole reason is the options'
  // title); forcing another chart changes the verdicts and the forms.
  assert.equal(await page.locator("#opt-chart option").first().textContent(), "auto: v0, from `persistence`");
  assert.match(await page.locator(".options").getAttribute("title"), /^Checked as chart v0 \(0\.2 – 0\.6\), auto: from `persistence`/);
  const v0 = await findings(page);
  await page.locator("#opt-chart").selectOption({ index: 2 });
  await page.waitForFunction(() => !document.querySelector('li.finding[data-code="E001"]'));
  assert.notDeepEqual(await findings(page), v0);
  assert.equal(await page.locator(".cards .pane-title").textContent(), "Storage (v1+ chart)");
  await page.locator("#opt-chart").selectOption({ index: 0 });
  await page.locator('li.finding[data-code="E001"]').waitFor();
  assert.deepEqual(await findings(page), v0);

  // The options are kept across a reload, with the text.
  await page.locator("#opt-topology").selectOption({ label: "multi node" });
  await page.waitForFunction(() => document.querySelector('li.finding[data-code="D001"]')?.classList.contains("warning"));
  await page.reload();
  await ready(page);
  await settled(page);
  assert.equal(await page.locator("#opt-topology").inputValue(), "multi node");
  assert.equal(await editorText(page), text);
  assert.deepEqual(await severityOf(d001()), Array(4).fill(["finding warning", "warning"]));
});

pageTest("outputs entries: add one, rename it, remove it", async ({ page }) => {
  const text = read("examples/s3.yaml");
  await paste(page, text);
  const card = (name) => page.locator(`article.card[data-entry="persistence.outputs.${name}"]`);
  assert.equal(await page.locator("article.card").count(), 2);

  // The kind first (a claim is where the select starts), then Add.
  assert.equal(await page.locator("#add-kind-outputs").inputValue(), "Persistent volume claim");
  await page.getByRole("button", { name: "Add outputs entry" }).click();
  const added = text.replace("      secretKey: S3_CREDENTIALS_JSON\n", "      secretKey: S3_CREDENTIALS_JSON\n    outputs:\n      mountPath: /outputs\n      existingClaim:\n");
  await holds(page, added);
  await card("outputs").waitFor();
  assert.equal(await page.locator("article.card").count(), 3);
  assert.equal(await page.locator("#persistence-outputs-outputs-mountPath").inputValue(), "/outputs");

  const name = page.locator("#persistence-outputs-outputs-name");
  await name.fill("scratch");
  await name.press("Enter");
  const renamed = added.replace("\n    outputs:\n", "\n    scratch:\n");
  await holds(page, renamed);
  await card("scratch").waitFor();
  assert.equal(await card("outputs").count(), 0);
  assert.equal(await page.locator("#persistence-outputs-scratch-mountPath").inputValue(), "/outputs");

  await page.getByRole("button", { name: "Remove persistence.outputs.scratch" }).click();
  await holds(page, text);
  assert.equal(await card("scratch").count(), 0);
  assert.equal(await page.locator("article.card").count(), 2);
  await card("s3-outputs").waitFor();
});

pageTest("Copy puts the editor's text, and the Secret helper's command, on the clipboard", async ({ page, ctx }) => {
  await ctx.grantPermissions(["clipboard-read", "clipboard-write"]);
  const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
  const text = read("examples/s3.yaml") + "# edited ✓\n";
  await paste(page, text);
  await page.evaluate(() => navigator.clipboard.writeText("before"));

  await page.locator(".export").getByRole("button", { name: "Copy", exact: true }).click();
  await page.locator(".export .copied").waitFor();
  await page.waitForFunction((t) => navigator.clipboard.readText().then((c) => c === t), text);
  assert.equal(await clipboard(), text);

  const helper = page.locator('article.card[data-entry="persistence.outputs.s3-outputs"] .card-secret');
  const command = await helper.locator("pre.command").textContent();
  assert.match(command, /^kubectl create secret generic s3-credentials /);
  await helper.getByRole("button", { name: "Copy command: kubectl create secret" }).click();
  await helper.locator(".copied").waitFor();
  await page.waitForFunction((t) => navigator.clipboard.readText().then((c) => c === t), command);
  assert.equal(await clipboard(), command);
});

pageTest("a finding's code links to its rule in the reference", async ({ page }) => {
  await loadExample(page, "A broken config", "examples/broken.yaml");
  // Every code shown, in the list and on the cards, has its rule in the reference.
  const missing = await page.locator("a.code-link").evaluateAll((links) =>
    links.map((a) => a.getAttribute("href")).filter((h) => !/^#rule-[A-Z]\d{3}$/.test(h) || !document.getElementById(h.slice(1))));
  assert.deepEqual(missing, []);

  for (const link of [
    page.locator('li.finding[data-code="K001"] a.code-link'),
    page.locator('.field-finding[data-code="C001"] a.code-link'),
  ]) {
    const code = await link.textContent();
    await page.evaluate(() => window.scrollTo(0, 0));
    await link.click();
    await page.waitForFunction((c) => location.hash === `#rule-${c}`, code);
    const rule = page.locator(`#rule-${code}`);
    assert.equal(await rule.isVisible(), true);
    assert.match(await rule.locator("dt").textContent(), new RegExp(`^${code}`));
    // Scrolled to the top of the viewport (within a pixel: sub-pixel layout).
    const box = await rule.boundingBox();
    assert.ok(box.y > -1 && box.y < VIEWPORT.height / 2, `#rule-${code} is at y=${box.y}, out of view`);
  }
});

const BOM = "\ufeff";
const HOST_PATH = "persistence:\n  outputs:\n    out:\n      mountPath: /o/\n      hostPath: /h\n";

pageTest("a file with a byte order mark: opened, it is checked like any other and exported byte for byte", async ({ page }) => {
  const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(HOST_PATH)]);
  await page.locator("#file-input").setInputFiles({ name: "values.yaml", mimeType: "text/yaml", buffer: bytes });
  await page.waitForFunction(() => globalThis.storageEditor.current().includes("persistence:"));
  await settled(page);
  assert.equal(await editorText(page), BOM + HOST_PATH);
  // Unchanged, the export is the file: the mark included.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download values.yaml" }).click(),
  ]);
  assert.deepEqual(fs.readFileSync(await download.path()), bytes);
  // Findings on the right lines: the mark shifts nothing.
  // The warning first; the infos folded after it.
  assert.deepEqual(await findings(page), [["V004", "warning", "4"], ["A008", "info", "1"], ["D001", "info", "1"], ["D001", "info", "1"], ["D001", "info", "3"]]);
  assert.equal(await page.locator('article.card[data-entry="persistence.outputs.out"]').count(), 1);
  assert.equal(await page.locator("#persistence-outputs-out-hostPath").inputValue(), "/h");
});

pageTest("a file that is not text (a PNG, UTF-16, NUL bytes), opened or dropped: a message says why, and the text stays", async ({ page }) => {
  await paste(page, HOST_PATH);
  const refusals = [
    ["logo.png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), "not UTF-8"],
    ["values-utf16.yaml", Buffer.from("\ufeffa: 1\n", "utf16le"), "not UTF-8"],
    ["values.bin", Buffer.from("a: 1\0\n"), "NUL bytes"],
  ];
  for (const [name, buffer, why] of refusals) {
    await page.locator("#file-input").setInputFiles({ name, mimeType: "application/octet-stream", buffer });
    const notice = page.locator(".notice", { hasText: name });
    await notice.waitFor();
    assert.match(await notice.textContent(), new RegExp(`was not opened: .*${why}.*The editor keeps its text`));
    assert.equal(await editorText(page), HOST_PATH);
  }
  // Dropped on the editor: the same.
  await page.locator(".editor").evaluate((el) => {
    const data = new DataTransfer();
    data.items.add(new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0])], "dropped.png", { type: "image/png" }));
    el.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
  });
  await page.locator(".notice", { hasText: "dropped.png" }).waitFor();
  assert.equal(await editorText(page), HOST_PATH);
});

pageTest("a text with a byte order mark: fixed and downloaded, the mark is kept", async ({ page }) => {
  await paste(page, BOM + HOST_PATH);
  // The warning first; the infos folded after it.
  assert.deepEqual(await findings(page), [["V004", "warning", "4"], ["A008", "info", "1"], ["D001", "info", "1"], ["D001", "info", "1"], ["D001", "info", "3"]]);
  await page.getByRole("button", { name: "Apply safe fixes (1)" }).click();
  await page.waitForFunction(() => globalThis.storageEditor.current().includes("mountPath: /o\n"));
  await settled(page);
  const fixed = BOM + HOST_PATH.replace("mountPath: /o/\n", "mountPath: /o\n");
  assert.equal(await editorText(page), fixed);
  assert.equal(await page.locator('li.finding[data-code="V004"]').count(), 0);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download values.yaml" }).click(),
  ]);
  const saved = fs.readFileSync(await download.path());
  assert.deepEqual([...saved.subarray(0, 3)], [0xef, 0xbb, 0xbf], "the download lost the byte order mark");
  assert.equal(saved.toString("utf8"), fixed);
});

pageTest("390 px wide: no horizontal scroll, empty and with the broken example", { viewport: { width: 390, height: 844 } }, async ({ page }) => {
  const width = () => page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(await width() <= 390, `empty page is ${await width()} px wide`);
  await loadExample(page, "A broken config", "examples/broken.yaml");
  await page.locator(".folded-infos > summary").click();
  for (const more of await page.locator("li.finding button.more").all()) await more.click();
  assert.ok(await width() <= 390, `with the broken example: ${await width()} px wide`);
});

pageTest("the focus on \"Open a file…\" is visible", async ({ page }) => {
  const label = page.locator('label[for="file-input"]');
  const outline = () => label.evaluate((el) => getComputedStyle(el).outlineStyle);
  assert.equal(await outline(), "none");
  await page.locator("#file-input").focus();
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "file-input");
  assert.equal(await outline(), "solid");
});

pageTest("picking the same finding again selects its span again", async ({ page }) => {
  await loadExample(page, "A broken config", "examples/broken.yaml");
  const selected = () => selectedText(page);
  const pick = () => page.locator('li.finding[data-code="K001"] .finding-message').click();
  await pick();
  assert.equal(await selected(), "existingclaim");
  // Click into the editor elsewhere: the selection moves away.
  await page.evaluate(() => globalThis.storageEditor.place(0));
  assert.equal(await selected(), "");
  await pick();
  assert.equal(await selected(), "existingclaim");
});

pageTest("a field's border takes its finding's severity: an info is never red", async ({ page }) => {
  await paste(page, "persistence:\n  outputs:\n    s3-out:\n      store: s3\n      bucket: my-outputs\n      secret: s3-secret\n      secretKey: s3-secret.json\n");
  const field = (id) => page.locator(`#${id}`).locator("xpath=..");
  const classes = async (id) => (await field(id).getAttribute("class")).split(/\s+/);
  // C009 (info) on the Secret key, C003 (error) on the bucket.
  assert.ok((await classes("persistence-outputs-s3-out-secretKey")).includes("has-info"));
  assert.ok(!(await classes("persistence-outputs-s3-out-secretKey")).includes("has-error"));
  const border = (id) => page.locator(`#${id}`).evaluate((el) => getComputedStyle(el).borderTopColor);
  assert.notEqual(await border("persistence-outputs-s3-out-secretKey"), await border("persistence-outputs-s3-out-bucket"));
});

// Issue 20: the file's first-line directive wins over the Chart menu, as on the command line;
// the menu shows the chart it set and says so, and the verdicts follow it.
pageTest("a file's directive sets the chart the menu shows", async ({ page }) => {
  await paste(page, "# storage-check: chart=v1\npersistence:\n  outputs:\n    out:\n      existingClaim: c\n      mountPath: /outputs\n");
  await page.locator('li.finding[data-code="A007"]').waitFor();
  assert.equal(await page.locator(".option-note").textContent(), "Chart set by the file's first line");
  assert.equal(await page.locator("#opt-chart").evaluate((s) => s.options[s.selectedIndex].textContent), "v1+ (1.x, 2.x)");
  assert.match(await page.locator(".options").getAttribute("title"), /from the file's `# storage-check:` line/);
});
