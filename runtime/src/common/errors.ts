/**
 * Error classes carry how the caller must react (graph-node `runtime/wasm/src/error.rs`).
 *
 * - `DeterministicError`: the same input always fails the same way (abort, schema
 *   violation, bad argument to a host function, missing mock). The handler or test fails.
 * - `FatalError`: Matchstick's "critical" conditions; the whole test run stops.
 * - `RetryableError`: RPC or database trouble; retried with backoff, never a handler failure.
 * - `PossibleReorgError`: chain data changed while it was read; the block is fetched again.
 */
export class DeterministicError extends Error {
  override name = "DeterministicError";
}

export class FatalError extends Error {
  override name = "FatalError";
}

export class RetryableError extends Error {
  override name = "RetryableError";
}

/** The message with its causes joined by ": ", as graph-node prints an error chain (anyhow). */
export function errorMessage(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error; e !== undefined && e !== null; e = e instanceof Error ? e.cause : undefined) {
    parts.push(e instanceof Error ? e.message : String(e));
  }
  return parts.join(": ");
}

/**
 * The chain moved under the reader: a block, log or receipt no longer matches the hash it was
 * fetched for. The block source re-fetches; if the hash really changed, it reports a reorg.
 */
export class PossibleReorgError extends Error {
  override name = "PossibleReorgError";
}
