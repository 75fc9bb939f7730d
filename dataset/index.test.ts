/**
 * The small dataset indexed through the real runtime: every entity type gets rows, and the indexed
 * state equals the generator's state account exactly (compare.ts lists the fields).
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { before, describe, test } from "node:test";
import { openDriver } from "../runtime/src/store/sql/driver.ts";
import { compareToState } from "./compare.ts";
import { generate } from "./generate.ts";
import { indexDataset, type IndexOutcome } from "./index.ts";

const dir = mkdtempSync(path.join(tmpdir(), "livepeer-dataset-"));
const { stateFile } = generate({ seed: 1, out: path.join(dir, "small.jsonl"), scale: "small" });

// PGlite always; PostgreSQL too when DATABASE_URL is set (CI sets it).
const backends = [{ name: "pglite", url: undefined as string | undefined }];
if (process.env.DATABASE_URL) backends.push({ name: "postgres", url: process.env.DATABASE_URL });

for (const backend of backends) describe(`indexing the small dataset (${backend.name})`, () => {
  let outcome: IndexOutcome;
  before(async () => {
    const driver = await openDriver({ databaseUrl: backend.url });
    try {
      outcome = await indexDataset(path.join(dir, "small.jsonl"), driver);
    } finally {
      await driver.close();
    }
  });

  test("runs to the end without errors or mapping warnings", () => {
    assert.equal(outcome.result.outcome, "done", JSON.stringify(outcome.result.error));
    assert.deepEqual(outcome.warnings, []);
  });

  test("every entity type of schema.graphql has rows", () => {
    const empty = outcome.types.filter((type) => outcome.rows(type).length === 0);
    assert.deepEqual(empty, []);
  });

  test("indexed entities equal the state account, exactly in wei", () => {
    const { mismatches, checked } = compareToState(outcome.rows, JSON.parse(readFileSync(stateFile, "utf8")));
    assert.deepEqual(mismatches, []);
    assert.ok(checked > 1000, `only ${checked} values compared`);
  });
});
