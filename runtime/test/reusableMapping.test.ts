import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { before, describe, test } from "node:test";
import { createDatasetSource } from "../src/chain/dataset.ts";
import { Indexer } from "../src/indexer/indexer.ts";
import { createMemoryIndexingStore } from "../src/indexer/store.ts";
import { exportMutableGlobals } from "../src/mapping/reusable.ts";
import { datasetFile, EXPECTED_TRACE, failingBlock, fixture, loadFixture, plainEntity, scenario, type Fixture } from "./helpers/indexerFixture.ts";

let fx: Fixture;
let bytes: Uint8Array;

before(() => {
  fx = loadFixture();
  bytes = new Uint8Array(readFileSync(path.join(fixture, ".bin", "mapping.wasm")));
});

async function run(module: WebAssembly.Module | Uint8Array, content: object, name: string) {
  const store = createMemoryIndexingStore();
  const source = createDatasetSource(datasetFile(content, name), { startBlock: 10 });
  const result = await new Indexer({ manifest: fx.manifest, schema: fx.schema, store, source, loadModule: () => module }).run();
  const entities = Object.fromEntries(["Account", "Transfer", "Trace"].map((t) => [t, store.entities.entities(t).map(plainEntity)]));
  return { result, entities, dataSources: await store.loadDynamicDataSources() };
}

describe("one mapping instance reset between handlers", () => {
  test("indexes exactly as a fresh instance per handler: order, templates, block handlers, calls", async () => {
    const reused = await run(bytes, scenario(), "reuse-1.json");
    assert.deepEqual(reused, await run(fx.module, scenario(), "reuse-2.json"));
    assert.deepEqual((reused.entities.Trace[0] as { entries: unknown }).entries, EXPECTED_TRACE);
  });

  test("a handler failure is reported the same way", async () => {
    const reused = await run(bytes, scenario([failingBlock]), "reuse-3.json");
    assert.equal(reused.result.outcome, "failed");
    assert.deepEqual(reused, await run(fx.module, scenario([failingBlock]), "reuse-4.json"));
  });

  test("every mutable global gets an export and the module still validates", () => {
    const rewritten = exportMutableGlobals(bytes);
    assert.ok(WebAssembly.validate(rewritten));
    const names = WebAssembly.Module.exports(new WebAssembly.Module(rewritten)).filter((e) => e.kind === "global").map((e) => e.name);
    assert.ok(names.some((n) => n.startsWith("__reset_global_")), names.join(", "));
  });
});
