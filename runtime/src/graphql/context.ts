/** Per-request state shared by the resolvers. */
import type { FieldNode } from "graphql";
import type { IndexingStatus, QueryStore } from "../store/query.ts";
import type { QueryLimits } from "./arguments.ts";
import { Batcher } from "./batch.ts";

export interface RequestContext {
  readonly store: QueryStore;
  readonly limits: QueryLimits;
  /**
   * Taken once per request (from the `StatusCache`), so every field sees the same head;
   * replaced only when a block check reads it again (`freshStatus`).
   */
  status: IndexingStatus;
  /** Reads the status from the store now (see `StatusCache.fresh`). */
  readonly freshStatus: () => Promise<IndexingStatus>;
  readonly batcher: Batcher;
  /** Set when a data field ran at a block at or after the deployment's fatal error. */
  indexingError: boolean;
  /** Set when such a field had `subgraphError: deny`. */
  denied: boolean;
  /** Distinguishes field nodes in batch keys. */
  readonly nodeIds: WeakMap<FieldNode, number>;
}

export function createContext(
  store: QueryStore,
  status: IndexingStatus,
  limits: QueryLimits,
  freshStatus: () => Promise<IndexingStatus> = () => store.status(),
): RequestContext {
  return {
    store,
    limits,
    status,
    freshStatus,
    batcher: new Batcher(),
    indexingError: false,
    denied: false,
    nodeIds: new WeakMap(),
  };
}

export function nodeId(ctx: RequestContext, node: FieldNode): number {
  let id = ctx.nodeIds.get(node);
  if (id === undefined) ctx.nodeIds.set(node, (id = nextNodeId++));
  return id;
}

let nextNodeId = 0;
