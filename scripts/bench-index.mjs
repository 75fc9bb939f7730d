#!/usr/bin/env node
// `npm run bench:index [-- EVENTS...]`: indexing throughput of the Livepeer subgraph on generated
// datasets (default 100k and 1M events), with the runtime's harness (runtime/bench/index.ts):
// the read+decode floor, handlers on an in-memory store, PGlite, and PostgreSQL when
// DATABASE_URL is set. Datasets are generated once (seed 1) into .data/bench/.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const sizes = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ["100000", "1000000"];
const manifest = path.join(root, "build", "subgraph.yaml");

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", ...options });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!existsSync(manifest)) {
  console.error(`${path.relative(root, manifest)} is missing: run \`npm run codegen && npm run build\` first.`);
  process.exit(1);
}
for (const size of sizes) {
  if (!/^\d+$/.test(size)) {
    console.error(`not an event count: ${size}`);
    process.exit(1);
  }
  const dataset = path.join(root, ".data", "bench", `livepeer-${size}.jsonl`);
  if (!existsSync(dataset)) {
    run(process.execPath, ["--import", "tsx", "dataset/generate.ts", "--seed", "1", "--out", dataset, "--scale", size]);
  }
  console.log(`\n## Livepeer, ${Number(size).toLocaleString("en-US")} events (${path.relative(root, dataset)})\n`);
  run(process.execPath, ["--import", "tsx", "bench/index.ts", manifest, dataset], { cwd: path.join(root, "runtime") });
}
