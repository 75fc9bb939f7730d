/**
 * Generated raw JSONL datasets for the ledger fixture (test/fixtures/ledger): many blocks of
 * token transfers among a set of accounts, wallets spawned now and then (template data sources
 * with one eth_call each) and transfers by those wallets. Deterministic for a given seed.
 */
import { closeSync, openSync, writeSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { toEventSelector } from "viem";
import { hashOfNumbers } from "../../src/chain/source.ts";

export const ledgerFixture = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "ledger");
export const LEDGER_TOKEN = "0x0000000000000000000000000000000000000001";
export const LEDGER_START = 10;
export const LEDGER_TYPES = ["Account", "Transfer", "Token", "Wallet"];

const TRANSFER = toEventSelector("Transfer(address,address,uint256)");
const SPAWN = toEventSelector("Spawn(address)");
const FAIL = toEventSelector("Fail(uint256)");
const BALANCE_OF = "0x70a08231";

export type LedgerDatasetOptions = {
  /** Number of blocks, from block 10 on (every block is listed, most with transfers). */
  blocks: number;
  /** Transfers per block on average (default 10). */
  eventsPerBlock?: number;
  /** Distinct accounts (default 1000). */
  accounts?: number;
  /** A wallet is spawned every this many blocks (default 200; 0 for none). */
  spawnEvery?: number;
  /** A block with a failing handler (`Fail(7)`), if any. */
  failAt?: number;
  seed?: number;
  network?: string;
};

export type LedgerDataset = { file: string; first: number; last: number; blocks: number; logs: number };

const word = (n: bigint | number) => BigInt(n).toString(16).padStart(64, "0");
const address = (n: number) => "0x" + n.toString(16).padStart(40, "0");
const topicOf = (a: string) => "0x" + a.slice(2).padStart(64, "0");

/** mulberry32: a small seeded generator, so datasets are the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Writes the dataset to `file` (a `.jsonl`) and says what is in it. */
export function writeLedgerDataset(file: string, options: LedgerDatasetOptions): LedgerDataset {
  const seed = options.seed ?? 1;
  const rand = random(seed);
  const perBlock = options.eventsPerBlock ?? 10;
  const accounts = options.accounts ?? 1000;
  const spawnEvery = options.spawnEvery ?? 200;
  const first = LEDGER_START;
  const last = first + options.blocks - 1;
  const wallets: string[] = [];
  const fd = openSync(file, "w");
  let logs = 0;
  let chunk: string[] = [JSON.stringify({ format: "raw-blocks", version: 1, network: options.network ?? "mainnet", head: last })];
  let parentHash = "0x" + "00".repeat(32);
  try {
    for (let n = first; n <= last; n++) {
      const hash = hashOfNumbers(n, seed);
      const blockLogs: object[] = [];
      const calls: object[] = [];
      const log = (emitter: string, topics: string[], data: string) => {
        const i = blockLogs.length;
        blockLogs.push({ address: emitter, topics, data, logIndex: i, transactionHash: hashOfNumbers(n, i, seed), transactionIndex: i });
      };
      const count = Math.floor(rand() * perBlock * 2 + 0.5);
      for (let i = 0; i < count; i++) {
        const from = address(0x1000 + Math.floor(rand() * accounts));
        const to = address(0x1000 + Math.floor(rand() * accounts));
        const fromWallet = wallets.length > 0 && rand() < 0.05;
        const emitter = fromWallet ? wallets[Math.floor(rand() * wallets.length)] : LEDGER_TOKEN;
        log(emitter, [TRANSFER, topicOf(from), topicOf(to)], "0x" + word(1 + Math.floor(rand() * 1e9)));
      }
      if (spawnEvery > 0 && (n - first) % spawnEvery === spawnEvery - 1) {
        const wallet = address(0xa000 + wallets.length);
        wallets.push(wallet);
        log(LEDGER_TOKEN, [SPAWN], "0x" + word(BigInt(wallet)));
        calls.push({ to: LEDGER_TOKEN, data: BALANCE_OF + word(BigInt(wallet)), result: "0x" + word(n) });
      }
      if (n === options.failAt) log(LEDGER_TOKEN, [FAIL], "0x" + word(7));
      logs += blockLogs.length;
      chunk.push(JSON.stringify({ number: n, hash, parentHash, timestamp: 1_700_000_000 + n * 12, logs: blockLogs, calls }));
      parentHash = hash;
      if (chunk.length >= 1000) {
        writeSync(fd, chunk.join("\n") + "\n");
        chunk = [];
      }
    }
    if (chunk.length > 0) writeSync(fd, chunk.join("\n") + "\n");
  } finally {
    closeSync(fd);
  }
  return { file, first, last, blocks: options.blocks, logs };
}
