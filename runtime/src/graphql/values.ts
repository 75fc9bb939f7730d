/**
 * Input values (filter values, ids) parsed into the field's domain, with graph-node's
 * `Failed to decode …` messages (graph-node `graphql/src/store/query.rs` and
 * `graph/src/data/store/scalar/*.rs` `FromStr` errors).
 */
import { errorMessage } from "../common/errors.ts";
import { fromString as bigDecimalFromString, toString as bigDecimalToString } from "../host/bigDecimal.ts";
import type { IdType, ValueType } from "../schema/model.ts";
import type { QueryValue } from "../store/query.ts";
import { parseEntityId } from "../store/validation.ts";
import { QueryError } from "./errors.ts";

function decodeFail(type: string, cause: string): never {
  throw new QueryError(`Failed to decode \`${type}\` value: \`${cause}\``);
}

/** hex with or without `0x`, any case. */
export function decodeBytes(s: string, what = "Bytes"): Uint8Array {
  try {
    return parseEntityId("Bytes", s).value as Uint8Array;
  } catch (e) {
    const cause = e instanceof Error && e.cause instanceof Error ? e.cause.message : errorMessage(e);
    return decodeFail(what, cause);
  }
}

/** A scalar input in the domain of `vt` (text for the big numeric types). */
export function decodeScalar(vt: ValueType, v: unknown): QueryValue {
  if (v === null || v === undefined) return null;
  switch (vt) {
    case "String":
      return String(v);
    case "Int":
      return Number(v);
    case "Boolean":
      return Boolean(v);
    case "Bytes":
      return decodeBytes(String(v));
    case "BigInt": {
      const s = String(v);
      if (s === "") decodeFail("BigInt", "cannot parse integer from empty string");
      if (!/^[+-]?[0-9]+$/.test(s)) decodeFail("BigInt", "invalid digit found in string");
      return BigInt(s).toString();
    }
    case "BigDecimal": {
      const s = String(v);
      try {
        return bigDecimalToString(bigDecimalFromString(s));
      } catch (e) {
        const cause = e instanceof Error && e.cause instanceof Error ? e.cause.message : errorMessage(e);
        return decodeFail("BigDecimal", cause);
      }
    }
    case "Int8": {
      const s = String(v);
      if (!/^[+-]?[0-9]+$/.test(s)) decodeFail("Int8", s);
      const n = BigInt(s);
      if (n < -(1n << 63n) || n >= 1n << 63n) decodeFail("Int8", s);
      return n.toString();
    }
    case "Timestamp": {
      const s = String(v);
      if (!/^[+-]?[0-9]+$/.test(s)) decodeFail("Timestamp", s);
      const n = BigInt(s);
      if (n < -(1n << 63n) || n >= 1n << 63n) decodeFail("Timestamp", s);
      return n.toString();
    }
  }
}

/** An id argument or reference value, interpreted per the id type. */
export function decodeId(idType: IdType, v: unknown): QueryValue {
  return decodeScalar(idType, typeof v === "number" ? String(v) : v);
}
