/** The query side: `createQueryApi(store)` and the request/response types. */
export { createQueryApi, type GraphQLRequest, type GraphQLResponse, type QueryApi, type QueryApiOptions } from "./execute.ts";
export { buildApiSchema } from "./schema.ts";
export { DEFAULT_LIMITS, type QueryLimits } from "./arguments.ts";
