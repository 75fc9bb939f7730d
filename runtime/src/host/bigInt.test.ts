import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  BIGINT_MAX_BITS,
  bigIntFromSignedBytesLE,
  bigIntToSignedBytesLE,
  bitAnd,
  bitLength,
  bitOr,
  checkBigIntSize,
  checkU8Arg,
  dividedBy,
  dividedByDecimal,
  fromString,
  leftShift,
  minus,
  mod,
  parseBigIntDecimal,
  plus,
  pow,
  rightShift,
  times,
  toHex,
  toString,
} from "./bigInt.ts";
import { throwsDeterministic } from "../../test/helpers/assertions.ts";

/** Asserts a DeterministicError with exactly this message (and cause message, if given). */

const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");
const bytes = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h.replace(/ /g, ""), "hex"));

/** Independent reference for num-bigint `to_signed_bytes_le`: magnitude bytes, sign fix-up. */
function referenceSignedBytes(v: bigint): string {
  const mag = v < 0n ? -v : v;
  const out: number[] = [];
  for (let m = mag; m > 0n; m >>= 8n) out.push(Number(m & 0xffn));
  if (out.length === 0) out.push(0);
  const last = out[out.length - 1]!;
  const onlyPowerOfTwoBoundary = last === 0x80 && out.slice(0, -1).every((b) => b === 0) && v < 0n;
  if (last > 0x7f && !onlyPowerOfTwoBoundary) out.push(0);
  if (v < 0n) {
    let carry = 1;
    for (let i = 0; i < out.length; i++) {
      const x = (~out[i]! & 0xff) + carry;
      out[i] = x & 0xff;
      carry = x >> 8;
    }
  }
  return Buffer.from(out).toString("hex");
}

describe("bigInt arithmetic", () => {
  it("plus / minus / times are exact", () => {
    assert.equal(plus(2n ** 300n, 1n), 2n ** 300n + 1n);
    assert.equal(plus(-5n, 3n), -2n);
    assert.equal(minus(3n, 5n), -2n);
    assert.equal(minus(0n, 2n ** 256n), -(2n ** 256n));
    assert.equal(times(-3n, 7n), -21n);
    assert.equal(times(2n ** 200n, 2n ** 200n), 2n ** 400n);
  });

  it("dividedBy truncates toward zero", () => {
    assert.equal(dividedBy(7n, 2n), 3n);
    assert.equal(dividedBy(-7n, 2n), -3n);
    assert.equal(dividedBy(7n, -2n), -3n);
    assert.equal(dividedBy(-7n, -2n), 3n);
    assert.equal(dividedBy(0n, 5n), 0n);
  });

  it("dividedBy zero fails with graph-node's message", () => {
    throwsDeterministic(() => dividedBy(7n, 0n), "attempted to divide BigInt `7` by zero");
    throwsDeterministic(() => dividedBy(-12n, 0n), "attempted to divide BigInt `-12` by zero");
  });

  it("mod keeps the dividend's sign", () => {
    assert.equal(mod(7n, 2n), 1n);
    assert.equal(mod(-7n, 2n), -1n);
    assert.equal(mod(7n, -2n), 1n);
    assert.equal(mod(-7n, -2n), -1n);
    assert.equal(mod(6n, 3n), 0n);
  });

  it("mod by zero fails with graph-node's message", () => {
    throwsDeterministic(
      () => mod(-7n, 0n),
      "attempted to calculate the remainder of `-7` with a divisor of zero",
    );
  });

  it("pow takes a u8 exponent and 0^0 = 1", () => {
    assert.equal(pow(2n, 10), 1024n);
    assert.equal(pow(-2n, 3), -8n);
    assert.equal(pow(0n, 0), 1n);
    assert.equal(pow(5n, 0), 1n);
    assert.equal(pow(10n, 255), 10n ** 255n);
  });

  it("pow rejects exponents outside u8 before computing", () => {
    throwsDeterministic(() => pow(2n, 256), "out of range integral type conversion attempted");
    throwsDeterministic(() => pow(2n, -1), "out of range integral type conversion attempted");
  });

  it("pow size-checks its result", () => {
    // 2^2000 ^ 255 = 2^510000: 510001 magnitude bits + the sign bit.
    throwsDeterministic(() => pow(1n << 2000n, 255), "BigInt is too big, total bits 510002 (max 435412)");
    // 2^1707 ^ 255 = 2^435285 still fits.
    assert.equal(pow(1n << 1707n, 255), 1n << 435285n);
  });

  it("bitOr / bitAnd use two's complement on infinite precision", () => {
    assert.equal(bitAnd(-1n, 255n), 255n);
    assert.equal(bitOr(-256n, 1n), -255n);
    assert.equal(bitAnd(12n, 10n), 8n);
    assert.equal(bitOr(12n, 10n), 14n);
    assert.equal(bitAnd(-6n, -3n), -8n);
    assert.equal(bitOr(-6n, 3n), -5n);
  });

  it("leftShift multiplies by 2^bits", () => {
    assert.equal(leftShift(1n, 255), 2n ** 255n);
    assert.equal(leftShift(-3n, 4), -48n);
    assert.equal(leftShift(5n, 0), 5n);
  });

  it("rightShift floors toward -infinity", () => {
    assert.equal(rightShift(5n, 1), 2n);
    assert.equal(rightShift(-1n, 1), -1n);
    assert.equal(rightShift(-5n, 1), -3n);
    assert.equal(rightShift(-9n, 2), -3n);
    assert.equal(rightShift(-8n, 2), -2n);
    assert.equal(rightShift(2n ** 255n, 255), 1n);
  });

  it("shifts reject counts outside u8", () => {
    throwsDeterministic(() => leftShift(1n, 256), "out of range integral type conversion attempted");
    throwsDeterministic(() => rightShift(1n, 300), "out of range integral type conversion attempted");
  });

  it("checkU8Arg accepts 0..255 and reads negative i32 as large u32", () => {
    assert.equal(checkU8Arg(0), 0);
    assert.equal(checkU8Arg(255), 255);
    throwsDeterministic(() => checkU8Arg(256), "out of range integral type conversion attempted");
    throwsDeterministic(() => checkU8Arg(-1), "out of range integral type conversion attempted");
  });
});

describe("bigInt.fromString", () => {
  it("accepts num-bigint's decimal grammar", () => {
    assert.equal(fromString("123"), 123n);
    assert.equal(fromString("-123"), -123n);
    assert.equal(fromString("+5"), 5n);
    assert.equal(fromString("-0"), 0n);
    assert.equal(fromString("007"), 7n);
    assert.equal(fromString("1_000"), 1000n);
    assert.equal(fromString("1__0_"), 10n);
    assert.equal(fromString("115792089237316195423570985008687907853269984665640564039457584007913129639935"), 2n ** 256n - 1n);
  });

  const invalid: Array<[string, string]> = [
    ["", "cannot parse integer from empty string"],
    ["+", "cannot parse integer from empty string"],
    ["-", "cannot parse integer from empty string"],
    ["-+5", "invalid digit found in string"],
    ["++5", "invalid digit found in string"],
    ["--5", "invalid digit found in string"],
    ["+-5", "invalid digit found in string"],
    ["_1", "invalid digit found in string"],
    ["-_1", "invalid digit found in string"],
    [" 1", "invalid digit found in string"],
    ["1 ", "invalid digit found in string"],
    ["abc", "invalid digit found in string"],
    ["1.5", "invalid digit found in string"],
    ["0x10", "invalid digit found in string"],
    ["1e3", "invalid digit found in string"],
    ["\u0661", "invalid digit found in string"],
  ];
  for (const [input, cause] of invalid) {
    it(`rejects ${JSON.stringify(input)}`, () => {
      throwsDeterministic(() => fromString(input), `string is not a BigInt: \`${input}\``, cause);
    });
  }

  it("size-checks under the same context message", () => {
    const bits = (10n ** 131072n).toString(2).length + 1;
    assert.equal(bits, 435413);
    const s = "1" + "0".repeat(131072);
    throwsDeterministic(
      () => fromString(s),
      `string is not a BigInt: \`${s}\``,
      `BigInt is too big, total bits ${bits} (max 435412)`,
    );
    // 131071 nines still fit (2^435411 is about 10^131071.4).
    assert.equal(fromString("9".repeat(131071)), 10n ** 131071n - 1n);
  });

  it("parseBigIntDecimal reports num-bigint's causes without throwing", () => {
    assert.deepEqual(parseBigIntDecimal("-42"), { ok: true, value: -42n });
    assert.deepEqual(parseBigIntDecimal("x"), { ok: false, cause: "invalid digit found in string" });
  });
});

describe("bigInt size check", () => {
  it("counts magnitude bits plus a sign bit", () => {
    assert.equal(BIGINT_MAX_BITS, 435412);
    assert.equal(bitLength(0n), 0);
    assert.equal(bitLength(1n), 1);
    assert.equal(bitLength(255n), 8);
    assert.equal(bitLength(-256n), 9);
    assert.equal(checkBigIntSize(0n), 0n);
    assert.equal(checkBigIntSize((1n << 435411n) - 1n), (1n << 435411n) - 1n);
    assert.equal(checkBigIntSize(1n << 435410n), 1n << 435410n);
  });

  it("rejects 435412 magnitude bits", () => {
    throwsDeterministic(() => checkBigIntSize(1n << 435411n), "BigInt is too big, total bits 435413 (max 435412)");
    throwsDeterministic(() => checkBigIntSize(-(1n << 435411n)), "BigInt is too big, total bits 435413 (max 435412)");
  });
});

describe("bigInt signed little-endian bytes", () => {
  const table: Array<[bigint, string]> = [
    [0n, "00"],
    [1n, "01"],
    [127n, "7f"],
    [128n, "8000"],
    [255n, "ff00"],
    [256n, "0001"],
    [-1n, "ff"],
    [-128n, "80"],
    [-129n, "7fff"],
    [-256n, "00ff"],
    [-300n, "d4fe"],
    [32767n, "ff7f"],
    [32768n, "008000"],
    [-32768n, "0080"],
    [-32769n, "ff7fff"],
    [2n ** 255n, "00".repeat(31) + "8000"],
    [-(2n ** 255n), "00".repeat(31) + "80"],
    [2n ** 256n - 1n, "ff".repeat(32) + "00"],
  ];
  for (const [value, expected] of table) {
    it(`writes ${value} minimally as ${expected}`, () => {
      assert.equal(hex(bigIntToSignedBytesLE(value)), expected);
      assert.equal(bigIntFromSignedBytesLE(bytes(expected)), value);
    });
  }

  it("reads non-minimal and empty encodings", () => {
    assert.equal(bigIntFromSignedBytesLE(new Uint8Array()), 0n);
    assert.equal(bigIntFromSignedBytesLE(bytes("d4 fe ff ff")), -300n); // BigInt.fromI32(-300)
    assert.equal(bigIntFromSignedBytesLE(bytes("ff ff ff ff")), -1n);
    assert.equal(bigIntFromSignedBytesLE(bytes("00 00 00 00")), 0n);
    assert.equal(bigIntFromSignedBytesLE(bytes("ff ff ff ff 00")), 4294967295n); // fromU32(u32::MAX)
    assert.equal(bigIntFromSignedBytesLE(bytes("80")), -128n);
  });

  it("matches num-bigint's algorithm on many values", () => {
    let seed = 12345n;
    for (let i = 0; i < 500; i++) {
      seed = (seed * 6364136223846793005n + 1442695040888963407n) & ((1n << 64n) - 1n);
      const width = BigInt(i % 130);
      let v = (seed * (seed + 7n)) & ((1n << width) - 1n);
      if (i % 3 === 0) v = -v;
      if (i % 7 === 0) v = -(1n << width); // power-of-two boundaries
      assert.equal(hex(bigIntToSignedBytesLE(v)), referenceSignedBytes(v), `value ${v}`);
      assert.equal(bigIntFromSignedBytesLE(bigIntToSignedBytesLE(v)), v);
    }
  });
});

describe("bigInt conversions", () => {
  it("toString is decimal with a minus sign", () => {
    assert.equal(toString(0n), "0");
    assert.equal(toString(-123n), "-123");
    assert.equal(toString(2n ** 100n), "1267650600228229401496703205376");
  });

  it("toHex prints the magnitude only", () => {
    assert.equal(toHex(0n), "0x0");
    assert.equal(toHex(1n), "0x1");
    assert.equal(toHex(255n), "0xff");
    assert.equal(toHex(-255n), "0xff");
    assert.equal(toHex(256n), "0x100");
    assert.equal(toHex(2n ** 256n - 1n), "0x" + "f".repeat(64));
  });
});

describe("bigInt.dividedByDecimal", () => {
  it("divides with BigDecimal rules", () => {
    assert.deepEqual(dividedByDecimal(1n, { digits: 3n, exp: 0n }), {
      digits: 3333333333333333333333333333333333n,
      exp: -34n,
    });
    assert.deepEqual(dividedByDecimal(10n, { digits: 4n, exp: 0n }), { digits: 25n, exp: -1n });
    assert.deepEqual(dividedByDecimal(-1n, { digits: 3n, exp: 0n }), {
      digits: -33333333333333333333333333333333333n,
      exp: -35n,
    });
  });

  it("rounds x to 34 significant digits before dividing", () => {
    assert.deepEqual(dividedByDecimal(12345678901234567890123456789012345678n, { digits: 1n, exp: 0n }), {
      digits: 1234567890123456789012345678901235n,
      exp: 4n,
    });
  });

  it("reports a zero divisor with the rounded x", () => {
    throwsDeterministic(
      () => dividedByDecimal(12345678901234567890123456789012345678n, { digits: 0n, exp: 0n }),
      "attempted to divide BigDecimal `12345678901234567890123456789012350000` by zero",
    );
  });
});
