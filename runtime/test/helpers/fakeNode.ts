/**
 * A JSON-RPC node on loopback (127.0.0.1, ephemeral port) serving recorded blocks, with
 * injected faults: HTTP 500, 429 with Retry-After, timeouts, truncated bodies, invalid JSON and
 * JSON-RPC errors. The chain can be replaced while a client reads it (a reorg).
 */
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { readRawBlocks, type RecordedBlock } from "../../src/chain/dataset.ts";
import { requestKey } from "../../src/chain/source.ts";

export const FAULTS = ["http500", "http429", "timeout", "truncated", "invalidJson", "rpcError"] as const;
export type Fault = (typeof FAULTS)[number];

const hex = (n: number | bigint) => "0x" + n.toString(16);

export async function readChain(file: string): Promise<RecordedBlock[]> {
  const blocks: RecordedBlock[] = [];
  for await (const b of readRawBlocks(file)) blocks.push(b);
  return blocks;
}

/**
 * `base` up to and including block `fork`, then the blocks of `other` after it, the first of
 * them re-parented onto `base`'s block `fork`: the canonical chain after a reorg.
 */
export function forkChain(base: RecordedBlock[], other: RecordedBlock[], fork: number): RecordedBlock[] {
  const head = base.filter((b) => b.number <= fork);
  const tail = other.filter((b) => b.number > fork).map((b) => ({ ...b }));
  if (tail.length > 0 && head.length > 0) tail[0].parentHash = head.at(-1)!.hash;
  return [...head, ...tail];
}

export class FakeNode {
  /** Blocks by position; `number` need not start at 0 (earlier numbers are empty blocks). */
  chain: RecordedBlock[] = [];
  chainId = 1;
  /** Every `faultEvery`-th request fails, cycling through `faults`. */
  faultEvery = 0;
  faults: readonly Fault[] = FAULTS;
  /** Faults injected so far, by kind. */
  injected: Partial<Record<Fault, number>> = {};
  maxLogRange = 50;
  /** Called with each request's method before it is answered (to change the chain mid-run). */
  onRequest?: (method: string, params: any[]) => void;
  requests = 0;
  private server: Server;
  url = "";

  constructor() {
    this.server = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => this.handle(body, res));
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(body: string, res: ServerResponse): void {
    const { id, method, params } = JSON.parse(body);
    this.requests++;
    this.onRequest?.(method, params);
    if (this.faultEvery > 0 && this.requests % this.faultEvery === 0) {
      const fault = this.faults[Math.floor(this.requests / this.faultEvery) % this.faults.length];
      this.injected[fault] = (this.injected[fault] ?? 0) + 1;
      switch (fault) {
        case "http500":
          return void res.writeHead(500).end("oops");
        case "http429":
          return void res.writeHead(429, { "retry-after": "0" }).end("slow down");
        case "timeout":
          return void setTimeout(() => res.destroyed || res.end(), 400);
        case "rpcError":
          return this.reply(res, { jsonrpc: "2.0", id, error: { code: -32000, message: "internal error" } });
        case "invalidJson":
          res.writeHead(200, { "content-type": "application/json" });
          return void res.end("<html>bad gateway</html>");
        case "truncated": {
          const full = JSON.stringify({ jsonrpc: "2.0", id, ...this.answer(method, params) });
          res.writeHead(200, { "content-type": "application/json" });
          return void res.end(full.slice(0, Math.floor(full.length / 2)));
        }
      }
    }
    this.reply(res, { jsonrpc: "2.0", id, ...this.answer(method, params) });
  }

  private reply(res: ServerResponse, message: object): void {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(message));
  }

  private byNumber(n: number): RecordedBlock | undefined {
    const first = this.chain[0]?.number ?? 0;
    return this.chain[n - first];
  }

  private rawLogs(b: RecordedBlock) {
    return b.logs.map((l) => ({
      ...l,
      blockNumber: hex(b.number),
      blockHash: b.hash,
      logIndex: hex(l.logIndex),
      transactionIndex: hex(l.transactionIndex),
      removed: false,
    }));
  }

  private rawBlock(b: RecordedBlock, full: boolean) {
    const txs = new Map<string, number>();
    for (const l of b.logs) if (!txs.has(l.transactionHash)) txs.set(l.transactionHash, l.transactionIndex);
    return {
      number: hex(b.number),
      hash: b.hash,
      parentHash: b.parentHash,
      timestamp: hex(b.timestamp),
      gasUsed: "0x0",
      gasLimit: "0x1c9c380",
      transactions: full
        ? [...txs].map(([hash, index]) => ({
            hash,
            transactionIndex: hex(index),
            from: "0x" + "00".repeat(20),
            to: null,
            value: "0x0",
            gas: "0x0",
            gasPrice: "0x0",
            input: "0x",
            nonce: "0x0",
          }))
        : [...txs.keys()],
    };
  }

  private answer(method: string, params: any[]): { result?: unknown; error?: { code: number; message: string } } {
    const last = this.chain.at(-1);
    switch (method) {
      case "eth_chainId":
        return { result: hex(this.chainId) };
      case "eth_blockNumber":
        return { result: hex(last?.number ?? 0) };
      case "eth_getBlockByNumber": {
        const b = params[0] === "latest" ? last : this.byNumber(Number(params[0]));
        return { result: b ? this.rawBlock(b, params[1]) : null };
      }
      case "eth_getLogs": {
        const q = params[0];
        let blocks: RecordedBlock[];
        if (q.blockHash) blocks = this.chain.filter((b) => b.hash === q.blockHash);
        else {
          const from = Number(q.fromBlock);
          const to = Number(q.toBlock);
          if (to - from + 1 > this.maxLogRange) return { error: { code: -32005, message: "query returned more than 10000 results" } };
          blocks = this.chain.filter((b) => b.number >= from && b.number <= to);
        }
        const addresses: string[] | undefined = q.address;
        const topics: string[] = q.topics?.[0] ?? [];
        return {
          result: blocks.flatMap((b) =>
            this.rawLogs(b).filter((l) => (!addresses || addresses.includes(l.address)) && topics.includes(l.topics[0])),
          ),
        };
      }
      case "eth_call": {
        const block = this.chain.find((b) => b.hash === params[1]?.blockHash);
        if (!block) return { error: { code: -32000, message: `header not found` } };
        const answer = block.calls.get(requestKey({ kind: "call", to: params[0].to, data: params[0].data }));
        if (!answer) return { result: "0x" };
        if ("reverted" in answer) return { error: { code: 3, message: "execution reverted" } };
        return { result: answer.value };
      }
      default:
        return { error: { code: -32601, message: `no method ${method}` } };
    }
  }
}
