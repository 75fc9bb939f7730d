/**
 * The indexer's store on the versioned SQL store (PGlite or PostgreSQL).
 *
 * Handlers read synchronously, the database answers asynchronously. The reader therefore keeps
 * the current versions it has seen in memory, bounded, and throws `StoreMiss` for what it lacks;
 * the indexer loads it and runs the handler again. A deployment indexed from an empty store has
 * seen every write, so until the cache first evicts an entry of a type, an id it does not know
 * is known to be absent and costs nothing. Immutable entities are remembered by id only: they
 * are written often and read rarely.
 */
import type { BlockPtr } from "../chain/source.ts";
import type { Entity } from "../common/values.ts";
import type { EntityChange, EntityReader } from "../store/entityCache.ts";
import type { BlockWrite, SqlStore } from "../store/sql/store.ts";
import { contextFromJson, contextToJson } from "./contextJson.ts";
import { StoreMiss, type BlockCommit, type IndexingStatus, type IndexingStore, type StoredDataSource } from "./store.ts";

/** Stands for an immutable entity known to exist whose attributes are not held. */
const EXISTS = Symbol("exists");
type Cached = Entity | null | typeof EXISTS;

/**
 * Ids of immutable entities known to exist, kept apart from the entities: a subgraph writes one
 * or more event entities per event, and in the same LRU they would push out the entities
 * handlers read all the time (and make every type partial) within a few hundred thousand events.
 */
const IMMUTABLE_IDS = 5_000_000;

export type SqlIndexingStoreOptions = {
  /** Entities (or known-absent ids) kept in memory; the oldest are dropped beyond it. */
  cacheSize?: number;
  /**
   * On PGlite, which has no autovacuum, vacuum the tables after this many entity versions were
   * written (default 1,000,000), so queries during a long run do not wade through dead rows.
   */
  vacuumEvery?: number;
};

function cacheKey(type: string, id: string): string {
  return `${type}\u0000${id}`;
}

/** Current versions in memory, least recently used first, with `StoreMiss` for the rest. */
export class CachedEntityReader implements EntityReader {
  private readonly entries = new Map<string, Cached>();
  /** Types whose absence from `entries` says nothing: the store may hold such an entity. */
  private readonly partial = new Set<string>();
  /** Per immutable type, ids known to exist (see `IMMUTABLE_IDS`). */
  private readonly existing = new Map<string, Set<string>>();
  private existingCount = 0;
  /** `findRelated` answers from the committed store; valid until the next commit. */
  private readonly related = new Map<string, Entity[]>();
  /** Cache lookups answered without the database, and loads it needed. */
  readonly stats = { hits: 0, loads: 0 };

  constructor(
    private readonly store: SqlStore,
    private readonly capacity: number,
    complete: boolean,
    /** Waits for a write in progress, so what is read from the database includes it. */
    private readonly settle: () => Promise<void> = async () => {},
  ) {
    if (!complete) this.forgetAll();
  }

  get(type: string, id: string): Entity | null {
    const key = cacheKey(type, id);
    const cached = this.lookup(type, id, key);
    if (cached !== undefined && cached !== EXISTS) {
      this.touch(key, cached);
      this.stats.hits++;
      return cached;
    }
    if (cached === undefined && !this.partial.has(type)) {
      this.stats.hits++;
      return null;
    }
    throw new StoreMiss(() => this.load(type, [id]));
  }

  findRelated(type: string, field: string, id: string): Entity[] {
    const key = `${type}\u0000${field}\u0000${id}`;
    const found = this.related.get(key);
    if (found) return found;
    throw new StoreMiss(async () => {
      this.stats.loads++;
      await this.settle();
      this.related.set(key, await this.store.loadReferencing(type, field, id));
    });
  }

  /** Loads the current versions of `ids` (absent ones are remembered as absent). */
  async load(type: string, ids: readonly string[]): Promise<void> {
    this.stats.loads++;
    await this.settle();
    const found = await this.store.loadCurrent(type, ids);
    for (const id of ids) this.remember(type, id, found.get(id) ?? null);
  }

  /** Loads, in one query per type, every key a `get` could not answer from memory. */
  async prefetch(keys: ReadonlyArray<{ type: string; id: string }>): Promise<void> {
    const missing = new Map<string, string[]>();
    for (const { type, id } of keys) {
      const cached = this.lookup(type, id, cacheKey(type, id));
      if (cached === EXISTS || (cached === undefined && this.partial.has(type))) {
        let list = missing.get(type);
        if (!list) missing.set(type, (list = []));
        list.push(id);
      }
    }
    for (const [type, ids] of missing) await this.load(type, ids);
  }

  /** Applies committed changes, so memory stays equal to the store. */
  applyCommitted(changes: readonly EntityChange[]): void {
    for (const c of changes) {
      const immutable = this.store.layout.tables.get(c.type)?.immutable === true;
      this.remember(c.type, c.id, c.op === "remove" ? null : immutable ? EXISTS : c.entity);
    }
    this.related.clear();
  }

  /** After a revert nothing held can be trusted. */
  forgetAll(): void {
    this.entries.clear();
    this.existing.clear();
    this.existingCount = 0;
    this.related.clear();
    for (const type of this.store.layout.tables.keys()) this.partial.add(type);
  }

  get size(): number {
    return this.entries.size;
  }

  private lookup(type: string, id: string, key: string): Cached | undefined {
    const cached = this.entries.get(key);
    if (cached === undefined && this.existing.get(type)?.has(id)) return EXISTS;
    return cached;
  }

  private remember(type: string, id: string, value: Cached): void {
    const key = cacheKey(type, id);
    if (value === EXISTS) {
      this.entries.delete(key);
      this.rememberExisting(type, id);
      return;
    }
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.evict();
  }

  private touch(key: string, value: Cached): void {
    this.entries.delete(key);
    this.entries.set(key, value);
  }

  /** Beyond `IMMUTABLE_IDS`, all are forgotten and those types become partial. */
  private rememberExisting(type: string, id: string): void {
    let ids = this.existing.get(type);
    if (!ids) this.existing.set(type, (ids = new Set()));
    if (ids.has(id)) return;
    ids.add(id);
    if (++this.existingCount <= IMMUTABLE_IDS) return;
    for (const t of this.existing.keys()) this.partial.add(t);
    this.existing.clear();
    this.existingCount = 0;
  }

  /** Drops the oldest tenth; their types can no longer answer "absent" from memory. */
  private evict(): void {
    let drop = Math.max(1, Math.floor(this.capacity / 10));
    for (const key of this.entries.keys()) {
      if (drop-- === 0) break;
      this.entries.delete(key);
      this.partial.add(key.slice(0, key.indexOf("\u0000")));
    }
  }
}

export type SqlIndexingStore = IndexingStore & {
  readonly store: SqlStore;
  readonly reader: CachedEntityReader;
  /** Vacuums now if versions were written since the last vacuum (PGlite only; PostgreSQL autovacuums). */
  vacuum(): Promise<void>;
};

/** Wraps an open deployment for the indexer. */
export async function createSqlIndexingStore(store: SqlStore, options: SqlIndexingStoreOptions = {}): Promise<SqlIndexingStore> {
  const status = await store.status();
  // The database writes a batch while handlers run on the next one (PostgreSQL works in its
  // own process; PGlite shares this thread, so there it only reorders the same work). The
  // reader has the batch in memory at once; anything that reads the database waits for it.
  let writing: Promise<void> | null = null;
  const settle = async () => {
    const write = writing;
    if (write === null) return;
    try {
      await write;
    } finally {
      if (writing === write) writing = null;
    }
  };
  const reader = new CachedEntityReader(store, options.cacheSize ?? 500_000, status.latestBlock === null, settle);
  const vacuumEvery = options.vacuumEvery ?? 1_000_000;
  let unvacuumed = 0;
  const vacuum = async () => {
    if (store.driver.kind !== "pglite" || unvacuumed === 0) return;
    unvacuumed = 0;
    await store.vacuum();
  };
  return {
    store,
    reader,
    settle,
    async vacuum() {
      await settle();
      await vacuum();
    },
    prefetch: (keys) => reader.prefetch(keys),
    async latestBlock() {
      await settle();
      const latest = (await store.status()).latestBlock;
      return latest ? { number: latest.number, hash: latest.hash } : null;
    },
    async recentBlocks(count) {
      await settle();
      return store.recentBlocks(count);
    },
    async commitBlocks(batch: BlockCommit[], cursor?: BlockPtr) {
      await settle();
      const writes: BlockWrite[] = batch.map(({ block, changes, dataSources }) => ({
        number: block.number,
        hash: block.hash,
        parentHash: block.parentHash,
        timestamp: block.timestamp,
        changes,
        dataSources: dataSources.map((ds) => ({ template: ds.template, params: ds.params, context: contextToJson(ds.context) })),
      }));
      // The cursor may be past the last block with triggers; it is recorded as an empty block.
      const last = batch.at(-1)?.block.number ?? -1;
      if (cursor && cursor.number > last) writes.push({ number: cursor.number, hash: cursor.hash, changes: [] });
      for (const { changes } of batch) {
        reader.applyCommitted(changes);
        unvacuumed += changes.length;
      }
      const write = store.writeBlocks(writes).then(() => (unvacuumed >= vacuumEvery ? vacuum() : undefined));
      // Its error reaches whoever settles it next; until then it is not unhandled.
      write.catch(() => {});
      writing = write;
    },
    async caughtUp() {
      await settle();
      const started = performance.now();
      const count = await store.createAttributeIndexes();
      if (count === 0) return null;
      return `created ${count} attribute indexes put off while catching up, in ${((performance.now() - started) / 1000).toFixed(1)} s`;
    },
    async revertTo(block: BlockPtr) {
      await settle();
      await store.revert(block.number);
      reader.forgetAll();
    },
    async loadDynamicDataSources(): Promise<StoredDataSource[]> {
      await settle();
      return (await store.dynamicDataSources()).map((row) => ({
        template: row.template,
        params: [...row.params],
        context: contextFromJson(row.context),
        createdAt: row.block,
      }));
    },
    async saveStatus(status: IndexingStatus) {
      await settle();
      const e = status.fatalError;
      await store.setIndexingState({
        synced: status.synced,
        chainHeadBlock: status.chainHead,
        fatalError: e ? { message: e.message, block: e.block.number, handler: e.handler, dataSource: e.dataSource } : null,
      });
    },
    async loadStatus(): Promise<IndexingStatus | null> {
      await settle();
      const s = await store.status();
      const e = s.fatalError;
      return {
        health: e ? "failed" : "healthy",
        synced: s.synced === true,
        fatalError: e ? { message: e.message, block: { number: e.block, hash: null }, handler: e.handler ?? null, dataSource: e.dataSource ?? null } : null,
        chainHead: s.chainHeadBlock,
      };
    },
  };
}
