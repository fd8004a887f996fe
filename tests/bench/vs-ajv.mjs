// Side by side, in one run: the installed `storage-check` binary as a whole process against
// yaml 2 + ajv 8 in-process, on the same 10,000-line values file. Not part of the tests.
//
//   cargo build --release -p storage-cli          # the profile `cargo install --path cli` uses
//   npm ci --prefix tools                          # yaml and ajv (scripts/setup.sh does it too)
//   node tests/bench/vs-ajv.mjs [RUNS] [BINARY]
//
// (a) yaml + ajv: `YAML.parse` then a compiled validator of the storage sections (schema
//     below, `allErrors` as a linter reports every finding); the schema is compiled once,
//     outside the timing, which favours ajv. `uniqueKeys: false`: yaml's duplicate-key
//     check (what Y002 does here) is quadratic in a mapping's size and takes seconds on
//     this file's 7,900-key mapping; without it yaml is at its fastest, which favours it
//     again. The default (`uniqueKeys: true`) is timed once, for the record.
// (b) storage-check: spawned with `--format json`, its output to /dev/null, timed from
//     spawn to exit: process start, reading the file, the whole check (every rule on the
//     whole file) and the JSON.
// Warm-up: RUNS of (a) and 5 of (b); then RUNS rounds, each one (a) and one (b), so that
// the load of a shared machine falls on both alike.
// Median of each, and their ratio. BENCHMARKS.md has the figures and the machine.

import { spawnSync } from "node:child_process";
import { openSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const require = createRequire(join(root, "tools", "package.json"));
const YAML = require("yaml");
const Ajv = require("ajv");

const runs = Number(process.argv[2] ?? 51);
const binary = process.argv[3] ?? join(root, "target", "release", "storage-check");
// Written once by tests/fixtures/generated/generate.py (the divan bench's file too).
const file = join(root, "tests", "fixtures", "generated", "values-10k.yaml");
const text = readFileSync(file, "utf8");

// A fair JSON Schema of what storage-check reads: v0 `persistence` (outputs/data maps of
// entries, logs/repos/upload single entries) and v1+ `artifactsStore` / `connections`.
const path = { type: "string", pattern: "^/" };
const v0Entry = {
  type: "object",
  properties: {
    mountPath: path,
    hostPath: path,
    existingClaim: { type: "string", pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$" },
    readOnly: { type: "boolean" },
    store: { enum: ["s3", "gcs", "azure"] },
    bucket: { type: "string", pattern: "^(s3|gs|wasb|wasbs)://[^/]+" },
    secret: { type: "string", minLength: 1 },
    secretKey: { type: "string", minLength: 1 },
  },
  additionalProperties: false,
  oneOf: [
    { required: ["mountPath", "hostPath"], not: { required: ["store"] } },
    { required: ["mountPath", "existingClaim"], not: { required: ["store"] } },
    { required: ["store", "bucket", "secret"], not: { required: ["mountPath"] } },
  ],
};
const v0Entries = {
  type: "object",
  propertyNames: { pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$" },
  additionalProperties: v0Entry,
};
const connection = {
  type: "object",
  required: ["name", "kind"],
  properties: {
    name: { type: "string", pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$" },
    kind: { enum: ["host_path", "volume_claim", "s3", "gcs", "wasb"] },
    description: { type: "string" },
    tags: { type: "array", items: { type: "string" } },
    schema: {
      type: "object",
      properties: {
        mountPath: path,
        hostPath: path,
        volumeClaim: { type: "string", minLength: 1 },
        bucket: { type: "string", pattern: "^(s3|gs|wasb|wasbs)://[^/]+" },
        readOnly: { type: "boolean" },
      },
      additionalProperties: false,
    },
    secret: {
      type: "object",
      required: ["name"],
      properties: { name: { type: "string", minLength: 1 }, mountPath: path },
      additionalProperties: false,
    },
    configMap: {
      type: "object",
      required: ["name"],
      properties: { name: { type: "string", minLength: 1 }, mountPath: path },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
  allOf: [
    {
      if: { properties: { kind: { enum: ["host_path"] } } },
      then: { properties: { schema: { required: ["mountPath", "hostPath"] } }, required: ["schema"] },
    },
    {
      if: { properties: { kind: { enum: ["volume_claim"] } } },
      then: { properties: { schema: { required: ["mountPath", "volumeClaim"] } }, required: ["schema"] },
    },
    {
      if: { properties: { kind: { enum: ["s3", "gcs", "wasb"] } } },
      then: { properties: { schema: { required: ["bucket"] } }, required: ["schema"] },
    },
  ],
};
const schema = {
  type: "object",
  properties: {
    persistence: {
      type: "object",
      properties: {
        outputs: v0Entries,
        data: v0Entries,
        logs: v0Entry,
        repos: v0Entry,
        upload: v0Entry,
      },
      additionalProperties: false,
    },
    artifactsStore: connection,
    connections: { type: "array", items: connection },
    mountConnections: { type: "array", items: { type: "string" } },
  },
};

const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(schema);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[(s.length - 1) >> 1];
};
const ms = (x) => `${x.toFixed(2)} ms`;

let errors = 0;
const parseAndValidate = (options) => {
  const value = YAML.parse(text, options);
  validate(value);
  errors = validate.errors?.length ?? 0;
};
const time = (f) => {
  const t = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t) / 1e6;
};

const devNull = openSync("/dev/null", "w");
const spawnOnce = () => {
  const r = spawnSync(binary, ["--format", "json", file], { stdio: ["ignore", devNull, "pipe"] });
  if (r.error) throw r.error;
  // Exit 1: the file has errors; 2 would be unusable input.
  if (r.status !== 0 && r.status !== 1) throw new Error(`${binary}: exit ${r.status}: ${r.stderr}`);
};

const fast = { uniqueKeys: false };
for (let i = 0; i < runs; i++) parseAndValidate(fast);
for (let i = 0; i < 5; i++) spawnOnce();
const inProcess = [];
const process_ = [];
for (let i = 0; i < runs; i++) {
  inProcess.push(time(() => parseAndValidate(fast)));
  process_.push(time(spawnOnce));
}
const withUniqueKeys = time(() => parseAndValidate({}));

const a = median(inProcess);
const b = median(process_);
console.log(`file: ${file} (${text.split("\n").length - 1} lines, ${text.length} B)`);
console.log(`yaml ${require("yaml/package.json").version} + ajv ${require("ajv/package.json").version}, in-process, uniqueKeys: false: median ${ms(a)} of ${runs} (min ${ms(Math.min(...inProcess))}; ${errors} schema errors)`);
console.log(`  the same with yaml's default uniqueKeys: true, once: ${ms(withUniqueKeys)}`);
console.log(`${binary} --format json, whole process: median ${ms(b)} of ${runs} (min ${ms(Math.min(...process_))})`);
console.log(`ratio of the medians: ${(a / b).toFixed(1)}x`);
