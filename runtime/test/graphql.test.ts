// The query API through the library: open a store, write the music dataset (test/helpers/
// music.ts), run GraphQL against it. Cases follow the behaviour GRAPHQL_API-compatible servers
// must show (graph-node's), with the expected JSON written out in full.
import assert from "node:assert/strict";
import { isDeepStrictEqual } from "node:util";
import { after, before, describe, test } from "node:test";
import { createQueryApi, type GraphQLResponse, type QueryApi } from "../src/graphql/index.ts";
import type { SqlDriver } from "../src/store/sql/driver.ts";
import type { SqlStore } from "../src/store/sql/store.ts";
import { backends, freshStore } from "./helpers/backends.ts";
import { HASH, MUSIC_BLOCKS, MUSIC_SCHEMA } from "./helpers/music.ts";

/** `where` on musicians → ids, for every operator of every scalar type. */
const MUSICIAN_FILTERS: [string, string[]][] = [
  // String
  [`{name: "John"}`, ["m1"]],
  [`{name_not: "John"}`, ["m2", "m3", "m4", "m5"]],
  [`{name_gt: "Lisa"}`, ["m3", "m4", "m5"]],
  [`{name_lt: "Lisa"}`, ["m1"]],
  [`{name_gte: "Lisa"}`, ["m2", "m3", "m4", "m5"]],
  [`{name_lte: "Lisa"}`, ["m1", "m2"]],
  [`{name_in: ["John", "paul", "nobody"]}`, ["m1", "m5"]],
  [`{name_not_in: ["John", "paul"]}`, ["m2", "m3", "m4"]],
  [`{name_contains: "o"}`, ["m1", "m3"]],
  [`{name_contains_nocase: "L"}`, ["m2", "m4", "m5"]],
  [`{name_not_contains: "o"}`, ["m2", "m4", "m5"]],
  [`{name_not_contains_nocase: "L"}`, ["m1", "m3"]],
  [`{name_starts_with: "Jo"}`, ["m1"]],
  [`{name_starts_with_nocase: "P"}`, ["m5"]],
  [`{name_not_starts_with: "Jo"}`, ["m2", "m3", "m4", "m5"]],
  [`{name_not_starts_with_nocase: "P"}`, ["m1", "m2", "m3", "m4"]],
  [`{name_ends_with: "ie"}`, ["m4"]],
  [`{name_ends_with_nocase: "OM"}`, ["m3"]],
  [`{name_not_ends_with: "ie"}`, ["m1", "m2", "m3", "m5"]],
  [`{name_not_ends_with_nocase: "OM"}`, ["m1", "m2", "m4", "m5"]],
  [`{name_contains: "a_l"}`, ["m5"]],
  [`{name_contains: "%ohn"}`, ["m1"]],
  // ID
  [`{id: "m2"}`, ["m2"]],
  [`{id_not: "m2"}`, ["m1", "m3", "m4", "m5"]],
  [`{id_gt: "m3"}`, ["m4", "m5"]],
  [`{id_lt: "m2"}`, ["m1"]],
  [`{id_gte: "m4"}`, ["m4", "m5"]],
  [`{id_lte: "m1"}`, ["m1"]],
  [`{id_in: ["m1", "m9", "m3"]}`, ["m1", "m3"]],
  [`{id_not_in: ["m1"]}`, ["m2", "m3", "m4", "m5"]],
  // Int
  [`{age: 25}`, ["m2", "m5"]],
  [`{age_not: 25}`, ["m1", "m3"]],
  [`{age_gt: 25}`, ["m1", "m3"]],
  [`{age_lt: 30}`, ["m2", "m5"]],
  [`{age_gte: 30}`, ["m1", "m3"]],
  [`{age_lte: 30}`, ["m1", "m2", "m5"]],
  [`{age_in: [30, 41]}`, ["m1", "m3"]],
  [`{age_not_in: [25]}`, ["m1", "m3"]],
  [`{age: null}`, ["m4"]],
  [`{age_not: null}`, ["m1", "m2", "m3", "m5"]],
  // Int8
  [`{plays: "9223372036854775807"}`, ["m1"]],
  [`{plays: 5}`, ["m2"]],
  [`{plays_not: "5"}`, ["m1", "m3", "m5"]],
  [`{plays_gt: "0"}`, ["m1", "m2"]],
  [`{plays_lt: "0"}`, ["m3"]],
  [`{plays_gte: "5"}`, ["m1", "m2"]],
  [`{plays_lte: "0"}`, ["m3", "m5"]],
  [`{plays_in: ["5", "-3"]}`, ["m2", "m3"]],
  [`{plays_not_in: ["0"]}`, ["m1", "m2", "m3"]],
  // BigInt
  [`{fans: "100"}`, ["m1"]],
  [`{fans_not: "100"}`, ["m2", "m3", "m5"]],
  [`{fans_gt: "100"}`, ["m3"]],
  [`{fans_lt: "26"}`, ["m5"]],
  [`{fans_gte: "26"}`, ["m1", "m2", "m3"]],
  [`{fans_lte: 26}`, ["m2", "m5"]],
  [`{fans_in: ["25", "26"]}`, ["m2", "m5"]],
  [`{fans_not_in: ["25", "26"]}`, ["m1", "m3"]],
  // BigDecimal
  [`{rating: "4.50"}`, ["m1"]],
  [`{rating_not: "4.5"}`, ["m2", "m3", "m5"]],
  [`{rating_gt: "0.001"}`, ["m1", "m2"]],
  [`{rating_gt: 3.5}`, ["m1"]],
  [`{rating_lt: 0}`, ["m5"]],
  [`{rating_gte: "3.25"}`, ["m1", "m2"]],
  [`{rating_lte: "1e-3"}`, ["m3", "m5"]],
  [`{rating_in: ["3.25", "-1.1"]}`, ["m2", "m5"]],
  [`{rating_not_in: ["3.25"]}`, ["m1", "m3", "m5"]],
  // Timestamp
  [`{joined: "0"}`, ["m5"]],
  [`{joined_not: "0"}`, ["m1", "m2", "m3"]],
  [`{joined_gt: "1650000000000000"}`, ["m1", "m2"]],
  [`{joined_lt: "1650000000000000"}`, ["m3", "m5"]],
  [`{joined_gte: "1700000000000000"}`, ["m1", "m2"]],
  [`{joined_lte: "1600000000000000"}`, ["m3", "m5"]],
  [`{joined_in: ["0", "1710837304040956"]}`, ["m1", "m5"]],
  [`{joined_not_in: ["0"]}`, ["m1", "m2", "m3"]],
  // Bytes
  [`{wallet: "0x01AB"}`, ["m1"]],
  [`{wallet_not: "0x02"}`, ["m1", "m3", "m5"]],
  [`{wallet_gt: "0x02"}`, ["m3"]],
  [`{wallet_lt: "0x02"}`, ["m1", "m5"]],
  [`{wallet_gte: "0x02"}`, ["m2", "m3"]],
  [`{wallet_lte: "01ab"}`, ["m1", "m5"]],
  [`{wallet_in: ["0x02", "0xabcdef"]}`, ["m2", "m3"]],
  [`{wallet_not_in: ["0x"]}`, ["m1", "m2", "m3"]],
  [`{wallet_contains: "0xcd"}`, ["m3"]],
  [`{wallet_not_contains: "0xab"}`, ["m2", "m5"]],
  // Boolean
  [`{active: true}`, ["m1", "m3"]],
  [`{active_not: true}`, ["m2", "m5"]],
  [`{active_in: [false]}`, ["m2", "m5"]],
  [`{active_not_in: [false]}`, ["m1", "m3"]],
  // single reference (String operators on the id)
  [`{band: "b1"}`, ["m1", "m2"]],
  [`{band: null}`, ["m4"]],
  [`{band_not: "b1"}`, ["m3", "m5"]],
  [`{band_gt: "b1"}`, ["m3", "m5"]],
  [`{band_lt: "b2"}`, ["m1", "m2"]],
  [`{band_gte: "b2"}`, ["m3", "m5"]],
  [`{band_lte: "b1"}`, ["m1", "m2"]],
  [`{band_in: ["b2"]}`, ["m3", "m5"]],
  [`{band_not_in: ["b2"]}`, ["m1", "m2"]],
  [`{band_contains: "2"}`, ["m3", "m5"]],
  [`{band_contains_nocase: "B1"}`, ["m1", "m2"]],
  [`{band_not_contains: "1"}`, ["m3", "m5"]],
  [`{band_not_contains_nocase: "B1"}`, ["m3", "m5"]],
  [`{band_starts_with: "b"}`, ["m1", "m2", "m3", "m5"]],
  [`{band_starts_with_nocase: "B2"}`, ["m3", "m5"]],
  [`{band_not_starts_with: "b2"}`, ["m1", "m2"]],
  [`{band_not_starts_with_nocase: "B"}`, []],
  [`{band_ends_with: "1"}`, ["m1", "m2"]],
  [`{band_ends_with_nocase: "B1"}`, ["m1", "m2"]],
  [`{band_not_ends_with: "1"}`, ["m3", "m5"]],
  [`{band_not_ends_with_nocase: "B1"}`, ["m3", "m5"]],
  // String list
  [`{instruments: ["bass"]}`, ["m2"]],
  [`{instruments_not: ["bass"]}`, ["m1", "m3", "m5"]],
  [`{instruments_contains: ["guitar"]}`, ["m1"]],
  [`{instruments_contains: []}`, ["m1", "m2", "m3", "m5"]],
  [`{instruments_contains_nocase: ["drums", "BASS"]}`, ["m2", "m5"]],
  [`{instruments_not_contains: ["guitar", "bass"]}`, ["m3", "m5"]],
  [`{instruments_not_contains_nocase: ["DRUMS"]}`, ["m1", "m2", "m3"]],
  // enum list
  [`{genres: [ROCK]}`, ["m1"]],
  [`{genres_not: [ROCK]}`, ["m2", "m5"]],
  [`{genres_contains: [POP]}`, ["m2"]],
  [`{genres_not_contains: [POP]}`, ["m1", "m5"]],
  // list of references (Bytes ids, given as hex strings)
  [`{favoriteSongs: ["0xaa02"]}`, ["m3"]],
  [`{favoriteSongs_not: ["0xaa02"]}`, ["m1", "m5"]],
  [`{favoriteSongs_contains: ["0xaa02"]}`, ["m1", "m3"]],
  [`{favoriteSongs_not_contains: ["0xaa01"]}`, ["m3", "m5"]],
  // child filters: stored single, stored list, interface-typed derived list
  [`{band_: {name_starts_with: "The M"}}`, ["m1", "m2"]],
  [`{band_: {genre: POP}}`, ["m3", "m5"]],
  [`{favoriteSongs_: {title: "Rock On"}}`, ["m1"]],
  [`{events_: {amount_gte: "20"}}`, ["m1", "m2"]],
  // and / or
  [`{and: [{age: 25}, {active: false}, {fans: "25"}]}`, ["m5"]],
  [`{or: [{name: "John"}, {band: "b2"}]}`, ["m1", "m3", "m5"]],
  [`{or: [{and: [{age_gt: 20}, {age_lt: 30}]}, {name: "Valerie"}]}`, ["m2", "m4", "m5"]],
  [`{or: []}`, []],
  [`{and: []}`, ["m1", "m2", "m3", "m4", "m5"]],
  [`{age: 25, name_not: "paul"}`, ["m2"]],
  [`{_change_block: {number_gte: 2}}`, ["m2"]],
  [`{_change_block: {number_gte: 2147483647}}`, []],
  [`{name_in: []}`, []],
  [`{name_not_in: []}`, []],
];

/** Other types' filters: enum, derived child filters, Bytes and Int8 ids, interfaces. */
const OTHER_FILTERS: [string, string][] = [
  [`bands(where: {genre: ROCK})`, `["b1"]`],
  [`bands(where: {genre_not: ROCK})`, `["b2"]`],
  [`bands(where: {genre_in: [ROCK, POP]})`, `["b1","b2"]`],
  [`bands(where: {genre_not_in: [POP]})`, `["b1"]`],
  [`bands(where: {members_: {age_gt: 40}})`, `["b2"]`],
  [`bands(where: {leader_: {name: "John"}})`, `["b1"]`],
  [`bands(where: {songs_: {title: "Pop Song"}})`, `["b1","b2"]`],
  [`bands(where: {songs_contains: ["aa01"]})`, `["b1"]`],
  [`bands(where: {_change_block: {number_gte: 3}})`, `["b3"]`],
  [`songs(where: {id_in: ["0xAA01", "bb"]})`, `["0xaa01","0xbb"]`],
  [`songs(where: {id_gt: "0xaa01"})`, `["0xaa02","0xbb"]`],
  [`songs(where: {id_contains: "0xaa"})`, `["0xaa01","0xaa02"]`],
  [`songs(where: {writer_: {name: "Tom"}})`, `["0xaa02"]`],
  [`counters(where: {id_gt: "1"})`, `["3000000000"]`],
  [`counters(where: {id: 1})`, `["1"]`],
  [`events(where: {amount_gt: "5"})`, `["p1","p2","r1"]`],
  [`events(where: {musician_: {name: "John"}})`, `["p1","r1"]`],
  [`events(where: {_change_block: {number_gte: 2}})`, `["p3"]`],
  [`payments(where: {memo: null})`, `["p2","p3"]`],
];

/** orderBy / orderDirection → ids. */
const ORDERS: [string, string[]][] = [
  [`orderBy: fans, orderDirection: desc`, ["m4", "m3", "m1", "m2", "m5"]],
  [`orderBy: fans`, ["m5", "m2", "m1", "m3", "m4"]],
  [`orderBy: age`, ["m2", "m5", "m1", "m3", "m4"]],
  [`orderBy: age, orderDirection: desc`, ["m4", "m3", "m1", "m5", "m2"]],
  [`orderBy: name`, ["m1", "m2", "m3", "m4", "m5"]],
  [`orderBy: wallet`, ["m5", "m1", "m2", "m3", "m4"]],
  [`orderBy: rating`, ["m5", "m3", "m2", "m1", "m4"]],
  [`orderBy: plays, orderDirection: desc`, ["m4", "m1", "m2", "m5", "m3"]],
  [`orderBy: joined`, ["m5", "m3", "m2", "m1", "m4"]],
  [`orderBy: active`, ["m2", "m5", "m1", "m3", "m4"]],
  [`orderBy: id, orderDirection: desc`, ["m5", "m4", "m3", "m2", "m1"]],
  [`orderDirection: desc`, ["m1", "m2", "m3", "m4", "m5"]],
  [`orderBy: band__name`, ["m3", "m5", "m1", "m2", "m4"]],
  [`orderBy: band__name, orderDirection: desc`, ["m4", "m2", "m1", "m5", "m3"]],
  [`orderBy: band__id, orderDirection: desc`, ["m4", "m5", "m3", "m2", "m1"]],
  [`orderBy: name, first: 2, skip: 1`, ["m2", "m3"]],
  [`skip: 5000`, []],
  [`first: null, skip: null`, ["m1", "m2", "m3", "m4", "m5"]],
];

for (const backend of backends()) {
  describe(`GraphQL queries (${backend.name})`, () => {
    let driver: SqlDriver;
    let store: SqlStore;
    let api: QueryApi;
    let drop: () => Promise<void>;
    const run = (query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse> =>
      api.execute({ query, variables });
    const ids = async (query: string) => {
      const r = await run(query);
      assert.equal(r.errors, undefined, JSON.stringify(r.errors));
      return JSON.stringify((Object.values(r.data!)[0] as { id: string }[]).map((x) => x.id));
    };

    before(async () => {
      driver = await backend.open();
      ({ store, drop } = await freshStore(driver, { schema: MUSIC_SCHEMA, name: "music", startBlock: 1 }));
      await store.writeBlocks(MUSIC_BLOCKS);
      api = createQueryApi(store);
    });
    after(async () => {
      await drop();
      await driver.close();
    });

    test("every filter operator on every field type selects the expected musicians", async () => {
      for (const [where, expected] of MUSICIAN_FILTERS) {
        assert.equal(await ids(`{ musicians(where: ${where}) { id } }`), JSON.stringify(expected), where);
      }
    });

    test("enum, derived, Bytes id, Int8 id and interface filters select the expected entities", async () => {
      for (const [field, expected] of OTHER_FILTERS) {
        assert.equal(await ids(`{ ${field} { id } }`), expected, field);
      }
    });

    test("ordering, nulls, child ordering and pagination give graph-node's order", async () => {
      for (const [args, expected] of ORDERS) {
        assert.equal(await ids(`{ musicians(${args}) { id } }`), JSON.stringify(expected), args);
      }
    });

    test("scalars serialize as graph-node does", async () => {
      assert.deepEqual(
        await run(`{ musicians(first: 2) { id name fans rating wallet plays age active joined instruments genres } m5: musician(id: "m5") { wallet rating genres instruments } }`),
        {
          data: {
            musicians: [
              {
                id: "m1", name: "John", fans: "100", rating: "4.5", wallet: "0x01ab", plays: "9223372036854775807", age: 30,
                active: true, joined: "1710837304040956", instruments: ["guitar", "vocals"], genres: ["ROCK"],
              },
              {
                id: "m2", name: "Lisa", fans: "26", rating: "3.25", wallet: "0x02", plays: "5", age: 25, active: false,
                joined: "1700000000000000", instruments: ["bass"], genres: ["ROCK", "POP"],
              },
            ],
            m5: { wallet: "0x", rating: "-1.1", genres: [], instruments: ["Drums"] },
          },
        },
      );
      assert.deepEqual(await run(`{ m3: musician(id: "m3") { fans rating } m4: musician(id: "m4") { fans rating wallet instruments } }`), {
        data: {
          m3: { fans: "1000000000000000000000", rating: "0.001" },
          m4: { fans: null, rating: null, wallet: null, instruments: null },
        },
      });
      assert.deepEqual(await run(`{ song(id: "AA01") { id title } counter(id: "3000000000") { id value } }`), {
        data: { song: { id: "0xaa01", title: "Rock On" }, counter: { id: "3000000000", value: 2 } },
      });
    });

    test("derived fields, stored lists and single references resolve at the query block", async () => {
      assert.deepEqual(
        await run(`{ bands { id leader { id } members { id } songs { id } } }`),
        {
          data: {
            bands: [
              { id: "b1", leader: { id: "m1" }, members: [{ id: "m1" }, { id: "m2" }], songs: [{ id: "0xaa01" }, { id: "0xaa02" }] },
              { id: "b2", leader: { id: "m3" }, members: [{ id: "m3" }, { id: "m5" }], songs: [{ id: "0xaa02" }] },
              { id: "b3", leader: null, members: [], songs: [] },
            ],
          },
        },
      );
      assert.deepEqual(
        await run(`{ bands(first: 2) { members(first: 1, orderBy: age, orderDirection: desc) { name band { name } } songs(where: {title_contains: "Rock"}) { title } } }`),
        {
          data: {
            bands: [
              { members: [{ name: "John", band: { name: "The Musicians" } }], songs: [{ title: "Rock On" }] },
              { members: [{ name: "Tom", band: { name: "The Amateurs" } }], songs: [] },
            ],
          },
        },
      );
      assert.deepEqual(
        await run(`{ musician(id: "m1") { favoriteSongs(orderBy: title, orderDirection: desc) { title writer { id } } events { id amount } } }`),
        {
          data: {
            musician: {
              favoriteSongs: [
                { title: "Rock On", writer: { id: "m1" } },
                { title: "Pop Song", writer: { id: "m3" } },
              ],
              events: [
                { id: "p1", amount: "10" },
                { id: "r1", amount: "20" },
              ],
            },
          },
        },
      );
      assert.deepEqual(await run(`{ musician(id: "m3") { written { title } } }`), {
        data: { musician: { written: { title: "Pop Song" } } },
      });
    });

    test("interfaces query every implementer as one list, with fragments", async () => {
      assert.deepEqual(
        await run(`{ events(orderBy: amount, orderDirection: desc) { __typename id amount ... on Payment { memo } ... on Refund { reason } } }`),
        {
          data: {
            events: [
              { __typename: "Payment", id: "p2", amount: "30", memo: null },
              { __typename: "Refund", id: "r1", amount: "20", reason: "oops" },
              { __typename: "Payment", id: "p1", amount: "10", memo: "hi" },
              { __typename: "Payment", id: "p3", amount: "5", memo: null },
              { __typename: "Refund", id: "r2", amount: "1", reason: "gone" },
            ],
          },
        },
      );
      assert.deepEqual(await run(`{ event(id: "r1") { __typename id ...F } } fragment F on Refund { reason musician { name } }`), {
        data: { event: { __typename: "Refund", id: "r1", reason: "oops", musician: { name: "John" } } },
      });
      assert.deepEqual(await run(`{ events(first: 2, skip: 1, where: {amount_lt: "25"}) { id } }`), {
        data: { events: [{ id: "p3" }, { id: "r1" }] },
      });
    });

    test("fulltext fields match the declared document, with where and paging", async () => {
      assert.deepEqual(await run(`{ songSearch(text: "rock | song") { id title } }`), {
        data: { songSearch: [{ id: "0xaa01", title: "Rock On" }, { id: "0xaa02", title: "Pop Song" }] },
      });
      assert.deepEqual(await run(`{ songSearch(text: "songs", where: {writer: "m3"}) { title } }`), {
        data: { songSearch: [{ title: "Pop Song" }] },
      });
      assert.deepEqual(await run(`{ songSearch(text: "blue", first: 1, skip: 1) { title } }`), { data: { songSearch: [] } });
      assert.deepEqual(await run(`{ songSearch(text: "rock on") { title } }`), {
        errors: [
          {
            message:
              'Invalid fulltext search query syntax. Error: syntax error in tsquery: "rock on". Hint: Search terms with spaces need to be enclosed in single quotes',
          },
        ],
      });
    });

    test("time travel sees exactly the versions alive at the block", async () => {
      assert.deepEqual(
        await run(`{
          b1: musician(id: "m2", block: {number: 1}) { fans }
          b2: musician(id: "m2", block: {number: 2}) { fans }
          head: musician(id: "m2") { fans }
          zed1: band(id: "b3", block: {number: 2}) { name }
          zed: band(id: "b3") { name }
          byHash: bands(block: {hash: "${HASH(2).toUpperCase().replace("0X", "")}"}, where: {id: "b3"}) { name }
          gte: bands(block: {number_gte: 3}, where: {id: "b3"}) { name }
          events(block: {number: 1}) { id }
          band(id: "b1", block: {number: 1}) { members { id fans } }
        }`),
        {
          data: {
            b1: { fans: "25" },
            b2: { fans: "26" },
            head: { fans: "26" },
            zed1: { name: "Zed" },
            zed: { name: "Zed Zeppelin" },
            byHash: [{ name: "Zed" }],
            gte: [{ name: "Zed Zeppelin" }],
            events: [{ id: "p1" }, { id: "p2" }, { id: "r1" }, { id: "r2" }],
            band: { members: [{ id: "m1", fans: "100" }, { id: "m2", fans: "25" }] },
          },
        },
      );
    });

    test("_meta reports the resolved block, the deployment and indexing errors", async () => {
      const deployment = store.deployment.id;
      assert.deepEqual(
        await run(`{ _meta { deployment hasIndexingErrors block { number hash parentHash timestamp } } }`),
        { data: { _meta: { deployment, hasIndexingErrors: false, block: { number: 3, hash: HASH(3), parentHash: HASH(2), timestamp: 1024 } } } },
      );
      assert.deepEqual(await run(`{ _meta(block: {number: 2}) { block { number hash parentHash timestamp } } }`), {
        data: { _meta: { block: { number: 2, hash: null, parentHash: null, timestamp: null } } },
      });
      assert.deepEqual(await run(`{ _meta(block: {hash: "${HASH(2)}"}) { __typename block { __typename number hash timestamp } } }`), {
        data: { _meta: { __typename: "_Meta_", block: { __typename: "_Block_", number: 2, hash: HASH(2), timestamp: 1012 } } },
      });
    });

    test("a fatal indexing error hides data unless subgraphError is allow", async () => {
      await store.setFatalError({ message: "handler failed", block: 3 });
      try {
        assert.deepEqual(await run(`{ bands(first: 1) { id } _meta { hasIndexingErrors } }`), {
          data: { _meta: { hasIndexingErrors: true } },
          errors: [{ message: "indexing_error" }],
        });
        assert.deepEqual(await run(`{ bands(first: 1) { id } }`), { errors: [{ message: "indexing_error" }] });
        assert.deepEqual(await run(`{ bands(first: 1, subgraphError: allow) { id } }`), {
          data: { bands: [{ id: "b1" }] },
          errors: [{ message: "indexing_error" }],
        });
        assert.deepEqual(await run(`{ bands(first: 1, block: {number: 2}) { id } _meta(block: {number: 2}) { hasIndexingErrors } }`), {
          data: { bands: [{ id: "b1" }], _meta: { hasIndexingErrors: false } },
        });
        assert.deepEqual(await run(`{ _meta { hasIndexingErrors } }`), { data: { _meta: { hasIndexingErrors: true } } });
      } finally {
        await store.setFatalError(null);
      }
    });

    test("errors come back as graph-node reports them, without data", async () => {
      const id = store.deployment.id;
      const cases: [string, GraphQLResponse, Record<string, unknown>?][] = [
        [`{ musicians(first: 5000) { id } }`, { errors: [{ message: "The `first` argument must be between 0 and 1000, but is 5000" }] }],
        [`{ musicians(first: 0) { id } }`, { errors: [{ message: "The `first` argument must be between 0 and 1000, but is 0" }] }],
        [`{ musicians(skip: 100000) { id } }`, { errors: [{ message: "The `skip` argument must be between 0 and 5000, but is 100000" }] }],
        [`{ bands { members(first: 1001) { id } } }`, { errors: [{ message: "The `first` argument must be between 0 and 1000, but is 1001" }] }],
        [`{ musicians(block: {number: 4}) { id } }`, { errors: [{ message: `Failed to decode \`block.number\` value: \`subgraph ${id} has only indexed up to block number 3 and data for block number 4 is therefore not yet available\`` }] }],
        [`{ musicians(block: {number_gte: 7}) { id } }`, { errors: [{ message: `Failed to decode \`block.number_gte\` value: \`subgraph ${id} has only indexed up to block number 3 and data for block number 7 is therefore not yet available\`` }] }],
        [`{ musicians(block: {number: 0}) { id } }`, { errors: [{ message: `Failed to decode \`block.number\` value: \`subgraph ${id} only has data starting at block number 1 and data for block number 0 is therefore not available\`` }] }],
        [`{ musicians(block: {hash: "0x1234"}) { id } }`, { errors: [{ message: "Failed to decode `block.hash` value: `no block with that hash found`" }] }],
        [`{ musicians(block: {}) { id } }`, { errors: [{ message: "Invalid value provided for argument `block`: Object({})" }] }],
        [`{ song(id: "xyz") { id } }`, { errors: [{ message: "Failed to decode `Bytes` value: `Odd number of digits`" }] }],
        [`{ song(id: "zz") { id } }`, { errors: [{ message: "Failed to decode `Bytes` value: `Invalid character 'z' at position 0`" }] }],
        [`{ counter(id: "abc") { id } }`, { errors: [{ message: "Failed to decode `Int8` value: `abc`" }] }],
        [`{ musicians(where: {fans: "1.5"}) { id } }`, { errors: [{ message: "Failed to decode `BigInt` value: `invalid digit found in string`" }] }],
        [`{ musicians(where: {wallet: "0xz1"}) { id } }`, { errors: [{ message: "Failed to decode `Bytes` value: `Invalid character 'z' at position 0`" }] }],
        [`{ musicians(orderBy: instruments) { id } }`, { errors: [{ message: "Ordering by `instruments` is not supported for type `Musician`" }] }],
        [`{ musicians(orderBy: band) { id } }`, { errors: [{ message: "Ordering by `band` is not supported for type `Musician`" }] }],
        [`{ bands(orderBy: genre) { id } }`, { errors: [{ message: "Ordering by `genre` is not supported for type `Band`" }] }],
        [`{ bands(orderBy: members) { id } }`, { errors: [{ message: "Ordering by `members` is not supported for type `Band`" }] }],
        [`{ bands { members(orderBy: band__name) { id } } }`, { errors: [{ message: "Sorting by child attributes is not supported in nested queries" }] }],
        [`{ musicians(where: {band_: {members_: {name: "x"}}}) { id } }`, { errors: [{ message: 'Child filter nesting not supported by value `members_`: `Object({"name": String("x")})`' }] }],
        [
          `{ musicians(where: {name: "John", or: [{age: 25}]}) { id } }`,
          { errors: [{ message: "Cannot mix column filters with 'or' operator at the same level. Found column filter(s) 'name' alongside 'or' operator.\n\nInstead of:\nwhere: { 'name', or: [...] }\n\nUse:\nwhere: { or: [{ 'name', ... }, { 'name', ... }] }" }] },
        ],
        [`{ musicians { written { id } } }`, { errors: [{ message: "Ambiguous result for derived field `written`: Multiple `Song` entities refer back via `writer`", locations: [{ line: 1, column: 15 }] }] }],
        [`{ tickets { holder { id } } }`, { errors: [{ message: "Null value resolved for non-null field `holder`", locations: [{ line: 1, column: 13 }] }] }],
        [`{ musicians { id }`, { errors: [{ message: "Syntax Error: Expected Name, found <EOF>.", locations: [{ line: 1, column: 19 }] }] }],
        [`{ musicians { nope } }`, { errors: [{ message: 'Cannot query field "nope" on type "Musician". Did you mean "name"?', locations: [{ line: 1, column: 15 }] }] }],
        [`{ nopes { id } }`, { errors: [{ message: 'Cannot query field "nopes" on type "Query". Did you mean "songs"?', locations: [{ line: 1, column: 3 }] }] }],
        [`{ musicians { ... on Nope { id } } }`, { errors: [{ message: 'Unknown type "Nope".', locations: [{ line: 1, column: 22 }] }] }],
        [`{ musicians(id: "m1") { id } }`, { errors: [{ message: 'Unknown argument "id" on field "Query.musicians".', locations: [{ line: 1, column: 13 }] }] }],
        [`{ musicians(where: {nope: 1}) { id } }`, { errors: [{ message: 'Field "nope" is not defined by type "Musician_filter". Did you mean "name"?', locations: [{ line: 1, column: 21 }] }] }],
        [`{ musicians(first: "ten") { id } }`, { errors: [{ message: 'Int cannot represent non-integer value: "ten"', locations: [{ line: 1, column: 20 }] }] }],
        [`query($n: Int!) { musicians(first: $n) { id } }`, { errors: [{ message: 'Variable "$n" got invalid value "x"; Int cannot represent non-integer value: "x"', locations: [{ line: 1, column: 7 }] }] }, { n: "x" }],
        [`query($n: Int!) { musicians(first: $n) { id } }`, { errors: [{ message: 'Variable "$n" of required type "Int!" was not provided.', locations: [{ line: 1, column: 7 }] }] }, {}],
        [`{ musicians(first: $n) { id } }`, { errors: [{ message: 'Variable "$n" is not defined.', locations: [{ line: 1, column: 20 }, { line: 1, column: 1 }] }] }],
        [`mutation { musicians { id } }`, { errors: [{ message: "Not supported: Mutations are not supported" }] }],
        [`subscription { musicians { id } }`, { errors: [{ message: "Not supported: Subscriptions are not supported" }] }],
      ];
      const mismatches: string[] = [];
      for (const [query, expected, variables] of cases) {
        const actual = await run(query, variables);
        if (!isDeepStrictEqual(actual, expected)) mismatches.push(`${query}\n  got ${JSON.stringify(actual)}`);
      }
      assert.deepEqual(mismatches, []);
      const deep = `{ bands { ${"members { band { ".repeat(130)}id${" } }".repeat(130)} } }`;
      assert.deepEqual(await run(deep), { errors: [{ message: "query has a depth that exceeds the limit of `255`" }] });
    });

    test("strings made to inject SQL are only values, and the store is unchanged", async () => {
      const before = await run(`{ musicians { id name fans } bands { id name } }`);
      for (const evil of [
        `x'; drop table musician; --`,
        `' or '1'='1`,
        `\\'); delete from band; --`,
        `%' or 1=1 --`,
        `"; drop schema public cascade; --`,
      ]) {
        const v = JSON.stringify(evil);
        assert.deepEqual(await run(`{ musicians(where: {name: ${v}}) { id } }`), { data: { musicians: [] } });
        assert.deepEqual(await run(`{ musicians(where: {name_contains: ${v}, band_: {name_not: ${v}}}) { id } }`), { data: { musicians: [] } });
        assert.deepEqual(await run(`{ musician(id: ${v}) { id } band(id: ${v}) { id } }`), { data: { musician: null, band: null } });
        assert.deepEqual(await run(`query($v: ID!) { musicians(where: {id_in: [$v]}) { id } }`, { v: evil }), { data: { musicians: [] } });
      }
      assert.deepEqual(await run(`{ musicians { id name fans } bands { id name } }`), before);
    });
  });
}
