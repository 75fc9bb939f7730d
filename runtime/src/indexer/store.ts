/**
 * What the indexer needs from a store: committed entities to read, atomic commits of many
 * blocks, reverts for reorgs, the data sources handlers created, and a status. The SQL store
 * implements the same interface; `createMemoryIndexingStore` keeps everything in memory.
 */
import type { BlockPtr } from "../chain/source.ts";
import type { Entity } from "../common/values.ts";
import { createMemoryEntityStore, type EntityChange, type EntityReader, type MemoryEntityStore } from "../store/entityCache.ts";

/** A data source created by a handler (`Template.create…`), as stored. */
export type StoredDataSource = {
  /** Template name. */
  template: string;
  /** `create` parameters; for Ethereum templates `params[0]` is the contract address. */
  params: string[];
  /** `createWithContext` context, or null. */
  context: Entity | null;
  /** The block whose handler created it; it handles triggers from this block on. */
  createdAt: number;
};

/** One processed block, ready to be written. */
export type BlockCommit = {
  block: { number: number; hash: string; parentHash: string; timestamp: bigint };
  /** The block's writes (`EntityCache.takeBlockChanges`), applied in order. */
  changes: EntityChange[];
  /** Data sources created in the block, in creation order. */
  dataSources: StoredDataSource[];
};

/** `/status` and `_meta` material. */
export type IndexingStatus = {
  health: "healthy" | "failed";
  /** True once the indexer reached the head (or the end of the dataset) without error. */
  synced: boolean;
  /** The deterministic error that stopped indexing, and where. */
  fatalError: { message: string; block: BlockPtr; handler: string | null; dataSource: string | null } | null;
  /** The head of the chain when last seen. */
  chainHead: number | null;
};

/**
 * Thrown by a store's reader when an answer needs committed data it does not hold in memory.
 * Handlers run synchronously and the database answers asynchronously, so the indexer discards
 * the handler's work, awaits `load`, and runs the handler again (as it does for eth_calls).
 */
export class StoreMiss extends Error {
  constructor(readonly load: () => Promise<void>) {
    super("committed entities needed");
  }
}

export interface IndexingStore {
  /** Committed entities. Reads are synchronous (handlers are); a reader may throw `StoreMiss`. */
  readonly reader: EntityReader;
  /**
   * Loads what `reader.get` will be asked for these entities, so the end of a block (which
   * reads the committed version of every entity it writes) needs no retry.
   */
  prefetch?(keys: ReadonlyArray<{ type: string; id: string }>): Promise<void>;
  /** The last committed block (the cursor), or null before the first commit. */
  latestBlock(): Promise<BlockPtr | null>;
  /** The last `count` committed blocks with hashes, oldest first: where a reorg may end. */
  recentBlocks(count: number): Promise<BlockPtr[]>;
  /**
   * Writes the blocks, in order, and moves the cursor to `cursor` (by default the last block),
   * in one transaction: after a crash either all of it is there or none. A store may write in
   * the background and return first, so handlers run while the database writes; `reader`
   * must then already answer with the batch, and every other method waits for the write (and
   * throws its error, if it failed).
   */
  commitBlocks(batch: BlockCommit[], cursor?: BlockPtr): Promise<void>;
  /** Waits for a background write to end; throws its error, if it failed. */
  settle?(): Promise<void>;
  /**
   * Indexing reached the chain head (or the dataset's end) for the first time in this run: the
   * moment to build what was put off while catching up. Returns what it did, for the log.
   */
  caughtUp?(): Promise<string | null>;
  /** Undoes every block after `blockNumber` (entities and data sources) and sets the cursor to it. */
  revertTo(block: BlockPtr): Promise<void>;
  /** Data sources created by handlers, in creation order. */
  loadDynamicDataSources(): Promise<StoredDataSource[]>;
  saveStatus(status: IndexingStatus): Promise<void>;
  loadStatus(): Promise<IndexingStatus | null>;
}

export interface MemoryIndexingStore extends IndexingStore {
  readonly entities: MemoryEntityStore;
  /** Number of `commitBlocks` calls, for tests of batching. */
  readonly commits: number;
}

type Undo = { number: number; hash: string; before: Array<{ type: string; id: string; entity: Entity | null }> };

/** An `IndexingStore` in memory, keeping enough history to revert `historyBlocks` blocks. */
export function createMemoryIndexingStore(options: { historyBlocks?: number } = {}): MemoryIndexingStore {
  const entities = createMemoryEntityStore();
  const keep = options.historyBlocks ?? 1000;
  let cursor: BlockPtr | null = null;
  let history: Undo[] = [];
  let dataSources: StoredDataSource[] = [];
  let status: IndexingStatus | null = null;
  let commits = 0;
  return {
    entities,
    reader: entities,
    get commits() {
      return commits;
    },
    async latestBlock() {
      return cursor;
    },
    async recentBlocks(count) {
      return history.slice(-count).map((u) => ({ number: u.number, hash: u.hash }));
    },
    async commitBlocks(batch, to) {
      for (const { block, changes, dataSources: created } of batch) {
        const before = changes.map((c) => ({ type: c.type, id: c.id, entity: entities.get(c.type, c.id) }));
        entities.apply(changes);
        dataSources.push(...created);
        history.push({ number: block.number, hash: block.hash, before });
      }
      if (history.length > keep) history = history.slice(-keep);
      const last = batch.at(-1)?.block;
      cursor = to ?? (last ? { number: last.number, hash: last.hash } : cursor);
      commits++;
    },
    async revertTo(block) {
      while (history.length > 0 && history.at(-1)!.number > block.number) {
        const undo = history.pop()!;
        for (const { type, id, entity } of undo.before.reverse()) {
          if (entity === null) entities.apply([{ op: "remove", type, id, entity: null }]);
          else entities.put(type, id, entity);
        }
      }
      dataSources = dataSources.filter((ds) => ds.createdAt <= block.number);
      cursor = block;
    },
    async loadDynamicDataSources() {
      return [...dataSources];
    },
    async saveStatus(next) {
      status = next;
    },
    async loadStatus() {
      return status;
    },
  };
}
