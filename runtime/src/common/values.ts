/**
 * Plain TypeScript forms of the values that cross the WASM boundary. `asc/` converts
 * between these and AssemblyScript memory; `host/` works only with these.
 */

/** A BigDecimal as graph-node stores it: value = digits × 10^exp, always normalized. */
export type BigDecimal = { digits: bigint; exp: bigint };

/** graph-ts `Value` (store values), by `ValueKind`. */
export type StoreValue =
  | { kind: "String"; value: string }
  | { kind: "Int"; value: number }
  | { kind: "BigDecimal"; value: BigDecimal }
  | { kind: "Bool"; value: boolean }
  | { kind: "Array"; value: StoreValue[] }
  | { kind: "Null" }
  | { kind: "Bytes"; value: Uint8Array }
  | { kind: "BigInt"; value: bigint }
  | { kind: "Int8"; value: bigint }
  | { kind: "Timestamp"; value: bigint };

export type StoreValueKind = StoreValue["kind"];

/** `ValueKind` discriminants of graph-ts, in order. */
export const STORE_VALUE_KINDS: readonly StoreValueKind[] = [
  "String",
  "Int",
  "BigDecimal",
  "Bool",
  "Array",
  "Null",
  "Bytes",
  "BigInt",
  "Int8",
  "Timestamp",
];

/** An entity: field name to value, in the order the fields were read. */
export type Entity = Map<string, StoreValue>;

/** graph-ts `ethereum.Value`, by `ethereum.ValueKind`. */
export type EthValue =
  | { kind: "address"; value: Uint8Array }
  | { kind: "fixedBytes"; value: Uint8Array }
  | { kind: "bytes"; value: Uint8Array }
  | { kind: "int"; value: bigint }
  | { kind: "uint"; value: bigint }
  | { kind: "bool"; value: boolean }
  | { kind: "string"; value: string }
  | { kind: "fixedArray"; value: EthValue[] }
  | { kind: "array"; value: EthValue[] }
  | { kind: "tuple"; value: EthValue[] }
  | { kind: "function"; value: Uint8Array };

export type EthValueKind = EthValue["kind"];

/** `ethereum.ValueKind` discriminants, in order (10 = FUNCTION exists only in graph-node). */
export const ETH_VALUE_KINDS: readonly EthValueKind[] = [
  "address",
  "fixedBytes",
  "bytes",
  "int",
  "uint",
  "bool",
  "string",
  "fixedArray",
  "array",
  "tuple",
  "function",
];

/** graph-ts `JSONValue`. Numbers keep their exact source text. Object entries keep their order. */
export type JsonValue =
  | { kind: "null" }
  | { kind: "bool"; value: boolean }
  | { kind: "number"; value: string }
  | { kind: "string"; value: string }
  | { kind: "array"; value: JsonValue[] }
  | { kind: "object"; value: Array<[string, JsonValue]> };

/** graph-ts `YAMLValue`. Mapping entries keep insertion order; keys are values too. */
export type YamlValue =
  | { kind: "null" }
  | { kind: "bool"; value: boolean }
  | { kind: "number"; value: string }
  | { kind: "string"; value: string }
  | { kind: "array"; value: YamlValue[] }
  | { kind: "object"; value: Array<[YamlValue, YamlValue]> }
  | { kind: "tagged"; tag: string; value: YamlValue };

/**
 * An entity as JSON-ready values, for comparisons and exports: BigInt, Int8 and Timestamp as
 * decimal strings, Bytes as `0x` hex, BigDecimal as `<digits>e<exp>` (exact, no rounding).
 */
export function plainEntity(entity: Entity): Record<string, unknown> {
  return Object.fromEntries([...entity].map(([k, v]) => [k, plainValue(v)]));
}

export function plainValue(v: StoreValue): unknown {
  switch (v.kind) {
    case "Array":
      return v.value.map(plainValue);
    case "Bytes":
      return "0x" + Buffer.from(v.value).toString("hex");
    case "Null":
      return null;
    case "BigDecimal":
      return `${v.value.digits}e${v.value.exp}`;
    default:
      return typeof v.value === "bigint" ? v.value.toString() : v.value;
  }
}
