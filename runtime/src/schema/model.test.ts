import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  SchemaError,
  camelCase,
  concreteTypes,
  derivedFieldTarget,
  derivedFields,
  entityType,
  enumType,
  fieldOf,
  fulltextsFor,
  implementers,
  interfaceType,
  interfacesOf,
  isAggregationType,
  isEntityType,
  isEnumType,
  isInterfaceType,
  loadSchema,
  printTypeRef,
  requireEntityType,
  storedFields,
  type FieldModel,
} from "./model.ts";

const SDL = `
"""
An account holding tokens
"""
type Account @entity {
  id: Bytes!
  "tokens owned"
  tokens: [Token!]! @derivedFrom(field: "owner")
  approvals: [Approval!]! @derivedFrom(field: "spenders")
  pets: [Pet!]! @derivedFrom(field: "owner")
  balance: BigInt
}

enum Status {
  "still open"
  OPEN
  CLOSED
}

type Token @entity(immutable: true) {
  id: ID!
  owner: Account!
  status: Status
  tags: [String!]
  matrix: [[Int!]]!
  ratio: BigDecimal!
  minted: Timestamp
  big: Int8
  flag: Boolean!
  data: Bytes
  count: Int
}

type Approval @entity(immutable: true, skipDuplicates: true) {
  id: Bytes!
  spenders: [Account!]!
}

interface Pet {
  id: ID!
  owner: Account!
}

type Dog implements Pet @entity {
  id: ID!
  owner: Account!
  barks: Boolean!
}

type Cat implements Pet @entity {
  id: ID!
  owner: Account!
}

type Shelter @entity {
  id: Int8!
  resident: Pet
  residents: [Pet!]
}

type Trade @entity(timeseries: true) {
  id: Int8!
  timestamp: Timestamp!
  token: Token!
  amount: BigDecimal!
}

type TradeStats @aggregation(intervals: ["day", "hour", "day"], source: "Trade") {
  id: Int8!
  timestamp: Timestamp!
  token: Token!
  volume: BigDecimal! @aggregate(fn: "sum", arg: "amount")
  trades: Int8! @aggregate(fn: "count", cumulative: true)
  scaled: BigDecimal! @aggregate(fn: "max", arg: "amount * 2")
}

type _Schema_
  @fulltext(
    name: "tokenSearch"
    language: en
    algorithm: rank
    include: [{ entity: "Token", fields: [{ name: "id" }] }]
  )
`;

function field(fields: readonly FieldModel[], name: string): FieldModel {
  const f = fields.find((x) => x.name === name);
  assert.ok(f, `field ${name}`);
  return f;
}

/** The message of the SchemaError `loadSchema(sdl)` throws. */
function schemaError(sdl: string, options?: { specVersion?: string }): string {
  try {
    loadSchema(sdl, options);
  } catch (e) {
    assert.ok(e instanceof SchemaError, `expected SchemaError, got ${e}`);
    return e.message;
  }
  assert.fail("schema was accepted");
}

describe("loadSchema: the model", () => {
  const model = loadSchema(SDL);

  test("entity types in schema order with id type and mutability", () => {
    assert.deepEqual(
      model.entityTypes.map((t) => [t.name, t.idType, t.immutable, t.timeseries, t.skipDuplicates]),
      [
        ["Account", "Bytes", false, false, false],
        ["Token", "String", true, false, false],
        ["Approval", "Bytes", true, false, true],
        ["Dog", "String", false, false, false],
        ["Cat", "String", false, false, false],
        ["Shelter", "Int8", false, false, false],
        ["Trade", "Int8", true, true, false],
      ],
    );
  });

  test("all named types by name, in schema order", () => {
    assert.deepEqual(
      [...model.types.keys()],
      ["Account", "Status", "Token", "Approval", "Pet", "Dog", "Cat", "Shelter", "Trade", "TradeStats"],
    );
    assert.equal(model.specVersion, "1.5.0");
  });

  test("descriptions are kept", () => {
    const account = requireEntityType(model, "Account");
    assert.equal(account.description, "An account holding tokens");
    assert.equal(field(account.fields, "tokens").description, "tokens owned");
    assert.equal(field(account.fields, "balance").description, null);
    assert.deepEqual(enumType(model, "Status")!.values, [
      { name: "OPEN", description: "still open" },
      { name: "CLOSED", description: null },
    ]);
  });

  test("fields in declaration order with locations", () => {
    const token = requireEntityType(model, "Token");
    assert.deepEqual(
      token.fields.map((f) => f.name),
      ["id", "owner", "status", "tags", "matrix", "ratio", "minted", "big", "flag", "data", "count"],
    );
    assert.deepEqual(field(token.fields, "owner").loc, { line: 22, column: 3 });
    assert.deepEqual(token.loc, { line: 20, column: 1 });
  });

  test("scalar fields: value type, nullability, lists", () => {
    const token = requireEntityType(model, "Token");
    const summary = (f: FieldModel) => [
      f.typeString,
      f.baseType,
      f.kind,
      f.valueType,
      f.nullable,
      f.isList,
      f.listDepth,
      f.nullability,
    ];
    assert.deepEqual(summary(field(token.fields, "id")), ["ID!", "ID", "scalar", "String", false, false, 0, [false]]);
    assert.deepEqual(summary(field(token.fields, "tags")), [
      "[String!]",
      "String",
      "scalar",
      "String",
      true,
      true,
      1,
      [true, false],
    ]);
    assert.deepEqual(summary(field(token.fields, "matrix")), [
      "[[Int!]]!",
      "Int",
      "scalar",
      "Int",
      false,
      true,
      2,
      [false, true, false],
    ]);
    assert.deepEqual(summary(field(token.fields, "flag")), [
      "Boolean!",
      "Boolean",
      "scalar",
      "Boolean",
      false,
      false,
      0,
      [false],
    ]);
    assert.deepEqual(
      ["ratio", "minted", "big", "data", "count"].map((n) => field(token.fields, n).valueType),
      ["BigDecimal", "Timestamp", "Int8", "Bytes", "Int"],
    );
    assert.deepEqual(field(token.fields, "matrix").type, {
      kind: "list",
      nonNull: true,
      of: { kind: "list", nonNull: false, of: { kind: "named", name: "Int", nonNull: true } },
    });
  });

  test("enum fields are stored as String", () => {
    const status = field(requireEntityType(model, "Token").fields, "status");
    assert.equal(status.kind, "enum");
    assert.equal(status.valueType, "String");
    assert.equal(status.reference, null);
  });

  test("references are stored as the target's id type", () => {
    const owner = field(requireEntityType(model, "Token").fields, "owner");
    assert.equal(owner.kind, "reference");
    assert.equal(owner.valueType, "Bytes");
    assert.deepEqual(owner.reference, { type: "Account", kind: "entity", idType: "Bytes" });

    const shelter = requireEntityType(model, "Shelter");
    // interface references take the id type of the implementers
    assert.deepEqual(field(shelter.fields, "resident").reference, {
      type: "Pet",
      kind: "interface",
      idType: "String",
    });
    assert.equal(field(shelter.fields, "residents").valueType, "String");
    assert.equal(field(shelter.fields, "residents").isList, true);
  });

  test("derived fields", () => {
    const account = requireEntityType(model, "Account");
    const tokens = field(account.fields, "tokens");
    assert.equal(tokens.derivedFrom, "owner");
    assert.equal(tokens.valueType, "String");
    assert.deepEqual(
      derivedFields(account).map((f) => f.name),
      ["tokens", "approvals", "pets"],
    );
    assert.deepEqual(
      storedFields(account).map((f) => f.name),
      ["id", "balance"],
    );
    assert.equal(field(account.fields, "balance").derivedFrom, null);
  });

  test("interfaces and implementers", () => {
    const pet = interfaceType(model, "Pet")!;
    assert.deepEqual(pet.implementers, ["Dog", "Cat"]);
    assert.equal(pet.idType, "String");
    assert.deepEqual(
      pet.fields.map((f) => f.name),
      ["id", "owner"],
    );
    assert.deepEqual(
      implementers(model, "Pet").map((t) => t.name),
      ["Dog", "Cat"],
    );
    assert.deepEqual(requireEntityType(model, "Dog").interfaces, ["Pet"]);
    assert.deepEqual(
      interfacesOf(model, requireEntityType(model, "Dog")).map((i) => i.name),
      ["Pet"],
    );
    assert.deepEqual(implementers(model, "Token"), []);
  });

  test("aggregations", () => {
    const agg = model.aggregations[0];
    assert.equal(agg.name, "TradeStats");
    assert.equal(agg.source, "Trade");
    assert.equal(agg.idType, "Int8");
    assert.deepEqual(agg.intervals, ["hour", "day"]);
    assert.deepEqual(
      agg.fields.map((f) => f.name),
      ["id", "timestamp", "token", "volume", "trades", "scaled"],
    );
    assert.deepEqual(
      agg.dimensions.map((f) => f.name),
      ["token"],
    );
    assert.deepEqual(
      agg.aggregates.map((a) => [a.field.name, a.fn, a.arg, a.cumulative, a.field.valueType]),
      [
        ["volume", "sum", "amount", false, "BigDecimal"],
        ["trades", "count", null, true, "Int8"],
        ["scaled", "max", "amount * 2", false, "BigDecimal"],
      ],
    );
  });

  test("fulltext definitions", () => {
    assert.deepEqual(
      model.fulltexts.map(({ loc: _loc, ...rest }) => rest),
      [
        {
          name: "tokenSearch",
          language: "en",
          algorithm: "rank",
          include: [{ entity: "Token", fields: ["id"] }],
        },
      ],
    );
    assert.equal(fulltextsFor(model, "Token").length, 1);
    assert.equal(fulltextsFor(model, "Account").length, 0);
  });

  test("helpers", () => {
    assert.equal(entityType(model, "Token")?.name, "Token");
    assert.equal(entityType(model, "Pet"), undefined);
    assert.equal(entityType(model, "Nope"), undefined);
    assert.equal(isEntityType(model, "Dog"), true);
    assert.equal(isEntityType(model, "Pet"), false);
    assert.equal(isEntityType(model, "TradeStats"), false);
    assert.equal(isInterfaceType(model, "Pet"), true);
    assert.equal(isEnumType(model, "Status"), true);
    assert.equal(isEnumType(model, "Token"), false);
    assert.equal(isAggregationType(model, "TradeStats"), true);
    assert.throws(() => requireEntityType(model, "Pet"), {
      message: "`Pet` is not an @entity type of the schema",
    });
    assert.equal(fieldOf(requireEntityType(model, "Dog"), "barks")?.valueType, "Boolean");
    assert.equal(fieldOf(requireEntityType(model, "Dog"), "meows"), undefined);
    assert.deepEqual(
      concreteTypes(model, "Pet").map((t) => t.name),
      ["Dog", "Cat"],
    );
    assert.deepEqual(
      concreteTypes(model, "Token").map((t) => t.name),
      ["Token"],
    );
    assert.deepEqual(concreteTypes(model, "Status"), []);

    const target = derivedFieldTarget(model, requireEntityType(model, "Account"), "pets")!;
    assert.equal(target.field.name, "pets");
    assert.equal(target.targetField, "owner");
    assert.deepEqual(
      target.targetTypes.map((t) => t.name),
      ["Dog", "Cat"],
    );
    assert.equal(derivedFieldTarget(model, requireEntityType(model, "Account"), "balance"), undefined);
  });

  test("printTypeRef and camelCase", () => {
    assert.equal(printTypeRef(field(requireEntityType(model, "Token").fields, "matrix").type), "[[Int!]]!");
    assert.equal(camelCase("SongStat"), "songStat");
    assert.equal(camelCase("ERC20Token"), "erc20Token");
    assert.equal(camelCase("ABCToken"), "abctoken");
    assert.equal(camelCase("TokenABC"), "tokenABC");
    assert.equal(camelCase("I1faces"), "i1Faces");
    assert.equal(camelCase("foo_bar"), "fooBar");
  });

  test("an unimplemented interface has String ids; references to it are String", () => {
    const m = loadSchema(`
      interface Lonely { id: Bytes! }
      type Holder @entity { id: ID!, other: Lonely }
    `);
    assert.equal(interfaceType(m, "Lonely")!.idType, "String");
    assert.equal(field(requireEntityType(m, "Holder").fields, "other").valueType, "String");
  });

  test("timeseries default to immutable; explicit immutable: false is allowed for normal types", () => {
    const m = loadSchema(`
      type A @entity(immutable: false) { id: ID! }
      type T @entity(timeseries: true) { id: Int8!, timestamp: Timestamp! }
    `);
    assert.equal(requireEntityType(m, "A").immutable, false);
    assert.equal(requireEntityType(m, "T").immutable, true);
  });

  test("a nullable id field and an interface derived field are accepted as graph-node does", () => {
    const m = loadSchema(`
      interface Owner { id: ID!, things: [Thing!]! @derivedFrom(field: "owner") }
      type Person implements Owner @entity {
        id: ID!
        things: [Thing!]! @derivedFrom(field: "owner")
      }
      type Thing @entity { id: ID, owner: Owner! }
    `);
    assert.equal(requireEntityType(m, "Thing").idType, "String");
    assert.equal(interfaceType(m, "Owner")!.fields[1].derivedFrom, "owner");
  });

  test("deriving from id and from an interface the type implements", () => {
    const m = loadSchema(`
      interface Named { id: ID!, labels: [Label!]! @derivedFrom(field: "target") }
      type User implements Named @entity {
        id: ID!
        labels: [Label!]! @derivedFrom(field: "target")
        profile: Profile @derivedFrom(field: "id")
      }
      type Label @entity { id: ID!, target: Named! }
      type Profile @entity { id: ID! }
    `);
    assert.equal(field(requireEntityType(m, "User").fields, "profile").derivedFrom, "id");
  });
});

describe("loadSchema: errors", () => {
  test("syntax errors carry the parser's message and position", () => {
    assert.equal(
      schemaError("type A @entity {\n  id: ID!\n"),
      "Invalid schema: Syntax Error: Expected Name, found <EOF>. (at line 3, column 1)",
    );
  });

  test("the error lists every issue in source order", () => {
    const sdl = [
      "type A @entity { name: String }",
      "type B { id: ID! }",
      "type C @entity { id: Float!, x: Foo }",
    ].join("\n");
    let err: unknown;
    try {
      loadSchema(sdl);
    } catch (e) {
      err = e;
    }
    assert.ok(err instanceof SchemaError);
    assert.equal(
      err.message,
      [
        "Invalid schema:",
        "  (1) Type A is missing an `id` field (at line 1, column 1)",
        "  (2) @entity directive missing on the following types: `B` (at line 2, column 1)",
        "  (3) Entity type C uses illegal type Float for id column (at line 3, column 18)",
        "  (4) Type `C`, field `id`: type `Float` is not defined (at line 3, column 18)",
        "  (5) Type `C`, field `x`: type `Foo` is not defined (at line 3, column 30)",
      ].join("\n"),
    );
    assert.deepEqual(err.issues[0], {
      message: "Type A is missing an `id` field",
      line: 1,
      column: 1,
    });
    assert.equal(err.issues.length, 5);
  });

  const cases: [string, string, string][] = [
    ["entity without id", "type A @entity { name: String }", "Type A is missing an `id` field (at line 1, column 1)"],
    [
      "id of an illegal type",
      "type A @entity {\n  id: Int!\n}",
      "Entity type A uses illegal type Int for id column (at line 2, column 3)",
    ],
    [
      "list id",
      "type A @entity { id: [Bytes!]! }",
      "Entity type A uses illegal type [Bytes!]! for id column (at line 1, column 18)",
    ],
    [
      "object type without @entity",
      "type A { id: ID! }",
      "@entity directive missing on the following types: `A` (at line 1, column 1)",
    ],
    [
      "non-boolean @entity argument",
      'type A @entity(immutable: "yes") { id: ID! }',
      "The `immutable` argument of the @entity directive must be a boolean (at line 1, column 8)",
    ],
    [
      "skipDuplicates without immutable",
      "type A @entity(skipDuplicates: true) { id: ID! }",
      "Entity type `A` has skipDuplicates: true but is not immutable; skipDuplicates requires immutable: true (at line 1, column 8)",
    ],
    [
      "mutable timeseries",
      "type T @entity(timeseries: true, immutable: false) { id: Int8!, timestamp: Timestamp! }",
      "Timeseries T is marked as mutable, it must be immutable (at line 1, column 8)",
    ],
    [
      "timeseries without Int8 id",
      "type T @entity(timeseries: true) { id: Bytes!, timestamp: Timestamp! }",
      "Timeseries `T` must have an `id` field of type `Int8` (at line 1, column 36)",
    ],
    [
      "timeseries without timestamp",
      "type T @entity(timeseries: true) { id: Int8! }",
      "Timeseries T is missing a `timestamp` field (at line 1, column 1)",
    ],
    [
      "timeseries timestamp of the wrong type",
      "type T @entity(timeseries: true) { id: Int8!, timestamp: Int8! }",
      "Type T has a `timestamp` field of type Int8, but it must be of type Timestamp (at line 1, column 47)",
    ],
    [
      "Float is not a type",
      "type A @entity { id: ID!, price: Float }",
      "Type `A`, field `price`: type `Float` is not defined (at line 1, column 27)",
    ],
    [
      "user-defined scalar",
      "scalar Money\ntype A @entity { id: ID!, price: Money }",
      "Type `A`, field `price`: type `Money` is not defined (at line 2, column 27)",
    ],
    [
      "field arguments",
      "type A @entity { id: ID!, items(first: Int): [String!] }",
      "Type `A`, field `items`: field arguments are not supported (at line 1, column 27)",
    ],
    [
      "reference to _Schema_",
      "type A @entity { id: ID!, s: _Schema_ }\ntype _Schema_",
      "Type `A`, field `s`: type `_Schema_` is not defined (at line 1, column 27)",
    ],
    [
      "undefined interface",
      "type A implements Nope @entity { id: ID! }",
      "Interface `Nope` not defined (at line 1, column 19)",
    ],
    [
      "interface not satisfied",
      "interface I { id: ID!, x: Int, y: [Int!] }\ntype A implements I @entity { id: ID!, x: Boolean }",
      "Entity type `A` does not satisfy interface `I` because it is missing the following fields: x: Int, y: [Int!] (at line 2, column 19)",
    ],
    [
      "implementers with different id types",
      "interface I { name: String }\ntype A implements I @entity { id: Bytes!, name: String }\ntype B implements I @entity { id: ID!, name: String }",
      "Implementors of interface `I` use different id types `Bytes, String`. They must all use the same type (at line 1, column 1)",
    ],
    [
      "@derivedFrom without field argument",
      "type A @entity { id: ID!, bs: [B!]! @derivedFrom }\ntype B @entity { id: ID!, a: A! }",
      "Field `bs` in type `A` has invalid @derivedFrom: the @derivedFrom directive must have a `field` argument (at line 1, column 37)",
    ],
    [
      "@derivedFrom with a non-string field",
      "type A @entity { id: ID!, bs: [B!]! @derivedFrom(field: a) }\ntype B @entity { id: ID!, a: A! }",
      "Field `bs` in type `A` has invalid @derivedFrom: the @derivedFrom `field` argument must be a string (at line 1, column 37)",
    ],
    [
      "@derivedFrom on a scalar field",
      'type A @entity { id: ID!, bs: [String!]! @derivedFrom(field: "a") }',
      "Field `bs` in type `A` has invalid @derivedFrom: type must be an existing entity or interface (at line 1, column 42)",
    ],
    [
      "@derivedFrom pointing at a missing field",
      'type A @entity { id: ID!, bs: [B!]! @derivedFrom(field: "owner") }\ntype B @entity { id: ID!, a: A! }',
      "Field `bs` in type `A` has invalid @derivedFrom: field `owner` does not exist on type `B` (at line 1, column 37)",
    ],
    [
      "@derivedFrom pointing at a field of another type",
      'type A @entity { id: ID!, bs: [B!]! @derivedFrom(field: "name") }\ntype B @entity { id: ID!, name: String }',
      "Field `bs` in type `A` has invalid @derivedFrom: field `name` on type `B` must have one of the following types: A, A!, [A!], [A!]! (at line 1, column 37)",
    ],
    [
      "reserved type names",
      "type Query @entity { id: ID! }",
      "The following type names are reserved: `Query` (at line 1, column 1)",
    ],
    [
      "reserved _filter name",
      "type A @entity { id: ID! }\nenum A_filter { X }",
      "The following type names are reserved: `A_filter` (at line 2, column 1)",
    ],
    [
      "duplicate type",
      "type A @entity { id: ID! }\ntype A @entity { id: ID! }",
      "Type `A` is defined more than once (at line 2, column 1)",
    ],
    [
      "duplicate field",
      "type A @entity { id: ID!, x: Int, x: Int }",
      "Type `A` defines field `x` more than once (at line 1, column 35)",
    ],
    [
      "Int8 id before spec version 1.1.0",
      "type A @entity { id: Int8! }",
      "Using Int8 as the type for the `id` field is not supported with spec version 1.0.0; please migrate the subgraph to the latest version (at line 1, column 18)",
    ],
    [
      "_Schema_ with fields",
      "type _Schema_ { x: Int }",
      "_Schema_ type is only for @fulltext and must not have any fields (at line 1, column 1)",
    ],
  ];
  for (const [name, sdl, message] of cases) {
    test(name, () => {
      const specVersion = name.includes("spec version") ? "1.0.0" : undefined;
      assert.equal(schemaError(sdl, { specVersion }), `Invalid schema: ${message}`);
    });
  }

  const ENTITY = 'type Post @entity { id: ID!, title: String!, n: Int }\n';
  const fulltext = (args: string) => `${ENTITY}type _Schema_ @fulltext(${args})`;
  const fulltextCases: [string, string, string][] = [
    [
      "fulltext without name",
      'language: en, algorithm: rank, include: [{entity: "Post", fields: [{name: "title"}]}]',
      "Fulltext directive name undefined",
    ],
    [
      "fulltext name colliding with a field",
      'name: "title", language: en, algorithm: rank, include: [{entity: "Post", fields: [{name: "title"}]}]',
      "Fulltext directive name overlaps with an existing entity field or a top-level query field: title",
    ],
    [
      "fulltext with an unknown language",
      'name: "s", language: xx, algorithm: rank, include: [{entity: "Post", fields: [{name: "title"}]}]',
      "Fulltext language is invalid: xx",
    ],
    [
      "fulltext language as a string",
      'name: "s", language: "en", algorithm: rank, include: [{entity: "Post", fields: [{name: "title"}]}]',
      "Fulltext language is undefined",
    ],
    [
      "fulltext with an unknown algorithm",
      'name: "s", language: en, algorithm: fast, include: [{entity: "Post", fields: [{name: "title"}]}]',
      "Fulltext algorithm is invalid: fast",
    ],
    ["fulltext without include", 'name: "s", language: en, algorithm: rank', "Fulltext directive requires an 'include' list"],
    [
      "fulltext including an unknown entity",
      'name: "s", language: en, algorithm: rank, include: [{entity: "Nope", fields: [{name: "title"}]}]',
      "Fulltext directive includes an entity not found on the subgraph schema",
    ],
    [
      "fulltext including a non-string field",
      'name: "s", language: en, algorithm: rank, include: [{entity: "Post", fields: [{name: "n"}]}]',
      "Fulltext entity field, n, not found or not a string",
    ],
    [
      "fulltext include without fields",
      'name: "s", language: en, algorithm: rank, include: [{entity: "Post"}]',
      "Fulltext 'include' object must contain 'entity' (String) and 'fields' (List) attributes",
    ],
  ];
  for (const [name, args, message] of fulltextCases) {
    test(name, () => {
      assert.equal(schemaError(fulltext(args)), `Invalid schema: ${message} (at line 2, column 15)`);
    });
  }

  test("two fulltext directives with one name", () => {
    const ft = '@fulltext(name: "s", language: en, algorithm: rank, include: [{entity: "Post", fields: [{name: "title"}]}])';
    assert.equal(
      schemaError(`${ENTITY}type _Schema_ ${ft} ${ft}`),
      "Invalid schema: Fulltext directive name overlaps with type: s (at line 2, column 15)",
    );
  });

  const TS = "type Trade @entity(timeseries: true) { id: Int8!, timestamp: Timestamp!, amount: BigDecimal!, price: BigInt!, n: Int!, who: String! }\n";
  const aggCases: [string, string, string][] = [
    [
      "aggregation with an unknown source",
      'type S @aggregation(intervals: ["hour"], source: "Nope") { id: Int8!, timestamp: Timestamp!, v: BigDecimal! @aggregate(fn: "sum", arg: "amount") }',
      "Aggregaton S uses Nope as the source, but there is no timeseries of that name (at line 2, column 8)",
    ],
    [
      "aggregation without source",
      'type S @aggregation(intervals: ["hour"]) { id: Int8!, timestamp: Timestamp!, v: BigDecimal! @aggregate(fn: "sum", arg: "amount") }',
      "Aggregation S is missing the `source` argument (at line 2, column 8)",
    ],
    [
      "aggregation with an unsupported interval",
      'type S @aggregation(intervals: ["week"], source: "Trade") { id: Int8!, timestamp: Timestamp!, v: BigDecimal! @aggregate(fn: "sum", arg: "amount") }',
      "Aggregation S: the interval week is not supported (at line 2, column 8)",
    ],
    [
      "aggregation with empty intervals",
      'type S @aggregation(intervals: [], source: "Trade") { id: Int8!, timestamp: Timestamp!, v: BigDecimal! @aggregate(fn: "sum", arg: "amount") }',
      "Aggregation S has an invalid argument for `intervals`: it must be a non-empty list of strings (at line 2, column 8)",
    ],
    [
      "aggregation without aggregates",
      'type S @aggregation(intervals: ["hour"], source: "Trade") { id: Int8!, timestamp: Timestamp! }',
      "Aggregation S has no @aggregate fields (at line 2, column 1)",
    ],
    [
      "aggregate with an unknown function",
      'type S @aggregation(intervals: ["hour"], source: "Trade") { id: Int8!, timestamp: Timestamp!, v: BigDecimal! @aggregate(fn: "avg", arg: "amount") }',
      "Field v in aggregation S uses the unknown aggregation function `avg` (at line 2, column 110)",
    ],
    [
      "aggregate without arg",
      'type S @aggregation(intervals: ["hour"], source: "Trade") { id: Int8!, timestamp: Timestamp!, v: BigDecimal! @aggregate(fn: "sum") }',
      "Field v in aggregation S is missing the `arg` argument since the function sum requires it (at line 2, column 110)",
    ],
    [
      "aggregate over a missing source field",
      'type S @aggregation(intervals: ["hour"], source: "Trade") { id: Int8!, timestamp: Timestamp!, v: BigDecimal! @aggregate(fn: "sum", arg: "nope") }',
      "Field v in aggregation S has `arg` nope but the source type does not have such a field (at line 2, column 110)",
    ],
    [
      "aggregate narrowing its argument",
      'type S @aggregation(intervals: ["hour"], source: "Trade") { id: Int8!, timestamp: Timestamp!, v: Int! @aggregate(fn: "sum", arg: "price") }',
      "Field v in aggregation S has `arg` price of type BigInt but it is of the wider type Int in the source (at line 2, column 103)",
    ],
    [
      "aggregate over a string",
      'type S @aggregation(intervals: ["hour"], source: "Trade") { id: Int8!, timestamp: Timestamp!, v: BigDecimal! @aggregate(fn: "sum", arg: "who") }',
      "Field v in aggregation S has arg `who` but that is not a numeric field in Trade (at line 2, column 110)",
    ],
    [
      "non-numeric aggregate field",
      'type S @aggregation(intervals: ["hour"], source: "Trade") { id: Int8!, timestamp: Timestamp!, v: String! @aggregate(fn: "sum", arg: "amount") }',
      "Aggregation S, fieldv: aggregates must use a numeric type, one of Int, Int8, BigInt, and BigDecimal (at line 2, column 95)",
    ],
    [
      "dimension missing from the source",
      'type S @aggregation(intervals: ["hour"], source: "Trade") { id: Int8!, timestamp: Timestamp!, pool: String!, v: BigDecimal! @aggregate(fn: "sum", arg: "amount") }',
      "Aggregation S uses Trade as the source, but that does not have a field pool (at line 2, column 95)",
    ],
  ];
  for (const [name, agg, message] of aggCases) {
    test(name, () => {
      assert.equal(schemaError(TS + agg), `Invalid schema: ${message}`);
    });
  }

  test("_Schema_ with another directive", () => {
    // graph-node treats an @entity _Schema_ as an entity type too, so it also lacks an id.
    assert.equal(
      schemaError("type _Schema_ @entity"),
      [
        "Invalid schema:",
        "  (1) Type _Schema_ is missing an `id` field (at line 1, column 1)",
        "  (2) The _Schema_ type only allows @fulltext directives (at line 1, column 1)",
      ].join("\n"),
    );
  });

  test("aggregation with a derived field", () => {
    // As in graph-node, the field is also a dimension the source lacks.
    assert.equal(
      schemaError(
        TS +
          'type S @aggregation(intervals: ["hour"], source: "Trade") { id: Int8!, timestamp: Timestamp!, v: BigDecimal! @aggregate(fn: "sum", arg: "amount"), t: [Trade!]! @derivedFrom(field: "id") }',
      ),
      [
        "Invalid schema:",
        "  (1) Aggregation S has a derived field t but fields in aggregations can not be derived (at line 2, column 148)",
        "  (2) Aggregation S uses Trade as the source, but that does not have a field t (at line 2, column 148)",
      ].join("\n"),
    );
  });

  test("a source that is not a timeseries", () => {
    assert.equal(
      schemaError(
        'type Trade @entity { id: Int8!, amount: BigDecimal! }\ntype S @aggregation(intervals: ["hour"], source: "Trade") { id: Int8!, timestamp: Timestamp!, v: BigDecimal! @aggregate(fn: "sum", arg: "amount") }',
      ),
      "Invalid schema: Aggregation S uses Trade as the source, but that type is not a timeseries (at line 2, column 8)",
    );
  });

  test("aggregations need spec version 1.1.0", () => {
    assert.equal(
      schemaError(
        TS +
          'type S @aggregation(intervals: ["hour"], source: "Trade") { id: Int8!, timestamp: Timestamp!, v: BigDecimal! @aggregate(fn: "sum", arg: "amount") }',
        { specVersion: "1.0.0" },
      ),
      [
        "Invalid schema:",
        "  (1) Using Int8 as the type for the `id` field is not supported with spec version 1.0.0; please migrate the subgraph to the latest version (at line 1, column 40)",
        "  (2) Aggregations are not supported with spec version 1.0.0; please migrate the subgraph to the latest version (at line 2, column 1)",
      ].join("\n"),
    );
  });
});
