/**
 * Batches the loads of one field across all parents of a level, so a nested field costs one
 * store query per level instead of one per parent (graph-node `graphql/src/store/prefetch.rs`
 * does the same by walking the query level by level). graphql-js calls a field's resolver for
 * every parent before anything it awaits settles; the batch runs on `setImmediate`, after all
 * of them have registered.
 */
export class Batcher {
  private groups = new Map<
    string,
    {
      sources: unknown[];
      waiters: { resolve: (v: unknown) => void; reject: (e: unknown) => void }[];
      run: (sources: unknown[]) => Promise<unknown[]>;
    }
  >();
  private scheduled = false;

  /** Queues `source` under `key`; `run` gets every source of the key and returns results in order. */
  load<S, T>(key: string, source: S, run: (sources: S[]) => Promise<T[]>): Promise<T> {
    let group = this.groups.get(key);
    if (!group) {
      group = { sources: [], waiters: [], run: run as (sources: unknown[]) => Promise<unknown[]> };
      this.groups.set(key, group);
    }
    group.sources.push(source);
    const promise = new Promise<T>((resolve, reject) => {
      group.waiters.push({ resolve: resolve as (v: unknown) => void, reject });
    });
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    return promise;
  }

  private flush(): void {
    this.scheduled = false;
    const groups = [...this.groups.values()];
    this.groups.clear();
    for (const g of groups) {
      g.run(g.sources).then(
        (results) => g.waiters.forEach((w, i) => w.resolve(results[i])),
        (error: unknown) => g.waiters.forEach((w) => w.reject(error)),
      );
    }
  }
}
