import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { YamlValue } from "../common/values.ts";
import { formatYamlFloat, fromBytes, tryFromBytes, YAML_MAX_SIZE } from "./yaml.ts";
import { throwsDeterministic } from "../../test/helpers/assertions.ts";


const utf8 = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, "utf8"));
const parse = (s: string): YamlValue => fromBytes(utf8(s));
const NULL: YamlValue = { kind: "null" };
const num = (value: string): YamlValue => ({ kind: "number", value });
const str = (value: string): YamlValue => ({ kind: "string", value });
const bool = (value: boolean): YamlValue => ({ kind: "bool", value });
const arr = (...value: YamlValue[]): YamlValue => ({ kind: "array", value });
const obj = (...value: Array<[YamlValue, YamlValue]>): YamlValue => ({ kind: "object", value });
const tagged = (tag: string, value: YamlValue): YamlValue => ({ kind: "tagged", tag, value });
const PARSE_FAILED = "failed to parse YAML from bytes";

/** Parses `[text]` and returns the single element, to test one plain scalar. */
const scalar = (text: string): YamlValue => {
  const v = parse(`[${text}]`);
  assert.equal(v.kind, "array");
  return v.kind === "array" ? v.value[0]! : NULL;
};

describe("yaml scalar resolution (serde_yaml rules)", () => {
  it("booleans: only true/True/TRUE and false/False/FALSE", () => {
    for (const t of ["true", "True", "TRUE"]) assert.deepEqual(scalar(t), bool(true));
    for (const f of ["false", "False", "FALSE"]) assert.deepEqual(scalar(f), bool(false));
    for (const s of ["yes", "no", "on", "off", "tRue", "y"]) assert.deepEqual(scalar(s), str(s));
  });

  it("nulls: ~, null, Null, NULL and the empty plain scalar", () => {
    for (const n of ["~", "null", "Null", "NULL"]) assert.deepEqual(scalar(n), NULL);
    assert.deepEqual(parse("a:"), obj([str("a"), NULL]));
    assert.deepEqual(scalar("nUll"), str("nUll"));
    assert.deepEqual(scalar("''"), str(""));
  });

  const ints: Array<[string, string]> = [
    ["0", "0"],
    ["-0", "0"],
    ["+0", "0"],
    ["42", "42"],
    ["+5", "5"],
    ["-5", "-5"],
    ["0x1F", "31"],
    ["0xff", "255"],
    ["+0x10", "16"],
    ["-0x10", "-16"],
    ["0o17", "15"],
    ["-0o17", "-15"],
    ["0b101", "5"],
    ["-0b101", "-5"],
    ["18446744073709551615", "18446744073709551615"],
    ["-9223372036854775808", "-9223372036854775808"],
  ];
  for (const [text, value] of ints) {
    it(`integer ${text} -> ${value}`, () => assert.deepEqual(scalar(text), num(value)));
  }

  const floats: Array<[string, string]> = [
    ["1.5", "1.5"],
    ["1.0", "1.0"],
    ["1e3", "1000.0"],
    [".5", "0.5"],
    ["5.", "5.0"],
    ["-2.50", "-2.5"],
    ["01.5", "1.5"],
    ["1e15", "1000000000000000.0"],
    ["1e16", "1e16"],
    ["1.5e-7", "1.5e-7"],
    ["0.0001", "0.0001"],
    ["0.00001", "0.00001"],
    ["0.000001", "1e-6"],
    ["123456789.25", "123456789.25"],
    ["-0.0", "-0.0"],
    ["340282366920938463463374607431768211456", "3.402823669209385e38"],
    [".inf", ".inf"],
    [".Inf", ".inf"],
    ["+.inf", ".inf"],
    ["-.INF", "-.inf"],
    [".nan", ".nan"],
    [".NaN", ".nan"],
  ];
  for (const [text, value] of floats) {
    it(`float ${text} -> ${value}`, () => assert.deepEqual(scalar(text), num(value)));
  }

  const strings = ["007", "-007", "+01", "00", "0x", "0X1F", "1_000", "+-5", "0x-5", "inf", "nan", "Infinity", "1e400", "+.nan", "-.nan", "1.2.3", "12:30", "2001-12-14"];
  for (const text of strings) {
    it(`${text} stays a string`, () => assert.deepEqual(scalar(text), str(text)));
  }

  it("quoted and block scalars are always strings", () => {
    assert.deepEqual(parse("'1'"), str("1"));
    assert.deepEqual(parse('"true"'), str("true"));
    assert.deepEqual(parse("'~'"), str("~"));
    assert.deepEqual(parse("|\n  x\n  y\n"), str("x\ny\n"));
    assert.deepEqual(parse(">\n  x\n  y\n"), str("x y\n"));
    assert.deepEqual(parse('"a\\tb"'), str("a\tb"));
  });

  it("integers wider than 64 bits fail (serde_yaml has no u128/i128 Value)", () => {
    throwsDeterministic(
      () => parse("18446744073709551616"),
      PARSE_FAILED,
      "invalid type: integer `18446744073709551616` as u128, expected any YAML value",
    );
    throwsDeterministic(
      () => parse("-9223372036854775809"),
      PARSE_FAILED,
      "invalid type: integer `-9223372036854775809` as i128, expected any YAML value",
    );
  });
});

describe("yaml float display (ryu layout)", () => {
  it("formats like serde_yaml's Number", () => {
    assert.equal(formatYamlFloat(0), "0.0");
    assert.equal(formatYamlFloat(-0), "-0.0");
    assert.equal(formatYamlFloat(1), "1.0");
    assert.equal(formatYamlFloat(0.1), "0.1");
    assert.equal(formatYamlFloat(1e21), "1e21");
    assert.equal(formatYamlFloat(1.25e21), "1.25e21");
    assert.equal(formatYamlFloat(9007199254740993), "9007199254740992.0");
    assert.equal(formatYamlFloat(1e-7), "1e-7");
    assert.equal(formatYamlFloat(-1.5e-300), "-1.5e-300");
    assert.equal(formatYamlFloat(5e-324), "5e-324");
    assert.equal(formatYamlFloat(NaN), ".nan");
    assert.equal(formatYamlFloat(-Infinity), "-.inf");
  });
});

describe("yaml tags", () => {
  it("`!`-tags become tagged values resolved as if untagged", () => {
    assert.deepEqual(parse("!foo x"), tagged("!foo", str("x")));
    assert.deepEqual(parse("!foo 5"), tagged("!foo", num("5")));
    assert.deepEqual(parse("!foo '5'"), tagged("!foo", str("5")));
    assert.deepEqual(parse("!foo [1]"), tagged("!foo", arr(num("1"))));
    assert.deepEqual(parse("!foo {a: 1}"), tagged("!foo", obj([str("a"), num("1")])));
    assert.deepEqual(parse("a: !foo"), obj([str("a"), tagged("!foo", NULL)]));
    assert.deepEqual(parse("- !<!bar> 2"), arr(tagged("!bar", num("2"))));
  });

  it("a bare `!` prints as `!!` (serde_yaml Tag display quirk)", () => {
    assert.deepEqual(parse("! 7"), tagged("!!", num("7")));
  });

  it("core-schema tags force a type", () => {
    assert.deepEqual(parse("!!int '5'"), num("5"));
    assert.deepEqual(parse("!!int 0x10"), num("16"));
    assert.deepEqual(parse("!!float 1"), num("1.0"));
    assert.deepEqual(parse("!!bool 'true'"), bool(true));
    assert.deepEqual(parse("!!null ~"), NULL);
  });

  it("other tags leave a string", () => {
    assert.deepEqual(parse("!!str 5"), str("5"));
    assert.deepEqual(parse("!!binary aGk="), str("aGk="));
    assert.deepEqual(parse("!!timestamp 2001-12-14"), str("2001-12-14"));
    assert.deepEqual(parse("%TAG !e! tag:example.com,2000:\n---\n!e!foo 1"), str("1"));
    assert.deepEqual(parse("!!map {a: 1}"), obj([str("a"), num("1")]));
  });

  const mismatches: Array<[string, string]> = [
    ["!!int x", 'invalid value: string "x", expected an integer'],
    ["!!float x", 'invalid value: string "x", expected a float'],
    ["!!bool 1", 'invalid value: string "1", expected a boolean'],
    ["!!null ''", 'invalid value: string "", expected null'],
  ];
  for (const [input, cause] of mismatches) {
    it(`rejects ${JSON.stringify(input)}`, () => throwsDeterministic(() => parse(input), PARSE_FAILED, cause));
  }
});

describe("yaml collections", () => {
  it("keeps mapping insertion order", () => {
    assert.deepEqual(parse("b: 1\na: 2\nc: 3"), obj([str("b"), num("1")], [str("a"), num("2")], [str("c"), num("3")]));
  });

  it("accepts non-string and complex keys", () => {
    assert.deepEqual(parse("1: a\n1.0: b\nnull: c\ntrue: d"), obj([num("1"), str("a")], [num("1.0"), str("b")], [NULL, str("c")], [bool(true), str("d")]));
    assert.deepEqual(parse("? [1, 2]\n: x"), obj([arr(num("1"), num("2")), str("x")]));
  });

  it("parses nested block and flow collections", () => {
    assert.deepEqual(
      parse("a:\n  - b\n  -\n  - {c: [d, 2]}\n"),
      obj([str("a"), arr(str("b"), NULL, obj([str("c"), arr(str("d"), num("2"))]))]),
    );
  });

  it("does not apply merge keys", () => {
    assert.deepEqual(parse("<<: {a: 1}"), obj([str("<<"), obj([str("a"), num("1")])]));
  });

  const duplicates: Array<[string, string]> = [
    ["a: 1\na: 2", 'duplicate entry with key "a"'],
    ["1: a\n0x1: b", "duplicate entry with key 1"],
    ["0.0: a\n-0.0: b", "duplicate entry with key 0.0"],
    ["true: a\nTrue: b", "duplicate entry with key `true`"],
    ["{null: 1, ~: 2}", "duplicate entry with null key"],
    ["{[1]: 1, [1]: 2}", "duplicate entry in YAML map"],
    ["{{a: 1, b: 2}: x, {b: 2, a: 1}: y}", "duplicate entry in YAML map"],
  ];
  for (const [input, cause] of duplicates) {
    it(`rejects duplicate keys in ${JSON.stringify(input)}`, () => throwsDeterministic(() => parse(input), PARSE_FAILED, cause));
  }

  it("allows 128 nested collections and rejects 129", () => {
    let v = parse("[".repeat(128) + "]".repeat(128));
    let depth = 1;
    while (v.kind === "array" && v.value.length > 0) {
      v = v.value[0]!;
      depth++;
    }
    assert.equal(depth, 128);
    throwsDeterministic(() => parse("[".repeat(129) + "]".repeat(129)), PARSE_FAILED, "recursion limit exceeded");
  });

  it("handles many keys quickly", () => {
    const text = Array.from({ length: 10000 }, (_, i) => `k${i}: ${i}`).join("\n");
    const v = parse(text);
    assert.equal(v.kind === "object" ? v.value.length : 0, 10000);
  });
});

describe("yaml aliases", () => {
  it("expands aliases", () => {
    assert.deepEqual(parse("a: &x [1, 2]\nb: *x"), obj([str("a"), arr(num("1"), num("2"))], [str("b"), arr(num("1"), num("2"))]));
  });

  it("rejects unknown anchors", () => {
    throwsDeterministic(() => parse("a: *nope"), PARSE_FAILED, "unknown anchor");
  });

  it("bounds a self-referencing alias by the recursion limit", () => {
    throwsDeterministic(() => parse("- &a [1, *a]"), PARSE_FAILED, "recursion limit exceeded");
  });

  it("bounds alias bombs by the repetition limit", () => {
    const nine = (x: string) => "[" + Array(9).fill(x).join(", ") + "]";
    const text = [
      `a: &a ${nine('"lol"')}`,
      `b: &b ${nine("*a")}`,
      `c: &c ${nine("*b")}`,
      `d: &d ${nine("*c")}`,
      `e: &e ${nine("*d")}`,
      `f: &f ${nine("*e")}`,
    ].join("\n");
    throwsDeterministic(() => parse(text), PARSE_FAILED, "repetition limit exceeded");
  });
});

describe("yaml documents and input", () => {
  it("an empty stream is null", () => {
    assert.deepEqual(parse(""), NULL);
    assert.deepEqual(parse("# only a comment\n"), NULL);
    assert.deepEqual(parse("---"), NULL);
    assert.deepEqual(parse("--- 5\n..."), num("5"));
  });

  it("rejects more than one document", () => {
    throwsDeterministic(
      () => parse("--- 1\n--- 2"),
      PARSE_FAILED,
      "deserializing from YAML containing more than one document is not supported",
    );
  });

  it("rejects syntax errors", () => {
    throwsDeterministic(() => parse("a: ["), PARSE_FAILED);
    throwsDeterministic(() => parse("a: 'x"), PARSE_FAILED);
  });

  it("decodes UTF-8 with or without BOM, and UTF-16 with BOM", () => {
    assert.deepEqual(fromBytes(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8("a: é")])), obj([str("a"), str("é")]));
    assert.deepEqual(fromBytes(Uint8Array.from(Buffer.from("\ufeffa: 1", "utf16le"))), obj([str("a"), num("1")]));
    const be = Buffer.from("\ufeffa: 1", "utf16le").swap16();
    assert.deepEqual(fromBytes(Uint8Array.from(be)), obj([str("a"), num("1")]));
  });

  it("rejects invalid UTF-8", () => {
    throwsDeterministic(() => fromBytes(Uint8Array.from([0x61, 0x3a, 0x20, 0xff])), PARSE_FAILED, "invalid utf-8 input");
  });

  it("enforces the 10,000,000 byte limit without the parse context", () => {
    assert.equal(YAML_MAX_SIZE, 10_000_000);
    throwsDeterministic(() => fromBytes(new Uint8Array(10_000_001)), "YAML size exceeds max size of 10000000 bytes");
  });
});

describe("yaml.try_fromBytes", () => {
  it("returns the value or a plain failure", () => {
    assert.deepEqual(tryFromBytes(utf8("a: [1]")), { ok: true, value: obj([str("a"), arr(num("1"))]) });
    assert.deepEqual(tryFromBytes(utf8("a: 1\na: 2")), { ok: false });
    assert.deepEqual(tryFromBytes(new Uint8Array(10_000_001)), { ok: false });
  });
});
