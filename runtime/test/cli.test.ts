import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const project = path.join(here, "fixtures", "project");
const bin = path.join(here, "..", "bin", "subgraph-runtime.js");

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("subgraph-runtime test (CLI)", () => {
  test("a failing test makes the run exit 1 and is named in the summary", () => {
    const run = cli("test", "--cwd", project, "runner");
    assert.equal(run.status, 1);
    assert.match(run.stdout, /^ {4}𝖷 fail: i32Equals - \d+\.\d{3}ms$/m);
    assert.match(run.stdout, /^runner › asserts › fail: i32Equals$/m);
    assert.match(run.stdout, /^\d+ passed, \d+ failed, 0 skipped$/m);
  });

  test("a green run exits 0", () => {
    const run = cli("test", "--cwd", project, "passing");
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /^2 passed, 0 failed, 0 skipped$/m);
  });

  test("--wasm runs a precompiled test module", () => {
    assert.equal(cli("test", "--cwd", project, "passing").status, 0);
    const run = cli("test", "--cwd", project, "--wasm", "tests/.bin/passing.wasm");
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.doesNotMatch(run.stdout, /cached|compiled/);
    assert.match(run.stdout, /^2 passed, 0 failed, 0 skipped$/m);
  });

  test("--coverage lists which manifest handlers the tests call", () => {
    const run = cli("test", "--cwd", project, "--coverage");
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /^Handler 'handleTransfer' is tested\.$/m);
    assert.match(run.stdout, /^Handler 'handleWalletTransfer' is not tested\.$/m);
    assert.match(run.stdout, /^Global test coverage: 50\.0% \(1\/2 handlers\)\.$/m);
  });

  test("test files that do not compile fail the run with the compiler's errors, and the others still run", () => {
    // A missing import once crashed asc after its parse errors, and the run ended silently with exit 0.
    const dir = mkdtempSync(path.join(tmpdir(), "cli-broken-"));
    for (const name of ["subgraph.yaml", "schema.graphql", "abis", "src"]) cpSync(path.join(project, name), path.join(dir, name), { recursive: true });
    symlinkSync(path.join(here, "..", "..", "node_modules"), path.join(dir, "node_modules"));
    mkdirSync(path.join(dir, "tests"));
    cpSync(path.join(project, "tests", "passing.test.ts"), path.join(dir, "tests", "passing.test.ts"));
    for (const name of ["brokenOne", "brokenTwo"]) {
      writeFileSync(path.join(dir, "tests", `${name}.test.ts`), 'import { missing } from "./nope";\nmissing();\n');
    }
    const run = cli("test", "--cwd", dir);
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /𝖷 brokenone failed to compile:\n.*File '.*nope\.ts' not found/);
    assert.match(run.stdout, /𝖷 brokentwo failed to compile/);
    assert.match(run.stdout, /^2 passed, 2 failed, 0 skipped$/m);
  });

  test("a pattern that matches no test file is an error naming it", () => {
    const run = cli("test", "--cwd", project, "nope");
    assert.equal(run.status, 1);
    assert.match(run.stderr, /No tests match set patterns: nope/);
  });

  test("an unknown command prints the usage", () => {
    const run = cli("frobnicate");
    assert.equal(run.status, 1);
    assert.match(run.stderr, /Unknown command `frobnicate`/);
    assert.match(run.stderr, /Usage: subgraph-runtime <command>/);
  });
});
