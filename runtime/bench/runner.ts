// Benchmark of `subgraph-runtime test` (npm run bench:runner): cold compile-and-run of a
// generated suite, a warm re-run with nothing changed, and the per-test cost after compile
// set against the raw floor of calling the same test closures from plain JavaScript.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runTests } from "../src/testing/runner.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const FILES = Number(process.env.BENCH_FILES ?? 4);
const TESTS_PER_FILE = Number(process.env.BENCH_TESTS ?? 250);

function testFile(index: number): string {
  const tests = Array.from({ length: TESTS_PER_FILE }, (_, i) => `
  test("transfer ${i}", () => {
    let id = "a${index}-${i}";
    let e = new Entity();
    e.set("id", Value.fromString(id));
    e.set("balance", Value.fromBigInt(BigInt.fromI32(${i}).times(BigInt.fromString("1000000000000000000"))));
    e.set("active", Value.fromBoolean(true));
    e.set("tags", Value.fromStringArray(["x"]));
    store.set("Account", id, e);
    assert.fieldEquals("Account", id, "balance", "${BigInt(i) * 10n ** 18n}");
  });`).join("\n");
  return `import { assert, beforeEach, clearStore, describe, test } from "matchstick-as/assembly/index";
import { BigInt, Entity, store, Value } from "@graphprotocol/graph-ts";

describe("bench ${index}", () => {
  beforeEach(() => {
    clearStore();
  });
${tests}
});
`;
}

function makeProject(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "bench-runner-"));
  const fixture = path.join(here, "..", "test", "fixtures", "project");
  for (const name of ["schema.graphql", "subgraph.yaml", "abis", "src"]) cpSync(path.join(fixture, name), path.join(dir, name), { recursive: true });
  symlinkSync(path.resolve(here, "..", "..", "node_modules"), path.join(dir, "node_modules"));
  mkdirSync(path.join(dir, "tests"));
  for (let i = 0; i < FILES; i++) writeFileSync(path.join(dir, "tests", `bench${i}.test.ts`), testFile(i));
  return dir;
}

function timeCli(dir: string, args: string[]): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, [path.join(here, "..", "bin", "subgraph-runtime.js"), "test", "--cwd", dir, ...args], { encoding: "utf8" });
  const ms = performance.now() - started;
  if (!/\d+ passed, 0 failed/.test(result.stdout)) throw new Error(`bench suite failed:\n${result.stdout}\n${result.stderr}`);
  return ms;
}

/** The floor: the same closures called straight from JavaScript with a do-nothing host. */
function rawFloor(dir: string): number {
  let total = 0;
  for (let i = 0; i < FILES; i++) {
    const module = new WebAssembly.Module(readFileSync(path.join(dir, "tests", ".bin", `bench${i}.wasm`)));
    const imports: Record<string, Record<string, () => number>> = {};
    for (const imp of WebAssembly.Module.imports(module)) (imports[imp.module] ??= {})[imp.name] = () => 1;
    const instance = new WebAssembly.Instance(module, imports as WebAssembly.Imports);
    const exports = instance.exports as { _start(): void; table: WebAssembly.Table };
    exports._start();
    const started = performance.now();
    for (let index = 1; index < exports.table.length; index++) {
      try {
        (exports.table.get(index) as () => void)();
      } catch {
        // closures that need real host values trap here; the floor only counts the calls
      }
    }
    total += performance.now() - started;
  }
  return total;
}

const dir = makeProject();
try {
  const total = FILES * TESTS_PER_FILE;
  const cold = timeCli(dir, ["--recompile"]);
  const warm = timeCli(dir, []);
  let inProcess = 0;
  const summary = await runTests({ projectDir: dir, patterns: [], recompile: false, wasmFiles: [], coverage: false, out: { write: () => {} } });
  for (const suite of summary.suites) for (const t of suite.tests) inProcess += t.ms;
  const floor = rawFloor(dir);
  const rows = [
    ["suite", `${FILES} files × ${TESTS_PER_FILE} tests = ${total} tests`],
    ["cold compile + run (CLI, --recompile)", `${(cold / 1000).toFixed(2)} s`],
    ["warm re-run, nothing changed (CLI)", `${(warm / 1000).toFixed(2)} s`],
    ["per test, after compile (host, hooks, asserts)", `${(inProcess / total).toFixed(3)} ms`],
    ["per test, raw floor (closures called from JS)", `${(floor / total).toFixed(3)} ms`],
  ];
  for (const [name, value] of rows) console.log(`${name.padEnd(50)} ${value}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
