import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { AbiEvent } from "viem";
import type { EthValue } from "../common/values.ts";
import { DeterministicError, FatalError } from "../common/errors.ts";
import {
  AbiError,
  abiParameterType,
  decodeEthValue,
  decodeEventLog,
  decodeFunctionResult,
  encodeEthValue,
  encodeFunctionCall,
  ethabiTokenDebug,
  ethabiTokenDisplay,
  ethabiTokenToEthValue,
  ethValueToEthabiToken,
  ethValueToStoreValue,
  eventSignature,
  eventTopic0,
  formatSolidityType,
  parseFunctionSignature,
  parseSolidityType,
  rustDebugString,
} from "./ethereum.ts";

// ---- helpers ------------------------------------------------------------------------

const hex = (b: Uint8Array | null): string | null => (b === null ? null : Buffer.from(b).toString("hex"));
const bytes = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h.replace(/^0x/, ""), "hex"));
/** A left-padded word (numbers, addresses, offsets, lengths). */
const w = (h: string | number): string =>
  (typeof h === "number" ? h.toString(16) : h).padStart(64, "0");
/** A right-padded word (bytesN, string/bytes contents). */
const rw = (h: string): string => h.padEnd(64, "0");

const u = (v: bigint | number): EthValue => ({ kind: "uint", value: BigInt(v) });
const i = (v: bigint | number): EthValue => ({ kind: "int", value: BigInt(v) });
const b = (v: boolean): EthValue => ({ kind: "bool", value: v });
const s = (v: string): EthValue => ({ kind: "string", value: v });
const addr = (h: string): EthValue => ({ kind: "address", value: bytes(h) });
const fb = (h: string): EthValue => ({ kind: "fixedBytes", value: bytes(h) });
const by = (h: string): EthValue => ({ kind: "bytes", value: bytes(h) });
const arr = (...v: EthValue[]): EthValue => ({ kind: "array", value: v });
const farr = (...v: EthValue[]): EthValue => ({ kind: "fixedArray", value: v });
const tup = (...v: EthValue[]): EthValue => ({ kind: "tuple", value: v });

const A1 = "a16081f360e3847006db660bae1c6d1b2e17ec2a";
const A2 = "89205a3a3b2a69de6dbf7f01ed13b2108b2c43e7";
const FF32 = "f".repeat(64);

const throwsWith = (fn: () => unknown, cls: new (...a: never[]) => Error, message: string | RegExp) =>
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof cls, `expected ${cls.name}, got ${String(err)}`);
    if (typeof message === "string") assert.equal((err as Error).message, message);
    else assert.match((err as Error).message, message);
    return true;
  });

// ---- parseSolidityType ------------------------------------------------------------------

describe("parseSolidityType", () => {
  it("parses elementary types", () => {
    assert.deepEqual(parseSolidityType("address"), { kind: "address" });
    assert.deepEqual(parseSolidityType("bool"), { kind: "bool" });
    assert.deepEqual(parseSolidityType("string"), { kind: "string" });
    assert.deepEqual(parseSolidityType("bytes"), { kind: "bytes" });
    assert.deepEqual(parseSolidityType("function"), { kind: "function" });
    assert.deepEqual(parseSolidityType("bytes1"), { kind: "fixedBytes", size: 1 });
    assert.deepEqual(parseSolidityType("bytes32"), { kind: "fixedBytes", size: 32 });
    assert.deepEqual(parseSolidityType("uint8"), { kind: "uint", bits: 8 });
    assert.deepEqual(parseSolidityType("int256"), { kind: "int", bits: 256 });
    assert.deepEqual(parseSolidityType("int24"), { kind: "int", bits: 24 });
  });

  it("reads bare uint/int as 256 bits and Library.Enum as uint8 (alloy)", () => {
    assert.deepEqual(parseSolidityType("uint"), { kind: "uint", bits: 256 });
    assert.deepEqual(parseSolidityType("int"), { kind: "int", bits: 256 });
    assert.deepEqual(parseSolidityType("Lib.Status"), { kind: "uint", bits: 8 });
  });

  it("parses arrays with the innermost size first, as Solidity does", () => {
    assert.deepEqual(parseSolidityType("uint256[]"), { kind: "array", element: { kind: "uint", bits: 256 } });
    assert.deepEqual(parseSolidityType("bool[3]"), { kind: "fixedArray", element: { kind: "bool" }, length: 3 });
    assert.deepEqual(parseSolidityType("uint8[2][]"), {
      kind: "array",
      element: { kind: "fixedArray", element: { kind: "uint", bits: 8 }, length: 2 },
    });
    assert.deepEqual(parseSolidityType("address[][3]"), {
      kind: "fixedArray",
      element: { kind: "array", element: { kind: "address" } },
      length: 3,
    });
    assert.deepEqual(parseSolidityType("uint256[02]"), {
      kind: "fixedArray",
      element: { kind: "uint", bits: 256 },
      length: 2,
    });
  });

  it("parses tuples, nested, with the tuple prefix, spaces after commas and a trailing comma", () => {
    const expected = {
      kind: "tuple",
      components: [
        { kind: "uint", bits: 256 },
        { kind: "array", element: { kind: "tuple", components: [{ kind: "bool" }, { kind: "string" }] } },
      ],
    };
    assert.deepEqual(parseSolidityType("(uint256,(bool,string)[])"), expected);
    assert.deepEqual(parseSolidityType("tuple(uint256,tuple(bool,string)[])"), expected);
    assert.deepEqual(parseSolidityType("( uint256, (bool, string )[] )"), expected);
    assert.deepEqual(parseSolidityType("(uint256,)"), { kind: "tuple", components: [{ kind: "uint", bits: 256 }] });
    assert.deepEqual(parseSolidityType("()"), { kind: "tuple", components: [] });
    assert.deepEqual(parseSolidityType("(address,bytes4)[2]"), {
      kind: "fixedArray",
      element: { kind: "tuple", components: [{ kind: "address" }, { kind: "fixedBytes", size: 4 }] },
      length: 2,
    });
  });

  it("rejects what alloy rejects", () => {
    for (const bad of [
      "",
      "bytes0",
      "bytes33",
      "uint0",
      "uint7",
      "uint264",
      "int257",
      "byte",
      "foo",
      "uint256[0]",
      "uint256[",
      "uint256]",
      "uint256[x]",
      " uint256",
      "uint256 ",
      "(uint256 ,bool)",
      "(uint256",
      "(uint256,,bool)",
      "tuple",
      "tuple (uint256)",
      "uint256 x",
    ]) {
      assert.throws(() => parseSolidityType(bad), AbiError, `should reject ${JSON.stringify(bad)}`);
    }
  });

  it("stops at alloy's tuple nesting limit of 80", () => {
    const nested = (n: number) => "(".repeat(n) + "uint8" + ")".repeat(n);
    assert.doesNotThrow(() => parseSolidityType(nested(79)));
    assert.throws(() => parseSolidityType(nested(80)), /recursion limit exceeded/);
  });

  it("formats canonical names", () => {
    for (const t of ["uint256", "(uint256,(bool,string)[])[2]", "bytes7[][3]", "function", "()"]) {
      assert.equal(formatSolidityType(parseSolidityType(t)), t);
    }
    assert.equal(formatSolidityType(parseSolidityType("tuple( uint, int,)")), "(uint256,int256)");
  });
});

// ---- ethereum.encode ---------------------------------------------------------------------

describe("encodeEthValue (ethereum.encode)", () => {
  it("encodes static scalars as one word", () => {
    assert.equal(hex(encodeEthValue(u(1))), w(1));
    assert.equal(hex(encodeEthValue(u((1n << 256n) - 1n))), FF32);
    assert.equal(hex(encodeEthValue(i(-1))), FF32);
    assert.equal(hex(encodeEthValue(i(-256))), "f".repeat(62) + "00");
    assert.equal(hex(encodeEthValue(i(-(1n << 255n)))), "8" + "0".repeat(63));
    assert.equal(hex(encodeEthValue(i((1n << 255n) - 1n))), "7" + "f".repeat(63));
    assert.equal(hex(encodeEthValue(b(true))), w(1));
    assert.equal(hex(encodeEthValue(b(false))), w(0));
    assert.equal(hex(encodeEthValue(addr(A1))), w(A1));
  });

  it("right-pads fixed bytes of any length up to 32, including 0", () => {
    assert.equal(hex(encodeEthValue(fb("0102"))), rw("0102"));
    assert.equal(hex(encodeEthValue(fb(""))), w(0));
    assert.equal(hex(encodeEthValue(fb("ab".repeat(32)))), "ab".repeat(32));
  });

  it("right-pads a 24-byte function value", () => {
    const f: EthValue = { kind: "function", value: bytes("11".repeat(24)) };
    assert.equal(hex(encodeEthValue(f)), rw("11".repeat(24)));
  });

  it("encodes bytes and strings behind their offset word", () => {
    assert.equal(hex(encodeEthValue(by("0102"))), w(0x20) + w(2) + rw("0102"));
    assert.equal(hex(encodeEthValue(s("abc"))), w(0x20) + w(3) + rw("616263"));
    assert.equal(hex(encodeEthValue(s(""))), w(0x20) + w(0));
    assert.equal(hex(encodeEthValue(s("é"))), w(0x20) + w(2) + rw("c3a9"));
    assert.equal(
      hex(encodeEthValue(by("aa".repeat(33)))),
      w(0x20) + w(33) + "aa".repeat(32) + rw("aa"),
    );
  });

  it("encodes a static tuple inline, without an offset", () => {
    assert.equal(hex(encodeEthValue(tup(u(1), b(true), addr(A1)))), w(1) + w(1) + w(A1));
  });

  it("encodes a dynamic tuple starting with its 0x20 offset word", () => {
    assert.equal(
      hex(encodeEthValue(tup(u(1), s("a")))),
      w(0x20) + w(1) + w(0x40) + w(1) + rw("61"),
    );
  });

  it("encodes fixed arrays like tuples: static inline, dynamic behind an offset", () => {
    assert.equal(hex(encodeEthValue(farr(u(1), u(2)))), w(1) + w(2));
    assert.equal(hex(encodeEthValue(farr(s("a")))), w(0x20) + w(0x20) + w(1) + rw("61"));
  });

  it("encodes dynamic arrays with their length", () => {
    assert.equal(hex(encodeEthValue(arr(u(1), u(2)))), w(0x20) + w(2) + w(1) + w(2));
    assert.equal(hex(encodeEthValue(arr())), w(0x20) + w(0));
    assert.equal(hex(encodeEthValue(arr(tup(u(1), b(true))))), w(0x20) + w(1) + w(1) + w(1));
  });

  it("encodes nested dynamic arrays with per-element offsets", () => {
    assert.equal(
      hex(encodeEthValue(arr(arr(u(1)), arr(u(2), u(3))))),
      w(0x20) + w(2) + w(0x40) + w(0x80) + w(1) + w(1) + w(2) + w(2) + w(3),
    );
    assert.equal(
      hex(encodeEthValue(arr(s("a"), s("bc")))),
      w(0x20) + w(2) + w(0x40) + w(0x80) + w(1) + rw("61") + w(2) + rw("6263"),
    );
  });

  it("lays out mixed word kinds in one array the way alloy does (word by word)", () => {
    assert.equal(
      hex(encodeEthValue(arr(u(1), b(true), addr(A1), i(-1), fb("01")))),
      w(0x20) + w(5) + w(1) + w(1) + w(A1) + FF32 + rw("01"),
    );
    assert.equal(
      hex(encodeEthValue(arr(arr(), arr(u(7))))),
      w(0x20) + w(2) + w(0x40) + w(0x60) + w(0) + w(1) + w(7),
    );
  });

  it("encodes zero-sized values to nothing", () => {
    assert.equal(hex(encodeEthValue(tup())), "");
    assert.equal(hex(encodeEthValue(farr())), "");
  });

  it("returns null when array elements have incompatible layouts", () => {
    assert.equal(encodeEthValue(arr(u(1), s("x"))), null);
    assert.equal(encodeEthValue(arr(tup(u(1)), tup(u(1), u(2)))), null);
  });

  it("throws graph-node's argument errors", () => {
    throwsWith(
      () => encodeEthValue(i(1n << 255n)),
      DeterministicError,
      `BigInt value \`${1n << 255n}\` does not fit into int256`,
    );
    throwsWith(
      () => encodeEthValue(i(-(1n << 255n) - 1n)),
      DeterministicError,
      `BigInt value \`${-(1n << 255n) - 1n}\` does not fit into int256`,
    );
    throwsWith(
      () => encodeEthValue(u(-1)),
      DeterministicError,
      "BigInt value is negative, cannot convert to unsigned U256: -1",
    );
    throwsWith(
      () => encodeEthValue(u(1n << 256n)),
      DeterministicError,
      `BigInt value \`${1n << 256n}\` does not fit into uint256`,
    );
    throwsWith(
      () => encodeEthValue(fb("00".repeat(33))),
      DeterministicError,
      "input slice must contain a maximum of 32 bytes, got 33",
    );
    throwsWith(
      () => encodeEthValue(addr("00".repeat(19))),
      DeterministicError,
      "expected array of length 20, found length 19",
    );
    throwsWith(
      () => encodeEthValue({ kind: "function", value: new Uint8Array(20) }),
      DeterministicError,
      "expected array of length 24, found length 20",
    );
  });

  it("checks nested values too, and before giving up on the layout", () => {
    throwsWith(
      () => encodeEthValue(tup(u(1), arr(s("x"), u(-2)))),
      DeterministicError,
      "BigInt value is negative, cannot convert to unsigned U256: -2",
    );
  });
});

// ---- ethereum.decode ---------------------------------------------------------------------

describe("decodeEthValue (ethereum.decode)", () => {
  it("decodes integers from the full word, signed for intN", () => {
    assert.deepEqual(decodeEthValue("uint256", bytes(w(5))), u(5));
    assert.deepEqual(decodeEthValue("int8", bytes(FF32)), i(-1));
    assert.deepEqual(decodeEthValue("int256", bytes(w(0x7f))), i(127));
    // alloy does not range-check N: the whole word is the value.
    assert.deepEqual(decodeEthValue("int8", bytes(w(0xff))), i(255));
    assert.deepEqual(decodeEthValue("uint8", bytes(w("1" + "0".repeat(50)))), u(1n << 200n));
    assert.deepEqual(decodeEthValue("uint", bytes(FF32)), u((1n << 256n) - 1n));
  });

  it("decodes bool as any non-zero word", () => {
    assert.deepEqual(decodeEthValue("bool", bytes(w(1))), b(true));
    assert.deepEqual(decodeEthValue("bool", bytes(w(0))), b(false));
    assert.deepEqual(decodeEthValue("bool", bytes(w(2))), b(true));
  });

  it("decodes address from the last 20 bytes, ignoring the padding", () => {
    assert.deepEqual(decodeEthValue("address", bytes(w(A1))), addr(A1));
    assert.deepEqual(decodeEthValue("address", bytes("ff".repeat(12) + A1)), addr(A1));
  });

  it("decodes bytesN to exactly N bytes and function to 24", () => {
    assert.deepEqual(decodeEthValue("bytes3", bytes(rw("010203"))), fb("010203"));
    assert.deepEqual(decodeEthValue("bytes1", bytes(rw("ff"))), fb("ff"));
    assert.deepEqual(decodeEthValue("bytes32", bytes("ab".repeat(32))), fb("ab".repeat(32)));
    assert.deepEqual(decodeEthValue("function", bytes(rw("22".repeat(24)))), {
      kind: "function",
      value: bytes("22".repeat(24)),
    });
  });

  it("decodes bytes and strings (lossy UTF-8, keeping BOM and NUL)", () => {
    assert.deepEqual(decodeEthValue("bytes", bytes(w(0x20) + w(2) + rw("0102"))), by("0102"));
    assert.deepEqual(decodeEthValue("string", bytes(w(0x20) + w(3) + rw("616263"))), s("abc"));
    assert.deepEqual(decodeEthValue("string", bytes(w(0x20) + w(3) + rw("61ff62"))), s("a\ufffdb"));
    assert.deepEqual(decodeEthValue("string", bytes(w(0x20) + w(4) + rw("efbbbf61"))), s("\ufeffa"));
    assert.deepEqual(decodeEthValue("string", bytes(w(0x20) + w(2) + rw("6100"))), s("a\u0000"));
    assert.deepEqual(decodeEthValue("string", bytes(w(0x20) + w(0))), s(""));
  });

  it("decodes arrays, fixed arrays and tuples", () => {
    assert.deepEqual(decodeEthValue("uint256[]", bytes(w(0x20) + w(2) + w(1) + w(2))), arr(u(1), u(2)));
    assert.deepEqual(decodeEthValue("uint256[2]", bytes(w(1) + w(2))), farr(u(1), u(2)));
    assert.deepEqual(decodeEthValue("(uint256,bool)", bytes(w(1) + w(1))), tup(u(1), b(true)));
    assert.deepEqual(
      decodeEthValue("(uint256,string)", bytes(w(0x20) + w(1) + w(0x40) + w(1) + rw("61"))),
      tup(u(1), s("a")),
    );
    assert.deepEqual(
      decodeEthValue(
        "uint256[][]",
        bytes(w(0x20) + w(2) + w(0x40) + w(0x80) + w(1) + w(1) + w(2) + w(2) + w(3)),
      ),
      arr(arr(u(1)), arr(u(2), u(3))),
    );
    assert.deepEqual(
      decodeEthValue("(int8,bytes2)[2]", bytes(FF32 + rw("abcd") + w(1) + rw("0001"))),
      farr(tup(i(-1), fb("abcd")), tup(i(1), fb("0001"))),
    );
  });

  it("round-trips what encodeEthValue produces", () => {
    const cases: Array<[string, EthValue]> = [
      ["(uint256,string,address[],(bool,bytes)[2])", tup(u(9), s("hé"), arr(addr(A1), addr(A2)), farr(tup(b(true), by("00")), tup(b(false), by(""))))],
      ["int64[]", arr(i(-5), i(7))],
      ["bytes5[3]", farr(fb("0102030405"), fb("ffffffffff"), fb("0000000000"))],
      ["string[]", arr(s("x"), s(""), s("long ".repeat(20)))],
    ];
    for (const [type, value] of cases) {
      const encoded = encodeEthValue(value);
      assert.ok(encoded);
      assert.deepEqual(decodeEthValue(type, encoded), value, type);
    }
  });

  it("ignores trailing data", () => {
    assert.deepEqual(decodeEthValue("uint256", bytes(w(5) + w(6))), u(5));
  });

  it("returns zero-sized values without reading data (alloy)", () => {
    assert.deepEqual(decodeEthValue("()", new Uint8Array()), tup());
    assert.deepEqual(decodeEthValue("()[]", new Uint8Array()), arr());
    assert.deepEqual(decodeEthValue("()[2]", new Uint8Array()), farr());
  });

  it("returns null on any error", () => {
    assert.equal(decodeEthValue("uint7", bytes(w(1))), null);
    assert.equal(decodeEthValue("uint256", new Uint8Array()), null);
    assert.equal(decodeEthValue("uint256", bytes("00".repeat(31))), null);
    assert.equal(decodeEthValue("(uint256,uint256)", bytes(w(1))), null);
    assert.equal(decodeEthValue("string", bytes(w(0x40) + w(1))), null);
    assert.equal(decodeEthValue("bytes", bytes(w(0x20) + w(64) + w(0))), null);
    assert.equal(decodeEthValue("uint256[]", bytes(w(0x20) + w(3) + w(1))), null);
  });
});

// ---- eth_call --------------------------------------------------------------------------

describe("function signatures and eth_call data", () => {
  it("parses graph-cli codegen signatures", () => {
    const sig = parseFunctionSignature(
      "getDelegator(address):(uint256,uint256,address,uint256,uint256,uint256,uint256)",
    );
    assert.equal(sig.name, "getDelegator");
    assert.deepEqual(sig.inputs, [{ kind: "address" }]);
    assert.equal(sig.outputs.length, 7);
    assert.deepEqual(sig.outputs[2], { kind: "address" });
    assert.equal(sig.canonical, "getDelegator(address)");

    const withTuples = parseFunctionSignature("getPool((uint256,address)[],bytes32):((uint128,string),bool)");
    assert.equal(withTuples.canonical, "getPool((uint256,address)[],bytes32)");
    assert.deepEqual(withTuples.outputs.map(formatSolidityType), ["(uint128,string)", "bool"]);

    const noOutputs = parseFunctionSignature("poke()");
    assert.deepEqual(noOutputs.inputs, []);
    assert.deepEqual(noOutputs.outputs, []);
  });

  it("rejects malformed signatures", () => {
    assert.throws(() => parseFunctionSignature("balanceOf"), AbiError);
    assert.throws(() => parseFunctionSignature("balanceOf(address):uint256"), AbiError);
    assert.throws(() => parseFunctionSignature("balanceOf(address):(uint256)x"), AbiError);
  });

  it("computes selectors", () => {
    assert.equal(hex(parseFunctionSignature("transfer(address,uint256):(bool)").selector), "a9059cbb");
    assert.equal(hex(parseFunctionSignature("balanceOf(address):(uint256)").selector), "70a08231");
  });

  it("encodes selector + arguments as the declared types", () => {
    assert.equal(
      hex(encodeFunctionCall("transfer(address,uint256):(bool)", [addr(A1), u(1000)])),
      "a9059cbb" + w(A1) + w(1000),
    );
    assert.equal(
      hex(encodeFunctionCall("f(bytes32,string):()", [fb("0102"), s("a")])),
      hex(parseFunctionSignature("f(bytes32,string)").selector) + rw("0102") + w(0x40) + w(1) + rw("61"),
    );
    assert.equal(
      hex(encodeFunctionCall("g((uint8,bool)[]):(uint256)", [arr(tup(u(1), b(true)))])),
      hex(parseFunctionSignature("g((uint8,bool)[])").selector) + w(0x20) + w(1) + w(1) + w(1),
    );
  });

  it("type-checks like graph-node: values must fit the declared size", () => {
    assert.doesNotThrow(() => encodeFunctionCall("f(uint8):()", [u(255)]));
    assert.doesNotThrow(() => encodeFunctionCall("f(int8):()", [i(-128)]));
    throwsWith(
      () => encodeFunctionCall("f(uint8):()", [u(256)]),
      DeterministicError,
      "type mismatch, decoded value Uint(256, 9) is not of kind Uint(8)",
    );
    throwsWith(
      () => encodeFunctionCall("f(int8):()", [i(128)]),
      DeterministicError,
      "type mismatch, decoded value Int(128, 9) is not of kind Int(8)",
    );
    throwsWith(
      () => encodeFunctionCall("balanceOf(address):(uint256)", [i(5)]),
      DeterministicError,
      "type mismatch, decoded value Int(5, 4) is not of kind Address",
    );
    throwsWith(
      () => encodeFunctionCall("f(bytes2):()", [fb("010203")]),
      DeterministicError,
      "type mismatch, decoded value FixedBytes(0x" + rw("010203") + ", 3) is not of kind FixedBytes(2)",
    );
    throwsWith(
      () => encodeFunctionCall("f((uint256,bool)):()", [tup(u(1))]),
      DeterministicError,
      "type mismatch, decoded value Tuple([Uint(1, 1)]) is not of kind Tuple([Uint(256), Bool])",
    );
  });

  it("checks the argument count after the types", () => {
    throwsWith(
      () => encodeFunctionCall("transfer(address,uint256):(bool)", [addr(A1)]),
      DeterministicError,
      "error encoding input call data: unexpected number of values; expected 2, got 1",
    );
    throwsWith(
      () => encodeFunctionCall("f(uint256):()", [s("x"), u(1)]),
      DeterministicError,
      'type mismatch, decoded value String("x") is not of kind Uint(256)',
    );
  });

  it("reads arguments strictly before anything else", () => {
    throwsWith(
      () => encodeFunctionCall("f(uint256):()", [u(-1)]),
      DeterministicError,
      "BigInt value is negative, cannot convert to unsigned U256: -1",
    );
  });

  it("decodes outputs", () => {
    assert.deepEqual(
      decodeFunctionResult("f():(uint256,string,bool)", bytes(w(7) + w(0x60) + w(1) + w(2) + rw("6869"))),
      [u(7), s("hi"), b(true)],
    );
    assert.deepEqual(
      decodeFunctionResult("f():((uint256,address))", bytes(w(3) + w(A1))),
      [tup(u(3), addr(A1))],
    );
    assert.deepEqual(decodeFunctionResult("f()", new Uint8Array()), []);
    assert.deepEqual(decodeFunctionResult("f():((),uint256)", bytes(w(4))), [tup(), u(4)]);
  });

  it("reports undecodable output (graph-node treats it as a revert)", () => {
    assert.throws(
      () => decodeFunctionResult("f():(uint256,uint256)", bytes(w(1))),
      (err: unknown) => err instanceof AbiError && err.message.startsWith("failed to decode output: "),
    );
    assert.throws(() => decodeFunctionResult("f():(uint256)", new Uint8Array()), AbiError);
  });
});

// ---- events ------------------------------------------------------------------------------

const transferEvent: AbiEvent = {
  type: "event",
  name: "Transfer",
  inputs: [
    { name: "from", type: "address", indexed: true },
    { name: "to", type: "address", indexed: true },
    { name: "value", type: "uint256", indexed: false },
  ],
};

describe("events", () => {
  it("builds the canonical signature and topic 0", () => {
    assert.equal(eventSignature(transferEvent), "Transfer(address,address,uint256)");
    assert.equal(
      hex(eventTopic0(transferEvent)),
      "ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef",
    );
    const withTuple: AbiEvent = {
      type: "event",
      name: "Batch",
      inputs: [
        {
          name: "items",
          type: "tuple[2][]",
          indexed: false,
          components: [
            { name: "id", type: "uint256" },
            { name: "inner", type: "tuple", components: [{ name: "ok", type: "bool" }] },
          ],
        },
      ],
    };
    assert.equal(eventSignature(withTuple), "Batch((uint256,(bool))[2][])");
  });

  it("maps JSON-ABI parameters to types", () => {
    assert.deepEqual(abiParameterType({ type: "uint8[]" }), { kind: "array", element: { kind: "uint", bits: 8 } });
    assert.deepEqual(abiParameterType({ type: "tuple", components: [{ type: "bool" }] }), {
      kind: "tuple",
      components: [{ kind: "bool" }],
    });
  });

  it("decodes indexed and data parameters in declaration order", () => {
    const params = decodeEventLog(
      transferEvent,
      [eventTopic0(transferEvent), bytes(w(A1)), bytes(w(A2))],
      bytes(w(1000)),
    );
    assert.deepEqual(params, [
      { name: "from", value: addr(A1) },
      { name: "to", value: addr(A2) },
      { name: "value", value: u(1000) },
    ]);
  });

  it("keeps the order when an indexed parameter is not first", () => {
    const event: AbiEvent = {
      type: "event",
      name: "X",
      inputs: [
        { name: "a", type: "uint256", indexed: false },
        { name: "b", type: "int16", indexed: true },
        { name: "c", type: "bytes32", indexed: false },
      ],
    };
    const params = decodeEventLog(event, [eventTopic0(event), bytes(FF32)], bytes(w(10) + "1e".repeat(32)));
    assert.deepEqual(params, [
      { name: "a", value: u(10) },
      { name: "b", value: i(-1) },
      { name: "c", value: fb("1e".repeat(32)) },
    ]);
  });

  it("turns indexed dynamic parameters into their 32-byte topic", () => {
    const event: AbiEvent = {
      type: "event",
      name: "Named",
      inputs: [
        { name: "name", type: "string", indexed: true },
        { name: "data", type: "bytes", indexed: true },
        { name: "ids", type: "uint256[]", indexed: true },
        { name: "", type: "bool", indexed: false },
      ],
    };
    const t1 = bytes("11".repeat(32));
    const t2 = bytes("22".repeat(32));
    const t3 = bytes("33".repeat(32));
    const params = decodeEventLog(event, [eventTopic0(event), t1, t2, t3], bytes(w(1)));
    assert.deepEqual(params, [
      { name: "name", value: fb("11".repeat(32)) },
      { name: "data", value: fb("22".repeat(32)) },
      { name: "ids", value: fb("33".repeat(32)) },
      { name: "", value: b(true) },
    ]);
  });

  it("reads indexed word types from the topic (bool non-zero, bytesN first N bytes)", () => {
    const event: AbiEvent = {
      type: "event",
      name: "W",
      inputs: [
        { name: "flag", type: "bool", indexed: true },
        { name: "tag", type: "bytes4", indexed: true },
        { name: "pair", type: "tuple", indexed: true, components: [{ name: "x", type: "uint8" }] },
      ],
    };
    const params = decodeEventLog(
      event,
      [eventTopic0(event), bytes(w(5)), bytes(rw("deadbeef")), bytes("44".repeat(32))],
      new Uint8Array(),
    );
    assert.deepEqual(params.map((p) => p.value), [b(true), fb("deadbeef"), fb("44".repeat(32))]);
  });

  it("decodes anonymous events without topic 0", () => {
    const event: AbiEvent = {
      type: "event",
      name: "Anon",
      anonymous: true,
      inputs: [
        { name: "who", type: "address", indexed: true },
        { name: "msg", type: "string", indexed: false },
      ],
    };
    const params = decodeEventLog(event, [bytes(w(A1))], bytes(w(0x20) + w(2) + rw("6f6b")));
    assert.deepEqual(params, [
      { name: "who", value: addr(A1) },
      { name: "msg", value: s("ok") },
    ]);
  });

  it("throws naming the event when the log does not fit", () => {
    const topic0 = eventTopic0(transferEvent);
    throwsWith(
      () => decodeEventLog(transferEvent, [topic0, bytes(w(A1))], bytes(w(1))),
      AbiError,
      "cannot decode log as event Transfer(address,address,uint256): invalid log topic list length: expected 3 topics, got 2",
    );
    throwsWith(
      () => decodeEventLog(transferEvent, [bytes(w(0)), bytes(w(A1)), bytes(w(A2))], bytes(w(1))),
      AbiError,
      `cannot decode log as event Transfer(address,address,uint256): invalid event signature: expected 0x${hex(topic0)}, got 0x${w(0)}`,
    );
    throwsWith(
      () => decodeEventLog(transferEvent, [topic0, bytes(w(A1)), bytes(w(A2))], new Uint8Array()),
      AbiError,
      /^cannot decode log as event Transfer\(address,address,uint256\): /,
    );
    throwsWith(
      () => decodeEventLog(transferEvent, [topic0, bytes(A1), bytes(w(A2))], bytes(w(1))),
      AbiError,
      "cannot decode log as event Transfer(address,address,uint256): topic 1 is 20 bytes long, expected 32",
    );
  });
});

// ---- Matchstick tokens and assert.equals -------------------------------------------------

describe("ethValueToStoreValue (Matchstick assert.equals)", () => {
  it("converts every kind", () => {
    assert.deepEqual(ethValueToStoreValue(addr(A1)), { kind: "Bytes", value: bytes(A1) });
    assert.deepEqual(ethValueToStoreValue(fb("0102")), { kind: "Bytes", value: bytes("0102") });
    assert.deepEqual(ethValueToStoreValue(by("")), { kind: "Bytes", value: bytes("") });
    assert.deepEqual(ethValueToStoreValue(i(-5)), { kind: "BigInt", value: -5n });
    assert.deepEqual(ethValueToStoreValue(i(-(1n << 255n))), { kind: "BigInt", value: -(1n << 255n) });
    assert.deepEqual(ethValueToStoreValue(u((1n << 256n) - 1n)), { kind: "BigInt", value: (1n << 256n) - 1n });
    assert.deepEqual(ethValueToStoreValue(b(true)), { kind: "Bool", value: true });
    assert.deepEqual(ethValueToStoreValue(s("x")), { kind: "String", value: "x" });
    assert.deepEqual(ethValueToStoreValue(tup(u(1), arr(s("a")), farr())), {
      kind: "Array",
      value: [
        { kind: "BigInt", value: 1n },
        { kind: "Array", value: [{ kind: "String", value: "a" }] },
        { kind: "Array", value: [] },
      ],
    });
  });

  it("makes address == 20-byte bytes, INT == UINT and array == tuple", () => {
    assert.deepEqual(ethValueToStoreValue(addr(A1)), ethValueToStoreValue(by(A1)));
    assert.deepEqual(ethValueToStoreValue(i(7)), ethValueToStoreValue(u(7)));
    assert.deepEqual(ethValueToStoreValue(arr(u(1))), ethValueToStoreValue(tup(i(1))));
  });

  it("panics (fatal) where the ethabi conversion panics", () => {
    throwsWith(() => ethValueToStoreValue(i(1n << 255n)), FatalError, "assertion failed: 4 * 8 >= slice.len()");
    throwsWith(
      () => ethValueToStoreValue(i(-(1n << 255n) - 1n)),
      FatalError,
      "BigInt value does not fit into signed U256",
    );
    throwsWith(() => ethValueToStoreValue(u(-1)), FatalError, "negative value encountered for U256: -1");
    throwsWith(() => ethValueToStoreValue(u(1n << 256n)), FatalError, "assertion failed: 4 * 8 >= slice.len()");
    throwsWith(() => ethValueToStoreValue(addr("00")), FatalError, "expected array of length 20, found length 1");
    throwsWith(
      () => ethValueToStoreValue({ kind: "function", value: new Uint8Array(24) }),
      FatalError,
      "value 10 is out of range for EthereumValueKind",
    );
  });
});

describe("ethabi tokens", () => {
  it("keeps INT as its two's-complement word and round-trips values", () => {
    assert.deepEqual(ethValueToEthabiToken(i(-1)), { kind: "Int", value: (1n << 256n) - 1n });
    for (const v of [i(-5), u(5), fb("010203"), fb("00".repeat(40)), addr(A1), tup(arr(s("a")), farr(b(false)))]) {
      assert.deepEqual(ethabiTokenToEthValue(ethValueToEthabiToken(v)), v);
    }
  });

  it("displays tokens like ethabi's to_string", () => {
    const d = (v: EthValue) => ethabiTokenDisplay(ethValueToEthabiToken(v));
    assert.equal(d(addr(A1)), A1);
    assert.equal(d(by("0A0b")), "0a0b");
    assert.equal(d(fb("ff")), "ff");
    assert.equal(d(u(0)), "0");
    assert.equal(d(u(255)), "ff");
    assert.equal(d(i(-1)), "f".repeat(64));
    assert.equal(d(b(true)), "true");
    assert.equal(d(s("raw text")), "raw text");
    assert.equal(d(arr(u(1), u(2))), "[1,2]");
    assert.equal(d(farr()), "[]");
    assert.equal(d(tup(u(10), s("x"), arr(b(false)))), "(a,x,[false])");
  });

  it("prints tokens like ethabi's derived Debug", () => {
    const d = (v: EthValue) => ethabiTokenDebug(ethValueToEthabiToken(v));
    assert.equal(d(addr(A1)), `Address(0x${A1})`);
    assert.equal(d(fb("0102ff")), "FixedBytes([1, 2, 255])");
    assert.equal(d(by("")), "Bytes([])");
    assert.equal(d(u(5)), "Uint(5)");
    assert.equal(d(i(-1)), `Int(${(1n << 256n) - 1n})`);
    assert.equal(d(b(false)), "Bool(false)");
    assert.equal(d(s('a"b\\\n\t\u0001é\'')), 'String("a\\"b\\\\\\n\\t\\u{1}é\'")');
    assert.equal(d(tup(arr(u(1)), farr(s("")))), 'Tuple([Array([Uint(1)]), FixedArray([String("")])])');
  });

  it("escapes strings like Rust's str Debug", () => {
    assert.equal(rustDebugString("\0\r\u007f\u0085x"), '"\\0\\r\\u{7f}\\u{85}x"');
  });
});
