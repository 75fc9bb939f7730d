/**
 * Matchstick 0.6.0 contract-call mocks: `mockFunction` (behind matchstick-as
 * `createMockedFunction(...).withArgs(...).returns(...)/.reverts()`) and the
 * `ethereum.call` that answers from them.
 *
 * This reproduces Matchstick's quirks on purpose, so tests that pass or fail there do
 * the same here: the signature is split by plain text replacement, argument types go
 * through a regex-driven parser that drops every `[]`, arguments are checked with
 * ethabi 17's loose `type_check`, and mocks are keyed by a string in which the contract
 * address is abbreviated and the arguments are concatenated without separators.
 *
 * Error classes: Matchstick returns an error (the test fails) for a name mismatch, a
 * wrong argument count, an argument of the wrong type and an unmocked call; everything it
 * does through `logging::critical!` or a Rust panic (unknown argument type, malformed
 * sizes, values that do not fit a U256, wrong-length addresses) aborts the whole run.
 */
import type { EthValue } from "../common/values.ts";
import { DeterministicError, FatalError } from "../common/errors.ts";
import {
  ethabiTokenDebug,
  ethabiTokenDisplay,
  ethabiTokensDebug,
  ethabiTokensEqual,
  ethabiTokenToEthValue,
  ethValueToEthabiToken,
  type EthabiToken,
} from "../host/ethereum.ts";

/** ethabi 17 `ParamType`, as Matchstick's `get_kind` produces it. */
export type MockParamType =
  | { kind: "Address" }
  | { kind: "Bytes" }
  | { kind: "Int"; size: number }
  | { kind: "Uint"; size: number }
  | { kind: "Bool" }
  | { kind: "String" }
  | { kind: "Array"; inner: MockParamType }
  | { kind: "FixedBytes"; size: number }
  | { kind: "FixedArray"; inner: MockParamType; size: number }
  | { kind: "Tuple"; components: MockParamType[] };

// Rust's `regex` crate: `\d` is any Unicode decimal digit and `.` excludes only `\n`.
// `\w*\d*` prefixes in the originals can match nothing, so only the suffixes matter.
const INT_RE = /^int\p{Nd}+$/u;
const UINT_RE = /^uint\p{Nd}+$/u;
const ARRAY_RE = /\[\]$/u;
const FIXED_BYTES_RE = /bytes\p{Nd}+$/u;
const FIXED_ARRAY_RE = /\[\p{Nd}+\]$/u;
const TUPLE_RE = /\(([^\n]+?)(?:,|$)*\)$/u;

// Rust `char::is_whitespace` (Unicode White_Space), which differs from JS `trim()`
// (JS also trims U+FEFF, Rust also trims U+0085).
const RUST_WHITESPACE =
  "\t\n\u000b\u000c\r \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000";

function rustTrim(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && RUST_WHITESPACE.includes(s[start])) start++;
  while (end > start && RUST_WHITESPACE.includes(s[end - 1])) end--;
  return s.slice(start, end);
}

const USIZE_MAX = (1n << 64n) - 1n;

/** `str::parse::<usize>().unwrap()`; a failure is a Rust panic. */
function parseUsizeOrPanic(text: string): number {
  let kind: string | null = null;
  if (text === "") kind = "Empty";
  else if (!/^\+?[0-9]+$/.test(text) || text === "+") kind = "InvalidDigit";
  else if (BigInt(text) > USIZE_MAX) kind = "PosOverflow";
  if (kind !== null) {
    throw new FatalError(
      `called \`Result::unwrap()\` on an \`Err\` value: ParseIntError { kind: ${kind} }`,
    );
  }
  return Number(text);
}

/**
 * Matchstick's `collect_types`: split on commas outside parentheses. Parentheses are only
 * counted (the count may go negative), a trailing empty piece is dropped, inner empty
 * pieces are kept.
 */
export function collectMockArgumentTypes(argList: string): string[] {
  const types: string[] = [];
  if (argList === "") return types;
  let depth = 0;
  let current = "";
  for (const ch of argList) {
    if (ch === "(") {
      current += ch;
      depth++;
    } else if (ch === ")") {
      current += ch;
      depth--;
    } else if (ch === "," && depth === 0) {
      types.push(current);
      current = "";
    } else {
      current += ch;
    }
  }
  if (current !== "") types.push(current);
  return types;
}

/**
 * Matchstick's `get_kind`: one argument type string → ethabi `ParamType`. Quirks kept:
 * bare `int`/`uint` are unknown; anything ending in `[]` loses *every* `[]`
 * (`uint256[][]` → `Array(Uint(256))`); `T[a][b]` keeps only the first size
 * (`FixedArray(T, a)`); the fixed-array branch splits the untrimmed text, so trailing
 * whitespace there panics. Unknown types and bad sizes are fatal.
 */
export function parseMockArgumentType(kind: string): MockParamType {
  const k = rustTrim(kind);
  switch (k) {
    case "address":
      return { kind: "Address" };
    case "bool":
      return { kind: "Bool" };
    case "bytes":
      return { kind: "Bytes" };
    case "string":
      return { kind: "String" };
  }
  if (INT_RE.test(k)) return { kind: "Int", size: parseUsizeOrPanic(k.replaceAll("int", "")) };
  if (UINT_RE.test(k)) return { kind: "Uint", size: parseUsizeOrPanic(k.replaceAll("uint", "")) };
  if (ARRAY_RE.test(k)) return { kind: "Array", inner: parseMockArgumentType(k.replaceAll("[]", "")) };
  if (FIXED_BYTES_RE.test(k)) {
    return { kind: "FixedBytes", size: parseUsizeOrPanic(k.replaceAll("bytes", "")) };
  }
  if (FIXED_ARRAY_RE.test(k)) {
    const parts = kind.replaceAll("]", "").split("[");
    const inner = parseMockArgumentType(parts[0]);
    return { kind: "FixedArray", inner, size: parseUsizeOrPanic(parts[1]) };
  }
  if (TUPLE_RE.test(k)) {
    // Rust slices the trimmed text by byte offsets; a multi-byte first character panics.
    const first = k.codePointAt(0) as number;
    if (first > 0x7f) {
      throw new FatalError(`byte index 1 is not a char boundary; it is inside '${String.fromCodePoint(first)}' of \`${k}\``);
    }
    const inner = k.slice(1, k.length - 1);
    return { kind: "Tuple", components: collectMockArgumentTypes(inner).map(parseMockArgumentType) };
  }
  throw new FatalError(`Unrecognized argument type \`${k}\``);
}

/** ethabi `ParamType` Debug (derived), as printed in the mismatch message. */
export function mockParamTypeDebug(p: MockParamType): string {
  switch (p.kind) {
    case "Int":
    case "Uint":
    case "FixedBytes":
      return `${p.kind}(${p.size})`;
    case "Array":
      return `Array(${mockParamTypeDebug(p.inner)})`;
    case "FixedArray":
      return `FixedArray(${mockParamTypeDebug(p.inner)}, ${p.size})`;
    case "Tuple":
      return `Tuple([${p.components.map(mockParamTypeDebug).join(", ")}])`;
    default:
      return p.kind;
  }
}

/**
 * ethabi 17 `Token::type_check`: INT/UINT match any size, FIXED_BYTES fits if not longer,
 * and a tuple token is checked element by element against the parameter list without a
 * length check — fewer elements pass, more elements index out of bounds (a panic).
 */
function tokenTypeChecks(t: EthabiToken, p: MockParamType): boolean {
  switch (t.kind) {
    case "Address":
    case "Bytes":
    case "Bool":
    case "String":
      return p.kind === t.kind;
    case "Int":
    case "Uint":
      return p.kind === t.kind;
    case "FixedBytes":
      return p.kind === "FixedBytes" && p.size >= t.value.length;
    case "Array":
      return p.kind === "Array" && t.value.every((x) => tokenTypeChecks(x, p.inner));
    case "FixedArray":
      return (
        p.kind === "FixedArray" &&
        p.size === t.value.length &&
        t.value.every((x) => tokenTypeChecks(x, p.inner))
      );
    case "Tuple": {
      if (p.kind !== "Tuple") return false;
      for (let i = 0; i < t.value.length; i++) {
        if (i >= p.components.length) {
          throw new FatalError(
            `index out of bounds: the len is ${p.components.length} but the index is ${i}`,
          );
        }
        if (!tokenTypeChecks(t.value[i], p.components[i])) return false;
      }
      return true;
    }
  }
}

function validateTokens(fnName: string, fnSignature: string, args: EthabiToken[]): void {
  // Every `name(` is removed, not just the leading one; a signature without `):` keeps
  // its closing `)` on the last argument type, which then fails to parse (fatal).
  const argList = fnSignature.replaceAll(`${fnName}(`, "").split("):")[0];
  const argTypes = collectMockArgumentTypes(argList);

  if (fnSignature.split("(")[0] !== fnName) {
    throw new DeterministicError(
      `createMockedFunction: function name \`${fnName}\` should match the name in the function signature \`${fnSignature}\``,
    );
  }
  if (argTypes.length !== args.length) {
    throw new DeterministicError(
      `${fnName} expected ${argTypes.length} arguments, but received ${args.length}`,
    );
  }
  // Types are parsed lazily, one per argument, so a bad later type is never reached
  // when an earlier argument already mismatches.
  for (let i = 0; i < argTypes.length; i++) {
    const paramType = parseMockArgumentType(argTypes[i]);
    if (!tokenTypeChecks(args[i], paramType)) {
      throw new DeterministicError(
        `createMockedFunction \`${fnName}\` parameters mismatch at position ${i + 1}:\nExpected: ${mockParamTypeDebug(paramType)}\nRecieved: ${ethabiTokenDebug(args[i])}\n`,
      );
    }
  }
}

/**
 * Matchstick's `mockFunction` validation (the arguments are first converted to ethabi
 * tokens, which may be fatal). Throws `DeterministicError` or `FatalError`.
 */
export function validateMockedFunction(fnName: string, fnSignature: string, fnArgs: EthValue[]): void {
  validateTokens(fnName, fnSignature, fnArgs.map(ethValueToEthabiToken));
}

function readAddress(address: Uint8Array): Uint8Array {
  if (address.length !== 20) {
    throw new FatalError(`expected array of length 20, found length ${address.length}`);
  }
  return address;
}

const hex = (bytes: Uint8Array): string =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

/** Rust `H160` Display: `0x` + first two bytes + `…` + last two bytes. */
export function h160Display(address: Uint8Array): string {
  const a = readAddress(address);
  return `0x${hex(a.subarray(0, 2))}\u2026${hex(a.subarray(18, 20))}`;
}

function keyFromTokens(
  address: Uint8Array,
  fnName: string,
  fnSignature: string,
  args: EthabiToken[],
): string {
  return h160Display(address) + fnName + fnSignature + args.map(ethabiTokenDisplay).join("");
}

/**
 * Matchstick's mock key: abbreviated address + name + signature + each argument's ethabi
 * Display, concatenated without separators. Two addresses sharing their first and last
 * two bytes collide, as do INT/UINT, BYTES/FIXED_BYTES, ARRAY/FIXED_ARRAY and
 * ADDRESS/20-byte BYTES of equal content, and e.g. strings `"ab","c"` vs `"a","bc"`.
 */
export function mockedCallKey(
  address: Uint8Array,
  fnName: string,
  fnSignature: string,
  args: EthValue[],
): string {
  readAddress(address);
  return keyFromTokens(address, fnName, fnSignature, args.map(ethValueToEthabiToken));
}

/** The stored "reverts" entry; a mocked return of exactly this is read as a revert too. */
const REVERT_MARKER: EthabiToken[] = [{ kind: "Bytes", value: new Uint8Array(7).fill(0xff) }];

function isRevertMarker(tokens: EthabiToken[]): boolean {
  return tokens.length === 1 && ethabiTokensEqual(tokens[0], REVERT_MARKER[0]);
}

export interface MockedCalls {
  /** `mockFunction`: validate, then store (re-mocking the same key overwrites). */
  mock(
    address: Uint8Array,
    fnName: string,
    fnSignature: string,
    fnArgs: EthValue[],
    returns: EthValue[],
    reverts: boolean,
  ): void;
  /**
   * `ethereum.call` answered from the mocks: the returned values, or `null` for a
   * revert. An unmocked call is a `DeterministicError`.
   */
  call(address: Uint8Array, fnName: string, fnSignature: string, fnArgs: EthValue[]): EthValue[] | null;
}

/** The mock table of one test file; Matchstick never clears it. */
export function createMockedCalls(): MockedCalls {
  const table = new Map<string, EthabiToken[]>();
  return {
    mock(address, fnName, fnSignature, fnArgs, returns, reverts) {
      // Matchstick reads every argument before validating, so conversion panics in the
      // return values win over validation errors, even when the mock reverts.
      readAddress(address);
      const args = fnArgs.map(ethValueToEthabiToken);
      const returnTokens = returns.map(ethValueToEthabiToken);
      validateTokens(fnName, fnSignature, args);
      table.set(keyFromTokens(address, fnName, fnSignature, args), reverts ? REVERT_MARKER : returnTokens);
    },

    call(address, fnName, fnSignature, fnArgs) {
      readAddress(address);
      const args = fnArgs.map(ethValueToEthabiToken);
      const stored = table.get(keyFromTokens(address, fnName, fnSignature, args));
      if (stored === undefined) {
        // Matchstick prints the abbreviated H160 here; the full address is more useful
        // and is what this project requires.
        throw new DeterministicError(
          `Could not find a mocked function with the following parameters, address: 0x${hex(address)}, name: ${fnName}, signature ${fnSignature}, params: ${ethabiTokensDebug(args)}.`,
        );
      }
      if (isRevertMarker(stored)) return null;
      // Tokens go back out through the fork's `ToAscObj`: INT signed, UINT unsigned,
      // FIXED_BYTES at its original length.
      return stored.map(ethabiTokenToEthValue);
    },
  };
}
