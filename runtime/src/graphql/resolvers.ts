/**
 * Resolvers: top-level fields resolve their block and run one store query, which also reads
 * the relationships their selection embeds (`plan.ts`); a relationship field takes its
 * embedded result, or else loads through the `Batcher`, one store query per field and level
 * (graph-node `graphql/src/store/resolver.rs` and `prefetch.rs`). Entities reach graphql-js
 * as plain objects of their stored fields, so scalar fields need no resolver.
 */
import type { GraphQLFieldResolver, GraphQLResolveInfo } from "graphql";
import type { EntityTypeModel, FieldModel, SchemaModel } from "../schema/model.ts";
import { idKey, type EntityRow, type QueryValue } from "../store/query.ts";
import { parseOrder, parseRange, parseWhere, type FieldOwner } from "./arguments.ts";
import { resolveBlock, type ResolvedBlock } from "./blocks.ts";
import { nodeId, type RequestContext } from "./context.ts";
import { QueryError } from "./errors.ts";
import { embedKey, planEmbeds } from "./plan.ts";
import { decodeId } from "./values.ts";

/** The row behind a source object. */
export const ROW = Symbol("row");
/** The block the source object was read at; nested fields read at the same block. */
export const BLOCK = Symbol("block");
/** The relationships read with the row (`EntityRow.embedded`), by `embedKey`. */
const EMBEDDED = Symbol("embedded");

interface Source {
  [ROW]: EntityRow;
  [BLOCK]: number;
  [EMBEDDED]: EntityRow["embedded"];
  [field: string]: unknown;
}

type Args = Record<string, unknown>;
type Resolver = GraphQLFieldResolver<unknown, RequestContext, Args>;

/**
 * The row's own values object becomes the source, marked with the row, block and embeds: no
 * copy per row (a query returns rows of its own, read only through their sources). Its own
 * properties hold every stored field, null ones too, and every other field has a resolver, so
 * graphql-js's default resolver never reads a field from the prototype.
 */
function toSource(row: EntityRow, block: number): Source {
  const src = row.values as unknown as Source;
  src[ROW] = row;
  src[BLOCK] = block;
  src[EMBEDDED] = row.embedded;
  return src;
}

/** The embeds for the entities the field being resolved returns. */
function embedsFor(ctx: RequestContext, model: SchemaModel, type: string, info: GraphQLResolveInfo) {
  return planEmbeds(model, ctx.limits, type, info);
}

/** Resolves `block` for a data field and notes an indexing error at or before it. */
async function dataBlock(ctx: RequestContext, args: Args): Promise<ResolvedBlock> {
  const block = await resolveBlock(ctx, args.block);
  const fatal = ctx.status.fatalError;
  if (fatal && fatal.block <= block.number) {
    ctx.indexingError = true;
    if (args.subgraphError !== "allow") ctx.denied = true;
  }
  return block;
}

function whereOf(model: SchemaModel, owner: FieldOwner, args: Args) {
  return args.where === null || args.where === undefined
    ? null
    : parseWhere(model, owner, args.where as Record<string, unknown>);
}

/** `<singular>(id, block, subgraphError)`. */
export function singleResolver(model: SchemaModel, owner: FieldOwner): Resolver {
  return async (_src, args, ctx, info) => {
    const block = await dataBlock(ctx, args);
    const id = decodeId(owner.idType, args.id);
    const rows = await ctx.store.findByIds(owner.name, [id], block.number, embedsFor(ctx, model, owner.name, info));
    return rows[0] ? toSource(rows[0], block.number) : null;
  };
}

/** `<plural>(first, skip, orderBy, orderDirection, where, block, subgraphError)`. */
export function collectionResolver(model: SchemaModel, owner: FieldOwner): Resolver {
  return async (_src, args, ctx, info) => {
    const { first, skip } = parseRange(args, ctx.limits);
    const filter = whereOf(model, owner, args);
    const order = parseOrder(model, owner, args.orderBy, args.orderDirection, false);
    const block = await dataBlock(ctx, args);
    const embeds = embedsFor(ctx, model, owner.name, info);
    const rows = await ctx.store.findEntities({ type: owner.name, block: block.number, filter, order, first, skip, embeds });
    return rows.map((r) => toSource(r, block.number));
  };
}

/** A `@fulltext` field: `N(text, first, skip, block, where, subgraphError)` over one entity type. */
export function fulltextResolver(model: SchemaModel, owner: FieldOwner, name: string): Resolver {
  return async (_src, args, ctx, info) => {
    const { first, skip } = parseRange(args, ctx.limits);
    const filter = whereOf(model, owner, args);
    const block = await dataBlock(ctx, args);
    const text = String(args.text);
    const embeds = embedsFor(ctx, model, owner.name, info);
    try {
      const rows = await ctx.store.findEntities({
        type: owner.name,
        block: block.number,
        filter,
        order: { kind: "id", direction: "asc" },
        first,
        skip,
        fulltext: { name, text },
        embeds,
      });
      return rows.map((r) => toSource(r, block.number));
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (message.startsWith("syntax error in tsquery")) {
        throw new QueryError(
          `Invalid fulltext search query syntax. Error: ${message}. Hint: Search terms with spaces need to be enclosed in single quotes`,
        );
      }
      throw e;
    }
  };
}

/** `_meta(block)`: the resolved block, the deployment and whether it has indexing errors. */
export function metaResolver(): Resolver {
  return async (_src, args, ctx) => {
    const block = await resolveBlock(ctx, args.block);
    let parentHash: string | null = null;
    let timestamp: number | null = null;
    if (block.hash) {
      const info = await ctx.store.blockByHash(Buffer.from(block.hash.slice(2), "hex"));
      parentHash = info?.parentHash ?? null;
      timestamp = info?.timestamp ?? null;
    }
    const fatal = ctx.status.fatalError;
    return {
      deployment: ctx.status.deployment,
      hasIndexingErrors: fatal !== null && fatal.block <= block.number,
      block: { number: block.number, hash: block.hash, parentHash, timestamp },
    };
  };
}

function groupByParent(rows: EntityRow[], block: number): Map<string, Source[]> {
  const out = new Map<string, Source[]>();
  for (const r of rows) {
    const key = r.parent!;
    let list = out.get(key);
    if (!list) out.set(key, (list = []));
    list.push(toSource(r, block));
  }
  return out;
}

/** A derived single field's value from its children (at most two are read). */
function derivedSingle(field: FieldModel, children: readonly Source[]): Source | null {
  if (children.length > 1) {
    throw new QueryError(
      `Ambiguous result for derived field \`${field.name}\`: Multiple \`${field.baseType}\` entities refer back via \`${field.derivedFrom}\``,
      { withLocation: true },
    );
  }
  return nonNull(field, children[0] ?? null);
}

/**
 * A reference field of an entity type: the result embedded in the parent's row when the
 * parent's statement read it; otherwise single stored references load by id, and lists and
 * derived fields load as children with their own `where`, order and range per parent.
 */
export function relationResolver(model: SchemaModel, parent: EntityTypeModel, field: FieldModel, _limits: unknown): Resolver {
  const target = model.types.get(field.baseType) as FieldOwner;
  return (src, args, ctx, info) => {
    const source = src as Source;
    const block = source[BLOCK];
    const embedded = source[EMBEDDED]?.get(embedKey(field, args));
    if (embedded !== undefined) {
      if (embedded === null) return nonNull(field, null);
      if (!Array.isArray(embedded)) return toSource(embedded as EntityRow, block);
      const children = (embedded as EntityRow[]).map((r) => toSource(r, block));
      return field.isList ? children : derivedSingle(field, children);
    }
    const key = `${parent.name}.${field.name}@${block}#${nodeId(ctx, info.fieldNodes[0])}:${JSON.stringify(args)}`;

    if (field.derivedFrom === null && !field.isList) {
      if (source[field.name] === null || source[field.name] === undefined) return nonNull(field, null);
      return ctx.batcher
        .load(key, source, async (sources: Source[]) => {
          const ids = [...new Map(sources.map((s) => [idKey(s[field.name] as QueryValue), s[field.name] as QueryValue])).values()];
          const rows = await ctx.store.findByIds(field.baseType, ids, block, embedsFor(ctx, model, field.baseType, info));
          const byId = new Map(rows.map((r) => [idKey(r.values.id), r]));
          return sources.map((s) => byId.get(idKey(s[field.name] as QueryValue)) ?? null);
        })
        .then((row) => nonNull(field, row ? toSource(row, block) : null));
    }

    if (field.derivedFrom !== null && !field.isList) {
      return ctx.batcher
        .load(key, source, async (sources: Source[]) => {
          const rows = await ctx.store.findChildren({
            type: field.baseType,
            parentType: parent.name,
            block,
            filter: null,
            order: { kind: "id", direction: "asc" },
            first: 2,
            skip: 0,
            link: { kind: "derived", targetField: field.derivedFrom!, parentIds: sources.map((s) => s.id as QueryValue) },
            embeds: embedsFor(ctx, model, field.baseType, info),
          });
          const byParent = groupByParent(rows, block);
          return sources.map((s) => byParent.get(idKey(s.id as QueryValue)) ?? []);
        })
        .then((children) => derivedSingle(field, children));
    }

    const { first, skip } = parseRange(args, ctx.limits);
    const filter = whereOf(model, target, args);
    const order = parseOrder(model, target, args.orderBy, args.orderDirection, true);
    return ctx.batcher
      .load(key, source, async (sources: Source[]) => {
        const link =
          field.derivedFrom !== null
            ? { kind: "derived" as const, targetField: field.derivedFrom, parentIds: sources.map((s) => s.id as QueryValue) }
            : {
                kind: "list" as const,
                pairs: sources.flatMap((s) =>
                  ((s[field.name] as QueryValue[] | null) ?? []).map((child) => ({ parent: s.id as QueryValue, child })),
                ),
              };
        if (link.kind === "list" && link.pairs.length === 0) return sources.map(() => []);
        const rows = await ctx.store.findChildren({
          type: field.baseType,
          parentType: parent.name,
          block,
          filter,
          order,
          first,
          skip,
          link,
          embeds: embedsFor(ctx, model, field.baseType, info),
        });
        const byParent = groupByParent(rows, block);
        return sources.map((s) => byParent.get(idKey(s.id as QueryValue)) ?? []);
      });
  };
}

function nonNull<T>(field: FieldModel, value: T | null): T | null {
  if (value === null && !field.nullable) {
    throw new QueryError(`Null value resolved for non-null field \`${field.name}\``, { withLocation: true });
  }
  return value;
}
