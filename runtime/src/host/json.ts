/**
 * Host logic behind graph-ts `json.*` (module `json`).
 *
 * graph-node parses with `serde_json::from_slice::<serde_json::Value>` built with
 * `arbitrary_precision` and without `preserve_order` (serde_json 1.0.120). This parser
 * follows the same decisions byte by byte, so it accepts and rejects exactly the same
 * inputs, keeps each number's source text, orders object keys as a BTreeMap<String, _>
 * does (UTF-8 byte order, last duplicate wins), and, for the error `cause`, produces
 * serde_json's message with its line/column.
 */
import { DeterministicError } from "../common/errors.ts";
import { compareUtf8 } from "../common/utf8.ts";
import type { JsonValue } from "../common/values.ts";
import { parseBigIntDecimal, sizeCheckCause } from "./bigInt.ts";

/** graph-node's `MAX_JSON_SIZE` for json.fromBytes / json.try_fromBytes. */
export const JSON_MAX_SIZE = 10_000_000;
/** serde_json's nesting budget: the 128th nested `[`/`{` is rejected. */
const RECURSION_LIMIT = 128;
/** With arbitrary_precision, an object whose first key is this is read as a Number. */
const NUMBER_TOKEN = "$serde_json::private::Number";

/** A serde_json syntax error; `message` is serde_json's Display text. */
export class JsonSyntaxError extends Error {
  override name = "JsonSyntaxError";
}

const utf8Strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

const ERR = {
  EofList: "EOF while parsing a list",
  EofObject: "EOF while parsing an object",
  EofString: "EOF while parsing a string",
  EofValue: "EOF while parsing a value",
  ExpectedColon: "expected `:`",
  ExpectedListCommaOrEnd: "expected `,` or `]`",
  ExpectedObjectCommaOrEnd: "expected `,` or `}`",
  ExpectedIdent: "expected ident",
  ExpectedValue: "expected value",
  InvalidEscape: "invalid escape",
  InvalidNumber: "invalid number",
  InvalidCodePoint: "invalid unicode code point",
  ControlChar: "control character (\\u0000-\\u001F) found while parsing a string",
  KeyMustBeString: "key must be a string",
  LoneSurrogate: "lone leading surrogate in hex escape",
  TrailingComma: "trailing comma",
  TrailingCharacters: "trailing characters",
  UnexpectedEndOfHexEscape: "unexpected end of hex escape",
  RecursionLimit: "recursion limit exceeded",
} as const;

function hexValue(b: number): number {
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  if (b >= 0x41 && b <= 0x46) return b - 0x41 + 10;
  if (b >= 0x61 && b <= 0x66) return b - 0x61 + 10;
  return -1;
}

const isDigit = (b: number): boolean => b >= 0x30 && b <= 0x39;

/** `\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t` by the byte after the backslash. */
const SIMPLE_ESCAPES = new Map<number, number>([
  [0x22, 0x22], [0x5c, 0x5c], [0x2f, 0x2f], [0x62, 0x08], [0x66, 0x0c], [0x6e, 0x0a], [0x72, 0x0d], [0x74, 0x09],
]);


/** serde_json's SliceRead + Deserializer, restricted to what `Value` exercises. */
class Parser {
  private i = 0;
  private remainingDepth = RECURSION_LIMIT;

  constructor(private readonly b: Uint8Array) {}

  // ---- positions (serde_json `position` / `peek_position`) ----

  private errorAt(index: number, code: string): JsonSyntaxError {
    let line = 1;
    let column = 0;
    for (let k = 0; k < index; k++) {
      if (this.b[k] === 0x0a) {
        line += 1;
        column = 0;
      } else {
        column += 1;
      }
    }
    return new JsonSyntaxError(`${code} at line ${line} column ${column}`);
  }

  /** Error about a byte already consumed. */
  private error(code: string): JsonSyntaxError {
    return this.errorAt(this.i, code);
  }

  /** Error about the byte under the cursor (not consumed). */
  private peekError(code: string): JsonSyntaxError {
    return this.errorAt(Math.min(this.b.length, this.i + 1), code);
  }

  private peek(): number {
    return this.i < this.b.length ? this.b[this.i]! : -1;
  }

  /** Skips JSON whitespace and returns the next byte without consuming it (-1 at EOF). */
  private whitespace(): number {
    for (;;) {
      const c = this.peek();
      if (c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d) this.i++;
      else return c;
    }
  }

  // ---- entry point (serde_json `from_slice`) ----

  parseDocument(): JsonValue {
    const value = this.parseValue();
    if (this.whitespace() !== -1) throw this.peekError(ERR.TrailingCharacters);
    return value;
  }

  private parseValue(): JsonValue {
    const c = this.whitespace();
    switch (c) {
      case -1:
        throw this.peekError(ERR.EofValue);
      case 0x6e: // n
        this.i++;
        this.ident("ull");
        return { kind: "null" };
      case 0x74: // t
        this.i++;
        this.ident("rue");
        return { kind: "bool", value: true };
      case 0x66: // f
        this.i++;
        this.ident("alse");
        return { kind: "bool", value: false };
      case 0x2d: // -
        this.i++;
        return { kind: "number", value: this.number(false) };
      case 0x22: // "
        this.i++;
        return { kind: "string", value: this.string() };
      case 0x5b: // [
      case 0x7b: // {
        return this.nested(c);
      default:
        if (isDigit(c)) return { kind: "number", value: this.number(true) };
        throw this.peekError(ERR.ExpectedValue);
    }
  }

  private nested(open: number): JsonValue {
    this.remainingDepth -= 1;
    if (this.remainingDepth === 0) throw this.peekError(ERR.RecursionLimit);
    this.i++;
    const value = open === 0x5b ? this.array() : this.object();
    this.remainingDepth += 1;
    return value;
  }

  private ident(rest: string): void {
    for (let k = 0; k < rest.length; k++) {
      if (this.i >= this.b.length) throw this.error(ERR.EofValue);
      const next = this.b[this.i++]!;
      if (next !== rest.charCodeAt(k)) throw this.error(ERR.ExpectedIdent);
    }
  }

  // ---- numbers (arbitrary_precision `parse_any_number` / `scan_*`) ----

  /** Scans a number whose `-` (if any) is already consumed; returns its text. */
  private number(positive: boolean): string {
    const start = positive ? this.i : this.i - 1;
    const first = this.nextOrEof();
    if (first === 0x30) {
      // Only one leading zero.
      if (isDigit(this.peek())) throw this.peekError(ERR.InvalidNumber);
    } else if (first >= 0x31 && first <= 0x39) {
      this.digits();
    } else {
      throw this.error(ERR.InvalidNumber);
    }
    const after = this.peek();
    if (after === 0x2e) {
      this.i++;
      if (this.digits() === 0) {
        throw this.peekError(this.peek() === -1 ? ERR.EofValue : ERR.InvalidNumber);
      }
      const e = this.peek();
      if (e === 0x65 || e === 0x45) this.exponent();
    } else if (after === 0x65 || after === 0x45) {
      this.exponent();
    }
    let text = "";
    for (let k = start; k < this.i; k++) text += String.fromCharCode(this.b[k]!);
    return canonicalNumberText(text);
  }

  private nextOrEof(): number {
    if (this.i >= this.b.length) throw this.error(ERR.EofValue);
    return this.b[this.i++]!;
  }

  private digits(): number {
    const from = this.i;
    while (isDigit(this.peek())) this.i++;
    return this.i - from;
  }

  private exponent(): void {
    this.i++; // e or E
    const sign = this.peek();
    if (sign === 0x2b || sign === 0x2d) this.i++;
    if (!isDigit(this.nextOrEof())) throw this.error(ERR.InvalidNumber);
    this.digits();
  }

  // ---- strings (SliceRead `parse_str_bytes` with validation) ----

  private string(): string {
    // Raw runs are kept as views of the input; only escapes produce new bytes.
    const parts: Uint8Array[] = [];
    let start = this.i;
    let ascii = true;
    for (;;) {
      if (this.i >= this.b.length) throw this.error(ERR.EofString);
      const c = this.b[this.i]!;
      if (c === 0x22) {
        if (ascii && parts.length === 0 && this.i - start <= 256) {
          // Short pure-ASCII strings (most keys) skip the decoder call.
          let text = "";
          for (let k = start; k < this.i; k++) text += String.fromCharCode(this.b[k]!);
          this.i++;
          return text;
        }
        parts.push(this.b.subarray(start, this.i));
        this.i++;
        try {
          return utf8Strict.decode(parts.length === 1 ? parts[0] : Buffer.concat(parts));
        } catch {
          throw this.error(ERR.InvalidCodePoint);
        }
      }
      if (c === 0x5c) {
        parts.push(this.b.subarray(start, this.i));
        this.i++;
        parts.push(this.escape());
        start = this.i;
      } else if (c < 0x20) {
        this.i++;
        throw this.error(ERR.ControlChar);
      } else {
        if (c >= 0x80) ascii = false;
        this.i++;
      }
    }
  }

  private hexEscape(): number {
    if (this.i + 4 > this.b.length) {
      this.i = this.b.length;
      throw this.error(ERR.EofString);
    }
    let n = 0;
    for (let k = 0; k < 4; k++) {
      const v = hexValue(this.b[this.i++]!);
      if (v < 0) throw this.error(ERR.InvalidEscape);
      n = n * 16 + v;
    }
    return n;
  }

  /** Decodes one escape (after the backslash) to its UTF-8 bytes. */
  private escape(): Uint8Array {
    if (this.i >= this.b.length) throw this.error(ERR.EofString);
    const ch = this.b[this.i++]!;
    const simple = SIMPLE_ESCAPES.get(ch);
    if (simple !== undefined) return Uint8Array.of(simple);
    if (ch !== 0x75) throw this.error(ERR.InvalidEscape);
    let cp = this.hexEscape();
    if (cp >= 0xdc00 && cp <= 0xdfff) throw this.error(ERR.LoneSurrogate);
    if (cp >= 0xd800 && cp <= 0xdbff) {
      // A high surrogate must be followed by `\u` and a low surrogate.
      for (const expected of [0x5c, 0x75]) {
        if (this.i >= this.b.length) throw this.error(ERR.EofString);
        const got = this.b[this.i++]!;
        if (got !== expected) throw this.error(ERR.UnexpectedEndOfHexEscape);
      }
      const low = this.hexEscape();
      if (low < 0xdc00 || low > 0xdfff) throw this.error(ERR.LoneSurrogate);
      cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
    }
    return Buffer.from(String.fromCodePoint(cp), "utf8");
  }

  // ---- arrays and objects (SeqAccess / MapAccess) ----

  private array(): JsonValue {
    const items: JsonValue[] = [];
    let first = true;
    for (;;) {
      let c = this.whitespace();
      if (c === 0x5d) break;
      if (c === 0x2c && !first) {
        this.i++;
        c = this.whitespace();
      } else if (c === -1) {
        throw this.peekError(ERR.EofList);
      } else if (first) {
        first = false;
      } else {
        throw this.peekError(ERR.ExpectedListCommaOrEnd);
      }
      if (c === 0x5d) throw this.peekError(ERR.TrailingComma);
      if (c === -1) throw this.peekError(ERR.EofValue);
      items.push(this.parseValue());
    }
    this.i++; // the `]`
    return { kind: "array", value: items };
  }

  /** Next key, or null at `}` (serde_json `next_key_seed`). */
  private key(first: boolean): string | null {
    let c = this.whitespace();
    if (c === 0x7d) return null;
    if (c === 0x2c && !first) {
      this.i++;
      c = this.whitespace();
    } else if (c === -1) {
      throw this.peekError(ERR.EofObject);
    } else if (!first) {
      throw this.peekError(ERR.ExpectedObjectCommaOrEnd);
    }
    if (c === 0x22) {
      this.i++;
      return this.string();
    }
    if (c === 0x7d) throw this.peekError(ERR.TrailingComma);
    if (c === -1) throw this.peekError(ERR.EofValue);
    throw this.peekError(ERR.KeyMustBeString);
  }

  private colon(): void {
    const c = this.whitespace();
    if (c === 0x3a) this.i++;
    else if (c === -1) throw this.peekError(ERR.EofObject);
    else throw this.peekError(ERR.ExpectedColon);
  }

  private object(): JsonValue {
    const firstKey = this.key(true);
    let result: JsonValue;
    if (firstKey === null) {
      result = { kind: "object", value: [] };
    } else if (firstKey === NUMBER_TOKEN) {
      // Quirk (serde_json arbitrary_precision): this private key makes the whole object
      // a Number whose text is the (re-validated) string value.
      this.colon();
      result = { kind: "number", value: this.numberTokenValue() };
    } else {
      const entries = new Map<string, JsonValue>();
      this.colon();
      entries.set(firstKey, this.parseValue());
      for (let k = this.key(false); k !== null; k = this.key(false)) {
        this.colon();
        entries.set(k, this.parseValue()); // BTreeMap insert: the last duplicate wins
      }
      const sorted = [...entries.entries()].sort(([a], [b]) => compareUtf8(a, b));
      result = { kind: "object", value: sorted };
    }
    // end_map: only `}` may follow (the Number form leaves any further entry unread).
    const c = this.whitespace();
    if (c === 0x7d) this.i++;
    else if (c === 0x2c) throw this.peekError(ERR.TrailingComma);
    else if (c === -1) throw this.peekError(ERR.EofObject);
    else throw this.peekError(ERR.TrailingCharacters);
    return result;
  }

  /** serde_json `NumberFromString`: a string holding exactly one JSON number. */
  private numberTokenValue(): string {
    const c = this.whitespace();
    if (c === -1) throw this.peekError(ERR.EofValue);
    if (c !== 0x22) throw this.invalidTypeForNumberString(c);
    this.i++;
    const text = this.string();
    const inner = new Parser(Buffer.from(text, "utf8"));
    try {
      return inner.signedNumber();
    } catch (e) {
      // serde's `Error::custom` has no position; serde_json then appends the outer one.
      throw this.error(e instanceof Error ? e.message : String(e));
    }
  }

  /** serde_json `parse_any_signed_number` over a whole input. */
  signedNumber(): string {
    const c = this.peek();
    let value: string | JsonSyntaxError;
    try {
      if (c === -1) throw this.peekError(ERR.EofValue);
      if (c === 0x2d) {
        this.i++;
        value = this.number(false);
      } else if (isDigit(c)) {
        value = this.number(true);
      } else {
        throw this.peekError(ERR.InvalidNumber);
      }
    } catch (e) {
      if (!(e instanceof JsonSyntaxError)) throw e;
      value = e;
    }
    if (this.peek() !== -1) throw this.peekError(ERR.InvalidNumber);
    if (value instanceof JsonSyntaxError) throw value;
    return value;
  }

  /** serde_json `peek_invalid_type` for a non-string where a number string was expected. */
  private invalidTypeForNumberString(c: number): JsonSyntaxError {
    const expected = "expected string containing a number";
    let unexpected: string;
    if (c === 0x6e || c === 0x74 || c === 0x66) {
      this.i++;
      const word = c === 0x6e ? "null" : c === 0x74 ? "true" : "false";
      this.ident(word.slice(1));
      unexpected = c === 0x6e ? "unit value" : `boolean \`${word}\``;
    } else if (c === 0x2d || isDigit(c)) {
      if (c === 0x2d) this.i++;
      const text = this.number(c !== 0x2d);
      unexpected = /^-?\d+$/.test(text) && fitsMachineInt(text) ? `integer \`${text}\`` : "number";
    } else if (c === 0x5b) {
      unexpected = "sequence";
    } else if (c === 0x7b) {
      unexpected = "map";
    } else {
      return this.peekError(ERR.ExpectedValue);
    }
    return this.error(`invalid type: ${unexpected}, ${expected}`);
  }
}

function fitsMachineInt(text: string): boolean {
  const v = BigInt(text);
  return text.startsWith("-") ? v >= -(2n ** 63n) : v <= 2n ** 64n - 1n;
}

/**
 * Quirk (serde_json arbitrary_precision): integers that fit u64 (positive) or i64
 * (negative) go through a machine integer and are re-printed. JSON forbids leading
 * zeros, so the only text this changes is `-0`, which becomes `0`; everything else
 * (fractions, exponents, big integers, `-0.0`) keeps its exact source text.
 */
function canonicalNumberText(text: string): string {
  return text === "-0" ? "0" : text;
}

/** graph-node's context line: Rust `{:?}` of the first 1024 bytes. */
function parseFailureContext(bytes: Uint8Array): string {
  const shown = Array.from(bytes.subarray(0, 1024)).join(", ");
  return `Failed to parse JSON from byte array. Bytes (truncated to 1024 chars): \`[${shown}]\``;
}

// json.fromBytes(data: Bytes): JSONValue
export function fromBytes(bytes: Uint8Array): JsonValue {
  let cause: Error;
  if (bytes.length > JSON_MAX_SIZE) {
    // graph-node checks the size inside the call its context wraps, so the oversized
    // input gets the same top-level message as a syntax error.
    cause = new Error(`JSON size exceeds max size of ${JSON_MAX_SIZE}`);
  } else {
    try {
      return new Parser(bytes).parseDocument();
    } catch (e) {
      if (!(e instanceof JsonSyntaxError)) throw e;
      cause = e;
    }
  }
  throw new DeterministicError(parseFailureContext(bytes), { cause });
}

// json.try_fromBytes(data: Bytes): Result<JSONValue, boolean>
export function tryFromBytes(bytes: Uint8Array): { ok: true; value: JsonValue } | { ok: false } {
  try {
    return { ok: true, value: fromBytes(bytes) };
  } catch (e) {
    if (e instanceof DeterministicError) return { ok: false };
    throw e;
  }
}

type IntParse = { ok: true; value: bigint } | { ok: false; cause: string };

/** Rust `{i64,u64}::from_str`; causes are `ParseIntError` messages. */
function parseRustInt(s: string, signed: boolean): IntParse {
  if (s.length === 0) return { ok: false, cause: "cannot parse integer from empty string" };
  let i = 0;
  let negative = false;
  if (s[0] === "+" || (s[0] === "-" && signed)) {
    if (s.length === 1) return { ok: false, cause: "invalid digit found in string" };
    negative = s[0] === "-";
    i = 1;
  }
  const max = signed ? (negative ? 2n ** 63n : 2n ** 63n - 1n) : 2n ** 64n - 1n;
  let acc = 0n;
  // Left to right, so whichever of "bad digit" and "overflow" comes first is reported.
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return { ok: false, cause: "invalid digit found in string" };
    acc = acc * 10n + BigInt(c - 0x30);
    if (acc > max) {
      return {
        ok: false,
        cause: negative ? "number too small to fit in target type" : "number too large to fit in target type",
      };
    }
  }
  return { ok: true, value: negative ? -acc : acc };
}

// json.toI64(decimal: string): i64
export function toI64(s: string): bigint {
  const r = parseRustInt(s, true);
  if (!r.ok) {
    throw new DeterministicError(`JSON \`${s}\` cannot be parsed as i64`, { cause: new Error(r.cause) });
  }
  return r.value;
}

// json.toU64(decimal: string): u64
/** Returns the unsigned value; the wasm boundary reinterprets it as an i64 bit pattern. */
export function toU64(s: string): bigint {
  const r = parseRustInt(s, false);
  if (!r.ok) {
    throw new DeterministicError(`JSON \`${s}\` cannot be parsed as u64`, { cause: new Error(r.cause) });
  }
  return r.value;
}

/** Rust `f64::from_str` grammar (no whitespace, hex, underscores; `1.`, `.5` fine). */
const RUST_FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const RUST_FLOAT_SPECIAL = /^[+-]?(?:inf|infinity|nan)$/i;

// json.toF64(decimal: string): f64
export function toF64(s: string): number {
  if (RUST_FLOAT.test(s)) return Number(s); // both round to nearest, ties to even
  if (RUST_FLOAT_SPECIAL.test(s)) {
    if (/nan$/i.test(s)) return NaN;
    return s.startsWith("-") ? -Infinity : Infinity;
  }
  const cause = s.length === 0 ? "cannot parse float from empty string" : "invalid float literal";
  throw new DeterministicError(`JSON \`${s}\` cannot be parsed as f64`, { cause: new Error(cause) });
}

// json.toBigInt(decimal: string): BigInt
export function toBigInt(s: string): bigint {
  const parsed = parseBigIntDecimal(s);
  const cause = parsed.ok ? sizeCheckCause(parsed.value) : parsed.cause;
  if (!parsed.ok || cause !== undefined) {
    throw new DeterministicError(`JSON \`${s}\` is not a decimal string`, { cause: new Error(cause) });
  }
  return parsed.value;
}
