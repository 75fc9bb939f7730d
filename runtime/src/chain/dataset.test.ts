import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, test } from "node:test";
import { gzipSync } from "node:zlib";
import type { AbiEvent } from "viem";
import { fromHex, toHex } from "../common/signedBytes.ts";
import { keccak256 } from "../host/crypto.ts";
import { decodeEventLog, encodeFunctionCall } from "../host/ethereum.ts";
import {
  createDatasetSource,
  DatasetError,
  normalizeFunctionSignature,
  parseGndTest,
  readRawBlocks,
  type RecordedBlock,
} from "./dataset.ts";
import { hashOfNumbers, requestKey, type ChainBlock, type SourceEvent, type TriggerFilter } from "./source.ts";

const A = "0x00000000000000000000000000000000000000aa";
const B = "0x00000000000000000000000000000000000000bb";
const TOKEN = "0x0000000000000000000000000000000000000001";
const TRANSFER: AbiEvent = {
  type: "event",
  name: "Transfer",
  inputs: [
    { name: "from", type: "address", indexed: true },
    { name: "to", type: "address", indexed: true },
    { name: "value", type: "uint256", indexed: false },
  ],
};
const dir = mkdtempSync(path.join(tmpdir(), "dataset-"));

function transfer(from: string, to: string, value: string | number, extra: object = {}) {
  return {
    address: TOKEN,
    event: "Transfer(address indexed from, address indexed to, uint256 value)",
    params: { from, to, value },
    ...extra,
  };
}

const anyFilter: TriggerFilter = {
  addresses: null,
  topic0s: new Set(),
  wantsBlock: () => true,
  needsReceipt: () => true,
  version: 0,
};

async function collect(events: AsyncIterable<SourceEvent>): Promise<ChainBlock[]> {
  const out: ChainBlock[] = [];
  for await (const e of events) if (e.kind === "block") out.push(e.block);
  return out;
}

describe("gnd test files", () => {
  test("events are ABI-encoded: indexed parameters as topics, the rest as data", () => {
    const t = parseGndTest({ blocks: [{ events: [transfer(A.toUpperCase().replace("0X", "0x"), B, "1000")] }] }, { startBlock: 0 });
    const log = t.blocks[0].logs[0];
    assert.equal(log.topics.length, 3);
    assert.equal(log.topics[1], "0x" + "00".repeat(12) + A.slice(2));
    const params = decodeEventLog(TRANSFER, log.topics.map(fromHex), fromHex(log.data));
    assert.deepEqual(
      params.map((p) => [p.name, p.value.kind, p.value.kind === "uint" ? p.value.value : toHex(p.value.value as Uint8Array)]),
      [
        ["from", "address", A],
        ["to", "address", B],
        ["value", "uint", 1000n],
      ],
    );
  });

  test("indexed strings and bytes become their keccak256 hash", () => {
    const t = parseGndTest(
      {
        blocks: [
          {
            events: [
              { address: TOKEN, event: "Named(string indexed name, bytes indexed blob, bool ok)", params: { name: "abc", blob: "0x0102", ok: true } },
            ],
          },
        ],
      },
      { startBlock: 0 },
    );
    const log = t.blocks[0].logs[0];
    assert.equal(log.topics[1], toHex(keccak256(new TextEncoder().encode("abc"))));
    assert.equal(log.topics[2], toHex(keccak256(Uint8Array.from([1, 2]))));
    assert.equal(log.data, "0x" + "00".repeat(31) + "01");
  });

  test("missing fields take gnd's defaults, numbering from the manifest's lowest startBlock", () => {
    const t = parseGndTest({ blocks: [{ events: [transfer(A, B, 1)] }, {}, { number: 200 }, {}] }, { startBlock: 50 });
    assert.deepEqual(
      t.blocks.map((b) => b.number),
      [50, 51, 200, 201],
    );
    const [first, second] = t.blocks;
    assert.equal(first.hash, toHex(keccak256(fromHex("0x0000000000000032"))));
    assert.equal(first.parentHash, "0x" + "00".repeat(32));
    assert.equal(second.parentHash, first.hash);
    assert.equal(first.timestamp, 600n);
    assert.equal(first.baseFeePerGas, null);
    assert.equal(first.logs[0].transactionHash, hashOfNumbers(50, 0));
  });

  test("events sharing a txHash share one receipt, in declaration order", async () => {
    const tx = "0x" + "de".repeat(32);
    const file = path.join(dir, "receipts.json");
    writeFileSync(
      file,
      JSON.stringify({
        blocks: [{ events: [transfer(A, B, 1, { txHash: tx }), transfer(B, A, 2), transfer(B, A, 3, { txHash: tx })] }],
      }),
    );
    const [block] = await collect(createDatasetSource(file, { startBlock: 0 }).stream({ from: 0, parent: null, filter: anyFilter }));
    assert.deepEqual(
      block.logs.map((l) => [l.logIndex, l.transactionIndex]),
      [
        [0, 0],
        [1, 0],
        [2, 0],
      ],
    );
    assert.deepEqual(
      [...block.transactions.values()].map((t) => [toHex(t.hash), t.index]),
      [
        [tx, 0n],
        [hashOfNumbers(0, 1), 1n],
      ],
    );
    assert.equal(block.receipts.get(tx)!.logs.length, 2);
    assert.deepEqual(
      block.receipts.get(tx)!.logs.map((l) => l.logIndex),
      [0n, 2n],
    );
    assert.equal(block.transactions.size, 2);
  });

  test("ethCalls are keyed by the call data the runtime encodes, at their block", async () => {
    const file = path.join(dir, "calls.json");
    writeFileSync(
      file,
      JSON.stringify({
        blocks: [
          {
            ethCalls: [
              { address: TOKEN, function: "balanceOf(address)(uint256)", params: [A], returns: ["1000000000000000000"] },
              { address: TOKEN, function: "symbol():(string)", params: [], returns: [], reverts: true },
            ],
          },
          {},
        ],
      }),
    );
    const source = createDatasetSource(file, { startBlock: 7 });
    const [first, second] = await collect(source.stream({ from: 0, parent: null, filter: anyFilter }));
    const data = toHex(encodeFunctionCall("balanceOf(address):(uint256)", [{ kind: "address", value: fromHex(A) }]));
    assert.deepEqual(source.calls.lookup(first, { kind: "call", to: TOKEN, data }), {
      value: "0x" + (10n ** 18n).toString(16).padStart(64, "0"),
    });
    const symbol = toHex(encodeFunctionCall("symbol():(string)", []));
    assert.deepEqual(source.calls.lookup(first, { kind: "call", to: TOKEN, data: symbol }), { reverted: true });
    assert.throws(() => source.calls.lookup(second, { kind: "call", to: TOKEN, data }), /no answer for eth_call .* at block 8/);
  });

  test("function signatures are read in gnd's, graph-cli's and Solidity's spelling", () => {
    assert.equal(normalizeFunctionSignature("balanceOf(address)(uint256)"), "balanceOf(address):(uint256)");
    assert.equal(normalizeFunctionSignature("balanceOf(address):(uint256)"), "balanceOf(address):(uint256)");
    assert.equal(normalizeFunctionSignature("f((uint8,bool)) returns (uint256)"), "f((uint8,bool)):(uint256)");
    assert.equal(normalizeFunctionSignature("transfer(address,uint256)"), "transfer(address,uint256)");
  });

  test("malformed files are rejected with the JSON path and the field", () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ blocks: {} }, /^blocks: must be an array/],
      [{ blocks: [{ number: -1 }] }, /^blocks\[0\]\.number: must be a non-negative integer/],
      [{ blocks: [{ events: [{ address: "0x12", event: "E()" }] }] }, /^blocks\[0\]\.events\[0\]\.address: must be 20 bytes/],
      [{ blocks: [{ events: [transfer(A, B, "ten")] }] }, /^blocks\[0\]\.events\[0\]\.params\.value: expected an integer .* for uint256, got "ten"/],
      [{ blocks: [{ events: [{ address: TOKEN, event: "Transfer(address indexed from)", params: {} }] }] }, /^blocks\[0\]\.events\[0\]\.params\.from: is missing/],
      [{ blocks: [{ events: [{ address: TOKEN, event: "Transfer(", params: {} }] }] }, /^blocks\[0\]\.events\[0\]\.event: `Transfer\(` is not an event signature/],
      [{ blocks: [{ number: 5 }, { number: 5 }] }, /^blocks\[1\]\.number: 5 is not after the previous block 5/],
      [
        { blocks: [{ ethCalls: [{ address: TOKEN, function: "balanceOf(address)(uint256)", params: [], returns: ["1"] }] }] },
        /^blocks\[0\]\.ethCalls\[0\]\.params: `balanceOf\(address\)\(uint256\)` takes 1 parameters, got 0/,
      ],
      [{ assertions: [{ query: "{ a }" }] }, /^assertions\[0\]\.expected: is missing/],
    ];
    for (const [json, message] of cases) {
      assert.throws(() => parseGndTest(json, { startBlock: 0 }), (e: Error) => e instanceof DatasetError && message.test(e.message));
    }
  });
});

function rawLine(number: number, extra: Record<string, unknown> = {}) {
  return JSON.stringify({
    number,
    hash: hashOfNumbers(number),
    parentHash: number === 0 ? "0x" + "00".repeat(32) : hashOfNumbers(number - 1),
    timestamp: 1000 + number,
    ...extra,
  });
}

function rawLog(logIndex: number, txIndex = 0) {
  return {
    address: TOKEN,
    topics: ["0x" + "11".repeat(32)],
    data: "0x",
    logIndex,
    transactionHash: "0x" + String(txIndex).padStart(2, "0").repeat(32),
    transactionIndex: txIndex,
  };
}

async function readAll(file: string): Promise<RecordedBlock[]> {
  const out: RecordedBlock[] = [];
  for await (const b of readRawBlocks(file)) out.push(b);
  return out;
}

describe("raw JSONL datasets", () => {
  test("blocks are read line by line with their logs, transactions and call answers", async () => {
    const file = path.join(dir, "raw.jsonl");
    const call = { to: TOKEN, data: "0x70a08231", result: "0x" + "00".repeat(31) + "05" };
    writeFileSync(
      file,
      [
        JSON.stringify({ format: "raw-blocks", version: 1, network: "arbitrum-one", head: 9 }),
        rawLine(3, { logs: [rawLog(2, 1), rawLog(0, 0)], calls: [call, { to: TOKEN, data: "0x01", reverted: true }] }),
        "",
        rawLine(4, { baseFeePerGas: "0x10", transactions: [{ hash: rawLog(0, 5).transactionHash, from: A, to: B, value: "7", input: "0xabcd" }] }),
        rawLine(9),
      ].join("\n"),
    );
    const blocks = await readAll(file);
    assert.deepEqual(
      blocks.map((b) => b.number),
      [3, 4, 9],
    );
    assert.deepEqual(
      blocks[0].logs.map((l) => l.logIndex),
      [0, 2],
    );
    assert.deepEqual(blocks[0].calls.get(requestKey({ kind: "call", to: TOKEN, data: "0x70a08231" })), { value: call.result });
    assert.equal(blocks[1].baseFeePerGas, 16n);
    assert.equal(blocks[1].transactions.get(rawLog(0, 5).transactionHash)!.value, 7n);

    const source = createDatasetSource(file, { startBlock: 0 });
    assert.equal(await source.head(), 9);
    const streamed = await collect(source.stream({ from: 4, to: 8, parent: null, filter: anyFilter }));
    assert.deepEqual(
      streamed.map((b) => b.number),
      [4],
    );
    assert.equal(source.network, "arbitrum-one");
  });

  test("gzip files are streamed too", async () => {
    const file = path.join(dir, "raw.jsonl.gz");
    writeFileSync(file, gzipSync([rawLine(0), rawLine(1)].join("\n")));
    assert.equal((await readAll(file)).length, 2);
  });

  test("malformed lines are rejected with the line number and the field", async () => {
    const cases: Array<[string[], RegExp]> = [
      [[rawLine(0), "{oops"], /bad\.jsonl:2: not valid JSON/],
      [[rawLine(0), rawLine(1, { hash: "0x12" })], /bad\.jsonl:2: hash: must be 32 bytes of hex, got 1/],
      [[rawLine(0, { logs: [rawLog(0), { ...rawLog(1), topics: ["0x1"] }] })], /bad\.jsonl:1: logs\[1\]\.topics\[0\]: must be 0x-prefixed hex/],
      [[rawLine(0, { logs: [rawLog(0), rawLog(0)] })], /bad\.jsonl:1: logs\[1\]\.logIndex: 0 appears twice/],
      [[rawLine(0, { logs: [{ ...rawLog(0), transactionIndex: "x" }] })], /bad\.jsonl:1: logs\[0\]\.transactionIndex: must be a non-negative integer/],
      [[rawLine(0, { calls: [{ to: TOKEN, data: "0x" }] })], /bad\.jsonl:1: calls\[0\]: needs `result`/],
      [[rawLine(0), rawLine(2), rawLine(1)], /bad\.jsonl:3: number: 1 is not after the previous block 2/],
      [[rawLine(0), rawLine(1, { parentHash: "0x" + "ab".repeat(32) })], /bad\.jsonl:2: parentHash: 0xabab.* is not the hash of block 0/],
      [[JSON.stringify({ format: "raw-blocks", version: 2 })], /bad\.jsonl:1: version: must be 1/],
    ];
    for (const [lines, message] of cases) {
      const file = path.join(dir, "bad.jsonl");
      writeFileSync(file, lines.join("\n"));
      await assert.rejects(readAll(file), (e: Error) => e instanceof DatasetError && message.test(e.message), String(message));
    }
  });

  test("a dataset that no longer continues the indexed chain is refused", async () => {
    const file = path.join(dir, "changed.jsonl");
    writeFileSync(file, [rawLine(0), rawLine(1)].join("\n"));
    const source = createDatasetSource(file, { startBlock: 0 });
    await assert.rejects(
      collect(source.stream({ from: 1, parent: { number: 0, hash: "0x" + "ff".repeat(32) }, filter: anyFilter })),
      /block 1 has parent .* but block 0 was indexed with hash 0xffff/,
    );
  });
});
