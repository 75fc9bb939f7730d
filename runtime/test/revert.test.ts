// A reorg: write blocks 1..100, revert to 60, write a different 61..100. Afterwards every
// query — at the head, at past blocks, nested, filtered — must answer exactly what a store
// that only ever saw the final chain answers (graph-node `Layout::revert_block`).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createQueryApi } from "../src/graphql/index.ts";
import type { EntityChange } from "../src/store/entityCache.ts";
import type { SqlDriver } from "../src/store/sql/driver.ts";
import type { BlockWrite, SqlStore } from "../src/store/sql/store.ts";
import { backends, freshStore } from "./helpers/backends.ts";
import { bigInt, int, list, put, remove, str } from "./helpers/entities.ts";

const SCHEMA = `
type Account @entity {
  id: ID!
  balance: BigInt!
  nonce: Int!
  tags: [String!]!
  sent: [Transfer!]! @derivedFrom(field: "from")
}
type Transfer @entity(immutable: true) {
  id: ID!
  from: Account!
  to: Account!
  amount: BigInt!
  block: Int!
}
`;

/** A small deterministic generator (mulberry32). */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Blocks 1..100 from a simulated ledger. Blocks up to 60 are the same for every variant; later
 * ones depend on `variant`, as a reorged chain would. Accounts are created, updated, removed
 * and recreated; transfers are immutable.
 */
function chain(variant: number): BlockWrite[] {
  const accounts = new Map<string, { balance: bigint; nonce: number; tags: string[] }>();
  const blocks: BlockWrite[] = [];
  for (let n = 1; n <= 100; n++) {
    const next = rng(n <= 60 ? n : n * 1000 + variant);
    const changes: EntityChange[] = [];
    const touched = new Set<string>();
    for (let k = 0; k < 4; k++) {
      const id = `a${Math.floor(next() * 12)}`;
      if (touched.has(id)) continue;
      touched.add(id);
      const cur = accounts.get(id);
      if (cur && next() < 0.15) {
        accounts.delete(id);
        changes.push(remove("Account", id));
        continue;
      }
      const acc = { balance: (cur?.balance ?? 0n) + BigInt(Math.floor(next() * 1000)), nonce: (cur?.nonce ?? 0) + 1, tags: next() < 0.5 ? ["hot"] : ["cold", `t${n % 3}`] };
      accounts.set(id, acc);
      changes.push(put("Account", { id: str(id), balance: bigInt(acc.balance), nonce: int(acc.nonce), tags: list(...acc.tags.map(str)) }, cur ? "update" : "insert"));
    }
    const ids = [...accounts.keys()];
    if (ids.length >= 2) {
      const from = ids[Math.floor(next() * ids.length)];
      const to = ids[Math.floor(next() * ids.length)];
      changes.push(put("Transfer", { id: str(`x${n}`), from: str(from), to: str(to), amount: bigInt(BigInt(Math.floor(next() * 500))), block: int(n) }));
    }
    const hash = (b: number) => `0x${(b <= 60 ? b : b * 1000 + variant).toString(16).padStart(64, "0")}`;
    blocks.push({ number: n, hash: hash(n), parentHash: hash(n - 1), timestamp: 1_700_000_000 + n * 12, changes });
  }
  return blocks;
}

const AT = [1, 30, 59, 60, 61, 75, 99, 100];
const QUERIES = [
  `{ _meta { block { number hash parentHash timestamp } } }`,
  `{ accounts(first: 1000) { id balance nonce tags sent(first: 1000) { id amount to { id balance } } } }`,
  `{ transfers(first: 1000, orderBy: amount, orderDirection: desc) { id amount block from { id } to { id nonce } } }`,
  `{ accounts(where: {_change_block: {number_gte: 61}}) { id } }`,
  `{ transfers(where: {from_: {balance_gt: "2000"}}, first: 1000) { id } }`,
  `{ accounts(orderBy: balance, where: {tags_contains: ["hot"]}) { id balance } }`,
  `{ transfers(orderBy: from__balance, first: 1000) { id } }`,
  ...AT.map((n) => `{ accounts(block: {number: ${n}}, first: 1000) { id balance nonce tags sent { id } } transfers(block: {number: ${n}}, first: 1000) { id } }`),
  ...AT.map((n) => `{ _meta(block: {number: ${n}}) { block { number } } a3: account(id: "a3", block: {number: ${n}}) { balance nonce } }`),
];

for (const backend of backends()) {
  describe(`revert (${backend.name})`, () => {
    let driver: SqlDriver;
    let reorged: SqlStore;
    let clean: SqlStore;
    const drops: (() => Promise<void>)[] = [];

    before(async () => {
      driver = await backend.open();
      const a = await freshStore(driver, { schema: SCHEMA, name: "ledger" });
      const b = await freshStore(driver, { schema: SCHEMA, name: "ledger" });
      reorged = a.store;
      clean = b.store;
      drops.push(a.drop, b.drop);
    });
    after(async () => {
      for (const d of drops) await d();
      await driver.close();
    });

    test("a store reverted to 60 and rewritten answers every query as one that saw only the final chain", async () => {
      const first = chain(1);
      const final = chain(2);
      assert.deepEqual(first.slice(0, 60), final.slice(0, 60));
      assert.notDeepEqual(first.slice(60), final.slice(60));

      // Catch-up style: the first chain in batches through the buffer, one transaction each.
      for (const b of first) {
        reorged.buffer(b);
        if (b.number % 25 === 0) await reorged.flush();
      }
      const beforeRevert = await createQueryApi(reorged).execute({ query: `{ _meta { block { number } } }` });
      assert.deepEqual(beforeRevert, { data: { _meta: { block: { number: 100 } } } });

      await reorged.revert(60);
      const atRevert = await createQueryApi(reorged).execute({ query: `{ _meta { block { number hash } } }` });
      assert.deepEqual(atRevert, { data: { _meta: { block: { number: 60, hash: `0x${(60).toString(16).padStart(64, "0")}` } } } });
      await reorged.writeBlocks(final.slice(60));
      await clean.writeBlocks(final);

      const left = createQueryApi(reorged);
      const right = createQueryApi(clean);
      for (const query of QUERIES) {
        const expected = await right.execute({ query });
        assert.equal(expected.errors, undefined, query);
        assert.deepEqual(await left.execute({ query }), expected, query);
      }
      const gone = `0x${(80 * 1000 + 1).toString(16).padStart(64, "0")}`;
      assert.deepEqual(await left.execute({ query: `{ accounts(block: {hash: "${gone}"}) { id } }` }), {
        errors: [{ message: "Failed to decode `block.hash` value: `no block with that hash found`" }],
      });
      const reader = await reorged.reader();
      const cleanReader = await clean.reader();
      for (let i = 0; i < 12; i++) assert.deepEqual(reader.get("Account", `a${i}`), cleanReader.get("Account", `a${i}`));
    });
  });
}
