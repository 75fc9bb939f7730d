import assert from "node:assert/strict";
import { beforeEach, describe, test } from "node:test";
import { DeterministicError } from "../common/errors.ts";
import type { Entity, StoreValue } from "../common/values.ts";
import { loadSchema } from "../schema/model.ts";
import { EntityCache, createMemoryEntityStore, type EntityChange, type MemoryEntityStore } from "./entityCache.ts";

const str = (value: string): StoreValue => ({ kind: "String", value });
const int = (value: number): StoreValue => ({ kind: "Int", value });
const int8 = (value: bigint): StoreValue => ({ kind: "Int8", value });
const big = (value: bigint): StoreValue => ({ kind: "BigInt", value });
const bool = (value: boolean): StoreValue => ({ kind: "Bool", value });
const ts = (value: bigint): StoreValue => ({ kind: "Timestamp", value });
const hex = (h: string): StoreValue => ({
  kind: "Bytes",
  value: Uint8Array.from(h.replace(/^0x/, "").match(/../g) ?? [], (b) => parseInt(b, 16)),
});
const list = (...value: StoreValue[]): StoreValue => ({ kind: "Array", value });
const NULL: StoreValue = { kind: "Null" };
const entity = (fields: Record<string, StoreValue>): Entity => new Map(Object.entries(fields));

/** An entity as a plain object (attribute order preserved) for readable assertions. */
function plain(e: Entity | null): Record<string, StoreValue> | null {
  return e && Object.fromEntries(e);
}

const SDL = `
  type Account @entity {
    id: Bytes!
    name: String
    balance: BigInt!
    tokens: [Token!]! @derivedFrom(field: "owner")
    pets: [Pet!]! @derivedFrom(field: "owner")
    groups: [Group!]! @derivedFrom(field: "members")
    profile: Profile @derivedFrom(field: "id")
  }
  type Token @entity { id: ID!, owner: Account!, value: Int! }
  interface Pet { id: ID!, owner: Account! }
  type Dog implements Pet @entity { id: ID!, owner: Account!, barks: Boolean }
  type Cat implements Pet @entity { id: ID!, owner: Account! }
  type Group @entity { id: ID!, members: [Account!]! }
  type Profile @entity { id: Bytes!, bio: String }
  type Mint @entity(immutable: true) { id: ID!, amount: Int! }
  type Once @entity(immutable: true, skipDuplicates: true) { id: ID!, v: Int! }
  type Tick @entity(timeseries: true) { id: Int8!, timestamp: Timestamp!, v: Int! }
  type Log @entity(immutable: true) { id: Bytes!, msg: String! }
  type Counter @entity { id: Int8!, n: Int! }
`;
const schema = loadSchema(SDL);
const A1 = "0x01";
const A2 = "0x02";

let store: MemoryEntityStore;
let cache: EntityCache;

function newCache(apiVersion = "0.0.9"): EntityCache {
  return new EntityCache(schema, store, { apiVersion });
}

/** Finish the block: take its changes and write them to the store. */
function commitBlock(): EntityChange[] {
  const changes = cache.takeBlockChanges();
  store.apply(changes);
  return changes;
}

function error(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof DeterministicError, `expected DeterministicError, got ${e}`);
    return e.message;
  }
  assert.fail("did not throw");
}

beforeEach(() => {
  store = createMemoryEntityStore();
  cache = newCache();
});

describe("set and get", () => {
  test("a new entity: id added, attributes sorted by name, visible in get and getInBlock", () => {
    cache.set("Token", "t1", entity({ value: int(3), owner: hex(A1) }));
    const expected = { id: str("t1"), owner: hex(A1), value: int(3) };
    assert.deepEqual(plain(cache.get("Token", "t1")), expected);
    assert.deepEqual([...cache.get("Token", "t1")!.keys()], ["id", "owner", "value"]);
    assert.deepEqual(plain(cache.getInBlock("Token", "t1")), expected);
    assert.equal(store.get("Token", "t1"), null, "nothing reaches the store before the block ends");
    assert.deepEqual(commitBlock(), [{ op: "insert", type: "Token", id: "t1", entity: new Map(Object.entries(expected)) }]);
    assert.deepEqual(plain(newCache().get("Token", "t1")), expected);
  });

  test("get and getInBlock of unknown entities are null", () => {
    assert.equal(cache.get("Token", "nope"), null);
    assert.equal(cache.getInBlock("Token", "nope"), null);
  });

  test("get returns one object per version of an entity, never changed afterwards", () => {
    cache.set("Token", "t1", entity({ value: int(3), owner: hex(A1) }));
    const first = cache.get("Token", "t1")!;
    assert.equal(cache.get("Token", "t1"), first, "the same object while the entity is unchanged");
    cache.set("Token", "t1", entity({ value: int(4) }));
    const second = cache.get("Token", "t1")!;
    assert.notEqual(second, first);
    assert.deepEqual(second.get("value"), int(4));
    assert.deepEqual(first.get("value"), int(3), "an earlier version is not modified");
  });

  test("Bytes ids are canonical: any case, with or without 0x", () => {
    cache.set("Account", "0xAB", entity({ balance: big(1n) }));
    assert.deepEqual(plain(cache.get("Account", "ab")), { balance: big(1n), id: hex("0xab") });
    assert.deepEqual(commitBlock().map((c) => c.id), ["0xab"]);
  });

  test("Int8 ids", () => {
    cache.set("Counter", "+0042", entity({ n: int(1) }));
    assert.deepEqual(plain(cache.get("Counter", "42")), { id: int8(42n), n: int(1) });
    assert.deepEqual(commitBlock().map((c) => c.id), ["42"]);
  });

  test("merge: attributes not written keep their values", () => {
    store.put("Account", A1, entity({ id: hex(A1), name: str("alice"), balance: big(1n) }));
    cache.set("Account", A1, entity({ balance: big(5n) }));
    assert.deepEqual(plain(cache.get("Account", A1)), { balance: big(5n), id: hex(A1), name: str("alice") });
    // get_in_block: only what this block wrote (set always writes the id)
    assert.deepEqual(plain(cache.getInBlock("Account", A1)), { balance: big(5n), id: hex(A1) });
    assert.deepEqual(commitBlock(), [
      {
        op: "update",
        type: "Account",
        id: A1,
        entity: entity({ balance: big(5n), id: hex(A1), name: str("alice") }),
      },
    ]);
  });

  test("successive partial writes in one block accumulate", () => {
    cache.set("Account", A1, entity({ balance: big(1n) }));
    cache.set("Account", A1, entity({ name: str("a") }));
    cache.set("Account", A1, entity({ balance: big(2n) }));
    assert.deepEqual(plain(cache.get("Account", A1)), { balance: big(2n), id: hex(A1), name: str("a") });
    assert.deepEqual(commitBlock()[0], {
      op: "insert",
      type: "Account",
      id: A1,
      entity: entity({ balance: big(2n), id: hex(A1), name: str("a") }),
    });
  });

  test("NULL removes an attribute of an existing entity", () => {
    store.put("Account", A1, entity({ id: hex(A1), name: str("alice"), balance: big(1n) }));
    cache.set("Account", A1, entity({ name: NULL }));
    assert.deepEqual(plain(cache.get("Account", A1)), { balance: big(1n), id: hex(A1) });
    assert.deepEqual(plain(cache.getInBlock("Account", A1)), { id: hex(A1), name: NULL });
    assert.deepEqual(commitBlock(), [
      { op: "update", type: "Account", id: A1, entity: entity({ balance: big(1n), id: hex(A1) }) },
    ]);
    assert.deepEqual(plain(store.get("Account", A1)), { balance: big(1n), id: hex(A1) });
  });

  test("an entity created in this block keeps its NULLs until the block is written", () => {
    cache.set("Account", A1, entity({ balance: big(1n), name: NULL }));
    assert.deepEqual(plain(cache.get("Account", A1)), { balance: big(1n), id: hex(A1), name: NULL });
    assert.deepEqual(commitBlock()[0].entity, entity({ balance: big(1n), id: hex(A1) }));
  });

  test("NULL after a value in the same block removes it", () => {
    cache.set("Account", A1, entity({ balance: big(1n), name: str("x") }));
    cache.set("Account", A1, entity({ name: NULL }));
    assert.deepEqual(commitBlock()[0].entity, entity({ balance: big(1n), id: hex(A1) }));
  });

  test("NULL or absence of a non-nullable attribute fails after merging", () => {
    assert.equal(
      error(() => cache.set("Account", A1, entity({ name: str("x") }))),
      "Entity Account[0x01]: missing value for non-nullable field `balance`",
    );
    store.put("Account", A2, entity({ id: hex(A2), balance: big(1n) }));
    cache.set("Account", A2, entity({ name: str("x") })); // the stored balance completes it
    assert.equal(
      error(() => cache.set("Account", A2, entity({ balance: NULL }))),
      "Entity Account[0x02]: missing value for non-nullable field `balance`",
    );
  });

  test("a failing set changes nothing", () => {
    store.put("Account", A1, entity({ id: hex(A1), balance: big(1n) }));
    error(() => cache.set("Account", A1, entity({ balance: str("lots") })));
    error(() => cache.set("Account", A1, entity({ name: str("x"), bogus: int(1) })));
    error(() => cache.set("Account", A1, entity({ tokens: list() })));
    assert.deepEqual(plain(cache.get("Account", A1)), { balance: big(1n), id: hex(A1) });
    assert.equal(cache.getInBlock("Account", A1), null);
    assert.deepEqual(cache.takeBlockChanges(), []);
  });

  test("validation and id messages", () => {
    assert.equal(
      error(() => cache.set("Token", "t1", entity({ owner: hex(A1), value: str("3") }))),
      "Entity Token[t1]: the value `3` for field `value` must have type Int! but has type String",
    );
    assert.equal(
      error(() => cache.set("Token", "t1", entity({ owner: str(A1), value: int(3) }))),
      "Entity Token[t1]: the value `0x01` for field `owner` must have type Account! but has type String",
    );
    assert.equal(
      error(() => cache.set("Token", "t1", entity({ id: str("t2"), owner: hex(A1), value: int(3) }))),
      "Value of Token attribute 'id' conflicts with ID passed to `store.set()`: String(\"t2\") != String(Word(\"t1\"))",
    );
    assert.equal(
      error(() => cache.set("Token", "t1", entity({ owner: hex(A1), value: int(3), extra: int(1), alpha: NULL }))),
      "Attempted to set undefined fields [alpha, extra] for the entity type `Token`. Make sure those fields are defined in the schema.",
    );
    assert.equal(
      error(() => cache.set("Account", A1, entity({ balance: big(1n), tokens: list() }))),
      "Entity Account[0x01]: field `tokens` is derived and cannot be set",
    );
    assert.equal(
      error(() => cache.set("Pet", "p1", entity({ owner: hex(A1) }))),
      "Cannot set entity of type `Pet`. The type must be an @entity type",
    );
    assert.equal(error(() => cache.get("Pet", "p1")), "Cannot get entity of type `Pet`. The type must be an @entity type");
    assert.equal(error(() => cache.getInBlock("Pet", "p1")), "Cannot get entity of type `Pet`. The type must be an @entity type");
    assert.equal(error(() => cache.remove("Pet", "p1")), "Cannot remove entity of type `Pet`. The type must be an @entity type");
    assert.equal(error(() => cache.set("Nope", "x", entity({}))), "internal error: unknown name Nope when looking up entity type");
    assert.equal(error(() => cache.get("Account", "0xzz")), "can not convert `0xzz` to Id::Bytes");
    assert.equal(error(() => cache.remove("Counter", "one")), "can not convert `one` to Id::Int8");
  });

  test("before apiVersion 0.0.8 undefined attributes are dropped", () => {
    cache = newCache("0.0.7");
    cache.set("Token", "t1", entity({ owner: hex(A1), value: int(3), extra: int(1) }));
    assert.deepEqual(plain(cache.get("Token", "t1")), { id: str("t1"), owner: hex(A1), value: int(3) });
  });

  test("writing the same values again produces no change", () => {
    store.put("Account", A1, entity({ id: hex(A1), name: str("alice"), balance: big(1n) }));
    cache.set("Account", A1, entity({ name: str("alice") }));
    cache.set("Account", A1, entity({ balance: big(1n) }));
    assert.deepEqual(cache.takeBlockChanges(), []);
  });
});

describe("remove", () => {
  beforeEach(() => {
    store.put("Account", A1, entity({ id: hex(A1), name: str("alice"), balance: big(1n) }));
  });

  test("removed entities are gone for get and getInBlock", () => {
    cache.remove("Account", A1);
    assert.equal(cache.get("Account", A1), null);
    assert.equal(cache.getInBlock("Account", A1), null);
    assert.deepEqual(commitBlock(), [{ op: "remove", type: "Account", id: A1, entity: null }]);
    assert.equal(store.get("Account", A1), null);
  });

  test("removing a missing entity is a no-op", () => {
    cache.remove("Account", A2);
    cache.remove("Account", A2);
    assert.equal(cache.get("Account", A2), null);
    assert.deepEqual(cache.takeBlockChanges(), []);
  });

  test("remove then set starts from nothing", () => {
    cache.remove("Account", A1);
    assert.equal(
      error(() => cache.set("Account", A1, entity({ name: str("bob") }))),
      "Entity Account[0x01]: missing value for non-nullable field `balance`",
    );
    cache.set("Account", A1, entity({ balance: big(7n) }));
    assert.deepEqual(plain(cache.get("Account", A1)), { balance: big(7n), id: hex(A1) });
    assert.deepEqual(plain(cache.getInBlock("Account", A1)), { balance: big(7n), id: hex(A1) });
    cache.set("Account", A1, entity({ name: str("bob") }));
    assert.deepEqual(commitBlock(), [
      { op: "update", type: "Account", id: A1, entity: entity({ balance: big(7n), id: hex(A1), name: str("bob") }) },
    ]);
  });

  test("remove then set of the same data is no change", () => {
    cache.remove("Account", A1);
    cache.set("Account", A1, entity({ name: str("alice"), balance: big(1n) }));
    assert.deepEqual(cache.takeBlockChanges(), []);
  });

  test("set then remove of an entity created in this block leaves nothing", () => {
    cache.set("Account", A2, entity({ balance: big(2n) }));
    cache.remove("Account", A2);
    assert.equal(cache.get("Account", A2), null);
    assert.deepEqual(cache.takeBlockChanges(), []);
  });
});

describe("handlers", () => {
  test("a discarded handler's writes vanish", () => {
    cache.set("Account", A1, entity({ balance: big(1n) }));
    cache.beginHandler();
    assert.equal(cache.inHandler, true);
    cache.set("Account", A1, entity({ balance: big(2n), name: str("h") }));
    cache.set("Account", A2, entity({ balance: big(3n) }));
    cache.remove("Account", A1);
    assert.equal(cache.get("Account", A1), null);
    cache.discardHandler();
    assert.equal(cache.inHandler, false);
    assert.deepEqual(plain(cache.get("Account", A1)), { balance: big(1n), id: hex(A1) });
    assert.equal(cache.get("Account", A2), null);
    assert.deepEqual(
      commitBlock().map((c) => [c.op, c.id]),
      [["insert", A1]],
    );
  });

  test("a committed handler's writes join the block", () => {
    store.put("Account", A1, entity({ id: hex(A1), name: str("alice"), balance: big(1n) }));
    cache.beginHandler();
    cache.set("Account", A1, entity({ balance: big(2n) }));
    cache.commitHandler();
    cache.beginHandler();
    cache.set("Account", A1, entity({ name: NULL }));
    assert.deepEqual(plain(cache.get("Account", A1)), { balance: big(2n), id: hex(A1) });
    // graph-node applies the block's and the handler's changes one after the other, so the
    // handler's NULL removes the attribute instead of showing up as NULL
    assert.deepEqual(plain(cache.getInBlock("Account", A1)), { balance: big(2n), id: hex(A1) });
    cache.commitHandler();
    // once both are in the block they are one update, which carries the NULL
    assert.deepEqual(plain(cache.getInBlock("Account", A1)), { balance: big(2n), id: hex(A1), name: NULL });
    cache.beginHandler();
    cache.remove("Account", A1);
    cache.commitHandler();
    cache.beginHandler();
    cache.set("Account", A1, entity({ balance: big(3n) }));
    cache.commitHandler();
    assert.deepEqual(commitBlock(), [
      { op: "update", type: "Account", id: A1, entity: entity({ balance: big(3n), id: hex(A1) }) },
    ]);
  });

  test("handler reads see the block's earlier handlers", () => {
    cache.beginHandler();
    cache.set("Token", "t1", entity({ owner: hex(A1), value: int(1) }));
    cache.commitHandler();
    cache.beginHandler();
    assert.deepEqual(cache.get("Token", "t1")!.get("value"), int(1));
    cache.set("Token", "t1", entity({ value: int(2) }));
    cache.discardHandler();
    assert.deepEqual(cache.get("Token", "t1")!.get("value"), int(1));
  });

  test("lifecycle misuse is reported", () => {
    assert.throws(() => cache.commitHandler(), { message: "commitHandler: no handler is running" });
    assert.throws(() => cache.discardHandler(), { message: "discardHandler: no handler is running" });
    cache.beginHandler();
    assert.throws(() => cache.beginHandler(), { message: "beginHandler: a handler is already running" });
    assert.throws(() => cache.takeBlockChanges(), { message: "takeBlockChanges: a handler is still running" });
    assert.throws(() => cache.startBlock({ number: 1, timestamp: 0n }), {
      message: "startBlock: a handler is still running",
    });
    cache.set("Counter", "1", entity({ n: int(1) }));
    cache.commitHandler();
    assert.equal(cache.hasBlockChanges, true);
    assert.throws(() => cache.startBlock({ number: 2, timestamp: 0n }), {
      message: "startBlock: the previous block's changes have not been taken",
    });
    cache.takeBlockChanges();
    assert.equal(cache.hasBlockChanges, false);
    cache.startBlock({ number: 2, timestamp: 0n });
  });
});

describe("immutable entities", () => {
  test("writes within one block merge", () => {
    cache.set("Mint", "m1", entity({ amount: int(1) }));
    cache.set("Mint", "m1", entity({ amount: int(2) }));
    assert.deepEqual(commitBlock(), [{ op: "insert", type: "Mint", id: "m1", entity: entity({ amount: int(2), id: str("m1") }) }]);
  });

  test("an entity from an earlier block cannot be set or removed", () => {
    cache.startBlock({ number: 1, timestamp: 0n });
    cache.set("Mint", "m1", entity({ amount: int(1) }));
    commitBlock();
    cache.startBlock({ number: 2, timestamp: 0n });
    assert.equal(
      error(() => cache.set("Mint", "m1", entity({ amount: int(2) }))),
      "entity Mint[m1] is immutable; inserting it at block 2 is not possible as it already exists from an earlier block",
    );
    assert.equal(
      error(() => cache.remove("Mint", "m1")),
      "entities of type `Mint` can not be deleted since they are immutable. Entity ids are [m1]",
    );
    assert.deepEqual(plain(cache.get("Mint", "m1")), { amount: int(1), id: str("m1") });
    assert.deepEqual(cache.takeBlockChanges(), []);
  });

  test("without a block context the message leaves the block out", () => {
    store.put("Mint", "m1", entity({ id: str("m1"), amount: int(1) }));
    assert.equal(
      error(() => cache.set("Mint", "m1", entity({ amount: int(1) }))),
      "entity Mint[m1] is immutable; inserting it is not possible as it already exists from an earlier block",
    );
  });

  test("created and removed in the same block is fine", () => {
    cache.set("Mint", "m2", entity({ amount: int(1) }));
    cache.remove("Mint", "m2");
    assert.deepEqual(cache.takeBlockChanges(), []);
  });

  test("skipDuplicates: later writes are visible in the block but never stored", () => {
    store.put("Once", "o1", entity({ id: str("o1"), v: int(1) }));
    cache.set("Once", "o1", entity({ v: int(2) }));
    assert.deepEqual(plain(cache.get("Once", "o1")), { id: str("o1"), v: int(2) });
    cache.remove("Once", "o1");
    assert.equal(cache.get("Once", "o1"), null);
    cache.set("Once", "o2", entity({ v: int(5) }));
    assert.deepEqual(commitBlock(), [{ op: "insert", type: "Once", id: "o2", entity: entity({ id: str("o2"), v: int(5) }) }]);
    assert.deepEqual(plain(store.get("Once", "o1")), { id: str("o1"), v: int(1) });
  });
});

describe("generated ids", () => {
  test("timeseries get Int8 ids from the block number and a sequence, and the block time", () => {
    cache.startBlock({ number: 5, timestamp: 1_700_000_000n });
    cache.set("Tick", "whatever", entity({ v: int(1) }));
    cache.set("Tick", "auto", entity({ v: int(2) }));
    const changes = commitBlock();
    assert.deepEqual(changes, [
      {
        op: "insert",
        type: "Tick",
        id: "21474836480",
        entity: entity({ id: int8(21474836480n), timestamp: ts(1_700_000_000_000_000n), v: int(1) }),
      },
      {
        op: "insert",
        type: "Tick",
        id: "21474836481",
        entity: entity({ id: int8(21474836481n), timestamp: ts(1_700_000_000_000_000n), v: int(2) }),
      },
    ]);
    cache.startBlock({ number: 6, timestamp: 1_700_000_012n });
    cache.set("Tick", "auto", entity({ v: int(3) }));
    assert.deepEqual(commitBlock().map((c) => c.id), [String((6n << 32n) + 0n)]);
  });

  test("auto Bytes ids: block number and sequence, big-endian", () => {
    cache.startBlock({ number: 258, timestamp: 0n });
    cache.set("Log", "auto", entity({ msg: str("a") }));
    cache.set("Log", "auto", entity({ msg: str("b") }));
    assert.deepEqual(
      commitBlock().map((c) => c.id),
      ["0x0000010200000000", "0x0000010200000001"],
    );
  });

  test("String ids cannot be generated; generation needs a block", () => {
    cache.startBlock({ number: 1, timestamp: 0n });
    assert.equal(
      error(() => cache.set("Token", "auto", entity({ owner: hex(A1), value: int(1) }))),
      "String does not support generating ids",
    );
    cache.takeBlockChanges();
    assert.throws(() => cache.set("Tick", "auto", entity({ v: int(1) })), {
      message: "generated ids and timeseries timestamps need the current block: call startBlock first",
    });
  });
});

describe("loadRelated", () => {
  beforeEach(() => {
    store.put("Account", A1, entity({ id: hex(A1), balance: big(1n) }));
    store.put("Account", A2, entity({ id: hex(A2), balance: big(2n) }));
    store.put("Token", "t3", entity({ id: str("t3"), owner: hex(A1), value: int(3) }));
    store.put("Token", "t1", entity({ id: str("t1"), owner: hex(A1), value: int(1) }));
    store.put("Token", "t2", entity({ id: str("t2"), owner: hex(A2), value: int(2) }));
    store.put("Token", "t9", entity({ id: str("t9"), owner: hex(A1), value: int(9) }));
  });

  const ids = (es: Entity[]) => es.map((e) => (e.get("id") as { value: string }).value);

  test("stored entities pointing at the parent, sorted by id", () => {
    const tokens = cache.loadRelated("Account", A1, "tokens");
    assert.deepEqual(ids(tokens), ["t1", "t3", "t9"]);
    assert.deepEqual(plain(tokens[0]), { id: str("t1"), owner: hex(A1), value: int(1) });
  });

  test("in-block changes: new, moved away, moved here, removed, updated", () => {
    cache.set("Token", "t0", entity({ owner: hex(A1), value: int(0) })); // new
    cache.set("Token", "t3", entity({ owner: hex(A2) })); // moved away
    cache.set("Token", "t2", entity({ owner: hex(A1) })); // moved here (partial update)
    cache.remove("Token", "t9");
    cache.beginHandler();
    cache.set("Token", "t1", entity({ value: int(100) }));
    const tokens = cache.loadRelated("Account", "0X01".toLowerCase(), "tokens");
    assert.deepEqual(ids(tokens), ["t0", "t1", "t2"]);
    assert.deepEqual(plain(tokens[1]), { id: str("t1"), owner: hex(A1), value: int(100) });
    // the entity that moved here is complete, not just the attributes written in this block
    assert.deepEqual(plain(tokens[2]), { id: str("t2"), owner: hex(A1), value: int(2) });
    cache.discardHandler();
    assert.deepEqual(plain(cache.loadRelated("Account", A1, "tokens")[1]), {
      id: str("t1"),
      owner: hex(A1),
      value: int(1),
    });
    assert.deepEqual(ids(cache.loadRelated("Account", A2, "tokens")), ["t3"]);
  });

  test("interface-typed derived fields collect every implementer, sorted by type then id", () => {
    store.put("Dog", "d2", entity({ id: str("d2"), owner: hex(A1) }));
    store.put("Cat", "c1", entity({ id: str("c1"), owner: hex(A2) }));
    cache.set("Dog", "d1", entity({ owner: hex(A1), barks: bool(true) }));
    cache.set("Cat", "c2", entity({ owner: hex(A1) }));
    const pets = cache.loadRelated("Account", A1, "pets");
    assert.deepEqual(
      pets.map((e) => plain(e)),
      [
        { id: str("c2"), owner: hex(A1) },
        { barks: bool(true), id: str("d1"), owner: hex(A1) },
        { id: str("d2"), owner: hex(A1) },
      ],
    );
  });

  test("list-valued references match when they contain the parent", () => {
    store.put("Group", "g1", entity({ id: str("g1"), members: list(hex(A2), hex(A1)) }));
    store.put("Group", "g2", entity({ id: str("g2"), members: list(hex(A2)) }));
    store.put("Group", "g3", entity({ id: str("g3"), members: list() }));
    cache.set("Group", "g4", entity({ members: list(hex(A1)) }));
    assert.deepEqual(ids(cache.loadRelated("Account", A1, "groups")), ["g1", "g4"]);
    cache.set("Group", "g1", entity({ members: list(hex(A2)) }));
    cache.set("Group", "g2", entity({ members: list(hex(A1), hex(A2)) }));
    assert.deepEqual(ids(cache.loadRelated("Account", A1, "groups")), ["g2", "g4"]);
    assert.deepEqual(ids(cache.loadRelated("Account", A2, "groups")), ["g1", "g2"]);
  });

  test("deriving from id finds the entity with the same id", () => {
    store.put("Profile", A1, entity({ id: hex(A1), bio: str("hi") }));
    assert.deepEqual(
      cache.loadRelated("Account", A1, "profile").map((e) => plain(e)),
      [{ bio: str("hi"), id: hex(A1) }],
    );
    assert.deepEqual(cache.loadRelated("Account", A2, "profile"), []);
  });

  test("no related entities gives an empty list", () => {
    assert.deepEqual(cache.loadRelated("Account", "0x03", "tokens"), []);
  });

  test("errors", () => {
    assert.equal(error(() => cache.loadRelated("Account", A1, "nope")), "Entity Account[0x01]: unknown field `nope`");
    assert.equal(
      error(() => cache.loadRelated("Account", A1, "balance")),
      "Entity Account[0x01]: field is not derived `balance`",
    );
    assert.equal(error(() => cache.loadRelated("Pet", "p1", "owner")), "Entity Pet[p1]: unknown entity type `owner`");
    assert.equal(
      error(() => cache.loadRelated("Nope", "x", "tokens")),
      "internal error: unknown name Nope when looking up entity type",
    );
    assert.equal(error(() => cache.loadRelated("Account", "xyz", "tokens")), "can not convert `xyz` to Id::Bytes");
  });
});

describe("block changes", () => {
  test("sorted by type name, then id in the id type's order", () => {
    cache.set("Token", "b", entity({ owner: hex(A1), value: int(1) }));
    cache.set("Counter", "10", entity({ n: int(1) }));
    cache.set("Token", "a", entity({ owner: hex(A1), value: int(1) }));
    cache.set("Counter", "9", entity({ n: int(1) }));
    cache.set("Account", A2, entity({ balance: big(1n) }));
    cache.set("Account", A1, entity({ balance: big(1n) }));
    assert.deepEqual(
      cache.takeBlockChanges().map((c) => `${c.type}:${c.id}`),
      ["Account:0x01", "Account:0x02", "Counter:9", "Counter:10", "Token:a", "Token:b"],
    );
    assert.deepEqual(cache.takeBlockChanges(), []);
  });

  test("a new block reads what the previous one wrote", () => {
    cache.startBlock({ number: 1, timestamp: 0n });
    cache.set("Account", A1, entity({ balance: big(1n), name: str("a") }));
    commitBlock();
    cache.startBlock({ number: 2, timestamp: 0n });
    assert.equal(cache.getInBlock("Account", A1), null);
    cache.set("Account", A1, entity({ name: NULL }));
    assert.deepEqual(commitBlock(), [
      { op: "update", type: "Account", id: A1, entity: entity({ balance: big(1n), id: hex(A1) }) },
    ]);
  });
});

describe("setChanges", () => {
  type Outcome = { returned: "view" | "null" | "threw"; error: string | null; view: Record<string, StoreValue> | null; changes: EntityChange[] };

  /**
   * Runs one save both ways in fresh caches over the same stored entities: `set` of the
   * loaded entity with `changes` applied, and `setChanges`. Returns both outcomes.
   */
  function bothWays(
    seed: Array<[string, string, Entity]>,
    type: string,
    id: string,
    changes: Array<[string, StoreValue]>,
    options: { apiVersion?: string; before?: (c: EntityCache, base: Entity) => void } = {},
  ): [Outcome, Outcome] {
    const run = (withChanges: boolean): Outcome => {
      store = createMemoryEntityStore();
      for (const [t, i, e] of seed) store.put(t, i, e);
      const c = newCache(options.apiVersion);
      c.startBlock({ number: 7, timestamp: 1n });
      const base = c.get(type, id)!;
      options.before?.(c, base);
      let returned: Outcome["returned"] = "null";
      let message: string | null = null;
      try {
        if (withChanges) {
          const next = c.setChanges(type, id, base, new Map(changes));
          if (next !== null) {
            assert.equal(next, c.get(type, id), "the returned version is what get returns");
            returned = "view";
          }
        } else {
          const data = new Map(base);
          for (const [k, v] of changes) data.set(k, v);
          c.set(type, id, data);
        }
      } catch (e) {
        message = error(() => {
          throw e;
        });
        returned = "threw";
      }
      return { returned, error: message, view: plain(c.get(type, id)), changes: c.takeBlockChanges() };
    };
    return [run(false), run(true)];
  }

  const account = (fields: Record<string, StoreValue> = {}): Entity =>
    entity({ id: hex(A1), balance: big(10n), name: str("a"), ...fields });
  const seed: Array<[string, string, Entity]> = [["Account", A1, account()]];

  function same(
    seedEntities: Array<[string, string, Entity]>,
    type: string,
    id: string,
    changes: Array<[string, StoreValue]>,
    options: Parameters<typeof bothWays>[4] = {},
  ): Outcome {
    const [viaSet, viaChanges] = bothWays(seedEntities, type, id, changes, options);
    assert.deepEqual({ ...viaChanges, returned: undefined }, { ...viaSet, returned: undefined });
    return viaChanges;
  }

  test("changed values: the same new version and block change as set, checked only where changed", () => {
    const out = same(seed, "Account", A1, [["balance", big(11n)]]);
    assert.equal(out.returned, "view");
    assert.deepEqual(out.view, { balance: big(11n), id: hex(A1), name: str("a") });
    assert.deepEqual(out.changes, [{ op: "update", type: "Account", id: A1, entity: account({ balance: big(11n) }) }]);
  });

  test("NULL removes an attribute, a new attribute is added in name order", () => {
    assert.deepEqual(same(seed, "Account", A1, [["name", NULL]]).view, { balance: big(10n), id: hex(A1) });
    const dog = entity({ id: str("d"), owner: hex(A1) });
    const out = same([["Dog", "d", dog]], "Dog", "d", [["barks", bool(true)]]);
    assert.equal(out.returned, "view");
    assert.deepEqual(Object.keys(out.view!), ["barks", "id", "owner"]);
  });

  test("invalid values fail with set's message, the first in schema order, and change nothing", () => {
    // `name` precedes `balance` in the schema, whatever order the changes come in.
    const out = same(seed, "Account", A1, [
      ["balance", str("x")],
      ["name", int(1)],
    ]);
    assert.equal(out.returned, "threw");
    assert.match(out.error!, /^Entity Account\[0x01\]: the value `1` for field `name` must have type String/);
    assert.deepEqual(out.view, plain(account()));
    assert.deepEqual(out.changes, []);
    assert.match(same(seed, "Account", A1, [["balance", NULL]]).error!, /missing value for non-nullable field `balance`/);
    assert.match(same(seed, "Account", A1, [["tokens", list()]]).error!, /field `tokens` is derived and cannot be set/);
    assert.match(same(seed, "Account", A1, [["id", hex(A2)]]).error!, /conflicts with ID passed/);
    assert.match(same(seed, "Account", A1, [["color", str("red")]]).error!, /Attempted to set undefined fields \[color\]/);
  });

  test("before apiVersion 0.0.8 an undefined attribute is dropped", () => {
    const out = same(seed, "Account", A1, [["color", str("red")], ["balance", big(1n)]], { apiVersion: "0.0.7" });
    assert.deepEqual(out.view, { balance: big(1n), id: hex(A1), name: str("a") });
  });

  test("an immutable entity from an earlier block cannot be saved again", () => {
    const out = same([["Mint", "m", entity({ id: str("m"), amount: int(1) })]], "Mint", "m", [["amount", int(2)]]);
    assert.match(out.error!, /entity Mint\[m\] is immutable; inserting it at block 7/);
  });

  test("a base that is no longer the current version is saved whole, as set would", () => {
    const out = same(seed, "Account", A1, [["name", str("b")]], {
      before: (c) => c.set("Account", A1, entity({ balance: big(99n) })),
    });
    assert.equal(out.returned, "null");
    assert.deepEqual(out.view, { balance: big(10n), id: hex(A1), name: str("b") }, "the base's balance is written back");
  });

  test("in a handler: kept on commit, gone on discard", () => {
    for (const keep of [true, false]) {
      store = createMemoryEntityStore();
      store.put("Account", A1, account());
      const c = newCache();
      c.startBlock({ number: 7, timestamp: 1n });
      c.beginHandler();
      const base = c.get("Account", A1)!;
      assert.notEqual(c.setChanges("Account", A1, base, new Map([["balance", big(12n)]])), null);
      if (keep) c.commitHandler();
      else c.discardHandler();
      assert.deepEqual(c.get("Account", A1)!.get("balance"), big(keep ? 12n : 10n));
      assert.equal(c.takeBlockChanges().length, keep ? 1 : 0);
    }
  });

  test("the last version of a block is what the store gets, and what the next block loads", () => {
    cache.set("Account", A1, account());
    const next = cache.setChanges("Account", A1, cache.get("Account", A1)!, new Map([["balance", big(3n)]]))!;
    const [change] = commitBlock();
    assert.equal(change.entity, next, "no copy is made of a version without NULLs");
    cache.set("Account", A2, entity({ balance: big(1n), name: NULL }));
    const [withNull] = cache.takeBlockChanges();
    assert.deepEqual(plain(withNull.entity), { balance: big(1n), id: hex(A2) }, "a version holding NULLs is stored without them");
  });
});

describe("memory store", () => {
  test("put, get, findRelated, apply, entities, count, clear", () => {
    const m = createMemoryEntityStore();
    m.put("Group", "g1", entity({ id: str("g1"), members: list(hex(A1), hex(A2)) }));
    m.put("Group", "g2", entity({ id: str("g2"), members: list(hex(A2)) }));
    m.put("Token", "t1", entity({ id: str("t1"), owner: hex(A1) }));
    assert.deepEqual(
      m.findRelated("Group", "members", A1).map((e) => e.get("id")),
      [str("g1")],
    );
    assert.deepEqual(
      m.findRelated("Token", "owner", A1).map((e) => e.get("id")),
      [str("t1")],
    );
    assert.deepEqual(m.findRelated("Token", "id", "t1").length, 1);
    assert.deepEqual(m.findRelated("Token", "missing", A1), []);
    m.get("Token", "t1")!.set("owner", NULL);
    assert.deepEqual(m.get("Token", "t1")!.get("owner"), hex(A1), "get returns a copy");
    m.apply([
      { op: "remove", type: "Group", id: "g1", entity: null },
      { op: "update", type: "Token", id: "t1", entity: entity({ id: str("t1"), owner: hex(A2) }) },
    ]);
    assert.equal(m.count("Group"), 1);
    assert.deepEqual(m.entities("Token"), [entity({ id: str("t1"), owner: hex(A2) })]);
    m.clear();
    assert.equal(m.count("Token"), 0);
    assert.equal(m.get("Token", "t1"), null);
  });
});
