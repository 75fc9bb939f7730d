/**
 * The simulated Arbitrum chain the model writes to: a clock (L2 blocks of 0.25 s, L1 blocks of 12 s,
 * whose number is what `block.number` returns inside the contracts), transactions with their logs
 * in emission order, and eth_call answers evaluated when the block ends (graph-node reads calls at
 * the end of the block). Blocks are written as raw JSONL lines (runtime/src/chain/dataset.ts) as
 * soon as the next block starts, so nothing accumulates.
 */
import { createHash } from "node:crypto";
import { encodeLog, type ContractAbi } from "./abi.ts";

/** L2 blocks per second and per L1 block (0.25 s and 12 s blocks). */
export const L2_BLOCKS_PER_SECOND = 4;
export const L2_BLOCKS_PER_L1_BLOCK = 48;

export type ChainStart = {
  /** First L2 block; after every data source's start block. */
  l2Block: number;
  /** L1 block number at that L2 block. */
  l1Block: number;
  timestamp: number;
};

type PendingCall = { to: string; data: string; answer: () => string | null };

type Tx = { hash: string; index: number; from: string; to: string; input: string; nonce: number };

type Log = { address: string; topics: string[]; data: string; logIndex: number; transactionHash: string; transactionIndex: number };

export type ChainStats = { blocks: number; transactions: number; logs: number; calls: number; lastBlock: number; byEvent: Record<string, number> };

export class Chain {
  private ticks = 0;
  private block: { number: number; timestamp: number; logs: Log[]; txs: Tx[]; calls: PendingCall[] } | null = null;
  private tx: Tx | null = null;
  private readonly nonces = new Map<string, number>();
  readonly stats: ChainStats = { blocks: 0, transactions: 0, logs: 0, calls: 0, lastBlock: 0, byEvent: {} };

  constructor(
    private readonly start: ChainStart,
    private readonly seed: number,
    private readonly write: (line: string) => void,
  ) {}

  get l2Block(): number {
    return this.start.l2Block + this.ticks;
  }

  /** `block.number` inside a contract on Arbitrum: the L1 block number. */
  get l1Block(): number {
    return this.start.l1Block + Math.floor(this.ticks / L2_BLOCKS_PER_L1_BLOCK);
  }

  get timestamp(): number {
    return this.start.timestamp + Math.floor(this.ticks / L2_BLOCKS_PER_SECOND);
  }

  /** Moves the clock `l2Blocks` L2 blocks on (0 keeps the next transaction in the same block). */
  advance(l2Blocks: number): void {
    this.ticks += l2Blocks;
  }

  /** Moves the clock to the first L2 block whose L1 block number is at least `l1Block`. */
  advanceToL1(l1Block: number): void {
    const target = (l1Block - this.start.l1Block) * L2_BLOCKS_PER_L1_BLOCK;
    if (target > this.ticks) this.ticks = target;
  }

  /** Runs `body` as one transaction from `from` to `to`; the logs it emits are the transaction's. */
  transaction(from: string, to: string, body: () => void, input = "0x"): void {
    if (this.tx) throw new Error("nested transaction");
    this.openBlock();
    const block = this.block!;
    const nonce = this.nonces.get(from) ?? 0;
    this.nonces.set(from, nonce + 1);
    const index = block.txs.length;
    this.tx = { hash: this.hash("tx", block.number, index), index, from, to, input, nonce };
    block.txs.push(this.tx);
    try {
      body();
    } finally {
      this.tx = null;
    }
  }

  /** Emits `contract`'s event `name` from `address` in the current transaction. */
  log(address: string, contract: ContractAbi, name: string, args: readonly unknown[]): void {
    const tx = this.tx;
    if (!tx) throw new Error(`${contract}.${name} emitted outside a transaction`);
    const block = this.block!;
    const { topics, data } = encodeLog(contract, name, args);
    block.logs.push({ address: address.toLowerCase(), topics, data, logIndex: block.logs.length, transactionHash: tx.hash, transactionIndex: tx.index });
    const key = `${contract}.${name}`;
    this.stats.byEvent[key] = (this.stats.byEvent[key] ?? 0) + 1;
  }

  /** An eth_call the mappings make in this block; `answer` runs when the block ends (null = reverts). */
  call(to: string, data: string, answer: () => string | null): void {
    this.openBlock();
    this.block!.calls.push({ to: to.toLowerCase(), data: data.toLowerCase(), answer });
  }

  /** Logs of the block in progress (not yet counted in `stats`). */
  pendingLogs(): number {
    return this.block?.logs.length ?? 0;
  }

  /** Writes the block in progress. */
  flush(): void {
    const block = this.block;
    if (!block) return;
    this.block = null;
    const calls: Array<Record<string, unknown>> = [];
    const seen = new Set<string>();
    for (const call of block.calls) {
      const key = `${call.to}:${call.data}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const result = call.answer();
      calls.push(result === null ? { to: call.to, data: call.data, reverted: true } : { to: call.to, data: call.data, result });
    }
    const line = {
      number: block.number,
      hash: this.blockHash(block.number),
      parentHash: this.blockHash(block.number - 1),
      timestamp: block.timestamp,
      logs: block.logs,
      transactions: block.txs.map((t) => ({
        hash: t.hash,
        transactionIndex: t.index,
        from: t.from,
        to: t.to,
        value: "0",
        gas: "1000000",
        gasPrice: "10000000",
        input: t.input,
        nonce: t.nonce,
      })),
      ...(calls.length > 0 ? { calls } : {}),
    };
    this.stats.blocks++;
    this.stats.lastBlock = block.number;
    this.stats.transactions += block.txs.length;
    this.stats.logs += block.logs.length;
    this.stats.calls += calls.length;
    this.write(JSON.stringify(line));
  }

  blockHash(number: number): string {
    return this.hash("block", number, 0);
  }

  private openBlock(): void {
    if (this.block && this.block.number === this.l2Block) return;
    if (this.block && this.block.number > this.l2Block) throw new Error("the clock went backwards");
    this.flush();
    this.block = { number: this.l2Block, timestamp: this.timestamp, logs: [], txs: [], calls: [] };
  }

  private hash(kind: string, a: number, b: number): string {
    return "0x" + createHash("sha256").update(`${this.seed}:${kind}:${a}:${b}`).digest("hex");
  }
}
