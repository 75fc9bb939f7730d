import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { before, beforeEach, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { DeterministicError } from "../src/common/errors.ts";
import { fromHex, toHex } from "../src/common/signedBytes.ts";
import type { Entity } from "../src/common/values.ts";
import { bigDecimalFromReadParts } from "../src/host/bigDecimal.ts";
import { createHostImports } from "../src/host/imports.ts";
import { createMappingHostContext } from "../src/mapping/hostContext.ts";
import { instantiateMapping, type MappingInstance } from "../src/mapping/instance.ts";
import { loadSchema } from "../src/schema/model.ts";
import { createMemoryEntityStore, EntityCache, type MemoryEntityStore } from "../src/store/entityCache.ts";
import { TriggerWriter } from "../src/asc/triggers.ts";
import type { EventData } from "../src/chain/types.ts";
import { compileTestFile, loadAscCompiler } from "../src/testing/compile.ts";
import { loadTestConfig } from "../src/testing/config.ts";

// A graph-ts module (fixtures/host/host.ts) run on the graph-node host: values cross the
// boundary both ways, and the module answers in text we can compare exactly.

const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures", "host");
const TOKEN = "0x00000000000000000000000000000000000000aa";
const RICH = "0x00000000000000000000000000000000000000a1";
const POOR = "0x00000000000000000000000000000000000000a2";

let module: WebAssembly.Module;
let instance: MappingInstance;
let base: MemoryEntityStore;
let cache: EntityCache;
let logs: Array<[number, string]>;
let created: Array<[string, string[], Entity | null]>;
const ipfsDir = mkdtempSync(path.join(tmpdir(), "ipfs-"));

before(() => {
  const asc = loadAscCompiler(fixture);
  const result = compileTestFile(asc, {
    source: path.join(fixture, "host.ts"),
    outFile: path.join(fixture, ".bin", "host.wasm"),
    projectDir: fixture,
    libsFolder: loadTestConfig(fixture).libsFolder,
  });
  if (!result.ok) throw new Error(result.message);
  module = new WebAssembly.Module(readFileSync(result.wasmFile));
  writeFileSync(path.join(ipfsDir, "QmText"), "hello ipfs");
  writeFileSync(path.join(ipfsDir, "QmLines"), '{"id":"j1"}\n\n{"id":"j2"}\n');
});

beforeEach(() => {
  logs = [];
  created = [];
  base = createMemoryEntityStore();
  cache = new EntityCache(loadSchema(readFileSync(path.join(fixture, "schema.graphql"), "utf8")), base, { apiVersion: "0.0.9" });
  cache.startBlock({ number: 1, timestamp: 1000n });
  const ctx = createMappingHostContext({
    apiVersion: "0.0.9",
    store: cache,
    dataSource: {
      name: "Token",
      network: "arbitrum-one",
      address: fromHex(TOKEN),
      context: new Map([["kind", { kind: "String", value: "main" }]]),
      templates: ["Wallet"],
    },
    chain: {
      call: (call) => {
        const owner = call.functionParams[0];
        if (owner.kind === "address" && toHex(owner.value) === RICH) return [{ kind: "uint", value: 42n }];
        return null;
      },
      getBalance: () => 10n ** 18n,
      hasCode: (address) => toHex(address) === TOKEN,
    },
    onCreateDataSource: (template, params, context) => created.push([template, params, context]),
    log: (level, message) => logs.push([level, message]),
    ipfsDir,
    ensNames: new Map(),
  });
  instance = instantiateMapping(module, (binding) => createHostImports(binding, ctx), bigDecimalFromReadParts);
});

/** Calls an export with string or number arguments; returns the string it returns, if any. */
function call(name: string, ...args: Array<string | number>): string | undefined {
  const mem = instance.values.mem;
  const pointers = args.map((a) => (typeof a === "string" ? mem.writeString(a) : a));
  const result = instance.callExport(name, ...pointers);
  return typeof result === "number" && result !== 0 ? mem.readString(result) : undefined;
}

function commitBlock(): void {
  base.apply(cache.takeBlockChanges());
}

describe("store through the host", () => {
  test("every value kind round-trips between AssemblyScript and the host", () => {
    call("saveAllKinds", "t1");
    const stored = cache.get("Thing", "t1")!;
    assert.deepEqual(stored.get("name"), { kind: "String", value: "café 😀" });
    assert.deepEqual(stored.get("count"), { kind: "Int", value: -7 });
    assert.deepEqual(stored.get("big"), { kind: "BigInt", value: -123456789012345678901234567890n });
    assert.deepEqual(stored.get("ratio"), { kind: "BigDecimal", value: { digits: -15n, exp: -1n } });
    assert.deepEqual(stored.get("raw"), { kind: "Bytes", value: Uint8Array.from([0, 255, 16]) });
    assert.deepEqual(stored.get("int8"), { kind: "Int8", value: -9007199254740993n });
    assert.deepEqual(stored.get("at"), { kind: "Timestamp", value: 1700000000000000n });
    assert.equal(
      call("describeEntity", "Thing", "t1"),
      "at=Timestamp(1700000000000000);big=BigInt(-123456789012345678901234567890);count=Int(-7);flag=Bool(true);id=String(t1);int8=Int8(-9007199254740993);name=String(café 😀);names=[String(a),String(),String(c)];owner=String(o1);ratio=BigDecimal(-1.5);raw=Bytes(0x00ff10)",
    );
  });

  test("a partial update merges into the stored entity and get_in_block sees only this block", () => {
    call("saveAllKinds", "t1");
    commitBlock();
    cache.startBlock({ number: 2, timestamp: 2000n });
    assert.equal(call("describeInBlock", "Thing", "t1"), "null");
    call("saveFields", "t1", "renamed");
    assert.match(call("describeEntity", "Thing", "t1")!, /count=Int\(-7\);.*name=String\(renamed\)/);
    assert.equal(call("describeInBlock", "Thing", "t1"), "id=String(t1);name=String(renamed)");
  });

  test("setting a field to null removes it", () => {
    call("saveAllKinds", "t1");
    commitBlock();
    cache.startBlock({ number: 2, timestamp: 2000n });
    call("saveWithNull", "t1");
    commitBlock();
    assert.equal(base.get("Thing", "t1")!.has("name"), false);
  });

  test("derived fields load related entities", () => {
    call("saveAllKinds", "t1");
    call("saveAllKinds", "t2");
    assert.match(call("describeRelated", "Owner", "o1", "things")!, /id=String\(t1\).* \| .*id=String\(t2\)/);
  });

  test("graph-node's validation errors reach the mapping as deterministic errors", () => {
    assert.throws(() => call("saveUnknownField", "x"), {
      name: "DeterministicError",
      message: "Attempted to set undefined fields [color] for the entity type `Thing`. Make sure those fields are defined in the schema.",
    });
    assert.throws(() => call("saveWrongType", "x"), {
      message: "Entity Thing[x]: the value `seven` for field `count` must have type Int but has type String",
    });
    assert.throws(() => call("remove", "Nope", "x"), DeterministicError);
  });

  test("removing a missing entity is a no-op, as in graph-node", () => {
    call("remove", "Thing", "missing");
    assert.equal(call("describeEntity", "Thing", "missing"), "null");
  });

  test("an immutable entity cannot be written again in a later block", () => {
    call("saveFrozen", "f1", 1);
    commitBlock();
    cache.startBlock({ number: 2, timestamp: 2000n });
    assert.throws(() => call("saveFrozen", "f1", 2), /immutable/);
  });
});

describe("numbers through the host", () => {
  test("BigInt operations follow graph-node", () => {
    assert.equal(call("bigIntOp", "div", "-7", "2"), "-3");
    assert.equal(call("bigIntOp", "mod", "-7", "2"), "-1");
    assert.equal(call("bigIntOp", "shr", "-5", "1"), "-3");
    assert.equal(call("bigIntOp", "and", "-1", "255"), "255");
    assert.equal(call("bigIntOp", "pow", "2", "255"), (2n ** 255n).toString());
    assert.equal(call("bigIntOp", "hex", "-255", "0"), "0xff");
    assert.equal(call("bigIntOp", "divDecimal", "1", "3"), "0.3333333333333333333333333333333333");
    assert.equal(call("bigIntOp", "i32", "-300", "0"), "-300");
    assert.throws(() => call("bigIntOp", "div", "1", "0"), { message: "attempted to divide BigInt `1` by zero" });
    assert.throws(() => call("bigIntOp", "plus", "1x", "0"), /string is not a BigInt/);
  });

  test("BigDecimal operations round and normalize as graph-node", () => {
    assert.equal(call("bigDecimalOp", "div", "2", "3"), "0.6666666666666666666666666666666667");
    assert.equal(call("bigDecimalOp", "div", "-2", "3"), "-0.66666666666666666666666666666666666");
    assert.equal(call("bigDecimalOp", "plus", "0.1", "0.2"), "0.3");
    assert.equal(call("bigDecimalOp", "parts", "1.50", "0"), "15e-1");
    assert.equal(call("bigDecimalOp", "parts", "100", "0"), "1e2");
    assert.equal(call("bigDecimalOp", "times", "1e40", "1"), "10000000000000000000000000000000000000000");
    assert.equal(call("bigDecimalOp", "lt", "1.1", "1.2"), "true");
    assert.equal(call("bigDecimalOp", "equals", "1.10", "1.1"), "true");
    assert.throws(() => call("bigDecimalOp", "div", "1", "0"), { message: "attempted to divide BigDecimal `1` by zero" });
  });
});

describe("ethereum through the host", () => {
  test("decode then encode gives the input back", () => {
    const word = (n: number) => n.toString(16).padStart(64, "0");
    const data = "0x" + word(0x20) + word(5) + word(0x40) + word(2) + "6869".padEnd(64, "0");
    assert.equal(call("decodeThenEncode", "(uint256,string)", data), data);
    assert.equal(call("decodeThenEncode", "uint256", "0x01"), "null");
  });

  test("a dynamic tuple is encoded with its offset word", () => {
    assert.equal(
      call("encodeTuple"),
      "0x" +
        "20".padStart(64, "0") +
        "a1".padStart(64, "0") +
        "5".padStart(64, "0") +
        "60".padStart(64, "0") +
        "2".padStart(64, "0") +
        "6869".padEnd(64, "0"),
    );
  });

  test("ethereum.call returns the reader's values or null on revert", () => {
    assert.equal(call("balanceOf", TOKEN, RICH), "42");
    assert.equal(call("balanceOf", TOKEN, POOR), "reverted");
  });

  test("getBalance and hasCode read the chain", () => {
    assert.equal(call("chainState", TOKEN), "1000000000000000000|code");
    assert.equal(call("chainState", POOR), "1000000000000000000|no code");
  });
});

describe("json, crypto and conversions through the host", () => {
  test("json keeps number text and sorts object keys", () => {
    // serde_json (arbitrary_precision) re-prints integers that fit i64/u64, so `-0` becomes `0`.
    assert.equal(call("jsonDescribe", '{"b":[1.0,-0,1e3],"a":"x","c":null,"d":true}'), '{a:"x",b:[#1.0,#0,#1e3],c:null,d:true}');
    assert.equal(call("jsonTry", "{bad"), "error");
    assert.equal(call("jsonNumbers", '[-9223372036854775808,18446744073709551615,1.5,123456789012345678901234567890]'), "-9223372036854775808,18446744073709551615,1.5,123456789012345678901234567890");
    assert.throws(() => call("jsonDescribe", "{bad"), /Failed to parse JSON from byte array/);
  });

  test("keccak256, UTF-8, base58 and addresses", () => {
    assert.equal(call("keccak", ""), "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    assert.equal(call("conversions", "0x68690000"), "hi|3fnysd|0xa16081f360e3847006db660bae1c6d1b2e17ec2a");
  });
});

describe("data sources, logs, ipfs and aborts through the host", () => {
  test("dataSource.createWithContext records the template, parameters and context", () => {
    call("createWallet", "Wallet", RICH);
    assert.equal(created.length, 1);
    assert.equal(created[0][0], "Wallet");
    assert.deepEqual(created[0][1], [RICH]);
    assert.deepEqual(created[0][2]!.get("kind"), { kind: "String", value: "wallet" });
    assert.throws(() => call("createWallet", "Nope", RICH), {
      message: "Failed to create data source from name `Nope`: No template with this name in parent data source `Token`. Available names: Wallet.",
    });
  });

  test("dataSource.address, network and context", () => {
    assert.equal(call("dataSourceInfo"), `${TOKEN}|arbitrum-one|main`);
  });

  test("log levels reach the logger and critical fails the handler", () => {
    call("logAt", 1, "bad");
    call("logAt", 2, "careful");
    call("logAt", 3, "fyi");
    assert.deepEqual(logs, [
      [1, "bad !"],
      [2, "careful"],
      [3, "fyi"],
    ]);
    assert.throws(() => call("logAt", 0, "stop"), { message: "Critical error logged in mapping with log message: stop" });
  });

  test("ipfs.cat and ipfs.map read local files", () => {
    assert.equal(call("ipfsCat", "QmText"), "hello ipfs");
    assert.equal(call("ipfsCat", "QmMissing"), "null");
    call("ipfsMapNames", "QmLines");
    assert.equal(call("describeEntity", "Thing", "j2"), "id=String(j2);name=String(from-ipfs)");
  });

  test("an AssemblyScript assert aborts with graph-node's message", () => {
    assert.throws(() => call("assertFails"), {
      message: /^Mapping aborted at host\.ts, line \d+, column \d+, with message: an assertion in the mapping$/,
    });
  });
});

describe("triggers", () => {
  const hash = (byte: number) => new Uint8Array(32).fill(byte);
  const event = (receipt: boolean): EventData => ({
    address: fromHex(TOKEN),
    logIndex: 7n,
    transactionLogIndex: 2n,
    logType: null,
    block: {
      hash: hash(0xab),
      parentHash: hash(1),
      unclesHash: hash(2),
      author: fromHex(RICH),
      stateRoot: hash(3),
      transactionsRoot: hash(4),
      receiptsRoot: hash(5),
      number: 123456789n,
      gasUsed: 1n,
      gasLimit: 2n,
      timestamp: 1700000000n,
      difficulty: 0n,
      totalDifficulty: 0n,
      size: null,
      baseFeePerGas: 100000000n,
    },
    transaction: {
      hash: hash(9),
      index: 3n,
      from: fromHex(RICH),
      to: null,
      value: 0n,
      gasLimit: 21000n,
      gasPrice: 1n,
      input: new Uint8Array(),
      nonce: 42n,
    },
    params: [
      { name: "owner", value: { kind: "address", value: fromHex(POOR) } },
      { name: "amount", value: { kind: "uint", value: 10n ** 24n } },
    ],
    receipt: receipt
      ? {
          transactionHash: hash(9),
          transactionIndex: 3n,
          blockHash: hash(0xab),
          blockNumber: 123456789n,
          cumulativeGasUsed: 5n,
          gasUsed: 5n,
          contractAddress: null,
          logs: [{ address: fromHex(TOKEN), topics: [hash(7)], data: new Uint8Array(), blockHash: null, blockNumber: null, transactionHash: null, transactionIndex: null, logIndex: 7n, removed: false }],
          status: 1n,
          root: null,
          logsBloom: new Uint8Array(256),
        }
      : null,
  });

  test("an event handler reads every field graph-node writes for apiVersion 0.0.9", () => {
    const writer = new TriggerWriter(instance.values, "0.0.9");
    instance.callExport("handleDescribeEvent", writer.event(event(true)));
    instance.callExport("handleDescribeEvent", writer.event(event(false)));
    assert.deepEqual(logs.map((l) => l[1]), [
      `${TOKEN} | 7/2 | 123456789@1700000000 | 0xabab | 100000000 | 0x0000->create | nonce 42 | owner=0x0000 | amount=1000000000000000000000000 | receipt logs 1 status 1`,
      `${TOKEN} | 7/2 | 123456789@1700000000 | 0xabab | 100000000 | 0x0000->create | nonce 42 | owner=0x0000 | amount=1000000000000000000000000 | no receipt`,
    ]);
  });

  test("older apiVersions get graph-node's older, shorter layouts", () => {
    const size = (ptr: number) => instance.values.mem.rtSize(ptr);
    const current = new TriggerWriter(instance.values, "0.0.9");
    const v6 = new TriggerWriter(instance.values, "0.0.6");
    const v5 = new TriggerWriter(instance.values, "0.0.5");
    assert.equal(size(current.event(event(false))), 32);
    assert.equal(size(v6.event(event(false))), 28);
    assert.equal(size(current.block(event(false).block)), 60);
    assert.equal(size(v6.block(event(false).block)), 60);
    assert.equal(size(v5.block(event(false).block)), 56);
    assert.equal(size(current.transaction(event(false).transaction)), 36);
    assert.equal(size(v5.transaction(event(false).transaction)), 32);
  });
});
