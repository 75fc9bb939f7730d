/**
 * Recorded chains, read as block sources.
 *
 * Two forms:
 *
 * 1. graph-node's `gnd test` JSON (graph-node `gnd/docs/gnd-test.md`): `{ name, blocks: [{ number?,
 *    hash?, timestamp?, baseFeePerGas?, events: [{ address, event, params, txHash? }], ethCalls:
 *    [{ address, function, params, returns, reverts? }] }], assertions }`. Events are given by
 *    full signature with `indexed` and named parameters and are ABI-encoded here. Read whole.
 *
 * 2. Raw JSONL, one block per line, logs as eth_getLogs returns them. Streamed line by line.
 *    An optional first line `{"format":"raw-blocks","version":1,"network"?,"head"?}` names the
 *    network and the last block (for progress). Each other line:
 *
 *    ```
 *    {
 *      "number": 123,                       // integer, or "0x7b"; strictly increasing
 *      "hash": "0x…32 bytes",
 *      "parentHash": "0x…32 bytes",         // must equal the previous line's hash when that
 *                                           // line is block number - 1
 *      "timestamp": 1700000000,             // seconds; integer or "0x…"
 *      "baseFeePerGas": "7",                // optional; decimal string, integer or "0x…"
 *      "logs": [{                           // optional, default []; all logs of the block the
 *        "address": "0x…20 bytes",          //   subgraph may need, in any order
 *        "topics": ["0x…32 bytes", …],      //   0 to 4
 *        "data": "0x…",
 *        "logIndex": 0,                     //   integer or "0x…", unique in the block
 *        "transactionHash": "0x…32 bytes",
 *        "transactionIndex": 0              //   integer or "0x…"
 *      }],
 *      "transactions": [{                   // optional; transactions of the logs, as
 *        "hash", "transactionIndex",        //   eth_getBlockByNumber returns them; missing
 *        "from", "to", "value", "gas",      //   ones get a zero sender and empty fields
 *        "gasPrice", "input", "nonce"
 *      }],
 *      "calls": [                           // optional; eth_call answers at this block
 *        { "to": "0x…", "data": "0x…", "result": "0x…" },
 *        { "to": "0x…", "data": "0x…", "reverted": true }
 *      ]
 *    }
 *    ```
 *
 *    Blocks not listed are taken to be empty. A receipt holds the logs of its transaction that
 *    the line lists; its other fields are gnd-test's stubs.
 *
 * Malformed input is a `DatasetError` naming the line (JSONL) or JSON path (gnd), and the field.
 */
import { createReadStream, readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { createGunzip } from "node:zlib";
import type { AbiEvent, AbiParameter } from "viem";
import { DeterministicError } from "../common/errors.ts";
import { fromHex, toHex } from "../common/signedBytes.ts";
import { keccak256 } from "../host/crypto.ts";
import { eventTopic0, formatSolidityType, parseFunctionSignature, type SolType } from "../host/ethereum.ts";
import { viem } from "../host/viem.ts";
import {
  compareLogs,
  hashOfNumbers,
  requestKey,
  syntheticHeader,
  syntheticReceipts,
  syntheticTransaction,
  type BlockSource,
  type CallProvider,
  type ChainAnswer,
  type ChainBlock,
  type ChainLog,
  type ChainRequest,
  type SourceEvent,
  type StreamOptions,
} from "./source.ts";
import type { TransactionData } from "./types.ts";

export class DatasetError extends Error {
  override name = "DatasetError";
}

/** One block of a dataset, before it is turned into what handlers see. */
export type RecordedBlock = {
  number: number;
  hash: string;
  parentHash: string;
  timestamp: bigint;
  baseFeePerGas: bigint | null;
  logs: ChainLog[];
  /** Recorded transactions by hash; the others are synthesized. */
  transactions: Map<string, TransactionData>;
  /** eth_call answers by `requestKey`. */
  calls: Map<string, ChainAnswer>;
};

export type GndTest = {
  name: string;
  blocks: RecordedBlock[];
  assertions: Array<{ query: string; expected: unknown }>;
};

const ZERO_HASH = "0x" + "00".repeat(32);

// ---------------------------------------------------------------------------------------------
// Field readers: each names the place of a bad value

type Where = (field?: string | number) => string;

function at(base: string): Where {
  return (field) => {
    if (field === undefined) return base;
    if (typeof field === "number") return `${base}[${field}]`;
    return base === "" ? field : `${base}.${field}`;
  };
}

function fail(where: string, message: string): never {
  throw new DatasetError(`${where}: ${message}`);
}

function object(value: unknown, where: string): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) fail(where, "must be an object");
  return value as Record<string, unknown>;
}

function array(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) fail(where, "must be an array");
  return value;
}

function optionalArray(value: unknown, where: string): unknown[] {
  return value === undefined || value === null ? [] : array(value, where);
}

function quantity(value: unknown, where: string): bigint {
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  if (typeof value === "string") {
    if (/^0x[0-9a-fA-F]+$/.test(value) || /^[0-9]+$/.test(value)) return BigInt(value);
  }
  fail(where, `must be a non-negative integer (a number, a decimal string or 0x hex), got ${JSON.stringify(value)}`);
}

function smallQuantity(value: unknown, where: string): number {
  const n = quantity(value, where);
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) fail(where, `${n} is too large`);
  return Number(n);
}

function hexData(value: unknown, where: string, bytes?: number): string {
  if (typeof value !== "string" || !/^0x([0-9a-fA-F]{2})*$/.test(value)) {
    fail(where, `must be 0x-prefixed hex with an even number of digits, got ${JSON.stringify(value)}`);
  }
  if (bytes !== undefined && value.length !== 2 + 2 * bytes) {
    fail(where, `must be ${bytes} bytes of hex, got ${(value.length - 2) / 2}`);
  }
  return value.toLowerCase();
}

function string(value: unknown, where: string): string {
  if (typeof value !== "string") fail(where, "must be a string");
  return value;
}

// ---------------------------------------------------------------------------------------------
// gnd test JSON

/** Reads a gnd-test file; blocks without `number` count on from `startBlock` (the manifest's lowest). */
export function readGndTest(file: string, options: { startBlock: number }): GndTest {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new DatasetError(`${file}: not valid JSON: ${(error as Error).message}`);
  }
  try {
    return parseGndTest(json, options);
  } catch (error) {
    if (error instanceof DatasetError) throw new DatasetError(`${file}: ${error.message}`);
    throw error;
  }
}

export function parseGndTest(json: unknown, options: { startBlock: number }): GndTest {
  const root = object(json, "(top level)");
  const blocks: RecordedBlock[] = [];
  // As gnd does: numbers count on from the previous block, hashes chain the blocks.
  let next = options.startBlock;
  let parentHash = ZERO_HASH;
  let previous = -1;
  optionalArray(root.blocks, "blocks").forEach((entry, i) => {
    const w = at(`blocks[${i}]`);
    const block = gndBlock(object(entry, w()), w, next, parentHash);
    if (block.number <= previous) fail(w("number"), `${block.number} is not after the previous block ${previous}`);
    blocks.push(block);
    previous = block.number;
    next = block.number + 1;
    parentHash = block.hash;
  });
  const assertions = optionalArray(root.assertions, "assertions").map((entry, i) => {
    const a = object(entry, `assertions[${i}]`);
    if (!("expected" in a)) fail(`assertions[${i}].expected`, "is missing");
    return { query: string(a.query, `assertions[${i}].query`), expected: a.expected };
  });
  return { name: root.name === undefined ? "" : string(root.name, "name"), blocks, assertions };
}

function gndBlock(raw: Record<string, unknown>, w: Where, defaultNumber: number, parentHash: string): RecordedBlock {
  const number = raw.number === undefined ? defaultNumber : smallQuantity(raw.number, w("number"));
  const hash = raw.hash === undefined ? hashOfNumbers(number) : hexData(raw.hash, w("hash"), 32);
  // gnd's code (gnd/src/commands/test/trigger.rs) uses 12-second blocks; its doc says `number`.
  const timestamp = raw.timestamp === undefined ? BigInt(number) * 12n : quantity(raw.timestamp, w("timestamp"));
  const baseFeePerGas = raw.baseFeePerGas === undefined ? null : quantity(raw.baseFeePerGas, w("baseFeePerGas"));
  const logs: ChainLog[] = [];
  const txOrder: string[] = [];
  optionalArray(raw.events, w("events")).forEach((entry, logIndex) => {
    const e = at(w(`events[${logIndex}]`));
    const event = object(entry, e());
    const address = hexData(event.address, e("address"), 20);
    const { topics, data } = encodeGndEvent(string(event.event, e("event")), event.params ?? {}, e);
    const transactionHash =
      event.txHash === undefined ? hashOfNumbers(number, logIndex) : hexData(event.txHash, e("txHash"), 32);
    if (!txOrder.includes(transactionHash)) txOrder.push(transactionHash);
    logs.push({ address, topics, data, logIndex, transactionHash, transactionIndex: 0 });
  });
  // As in gnd, every log says transaction index 0, so logs run in declaration order; the
  // transactions themselves are numbered in order of first appearance.
  const transactions = new Map(txOrder.map((hash, i) => [hash, syntheticTransaction(hash, i)]));
  const calls = new Map<string, ChainAnswer>();
  optionalArray(raw.ethCalls, w("ethCalls")).forEach((entry, i) => {
    const c = at(w(`ethCalls[${i}]`));
    const call = object(entry, c());
    const { request, answer } = encodeGndCall(call, c);
    calls.set(requestKey(request), answer);
  });
  return { number, hash, parentHash, timestamp, baseFeePerGas, logs, transactions, calls };
}

function encodeGndEvent(signature: string, params: unknown, w: Where): { topics: string[]; data: string } {
  let event: AbiEvent;
  try {
    const text = signature.trim().startsWith("event ") ? signature.trim() : `event ${signature.trim()}`;
    event = viem().parseAbiItem(text) as AbiEvent;
    if (event?.type !== "event") throw new Error("not an event");
  } catch (error) {
    fail(w("event"), `\`${signature}\` is not an event signature like \`Transfer(address indexed from, uint256 value)\`: ${shortError(error)}`);
  }
  const values = object(params, w("params"));
  const topics = [toHex(eventTopic0(event))];
  const bodyTypes: AbiParameter[] = [];
  const bodyValues: unknown[] = [];
  for (const input of event.inputs) {
    const name = input.name ?? "";
    const pw = w(`params.${name}`);
    if (!(name in values)) fail(pw, `is missing (the event declares \`${name}\`)`);
    const type = solType(input, pw);
    if (input.indexed) topics.push(indexedTopic(type, values[name], pw));
    else {
      bodyTypes.push(input);
      bodyValues.push(jsonToAbiValue(type, values[name], pw));
    }
  }
  const data = bodyTypes.length === 0 ? "0x" : viem().encodeAbiParameters(bodyTypes, bodyValues);
  return { topics, data: data.toLowerCase() };
}

/** A topic for an indexed parameter: the word of a value type, keccak256 of string/bytes. */
function indexedTopic(type: SolType, value: unknown, where: string): string {
  switch (type.kind) {
    case "string":
      return toHex(keccak256(new TextEncoder().encode(string(value, where))));
    case "bytes":
      return toHex(keccak256(fromHex(hexData(value, where))));
    case "array":
    case "fixedArray":
    case "tuple":
      // gnd refuses these too (trigger.rs `sol_value_to_topic`).
      fail(where, `indexed ${formatSolidityType(type)} parameters are not supported`);
    default: {
      const param = viemParam(type);
      return viem().encodeAbiParameters([param], [jsonToAbiValue(type, value, where)]).toLowerCase();
    }
  }
}

/** An `ethCalls` entry: the request key as the runtime will compute it, and the answer. */
function encodeGndCall(call: Record<string, unknown>, w: Where): { request: ChainRequest; answer: ChainAnswer } {
  const to = hexData(call.address, w("address"), 20);
  const text = string(call.function, w("function"));
  let signature;
  try {
    signature = parseFunctionSignature(normalizeFunctionSignature(text));
  } catch (error) {
    fail(w("function"), `\`${text}\` is not a signature like \`balanceOf(address)(uint256)\`: ${shortError(error)}`);
  }
  const params = array(call.params ?? [], w("params"));
  if (params.length !== signature.inputs.length) {
    fail(w("params"), `\`${text}\` takes ${signature.inputs.length} parameters, got ${params.length}`);
  }
  const args = viem().encodeAbiParameters(
    signature.inputs.map(viemParam),
    signature.inputs.map((t, i) => jsonToAbiValue(t, params[i], w(`params[${i}]`))),
  );
  const data = (toHex(signature.selector) + args.slice(2)).toLowerCase();
  const request: ChainRequest = { kind: "call", to, data };
  if (call.reverts !== undefined && typeof call.reverts !== "boolean") fail(w("reverts"), "must be true or false");
  if (call.reverts === true) return { request, answer: { reverted: true } };
  const returns = array(call.returns ?? [], w("returns"));
  if (returns.length !== signature.outputs.length) {
    fail(w("returns"), `\`${text}\` returns ${signature.outputs.length} values, got ${returns.length}`);
  }
  const value = viem().encodeAbiParameters(
    signature.outputs.map(viemParam),
    signature.outputs.map((t, i) => jsonToAbiValue(t, returns[i], w(`returns[${i}]`))),
  );
  return { request, answer: { value: value.toLowerCase() } };
}

/** `name(in)(out)` (gnd's doc), `name(in):(out)` (graph-cli, gnd's code) or `name(in) returns (out)`. */
export function normalizeFunctionSignature(text: string): string {
  const s = text.trim().replace(/\)\s*returns\s*\(/, "):(");
  const close = matchingParen(s, s.indexOf("("));
  if (close < 0 || close === s.length - 1) return s;
  const rest = s.slice(close + 1).trim();
  return rest.startsWith(":") ? s : `${s.slice(0, close + 1)}:${rest}`;
}

function matchingParen(s: string, open: number): number {
  if (open < 0) return -1;
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === "(") depth++;
    else if (s[i] === ")" && --depth === 0) return i;
  }
  return -1;
}

function solType(param: AbiParameter, where: string): SolType {
  try {
    return abiParamToSolType(param);
  } catch (error) {
    fail(where, `type \`${param.type}\` is not supported: ${shortError(error)}`);
  }
}

function abiParamToSolType(param: AbiParameter): SolType {
  const match = /^(.*?)((\[\d*\])*)$/.exec(param.type)!;
  const base: SolType =
    match[1] === "tuple"
      ? { kind: "tuple", components: ((param as { components?: AbiParameter[] }).components ?? []).map(abiParamToSolType) }
      : parseBase(match[1]);
  let t = base;
  for (const dim of match[2].match(/\[\d*\]/g) ?? []) {
    t = dim === "[]" ? { kind: "array", element: t } : { kind: "fixedArray", element: t, length: Number(dim.slice(1, -1)) };
  }
  return t;
}

function parseBase(name: string): SolType {
  if (name === "address" || name === "bool" || name === "string" || name === "bytes" || name === "function") {
    return { kind: name };
  }
  let m = /^(u?)int(\d*)$/.exec(name);
  if (m) return { kind: m[1] ? "uint" : "int", bits: m[2] ? Number(m[2]) : 256 };
  m = /^bytes(\d+)$/.exec(name);
  if (m) return { kind: "fixedBytes", size: Number(m[1]) };
  throw new Error(`unknown type ${name}`);
}

function viemParam(t: SolType): AbiParameter {
  switch (t.kind) {
    case "tuple":
      return { type: "tuple", components: t.components.map(viemParam) } as AbiParameter;
    case "array": {
      const inner = viemParam(t.element);
      return { ...inner, type: `${inner.type}[]` } as AbiParameter;
    }
    case "fixedArray": {
      const inner = viemParam(t.element);
      return { ...inner, type: `${inner.type}[${t.length}]` } as AbiParameter;
    }
    default:
      return { type: formatSolidityType(t) };
  }
}

/** A JSON value as viem encodes the type, following gnd's `json_to_sol_value` conversions. */
function jsonToAbiValue(t: SolType, value: unknown, where: string): unknown {
  const bad = (what: string): never => fail(where, `expected ${what} for ${formatSolidityType(t)}, got ${JSON.stringify(value)}`);
  switch (t.kind) {
    case "address":
      if (typeof value !== "string" || !/^0x[0-9a-fA-F]{40}$/.test(value)) bad("a 20-byte 0x address");
      return (value as string).toLowerCase();
    case "bool":
      if (typeof value !== "boolean") bad("true or false");
      return value;
    case "string":
      if (typeof value !== "string") bad("a string");
      return value;
    case "bytes":
      return hexData(value, where);
    case "fixedBytes": {
      const hex = hexData(value, where);
      if ((hex.length - 2) / 2 > t.size) bad(`at most ${t.size} bytes`);
      return hex.padEnd(2 + 2 * t.size, "0");
    }
    case "uint":
    case "int": {
      let n: bigint;
      if (typeof value === "number") {
        if (!Number.isSafeInteger(value)) bad("an integer (use a string for large values)");
        n = BigInt(value);
      } else if (typeof value === "string" && /^-?(0x[0-9a-fA-F]+|[0-9]+)$/.test(value)) {
        n = value.startsWith("-") ? -BigInt(value.slice(1)) : BigInt(value);
      } else return bad("an integer (a number, a decimal or 0x string)");
      const limit = 1n << BigInt(t.kind === "uint" ? t.bits : t.bits - 1);
      if (t.kind === "uint" ? n < 0n || n >= limit : n < -limit || n >= limit) bad(`a value that fits`);
      return n;
    }
    case "array":
    case "fixedArray": {
      if (!Array.isArray(value)) bad("a JSON array");
      const items = value as unknown[];
      if (t.kind === "fixedArray" && items.length !== t.length) bad(`${t.length} elements`);
      return items.map((item, i) => jsonToAbiValue(t.element, item, `${where}[${i}]`));
    }
    case "tuple": {
      if (!Array.isArray(value) || value.length !== t.components.length) bad(`a JSON array of ${t.components.length} elements`);
      return (value as unknown[]).map((item, i) => jsonToAbiValue(t.components[i], item, `${where}[${i}]`));
    }
    case "function":
      return bad("a supported type");
  }
}

function shortError(error: unknown): string {
  const e = error as { shortMessage?: string; message?: string };
  return (e?.shortMessage ?? e?.message ?? String(error)).split("\n")[0];
}

// ---------------------------------------------------------------------------------------------
// Raw JSONL

export type RawHeader = { network: string | null; head: number | null };

/** Parses one raw block line. `where` names the line, e.g. `blocks.jsonl:12`. */
export function parseRawBlock(value: unknown, where: string): RecordedBlock {
  const raw = object(value, where);
  const field = (name: string) => `${where}: ${name}`;
  const number = smallQuantity(raw.number, field("number"));
  const hash = hexData(raw.hash, field("hash"), 32);
  const parentHash = hexData(raw.parentHash, field("parentHash"), 32);
  const timestamp = quantity(raw.timestamp, field("timestamp"));
  const baseFeePerGas =
    raw.baseFeePerGas === undefined || raw.baseFeePerGas === null ? null : quantity(raw.baseFeePerGas, field("baseFeePerGas"));
  const seen = new Set<number>();
  const logs = optionalArray(raw.logs, field("logs")).map((entry, i) => {
    const f = (name: string) => field(`logs[${i}].${name}`);
    const log = object(entry, field(`logs[${i}]`));
    const topics = array(log.topics, f("topics")).map((t, j) => hexData(t, field(`logs[${i}].topics[${j}]`), 32));
    if (topics.length > 4) fail(f("topics"), `has ${topics.length} topics, at most 4 are possible`);
    const logIndex = smallQuantity(log.logIndex, f("logIndex"));
    if (seen.has(logIndex)) fail(f("logIndex"), `${logIndex} appears twice in the block`);
    seen.add(logIndex);
    return {
      address: hexData(log.address, f("address"), 20),
      topics,
      data: hexData(log.data, f("data")),
      logIndex,
      transactionHash: hexData(log.transactionHash, f("transactionHash"), 32),
      transactionIndex: smallQuantity(log.transactionIndex, f("transactionIndex")),
    } satisfies ChainLog;
  });
  logs.sort(compareLogs);
  const transactions = new Map<string, TransactionData>();
  optionalArray(raw.transactions, field("transactions")).forEach((entry, i) => {
    const f = (name: string) => field(`transactions[${i}].${name}`);
    const tx = object(entry, field(`transactions[${i}]`));
    const hash = hexData(tx.hash, f("hash"), 32);
    transactions.set(hash, {
      hash: fromHex(hash),
      index: quantity(tx.transactionIndex ?? 0, f("transactionIndex")),
      from: fromHex(hexData(tx.from ?? "0x" + "00".repeat(20), f("from"), 20)),
      to: tx.to === undefined || tx.to === null ? null : fromHex(hexData(tx.to, f("to"), 20)),
      value: quantity(tx.value ?? 0, f("value")),
      gasLimit: quantity(tx.gas ?? 0, f("gas")),
      gasPrice: quantity(tx.gasPrice ?? 0, f("gasPrice")),
      input: fromHex(hexData(tx.input ?? "0x", f("input"))),
      nonce: quantity(tx.nonce ?? 0, f("nonce")),
    });
  });
  const calls = new Map<string, ChainAnswer>();
  optionalArray(raw.calls, field("calls")).forEach((entry, i) => {
    const f = (name: string) => field(`calls[${i}].${name}`);
    const call = object(entry, field(`calls[${i}]`));
    const request: ChainRequest = { kind: "call", to: hexData(call.to, f("to"), 20), data: hexData(call.data, f("data")) };
    let answer: ChainAnswer;
    if (call.reverted === true) answer = { reverted: true };
    else if (call.result !== undefined) answer = { value: hexData(call.result, f("result")) };
    else fail(field(`calls[${i}]`), "needs `result` (hex) or `reverted: true`");
    calls.set(requestKey(request), answer);
  });
  return { number, hash, parentHash, timestamp, baseFeePerGas, logs, transactions, calls };
}

function lineStream(file: string) {
  const input = createReadStream(file);
  return createInterface({ input: file.endsWith(".gz") ? input.pipe(createGunzip()) : input, crlfDelay: Infinity });
}

/** The optional header line of a raw file. */
export async function readRawHeader(file: string): Promise<RawHeader> {
  const lines = lineStream(file);
  try {
    for await (const line of lines) {
      if (line.trim() === "") continue;
      const parsed = parseLine(line, `${file}:1`);
      return isHeader(parsed) ? rawHeader(parsed, `${file}:1`) : { network: null, head: null };
    }
    return { network: null, head: null };
  } finally {
    lines.close();
  }
}

function parseLine(line: string, where: string): unknown {
  try {
    return JSON.parse(line);
  } catch (error) {
    throw new DatasetError(`${where}: not valid JSON: ${(error as Error).message}`);
  }
}

function isHeader(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && "format" in value;
}

function rawHeader(value: Record<string, unknown>, where: string): RawHeader {
  if (value.format !== "raw-blocks") fail(`${where}: format`, `must be "raw-blocks", got ${JSON.stringify(value.format)}`);
  if (value.version !== 1) fail(`${where}: version`, `must be 1, got ${JSON.stringify(value.version)}`);
  return {
    network: value.network === undefined ? null : string(value.network, `${where}: network`),
    head: value.head === undefined ? null : smallQuantity(value.head, `${where}: head`),
  };
}

/** The blocks of a raw JSONL file (`.jsonl` or `.jsonl.gz`), one line at a time, checked. */
export async function* readRawBlocks(file: string): AsyncGenerator<RecordedBlock> {
  const lines = lineStream(file);
  let lineNumber = 0;
  let previous: RecordedBlock | null = null;
  try {
    for await (const line of lines) {
      lineNumber++;
      if (line.trim() === "") continue;
      const where = `${file}:${lineNumber}`;
      const parsed = parseLine(line, where);
      if (lineNumber === 1 && isHeader(parsed)) {
        rawHeader(parsed, where);
        continue;
      }
      const block = parseRawBlock(parsed, where);
      if (previous) {
        if (block.number <= previous.number) {
          fail(`${where}: number`, `${block.number} is not after the previous block ${previous.number}`);
        }
        if (block.number === previous.number + 1 && block.parentHash !== previous.hash) {
          fail(`${where}: parentHash`, `${block.parentHash} is not the hash of block ${previous.number} (${previous.hash})`);
        }
      }
      previous = block;
      yield block;
    }
  } finally {
    lines.close();
  }
}

// ---------------------------------------------------------------------------------------------
// As a block source

export function toChainBlock(r: RecordedBlock): ChainBlock {
  const transactions = new Map<string, TransactionData>();
  for (const log of r.logs) {
    if (!transactions.has(log.transactionHash)) {
      transactions.set(log.transactionHash, r.transactions.get(log.transactionHash) ?? syntheticTransaction(log.transactionHash, log.transactionIndex));
    }
  }
  return {
    number: r.number,
    hash: r.hash,
    parentHash: r.parentHash,
    timestamp: r.timestamp,
    header: syntheticHeader(r),
    logs: r.logs,
    transactions,
    receipts: syntheticReceipts(r),
  };
}

/** eth_call answers of the dataset, kept for the block being processed. */
class RecordedCalls implements CallProvider {
  private readonly byBlock = new WeakMap<ChainBlock, Map<string, ChainAnswer>>();

  attach(block: ChainBlock, calls: Map<string, ChainAnswer>): void {
    this.byBlock.set(block, calls);
  }

  lookup(block: ChainBlock, request: ChainRequest): ChainAnswer | undefined {
    const answer = this.byBlock.get(block)?.get(requestKey(request));
    if (answer) return answer;
    throw new DatasetMissError(block, request);
  }

  async fetch(): Promise<void> {}
}

/** A contract read the dataset has no answer for. Deterministic: the data will not change. */
export class DatasetMissError extends DeterministicError {
  constructor(block: ChainBlock, request: ChainRequest) {
    const what =
      request.kind === "call" ? `eth_call to ${request.to} with data ${request.data}` : `${request.kind} of ${request.address}`;
    super(`the dataset has no answer for ${what} at block ${block.number}`);
  }
}

export type DatasetSourceOptions = {
  /** Where gnd-test blocks without `number` start: the manifest's lowest startBlock. */
  startBlock: number;
};

/** A block source over a gnd-test `.json` file or a raw `.jsonl`/`.jsonl.gz` file. */
export function createDatasetSource(file: string, options: DatasetSourceOptions): BlockSource {
  const calls = new RecordedCalls();
  const isRaw = /\.jsonl(\.gz)?$/.test(file);
  let gnd: GndTest | null = null;
  const loadGnd = () => (gnd ??= readGndTest(file, options));
  let header: RawHeader | null = null;
  const loadHeader = async () => (header ??= isRaw ? await readRawHeader(file) : { network: null, head: null });

  async function* recorded(): AsyncGenerator<RecordedBlock> {
    if (isRaw) yield* readRawBlocks(file);
    else yield* loadGnd().blocks;
  }

  return {
    get network() {
      return header?.network ?? null;
    },
    calls,
    async head() {
      if (!isRaw) return loadGnd().blocks.at(-1)?.number ?? null;
      return (await loadHeader()).head;
    },
    async *stream(stream: StreamOptions): AsyncGenerator<SourceEvent> {
      await loadHeader();
      let last: RecordedBlock | null = null;
      for await (const r of recorded()) {
        stream.signal?.throwIfAborted();
        if (r.number < stream.from) continue;
        if (stream.to !== undefined && r.number > stream.to) break;
        if (last === null && stream.parent?.hash && r.number === stream.parent.number + 1 && r.parentHash !== stream.parent.hash) {
          throw new DatasetError(
            `${file}: block ${r.number} has parent ${r.parentHash}, but block ${stream.parent.number} was indexed with hash ${stream.parent.hash}; the dataset changed since`,
          );
        }
        const block = toChainBlock(r);
        calls.attach(block, r.calls);
        last = r;
        yield { kind: "block", block };
      }
    },
    async refetch(block) {
      return block;
    },
    async close() {},
  };
}

