/**
 * Query errors with graph-node's texts (graph-node `graph/src/data/query/error.rs`,
 * `QueryExecutionError` Display). graph-node attaches a location only to a few kinds.
 */
export class QueryError extends Error {
  override name = "QueryError";
  /** Whether the response shows the field's location, as graph-node does for this kind. */
  readonly withLocation: boolean;

  constructor(message: string, options: { withLocation?: boolean } = {}) {
    super(message);
    this.withLocation = options.withLocation ?? false;
  }
}

/** The message graph-node returns when the deployment has a deterministic error at the block. */
export const INDEXING_ERROR = "indexing_error";
