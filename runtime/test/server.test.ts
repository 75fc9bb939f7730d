// The HTTP server: graph-node's endpoints and response shapes, bad requests and bad queries
// answered without disturbing the store or the server (bound to 127.0.0.1, a free port).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startServer, type RunningServer } from "../src/server/http.ts";
import type { SqlDriver } from "../src/store/sql/driver.ts";
import type { SqlStore } from "../src/store/sql/store.ts";
import { backends, freshStore } from "./helpers/backends.ts";
import { HASH, MUSIC_BLOCKS, MUSIC_SCHEMA } from "./helpers/music.ts";

for (const backend of backends()) {
  describe(`HTTP server (${backend.name})`, () => {
    let driver: SqlDriver;
    let store: SqlStore;
    let server: RunningServer;
    let drop: () => Promise<void>;

    const post = async (path: string, body: unknown, headers: Record<string, string> = { "content-type": "application/json" }) => {
      const res = await fetch(server.url + path, {
        method: "POST",
        headers,
        // Bytes, so fetch adds no Content-Type of its own.
        body: new TextEncoder().encode(typeof body === "string" ? body : JSON.stringify(body)),
      });
      return { status: res.status, body: await res.json(), headers: res.headers };
    };

    before(async () => {
      driver = await backend.open();
      ({ store, drop } = await freshStore(driver, { schema: MUSIC_SCHEMA, name: "music/band-db", startBlock: 1 }));
      await store.writeBlocks(MUSIC_BLOCKS);
      await store.setProgress({ chainHeadBlock: 10, eventsPerSecond: 12.5 });
      server = await startServer({ store, name: "music/band-db", port: 0 });
    });
    after(async () => {
      await server.close();
      await drop();
      await driver.close();
    });

    test("POST on /subgraphs/name/<name> and /graphql answers queries", async () => {
      const query = `query Q($id: ID!) { band(id: $id) { name members { name } } }`;
      const expected = { data: { band: { name: "The Amateurs", members: [{ name: "Tom" }, { name: "paul" }] } } };
      const byName = await post("/subgraphs/name/music/band-db", { query, variables: { id: "b2" } });
      assert.equal(byName.status, 200);
      assert.equal(byName.headers.get("content-type"), "application/json");
      assert.deepEqual(byName.body, expected);
      assert.deepEqual(JSON.parse(byName.headers.get("graph-indexed")!), { hash: HASH(3), number: 3, timestamp: 1024 });
      assert.deepEqual((await post("/graphql", { query, variables: { id: "b2" }, operationName: "Q" })).body, expected);
      assert.deepEqual((await post(`/subgraphs/id/${store.deployment.id}`, { query, variables: { id: "b2" } })).body, expected);
    });

    test("GET with a query string answers too; GET without one serves GraphiQL or redirects", async () => {
      const q = encodeURIComponent(`{ bands(first: 1) { id } }`);
      const res = await fetch(`${server.url}/subgraphs/name/music/band-db?query=${q}`);
      assert.deepEqual(await res.json(), { data: { bands: [{ id: "b1" }] } });
      const redirect = await fetch(`${server.url}/subgraphs/name/music/band-db`, { redirect: "manual" });
      assert.equal(redirect.status, 302);
      assert.equal(redirect.headers.get("location"), "/subgraphs/name/music/band-db/graphql");
      const page = await fetch(`${server.url}/graphql`, { headers: { accept: "text/html" } });
      assert.equal(page.status, 200);
      assert.match(await page.text(), /graphiql/i);
    });

    test("/health and /status report the store and indexing progress", async () => {
      assert.deepEqual(await (await fetch(`${server.url}/health`)).json(), { status: "ok" });
      assert.deepEqual(await (await fetch(`${server.url}/status`)).json(), {
        name: "music/band-db",
        deployment: store.deployment.id,
        head: 10,
        indexedBlock: { number: 3, hash: HASH(3), timestamp: 1024 },
        lag: 7,
        eventsPerSecond: 12.5,
        synced: false,
        error: null,
      });
    });

    test("request mistakes answer 400 with graph-node's texts", async () => {
      const cases: [unknown, Record<string, string> | undefined, string][] = [
        ["{not json", undefined, "Unexpected token n in JSON at position 1"],
        ["[1]", undefined, "GraphQL server error (client error): Request data is not an object"],
        [{ variables: {} }, undefined, 'GraphQL server error (client error): The "query" field is missing in request data'],
        [{ query: 1 }, undefined, 'GraphQL server error (client error): The "query" field is not a string'],
        [{ query: "{ bands { id } }", variables: [1] }, undefined, "GraphQL server error (client error): Invalid query variables provided"],
        ["", undefined, "Body is required"],
        [{ query: "{ bands { id } }" }, {}, "Content-Type header is required"],
      ];
      for (const [body, headers, error] of cases) {
        const res = await post("/graphql", body, headers);
        assert.equal(res.status, 400, JSON.stringify(body));
        if (error.startsWith("Unexpected token")) assert.match(res.body.error, /JSON/);
        else assert.deepEqual(res.body, { error });
      }
    });

    test("bad queries get graph-node-style errors; the store is unchanged and the server keeps serving", async () => {
      const snapshot = `{ musicians(first: 1000) { id name fans band { id } } bands { id name } events { id } }`;
      const before = (await post("/graphql", { query: snapshot })).body;
      const bad: [string, unknown][] = [
        [`{ musicians { id }`, { errors: [{ message: "Syntax Error: Expected Name, found <EOF>.", locations: [{ line: 1, column: 19 }] }] }],
        [`{ unknownThings { id } }`, { errors: [{ message: 'Cannot query field "unknownThings" on type "Query".', locations: [{ line: 1, column: 3 }] }] }],
        [`{ musicians { ... on Unknown { id } } }`, { errors: [{ message: 'Unknown type "Unknown".', locations: [{ line: 1, column: 22 }] }] }],
        [`{ musicians(first: 5000) { id } }`, { errors: [{ message: "The `first` argument must be between 0 and 1000, but is 5000" }] }],
        [`{ musicians(skip: 100000) { id } }`, { errors: [{ message: "The `skip` argument must be between 0 and 5000, but is 100000" }] }],
        [`{ song(id: "not hex") { id } }`, { errors: [{ message: "Failed to decode `Bytes` value: `Odd number of digits`" }] }],
        [`{ counter(id: "1; drop table counter") { id } }`, { errors: [{ message: "Failed to decode `Int8` value: `1; drop table counter`" }] }],
        [`{ musicians(where: {name: "'; drop table musician; --"}) { id } }`, { data: { musicians: [] } }],
        [`{ musicians(where: {id_in: ["m1') or true --"]}) { id } }`, { data: { musicians: [] } }],
        [`{ bands { ${"members { band { ".repeat(130)}id${" } }".repeat(130)} } }`, { errors: [{ message: "query has a depth that exceeds the limit of `255`" }] }],
      ];
      for (const [query, expected] of bad) {
        const res = await post("/subgraphs/name/music/band-db", { query });
        assert.equal(res.status, 200);
        assert.deepEqual(res.body, expected, query);
      }
      assert.deepEqual((await post("/graphql", { query: snapshot })).body, before);
    });

    test("an unknown subgraph name is a GraphQL error", async () => {
      const res = await post("/subgraphs/name/nobody/here", { query: "{ bands { id } }" });
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, { errors: [{ message: "deployment `nobody/here` does not exist" }] });
    });
  });
}
