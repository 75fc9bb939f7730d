#!/usr/bin/env node
// `npm start`: the Livepeer subgraph indexed from the bundled (generated, seeded) dataset into an
// embedded PGlite store, offline, then served at http://127.0.0.1:8000/subgraphs/name/livepeer.
// Arguments after `--` go to `subgraph-runtime index` (e.g. `npm start -- --port 8001 --name lp`).
//
// Each step is skipped when its output is newer than its inputs: the build (graph codegen +
// graph build), the dataset (dataset/generate.ts, seed 1), and the index itself (the store
// resumes from its last block, and a changed dataset gets its own store).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DATASET = path.join(root, ".data", "livepeer-seed1.jsonl");
const MANIFEST = path.join(root, "build", "subgraph.yaml");

function newest(paths) {
  let latest = 0;
  for (const p of paths) {
    const full = path.join(root, p);
    if (!existsSync(full)) continue;
    const stat = statSync(full);
    if (stat.isDirectory()) latest = Math.max(latest, newest(readdirSync(full).map((name) => path.join(p, name))));
    else latest = Math.max(latest, stat.mtimeMs);
  }
  return latest;
}

function isCurrent(output, inputs) {
  return existsSync(output) && statSync(output).mtimeMs >= newest(inputs);
}

function step(title, command, args) {
  process.stderr.write(`\n▶ ${title}\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", shell: process.platform === "win32" });
  if (result.status !== 0) {
    process.stderr.write(`\n✖ ${title} failed (exit code ${result.status ?? result.signal}). Fix the error above and run npm start again.\n`);
    process.exit(result.status ?? 1);
  }
}

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
if (!isCurrent(MANIFEST, ["schema.graphql", "subgraph.yaml", "networks.json", "abis", "src"])) {
  step("Generating types (graph codegen)", npm, ["run", "--silent", "codegen"]);
  step("Compiling the mappings (graph build)", npm, ["run", "--silent", "build"]);
}
if (!isCurrent(DATASET, ["dataset"])) {
  step("Generating the Livepeer dataset (seed 1)", process.execPath, ["--import", "tsx", "dataset/generate.ts", "--seed", "1", "--out", DATASET, "--scale", "small"]);
}

// One store per dataset content: a regenerated dataset never meets an index of the old one.
const digest = createHash("sha256").update(readFileSync(DATASET)).digest("hex").slice(0, 12);
const bin = path.join(root, "node_modules", "subgraph-runtime", "bin", "subgraph-runtime.js");
const args = [bin, "index", MANIFEST, "--dataset", DATASET, "--data-dir", path.join(root, ".data", `pglite-${digest}`), "--name", "livepeer"];
process.stderr.write(`\n▶ Indexing ${path.relative(root, DATASET)} and serving GraphQL\n`);
const indexer = spawnSync(process.execPath, [...args, ...process.argv.slice(2)], { cwd: root, stdio: "inherit" });
process.exit(indexer.status ?? 1);
