import type { Entity, StoreValue } from "../common/values.ts";
import type { EntityChange, EntityReader } from "../store/entityCache.ts";
import { entityIdToString, type EntityId } from "../store/validation.ts";

/**
 * The store as later blocks of a batch must see it: the committed entities with the changes of
 * the blocks processed but not yet written on top.
 */
export class PendingReader implements EntityReader {
  private readonly pending = new Map<string, Map<string, Entity | null>>();
  private size = 0;

  constructor(private readonly base: EntityReader) {}

  get changeCount(): number {
    return this.size;
  }

  apply(changes: readonly EntityChange[]): void {
    for (const c of changes) {
      let table = this.pending.get(c.type);
      if (!table) this.pending.set(c.type, (table = new Map()));
      table.set(c.id, c.op === "remove" ? null : c.entity);
      this.size++;
    }
  }

  clear(): void {
    this.pending.clear();
    this.size = 0;
  }

  get(type: string, id: string): Entity | null {
    const table = this.pending.get(type);
    if (table?.has(id)) return table.get(id)!;
    return this.base.get(type, id);
  }

  findRelated(type: string, field: string, id: string): Entity[] {
    const table = this.pending.get(type);
    const stored = this.base.findRelated(type, field, id);
    if (!table) return stored;
    const out = stored.filter((e) => !table.has(idOf(e)));
    for (const entity of table.values()) {
      const value = entity?.get(field);
      if (value !== undefined && refersTo(value, id)) out.push(entity!);
    }
    return out;
  }
}

function idOf(entity: Entity): string {
  const id = entity.get("id");
  return id === undefined ? "" : (canonicalId(id) ?? "");
}

function canonicalId(v: StoreValue): string | null {
  return v.kind === "String" || v.kind === "Bytes" || v.kind === "Int8" ? entityIdToString(v as EntityId) : null;
}

function refersTo(v: StoreValue, id: string): boolean {
  if (v.kind === "Array") return v.value.some((x) => refersTo(x, id));
  return canonicalId(v) === id;
}
