/** Terse builders for store values and entity changes in tests. */
import type { Entity, StoreValue } from "../../src/common/values.ts";
import { fromString } from "../../src/host/bigDecimal.ts";
import type { EntityChange } from "../../src/store/entityCache.ts";

export const str = (value: string): StoreValue => ({ kind: "String", value });
export const int = (value: number): StoreValue => ({ kind: "Int", value });
export const int8 = (value: bigint): StoreValue => ({ kind: "Int8", value });
export const bigInt = (value: bigint): StoreValue => ({ kind: "BigInt", value });
export const bigDec = (value: string): StoreValue => ({ kind: "BigDecimal", value: fromString(value) });
export const bool = (value: boolean): StoreValue => ({ kind: "Bool", value });
export const ts = (value: bigint): StoreValue => ({ kind: "Timestamp", value });
export const bytes = (hex: string): StoreValue => ({ kind: "Bytes", value: Buffer.from(hex.replace(/^0x/, ""), "hex") });
export const list = (...value: StoreValue[]): StoreValue => ({ kind: "Array", value });

/** An entity from field → value pairs; undefined values are left out. */
export function entity(fields: Record<string, StoreValue | undefined>): Entity {
  const e: Entity = new Map();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) e.set(k, v);
  return e;
}

/** An insert (`op` may be changed to update) of `type` with the entity's `id`. */
export function put(type: string, fields: Record<string, StoreValue | undefined>, op: "insert" | "update" = "insert"): EntityChange {
  const e = entity(fields);
  const id = e.get("id")!;
  const idText = id.kind === "Bytes" ? "0x" + Buffer.from(id.value).toString("hex") : String((id as { value: unknown }).value);
  return { op, type, id: idText, entity: e };
}

export function remove(type: string, id: string): EntityChange {
  return { op: "remove", type, id, entity: null };
}
