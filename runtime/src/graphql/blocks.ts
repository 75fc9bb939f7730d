/**
 * The block a top-level field runs at (graph-node `graphql/src/store/resolver.rs`,
 * `locate_block`): the head, `{number}`, `{hash}` or `{number_gte}`, with graph-node's errors
 * for blocks past the indexed head or before the earliest block.
 */
import type { BlockInfo, IndexingStatus, QueryStore } from "../store/query.ts";
import type { RequestContext } from "./context.ts";
import { QueryError } from "./errors.ts";
import { decodeBytes } from "./values.ts";

/** The resolved block and what `_meta.block` reports for it. */
export interface ResolvedBlock {
  readonly number: number;
  /** The head's hash, the given hash, or null for `{number}`. */
  readonly hash: string | null;
}

/** An error that a newer status may resolve: the block asked for is past the head. */
class NotYetIndexed extends QueryError {}

/** The head, or graph-node's error for a deployment that has not indexed a block yet. */
export function headOf(status: IndexingStatus): BlockInfo {
  if (!status.latestBlock) {
    throw new NotYetIndexed(
      `Subgraph \`${status.deployment}\` has not started syncing yet. Wait for it to ingest a few blocks before querying it`,
    );
  }
  return status.latestBlock;
}

function notYet(status: IndexingStatus, what: string, head: number, n: number): QueryError {
  return new NotYetIndexed(
    `Failed to decode \`${what}\` value: \`subgraph ${status.deployment} has only indexed up to block number ${head} and data for block number ${n} is therefore not yet available\``,
  );
}

function checkNumber(status: IndexingStatus, head: number, n: number): void {
  if (n > head) throw notYet(status, "block.number", head, n);
  if (n < status.earliestBlock) {
    throw new QueryError(
      `Failed to decode \`block.number\` value: \`subgraph ${status.deployment} only has data starting at block number ${status.earliestBlock} and data for block number ${n} is therefore not available\``,
    );
  }
}

/**
 * Resolves a `block: Block_height` argument (absent or null means the head) against the
 * request's status, which may be cached (`StatusCache`); a block past that head is checked
 * again against a fresh read before it is refused, which then becomes the request's status.
 */
export async function resolveBlock(ctx: RequestContext, arg: unknown): Promise<ResolvedBlock> {
  try {
    return await locate(ctx.store, ctx.status, arg);
  } catch (e) {
    if (!(e instanceof NotYetIndexed)) throw e;
    ctx.status = await ctx.freshStatus();
    return locate(ctx.store, ctx.status, arg);
  }
}

async function locate(store: QueryStore, status: IndexingStatus, arg: unknown): Promise<ResolvedBlock> {
  const head = headOf(status);
  if (arg === null || arg === undefined) return { number: head.number, hash: head.hash };
  const b = arg as { hash?: string | null; number?: number | null; number_gte?: number | null };
  if (b.hash !== null && b.hash !== undefined) {
    const found = await store.blockByHash(decodeBytes(b.hash, "block.hash"));
    if (!found) throw new QueryError("Failed to decode `block.hash` value: `no block with that hash found`");
    checkNumber(status, head.number, found.number);
    return { number: found.number, hash: found.hash };
  }
  if (b.number !== null && b.number !== undefined) {
    checkNumber(status, head.number, b.number);
    return { number: b.number, hash: null };
  }
  if (b.number_gte !== null && b.number_gte !== undefined) {
    if (head.number < b.number_gte) throw notYet(status, "block.number_gte", head.number, b.number_gte);
    return { number: head.number, hash: head.hash };
  }
  throw new QueryError("Invalid value provided for argument `block`: Object({})");
}
