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
 * Every value is a bound parameter; only identifiers from the schema reach the SQL text.
 */
import { concreteTypes, fieldOf, type FieldModel } from "../../schema/model.ts";
import type { ChildrenQuery, CollectionQuery, Filter, Order, QueryValue } from "../query.ts";
import { castParam, decodeRow, nullColumn, queryValueParam, readColumn, readColumns } from "./codec.ts";
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

/** The SQL for a top-level collection. */
export function collectionStatement(layout: Layout, q: CollectionQuery): Statement {
  const ctx = newCtx(layout, q.block);
  const tables = tablesFor(layout, q.type);
  const limit = `limit ${ctx.params.add(q.first)} offset ${ctx.params.add(q.skip)}`;
  if (tables.length === 1) {
    const t = tables[0];
    if (q.fulltext) {
      const f = t.fulltexts.find((x) => x.name === q.fulltext!.name);
      if (!f) throw new Error(`\`${t.type.name}\` has no fulltext field \`${q.fulltext.name}\``);
      const doc = `c.${ident(f.column)}`;
      const query = `to_tsquery(${ctx.params.add(f.config)}::text::regconfig, ${ctx.params.add(q.fulltext.text)}::text)`;
      const rank = f.algorithm === "proximityRank" ? "ts_rank_cd" : "ts_rank";
      // graph-node sorts by rank in the default (ascending) direction; kept as it is.
      const sql = `select ${readColumns(t, "c")} from ${t.qualified} c where ${whereClause(ctx, t, "c", q.filter, [`${doc} @@ ${query}`])} order by ${rank}(${doc}, ${query}) asc, c.id asc ${limit}`;
      return { sql, params: ctx.params.values, ...singleShape(t) };
    }
    const order = compileOrder(ctx, t, "c", q.order);
    const sql = `select ${readColumns(t, "c")} from ${t.qualified} c${order.joins} where ${whereClause(ctx, t, "c", q.filter)} order by ${orderClause(order, "c.id")} ${limit}`;
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
  return { sql, params: ctx.params.values, decode: (row) => union.wide.decode(row) };
}

/** The SQL for the children of many parents, `first`/`skip`/order applied per parent. */
export function childrenStatement(layout: Layout, q: ChildrenQuery): Statement {
  const ctx = newCtx(layout, q.block);
  const tables = tablesFor(layout, q.type);
  const parentId = layout.tables.get(q.parentType)?.id ?? tablesFor(layout, q.parentType)[0]?.id;
  if (tables.length === 0 || !parentId) return NOTHING;
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
    const inner = `select ${readColumns(t, "c")} from ${t.qualified} c${order.joins} where ${whereClause(ctx, t, "c", q.filter, [linkTo(t, "c")], byId)} order by ${orderClause(order, "c.id")} ${limit}`;
    const sql = `select p.pk as "parent$", r.* from ${source} cross join lateral (${inner}) r`;
    return { sql, params: ctx.params.values, ...singleShape(t) };
  }
  const branchLimit = ctx.params.add(q.first + q.skip);
  const union = unionOf(ctx, tables, q, (t, select, order) =>
    `select ${select} from ${t.qualified} c${order.joins} where ${whereClause(ctx, t, "c", q.filter, [linkTo(t, "c")], byId)} order by ${orderClause(order, "c.id")} limit ${branchLimit}`,
  );
  const inner = `select u.* from (${union.sql}) u order by ${orderClause(union.order, `u."id$"`)} ${limit}`;
  const sql = `select p.pk as "parent$", r.* from ${source} cross join lateral (${inner}) r`;
  return { sql, params: ctx.params.values, decode: (row) => union.wide.decode(row) };
}

/**
 * Rows of table `t` (alias `c`) whose id is in the array expression `ids`, visible at the block. A
 * mutable type's versions of one id never overlap, so the visible one, if any, is the one
 * that starts last at or before the block: one step down the `(id, lower(block_range))`
 * index per id, however many versions the id has.
 */
function byIdsFrom(ctx: Ctx, t: TableLayout, ids: string): string {
  if (t.immutable) return `${t.qualified} c where c.id = any(${ids}) and ${visibleAt(t, "c", ctx.block, true)}`;
  const b = `${ctx.block}::int4`;
  const latest = `select * from ${t.qualified} x where x.id = i.id and lower(x.block_range) <= ${b} order by lower(x.block_range) desc limit 1`;
  return `unnest(${ids}) as i(id) cross join lateral (${latest}) c where ${visibleAt(t, "c", ctx.block, true)}`;
}

/** The SQL reading the entities of a type or interface with the given ids at a block (any order). */
export function byIdsStatement(layout: Layout, type: string, ids: readonly QueryValue[], block: number): Statement {
  const tables = tablesFor(layout, type);
  if (tables.length === 0 || ids.length === 0) return NOTHING;
  const ctx = newCtx(layout, block);
  const unique = [...new Map(ids.map((v) => [String(queryValueParam(v)), v])).values()];
  // Implementers of an interface share the id type.
  const p = castParam(ctx.params.add(queryValueParam(unique)), tables[0].id.sqlType, true);
  if (tables.length === 1) {
    const t = tables[0];
    return { sql: `select ${readColumns(t, "c")} from ${byIdsFrom(ctx, t, p)}`, params: ctx.params.values, ...singleShape(t) };
  }
  const wide = new WideRow(tables);
  const branches = tables.map(
    (t) => `(select ${ctx.params.add(t.type.name)}::text as "typename$", ${wide.columns(t, "c")} from ${byIdsFrom(ctx, t, p)})`,
  );
  return { sql: branches.join(" union all "), params: ctx.params.values, decode: (row) => wide.decode(row) };
}
