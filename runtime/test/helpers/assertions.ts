import assert from "node:assert/strict";
import { DeterministicError } from "../../src/common/errors.ts";

/** Asserts `fn` throws a DeterministicError with exactly this message (and cause message). */
export function throwsDeterministic(fn: () => unknown, message: string, cause?: string): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof DeterministicError, `expected DeterministicError, got ${String(e)}`);
    assert.equal(e.message, message);
    if (cause !== undefined) {
      assert.ok(e.cause instanceof Error);
      assert.equal(e.cause.message, cause);
    }
    return true;
  });
}
