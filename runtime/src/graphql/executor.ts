/**
 * Executes a validated operation. graphql-jit compiles an operation once into a function that
 * builds the response without graphql-js's per-field interpretation, which halves the
 * JavaScript time of a query; compiled operations are kept per query text.
 *
 * Two things stay with graphql-js:
 * - variable errors: jit words them differently, so variables are coerced by graphql-js
 *   first and only a request that passes reaches the compiled operation;
 * - operations with a variable of an input object type: jit's variable compiler never ends on
 *   recursive input types (graphql-jit issue #81), and graph-node's filters are recursive
 *   (`and`, `or`, `<field>_`). Those operations run on graphql-js's `execute`.
 */
import {
  execute,
  getNamedType,
  getVariableValues,
  isInputObjectType,
  typeFromAST,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from "graphql";
import { compileQuery, isCompiledQuery, type CompiledQuery } from "graphql-jit";

type Compiled = CompiledQuery | ExecutionResult;

export class Executor {
  private readonly compiled = new Map<string, Compiled>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly compiles = true,
    private readonly cacheSize = 1000,
  ) {}

  /**
   * Runs `operation` of `document` (parsed from `query`); `operation` is undefined when the
   * request names none that exists, which graphql-js reports.
   */
  async run(
    query: string,
    document: DocumentNode,
    operation: OperationDefinitionNode | undefined,
    operationName: string | null | undefined,
    variables: Record<string, unknown> | null | undefined,
    contextValue: unknown,
  ): Promise<ExecutionResult> {
    if (!this.compiles || !operation || this.hasInputObjectVariable(operation)) {
      return execute({ schema: this.schema, document, variableValues: variables ?? undefined, operationName: operationName ?? undefined, contextValue });
    }
    const compiled = this.compile(query, document, operationName);
    if (!isCompiledQuery(compiled)) return compiled;
    const coerced = getVariableValues(this.schema, operation.variableDefinitions ?? [], variables ?? {});
    if (coerced.errors) return { errors: coerced.errors };
    return compiled.query(undefined, contextValue, variables ?? {});
  }

  private compile(query: string, document: DocumentNode, operationName: string | null | undefined): Compiled {
    const key = `${operationName ?? ""}\n${query}`;
    let hit = this.compiled.get(key);
    if (!hit) {
      hit = compileQuery(this.schema, document, operationName ?? undefined) as Compiled;
      if (this.compiled.size >= this.cacheSize) this.compiled.delete(this.compiled.keys().next().value!);
      this.compiled.set(key, hit);
    }
    return hit;
  }

  private hasInputObjectVariable(operation: OperationDefinitionNode): boolean {
    return (operation.variableDefinitions ?? []).some((v) => {
      const type = typeFromAST(this.schema, v.type as Parameters<typeof typeFromAST>[1]);
      return type !== undefined && isInputObjectType(getNamedType(type));
    });
  }
}
