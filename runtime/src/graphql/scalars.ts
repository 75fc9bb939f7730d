/**
 * graph-node's custom scalars (graph-node `graph/src/data/graphql/values.rs` and
 * `graphql/src/values/coercion.rs`). Inputs are accepted in every form graph-node accepts and
 * passed on as text; whether the text is a valid number or hex string is checked where the
 * value is used, so the error can carry graph-node's `Failed to decode …` wording. Outputs are
 * strings: BigInt, Int8 and Timestamp in decimal, BigDecimal normalized, Bytes as `0x…`.
 */
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from "graphql";
import { fromString as bigDecimalFromString, toString as bigDecimalToString } from "../host/bigDecimal.ts";
import { idKey } from "../store/query.ts";

function literal(kinds: Kind[], name: string) {
  return (node: ValueNode): string => {
    if (!kinds.includes(node.kind)) throw new GraphQLError(`Expected a ${name} value`);
    return (node as { value: string }).value;
  };
}

function value(types: string[], name: string) {
  return (v: unknown): string => {
    if (!types.includes(typeof v)) throw new GraphQLError(`Expected a ${name} value`);
    return String(v);
  };
}

/** A decimal as PostgreSQL prints `numeric`, short enough that it cannot need rounding. */
const PLAIN_DECIMAL = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/;

/** BigDecimal output: at most 34 significant digits, no exponent and no trailing zeros. */
export function formatBigDecimal(text: string): string {
  // Most values come from the store as plain decimals with at most 34 digits; for those,
  // dropping the fraction's trailing zeros is the whole normalization, without a parse.
  if (text.length <= 34 && PLAIN_DECIMAL.test(text)) {
    const s = text.includes(".") ? text.replace(/\.?0+$/, "") : text;
    return s === "-0" ? "0" : s;
  }
  return bigDecimalToString(bigDecimalFromString(text));
}

function serializeText(v: unknown): string {
  if (typeof v === "string" || typeof v === "number" || typeof v === "bigint") return String(v);
  throw new GraphQLError(`Cannot serialize ${String(v)}`);
}

export const BigIntScalar = new GraphQLScalarType({
  name: "BigInt",
  serialize: serializeText,
  parseValue: value(["string", "number"], "BigInt"),
  parseLiteral: literal([Kind.STRING, Kind.INT], "BigInt"),
});

export const BigDecimalScalar = new GraphQLScalarType({
  name: "BigDecimal",
  serialize: (v) => formatBigDecimal(serializeText(v)),
  parseValue: value(["string", "number"], "BigDecimal"),
  parseLiteral: literal([Kind.STRING, Kind.INT, Kind.FLOAT], "BigDecimal"),
});

export const BytesScalar = new GraphQLScalarType({
  name: "Bytes",
  serialize: (v) => (v instanceof Uint8Array ? idKey(v) : serializeText(v)),
  parseValue: value(["string"], "Bytes"),
  parseLiteral: literal([Kind.STRING], "Bytes"),
});

export const Int8Scalar = new GraphQLScalarType({
  name: "Int8",
  description: "8 bytes signed integer",
  serialize: serializeText,
  parseValue: value(["string", "number"], "Int8"),
  parseLiteral: literal([Kind.STRING, Kind.INT], "Int8"),
});

export const TimestampScalar = new GraphQLScalarType({
  name: "Timestamp",
  description: "A string representation of microseconds UNIX timestamp (16 digits)",
  serialize: serializeText,
  parseValue: value(["string"], "Timestamp"),
  parseLiteral: literal([Kind.STRING], "Timestamp"),
});
