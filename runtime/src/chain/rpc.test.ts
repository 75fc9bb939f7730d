import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { createFileCallCache, createRpcSource } from "./rpc.ts";
import { hashOfNumbers, type ChainBlock, type SourceEvent, type TriggerFilter } from "./source.ts";

// A JSON-RPC node on loopback over a simulated chain, with injected faults.

const TOKEN = "0x0000000000000000000000000000000000000001";
const OTHER = "0x0000000000000000000000000000000000000002";
const T0 = "0x" + "11".repeat(32);

type SimLog = { address: string; topics: string[]; data: string; logIndex: number; transactionHash: string; transactionIndex: number };
type SimBlock = { number: number; hash: string; parentHash: string; logs: SimLog[] };

function makeChain(length: number, tag: number, base: SimBlock[] = []): SimBlock[] {
  const chain = [...base];
  for (let n = chain.length; n < length; n++) {
    const logs: SimLog[] = [];
    const add = (address: string) => {
      const logIndex = logs.length;
      logs.push({ address, topics: [T0], data: "0x" + (n * 10 + logIndex).toString(16).padStart(64, "0"), logIndex, transactionHash: hashOfNumbers(n, logIndex, tag), transactionIndex: logIndex });
    };
    if (n % 3 === 0) add(TOKEN);
    if (n % 4 === 0) add(OTHER);
    if (n % 7 === 0) (add(TOKEN), add(TOKEN));
    chain.push({ number: n, hash: hashOfNumbers(n, tag), parentHash: n === 0 ? "0x" + "00".repeat(32) : chain[n - 1].hash, logs });
  }
  return chain;
}

const hex = (n: number) => "0x" + n.toString(16);
const FAULTS = ["http500", "http429", "timeout", "truncated", "rpcError"] as const;

class FakeNode {
  chain: SimBlock[] = [];
  faultEvery = 0;
  faults: Record<string, number> = {};
  maxLogRange = 40;
  private requests = 0;
  server: Server;

  constructor() {
    this.server = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        const { id, method, params } = JSON.parse(body);
        this.requests++;
        if (this.faultEvery > 0 && this.requests % this.faultEvery === 0) {
          const fault = FAULTS[(this.requests / this.faultEvery) % FAULTS.length];
          this.faults[fault] = (this.faults[fault] ?? 0) + 1;
          if (fault === "http500") return void res.writeHead(500).end("oops");
          if (fault === "http429") return void res.writeHead(429, { "retry-after": "0" }).end("slow down");
          if (fault === "timeout") return void setTimeout(() => res.destroyed || res.end(), 400);
          if (fault === "rpcError") return this.reply(res, id, undefined, { code: -32000, message: "internal error" });
          const full = JSON.stringify({ jsonrpc: "2.0", id, result: this.answer(method, params).result ?? null });
          res.writeHead(200, { "content-type": "application/json" });
          return void res.end(full.slice(0, Math.floor(full.length / 2)));
        }
        const { result, error } = this.answer(method, params);
        this.reply(res, id, result, error);
      });
    });
  }

  private reply(res: import("node:http").ServerResponse, id: unknown, result: unknown, error?: unknown) {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(error ? { jsonrpc: "2.0", id, error } : { jsonrpc: "2.0", id, result }));
  }

  private rawLog(b: SimBlock, l: SimLog) {
    return { ...l, blockNumber: hex(b.number), blockHash: b.hash, logIndex: hex(l.logIndex), transactionIndex: hex(l.transactionIndex), removed: false };
  }

  private rawBlock(b: SimBlock, full: boolean) {
    const txs = [...new Set(b.logs.map((l) => l.transactionHash))];
    return {
      number: hex(b.number),
      hash: b.hash,
      parentHash: b.parentHash,
      timestamp: hex(1000 + b.number * 12),
      gasUsed: "0x0",
      gasLimit: "0x1c9c380",
      transactions: full
        ? txs.map((hash, i) => ({ hash, transactionIndex: hex(i), from: OTHER, to: TOKEN, value: "0x5", gas: "0x5208", gasPrice: "0x1", input: "0x", nonce: hex(i) }))
        : txs,
    };
  }

  answer(method: string, params: any[]): { result?: unknown; error?: { code: number; message: string } } {
    const chain = this.chain;
    switch (method) {
      case "eth_chainId":
        return { result: "0x1" };
      case "eth_blockNumber":
        return { result: hex(chain.length - 1) };
      case "eth_getBlockByNumber": {
        const b = params[0] === "latest" ? chain.at(-1) : chain[Number(params[0])];
        return { result: b ? this.rawBlock(b, params[1]) : null };
      }
      case "eth_getLogs": {
        const q = params[0];
        let blocks: SimBlock[];
        if (q.blockHash) blocks = chain.filter((b) => b.hash === q.blockHash);
        else {
          const from = Number(q.fromBlock);
          const to = Number(q.toBlock);
          if (to - from + 1 > this.maxLogRange) return { error: { code: -32005, message: "query returned more than 10000 results" } };
          blocks = chain.slice(from, to + 1);
        }
        const addresses: string[] | undefined = q.address;
        const topics: string[] = q.topics?.[0] ?? [];
        return {
          result: blocks.flatMap((b) =>
            b.logs.filter((l) => (!addresses || addresses.includes(l.address)) && topics.includes(l.topics[0])).map((l) => this.rawLog(b, l)),
          ),
        };
      }
      case "eth_getTransactionReceipt": {
        for (const b of chain) {
          const logs = b.logs.filter((l) => l.transactionHash === params[0]);
          if (logs.length > 0) {
            return {
              result: {
                transactionHash: params[0],
                transactionIndex: hex(logs[0].transactionIndex),
                blockHash: b.hash,
                blockNumber: hex(b.number),
                cumulativeGasUsed: "0x5208",
                gasUsed: "0x5208",
                contractAddress: null,
                logs: logs.map((l) => this.rawLog(b, l)),
                status: "0x1",
                logsBloom: "0x" + "00".repeat(256),
              },
            };
          }
        }
        return { result: null };
      }
      case "eth_call":
        if (params[0].data === "0xdead") return { error: { code: 3, message: "execution reverted" } };
        return { result: "0x" + "2a".padStart(64, "0") };
      default:
        return { error: { code: -32601, message: `no method ${method}` } };
    }
  }
}

let node: FakeNode;
let url: string;

before(async () => {
  node = new FakeNode();
  await new Promise<void>((resolve) => node.server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(node.server.address() as AddressInfo).port}`;
});

after(() => {
  node.server.closeAllConnections();
  node.server.close();
});

function tokenFilter(): TriggerFilter {
  return {
    addresses: new Set([TOKEN]),
    topic0s: new Set([T0]),
    wantsBlock: (n) => n % 50 === 0,
    needsReceipt: (log) => log.logIndex === 0,
    version: 0,
  };
}

const fast = { retry: { attempts: 20, baseMs: 1, maxMs: 5 }, timeoutMs: 150 };

describe("JSON-RPC block source", () => {
  test("errors, timeouts, 429 and truncated responses are survived with no gap and no duplicate", async () => {
    node.chain = makeChain(121, 1);
    node.faultEvery = 4;
    node.faults = {};
    const source = createRpcSource({ url, finalityDepth: 5, follow: false, initialRange: 10, ...fast });
    const blocks: ChainBlock[] = [];
    for await (const e of source.stream({ from: 0, parent: null, filter: tokenFilter() })) if (e.kind === "block") blocks.push(e.block);
    node.faultEvery = 0;

    const delivered = blocks.flatMap((b) => b.logs.map((l) => `${b.number}:${l.logIndex}`));
    const expected = node.chain.flatMap((b) => b.logs.filter((l) => l.address === TOKEN).map((l) => `${b.number}:${l.logIndex}`));
    assert.deepEqual(delivered, expected);
    const numbers = blocks.map((b) => b.number);
    assert.deepEqual(numbers, [...new Set(numbers)].sort((a, b) => a - b));
    assert.ok(numbers.includes(50) && numbers.includes(100), "blocks wanted by block handlers are read");
    assert.ok(numbers.includes(117) && numbers.includes(120), "blocks near the head are read one by one");
    for (const fault of FAULTS) assert.ok((node.faults[fault] ?? 0) > 0, `no ${fault} fault was injected`);
    const withLogs = blocks.find((b) => b.number === 21)!;
    assert.equal(withLogs.receipts.size, 1);
    assert.equal(withLogs.transactions.size, 3);
    assert.equal(withLogs.header.timestamp, 1000n + 21n * 12n);
  });

  test("a replaced head is reported as a reorg to the common ancestor, then the new chain follows", async () => {
    node.chain = makeChain(31, 1);
    const source = createRpcSource({ url, finalityDepth: 5, pollIntervalMs: 10, ...fast });
    const controller = new AbortController();
    const seen: string[] = [];
    try {
      for await (const e of source.stream({ from: 0, parent: null, filter: tokenFilter(), signal: controller.signal }) as AsyncIterable<SourceEvent>) {
        if (e.kind === "reorg") seen.push(`reorg:${e.ancestor.number}`);
        if (e.kind !== "block") continue;
        if (e.block.number >= 26) seen.push(`${e.block.number}:${e.block.hash === node.chain[e.block.number].hash ? "ok" : "stale"}`);
        if (e.block.number === 30 && seen.length === 5) node.chain = makeChain(33, 2, node.chain.slice(0, 27));
        if (e.block.number === 32) controller.abort();
      }
    } catch (error) {
      if ((error as Error).name !== "AbortError") throw error;
    }
    assert.deepEqual(seen, ["26:ok", "27:ok", "28:ok", "29:ok", "30:ok", "reorg:26", "27:ok", "28:ok", "29:ok", "30:ok", "31:ok", "32:ok"]);
  });

  test("eth_call answers are fetched at the block's hash and kept in the call cache file", async () => {
    node.chain = makeChain(10, 1);
    const file = path.join(mkdtempSync(path.join(tmpdir(), "calls-")), "calls.jsonl");
    const source = createRpcSource({ url, finalityDepth: 0, follow: false, callCache: createFileCallCache(file), ...fast });
    const blocks: ChainBlock[] = [];
    for await (const e of source.stream({ from: 9, parent: null, filter: tokenFilter() })) if (e.kind === "block") blocks.push(e.block);
    const block = blocks[0];
    const ok = { kind: "call" as const, to: TOKEN, data: "0x70a08231" };
    const bad = { kind: "call" as const, to: TOKEN, data: "0xdead" };
    assert.equal(source.calls.lookup(block, ok), undefined);
    await source.calls.fetch(block, [ok, bad]);
    assert.deepEqual(source.calls.lookup(block, ok), { value: "0x" + "2a".padStart(64, "0") });
    assert.deepEqual(source.calls.lookup(block, bad), { reverted: true });
    const reopened = createRpcSource({ url: "http://127.0.0.1:9", callCache: createFileCallCache(file) });
    assert.deepEqual(reopened.calls.lookup(block, ok), { value: "0x" + "2a".padStart(64, "0") });
  });
});
