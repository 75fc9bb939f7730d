import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { createDatasetSource, parseGndTest, toChainBlock, type RecordedBlock } from "../chain/dataset.ts";
import type { BlockSource, CallProvider, SourceEvent, StreamOptions } from "../chain/source.ts";
import { requestKey } from "../chain/source.ts";
import type { Manifest } from "../manifest/manifest.ts";
import type { SchemaModel } from "../schema/model.ts";
import {
  A,
  B,
  balanceOf,
  datasetFile,
  EXPECTED_TRACE,
  failingBlock,
  loadFixture,
  plainEntity,
  scenario,
  TOKEN,
  transfer,
  WALLET,
} from "../../test/helpers/indexerFixture.ts";
import { Indexer, type IndexerOptions, type IndexingProgress } from "./indexer.ts";
import { createMemoryIndexingStore, type MemoryIndexingStore } from "./store.ts";

let manifest: Manifest;
let schema: SchemaModel;
let module: WebAssembly.Module;

before(() => {
  ({ manifest, schema, module } = loadFixture());
});

function indexer(store: MemoryIndexingStore, source: BlockSource, options: Partial<IndexerOptions> = {}): Indexer {
  return new Indexer({ manifest, schema, store, source, loadModule: () => module, ...options });
}

function dump(store: MemoryIndexingStore): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const type of ["Account", "Transfer", "Trace"]) {
    out[type] = store.entities
      .entities(type)
      .map(plainEntity)
      .sort((a, b) => String(a.id).localeCompare(String(b.id)));
  }
  return out;
}

function traceOf(store: MemoryIndexingStore): unknown {
  return (dump(store).Trace as Array<{ entries: unknown }>)[0]?.entries;
}

/** A source over recorded blocks that can splice in other events (reorgs) at given points. */
function scriptedSource(events: SourceEvent[], calls: CallProvider): BlockSource {
  return {
    network: null,
    calls,
    head: async () => null,
    async *stream(options: StreamOptions) {
      for (const e of events) {
        if (e.kind === "block" && e.block.number < options.from) continue;
        yield e;
      }
    },
    refetch: async (block) => block,
    close: async () => {},
  };
}

describe("indexing a recorded dataset", () => {
  test("handlers run in graph-node's order; template instances see the whole block they were created in", async () => {
    const store = createMemoryIndexingStore();
    const progress: IndexingProgress[] = [];
    const result = await indexer(store, createDatasetSource(datasetFile(scenario()), { startBlock: 10 }), {
      onProgress: (p) => progress.push(p),
    }).run();
    assert.equal(result.outcome, "done");
    assert.deepEqual(traceOf(store), EXPECTED_TRACE);
    const accounts = dump(store).Account as Array<Record<string, unknown>>;
    assert.deepEqual(accounts, [
      { id: A, balance: "1" },
      { id: B, balance: "12", onChainBalance: "12" },
    ]);
    const transfers = dump(store).Transfer as Array<Record<string, unknown>>;
    assert.deepEqual(
      transfers.map((t) => [t.block, t.receiptLogs]),
      [
        ["10", 1],
        ["15", 2],
        ["15", 2],
      ].sort(() => 0),
    );
    assert.deepEqual(await store.loadDynamicDataSources(), [{ template: "Wallet", params: [WALLET], context: null, createdAt: 11 }]);
    assert.deepEqual(await store.latestBlock(), { number: 16, hash: parseGndTest(scenario(), { startBlock: 10 }).blocks[6].hash });
    assert.equal((await store.loadStatus())?.synced, true);
    const last = progress.at(-1)!;
    assert.equal(last.block, 16);
    assert.equal(last.head, 16);
    assert.equal(last.events, 7);
    assert.equal(last.etaSeconds, 0);
    assert.ok(last.entityVersions > 0 && last.blocksPerSecond > 0);
  });

  test("gives no ETA before the block rate has been measured", async () => {
    const progress: IndexingProgress[] = [];
    await indexer(createMemoryIndexingStore(), createDatasetSource(datasetFile(scenario()), { startBlock: 10 }), {
      onProgress: (p) => progress.push(p),
      progressIntervalMs: 0,
    }).run();
    const early = progress.filter((p) => p.head !== null && p.block < p.head);
    assert.ok(early.length > 0);
    // The run lasts far less than the measuring window, so no report before the end has one.
    assert.ok(early.every((p) => p.etaSeconds === null));
    assert.equal(progress.at(-1)!.etaSeconds, 0);
  });

  test("onHandler reports every handler run with the entities it wrote", async () => {
    const runs: Array<{ handler: string; block: number; writes: number }> = [];
    await indexer(createMemoryIndexingStore(), createDatasetSource(datasetFile(scenario()), { startBlock: 10 }), {
      onHandler: ({ handler, block, writes, ms }) => {
        assert.ok(ms >= 0);
        runs.push({ handler, block, writes });
      },
    }).run();
    // One run per trace entry; a transfer writes the trace, the account and the transfer.
    assert.equal(runs.length, EXPECTED_TRACE.length);
    assert.deepEqual(runs.slice(0, 3), [
      { handler: "handleOnce", block: 10, writes: 1 },
      { handler: "handleTransfer", block: 10, writes: 3 },
      { handler: "handlePoll", block: 10, writes: 1 },
    ]);
  });

  test("blocks are committed in batches", async () => {
    const store = createMemoryIndexingStore();
    await indexer(store, createDatasetSource(datasetFile(scenario()), { startBlock: 10 }), { batch: { blocks: 3, ms: 60_000 } }).run();
    assert.equal(store.commits, 3);
    assert.deepEqual(traceOf(store), EXPECTED_TRACE);
  });

  test("a restart resumes after the last committed block with the created data sources", async () => {
    const file = datasetFile(scenario());
    const store = createMemoryIndexingStore();
    const first = await indexer(store, createDatasetSource(file, { startBlock: 10 }), { to: 11 }).run();
    assert.equal(first.outcome, "done");
    assert.equal((await store.latestBlock())?.number, 11);
    await indexer(store, createDatasetSource(file, { startBlock: 10 })).run();
    const fresh = createMemoryIndexingStore();
    await indexer(fresh, createDatasetSource(file, { startBlock: 10 })).run();
    assert.deepEqual(dump(store), dump(fresh));
    assert.deepEqual(traceOf(store), EXPECTED_TRACE);
  });

  test("a handler abort fails its block: nothing of it is written, indexing stops, the status has the error", async () => {
    const store = createMemoryIndexingStore();
    const result = await indexer(store, createDatasetSource(datasetFile(scenario([failingBlock, {}])), { startBlock: 10 }), {
      batch: { blocks: 100, ms: 60_000 },
    }).run();
    assert.equal(result.outcome, "failed");
    assert.match(result.error!.message, /failing on purpose with code 7/);
    assert.equal(result.error!.block.number, 17);
    assert.equal(result.error!.handler, "handleFail");
    assert.equal(result.error!.dataSource, "Token");
    assert.equal((await store.latestBlock())?.number, 16);
    assert.deepEqual(traceOf(store), EXPECTED_TRACE);
    const status = await store.loadStatus();
    assert.equal(status?.health, "failed");
    assert.equal(status?.fatalError?.block.number, 17);
  });

  test("a missing eth_call answer in a dataset is a deterministic failure naming the call", async () => {
    const content = scenario();
    delete (content.blocks[0] as { ethCalls?: unknown }).ethCalls;
    const store = createMemoryIndexingStore();
    const result = await indexer(store, createDatasetSource(datasetFile(content, "nocall.json"), { startBlock: 10 })).run();
    assert.equal(result.outcome, "failed");
    assert.match(result.error!.message, /no answer for eth_call to 0x0+1 with data 0x70a08231.* at block 10/);
    assert.equal(await store.latestBlock(), null);
  });

  test("contract reads not known yet are fetched and the handler runs again", async () => {
    const recorded = parseGndTest(scenario(), { startBlock: 10 }).blocks;
    const answers = new Map(recorded.map((r) => [r.number, r.calls]));
    const known = new Set<string>();
    let fetches = 0;
    const calls: CallProvider = {
      lookup: (block, request) => {
        const key = `${block.number}/${requestKey(request)}`;
        return known.has(key) ? answers.get(block.number)!.get(requestKey(request)) : undefined;
      },
      fetch: async (block, requests) => {
        fetches++;
        for (const r of requests) known.add(`${block.number}/${requestKey(r)}`);
      },
    };
    const store = createMemoryIndexingStore();
    const events = recorded.map((r): SourceEvent => ({ kind: "block", block: toChainBlock(r) }));
    await indexer(store, scriptedSource(events, calls)).run();
    assert.equal(fetches, 3);
    const reference = createMemoryIndexingStore();
    await indexer(reference, createDatasetSource(datasetFile(scenario()), { startBlock: 10 })).run();
    assert.deepEqual(dump(store), dump(reference));
  });

  test("a reorg reverts the replaced blocks and their data sources; the result equals the canonical chain's", async () => {
    const canonical = parseGndTest(scenario(), { startBlock: 10 }).blocks;
    // A fork after block 10: its block 11 spawns a different wallet and moves other amounts.
    const fork = parseGndTest(
      {
        blocks: [
          {},
          {
            number: 11,
            hash: "0x" + "f1".repeat(32),
            events: [
              { address: TOKEN, event: "Spawn(address wallet)", params: { wallet: "0x00000000000000000000000000000000000000a2" } },
              transfer(TOKEN, A, B, 1000),
            ],
            ethCalls: [balanceOf(B, 1005)],
          },
          { number: 12, hash: "0x" + "f2".repeat(32) },
        ],
      },
      { startBlock: 10 },
    ).blocks.slice(1);
    fork[0].parentHash = canonical[0].hash;
    const byNumber = new Map<string, RecordedBlock>([...canonical, ...fork].map((r) => [r.hash, r]));
    const calls: CallProvider = {
      lookup: (block, request) => byNumber.get(block.hash)!.calls.get(requestKey(request)),
      fetch: async () => {},
    };
    const block = (r: RecordedBlock): SourceEvent => ({ kind: "block", block: toChainBlock(r) });
    const events: SourceEvent[] = [
      block(canonical[0]),
      block(fork[0]),
      block(fork[1]),
      { kind: "reorg", ancestor: { number: 10, hash: canonical[0].hash } },
      ...canonical.slice(1).map(block),
    ];
    const store = createMemoryIndexingStore();
    await indexer(store, scriptedSource(events, calls), { batch: { blocks: 1 } }).run();
    const reference = createMemoryIndexingStore();
    await indexer(reference, createDatasetSource(datasetFile(scenario()), { startBlock: 10 })).run();
    assert.deepEqual(dump(store), dump(reference));
    assert.deepEqual(await store.loadDynamicDataSources(), await reference.loadDynamicDataSources());
  });
});
