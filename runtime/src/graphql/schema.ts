/**
 * The query API derived from the entity model (graph-node `graph/src/schema/api.rs`): entity
 * and interface types with collection arguments on list references, `<T>_filter` inputs with
 * every operator per field type, `<T>_orderBy` enums, the `Query` fields and `_meta`. The
 * resolvers live in `resolvers.ts`; this file only decides the shape.
 */
import {
  GraphQLBoolean,
  GraphQLEnumType,
  GraphQLID,
  GraphQLInputObjectType,
  GraphQLInt,
  GraphQLInterfaceType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  type GraphQLEnumValueConfigMap,
  type GraphQLFieldConfigArgumentMap,
  type GraphQLFieldConfigMap,
  type GraphQLInputFieldConfigMap,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLScalarType,
} from "graphql";
import { type EntityTypeModel, type FieldModel, type InterfaceModel, type SchemaModel, type TypeRef } from "../schema/model.ts";
import type { RequestContext } from "./context.ts";
import { DEFAULT_LIMITS, type FieldOwner, type QueryLimits } from "./arguments.ts";
import { pluralField, singularField } from "./naming.ts";
import {
  collectionResolver,
  fulltextResolver,
  metaResolver,
  relationResolver,
  ROW,
  singleResolver,
} from "./resolvers.ts";
import { BigDecimalScalar, BigIntScalar, BytesScalar, Int8Scalar, TimestampScalar } from "./scalars.ts";

const SCALARS: Record<string, GraphQLScalarType> = {
  ID: GraphQLID,
  String: GraphQLString,
  Int: GraphQLInt,
  Boolean: GraphQLBoolean,
  BigInt: BigIntScalar,
  BigDecimal: BigDecimalScalar,
  Bytes: BytesScalar,
  Int8: Int8Scalar,
  Timestamp: TimestampScalar,
};

const STRING_OPS = [
  "",
  "not",
  "gt",
  "lt",
  "gte",
  "lte",
  "in",
  "not_in",
  "contains",
  "contains_nocase",
  "not_contains",
  "not_contains_nocase",
  "starts_with",
  "starts_with_nocase",
  "not_starts_with",
  "not_starts_with_nocase",
  "ends_with",
  "ends_with_nocase",
  "not_ends_with",
  "not_ends_with_nocase",
];
const ORDERED_OPS = ["", "not", "gt", "lt", "gte", "lte", "in", "not_in"];
const BYTES_OPS = [...ORDERED_OPS, "contains", "not_contains"];
const EQ_OPS = ["", "not", "in", "not_in"];
const LIST_OPS = ["", "not", "contains", "not_contains"];
const LIST_NOCASE_OPS = ["", "not", "contains", "contains_nocase", "not_contains", "not_contains_nocase"];

/** The built-in types every API has (spec §3.1). */
function builtins() {
  const OrderDirection = new GraphQLEnumType({
    name: "OrderDirection",
    description: "Defines the order direction, either ascending or descending",
    values: { asc: { value: "asc" }, desc: { value: "desc" } },
  });
  const SubgraphErrorPolicy = new GraphQLEnumType({
    name: "_SubgraphErrorPolicy_",
    values: {
      allow: { value: "allow", description: "Data will be returned even if the subgraph has indexing errors" },
      deny: {
        value: "deny",
        description: "If the subgraph has indexing errors, data will be omitted. The default.",
      },
    },
  });
  const BlockHeight = new GraphQLInputObjectType({
    name: "Block_height",
    fields: { hash: { type: BytesScalar }, number: { type: GraphQLInt }, number_gte: { type: GraphQLInt } },
  });
  const BlockChangedFilter = new GraphQLInputObjectType({
    name: "BlockChangedFilter",
    fields: { number_gte: { type: new GraphQLNonNull(GraphQLInt) } },
  });
  const Block = new GraphQLObjectType({
    name: "_Block_",
    fields: {
      hash: { type: BytesScalar, description: "The hash of the block" },
      number: { type: new GraphQLNonNull(GraphQLInt), description: "The block number" },
      timestamp: { type: GraphQLInt, description: "Integer representation of the timestamp stored in blocks for the chain" },
      parentHash: { type: BytesScalar, description: "The hash of the parent block" },
    },
  });
  const Meta = new GraphQLObjectType({
    name: "_Meta_",
    description: "The type for the top-level _meta field",
    fields: {
      block: { type: new GraphQLNonNull(Block) },
      deployment: { type: new GraphQLNonNull(GraphQLString), description: "The deployment ID" },
      hasIndexingErrors: {
        type: new GraphQLNonNull(GraphQLBoolean),
        description: "If `true`, the subgraph encountered indexing errors at some past block",
      },
    },
  });
  return { OrderDirection, SubgraphErrorPolicy, BlockHeight, BlockChangedFilter, Meta };
}

/** Builds the API schema for a model; `limits` only affect execution, not the shape. */
export function buildApiSchema(model: SchemaModel, limits: QueryLimits = DEFAULT_LIMITS): GraphQLSchema {
  const b = builtins();
  const enums = new Map<string, GraphQLEnumType>();
  for (const e of model.enums) {
    const values: GraphQLEnumValueConfigMap = {};
    for (const v of e.values) values[v.name] = { value: v.name, description: v.description ?? undefined };
    enums.set(e.name, new GraphQLEnumType({ name: e.name, description: e.description ?? undefined, values }));
  }
  const owners: FieldOwner[] = [...model.entityTypes, ...model.interfaces];
  const isOwner = (name: string) => owners.some((o) => o.name === name);
  const objects = new Map<string, GraphQLObjectType>();
  const interfaces = new Map<string, GraphQLInterfaceType>();
  const filters = new Map<string, GraphQLInputObjectType>();
  const orderBys = new Map<string, GraphQLEnumType>();

  const named = (name: string): GraphQLOutputType =>
    SCALARS[name] ?? enums.get(name) ?? objects.get(name) ?? interfaces.get(name)!;
  const wrap = (t: TypeRef): GraphQLOutputType => {
    const inner = t.kind === "named" ? named(t.name) : new GraphQLList(wrap(t.of));
    return t.nonNull ? new GraphQLNonNull(inner) : inner;
  };
  const collectionArgs = (target: string): GraphQLFieldConfigArgumentMap => ({
    skip: { type: GraphQLInt, defaultValue: 0 },
    first: { type: GraphQLInt, defaultValue: 100 },
    orderBy: { type: orderBys.get(target)! },
    orderDirection: { type: b.OrderDirection },
    where: { type: filters.get(target)! },
  });
  // Aggregation types are not served yet; fields pointing at them are left out.
  const served = (f: FieldModel) => f.kind !== "reference" || isOwner(f.baseType);

  const fieldsOf = (owner: FieldOwner, withResolvers: boolean) => (): GraphQLFieldConfigMap<unknown, RequestContext> => {
    const out: GraphQLFieldConfigMap<unknown, RequestContext> = {};
    for (const f of owner.fields.filter(served)) {
      const isCollection = f.kind === "reference" && f.isList;
      out[f.name] = {
        type: wrap(f.type),
        description: f.description ?? undefined,
        args: isCollection ? collectionArgs(f.baseType) : undefined,
        resolve:
          withResolvers && f.kind === "reference"
            ? relationResolver(model, owner as EntityTypeModel, f, limits)
            : undefined,
      };
    }
    return out;
  };

  for (const i of model.interfaces) {
    interfaces.set(
      i.name,
      new GraphQLInterfaceType({
        name: i.name,
        description: i.description ?? undefined,
        fields: fieldsOf(i, false),
        resolveType: (src) => (src as { [ROW]: { typename: string } })[ROW].typename,
      }),
    );
  }
  for (const t of model.entityTypes) {
    objects.set(
      t.name,
      new GraphQLObjectType({
        name: t.name,
        description: t.description ?? undefined,
        fields: fieldsOf(t, true),
        interfaces: () => t.interfaces.map((n) => interfaces.get(n)!),
      }),
    );
  }

  const filterInput = (f: FieldModel): GraphQLInputType => {
    if (f.kind === "reference") return f.reference!.idType === "Int8" ? GraphQLInt : GraphQLString;
    return (SCALARS[f.baseType] ?? enums.get(f.baseType)) as GraphQLInputType;
  };
  const opsFor = (f: FieldModel): string[] => {
    if (f.kind === "reference") {
      if (f.derivedFrom !== null) return [];
      if (!f.isList) return STRING_OPS;
      return f.reference!.idType === "String" ? LIST_NOCASE_OPS : LIST_OPS;
    }
    if (f.isList) return f.baseType === "String" ? LIST_NOCASE_OPS : LIST_OPS;
    if (f.kind === "enum") return EQ_OPS;
    switch (f.baseType) {
      case "String":
        return STRING_OPS;
      case "Bytes":
        return BYTES_OPS;
      case "Boolean":
        return EQ_OPS;
      default:
        return ORDERED_OPS;
    }
  };
  for (const owner of owners) {
    filters.set(
      owner.name,
      new GraphQLInputObjectType({
        name: `${owner.name}_filter`,
        fields: (): GraphQLInputFieldConfigMap => {
          const out: GraphQLInputFieldConfigMap = {};
          for (const f of owner.fields.filter(served)) {
            const x = filterInput(f);
            for (const op of opsFor(f)) {
              const name = op === "" ? f.name : `${f.name}_${op}`;
              const listValued = f.isList || op === "in" || op === "not_in";
              out[name] = { type: listValued ? new GraphQLList(new GraphQLNonNull(x)) : x };
            }
            if (f.kind === "reference") out[`${f.name}_`] = { type: filters.get(f.baseType)! };
          }
          out._change_block = {
            type: b.BlockChangedFilter,
            description: "Filter for the block changed event.",
          };
          out.and = { type: new GraphQLList(filters.get(owner.name)!) };
          out.or = { type: new GraphQLList(filters.get(owner.name)!) };
          return out;
        },
      }),
    );
    const values: GraphQLEnumValueConfigMap = {};
    for (const f of owner.fields.filter(served)) {
      values[f.name] = { value: f.name };
      if (f.kind === "reference" && !f.isList) {
        const child = model.types.get(f.baseType) as EntityTypeModel | InterfaceModel;
        for (const g of child.fields) {
          if (g.isList || g.kind === "reference") continue;
          values[`${f.name}__${g.name}`] = { value: `${f.name}__${g.name}` };
        }
      }
    }
    orderBys.set(owner.name, new GraphQLEnumType({ name: `${owner.name}_orderBy`, values }));
  }

  const blockArg = {
    type: b.BlockHeight,
    description:
      "The block at which the query should be executed. Can either be a `{ hash: Bytes }` value containing a block hash, a `{ number: Int }` containing the block number, or a `{ number_gte: Int }` containing the minimum block number. In the case of `number_gte`, the query will be executed on the latest block only if the subgraph has progressed to or past the minimum block number. Defaults to the latest block when omitted.",
  };
  const errorArg = {
    type: new GraphQLNonNull(b.SubgraphErrorPolicy),
    defaultValue: "deny",
    description:
      "Set to `allow` to receive data even if the subgraph has skipped over errors while syncing.",
  };
  const queryFields: GraphQLFieldConfigMap<unknown, RequestContext> = {};
  for (const owner of owners) {
    const type = named(owner.name);
    queryFields[singularField(owner.name)] = {
      type,
      args: { id: { type: new GraphQLNonNull(GraphQLID) }, block: blockArg, subgraphError: errorArg },
      resolve: singleResolver(model, owner),
    };
    queryFields[pluralField(owner.name)] = {
      type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(type))),
      args: { ...collectionArgs(owner.name), block: blockArg, subgraphError: errorArg },
      resolve: collectionResolver(model, owner),
    };
  }
  for (const f of model.fulltexts) {
    const entity = model.types.get(f.include[0]?.entity ?? "");
    if (entity?.kind !== "entity") continue;
    queryFields[f.name] = {
      type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(named(entity.name)))),
      args: {
        text: { type: new GraphQLNonNull(GraphQLString) },
        first: { type: GraphQLInt, defaultValue: 100 },
        skip: { type: GraphQLInt, defaultValue: 0 },
        block: blockArg,
        where: { type: filters.get(entity.name)! },
        subgraphError: errorArg,
      },
      resolve: fulltextResolver(model, entity, f.name),
    };
  }
  queryFields._meta = {
    type: b.Meta,
    description: "Access to subgraph metadata",
    args: { block: { type: b.BlockHeight } },
    resolve: metaResolver(),
  };
  return new GraphQLSchema({
    query: new GraphQLObjectType({ name: "Query", fields: queryFields }),
    types: [...objects.values()],
  });
}

