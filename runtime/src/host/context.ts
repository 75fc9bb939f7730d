import type { SmartContractCall } from "../asc/values.ts";
import type { Entity, EthValue, JsonValue } from "../common/values.ts";

/** Log levels of graph-ts `log.Level` (0 critical … 4 debug); Matchstick adds 5 success, 6 plain. */
export const LogLevel = {
  Critical: 0,
  Error: 1,
  Warning: 2,
  Info: 3,
  Debug: 4,
  Success: 5,
  Plain: 6,
} as const;

/** Entity access for one running handler (graph-node semantics or Matchstick's). */
export type HostStore = {
  get(entityType: string, id: string): Entity | null;
  getInBlock(entityType: string, id: string): Entity | null;
  set(entityType: string, id: string, data: Entity): void;
  /**
   * `set(entityType, id, data)` where `data` is `base`, an entity the host gave the mapping
   * (usually what `get` returned), with the attributes in `changes` set on it. Optional: a store
   * that has it can check only what changed. Returns what `get` returns from now on when that
   * is `base` with `changes` set on it, else null.
   */
  setChanges?(entityType: string, id: string, base: Entity, changes: Entity): Entity | null;
  remove(entityType: string, id: string): void;
  loadRelated(entityType: string, id: string, field: string): Entity[];
};

/**
 * Everything host functions need from the outside world. The import table is the same in
 * every mode; the indexer and the test runner differ only in the context they supply.
 */
export type HostContext = {
  /** The manifest's mapping apiVersion, e.g. "0.0.9"; some layouts and checks depend on it. */
  apiVersion: string;
  store: HostStore;
  ethereum: {
    call(call: SmartContractCall): EthValue[] | null;
    getBalance(address: Uint8Array): bigint;
    hasCode(address: Uint8Array): boolean;
  };
  dataSource: {
    address(): Uint8Array;
    network(): string;
    context(): Entity;
    create(templateName: string, params: string[], context: Entity | null): void;
  };
  ipfs: {
    cat(hash: string): Uint8Array | null;
    /** The values ipfs.map feeds to its callback, one fresh instance each. */
    mapValues(hash: string, flags: string[]): JsonValue[];
  };
  ens: { nameByHash(hash: string): string | null };
  log(level: number, message: string): void;
};

/** Compares dotted versions such as "0.0.7" and "0.0.10". */
export function apiVersionAtLeast(apiVersion: string, minimum: string): boolean {
  const a = apiVersion.split(".").map(Number);
  const b = minimum.split(".").map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d > 0;
  }
  return true;
}
