// Indexing throughput (issue 5): a subgraph indexed from a recorded dataset into PGlite (on
// disk, as `index` does) and, when DATABASE_URL is set, PostgreSQL, set against two floors run
// in the same process: reading and decoding the dataset without handlers, and the handlers
// with an in-memory store.
//
//   npm run bench:index [-- MANIFEST DATASET]
//   BENCH_MANIFEST, BENCH_DATASET       the same as environment variables
//   BENCH_EVENTS (default 100000)       size of the generated dataset when none is given (the
//                                       ledger fixture: test/fixtures/ledger)
//   BENCH_RUNS=floor,memory,pglite,postgres   which runs to make (postgres needs DATABASE_URL)
//   BENCH_RUNS=…,writes                 also the database floor: the memory run's commits, kept in
//                                       memory and written again into PGlite and PostgreSQL with no
//                                       handler running (needs memory for every version written)
//   BENCH_BATCH                         blocks per database transaction (default: the indexer's)
//   BENCH_FRESH=1                       a fresh instance per handler instead of one reset instance
//   BENCH_PROGRESS_MS (default 30000)   how often each run prints its progress to stderr
//   BENCH_POSTPONE_INDEXES=0            attribute indexes maintained from the start (the time to
//                                       build them at the end is part of a run otherwise)
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createDatasetSource } from "../src/chain/dataset.ts";
import type { BlockSource } from "../src/chain/source.ts";
import { fromHex } from "../src/common/signedBytes.ts";
import { decodeEventLog } from "../src/host/ethereum.ts";
import { buildMappings } from "../src/cli/index.ts";
import { buildFilter, staticDataSources } from "../src/indexer/dataSources.ts";
import { Indexer, minStartBlock, type IndexingProgress } from "../src/indexer/indexer.ts";
import { createSqlIndexingStore } from "../src/indexer/sqlStore.ts";
import { createMemoryIndexingStore, type BlockCommit, type IndexingStore } from "../src/indexer/store.ts";
import { loadManifest, type Manifest } from "../src/manifest/manifest.ts";
import { loadSchema } from "../src/schema/model.ts";
import { openDriver } from "../src/store/sql/driver.ts";
import { dropNamespace, openStore, type SqlStore } from "../src/store/sql/store.ts";
import { ledgerFixture, writeLedgerDataset } from "../test/helpers/ledgerDataset.ts";

const args = process.argv.slice(2);
const manifestFile = path.resolve(args[0] ?? process.env.BENCH_MANIFEST ?? path.join(ledgerFixture, "subgraph.yaml"));
const RUNS = (process.env.BENCH_RUNS ?? "floor,memory,pglite,postgres").split(",");
// As `index` does; BENCH_POSTPONE_INDEXES=0 builds the attribute indexes with the tables.
const POSTPONE_INDEXES = process.env.BENCH_POSTPONE_INDEXES !== "0";
const PROGRESS_MS = Number(process.env.BENCH_PROGRESS_MS ?? 30_000);
const BATCH = process.env.BENCH_BATCH ? { blocks: Number(process.env.BENCH_BATCH) } : undefined;

function defaultDataset(): string {
  const events = Number(process.env.BENCH_EVENTS ?? 100_000);
  const dir = path.join(tmpdir(), "subgraph-runtime-bench");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `ledger-${events}.jsonl`);
  if (!existsSync(file)) writeLedgerDataset(file, { blocks: Math.ceil(events / 10), eventsPerBlock: 10 });
  return file;
}

const datasetFile = path.resolve(args[1] ?? process.env.BENCH_DATASET ?? defaultDataset());

type Result = {
  run: string;
  events: number;
  entityVersions: number;
  blocks: number;
  ms: number;
  peakRssMb: number;
  ethCalls: number;
  /** CPU time of this process (all its threads) during the run: steadier than wall time on a busy machine. */
  cpuMs: number;
};

/** Samples the resident set size while `body` runs. */
async function withPeakRss<T>(body: () => Promise<T>): Promise<{ value: T; peakRssMb: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  try {
    const value = await body();
    peak = Math.max(peak, process.memoryUsage().rss);
    const used = process.cpuUsage(cpu);
    return { value, peakRssMb: peak / 2 ** 20, cpuMs: (used.user + used.system) / 1000 };
  } finally {
    clearInterval(timer);
  }
}

/** The source with its contract reads counted (answers handlers got, fetched or recorded). */
function countingSource(source: BlockSource): { source: BlockSource; calls: () => number } {
  let count = 0;
  const calls = {
    lookup: (block: Parameters<BlockSource["calls"]["lookup"]>[0], request: Parameters<BlockSource["calls"]["lookup"]>[1]) => {
      const answer = source.calls.lookup(block, request);
      if (answer !== undefined) count++;
      return answer;
    },
    fetch: source.calls.fetch.bind(source.calls),
  };
  const wrapped: BlockSource = {
    get network() {
      return source.network;
    },
    head: () => source.head(),
    stream: (options) => source.stream(options),
    refetch: (block, filter) => source.refetch(block, filter),
    calls,
    close: () => source.close(),
  };
  return { source: wrapped, calls: () => count };
}

/** The floor: the dataset read, matched against the manifest's handlers and decoded; no handler runs. */
async function floor(manifest: Manifest): Promise<Result> {
  const dataSources = staticDataSources(manifest);
  const filter = buildFilter(dataSources, manifest.templates, 1);
  // Template instances are not known without running handlers; their topics are matched on any address.
  const handlers = new Map<string, Manifest["dataSources"][number]["mapping"]["eventHandlers"][number]>();
  for (const ds of [...manifest.dataSources, ...manifest.templates]) for (const h of ds.mapping.eventHandlers) handlers.set(h.topic0, h);
  const source = createDatasetSource(datasetFile, { startBlock: minStartBlock(manifest) });
  let events = 0;
  let blocks = 0;
  const started = performance.now();
  const { peakRssMb, cpuMs } = await withPeakRss(async () => {
    for await (const e of source.stream({ from: minStartBlock(manifest), parent: null, filter })) {
      if (e.kind !== "block") continue;
      blocks++;
      for (const log of e.block.logs) {
        const h = handlers.get(log.topics[0] ?? "");
        if (!h) continue;
        decodeEventLog(h.abiEvent, log.topics.map(fromHex), fromHex(log.data));
        events++;
      }
    }
  });
  return { run: "floor: read + decode", events, entityVersions: 0, blocks, ms: performance.now() - started, peakRssMb, ethCalls: 0, cpuMs };
}

async function indexRun(name: string, manifest: Manifest, store: IndexingStore, schemaSdl: string, loadModule: (file: string) => WebAssembly.Module | Uint8Array): Promise<Result> {
  const counted = countingSource(createDatasetSource(datasetFile, { startBlock: minStartBlock(manifest) }));
  let last: IndexingProgress | null = null;
  // A line to stderr every interval: the rate over the last interval shows how it changes
  // along the chain, which the final average hides.
  let previous = { events: 0, ms: 0 };
  const report = (p: IndexingProgress) => {
    last = p;
    const rate = ((p.events - previous.events) / ((p.elapsedMs - previous.ms) / 1000)) | 0;
    const rss = (process.memoryUsage().rss / 2 ** 20) | 0;
    console.error(`  ${name}: block ${p.block}, ${p.events.toLocaleString("en-US")} events, ${rate.toLocaleString("en-US")} events/s lately, RSS ${rss} MB`);
    previous = { events: p.events, ms: p.elapsedMs };
  };
  const started = performance.now();
  const { value: result, peakRssMb, cpuMs } = await withPeakRss(() =>
    new Indexer({
      manifest,
      schema: loadSchema(schemaSdl, { specVersion: manifest.specVersion }),
      store,
      source: counted.source,
      loadModule,
      batch: BATCH,
      onProgress: report,
      log: (_level, message) => console.error(`  ${name}: ${message}`),
      progressIntervalMs: PROGRESS_MS,
    }).run(),
  );
  const ms = performance.now() - started;
  if (result.outcome !== "done") throw new Error(`${name}: indexing ${result.outcome}: ${result.error?.message ?? ""}`);
  const p = last as IndexingProgress | null;
  return { run: name, events: p?.events ?? 0, entityVersions: p?.entityVersions ?? 0, blocks: p?.blocks ?? 0, ms, peakRssMb, ethCalls: counted.calls(), cpuMs };
}

type RecordedBatch = { batch: BlockCommit[]; cursor: Parameters<IndexingStore["commitBlocks"]>[1] };

/** The store with every batch committed to it kept, in order, for `replay`. */
function recording(store: IndexingStore, batches: RecordedBatch[]): IndexingStore {
  return new Proxy(store, {
    get(target, key, receiver) {
      if (key !== "commitBlocks") return Reflect.get(target, key, receiver);
      return (batch: BlockCommit[], cursor?: RecordedBatch["cursor"]) => {
        batches.push({ batch, cursor });
        return target.commitBlocks(batch, cursor);
      };
    },
  });
}

/**
 * The database floor: the batches an indexing run committed, written again in the same
 * transactions with no handler running, postponed indexes built at the end as the indexer
 * builds them. No indexing run can write faster than this.
 */
async function replay(name: string, store: IndexingStore, batches: RecordedBatch[], events: number): Promise<Result> {
  const started = performance.now();
  let versions = 0;
  let blocks = 0;
  const { peakRssMb, cpuMs } = await withPeakRss(async () => {
    for (const { batch, cursor } of batches) {
      await store.commitBlocks(batch, cursor);
      blocks += batch.length;
      for (const b of batch) versions += b.changes.length;
    }
    await store.settle?.();
    await store.caughtUp?.();
  });
  return { run: name, events, entityVersions: versions, blocks, ms: performance.now() - started, peakRssMb, ethCalls: 0, cpuMs };
}

function print(results: Result[]): void {
  const rate = (n: number, ms: number) => Math.round(n / (ms / 1000)).toLocaleString("en-US");
  const rows = results.map((r) => [
    r.run,
    r.events.toLocaleString("en-US"),
    rate(r.events, r.ms),
    rate(r.entityVersions, r.ms),
    rate(r.blocks, r.ms),
    Math.round(r.peakRssMb).toString(),
    r.ethCalls.toLocaleString("en-US"),
    (r.ms / 1000).toFixed(1),
    (r.cpuMs / 1000).toFixed(1),
    rate(r.events, r.cpuMs),
  ]);
  const head = ["run", "events", "events/s", "versions/s", "blocks/s", "peak RSS MB", "eth_calls", "wall s", "cpu s", "events/cpu-s"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  console.log(line(head));
  for (const r of rows) console.log(line(r));
}

async function main(): Promise<void> {
  const manifest = loadManifest(manifestFile);
  const projectDir = path.dirname(manifestFile);
  const schemaSdl = readFileSync(manifest.schemaFile, "utf8");
  const mappings = buildMappings(manifest, projectDir);
  const loadModule = (file: string) => (process.env.BENCH_FRESH === "1" ? mappings.get(file)!.module : mappings.get(file)!.bytes);
  const specVersion = /^\d+\.\d+\.\d+$/.test(manifest.specVersion) ? manifest.specVersion : undefined;
  console.log(`manifest ${path.relative(process.cwd(), manifestFile)}\ndataset  ${path.relative(process.cwd(), datasetFile)}\n`);
  const results: Result[] = [];
  const open = (extra: { dataDir?: string; databaseUrl?: string; namespace?: string }) =>
    openStore({ ...extra, postponeAttributeIndexes: POSTPONE_INDEXES, name: "bench", schema: schemaSdl, specVersion, startBlock: minStartBlock(manifest) });

  if (RUNS.includes("floor")) results.push(await floor(manifest));
  const recorded: RecordedBatch[] = [];
  let handlerEvents = 0;
  if (RUNS.includes("memory") || RUNS.includes("writes")) {
    const memory = createMemoryIndexingStore({ historyBlocks: 0 });
    const store = RUNS.includes("writes") ? recording(memory, recorded) : memory;
    const result = await indexRun("handlers + memory store", manifest, store, schemaSdl, loadModule);
    results.push(result);
    handlerEvents = result.events;
  }

  const withPglite = async (body: (store: SqlStore) => Promise<Result>) => {
    const dir = mkdtempSync(path.join(tmpdir(), "bench-index-"));
    let store: SqlStore | null = null;
    try {
      store = await open({ dataDir: dir });
      results.push(await body(store));
    } finally {
      await store?.close();
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const url = process.env.DATABASE_URL;
  const withPostgres = async (body: (store: SqlStore) => Promise<Result>) => {
    const namespace = `bench_index_${process.pid}`;
    const store = await open({ databaseUrl: url, namespace });
    try {
      results.push(await body(store));
    } finally {
      await store.close();
      const driver = await openDriver({ databaseUrl: url });
      await dropNamespace(driver, namespace);
      await driver.close();
    }
  };
  if (RUNS.includes("writes")) {
    await withPglite(async (store) => replay("writes only: PGlite", await createSqlIndexingStore(store), recorded, handlerEvents));
    if (url) await withPostgres(async (store) => replay("writes only: PostgreSQL", await createSqlIndexingStore(store), recorded, handlerEvents));
    recorded.length = 0;
  }
  if (RUNS.includes("pglite")) {
    await withPglite(async (store) => indexRun("PGlite (on disk)", manifest, await createSqlIndexingStore(store), schemaSdl, loadModule));
  }
  if (RUNS.includes("postgres") && url) {
    await withPostgres(async (store) => indexRun("PostgreSQL", manifest, await createSqlIndexingStore(store), schemaSdl, loadModule));
  }
  print(results);
}

await main();
