/**
 * Which relationships to read in the statement of the rows they belong to (`Embed`): the
 * selection under a field that returns entities is walked as graphql-js will execute it
 * (fragments by type condition, `@skip`/`@include`), and every reference field in it becomes
 * an embed of the rows' concrete type, with the embeds of its own selection. A parent, its
 * single references and its children then cost one statement instead of one per level
 * (graph-node's `prefetch.rs` spends one per level).
 *
 * Planning never changes an answer. The resolver of an embedded field takes the embedded
 * result (`EMBEDDED` on the source) and does exactly what it does with a loaded one; a field
 * that was not planned, because its arguments do not parse or the nesting is too deep, loads
 * as before and raises its own error. Embeds are keyed by field and arguments, so aliases
 * with the same arguments share one.
 */
import {
  GraphQLIncludeDirective,
  GraphQLObjectType,
  GraphQLSkipDirective,
  Kind,
  getArgumentValues,
  getDirectiveValues,
  type FieldNode,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from "graphql";
import { concreteTypes, fieldOf, type EntityTypeModel, type FieldModel, type SchemaModel } from "../schema/model.ts";
import type { Embed, Embeds } from "../store/query.ts";
import { parseOrder, parseRange, parseWhere, type FieldOwner, type QueryLimits } from "./arguments.ts";

/**
 * Levels embedded in one statement. Each level nests a lateral subquery in the one above, and
 * planning grows with the nesting (a query may nest 255 levels, more than PostgreSQL's stack
 * allows in one statement); Explorer-style queries nest two or three. Deeper selections still
 * work: the field at the limit loads in a statement of its own, which embeds the next levels.
 */
const MAX_DEPTH = 6;

/** The key of a field's result among a row's embeds: the field, and its arguments if any. */
export function embedKey(field: FieldModel, args: Record<string, unknown>): string {
  return field.isList ? `${field.name}:${JSON.stringify(args)}` : field.name;
}

interface Env {
  readonly model: SchemaModel;
  readonly info: GraphQLResolveInfo;
  readonly limits: QueryLimits;
}

function included(env: Env, node: FieldNode | { directives?: FieldNode["directives"] }): boolean {
  if (!node.directives || node.directives.length === 0) return true;
  try {
    const vars = env.info.variableValues;
    if (getDirectiveValues(GraphQLSkipDirective, node, vars)?.if === true) return false;
    return getDirectiveValues(GraphQLIncludeDirective, node, vars)?.if !== false;
  } catch {
    return true;
  }
}

/** The fields a selection asks of rows of type `t`, by field name (graphql-js `collectFields`). */
function collect(env: Env, t: EntityTypeModel, sets: readonly SelectionSetNode[], out = new Map<string, FieldNode[]>()) {
  const applies = (condition: string | undefined) => !condition || condition === t.name || t.interfaces.includes(condition);
  for (const set of sets) {
    for (const s of set.selections) {
      if (!included(env, s)) continue;
      if (s.kind === Kind.FIELD) {
        const list = out.get(s.name.value);
        if (list) list.push(s);
        else out.set(s.name.value, [s]);
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        if (applies(s.typeCondition?.name.value)) collect(env, t, [s.selectionSet], out);
      } else {
        const f = env.info.fragments[s.name.value];
        if (f && applies(f.typeCondition.name.value)) collect(env, t, [f.selectionSet], out);
      }
    }
  }
  return out;
}

function selections(nodes: readonly FieldNode[]): SelectionSetNode[] {
  return nodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : []));
}

/** The embeds of one reference field of `t`: none when it is left to its resolver. */
function embedsOf(env: Env, t: EntityTypeModel, field: FieldModel, nodes: readonly FieldNode[], depth: number): Embed[] {
  const target = env.model.types.get(field.baseType);
  if (target?.kind !== "entity" && target?.kind !== "interface") return [];
  if (field.derivedFrom === null && !field.isList) {
    return [{ kind: "reference", key: field.name, field: field.name, embeds: plan(env, target.name, selections(nodes), depth + 1) }];
  }
  if (!field.isList) {
    // A derived single field: its resolver needs a second child to report ambiguity.
    const embeds = plan(env, target.name, selections(nodes), depth + 1);
    return [{ kind: "children", key: field.name, field: field.name, filter: null, order: { kind: "id", direction: "asc" }, first: 2, skip: 0, embeds }];
  }
  const def = (env.info.schema.getType(t.name) as GraphQLObjectType).getFields()[field.name];
  const byArgs = new Map<string, { args: Record<string, unknown>; nodes: FieldNode[] }>();
  for (const node of nodes) {
    let args: Record<string, unknown>;
    try {
      args = getArgumentValues(def, node, env.info.variableValues);
    } catch {
      continue;
    }
    const key = embedKey(field, args);
    const group = byArgs.get(key);
    if (group) group.nodes.push(node);
    else byArgs.set(key, { args, nodes: [node] });
  }
  const out: Embed[] = [];
  for (const [key, { args, nodes: same }] of byArgs) {
    try {
      // As `relationResolver` reads the arguments; one that fails is left to it to report.
      const { first, skip } = parseRange(args, env.limits);
      const owner = target as FieldOwner;
      const filter = args.where === null || args.where === undefined ? null : parseWhere(env.model, owner, args.where as Record<string, unknown>);
      const order = parseOrder(env.model, owner, args.orderBy, args.orderDirection, true);
      out.push({ kind: "children", key, field: field.name, filter, order, first, skip, embeds: plan(env, target.name, selections(same), depth + 1) });
    } catch {
      continue;
    }
  }
  return out;
}

function plan(env: Env, typeName: string, sets: readonly SelectionSetNode[], depth: number): Embeds {
  const out = new Map<string, Embed[]>();
  if (depth > MAX_DEPTH || sets.length === 0) return out;
  for (const t of concreteTypes(env.model, typeName)) {
    const embeds: Embed[] = [];
    for (const [name, nodes] of collect(env, t, sets)) {
      const field = fieldOf(t, name);
      if (field?.kind === "reference") embeds.push(...embedsOf(env, t, field, nodes, depth));
    }
    if (embeds.length > 0) out.set(t.name, embeds);
  }
  return out;
}

/** The embeds for the rows of type `typeName` that the field being resolved (`info`) returns. */
export function planEmbeds(model: SchemaModel, limits: QueryLimits, typeName: string, info: GraphQLResolveInfo): Embeds | undefined {
  const embeds = plan({ model, info, limits }, typeName, selections(info.fieldNodes), 1);
  return embeds.size > 0 ? embeds : undefined;
}
