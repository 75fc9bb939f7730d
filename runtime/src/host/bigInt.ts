/**
 * Host logic behind graph-ts `bigInt.*` (module `numbers`) and the BigInt half of
 * `typeConversion.*`, over plain `bigint`s. graph-node computes with num-bigint 0.2.6,
 * whose operators agree with JavaScript's `bigint` operators (truncating `/` and `%`,
 * flooring `>>`, two's-complement `&`/`|` on infinite precision), so the arithmetic is
 * the language's; what is kept here are graph-node's edge rules: errors, the size limit
 * and the exact parse grammar.
 *
 * Errors carry graph-node's top-level message. Where graph-node attaches the message as
 * an anyhow *context* over a lower-level Rust error, that lower error is kept as the
 * `cause` (graph-node's final handler error is the chain joined with ": ").
 */
import { DeterministicError } from "../common/errors.ts";
import type { BigDecimal } from "../common/values.ts";
import { dividedBy as bigDecimalDividedBy, normalizeBigDecimal } from "./bigDecimal.ts";

/** graph-node `BigInt::MAX_BITS`: 131072 decimal digits (Postgres numeric) in bits, + 1. */
export const BIGINT_MAX_BITS = 435412;

/** Number of bits of |v| (num-bigint `bits()`); 0 for 0. */
export function bitLength(v: bigint): number {
  if (v < 0n) v = -v;
  if (v === 0n) return 0;
  const hex = v.toString(16);
  return (hex.length - 1) * 4 + (32 - Math.clz32(parseInt(hex[0]!, 16)));
}

/**
 * graph-node's `BigInt::new` limit, applied whenever a BigInt is read from wasm and by
 * pow/fromString/json.toBigInt. The sign bit is counted, as graph-node does.
 */
export function checkBigIntSize(v: bigint): bigint {
  const bits = bitLength(v) + 1;
  if (bits > BIGINT_MAX_BITS) {
    throw new DeterministicError(`BigInt is too big, total bits ${bits} (max ${BIGINT_MAX_BITS})`);
  }
  return v;
}

export {
  fromSignedBytesLE as bigIntFromSignedBytesLE,
  toSignedBytesLE as bigIntToSignedBytesLE,
} from "../common/signedBytes.ts";

/**
 * graph-node receives `exp`/`bits` as u32 and narrows them with `u8::try_from` *before*
 * reading the BigInt argument; the memory layer can call this first to keep that order.
 * `raw` is the wasm i32 (negative values are large u32s and fail too).
 */
export function checkU8Arg(raw: number): number {
  const u32 = raw >>> 0;
  if (u32 > 255) {
    throw new DeterministicError("out of range integral type conversion attempted");
  }
  return u32;
}

/** Outcome of parsing with num-bigint's `BigInt::from_str_radix(s, 10)` grammar. */
export type BigIntParse = { ok: true; value: bigint } | { ok: false; cause: string };

/**
 * num-bigint 0.2.6 decimal grammar, reproduced because graph-node exposes it through
 * bigInt.fromString, json.toBigInt and bigDecimal.fromString: one optional `-` (not
 * followed by `+`) or one optional `+`, then digits where `_` may appear anywhere except
 * first (`1__0_` is 10). The cause texts are num-bigint's `ParseBigIntError` messages.
 */
export function parseBigIntDecimal(s: string): BigIntParse {
  let rest = s;
  let negative = false;
  if (rest.startsWith("-")) {
    negative = true;
    // num-bigint leaves "-+..." intact so the '-' itself becomes the invalid digit.
    if (!rest.startsWith("-+")) rest = rest.slice(1);
  }
  if (rest.startsWith("+") && !rest.startsWith("++")) rest = rest.slice(1);
  if (rest.length === 0) return { ok: false, cause: "cannot parse integer from empty string" };
  if (rest.startsWith("_")) return { ok: false, cause: "invalid digit found in string" };
  let digits = "";
  for (let i = 0; i < rest.length; i++) {
    const c = rest.charCodeAt(i);
    if (c === 0x5f) continue;
    if (c < 0x30 || c > 0x39) return { ok: false, cause: "invalid digit found in string" };
    digits += rest[i];
  }
  const magnitude = BigInt(digits);
  return { ok: true, value: negative ? -magnitude : magnitude };
}

/** Size check that reports through a caller's context message, as `BigInt::from_str` does. */
export function sizeCheckCause(v: bigint): string | undefined {
  const bits = bitLength(v) + 1;
  return bits > BIGINT_MAX_BITS
    ? `BigInt is too big, total bits ${bits} (max ${BIGINT_MAX_BITS})`
    : undefined;
}

// bigInt.plus(x: BigInt, y: BigInt): BigInt
export function plus(x: bigint, y: bigint): bigint {
  return x + y;
}

// bigInt.minus(x: BigInt, y: BigInt): BigInt
export function minus(x: bigint, y: bigint): bigint {
  return x - y;
}

// bigInt.times(x: BigInt, y: BigInt): BigInt
export function times(x: bigint, y: bigint): bigint {
  return x * y;
}

// bigInt.dividedBy(x: BigInt, y: BigInt): BigInt
export function dividedBy(x: bigint, y: bigint): bigint {
  if (y === 0n) throw new DeterministicError(`attempted to divide BigInt \`${x}\` by zero`);
  return x / y;
}

// bigInt.mod(x: BigInt, y: BigInt): BigInt
export function mod(x: bigint, y: bigint): bigint {
  if (y === 0n) {
    throw new DeterministicError(
      `attempted to calculate the remainder of \`${x}\` with a divisor of zero`,
    );
  }
  return x % y;
}

// bigInt.pow(x: BigInt, exp: u8): BigInt
export function pow(x: bigint, exp: number): bigint {
  const e = checkU8Arg(exp);
  // The result is the only BigInt graph-node size-checks on creation here (BigInt::new).
  return checkBigIntSize(x ** BigInt(e));
}

// bigInt.fromString(s: string): BigInt
export function fromString(s: string): bigint {
  const parsed = parseBigIntDecimal(s);
  const cause = parsed.ok ? sizeCheckCause(parsed.value) : parsed.cause;
  if (!parsed.ok || cause !== undefined) {
    // graph-node wraps both the parse and the size error in the same context.
    throw new DeterministicError(`string is not a BigInt: \`${s}\``, {
      cause: new Error(cause),
    });
  }
  return parsed.value;
}

// bigInt.bitOr(x: BigInt, y: BigInt): BigInt
export function bitOr(x: bigint, y: bigint): bigint {
  return x | y;
}

// bigInt.bitAnd(x: BigInt, y: BigInt): BigInt
export function bitAnd(x: bigint, y: bigint): bigint {
  return x & y;
}

// bigInt.leftShift(x: BigInt, bits: u8): BigInt
export function leftShift(x: bigint, bits: number): bigint {
  return x << BigInt(checkU8Arg(bits));
}

// bigInt.rightShift(x: BigInt, bits: u8): BigInt
export function rightShift(x: bigint, bits: number): bigint {
  // num-bigint 0.2 rounds negative shifts toward -inf, exactly like JS `>>`.
  return x >> BigInt(checkU8Arg(bits));
}

// bigInt.dividedByDecimal(x: BigInt, y: BigDecimal): BigDecimal
/**
 * `y` must be the value as read from wasm (`bigDecimalFromReadParts`). graph-node builds
 * `BigDecimal::new(x, 0)`, which normalizes, so x is rounded to 34 significant digits
 * before dividing, and that rounded x is what the zero-divisor message shows.
 */
export function dividedByDecimal(x: bigint, y: BigDecimal): BigDecimal {
  return bigDecimalDividedBy(normalizeBigDecimal({ digits: x, exp: 0n }), y);
}

// typeConversion.bigIntToString(bigInt: Uint8Array): string
export function toString(x: bigint): string {
  return x.toString();
}

// typeConversion.bigIntToHex(bigInt: Uint8Array): string
export function toHex(x: bigint): string {
  // graph-node prints the magnitude only (go-ethereum hexutil style), so the sign is lost.
  if (x === 0n) return "0x0";
  return "0x" + (x < 0n ? -x : x).toString(16);
}
