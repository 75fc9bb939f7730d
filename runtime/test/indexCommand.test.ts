// `subgraph-runtime index` as a user runs it: a child process on a PGlite data directory, killed
// with SIGKILL mid-run and restarted, serving GraphQL while it indexes, and failing clearly.
import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { openDriver } from "../src/store/sql/driver.ts";
import { dropNamespace, openExistingStore, type SqlStore } from "../src/store/sql/store.ts";
import { uniqueNamespace } from "./helpers/backends.ts";
import { FakeNode } from "./helpers/fakeNode.ts";
import { plainEntity } from "./helpers/indexerFixture.ts";
import { LEDGER_TYPES, ledgerFixture, writeLedgerDataset, type LedgerDataset } from "./helpers/ledgerDataset.ts";

const bin = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "bin", "subgraph-runtime.js");
const manifest = path.join(ledgerFixture, "subgraph.yaml");
const dir = mkdtempSync(path.join(tmpdir(), "index-command-"));
const env = { ...process.env, NO_COLOR: "1", DATABASE_URL: "" };

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", env, timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts the CLI; `lines` collects stdout and stderr lines as they come. */
function start(args: string[]): { child: ChildProcess; lines: string[]; exited: Promise<{ code: number | null; signal: string | null }> } {
  const child = spawn(process.execPath, [bin, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
  const lines: string[] = [];
  for (const stream of [child.stdout!, child.stderr!]) {
    let rest = "";
    stream.on("data", (chunk: Buffer) => {
      const parts = (rest + chunk.toString("utf8")).split("\n");
      rest = parts.pop()!;
      lines.push(...parts);
    });
  }
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  return { child, lines, exited };
}

/** Resolves once a line matches `pattern` (checked as lines arrive), or rejects when the child exits first. */
async function waitForLine(run: ReturnType<typeof start>, pattern: RegExp, count = 1): Promise<RegExpMatchArray> {
  for (;;) {
    const matches = run.lines.map((l) => l.match(pattern)).filter((m): m is RegExpMatchArray => m !== null);
    if (matches.length >= count) return matches[count - 1];
    if (run.child.exitCode !== null || run.child.signalCode !== null) {
      throw new Error(`the CLI exited before printing ${pattern}:\n${run.lines.join("\n")}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Resolves once a progress line shows block `min` or later. */
async function waitForBlock(run: ReturnType<typeof start>, min: number): Promise<void> {
  for (;;) {
    const shown = run.lines.map((l) => /^block ([\d,]+)\//.exec(l)?.[1]).filter((n) => n !== undefined).map((n) => Number(n.replaceAll(",", "")));
    if (shown.some((n) => n >= min)) return;
    if (run.child.exitCode !== null || run.child.signalCode !== null) {
      throw new Error(`the CLI exited before reaching block ${min}:\n${run.lines.join("\n")}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Everything indexing wrote: every version of every entity, the block table, data sources and cursor. */
/** Where a run's store lives: a PGlite directory, or a namespace of the PostgreSQL server. */
type StoreAt = { args: string[]; open: { dataDir?: string; databaseUrl?: string; namespace?: string } };

function pgliteAt(dataDir: string): StoreAt {
  return { args: ["--data-dir", dataDir], open: { dataDir } };
}

function postgresAt(url: string, namespace: string): StoreAt {
  return { args: ["--database", url, "--namespace", namespace], open: { databaseUrl: url, namespace } };
}

async function snapshot(at: StoreAt) {
  const store: SqlStore = await openExistingStore({ ...at.open, name: "ledger" });
  try {
    const out: Record<string, unknown> = {};
    for (const type of LEDGER_TYPES) {
      const t = store.layout.tables.get(type)!;
      const range = t.immutable ? `"block$" as lower, null as upper` : "lower(block_range) as lower, upper(block_range) as upper";
      out[`${type} versions`] = await store.driver.query(`select id::text as id, ${range} from ${t.qualified} order by 1, 2`);
      out[type] = (await store.currentEntities(type)).map(plainEntity).sort((a, b) => String(a.id).localeCompare(String(b.id)));
    }
    out.blocks = await store.recentBlocks(1_000_000);
    out.dataSources = await store.dynamicDataSources();
    out.latest = (await store.status()).latestBlock;
    return out;
  } finally {
    await store.close();
  }
}

async function latestBlock(at: StoreAt): Promise<number | null> {
  const store = await openExistingStore({ ...at.open, name: "ledger" });
  try {
    return (await store.status()).latestBlock?.number ?? null;
  } finally {
    await store.close();
  }
}

const query = `{ token(id: "0") { transfers handlerRuns } wallets(first: 1) { id } _meta { block { number } hasIndexingErrors } }`;

async function graphql(url: string): Promise<any> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) });
  return response.json();
}

describe("subgraph-runtime index (CLI)", () => {
  let data: LedgerDataset;
  let small: LedgerDataset;
  before(() => {
    data = writeLedgerDataset(path.join(dir, "ledger.jsonl"), { blocks: 1500, eventsPerBlock: 8, spawnEvery: 100 });
    small = writeLedgerDataset(path.join(dir, "small.jsonl"), { blocks: 60, eventsPerBlock: 4, spawnEvery: 20 });
  });

  const crashCases: Array<{ backend: string; whole: () => StoreAt; crashed: () => StoreAt }> = [
    { backend: "pglite", whole: () => pgliteAt(path.join(dir, "whole")), crashed: () => pgliteAt(path.join(dir, "crashed")) },
  ];
  const url = process.env.DATABASE_URL;
  if (url) {
    const whole = uniqueNamespace();
    const crashed = uniqueNamespace();
    crashCases.push({ backend: "postgres", whole: () => postgresAt(url, whole), crashed: () => postgresAt(url, crashed) });
    after(async () => {
      const driver = await openDriver({ databaseUrl: url });
      await dropNamespace(driver, whole);
      await dropNamespace(driver, crashed);
      await driver.close();
    });
  }

  for (const { backend, whole: wholeAt, crashed: crashedAt } of crashCases)
  test(`killed with SIGKILL at several points and restarted, it ends with exactly the state of an uninterrupted run (${backend})`, async () => {
    const args = (at: StoreAt) => ["index", manifest, "--dataset", data.file, ...at.args, "--exit", "--port", "0"];
    const whole = wholeAt();
    const uninterrupted = start(args(whole));
    assert.deepEqual(await uninterrupted.exited, { code: 0, signal: null }, uninterrupted.lines.join("\n"));

    const crashed = crashedAt();
    const small = ["--batch-blocks", "10", "--progress-interval", "50"];
    // Each run is killed once its progress shows a block past a target, so every kill lands later
    // in the chain than the last whatever the machine's speed (counting progress lines did not:
    // on a slow start they all came before the first commit after a restart).
    const span = data.last - data.first;
    const stops: number[] = [];
    for (const share of [0.2, 0.4, 0.6, 0.8]) {
      const target = data.first + Math.floor(span * share);
      const run = start([...args(crashed), ...small]);
      await waitForBlock(run, target);
      run.child.kill("SIGKILL");
      assert.equal((await run.exited).signal, "SIGKILL", "the kill landed before the run ended");
      const at = await latestBlock(crashed);
      if (at !== null) stops.push(at);
    }
    const finish = start([...args(crashed), ...small]);
    assert.deepEqual(await finish.exited, { code: 0, signal: null }, finish.lines.join("\n"));
    const midRun = stops.filter((n) => n > data.first && n < data.last);
    assert.ok(new Set(midRun).size >= 3, `kills landed mid-run at least 3 times (committed blocks at the kills: ${stops.join(", ")})`);
    assert.deepEqual(await snapshot(crashed), await snapshot(whole));
  });

  test("serves GraphQL and /status while indexing and after, until SIGINT; `serve` reads the same store", async () => {
    const dataDir = path.join(dir, "served");
    const run = start(["index", manifest, "--dataset", small.file, "--data-dir", dataDir, "--port", "0"]);
    const url = (await waitForLine(run, /on (http:\/\/127\.0\.0\.1:\d+\/subgraphs\/name\/ledger)$/))[1];
    await waitForLine(run, /^Indexing finished; serving/);
    const indexed = await graphql(url);
    assert.equal(indexed.data._meta.block.number, small.last);
    assert.equal(indexed.data._meta.hasIndexingErrors, false);
    assert.equal(indexed.data.token.handlerRuns, 1, "every handler starts from a fresh instance state");
    assert.equal(indexed.data.wallets.length, 1);
    const status = await (await fetch(url.replace(/\/subgraphs\/name\/ledger$/, "/status"))).json();
    assert.equal(status.indexedBlock.number, small.last);
    assert.equal(status.head, small.last);
    assert.equal(status.lag, 0);
    assert.equal(typeof status.eventsPerSecond, "number");
    run.child.kill("SIGINT");
    assert.deepEqual(await run.exited, { code: 0, signal: null });

    const serve = start(["serve", "--data-dir", dataDir, "--port", "0"]);
    try {
      const served = (await waitForLine(serve, /on (http:\/\/127\.0\.0\.1:\d+\/subgraphs\/name\/ledger)/))[1];
      assert.deepEqual(await graphql(served), indexed);
    } finally {
      serve.child.kill("SIGINT");
      await serve.exited;
    }
  });

  test("a failing handler exits 1 with --exit, naming block, data source, handler and the error", () => {
    const failing = writeLedgerDataset(path.join(dir, "failing.jsonl"), { blocks: 10, eventsPerBlock: 2, failAt: 15 });
    const run = cli("index", manifest, "--dataset", failing.file, "--data-dir", path.join(dir, "failing"), "--exit", "--port", "0");
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stderr, /Indexing failed at block 15 \(0x[0-9a-f]{64}\), data source Token, handler handleFail:\n {2}.*failing on purpose with code 7/);
  });

  test("a manifest error exits 1 with the manifest's message", () => {
    const broken = mkdtempSync(path.join(tmpdir(), "index-manifest-"));
    for (const name of ["schema.graphql", "abis", "src"]) cpSync(path.join(ledgerFixture, name), path.join(broken, name), { recursive: true });
    writeFileSync(path.join(broken, "subgraph.yaml"), readFileSync(manifest, "utf8").replace("event: Spawn(address)", "event: Spawn(uint256)"));
    const run = cli("index", path.join(broken, "subgraph.yaml"), "--dataset", small.file, "--exit");
    assert.equal(run.status, 1);
    assert.match(run.stderr, /subgraph\.yaml: dataSources\[0\]\.mapping\.eventHandlers\[1\]\.event `Spawn\(uint256\)` is not an event of the data source's ABI/);
  });

  test("a malformed dataset line exits 1 naming the line and the field", () => {
    const lines = readFileSync(small.file, "utf8").split("\n");
    lines[4] = lines[4].replace(/"timestamp":\d+/, '"timestamp":"soon"');
    const bad = path.join(dir, "bad.jsonl");
    writeFileSync(bad, lines.join("\n"));
    const run = cli("index", manifest, "--dataset", bad, "--data-dir", path.join(dir, "bad"), "--exit", "--port", "0");
    assert.equal(run.status, 1);
    assert.match(run.stderr, /bad\.jsonl:5: timestamp: /);
  });

  test("an unreachable JSON-RPC node exits 1 naming the URL and what to check", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const run = cli("index", manifest, "--rpc", `http://127.0.0.1:${port}`, "--exit", "--port", "0");
    assert.equal(run.status, 1);
    assert.match(run.stderr, new RegExp(`Cannot reach the JSON-RPC node at http://127\\.0\\.0\\.1:${port}: .*Check the URL and port`));
  });

  describe("with a JSON-RPC node on another chain", () => {
    const node = new FakeNode();
    before(() => node.start());
    after(() => node.stop());

    test("a wrong network exits 1 naming both chains", async () => {
      node.chainId = 42161;
      const run = spawn(process.execPath, [bin, "index", manifest, "--rpc", node.url, "--exit", "--port", "0"], { env });
      let stderr = "";
      run.stderr.on("data", (c) => (stderr += c));
      const code = await new Promise((resolve) => run.on("exit", resolve));
      assert.equal(code, 1);
      assert.match(stderr, /Wrong network: the JSON-RPC node at http:\/\/127\.0\.0\.1:\d+ serves chain 42161 \(arbitrum-one\), but the manifest's data sources are on `mainnet` \(chain 1\)/);
    });
  });
});
