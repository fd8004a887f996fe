// The npm package as a user gets it (issue 25): the tarball installed into an empty folder,
// used from Node 20 and type-checked by TypeScript as a consumer's code would be.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { installInEmptyFolder, crateVersion, root, BROKEN } from "./install.mjs";

let dir;
before(() => {
  dir = installInEmptyFolder();
});

/** Runs an ES module in the consumer folder (so `polyaxon-storage-check` resolves from its node_modules); returns its JSON output. */
function run(source) {
  const file = path.join(dir, `run-${Math.random().toString(36).slice(2)}.mjs`);
  fs.writeFileSync(file, source);
  return JSON.parse(execFileSync(process.execPath, [file], { cwd: dir, encoding: "utf8" }));
}

test("installed from the tarball, Node reports K001 and V001 for a broken file", () => {
  const out = run(`
    import { check } from "polyaxon-storage-check";
    console.log(JSON.stringify(check(${JSON.stringify(BROKEN)}, { topology: "multi-node" })));
  `);
  assert.equal(out.chart, "v0");
  const codes = out.findings.map((f) => f.code);
  assert.ok(codes.includes("K001"), codes.join(" "));
  assert.ok(codes.includes("V001"), codes.join(" "));
  const k001 = out.findings.find((f) => f.code === "K001");
  assert.equal(k001.line, 8);
  assert.equal(k001.severity, "error");
  assert.equal(k001.fix.applicability, "safe");
  assert.deepEqual(k001.fix.edits, [{ start: BROKEN.indexOf("existingclaim"), end: BROKEN.indexOf("existingclaim") + 13, replacement: "existingClaim" }]);
});

test("fix, map, rules and version return objects; bad options throw an Error that says why", () => {
  const out = run(`
    import * as sc from "polyaxon-storage-check";
    const text = ${JSON.stringify(BROKEN)};
    const thrown = (f) => { try { f(); return null; } catch (e) { return { isError: e instanceof Error, message: e.message }; } };
    console.log(JSON.stringify({
      fix: sc.fix(text),
      map: sc.map(sc.fix(text).text, { chart: "v0" }),
      rules: sc.rules().map((r) => r.code),
      k001: sc.rules().find((r) => r.code === "K001"),
      version: sc.version(),
      badChart: thrown(() => sc.check(text, { chart: "v9" })),
      typo: thrown(() => sc.check(text, { topolgy: "multi-node" })),
      badCluster: thrown(() => sc.check(text, { cluster: "[ not yaml" })),
      nullOptions: sc.check(text, null).findings.length === sc.check(text).findings.length,
    }));
  `);
  assert.equal(out.fix.text, BROKEN.replace("existingclaim", "existingClaim"));
  assert.equal(out.fix.applied, 1);
  assert.deepEqual(out.fix.skipped, []);
  assert.equal(out.map.chart, "v0");
  const data = out.map.rows.find((r) => r.entry === "data1");
  assert.equal(data.source.kind, "claim");
  assert.ok(Array.isArray(data.pods) && data.notes.every((n) => typeof n.code === "string" && typeof n.text === "string"));
  // The catalogue is the registry's, as docs/rules.md (generated from it) lists it.
  const documented = [...fs.readFileSync(path.join(root, "docs/rules.md"), "utf8").matchAll(/^### ([A-Z]\d{3})$/gm)].map((m) => m[1]);
  assert.deepEqual([...out.rules].sort(), [...documented].sort());
  assert.equal(out.k001.fix, "safe");
  assert.equal(out.version, crateVersion());
  assert.match(out.badChart.message, /^options: unknown variant `v9`/);
  assert.ok(out.badChart.isError);
  assert.match(out.typo.message, /unknown field `topolgy`/);
  assert.match(out.badCluster.message, /^cluster: /);
  assert.ok(out.nullOptions);
});

test("the package carries the crate's version and only what it needs", () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, "node_modules/polyaxon-storage-check/package.json"), "utf8"));
  assert.equal(pkg.version, crateVersion());
  assert.deepEqual(pkg.dependencies ?? {}, {});
  const files = fs.readdirSync(path.join(dir, "node_modules/polyaxon-storage-check")).sort();
  assert.deepEqual(files, ["README.md", "browser.js", "index.d.ts", "init.d.ts", "init.js", "node.js", "package.json", "storage_check.d.ts", "storage_check.js", "storage_check_bg.wasm", "types.d.ts"]);
});

test("what JavaScript may hand over wrongly is thrown back with what was expected, and the module stays usable", () => {
  const out = run(`
    import { check } from "polyaxon-storage-check";
    import { readFileSync } from "node:fs";
    const text = ${JSON.stringify(BROKEN)};
    const thrown = (f) => { try { f(); return "no error"; } catch (e) { return e.message; } };
    console.log(JSON.stringify({
      number: thrown(() => check(42)),
      missing: thrown(() => check()),
      buffer: thrown(() => check(readFileSync(new URL(import.meta.url)))),
      string: thrown(() => check(text, "multi-node")),
      array: thrown(() => check(text, ["v1"])),
      map: thrown(() => check(text, new Map([["chart", "v1"]]))),
      cluster: thrown(() => check(text, { cluster: 5 })),
      bare: check(text, Object.assign(Object.create(null), { chart: "v1" })).chart,
      after: check(text).findings.length,
    }));
  `);
  assert.equal(out.number, 'text must be a string, got number; read a file with readFileSync(path, "utf8")');
  assert.match(out.missing, /^text must be a string, got undefined/);
  assert.match(out.buffer, /^text must be a string, got a Buffer/);
  assert.equal(out.string, 'options: expected an object such as { topology: "multi-node" }, got string');
  assert.match(out.array, /got an array$/);
  assert.match(out.map, /got a Map$/);
  assert.match(out.cluster, /^options: invalid type: .*expected a string/);
  assert.equal(out.bare, "v1");
  assert.ok(out.after > 0);
});

test("polyaxon-storage-check/init: no top-level await, loaded when asked, from bytes or beside itself", () => {
  const out = run(`
    import { readFileSync } from "node:fs";
    import { createRequire } from "node:module";
    import { init, initSync, check } from "polyaxon-storage-check/init";
    const before = (() => { try { check("a: 1\\n"); return "no error"; } catch (e) { return e.constructor.name; } })();
    const wasm = createRequire(import.meta.url).resolve("polyaxon-storage-check/storage_check_bg.wasm");
    initSync(readFileSync(wasm));
    await init();  // a second load is a no-op
    console.log(JSON.stringify({ before, codes: check(${JSON.stringify(BROKEN)}).findings.map((f) => f.code) }));
  `);
  assert.notEqual(out.before, "no error", "the functions need init() first");
  assert.ok(out.codes.includes("K001") && out.codes.includes("V001"), out.codes.join(" "));
});

/** `tsc --noEmit` on `source` as a consumer's strict Node project without DOM types. */
function typecheck(source) {
  fs.writeFileSync(path.join(dir, "consumer.ts"), source);
  fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, module: "nodenext", moduleResolution: "nodenext", target: "es2022", lib: ["es2022"], types: [], skipLibCheck: false },
    files: ["consumer.ts"],
  }));
  return spawnSync(process.execPath, [path.join(root, "tools/node_modules/typescript/bin/tsc"), "-p", dir], { encoding: "utf8" });
}

test("TypeScript: a strict consumer type-checks against the derived types, and a wrong use does not", () => {
  const good = typecheck(`
    import { check, fix, map, rules, type CheckOptions, type LocatedFinding, type Severity, type Source } from "polyaxon-storage-check";
    const options: CheckOptions = { chart: "v0", topology: "multi-node" };
    const findings: LocatedFinding[] = check("a: 1\\n", options).findings;
    const severities: Severity[] = findings.map((f) => f.severity);
    const edits = findings.flatMap((f) => f.fix?.edits ?? []).map((e) => e.end - e.start);
    const fixed: string = fix("a: 1\\n").text;
    const sources: Source[] = map("a: 1\\n").rows.map((r) => r.source);
    const claims = sources.flatMap((s) => (s.kind === "claim" ? [s.claim ?? ""] : []));
    const codes: string[] = rules().map((r) => r.code);
    export { severities, edits, fixed, claims, codes };
  `);
  assert.equal(good.status, 0, good.stdout + good.stderr);
  // The declarations are real types, not \`any\`: these three mistakes must be caught.
  const bad = typecheck(`
    import { check } from "polyaxon-storage-check";
    const n: number = check("a: 1\\n").findings[0].severity;
    check("a: 1\\n", { topology: "many-nodes" });
    check("a: 1\\n", { topolgy: "multi-node" });
    export { n };
  `);
  assert.notEqual(bad.status, 0);
  assert.match(bad.stdout, /consumer.ts\(3,\d+\): error TS2322: Type 'string' is not assignable to type 'number'/);
  assert.match(bad.stdout, /"many-nodes"/);
  assert.match(bad.stdout, /'topolgy' does not exist in type 'CheckOptions'/);
});
