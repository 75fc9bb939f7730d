import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DeterministicError } from "../common/errors.ts";
import type { JsonValue } from "../common/values.ts";
import { fromBytes, JSON_MAX_SIZE, toBigInt, toF64, toI64, toU64, tryFromBytes } from "./json.ts";
import { throwsDeterministic } from "../../test/helpers/assertions.ts";


const utf8 = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, "utf8"));
const parse = (s: string): JsonValue => fromBytes(utf8(s));
const num = (value: string): JsonValue => ({ kind: "number", value });
const str = (value: string): JsonValue => ({ kind: "string", value });
const context = (bytes: Uint8Array): string =>
  `Failed to parse JSON from byte array. Bytes (truncated to 1024 chars): \`[${Array.from(bytes.subarray(0, 1024)).join(", ")}]\``;

describe("json.fromBytes values", () => {
  it("parses literals", () => {
    assert.deepEqual(parse("null"), { kind: "null" });
    assert.deepEqual(parse("true"), { kind: "bool", value: true });
    assert.deepEqual(parse(" \t\r\n false \n"), { kind: "bool", value: false });
  });

  it("keeps each number's source text", () => {
    for (const text of ["0", "-12", "1.0", "1e3", "1E+3", "-1.5e-10", "0.000", "1.0e0", "123456789012345678901234567890", "-123456789012345678901234567890", "18446744073709551616", "-9223372036854775809"]) {
      assert.deepEqual(parse(text), num(text), text);
    }
  });

  it("re-prints integers that fit u64/i64, so -0 becomes 0 (serde_json quirk)", () => {
    assert.deepEqual(parse("-0"), num("0"));
    assert.deepEqual(parse("-0.0"), num("-0.0"));
    assert.deepEqual(parse("18446744073709551615"), num("18446744073709551615"));
    assert.deepEqual(parse("-9223372036854775808"), num("-9223372036854775808"));
  });

  it("decodes strings and escapes", () => {
    assert.deepEqual(parse('"plain"'), str("plain"));
    assert.deepEqual(parse('"a\\nb\\t\\"\\\\\\/\\b\\f\\r"'), str('a\nb\t"\\/\b\f\r'));
    assert.deepEqual(parse('"\\u00e9\\u0000x"'), str("é\u0000x"));
    assert.deepEqual(parse('"\\ud83d\\ude00"'), str("😀"));
    assert.deepEqual(parse('"raw é 😀"'), str("raw é 😀"));
    assert.deepEqual(parse('"\\uFFFF"'), str("\uffff"));
  });

  it("decodes long strings and strings mixing raw runs and escapes", () => {
    const long = "k".repeat(5000);
    assert.deepEqual(parse(`"${long}"`), str(long));
    assert.deepEqual(parse(`"${long}\\n${long}é"`), str(`${long}\n${long}é`));
    const invalid = Uint8Array.from([0x22, ...Buffer.from("a".repeat(300)), 0xc3, 0x22]);
    throwsDeterministic(() => fromBytes(invalid), context(invalid), "invalid unicode code point at line 1 column 303");
  });

  it("parses arrays", () => {
    assert.deepEqual(parse("[]"), { kind: "array", value: [] });
    assert.deepEqual(parse('[1, "a", [null]]'), {
      kind: "array",
      value: [num("1"), str("a"), { kind: "array", value: [{ kind: "null" }] }],
    });
  });

  it("sorts object keys by UTF-8 bytes, not UTF-16 units", () => {
    const v = parse('{"😀":5,"b":1,"\\uffff":6,"a":2,"é":3,"z":4,"B":0,"":7}');
    assert.equal(v.kind, "object");
    assert.deepEqual(
      v.kind === "object" ? v.value.map(([k]) => k) : [],
      ["", "B", "a", "b", "z", "é", "\uffff", "😀"],
    );
  });

  it("keeps the last value of a duplicate key", () => {
    assert.deepEqual(parse('{"a":1,"b":2,"a":3}'), {
      kind: "object",
      value: [
        ["a", num("3")],
        ["b", num("2")],
      ],
    });
  });

  it("parses nested objects", () => {
    assert.deepEqual(parse('{"o":{"x":[true]},"e":{}}'), {
      kind: "object",
      value: [
        ["e", { kind: "object", value: [] }],
        ["o", { kind: "object", value: [["x", { kind: "array", value: [{ kind: "bool", value: true }] }]] }],
      ],
    });
  });

  it("reads serde_json's private number key as a number (arbitrary_precision quirk)", () => {
    assert.deepEqual(parse('{"$serde_json::private::Number":"1.50"}'), num("1.50"));
    assert.deepEqual(parse('{"$serde_json::private::Number":"-0"}'), num("0"));
    assert.deepEqual(parse('{"a":{"$serde_json::private::Number":"2e5"}}'), {
      kind: "object",
      value: [["a", num("2e5")]],
    });
    // Only as the first key.
    assert.deepEqual(parse('{"a":1,"$serde_json::private::Number":"2"}'), {
      kind: "object",
      value: [
        ["$serde_json::private::Number", str("2")],
        ["a", num("1")],
      ],
    });
  });

  it("allows 127 nested levels and rejects the 128th", () => {
    const ok = "[".repeat(127) + "]".repeat(127);
    let v = parse(ok);
    let depth = 0;
    while (v.kind === "array" && v.value.length > 0) {
      v = v.value[0]!;
      depth++;
    }
    assert.equal(depth, 126);
    const deep = "[".repeat(128) + "]".repeat(128);
    throwsDeterministic(() => parse(deep), context(utf8(deep)), "recursion limit exceeded at line 1 column 128");
    const deepObject = '{"a":'.repeat(128) + "1" + "}".repeat(128);
    throwsDeterministic(
      () => parse(deepObject),
      context(utf8(deepObject)),
      "recursion limit exceeded at line 1 column 636",
    );
  });
});

describe("json.fromBytes errors", () => {
  const cases: Array<[string, string]> = [
    ["", "EOF while parsing a value at line 1 column 0"],
    ["   ", "EOF while parsing a value at line 1 column 3"],
    ["{", "EOF while parsing an object at line 1 column 1"],
    ['{"a"', "EOF while parsing an object at line 1 column 4"],
    ['{"a":', "EOF while parsing a value at line 1 column 5"],
    ["[1,2", "EOF while parsing a list at line 1 column 4"],
    ['"abc', "EOF while parsing a string at line 1 column 4"],
    ["[1,]", "trailing comma at line 1 column 4"],
    ['{"a":1,}', "trailing comma at line 1 column 8"],
    ["[\n1,\n]", "trailing comma at line 3 column 1"],
    ["[1 2]", "expected `,` or `]` at line 1 column 4"],
    ['{"a":1 "b":2}', "expected `,` or `}` at line 1 column 8"],
    ['{"a" 1}', "expected `:` at line 1 column 6"],
    ["{1:2}", "key must be a string at line 1 column 2"],
    ["{,}", "key must be a string at line 1 column 2"],
    ["[,1]", "expected value at line 1 column 2"],
    ["NaN", "expected value at line 1 column 1"],
    ["'a'", "expected value at line 1 column 1"],
    ["// c\n1", "expected value at line 1 column 1"],
    ["\ufeff1", "expected value at line 1 column 1"],
    ["nul", "EOF while parsing a value at line 1 column 3"],
    ["nulL", "expected ident at line 1 column 4"],
    ["True", "expected value at line 1 column 1"],
    ["01", "invalid number at line 1 column 2"],
    ["-01", "invalid number at line 1 column 3"],
    ["1.", "EOF while parsing a value at line 1 column 2"],
    ["1.a", "invalid number at line 1 column 3"],
    ["-", "EOF while parsing a value at line 1 column 1"],
    ["-a", "invalid number at line 1 column 2"],
    ["[-]", "invalid number at line 1 column 3"],
    ["+1", "expected value at line 1 column 1"],
    [".5", "expected value at line 1 column 1"],
    ["1e", "EOF while parsing a value at line 1 column 2"],
    ["1e+", "EOF while parsing a value at line 1 column 3"],
    ["1ex", "invalid number at line 1 column 3"],
    ["[1] x", "trailing characters at line 1 column 5"],
    ["1 2", "trailing characters at line 1 column 3"],
    ['"a\tb"', "control character (\\u0000-\\u001F) found while parsing a string at line 1 column 3"],
    ['"\\x"', "invalid escape at line 1 column 3"],
    ['"\\u12g4"', "invalid escape at line 1 column 6"],
    ['"\\u12"', "EOF while parsing a string at line 1 column 6"],
    ['"\\ud800"', "unexpected end of hex escape at line 1 column 8"],
    ['"\\ud800\\n"', "unexpected end of hex escape at line 1 column 9"],
    ['"\\udc00"', "lone leading surrogate in hex escape at line 1 column 7"],
    ['"\\ud800\\u0041"', "lone leading surrogate in hex escape at line 1 column 13"],
    ['"\\ud800\\', "EOF while parsing a string at line 1 column 8"],
    ['{"$serde_json::private::Number":"x"}', "invalid number at line 1 column 1 at line 1 column 35"],
    ['{"$serde_json::private::Number":"1 "}', "invalid number at line 1 column 2 at line 1 column 36"],
    ['{"$serde_json::private::Number":5}', "invalid type: integer `5`, expected string containing a number at line 1 column 33"],
    ['{"$serde_json::private::Number":1.5}', "invalid type: number, expected string containing a number at line 1 column 35"],
    ['{"$serde_json::private::Number":null}', "invalid type: unit value, expected string containing a number at line 1 column 36"],
    ['{"$serde_json::private::Number":[1]}', "invalid type: sequence, expected string containing a number at line 1 column 32"],
    ['{"$serde_json::private::Number":"1","a":1}', "trailing comma at line 1 column 36"],
  ];
  for (const [input, cause] of cases) {
    it(`rejects ${JSON.stringify(input)}`, () => {
      throwsDeterministic(() => parse(input), context(utf8(input)), cause);
    });
  }

  it("rejects invalid UTF-8 inside strings", () => {
    const bytes = Uint8Array.from([0x22, 0xff, 0x22]);
    throwsDeterministic(
      () => fromBytes(bytes),
      "Failed to parse JSON from byte array. Bytes (truncated to 1024 chars): `[34, 255, 34]`",
      "invalid unicode code point at line 1 column 3",
    );
  });

  it("shows at most 1024 bytes in the context", () => {
    const bytes = utf8("[" + "1,".repeat(1500));
    const err = (() => {
      try {
        fromBytes(bytes);
      } catch (e) {
        return e as DeterministicError;
      }
      throw new Error("should fail");
    })();
    assert.ok(err.message.startsWith("Failed to parse JSON from byte array. Bytes (truncated to 1024 chars): `[91, 49, 44, "));
    assert.equal(err.message.match(/\d+/g)!.length, 1024 + 1); // 1024 bytes + the "1024" in the text
  });

  it("rejects inputs above 10,000,000 bytes under the same context", () => {
    assert.equal(JSON_MAX_SIZE, 10_000_000);
    const big = new Uint8Array(10_000_001).fill(0x20);
    big[0] = 0x31;
    throwsDeterministic(() => fromBytes(big), context(big), "JSON size exceeds max size of 10000000");
  });

  it("accepts exactly 10,000,000 bytes", () => {
    const exact = new Uint8Array(10_000_000).fill(0x20);
    exact[0] = 0x37;
    assert.deepEqual(fromBytes(exact), num("7"));
  });
});

describe("json.try_fromBytes", () => {
  it("returns the value or a plain failure", () => {
    assert.deepEqual(tryFromBytes(utf8('{"a":[1]}')), {
      ok: true,
      value: { kind: "object", value: [["a", { kind: "array", value: [num("1")] }]] },
    });
    assert.deepEqual(tryFromBytes(utf8("{")), { ok: false });
    assert.deepEqual(tryFromBytes(new Uint8Array(10_000_001)), { ok: false });
  });
});

describe("json.toI64", () => {
  const ok: Array<[string, bigint]> = [
    ["123", 123n],
    ["-123", -123n],
    ["+5", 5n],
    ["007", 7n],
    ["-0", 0n],
    ["9223372036854775807", 9223372036854775807n],
    ["-9223372036854775808", -9223372036854775808n],
  ];
  for (const [s, v] of ok) it(`parses ${s}`, () => assert.equal(toI64(s), v));

  const bad: Array<[string, string]> = [
    ["", "cannot parse integer from empty string"],
    ["+", "invalid digit found in string"],
    ["-", "invalid digit found in string"],
    ["1.0", "invalid digit found in string"],
    [" 1", "invalid digit found in string"],
    ["1_0", "invalid digit found in string"],
    ["0x10", "invalid digit found in string"],
    ["--1", "invalid digit found in string"],
    ["9223372036854775808", "number too large to fit in target type"],
    ["-9223372036854775809", "number too small to fit in target type"],
    ["99999999999999999999x", "number too large to fit in target type"],
  ];
  for (const [s, cause] of bad) {
    it(`rejects ${JSON.stringify(s)}`, () => {
      throwsDeterministic(() => toI64(s), `JSON \`${s}\` cannot be parsed as i64`, cause);
    });
  }
});

describe("json.toU64", () => {
  it("returns the unsigned value", () => {
    assert.equal(toU64("18446744073709551615"), 18446744073709551615n);
    assert.equal(toU64("+7"), 7n);
    assert.equal(toU64("0"), 0n);
  });

  const bad: Array<[string, string]> = [
    ["", "cannot parse integer from empty string"],
    ["-1", "invalid digit found in string"],
    ["-0", "invalid digit found in string"],
    ["+", "invalid digit found in string"],
    ["18446744073709551616", "number too large to fit in target type"],
  ];
  for (const [s, cause] of bad) {
    it(`rejects ${JSON.stringify(s)}`, () => {
      throwsDeterministic(() => toU64(s), `JSON \`${s}\` cannot be parsed as u64`, cause);
    });
  }
});

describe("json.toF64", () => {
  const ok: Array<[string, number]> = [
    ["1.5", 1.5],
    ["1.", 1],
    [".5", 0.5],
    ["-.5", -0.5],
    ["+1e3", 1000],
    ["1.e2", 100],
    ["0.1", 0.1],
    ["1e-400", 0],
    ["1e400", Infinity],
    ["-1e400", -Infinity],
    ["inf", Infinity],
    ["-Infinity", -Infinity],
    ["+INF", Infinity],
    ["9007199254740993", 9007199254740992],
    ["123456789012345678901234567890", 1.2345678901234568e29],
  ];
  for (const [s, v] of ok) it(`parses ${s}`, () => assert.equal(toF64(s), v));

  it("parses NaN spellings", () => {
    assert.ok(Number.isNaN(toF64("NaN")));
    assert.ok(Number.isNaN(toF64("nAn")));
    assert.ok(Number.isNaN(toF64("-nan")));
    assert.ok(Object.is(toF64("-0"), -0));
  });

  const bad: Array<[string, string]> = [
    ["", "cannot parse float from empty string"],
    [".", "invalid float literal"],
    ["-", "invalid float literal"],
    ["e5", "invalid float literal"],
    [".e5", "invalid float literal"],
    ["1e", "invalid float literal"],
    ["1e+", "invalid float literal"],
    ["0x10", "invalid float literal"],
    [" 1", "invalid float literal"],
    ["1 ", "invalid float literal"],
    ["1_0", "invalid float literal"],
    ["infinit", "invalid float literal"],
    ["1.5f", "invalid float literal"],
    ["--1", "invalid float literal"],
  ];
  for (const [s, cause] of bad) {
    it(`rejects ${JSON.stringify(s)}`, () => {
      throwsDeterministic(() => toF64(s), `JSON \`${s}\` cannot be parsed as f64`, cause);
    });
  }
});

describe("json.toBigInt", () => {
  it("parses the BigInt decimal grammar", () => {
    assert.equal(toBigInt("123456789012345678901234567890"), 123456789012345678901234567890n);
    assert.equal(toBigInt("-1"), -1n);
    assert.equal(toBigInt("+1_000"), 1000n);
  });

  it("rejects non-decimal strings", () => {
    throwsDeterministic(() => toBigInt("1.5"), "JSON `1.5` is not a decimal string", "invalid digit found in string");
    throwsDeterministic(() => toBigInt(""), "JSON `` is not a decimal string", "cannot parse integer from empty string");
  });

  it("size-checks under the same message", () => {
    const s = "1" + "0".repeat(131072);
    throwsDeterministic(
      () => toBigInt(s),
      `JSON \`${s}\` is not a decimal string`,
      "BigInt is too big, total bits 435413 (max 435412)",
    );
  });
});
