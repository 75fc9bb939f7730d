/**
 * Pure ABI work behind graph-ts `ethereum.*`: `ethereum.encode` / `ethereum.decode`,
 * eth_call data, event-log parameters, and the ethabi-token view that Matchstick 0.6.0
 * uses for `assert.equals` and call mocks. No WASM memory here: values arrive and leave
 * as `EthValue`.
 *
 * Two codecs are mirrored on purpose:
 * - graph-node (alloy-dyn-abi 1.6): encode/decode, calls, events.
 * - the Matchstick fork of graph-node (ethabi 17): `EthabiToken` and friends at the end.
 * viem does the ABI byte layout; the value semantics that differ from viem's defaults
 * (bool words, sign handling, lossy UTF-8, zero-sized types) are handled here.
 */
import type { AbiEvent, AbiParameter, Hex } from "viem";
import type { EthValue, StoreValue } from "../common/values.ts";
import { keccak256 } from "./crypto.ts";
import { viem } from "./viem.ts";
import { DeterministicError, FatalError } from "../common/errors.ts";

/** A type string, a signature, ABI data or a log that cannot be handled. */
export class AbiError extends Error {
  override name = "AbiError";
}

// ---------------------------------------------------------------------------------------
// Solidity types
// ---------------------------------------------------------------------------------------

export type SolType =
  | { kind: "address" }
  | { kind: "bool" }
  | { kind: "string" }
  | { kind: "bytes" }
  | { kind: "function" }
  | { kind: "fixedBytes"; size: number }
  | { kind: "int"; bits: number }
  | { kind: "uint"; bits: number }
  | { kind: "array"; element: SolType }
  | { kind: "fixedArray"; element: SolType; length: number }
  | { kind: "tuple"; components: SolType[] };

// alloy-sol-type-parser refuses to nest parenthesised lists this deep.
const TUPLE_NESTING_LIMIT = 80;

const IDENT_START = /[A-Za-z$_]/;
const IDENT_CONTINUE = /[A-Za-z0-9$_]/;

/**
 * Parser for the grammar graph-node accepts in `ethereum.decode` (alloy
 * `DynSolType::parse`): spaces only after `(` and `,` and before `)`, an optional
 * `tuple` prefix, a trailing comma inside tuples, `uint`/`int` as 256-bit aliases,
 * `function`, and `Library.Enum` read as `uint8`.
 */
class TypeParser {
  private pos = 0;
  private depth = 0;

  constructor(
    private readonly src: string,
    private readonly what = "Solidity type",
  ) {}

  parseWhole(): SolType {
    const t = this.parseType();
    if (this.pos !== this.src.length) this.fail(`unexpected \`${this.src.slice(this.pos)}\``);
    return t;
  }

  /** Parses `(T1,T2,…)` (optionally `tuple(`…) and returns the component types. */
  parseList(): SolType[] {
    if (this.src.startsWith("tuple(", this.pos)) this.pos += 5;
    this.expect("(");
    this.depth += 1;
    if (this.depth >= TUPLE_NESTING_LIMIT) this.fail("recursion limit exceeded");
    this.skipSpaces();
    const items: SolType[] = [];
    if (this.peek() === ")") {
      this.pos += 1;
      this.depth -= 1;
      return items;
    }
    for (;;) {
      items.push(this.parseType());
      if (this.peek() === ",") {
        this.pos += 1;
        this.skipSpaces();
        if (this.peek() === ")") break;
        continue;
      }
      this.skipSpaces();
      break;
    }
    this.expect(")");
    this.depth -= 1;
    return items;
  }

  atEnd(): boolean {
    return this.pos === this.src.length;
  }

  peek(): string | undefined {
    return this.src[this.pos];
  }

  skipSpaces(): void {
    while (this.peek() === " " || this.peek() === "\t") this.pos += 1;
  }

  expect(ch: string): void {
    if (this.peek() !== ch) {
      this.fail(`expected \`${ch}\` at offset ${this.pos}`);
    }
    this.pos += 1;
  }

  identifier(): string {
    const start = this.pos;
    if (!IDENT_START.test(this.peek() ?? "")) this.fail(`expected a type name at offset ${start}`);
    this.pos += 1;
    while (IDENT_CONTINUE.test(this.peek() ?? "")) this.pos += 1;
    return this.src.slice(start, this.pos);
  }

  fail(reason: string): never {
    throw new AbiError(`invalid ${this.what} \`${this.src}\`: ${reason}`);
  }

  private parseType(): SolType {
    let t: SolType =
      this.peek() === "(" || this.src.startsWith("tuple(", this.pos)
        ? { kind: "tuple", components: this.parseList() }
        : this.parseRoot();
    while (this.peek() === "[") {
      this.pos += 1;
      const start = this.pos;
      while (/[0-9]/.test(this.peek() ?? "")) this.pos += 1;
      const digits = this.src.slice(start, this.pos);
      this.expect("]");
      if (digits === "") {
        t = { kind: "array", element: t };
      } else {
        // NonZeroUsize: `T[0]` is rejected, leading zeros are not.
        const length = Number(digits);
        if (length === 0 || !Number.isSafeInteger(length)) this.fail(`invalid array length \`${digits}\``);
        t = { kind: "fixedArray", element: t, length };
      }
    }
    return t;
  }

  private parseRoot(): SolType {
    const name = this.identifier();
    if (this.peek() === ".") {
      this.pos += 1;
      if (IDENT_START.test(this.peek() ?? "")) this.identifier();
      return { kind: "uint", bits: 8 };
    }
    switch (name) {
      case "address":
        return { kind: "address" };
      case "function":
        return { kind: "function" };
      case "bool":
        return { kind: "bool" };
      case "string":
        return { kind: "string" };
      case "bytes":
        return { kind: "bytes" };
      case "uint":
        return { kind: "uint", bits: 256 };
      case "int":
        return { kind: "int", bits: 256 };
    }
    if (name.startsWith("bytes")) {
      const size = parseDecimal(name.slice(5));
      if (size !== null && size !== 0 && size <= 32) return { kind: "fixedBytes", size };
      this.fail(`invalid size for type \`${name}\``);
    }
    const unsigned = name.startsWith("u");
    const rest = unsigned ? name.slice(1) : name;
    if (rest.startsWith("int")) {
      const bits = parseDecimal(rest.slice(3));
      if (bits !== null && bits !== 0 && bits <= 256 && bits % 8 === 0) {
        return unsigned ? { kind: "uint", bits } : { kind: "int", bits };
      }
      this.fail(`invalid size for type \`${name}\``);
    }
    this.fail(`unknown type \`${name}\``);
  }
}

function parseDecimal(text: string): number | null {
  return /^[0-9]+$/.test(text) ? Number(text) : null;
}

/** Parses one Solidity type (graph-node's `ethereum.decode` grammar). Throws `AbiError`. */
export function parseSolidityType(text: string): SolType {
  return new TypeParser(text).parseWhole();
}

/** Canonical type name, as used in selectors and event signatures. */
export function formatSolidityType(t: SolType): string {
  switch (t.kind) {
    case "fixedBytes":
      return `bytes${t.size}`;
    case "int":
      return `int${t.bits}`;
    case "uint":
      return `uint${t.bits}`;
    case "array":
      return `${formatSolidityType(t.element)}[]`;
    case "fixedArray":
      return `${formatSolidityType(t.element)}[${t.length}]`;
    case "tuple":
      return `(${t.components.map(formatSolidityType).join(",")})`;
    default:
      return t.kind;
  }
}

function isZeroSized(t: SolType): boolean {
  // alloy 1.6 `is_zst`: note that `T[]` of a zero-sized T counts too.
  switch (t.kind) {
    case "array":
      return isZeroSized(t.element);
    case "fixedArray":
      return t.length === 0 || isZeroSized(t.element);
    case "tuple":
      return t.components.every(isZeroSized);
    default:
      return false;
  }
}

/** alloy returns this without reading any data when the top-level type is zero-sized. */
function zeroSizedValue(t: SolType): EthValue {
  switch (t.kind) {
    case "array":
      return { kind: "array", value: [] };
    case "fixedArray":
      return { kind: "fixedArray", value: [] };
    default:
      return { kind: "tuple", value: [] };
  }
}

function minimumWords(t: SolType): number {
  switch (t.kind) {
    case "fixedArray":
      return t.length * minimumWords(t.element);
    case "tuple":
      return t.components.reduce((n, c) => n + minimumWords(c), 0);
    default:
      return 1;
  }
}

// ---------------------------------------------------------------------------------------
// Words and numbers
// ---------------------------------------------------------------------------------------

const TWO_256 = 1n << 256n;
const TWO_255 = 1n << 255n;
const INT256_MIN = -TWO_255;
const INT256_MAX = TWO_255 - 1n;
const UINT256_MAX = TWO_256 - 1n;

function bigintToWord(v: bigint): Uint8Array {
  let x = v < 0n ? TWO_256 + v : v;
  const out = new Uint8Array(32);
  for (let i = 31; i >= 0; i--) {
    out[i] = Number(x & 0xffn);
    x >>= 8n;
  }
  return out;
}

function wordToUnsigned(word: Uint8Array): bigint {
  let x = 0n;
  for (const b of word) x = (x << 8n) | BigInt(b);
  return x;
}

function wordToSigned(word: Uint8Array): bigint {
  const u = wordToUnsigned(word);
  return u >= TWO_255 ? u - TWO_256 : u;
}

function bitLength(v: bigint): number {
  return v === 0n ? 0 : v.toString(2).length;
}

/** alloy `I256::bits()`: the sign bit counts, except for zero and negative powers of two. */
function signedBits(v: bigint): number {
  if (v === 0n) return 0;
  if (v < 0n) {
    const abs = -v;
    return (abs & (abs - 1n)) === 0n ? bitLength(abs) : bitLength(abs) + 1;
  }
  return bitLength(v) + 1;
}

function leftPadWord(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(32);
  out.set(bytes, 32 - bytes.length);
  return out;
}

function rightPadWord(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(32);
  out.set(bytes, 0);
  return out;
}

function isZeroWord(word: Uint8Array): boolean {
  return word.every((b) => b === 0);
}

const utf8Encoder = new TextEncoder();
// Rust's `String::from_utf8_lossy` keeps a leading BOM, so the decoder must too.
const lossyUtf8 = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });

const toHex = (bytes: Uint8Array): Hex => viem().bytesToHex(bytes);
const plainHex = (bytes: Uint8Array): string => viem().bytesToHex(bytes).slice(2);

// ---------------------------------------------------------------------------------------
// Reading ethereum.Value the way graph-node does (strict argument checks)
// ---------------------------------------------------------------------------------------

/**
 * graph-node converts every `ethereum.Value` argument to an alloy value before using it
 * (`FromAscObj<AscEnum<EthereumValueKind>> for DynSolValue`); these are the failures of
 * that conversion, depth first, with its messages. They fail the handler.
 */
function checkReadable(v: EthValue): void {
  switch (v.kind) {
    case "address":
      if (v.value.length !== 20) {
        throw new DeterministicError(`expected array of length 20, found length ${v.value.length}`);
      }
      return;
    case "function":
      if (v.value.length !== 24) {
        throw new DeterministicError(`expected array of length 24, found length ${v.value.length}`);
      }
      return;
    case "fixedBytes":
      if (v.value.length > 32) {
        throw new DeterministicError(
          `input slice must contain a maximum of 32 bytes, got ${v.value.length}`,
        );
      }
      return;
    case "int":
      if (v.value < INT256_MIN || v.value > INT256_MAX) {
        throw new DeterministicError(`BigInt value \`${v.value}\` does not fit into int256`);
      }
      return;
    case "uint":
      if (v.value < 0n) {
        throw new DeterministicError(
          `BigInt value is negative, cannot convert to unsigned U256: ${v.value}`,
        );
      }
      if (v.value > UINT256_MAX) {
        throw new DeterministicError(`BigInt value \`${v.value}\` does not fit into uint256`);
      }
      return;
    case "fixedArray":
    case "array":
    case "tuple":
      for (const item of v.value) checkReadable(item);
      return;
    default:
      return;
  }
}

/** The 32-byte head word of a static scalar (alloy `DynSolValue::tokenize`). */
function scalarWord(v: EthValue): Uint8Array | null {
  switch (v.kind) {
    case "address":
      return leftPadWord(v.value);
    case "function":
    case "fixedBytes":
      return rightPadWord(v.value);
    case "int":
    case "uint":
      return bigintToWord(v.value);
    case "bool":
      return bigintToWord(v.value ? 1n : 0n);
    default:
      return null;
  }
}

// ---------------------------------------------------------------------------------------
// ethereum.encode
// ---------------------------------------------------------------------------------------

/**
 * alloy encodes by value, not by declared type. Every static scalar is one head word and
 * `string` is laid out exactly like `bytes`, so a value reduces to this shape, which viem
 * can encode. Fixed arrays are encoded exactly like tuples of their elements.
 */
type Shape =
  | { s: "word" }
  | { s: "bytes" }
  | { s: "tuple"; items: Shape[] }
  | { s: "array"; element: Shape | null };

function shapeOf(v: EthValue): Shape | null {
  switch (v.kind) {
    case "string":
    case "bytes":
      return { s: "bytes" };
    case "fixedArray":
    case "tuple": {
      const items: Shape[] = [];
      for (const item of v.value) {
        const shape = shapeOf(item);
        if (shape === null) return null;
        items.push(shape);
      }
      return { s: "tuple", items };
    }
    case "array": {
      let element: Shape | null = null;
      for (const item of v.value) {
        const shape = shapeOf(item);
        if (shape === null) return null;
        const merged: Shape | null = element === null ? shape : unifyShapes(element, shape);
        if (merged === null) return null;
        element = merged;
      }
      return { s: "array", element };
    }
    default:
      return { s: "word" };
  }
}

function unifyShapes(a: Shape, b: Shape): Shape | null {
  if (a.s === "word" && b.s === "word") return a;
  if (a.s === "bytes" && b.s === "bytes") return a;
  if (a.s === "tuple" && b.s === "tuple") {
    if (a.items.length !== b.items.length) return null;
    const items: Shape[] = [];
    for (let i = 0; i < a.items.length; i++) {
      const merged = unifyShapes(a.items[i], b.items[i]);
      if (merged === null) return null;
      items.push(merged);
    }
    return { s: "tuple", items };
  }
  if (a.s === "array" && b.s === "array") {
    if (a.element === null) return b;
    if (b.element === null) return a;
    const element = unifyShapes(a.element, b.element);
    return element === null ? null : { s: "array", element };
  }
  return null;
}

function shapeParam(shape: Shape | null): AbiParameter {
  if (shape === null) return { type: "bytes32" };
  switch (shape.s) {
    case "word":
      return { type: "bytes32" };
    case "bytes":
      return { type: "bytes" };
    case "tuple":
      return { type: "tuple", components: shape.items.map(shapeParam) };
    case "array": {
      const inner = shapeParam(shape.element);
      return { ...inner, type: `${inner.type}[]` };
    }
  }
}

function shapeValue(v: EthValue): unknown {
  switch (v.kind) {
    case "string":
      return toHex(utf8Encoder.encode(v.value));
    case "bytes":
      return toHex(v.value);
    case "fixedArray":
    case "tuple":
    case "array":
      return v.value.map(shapeValue);
    default:
      return toHex(scalarWord(v) as Uint8Array);
  }
}

/**
 * `ethereum.encode`: Solidity `abi.encode(value)`, i.e. the value as a one-element
 * sequence (a dynamic tuple therefore starts with its 0x20 offset word). Invalid
 * arguments throw `DeterministicError` exactly where graph-node fails the handler; `null`
 * only when the encoder itself gives up (here: an `array` whose elements have
 * incompatible layouts, which alloy would still lay out element by element).
 */
export function encodeEthValue(value: EthValue): Uint8Array | null {
  checkReadable(value);
  const shape = shapeOf(value);
  if (shape === null) return null;
  try {
    return viem().hexToBytes(viem().encodeAbiParameters([shapeParam(shape)], [shapeValue(value)] as never));
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------
// Decoding
// ---------------------------------------------------------------------------------------

/** Every scalar is read as its raw word so alloy's lenient rules can be applied here. */
function decodeParam(t: SolType): AbiParameter {
  switch (t.kind) {
    case "string":
    case "bytes":
      return { type: "bytes" };
    case "tuple":
      return { type: "tuple", components: t.components.map(decodeParam) };
    case "array": {
      const inner = decodeParam(t.element);
      return { ...inner, type: `${inner.type}[]` };
    }
    case "fixedArray": {
      const inner = decodeParam(t.element);
      return { ...inner, type: `${inner.type}[${t.length}]` };
    }
    default:
      return { type: "bytes32" };
  }
}

/** alloy `detokenize` of one word: bool is any non-zero word, ints take the full word. */
function wordToEthValue(t: SolType, word: Uint8Array): EthValue {
  switch (t.kind) {
    case "address":
      return { kind: "address", value: word.slice(12) };
    case "function":
      return { kind: "function", value: word.slice(0, 24) };
    case "fixedBytes":
      return { kind: "fixedBytes", value: word.slice(0, t.size) };
    case "bool":
      return { kind: "bool", value: !isZeroWord(word) };
    case "int":
      return { kind: "int", value: wordToSigned(word) };
    case "uint":
      return { kind: "uint", value: wordToUnsigned(word) };
    default:
      throw new AbiError(`type ${formatSolidityType(t)} is not a single word`);
  }
}

function fromDecoded(t: SolType, raw: unknown): EthValue {
  switch (t.kind) {
    case "string":
      return { kind: "string", value: lossyUtf8.decode(viem().hexToBytes(raw as Hex)) };
    case "bytes":
      return { kind: "bytes", value: viem().hexToBytes(raw as Hex) };
    case "array":
      return { kind: "array", value: (raw as unknown[]).map((r) => fromDecoded(t.element, r)) };
    case "fixedArray":
      return {
        kind: "fixedArray",
        value: (raw as unknown[]).map((r) => fromDecoded(t.element, r)),
      };
    case "tuple":
      return {
        kind: "tuple",
        value: (raw as unknown[]).map((r, i) => fromDecoded(t.components[i], r)),
      };
    default:
      return wordToEthValue(t, viem().hexToBytes(raw as Hex));
  }
}

function describeError(err: unknown): string {
  if (err instanceof Error) {
    const short = (err as { shortMessage?: unknown }).shortMessage;
    return typeof short === "string" ? short : err.message;
  }
  return String(err);
}

/** Decodes `types` as consecutive head slots of one sequence. Throws `AbiError`. */
function decodeSequence(types: SolType[], data: Uint8Array): EthValue[] {
  if (types.length === 0) return [];
  let raw: readonly unknown[];
  try {
    raw = viem().decodeAbiParameters(types.map(decodeParam), data);
  } catch (err) {
    throw new AbiError(describeError(err));
  }
  return types.map((t, i) => fromDecoded(t, raw[i]));
}

/**
 * `ethereum.decode(types, data)`: `data` as a one-element sequence of `types`, or `null`
 * on any error. Lenient like graph-node (alloy without validation): non-canonical bool
 * words are `true`, address padding is ignored, integers are the full 256-bit word
 * whatever N says, invalid UTF-8 is replaced, and trailing data is ignored.
 */
export function decodeEthValue(types: string, data: Uint8Array): EthValue | null {
  try {
    const t = parseSolidityType(types);
    if (isZeroSized(t)) return zeroSizedValue(t);
    if (Math.floor(data.length / 32) < minimumWords(t)) return null;
    return decodeSequence([t], data)[0];
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------
// eth_call
// ---------------------------------------------------------------------------------------

export type FunctionSignature = {
  name: string;
  inputs: SolType[];
  outputs: SolType[];
  /** `name(inputs)` with canonical types: what the selector hashes. */
  canonical: string;
  selector: Uint8Array;
};

/**
 * Parses a graph-cli codegen signature, `name(in,types):(out,types)`; the output part
 * may be absent (graph-node's `signature_compat` omits it for functions without outputs).
 */
export function parseFunctionSignature(signature: string): FunctionSignature {
  const p = new TypeParser(signature, "function signature");
  const name = p.identifier();
  const inputs = p.parseList();
  let outputs: SolType[] = [];
  p.skipSpaces();
  if (!p.atEnd()) {
    p.expect(":");
    p.skipSpaces();
    outputs = p.parseList();
  }
  if (!p.atEnd()) p.fail("unexpected text after the outputs");
  const canonical = `${name}(${inputs.map(formatSolidityType).join(",")})`;
  const selector = keccak256(utf8Encoder.encode(canonical)).slice(0, 4);
  return { name, inputs, outputs, canonical, selector };
}

function asSignature(signature: string | FunctionSignature): FunctionSignature {
  return typeof signature === "string" ? parseFunctionSignature(signature) : signature;
}

/** graph-node's `DynSolValueExt::type_check`: sizes only need to fit. */
function typeChecks(v: EthValue, t: SolType): boolean {
  switch (v.kind) {
    case "address":
    case "bool":
    case "string":
    case "bytes":
    case "function":
      return t.kind === v.kind;
    case "int":
      return t.kind === "int" && t.bits >= signedBits(v.value);
    case "uint":
      return t.kind === "uint" && t.bits >= bitLength(v.value);
    case "fixedBytes":
      return t.kind === "fixedBytes" && t.size >= v.value.length;
    case "array":
      return t.kind === "array" && v.value.every((item) => typeChecks(item, t.element));
    case "fixedArray":
      return (
        t.kind === "fixedArray" &&
        t.length === v.value.length &&
        v.value.every((item) => typeChecks(item, t.element))
      );
    case "tuple":
      return (
        t.kind === "tuple" &&
        t.components.length === v.value.length &&
        v.value.every((item, i) => typeChecks(item, t.components[i]))
      );
  }
}

/** A Rust-`Debug`-like rendering of alloy types, for type-mismatch messages. */
function solTypeDebug(t: SolType): string {
  switch (t.kind) {
    case "fixedBytes":
      return `FixedBytes(${t.size})`;
    case "int":
      return `Int(${t.bits})`;
    case "uint":
      return `Uint(${t.bits})`;
    case "array":
      return `Array(${solTypeDebug(t.element)})`;
    case "fixedArray":
      return `FixedArray(${solTypeDebug(t.element)}, ${t.length})`;
    case "tuple":
      return `Tuple([${t.components.map(solTypeDebug).join(", ")}])`;
    default:
      return t.kind[0].toUpperCase() + t.kind.slice(1);
  }
}

function ethValueDebug(v: EthValue): string {
  switch (v.kind) {
    case "address":
      return `Address(${toHex(v.value)})`;
    case "function":
      return `Function(${toHex(v.value)})`;
    case "fixedBytes":
      return `FixedBytes(${toHex(rightPadWord(v.value))}, ${v.value.length})`;
    case "bytes":
      return `Bytes(${toHex(v.value)})`;
    case "int":
      return `Int(${v.value}, ${signedBits(v.value)})`;
    case "uint":
      return `Uint(${v.value}, ${bitLength(v.value)})`;
    case "bool":
      return `Bool(${v.value})`;
    case "string":
      return `String(${rustDebugString(v.value)})`;
    case "array":
      return `Array([${v.value.map(ethValueDebug).join(", ")}])`;
    case "fixedArray":
      return `FixedArray([${v.value.map(ethValueDebug).join(", ")}])`;
    case "tuple":
      return `Tuple([${v.value.map(ethValueDebug).join(", ")}])`;
  }
}

/** Converts a type-checked value to viem's input for the declared type. */
function typedValue(v: EthValue, t: SolType): unknown {
  switch (t.kind) {
    case "string":
    case "bytes":
      return shapeValue(v);
    case "array":
    case "fixedArray":
      return (v.value as EthValue[]).map((item) => typedValue(item, t.element));
    case "tuple":
      return (v.value as EthValue[]).map((item, i) => typedValue(item, t.components[i]));
    default:
      return toHex(scalarWord(v) as Uint8Array);
  }
}

/**
 * eth_call input: 4-byte selector + the arguments encoded as the declared input types.
 * Mirrors graph-node's order of checks: reading each argument, then a size-aware type
 * check per declared input, then the argument count. Throws `DeterministicError`.
 */
export function encodeFunctionCall(
  signature: string | FunctionSignature,
  args: EthValue[],
): Uint8Array {
  const sig = asSignature(signature);
  for (const arg of args) checkReadable(arg);
  const n = Math.min(args.length, sig.inputs.length);
  for (let i = 0; i < n; i++) {
    if (!typeChecks(args[i], sig.inputs[i])) {
      throw new DeterministicError(
        `type mismatch, decoded value ${ethValueDebug(args[i])} is not of kind ${solTypeDebug(sig.inputs[i])}`,
      );
    }
  }
  if (args.length !== sig.inputs.length) {
    throw new DeterministicError(
      `error encoding input call data: unexpected number of values; expected ${sig.inputs.length}, got ${args.length}`,
    );
  }
  const encoded = viem().hexToBytes(
    viem().encodeAbiParameters(
      sig.inputs.map(decodeParam),
      sig.inputs.map((t, i) => typedValue(args[i], t)) as never,
    ),
  );
  const out = new Uint8Array(4 + encoded.length);
  out.set(sig.selector, 0);
  out.set(encoded, 4);
  return out;
}

/**
 * eth_call output, decoded as the signature's output types (alloy `abi_decode_output`:
 * zero-sized outputs take no space and come back empty). Throws `AbiError`
 * (`failed to decode output: …`); graph-node treats that, like an empty `0x` response,
 * as a revert, so callers should map it to `null`.
 */
export function decodeFunctionResult(
  signature: string | FunctionSignature,
  data: Uint8Array,
): EthValue[] {
  const sig = asSignature(signature);
  const sized = sig.outputs.filter((t) => !isZeroSized(t));
  let decoded: EthValue[];
  try {
    decoded = decodeSequence(sized, data);
  } catch (err) {
    throw new AbiError(`failed to decode output: ${describeError(err)}`);
  }
  let next = 0;
  return sig.outputs.map((t) => (isZeroSized(t) ? zeroSizedValue(t) : decoded[next++]));
}

// ---------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------

type JsonAbiParameter = {
  type: string;
  components?: readonly JsonAbiParameter[];
};

/** JSON-ABI parameter → type (alloy `resolve_param`: components replace the `tuple` stem). */
export function abiParameterType(param: JsonAbiParameter): SolType {
  if (!param.type.startsWith("tuple")) return parseSolidityType(param.type);
  const p = new TypeParser(`()${param.type.slice(5)}`);
  // Parse the array suffix against a placeholder stem, then rebuild it around the tuple.
  const suffix = p.parseWhole();
  const components = (param.components ?? []).map(abiParameterType);
  const rebuild = (t: SolType): SolType => {
    if (t.kind === "array") return { kind: "array", element: rebuild(t.element) };
    if (t.kind === "fixedArray") {
      return { kind: "fixedArray", element: rebuild(t.element), length: t.length };
    }
    return { kind: "tuple", components };
  };
  return rebuild(suffix);
}

/** Canonical `Name(type,type)` (tuples spelled out), the preimage of topic 0. */
export function eventSignature(event: AbiEvent): string {
  return `${event.name}(${event.inputs.map((i) => formatSolidityType(abiParameterType(i))).join(",")})`;
}

/** keccak256 of `eventSignature(event)`. */
export function eventTopic0(event: AbiEvent): Uint8Array {
  return keccak256(utf8Encoder.encode(eventSignature(event)));
}

type EventPlan = { signature: string; indexedTypes: SolType[]; bodyTypes: SolType[]; topic0Hex: string };

/** What decoding needs from an ABI event, worked out once per event object (keccak included). */
const eventPlans = new WeakMap<AbiEvent, EventPlan>();

function eventPlan(event: AbiEvent): EventPlan {
  let plan = eventPlans.get(event);
  if (plan === undefined) {
    const indexedTypes: SolType[] = [];
    const bodyTypes: SolType[] = [];
    for (const input of event.inputs) (input.indexed ? indexedTypes : bodyTypes).push(abiParameterType(input));
    plan = { signature: eventSignature(event), indexedTypes, bodyTypes, topic0Hex: toHex(eventTopic0(event)) };
    eventPlans.set(event, plan);
  }
  return plan;
}

/** alloy `decode_event_topic`: word types are read from the topic, the rest are hashes. */
function topicToEthValue(t: SolType, topic: Uint8Array): EthValue {
  switch (t.kind) {
    case "address":
    case "function":
    case "fixedBytes":
    case "bool":
    case "int":
    case "uint":
      return wordToEthValue(t, topic);
    default:
      return { kind: "fixedBytes", value: topic.slice() };
  }
}

/**
 * graph-node's event parameters: one per ABI input in declaration order, indexed ones
 * from the topics (indexed string/bytes/array/tuple become their 32-byte topic hash as
 * FIXED_BYTES), the rest decoded from `data`. Throws `AbiError` naming the event when the
 * log does not fit; graph-node then skips the handler rather than failing.
 */
export function decodeEventLog(
  event: AbiEvent,
  topics: Uint8Array[],
  data: Uint8Array,
): Array<{ name: string; value: EthValue }> {
  const { signature, indexedTypes, bodyTypes, topic0Hex } = eventPlan(event);
  const fail = (reason: string): never => {
    throw new AbiError(`cannot decode log as event ${signature}: ${reason}`);
  };
  const anonymous = event.anonymous === true;
  const expectedTopics = indexedTypes.length + (anonymous ? 0 : 1);
  if (expectedTopics > 4) {
    fail(`invalid log topic list length: expected 4 topics, got ${expectedTopics}`);
  }
  if (topics.length !== expectedTopics) {
    fail(`invalid log topic list length: expected ${expectedTopics} topics, got ${topics.length}`);
  }
  topics.forEach((topic, i) => {
    if (topic.length !== 32) fail(`topic ${i} is ${topic.length} bytes long, expected 32`);
  });
  let next = 0;
  if (!anonymous) {
    const actual = toHex(topics[next++]);
    if (actual !== topic0Hex) fail(`invalid event signature: expected ${topic0Hex}, got ${actual}`);
  }
  const indexed = indexedTypes.map((t) => topicToEthValue(t, topics[next++]));

  let body: EthValue[];
  const bodyTuple: SolType = { kind: "tuple", components: bodyTypes };
  if (isZeroSized(bodyTuple)) {
    // alloy decodes a zero-sized body to no values at all; graph-node then reports
    // the count mismatch below.
    body = [];
  } else {
    if (Math.floor(data.length / 32) < minimumWords(bodyTuple)) {
      fail(`data is ${data.length} bytes long, too short for the non-indexed parameters`);
    }
    try {
      body = decodeSequence(bodyTypes, data);
    } catch (err) {
      return fail(describeError(err));
    }
  }
  if (indexed.length + body.length !== event.inputs.length) {
    fail(
      `unexpected number of decoded event inputs; expected ${event.inputs.length}, got ${indexed.length + body.length}`,
    );
  }
  let i = 0;
  let b = 0;
  return event.inputs.map((input) => ({
    name: input.name ?? "",
    value: input.indexed ? indexed[i++] : body[b++],
  }));
}

// ---------------------------------------------------------------------------------------
// Matchstick 0.6.0: ethabi 17 tokens
// ---------------------------------------------------------------------------------------

/**
 * ethabi 17 `Token`, as the Matchstick fork builds it from an `ethereum.Value`. `Int`
 * and `Uint` hold the raw 256-bit word (`Int` in two's complement), as ethabi does.
 */
export type EthabiToken =
  | { kind: "Address"; value: Uint8Array }
  | { kind: "FixedBytes"; value: Uint8Array }
  | { kind: "Bytes"; value: Uint8Array }
  | { kind: "Int"; value: bigint }
  | { kind: "Uint"; value: bigint }
  | { kind: "Bool"; value: boolean }
  | { kind: "String"; value: string }
  | { kind: "FixedArray"; value: EthabiToken[] }
  | { kind: "Array"; value: EthabiToken[] }
  | { kind: "Tuple"; value: EthabiToken[] };

// `U256::from_little_endian` asserts this when handed more than 32 bytes.
const U256_OVERFLOW_PANIC = "assertion failed: 4 * 8 >= slice.len()";

/**
 * The fork's `FromAscObj<AscEnum<EthereumValueKind>> for Token`. Its failures are Rust
 * panics (`to_signed_u256`, `to_unsigned_u256`, `unwrap` of a wrong-length address),
 * which abort the whole Matchstick run: `FatalError`. Unlike graph-node, FIXED_BYTES of
 * any length is accepted.
 */
export function ethValueToEthabiToken(v: EthValue): EthabiToken {
  switch (v.kind) {
    case "address":
      if (v.value.length !== 20) {
        throw new FatalError(`expected array of length 20, found length ${v.value.length}`);
      }
      return { kind: "Address", value: v.value.slice() };
    case "fixedBytes":
      return { kind: "FixedBytes", value: v.value.slice() };
    case "bytes":
      return { kind: "Bytes", value: v.value.slice() };
    case "int":
      if (v.value < INT256_MIN) throw new FatalError("BigInt value does not fit into signed U256");
      if (v.value > INT256_MAX) throw new FatalError(U256_OVERFLOW_PANIC);
      return { kind: "Int", value: v.value < 0n ? TWO_256 + v.value : v.value };
    case "uint":
      if (v.value < 0n) throw new FatalError(`negative value encountered for U256: ${v.value}`);
      if (v.value > UINT256_MAX) throw new FatalError(U256_OVERFLOW_PANIC);
      return { kind: "Uint", value: v.value };
    case "bool":
      return { kind: "Bool", value: v.value };
    case "string":
      return { kind: "String", value: v.value };
    case "fixedArray":
      return { kind: "FixedArray", value: v.value.map(ethValueToEthabiToken) };
    case "array":
      return { kind: "Array", value: v.value.map(ethValueToEthabiToken) };
    case "tuple":
      return { kind: "Tuple", value: v.value.map(ethValueToEthabiToken) };
    case "function":
      // graph-ts has no FUNCTION kind; the fork's enum stops at TUPLE.
      throw new FatalError("value 10 is out of range for EthereumValueKind");
  }
}

/** The fork's `ToAscObj` for tokens: INT re-materialises signed, UINT unsigned. */
export function ethabiTokenToEthValue(t: EthabiToken): EthValue {
  switch (t.kind) {
    case "Address":
      return { kind: "address", value: t.value.slice() };
    case "FixedBytes":
      return { kind: "fixedBytes", value: t.value.slice() };
    case "Bytes":
      return { kind: "bytes", value: t.value.slice() };
    case "Int":
      return { kind: "int", value: t.value >= TWO_255 ? t.value - TWO_256 : t.value };
    case "Uint":
      return { kind: "uint", value: t.value };
    case "Bool":
      return { kind: "bool", value: t.value };
    case "String":
      return { kind: "string", value: t.value };
    case "FixedArray":
      return { kind: "fixedArray", value: t.value.map(ethabiTokenToEthValue) };
    case "Array":
      return { kind: "array", value: t.value.map(ethabiTokenToEthValue) };
    case "Tuple":
      return { kind: "tuple", value: t.value.map(ethabiTokenToEthValue) };
  }
}

/** ethabi `Token` Display (`to_string`), which Matchstick concatenates into mock keys. */
export function ethabiTokenDisplay(t: EthabiToken): string {
  switch (t.kind) {
    case "Address":
    case "FixedBytes":
    case "Bytes":
      return plainHex(t.value);
    case "Int":
    case "Uint":
      return t.value.toString(16);
    case "Bool":
      return String(t.value);
    case "String":
      return t.value;
    case "FixedArray":
    case "Array":
      return `[${t.value.map(ethabiTokenDisplay).join(",")}]`;
    case "Tuple":
      return `(${t.value.map(ethabiTokenDisplay).join(",")})`;
  }
}

/** Rust `str` Debug: quotes, backslash escapes, `\u{…}` for control characters. */
export function rustDebugString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\0") out += "\\0";
    else if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) out += `\\u{${cp.toString(16)}}`;
    else out += ch;
  }
  return out + '"';
}

function byteListDebug(bytes: Uint8Array): string {
  return `[${Array.from(bytes).join(", ")}]`;
}

/**
 * ethabi `Token` Debug (derived): addresses as full `0x…` hex (H160 Debug), byte vectors
 * as decimal lists, U256 words in decimal (so a negative INT shows its two's complement).
 */
export function ethabiTokenDebug(t: EthabiToken): string {
  switch (t.kind) {
    case "Address":
      return `Address(${toHex(t.value)})`;
    case "FixedBytes":
      return `FixedBytes(${byteListDebug(t.value)})`;
    case "Bytes":
      return `Bytes(${byteListDebug(t.value)})`;
    case "Int":
      return `Int(${t.value.toString()})`;
    case "Uint":
      return `Uint(${t.value.toString()})`;
    case "Bool":
      return `Bool(${t.value})`;
    case "String":
      return `String(${rustDebugString(t.value)})`;
    case "FixedArray":
    case "Array":
    case "Tuple":
      return `${t.kind}([${t.value.map(ethabiTokenDebug).join(", ")}])`;
  }
}

/** Rust `Vec<Token>` Debug. */
export function ethabiTokensDebug(tokens: EthabiToken[]): string {
  return `[${tokens.map(ethabiTokenDebug).join(", ")}]`;
}

export function ethabiTokensEqual(a: EthabiToken, b: EthabiToken): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case "Address":
    case "FixedBytes":
    case "Bytes": {
      const bv = b.value as Uint8Array;
      return a.value.length === bv.length && a.value.every((x, i) => x === bv[i]);
    }
    case "FixedArray":
    case "Array":
    case "Tuple": {
      const bv = b.value as EthabiToken[];
      return a.value.length === bv.length && a.value.every((x, i) => ethabiTokensEqual(x, bv[i]));
    }
    default:
      return a.value === b.value;
  }
}

/** Matchstick `get_token_value`: ethabi token → store value. */
function ethabiTokenToStoreValue(t: EthabiToken): StoreValue {
  switch (t.kind) {
    case "Address":
    case "FixedBytes":
    case "Bytes":
      return { kind: "Bytes", value: t.value.slice() };
    case "Int":
      return { kind: "BigInt", value: t.value >= TWO_255 ? t.value - TWO_256 : t.value };
    case "Uint":
      return { kind: "BigInt", value: t.value };
    case "Bool":
      return { kind: "Bool", value: t.value };
    case "String":
      return { kind: "String", value: t.value };
    case "FixedArray":
    case "Array":
    case "Tuple":
      return { kind: "Array", value: t.value.map(ethabiTokenToStoreValue) };
  }
}

/**
 * What Matchstick's `assert.equals` compares: the value as an ethabi token, then as a
 * store value. ADDRESS/FIXED_BYTES/BYTES → Bytes, INT/UINT → BigInt, BOOL → Bool,
 * STRING → String, arrays and tuples → Array. Out-of-range INT/UINT and bad addresses
 * are Rust panics there: `FatalError`.
 */
export function ethValueToStoreValue(v: EthValue): StoreValue {
  return ethabiTokenToStoreValue(ethValueToEthabiToken(v));
}
