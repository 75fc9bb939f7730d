import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { BigDecimal } from "../common/values.ts";
import {
  BIGDECIMAL_MAX_DIGITS,
  BIGDECIMAL_MAX_EXP,
  BIGDECIMAL_MIN_EXP,
  bigDecimalFromReadParts,
  dividedBy,
  equals,
  fromString,
  minus,
  normalizeBigDecimal,
  plus,
  times,
  toString,
} from "./bigDecimal.ts";
import { throwsDeterministic } from "../../test/helpers/assertions.ts";


const bd = (digits: bigint, exp: bigint): BigDecimal => ({ digits, exp });
/** A value as the host sees it after reading it from wasm. */
const read = (s: string): BigDecimal => {
  const v = fromString(s);
  return bigDecimalFromReadParts(v.digits, v.exp);
};

describe("bigDecimal §6.3 examples table", () => {
  const divisions: Array<[string, string, string, BigDecimal | null]> = [
    ["1", "3", "0.3333333333333333333333333333333333", bd(3333333333333333333333333333333333n, -34n)],
    ["2", "3", "0.6666666666666666666666666666666667", bd(6666666666666666666666666666666667n, -34n)],
    ["-2", "3", "-0.66666666666666666666666666666666666", bd(-66666666666666666666666666666666666n, -35n)],
    ["-1", "3", "-0.33333333333333333333333333333333333", bd(-33333333333333333333333333333333333n, -35n)],
    ["1", "7", "0.1428571428571428571428571428571429", bd(1428571428571428571428571428571429n, -34n)],
    ["10", "4", "2.5", bd(25n, -1n)],
    ["5", "0.5", "10", bd(1n, 1n)],
    ["1e18", "3", "333333333333333333.3333333333333333", bd(3333333333333333333333333333333333n, -16n)],
  ];
  for (const [x, y, text, value] of divisions) {
    it(`${x}/${y}`, () => {
      const q = dividedBy(read(x), read(y));
      assert.equal(toString(q), text);
      if (value) assert.deepEqual(q, value);
    });
  }

  it("0.1+0.2", () => {
    const sum = plus(read("0.1"), read("0.2"));
    assert.equal(toString(sum), "0.3");
    assert.deepEqual(sum, bd(3n, -1n));
  });

  const parses: Array<[string, string, BigDecimal]> = [
    ["1.50", "1.5", bd(15n, -1n)],
    ["1e3", "1000", bd(1n, 3n)],
    ["1.5E-3", "0.0015", bd(15n, -4n)],
    ["1e40", "10000000000000000000000000000000000000000", bd(1n, 40n)],
    ["1e-30", "0.000000000000000000000000000001", bd(1n, -30n)],
    [
      "12345678901234567890123456789012345678",
      "12345678901234567890123456789012350000",
      bd(1234567890123456789012345678901235n, 4n),
    ],
    [
      "-12345678901234567890123456789012345678",
      "-12345678901234567890123456789012345000",
      bd(-12345678901234567890123456789012345n, 3n),
    ],
    ["99999999999999999999999999999999999", "100000000000000000000000000000000000", bd(1n, 35n)],
    [
      "-99999999999999999999999999999999999",
      "-99999999999999999999999999999999990",
      bd(-9999999999999999999999999999999999n, 1n),
    ],
  ];
  for (const [input, text, value] of parses) {
    it(`fromString(${JSON.stringify(input)})`, () => {
      const v = fromString(input);
      assert.deepEqual(v, value);
      assert.equal(toString(v), text);
    });
  }

  it("123456789012345678901234567890123.45 × 1", () => {
    const product = times(read("123456789012345678901234567890123.45"), read("1"));
    assert.equal(toString(product), "123456789012345678901234567890123.5");
    assert.deepEqual(product, bd(1234567890123456789012345678901235n, -1n));
  });
});

describe("bigDecimal normalization", () => {
  it("maps every zero to {0, 0}", () => {
    assert.deepEqual(normalizeBigDecimal(bd(0n, 17n)), bd(0n, 0n));
    assert.deepEqual(normalizeBigDecimal(bd(0n, -5n)), bd(0n, 0n));
  });

  it("strips trailing zeros into the exponent", () => {
    assert.deepEqual(normalizeBigDecimal(bd(100n, 0n)), bd(1n, 2n));
    assert.deepEqual(normalizeBigDecimal(bd(-1500n, -3n)), bd(-15n, -1n));
    assert.deepEqual(normalizeBigDecimal(bd(7n, 0n)), bd(7n, 0n));
  });

  it("rounds positives half-up on the first dropped digit", () => {
    const base = "1234567890123456789012345678901234";
    assert.equal(base.length, BIGDECIMAL_MAX_DIGITS);
    assert.deepEqual(normalizeBigDecimal(bd(BigInt(base + "5"), 0n)), bd(1234567890123456789012345678901235n, 1n));
    assert.deepEqual(normalizeBigDecimal(bd(BigInt(base + "4"), 0n)), bd(1234567890123456789012345678901234n, 1n));
    assert.deepEqual(normalizeBigDecimal(bd(BigInt(base + "49"), 0n)), bd(1234567890123456789012345678901234n, 2n));
    // A zero first dropped digit never rounds, whatever follows.
    assert.deepEqual(normalizeBigDecimal(bd(BigInt(base + "09"), 0n)), bd(1234567890123456789012345678901234n, 2n));
  });

  it("carries into a new digit and re-strips", () => {
    assert.deepEqual(normalizeBigDecimal(bd(BigInt("9".repeat(40)), -3n)), bd(1n, 37n));
  });

  it("truncates negatives toward zero (quirk)", () => {
    const base = "1234567890123456789012345678901234";
    // 36 digits: the signed digit count is 35, so only one digit is dropped, unrounded.
    assert.deepEqual(
      normalizeBigDecimal(bd(-BigInt(base + "99"), 0n)),
      bd(-BigInt(base + "9"), 1n),
    );
  });

  it("is not idempotent for some negatives, so each read renormalizes (quirk)", () => {
    const once = normalizeBigDecimal(bd(-83999999999999999999999999999999999999n, 0n));
    assert.deepEqual(once, bd(-83999999999999999999999999999999999n, 3n));
    assert.deepEqual(bigDecimalFromReadParts(once.digits, once.exp), bd(-8399999999999999999999999999999999n, 4n));
  });

  it("wraps the i64 scale like a release build (quirk)", () => {
    assert.deepEqual(fromString("1e9223372036854775807"), bd(1n, 9223372036854775807n));
    assert.deepEqual(fromString("1e-9223372036854775808"), bd(1n, -9223372036854775808n));
    // 1 - i64::MIN overflows to i64::MIN + 1, i.e. exponent i64::MAX.
    assert.deepEqual(fromString("1.5e-9223372036854775808"), bd(15n, 9223372036854775807n));
  });
});

describe("bigDecimal read from wasm", () => {
  it("normalizes what it reads", () => {
    assert.deepEqual(bigDecimalFromReadParts(1500n, -3n), bd(15n, -1n));
    assert.deepEqual(bigDecimalFromReadParts(0n, 99n), bd(0n, 0n));
    assert.deepEqual(bigDecimalFromReadParts(12345678901234567890123456789012345678n, 0n), bd(1234567890123456789012345678901235n, 4n));
  });

  it("accepts normalized exponents from -6143 to 6144", () => {
    assert.equal(BIGDECIMAL_MIN_EXP, -6143n);
    assert.equal(BIGDECIMAL_MAX_EXP, 6144n);
    assert.deepEqual(bigDecimalFromReadParts(1n, 6144n), bd(1n, 6144n));
    assert.deepEqual(bigDecimalFromReadParts(-7n, -6143n), bd(-7n, -6143n));
    // Checked after normalization: a raw -6150 with trailing zeros is fine ...
    assert.deepEqual(bigDecimalFromReadParts(10n ** 40n, -6150n), bd(1n, -6110n));
  });

  it("rejects normalized exponents outside the range", () => {
    throwsDeterministic(
      () => bigDecimalFromReadParts(1n, 6145n),
      "big decimal exponent `6145` is outside the `-6143` to `6144` range",
    );
    throwsDeterministic(
      () => bigDecimalFromReadParts(1n, -6144n),
      "big decimal exponent `-6144` is outside the `-6143` to `6144` range",
    );
    // ... and an in-range raw exponent can normalize out of range.
    throwsDeterministic(
      () => bigDecimalFromReadParts(100n, 6143n),
      "big decimal exponent `6145` is outside the `-6143` to `6144` range",
    );
    throwsDeterministic(
      () => bigDecimalFromReadParts(BigInt("1".repeat(40)), -6180n),
      "big decimal exponent `-6174` is outside the `-6143` to `6144` range",
    );
    throwsDeterministic(
      () => bigDecimalFromReadParts(1n, 9223372036854775807n),
      "big decimal exponent `9223372036854775807` is outside the `-6143` to `6144` range",
    );
  });

  it("size-checks digits and exp as BigInts", () => {
    throwsDeterministic(
      () => bigDecimalFromReadParts(1n << 435411n, 0n),
      "BigInt is too big, total bits 435413 (max 435412)",
    );
  });

  it("fails like graph-node's panic when exp does not fit in i64", () => {
    throwsDeterministic(
      () => bigDecimalFromReadParts(1n, 2n ** 63n),
      "Subgraph panicked with message: range end index 9 out of range for slice of length 8",
    );
    throwsDeterministic(
      () => bigDecimalFromReadParts(1n, -(2n ** 63n) - 1n),
      "Subgraph panicked with message: range end index 9 out of range for slice of length 8",
    );
  });
});

describe("bigDecimal arithmetic", () => {
  it("plus aligns exponents exactly, then normalizes", () => {
    assert.equal(toString(plus(read("1e10"), read("1e-10"))), "10000000000.0000000001");
    assert.deepEqual(plus(read("1.5"), read("-1.5")), bd(0n, 0n));
    // 10^34 + 1 has 35 digits; the dropped 1 rounds down.
    assert.deepEqual(plus(read("1e34"), read("1")), bd(1n, 34n));
    assert.deepEqual(plus(read("1e34"), read("5")), bd(1000000000000000000000000000000001n, 1n));
  });

  it("minus", () => {
    assert.deepEqual(minus(read("0.3"), read("0.1")), bd(2n, -1n));
    assert.deepEqual(minus(read("1"), read("1")), bd(0n, 0n));
    assert.equal(toString(minus(read("-2.5"), read("0.25"))), "-2.75");
  });

  it("times adds exponents and does not range-check the result", () => {
    assert.deepEqual(times(read("1.5"), read("1.5")), bd(225n, -2n));
    assert.deepEqual(times(read("-2"), read("0.5")), bd(-1n, 0n));
    assert.deepEqual(times(bd(1n, 6144n), bd(1n, 6144n)), bd(1n, 12288n));
    assert.deepEqual(times(read("0"), read("123.4")), bd(0n, 0n));
  });

  it("dividedBy signs", () => {
    assert.equal(toString(dividedBy(read("1"), read("-3"))), "-0.33333333333333333333333333333333333");
    assert.equal(toString(dividedBy(read("-1"), read("-3"))), "0.3333333333333333333333333333333333");
    assert.deepEqual(dividedBy(read("-7"), read("-7")), bd(1n, 0n));
    assert.deepEqual(dividedBy(read("7"), read("-7")), bd(-1n, 0n));
  });

  it("dividedBy shortcuts: zero numerator, divisor one, equal digits", () => {
    assert.deepEqual(dividedBy(read("0"), read("3")), bd(0n, 0n));
    assert.deepEqual(dividedBy(read("1.25"), read("1")), bd(125n, -2n));
    assert.deepEqual(dividedBy(read("0.07"), read("700")), bd(1n, -4n));
  });

  it("dividedBy exact and repeating quotients", () => {
    assert.deepEqual(dividedBy(read("1"), read("8")), bd(125n, -3n));
    assert.deepEqual(dividedBy(read("3"), read("0.2")), bd(15n, 0n));
    assert.equal(toString(dividedBy(read("1e-6143"), read("3"))), "0." + "0".repeat(6143) + "3".repeat(34));
    assert.equal(toString(dividedBy(read("22"), read("7"))), "3.142857142857142857142857142857143");
  });

  it("dividedBy zero fails with the dividend in the message", () => {
    throwsDeterministic(() => dividedBy(read("1.5"), read("0")), "attempted to divide BigDecimal `1.5` by zero");
    throwsDeterministic(() => dividedBy(read("-1e3"), read("0.000")), "attempted to divide BigDecimal `-1000` by zero");
    throwsDeterministic(() => dividedBy(read("0"), read("0")), "attempted to divide BigDecimal `0` by zero");
  });

  it("equals compares values", () => {
    assert.equal(equals(read("1.50"), read("1.5")), true);
    assert.equal(equals(bd(10n, 0n), bd(1n, 1n)), true);
    assert.equal(equals(read("1"), read("2")), false);
    assert.equal(equals(read("-1"), read("1")), false);
    assert.equal(equals(read("0"), bd(0n, 5n)), true);
  });
});

describe("bigDecimal.toString", () => {
  it("prints positional notation only", () => {
    assert.equal(toString(bd(0n, 0n)), "0");
    assert.equal(toString(bd(1n, -3n)), "0.001");
    assert.equal(toString(bd(123n, -3n)), "0.123");
    assert.equal(toString(bd(123n, -2n)), "1.23");
    assert.equal(toString(bd(123n, 0n)), "123");
    assert.equal(toString(bd(123n, 2n)), "12300");
    assert.equal(toString(bd(-15n, -1n)), "-1.5");
    assert.equal(toString(bd(-1n, -2n)), "-0.01");
    assert.equal(toString(bd(-1n, 3n)), "-1000");
  });

  it("prints an unnormalized value as it is", () => {
    assert.equal(toString(bd(0n, -3n)), "0.000");
    assert.equal(toString(bd(1500n, -3n)), "1.500");
  });
});

describe("bigDecimal.fromString grammar", () => {
  const accepted: Array<[string, BigDecimal]> = [
    ["0", bd(0n, 0n)],
    ["-0.0", bd(0n, 0n)],
    [".5", bd(5n, -1n)],
    ["-.5", bd(-5n, -1n)],
    ["1.", bd(1n, 0n)],
    ["+1.5", bd(15n, -1n)],
    ["1_000.5", bd(10005n, -1n)],
    ["1e+5", bd(1n, 5n)],
    ["1E5", bd(1n, 5n)],
    ["1e++5", bd(1n, 5n)],
    ["1e+-5", bd(1n, -5n)],
    ["1e-5", bd(1n, -5n)],
    ["2.5e0", bd(25n, -1n)],
    ["007.10", bd(71n, -1n)],
    // num-bigint's grammar applied to the joined digits (quirks):
    [".-5", bd(-5n, -2n)],
    ["1.5_", bd(15n, -2n)],
    ["1._5", bd(15n, -2n)],
  ];
  for (const [input, value] of accepted) {
    it(`accepts ${JSON.stringify(input)}`, () => {
      assert.deepEqual(fromString(input), value);
    });
  }

  const rejected: Array<[string, string]> = [
    ["", "Failed to parse empty string"],
    ["e5", "Failed to parse empty string"],
    [".", "cannot parse integer from empty string"],
    ["-", "cannot parse integer from empty string"],
    ["abc", "invalid digit found in string"],
    [" 1", "invalid digit found in string"],
    ["1 ", "invalid digit found in string"],
    ["1.2.3", "invalid digit found in string"],
    ["--1", "invalid digit found in string"],
    ["_1", "invalid digit found in string"],
    ["0x10", "invalid digit found in string"],
    ["NaN", "invalid digit found in string"],
    ["1e", "cannot parse integer from empty string"],
    ["1e+", "cannot parse integer from empty string"],
    ["1e++", "invalid digit found in string"],
    ["1e5.5", "invalid digit found in string"],
    ["1e3e4", "invalid digit found in string"],
    ["1e1_0", "invalid digit found in string"],
    ["1e99999999999999999999", "number too large to fit in target type"],
    ["1e-99999999999999999999", "number too small to fit in target type"],
    ["1e99999999999999999999x", "number too large to fit in target type"],
  ];
  for (const [input, cause] of rejected) {
    it(`rejects ${JSON.stringify(input)}`, () => {
      throwsDeterministic(() => fromString(input), `string  is not a BigDecimal: '${input}'`, cause);
    });
  }

  it("is not range-checked (only reading is)", () => {
    assert.deepEqual(fromString("1e7000"), bd(1n, 7000n));
  });
});
