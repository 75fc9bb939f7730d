import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createDatasetSource, parseGndTest } from "../src/chain/dataset.ts";
import { Indexer } from "../src/indexer/indexer.ts";
import { createSqlIndexingStore, type SqlIndexingStore } from "../src/indexer/sqlStore.ts";
import { createMemoryIndexingStore, StoreMiss, type MemoryIndexingStore } from "../src/indexer/store.ts";
import type { Entity } from "../src/common/values.ts";
import type { SqlDriver } from "../src/store/sql/driver.ts";
import { backends, freshStore } from "./helpers/backends.ts";
import { datasetFile, EXPECTED_TRACE, failingBlock, loadFixture, plainEntity, scenario, WALLET, type Fixture } from "./helpers/indexerFixture.ts";

const TYPES = ["Account", "Transfer", "Trace"];
let fx: Fixture;

before(() => {
  fx = loadFixture();
});

function byId(rows: Array<Record<string, unknown>>) {
  return rows.sort((a, b) => String(a.id).localeCompare(String(b.id)));
}

async function dumpSql(store: SqlIndexingStore): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const type of TYPES) out[type] = byId((await store.store.currentEntities(type)).map(plainEntity));
  return out;
}

function dumpMemory(store: MemoryIndexingStore): Record<string, unknown> {
  return Object.fromEntries(TYPES.map((type) => [type, byId(store.entities.entities(type).map(plainEntity))]));
}

function run(store: SqlIndexingStore | MemoryIndexingStore, file: string, options: { to?: number; batch?: { blocks: number } } = {}) {
  const source = createDatasetSource(file, { startBlock: 10 });
  return new Indexer({ manifest: fx.manifest, schema: fx.schema, store, source, loadModule: () => fx.module, ...options }).run();
}

let reference: Record<string, unknown>;
before(async () => {
  const memory = createMemoryIndexingStore();
  await run(memory, datasetFile(scenario(), "sql-reference.json"));
  reference = dumpMemory(memory);
});

for (const backend of backends()) {
  describe(`indexing into the SQL store (${backend.name})`, () => {
    let driver: SqlDriver;
    const drops: Array<() => Promise<void>> = [];
    before(async () => {
      driver = await backend.open();
    });
    after(async () => {
      for (const drop of drops) await drop();
      await driver.close();
    });

    async function open(cacheSize?: number) {
      const { store, drop } = await freshStore(driver, { name: "indexer", schema: fx.schemaSdl });
      drops.push(drop);
      return createSqlIndexingStore(store, { cacheSize });
    }

    test("the entities, data sources, cursor and status equal an in-memory run", async () => {
      const store = await open();
      const result = await run(store, datasetFile(scenario(), "sql-1.json"));
      assert.equal(result.outcome, "done");
      assert.deepEqual(await dumpSql(store), reference);
      assert.deepEqual((reference.Trace as Array<{ entries: unknown }>)[0].entries, EXPECTED_TRACE);
      assert.deepEqual(await store.loadDynamicDataSources(), [{ template: "Wallet", params: [WALLET], context: null, createdAt: 11 }]);
      const hash16 = parseGndTest(scenario(), { startBlock: 10 }).blocks[6].hash;
      assert.deepEqual(await store.latestBlock(), { number: 16, hash: hash16 });
      assert.deepEqual(await store.loadStatus(), { health: "healthy", synced: true, fatalError: null, chainHead: 16 });
      // Indexed from an empty store, every read was answered from memory.
      assert.equal(store.reader.stats.loads, 0);
    });

    test("with a cache too small to hold anything, entities are loaded and handlers rerun, with the same result", async () => {
      const store = await open(1);
      await run(store, datasetFile(scenario(), "sql-2.json"), { batch: { blocks: 1 } });
      assert.deepEqual(await dumpSql(store), reference);
      assert.ok(store.reader.stats.loads > 0, "the small cache made the reader load from the database");
    });

    test("on PGlite, the tables are vacuumed every `vacuumEvery` versions; the result is unchanged", async () => {
      const { store: sql, drop } = await freshStore(driver, { name: "indexer", schema: fx.schemaSdl });
      drops.push(drop);
      const store = await createSqlIndexingStore(sql, { vacuumEvery: 1 });
      await run(store, datasetFile(scenario(), "sql-vacuum.json"), { batch: { blocks: 1 } });
      assert.deepEqual(await dumpSql(store), reference);
      const [{ n }] = await driver.query(
        `select coalesce(sum(vacuum_count), 0)::int as n from pg_stat_user_tables where schemaname = $1`,
        [sql.layout.schemaName],
      );
      // PostgreSQL vacuums itself; only PGlite is vacuumed by the store.
      if (backend.name === "pglite") assert.ok(Number(n) > 0, "the tables were vacuumed");
      else assert.equal(Number(n), 0);
    });

    test("a restart on a reopened store resumes after the last committed block", async () => {
      const first = await open();
      const file = datasetFile(scenario(), "sql-3.json");
      await run(first, file, { to: 11 });
      assert.equal((await first.latestBlock())?.number, 11);
      const reopened = await createSqlIndexingStore(first.store);
      const result = await run(reopened, file);
      assert.equal(result.outcome, "done");
      assert.deepEqual(await dumpSql(reopened), reference);
      assert.ok(reopened.reader.stats.loads > 0, "a resumed store does not trust absence in memory");
    });

    test("a failing handler leaves the block unwritten and the error, with handler and data source, in the status", async () => {
      const store = await open();
      const result = await run(store, datasetFile(scenario([failingBlock, {}]), "sql-4.json"), { batch: { blocks: 100 } });
      assert.equal(result.outcome, "failed");
      assert.deepEqual(await dumpSql(store), reference);
      assert.equal((await store.latestBlock())?.number, 16);
      const status = await store.store.status();
      assert.equal(status.fatalError?.block, 17);
      assert.equal(status.fatalError?.handler, "handleFail");
      assert.equal(status.fatalError?.dataSource, "Token");
      assert.match(status.fatalError?.message ?? "", /failing on purpose with code 7/);
      assert.equal((await store.loadStatus())?.health, "failed");
    });

    test("ids of immutable entities do not push other entities out of the cache", async () => {
      const store = await open(2);
      const account = new Map([["id", { kind: "String", value: "a1" }], ["balance", { kind: "BigInt", value: 5n }]]) as Entity;
      store.reader.applyCommitted([{ op: "insert", type: "Account", id: "a1", entity: account }]);
      for (let i = 0; i < 10; i++) {
        const transfer = new Map([["id", { kind: "String", value: `t${i}` }], ["block", { kind: "BigInt", value: 1n }], ["receiptLogs", { kind: "Int", value: 0 }]]) as Entity;
        store.reader.applyCommitted([{ op: "insert", type: "Transfer", id: `t${i}`, entity: transfer }]);
      }
      assert.equal(store.reader.get("Account", "a1"), account, "still held after ten immutable inserts in a cache of two");
      assert.equal(store.reader.get("Transfer", "t99"), null, "an unknown id of a complete type is known to be absent");
      assert.throws(() => store.reader.get("Transfer", "t3"), StoreMiss, "an existing one is loaded for its attributes");
      assert.equal(store.reader.stats.loads, 0);
    });

    test("batches are written in the background while the next ones run; the result is the same", async () => {
      const { store: sql, drop } = await freshStore(driver, { name: "indexer", schema: fx.schemaSdl });
      drops.push(drop);
      // Slow writes: each is still going when its commitBlocks has returned and the indexer
      // has moved on to the next blocks, which must read the batch from memory.
      const events: string[] = [];
      const writeBlocks = sql.writeBlocks.bind(sql);
      sql.writeBlocks = async (blocks) => {
        const at = blocks[0].number;
        events.push(`write ${at} starts`);
        await new Promise((resolve) => setTimeout(resolve, 30));
        await writeBlocks(blocks);
        events.push(`write ${at} ends`);
      };
      const store = await createSqlIndexingStore(sql);
      const commitBlocks = store.commitBlocks.bind(store);
      store.commitBlocks = async (batch, cursor) => {
        await commitBlocks(batch, cursor);
        events.push(`commit ${batch[0]?.block.number ?? cursor?.number} returned`);
      };
      const result = await run(store, datasetFile(scenario(), "sql-behind.json"), { batch: { blocks: 1 } });
      assert.equal(result.outcome, "done");
      assert.deepEqual(await dumpSql(store), reference);
      const first = events.indexOf("commit 10 returned");
      assert.ok(first >= 0 && first < events.indexOf("write 10 ends"), `commit returned before its write ended: ${events.join(", ")}`);
      assert.equal(events.at(-1)?.endsWith("ends"), true, "the last write ended before run() returned");
    });

    test("a failed background write stops indexing with its error; later blocks are not written", async () => {
      const { store: sql, drop } = await freshStore(driver, { name: "indexer", schema: fx.schemaSdl });
      drops.push(drop);
      const writeBlocks = sql.writeBlocks.bind(sql);
      let writes = 0;
      sql.writeBlocks = async (blocks) => {
        if (++writes === 3) throw new Error("disk full (on purpose)");
        await writeBlocks(blocks);
      };
      const store = await createSqlIndexingStore(sql);
      await assert.rejects(run(store, datasetFile(scenario(), "sql-write-fails.json"), { batch: { blocks: 1 } }), /disk full \(on purpose\)/);
      // Blocks 10 and 11 were written; the failed batch (12) and anything after it were not.
      assert.deepEqual((await sql.status()).latestBlock?.number, 11);
    });

    test("attribute indexes put off while catching up are built once indexing reaches the end", async () => {
      const { store: sql, drop } = await freshStore(driver, { name: "indexer", schema: fx.schemaSdl, postponeAttributeIndexes: true });
      drops.push(drop);
      const attributeIndexes = async () => {
        const [{ n }] = await driver.query(`select count(*)::int as n from pg_indexes where schemaname = $1 and indexname like '%attr%'`, [sql.layout.schemaName]);
        return Number(n);
      };
      assert.equal(await attributeIndexes(), 0);
      const store = await createSqlIndexingStore(sql);
      const messages: string[] = [];
      const source = createDatasetSource(datasetFile(scenario(), "sql-postponed.json"), { startBlock: 10 });
      const result = await new Indexer({ manifest: fx.manifest, schema: fx.schema, store, source, loadModule: () => fx.module, log: (_l, m) => messages.push(m) }).run();
      assert.equal(result.outcome, "done");
      assert.deepEqual(await dumpSql(store), reference);
      const built = await attributeIndexes();
      assert.ok(built > 0, "the attribute indexes exist");
      assert.ok(messages.some((m) => m.startsWith(`created ${built} attribute indexes`)), messages.join("\n"));
      // Built once: later calls (another run, a reopened store) have nothing to do.
      assert.equal(await sql.createAttributeIndexes(), 0);
    });

    test("reverting to a block drops later versions and data sources; indexing again restores the same state", async () => {
      const store = await open();
      const file = datasetFile(scenario(), "sql-5.json");
      await run(store, file, { batch: { blocks: 1 } });
      const hash10 = parseGndTest(scenario(), { startBlock: 10 }).blocks[0].hash;
      await store.revertTo({ number: 10, hash: hash10 });
      assert.deepEqual(await store.loadDynamicDataSources(), []);
      assert.deepEqual(await store.latestBlock(), { number: 10, hash: hash10 });
      await run(store, file);
      assert.deepEqual(await dumpSql(store), reference);
      assert.equal((await store.loadDynamicDataSources()).length, 1);
    });
  });
}
