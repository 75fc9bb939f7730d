import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { loadManifest, ManifestError } from "./manifest.ts";

const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "test", "fixtures", "project");

/** A copy of the fixture project whose manifest text is edited by `edit`. */
function project(edit: (yaml: string) => string = (y) => y, networks?: object): string {
  const dir = mkdtempSync(path.join(tmpdir(), "manifest-"));
  for (const name of ["subgraph.yaml", "schema.graphql", "abis", "src"]) cpSync(path.join(fixture, name), path.join(dir, name), { recursive: true });
  writeFileSync(path.join(dir, "subgraph.yaml"), edit(readFileSync(path.join(dir, "subgraph.yaml"), "utf8")));
  if (networks) writeFileSync(path.join(dir, "networks.json"), JSON.stringify(networks));
  return path.join(dir, "subgraph.yaml");
}

describe("loadManifest", () => {
  test("resolves data sources, templates, ABIs and topic0 per handler", () => {
    const manifest = loadManifest(project());
    assert.equal(manifest.dataSources.length, 1);
    const [token] = manifest.dataSources;
    assert.equal(token.name, "Token");
    assert.equal(token.address, "0x0000000000000000000000000000000000000001");
    assert.equal(token.mapping.apiVersion, "0.0.9");
    assert.equal(token.mapping.eventHandlers[0].handler, "handleTransfer");
    // keccak256("Transfer(address,address,uint256)")
    assert.equal(token.mapping.eventHandlers[0].topic0, "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef");
    assert.equal(token.mapping.eventHandlers[0].receipt, false);
    assert.equal(manifest.templates[0].name, "Wallet");
    assert.equal(manifest.templates[0].address, null);
    assert.ok(manifest.schemaFile.endsWith("schema.graphql"));
  });

  test("networks.json overrides addresses and start blocks for --network", () => {
    const file = project((y) => y, { mainnet: { Token: { address: "0x00000000000000000000000000000000000000AB", startBlock: 42 } } });
    const [token] = loadManifest(file, { network: "mainnet" }).dataSources;
    assert.equal(token.address, "0x00000000000000000000000000000000000000ab");
    assert.equal(token.startBlock, 42);
  });

  test("an unknown network names the networks networks.json has", () => {
    const file = project((y) => y, { mainnet: {} });
    assert.throws(() => loadManifest(file, { network: "arbitrum-one" }), {
      name: "ManifestError",
      message: /network `arbitrum-one` is not in .*networks\.json; it has: mainnet/,
    });
  });

  test("an event the ABI does not declare is rejected with its place", () => {
    const file = project((y) => y.replace("Transfer(indexed address,indexed address,uint256)", "Transfer(indexed address,indexed address,uint128)"));
    assert.throws(() => loadManifest(file), {
      message: /dataSources\[0\]\.mapping\.eventHandlers\[0\]\.event `Transfer\(indexed address,indexed address,uint128\)` is not an event of the data source's ABI/,
    });
  });

  test("wrong indexed flags are rejected, since they decode garbage", () => {
    const file = project((y) => y.replace("Transfer(indexed address,indexed address,uint256)", "Transfer(indexed address,address,uint256)"));
    assert.throws(() => loadManifest(file), /does not match the ABI's indexed parameters `Transfer\(indexed address,indexed address,uint256\)`/);
  });

  test("a bad address, a missing field and a missing file are reported clearly", () => {
    assert.throws(() => loadManifest(project((y) => y.replace('"0x0000000000000000000000000000000000000001"', '"0x01"'))), /source\.address `0x01` is not a 20-byte hex address/);
    assert.throws(() => loadManifest(project((y) => y.replace("handler: handleTransfer", "handlr: handleTransfer"))), /eventHandlers\[0\]\.handler is missing/);
    assert.throws(() => loadManifest("/nonexistent/subgraph.yaml"), ManifestError);
  });
});
