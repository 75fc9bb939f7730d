/**
 * What the indexer reads from a chain: blocks with the logs it asked for, answers to contract
 * reads, and reorg signals. Implemented by the recorded datasets (`dataset.ts`) and by
 * JSON-RPC (`rpc.ts`).
 */
import { fromHex, toHex } from "../common/signedBytes.ts";
import { keccak256 } from "../host/crypto.ts";
import type { BlockData, LogData, ReceiptData, TransactionData } from "./types.ts";

/** A block by number and hash. `hash` is null where only the number is known (a scanned range). */
export type BlockPtr = { number: number; hash: string | null };

/** A log as eth_getLogs returns it, hex in lowercase. */
export type ChainLog = {
  address: string;
  topics: string[];
  data: string;
  /** Position in the block (block-wide, as on Ethereum). */
  logIndex: number;
  transactionHash: string;
  transactionIndex: number;
};

/** A block as handlers need it. */
export type ChainBlock = {
  number: number;
  hash: string;
  parentHash: string;
  timestamp: bigint;
  /** The header as `ethereum.Block`. */
  header: BlockData;
  /** Logs matching the filter the block was read with, ordered by (transaction index, log index). */
  logs: ChainLog[];
  /** The transactions of `logs`, by hash. */
  transactions: Map<string, TransactionData>;
  /** Receipts by transaction hash, for logs whose handler declares `receipt: true`. */
  receipts: Map<string, ReceiptData>;
};

/**
 * Which logs and blocks the indexer needs. The indexer mutates it as data sources are created
 * and bumps `version`; a source that prefetched with an older version fetches again.
 */
export interface TriggerFilter {
  /** Contract addresses (lowercase); null means logs of any address. */
  addresses: Set<string> | null;
  /** topic0 values (lowercase) of every event handler. */
  topic0s: Set<string>;
  /** Whether a block handler fires at `number`, so the block must be read without logs. */
  wantsBlock(number: number): boolean;
  /** Whether the handler of this log declares `receipt: true`. */
  needsReceipt(log: ChainLog): boolean;
  version: number;
}

export type SourceEvent =
  /** The next block to process, in ascending order. */
  | { kind: "block"; block: ChainBlock }
  /** Every block up to `cursor.number` has been delivered; nothing more is in between. */
  | { kind: "progress"; cursor: BlockPtr }
  /**
   * Blocks after `ancestor` were replaced on the chain: revert to it. The source continues with
   * the canonical blocks after it.
   */
  | { kind: "reorg"; ancestor: BlockPtr };

export type StreamOptions = {
  /** First block number to deliver. */
  from: number;
  /** Last block number to deliver; without it, up to the head (and on, if the source follows it). */
  to?: number;
  /** The block before `from` as it was indexed, to check the chain continues from it. */
  parent: BlockPtr | null;
  /** Recently indexed blocks, newest last, to find the common ancestor after a reorg. */
  recent?: BlockPtr[];
  filter: TriggerFilter;
  signal?: AbortSignal;
};

/** A contract read at a block: eth_call, eth_getBalance or eth_getCode. */
export type ChainRequest =
  | { kind: "call"; to: string; data: string }
  | { kind: "balance"; address: string }
  | { kind: "code"; address: string };

/** An answer: call output, balance or code as hex; `reverted` for a failed call. */
export type ChainAnswer = { value: string } | { reverted: true };

/**
 * Contract reads. Handlers run synchronously, so `lookup` answers from what is known; on
 * `undefined` the indexer awaits `fetch` and runs the handler again.
 */
export interface CallProvider {
  lookup(block: ChainBlock, request: ChainRequest): ChainAnswer | undefined;
  fetch(block: ChainBlock, requests: ChainRequest[]): Promise<void>;
}

export interface BlockSource {
  /** The network the source is for, when it knows (dataset header, chain id mapping). */
  readonly network: string | null;
  /** The chain head (or the last block of a dataset), for progress; null if unknown. */
  head(): Promise<number | null>;
  /** Blocks with logs matching the filter, and the blocks it `wantsBlock`, from `from` on. */
  stream(options: StreamOptions): AsyncIterable<SourceEvent>;
  /**
   * The block again, with the logs matching `filter` (graph-node's `triggers_in_block`, used for
   * data sources created in that block).
   */
  refetch(block: ChainBlock, filter: TriggerFilter): Promise<ChainBlock>;
  readonly calls: CallProvider;
  close(): Promise<void>;
}

export function requestKey(request: ChainRequest): string {
  switch (request.kind) {
    case "call":
      return `call:${request.to}:${request.data}`;
    case "balance":
      return `balance:${request.address}`;
    case "code":
      return `code:${request.address}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Filling in what a source does not record

const ZERO32 = new Uint8Array(32);
const ZERO20 = new Uint8Array(20);

/** A header with the given fields and zeros elsewhere, as gnd-test's mock blocks have. */
export function syntheticHeader(fields: {
  number: number;
  hash: string;
  parentHash: string;
  timestamp: bigint;
  baseFeePerGas?: bigint | null;
}): BlockData {
  return {
    hash: fromHex(fields.hash),
    parentHash: fromHex(fields.parentHash),
    unclesHash: ZERO32,
    author: ZERO20,
    stateRoot: ZERO32,
    transactionsRoot: ZERO32,
    receiptsRoot: ZERO32,
    number: BigInt(fields.number),
    gasUsed: 0n,
    gasLimit: 0n,
    timestamp: fields.timestamp,
    difficulty: 0n,
    totalDifficulty: 0n,
    size: null,
    baseFeePerGas: fields.baseFeePerGas ?? null,
  };
}

/** A transaction known only by hash and index (sender and recipient zero/absent). */
export function syntheticTransaction(hash: string, index: number): TransactionData {
  return {
    hash: fromHex(hash),
    index: BigInt(index),
    from: ZERO20,
    to: null,
    value: 0n,
    gasLimit: 0n,
    gasPrice: 0n,
    input: new Uint8Array(0),
    nonce: 0n,
  };
}

export function logData(log: ChainLog, block: { number: number; hash: string }): LogData {
  return {
    address: fromHex(log.address),
    topics: log.topics.map(fromHex),
    data: fromHex(log.data),
    blockHash: fromHex(block.hash),
    blockNumber: BigInt(block.number),
    transactionHash: fromHex(log.transactionHash),
    transactionIndex: BigInt(log.transactionIndex),
    logIndex: BigInt(log.logIndex),
    removed: false,
  };
}

/**
 * gnd-test's mock receipt: the logs of the transaction that the source has, status success,
 * 21000 gas, other fields empty.
 */
export function syntheticReceipts(block: { number: number; hash: string; logs: ChainLog[] }): Map<string, ReceiptData> {
  const receipts = new Map<string, ReceiptData>();
  for (const log of block.logs) {
    let receipt = receipts.get(log.transactionHash);
    if (!receipt) {
      receipt = {
        transactionHash: fromHex(log.transactionHash),
        transactionIndex: BigInt(log.transactionIndex),
        blockHash: fromHex(block.hash),
        blockNumber: BigInt(block.number),
        cumulativeGasUsed: 21000n,
        gasUsed: 21000n,
        contractAddress: null,
        logs: [],
        status: 1n,
        root: null,
        logsBloom: new Uint8Array(256),
      };
      receipts.set(log.transactionHash, receipt);
    }
    receipt.logs.push(logData(log, block));
  }
  return receipts;
}

/** keccak256 of big-endian u64 words: gnd-test's default block and transaction hashes. */
export function hashOfNumbers(...numbers: number[]): string {
  const bytes = new Uint8Array(8 * numbers.length);
  const view = new DataView(bytes.buffer);
  numbers.forEach((n, i) => view.setBigUint64(8 * i, BigInt(n)));
  return toHex(keccak256(bytes));
}

/** Orders logs as graph-node orders log triggers: by transaction index, then log index. */
export function compareLogs(a: ChainLog, b: ChainLog): number {
  return a.transactionIndex - b.transactionIndex || a.logIndex - b.logIndex;
}
