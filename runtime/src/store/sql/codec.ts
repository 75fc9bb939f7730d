/**
 * Values between the store and SQL. Parameters always travel as text, numbers or booleans and
 * are cast in the statement (`$1::text::numeric`), so both drivers bind them the same way;
 * numeric and int8 columns are read back through `::text` so no driver turns them into a
 * lossy JavaScript number (pg does for `numeric[]`, PGlite for `int8[]`).
 */
import type { Entity, StoreValue } from "../../common/values.ts";
import { fromString as bigDecimalFromString, toString as bigDecimalToString } from "../../host/bigDecimal.ts";
import type { ValueType } from "../../schema/model.ts";
import { bytesToHex } from "../validation.ts";
import { ident, type ColumnLayout, type TableLayout } from "./layout.ts";

/**
 * A value as queries return it: strings for String/ID/enums and for the big numeric types
 * (BigInt, BigDecimal, Int8, Timestamp in decimal), numbers for Int, booleans, bytes, lists.
 */
export type QueryValue = string | number | boolean | Uint8Array | null | QueryValue[];

/** A `$n` placeholder cast to the column's type. */
export function castParam(placeholder: string, sqlType: string, isList: boolean): string {
  switch (sqlType) {
    case "int4":
    case "boolean":
      return `${placeholder}::${sqlType}${isList ? "[]" : ""}`;
    case "text":
      return `${placeholder}::text${isList ? "[]" : ""}`;
    default:
      return isList ? `${placeholder}::text[]::${sqlType}[]` : `${placeholder}::text::${sqlType}`;
  }
}

/** `\x…`, the bytea text form PostgreSQL accepts from a text parameter. */
export function bytesParam(b: Uint8Array): string {
  return "\\x" + bytesToHex(b).slice(2);
}

/** A store value as a bound parameter (see `castParam`). */
export function storeValueParam(v: StoreValue): unknown {
  switch (v.kind) {
    case "Null":
      return null;
    case "String":
    case "Int":
    case "Bool":
      return v.value;
    case "Int8":
    case "BigInt":
    case "Timestamp":
      return v.value.toString();
    case "BigDecimal":
      return bigDecimalToString(v.value);
    case "Bytes":
      return bytesParam(v.value);
    case "Array":
      return v.value.map(storeValueParam);
  }
}

/**
 * A list value as one PostgreSQL array literal (`{a,b,NULL}`), so that lists of any length
 * travel as one element of a `text[]` parameter and are cast in the statement. An element is
 * quoted, with `"` and `\` escaped, only when PostgreSQL would otherwise read it differently
 * (`needsQuotes`): quoting every element made a list of 300 addresses about 1.4× slower to insert,
 * as the driver then escapes every quote again.
 */
export function arrayLiteralParam(v: StoreValue): string | null {
  if (v.kind === "Null") return null;
  if (v.kind !== "Array") throw new Error(`a list column got a ${v.kind} value`);
  const elements = v.value.map((e) => {
    const p = storeValueParam(e);
    if (p === null) return "NULL";
    const text = String(p);
    return needsQuotes(text) ? `"${text.replace(/[\\"]/g, "\\$&")}"` : text;
  });
  return `{${elements.join(",")}}`;
}

/**
 * True for an element PostgreSQL's array input would not read back as the same text unquoted:
 * empty, `NULL` in any case, or holding a delimiter, brace, quote, backslash or white space
 * (which it trims).
 */
function needsQuotes(text: string): boolean {
  return text === "" || /[\s"\\{},]/.test(text) || /^null$/i.test(text);
}

/** A query value as a bound parameter (see `castParam`). */
export function queryValueParam(v: QueryValue): unknown {
  if (v instanceof Uint8Array) return bytesParam(v);
  if (Array.isArray(v)) return v.map(queryValueParam);
  return v;
}

function readsAsText(c: ColumnLayout): boolean {
  return c.sqlType === "numeric" || c.sqlType === "int8";
}

/** The select-list expression for a column of alias `a`, named `as` (default: the column's name). */
export function readColumn(c: ColumnLayout, alias: string, as = c.name): string {
  const col = `${alias}.${ident(c.name)}`;
  return `${readsAsText(c) ? `${col}::text${c.isList ? "[]" : ""}` : col} as ${ident(as)}`;
}

/** Column `c` as stored, from `expr`, what `readColumn` made of it (undoes its `::text`). */
export function storedColumn(c: ColumnLayout, expr: string): string {
  return readsAsText(c) ? `${expr}::${c.sqlType}${c.isList ? "[]" : ""}` : expr;
}

/** A typed null standing for column `c` in a branch of a union whose table lacks it. */
export function nullColumn(c: ColumnLayout, as: string): string {
  const type = readsAsText(c) ? "text" : c.sqlType;
  return `null::${type}${c.isList ? "[]" : ""} as ${ident(as)}`;
}

/** Every column of a table, as `readColumn` names them. */
export function readColumns(t: TableLayout, alias: string): string {
  return t.columns.map((c) => readColumn(c, alias)).join(", ");
}

/** A driver value in `QueryValue` form (bytes as plain `Uint8Array`, bigint as text). */
export function normalize(raw: unknown): QueryValue {
  if (raw === null || raw === undefined) return null;
  if (raw instanceof Uint8Array) return new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
  if (Array.isArray(raw)) return raw.map(normalize);
  if (typeof raw === "bigint") return raw.toString();
  return raw as QueryValue;
}

/**
 * A row read with `readColumns` as field name → value. Absent (null) fields are null. `names`
 * gives the result column of each table column when they are not named after it.
 */
export function decodeRow(t: TableLayout, row: Record<string, unknown>, names?: ReadonlyMap<string, string>): Record<string, QueryValue> {
  const out: Record<string, QueryValue> = {};
  for (const c of t.columns) out[c.field.name] = normalize(row[names?.get(c.name) ?? c.name]);
  return out;
}

/** `\x…` (PostgreSQL's hex output of bytea, inside JSON) as bytes. */
function hexBytes(v: unknown): Uint8Array {
  if (typeof v !== "string" || !v.startsWith("\\x")) throw new Error(`unexpected bytea text in JSON: ${String(v)} (bytea_output must be hex)`);
  const b = Buffer.from(v.slice(2), "hex");
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/**
 * A row read with `readColumns` and turned into JSON by the database (`to_json`, for embedded
 * rows) as field name → value. JSON keeps every `readColumns` value as it is, numbers read as
 * text included, except bytes, which arrive as `\x…` text.
 */
export function decodeJsonRow(t: TableLayout, row: Record<string, unknown>): Record<string, QueryValue> {
  const out: Record<string, QueryValue> = {};
  for (const c of t.columns) {
    const v = row[c.name];
    if (v === null || v === undefined) out[c.field.name] = null;
    else if (c.sqlType !== "bytea") out[c.field.name] = v as QueryValue;
    else out[c.field.name] = c.isList ? (v as unknown[]).map((x) => (x === null ? null : hexBytes(x))) : hexBytes(v);
  }
  return out;
}

function toStoreValue(v: QueryValue, vt: ValueType): StoreValue {
  if (v === null) return { kind: "Null" };
  if (Array.isArray(v)) return { kind: "Array", value: v.map((x) => toStoreValue(x, vt)) };
  switch (vt) {
    case "String":
      return { kind: "String", value: v as string };
    case "Int":
      return { kind: "Int", value: Number(v) };
    case "Boolean":
      return { kind: "Bool", value: v as boolean };
    case "Int8":
      return { kind: "Int8", value: BigInt(v as string) };
    case "Timestamp":
      return { kind: "Timestamp", value: BigInt(v as string) };
    case "BigInt":
      return { kind: "BigInt", value: BigInt(v as string) };
    case "BigDecimal":
      return { kind: "BigDecimal", value: bigDecimalFromString(v as string) };
    case "Bytes":
      return { kind: "Bytes", value: v as Uint8Array };
  }
}

/** A decoded row as an `Entity` (null attributes left out, as the entity cache expects). */
export function rowToEntity(t: TableLayout, row: Record<string, QueryValue>): Entity {
  const e: Entity = new Map();
  for (const c of t.columns) {
    const v = row[c.field.name];
    if (v !== null && v !== undefined) e.set(c.field.name, toStoreValue(v, c.valueType));
  }
  return e;
}
