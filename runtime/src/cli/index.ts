/**
 * `subgraph-runtime index`: indexes a subgraph from a recorded dataset or a JSON-RPC node into
 * the SQL store, serving its GraphQL API while it runs. Only wires modules together.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createDatasetSource, DatasetError } from "../chain/dataset.ts";
import { createFileCallCache, createRpcSource } from "../chain/rpc.ts";
import type { BlockSource } from "../chain/source.ts";
import { errorMessage, RetryableError } from "../common/errors.ts";
import { compileManifestMappings, type CompiledMapping } from "../indexer/build.ts";
import { Indexer, minStartBlock, type IndexingResult } from "../indexer/indexer.ts";
import { createSqlIndexingStore } from "../indexer/sqlStore.ts";
import { loadManifest, ManifestError, type Manifest } from "../manifest/manifest.ts";
import { startServer, type RunningServer } from "../server/http.ts";
import { openStore, type SqlStore } from "../store/sql/store.ts";
import { createProgressPrinter } from "./progress.ts";

export interface IndexOptions {
  /** subgraph.yaml. */
  manifestFile: string;
  /** networks.json entry to apply (`graph build --network`). */
  network?: string;
  /** A recorded dataset (gnd-test `.json`, raw `.jsonl` or `.jsonl.gz`). */
  dataset?: string;
  /** A JSON-RPC node. */
  rpc?: string;
  /** PostgreSQL URL; PGlite in `dataDir` when absent. */
  databaseUrl?: string;
  /** The store's metadata schema; deployments' schemas are named after it (default `subgraphs`). */
  namespace?: string;
  /** PGlite data directory (default `.data/` beside the manifest). */
  dataDir?: string;
  port: number;
  host: string;
  /** Subgraph name (default: the manifest's folder name). */
  name?: string;
  /** First block when the store is empty. */
  from?: number;
  /** Last block to index. */
  to?: number;
  /** Stop when indexing ends or fails instead of serving until Ctrl-C. */
  exit: boolean;
  /** Blocks per database transaction (default: the indexer's). */
  batchBlocks?: number;
  /** Blocks behind the head an RPC chain can no longer reorganize (default 64). */
  finalityDepth?: number;
  /** Lines of progress when stderr is not a terminal, this far apart (default 5 s). */
  progressIntervalMs?: number;
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream & { isTTY?: boolean };
  /** Stops indexing and serving (default: SIGINT/SIGTERM). */
  signal?: AbortSignal;
}

/** graph-node network names of the chains whose ids we can check. */
const CHAIN_IDS: Record<string, number> = {
  mainnet: 1,
  sepolia: 11155111,
  holesky: 17000,
  goerli: 5,
  "arbitrum-one": 42161,
  "arbitrum-sepolia": 421614,
  optimism: 10,
  "optimism-sepolia": 11155420,
  base: 8453,
  matic: 137,
  gnosis: 100,
  bsc: 56,
  avalanche: 43114,
};

/** A command-line mistake: printed as it is, exit code 1. */
class UsageError extends Error {}

/** Indexes and serves; resolves with the exit code. */
export async function runIndexCommand(options: IndexOptions): Promise<number> {
  const fail = (message: string) => {
    options.err.write(`${message}\n`);
    return 1;
  };
  const stop = options.signal ? null : new AbortController();
  const signal = options.signal ?? stop!.signal;
  const onSignal = () => stop?.abort();
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  let source: BlockSource | null = null;
  let store: SqlStore | null = null;
  let server: RunningServer | null = null;
  try {
    const setup = await prepare(options);
    source = setup.source;
    store = setup.store;
    const { manifest, modules, name } = setup;
    const indexing = await createSqlIndexingStore(store);
    try {
      server = await startServer({ store, name, port: options.port, host: options.host });
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === "EADDRINUSE") throw new UsageError(`port ${options.port} on ${options.host} is in use; pick another with --port`);
      throw error;
    }
    options.out.write(`Serving ${name} (${store.deployment.id}) on ${server.url}/subgraphs/name/${name}\n`);

    const progress = createProgressPrinter(options.err, options.progressIntervalMs ?? 5000);
    let saving: Promise<void> | null = null;
    const resumed = await indexing.latestBlock();
    if (resumed && options.from !== undefined) progress.note(`The store is at block ${resumed.number}; resuming there, --from is ignored.`);
    const indexer = new Indexer({
      manifest,
      schema: store.model,
      store: indexing,
      source,
      loadModule: (file) => modules.get(file)!,
      from: options.from,
      to: options.to,
      batch: options.batchBlocks ? { blocks: options.batchBlocks } : undefined,
      progressIntervalMs: Math.min(1000, options.progressIntervalMs ?? 1000),
      signal,
      onProgress: (p) => {
        progress.update(p);
        // Only one status write at a time; a skipped one is replaced by the next report.
        saving ??= store!
          .setProgress({ chainHeadBlock: p.head, eventsPerSecond: p.eventsPerSecond })
          .catch(() => {})
          .finally(() => (saving = null));
      },
      log: (level, message, where) => {
        // graph-ts levels: 0 critical, 1 error, 2 warning, 3 info, 4 debug.
        if (level > 2 && where.handler !== undefined) return;
        const place = [where.block === undefined ? null : `block ${where.block}`, where.dataSource, where.handler].filter(Boolean).join(", ");
        progress.note(`${["CRITICAL", "ERROR", "WARN", "INFO", "DEBUG"][level] ?? "LOG"} ${message}${place ? ` (${place})` : ""}`);
      },
    });

    let result: IndexingResult;
    try {
      result = await indexer.run();
    } finally {
      progress.done();
      await saving;
    }
    // PGlite has no autovacuum: clear the dead versions before serving what was indexed.
    if (result.outcome !== "aborted") await indexing.vacuum();
    const code = report(result, options.err);
    if (result.outcome === "aborted" || options.exit) return code;
    options.err.write(
      result.outcome === "failed"
        ? `Still serving ${server.url}/subgraphs/name/${name} (_meta.hasIndexingErrors is true); Ctrl-C to stop.\n`
        : `Indexing finished; serving ${server.url}/subgraphs/name/${name} until Ctrl-C.\n`,
    );
    if (!signal.aborted) await new Promise((resolve) => signal.addEventListener("abort", resolve, { once: true }));
    return code;
  } catch (error) {
    return fail(explain(error, options));
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    await server?.close().catch(() => {});
    await source?.close().catch(() => {});
    await store?.close().catch(() => {});
  }
}

/** Manifest, mappings, source and store, each checked with a message that names the problem. */
async function prepare(options: IndexOptions) {
  const manifestFile = path.resolve(options.manifestFile);
  const projectDir = path.dirname(manifestFile);
  const manifest = loadManifest(manifestFile, { network: options.network });
  if (!options.dataset === !options.rpc) throw new UsageError("Give exactly one of --dataset FILE and --rpc URL.");
  const network = options.network ?? manifest.dataSources[0]?.network ?? manifest.templates[0]?.network ?? "";
  const modules = buildMappings(manifest, projectDir);
  const source = options.dataset
    ? await datasetSource(path.resolve(options.dataset), manifest, network)
    : await rpcSource(options, projectDir, network);
  if (options.from !== undefined && options.to !== undefined && options.from > options.to) {
    throw new UsageError(`--from ${options.from} is after --to ${options.to}`);
  }
  const name = options.name ?? path.basename(projectDir);
  const dataDir = options.databaseUrl ? undefined : path.resolve(options.dataDir ?? path.join(projectDir, ".data"));
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const store = await openStore({
    databaseUrl: options.databaseUrl,
    dataDir,
    namespace: options.namespace,
    name,
    schema: readFileSync(manifest.schemaFile, "utf8"),
    manifest: readFileSync(manifestFile),
    wasm: [...modules.values()].map((m) => m.bytes),
    specVersion: /^\d+\.\d+\.\d+$/.test(manifest.specVersion) ? manifest.specVersion : undefined,
    startBlock: minStartBlock(manifest),
    // Built once caught up (the indexer logs it): catching up writes far faster without them.
    postponeAttributeIndexes: true,
  });
  return { manifest, source, store, name, modules: new Map([...modules].map(([file, m]) => [file, m.bytes])) };
}

/** The manifest's mappings, compiled (cached) or read; a failure is a usage error. */
export function buildMappings(manifest: Manifest, projectDir: string): Map<string, CompiledMapping> {
  try {
    return compileManifestMappings(manifest, projectDir);
  } catch (error) {
    throw new UsageError(errorMessage(error));
  }
}

async function datasetSource(file: string, manifest: Manifest, network: string): Promise<BlockSource> {
  if (!existsSync(file)) throw new UsageError(`The dataset ${file} does not exist.`);
  const source = createDatasetSource(file, { startBlock: minStartBlock(manifest) });
  // Reads the header (raw JSONL) or the whole file (gnd-test JSON), which checks it.
  await source.head();
  if (source.network && network && source.network !== network) {
    throw new UsageError(`The dataset ${file} is for network \`${source.network}\`, but the manifest's data sources are on \`${network}\`.`);
  }
  return source;
}

async function rpcSource(options: IndexOptions, projectDir: string, network: string): Promise<BlockSource> {
  const url = options.rpc!;
  const shown = redact(url);
  let chainId: number;
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      signal: AbortSignal.timeout(15_000),
    });
    const body = (await response.json()) as { result?: string; error?: { message?: string } };
    if (!response.ok || typeof body.result !== "string") {
      throw new Error(body.error?.message ?? `HTTP ${response.status}`);
    }
    chainId = Number(body.result);
  } catch (error) {
    const cause = errorMessage(error).replace(/^fetch failed: ?/, "");
    throw new UsageError(
      `Cannot reach the JSON-RPC node at ${shown}: ${cause || "no answer"}. Check the URL and port, that the node is running, ` +
        `and that it answers eth_chainId over HTTP.`,
    );
  }
  const expected = CHAIN_IDS[network];
  const actual = Object.entries(CHAIN_IDS).find(([, id]) => id === chainId)?.[0];
  if (expected !== undefined && expected !== chainId) {
    throw new UsageError(
      `Wrong network: the JSON-RPC node at ${shown} serves chain ${chainId}${actual ? ` (${actual})` : ""}, ` +
        `but the manifest's data sources are on \`${network}\` (chain ${expected}).`,
    );
  }
  mkdirSync(path.join(projectDir, ".cache"), { recursive: true });
  return createRpcSource({
    url,
    network: network || actual || null,
    finalityDepth: options.finalityDepth,
    // With --exit the stream ends at the head instead of following it.
    follow: !options.exit,
    callCache: createFileCallCache(path.join(projectDir, ".cache", `calls-${chainId}.jsonl`)),
    onRetry: (method, attempt, error) => {
      if (attempt === 3) options.err.write(`\n${method} to ${shown} keeps failing (${errorMessage(error).split("\n")[0]}); retrying\n`);
    },
  });
}

/** The URL without what may be a key (`/v2/<key>`, credentials, query). */
function redact(url: string): string {
  try {
    const u = new URL(url);
    const hidden = u.pathname.length > 1 || u.search !== "" || u.username !== "";
    return `${u.protocol}//${u.host}${hidden ? "/…" : ""}`;
  } catch {
    return url;
  }
}

function report(result: IndexingResult, err: NodeJS.WritableStream): number {
  if (result.outcome === "failed" && result.error) {
    const e = result.error;
    const where = [e.dataSource && `data source ${e.dataSource}`, e.handler && `handler ${e.handler}`].filter(Boolean).join(", ");
    err.write(`Indexing failed at block ${e.block.number} (${e.block.hash})${where ? `, ${where}` : ""}:\n  ${e.message}\n`);
    return 1;
  }
  const at = result.latestBlock ? `block ${result.latestBlock.number}` : "no block";
  err.write(result.outcome === "aborted" ? `Stopped at ${at}.\n` : `Indexed up to ${at}.\n`);
  return 0;
}

function explain(error: unknown, options: IndexOptions): string {
  if (error instanceof UsageError || error instanceof ManifestError || error instanceof DatasetError) return error.message;
  if (error instanceof RetryableError && options.rpc) {
    return `The JSON-RPC node at ${redact(options.rpc)} failed: ${error.message}`;
  }
  return errorMessage(error);
}
