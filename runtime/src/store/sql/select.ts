/**
 * Collection queries to SQL (graph-node `store/postgres/src/relational_queries.rs`): the
 * versions visible at the query block, the `where` filter, ordering with the id as tie-break,
 * then `limit`/`offset`. Children of many parents load in one statement through a lateral
 * join, so `first`/`skip` apply per parent. Interfaces read all implementers in one statement:
 * a `union all` of one branch per table, each sorted and cut to `first + skip` rows by its own
 * indexes, merged, sorted and cut again. The branches share one wide row: a column per stored
 * field (fields of the same name and type share it), null where a table lacks the field. A
 * branch reads columns only for the rows its own limit lets through, and no second round trip
 * fetches them.
 * Embeds (`CollectionQuery.embeds`) put relationships the query selects into the same
 * statement: the page of rows is read first, then each embed is a lateral subquery per row
 * that returns the related rows as JSON, built the same way (and embedding in turn), so a
 * parent, its references and their children come back in one round trip.
 * Every value is a bound parameter; only identifiers from the schema reach the SQL text.
 */
import { concreteTypes, fieldOf, type FieldModel } from "../../schema/model.ts";
import type { ChildrenQuery, CollectionQuery, Embed, Embeds, EntityRow, Filter, Order, QueryValue } from "../query.ts";
import {
  castParam,
  decodeJsonRow,
  decodeRow,
  nullColumn,
  queryValueParam,
  readColumn,
  readColumns,
  storedColumn,
} from "./codec.ts";
import { ident, versionStart, visibleAt, type ColumnLayout, type Layout, type TableLayout } from "./layout.ts";

/** Collects bound parameters and hands out their placeholders. */
export class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

interface Ctx {
  readonly layout: Layout;
  readonly params: Params;
  /** Placeholder of the query block. */
  readonly block: string;
  aliasSeq: number;
}

function newCtx(layout: Layout, block: number): Ctx {
  const params = new Params();
  return { layout, params, block: params.add(block), aliasSeq: 0 };
}

function alias(ctx: Ctx): string {
  return `x${ctx.aliasSeq++}`;
}

/** The tables holding an entity type's or an interface's rows. */
export function tablesFor(layout: Layout, type: string): TableLayout[] {
  return concreteTypes(layout.model, type).map((t) => layout.tables.get(t.name)!);
}

function col(t: TableLayout, a: string, field: string): string {
  const c = t.byField.get(field);
  if (!c) throw new Error(`\`${t.type.name}\` has no stored field \`${field}\``);
  return `${a}.${ident(c.name)}`;
}

function fieldModel(t: TableLayout, field: string): FieldModel {
  const f = fieldOf(t.type, field);
  if (!f) throw new Error(`\`${t.type.name}\` has no field \`${field}\``);
  return f;
}

/** `x` (alias of `target`) is what field `field` of the row `a` of `t` refers to. */
function linkCondition(t: TableLayout, a: string, field: FieldModel, target: TableLayout, x: string): string {
  if (field.derivedFrom === null) {
    return field.isList ? `${x}.id = any(${col(t, a, field.name)})` : `${x}.id = ${col(t, a, field.name)}`;
  }
  return backLink(target, x, field.derivedFrom, `${a}.id`);
}

/** Rows `x` of `target` whose field `g` refers to the id expression `parentId`. */
function backLink(target: TableLayout, x: string, g: string, parentId: string): string {
  if (g === "id") return `${x}.id = ${parentId}`;
  const c = target.byField.get(g);
  if (!c) throw new Error(`\`${target.type.name}\` has no stored field \`${g}\``);
  return c.isList ? `${x}.${ident(c.name)} @> array[${parentId}]` : `${x}.${ident(c.name)} = ${parentId}`;
}

function likePattern(op: string, v: string): string {
  if (op.includes("contains")) return v.startsWith("%") || v.endsWith("%") ? v : `%${v}%`;
  if (op.includes("starts_with")) return `${v}%`;
  return `%${v}`;
}

/** graph-node `QueryFilter`: one `where` object as a condition on row `a` of `t`. */
export function compileFilter(ctx: Ctx, t: TableLayout, a: string, f: Filter): string {
  switch (f.kind) {
    case "and":
      return f.filters.length === 0 ? "true" : `(${f.filters.map((x) => compileFilter(ctx, t, a, x)).join(" and ")})`;
    case "or":
      return f.filters.length === 0 ? "false" : `(${f.filters.map((x) => compileFilter(ctx, t, a, x)).join(" or ")})`;
    case "changeBlock":
      return `${versionStart(t, a)} >= ${ctx.params.add(f.numberGte)}`;
    case "child": {
      const field = fieldModel(t, f.field);
      const parts = tablesFor(ctx.layout, field.baseType).map((target) => {
        const x = alias(ctx);
        const inner = compileFilter(ctx, target, x, f.filter);
        const byId = field.derivedFrom === null;
        return `exists (select 1 from ${target.qualified} ${x} where ${linkCondition(t, a, field, target, x)} and ${visibleAt(target, x, ctx.block, byId)} and ${inner})`;
      });
      return parts.length === 0 ? "false" : `(${parts.join(" or ")})`;
    }
    case "compare":
      return compileCompare(ctx, t, a, f.field, f.op, f.value);
  }
}

function compileCompare(ctx: Ctx, t: TableLayout, a: string, field: string, op: string, value: QueryValue): string {
  const c = t.byField.get(field);
  if (!c) throw new Error(`\`${t.type.name}\` has no stored field \`${field}\``);
  const column = `${a}.${ident(c.name)}`;
  const param = (v: QueryValue, list = c.isList) => castParam(ctx.params.add(queryValueParam(v)), c.sqlType, list);
  if (c.isList) {
    switch (op) {
      case "eq":
        return value === null ? `${column} is null` : `${column} = ${param(value)}`;
      case "not":
        return value === null ? `${column} is not null` : `${column} <> ${param(value)}`;
      case "contains":
        return `${column} @> ${param(value)}`;
      case "not_contains":
        return `not (${column} && ${param(value)})`;
      case "contains_nocase":
      case "not_contains_nocase": {
        const some = `exists (select 1 from unnest(${column}) e, unnest(${param(value)}) p where e ilike p)`;
        return op === "contains_nocase" ? `(${column} is not null and ${some})` : `(${column} is not null and not ${some})`;
      }
    }
    throw new Error(`operator \`${op}\` is not supported on list field \`${field}\``);
  }
  switch (op) {
    case "eq":
      return value === null ? `${column} is null` : `${column} = ${param(value)}`;
    case "not":
      return value === null ? `${column} is not null` : `${column} <> ${param(value)}`;
    case "gt":
      return `${column} > ${param(value)}`;
    case "lt":
      return `${column} < ${param(value)}`;
    case "gte":
      return `${column} >= ${param(value)}`;
    case "lte":
      return `${column} <= ${param(value)}`;
    case "in":
    case "not_in": {
      const list = (value ?? []) as QueryValue[];
      // graph-node: an empty `_in` and an empty `_not_in` both match nothing.
      if (list.length === 0) return "false";
      return op === "in" ? `${column} = any(${param(list, true)})` : `${column} <> all(${param(list, true)})`;
    }
  }
  if (c.sqlType === "bytea") {
    if (op === "contains") return `position(${param(value)} in ${column}) > 0`;
    if (op === "not_contains") return `position(${param(value)} in ${column}) = 0`;
    throw new Error(`operator \`${op}\` is not supported on Bytes field \`${field}\``);
  }
  const negate = op.startsWith("not_");
  const like = op.endsWith("_nocase") ? "ilike" : "like";
  const pattern = castParam(ctx.params.add(likePattern(op, String(value))), "text", false);
  return `${column} ${negate ? "not " : ""}${like} ${pattern}`;
}

interface CompiledOrder {
  /** Extra joins (child ordering). */
  readonly joins: string;
  /** The sort key expression, or null to sort by id alone. */
  readonly key: string | null;
  readonly direction: "asc" | "desc";
  /** Whether the id follows the key (graph-node: always, in the same direction). */
  readonly idTieBreak: boolean;
}

function compileOrder(ctx: Ctx, t: TableLayout, a: string, order: Order): CompiledOrder {
  if (order.kind === "id") return { joins: "", key: null, direction: order.direction, idTieBreak: true };
  if (order.kind === "field") {
    return { joins: "", key: col(t, a, order.field), direction: order.direction, idTieBreak: true };
  }
  const field = fieldModel(t, order.field);
  const o = alias(ctx);
  const branches = tablesFor(ctx.layout, field.baseType).map((target) => {
    const x = alias(ctx);
    const byId = field.derivedFrom === null;
    return `select ${col(target, x, order.childField)} as v from ${target.qualified} ${x} where ${linkCondition(t, a, field, target, x)} and ${visibleAt(target, x, ctx.block, byId)}`;
  });
  const joins = ` left join lateral (${branches.join(" union all ")} limit 1) ${o} on true`;
  return { joins, key: `${o}.v`, direction: order.direction, idTieBreak: true };
}

function orderClause(o: CompiledOrder, idExpr: string, keyExpr = o.key): string {
  const nulls = o.direction === "asc" ? "nulls last" : "nulls first";
  const parts = keyExpr === null ? [] : [`${keyExpr} ${o.direction} ${nulls}`];
  if (keyExpr === null || o.idTieBreak) parts.push(`${idExpr} ${o.direction}`);
  return parts.join(", ");
}

/** A row of a statement's result as an entity of a concrete type. */
export interface DecodedRow {
  readonly typename: string;
  readonly values: Record<string, QueryValue>;
  readonly embedded?: EntityRow["embedded"];
}

/** A statement, its parameters and how to read its rows. */
export interface Statement {
  /** Null when the statement can return nothing (no implementing types). */
  readonly sql: string | null;
  readonly params: unknown[];
  readonly decode: (row: Record<string, unknown>) => DecodedRow;
}

const NOTHING: Statement = { sql: null, params: [], decode: () => ({ typename: "", values: {} }) };

function whereClause(ctx: Ctx, t: TableLayout, a: string, filter: Filter | null, extra: string[] = [], byId = false): string {
  const conds = [...extra, visibleAt(t, a, ctx.block, byId)];
  if (filter) conds.push(compileFilter(ctx, t, a, filter));
  return conds.join(" and ");
}

/** Rows of one table, named after its columns. */
function singleShape(t: TableLayout): Pick<Statement, "decode"> {
  return { decode: (row) => ({ typename: t.type.name, values: decodeRow(t, row) }) };
}

/**
 * The wide row the branches of a union over several tables share: one result column per
 * distinct (name, type) of their stored columns, so a column keeps one SQL type in every
 * branch. Rows say their table in `typename$`.
 */
class WideRow {
  private readonly byKey = new Map<string, { column: ColumnLayout; as: string }>();
  private readonly names = new Map<string, ReadonlyMap<string, string>>();

  constructor(private readonly tables: readonly TableLayout[]) {
    const taken = new Set<string>();
    for (const t of tables) {
      const names = new Map<string, string>();
      for (const c of t.columns) {
        const key = `${c.name} ${c.sqlType}${c.isList ? "[]" : ""}`;
        let out = this.byKey.get(key);
        if (!out) {
          let as = c.name;
          for (let k = 1; taken.has(as); k++) as = `${c.name}$${k}`;
          taken.add(as);
          this.byKey.set(key, (out = { column: c, as }));
        }
        names.set(c.name, out.as);
      }
      this.names.set(t.type.name, names);
    }
  }

  /** The select list of table `t` (alias `a`): its own columns, typed nulls for the others. */
  columns(t: TableLayout, a: string): string {
    const own = this.names.get(t.type.name)!;
    const mine = new Set(own.values());
    return [...this.byKey.values()]
      .map(({ column, as }) => {
        if (!mine.has(as)) return nullColumn(column, as);
        return readColumn(t.columns.find((c) => own.get(c.name) === as)!, a, as);
      })
      .join(", ");
  }

  /** The result column of table `t`'s column `column`. */
  nameOf(t: TableLayout, column: string): string {
    return this.names.get(t.type.name)!.get(column)!;
  }

  decode(row: Record<string, unknown>): DecodedRow {
    const typename = String(row["typename$"]);
    const t = this.tables.find((x) => x.type.name === typename)!;
    return { typename, values: decodeRow(t, row, this.names.get(typename)) };
  }
}

/**
 * One query over several tables: each branch (from `branch`, which gets the table, the
 * typename placeholder and its select list) sorted and limited by itself, then merged.
 */
function unionOf(
  ctx: Ctx,
  tables: readonly TableLayout[],
  q: Pick<CollectionQuery, "order">,
  branch: (t: TableLayout, select: string, order: CompiledOrder) => string,
): { sql: string; wide: WideRow; order: CompiledOrder } {
  const wide = new WideRow(tables);
  let merged: CompiledOrder = { joins: "", key: null, direction: "asc", idTieBreak: true };
  const parts = tables.map((t) => {
    const order = compileOrder(ctx, t, "c", q.order);
    merged = { joins: "", key: order.key === null ? null : `u."ord$"`, direction: order.direction, idTieBreak: true };
    const key = order.key === null ? "" : `, ${order.key} as "ord$"`;
    const select = `${ctx.params.add(t.type.name)}::text as "typename$", c.id as "id$"${key}, ${wide.columns(t, "c")}`;
    return `(${branch(t, select, order)})`;
  });
  return { sql: parts.join(" union all "), wide, order: merged };
}

// --- embeds -----------------------------------------------------------------------------------
// An embedded row becomes JSON through a whole-row reference, `to_json(q$)`: the alias has a `$`
// so that no column (snake_case field names never have one) can shadow it.

/** How an embed's SQL reaches the row it belongs to. */
interface ParentRow {
  /** The stored value of `field` of a row of `t`. */
  column(t: TableLayout, field: string): string;
  /** The row's id, as stored. */
  readonly id: string;
  /** The condition that the row is of table `t`, when rows of several tables share the alias. */
  isType(t: TableLayout): string | null;
}

/** Where an embed's result is and how to read it: its rows' tables and their own embeds. */
interface EmbedReader {
  readonly key: string;
  readonly kind: Embed["kind"];
  /** The result column, or the key in the parent's JSON object. */
  readonly column: string;
  readonly tables: readonly TableLayout[];
  readonly nested: ReadonlyMap<string, readonly EmbedReader[]>;
}

type Readers = Map<string, EmbedReader[]>;

function addReader(readers: Readers, typename: string, r: EmbedReader): void {
  const list = readers.get(typename);
  if (list) list.push(r);
  else readers.set(typename, [r]);
}

/** A parent that is a stored row of one table, alias `a` (embedded rows are). */
function storedRow(a: string): ParentRow {
  return { column: (t, field) => col(t, a, field), id: `${a}.id`, isType: () => null };
}

/**
 * The embeds of rows of `tables` under `parent`: a left lateral join per embed, yielding its
 * JSON in column `j`, and the select-list entries that name it `"<alias>$"`.
 */
function embedJoins(
  ctx: Ctx,
  tables: readonly TableLayout[],
  parent: ParentRow,
  embeds: Embeds,
): { joins: string; columns: string; readers: Readers } {
  let joins = "";
  let columns = "";
  const readers: Readers = new Map();
  for (const t of tables) {
    for (const e of embeds.get(t.type.name) ?? []) {
      const a = alias(ctx);
      const sub = e.kind === "reference" ? referenceJson(ctx, t, parent, e) : childrenJson(ctx, t, parent, e);
      joins += ` left join lateral (${sub.sql}) ${a} on true`;
      columns += `, ${a}.j as "${a}$"`;
      addReader(readers, t.type.name, { key: e.key, kind: e.kind, column: `${a}$`, tables: sub.tables, nested: sub.readers });
    }
  }
  return { joins, columns, readers };
}

/**
 * The select list of an embedded row of table `x` (alias `xa`, a stored row) with its typename
 * when it is one of several tables, its id as `id$` when it is sorted, and its own embeds.
 */
function embeddedRow(ctx: Ctx, x: TableLayout, xa: string, embeds: Embeds, typename: boolean, id: boolean) {
  const nested = embedJoins(ctx, [x], storedRow(xa), embeds);
  const type = typename ? `${ctx.params.add(x.type.name)}::text as "typename$", ` : "";
  const select = `${type}${readColumns(x, xa)}${id ? `, ${xa}.id as "id$"` : ""}${nested.columns}`;
  return { select, joins: nested.joins, readers: nested.readers };
}

function mergeReaders(into: Readers, from: Readers): void {
  for (const [k, v] of from) for (const r of v) addReader(into, k, r);
}

/**
 * A stored single reference: the version of the entity it names visible at the block, found
 * as `byIdsFrom` finds it, as a JSON object (null when there is none). Of an interface, every
 * implementer is asked; should two hold the id, the last one counts, as in `findByIds`.
 */
function referenceJson(ctx: Ctx, t: TableLayout, parent: ParentRow, e: Embed) {
  const field = fieldModel(t, e.field);
  const targets = tablesFor(ctx.layout, field.baseType);
  const readers: Readers = new Map();
  const typeCond = parent.isType(t);
  const b = `${ctx.block}::int4`;
  const branches = targets.map((x, i) => {
    const xa = alias(ctx);
    const link = `${xa}.id = ${parent.column(t, field.name)}${typeCond ? ` and ${typeCond}` : ""}`;
    const row = embeddedRow(ctx, x, xa, e.embeds, targets.length > 1, false);
    mergeReaders(readers, row.readers);
    // The visibility test only reads `xa`, so it filters before the nested joins run.
    const from = x.immutable
      ? `${x.qualified} ${xa}${row.joins} where ${link} and ${visibleAt(x, xa, ctx.block, true)}`
      : `(select * from ${x.qualified} ${xa} where ${link} and lower(${xa}.block_range) <= ${b} order by lower(${xa}.block_range) desc limit 1) ${xa}${row.joins} where ${visibleAt(x, xa, ctx.block, true)}`;
    const json = `to_json(q$) as j from (select ${row.select} from ${from}) q$`;
    return targets.length > 1 ? `(select ${i} as o, ${json})` : `select ${json}`;
  });
  let sql: string;
  if (branches.length === 0) sql = "select null::json as j";
  else if (branches.length === 1) sql = branches[0];
  else sql = `select u.j from (${branches.join(" union all ")}) u order by u.o desc limit 1`;
  return { sql, tables: targets, readers };
}

/**
 * A list or derived field: the children of the parent row with the embed's filter, order and
 * range, as a JSON array in that order (null for none), as `childrenStatement` reads them for
 * one parent.
 */
function childrenJson(ctx: Ctx, t: TableLayout, parent: ParentRow, e: Embed & { kind: "children" }) {
  const field = fieldModel(t, e.field);
  const targets = tablesFor(ctx.layout, field.baseType);
  const readers: Readers = new Map();
  if (targets.length === 0) return { sql: "select '[]'::json as j", tables: targets, readers };
  const typeCond = parent.isType(t);
  // A stored list names the children by id; a derived field finds them by their reference.
  const byId = field.derivedFrom === null;
  const link = (x: TableLayout, xa: string) =>
    field.derivedFrom !== null ? backLink(x, xa, field.derivedFrom, parent.id) : `${xa}.id = any(${parent.column(t, field.name)})`;
  const sortBy = (order: CompiledOrder, a: string) => orderClause(order, `${a}."id$"`, order.key === null ? null : `${a}."ord$"`);
  const first = ctx.params.add(e.first);
  const skip = ctx.params.add(e.skip);
  /** One table's page of children, each with `id$` and `ord$` to sort them again by. */
  const page = (x: TableLayout, xa: string, order: CompiledOrder, limit: string) => {
    const r = embeddedRow(ctx, x, xa, e.embeds, targets.length > 1, true);
    mergeReaders(readers, r.readers);
    const extra = typeCond ? [link(x, xa), typeCond] : [link(x, xa)];
    const where = whereClause(ctx, x, xa, e.filter, extra, byId);
    const rows = `from ${x.qualified} ${xa}${order.joins} where ${where} order by ${orderClause(order, `${xa}.id`)} ${limit}`;
    const key = order.key === null ? "" : `, ${order.key} as "ord$"`;
    if (r.joins === "") return `select ${r.select}${key} ${rows}`;
    // Nested embeds join after the limit, so they run for the page's rows only.
    return `select ${r.select}${order.key === null ? "" : `, ${xa}."ord$"`} from (select ${xa}.*${key} ${rows}) ${xa}${r.joins}`;
  };
  if (targets.length === 1) {
    const x = targets[0];
    const xa = alias(ctx);
    const order = compileOrder(ctx, x, xa, e.order);
    const sql = `select json_agg(q$ order by ${sortBy(order, "q$")}) as j from (${page(x, xa, order, `limit ${first} offset ${skip}`)}) q$`;
    return { sql, tables: targets, readers };
  }
  // As `unionOf`: each implementer's own first `first + skip`, merged, sorted and cut.
  const branchLimit = ctx.params.add(e.first + e.skip);
  let merged: CompiledOrder = { joins: "", key: null, direction: "asc", idTieBreak: true };
  const parts = targets.map((x) => {
    const xa = alias(ctx);
    const order = compileOrder(ctx, x, xa, e.order);
    merged = order;
    const key = order.key === null ? "" : `, q$."ord$"`;
    return `(select to_json(q$) as j, q$."id$"${key} from (${page(x, xa, order, `limit ${branchLimit}`)}) q$)`;
  });
  const sql = `select json_agg(v.j order by ${sortBy(merged, "v")}) as j from (select u.* from (${parts.join(" union all ")}) u order by ${sortBy(merged, "u")} limit ${first} offset ${skip}) v`;
  return { sql, tables: targets, readers };
}

function readJsonRow(r: EmbedReader, obj: Record<string, unknown>): EntityRow {
  const t = r.tables.length === 1 ? r.tables[0] : r.tables.find((x) => x.type.name === obj["typename$"])!;
  return { typename: t.type.name, values: decodeJsonRow(t, obj), embedded: readEmbeds(r.nested.get(t.type.name), obj) };
}

/** The embeds of one row (a result row, or an embedded row's JSON object) by key. */
function readEmbeds(readers: readonly EmbedReader[] | undefined, row: Record<string, unknown>): EntityRow["embedded"] {
  if (!readers) return undefined;
  const out = new Map<string, EntityRow | null | EntityRow[]>();
  for (const r of readers) {
    const v = row[r.column];
    if (r.kind === "reference") out.set(r.key, v === null || v === undefined ? null : readJsonRow(r, v as Record<string, unknown>));
    else out.set(r.key, ((v ?? []) as Record<string, unknown>[]).map((x) => readJsonRow(r, x)));
  }
  return out;
}

function hasEmbeds(embeds: Embeds | undefined, tables: readonly TableLayout[]): embeds is Embeds {
  return !!embeds && tables.some((t) => (embeds.get(t.type.name)?.length ?? 0) > 0);
}

/**
 * `base`, a statement of rows of `tables` with their id as `id$` (and `typename$` when several),
 * with the embeds joined after its own `limit`, so they are read for the returned rows only;
 * `order` restores the base's order. `name` maps a table's column to the base's result column.
 */
function withEmbeds(
  ctx: Ctx,
  tables: readonly TableLayout[],
  base: string,
  decode: Statement["decode"],
  embeds: Embeds,
  order: string | null,
  name: (t: TableLayout, column: string) => string = (_t, c) => c,
): Statement {
  const parent: ParentRow = {
    column: (t, field) => {
      const c = t.byField.get(field);
      if (!c) throw new Error(`\`${t.type.name}\` has no stored field \`${field}\``);
      return storedColumn(c, `r.${ident(name(t, c.name))}`);
    },
    id: `r."id$"`,
    isType: (t) => (tables.length > 1 ? `r."typename$" = ${ctx.params.add(t.type.name)}::text` : null),
  };
  const e = embedJoins(ctx, tables, parent, embeds);
  const sql = `select r.*${e.columns} from (${base}) r${e.joins}${order === null ? "" : ` order by ${order}`}`;
  return { sql, params: ctx.params.values, decode: withReaders(decode, e.readers) };
}

/** `decode`, adding the embeds of each row's type. */
function withReaders(decode: Statement["decode"], readers: Readers): Statement["decode"] {
  return (row) => {
    const d = decode(row);
    return { ...d, embedded: readEmbeds(readers.get(d.typename), row) };
  };
}

/** The base's order over its `ord$` and `id$` columns, for `withEmbeds`. */
function resultOrder(order: CompiledOrder, a = "r"): string {
  return orderClause(order, `${a}."id$"`, order.key === null ? null : `${a}."ord$"`);
}

// --- statements -------------------------------------------------------------------------------

/** The SQL for a top-level collection. */
export function collectionStatement(layout: Layout, q: CollectionQuery): Statement {
  const ctx = newCtx(layout, q.block);
  const tables = tablesFor(layout, q.type);
  const embedding = hasEmbeds(q.embeds, tables);
  const limit = `limit ${ctx.params.add(q.first)} offset ${ctx.params.add(q.skip)}`;
  if (tables.length === 1) {
    const t = tables[0];
    let order: CompiledOrder;
    let sql: string;
    if (q.fulltext) {
      const f = t.fulltexts.find((x) => x.name === q.fulltext!.name);
      if (!f) throw new Error(`\`${t.type.name}\` has no fulltext field \`${q.fulltext.name}\``);
      const doc = `c.${ident(f.column)}`;
      const query = `to_tsquery(${ctx.params.add(f.config)}::text::regconfig, ${ctx.params.add(q.fulltext.text)}::text)`;
      const rank = f.algorithm === "proximityRank" ? "ts_rank_cd" : "ts_rank";
      // graph-node sorts by rank in the default (ascending) direction; kept as it is.
      order = { joins: "", key: `${rank}(${doc}, ${query})`, direction: "asc", idTieBreak: true };
      const extra = embedding ? `, c.id as "id$", ${order.key} as "ord$"` : "";
      sql = `select ${readColumns(t, "c")}${extra} from ${t.qualified} c where ${whereClause(ctx, t, "c", q.filter, [`${doc} @@ ${query}`])} order by ${order.key} asc, c.id asc ${limit}`;
    } else {
      order = compileOrder(ctx, t, "c", q.order);
      const extra = embedding ? `, c.id as "id$"${order.key === null ? "" : `, ${order.key} as "ord$"`}` : "";
      sql = `select ${readColumns(t, "c")}${extra} from ${t.qualified} c${order.joins} where ${whereClause(ctx, t, "c", q.filter)} order by ${orderClause(order, "c.id")} ${limit}`;
    }
    if (embedding) return withEmbeds(ctx, tables, sql, singleShape(t).decode, q.embeds!, resultOrder(order));
    return { sql, params: ctx.params.values, ...singleShape(t) };
  }
  if (tables.length === 0) return NOTHING;
  // Each implementer contributes at most its own first `skip + first` rows, so the database
  // sorts only those (and can use each table's index) instead of every row of every table.
  const branchLimit = ctx.params.add(q.first + q.skip);
  const union = unionOf(ctx, tables, q, (t, select, order) =>
    `select ${select} from ${t.qualified} c${order.joins} where ${whereClause(ctx, t, "c", q.filter)} order by ${orderClause(order, "c.id")} limit ${branchLimit}`,
  );
  const sql = `select u.* from (${union.sql}) u order by ${orderClause(union.order, `u."id$"`)} ${limit}`;
  const decode = (row: Record<string, unknown>) => union.wide.decode(row);
  if (embedding) {
    return withEmbeds(ctx, tables, sql, decode, q.embeds!, resultOrder(union.order), (t, c) => union.wide.nameOf(t, c));
  }
  return { sql, params: ctx.params.values, decode };
}

/** The SQL for the children of many parents, `first`/`skip`/order applied per parent. */
export function childrenStatement(layout: Layout, q: ChildrenQuery): Statement {
  const ctx = newCtx(layout, q.block);
  const tables = tablesFor(layout, q.type);
  const parentId = layout.tables.get(q.parentType)?.id ?? tablesFor(layout, q.parentType)[0]?.id;
  if (tables.length === 0 || !parentId) return NOTHING;
  const embedding = hasEmbeds(q.embeds, tables);
  let source: string;
  const link = q.link;
  if (link.kind === "derived") {
    const ids = [...new Map(link.parentIds.map((v) => [String(queryValueParam(v)), v])).values()];
    source = `unnest(${castParam(ctx.params.add(queryValueParam(ids)), parentId.sqlType, true)}) as p(pk)`;
  } else {
    const childId = tables[0].id;
    const parents = castParam(ctx.params.add(link.pairs.map((x) => queryValueParam(x.parent))), parentId.sqlType, true);
    const children = castParam(ctx.params.add(link.pairs.map((x) => queryValueParam(x.child))), childId.sqlType, true);
    source = `(select x.pk, array_agg(x.cid) as ids from unnest(${parents}, ${children}) as x(pk, cid) group by x.pk) p`;
  }
  // A stored list names the children by id; a derived field finds them by their reference.
  const byId = link.kind === "list";
  const linkTo = (t: TableLayout, a: string) =>
    link.kind === "derived" ? backLink(t, a, link.targetField, "p.pk") : `${a}.id = any(p.ids)`;
  const limit = `limit ${ctx.params.add(q.first)} offset ${ctx.params.add(q.skip)}`;
  if (tables.length === 1) {
    const t = tables[0];
    const order = compileOrder(ctx, t, "c", q.order);
    const extra = embedding ? `, c.id as "id$"${order.key === null ? "" : `, ${order.key} as "ord$"`}` : "";
    const inner = `select ${readColumns(t, "c")}${extra} from ${t.qualified} c${order.joins} where ${whereClause(ctx, t, "c", q.filter, [linkTo(t, "c")], byId)} order by ${orderClause(order, "c.id")} ${limit}`;
    const sql = `select p.pk as "parent$", r.* from ${source} cross join lateral (${inner}) r`;
    if (embedding) return withEmbeds(ctx, tables, sql, singleShape(t).decode, q.embeds!, `r."parent$", ${resultOrder(order)}`);
    return { sql, params: ctx.params.values, ...singleShape(t) };
  }
  const branchLimit = ctx.params.add(q.first + q.skip);
  const union = unionOf(ctx, tables, q, (t, select, order) =>
    `select ${select} from ${t.qualified} c${order.joins} where ${whereClause(ctx, t, "c", q.filter, [linkTo(t, "c")], byId)} order by ${orderClause(order, "c.id")} limit ${branchLimit}`,
  );
  const inner = `select u.* from (${union.sql}) u order by ${orderClause(union.order, `u."id$"`)} ${limit}`;
  const sql = `select p.pk as "parent$", r.* from ${source} cross join lateral (${inner}) r`;
  const decode = (row: Record<string, unknown>) => union.wide.decode(row);
  if (embedding) {
    const order = `r."parent$", ${resultOrder(union.order)}`;
    return withEmbeds(ctx, tables, sql, decode, q.embeds!, order, (t, c) => union.wide.nameOf(t, c));
  }
  return { sql, params: ctx.params.values, decode };
}

/**
 * Rows of table `t` (alias `c`) with the ids `ids` stands for (an array expression, or one
 * value when `one`), visible at the block. A mutable type's versions of one id never overlap,
 * so the visible one, if any, is the one that starts last at or before the block: one step
 * down the `(id, lower(block_range))` index per id, however many versions the id has.
 */
function byIdsFrom(ctx: Ctx, t: TableLayout, ids: string, one: boolean, joins = ""): string {
  const visible = visibleAt(t, "c", ctx.block, true);
  if (t.immutable) return `${t.qualified} c${joins} where c.id ${one ? `= ${ids}` : `= any(${ids})`} and ${visible}`;
  const b = `${ctx.block}::int4`;
  const latest = (id: string) => `select * from ${t.qualified} x where x.id = ${id} and lower(x.block_range) <= ${b} order by lower(x.block_range) desc limit 1`;
  if (one) return `(${latest(ids)}) c${joins} where ${visible}`;
  return `unnest(${ids}) as i(id) cross join lateral (${latest("i.id")}) c${joins} where ${visible}`;
}

/** The SQL reading the entities of a type or interface with the given ids at a block (any order). */
export function byIdsStatement(layout: Layout, type: string, ids: readonly QueryValue[], block: number, embeds?: Embeds): Statement {
  const tables = tablesFor(layout, type);
  if (tables.length === 0 || ids.length === 0) return NOTHING;
  const ctx = newCtx(layout, block);
  const embedding = hasEmbeds(embeds, tables);
  const unique = [...new Map(ids.map((v) => [String(queryValueParam(v)), v])).values()];
  // Implementers of an interface share the id type. A single id (`<type>(id:)`, a reference
  // of one parent) needs no array to unnest.
  const one = unique.length === 1;
  const p = castParam(ctx.params.add(queryValueParam(one ? unique[0] : unique)), tables[0].id.sqlType, !one);
  if (tables.length === 1) {
    const t = tables[0];
    if (embedding) {
      // No order or limit to wait for: the embeds join the rows directly (after the
      // visibility test, which reads the row alone).
      const e = embedJoins(ctx, tables, storedRow("c"), embeds);
      const sql = `select ${readColumns(t, "c")}${e.columns} from ${byIdsFrom(ctx, t, p, one, e.joins)}`;
      return { sql, params: ctx.params.values, decode: withReaders(singleShape(t).decode, e.readers) };
    }
    return { sql: `select ${readColumns(t, "c")} from ${byIdsFrom(ctx, t, p, one)}`, params: ctx.params.values, ...singleShape(t) };
  }
  const id = embedding ? `, c.id as "id$"` : "";
  const wide = new WideRow(tables);
  const branches = tables.map(
    (t) => `(select ${ctx.params.add(t.type.name)}::text as "typename$", ${wide.columns(t, "c")}${id} from ${byIdsFrom(ctx, t, p, one)})`,
  );
  const sql = branches.join(" union all ");
  const decode = (row: Record<string, unknown>) => wide.decode(row);
  if (embedding) return withEmbeds(ctx, tables, sql, decode, embeds!, null, (t, c) => wide.nameOf(t, c));
  return { sql, params: ctx.params.values, decode };
}
