/**
 * `createWithContext` contexts as JSON text, for the data source table. Every value keeps its
 * kind, so a context read back equals the one a handler stored (BigInt, Bytes and BigDecimal
 * included).
 */
import type { Entity, StoreValue } from "../common/values.ts";
import { fromHex, toHex } from "../common/signedBytes.ts";

type Encoded = [kind: StoreValue["kind"], value?: unknown];

function encodeValue(v: StoreValue): Encoded {
  switch (v.kind) {
    case "Null":
      return ["Null"];
    case "String":
    case "Int":
    case "Bool":
      return [v.kind, v.value];
    case "BigInt":
    case "Int8":
    case "Timestamp":
      return [v.kind, v.value.toString()];
    case "BigDecimal":
      return [v.kind, [v.value.digits.toString(), v.value.exp.toString()]];
    case "Bytes":
      return [v.kind, toHex(v.value)];
    case "Array":
      return [v.kind, v.value.map(encodeValue)];
  }
}

function decodeValue([kind, value]: Encoded): StoreValue {
  switch (kind) {
    case "Null":
      return { kind };
    case "String":
      return { kind, value: value as string };
    case "Int":
      return { kind, value: value as number };
    case "Bool":
      return { kind, value: value as boolean };
    case "BigInt":
    case "Int8":
    case "Timestamp":
      return { kind, value: BigInt(value as string) };
    case "BigDecimal": {
      const [digits, exp] = value as [string, string];
      return { kind, value: { digits: BigInt(digits), exp: BigInt(exp) } };
    }
    case "Bytes":
      return { kind, value: fromHex(value as string) };
    case "Array":
      return { kind, value: (value as Encoded[]).map(decodeValue) };
  }
}

export function contextToJson(context: Entity | null): string | null {
  return context === null ? null : JSON.stringify([...context].map(([k, v]) => [k, encodeValue(v)]));
}

export function contextFromJson(text: string | null): Entity | null {
  if (text === null) return null;
  return new Map((JSON.parse(text) as Array<[string, Encoded]>).map(([k, v]) => [k, decodeValue(v)]));
}
