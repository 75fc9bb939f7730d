/**
 * `npm run bench:rounds [-- SIZES...]`: what a NewRound costs as the active set grows. For each
 * active-set size N (default 10, 25, 50, 100) it generates 34 rounds with N orchestrators, all
 * active, indexes them (in memory, to time the handlers alone) and reports, per NewRound
 * handler run, the entities written and the time, against the other handlers' mean.
 * The staking metrics update every member of the active set at NewRound and nothing per
 * delegator, so writes should grow linearly in N and not at all with the number of delegators.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { createDatasetSource } from "../runtime/src/chain/dataset.ts";
import { manifestModules } from "../runtime/src/indexer/build.ts";
import { Indexer, minStartBlock } from "../runtime/src/indexer/indexer.ts";
import { createMemoryIndexingStore } from "../runtime/src/indexer/store.ts";
import { loadManifest } from "../runtime/src/manifest/manifest.ts";
import { loadSchema } from "../runtime/src/schema/model.ts";
import { ROOT } from "./abi.ts";
import { generate } from "./generate.ts";
import { builtManifest } from "./index.ts";

const sizes = (process.argv.slice(2).length > 0 ? process.argv.slice(2) : ["10", "25", "50", "100"]).map(Number);
const manifest = loadManifest(builtManifest());
const schema = loadSchema(readFileSync(manifest.schemaFile, "utf8"));
const loadModule = manifestModules(manifest, ROOT);

type Runs = { ms: number[]; writes: number[] };

function summary(runs: Runs) {
  const ms = [...runs.ms].sort((a, b) => a - b);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1);
  return { count: ms.length, meanMs: mean(ms), p50Ms: ms[Math.floor(ms.length / 2)] ?? 0, maxMs: ms.at(-1) ?? 0, meanWrites: mean(runs.writes) };
}

console.log("| active set N | NewRound runs | writes / NewRound | writes / N | ms / NewRound (mean, p50, max) | other handlers: runs, ms mean, writes mean |");
console.log("| --- | --- | --- | --- | --- | --- |");
for (const n of sizes) {
  const file = path.join(ROOT, ".data", "bench", `rounds-${n}.jsonl`);
  if (!existsSync(file)) {
    generate({
      seed: 1,
      out: file,
      scale: { rounds: 34, orchestrators: n, lateOrchestrators: 0, numActiveTranscoders: n, delegators: 2 * n, broadcasters: 5, actionsPerRound: 20, ticketsPerRound: 10 },
    });
  }
  const newRound: Runs = { ms: [], writes: [] };
  const other: Runs = { ms: [], writes: [] };
  const result = await new Indexer({
    manifest,
    schema,
    store: createMemoryIndexingStore(),
    source: createDatasetSource(file, { startBlock: minStartBlock(manifest) }),
    loadModule,
    onHandler: ({ handler, ms, writes }) => {
      const into = handler === "handleNewRound" ? newRound : other;
      into.ms.push(ms);
      into.writes.push(writes);
    },
  }).run();
  if (result.outcome !== "done") throw new Error(`indexing ${file} ${result.outcome}: ${result.error?.message}`);
  const r = summary(newRound);
  const o = summary(other);
  console.log(
    `| ${n} | ${r.count} | ${r.meanWrites.toFixed(1)} | ${(r.meanWrites / n).toFixed(2)} | ${r.meanMs.toFixed(2)}, ${r.p50Ms.toFixed(2)}, ${r.maxMs.toFixed(2)} | ${o.count}, ${o.meanMs.toFixed(3)}, ${o.meanWrites.toFixed(2)} |`,
  );
}
