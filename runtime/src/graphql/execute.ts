/**
 * Runs a GraphQL request against a store the way graph-node answers it
 * (graph-node `graphql/src/execution/query.rs` and `graphql/src/runner.rs`): parse, reject
 * mutations and subscriptions, the standard validation rules, the depth limit, execution, and
 * then graph-node's response shape: no `data` at all when execution failed, errors without
 * `path` and `extensions`, and `indexing_error` handling for `subgraphError`.
 */
import {
  GraphQLError,
  Kind,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import type { IndexingStatus, QueryStore } from "../store/query.ts";
import { DEFAULT_LIMITS, type QueryLimits } from "./arguments.ts";
import { createContext } from "./context.ts";
import { INDEXING_ERROR, QueryError } from "./errors.ts";
import { Executor } from "./executor.ts";
import { buildApiSchema } from "./schema.ts";
import { StatusCache } from "./statusCache.ts";

/** A request body: `query`, and optionally `variables` and `operationName`. */
export interface GraphQLRequest {
  readonly query: string;
  readonly variables?: Record<string, unknown> | null;
  readonly operationName?: string | null;
}

export interface ResponseError {
  readonly message: string;
  readonly locations?: readonly { readonly line: number; readonly column: number }[];
}

/** graph-node's response: `data` absent when execution failed, `errors` absent when empty. */
export interface GraphQLResponse {
  data?: Record<string, unknown>;
  errors?: ResponseError[];
}

export interface QueryApiOptions {
  /** Defaults: first ≤ 1000, skip ≤ 5000, depth ≤ 255. */
  limits?: Partial<QueryLimits>;
  /** How long a status read serves queries while this process changes nothing (`StatusCache`). */
  statusTtlMs?: number;
  /** Compile operations with graphql-jit (default); `false` runs every one on graphql-js (`Executor`). */
  compile?: boolean;
}

/** The query API of one deployment. */
export interface QueryApi {
  /** The derived API schema (for GraphiQL and introspection). */
  readonly schema: GraphQLSchema;
  execute(request: GraphQLRequest): Promise<GraphQLResponse>;
  /** The status queries run against (cached as `StatusCache` describes). */
  status(): Promise<IndexingStatus>;
}

function formatError(e: GraphQLError): ResponseError {
  const original = e.originalError;
  const hideLocation = original instanceof QueryError && !original.withLocation;
  const message = original instanceof QueryError ? original.message : e.message;
  return e.locations && e.locations.length > 0 && !hideLocation
    ? { message, locations: e.locations.map((l) => ({ line: l.line, column: l.column })) }
    : { message };
}

function dedupe(errors: ResponseError[]): ResponseError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const k = JSON.stringify(e);
    return !seen.has(k) && !!seen.add(k);
  });
}

/** The deepest field nesting of the operation, fragments expanded (top-level fields are 1). */
function depthOf(set: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, seen: Set<string>): number {
  let max = 0;
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD) {
      max = Math.max(max, 1 + (s.selectionSet ? depthOf(s.selectionSet, fragments, seen) : 0));
    } else if (s.kind === Kind.INLINE_FRAGMENT) {
      max = Math.max(max, depthOf(s.selectionSet, fragments, seen));
    } else {
      const f = fragments.get(s.name.value);
      if (f && !seen.has(f.name.value)) {
        seen.add(f.name.value);
        max = Math.max(max, depthOf(f.selectionSet, fragments, seen));
        seen.delete(f.name.value);
      }
    }
  }
  return max;
}

/**
 * graphql-js and graphql-jit build objects without prototypes, and jit leaves a field that
 * `@skip`/`@include` left out as `undefined`; graph-node answers plain JSON objects without
 * it. The values are JSON values already (scalars are serialized), so a copy is all it takes.
 */
function plain(v: unknown): unknown {
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map(plain);
  const out: Record<string, unknown> = {};
  for (const k in v) {
    const value = (v as Record<string, unknown>)[k];
    if (value !== undefined) out[k] = plain(value);
  }
  return out;
}

/** Response key → field name of the top-level selection (fragments expanded). */
function topLevelFields(set: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, out = new Map<string, string>()) {
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD) out.set(s.alias?.value ?? s.name.value, s.name.value);
    else if (s.kind === Kind.INLINE_FRAGMENT) topLevelFields(s.selectionSet, fragments, out);
    else {
      const f = fragments.get(s.name.value);
      if (f) topLevelFields(f.selectionSet, fragments, out);
    }
  }
  return out;
}

const META_FIELDS = new Set(["_meta", "__schema", "__type"]);

/** Parse, refuse mutations and subscriptions, validate: a document, or the error response. */
function parseAndValidate(schema: GraphQLSchema, query: string): DocumentNode | GraphQLResponse {
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (e) {
    if (e instanceof GraphQLError) return { errors: [formatError(e)] };
    throw e;
  }
  for (const op of document.definitions) {
    if (op.kind !== Kind.OPERATION_DEFINITION) continue;
    if (op.operation === "mutation") return { errors: [{ message: "Not supported: Mutations are not supported" }] };
    if (op.operation === "subscription") return { errors: [{ message: "Not supported: Subscriptions are not supported" }] };
  }
  const validationErrors = validate(schema, document, specifiedRules);
  if (validationErrors.length > 0) return { errors: dedupe(validationErrors.map(formatError)) };
  return document;
}

/** Builds the API for a store; `execute` can be called concurrently. */
export function createQueryApi(store: QueryStore, options: QueryApiOptions = {}): QueryApi {
  const limits: QueryLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const schema = buildApiSchema(store.model, limits);
  // Parsing and validation depend on the query text only; clients repeat the same texts with
  // new variables, so the outcome is kept for the most recent ones (graph-node caches too).
  const checked = new Map<string, DocumentNode | GraphQLResponse>();
  const check = (query: string): DocumentNode | GraphQLResponse => {
    const hit = checked.get(query);
    if (hit) return hit;
    const outcome = parseAndValidate(schema, query);
    if (checked.size >= 1000) checked.delete(checked.keys().next().value!);
    checked.set(query, outcome);
    return outcome;
  };
  const status = new StatusCache(store, options.statusTtlMs);
  const executor = new Executor(schema, options.compile ?? true);
  return {
    schema,
    status: () => status.get(),
    async execute(request) {
      const outcome = check(request.query);
      if (!("kind" in outcome)) return structuredClone(outcome);
      const document = outcome;
      const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);

      const fragments = new Map(
        document.definitions
          .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
          .map((f) => [f.name.value, f]),
      );
      const operation = request.operationName
        ? operations.find((o) => o.name?.value === request.operationName)
        : operations[0];
      if (operation && depthOf(operation.selectionSet, fragments, new Set()) > limits.maxDepth) {
        return { errors: [{ message: `query has a depth that exceeds the limit of \`${limits.maxDepth}\`` }] };
      }

      const ctx = createContext(store, await status.get(), limits, () => status.fresh());
      const result = await executor.run(request.query, document, operation, request.operationName, request.variables, ctx);
      if (result.errors && result.errors.length > 0) return { errors: dedupe(result.errors.map(formatError)) };
      const data = plain(result.data ?? {}) as Record<string, unknown>;
      if (!ctx.indexingError) return { data };
      if (!ctx.denied) return { data, errors: [{ message: INDEXING_ERROR }] };
      const names = operation ? topLevelFields(operation.selectionSet, fragments) : new Map<string, string>();
      const kept = Object.fromEntries(Object.entries(data).filter(([k]) => META_FIELDS.has(names.get(k) ?? k)));
      return Object.keys(kept).length > 0
        ? { data: kept, errors: [{ message: INDEXING_ERROR }] }
        : { errors: [{ message: INDEXING_ERROR }] };
    },
  };
}
