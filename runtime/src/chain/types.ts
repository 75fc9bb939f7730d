import type { EthValue } from "../common/values.ts";

/** An Ethereum block header as handlers see it (`ethereum.Block`). */
export type BlockData = {
  hash: Uint8Array;
  parentHash: Uint8Array;
  unclesHash: Uint8Array;
  author: Uint8Array;
  stateRoot: Uint8Array;
  transactionsRoot: Uint8Array;
  receiptsRoot: Uint8Array;
  number: bigint;
  gasUsed: bigint;
  gasLimit: bigint;
  timestamp: bigint;
  difficulty: bigint;
  totalDifficulty: bigint;
  size: bigint | null;
  baseFeePerGas: bigint | null;
};

/** `ethereum.Transaction`. */
export type TransactionData = {
  hash: Uint8Array;
  index: bigint;
  from: Uint8Array;
  to: Uint8Array | null;
  value: bigint;
  gasLimit: bigint;
  gasPrice: bigint;
  input: Uint8Array;
  nonce: bigint;
};

/** `ethereum.Log` inside a receipt. */
export type LogData = {
  address: Uint8Array;
  topics: Uint8Array[];
  data: Uint8Array;
  blockHash: Uint8Array | null;
  blockNumber: bigint | null;
  transactionHash: Uint8Array | null;
  transactionIndex: bigint | null;
  logIndex: bigint | null;
  removed: boolean | null;
};

/** `ethereum.TransactionReceipt`. */
export type ReceiptData = {
  transactionHash: Uint8Array;
  transactionIndex: bigint;
  blockHash: Uint8Array | null;
  blockNumber: bigint | null;
  cumulativeGasUsed: bigint;
  gasUsed: bigint;
  contractAddress: Uint8Array | null;
  logs: LogData[];
  status: bigint | null;
  root: Uint8Array | null;
  logsBloom: Uint8Array;
};

/** An event trigger (`ethereum.Event`): a decoded log with its block and transaction. */
export type EventData = {
  address: Uint8Array;
  logIndex: bigint;
  transactionLogIndex: bigint;
  logType: string | null;
  block: BlockData;
  transaction: TransactionData;
  params: Array<{ name: string; value: EthValue }>;
  /** Only for handlers declared with `receipt: true`. */
  receipt: ReceiptData | null;
};

/** A call trigger (`ethereum.Call`). */
export type CallData = {
  to: Uint8Array;
  from: Uint8Array;
  block: BlockData;
  transaction: TransactionData;
  inputs: Array<{ name: string; value: EthValue }>;
  outputs: Array<{ name: string; value: EthValue }>;
};
