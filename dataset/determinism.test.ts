import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, test } from "node:test";
import { generate } from "./generate.ts";

const dir = mkdtempSync(path.join(tmpdir(), "livepeer-dataset-"));
const digest = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

describe("generate", () => {
  test("the same seed writes byte-identical dataset and state files; another seed does not", () => {
    const a = generate({ seed: 42, out: path.join(dir, "a.jsonl"), scale: "small" });
    const b = generate({ seed: 42, out: path.join(dir, "b.jsonl"), scale: "small" });
    const c = generate({ seed: 43, out: path.join(dir, "c.jsonl"), scale: "small" });
    assert.equal(digest(a.file), digest(b.file));
    assert.equal(digest(a.stateFile), digest(b.stateFile));
    assert.notEqual(digest(a.file), digest(c.file));
  });

  test("the header names the network and the last block; blocks ascend past every start block", () => {
    const { file, head } = generate({ seed: 5, out: path.join(dir, "h.jsonl"), scale: "small" });
    const lines = readFileSync(file, "utf8").trim().split("\n");
    const header = JSON.parse(lines[0]);
    assert.deepEqual(header, { format: "raw-blocks", version: 1, network: "arbitrum-one", head });
    const numbers = lines.slice(1).map((line) => JSON.parse(line).number as number);
    assert.ok(numbers[0] > 139_793_525);
    assert.ok(numbers.every((n, i) => i === 0 || n > numbers[i - 1]));
    assert.equal(numbers.at(-1), head);
  });
});
