import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createDatasetSource, parseGndTest } from "../src/chain/dataset.ts";
import { Indexer } from "../src/indexer/indexer.ts";
import { createSqlIndexingStore, type SqlIndexingStore } from "../src/indexer/sqlStore.ts";
import { createMemoryIndexingStore, type MemoryIndexingStore } from "../src/indexer/store.ts";
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
