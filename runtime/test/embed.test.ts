// Relationships read in their parent's statement (src/graphql/plan.ts, `withEmbeds` in
// src/store/sql/select.ts): single references, lists and derived fields nested under a row come
// back with it, at the row's block, with the same answers (and errors) as when each level is
// loaded on its own; and the status cache (src/graphql/statusCache.ts) that spares the status
// read per request.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createQueryApi, type GraphQLResponse, type QueryApi } from "../src/graphql/index.ts";
import type { SqlDriver } from "../src/store/sql/driver.ts";
import { openExistingStore, type SqlStore } from "../src/store/sql/store.ts";
import { backends, freshStore } from "./helpers/backends.ts";
import { bigDec, bigInt, bool, bytes, int, int8, list, put, remove, str, ts } from "./helpers/entities.ts";

const SCHEMA = `
interface Asset { id: ID! name: String! }
type Token implements Asset @entity {
  id: ID! name: String! decimals: Int! supply: BigInt! price: BigDecimal stamp: Timestamp big: Int8
  flags: [Boolean!] hashes: [Bytes!] active: Boolean!
}
type Nft implements Asset @entity(immutable: true) { id: ID! name: String! uri: Bytes! creator: Owner }
type Owner @entity {
  id: ID! name: String! boss: Owner collection: [Asset!]
  vaults: [Vault!]! @derivedFrom(field: "owner")
  mainVault: Vault @derivedFrom(field: "owner")
}
type Vault @entity {
  id: ID! owner: Owner! asset: Asset label: Label balance: BigInt! tags: [Label!] counter: Counter q: Int
}
type Label @entity(immutable: true) { id: Bytes! text: String! q: Int }
type Counter @entity { id: Int8! value: Int! }
type _Schema_ @fulltext(name: "ownerSearch", language: en, algorithm: rank, include: [{ entity: "Owner", fields: [{ name: "name" }] }])
`;

const owner = (id: string, name: string, boss?: string, op: "insert" | "update" = "insert", collection?: string[]) =>
  put(
    "Owner",
    { id: str(id), name: str(name), boss: boss === undefined ? undefined : str(boss), collection: collection && list(...collection.map(str)) },
    op,
  );
const token = (decimals: number, op: "insert" | "update" = "insert") =>
  put(
    "Token",
    {
      id: str("tk1"), name: str("Gold"), decimals: int(decimals), supply: bigInt(10n ** 30n), price: bigDec("1.50"),
      stamp: ts(1700000000000001n), big: int8(9223372036854775807n), flags: list(bool(true), bool(false)),
      hashes: list(bytes("01"), bytes("abcd")), active: bool(true),
    },
    op,
  );

/**
 * Block 1: owners o1 (boss o2), o2, o3 (boss o9, which never exists), o4 (its own boss); vaults
 * v1 (o1, token, label 0x0a, tags, counter 5), v2 (o2, an immutable NFT made by o2), v3 (owner
 * o9 and asset "missing": neither exists), v4 (o1, label 0x0c, which block 3 creates), v5 (o4);
 * o4 also holds a list of both assets.
 * `q` fields are there because `q$` is the alias embedded rows are read through.
 * Block 2: o1 is renamed. Block 3: o2 is renamed, the token's decimals change, label 0x0c is
 * created. Block 4: the token is removed.
 */
const BLOCKS = [
  {
    number: 1,
    changes: [
      owner("o1", "Ann", "o2"),
      owner("o2", "Bob"),
      owner("o3", "Cy", "o9"),
      owner("o4", "Di", "o4", "insert", ["tk1", "n1"]),
      token(18),
      put("Nft", { id: str("n1"), name: str("Punk"), uri: bytes("dead"), creator: str("o2") }),
      put("Label", { id: bytes("0a"), text: str("hot"), q: int(1) }),
      put("Label", { id: bytes("0b"), text: str("cold") }),
      put("Counter", { id: int8(5n), value: int(1) }),
      put("Vault", { id: str("v1"), owner: str("o1"), asset: str("tk1"), label: bytes("0a"), balance: bigInt(100n), tags: list(bytes("0b"), bytes("0a")), counter: int8(5n) }),
      put("Vault", { id: str("v2"), owner: str("o2"), asset: str("n1"), balance: bigInt(5n), tags: list() }),
      put("Vault", { id: str("v3"), owner: str("o9"), asset: str("missing"), balance: bigInt(1n) }),
      put("Vault", { id: str("v4"), owner: str("o1"), label: bytes("0c"), balance: bigInt(50n), q: int(4) }),
      put("Vault", { id: str("v5"), owner: str("o4"), balance: bigInt(7n), tags: list(bytes("0a")) }),
    ],
  },
  { number: 2, changes: [owner("o1", "Anna", "o2", "update")] },
  { number: 3, changes: [owner("o2", "Robert", undefined, "update"), token(6, "update"), put("Label", { id: bytes("0c"), text: str("new") })] },
  { number: 4, changes: [remove("Token", "tk1")] },
];

const TOKEN = {
  __typename: "Token", id: "tk1", name: "Gold", supply: "1000000000000000000000000000000", price: "1.5",
  stamp: "1700000000000001", big: "9223372036854775807", flags: [true, false], hashes: ["0x01", "0xabcd"], active: true,
};

for (const backend of backends()) {
  describe(`embedded relationships (${backend.name})`, () => {
    let base: SqlDriver;
    let store: SqlStore;
    let api: QueryApi;
    let drop: () => Promise<void>;
    let statements: string[] = [];
    before(async () => {
      base = await backend.open();
      // Records the statements, to check what a query costs.
      const driver: SqlDriver = { ...base, query: (sql, params) => (statements.push(sql), base.query(sql, params)) };
      ({ store, drop } = await freshStore(driver, { schema: SCHEMA, name: "embeds" }));
      await store.writeBlocks(BLOCKS);
      api = createQueryApi(store);
    });
    after(async () => {
      await drop();
      await base.close();
    });

    /** The response and the number of entity statements it took (status reads not counted). */
    const run = async (query: string, variables?: Record<string, unknown>): Promise<{ r: GraphQLResponse; n: number }> => {
      statements = [];
      const r = await api.execute({ query, variables });
      return { r, n: statements.filter((s) => !s.includes("indexing_status")).length };
    };

    test("nested single references two levels deep, at a block where the children changed later", async () => {
      const q = `{
        at1: vault(id: "v1", block: {number: 1}) { id owner { name boss { name boss { id } } } }
        head: vault(id: "v1") { id owner { name boss { name boss { id } } } }
      }`;
      assert.deepEqual(await run(q), {
        r: {
          data: {
            at1: { id: "v1", owner: { name: "Ann", boss: { name: "Bob", boss: null } } },
            head: { id: "v1", owner: { name: "Anna", boss: { name: "Robert", boss: null } } },
          },
        },
        n: 2,
      });
    });

    test("references to an interface, to an immutable type, by Int8 id, and to missing entities", async () => {
      const q = (block: number) => `{
        vaults(block: {number: ${block}}) {
          id
          asset { __typename id name ... on Token { decimals supply price stamp big flags hashes active } ... on Nft { uri } }
          label { id text }
          counter { id value }
        }
      }`;
      const v2 = { id: "v2", asset: { __typename: "Nft", id: "n1", name: "Punk", uri: "0xdead" }, label: null, counter: null };
      const v3 = { id: "v3", asset: null, label: null, counter: null };
      const v5 = { id: "v5", asset: null, label: null, counter: null };
      const hot = { id: "0x0a", text: "hot" };
      const counter = { id: "5", value: 1 };
      assert.deepEqual(await run(q(2)), {
        r: {
          data: {
            vaults: [
              { id: "v1", asset: { ...TOKEN, decimals: 18 }, label: hot, counter },
              v2,
              v3,
              { id: "v4", asset: null, label: null, counter: null },
              v5,
            ],
          },
        },
        n: 1,
      });
      assert.deepEqual(await run(q(3)), {
        r: {
          data: {
            vaults: [
              { id: "v1", asset: { ...TOKEN, decimals: 6 }, label: hot, counter },
              v2,
              v3,
              { id: "v4", asset: null, label: { id: "0x0c", text: "new" }, counter: null },
              v5,
            ],
          },
        },
        n: 1,
      });
      const head = await run(`{ vaults(first: 1) { id asset { id } label { text } } }`);
      assert.deepEqual(head, { r: { data: { vaults: [{ id: "v1", asset: null, label: { text: "hot" } }] } }, n: 1 });
    });

    test("lists and derived fields with their own arguments come back with their parents", async () => {
      const q = `query($min: BigInt) {
        owners(orderBy: name) {
          name
          vaults(orderBy: balance, orderDirection: desc, where: {balance_gt: $min}) {
            id q tags(orderBy: text) { id text q } owner { id }
          }
          smallest: vaults(first: 1, orderBy: balance) { id balance }
          boss { vaults { id } }
        }
      }`;
      assert.deepEqual(await run(q, { min: "1" }), {
        r: {
          data: {
            owners: [
              {
                name: "Anna",
                vaults: [
                  { id: "v1", q: null, tags: [{ id: "0x0b", text: "cold", q: null }, { id: "0x0a", text: "hot", q: 1 }], owner: { id: "o1" } },
                  { id: "v4", q: 4, tags: [], owner: { id: "o1" } },
                ],
                smallest: [{ id: "v4", balance: "50" }],
                boss: { vaults: [{ id: "v2" }] },
              },
              { name: "Cy", vaults: [], smallest: [], boss: null },
              {
                name: "Di",
                vaults: [{ id: "v5", q: null, tags: [{ id: "0x0a", text: "hot", q: 1 }], owner: { id: "o4" } }],
                smallest: [{ id: "v5", balance: "7" }],
                boss: { vaults: [{ id: "v5" }] },
              },
              { name: "Robert", vaults: [{ id: "v2", q: null, tags: [], owner: { id: "o2" } }], smallest: [{ id: "v2", balance: "5" }], boss: null },
            ],
          },
        },
        n: 1,
      });
    });

    test("fragments, directives and interface rows get the embeds of their own type", async () => {
      const q = `query($skip: Boolean!) {
        assets(block: {number: 3}, orderBy: id) { id ...T ... on Nft { uri creator { name } } }
        v: vault(id: "v1", block: {number: 3}) { asset { ...T } owner @skip(if: $skip) { id } label @include(if: $skip) { id } }
      }
      fragment T on Token { decimals }`;
      assert.deepEqual(await run(q, { skip: true }), {
        r: {
          data: {
            assets: [{ id: "n1", uri: "0xdead", creator: { name: "Robert" } }, { id: "tk1", decimals: 6 }],
            v: { asset: { decimals: 6 }, label: { id: "0x0a" } },
          },
        },
        n: 2,
      });
    });

    test("errors are the ones each level reports when loaded on its own", async () => {
      assert.deepEqual((await run(`{ vault(id: "v3") { id owner { id } } }`)).r, {
        errors: [{ message: "Null value resolved for non-null field `owner`", locations: [{ line: 1, column: 24 }] }],
      });
      assert.deepEqual((await run(`{ owners { mainVault { id } } }`)).r, {
        errors: [
          { message: "Ambiguous result for derived field `mainVault`: Multiple `Vault` entities refer back via `owner`", locations: [{ line: 1, column: 12 }] },
        ],
      });
      assert.deepEqual((await run(`{ owner(id: "o2") { mainVault { id } } }`)).r, { data: { owner: { mainVault: { id: "v2" } } } });
      assert.deepEqual((await run(`{ owners { vaults(first: 5000) { id } } }`)).r, {
        errors: [{ message: "The `first` argument must be between 0 and 1000, but is 5000" }],
      });
      assert.deepEqual((await run(`{ owners { vaults(orderBy: owner__name) { id } } }`)).r, {
        errors: [{ message: "Sorting by child attributes is not supported in nested queries" }],
      });
    });

    test("a selection deeper than one statement embeds continues in the next", async () => {
      const chain = (n: number): string => (n === 0 ? "name" : `name boss { ${chain(n - 1)} }`);
      const expected = (n: number): unknown => (n === 0 ? { name: "Di" } : { name: "Di", boss: expected(n - 1) });
      const { r, n } = await run(`{ owner(id: "o4") { ${chain(9)} } }`);
      assert.deepEqual(r, { data: { owner: expected(9) } });
      assert.equal(n, 2);
    });

    test("fulltext results embed their relationships too", async () => {
      assert.deepEqual(await run(`{ ownerSearch(text: "anna | robert") { name boss { name } vaults { id } } }`), {
        r: {
          data: {
            ownerSearch: [
              { name: "Anna", boss: { name: "Robert" }, vaults: [{ id: "v1" }, { id: "v4" }] },
              { name: "Robert", boss: null, vaults: [{ id: "v2" }] },
            ],
          },
        },
        n: 1,
      });
    });

    test("a list past the embedding depth loads with its own embeds", async () => {
      const last = `vaults { id owner { name } tags { text } } collection(orderBy: name) { id ... on Nft { creator { name } } }`;
      const chain = (n: number): string => (n === 0 ? last : `name boss { ${chain(n - 1)} }`);
      const lists = {
        vaults: [{ id: "v5", owner: { name: "Di" }, tags: [{ text: "hot" }] }],
        collection: [{ id: "tk1" }, { id: "n1", creator: { name: "Bob" } }],
      };
      const expected = (n: number): unknown => (n === 1 ? { name: "Di", boss: lists } : { name: "Di", boss: expected(n - 1) });
      // At block 2 the token still exists: both implementers of the interface list.
      const { r, n } = await run(`{ owner(id: "o4", block: {number: 2}) { ${chain(6)} } }`);
      assert.deepEqual(r, { data: { owner: expected(6) } });
      assert.equal(n, 3);
    });

    test("the status is read again after this process writes, and before refusing a block", async () => {
      const other = await openExistingStore({ driver: store.driver, namespace: store.namespace, name: "embeds" });
      // A store object that does not see the writes: as `serve` beside another process's `index`.
      const cached = createQueryApi(other, { statusTtlMs: 60_000 });
      const local = createQueryApi(store, { statusTtlMs: 60_000 });
      const head = async (a: QueryApi) => ((await a.execute({ query: `{ _meta { block { number } } }` })).data as { _meta: { block: { number: number } } })._meta.block.number;
      assert.equal(await head(local), 4);
      assert.equal(await head(cached), 4);
      statements = [];
      await local.execute({ query: `{ vaults(first: 1) { id } }` });
      assert.equal(statements.filter((s) => s.includes("indexing_status")).length, 0);
      await store.writeBlock({ number: 5, changes: [owner("o5", "Eve")] });
      assert.equal(await head(local), 5);
      // The other API keeps its head for the TTL, but a block past it is checked against the store.
      assert.equal(await head(cached), 4);
      assert.deepEqual(await cached.execute({ query: `{ owner(id: "o5", block: {number: 5}) { name } }` }), { data: { owner: { name: "Eve" } } });
      assert.equal(await head(cached), 5);
      assert.deepEqual(await cached.execute({ query: `{ owner(id: "o5", block: {number: 6}) { name } }` }), {
        errors: [
          {
            message: `Failed to decode \`block.number\` value: \`subgraph ${store.deployment.id} has only indexed up to block number 5 and data for block number 6 is therefore not yet available\``,
          },
        ],
      });
      await store.revert(4);
      assert.equal(await head(local), 4);
    });
  });
}
