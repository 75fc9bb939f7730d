/**
 * What the GraphQL side may ask of a store: the read-only query interface. It speaks entity
 * type and field names of the schema model and `QueryValue`s; how rows are stored is the
 * store's business (graph-node's split between `graphql/src/store/query.rs`, which builds an
 * `EntityQuery`, and the store that runs it).
 */
import type { SchemaModel } from "../schema/model.ts";
import type { QueryValue } from "./sql/codec.ts";

export type { QueryValue };

/** Filter operators, named after graph-node's `where` suffixes (`eq` is the bare field). */
export type FilterOp =
  | "eq"
  | "not"
  | "gt"
  | "lt"
  | "gte"
  | "lte"
  | "in"
  | "not_in"
  | "contains"
  | "contains_nocase"
  | "not_contains"
  | "not_contains_nocase"
  | "starts_with"
  | "starts_with_nocase"
  | "not_starts_with"
  | "not_starts_with_nocase"
  | "ends_with"
  | "ends_with_nocase"
  | "not_ends_with"
  | "not_ends_with_nocase";

/** A parsed `where` object (graph-node `EntityFilter`). Values are already in the field's domain. */
export type Filter =
  | { readonly kind: "and"; readonly filters: readonly Filter[] }
  | { readonly kind: "or"; readonly filters: readonly Filter[] }
  | { readonly kind: "compare"; readonly field: string; readonly op: FilterOp; readonly value: QueryValue }
  | { readonly kind: "child"; readonly field: string; readonly filter: Filter }
  | { readonly kind: "changeBlock"; readonly numberGte: number };

export type OrderDirection = "asc" | "desc";

/** `orderBy`: by id (the default), a scalar field, or a field of a single referenced child. */
export type Order =
  | { readonly kind: "id"; readonly direction: OrderDirection }
  | { readonly kind: "field"; readonly field: string; readonly direction: OrderDirection }
  | {
      readonly kind: "child";
      readonly field: string;
      readonly childField: string;
      readonly direction: OrderDirection;
    };

/** A collection: all entities of an entity type or interface visible at `block`. */
export interface CollectionQuery {
  /** Entity type or interface name. */
  readonly type: string;
  readonly block: number;
  readonly filter: Filter | null;
  readonly order: Order;
  readonly first: number;
  readonly skip: number;
  /**
   * A `@fulltext` query field: only entities whose document matches `text` (tsquery syntax),
   * ordered by rank ascending then id, as graph-node orders them; `order` is then ignored.
   */
  readonly fulltext?: { readonly name: string; readonly text: string };
  /** Relationships of the rows to read in the same statement (see `Embed`). */
  readonly embeds?: Embeds;
}

/**
 * A relationship read together with the rows it belongs to, in their statement, so a parent and
 * what the query selects of it cost one round trip (`graphql/plan.ts` picks them from the
 * selection): `reference`, a stored single reference (the entity it names at the block, or
 * null); `children`, a list or derived field (its entities with their own filter, order and
 * range per parent). The result is `EntityRow.embedded.get(key)`.
 */
export type Embed =
  | { readonly kind: "reference"; readonly key: string; readonly field: string; readonly embeds: Embeds }
  | {
      readonly kind: "children";
      readonly key: string;
      readonly field: string;
      readonly filter: Filter | null;
      readonly order: Order;
      readonly first: number;
      readonly skip: number;
      readonly embeds: Embeds;
    };

/** Embeds by the concrete entity type of the rows they apply to. */
export type Embeds = ReadonlyMap<string, readonly Embed[]>;

/**
 * Children of many parents at once: `first`/`skip`/order apply per parent. `derived`: entities
 * whose `targetField` refers to the parent's id; `list`: the entities a stored id list names.
 */
export type ChildLink =
  | { readonly kind: "derived"; readonly targetField: string; readonly parentIds: readonly QueryValue[] }
  | {
      readonly kind: "list";
      readonly pairs: readonly { readonly parent: QueryValue; readonly child: QueryValue }[];
    };

export interface ChildrenQuery extends CollectionQuery {
  readonly link: ChildLink;
  /** The parent entity type (for the id type of `parentIds`). */
  readonly parentType: string;
}

/** One entity version as read: its concrete type, its stored fields and, for children, its parent. */
export interface EntityRow {
  readonly typename: string;
  readonly values: Readonly<Record<string, QueryValue>>;
  /** `idKey` of the parent, for children queries. */
  readonly parent?: string;
  /** The embeds' results by key: a row or null for a reference, rows for children. */
  readonly embedded?: ReadonlyMap<string, EntityRow | null | readonly EntityRow[]>;
}

/** A block of the chain as the store knows it. Hashes are `0x` + lowercase hex. */
export interface BlockInfo {
  readonly number: number;
  readonly hash: string | null;
  readonly parentHash: string | null;
  /** Seconds since the epoch. */
  readonly timestamp: number | null;
}

/** Where indexing stands (graph-node `subgraphs.subgraph_deployment` and friends). */
export interface IndexingStatus {
  /** Deployment id (`Qm…`, from the hash of schema + manifest + WASM). */
  readonly deployment: string;
  readonly name: string;
  /** Latest indexed block, or null before the first block. */
  readonly latestBlock: BlockInfo | null;
  /** The first block with data (start block). */
  readonly earliestBlock: number;
  /** The chain head as last reported by the indexer, if known. */
  readonly chainHeadBlock: number | null;
  /** Throughput reported by the indexer, if known. */
  readonly eventsPerSecond: number | null;
  /** True once the indexer reached the chain head (or the end of its dataset). */
  readonly synced?: boolean;
  /** A deterministic error that stopped indexing, with the block it happened at. */
  readonly fatalError: {
    readonly message: string;
    readonly block: number;
    readonly handler?: string | null;
    readonly dataSource?: string | null;
  } | null;
}

/** The read side of a deployment's store. */
export interface QueryStore {
  readonly model: SchemaModel;
  status(): Promise<IndexingStatus>;
  /** A block from the chain's block table by hash, or null. */
  blockByHash(hash: Uint8Array): Promise<BlockInfo | null>;
  findEntities(query: CollectionQuery): Promise<EntityRow[]>;
  findChildren(query: ChildrenQuery): Promise<EntityRow[]>;
  /** Entities of a type or interface with the given ids visible at `block` (any order). */
  findByIds(type: string, ids: readonly QueryValue[], block: number, embeds?: Embeds): Promise<EntityRow[]>;
  /**
   * Counts the changes to what `status()` returns that were made through this object (commits,
   * reverts, indexing state), so a reader in the same process may keep a status until it moves.
   */
  readonly statusVersion?: number;
}

/** The canonical text of an id value: strings as they are, bytes as `0x…` hex, numbers in decimal. */
export function idKey(v: QueryValue): string {
  if (v instanceof Uint8Array) {
    let s = "0x";
    for (const x of v) s += x.toString(16).padStart(2, "0");
    return s;
  }
  return String(v);
}
