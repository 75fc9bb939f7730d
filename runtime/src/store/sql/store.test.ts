import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { backends, freshStore, uniqueNamespace } from "../../../test/helpers/backends.ts";
import type { StoreValue } from "../../common/values.ts";
import { bigDec, bigInt, bool, int, int8, list, put, remove, str, ts } from "../../../test/helpers/entities.ts";
import { EntityCache } from "../entityCache.ts";
import type { SqlDriver } from "./driver.ts";
import { dropNamespace, openExistingStore, openStore } from "./store.ts";

/** Bytes as the store reads them back (a plain Uint8Array, not a Buffer). */
const blob = (hex: string): StoreValue => ({ kind: "Bytes", value: new Uint8Array(Buffer.from(hex, "hex")) });

const LISTS_SCHEMA = `
type Bag @entity {
  id: ID!
  texts: [String!]
  maybe: [String]
  amounts: [BigInt!]
  decimals: [BigDecimal!]
  blobs: [Bytes!]
  flags: [Boolean!]
  counts: [Int!]
  bigCounts: [Int8!]
  times: [Timestamp!]
  refs: [Bag!]
  note: String
}
type _Schema_ @fulltext(name: "bagSearch", language: en, algorithm: rank, include: [{ entity: "Bag", fields: [{ name: "note" }] }])
`;

const SCHEMA = `
type Pool @entity { id: ID! stake: BigInt! size: Int! }
type Reward @entity(immutable: true) { id: ID! pool: Pool! amount: BigInt! }
`;

for (const backend of backends()) {
  describe(`SQL store (${backend.name})`, () => {
    let driver: SqlDriver;
    const drops: (() => Promise<void>)[] = [];
    before(async () => {
      driver = await backend.open();
    });
    after(async () => {
      for (const d of drops) await d();
      await driver.close();
    });
    const fresh = async () => {
      const s = await freshStore(driver, { schema: SCHEMA, name: "pools" });
      drops.push(s.drop);
      return s.store;
    };

    test("versions carry graph-node's block ranges: a write closes the current version, a removal closes it for good", async () => {
      const store = await fresh();
      await store.writeBlock({ number: 1, changes: [put("Pool", { id: str("p"), stake: bigInt(1n), size: int(1) })] });
      await store.writeBlock({ number: 5, changes: [put("Pool", { id: str("p"), stake: bigInt(2n), size: int(1) }, "update")] });
      await store.writeBlock({ number: 9, changes: [remove("Pool", "p")] });
      await store.writeBlock({ number: 10, changes: [put("Reward", { id: str("r"), pool: str("p"), amount: bigInt(3n) })] });
      const t = store.layout.tables;
      assert.deepEqual(
        await driver.query(`select id, stake::text, block_range::text from ${t.get("Pool")!.qualified} order by vid`),
        [
          { id: "p", stake: "1", block_range: "[1,5)" },
          { id: "p", stake: "2", block_range: "[5,9)" },
        ],
      );
      assert.deepEqual(await driver.query(`select id, "block$" from ${t.get("Reward")!.qualified}`), [{ id: "r", block$: 10 }]);

      await store.revert(6);
      assert.deepEqual(
        await driver.query(`select id, stake::text, block_range::text from ${t.get("Pool")!.qualified} order by vid`),
        [
          { id: "p", stake: "1", block_range: "[1,5)" },
          { id: "p", stake: "2", block_range: "[5,)" },
        ],
      );
      assert.deepEqual(await driver.query(`select id from ${t.get("Reward")!.qualified}`), []);
      assert.equal((await store.status()).latestBlock?.number, 6);
    });

    test("every list type round-trips exactly, whatever its strings hold, in batches larger than one insert", async () => {
      const { store, drop } = await freshStore(driver, { schema: LISTS_SCHEMA, name: "bags" });
      drops.push(drop);
      const awkward = ['a"b', "back\\slash", "{braces}", "comma, here", "NULL", "", "tab\there", "line\nbreak", "ünï", "\\\"", "}", "{", "null", "Null", " lead", "trail ", "in ner", "0xab", "plain"];
      const first = {
        id: str("b0"),
        texts: list(...awkward.map(str)),
        maybe: list(str("x"), { kind: "Null" }, str("NULL")),
        amounts: list(bigInt(-(10n ** 40n)), bigInt(0n)),
        decimals: list(bigDec("-1.5"), bigDec("123456789012345678901234567890.000000000000000000000000000001")),
        blobs: list(blob(""), blob("00ff"), blob("5c22")),
        flags: list(bool(true), bool(false)),
        counts: list(int(-2147483648), int(2147483647)),
        bigCounts: list(int8(-(2n ** 63n)), int8(2n ** 63n - 1n)),
        times: list(ts(1710837304040956n)),
        refs: list(),
        note: str('quoted "rock" on'),
      };
      // More rows than one insert statement takes, with null and empty lists among them.
      const others = Array.from({ length: 10_050 }, (_, i) =>
        put("Bag", { id: str(`b${i + 1}`), texts: i % 2 === 0 ? list() : undefined, counts: list(int(i)), note: undefined }),
      );
      await store.writeBlock({ number: 1, changes: [put("Bag", first), ...others] });
      const reader = await store.reader();
      assert.deepEqual(reader.get("Bag", "b0"), new Map(Object.entries(first)));
      assert.deepEqual(reader.get("Bag", "b10050"), new Map([["counts", list(int(10049))], ["id", str("b10050")]]));
      assert.deepEqual(reader.get("Bag", "b1"), new Map([["counts", list(int(0))], ["id", str("b1")], ["texts", list()]]));
      const t = store.layout.tables.get("Bag")!;
      assert.deepEqual(await driver.query(`select count(*)::int as n from ${t.qualified}`), [{ n: 10_051 }]);
      assert.deepEqual(await driver.query(`select id from ${t.qualified} where bag_search @@ to_tsquery('english', 'rock')`), [{ id: "b0" }]);
    });

    test("immutable entities can be neither updated nor removed, and blocks only move forward", async () => {
      const store = await fresh();
      await store.writeBlock({ number: 1, changes: [put("Reward", { id: str("r"), pool: str("p"), amount: bigInt(3n) })] });
      await assert.rejects(store.writeBlock({ number: 2, changes: [remove("Reward", "r")] }), {
        message: "entity Reward[r] is immutable; it can not be deleted (block 2)",
      });
      await assert.rejects(store.writeBlock({ number: 2, changes: [put("Reward", { id: str("r"), pool: str("p"), amount: bigInt(4n) }, "update")] }), {
        message: "entity Reward[r] is immutable; it can not be updated (block 2)",
      });
      await assert.rejects(store.writeBlock({ number: 1, changes: [] }), {
        message: "block 1 is not after block 1; revert before rewriting",
      });
      // The failed transactions left nothing behind.
      assert.equal((await store.status()).latestBlock?.number, 1);
      assert.deepEqual(await driver.query(`select amount::text from ${store.layout.tables.get("Reward")!.qualified}`), [{ amount: "3" }]);
    });

    test("the entity cache reads committed and buffered blocks through reader(); flush writes them in one go", async () => {
      const store = await fresh();
      const reader = await store.reader();
      const cache = new EntityCache(store.model, reader, { apiVersion: "0.0.9" });
      for (let n = 1; n <= 3; n++) {
        cache.startBlock({ number: n, timestamp: BigInt(n) });
        const prev = cache.get("Pool", "p");
        const stake = prev ? (prev.get("stake") as { value: bigint }).value + 10n : 10n;
        cache.set("Pool", "p", new Map([["id", str("p")], ["stake", bigInt(stake)], ["size", int(n)]]));
        store.buffer({ number: n, changes: cache.takeBlockChanges() });
      }
      assert.equal(store.pendingBlocks, 3);
      assert.equal((await store.status()).latestBlock, null);
      await store.flush();
      assert.equal(store.pendingBlocks, 0);
      assert.equal((await store.status()).latestBlock?.number, 3);
      assert.deepEqual(
        await driver.query(`select stake::text, block_range::text from ${store.layout.tables.get("Pool")!.qualified} order by vid`),
        [
          { stake: "10", block_range: "[1,2)" },
          { stake: "20", block_range: "[2,3)" },
          { stake: "30", block_range: "[3,)" },
        ],
      );
      assert.deepEqual((await (await openExistingStore({ driver, namespace: store.namespace, name: "pools" })).reader()).get("Pool", "p"), reader.get("Pool", "p"));
    });

    test("a deployment is keyed by schema, manifest and WASM: a changed subgraph gets new tables, the old one is untouched", async () => {
      const namespace = uniqueNamespace();
      drops.push(() => dropNamespace(driver, namespace));
      const source = { schema: SCHEMA, manifest: "specVersion: 1.0.0", wasm: new Uint8Array([0, 97, 115, 109]), name: "pools", driver, namespace };
      const a = await openStore(source);
      await a.writeBlock({ number: 1, changes: [put("Pool", { id: str("p"), stake: bigInt(1n), size: int(1) })] });
      const again = await openStore(source);
      assert.equal(again.deployment.id, a.deployment.id);
      assert.equal(again.deployment.schemaName, a.deployment.schemaName);
      assert.equal((await again.status()).latestBlock?.number, 1);

      const b = await openStore({ ...source, wasm: new Uint8Array([0, 97, 115, 109, 1]) });
      assert.notEqual(b.deployment.id, a.deployment.id);
      assert.notEqual(b.deployment.schemaName, a.deployment.schemaName);
      assert.match(b.deployment.id, /^Qm[1-9A-HJ-NP-Za-km-z]{44}$/);
      assert.equal((await b.status()).latestBlock, null);
      await b.writeBlock({ number: 1, changes: [put("Pool", { id: str("p"), stake: bigInt(99n), size: int(1) })] });
      assert.deepEqual((await a.reader()).get("Pool", "p")?.get("stake"), bigInt(1n));
      // Serving picks the newest deployment of the name.
      assert.equal((await openExistingStore({ driver, namespace, name: "pools" })).deployment.id, b.deployment.id);
      await assert.rejects(openExistingStore({ driver, namespace, name: "nope" }), { message: "deployment `nope` does not exist" });
    });
  });
}
