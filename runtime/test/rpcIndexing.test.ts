// End to end over JSON-RPC: the ledger fixture indexed through createRpcSource from a loopback
// node into the SQL store, with the chain reorganized near the head and with faulty responses.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { createDatasetSource } from "../src/chain/dataset.ts";
import { createRpcSource, type RpcSourceOptions } from "../src/chain/rpc.ts";
import type { BlockSource } from "../src/chain/source.ts";
import { buildMappings } from "../src/cli/index.ts";
import { Indexer } from "../src/indexer/indexer.ts";
import { createSqlIndexingStore, type SqlIndexingStore } from "../src/indexer/sqlStore.ts";
import { loadManifest, type Manifest } from "../src/manifest/manifest.ts";
import type { SqlDriver } from "../src/store/sql/driver.ts";
import { backends, freshStore } from "./helpers/backends.ts";
import { FakeNode, FAULTS, forkChain, readChain } from "./helpers/fakeNode.ts";
import { plainEntity } from "./helpers/indexerFixture.ts";
import { LEDGER_START, LEDGER_TYPES, ledgerFixture, writeLedgerDataset } from "./helpers/ledgerDataset.ts";

const dir = mkdtempSync(path.join(tmpdir(), "rpc-indexing-"));
let manifest: Manifest;
let schemaSdl: string;
let bytes: Map<string, Uint8Array>;
let node: FakeNode;
const fast: Partial<RpcSourceOptions> = { retry: { attempts: 30, baseMs: 1, maxMs: 5 }, timeoutMs: 150, initialRange: 8, pollIntervalMs: 5 };

before(async () => {
  manifest = loadManifest(path.join(ledgerFixture, "subgraph.yaml"));
  schemaSdl = readFileSync(manifest.schemaFile, "utf8");
  bytes = new Map([...buildMappings(manifest, ledgerFixture)].map(([file, m]) => [file, m.bytes]));
  node = new FakeNode();
  await node.start();
});

after(() => node.stop());

/** Every current entity of each type (sorted by id), the dynamic data sources and the cursor. */
async function dump(store: SqlIndexingStore) {
  const entities: Record<string, unknown[]> = {};
  for (const type of LEDGER_TYPES) {
    entities[type] = (await store.store.currentEntities(type)).map(plainEntity).sort((a, b) => String(a.id).localeCompare(String(b.id)));
  }
  return { entities, dataSources: await store.loadDynamicDataSources(), latest: (await store.latestBlock())?.number };
}

function indexer(store: SqlIndexingStore, source: BlockSource, options: { to?: number; signal?: AbortSignal; onProgress?: (block: number) => void } = {}) {
  return new Indexer({
    manifest,
    schema: store.store.model,
    store,
    source,
    loadModule: (file) => bytes.get(file)!,
    to: options.to,
    signal: options.signal,
    batch: { blocks: 7 },
    progressIntervalMs: 0,
    onProgress: (p) => options.onProgress?.(p.block),
  });
}

for (const backend of backends()) {
  describe(`indexing over JSON-RPC (${backend.name})`, () => {
    let driver: SqlDriver;
    const drops: Array<() => Promise<void>> = [];
    before(async () => {
      driver = await backend.open();
    });
    after(async () => {
      for (const drop of drops) await drop();
      await driver.close();
    });

    async function open() {
      const { store, drop } = await freshStore(driver, { name: "ledger", schema: schemaSdl, startBlock: LEDGER_START });
      drops.push(drop);
      return createSqlIndexingStore(store);
    }

    test("blocks replaced near the head are reverted; the result equals a run that saw only the canonical chain", async () => {
      const a = await readChain(writeLedgerDataset(path.join(dir, `a-${backend.name}.jsonl`), { blocks: 80, eventsPerBlock: 3, spawnEvery: 25, seed: 1 }).file);
      const b = await readChain(writeLedgerDataset(path.join(dir, `b-${backend.name}.jsonl`), { blocks: 86, eventsPerBlock: 3, spawnEvery: 30, seed: 2 }).file);
      const fork = a.at(-4)!.number;
      const canonical = forkChain(a, b, fork);
      const headB = canonical.at(-1)!.number;

      node.chain = canonical;
      node.faultEvery = 0;
      const expected = await open();
      const clean = await indexer(expected, createRpcSource({ url: node.url, finalityDepth: 10, follow: false, ...fast })).run();
      assert.equal(clean.outcome, "done");

      node.chain = a;
      const store = await open();
      const controller = new AbortController();
      let reorged = false;
      const result = await indexer(store, createRpcSource({ url: node.url, finalityDepth: 10, ...fast }), {
        signal: controller.signal,
        onProgress: (block) => {
          // Once the old head is indexed, the chain is replaced from block fork + 1 on.
          if (!reorged && block === a.at(-1)!.number) {
            reorged = true;
            node.chain = canonical;
          }
          if (reorged && block === headB) controller.abort();
        },
      }).run();
      assert.equal(result.outcome, "aborted");
      assert.ok(reorged, "the old head was indexed before the reorg");
      assert.deepEqual(await dump(store), await dump(expected));
      assert.equal((await store.recentBlocks(1))[0].hash, canonical.at(-1)!.hash);
    });

    test("HTTP errors, timeouts, 429, truncated and invalid JSON are survived with no gap and no duplicate", async () => {
      const file = writeLedgerDataset(path.join(dir, `faults-${backend.name}.jsonl`), { blocks: 150, eventsPerBlock: 3, spawnEvery: 40, seed: 3 }).file;
      const reference = await open();
      assert.equal((await indexer(reference, createDatasetSource(file, { startBlock: LEDGER_START })).run()).outcome, "done");

      node.chain = await readChain(file);
      node.injected = {};
      node.faultEvery = 3;
      const store = await open();
      try {
        const result = await indexer(store, createRpcSource({ url: node.url, finalityDepth: 5, follow: false, ...fast })).run();
        assert.equal(result.outcome, "done");
      } finally {
        node.faultEvery = 0;
      }
      for (const fault of FAULTS) assert.ok((node.injected[fault] ?? 0) > 0, `no ${fault} fault was injected`);
      assert.deepEqual(await dump(store), await dump(reference));
    });
  });
}
