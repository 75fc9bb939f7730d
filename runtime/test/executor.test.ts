// Compiled execution (graphql-jit) against graphql-js's own: the same answers, errors included,
// for every kind of operation the API serves; and the operations that stay on graphql-js.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { getIntrospectionQuery } from "graphql";
import { createQueryApi, type GraphQLRequest, type QueryApi } from "../src/graphql/index.ts";
import type { SqlDriver } from "../src/store/sql/driver.ts";
import { backends, freshStore } from "./helpers/backends.ts";
import { MUSIC_BLOCKS, MUSIC_SCHEMA } from "./helpers/music.ts";

const REQUESTS: GraphQLRequest[] = [
  { query: `{ musicians(first: 2) { id n: name } all: musicians(skip: 1) { id band { id name members { id } leader { id } } } }` },
  { query: `{ musicians { id name } musicians { id age } }` },
  { query: `{ musicians(block: {number: 2}) { id age fans rating wallet plays joined genres instruments active } }` },
  { query: `{ musicians { ...F } } fragment F on Musician { id events { id amount ... on Payment { memo } ... on Refund { reason } __typename } }` },
  { query: `{ events(orderBy: amount) { id amount musician { id } __typename } }` },
  { query: `{ __typename _meta { block { number hash timestamp parentHash } deployment hasIndexingErrors } }` },
  { query: `{ __type(name: "Musician") { name fields { name type { name kind ofType { name } } } } }` },
  { query: `{ counter(id: "3000000000") { id value } counters { id value } songs { id title writer { id } } }` },
  { query: `{ bands { songs(first: 1, orderBy: title) { id title } } musicians(orderBy: band__name) { id band { name } } }` },
  { query: `query A { bands { id } } query B { musicians { id } }`, operationName: "B" },
  { query: `query A { bands { id } } query B { musicians { id } }` },
  { query: `query A { bands { id } }`, operationName: "C" },
  { query: `query($d: OrderDirection = desc) { musicians(orderBy: name, orderDirection: $d) { id } }` },
  { query: `query($d: OrderDirection) { musicians(orderBy: name, orderDirection: $d) { id } }`, variables: { d: "asc" } },
  { query: `query($d: OrderDirection) { musicians(orderBy: name, orderDirection: $d) { id } }`, variables: { d: "up" } },
  { query: `query($ids: [ID!]) { musicians(where: {id_in: $ids}) { id __typename } }`, variables: { ids: ["m1", "m2"] } },
  { query: `query($b: Int) { musicians(block: {number: $b}) { id age } }`, variables: { b: 1 } },
  { query: `query($s: Boolean!) { musicians { id name @skip(if: $s) band @include(if: $s) { id } } }`, variables: { s: false } },
  { query: `query($s: Boolean!) { musicians { id ... on Musician @skip(if: $s) { name } } }`, variables: { s: true } },
  { query: `query($n: Int!) { musicians(first: $n) { id } }`, variables: { n: 2.5 } },
  { query: `query($n: Int!) { musicians(first: $n) { id } }`, variables: { n: null } },
  { query: `query($n: [Int!]!) { musicians(where: {age_in: $n}) { id } }`, variables: { n: 25 } },
  { query: `{ tickets { id holder { id } } }` },
  { query: `{ musicians { written { id } } }` },
  { query: `{ musicians(first: 5000) { id } }` },
  // What GraphiQL asks for first.
  { query: getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, inputValueDeprecation: true }) },
];

for (const backend of backends().slice(0, 1)) {
  describe(`compiled execution (${backend.name})`, () => {
    let driver: SqlDriver;
    let drop: () => Promise<void>;
    let compiled: QueryApi;
    let interpreted: QueryApi;
    before(async () => {
      driver = await backend.open();
      let store;
      ({ store, drop } = await freshStore(driver, { schema: MUSIC_SCHEMA, name: "music", startBlock: 1 }));
      await store.writeBlocks(MUSIC_BLOCKS);
      compiled = createQueryApi(store);
      interpreted = createQueryApi(store, { compile: false });
    });
    after(async () => {
      await drop();
      await driver.close();
    });

    test("every kind of operation answers exactly as graphql-js does, errors included", async () => {
      const differences: string[] = [];
      for (const request of REQUESTS) {
        // Twice: the second run reuses the compiled operation.
        for (let k = 0; k < 2; k++) {
          const [a, b] = [await compiled.execute(request), await interpreted.execute(request)];
          try {
            assert.deepStrictEqual(a, b);
          } catch {
            differences.push(`${request.query} ${JSON.stringify(request.variables)}\n  compiled ${JSON.stringify(a)}\n  graphql-js ${JSON.stringify(b)}`);
          }
        }
      }
      assert.deepEqual(differences, []);
    });

    test("a compiled operation takes each request's variables", async () => {
      const query = `query($n: Int!, $d: OrderDirection!) { musicians(first: $n, orderBy: name, orderDirection: $d) { id } }`;
      assert.deepEqual(await compiled.execute({ query, variables: { n: 1, d: "asc" } }), { data: { musicians: [{ id: "m1" }] } });
      assert.deepEqual(await compiled.execute({ query, variables: { n: 2, d: "desc" } }), { data: { musicians: [{ id: "m5" }, { id: "m4" }] } });
      assert.deepEqual(await compiled.execute({ query, variables: { n: "two", d: "desc" } }), {
        errors: [{ message: 'Variable "$n" got invalid value "two"; Int cannot represent non-integer value: "two"', locations: [{ line: 1, column: 7 }] }],
      });
    });

    test("a variable of a recursive filter type runs, with its value", async () => {
      // graphql-jit never finishes compiling such an operation; it runs on graphql-js.
      const query = `query($w: Musician_filter, $b: Band_filter) { musicians(where: $w, orderBy: id) { id } bands(where: $b) { id } }`;
      const variables = { w: { or: [{ age: 25 }, { name: "John" }] }, b: { members_: { name: "Tom" } } };
      assert.deepEqual(await compiled.execute({ query, variables }), {
        data: { musicians: [{ id: "m1" }, { id: "m2" }, { id: "m5" }], bands: [{ id: "b2" }] },
      });
      assert.deepEqual(await compiled.execute({ query, variables: { w: { nope: 1 } } }), {
        errors: [{ message: 'Variable "$w" got invalid value { nope: 1 }; Field "nope" is not defined by type "Musician_filter". Did you mean "name"?', locations: [{ line: 1, column: 7 }] }],
      });
    });
  });
}
