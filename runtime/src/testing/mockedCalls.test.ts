import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { EthValue } from "../common/values.ts";
import { DeterministicError, FatalError } from "../common/errors.ts";
import {
  collectMockArgumentTypes,
  createMockedCalls,
  h160Display,
  mockedCallKey,
  mockParamTypeDebug,
  parseMockArgumentType,
  validateMockedFunction,
} from "./mockedCalls.ts";

const bytes = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h.replace(/^0x/, ""), "hex"));
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

const CONTRACT = "a16081f360e3847006db660bae1c6d1b2e17ec2a";
// Same first and last two bytes as CONTRACT, different middle.
const LOOKALIKE = "a160" + "00".repeat(16) + "ec2a";
const HOLDER = "89205a3a3b2a69de6dbf7f01ed13b2108b2c43e7";
const U256_MAX = (1n << 256n) - 1n;

const throwsWith = (fn: () => unknown, cls: new (...a: never[]) => Error, message: string) =>
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof cls, `expected ${cls.name}, got ${String(err)}`);
    assert.equal((err as Error).message, message);
    return true;
  });

// ---- signature splitting -----------------------------------------------------------------

describe("collectMockArgumentTypes (Matchstick collect_types)", () => {
  it("splits on top-level commas only", () => {
    assert.deepEqual(collectMockArgumentTypes("address,uint256"), ["address", "uint256"]);
    assert.deepEqual(collectMockArgumentTypes("(uint256,address),bool"), ["(uint256,address)", "bool"]);
    assert.deepEqual(collectMockArgumentTypes("(uint256,(bool,string))[]"), ["(uint256,(bool,string))[]"]);
    assert.deepEqual(collectMockArgumentTypes("address, uint256"), ["address", " uint256"]);
  });

  it("drops only a trailing empty piece", () => {
    assert.deepEqual(collectMockArgumentTypes(""), []);
    assert.deepEqual(collectMockArgumentTypes("address,"), ["address"]);
    assert.deepEqual(collectMockArgumentTypes(",address"), ["", "address"]);
    assert.deepEqual(collectMockArgumentTypes("a,,b"), ["a", "", "b"]);
  });

  it("keeps counting after unbalanced parentheses", () => {
    assert.deepEqual(collectMockArgumentTypes("address,uint256)"), ["address", "uint256)"]);
    assert.deepEqual(collectMockArgumentTypes("a),b,c"), ["a),b,c"]);
  });
});

// ---- get_kind ------------------------------------------------------------------------------

describe("parseMockArgumentType (Matchstick get_kind)", () => {
  const debug = (t: string) => mockParamTypeDebug(parseMockArgumentType(t));

  it("parses elementary types, trimming whitespace", () => {
    assert.equal(debug("address"), "Address");
    assert.equal(debug("bool"), "Bool");
    assert.equal(debug("bytes"), "Bytes");
    assert.equal(debug("string"), "String");
    assert.equal(debug("int8"), "Int(8)");
    assert.equal(debug("uint256"), "Uint(256)");
    assert.equal(debug("uint7"), "Uint(7)");
    assert.equal(debug("bytes32"), "FixedBytes(32)");
    assert.equal(debug("  address\t"), "Address");
  });

  it("strips every [] of a dynamic array type", () => {
    assert.equal(debug("uint256[]"), "Array(Uint(256))");
    assert.equal(debug("uint256[][]"), "Array(Uint(256))");
    assert.equal(debug("uint256[2][]"), "Array(FixedArray(Uint(256), 2))");
    assert.equal(debug("(uint256,address)[]"), "Array(Tuple([Uint(256), Address]))");
    assert.equal(debug("(uint256[],address)[]"), "Array(Tuple([Uint(256), Address]))");
  });

  it("keeps only the first size of a nested fixed array", () => {
    assert.equal(debug("bytes32[3]"), "FixedArray(FixedBytes(32), 3)");
    assert.equal(debug("uint256[2][3]"), "FixedArray(Uint(256), 2)");
    assert.equal(debug("(bool,string)[2]"), "FixedArray(Tuple([Bool, String]), 2)");
  });

  it("parses tuples, nested", () => {
    assert.equal(debug("(uint256,address)"), "Tuple([Uint(256), Address])");
    assert.equal(debug("(uint256,(bool, string[]))"), "Tuple([Uint(256), Tuple([Bool, Array(String)])])");
  });

  it("treats unknown types as fatal, including bare int/uint", () => {
    for (const t of ["uint", "int", "uint256)", "address payable", "", "()", "tuple"]) {
      throwsWith(() => parseMockArgumentType(t), FatalError, `Unrecognized argument type \`${t}\``);
    }
    throwsWith(() => parseMockArgumentType(" uint "), FatalError, "Unrecognized argument type `uint`");
    throwsWith(
      () => parseMockArgumentType("(uint256[],address)[2]"),
      FatalError,
      "Unrecognized argument type `(uint256`",
    );
  });

  it("panics (fatal) on sizes usize cannot hold, and on the untrimmed fixed-array split", () => {
    throwsWith(
      () => parseMockArgumentType("uint99999999999999999999"),
      FatalError,
      "called `Result::unwrap()` on an `Err` value: ParseIntError { kind: PosOverflow }",
    );
    throwsWith(
      () => parseMockArgumentType("uint256[2] "),
      FatalError,
      "called `Result::unwrap()` on an `Err` value: ParseIntError { kind: InvalidDigit }",
    );
    throwsWith(
      () => parseMockArgumentType("uint256[][2]"),
      FatalError,
      "called `Result::unwrap()` on an `Err` value: ParseIntError { kind: Empty }",
    );
    throwsWith(
      () => parseMockArgumentType("mybytes32"),
      FatalError,
      "called `Result::unwrap()` on an `Err` value: ParseIntError { kind: InvalidDigit }",
    );
  });
});

// ---- validation ------------------------------------------------------------------------------

describe("validateMockedFunction", () => {
  it("accepts well-formed mocks", () => {
    assert.doesNotThrow(() =>
      validateMockedFunction(
        "getDelegator",
        "getDelegator(address):(uint256,uint256,address,uint256,uint256,uint256,uint256)",
        [addr(HOLDER)],
      ),
    );
    assert.doesNotThrow(() => validateMockedFunction("name", "name():(string)", []));
    assert.doesNotThrow(() =>
      validateMockedFunction("f", "f(int8,bytes32,uint256[2],(bool,string),string[]):(bool)", [
        i(-1),
        fb("0102"),
        farr(u(1), u(2)),
        tup(b(true), s("x")),
        arr(),
      ]),
    );
  });

  it("requires the name to match the signature prefix", () => {
    throwsWith(
      () => validateMockedFunction("balanceOf", "balance(address):(uint256)", [addr(HOLDER)]),
      DeterministicError,
      "createMockedFunction: function name `balanceOf` should match the name in the function signature `balance(address):(uint256)`",
    );
    throwsWith(
      () => validateMockedFunction("get", "getter(address):(uint256)", [addr(HOLDER)]),
      DeterministicError,
      "createMockedFunction: function name `get` should match the name in the function signature `getter(address):(uint256)`",
    );
    // Without any `(`, the whole signature is the name and the name check passes.
    throwsWith(
      () => validateMockedFunction("f", "f", []),
      DeterministicError,
      "f expected 1 arguments, but received 0",
    );
  });

  it("checks the argument count", () => {
    throwsWith(
      () => validateMockedFunction("transfer", "transfer(address,uint256):(bool)", [addr(HOLDER)]),
      DeterministicError,
      "transfer expected 2 arguments, but received 1",
    );
    throwsWith(
      () => validateMockedFunction("name", "name():(string)", [s("x")]),
      DeterministicError,
      "name expected 0 arguments, but received 1",
    );
  });

  it("trips over signatures without the ): separator", () => {
    throwsWith(
      () => validateMockedFunction("transfer", "transfer(address,uint256)", [addr(HOLDER), u(1)]),
      FatalError,
      "Unrecognized argument type `uint256)`",
    );
    throwsWith(
      () => validateMockedFunction("poke", "poke()", []),
      DeterministicError,
      "poke expected 1 arguments, but received 0",
    );
  });

  it("rejects bare int/uint as fatal", () => {
    throwsWith(
      () => validateMockedFunction("f", "f(uint):(bool)", [u(1)]),
      FatalError,
      "Unrecognized argument type `uint`",
    );
  });

  it("requires UINT for uintN and INT for intN (fromI32 does not match uint256)", () => {
    throwsWith(
      () => validateMockedFunction("f", "f(uint256):(bool)", [i(5)]),
      DeterministicError,
      "createMockedFunction `f` parameters mismatch at position 1:\nExpected: Uint(256)\nRecieved: Int(5)\n",
    );
    throwsWith(
      () => validateMockedFunction("f", "f(int32):(bool)", [u(5)]),
      DeterministicError,
      "createMockedFunction `f` parameters mismatch at position 1:\nExpected: Int(32)\nRecieved: Uint(5)\n",
    );
    throwsWith(
      () => validateMockedFunction("f", "f(uint8):(bool)", [i(-1)]),
      DeterministicError,
      `createMockedFunction \`f\` parameters mismatch at position 1:\nExpected: Uint(8)\nRecieved: Int(${U256_MAX})\n`,
    );
    // Sizes are not checked: any UINT fits any uintN.
    assert.doesNotThrow(() => validateMockedFunction("f", "f(uint8):(bool)", [u(1n << 200n)]));
  });

  it("reports the position and ethabi Debug of the mismatching argument", () => {
    throwsWith(
      () => validateMockedFunction("f", "f(uint256,address):(bool)", [u(1), s('say "hi"')]),
      DeterministicError,
      'createMockedFunction `f` parameters mismatch at position 2:\nExpected: Address\nRecieved: String("say \\"hi\\"")\n',
    );
    throwsWith(
      () => validateMockedFunction("f", "f(bytes):(bool)", [addr(HOLDER)]),
      DeterministicError,
      `createMockedFunction \`f\` parameters mismatch at position 1:\nExpected: Bytes\nRecieved: Address(0x${HOLDER})\n`,
    );
  });

  it("lets FIXED_BYTES fit any bytesN at least as long", () => {
    assert.doesNotThrow(() => validateMockedFunction("f", "f(bytes32):(bool)", [fb("0102")]));
    assert.doesNotThrow(() => validateMockedFunction("f", "f(bytes2):(bool)", [fb("")]));
    throwsWith(
      () => validateMockedFunction("f", "f(bytes2):(bool)", [fb("010203")]),
      DeterministicError,
      "createMockedFunction `f` parameters mismatch at position 1:\nExpected: FixedBytes(2)\nRecieved: FixedBytes([1, 2, 3])\n",
    );
    throwsWith(
      () => validateMockedFunction("f", "f(bytes32):(bool)", [by("01")]),
      DeterministicError,
      "createMockedFunction `f` parameters mismatch at position 1:\nExpected: FixedBytes(32)\nRecieved: Bytes([1])\n",
    );
  });

  it("loses nested dynamic arrays to the [] stripping", () => {
    assert.doesNotThrow(() => validateMockedFunction("f", "f(uint256[][]):(bool)", [arr(u(1))]));
    throwsWith(
      () => validateMockedFunction("f", "f(uint256[][]):(bool)", [arr(arr(u(1)))]),
      DeterministicError,
      "createMockedFunction `f` parameters mismatch at position 1:\nExpected: Array(Uint(256))\nRecieved: Array([Array([Uint(1)])])\n",
    );
  });

  it("distinguishes fixed and dynamic arrays and checks fixed lengths", () => {
    throwsWith(
      () => validateMockedFunction("f", "f(uint256[2]):(bool)", [farr(u(1), u(2), u(3))]),
      DeterministicError,
      "createMockedFunction `f` parameters mismatch at position 1:\nExpected: FixedArray(Uint(256), 2)\nRecieved: FixedArray([Uint(1), Uint(2), Uint(3)])\n",
    );
    throwsWith(
      () => validateMockedFunction("f", "f(uint256[2]):(bool)", [arr(u(1), u(2))]),
      DeterministicError,
      "createMockedFunction `f` parameters mismatch at position 1:\nExpected: FixedArray(Uint(256), 2)\nRecieved: Array([Uint(1), Uint(2)])\n",
    );
    throwsWith(
      () => validateMockedFunction("f", "f(address[]):(bool)", [arr(addr(HOLDER), u(1))]),
      DeterministicError,
      `createMockedFunction \`f\` parameters mismatch at position 1:\nExpected: Array(Address)\nRecieved: Array([Address(0x${HOLDER}), Uint(1)])\n`,
    );
  });

  it("checks tuples element by element without a length check", () => {
    assert.doesNotThrow(() => validateMockedFunction("f", "f((uint256,address)):(bool)", [tup(u(1))]));
    assert.doesNotThrow(() => validateMockedFunction("f", "f((uint256,address)):(bool)", [tup()]));
    throwsWith(
      () => validateMockedFunction("f", "f((uint256)):(bool)", [tup(u(1), u(2))]),
      FatalError,
      "index out of bounds: the len is 1 but the index is 1",
    );
    // An earlier mismatching element stops the check before the out-of-bounds index.
    throwsWith(
      () => validateMockedFunction("f", "f((uint256)):(bool)", [tup(s("x"), u(2))]),
      DeterministicError,
      'createMockedFunction `f` parameters mismatch at position 1:\nExpected: Tuple([Uint(256)])\nRecieved: Tuple([String("x"), Uint(2)])\n',
    );
  });

  it("parses types lazily: an earlier mismatch wins over a later unknown type", () => {
    throwsWith(
      () => validateMockedFunction("f", "f(address,uint):(bool)", [s("x"), u(1)]),
      DeterministicError,
      'createMockedFunction `f` parameters mismatch at position 1:\nExpected: Address\nRecieved: String("x")\n',
    );
    throwsWith(
      () => validateMockedFunction("f", "f(address,uint):(bool)", [addr(HOLDER), u(1)]),
      FatalError,
      "Unrecognized argument type `uint`",
    );
  });

  it("checks the name before the count, and the count before the types", () => {
    throwsWith(
      () => validateMockedFunction("g", "f(uint):(bool)", []),
      DeterministicError,
      "createMockedFunction: function name `g` should match the name in the function signature `f(uint):(bool)`",
    );
    throwsWith(
      () => validateMockedFunction("f", "f(uint):(bool)", []),
      DeterministicError,
      "f expected 1 arguments, but received 0",
    );
  });

  it("converts the arguments to ethabi tokens first (fatal on values that do not fit)", () => {
    throwsWith(
      () => validateMockedFunction("g", "f(uint256):(bool)", [u(-1)]),
      FatalError,
      "negative value encountered for U256: -1",
    );
    throwsWith(
      () => validateMockedFunction("f", "f(int256):(bool)", [i(1n << 255n)]),
      FatalError,
      "assertion failed: 4 * 8 >= slice.len()",
    );
    throwsWith(
      () => validateMockedFunction("f", "f(address):(bool)", [addr("0102")]),
      FatalError,
      "expected array of length 20, found length 2",
    );
    throwsWith(
      () => validateMockedFunction("f", "f(bytes24):(bool)", [{ kind: "function", value: new Uint8Array(24) }]),
      FatalError,
      "value 10 is out of range for EthereumValueKind",
    );
  });
});

// ---- keys ------------------------------------------------------------------------------------

describe("mockedCallKey", () => {
  it("abbreviates the contract address like Rust's H160 Display", () => {
    assert.equal(h160Display(bytes(CONTRACT)), "0xa160\u2026ec2a");
    throwsWith(() => h160Display(bytes("00")), FatalError, "expected array of length 20, found length 1");
  });

  it("matches Matchstick's own unit-test keys", () => {
    assert.equal(
      mockedCallKey(bytes(HOLDER), "funcName", "funcName(address):(string,string)", [s("val")]),
      "0x8920\u202643e7funcNamefuncName(address):(string,string)val",
    );
    assert.equal(
      mockedCallKey(bytes(HOLDER), "funcName", "funcName(address):(string,string)", [addr(HOLDER)]),
      `0x8920\u202643e7funcNamefuncName(address):(string,string)${HOLDER}`,
    );
  });

  it("concatenates ethabi token strings", () => {
    const key = (args: EthValue[]) => mockedCallKey(bytes(CONTRACT), "f", "f()", args).slice("0xa160…ec2aff()".length);
    assert.equal(key([]), "");
    assert.equal(key([u(0), u(255), i(-1)]), "0ff" + "f".repeat(64));
    assert.equal(key([b(true), b(false)]), "truefalse");
    assert.equal(key([by("0A0b"), fb("00ff")]), "0a0b00ff");
    assert.equal(key([arr(u(1), u(2)), farr(), tup(u(16), s("x"), arr(b(true)))]), "[1,2][](10,x,[true])");
  });

  it("collides where Matchstick's keys collide", () => {
    const k = (address: string, args: EthValue[]) => mockedCallKey(bytes(address), "f", "f(uint256):(uint256)", args);
    assert.equal(k(CONTRACT, [i(5)]), k(CONTRACT, [u(5)]));
    assert.equal(k(CONTRACT, [by("0102")]), k(CONTRACT, [fb("0102")]));
    assert.equal(k(CONTRACT, [arr(u(1))]), k(CONTRACT, [farr(u(1))]));
    assert.equal(k(CONTRACT, [addr(HOLDER)]), k(CONTRACT, [by(HOLDER)]));
    assert.equal(k(CONTRACT, [s("ab"), s("c")]), k(CONTRACT, [s("a"), s("bc")]));
    assert.equal(k(CONTRACT, [u(1)]), k(LOOKALIKE, [u(1)]));
    assert.notEqual(k(CONTRACT, [u(1)]), k(HOLDER, [u(1)]));
    assert.notEqual(k(CONTRACT, [arr(u(1))]), k(CONTRACT, [tup(u(1))]));
  });
});

// ---- mock + call --------------------------------------------------------------------------------

describe("createMockedCalls", () => {
  const contract = bytes(CONTRACT);

  it("returns the mocked values", () => {
    const calls = createMockedCalls();
    calls.mock(contract, "balanceOf", "balanceOf(address):(uint256)", [addr(HOLDER)], [u(42)], false);
    assert.deepEqual(calls.call(contract, "balanceOf", "balanceOf(address):(uint256)", [addr(HOLDER)]), [u(42)]);
  });

  it("round-trips return values through ethabi tokens", () => {
    const calls = createMockedCalls();
    const returns = [
      i(-5),
      i(-(1n << 255n)),
      u(U256_MAX),
      fb("010203"),
      fb("00".repeat(40)),
      addr(HOLDER),
      by(""),
      s("é"),
      tup(arr(b(true)), farr(s("x"))),
    ];
    calls.mock(contract, "get", "get():(int8)", [], returns, false);
    assert.deepEqual(calls.call(contract, "get", "get():(int8)", []), returns);
  });

  it("does not validate return values against the signature", () => {
    const calls = createMockedCalls();
    calls.mock(contract, "name", "name():(string)", [], [u(1), b(false)], false);
    assert.deepEqual(calls.call(contract, "name", "name():(string)", []), [u(1), b(false)]);
  });

  it("returns null for a reverting mock", () => {
    const calls = createMockedCalls();
    calls.mock(contract, "name", "name():(string)", [], [s("ignored")], true);
    assert.equal(calls.call(contract, "name", "name():(string)", []), null);
  });

  it("treats a return of exactly Bytes(ff ff ff ff ff ff ff) as a revert", () => {
    const calls = createMockedCalls();
    calls.mock(contract, "a", "a():(bytes)", [], [by("ffffffffffffff")], false);
    calls.mock(contract, "b", "b():(bytes7)", [], [fb("ffffffffffffff")], false);
    calls.mock(contract, "c", "c():(bytes)", [], [by("ffffffffffff")], false);
    calls.mock(contract, "d", "d():(bytes,bool)", [], [by("ffffffffffffff"), b(true)], false);
    assert.equal(calls.call(contract, "a", "a():(bytes)", []), null);
    assert.deepEqual(calls.call(contract, "b", "b():(bytes7)", []), [fb("ffffffffffffff")]);
    assert.deepEqual(calls.call(contract, "c", "c():(bytes)", []), [by("ffffffffffff")]);
    assert.deepEqual(calls.call(contract, "d", "d():(bytes,bool)", []), [by("ffffffffffffff"), b(true)]);
  });

  it("overwrites on re-mocking the same key", () => {
    const calls = createMockedCalls();
    calls.mock(contract, "n", "n():(uint256)", [], [u(1)], false);
    calls.mock(contract, "n", "n():(uint256)", [], [u(2)], false);
    assert.deepEqual(calls.call(contract, "n", "n():(uint256)", []), [u(2)]);
    calls.mock(contract, "n", "n():(uint256)", [], [], true);
    assert.equal(calls.call(contract, "n", "n():(uint256)", []), null);
  });

  it("answers colliding calls from the same mock", () => {
    const calls = createMockedCalls();
    calls.mock(contract, "f", "f(int256):(bool)", [i(5)], [b(true)], false);
    assert.deepEqual(calls.call(contract, "f", "f(int256):(bool)", [u(5)]), [b(true)]);
    assert.deepEqual(calls.call(bytes(LOOKALIKE), "f", "f(int256):(bool)", [i(5)]), [b(true)]);
    calls.mock(contract, "g", "g(address):(bool)", [addr(HOLDER)], [b(false)], false);
    assert.deepEqual(calls.call(contract, "g", "g(address):(bool)", [by(HOLDER)]), [b(false)]);
  });

  it("reports an unmocked call with the full address, signature and arguments", () => {
    const calls = createMockedCalls();
    calls.mock(contract, "balanceOf", "balanceOf(address):(uint256)", [addr(HOLDER)], [u(1)], false);
    throwsWith(
      () => calls.call(contract, "balanceOf", "balanceOf(address):(uint256)", [addr(CONTRACT)]),
      DeterministicError,
      `Could not find a mocked function with the following parameters, address: 0x${CONTRACT}, name: balanceOf, signature balanceOf(address):(uint256), params: [Address(0x${CONTRACT})].`,
    );
    throwsWith(
      () =>
        calls.call(contract, "f", "f(address,uint256,bytes,int8,(bool,string)[]):()", [
          addr(HOLDER),
          u(5),
          by("0aff"),
          i(-2),
          arr(tup(b(true), s("x"))),
        ]),
      DeterministicError,
      `Could not find a mocked function with the following parameters, address: 0x${CONTRACT}, name: f, signature f(address,uint256,bytes,int8,(bool,string)[]):(), params: [Address(0x${HOLDER}), Uint(5), Bytes([10, 255]), Int(${U256_MAX - 1n}), Array([Tuple([Bool(true), String("x")])])].`,
    );
    throwsWith(
      () => calls.call(contract, "name", "name():(string)", []),
      DeterministicError,
      `Could not find a mocked function with the following parameters, address: 0x${CONTRACT}, name: name, signature name():(string), params: [].`,
    );
  });

  it("does not store a mock that fails validation", () => {
    const calls = createMockedCalls();
    assert.throws(() => calls.mock(contract, "f", "f(uint256):(bool)", [i(1)], [b(true)], false), DeterministicError);
    assert.throws(() => calls.call(contract, "f", "f(uint256):(bool)", [i(1)]), /Could not find a mocked function/);
  });

  it("reads address, arguments and return values before validating", () => {
    const calls = createMockedCalls();
    throwsWith(
      () => calls.mock(bytes("00".repeat(19)), "g", "f():(bool)", [], [], false),
      FatalError,
      "expected array of length 20, found length 19",
    );
    throwsWith(
      () => calls.mock(contract, "g", "f():(bool)", [], [u(-3)], true),
      FatalError,
      "negative value encountered for U256: -3",
    );
    throwsWith(
      () => calls.mock(contract, "f", "f():(bool)", [], [i(-(1n << 255n) - 1n)], false),
      FatalError,
      "BigInt value does not fit into signed U256",
    );
  });

  it("is fatal when a call carries a value ethabi cannot hold", () => {
    const calls = createMockedCalls();
    throwsWith(
      () => calls.call(contract, "f", "f(uint256):(bool)", [u(1n << 256n)]),
      FatalError,
      "assertion failed: 4 * 8 >= slice.len()",
    );
    throwsWith(
      () => calls.call(bytes("01"), "f", "f():(bool)", []),
      FatalError,
      "expected array of length 20, found length 1",
    );
  });
});
