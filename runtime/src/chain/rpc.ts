/**
 * An Ethereum JSON-RPC block source (viem transport).
 *
 * - Below the finality depth, logs come from eth_getLogs over block ranges that shrink when the
 *   node refuses ("too many results", response size, timeouts) and grow while results are sparse.
 * - Within the finality depth, blocks are read one by one and each must name the previous one
 *   as parent; if not, the source walks back to the common ancestor and reports a reorg.
 * - Blocks are read only when they have matching logs or a block handler fires; full
 *   transactions only with logs; receipts only for handlers with `receipt: true`.
 * - Every request is retried with exponential backoff on errors, timeouts, HTTP 429 and
 *   malformed or truncated responses.
 * - Contract reads (eth_call, eth_getBalance, eth_getCode) are made at the block's hash
 *   (EIP-1898) and kept in a `CallCache`.
 */
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { createPublicClient, http, type PublicClient } from "viem";
import { PossibleReorgError, RetryableError } from "../common/errors.ts";
import { fromHex } from "../common/signedBytes.ts";
import {
  compareLogs,
  requestKey,
  type BlockPtr,
  type BlockSource,
  type CallProvider,
  type ChainAnswer,
  type ChainBlock,
  type ChainLog,
  type ChainRequest,
  type SourceEvent,
  type StreamOptions,
  type TriggerFilter,
} from "./source.ts";
import type { BlockData, LogData, ReceiptData, TransactionData } from "./types.ts";

/** Answers to contract reads, by block hash and request. */
export interface CallCache {
  get(key: string): ChainAnswer | undefined;
  set(key: string, answer: ChainAnswer): void;
}

export function createMemoryCallCache(): CallCache {
  const map = new Map<string, ChainAnswer>();
  return { get: (k) => map.get(k), set: (k, v) => void map.set(k, v) };
}

/** A call cache kept in a JSONL file (one `{"k","v"}` or `{"k","r":true}` per line), appended to. */
export function createFileCallCache(file: string): CallCache {
  const map = new Map<string, ChainAnswer>();
  if (existsSync(file)) {
    for (const line of readFileSync(file, "utf8").split("\n")) {
      if (line.trim() === "") continue;
      try {
        const entry = JSON.parse(line) as { k: string; v?: string; r?: boolean };
        map.set(entry.k, entry.r ? { reverted: true } : { value: entry.v! });
      } catch {
        // A line cut off by a crash; the answer is fetched again.
      }
    }
  }
  return {
    get: (k) => map.get(k),
    set: (k, v) => {
      map.set(k, v);
      appendFileSync(file, JSON.stringify("reverted" in v ? { k, r: true } : { k, v: v.value }) + "\n");
    },
  };
}

export type RpcSourceOptions = {
  url: string;
  /** Blocks behind the head that cannot be reorganized (default 64). */
  finalityDepth?: number;
  /** eth_getLogs range: start, bounds (defaults 100, 1, 10 000). */
  initialRange?: number;
  minRange?: number;
  maxRange?: number;
  /** Grow the range while a response has fewer logs than this (default 2000). */
  targetLogs?: number;
  /** Per-request timeout (default 30 s). */
  timeoutMs?: number;
  /** Attempts per request before giving up with a `RetryableError` (default 10), backoff base and cap. */
  retry?: { attempts?: number; baseMs?: number; maxMs?: number };
  /** How often to look for new blocks at the head (default 2 s). */
  pollIntervalMs?: number;
  /** Keep following the head (default); when false the stream ends at the head. */
  follow?: boolean;
  callCache?: CallCache;
  network?: string | null;
  /** Called before each retry, for logs. */
  onRetry?(method: string, attempt: number, error: unknown): void;
};

type RawLog = {
  address: string;
  topics: string[];
  data: string;
  blockNumber: string;
  blockHash: string;
  logIndex: string;
  transactionHash: string;
  transactionIndex: string;
  removed?: boolean;
};

type RawTransaction = {
  hash: string;
  transactionIndex: string;
  from: string;
  to: string | null;
  value: string;
  gas: string;
  gasPrice?: string;
  input: string;
  nonce: string;
};

type RawBlock = {
  number: string;
  hash: string;
  parentHash: string;
  sha3Uncles: string;
  miner: string;
  stateRoot: string;
  transactionsRoot: string;
  receiptsRoot: string;
  gasUsed: string;
  gasLimit: string;
  timestamp: string;
  difficulty?: string;
  totalDifficulty?: string;
  size?: string;
  baseFeePerGas?: string;
  transactions: Array<RawTransaction | string>;
};

type RawReceipt = {
  transactionHash: string;
  transactionIndex: string;
  blockHash: string;
  blockNumber: string;
  cumulativeGasUsed: string;
  gasUsed: string;
  contractAddress: string | null;
  logs: RawLog[];
  status?: string;
  root?: string;
  logsBloom: string;
};

class RangeTooLarge extends Error {}

const hex = (n: number) => "0x" + n.toString(16);
const big = (s: string | undefined | null) => (s === undefined || s === null ? 0n : BigInt(s));
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });

export function createRpcSource(options: RpcSourceOptions): BlockSource {
  const client: PublicClient = createPublicClient({
    transport: http(options.url, { retryCount: 0, timeout: options.timeoutMs ?? 30_000 }),
  });
  const finality = options.finalityDepth ?? 64;
  const minRange = options.minRange ?? 1;
  const maxRange = options.maxRange ?? 10_000;
  const targetLogs = options.targetLogs ?? 2000;
  const attempts = options.retry?.attempts ?? 10;
  const baseMs = options.retry?.baseMs ?? 250;
  const maxMs = options.retry?.maxMs ?? 30_000;
  const cache = options.callCache ?? createMemoryCallCache();
  let range = options.initialRange ?? 100;

  async function request<T>(method: string, params: unknown[], validate: (v: unknown) => v is T, rangeQuery = false): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      let error: unknown;
      try {
        const result = await client.request({ method: method as never, params: params as never });
        if (validate(result)) return result;
        error = new Error(`malformed ${method} response: ${JSON.stringify(result)?.slice(0, 200)}`);
      } catch (e) {
        if (rangeQuery && isRangeError(e)) throw new RangeTooLarge(describe(e));
        if (isRevert(e) && method === "eth_call") throw e;
        error = e;
      }
      if (attempt >= attempts) {
        throw new RetryableError(`${method} failed ${attempts} times: ${describe(error)}`, { cause: error });
      }
      options.onRetry?.(method, attempt, error);
      await sleep(Math.min(maxMs, baseMs * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2));
    }
  }

  const head = () => request("eth_blockNumber", [], isQuantity).then(Number);

  async function getLogs(filter: TriggerFilter, from: number, to: number): Promise<RawLog[]> {
    if (filter.addresses !== null && filter.addresses.size === 0) return [];
    if (filter.topic0s.size === 0) return [];
    const shrinkable = to - from + 1 > minRange;
    const logs = await request("eth_getLogs", [logQuery(filter, { fromBlock: hex(from), toBlock: hex(to) })], isLogList, shrinkable);
    for (const log of logs) {
      const n = Number(log.blockNumber);
      if (n < from || n > to || log.removed) throw new PossibleReorgError(`eth_getLogs ${from}-${to} returned a log of block ${n}`);
    }
    return logs;
  }

  async function getBlock(number: number | string, full: boolean): Promise<RawBlock> {
    const tag = typeof number === "number" ? hex(number) : number;
    return request("eth_getBlockByNumber", [tag, full], isBlock);
  }

  /** A block with the given logs, its transactions and the receipts handlers need. */
  async function assemble(raw: RawBlock | null, number: number, logs: RawLog[], filter: TriggerFilter): Promise<ChainBlock> {
    const needTxs = logs.length > 0;
    let block = raw && (!needTxs || typeof raw.transactions[0] !== "string" || raw.transactions.length === 0) ? raw : await getBlock(number, needTxs);
    for (const log of logs) {
      if (log.blockHash.toLowerCase() !== block.hash.toLowerCase()) {
        throw new PossibleReorgError(`log ${log.logIndex} of block ${number} names block ${log.blockHash}, the node now has ${block.hash}`);
      }
    }
    const chainLogs = logs.map(toChainLog).sort(compareLogs);
    const transactions = new Map<string, TransactionData>();
    for (const tx of block.transactions) {
      if (typeof tx === "string") continue;
      transactions.set(tx.hash.toLowerCase(), toTransaction(tx));
    }
    for (const log of chainLogs) {
      if (!transactions.has(log.transactionHash)) {
        throw new PossibleReorgError(`block ${number} lacks transaction ${log.transactionHash} of log ${log.logIndex}`);
      }
    }
    const receipts = new Map<string, ReceiptData>();
    for (const log of chainLogs) {
      if (receipts.has(log.transactionHash) || !filter.needsReceipt(log)) continue;
      const receipt = await request("eth_getTransactionReceipt", [log.transactionHash], isReceipt);
      if (receipt.blockHash.toLowerCase() !== block.hash.toLowerCase()) {
        throw new PossibleReorgError(`receipt of ${log.transactionHash} is for block ${receipt.blockHash}`);
      }
      receipts.set(log.transactionHash, toReceipt(receipt));
    }
    block = block as RawBlock;
    return {
      number,
      hash: block.hash.toLowerCase(),
      parentHash: block.parentHash.toLowerCase(),
      timestamp: BigInt(block.timestamp),
      header: toHeader(block),
      logs: chainLogs,
      transactions,
      receipts,
    };
  }

  async function* stream(opts: StreamOptions): AsyncGenerator<SourceEvent> {
    const { filter, signal } = opts;
    let next = opts.from;
    let parent = opts.parent;
    // Hashes of delivered blocks within the finality depth, to find the common ancestor.
    const recent = new Map<number, string>();
    for (const p of opts.recent ?? []) if (p.hash) recent.set(p.number, p.hash);
    if (parent?.hash) recent.set(parent.number, parent.hash);
    let chainHead = await head();
    let reorgRetries = 0;

    const deliver = (block: ChainBlock): SourceEvent => {
      recent.set(block.number, block.hash);
      recent.delete(block.number - finality - 1);
      parent = { number: block.number, hash: block.hash };
      return { kind: "block", block };
    };

    while (opts.to === undefined || next <= opts.to) {
      signal?.throwIfAborted();
      const safe = chainHead - finality;
      if (next <= safe) {
        const end = Math.min(next + range - 1, safe, opts.to ?? Infinity);
        const version = filter.version;
        let logs: RawLog[];
        try {
          logs = await getLogs(filter, next, end);
        } catch (error) {
          if (error instanceof RangeTooLarge && range > minRange) {
            range = Math.max(minRange, Math.floor((end - next + 1) / 2));
            continue;
          }
          throw error;
        }
        if (logs.length < targetLogs / 2) range = Math.min(maxRange, range * 2);
        else if (logs.length > targetLogs) range = Math.max(minRange, Math.floor(range / 2));
        const byBlock = new Map<number, RawLog[]>();
        for (const log of logs) {
          const n = Number(log.blockNumber);
          byBlock.set(n, [...(byBlock.get(n) ?? []), log]);
        }
        const numbers = new Set(byBlock.keys());
        for (let n = next; n <= end; n++) if (filter.wantsBlock(n)) numbers.add(n);
        let restarted = false;
        try {
          for (const n of [...numbers].sort((a, b) => a - b)) {
            yield deliver(await assemble(null, n, byBlock.get(n) ?? [], filter));
            next = n + 1;
            if (filter.version !== version) {
              // New data sources: the rest of the range is read again with their addresses.
              restarted = true;
              break;
            }
          }
        } catch (error) {
          if (!(error instanceof PossibleReorgError) || ++reorgRetries > attempts) throw error;
          continue;
        }
        reorgRetries = 0;
        if (restarted) continue;
        next = end + 1;
        yield { kind: "progress", cursor: { number: end, hash: null } };
        continue;
      }
      if (next > chainHead) {
        if (options.follow === false) return;
        yield { kind: "progress", cursor: parent ?? { number: next - 1, hash: null } };
        await sleep(options.pollIntervalMs ?? 2000, signal);
        chainHead = await head();
        continue;
      }
      // Near the head: one block at a time, chained by parent hash.
      const raw = await getBlock(next, false);
      const expected = recent.get(next - 1);
      if (expected !== undefined && raw.parentHash.toLowerCase() !== expected) {
        const ancestor = await findAncestor(next - 1, recent);
        for (const n of [...recent.keys()]) if (n > ancestor.number) recent.delete(n);
        parent = ancestor;
        next = ancestor.number + 1;
        yield { kind: "reorg", ancestor };
        continue;
      }
      let block: ChainBlock;
      try {
        const logs =
          (filter.addresses !== null && filter.addresses.size === 0) || filter.topic0s.size === 0
            ? []
            : await request("eth_getLogs", [logQuery(filter, { blockHash: raw.hash })], isLogList);
        block = await assemble(logs.length > 0 ? null : raw, next, logs, filter);
        if (block.hash !== raw.hash.toLowerCase()) throw new PossibleReorgError(`block ${next} changed while it was read`);
      } catch (error) {
        if (error instanceof PossibleReorgError && ++reorgRetries <= attempts) continue;
        throw error;
      }
      reorgRetries = 0;
      yield deliver(block);
      next++;
    }
  }

  async function findAncestor(from: number, recent: Map<number, string>): Promise<BlockPtr> {
    for (let n = from; n >= 0; n--) {
      const ours = recent.get(n);
      if (ours === undefined) {
        throw new RetryableError(`reorg deeper than the ${finality} blocks kept: no common ancestor down to block ${n + 1}`);
      }
      const canonical = await getBlock(n, false);
      if (canonical.hash.toLowerCase() === ours) return { number: n, hash: ours };
    }
    throw new RetryableError("reorg reaches below block 0");
  }

  const calls: CallProvider = {
    lookup: (block, req) => cache.get(`${block.hash}:${requestKey(req)}`),
    async fetch(block, requests) {
      for (const req of requests) {
        const key = `${block.hash}:${requestKey(req)}`;
        if (cache.get(key)) continue;
        cache.set(key, await read(block, req));
      }
    },
  };

  async function read(block: ChainBlock, req: ChainRequest): Promise<ChainAnswer> {
    const at = { blockHash: block.hash };
    switch (req.kind) {
      case "call":
        try {
          return { value: await request("eth_call", [{ to: req.to, data: req.data }, at], isHex) };
        } catch (error) {
          if (isRevert(error)) return { reverted: true };
          throw error;
        }
      case "balance":
        return { value: await request("eth_getBalance", [req.address, at], isQuantity) };
      case "code":
        return { value: await request("eth_getCode", [req.address, at], isHex) };
    }
  }

  return {
    network: options.network ?? null,
    calls,
    head,
    stream,
    async refetch(block, filter) {
      const logs = await request("eth_getLogs", [logQuery(filter, { blockHash: block.hash })], isLogList);
      const refetched = await assemble(null, block.number, logs, filter);
      if (refetched.hash !== block.hash) throw new PossibleReorgError(`block ${block.number} changed while it was processed`);
      return refetched;
    },
    async close() {},
  };
}

function logQuery(filter: TriggerFilter, range: Record<string, string>) {
  return {
    ...range,
    ...(filter.addresses === null ? {} : { address: [...filter.addresses] }),
    topics: [[...filter.topic0s]],
  };
}

function describe(error: unknown): string {
  const e = error as { shortMessage?: string; details?: string; message?: string };
  return [e?.shortMessage ?? e?.message ?? String(error), e?.details].filter(Boolean).join(": ").split("\n")[0];
}

/** Nodes word "too many results" differently (Alchemy, Infura, geth, erigon, QuickNode…). */
function isRangeError(error: unknown): boolean {
  // HTTP failures (429, 5xx, cut-off bodies) are transport trouble, retried as they are.
  const status = (error as { status?: number })?.status;
  if (typeof status === "number" && status !== 200) return false;
  const text = `${(error as Error)?.message ?? ""} ${(error as { details?: string })?.details ?? ""}`;
  if (/timed? ?out|timeout/i.test(text)) return true;
  return /more than \d+ results|too many|query returned more|response size|limit exceeded|block range|range is too (large|wide)|exceed/i.test(text);
}

function isRevert(error: unknown): boolean {
  const e = error as { code?: number; details?: string; message?: string; cause?: { code?: number } };
  const text = `${e?.message ?? ""} ${e?.details ?? ""}`;
  return e?.code === 3 || e?.cause?.code === 3 || /revert/i.test(text);
}

const isHexString = (v: unknown): v is string => typeof v === "string" && /^0x[0-9a-fA-F]*$/.test(v);
const isQuantity = (v: unknown): v is string => isHexString(v) && v.length > 2;
const isHex = isHexString;

function isLog(v: unknown): v is RawLog {
  const l = v as RawLog;
  return (
    l !== null &&
    typeof l === "object" &&
    isHexString(l.address) &&
    Array.isArray(l.topics) &&
    l.topics.every(isHexString) &&
    isHexString(l.data) &&
    isQuantity(l.blockNumber) &&
    isHexString(l.blockHash) &&
    isQuantity(l.logIndex) &&
    isHexString(l.transactionHash) &&
    isQuantity(l.transactionIndex)
  );
}

const isLogList = (v: unknown): v is RawLog[] => Array.isArray(v) && v.every(isLog);

function isBlock(v: unknown): v is RawBlock {
  const b = v as RawBlock;
  return (
    b !== null &&
    typeof b === "object" &&
    isQuantity(b.number) &&
    isHexString(b.hash) &&
    isHexString(b.parentHash) &&
    isQuantity(b.timestamp) &&
    Array.isArray(b.transactions)
  );
}

function isReceipt(v: unknown): v is RawReceipt {
  const r = v as RawReceipt;
  return r !== null && typeof r === "object" && isHexString(r.transactionHash) && isHexString(r.blockHash) && isLogList(r.logs);
}

function toChainLog(log: RawLog): ChainLog {
  return {
    address: log.address.toLowerCase(),
    topics: log.topics.map((t) => t.toLowerCase()),
    data: log.data.toLowerCase(),
    logIndex: Number(log.logIndex),
    transactionHash: log.transactionHash.toLowerCase(),
    transactionIndex: Number(log.transactionIndex),
  };
}

const bytesOr = (s: string | undefined | null, size: number) => (s ? fromHex(s) : new Uint8Array(size));

function toHeader(b: RawBlock): BlockData {
  return {
    hash: fromHex(b.hash),
    parentHash: fromHex(b.parentHash),
    unclesHash: bytesOr(b.sha3Uncles, 32),
    author: bytesOr(b.miner, 20),
    stateRoot: bytesOr(b.stateRoot, 32),
    transactionsRoot: bytesOr(b.transactionsRoot, 32),
    receiptsRoot: bytesOr(b.receiptsRoot, 32),
    number: BigInt(b.number),
    gasUsed: big(b.gasUsed),
    gasLimit: big(b.gasLimit),
    timestamp: BigInt(b.timestamp),
    difficulty: big(b.difficulty),
    totalDifficulty: big(b.totalDifficulty),
    size: b.size ? BigInt(b.size) : null,
    baseFeePerGas: b.baseFeePerGas ? BigInt(b.baseFeePerGas) : null,
  };
}

function toTransaction(tx: RawTransaction): TransactionData {
  return {
    hash: fromHex(tx.hash),
    index: big(tx.transactionIndex),
    from: bytesOr(tx.from, 20),
    to: tx.to ? fromHex(tx.to) : null,
    value: big(tx.value),
    gasLimit: big(tx.gas),
    gasPrice: big(tx.gasPrice),
    input: bytesOr(tx.input, 0),
    nonce: big(tx.nonce),
  };
}

function toLogData(log: RawLog): LogData {
  return {
    address: fromHex(log.address),
    topics: log.topics.map(fromHex),
    data: fromHex(log.data),
    blockHash: fromHex(log.blockHash),
    blockNumber: BigInt(log.blockNumber),
    transactionHash: fromHex(log.transactionHash),
    transactionIndex: BigInt(log.transactionIndex),
    logIndex: BigInt(log.logIndex),
    removed: log.removed ?? false,
  };
}

function toReceipt(r: RawReceipt): ReceiptData {
  return {
    transactionHash: fromHex(r.transactionHash),
    transactionIndex: big(r.transactionIndex),
    blockHash: fromHex(r.blockHash),
    blockNumber: big(r.blockNumber),
    cumulativeGasUsed: big(r.cumulativeGasUsed),
    gasUsed: big(r.gasUsed),
    contractAddress: r.contractAddress ? fromHex(r.contractAddress) : null,
    logs: r.logs.map(toLogData),
    status: r.status ? BigInt(r.status) : null,
    root: r.root ? fromHex(r.root) : null,
    logsBloom: bytesOr(r.logsBloom, 256),
  };
}
