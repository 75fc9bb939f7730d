/**
 * Host logic behind graph-ts `yaml.*` (module `yaml`).
 *
 * graph-node deserializes one document into `serde_yaml::Value` (serde_yaml 0.9, libyaml
 * underneath). The `yaml` package is used here only for YAML *syntax* (with the
 * failsafe schema, so it resolves nothing); every scalar is then resolved with
 * serde_yaml's own rules, which differ from both YAML 1.1 and the YAML 1.2 core schema:
 * only `true`/`True`/`TRUE` (and false) are booleans, `0x`/`0o`/`0b` integers, leading
 * zeros make a string, `1e400`/`inf`/`nan` stay strings, `.inf`/`.nan` are floats.
 * Syntax acceptance is the `yaml` package's (YAML 1.2), an approximation of libyaml's.
 */
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  parseAllDocuments,
  type Document,
  type Node as YamlNode,
  type Scalar,
} from "yaml";
import { DeterministicError } from "../common/errors.ts";
import type { YamlValue } from "../common/values.ts";

/** graph-node's `YAML_MAX_SIZE_BYTES`. */
export const YAML_MAX_SIZE = 10_000_000;
/** serde_yaml's nesting budget (sequences and mappings). */
const RECURSION_LIMIT = 128;

const TAG_BOOL = "tag:yaml.org,2002:bool";
const TAG_INT = "tag:yaml.org,2002:int";
const TAG_FLOAT = "tag:yaml.org,2002:float";
const TAG_NULL = "tag:yaml.org,2002:null";

const U64_MAX = 2n ** 64n - 1n;
const U128_MAX = 2n ** 128n - 1n;
const I64_MIN = -(2n ** 63n);
const I128_MIN = -(2n ** 127n);

class YamlError extends Error {
  override name = "YamlError";
}

// ---------------------------------------------------------------------------------
// Scalar resolution (serde_yaml 0.9 src/de.rs)
// ---------------------------------------------------------------------------------

function isNullText(v: string): boolean {
  return v === "null" || v === "Null" || v === "NULL" || v === "~";
}

function boolText(v: string): boolean | undefined {
  if (v === "true" || v === "True" || v === "TRUE") return true;
  if (v === "false" || v === "False" || v === "FALSE") return false;
  return undefined;
}

/** YAML 1.2's rule serde_yaml applies: `0` followed only by digits is a string. */
function digitsButNotNumber(v: string): boolean {
  const s = v.startsWith("-") || v.startsWith("+") ? v.slice(1) : v;
  return s.length > 1 && s.startsWith("0") && /^[0-9]+$/.test(s.slice(1));
}

/** Rust `from_str_radix` for a non-negative integer text with an optional single sign. */
function rustRadix(text: string, radix: 2 | 8 | 10 | 16): bigint | undefined {
  let s = text;
  let negative = false;
  if (s.startsWith("+") || s.startsWith("-")) {
    negative = s[0] === "-";
    s = s.slice(1);
  }
  const digit = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ }[radix];
  if (!digit.test(s)) return undefined;
  const prefix = { 2: "0b", 8: "0o", 10: "", 16: "0x" }[radix];
  const magnitude = BigInt(prefix + s);
  return negative ? -magnitude : magnitude;
}

const RADIX_PREFIXES: Array<[string, 2 | 8 | 16]> = [["0x", 16], ["0o", 8], ["0b", 2]];

/** serde_yaml `parse_unsigned_int` without the width check (done by the caller). */
function parseUnsigned(v: string): bigint | undefined {
  const unpositive = v.startsWith("+") ? v.slice(1) : v;
  for (const [prefix, radix] of RADIX_PREFIXES) {
    if (unpositive.startsWith(prefix)) {
      const rest = unpositive.slice(prefix.length);
      if (rest.startsWith("+") || rest.startsWith("-")) return undefined;
      const n = rustRadix(rest, radix);
      if (n !== undefined) return n;
    }
  }
  if (unpositive.startsWith("+") || unpositive.startsWith("-")) return undefined;
  if (digitsButNotNumber(v)) return undefined;
  return rustRadix(unpositive, 10);
}

/** serde_yaml `parse_negative_int` without the width check. */
function parseNegative(v: string): bigint | undefined {
  for (const [prefix, radix] of RADIX_PREFIXES) {
    if (v.startsWith("-" + prefix)) {
      const n = rustRadix("-" + v.slice(prefix.length + 1), radix);
      if (n !== undefined) return n;
    }
  }
  if (digitsButNotNumber(v)) return undefined;
  return rustRadix(v, 10);
}

type IntResolution = { kind: "int"; value: bigint } | { kind: "too-wide"; value: bigint; type: "u128" | "i128" };

/** serde_yaml `visit_int`: u64, then i64, then u128, then i128. */
function resolveInt(v: string): IntResolution | undefined {
  const u = parseUnsigned(v);
  if (u !== undefined && u <= U64_MAX) return { kind: "int", value: u };
  const n = parseNegative(v);
  if (n !== undefined && n >= I64_MIN && n <= 0x7fffffffffffffffn) return { kind: "int", value: n };
  // serde_yaml's Value has no u128/i128 visitor, so these widths become an error.
  if (u !== undefined && u <= U128_MAX) return { kind: "too-wide", value: u, type: "u128" };
  if (n !== undefined && n >= I128_MIN && n <= 2n ** 127n - 1n) {
    return { kind: "too-wide", value: n, type: "i128" };
  }
  return undefined;
}

const RUST_FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** serde_yaml `parse_f64`: finite Rust floats plus the YAML `.inf`/`.nan` spellings. */
function parseF64(v: string): number | undefined {
  let unpositive = v;
  if (v.startsWith("+")) {
    unpositive = v.slice(1);
    if (unpositive.startsWith("+") || unpositive.startsWith("-")) return undefined;
  }
  if (unpositive === ".inf" || unpositive === ".Inf" || unpositive === ".INF") return Infinity;
  if (v === "-.inf" || v === "-.Inf" || v === "-.INF") return -Infinity;
  if (v === ".nan" || v === ".NaN" || v === ".NAN") return NaN;
  // Rust would also accept inf/nan words here, but they are not finite and are dropped.
  if (!RUST_FLOAT.test(unpositive)) return undefined;
  const f = Number(unpositive);
  return Number.isFinite(f) ? f : undefined;
}

/**
 * serde_yaml's `Number` Display for floats: `.nan`, `.inf`, `-.inf`, else Rust's ryu
 * layout of the shortest round-trip digits (e.g. `1.0`, `1e16`, `1.5e-7`, `0.0001`).
 */
export function formatYamlFloat(f: number): string {
  if (Number.isNaN(f)) return ".nan";
  if (f === Infinity) return ".inf";
  if (f === -Infinity) return "-.inf";
  if (f === 0) return Object.is(f, -0) ? "-0.0" : "0.0";
  const sign = f < 0 ? "-" : "";
  const [mantissa, expText] = Math.abs(f).toExponential().split("e") as [string, string];
  const digits = mantissa.replace(".", "");
  const length = digits.length;
  const kk = Number(expText) + 1; // 10^(kk-1) <= |f| < 10^kk
  const k = kk - length;
  let body: string;
  if (k >= 0 && kk <= 16) body = digits + "0".repeat(k) + ".0";
  else if (kk > 0 && kk <= 16) body = digits.slice(0, kk) + "." + digits.slice(kk);
  else if (kk > -5 && kk <= 0) body = "0." + "0".repeat(-kk) + digits;
  else if (length === 1) body = digits + "e" + (kk - 1);
  else body = digits[0] + "." + digits.slice(1) + "e" + (kk - 1);
  return sign + body;
}

function rustStrDebug(s: string): string {
  return JSON.stringify(s);
}

function tooWideError(r: { value: bigint; type: "u128" | "i128" }): YamlError {
  return new YamlError(
    `invalid type: integer \`${r.value}\` as ${r.type}, expected any YAML value`,
  );
}

/** serde_yaml `visit_untagged_scalar`: what a plain scalar means. */
function resolvePlain(v: string): YamlValue {
  if (v === "" || isNullText(v)) return { kind: "null" };
  const b = boolText(v);
  if (b !== undefined) return { kind: "bool", value: b };
  const int = resolveInt(v);
  if (int?.kind === "int") return { kind: "number", value: int.value.toString() };
  if (int?.kind === "too-wide") throw tooWideError(int);
  if (!digitsButNotNumber(v)) {
    const f = parseF64(v);
    if (f !== undefined) return { kind: "number", value: formatYamlFloat(f) };
  }
  return { kind: "string", value: v };
}

/** serde_yaml `visit_scalar` for a scalar that is not an `!`-tagged (enum) node. */
function resolveScalar(v: string, plain: boolean, tag: string | undefined): YamlValue {
  if (tag === TAG_BOOL) {
    const b = boolText(v);
    if (b === undefined) throw new YamlError(`invalid value: string ${rustStrDebug(v)}, expected a boolean`);
    return { kind: "bool", value: b };
  }
  if (tag === TAG_INT) {
    const int = resolveInt(v);
    if (int?.kind === "int") return { kind: "number", value: int.value.toString() };
    if (int?.kind === "too-wide") throw tooWideError(int);
    throw new YamlError(`invalid value: string ${rustStrDebug(v)}, expected an integer`);
  }
  if (tag === TAG_FLOAT) {
    const f = parseF64(v);
    if (f === undefined) throw new YamlError(`invalid value: string ${rustStrDebug(v)}, expected a float`);
    return { kind: "number", value: formatYamlFloat(f) };
  }
  if (tag === TAG_NULL) {
    if (!isNullText(v)) throw new YamlError(`invalid value: string ${rustStrDebug(v)}, expected null`);
    return { kind: "null" };
  }
  // Any other tag (`!!str`, `!!binary`, `tag:...`) leaves the text a plain string.
  if (tag === undefined && plain) return resolvePlain(v);
  return { kind: "string", value: v };
}

/**
 * Tag text graph-node writes: serde_yaml keeps libyaml's tag minus its first `!`
 * (`!foo` -> `foo`, but a bare `!` stays `!`), and prints `!` + that without one more
 * leading `!` (so `!foo` -> `!foo`, a bare `!` -> `!!`).
 */
function displayTag(libyamlTag: string): string {
  const stored = libyamlTag.length > 1 ? libyamlTag.slice(1) : libyamlTag;
  const nobang = stored.startsWith("!") && stored.length > 1 ? stored.slice(1) : stored;
  return "!" + nobang;
}

// ---------------------------------------------------------------------------------
// Key identity (serde_yaml `PartialEq for Value`), for duplicate-key detection
// ---------------------------------------------------------------------------------

/**
 * A string that is equal for exactly the values serde_yaml considers equal: number text
 * is unique per value and variant (`1` != `1.0`) except that float zero ignores its sign,
 * and mappings compare without regard to order.
 */
function identity(v: YamlValue): string {
  switch (v.kind) {
    case "null":
      return "n";
    case "bool":
      return v.value ? "t" : "f";
    case "number":
      return "#" + (v.value === "-0.0" ? "0.0" : v.value);
    case "string":
      return "s" + JSON.stringify(v.value);
    case "array":
      return "[" + v.value.map(identity).join(",") + "]";
    case "object":
      return "{" + v.value.map(([k, x]) => identity(k) + ":" + identity(x)).sort().join(",") + "}";
    case "tagged":
      return "!" + JSON.stringify(v.tag) + identity(v.value);
  }
}

function describeKey(k: YamlValue): string {
  switch (k.kind) {
    case "null":
      return "with null key";
    case "bool":
      return `with key \`${k.value}\``;
    case "number":
      return `with key ${k.value}`;
    case "string":
      return `with key ${rustStrDebug(k.value)}`;
    default:
      return "in YAML map";
  }
}

// ---------------------------------------------------------------------------------
// Document walk (serde_yaml DeserializerFromEvents)
// ---------------------------------------------------------------------------------

/** libyaml events a node produces (an absent node is an empty plain scalar event). */
function countEvents(node: unknown): number {
  if (node === null || node === undefined || isScalar(node) || isAlias(node)) return 1;
  if (isSeq(node)) return 2 + node.items.reduce((n: number, item) => n + countEvents(item), 0);
  if (isMap(node)) {
    return 2 + node.items.reduce((n: number, pair) => n + countEvents(pair.key) + countEvents(pair.value), 0);
  }
  return 1;
}

class Converter {
  private jumps = 0;
  private readonly maxJumps: number;

  constructor(private readonly doc: Document.Parsed) {
    this.maxJumps = countEvents(doc.contents) * 100;
  }

  convert(node: unknown, remainingDepth: number): YamlValue {
    if (node === null || node === undefined) return { kind: "null" };
    if (isAlias(node)) {
      // Alias bombs are bounded the way serde_yaml bounds them.
      this.jumps += 1;
      if (this.jumps > this.maxJumps) throw new YamlError("repetition limit exceeded");
      const target = node.resolve(this.doc);
      if (target === undefined) throw new YamlError("unknown anchor");
      return this.convert(target, remainingDepth);
    }
    const tag = (node as YamlNode).tag;
    if (tag !== undefined && tag.startsWith("!")) {
      // `!`-tags become Tagged values; their content is resolved as if untagged.
      return { kind: "tagged", tag: displayTag(tag), value: this.content(node, remainingDepth, undefined) };
    }
    return this.content(node, remainingDepth, tag);
  }

  private content(node: unknown, remainingDepth: number, tag: string | undefined): YamlValue {
    if (isScalar(node)) {
      const scalar = node as Scalar;
      // `source` is the scalar's text before any tag resolution by the `yaml` package.
      const text = String(scalar.source ?? scalar.value ?? "");
      return resolveScalar(text, scalar.type === "PLAIN" || scalar.type === undefined, tag);
    }
    if (isSeq(node) || isMap(node)) {
      if (remainingDepth === 0) throw new YamlError("recursion limit exceeded");
      const depth = remainingDepth - 1;
      if (isSeq(node)) {
        return { kind: "array", value: node.items.map((item) => this.convert(item, depth)) };
      }
      const entries: Array<[YamlValue, YamlValue]> = [];
      const seen = new Map<string, YamlValue>();
      for (const pair of node.items) {
        const key = this.convert(pair.key, depth);
        const id = identity(key);
        const existing = seen.get(id);
        if (existing !== undefined) {
          // serde_yaml names the key already in the map (matters only for 0.0 vs -0.0).
          throw new YamlError(`duplicate entry ${describeKey(existing)}`);
        }
        seen.set(id, key);
        entries.push([key, this.convert(pair.value, depth)]);
      }
      return { kind: "object", value: entries };
    }
    return { kind: "null" };
  }
}

/** libyaml's input encodings: UTF-8 (BOM optional), or UTF-16 announced by a BOM. */
function decodeInput(bytes: Uint8Array): string {
  let encoding = "utf-8";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = "utf-16le";
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = "utf-16be";
  try {
    // The BOM is dropped by the decoder (ignoreBOM false).
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new YamlError(`invalid ${encoding} input`);
  }
}

function parseYaml(bytes: Uint8Array): YamlValue {
  const text = decodeInput(bytes);
  const parsed = parseAllDocuments(text, { schema: "failsafe", uniqueKeys: false, merge: false });
  const docs = Array.isArray(parsed) ? parsed : [];
  // An empty stream (or only comments) deserializes to Null in serde_yaml 0.9.
  if (docs.length === 0) return { kind: "null" };
  const doc = docs[0]!;
  const firstError = doc.errors[0];
  if (firstError !== undefined) throw new YamlError(firstError.message);
  const value = new Converter(doc).convert(doc.contents, RECURSION_LIMIT);
  if (docs.length > 1) {
    const laterError = docs[1]!.errors[0];
    throw new YamlError(
      laterError?.message ?? "deserializing from YAML containing more than one document is not supported",
    );
  }
  return value;
}

// yaml.fromBytes(data: Bytes): YAMLValue
export function fromBytes(bytes: Uint8Array): YamlValue {
  if (bytes.length > YAML_MAX_SIZE) {
    // Not wrapped in the parse-failure context in graph-node.
    throw new DeterministicError(`YAML size exceeds max size of ${YAML_MAX_SIZE} bytes`);
  }
  try {
    return parseYaml(bytes);
  } catch (e) {
    if (!(e instanceof YamlError)) throw e;
    throw new DeterministicError("failed to parse YAML from bytes", { cause: e });
  }
}

// yaml.try_fromBytes(data: Bytes): Result<YAMLValue, bool>
export function tryFromBytes(bytes: Uint8Array): { ok: true; value: YamlValue } | { ok: false } {
  try {
    return { ok: true, value: fromBytes(bytes) };
  } catch (e) {
    if (e instanceof DeterministicError) return { ok: false };
    throw e;
  }
}
