/**
 * Collection arguments to a store query (graph-node `graphql/src/store/query.rs`:
 * `build_range`, `build_filter`, `build_order`): `first`/`skip` limits, `where` objects with
 * their suffix operators, child filters and `and`/`or`, and `orderBy` including `parent__child`.
 */
import {
  fieldOf,
  type EntityTypeModel,
  type FieldModel,
  type InterfaceModel,
  type SchemaModel,
  type ValueType,
} from "../schema/model.ts";
import type { Filter, FilterOp, Order, QueryValue } from "../store/query.ts";
import { QueryError } from "./errors.ts";
import { decodeId, decodeScalar } from "./values.ts";

/** Query limits (graph-node's env knobs `GRAPH_GRAPHQL_MAX_FIRST`, `…_MAX_SKIP`, `…_MAX_DEPTH`). */
export interface QueryLimits {
  readonly maxFirst: number;
  readonly maxSkip: number;
  readonly maxDepth: number;
}

export const DEFAULT_LIMITS: QueryLimits = { maxFirst: 1000, maxSkip: 5000, maxDepth: 255 };

export type FieldOwner = EntityTypeModel | InterfaceModel;

/** `first` and `skip` with their defaults, checked against the limits. */
export function parseRange(args: Record<string, unknown>, limits: QueryLimits): { first: number; skip: number } {
  const first = args.first === null || args.first === undefined ? 100 : Number(args.first);
  const skip = args.skip === null || args.skip === undefined ? 0 : Number(args.skip);
  if (first <= 0 || first > limits.maxFirst) {
    throw new QueryError(`The \`first\` argument must be between 0 and ${limits.maxFirst}, but is ${first}`);
  }
  if (skip < 0 || skip > limits.maxSkip) {
    throw new QueryError(`The \`skip\` argument must be between 0 and ${limits.maxSkip}, but is ${skip}`);
  }
  return { first, skip };
}

/** Suffixes, longest first, so `name_not_in` is `not_in` of `name` and not `in` of `name_not`. */
const OPS: readonly FilterOp[] = (
  [
    "not_starts_with_nocase",
    "not_ends_with_nocase",
    "not_contains_nocase",
    "starts_with_nocase",
    "ends_with_nocase",
    "contains_nocase",
    "not_starts_with",
    "not_ends_with",
    "not_contains",
    "starts_with",
    "ends_with",
    "contains",
    "not_in",
    "not",
    "gte",
    "lte",
    "gt",
    "lt",
    "in",
  ] as FilterOp[]
).sort((a, b) => b.length - a.length);

function ownerOf(model: SchemaModel, name: string): FieldOwner {
  const t = model.types.get(name);
  if (t?.kind === "entity" || t?.kind === "interface") return t;
  throw new QueryError(`Type \`${name}\` is not an entity type or interface`);
}

/** Rust-Debug-like text of a filter value, for graph-node's child-nesting message. */
function debugValue(v: unknown): string {
  if (v === null || v === undefined) return "Null";
  if (Array.isArray(v)) return `List([${v.map(debugValue).join(", ")}])`;
  if (typeof v === "object") {
    return `Object({${Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `"${k}": ${debugValue(x)}`)
      .join(", ")}})`;
  }
  if (typeof v === "string") return `String("${v}")`;
  if (typeof v === "number") return `Int(${v})`;
  return `Boolean(${v})`;
}

/** The value type a field's filter values have (references: the target's id type). */
function filterValueType(f: FieldModel): ValueType {
  return f.kind === "reference" ? (f.reference!.idType as ValueType) : f.valueType;
}

function decodeFilterValue(f: FieldModel, op: FilterOp, v: unknown): QueryValue {
  if (v === null || v === undefined) return null;
  const vt = filterValueType(f);
  const one = (x: unknown) => (f.kind === "reference" ? decodeId(f.reference!.idType, x) : decodeScalar(vt, x));
  if (f.isList || op === "in" || op === "not_in") {
    const list = Array.isArray(v) ? v : [v];
    // `_contains_nocase` on a list takes ILIKE patterns, kept as text.
    if (op.endsWith("_nocase")) return list.map((x) => String(x));
    return list.map(one);
  }
  if (vt === "String" || (vt !== "Bytes" && ["contains", "starts_with", "ends_with"].some((s) => op.includes(s)))) {
    return typeof v === "string" ? v : String(v);
  }
  return one(v);
}

/**
 * A `where` object as a filter. `nested` is set inside a child filter, where graph-node allows
 * no further child filter.
 */
export function parseWhere(model: SchemaModel, owner: FieldOwner, where: Record<string, unknown>, nested = false): Filter {
  const filters: Filter[] = [];
  const keys = Object.keys(where);
  if (keys.includes("or")) {
    const columns = keys.filter((k) => k !== "or" && k !== "and" && k !== "_change_block");
    if (columns.length > 0) {
      const quoted = columns.map((k) => `'${k}'`).join(", ");
      throw new QueryError(
        `Cannot mix column filters with 'or' operator at the same level. Found column filter(s) ${quoted} alongside 'or' operator.\n\nInstead of:\nwhere: { ${quoted}, or: [...] }\n\nUse:\nwhere: { or: [{ ${quoted}, ... }, { ${quoted}, ... }] }`,
      );
    }
  }
  for (const key of keys) {
    const value = where[key];
    if (key === "and" || key === "or") {
      const parts = ((value ?? []) as (Record<string, unknown> | null)[])
        .filter((x): x is Record<string, unknown> => x !== null)
        .map((x) => parseWhere(model, owner, x, nested));
      filters.push({ kind: key, filters: parts });
      continue;
    }
    if (key === "_change_block") {
      if (value !== null && value !== undefined) {
        filters.push({ kind: "changeBlock", numberGte: Number((value as { number_gte: number }).number_gte) });
      }
      continue;
    }
    if (key.endsWith("_") && fieldOf(owner, key.slice(0, -1))) {
      const field = fieldOf(owner, key.slice(0, -1))!;
      if (nested) {
        throw new QueryError(`Child filter nesting not supported by value \`${key}\`: \`${debugValue(value)}\``);
      }
      if (value === null || value === undefined) continue;
      const child = parseWhere(model, ownerOf(model, field.baseType), value as Record<string, unknown>, true);
      filters.push({ kind: "child", field: field.name, filter: child });
      continue;
    }
    let field = fieldOf(owner, key);
    let op: FilterOp = "eq";
    if (!field) {
      for (const suffix of OPS) {
        if (key.endsWith(`_${suffix}`)) {
          const f = fieldOf(owner, key.slice(0, -suffix.length - 1));
          if (f) {
            field = f;
            op = suffix;
            break;
          }
        }
      }
    }
    if (!field) throw new QueryError(`Type \`${owner.name}_filter\` has no field \`${key}\``);
    filters.push({ kind: "compare", field: field.name, op, value: decodeFilterValue(field, op, value) });
  }
  return filters.length === 1 ? filters[0] : { kind: "and", filters };
}

/** `orderBy`/`orderDirection`; without `orderBy` the order is by id ascending. */
export function parseOrder(
  model: SchemaModel,
  owner: FieldOwner,
  orderBy: unknown,
  orderDirection: unknown,
  nested: boolean,
): Order {
  const direction = orderDirection === "desc" ? "desc" : "asc";
  if (orderBy === null || orderBy === undefined) return { kind: "id", direction: "asc" };
  const name = String(orderBy);
  const unsupported = () => new QueryError(`Ordering by \`${name}\` is not supported for type \`${owner.name}\``);
  const sep = name.indexOf("__");
  if (sep > 0) {
    if (nested) throw new QueryError("Sorting by child attributes is not supported in nested queries");
    const parent = fieldOf(owner, name.slice(0, sep));
    if (!parent || parent.kind !== "reference" || parent.isList) throw unsupported();
    const childOwner = ownerOf(model, parent.baseType);
    const child = fieldOf(childOwner, name.slice(sep + 2));
    if (!child || child.isList || child.kind === "reference" || child.derivedFrom !== null) throw unsupported();
    return { kind: "child", field: parent.name, childField: child.name, direction };
  }
  const field = fieldOf(owner, name);
  if (!field || field.isList || field.kind !== "scalar" || field.derivedFrom !== null) throw unsupported();
  if (field.name === "id") return { kind: "id", direction };
  return { kind: "field", field: field.name, direction };
}
