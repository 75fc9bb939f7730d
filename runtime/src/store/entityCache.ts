/**
 * graph-node's per-block entity cache (graph-node `graph/src/components/store/entity_cache.rs`,
 * driven the way `runtime/wasm/src/host_exports.rs` drives it).
 *
 * Reads see three layers: the committed store (an `EntityReader`), the changes of the current
 * block, and the changes of the running handler. A handler's changes join the block only when it
 * succeeds (`commitHandler`); `discardHandler` drops them. At the end of the block
 * `takeBlockChanges` turns the block's changes into the minimal list of writes.
 *
 * Changes are kept per entity as graph-node's `EntityOp`: `update` (a partial entity merged into
 * whatever exists; NULL values remove attributes), `remove`, and `overwrite` (a remove followed
 * by updates: the old entity no longer matters).
 */
import { DeterministicError } from "../common/errors.ts";
import type { Entity, StoreValue } from "../common/values.ts";
import {
  concreteTypes,
  fieldOf,
  type AggregationModel,
  type EntityTypeModel,
  type SchemaModel,
} from "../schema/model.ts";
import {
  checkIdAttribute,
  checkUndefinedFields,
  compareEntityIds,
  compareUtf8,
  entitiesEqual,
  entityIdEqualsValue,
  entityIdToString,
  lookupStoreType,
  parseEntityId,
  resolveEntityType,
  sortedEntity,
  validateChanges,
  validateEntity,
  type EntityId,
} from "./validation.ts";

// ---------------------------------------------------------------------------------------------
// The committed store

/**
 * Read access to committed entities. Ids are canonical id strings: String ids as they are,
 * Bytes ids as `0x` + lowercase hex, Int8 ids in decimal (what `entityIdToString` produces).
 * Entities are returned as stored (no NULL values); callers must not modify them.
 */
export interface EntityReader {
  get(type: string, id: string): Entity | null;
  /**
   * All entities of `type` whose attribute `field` refers to `id`: a single value equal to it,
   * or a list containing it. `field` may be `id` itself. Any order.
   */
  findRelated(type: string, field: string, id: string): Entity[];
}

/** One write of a finished block. `entity` is the complete new version, without NULL values. */
export type EntityChange =
  | { readonly op: "insert" | "update"; readonly type: string; readonly id: string; readonly entity: Entity }
  | { readonly op: "remove"; readonly type: string; readonly id: string; readonly entity: null };

export interface MemoryEntityStore extends EntityReader {
  /** Apply the changes of a block, in order. */
  apply(changes: readonly EntityChange[]): void;
  /** Store an entity directly (seeding, tests). `id` must be canonical. */
  put(type: string, id: string, entity: Entity): void;
  /** Entities of a type in insertion order. */
  entities(type: string): Entity[];
  count(type: string): number;
  clear(): void;
}

/** An `EntityReader` over maps, for tests and for runs that keep everything in memory. */
export function createMemoryEntityStore(): MemoryEntityStore {
  const data = new Map<string, Map<string, Entity>>();
  const table = (type: string) => {
    let t = data.get(type);
    if (!t) data.set(type, (t = new Map()));
    return t;
  };
  return {
    get(type, id) {
      const e = data.get(type)?.get(id);
      return e ? new Map(e) : null;
    },
    findRelated(type, field, id) {
      const out: Entity[] = [];
      for (const e of data.get(type)?.values() ?? []) {
        const v = e.get(field);
        if (v !== undefined && refersTo(v, id)) out.push(new Map(e));
      }
      return out;
    },
    apply(changes) {
      for (const c of changes) {
        if (c.op === "remove") data.get(c.type)?.delete(c.id);
        else table(c.type).set(c.id, new Map(c.entity));
      }
    },
    put(type, id, entity) {
      table(type).set(id, new Map(entity));
    },
    entities(type) {
      return [...(data.get(type)?.values() ?? [])].map((e) => new Map(e));
    },
    count(type) {
      return data.get(type)?.size ?? 0;
    },
    clear() {
      data.clear();
    },
  };
}

function refersTo(v: StoreValue, id: string): boolean {
  if (v.kind === "Array") return v.value.some((x) => refersTo(x, id));
  const key = idKeyOfValue(v);
  return key !== null && key === id;
}

/** The canonical id string of an id-like value, or null for other kinds. */
function idKeyOfValue(v: StoreValue): string | null {
  const id = entityIdOfValue(v);
  return id ? entityIdToString(id) : null;
}

function entityIdOfValue(v: StoreValue | undefined): EntityId | null {
  if (v?.kind === "String" || v?.kind === "Bytes" || v?.kind === "Int8") {
    return v as EntityId;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Pending operations (graph-node `EntityOp`)

type EntityOp =
  | { readonly kind: "remove" }
  | { readonly kind: "update"; readonly data: Entity }
  | { readonly kind: "overwrite"; readonly data: Entity };

interface Slot {
  readonly type: EntityTypeModel;
  readonly id: EntityId;
  op: EntityOp;
}

/** `EntityOp::apply_to`: the entity after `op`, given the entity before it. */
function applyOp(op: EntityOp | undefined, entity: Entity | null): Entity | null {
  if (!op) return entity;
  switch (op.kind) {
    case "remove":
      return null;
    case "overwrite":
      return new Map(op.data);
    case "update":
      return entity === null ? new Map(op.data) : mergeRemoveNulls(entity, op.data);
  }
}

/** `EntityOp::accumulate`: the single op equivalent to `current` followed by `next`. */
function accumulate(current: EntityOp, next: EntityOp): EntityOp {
  if (next.kind !== "update") return next;
  if (current.kind === "remove") return { kind: "overwrite", data: new Map(next.data) };
  // NULLs stay in the accumulated update so they still remove attributes when it is applied.
  // An op's data belongs to its slot alone (`applyOp` copies it), so it grows in place.
  const data = current.data;
  for (const [k, v] of next.data) data.set(k, v);
  return current;
}

function mergeRemoveNulls(entity: Entity, update: Entity): Entity {
  const out = new Map(entity);
  for (const [k, v] of update) {
    if (v.kind === "Null") out.delete(k);
    else out.set(k, v);
  }
  return out;
}

function hasNull(entity: Entity): boolean {
  for (const v of entity.values()) if (v.kind === "Null") return true;
  return false;
}

function withoutNulls(entity: Entity): Entity {
  const out: Entity = new Map();
  for (const [k, v] of entity) if (v.kind !== "Null") out.set(k, v);
  return out;
}

// ---------------------------------------------------------------------------------------------
// The cache

/** The block being processed; needed for generated ids and timeseries timestamps. */
export interface BlockContext {
  readonly number: number;
  /** Block timestamp in seconds since the epoch (as in the block header). */
  readonly timestamp: bigint;
}

export interface EntityCacheOptions {
  /** The data source's mapping apiVersion ("0.0.9"); undefined fields are errors from 0.0.8. */
  apiVersion: string;
  /** Deployment id, only used in graph-node's message for a name that is not a type. */
  deploymentId?: string;
}

/**
 * The entity store as one block's handlers see it. Method names and shapes match what the
 * `store.*` host functions need: type names and id strings as the mapping passes them.
 * All methods throw `DeterministicError` for what graph-node reports as a handler failure.
 */
export class EntityCache {
  readonly schema: SchemaModel;
  readonly base: EntityReader;
  private readonly apiVersion: string;
  private readonly deploymentId: string;
  /** Changes of the block so far, by slot key (type + canonical id). */
  private blockOps = new Map<string, Slot>();
  /** Changes of the running handler, or null outside a handler. */
  private handlerOps: Map<string, Slot> | null = null;
  /** Committed entities read during this block (graph-node's `current`). */
  private readCache = new Map<string, Entity | null>();
  /**
   * What `get` returned for each slot, until the slot changes. Handlers load the same entities
   * many times between changes; the same object each time also lets the host reuse what it
   * built from it (`asc/entityImage.ts`).
   */
  private views = new Map<string, Entity | null>();
  private blockCtx: BlockContext | null = null;
  /** Sequence for generated ids; like graph-node's, it is not rolled back with a handler. */
  private idSeq = 0;
  private handlerIdSeq = 0;

  constructor(schema: SchemaModel, base: EntityReader, options: EntityCacheOptions) {
    this.schema = schema;
    this.base = base;
    this.apiVersion = options.apiVersion;
    this.deploymentId = options.deploymentId ?? "";
  }

  // --- block and handler lifecycle ------------------------------------------------------------

  /**
   * Start processing `block`. The previous block's changes must have been taken. Only needed
   * for generated ids (`"auto"`, timeseries) and timeseries timestamps.
   */
  startBlock(block: BlockContext): void {
    if (this.handlerOps) throw new Error("startBlock: a handler is still running");
    if (this.blockOps.size > 0) {
      throw new Error("startBlock: the previous block's changes have not been taken");
    }
    this.blockCtx = block;
    this.idSeq = 0;
    this.readCache.clear();
    this.views.clear();
  }

  get currentBlock(): BlockContext | null {
    return this.blockCtx;
  }

  get inHandler(): boolean {
    return this.handlerOps !== null;
  }

  beginHandler(): void {
    if (this.handlerOps) throw new Error("beginHandler: a handler is already running");
    this.handlerOps = new Map();
    this.handlerIdSeq = this.idSeq;
  }

  /** Keep the handler's changes: they become part of the block. Returns how many entities it changed. */
  commitHandler(): number {
    const ops = this.requireHandler("commitHandler");
    this.handlerOps = null;
    // What `get` sees is unchanged: the handler's changes only move to the block.
    for (const [key, slot] of ops) this.record(this.blockOps, key, slot.type, slot.id, slot.op, false);
    return ops.size;
  }

  /** Forget everything the handler wrote (it failed). */
  discardHandler(): void {
    this.requireHandler("discardHandler");
    this.handlerOps = null;
    this.views.clear();
    // A handler run again (after chain or store data was fetched) must generate the same ids.
    this.idSeq = this.handlerIdSeq;
  }

  /** Forget the block's changes (it failed). */
  discardBlock(): void {
    this.handlerOps = null;
    this.blockOps = new Map();
    this.readCache.clear();
    this.views.clear();
    this.blockCtx = null;
  }

  /** Entities the block wrote whose committed version has not been read yet. */
  unreadKeys(): Array<{ type: string; id: string }> {
    const keys: Array<{ type: string; id: string }> = [];
    for (const [key, slot] of this.blockOps) {
      if (!this.readCache.has(key)) keys.push({ type: slot.type.name, id: entityIdToString(slot.id) });
    }
    return keys;
  }

  private requireHandler(what: string): Map<string, Slot> {
    if (!this.handlerOps) throw new Error(`${what}: no handler is running`);
    return this.handlerOps;
  }

  /** True if the block has changes not yet taken (handler changes not counted). */
  get hasBlockChanges(): boolean {
    return this.blockOps.size > 0;
  }

  // --- store.* --------------------------------------------------------------------------------

  /**
   * `store.set`: merge `data` into the entity (absent attributes keep their values, NULL
   * removes them), then validate the result. A failing call changes nothing.
   */
  set(typeName: string, id: string, data: Entity): void {
    const type = resolveEntityType(this.schema, typeName, "set", this.deploymentId);
    let entityData: Entity = data;
    let idString = id;
    if (id === "auto" || type.timeseries) {
      const generated = this.generateId(type);
      entityData = new Map(entityData);
      entityData.set("id", generated);
      idString = entityIdToString(generated as EntityId);
    }
    const key = parseEntityId(type.idType, idString);
    if (type.timeseries) {
      entityData = new Map(entityData);
      entityData.set("timestamp", { kind: "Timestamp", value: this.requireBlock().timestamp * 1_000_000n });
    }
    entityData = checkIdAttribute(type, key, entityData);
    entityData = checkUndefinedFields(type, entityData, this.apiVersion);

    const op: EntityOp = { kind: "update", data: entityData };
    const slot = slotKey(type.name, key);
    const view = this.view(type, key, slot);
    const merged = applyOp(op, view)!;
    // What `get` returns was valid when it was stored or set: only new values need checks.
    validateEntity(this.schema, type, key, merged, view);

    if (type.immutable && !type.skipDuplicates && this.committed(type, key) !== null) {
      throw immutableExists(type, key, this.blockCtx);
    }
    this.record(this.handlerOps ?? this.blockOps, slot, type, key, op);
    // What `get` now sees is what was just validated.
    this.views.set(slot, sortedEntity(merged));
  }

  /**
   * `set(typeName, id, base + changes)`, for `base` an entity `get` returned. While `base` is
   * still the entity's current version (the usual load, modify, save), only the changed
   * attributes are checked and merged, with the same outcome and errors as `set`; returns the
   * new version `get` returns from now on. Otherwise it is `set`, and returns null.
   */
  setChanges(typeName: string, id: string, base: Entity, changes: Entity): Entity | null {
    const type = resolveEntityType(this.schema, typeName, "set", this.deploymentId);
    const key = id === "auto" || type.timeseries ? null : parseEntityId(type.idType, id);
    const slot = key && slotKey(type.name, key);
    if (key === null || this.views.get(slot!) !== base) {
      const data = new Map(base);
      for (const [k, v] of changes) data.set(k, v);
      this.set(typeName, id, data);
      return null;
    }
    // `base` is this slot's current version, so its id is `key` and its other values are valid.
    let data = changes.has("id") ? checkIdAttribute(type, key, changes) : changes;
    data = checkUndefinedFields(type, data, this.apiVersion);
    let addsAttributes = false;
    for (const k of data.keys()) if (!base.has(k)) addsAttributes = true;
    const merged = mergeRemoveNulls(base, data);
    validateChanges(this.schema, type, key, merged, base, data);
    if (type.immutable && !type.skipDuplicates && this.committed(type, key) !== null) {
      throw immutableExists(type, key, this.blockCtx);
    }
    this.record(this.handlerOps ?? this.blockOps, slot!, type, key, { kind: "update", data });
    // Removing attributes keeps the others in order; only new ones can need sorting.
    const next = addsAttributes ? sortedEntity(merged) : merged;
    this.views.set(slot!, next);
    return next;
  }

  /**
   * `store.get`: the current version (store, then block, then handler changes), or null. The
   * same object is returned until the entity changes; callers must not modify it.
   */
  get(typeName: string, id: string): Entity | null {
    const type = resolveEntityType(this.schema, typeName, "get", this.deploymentId);
    const key = parseEntityId(type.idType, id);
    return this.view(type, key, slotKey(type.name, key));
  }

  /** The entity as `get` returns it, computed once per version. */
  private view(type: EntityTypeModel, id: EntityId, slot: string): Entity | null {
    let view = this.views.get(slot);
    if (view === undefined) {
      const entity = this.lookup(type, id, true);
      view = entity && sortedEntity(entity);
      this.views.set(slot, view);
    }
    return view;
  }

  /**
   * `store.get_in_block`: only what this block wrote. For an entity updated partially in this
   * block, just the attributes written in it; null for entities only in the store or removed.
   */
  getInBlock(typeName: string, id: string): Entity | null {
    const type = resolveEntityType(this.schema, typeName, "get", this.deploymentId);
    const entity = this.lookup(type, parseEntityId(type.idType, id), false);
    return entity && sortedEntity(entity);
  }

  /** `store.remove`: removing an entity that does not exist is a no-op. */
  remove(typeName: string, id: string): void {
    const type = resolveEntityType(this.schema, typeName, "remove", this.deploymentId);
    const key = parseEntityId(type.idType, id);
    // graph-node's database layer refuses to delete immutable entities; skipDuplicates types
    // ignore the removal when the block is written.
    if (type.immutable && !type.skipDuplicates && this.committed(type, key) !== null) {
      throw new DeterministicError(
        `entities of type \`${type.name}\` can not be deleted since they are immutable. Entity ids are [${entityIdToString(key)}]`,
      );
    }
    this.record(this.handlerOps ?? this.blockOps, slotKey(type.name, key), type, key, { kind: "remove" });
  }

  /**
   * `store.loadRelated`: the entities a `@derivedFrom` field of `typeName` stands for, in their
   * current state, sorted by type and id as graph-node returns them.
   */
  loadRelated(typeName: string, id: string, field: string): Entity[] {
    const ref = lookupStoreType(this.schema, typeName, this.deploymentId);
    const key = parseEntityId(ref.idType, id);
    const fail = (what: string) =>
      new DeterministicError(`Entity ${typeName}[${entityIdToString(key)}]: ${what} \`${field}\``);
    // graph-node looks the field up among the object type definitions of the document, so
    // interfaces and the per-interval aggregation types are unknown here.
    let owner: EntityTypeModel | AggregationModel;
    if (ref.kind === "entity") owner = ref.type;
    else if (ref.kind === "aggregation" && ref.type.name === typeName) owner = ref.type;
    else throw fail("unknown entity type");
    const derived = fieldOf(owner, field);
    if (!derived) throw fail("unknown field");
    if (derived.derivedFrom === null) throw fail("field is not derived");
    const targetField = derived.derivedFrom;
    // For an interface-typed derived field the entities may be of any implementing type.
    const targets = concreteTypes(this.schema, derived.baseType);
    if (targets.length === 0 && this.schema.types.get(derived.baseType)?.kind !== "interface") {
      throw fail("unknown entity type");
    }
    if (targets.some((t) => !fieldOf(t, targetField))) throw fail("unknown field");

    const found: { type: EntityTypeModel; id: EntityId; entity: Entity }[] = [];
    for (const target of targets) {
      // Candidates: what matched in the store, plus everything this block touched.
      const candidates = new Map<string, { id: EntityId; stored: Entity | null | undefined }>();
      for (const e of this.base.findRelated(target.name, targetField, entityIdToString(key))) {
        const eid = entityIdOfValue(e.get("id"));
        if (eid) candidates.set(slotKey(target.name, eid), { id: eid, stored: e });
      }
      for (const ops of [this.blockOps, this.handlerOps]) {
        for (const [k, slot] of ops ?? []) {
          if (slot.type === target && !candidates.has(k)) {
            candidates.set(k, { id: slot.id, stored: undefined });
          }
        }
      }
      for (const [k, c] of candidates) {
        let entity = c.stored === undefined ? this.committed(target, c.id) : c.stored;
        entity = applyOp(this.blockOps.get(k)?.op, entity);
        entity = applyOp(this.handlerOps?.get(k)?.op, entity);
        if (entity && pointsAt(entity.get(targetField), key)) {
          found.push({ type: target, id: c.id, entity });
        }
      }
    }
    found.sort((a, b) => compareUtf8(a.type.name, b.type.name) || compareEntityIds(a.id, b.id));
    return found.map((f) => sortedEntity(f.entity));
  }

  // --- end of block ---------------------------------------------------------------------------

  /**
   * The block's writes, one per changed entity, sorted by type and id; unchanged entities and
   * removals of entities that never existed are left out. Clears the block; the caller must
   * apply the changes to the store behind `base` before the next block reads it.
   */
  takeBlockChanges(): EntityChange[] {
    if (this.handlerOps) throw new Error("takeBlockChanges: a handler is still running");
    const slots = [...this.blockOps.values()].sort(
      (a, b) => compareUtf8(a.type.name, b.type.name) || compareEntityIds(a.id, b.id),
    );
    const changes: EntityChange[] = [];
    for (const { type, id, op } of slots) {
      const current = this.committed(type, id);
      const idString = entityIdToString(id);
      // A skipDuplicates type keeps the first version of an entity; later writes are dropped.
      if (current !== null && type.skipDuplicates) continue;
      if (op.kind === "remove") {
        if (current !== null) changes.push({ op: "remove", type: type.name, id: idString, entity: null });
        continue;
      }
      // What `get` returns now is the new version, sorted; kept as the stored version (when
      // it holds no NULL), it is the object the next block's handlers load, and what the host
      // laid out for it can be used again.
      const view = this.views.get(slotKey(type.name, id));
      const next = view && !hasNull(view) ? view : sortedEntity(withoutNulls(current === null ? op.data : applyOp(op, current)!));
      if (current === null) {
        changes.push({ op: "insert", type: type.name, id: idString, entity: next });
      } else if (!entitiesEqual(current, next)) {
        changes.push({ op: "update", type: type.name, id: idString, entity: next });
      }
    }
    this.blockOps = new Map();
    this.readCache.clear();
    this.views.clear();
    this.blockCtx = null;
    return changes;
  }

  // --- internals ------------------------------------------------------------------------------

  private record(ops: Map<string, Slot>, key: string, type: EntityTypeModel, id: EntityId, op: EntityOp, changesView = true): void {
    if (changesView) this.views.delete(key);
    const slot = ops.get(key);
    if (slot) slot.op = accumulate(slot.op, op);
    else ops.set(key, { type, id, op });
  }

  /** The entity after the block's and the handler's changes, from the store or from nothing. */
  private lookup(type: EntityTypeModel, id: EntityId, fromStore: boolean): Entity | null {
    const key = slotKey(type.name, id);
    let entity = fromStore ? this.committed(type, id) : null;
    entity = applyOp(this.blockOps.get(key)?.op, entity);
    entity = applyOp(this.handlerOps?.get(key)?.op, entity);
    return entity;
  }

  /** The committed version, read once per block. */
  private committed(type: EntityTypeModel, id: EntityId): Entity | null {
    const key = slotKey(type.name, id);
    if (!this.readCache.has(key)) {
      this.readCache.set(key, this.base.get(type.name, entityIdToString(id)));
    }
    return this.readCache.get(key)!;
  }

  private requireBlock(): BlockContext {
    if (!this.blockCtx) {
      throw new Error("generated ids and timeseries timestamps need the current block: call startBlock first");
    }
    return this.blockCtx;
  }

  /** graph-node `IdType::generate_id`: block number in the high 32 bits, a sequence below. */
  private generateId(type: EntityTypeModel): StoreValue {
    const block = this.requireBlock().number;
    const seq = this.idSeq++;
    switch (type.idType) {
      case "String":
        throw new DeterministicError("String does not support generating ids");
      case "Bytes": {
        const bytes = new Uint8Array(8);
        const view = new DataView(bytes.buffer);
        view.setInt32(0, block);
        view.setUint32(4, seq);
        return { kind: "Bytes", value: bytes };
      }
      case "Int8":
        return { kind: "Int8", value: (BigInt(block) << 32n) + BigInt(seq) };
    }
  }
}

function immutableExists(type: EntityTypeModel, id: EntityId, block: BlockContext | null): DeterministicError {
  const at = block ? ` at block ${block.number}` : "";
  return new DeterministicError(
    `entity ${type.name}[${entityIdToString(id)}] is immutable; inserting it${at} is not possible as it already exists from an earlier block`,
  );
}

function slotKey(type: string, id: EntityId): string {
  return `${type}\u0000${id.kind}\u0000${entityIdToString(id)}`;
}

function pointsAt(v: StoreValue | undefined, id: EntityId): boolean {
  if (v === undefined) return false;
  if (v.kind === "Array") return v.value.some((x) => entityIdEqualsValue(id, x));
  return entityIdEqualsValue(id, v);
}
