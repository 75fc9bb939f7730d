/**
 * The indexing loop: blocks from a `BlockSource`, triggers matched against the data sources
 * and run through the mappings in graph-node's order, block changes batched into the store.
 *
 * Per block (graph-node `core/src/subgraph/runner.rs`, `process_block`):
 * 1. `once` block handlers, then event handlers by (transaction index, log index), then the
 *    other block handlers; for each trigger the data sources in order (manifest order, then
 *    template instances in creation order).
 * 2. Data sources created by those handlers are then run on the same block: graph-node fetches
 *    the block's triggers again with a filter for only the new data sources and processes
 *    them, repeating while handlers keep creating data sources. So a template instance sees
 *    even the logs of its block that precede the log that created it.
 * 3. Every handler runs in a fresh WebAssembly instance. A handler failure fails the block:
 *    nothing of it is written, indexing stops and the error goes into the status.
 */
import type { SmartContractCall } from "../asc/values.ts";
import { TriggerWriter } from "../asc/triggers.ts";
import type { BlockSource, BlockPtr, ChainBlock, ChainLog, ChainRequest, TriggerFilter } from "../chain/source.ts";
import type { EventData } from "../chain/types.ts";
import { DeterministicError, errorMessage, PossibleReorgError, RetryableError } from "../common/errors.ts";
import { fromHex, toHex } from "../common/signedBytes.ts";
import type { Entity, EthValue } from "../common/values.ts";
import { bigDecimalFromReadParts } from "../host/bigDecimal.ts";
import { AbiError, decodeEventLog, decodeFunctionResult, encodeFunctionCall } from "../host/ethereum.ts";
import { createHostImports } from "../host/imports.ts";
import type { BlockHandler, EventHandler, Manifest } from "../manifest/manifest.ts";
import { createMappingHostContext, type ChainReader } from "../mapping/hostContext.ts";
import { instantiateMapping } from "../mapping/instance.ts";
import { ReusableMapping } from "../mapping/reusable.ts";
import type { SchemaModel } from "../schema/model.ts";
import { EntityCache, type EntityChange } from "../store/entityCache.ts";
import {
  blockHandlerFires,
  buildFilter,
  checkSupported,
  isActive,
  isStartHandler,
  staticDataSources,
  templateInstance,
  type RunningDataSource,
} from "./dataSources.ts";
import { PendingReader } from "./pending.ts";
import { StoreMiss, type BlockCommit, type IndexingStatus, type IndexingStore, type StoredDataSource } from "./store.ts";

/** Progress of a run, reported about once a `progressIntervalMs` and at the end. */
export type IndexingProgress = {
  /** Last processed block. */
  block: number;
  /** Chain head or last block of the dataset, if known. */
  head: number | null;
  /** Blocks advanced and event triggers handled since the run started. */
  blocks: number;
  events: number;
  /** Entity versions (inserts, updates, removals) written since the run started. */
  entityVersions: number;
  blocksPerSecond: number;
  eventsPerSecond: number;
  /** Seconds to reach `head` at the current block rate; null when unknown. */
  etaSeconds: number | null;
  elapsedMs: number;
};

export type IndexerOptions = {
  manifest: Manifest;
  schema: SchemaModel;
  store: IndexingStore;
  source: BlockSource;
  /**
   * The mapping module of a `mapping.file`; asked once per file. Given as bytes, one instance
   * serves every handler, reset in between (`ReusableMapping`); a compiled module is
   * instantiated afresh for each handler.
   */
  loadModule(file: string): WebAssembly.Module | Uint8Array;
  /** First block when the store is empty (default: the manifest's lowest startBlock). */
  from?: number;
  /** Stop after this block. */
  to?: number;
  /** Write when this many blocks or entity changes are pending, or this much time passed. */
  batch?: { blocks?: number; changes?: number; ms?: number };
  onProgress?(progress: IndexingProgress): void;
  /**
   * After each handler that succeeded: how long its last run took and how many entities it
   * wrote (sets and removes of distinct entities), for profiles of a subgraph's handlers.
   */
  onHandler?(run: { dataSource: string; handler: string; block: number; ms: number; writes: number }): void;
  progressIntervalMs?: number;
  /** Handler logs (graph-ts `log.*`), and the indexer's own notes. */
  log?(level: number, message: string, where: { dataSource?: string; handler?: string; block?: number }): void;
  signal?: AbortSignal;
};

export type IndexingResult = {
  outcome: "done" | "failed" | "aborted";
  latestBlock: BlockPtr | null;
  /** The deterministic error that stopped indexing. */
  error?: IndexingStatus["fatalError"];
};

/** A contract read that is not known yet: fetch it, then run the handler again. */
class NeedChainData extends Error {
  constructor(readonly request: ChainRequest) {
    super("chain data needed");
  }
}

/** A handler failure, with where it happened. */
class HandlerFailure extends Error {
  constructor(
    readonly original: unknown,
    readonly dataSource: string,
    readonly handler: string,
  ) {
    super(errorMessage(original));
  }
}

type Trigger =
  | { kind: "block"; ds: RunningDataSource; handler: BlockHandler }
  | { kind: "log"; ds: RunningDataSource; handler: EventHandler; log: ChainLog };

const LOG_LEVEL_WARNING = 2;
const LOG_LEVEL_INFO = 3;

export class Indexer {
  private readonly options: IndexerOptions;
  private readonly manifest: Manifest;
  private readonly store: IndexingStore;
  private readonly source: BlockSource;
  private readonly modules = new Map<string, WebAssembly.Module>();
  private readonly pending: PendingReader;
  private readonly cache: EntityCache;
  private dataSources: RunningDataSource[] = [];
  private filter!: TriggerFilter;
  private batch: BlockCommit[] = [];
  private lastFlush = performance.now();
  private cursor: BlockPtr | null = null;
  private committed: BlockPtr | null = null;
  private head: number | null = null;
  private isCaughtUp = false;
  private stats = {
    started: performance.now(),
    blocks: 0,
    events: 0,
    entityVersions: 0,
    lastReport: 0,
    /**
     * Time and block number where the ETA's rate is measured from, and the sample that replaces
     * it once that is ETA_WINDOW_MS old: the window slides, between one and two windows long.
     */
    rateFrom: null as { at: number; number: number } | null,
    rateNext: null as { at: number; number: number } | null,
  };

  constructor(options: IndexerOptions) {
    this.options = options;
    this.manifest = options.manifest;
    this.store = options.store;
    this.source = options.source;
    this.pending = new PendingReader(options.store.reader);
    const apiVersion = options.manifest.dataSources[0]?.mapping.apiVersion ?? options.manifest.templates[0]?.mapping.apiVersion ?? "0.0.9";
    this.cache = new EntityCache(options.schema, this.pending, { apiVersion });
  }

  /** Indexes until the source ends, `to` is reached, a handler fails, or the signal aborts. */
  async run(): Promise<IndexingResult> {
    checkSupported(this.manifest);
    await this.loadDataSources();
    this.cursor = await this.store.latestBlock();
    this.committed = this.cursor;
    const from = this.cursor ? this.cursor.number + 1 : (this.options.from ?? minStartBlock(this.manifest));
    this.head = await this.source.head();
    await this.store.saveStatus({ health: "healthy", synced: false, fatalError: null, chainHead: this.head });
    const recent = this.cursor ? await this.store.recentBlocks(1000) : [];
    const signal = this.options.signal;
    try {
      if (this.options.to !== undefined && from > this.options.to) return await this.finish("done");
      const events = this.source.stream({ from, to: this.options.to, parent: this.cursor, recent, filter: this.filter, signal });
      for await (const event of events) {
        if (signal?.aborted) return await this.finish("aborted");
        if (event.kind === "block") {
          const failure = await this.handleBlock(event.block);
          if (failure) return failure;
        } else if (event.kind === "progress") {
          if (!this.cursor || event.cursor.number > this.cursor.number) {
            this.stats.blocks += event.cursor.number - (this.cursor?.number ?? event.cursor.number);
            this.cursor = event.cursor;
          }
          await this.flush();
          if (this.head !== null && this.cursor.number >= this.head) await this.noteCaughtUp();
          this.report(false);
        } else {
          await this.flush();
          this.note(LOG_LEVEL_INFO, `reorg: reverting to block ${event.ancestor.number}`, event.ancestor.number);
          await this.store.revertTo(event.ancestor);
          this.cursor = this.committed = event.ancestor;
          await this.loadDataSources();
        }
        if (this.options.to !== undefined && this.cursor && this.cursor.number >= this.options.to) break;
      }
      if (signal?.aborted) return await this.finish("aborted");
      return await this.finish("done");
    } catch (error) {
      if (signal?.aborted && (error as Error)?.name === "AbortError") return await this.finish("aborted");
      // A batch may still be writing; it must end before the caller closes the store. Its own
      // failure, if any, matters less than the error that stopped indexing.
      await this.store.settle?.().catch(() => {});
      throw error;
    }
  }

  private async handleBlock(block: ChainBlock): Promise<IndexingResult | null> {
    let result: { changes: EntityChange[]; created: StoredDataSource[] };
    try {
      result = await this.processBlock(block);
    } catch (error) {
      if (error instanceof RetryableError || error instanceof PossibleReorgError) throw error;
      const failure = error instanceof HandlerFailure ? error : null;
      const fatalError = {
        message: errorMessage(failure ? failure.original : error),
        block: { number: block.number, hash: block.hash },
        handler: failure?.handler ?? null,
        dataSource: failure?.dataSource ?? null,
      };
      await this.flush();
      await this.store.saveStatus({ health: "failed", synced: false, fatalError, chainHead: this.head });
      this.report(true);
      return { outcome: "failed", latestBlock: this.cursor, error: fatalError };
    }
    this.batch.push({
      block: { number: block.number, hash: block.hash, parentHash: block.parentHash, timestamp: block.timestamp },
      changes: result.changes,
      dataSources: result.created,
    });
    this.pending.apply(result.changes);
    this.stats.blocks += this.cursor ? block.number - this.cursor.number : 1;
    this.stats.entityVersions += result.changes.length;
    this.cursor = { number: block.number, hash: block.hash };
    if (this.batchFull()) await this.flush();
    if (this.head !== null && block.number >= this.head) await this.noteCaughtUp();
    this.report(false);
    return null;
  }

  private batchFull(): boolean {
    const limits = this.options.batch ?? {};
    return (
      this.batch.length >= (limits.blocks ?? 2000) ||
      this.pending.changeCount >= (limits.changes ?? 50_000) ||
      performance.now() - this.lastFlush >= (limits.ms ?? 2000)
    );
  }

  private async flush(): Promise<void> {
    const cursor = this.cursor;
    if (cursor === null || (this.batch.length === 0 && cursor.number === this.committed?.number)) return;
    const batch = this.batch;
    this.batch = [];
    await this.store.commitBlocks(batch, cursor);
    this.committed = cursor;
    this.pending.clear();
    this.lastFlush = performance.now();
  }

  /** Once per run, when the cursor first reaches the head known at the start (or the end). */
  private async noteCaughtUp(): Promise<void> {
    if (this.isCaughtUp || !this.store.caughtUp) return;
    this.isCaughtUp = true;
    await this.flush();
    const done = await this.store.caughtUp();
    if (done) this.note(LOG_LEVEL_INFO, done, this.cursor?.number);
  }

  private async finish(outcome: "done" | "aborted"): Promise<IndexingResult> {
    if (outcome === "done") await this.noteCaughtUp();
    await this.flush();
    await this.store.saveStatus({ health: "healthy", synced: outcome === "done", fatalError: null, chainHead: this.head });
    this.report(true);
    return { outcome, latestBlock: this.cursor };
  }

  private async loadDataSources(): Promise<void> {
    this.dataSources = staticDataSources(this.manifest);
    for (const stored of await this.store.loadDynamicDataSources()) {
      this.dataSources.push(templateInstance(this.manifest, stored));
    }
    this.rebuildFilter();
  }

  private rebuildFilter(): void {
    const next = buildFilter(this.dataSources, this.manifest.templates, (this.filter?.version ?? 0) + 1);
    if (!this.filter) this.filter = next;
    else Object.assign(this.filter, next);
  }

  // --- one block -----------------------------------------------------------------------------

  private async processBlock(block: ChainBlock): Promise<{ changes: EntityChange[]; created: StoredDataSource[] }> {
    this.cache.startBlock({ number: block.number, timestamp: block.timestamp });
    const allCreated: StoredDataSource[] = [];
    const before = this.dataSources.length;
    try {
      let created = await this.runTriggers(block, this.dataSources);
      while (created.length > 0) {
        allCreated.push(...created);
        const fresh = created.map((stored) => templateInstance(this.manifest, stored));
        this.dataSources.push(...fresh);
        this.rebuildFilter();
        const refetched = await this.source.refetch(block, buildFilter(fresh, [], 0));
        created = await this.runTriggers(refetched, fresh);
      }
      // The block's writes are compared with their committed versions; load those in one go.
      await this.store.prefetch?.(this.cache.unreadKeys());
    } catch (error) {
      this.cache.discardBlock();
      if (this.dataSources.length > before) {
        this.dataSources.length = before;
        this.rebuildFilter();
      }
      throw error;
    }
    return { changes: this.cache.takeBlockChanges(), created: allCreated };
  }

  /** Runs the block's triggers for `dataSources`; returns the data sources the handlers created. */
  private async runTriggers(block: ChainBlock, dataSources: RunningDataSource[]): Promise<StoredDataSource[]> {
    const created: StoredDataSource[] = [];
    const n = block.number;
    const active = dataSources.filter((ds) => isActive(ds, n));
    if (active.length === 0) return created;
    const blockTriggers = (start: boolean) =>
      active.flatMap((ds) =>
        ds.spec.mapping.blockHandlers
          .filter((h) => isStartHandler(h) === start && blockHandlerFires(ds, h, n))
          .map((handler): Trigger => ({ kind: "block", ds, handler })),
      );
    for (const trigger of blockTriggers(true)) await this.runTrigger(block, trigger, created);
    for (const log of block.logs) {
      const topic0 = log.topics[0];
      if (topic0 === undefined) continue;
      let matched = false;
      for (const ds of active) {
        if (ds.address !== null && ds.address !== log.address) continue;
        for (const handler of ds.handlersByTopic0.get(topic0) ?? []) {
          matched = true;
          await this.runTrigger(block, { kind: "log", ds, handler, log }, created);
        }
      }
      if (matched) this.stats.events++;
    }
    for (const trigger of blockTriggers(false)) await this.runTrigger(block, trigger, created);
    return created;
  }

  private async runTrigger(block: ChainBlock, trigger: Trigger, created: StoredDataSource[]): Promise<void> {
    let event: EventData | null = null;
    if (trigger.kind === "log") {
      event = this.eventData(block, trigger.log, trigger.handler, trigger.ds);
      if (event === null) return;
    }
    const module = this.module(trigger.ds.spec.mapping.file);
    for (;;) {
      const mine: StoredDataSource[] = [];
      this.cache.beginHandler();
      try {
        const started = this.options.onHandler ? performance.now() : 0;
        this.runHandler(module, block, trigger, event, mine);
        const writes = this.cache.commitHandler();
        created.push(...mine);
        this.options.onHandler?.({
          dataSource: trigger.ds.spec.name,
          handler: trigger.handler.handler,
          block: block.number,
          ms: performance.now() - started,
          writes,
        });
        return;
      } catch (error) {
        this.cache.discardHandler();
        if (error instanceof NeedChainData) {
          // Handlers run synchronously; the read is fetched and the handler runs again.
          await this.source.calls.fetch(block, [error.request]);
          continue;
        }
        if (error instanceof StoreMiss) {
          await error.load();
          continue;
        }
        if (error instanceof RetryableError || error instanceof PossibleReorgError) throw error;
        throw new HandlerFailure(error, trigger.ds.spec.name, trigger.handler.handler);
      }
    }
  }

  private runHandler(
    module: WebAssembly.Module | ReusableMapping,
    block: ChainBlock,
    trigger: Trigger,
    event: EventData | null,
    created: StoredDataSource[],
  ): void {
    const ds = trigger.ds;
    const apiVersion = ds.spec.mapping.apiVersion;
    const ctx = createMappingHostContext({
      apiVersion,
      store: this.cache,
      dataSource: ds.info,
      chain: this.chainReader(block, ds),
      onCreateDataSource: (template: string, params: string[], context: Entity | null) => {
        created.push({ template, params, context, createdAt: block.number });
      },
      log: (level, message) =>
        this.options.log?.(level, message, { dataSource: ds.spec.name, handler: trigger.handler.handler, block: block.number }),
    });
    const instance =
      module instanceof ReusableMapping
        ? module.prepare(ctx)
        : instantiateMapping(module, (binding) => createHostImports(binding, ctx), bigDecimalFromReadParts);
    const writer = new TriggerWriter(instance.values, apiVersion);
    const argument = event ? writer.event(event) : writer.block(block.header);
    instance.callExport(trigger.handler.handler, argument);
  }

  private module(file: string): WebAssembly.Module | ReusableMapping {
    let module = this.modules.get(file);
    if (!module) {
      const loaded = this.options.loadModule(file);
      module = loaded instanceof Uint8Array ? ReusableMapping.compile(loaded) : loaded;
      this.modules.set(file, module);
    }
    return module;
  }

  private eventData(block: ChainBlock, log: ChainLog, handler: EventHandler, ds: RunningDataSource): EventData | null {
    let params;
    try {
      params = decodeEventLog(handler.abiEvent, log.topics.map(fromHex), fromHex(log.data));
    } catch (error) {
      // graph-node skips a log its handler's event cannot decode (e.g. other indexed flags).
      if (error instanceof AbiError) {
        this.note(LOG_LEVEL_WARNING, `${ds.spec.name}: skipping log ${log.logIndex} for ${handler.handler}: ${error.message}`, block.number);
        return null;
      }
      throw error;
    }
    const transaction = block.transactions.get(log.transactionHash);
    if (!transaction) {
      throw new PossibleReorgError(`block ${block.number} ${block.hash} lacks transaction ${log.transactionHash} of log ${log.logIndex}`);
    }
    let receipt = null;
    if (handler.receipt) {
      receipt = block.receipts.get(log.transactionHash) ?? null;
      if (!receipt) throw new PossibleReorgError(`no receipt for transaction ${log.transactionHash} in block ${block.number}`);
    }
    return {
      address: fromHex(log.address),
      logIndex: BigInt(log.logIndex),
      transactionLogIndex: BigInt(log.logIndex),
      logType: null,
      block: block.header,
      transaction,
      params,
      receipt,
    };
  }

  /** ethereum.call/getBalance/hasCode at the trigger's block. */
  private chainReader(block: ChainBlock, ds: RunningDataSource): ChainReader {
    const ask = (request: ChainRequest) => {
      const answer = this.source.calls.lookup(block, request);
      if (answer === undefined) throw new NeedChainData(request);
      return answer;
    };
    return {
      call: (call: SmartContractCall): EthValue[] | null => {
        const signature = call.functionSignature ?? this.signatureFromAbi(ds, call);
        const data = toHex(encodeFunctionCall(signature, call.functionParams));
        const answer = ask({ kind: "call", to: toHex(call.contractAddress), data });
        if ("reverted" in answer) return null;
        try {
          return decodeFunctionResult(signature, fromHex(answer.value));
        } catch (error) {
          // graph-node treats output it cannot decode (including an empty `0x`) as a revert.
          if (error instanceof AbiError) return null;
          throw error;
        }
      },
      getBalance: (address) => {
        const answer = ask({ kind: "balance", address: toHex(address) });
        return "reverted" in answer ? 0n : BigInt(answer.value);
      },
      hasCode: (address) => {
        const answer = ask({ kind: "code", address: toHex(address) });
        return !("reverted" in answer) && answer.value !== "0x";
      },
    };
  }

  /** Calls from apiVersion < 0.0.4 name only the function; the signature comes from the ABI. */
  private signatureFromAbi(ds: RunningDataSource, call: SmartContractCall): string {
    const abi = ds.spec.mapping.abis.find((a) => a.name === call.contractName)?.abi ?? [];
    const fn = abi.find((item) => item.type === "function" && item.name === call.functionName);
    if (!fn || fn.type !== "function") {
      throw new DeterministicError(`Unknown function \"${call.contractName}::${call.functionName}\" called from WASM runtime`);
    }
    const types = (list: readonly { type: string }[]) => list.map((p) => p.type).join(",");
    return `${fn.name}(${types(fn.inputs)}):(${types(fn.outputs)})`;
  }

  private note(level: number, message: string, block?: number): void {
    this.options.log?.(level, message, { block });
  }

  private report(final: boolean): void {
    const onProgress = this.options.onProgress;
    if (!onProgress || !this.cursor) return;
    const now = performance.now();
    if (!final && now - this.stats.lastReport < (this.options.progressIntervalMs ?? 1000)) return;
    this.stats.lastReport = now;
    const elapsedMs = now - this.stats.started;
    const seconds = Math.max(elapsedMs / 1000, 1e-3);
    const blocksPerSecond = this.stats.blocks / seconds;
    const head = this.head !== null && this.head < this.cursor.number ? this.cursor.number : this.head;
    // The first blocks include compiling and warming up: an ETA from them is hours off. The
    // rate behind it is measured over the last ETA_WINDOW_MS or more, in block numbers (the
    // unit of the distance to the head; a dataset skips most numbers).
    const sample = { at: now, number: this.cursor.number };
    const stats = this.stats;
    if (stats.rateFrom === null) stats.rateFrom = stats.rateNext = sample;
    else if (now - stats.rateNext!.at >= ETA_WINDOW_MS) {
      stats.rateFrom = stats.rateNext;
      stats.rateNext = sample;
    }
    const from = stats.rateFrom!;
    const window = now - from.at;
    const advanced = this.cursor.number - from.number;
    const rate = window >= ETA_WINDOW_MS && advanced >= ETA_MIN_BLOCKS ? advanced / (window / 1000) : 0;
    onProgress({
      block: this.cursor.number,
      head,
      blocks: this.stats.blocks,
      events: this.stats.events,
      entityVersions: this.stats.entityVersions,
      blocksPerSecond,
      eventsPerSecond: this.stats.events / seconds,
      etaSeconds: head === null ? null : head <= this.cursor.number ? 0 : rate === 0 ? null : (head - this.cursor.number) / rate,
      elapsedMs,
    });
  }
}

/** How long the block rate is measured before an ETA is given. */
const ETA_WINDOW_MS = 10_000;
/** Blocks the window must span: a few dense blocks (a busy start) say nothing about the rest. */
const ETA_MIN_BLOCKS = 100;

/** graph-node starts a subgraph at the lowest startBlock of its data sources. */
export function minStartBlock(manifest: Manifest): number {
  const starts = manifest.dataSources.map((ds) => ds.startBlock);
  return starts.length === 0 ? 0 : Math.min(...starts);
}
