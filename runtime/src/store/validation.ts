/**
 * graph-node's checks for entity writes, and the textual forms of store values.
 *
 * Mirrors graph-node `runtime/wasm/src/host_exports.rs` (`store_set`, `expect_object_type`,
 * `check_invalid_fields`), `graph/src/data/store/id.rs` (id parsing), `graph/src/data/store/mod.rs`
 * (`Entity::validate`, `Value` Display/Debug/`type_name`) and `graph/src/schema/input/mod.rs`
 * (`entity_type` lookup). Messages are graph-node's, byte for byte. Where graph-node wraps a
 * lower-level error (`with_context`), the wrapped error is attached as `cause`, so the anyhow
 * chain (`outer: inner`) can be rebuilt.
 */
import { DeterministicError } from "../common/errors.ts";
import { compareUtf8, sortedByKey } from "../common/utf8.ts";
export { compareUtf8 };
import type { BigDecimal, Entity, StoreValue } from "../common/values.ts";
import { toString as bigDecimalToString } from "../host/bigDecimal.ts";
import {
  enumType,
  type AggregationModel,
  type EntityTypeModel,
  type FieldModel,
  type IdType,
  type InterfaceModel,
  type SchemaModel,
  type ValueType,
} from "../schema/model.ts";

// ---------------------------------------------------------------------------------------------
// Entity ids

/** A parsed entity id (graph-node `Id`). */
export type EntityId =
  | { readonly kind: "String"; readonly value: string }
  | { readonly kind: "Bytes"; readonly value: Uint8Array }
  | { readonly kind: "Int8"; readonly value: bigint };

const I64_MIN = -(1n << 63n);
const I64_MAX = (1n << 63n) - 1n;

/**
 * Parse the id string a mapping passes to `store.*` (graph-node `IdType::parse`): String ids as
 * they are; Bytes ids as hex after removing leading `0x` prefixes; Int8 ids as a decimal i64.
 */
export function parseEntityId(idType: IdType, s: string): EntityId {
  switch (idType) {
    case "String":
      return { kind: "String", value: s };
    case "Bytes": {
      const r = decodeHex(s);
      if (typeof r === "string") {
        throw new DeterministicError(`can not convert \`${s}\` to Id::Bytes`, {
          cause: new Error(r),
        });
      }
      return { kind: "Bytes", value: r };
    }
    case "Int8": {
      const r = parseI64(s);
      if (typeof r === "string") {
        throw new DeterministicError(`can not convert \`${s}\` to Id::Int8`, {
          cause: new Error(r),
        });
      }
      return { kind: "Int8", value: r };
    }
  }
}

/** The `hex` crate's `decode` after Rust's `trim_start_matches("0x")`; a string is an error. */
function decodeHex(s: string): Uint8Array | string {
  let t = s;
  while (t.startsWith("0x")) t = t.slice(2);
  const bytes = new TextEncoder().encode(t);
  if (bytes.length % 2 !== 0) return "Odd number of digits";
  const out = new Uint8Array(bytes.length / 2);
  for (let i = 0; i < bytes.length; i++) {
    const v = hexDigit(bytes[i]);
    if (v < 0) {
      return `Invalid character ${rustCharDebug(String.fromCodePoint(bytes[i]))} at position ${i}`;
    }
    out[i >> 1] = i % 2 === 0 ? v << 4 : out[i >> 1] | v;
  }
  return out;
}

function hexDigit(b: number): number {
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  if (b >= 0x61 && b <= 0x66) return b - 0x61 + 10;
  if (b >= 0x41 && b <= 0x46) return b - 0x41 + 10;
  return -1;
}

/** Rust `i64::from_str`; a string is the `ParseIntError` text. */
function parseI64(s: string): bigint | string {
  if (s.length === 0) return "cannot parse integer from empty string";
  let i = 0;
  let negative = false;
  if (s[0] === "+" || s[0] === "-") {
    negative = s[0] === "-";
    i = 1;
    if (s.length === 1) return "invalid digit found in string";
  }
  let acc = 0n;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return "invalid digit found in string";
    acc = acc * 10n + BigInt(c - 0x30);
    if (!negative && acc > I64_MAX) return "number too large to fit in target type";
    if (negative && -acc < I64_MIN) return "number too small to fit in target type";
  }
  return negative ? -acc : acc;
}

/** graph-node `Id` Display: Bytes as `0x` + lowercase hex, Int8 in decimal. */
export function entityIdToString(id: EntityId): string {
  switch (id.kind) {
    case "String":
      return id.value;
    case "Bytes":
      return bytesToHex(id.value);
    case "Int8":
      return id.value.toString();
  }
}

export function entityIdToValue(id: EntityId): StoreValue {
  return id.kind === "String"
    ? { kind: "String", value: id.value }
    : id.kind === "Bytes"
      ? { kind: "Bytes", value: id.value }
      : { kind: "Int8", value: id.value };
}

/** graph-node `Id == Value`: same kind and same value. */
export function entityIdEqualsValue(id: EntityId, v: StoreValue): boolean {
  if (id.kind === "String") return v.kind === "String" && v.value === id.value;
  if (id.kind === "Bytes") return v.kind === "Bytes" && bytesEqual(v.value, id.value);
  return v.kind === "Int8" && v.value === id.value;
}

/** The order graph-node keeps entity keys in: strings by UTF-8 bytes, bytes lexicographically. */
export function compareEntityIds(a: EntityId, b: EntityId): number {
  if (a.kind === "String" && b.kind === "String") return compareUtf8(a.value, b.value);
  if (a.kind === "Bytes" && b.kind === "Bytes") return compareBytes(a.value, b.value);
  if (a.kind === "Int8" && b.kind === "Int8") return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
  const rank = { String: 0, Bytes: 1, Int8: 2 } as const;
  return rank[a.kind] - rank[b.kind];
}


function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

// ---------------------------------------------------------------------------------------------
// Entity type lookup

export type StoreOp = "set" | "get" | "remove";

/** What a type name passed to a `store.*` host function denotes. */
export type StoreTypeRef =
  | { readonly kind: "entity"; readonly name: string; readonly idType: IdType; readonly type: EntityTypeModel }
  | { readonly kind: "interface"; readonly name: string; readonly idType: IdType; readonly type: InterfaceModel }
  | { readonly kind: "aggregation"; readonly name: string; readonly idType: IdType; readonly type: AggregationModel };

/**
 * graph-node `InputSchema::entity_type`: entity types, interfaces, aggregations and their
 * per-interval types (`Stats_hour`) are known. For other names graph-node reports whether the
 * name is at least interned (a type or field name of the schema) or not at all; `deploymentId`
 * completes the first of those messages.
 */
export function lookupStoreType(model: SchemaModel, name: string, deploymentId = ""): StoreTypeRef {
  const t = model.types.get(name);
  if (t?.kind === "entity") return { kind: "entity", name, idType: t.idType, type: t };
  if (t?.kind === "interface") return { kind: "interface", name, idType: t.idType, type: t };
  if (t?.kind === "aggregation") return { kind: "aggregation", name, idType: t.idType, type: t };
  for (const agg of model.aggregations) {
    if (agg.intervals.some((i) => `${agg.name}_${i}` === name)) {
      return { kind: "aggregation", name, idType: agg.idType, type: agg };
    }
  }
  if (internedNames(model).has(name)) {
    const where = deploymentId === "" ? "" : ` in ${deploymentId}`;
    throw new DeterministicError(`internal error: entity type \`${name}\` does not exist${where}`);
  }
  throw new DeterministicError(`internal error: unknown name ${name} when looking up entity type`);
}

const interned = new WeakMap<SchemaModel, Set<string>>();

/** graph-node's atom pool: type names, field names and a few built-in attribute names. */
function internedNames(model: SchemaModel): Set<string> {
  let names = interned.get(model);
  if (!names) {
    names = new Set(["id", "vid", "Poi$", "digest", "blockTime"]);
    for (const t of model.types.values()) {
      names.add(t.name);
      if (t.kind !== "enum") for (const f of t.fields) names.add(f.name);
      if (t.kind === "aggregation") for (const i of t.intervals) names.add(`${t.name}_${i}`);
    }
    for (const ft of model.fulltexts) names.add(ft.name);
    interned.set(model, names);
  }
  return names;
}

/** graph-node `expect_object_type`: only `@entity` object types can be read or written. */
export function expectEntityType(ref: StoreTypeRef, op: StoreOp): EntityTypeModel {
  if (ref.kind === "entity") return ref.type;
  throw new DeterministicError(
    `Cannot ${op} entity of type \`${ref.name}\`. The type must be an @entity type`,
  );
}

/** `lookupStoreType` followed by `expectEntityType`, as `store.set/get/remove` do. */
export function resolveEntityType(
  model: SchemaModel,
  name: string,
  op: StoreOp,
  deploymentId = "",
): EntityTypeModel {
  return expectEntityType(lookupStoreType(model, name, deploymentId), op);
}

// ---------------------------------------------------------------------------------------------
// store.set checks

/**
 * `store.set`, first check: an `id` attribute must equal the id passed to `store.set`;
 * without one, the id is added. Returns the data to store: `data` itself when its id matches,
 * else a copy with the id (`data` is never modified).
 */
export function checkIdAttribute(type: EntityTypeModel, id: EntityId, data: Entity): Entity {
  const v = data.get("id");
  if (v === undefined) {
    const out: Entity = new Map(data);
    out.set("id", entityIdToValue(id));
    return out;
  }
  if (!entityIdEqualsValue(id, v)) {
    if (valueTypeName(v) !== id.kind) {
      throw new DeterministicError(
        `Attribute \`${type.name}.id\` has wrong type: expected ${id.kind} but got ${valueTypeName(v)}`,
      );
    }
    throw new DeterministicError(
      `Value of ${type.name} attribute 'id' conflicts with ID passed to \`store.set()\`: ${valueDebug(v)} != ${idDebug(id)}`,
    );
  }
  return data;
}

/**
 * `store.set`, second check: from apiVersion 0.0.8 on, attributes the type does not declare
 * are an error; before that they are silently dropped. Returns the data without them.
 */
export function checkUndefinedFields(type: EntityTypeModel, data: Entity, apiVersion: string): Entity {
  const declared = fieldsByName(type);
  let allDeclared = true;
  for (const k of data.keys()) if (!declared.has(k)) allDeclared = false;
  if (allDeclared) return data;
  const undefinedFields = [...data.keys()].filter((k) => !declared.has(k));
  if (!versionLess(apiVersion, "0.0.8")) {
    undefinedFields.sort(compareUtf8);
    throw new DeterministicError(
      `Attempted to set undefined fields [${undefinedFields.join(", ")}] for the entity type \`${type.name}\`. Make sure those fields are defined in the schema.`,
    );
  }
  const out: Entity = new Map();
  for (const [k, v] of data) if (declared.has(k)) out.set(k, v);
  return out;
}

/** `a < b` for dotted versions such as "0.0.7" and "0.0.10". */
function versionLess(a: string, b: string): boolean {
  const pa = a.split(".").map((x) => Number.parseInt(x, 10) || 0);
  const pb = b.split(".").map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0;
  }
  return false;
}

/**
 * `store.set`, last check (graph-node `Entity::validate`), applied to the merged entity:
 * fields in schema order, the first problem wins.
 *
 * Deliberately stricter than graph-node in three places where graph-node accepts the write and
 * the database insert fails later: a NULL in a non-nullable field counts as missing, a scalar is
 * not accepted for a list field, and enum fields must hold one of the enum's values.
 *
 * `previous` is an earlier, valid version of the entity: values that are the very same objects
 * as its values are not checked again (a handler that loads and saves an entity changes a few).
 */
export function validateEntity(
  model: SchemaModel,
  type: EntityTypeModel,
  id: EntityId,
  entity: Entity,
  previous: Entity | null = null,
): void {
  // Built only for a message: most entities are valid.
  const where = () => `Entity ${type.name}[${entityIdToString(id)}]`;
  for (const field of type.fields) {
    const value = entity.get(field.name);
    // A value carried over unchanged from a valid earlier version is valid.
    if (value !== undefined && field.derivedFrom === null && previous !== null && previous.get(field.name) === value) continue;
    checkField(model, where, field, value);
  }
}

/**
 * `validateEntity` of `entity`, which is `previous` (a valid version) with `changes` merged in:
 * only the changed attributes can be invalid, so only they are checked. A problem is reported
 * as `validateEntity` reports it, the first in schema order.
 */
export function validateChanges(
  model: SchemaModel,
  type: EntityTypeModel,
  id: EntityId,
  entity: Entity,
  previous: Entity,
  changes: Entity,
): void {
  const where = () => `Entity ${type.name}[${entityIdToString(id)}]`;
  const fields = fieldsByName(type);
  try {
    for (const name of changes.keys()) {
      const field = fields.get(name);
      if (field !== undefined) checkField(model, where, field, entity.get(name));
    }
  } catch (error) {
    validateEntity(model, type, id, entity, previous);
    throw error;
  }
}

/** The type's fields by name, made once per type. */
function fieldsByName(type: EntityTypeModel): Map<string, FieldModel> {
  let fields = fieldMaps.get(type);
  if (fields === undefined) fieldMaps.set(type, (fields = new Map(type.fields.map((f) => [f.name, f]))));
  return fields;
}

const fieldMaps = new WeakMap<EntityTypeModel, Map<string, FieldModel>>();

/** The checks `validateEntity` makes of one field's value (`undefined` when absent). */
function checkField(model: SchemaModel, where: () => string, field: FieldModel, value: StoreValue | undefined): void {
  if (field.derivedFrom !== null) {
    if (value !== undefined) {
      throw new DeterministicError(`${where()}: field \`${field.name}\` is derived and cannot be set`);
    }
    return;
  }
  if (value === undefined || value.kind === "Null") {
    if (!field.nullable) {
      throw new DeterministicError(`${where()}: missing value for non-nullable field \`${field.name}\``);
    }
    return;
  }
  if (field.isList && value.kind === "Array") {
    value.value.forEach((elt, index) => {
      if (!isAssignable(elt, field.valueType, false)) {
        throw new DeterministicError(
          `${where()}: field \`${field.name}\` is of type ${field.typeString}, but the value \`${formatValue(value)}\` contains a ${valueTypeName(elt)} at index ${index}`,
        );
      }
    });
  }
  if (!isAssignable(value, field.valueType, field.isList) || field.isList !== (value.kind === "Array")) {
    throw new DeterministicError(
      `${where()}: the value \`${formatValue(value)}\` for field \`${field.name}\` must have type ${field.typeString} but has type ${valueTypeName(value)}`,
    );
  }
  if (field.kind === "enum") checkEnumValue(model, where, field, value);
}

function checkEnumValue(model: SchemaModel, where: () => string, field: FieldModel, value: StoreValue): void {
  let values = enumValues.get(field);
  if (values === undefined) {
    values = new Set(enumType(model, field.baseType)?.values.map((v) => v.name));
    enumValues.set(field, values);
  }
  const elements = value.kind === "Array" ? value.value : [value];
  for (const elt of elements) {
    if (elt.kind === "String" && !values.has(elt.value)) {
      throw new DeterministicError(
        `${where()}: the value \`${elt.value}\` for field \`${field.name}\` is not a value of the enum ${field.baseType}`,
      );
    }
  }
}

const enumValues = new WeakMap<FieldModel, Set<string>>();

/** graph-node `Value::is_assignable`. */
function isAssignable(v: StoreValue, t: ValueType, isList: boolean): boolean {
  switch (v.kind) {
    case "Null":
      return true;
    case "String":
    case "BigDecimal":
    case "BigInt":
    case "Bytes":
    case "Int":
    case "Int8":
    case "Timestamp":
      return v.kind === t;
    case "Bool":
      return t === "Boolean";
    case "Array":
      return isList && v.value.every((e) => isAssignable(e, t, false));
  }
}

// ---------------------------------------------------------------------------------------------
// Textual forms of values

/** graph-node `Value::type_name`: `Boolean` for Bool, `[T]` after a list's first element. */
export function valueTypeName(v: StoreValue): string {
  switch (v.kind) {
    case "Bool":
      return "Boolean";
    case "Array":
      return v.value.length > 0 ? `[${valueTypeName(v.value[0])}]` : "[Any]";
    default:
      return v.kind;
  }
}

/**
 * graph-node `Value` Display, which Matchstick's `assert.fieldEquals` compares against and
 * graph-node's validation messages embed: strings as they are, numbers in decimal (Timestamp in
 * microseconds), BigDecimal in plain positional notation, Bytes as `0x` + lowercase hex, `null`,
 * lists as `[a, b]`.
 */
export function formatValue(v: StoreValue): string {
  switch (v.kind) {
    case "String":
      return v.value;
    case "Int":
      return String(v.value);
    case "Int8":
    case "BigInt":
    case "Timestamp":
      return v.value.toString();
    case "BigDecimal":
      return formatBigDecimal(v.value);
    case "Bool":
      return v.value ? "true" : "false";
    case "Null":
      return "null";
    case "Bytes":
      return bytesToHex(v.value);
    case "Array":
      return `[${v.value.map(formatValue).join(", ")}]`;
  }
}

/**
 * graph-node's BigDecimal Display (bigdecimal-rs 0.1, the same as `bigDecimal.toString`).
 * Values read from wasm are normalized already; trailing zeros of hand-made values are
 * dropped too (value-preserving), but nothing is re-rounded: graph-node's normalization is
 * not idempotent.
 */
function formatBigDecimal(d: BigDecimal): string {
  let { digits, exp } = d;
  if (digits === 0n) return "0";
  while (digits % 10n === 0n) {
    digits /= 10n;
    exp += 1n;
  }
  return bigDecimalToString({ digits, exp });
}

/** One value in Matchstick's `logStore`/`logEntity` JSON (serde's `{"type", "data"}` form). */
export type LogJsonValue =
  | { type: "String"; data: string }
  | { type: "Int"; data: number }
  /** Exact: may be outside the range a JS number holds; `stringifyLogJson` prints it as is. */
  | { type: "Int8"; data: bigint }
  | { type: "BigDecimal"; data: string }
  | { type: "Bool"; data: boolean }
  | { type: "List"; data: LogJsonValue[] }
  | { type: "Null" }
  | { type: "Bytes"; data: string }
  | { type: "BigInt"; data: string }
  /** Matchstick has no Timestamp values; graph-node's microseconds, as a decimal string. */
  | { type: "Timestamp"; data: string };

export function storeValueToLogJson(v: StoreValue): LogJsonValue {
  switch (v.kind) {
    case "String":
      return { type: "String", data: v.value };
    case "Int":
      return { type: "Int", data: v.value };
    case "Int8":
      return { type: "Int8", data: v.value };
    case "BigDecimal":
      return { type: "BigDecimal", data: formatBigDecimal(v.value) };
    case "Bool":
      return { type: "Bool", data: v.value };
    case "Array":
      return { type: "List", data: v.value.map(storeValueToLogJson) };
    case "Null":
      return { type: "Null" };
    case "Bytes":
      return { type: "Bytes", data: bytesToHex(v.value) };
    case "BigInt":
      return { type: "BigInt", data: v.value.toString() };
    case "Timestamp":
      return { type: "Timestamp", data: v.value.toString() };
  }
}

/**
 * `JSON.stringify(value, null, indent)` that also prints bigints as exact integers, so Int8
 * values in log JSON (serde prints i64 as a number) keep every digit.
 */
export function stringifyLogJson(value: unknown, indent = 2): string {
  const pad = (depth: number) => " ".repeat(indent * depth);
  const nl = indent > 0 ? "\n" : "";
  const sep = indent > 0 ? ": " : ":";
  const walk = (v: unknown, depth: number): string => {
    if (typeof v === "bigint") return v.toString();
    if (v === null || typeof v !== "object") return JSON.stringify(v) ?? "null";
    if (Array.isArray(v)) {
      if (v.length === 0) return "[]";
      const items = v.map((x) => pad(depth + 1) + walk(x === undefined ? null : x, depth + 1));
      return `[${nl}${items.join(`,${nl}`)}${nl}${pad(depth)}]`;
    }
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    if (entries.length === 0) return "{}";
    const items = entries.map(([k, x]) => `${pad(depth + 1)}${JSON.stringify(k)}${sep}${walk(x, depth + 1)}`);
    return `{${nl}${items.join(`,${nl}`)}${nl}${pad(depth)}}`;
  };
  return walk(value, 0);
}

// ---------------------------------------------------------------------------------------------
// Value comparison and entity helpers

export function storeValuesEqual(a: StoreValue, b: StoreValue): boolean {
  switch (a.kind) {
    case "Null":
      return b.kind === "Null";
    case "Bytes":
      return b.kind === "Bytes" && bytesEqual(a.value, b.value);
    case "BigDecimal":
      return b.kind === "BigDecimal" && a.value.digits === b.value.digits && a.value.exp === b.value.exp;
    case "Array":
      return (
        b.kind === "Array" &&
        a.value.length === b.value.length &&
        a.value.every((x, i) => storeValuesEqual(x, b.value[i]))
      );
    default:
      return b.kind === a.kind && (b as { value: unknown }).value === a.value;
  }
}

/** Same attributes with equal values (order does not matter). */
export function entitiesEqual(a: Entity, b: Entity): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) {
    const w = b.get(k);
    if (w === undefined || !storeValuesEqual(v, w)) return false;
  }
  return true;
}

/**
 * The entity with its attributes in byte order of their names, as graph-node writes entities:
 * `e` itself when they already are (most are: merges keep the order), else a sorted copy.
 */
export function sortedEntity(e: Entity): Entity {
  return sortedByKey(e);
}


export function bytesToHex(b: Uint8Array): string {
  let s = "0x";
  for (const x of b) s += x.toString(16).padStart(2, "0");
  return s;
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

// ---------------------------------------------------------------------------------------------
// Rust Debug forms used in graph-node messages

/** graph-node `Value` Debug (`String("a")`, `Bytes(0x01)`, `Int8(5)`, …). */
export function valueDebug(v: StoreValue): string {
  switch (v.kind) {
    case "String":
      return `String(${rustStrDebug(v.value)})`;
    case "Int":
      return `Int(${v.value})`;
    case "Int8":
      return `Int8(${v.value})`;
    case "Timestamp":
      return `Timestamp(${v.value})`;
    case "BigDecimal":
      return `BigDecimal(${formatBigDecimal(v.value)})`;
    case "Bool":
      return `Bool(${v.value})`;
    case "Array":
      return `List([${v.value.map(valueDebug).join(", ")}])`;
    case "Null":
      return "Null";
    case "Bytes":
      return `Bytes(${bytesToHex(v.value)})`;
    case "BigInt":
      return `BigInt(${v.value})`;
  }
}

/** graph-node `Id` Debug (derived): `String(Word("a"))`, `Bytes(Bytes(0x01))`, `Int8(5)`. */
export function idDebug(id: EntityId): string {
  switch (id.kind) {
    case "String":
      return `String(Word(${rustStrDebug(id.value)}))`;
    case "Bytes":
      return `Bytes(Bytes(${bytesToHex(id.value)}))`;
    case "Int8":
      return `Int8(${id.value})`;
  }
}

// Characters Rust's Debug escapes as \u{..}: controls, format characters, separators, private
// use, unassigned, and combining marks (grapheme extenders). An approximation of Rust's
// `is_printable` tables, exact for everything but rare code points.
const RUST_UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cn}\p{Cs}\p{Grapheme_Extend}]/u;

function rustEscapeChar(c: string, quote: '"' | "'"): string {
  switch (c) {
    case "\0":
      return "\\0";
    case "\t":
      return "\\t";
    case "\r":
      return "\\r";
    case "\n":
      return "\\n";
    case "\\":
      return "\\\\";
    case quote:
      return `\\${quote}`;
  }
  if (RUST_UNPRINTABLE.test(c)) return `\\u{${c.codePointAt(0)!.toString(16)}}`;
  return c;
}

function rustStrDebug(s: string): string {
  let out = '"';
  for (const c of s) out += rustEscapeChar(c, '"');
  return `${out}"`;
}

function rustCharDebug(c: string): string {
  return `'${rustEscapeChar(c, "'")}'`;
}
