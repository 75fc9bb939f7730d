import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createReporter, type Output } from "../src/testing/reporter.ts";
import type { SuiteResult } from "../src/testing/suite.ts";

const ANSI = /\x1b\[/;

function report(color: boolean | undefined): string {
  let text = "";
  const out: Output = { write: (chunk) => void (text += chunk), color };
  const reporter = createReporter(out);
  const observer = reporter.suiteStart("suite");
  const failing = { name: "fails", path: [], passed: false, shouldFail: false, ms: 1, logs: [], error: "boom" };
  observer.test(failing as never, 0);
  reporter.suiteEnd({ name: "suite", tests: [failing], skipped: 0 } as unknown as SuiteResult);
  reporter.finish(5);
  return text;
}

// CI services set CI=true, which picocolors alone takes as a colour terminal; captured output
// must stay plain so it can be matched line by line.
describe("reporter colours", () => {
  test("an output that does not ask for colour gets plain text, whatever the environment says", () => {
    const text = report(undefined);
    assert.doesNotMatch(text, ANSI);
    assert.match(text, /\n {2}𝖷 fails - 1\.000ms\n {4}boom\n/);
    assert.match(text, /\n0 passed, 1 failed, 0 skipped\n$/);
  });

  test("an output that asks for colour gets ANSI escapes", () => {
    assert.match(report(true), ANSI);
  });
});
