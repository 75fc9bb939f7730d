/**
 * The indexer fixture (test/fixtures/indexer): a token with transfers, a wallet template spawned
 * mid-block, block handlers and a failing handler, as a gnd-test scenario over blocks 10–16.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { compileMapping } from "../../src/indexer/build.ts";
import { loadManifest, type Manifest } from "../../src/manifest/manifest.ts";
import { loadSchema, type SchemaModel } from "../../src/schema/model.ts";
import { loadTestConfig } from "../../src/testing/config.ts";

export const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "indexer");
const dir = mkdtempSync(path.join(tmpdir(), "indexer-"));
export const TOKEN = "0x0000000000000000000000000000000000000001";
export const A = "0x00000000000000000000000000000000000000aa";
export const B = "0x00000000000000000000000000000000000000bb";
export const WALLET = "0x00000000000000000000000000000000000000a1";
const TX = "0x" + "ee".repeat(32);

export type Fixture = { manifest: Manifest; schema: SchemaModel; schemaSdl: string; module: WebAssembly.Module };

/** Loads the fixture's manifest and schema and compiles its mapping (cached by content). */
export function loadFixture(): Fixture {
  const manifest = loadManifest(path.join(fixture, "subgraph.yaml"));
  const schemaSdl = readFileSync(manifest.schemaFile, "utf8");
  const schema = loadSchema(schemaSdl);
  const module = compileMapping(manifest.dataSources[0].mapping.file, {
    projectDir: fixture,
    libsFolder: loadTestConfig(fixture).libsFolder,
    cacheFile: path.join(fixture, ".bin", "mapping.wasm"),
  });
  return { manifest, schema, schemaSdl, module };
}

export const transfer = (address: string, from: string, to: string, value: number, extra: object = {}) => ({
  address,
  event: "Transfer(address indexed from, address indexed to, uint256 value)",
  params: { from, to, value },
  ...extra,
});

export const balanceOf = (owner: string, value: number | null) => ({
  address: TOKEN,
  function: "balanceOf(address)(uint256)",
  params: [owner],
  returns: value === null ? [] : [String(value)],
  ...(value === null ? { reverts: true } : {}),
});

/** A block whose handler aborts (`Fail(7)`), after a transfer that would change balances. */
export const failingBlock = {
  events: [transfer(TOKEN, A, B, 100), { address: TOKEN, event: "Fail(uint256 code)", params: { code: 7 } }],
  ethCalls: [balanceOf(B, 112)],
};

/** Blocks 10–16 (numbered from the lowest startBlock): transfers, a template spawned mid-block, block handlers. */
export function scenario(extra: object[] = []) {
  return {
    name: "indexer",
    blocks: [
      { events: [transfer(TOKEN, A, B, 5)], ethCalls: [balanceOf(B, 5)] },
      {
        events: [
          transfer(WALLET, A, B, 1),
          { address: TOKEN, event: "Spawn(address wallet)", params: { wallet: WALLET } },
          transfer(WALLET, B, A, 2),
        ],
      },
      { events: [transfer(WALLET, A, B, 3)] },
      {},
      {},
      {
        events: [transfer(TOKEN, A, B, 7, { txHash: TX }), transfer(TOKEN, B, A, 1, { txHash: TX })],
        ethCalls: [balanceOf(B, 12), balanceOf(A, null)],
      },
      {},
      ...extra,
    ],
  };
}

export const EXPECTED_TRACE = [
  "O:10",
  "T:10:0",
  "P:10",
  "S:11:1",
  "B:11",
  "Wa1:11:0",
  "Wa1:11:2",
  "Wa1:12:0",
  "B:12",
  "P:13",
  "B:13",
  "T:15:0",
  "T:15:1",
  "P:16",
];

export function datasetFile(content: object, name = "scenario.json"): string {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(content));
  return file;
}

export { plainEntity } from "../../src/common/values.ts";
