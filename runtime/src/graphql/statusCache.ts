/**
 * The indexing status as queries see it, without a read of the status table per request.
 *
 * The rule: a status read is reused while both hold
 * - the store reports no change made through it since the read (`QueryStore.statusVersion`):
 *   when `index` serves while indexing, the indexer commits, reverts and records errors
 *   through the very store object the API reads, so the next request after any of those
 *   reads the status again and sees exactly what was committed;
 * - it is younger than `ttlMs`: a `serve` over a store another process writes has no such
 *   signal, so its head, fatal error and `_meta` may lag the writer by that much (a query
 *   without a block constraint then runs at that slightly older block, which is still a
 *   consistent view of it).
 * Answers that depend on the head being current never rely on the cache: before reporting
 * that a block is not yet indexed, or that nothing is, `resolveBlock` reads the status again
 * (`fresh`), so a block the writer has already committed is never refused.
 */
import type { IndexingStatus, QueryStore } from "../store/query.ts";

/** How long a status read is reused when nothing in this process changed it. */
export const DEFAULT_STATUS_TTL_MS = 500;

export class StatusCache {
  private cached: { status: IndexingStatus; version: number | undefined; at: number } | null = null;
  private inFlight: Promise<IndexingStatus> | null = null;

  constructor(
    private readonly store: QueryStore,
    private readonly ttlMs = DEFAULT_STATUS_TTL_MS,
  ) {}

  /** The cached status, or a new read if it is stale; concurrent callers share one read. */
  get(): Promise<IndexingStatus> {
    const c = this.cached;
    if (c && c.version === this.store.statusVersion && performance.now() - c.at < this.ttlMs) return Promise.resolve(c.status);
    return (this.inFlight ??= this.fresh().finally(() => (this.inFlight = null)));
  }

  /** A read started now (never one already under way, which may predate a commit). */
  async fresh(): Promise<IndexingStatus> {
    // Taken before the read: a change committed while it runs leaves the entry stale.
    const version = this.store.statusVersion;
    const at = performance.now();
    const status = await this.store.status();
    if (!this.cached || this.cached.at <= at) this.cached = { status, version, at };
    return status;
  }
}
