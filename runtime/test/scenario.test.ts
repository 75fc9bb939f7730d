import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, test } from "node:test";
import { runScenarios } from "../src/scenario/run.ts";
import { A, B, balanceOf, EXPECTED_TRACE, failingBlock, fixture, scenario, TOKEN, transfer } from "./helpers/indexerFixture.ts";

const dir = mkdtempSync(path.join(tmpdir(), "scenarios-"));

function write(name: string, content: object): string {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(content));
  return file;
}

async function run(files: string[]) {
  let output = "";
  const summary = await runScenarios({
    projectDir: fixture,
    paths: files,
    databaseUrl: process.env.DATABASE_URL,
    out: { write: (text) => void (output += text) },
  });
  return { summary, output };
}

describe("gnd-test scenarios through the indexer, the SQL store and GraphQL", () => {
  test("assertions that hold pass; order in lists and number-vs-string do not matter", async () => {
    const file = write("holds.json", {
      ...scenario(),
      name: "transfers and the trace",
      assertions: [
        {
          query: "{ accounts { id balance onChainBalance } }",
          expected: { accounts: [{ id: B, balance: 12, onChainBalance: "12" }, { id: A, balance: "1", onChainBalance: null }] },
        },
        { query: '{ trace(id: "trace") { entries } }', expected: { trace: { entries: [...EXPECTED_TRACE].reverse() } } },
        { query: "{ _meta { block { number } hasIndexingErrors } }", expected: { _meta: { block: { number: 16 }, hasIndexingErrors: false } } },
      ],
    });
    const { summary, output } = await run([file]);
    assert.deepEqual(summary, { passed: 1, failed: 0, exitCode: 0 });
    assert.match(output, /√ transfers and the trace \(.*holds\.json, 3 assertions\)\n/);
    assert.match(output, /\n1 passed, 0 failed\n$/);
  });

  test("a wrong expectation fails the scenario and names the path, the expected and the actual value", async () => {
    const file = write("wrong.json", {
      name: "a wrong balance",
      blocks: [{ events: [transfer(TOKEN, A, B, 5)], ethCalls: [balanceOf(B, 5)] }],
      assertions: [{ query: "{ accounts { id balance } }", expected: { accounts: [{ id: B, balance: "6" }] } }],
    });
    const { summary, output } = await run([file]);
    assert.deepEqual(summary, { passed: 0, failed: 1, exitCode: 1 });
    assert.match(output, /𝖷 a wrong balance/);
    assert.match(output, /assertion 1 \(\{ accounts \{ id balance \} \}\): data\.accounts\[0\]\.balance: expected "6", got "5"/);
  });

  test("a handler failure, a query error and a malformed file each fail their scenario with the reason", async () => {
    const failing = write("failing.json", { name: "a failing handler", blocks: [failingBlock], assertions: [] });
    const badQuery = write("bad-query.json", {
      name: "a bad query",
      blocks: [{}],
      assertions: [{ query: "{ nope { id } }", expected: {} }],
    });
    const malformed = write("malformed.json", { blocks: [{ events: [{ event: "Transfer(address)" }] }] });
    const { summary, output } = await run([failing, badQuery, malformed]);
    assert.deepEqual(summary, { passed: 0, failed: 3, exitCode: 1 });
    assert.match(output, /indexing failed at block 10 in Token\.handleFail: .*failing on purpose with code 7/);
    assert.match(output, /assertion 1 \(\{ nope \{ id \} \}\): Cannot query field "nope" on type "Query"/);
    assert.match(output, /blocks\[0\]\.events\[0\]\.address/);
  });
});
