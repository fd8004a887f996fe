// Installs the packed npm package (target/npm/*.tgz, from scripts/build-npm.sh) into a
// fresh empty folder, as a user's `npm install` would: what the tests load is what the
// tarball holds, not the build folder.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** The tarball's path; throws with what to run when it was not built. */
export function tarball() {
  const dir = path.join(root, "target/npm");
  const found = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".tgz")) : [];
  if (found.length !== 1) {
    throw new Error(`expected one target/npm/*.tgz, found ${found.length}: run bash scripts/build-npm.sh first`);
  }
  return path.join(dir, found[0]);
}

/** A new folder with only a package.json and the package installed; returns its path. */
export function installInEmptyFolder() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "storage-check-npm-"));
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  // The package has no dependencies: nothing is fetched (--offline proves it).
  execFileSync("npm", ["install", "--offline", "--no-audit", "--no-fund", "--silent", tarball()], { cwd: dir, stdio: "pipe" });
  return dir;
}

/** The version in the crate's Cargo.toml (npm/Cargo.toml), which the package must carry. */
export function crateVersion() {
  const toml = fs.readFileSync(path.join(root, "npm/Cargo.toml"), "utf8");
  return toml.match(/^version = "([^"]+)"/m)[1];
}

/** A v0 file with an unknown key (K001) and an entry with no storage at all (V001). */
export const BROKEN = "persistence:\n  outputs:\n    out:\n      mountPath: /outputs\n  data:\n    data1:\n      mountPath: /data\n      existingclaim: data-pvc\n";
