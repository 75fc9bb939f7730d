/**
 * Host logic behind graph-ts `bigDecimal.*` (module `numbers`).
 *
 * graph-node computes with bigdecimal-rs 0.1.2 (pinned there because newer versions
 * change results) and normalizes every value it reads or returns
 * (graph/src/data/store/scalar/bigdecimal.rs `normalized`). The quirks of that crate
 * version are reproduced on purpose, each marked "quirk" below; "fixing" any of them
 * would make results differ from a real indexer.
 *
 * Values are `{ digits, exp }` = digits × 10^exp. bigdecimal-rs stores the negated
 * exponent (`scale`) as an i64; release builds wrap on overflow, so scale arithmetic is
 * wrapped to 64 bits here too (only reachable with exponents near ±2^63).
 */
import { DeterministicError } from "../common/errors.ts";
import type { BigDecimal } from "../common/values.ts";
import { checkBigIntSize, parseBigIntDecimal } from "./bigInt.ts";

export type { BigDecimal };

/** graph-node `BigDecimal::MAX_SIGNFICANT_DIGITS`. */
export const BIGDECIMAL_MAX_DIGITS = 34;
/** graph-node `BigDecimal::MIN_EXP` / `MAX_EXP` (the decimal128 limits). */
export const BIGDECIMAL_MIN_EXP = -6143n;
export const BIGDECIMAL_MAX_EXP = 6144n;
/** bigdecimal-rs 0.1.2 division stops after this many quotient digits. */
const DIVISION_MAX_PRECISION = 100;

const wrap64 = (v: bigint): bigint => BigInt.asIntN(64, v);
const pow10 = (n: bigint | number): bigint => 10n ** BigInt(n);
const abs = (v: bigint): bigint => (v < 0n ? -v : v);

function magnitudeBits(v: bigint): number {
  v = abs(v);
  return v === 0n ? 0 : v.toString(2).length;
}

/**
 * Quirk (bigdecimal-rs 0.1.2 `count_decimal_digits`): starts from an f64 estimate
 * `bits / 3.3219280949` and corrects it upward with a *signed* comparison, so for
 * negative numbers the correction never runs and the count can be one short.
 */
function countDecimalDigits(int: bigint): number {
  if (int === 0n) return 1;
  let digits = Math.trunc(magnitudeBits(int) / 3.3219280949);
  let bound = pow10(digits);
  while (int >= bound) {
    bound *= 10n;
    digits += 1;
  }
  return digits;
}

/**
 * bigdecimal-rs 0.1.2 `get_rounding_term`: 1 when the leading decimal digit of a
 * non-negative remainder is 5 or more. Its f64-guided loop is equivalent to looking at
 * the first digit for every value below the BigInt size limit.
 */
function roundingTerm(r: bigint): bigint {
  if (r <= 0n) return 0n;
  return r.toString().charCodeAt(0) >= 0x35 ? 1n : 0n;
}

/** Normalization over the Rust representation (unscaled int, scale = -exp). */
function normalizeScaled(int: bigint, scale: bigint): BigDecimal {
  if (int === 0n) return { digits: 0n, exp: 0n };
  // with_prec(34)
  const d = countDecimalDigits(int);
  if (d > BIGDECIMAL_MAX_DIGITS) {
    const diff = d - BIGDECIMAL_MAX_DIGITS;
    const p = pow10(diff);
    let q = int / p;
    const r = int % p;
    // Quirk: r carries int's sign, so a negative value is never rounded (truncated,
    // possibly keeping 35 digits because of the short digit count above).
    if (p < 10n * r) q += roundingTerm(r);
    int = q;
    scale = wrap64(scale - BigInt(diff));
  }
  // with_prec pads a shorter value with zeros up to 34 digits, and graph-node's next step
  // strips trailing zeros again: the padding cannot change the result, so it is skipped.
  return withoutTrailingZeros(int, scale);
}

/** Trailing decimal zeros removed from `int`, `scale` lowered to match; a few digits per division. */
function withoutTrailingZeros(int: bigint, scale: bigint): BigDecimal {
  for (const [factor, digits] of TRAILING_ZERO_STEPS) {
    while (int % factor === 0n) {
      int /= factor;
      scale = wrap64(scale - digits);
    }
  }
  return { digits: int, exp: wrap64(-scale) };
}

const TRAILING_ZERO_STEPS: ReadonlyArray<readonly [bigint, bigint]> = [
  [10n ** 16n, 16n],
  [10n ** 8n, 8n],
  [10n ** 4n, 4n],
  [100n, 2n],
  [10n, 1n],
];

/**
 * graph-node's `BigDecimal::normalized` applied to `digits × 10^exp`: round to 34
 * significant digits (half-up on the first dropped digit for positives; truncation,
 * sometimes to 35 digits, for negatives), then strip trailing zeros. Zero is {0, 0}.
 * Not idempotent for every negative input, which is why graph-node's "normalize once on
 * read, once on result" discipline is mirrored rather than normalizing defensively.
 */
export function normalizeBigDecimal(v: BigDecimal): BigDecimal {
  return normalizeScaled(v.digits, wrap64(-v.exp));
}

/**
 * What graph-node does when it reads a BigDecimal argument from wasm: both BigInts pass
 * the BigInt size check, `exp` is narrowed to i64, the value is normalized, and the
 * *normalized* exponent must lie in [-6143, 6144].
 */
export function bigDecimalFromReadParts(digits: bigint, exp: bigint): BigDecimal {
  checkBigIntSize(digits);
  checkBigIntSize(exp);
  if (exp !== BigInt.asIntN(64, exp)) {
    // graph-node copies exp's minimal signed bytes into an 8-byte buffer and panics
    // when they do not fit; the panic text is reproduced as graph-node reports it.
    const len = minimalSignedByteLength(exp);
    throw new DeterministicError(
      `Subgraph panicked with message: range end index ${len} out of range for slice of length 8`,
    );
  }
  const value = normalizeBigDecimal({ digits, exp });
  if (value.exp < BIGDECIMAL_MIN_EXP || value.exp > BIGDECIMAL_MAX_EXP) {
    throw new DeterministicError(
      `big decimal exponent \`${value.exp}\` is outside the \`${BIGDECIMAL_MIN_EXP}\` to \`${BIGDECIMAL_MAX_EXP}\` range`,
    );
  }
  return value;
}

function minimalSignedByteLength(v: bigint): number {
  const bits = v >= 0n ? magnitudeBits(v) : magnitudeBits(-v - 1n);
  return Math.max(1, Math.ceil((bits + 1) / 8));
}

/** Exact sum/difference on the common (smaller) exponent; callers normalize. */
function alignedAdd(x: BigDecimal, y: BigDecimal, negateY: boolean): BigDecimal {
  const e = x.exp < y.exp ? x.exp : y.exp;
  const yd = negateY ? -y.digits : y.digits;
  return { digits: x.digits * pow10(x.exp - e) + yd * pow10(y.exp - e), exp: e };
}

function isZero(v: BigDecimal): boolean {
  return v.digits === 0n;
}

function valueEquals(x: BigDecimal, y: BigDecimal): boolean {
  const e = x.exp < y.exp ? x.exp : y.exp;
  return x.digits * pow10(x.exp - e) === y.digits * pow10(y.exp - e);
}

// All operations below take operands exactly as read (bigDecimalFromReadParts) and
// normalize only their result, as graph-node does.

// bigDecimal.plus(x: BigDecimal, y: BigDecimal): BigDecimal
export function plus(x: BigDecimal, y: BigDecimal): BigDecimal {
  return normalizeBigDecimal(alignedAdd(x, y, false));
}

// bigDecimal.minus(x: BigDecimal, y: BigDecimal): BigDecimal
export function minus(x: BigDecimal, y: BigDecimal): BigDecimal {
  return normalizeBigDecimal(alignedAdd(x, y, true));
}

// bigDecimal.times(x: BigDecimal, y: BigDecimal): BigDecimal
export function times(x: BigDecimal, y: BigDecimal): BigDecimal {
  const scale = wrap64(wrap64(-x.exp) + wrap64(-y.exp));
  return normalizeScaled(x.digits * y.digits, scale);
}

// bigDecimal.dividedBy(x: BigDecimal, y: BigDecimal): BigDecimal
export function dividedBy(x: BigDecimal, y: BigDecimal): BigDecimal {
  if (isZero(y)) {
    throw new DeterministicError(`attempted to divide BigDecimal \`${toString(x)}\` by zero`);
  }
  if (isZero(x) || valueEquals(y, { digits: 1n, exp: 0n })) return normalizeBigDecimal(x);
  const scale = wrap64(wrap64(-x.exp) - wrap64(-y.exp));
  // Quirk (bigdecimal-rs 0.1.2): equal unscaled ints short-circuit to exactly 1×10^-scale.
  if (x.digits === y.digits) return normalizeScaled(1n, scale);
  return normalizeScaled(...longDivision(x.digits, y.digits, scale));
}

/**
 * bigdecimal-rs 0.1.2 `impl_division`: shift the numerator until it is not below the
 * denominator, then produce quotient digits until the division is exact or the quotient
 * has 100 digits, and round once on the next digit. Signs are applied afterwards.
 */
function longDivision(numInt: bigint, denInt: bigint, scale: bigint): [bigint, bigint] {
  const negative = numInt < 0n !== denInt < 0n;
  let num = abs(numInt);
  const den = abs(denInt);
  while (num < den) {
    scale = wrap64(scale + 1n);
    num *= 10n;
  }
  let quotient = num / den;
  let remainder = num % den;
  if (remainder !== 0n) {
    let precision = countDecimalDigits(quotient);
    remainder *= 10n;
    while (remainder !== 0n && precision < DIVISION_MAX_PRECISION) {
      quotient = quotient * 10n + remainder / den;
      remainder = (remainder % den) * 10n;
      precision += 1;
      scale = wrap64(scale + 1n);
    }
    if (remainder !== 0n) quotient += roundingTerm(remainder / den);
  }
  return [negative ? -quotient : quotient, scale];
}

// bigDecimal.equals(x: BigDecimal, y: BigDecimal): boolean
export function equals(x: BigDecimal, y: BigDecimal): boolean {
  return valueEquals(x, y);
}

// bigDecimal.toString(bigDecimal: BigDecimal): string
/**
 * bigdecimal-rs 0.1.2 `Display`: always positional, never exponent notation (1e40 prints
 * 41 characters). `x` is taken as read; it is not normalized again.
 */
export function toString(x: BigDecimal): string {
  const digits = abs(x.digits).toString();
  const scale = -x.exp;
  const len = BigInt(digits.length);
  let body: string;
  if (scale >= len) {
    body = "0." + "0".repeat(Number(scale - len)) + digits;
  } else if (scale < 0n) {
    body = digits + "0".repeat(Number(-scale));
  } else {
    const point = digits.length - Number(scale);
    body = point === digits.length ? digits : digits.slice(0, point) + "." + digits.slice(point);
  }
  return x.digits < 0n ? "-" + body : body;
}

/** Rust `i64::from_str` outcome; the cause strings are `ParseIntError`'s messages. */
function parseI64(s: string): { ok: true; value: bigint } | { ok: false; cause: string } {
  if (s.length === 0) return { ok: false, cause: "cannot parse integer from empty string" };
  let i = 0;
  let negative = false;
  if (s[0] === "+" || s[0] === "-") {
    if (s.length === 1) return { ok: false, cause: "invalid digit found in string" };
    negative = s[0] === "-";
    i = 1;
  }
  // Digits are checked left to right, so an overflow before a bad digit wins, as in Rust.
  let acc = 0n;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return { ok: false, cause: "invalid digit found in string" };
    acc = acc * 10n + BigInt(c - 0x30);
    if (!negative && acc > 0x7fffffffffffffffn) {
      return { ok: false, cause: "number too large to fit in target type" };
    }
    if (negative && acc > 0x8000000000000000n) {
      return { ok: false, cause: "number too small to fit in target type" };
    }
  }
  return { ok: true, value: negative ? -acc : acc };
}

// bigDecimal.fromString(s: string): BigDecimal
/**
 * bigdecimal-rs 0.1.2 `from_str`: mantissa and exponent split at the first `e`/`E`, one
 * leading `+` dropped from the exponent before Rust's i64 parse (so `1e++5` and `1e+-5`
 * parse), digits = text before + after the first `.`, parsed with the num-bigint grammar
 * (so `.5`, `1.`, `-.5`, `1_0.5_` are accepted). The result is normalized but, like
 * graph-node, not range-checked.
 */
export function fromString(s: string): BigDecimal {
  const fail = (cause: string): never => {
    // Two spaces after "string": graph-node's message, kept verbatim.
    throw new DeterministicError(`string  is not a BigDecimal: '${s}'`, {
      cause: new Error(cause),
    });
  };
  const ePos = s.search(/[eE]/);
  let base = s;
  let exponent = 0n;
  if (ePos >= 0) {
    base = s.slice(0, ePos);
    let expText = s.slice(ePos + 1);
    if (expText.startsWith("+")) expText = expText.slice(1);
    const parsed = parseI64(expText);
    if (!parsed.ok) return fail(parsed.cause);
    exponent = parsed.value;
  }
  if (base.length === 0) return fail("Failed to parse empty string");
  const dot = base.indexOf(".");
  let digitText = base;
  let fractionLen = 0n;
  if (dot >= 0) {
    const trail = base.slice(dot + 1);
    digitText = base.slice(0, dot) + trail;
    fractionLen = BigInt(Buffer.byteLength(trail, "utf8"));
  }
  const scale = wrap64(fractionLen - exponent);
  const int = parseBigIntDecimal(digitText);
  if (!int.ok) return fail(int.cause);
  return normalizeScaled(int.value, scale);
}
