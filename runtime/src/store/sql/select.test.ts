import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { backends, freshStore } from "../../../test/helpers/backends.ts";
import { bigDec, bigInt, int, list, put, remove, str } from "../../../test/helpers/entities.ts";
import type { Embed, EntityRow } from "../query.ts";
import type { SqlDriver } from "./driver.ts";
import type { SqlStore } from "./store.ts";

// `value` has a different type in each implementer, so the two cannot share a result column.
const SCHEMA = `
interface Event { id: ID! at: Int! account: Account! }
type Deposit implements Event @entity(immutable: true) { id: ID! at: Int! account: Account! value: BigInt! note: String }
type Withdrawal implements Event @entity { id: ID! at: Int! account: Account! value: Int! tags: [String!] }
type Account @entity { id: ID! balance: BigDecimal! events: [Event!]! @derivedFrom(field: "account") }
`;

const brief = (rows: EntityRow[]) => rows.map((r): Record<string, unknown> => ({ type: r.typename, parent: r.parent, ...r.values }));

for (const backend of backends()) {
  describe(`SQL reads (${backend.name})`, () => {
    let base: SqlDriver;
    let statements = 0;
    let store: SqlStore;
    let drop: () => Promise<void>;
    before(async () => {
      base = await backend.open();
      // Counts the statements the store runs, to check that a read takes one round trip.
      const driver: SqlDriver = { ...base, query: (sql, params) => (statements++, base.query(sql, params)) };
      ({ store, drop } = await freshStore(driver, { schema: SCHEMA, name: "reads" }));
      const account = (id: string, balance: string, op: "insert" | "update" = "insert") =>
        put("Account", { id: str(id), balance: bigDec(balance) }, op);
      await store.writeBlock({
        number: 1,
        changes: [
          account("a", "1"),
          account("b", "10"),
          put("Deposit", { id: str("d1"), at: int(1), account: str("a"), value: bigInt(10n ** 30n), note: str("first") }),
          put("Withdrawal", { id: str("w1"), at: int(1), account: str("b"), value: int(-5), tags: list(str("x")) }),
        ],
      });
      await store.writeBlock({
        number: 3,
        changes: [
          account("a", "2", "update"),
          put("Deposit", { id: str("d2"), at: int(3), account: str("b"), value: bigInt(7n) }),
          put("Withdrawal", { id: str("w2"), at: int(3), account: str("a"), value: int(4) }),
        ],
      });
      await store.writeBlock({ number: 5, changes: [remove("Account", "a")] });
      await store.writeBlock({ number: 7, changes: [account("a", "3")] });
    });
    after(async () => {
      await drop();
      await base.close();
    });
    const counted = async <T>(fn: () => Promise<T>): Promise<{ result: T; statements: number }> => {
      statements = 0;
      const result = await fn();
      return { result, statements };
    };

    test("lookups by id see the version alive at the block, across a removal and a re-creation", async () => {
      const balances: Record<number, string[]> = {};
      for (let block = 0; block <= 8; block++) {
        const rows = await store.findByIds("Account", ["a", "a", "missing"], block);
        balances[block] = rows.map((r) => String(r.values.balance));
      }
      assert.deepEqual(balances, { 0: [], 1: ["1"], 2: ["1"], 3: ["2"], 4: ["2"], 5: [], 6: [], 7: ["3"], 8: ["3"] });
    });

    test("an interface page is read in one statement, each row with its own type's values", async () => {
      const { result, statements } = await counted(() =>
        store.findEntities({ type: "Event", block: 7, filter: null, order: { kind: "field", field: "at", direction: "desc" }, first: 3, skip: 0 }),
      );
      assert.equal(statements, 1);
      assert.deepEqual(brief(result), [
        { type: "Withdrawal", parent: undefined, id: "w2", at: 3, account: "a", value: 4, tags: null },
        { type: "Deposit", parent: undefined, id: "d2", at: 3, account: "b", value: "7", note: null },
        { type: "Withdrawal", parent: undefined, id: "w1", at: 1, account: "b", value: -5, tags: ["x"] },
      ]);
      const skipped = await store.findEntities({ type: "Event", block: 2, filter: null, order: { kind: "id", direction: "asc" }, first: 5, skip: 1 });
      assert.deepEqual(brief(skipped), [{ type: "Withdrawal", parent: undefined, id: "w1", at: 1, account: "b", value: -5, tags: ["x"] }]);
    });

    test("children of an interface-typed derived field load for every parent in one statement", async () => {
      const { result, statements } = await counted(() =>
        store.findChildren({
          type: "Event",
          parentType: "Account",
          block: 7,
          filter: null,
          order: { kind: "id", direction: "desc" },
          first: 1,
          skip: 0,
          link: { kind: "derived", targetField: "account", parentIds: ["a", "b", "a"] },
        }),
      );
      assert.equal(statements, 1);
      assert.deepEqual(
        brief(result).sort((x, y) => String(x.parent).localeCompare(String(y.parent))),
        [
          { type: "Withdrawal", parent: "a", id: "w2", at: 3, account: "a", value: 4, tags: null },
          { type: "Withdrawal", parent: "b", id: "w1", at: 1, account: "b", value: -5, tags: ["x"] },
        ],
      );
    });

    test("embeds come back with their rows in one statement, read at the rows' block", async () => {
      const byType = (embed: Embed) => new Map([["Deposit", [embed]], ["Withdrawal", [embed]]]);
      const account: Embed = { kind: "reference", key: "account", field: "account", embeds: new Map() };
      const events: Embed = {
        kind: "children", key: "events", field: "events", filter: null, order: { kind: "field", field: "at", direction: "desc" }, first: 2, skip: 0,
        embeds: byType(account),
      };
      const embedded = (r: EntityRow): unknown =>
        r.embedded && Object.fromEntries([...r.embedded].map(([k, v]) => [k, Array.isArray(v) ? v.map(flat) : v && flat(v as EntityRow)]));
      const flat = (r: EntityRow): Record<string, unknown> => ({ type: r.typename, ...r.values, ...(r.embedded ? { embedded: embedded(r) } : {}) });
      const { result, statements } = await counted(() =>
        store.findEntities({ type: "Event", block: 4, filter: null, order: { kind: "id", direction: "asc" }, first: 3, skip: 0, embeds: byType(account) }),
      );
      assert.equal(statements, 1);
      // Account a was updated at block 3 and removed at block 5: block 4 sees balance 2.
      assert.deepEqual(result.map(flat), [
        { type: "Deposit", id: "d1", at: 1, account: "a", value: "1000000000000000000000000000000", note: "first", embedded: { account: { type: "Account", id: "a", balance: "2" } } },
        { type: "Deposit", id: "d2", at: 3, account: "b", value: "7", note: null, embedded: { account: { type: "Account", id: "b", balance: "10" } } },
        { type: "Withdrawal", id: "w1", at: 1, account: "b", value: -5, tags: ["x"], embedded: { account: { type: "Account", id: "b", balance: "10" } } },
      ]);
      const atSix = await counted(() => store.findByIds("Account", ["a", "b"], 6, new Map([["Account", [events]]])));
      assert.equal(atSix.statements, 1);
      assert.deepEqual(atSix.result.map(flat), [
        {
          type: "Account", id: "b", balance: "10",
          embedded: {
            events: [
              { type: "Deposit", id: "d2", at: 3, account: "b", value: "7", note: null, embedded: { account: { type: "Account", id: "b", balance: "10" } } },
              { type: "Withdrawal", id: "w1", at: 1, account: "b", value: -5, tags: ["x"], embedded: { account: { type: "Account", id: "b", balance: "10" } } },
            ],
          },
        },
      ]);
    });

    test("lookups by id on an interface read every implementer in one statement", async () => {
      const { result, statements } = await counted(() => store.findByIds("Event", ["w1", "d1", "d2", "nope"], 2));
      assert.equal(statements, 1);
      assert.deepEqual(
        brief(result).sort((x, y) => String(x.id).localeCompare(String(y.id))),
        [
          { type: "Deposit", parent: undefined, id: "d1", at: 1, account: "a", value: "1000000000000000000000000000000", note: "first" },
          { type: "Withdrawal", parent: undefined, id: "w1", at: 1, account: "b", value: -5, tags: ["x"] },
        ],
      );
    });
  });
}
