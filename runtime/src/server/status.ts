/** The `/status` document: where indexing stands, for people and for scripts that wait on it. */
import type { IndexingStatus } from "../store/query.ts";

export interface StatusDocument {
  readonly name: string;
  readonly deployment: string;
  /** Chain head as the indexer last reported it (the indexed block when unknown). */
  readonly head: number | null;
  readonly indexedBlock: { readonly number: number; readonly hash: string | null; readonly timestamp: number | null } | null;
  /** Blocks between the chain head and the indexed block. */
  readonly lag: number | null;
  readonly eventsPerSecond: number | null;
  readonly synced: boolean;
  readonly error: { readonly message: string; readonly block: number } | null;
}

export function buildStatus(s: IndexingStatus): StatusDocument {
  const indexed = s.latestBlock;
  const head = s.chainHeadBlock ?? indexed?.number ?? null;
  const lag = head !== null && indexed ? Math.max(0, head - indexed.number) : null;
  return {
    name: s.name,
    deployment: s.deployment,
    head,
    indexedBlock: indexed ? { number: indexed.number, hash: indexed.hash, timestamp: indexed.timestamp } : null,
    lag,
    eventsPerSecond: s.eventsPerSecond,
    synced: lag === 0,
    error: s.fatalError,
  };
}
