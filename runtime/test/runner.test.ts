import assert from "node:assert/strict";
import path from "node:path";
import { before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { runTests, type TestRunSummary } from "../src/testing/runner.ts";
import type { TestOutcome } from "../src/testing/suite.ts";

const project = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures", "project");

let summary: TestRunSummary;
let output = "";
const byName = new Map<string, TestOutcome>();

function outcome(name: string): TestOutcome {
  const found = byName.get(name);
  assert.ok(found, `fixture test "${name}" did not run`);
  return found;
}

function logText(name: string): string {
  return outcome(name).logs.map((l) => l.message).join("\n");
}

// The fixture (fixtures/project/tests/runner.test.ts) names every test "pass: …" or
// "fail: …"; this file checks the runner agrees and reports each failure as Matchstick does.
before(async () => {
  summary = await runTests({
    projectDir: project,
    patterns: [],
    recompile: false,
    wasmFiles: [],
    coverage: false,
    out: { write: (text) => void (output += text) },
  });
  for (const suite of summary.suites) for (const t of suite.tests) byName.set(t.name, t);
});

describe("matchstick runner on the fixture project", () => {
  test("every test named pass passes and every test named fail fails", () => {
    assert.ok(byName.size > 30);
    for (const [name, t] of byName) {
      assert.equal(t.passed, name.startsWith("pass:"), `${name}: ${t.error ?? "passed"}`);
    }
    assert.equal(byName.has("never runs"), false);
  });

  test("the closing line counts passes, failures and skipped tests, and the exit code is 1", () => {
    const passed = [...byName.keys()].filter((n) => n.startsWith("pass:")).length;
    // The test that raised the fatal error fails; the one after it is skipped.
    const failed = [...byName.keys()].filter((n) => !n.startsWith("pass:")).length;
    assert.match(output, new RegExp(`\\n${passed} passed, ${failed} failed, 1 skipped\\n`));
    assert.equal(summary.exitCode, 1);
  });

  test("a fatal error stops only its own file, and says why", () => {
    const fatal = summary.suites.find((s) => s.name === "fatal")!;
    assert.equal(fatal.fatal, "stopping here: critical");
    assert.equal(fatal.skipped, 1);
    assert.deepEqual(fatal.tests.map((t) => [t.name, t.passed]), [["pass: before the fatal error", true], ["fatal: critical log", false]]);
    assert.ok(summary.suites.find((s) => s.name === "runner")!.tests.length > 30);
    assert.match(output, /🆘 stopping here: critical/);
  });

  test("hooks run in Matchstick's order and describe bodies do not touch test state", () => {
    assert.equal(outcome("pass: hooks ran in Matchstick's order").passed, true);
  });

  test("a describe path is kept for every test", () => {
    assert.deepEqual(outcome("pass: second").path, ["hooks", "inner"]);
    assert.deepEqual(outcome("pass: hooks ran in Matchstick's order").path, []);
  });

  test("assert failures log Matchstick's messages and abort with its text", () => {
    const cases: Array<[string, string, string]> = [
      ["fail: fieldEquals value", "(assert.fieldEquals) Expected field 'balance' to equal '2', but was '1' instead.", "assert.fieldEquals Assertion Error"],
      ["fail: fieldEquals with message", "(assert.fieldEquals) balance should be two", "assert.fieldEquals Assertion Error"],
      ["fail: fieldEquals unknown id", "(assert.fieldEquals) No entity with type 'Account' and id 'b' found.", "assert.fieldEquals Assertion Error"],
      ["fail: fieldEquals unknown field", "(assert.fieldEquals) No field named 'nope' on entity with type 'Account' and id 'a' found.", "assert.fieldEquals Assertion Error"],
      ["fail: fieldEquals unknown type", "(assert.fieldEquals) No entities with type 'Payment' found.", "assert.fieldEquals Assertion Error"],
      ["fail: i32Equals", "(assert.equals) Expected value was '1' but actual value was '2'", "assert.i32Equals Assertion Error"],
      ["fail: bigIntEquals", "(assert.equals) Expected value was '1' but actual value was '-2'", "assert.bigIntEquals Assertion Error"],
      ["fail: addressEquals", "(assert.equals) Expected value was '0x00000000000000000000000000000000000000aa' but actual value was '0x00000000000000000000000000000000000000a1'", "assert.addressEquals Assertion Error"],
      ["fail: bytesEquals", "(assert.equals) Expected value was '0x0102' but actual value was '0x03'", "assert.bytesEquals Assertion Error"],
      ["fail: stringEquals", "(assert.equals) Expected value was 'a' but actual value was 'b'", "assert.stringEquals Assertion Error"],
      ["fail: booleanEquals", "(assert.equals) Expected value was 'true' but actual value was 'false'", "assert.booleanEquals Assertion Error"],
      ["fail: arrayEquals", "(assert.equals) Expected value was '[1]' but actual value was '[2]'", "assert.arrayEquals Assertion Error"],
      ["fail: assertTrue", "(assert.equals) Expected value was 'true' but actual value was 'false'", "assert.assertTrue Assertion Error"],
      ["fail: assertNull", "(assert.equals) Expected value was 'true' but actual value was 'false'", "assert.assertNull Assertion Error"],
      ["fail: notInStore", "(assert.notInStore) Value for entity type: 'Account' and id: 'a' was found in store.", "assert.notInStore Assertion Error"],
      ["fail: entityCount", "(assert.equals) Expected value was '3' but actual value was '1'", "assert.entityCount Assertion Error"],
      ["fail: dataSourceCount", "(assert.dataSourceCount) Expected dataSource count for template `Wallet` to be '5' but was '2'", "Assertion Error"],
      ["fail: dataSourceExists", "(assert.dataSourceExists) No dataSource with address '0x01' found for template 'Wallet'", "Assertion Error"],
    ];
    for (const [name, log, thrown] of cases) {
      assert.equal(logText(name), log, name);
      assert.match(outcome(name).error ?? "", new RegExp(`^Mapping aborted at ~lib/matchstick-as/assembly/assert\\.ts, line \\d+, column \\d+, with message: ${thrown}$`), name);
    }
  });

  test("a failure names the test file line that caused it", () => {
    assert.equal(outcome("fail: i32Equals").location, "tests/runner.test.ts:172:25");
    // The mapping line, and the test line that called the mapping.
    assert.equal(outcome("fail: unmocked call").location, "src/mapping.ts:19:14 (from tests/runner.test.ts:108:95)");
    assert.match(output, /fail: i32Equals\n.*\n {2}.*at tests\/runner\.test\.ts:172:25/);
  });

  test("host errors fail only their test, with graph-node or Matchstick text", () => {
    assert.equal(
      outcome("fail: unmocked call").error,
      "Could not find a mocked function with the following parameters, address: 0x00000000000000000000000000000000000000aa, name: balanceOf, signature balanceOf(address):(uint256), params: [Address(0x00000000000000000000000000000000000000b2)].",
    );
    assert.equal(outcome("fail: missing required field").error, "Missing value for non-nullable field 'balance' for an entity of type 'Account'.");
    assert.equal(outcome("fail: removing an entity that does not exist").error, "(store.remove) Entity with type 'Account' and id 'nope' does not exist.");
    assert.equal(outcome("fail: division by zero").error, "attempted to divide BigInt `1` by zero");
  });

  test("traps are reported readably and the run goes on", () => {
    assert.equal(outcome("fail: abort").error, "Mapping aborted at tests/runner.test.ts, line 218, column 5, with message: boom");
    assert.match(outcome("fail: unreachable").error ?? "", /^wasm trap: unreachable in /);
    assert.equal(outcome("fail: out of bounds").error, "Heap access out of bounds. Offset: 4294967280 Size: 4");
    assert.equal(outcome("pass: the run goes on after failures").passed, true);
  });

  test("shouldFail passes when the test fails and is reported when it passes", () => {
    assert.equal(outcome("pass: shouldFail test that fails").passed, true);
    const unexpected = outcome("fail: shouldFail test that passes");
    assert.equal(unexpected.passed, false);
    assert.equal(unexpected.error, "Expected test to fail but it passed successfully!");
  });
});
