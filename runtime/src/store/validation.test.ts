import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { DeterministicError } from "../common/errors.ts";
import type { Entity, StoreValue } from "../common/values.ts";
import { loadSchema, requireEntityType } from "../schema/model.ts";
import {
  checkIdAttribute,
  checkUndefinedFields,
  compareEntityIds,
  compareUtf8,
  entitiesEqual,
  entityIdEqualsValue,
  entityIdToString,
  entityIdToValue,
  expectEntityType,
  formatValue,
  idDebug,
  lookupStoreType,
  parseEntityId,
  resolveEntityType,
  sortedEntity,
  storeValueToLogJson,
  storeValuesEqual,
  stringifyLogJson,
  validateEntity,
  valueDebug,
  valueTypeName,
  type EntityId,
} from "./validation.ts";

const str = (value: string): StoreValue => ({ kind: "String", value });
const int = (value: number): StoreValue => ({ kind: "Int", value });
const int8 = (value: bigint): StoreValue => ({ kind: "Int8", value });
const big = (value: bigint): StoreValue => ({ kind: "BigInt", value });
const dec = (digits: bigint, exp: bigint): StoreValue => ({ kind: "BigDecimal", value: { digits, exp } });
const bool = (value: boolean): StoreValue => ({ kind: "Bool", value });
const bytes = (...b: number[]): StoreValue => ({ kind: "Bytes", value: Uint8Array.from(b) });
const ts = (value: bigint): StoreValue => ({ kind: "Timestamp", value });
const list = (...value: StoreValue[]): StoreValue => ({ kind: "Array", value });
const NULL: StoreValue = { kind: "Null" };
const entity = (fields: Record<string, StoreValue>): Entity => new Map(Object.entries(fields));

const SDL = `
  enum Color { red, green }
  interface Named { id: ID!, name: String! }
  type Account @entity { id: Bytes!, owned: [Thing!]! @derivedFrom(field: "owner") }
  type Thing implements Named @entity {
    id: ID!
    name: String!
    color: Color
    colors: [Color!]
    owner: Account
    friends: [Thing!]!
    buddy: Named
    grid: [[Int!]]
    amount: BigDecimal
    count: Int
    big: BigInt
    when: Timestamp
    flag: Boolean
    seq: Int8
    parent: Thing @derivedFrom(field: "friends")
  }
  type Counter @entity { id: Int8!, n: Int! }
  type Stats @aggregation(intervals: ["hour"], source: "Tick") {
    id: Int8!
    timestamp: Timestamp!
    total: BigInt! @aggregate(fn: "sum", arg: "v")
  }
  type Tick @entity(timeseries: true) { id: Int8!, timestamp: Timestamp!, v: BigInt! }
`;
const model = loadSchema(SDL);
const Thing = requireEntityType(model, "Thing");
const Account = requireEntityType(model, "Account");
const Counter = requireEntityType(model, "Counter");

function thrown(f: () => unknown): DeterministicError {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof DeterministicError, `expected DeterministicError, got ${e}`);
    return e;
  }
  assert.fail("did not throw");
}

describe("entity ids", () => {
  test("String ids are taken as they are", () => {
    assert.deepEqual(parseEntityId("String", " 0xAB "), { kind: "String", value: " 0xAB " });
  });

  test("Bytes ids: hex with or without 0x, any case", () => {
    const hex = (s: string) => entityIdToString(parseEntityId("Bytes", s));
    assert.equal(hex("0xAB01"), "0xab01");
    assert.equal(hex("ab01"), "0xab01");
    assert.equal(hex("0x0xab"), "0xab"); // Rust trim_start_matches removes every leading 0x
    assert.equal(hex(""), "0x");
    assert.equal(hex("0x"), "0x");
  });

  test("invalid Bytes ids", () => {
    const cases: [string, string][] = [
      ["0xabc", "Odd number of digits"],
      ["0xzz", "Invalid character 'z' at position 0"],
      ["0Xab", "Invalid character 'X' at position 1"],
      ["12 4", "Invalid character ' ' at position 2"],
    ];
    for (const [input, cause] of cases) {
      const e = thrown(() => parseEntityId("Bytes", input));
      assert.equal(e.message, `can not convert \`${input}\` to Id::Bytes`);
      assert.equal((e.cause as Error).message, cause);
    }
  });

  test("Int8 ids: decimal i64", () => {
    const n = (s: string) => parseEntityId("Int8", s);
    assert.deepEqual(n("42"), { kind: "Int8", value: 42n });
    assert.deepEqual(n("-42"), { kind: "Int8", value: -42n });
    assert.deepEqual(n("+7"), { kind: "Int8", value: 7n });
    assert.deepEqual(n("007"), { kind: "Int8", value: 7n });
    assert.deepEqual(n("9223372036854775807"), { kind: "Int8", value: 9223372036854775807n });
    assert.deepEqual(n("-9223372036854775808"), { kind: "Int8", value: -9223372036854775808n });
  });

  test("invalid Int8 ids", () => {
    const cases: [string, string][] = [
      ["", "cannot parse integer from empty string"],
      ["-", "invalid digit found in string"],
      ["1.5", "invalid digit found in string"],
      [" 1", "invalid digit found in string"],
      ["0x10", "invalid digit found in string"],
      ["9223372036854775808", "number too large to fit in target type"],
      ["-9223372036854775809", "number too small to fit in target type"],
    ];
    for (const [input, cause] of cases) {
      const e = thrown(() => parseEntityId("Int8", input));
      assert.equal(e.message, `can not convert \`${input}\` to Id::Int8`);
      assert.equal((e.cause as Error).message, cause);
    }
  });

  test("display, value form and comparison with values", () => {
    const b = parseEntityId("Bytes", "0x0aff");
    assert.equal(entityIdToString(b), "0x0aff");
    assert.deepEqual(entityIdToValue(b), bytes(0x0a, 0xff));
    assert.equal(entityIdToString(parseEntityId("Int8", "-3")), "-3");
    assert.equal(entityIdEqualsValue(b, bytes(0x0a, 0xff)), true);
    assert.equal(entityIdEqualsValue(b, str("0x0aff")), false);
    assert.equal(entityIdEqualsValue(parseEntityId("Int8", "5"), int8(5n)), true);
    assert.equal(entityIdEqualsValue(parseEntityId("Int8", "5"), int(5)), false);
  });

  test("ordering: strings by UTF-8 bytes, bytes lexicographically, Int8 numerically", () => {
    const s = (v: string): EntityId => ({ kind: "String", value: v });
    assert.equal(compareEntityIds(s("B"), s("a")) < 0, true);
    assert.equal(compareEntityIds(s("a"), s("ab")) < 0, true);
    // U+FFFF sorts before U+1F600 in UTF-8, though not in UTF-16 code units.
    assert.equal(compareUtf8("\uffff", "\u{1f600}") < 0, true);
    assert.equal("\uffff" < "\u{1f600}", false);
    assert.equal(compareEntityIds(parseEntityId("Bytes", "0x02"), parseEntityId("Bytes", "0x0100")) > 0, true);
    assert.equal(compareEntityIds(parseEntityId("Int8", "-5"), parseEntityId("Int8", "3")) < 0, true);
    assert.equal(compareEntityIds(s("x"), s("x")), 0);
  });
});

describe("entity type lookup", () => {
  test("entity types resolve for every operation", () => {
    assert.equal(resolveEntityType(model, "Thing", "set"), Thing);
    assert.equal(lookupStoreType(model, "Counter").idType, "Int8");
  });

  test("interfaces and aggregations cannot be used", () => {
    assert.equal(
      thrown(() => resolveEntityType(model, "Named", "set")).message,
      "Cannot set entity of type `Named`. The type must be an @entity type",
    );
    assert.equal(
      thrown(() => resolveEntityType(model, "Stats", "get")).message,
      "Cannot get entity of type `Stats`. The type must be an @entity type",
    );
    assert.equal(
      thrown(() => resolveEntityType(model, "Stats_hour", "remove")).message,
      "Cannot remove entity of type `Stats_hour`. The type must be an @entity type",
    );
    const ref = lookupStoreType(model, "Named");
    assert.equal(ref.kind, "interface");
    assert.equal(ref.idType, "String");
    assert.throws(() => expectEntityType(ref, "get"), DeterministicError);
  });

  test("unknown names", () => {
    assert.equal(
      thrown(() => resolveEntityType(model, "Nope", "set")).message,
      "internal error: unknown name Nope when looking up entity type",
    );
    // Names graph-node knows as field or enum names get a different message.
    assert.equal(
      thrown(() => resolveEntityType(model, "owner", "set", "QmDeployment")).message,
      "internal error: entity type `owner` does not exist in QmDeployment",
    );
    assert.equal(
      thrown(() => resolveEntityType(model, "Color", "get")).message,
      "internal error: entity type `Color` does not exist",
    );
  });
});

describe("store.set checks before merging", () => {
  const id = parseEntityId("String", "t1");

  test("the id is added when missing", () => {
    const data = entity({ name: str("x") });
    const out = checkIdAttribute(Thing, id, data);
    assert.deepEqual(out.get("id"), str("t1"));
    assert.equal(data.has("id"), false, "input untouched");
  });

  test("a matching id attribute is fine", () => {
    const out = checkIdAttribute(Account, parseEntityId("Bytes", "0xAB"), entity({ id: bytes(0xab) }));
    assert.deepEqual(out.get("id"), bytes(0xab));
  });

  test("an id attribute of the wrong type", () => {
    const cases: [StoreValue, string][] = [
      [bytes(1), "Bytes"],
      [bool(true), "Boolean"],
      [list(str("t1")), "[String]"],
      [list(), "[Any]"],
      [NULL, "Null"],
      [int8(1n), "Int8"],
    ];
    for (const [v, name] of cases) {
      assert.equal(
        thrown(() => checkIdAttribute(Thing, id, entity({ id: v }))).message,
        `Attribute \`Thing.id\` has wrong type: expected String but got ${name}`,
      );
    }
    assert.equal(
      thrown(() => checkIdAttribute(Counter, parseEntityId("Int8", "1"), entity({ id: str("1") }))).message,
      "Attribute `Counter.id` has wrong type: expected Int8 but got String",
    );
  });

  test("an id attribute that differs from the key", () => {
    assert.equal(
      thrown(() => checkIdAttribute(Thing, id, entity({ id: str("t2") }))).message,
      "Value of Thing attribute 'id' conflicts with ID passed to `store.set()`: String(\"t2\") != String(Word(\"t1\"))",
    );
    assert.equal(
      thrown(() => checkIdAttribute(Account, parseEntityId("Bytes", "0x01"), entity({ id: bytes(2) }))).message,
      "Value of Account attribute 'id' conflicts with ID passed to `store.set()`: Bytes(0x02) != Bytes(Bytes(0x01))",
    );
    assert.equal(
      thrown(() => checkIdAttribute(Counter, parseEntityId("Int8", "1"), entity({ id: int8(2n) }))).message,
      "Value of Counter attribute 'id' conflicts with ID passed to `store.set()`: Int8(2) != Int8(1)",
    );
    assert.equal(
      thrown(() => checkIdAttribute(Thing, parseEntityId("String", 'a"b'), entity({ id: str("c\nd\\") }))).message,
      'Value of Thing attribute \'id\' conflicts with ID passed to `store.set()`: String("c\\nd\\\\") != String(Word("a\\"b"))',
    );
  });

  test("undefined fields are an error from apiVersion 0.0.8, sorted by name", () => {
    const data = entity({ id: str("t1"), zeta: int(1), name: str("x"), alpha: int(2), parent: NULL });
    const message =
      "Attempted to set undefined fields [alpha, zeta] for the entity type `Thing`. Make sure those fields are defined in the schema.";
    assert.equal(thrown(() => checkUndefinedFields(Thing, data, "0.0.8")).message, message);
    assert.equal(thrown(() => checkUndefinedFields(Thing, data, "0.0.9")).message, message);
    assert.equal(thrown(() => checkUndefinedFields(Thing, data, "0.0.10")).message, message);
  });

  test("before apiVersion 0.0.8 undefined fields are dropped", () => {
    const data = entity({ id: str("t1"), zeta: int(1), name: str("x") });
    assert.deepEqual([...checkUndefinedFields(Thing, data, "0.0.7").keys()], ["id", "name"]);
    assert.deepEqual([...checkUndefinedFields(Thing, data, "0.0.5").keys()], ["id", "name"]);
  });

  test("derived fields are defined fields (validation rejects them later)", () => {
    const data = entity({ id: str("t1"), parent: str("t0") });
    assert.equal(checkUndefinedFields(Thing, data, "0.0.9"), data);
  });
});

describe("validateEntity", () => {
  const id = parseEntityId("String", "t1");
  const valid = () =>
    entity({ id: str("t1"), name: str("n"), friends: list(), color: str("red"), owner: bytes(1) });
  const check = (e: Entity) => validateEntity(model, Thing, id, e);
  const error = (e: Entity) => thrown(() => check(e)).message;

  test("a complete entity passes", () => {
    check(valid());
    const full = valid();
    full.set("colors", list(str("green"), str("red")));
    full.set("buddy", str("t9"));
    full.set("grid", list());
    full.set("amount", dec(15n, -1n));
    full.set("count", int(-1));
    full.set("big", big(10n ** 30n));
    full.set("when", ts(1_700_000_000_000_000n));
    full.set("flag", bool(false));
    full.set("seq", int8(-5n));
    full.set("friends", list(str("a"), str("b")));
    check(full);
  });

  test("values carried over from the previous version are not checked again; new ones are", () => {
    // The previous version's `count` could not be stored today; it is trusted because it was
    // valid when stored. The same object passes, an equal new object does not.
    const stale = str("not an Int");
    const previous = valid();
    previous.set("count", stale);
    const next = new Map(previous);
    next.set("name", str("renamed"));
    validateEntity(model, Thing, id, next, previous);
    next.set("count", str("not an Int"));
    assert.match(thrown(() => validateEntity(model, Thing, id, next, previous)).message, /field `count` must have type Int/);
    // Missing required fields are still found when the previous version had them.
    const missing = new Map(previous);
    missing.delete("name");
    assert.equal(thrown(() => validateEntity(model, Thing, id, missing, previous)).message, "Entity Thing[t1]: missing value for non-nullable field `name`");
  });

  test("nullable fields may be absent or NULL", () => {
    const e = valid();
    e.set("color", NULL);
    e.delete("owner");
    check(e);
  });

  test("missing or NULL non-nullable fields", () => {
    const e = valid();
    e.delete("name");
    assert.equal(error(e), "Entity Thing[t1]: missing value for non-nullable field `name`");
    e.set("name", NULL);
    assert.equal(error(e), "Entity Thing[t1]: missing value for non-nullable field `name`");
    const f = valid();
    f.delete("friends");
    assert.equal(error(f), "Entity Thing[t1]: missing value for non-nullable field `friends`");
  });

  test("derived fields cannot be set", () => {
    const e = valid();
    e.set("parent", str("t0"));
    assert.equal(error(e), "Entity Thing[t1]: field `parent` is derived and cannot be set");
    e.set("parent", NULL);
    assert.equal(error(e), "Entity Thing[t1]: field `parent` is derived and cannot be set");
  });

  test("wrong value types", () => {
    const cases: [string, StoreValue, string][] = [
      ["name", int(32), "the value `32` for field `name` must have type String! but has type Int"],
      ["count", str("3"), "the value `3` for field `count` must have type Int but has type String"],
      ["flag", int(1), "the value `1` for field `flag` must have type Boolean but has type Int"],
      ["seq", int(1), "the value `1` for field `seq` must have type Int8 but has type Int"],
      ["big", int8(1n), "the value `1` for field `big` must have type BigInt but has type Int8"],
      ["amount", big(2n), "the value `2` for field `amount` must have type BigDecimal but has type BigInt"],
      ["when", int8(1n), "the value `1` for field `when` must have type Timestamp but has type Int8"],
      ["count", bool(true), "the value `true` for field `count` must have type Int but has type Boolean"],
      // references take the target's id type: Account has Bytes ids, Named (interface) String ids
      ["owner", str("0x01"), "the value `0x01` for field `owner` must have type Account but has type String"],
      ["buddy", bytes(1), "the value `0x01` for field `buddy` must have type Named but has type Bytes"],
      // lists where scalars belong and scalars where lists belong
      ["name", list(str("a")), "the value `[a]` for field `name` must have type String! but has type [String]"],
      ["name", list(), "the value `[]` for field `name` must have type String! but has type [Any]"],
      ["friends", str("a"), "the value `a` for field `friends` must have type [Thing!]! but has type String"],
    ];
    for (const [field, value, message] of cases) {
      const e = valid();
      e.set(field, value);
      assert.equal(error(e), `Entity Thing[t1]: ${message}`, field);
    }
  });

  test("list elements of the wrong type name their index", () => {
    const e = valid();
    e.set("friends", list(str("thing1"), int(17)));
    assert.equal(
      error(e),
      "Entity Thing[t1]: field `friends` is of type [Thing!]!, but the value `[thing1, 17]` contains a Int at index 1",
    );
    const g = valid();
    g.set("grid", list(list(int(1))));
    assert.equal(
      error(g),
      "Entity Thing[t1]: field `grid` is of type [[Int!]], but the value `[[1]]` contains a [Int] at index 0",
    );
  });

  test("NULL list elements pass, as in graph-node", () => {
    const e = valid();
    e.set("friends", list(str("a"), NULL));
    check(e);
  });

  test("enum values must belong to the enum", () => {
    const e = valid();
    e.set("color", str("blue"));
    assert.equal(
      error(e),
      "Entity Thing[t1]: the value `blue` for field `color` is not a value of the enum Color",
    );
    const f = valid();
    f.set("colors", list(str("red"), str("RED")));
    assert.equal(
      error(f),
      "Entity Thing[t1]: the value `RED` for field `colors` is not a value of the enum Color",
    );
  });

  test("the first failing field in schema order is reported", () => {
    const e = valid();
    e.delete("friends");
    e.set("name", int(1));
    assert.equal(error(e), "Entity Thing[t1]: the value `1` for field `name` must have type String! but has type Int");
  });

  test("the entity key in messages uses the id's display form", () => {
    assert.equal(
      thrown(() => validateEntity(model, Counter, parseEntityId("Int8", "+0042"), entity({ id: int8(42n) }))).message,
      "Entity Counter[42]: missing value for non-nullable field `n`",
    );
  });
});

describe("formatValue (graph-node Value Display)", () => {
  test("scalars", () => {
    assert.equal(formatValue(str("héllo")), "héllo");
    assert.equal(formatValue(int(-7)), "-7");
    assert.equal(formatValue(int8(-9223372036854775808n)), "-9223372036854775808");
    assert.equal(formatValue(big(-(10n ** 40n))), "-10000000000000000000000000000000000000000");
    assert.equal(formatValue(bool(true)), "true");
    assert.equal(formatValue(bool(false)), "false");
    assert.equal(formatValue(NULL), "null");
    assert.equal(formatValue(bytes(0x01, 0xab, 0xff)), "0x01abff");
    assert.equal(formatValue(bytes()), "0x");
    assert.equal(formatValue(ts(1710837304040956n)), "1710837304040956");
  });

  test("BigDecimal in plain positional notation", () => {
    assert.equal(formatValue(dec(15n, -1n)), "1.5");
    assert.equal(formatValue(dec(150n, -2n)), "1.5");
    assert.equal(formatValue(dec(1n, 2n)), "100");
    assert.equal(formatValue(dec(15n, -4n)), "0.0015");
    assert.equal(formatValue(dec(-15n, -1n)), "-1.5");
    assert.equal(formatValue(dec(-5n, -1n)), "-0.5");
    assert.equal(formatValue(dec(0n, 5n)), "0");
    assert.equal(formatValue(dec(1n, -30n)), "0.000000000000000000000000000001");
    assert.equal(formatValue(dec(1n, 40n)), "10000000000000000000000000000000000000000");
    assert.equal(formatValue(dec(3333333333333333333333333333333333n, -34n)), "0.3333333333333333333333333333333333");
  });

  test("lists", () => {
    assert.equal(formatValue(list(str("a"), str("b"))), "[a, b]");
    assert.equal(formatValue(list(bytes(1), bytes(2))), "[0x01, 0x02]");
    assert.equal(formatValue(list()), "[]");
    assert.equal(formatValue(list(int(1), list(NULL, bool(true)))), "[1, [null, true]]");
  });

  test("type names", () => {
    assert.equal(valueTypeName(bool(true)), "Boolean");
    assert.equal(valueTypeName(list(list(int(1)))), "[[Int]]");
    assert.equal(valueTypeName(ts(0n)), "Timestamp");
  });
});

describe("logStore JSON", () => {
  test("every kind", () => {
    const value = list(
      str("s"),
      int(-1),
      int8(9007199254740993n),
      dec(15n, -1n),
      bool(true),
      NULL,
      bytes(0xab),
      big(-12n),
      ts(5n),
    );
    assert.deepEqual(storeValueToLogJson(value), {
      type: "List",
      data: [
        { type: "String", data: "s" },
        { type: "Int", data: -1 },
        { type: "Int8", data: 9007199254740993n },
        { type: "BigDecimal", data: "1.5" },
        { type: "Bool", data: true },
        { type: "Null" },
        { type: "Bytes", data: "0xab" },
        { type: "BigInt", data: "-12" },
        { type: "Timestamp", data: "5" },
      ],
    });
  });

  test("stringified like serde_json's pretty printer, bigints exact", () => {
    const doc = {
      Token: { "0x01": { id: storeValueToLogJson(str("0x01")), n: storeValueToLogJson(int8(9007199254740993n)) } },
      Empty: {},
      list: storeValueToLogJson(list()),
    };
    assert.equal(
      stringifyLogJson(doc),
      [
        "{",
        '  "Token": {',
        '    "0x01": {',
        '      "id": {',
        '        "type": "String",',
        '        "data": "0x01"',
        "      },",
        '      "n": {',
        '        "type": "Int8",',
        '        "data": 9007199254740993',
        "      }",
        "    }",
        "  },",
        '  "Empty": {},',
        '  "list": {',
        '    "type": "List",',
        '    "data": []',
        "  }",
        "}",
      ].join("\n"),
    );
    const plain = { a: [1, "x\n", null, true], b: { c: -0.5 } };
    assert.equal(stringifyLogJson(plain), JSON.stringify(plain, null, 2));
    assert.equal(stringifyLogJson(plain, 0), JSON.stringify(plain));
  });
});

describe("value helpers", () => {
  test("Debug forms", () => {
    assert.equal(valueDebug(str('a"\t\u0007é\u0301')), 'String("a\\"\\t\\u{7}é\\u{301}")');
    assert.equal(valueDebug(list(int(1), NULL, bool(false))), "List([Int(1), Null, Bool(false)])");
    assert.equal(valueDebug(big(5n)), "BigInt(5)");
    assert.equal(valueDebug(dec(15n, -1n)), "BigDecimal(1.5)");
    assert.equal(idDebug(parseEntityId("Bytes", "0xff")), "Bytes(Bytes(0xff))");
    assert.equal(idDebug(parseEntityId("Int8", "-1")), "Int8(-1)");
  });

  test("value and entity equality", () => {
    assert.equal(storeValuesEqual(bytes(1, 2), bytes(1, 2)), true);
    assert.equal(storeValuesEqual(bytes(1, 2), bytes(1, 3)), false);
    assert.equal(storeValuesEqual(int(1), int8(1n)), false);
    assert.equal(storeValuesEqual(dec(15n, -1n), dec(15n, -1n)), true);
    assert.equal(storeValuesEqual(list(str("a")), list(str("a"))), true);
    assert.equal(storeValuesEqual(list(str("a")), list(str("a"), NULL)), false);
    assert.equal(storeValuesEqual(NULL, NULL), true);
    assert.equal(entitiesEqual(entity({ a: int(1), b: str("x") }), entity({ b: str("x"), a: int(1) })), true);
    assert.equal(entitiesEqual(entity({ a: int(1) }), entity({ a: int(1), b: NULL })), false);
  });

  test("sortedEntity orders attributes by name bytes", () => {
    const e = sortedEntity(entity({ b: int(1), a: int(2), B: int(3), id: str("x") }));
    assert.deepEqual([...e.keys()], ["B", "a", "b", "id"]);
  });
});
