/**
 * The HTTP server graph-node's clients expect (graph-node `server/http/src/service.rs`):
 * `POST` (and `GET ?query=`) on `/subgraphs/name/<name>`, `/subgraphs/id/<id>` and `/graphql`,
 * GraphiQL (graphql-yoga's page) on `GET …/graphql`, `/health` and `/status`.
 * Request mistakes answer 400 `{"error": …}`; every GraphQL outcome answers 200 with
 * graph-node's response shape, produced by `createQueryApi`, never by yoga's own pipeline.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { renderGraphiQL } from "graphql-yoga";
import { createQueryApi, type QueryApi, type QueryApiOptions } from "../graphql/execute.ts";
import type { QueryStore } from "../store/query.ts";
import { buildStatus } from "./status.ts";

export interface ServerOptions extends QueryApiOptions {
  readonly store: QueryStore;
  /** The subgraph name served under `/subgraphs/name/<name>`. */
  readonly name: string;
  /** Default 8000; 0 picks a free port. */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
}

export interface RunningServer {
  /** `http://host:port`. */
  readonly url: string;
  readonly port: number;
  readonly api: QueryApi;
  close(): Promise<void>;
}

const CLIENT_ERROR = "GraphQL server error (client error):";
const CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-headers": "Content-Type, User-Agent",
  "access-control-allow-methods": "GET, OPTIONS, POST",
};

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...CORS, ...headers });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** graph-node's checks of a request object; a string is the 400 error text. */
function checkRequest(body: unknown): { query: string; variables: Record<string, unknown> | null; operationName: string | null } | string {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return `${CLIENT_ERROR} Request data is not an object`;
  const b = body as Record<string, unknown>;
  if (!("query" in b)) return `${CLIENT_ERROR} The "query" field is missing in request data`;
  if (typeof b.query !== "string") return `${CLIENT_ERROR} The "query" field is not a string`;
  const v = b.variables;
  if (v !== undefined && v !== null && (typeof v !== "object" || Array.isArray(v))) {
    return `${CLIENT_ERROR} Invalid query variables provided`;
  }
  const op = typeof b.operationName === "string" ? b.operationName : null;
  return { query: b.query, variables: (v as Record<string, unknown> | null | undefined) ?? null, operationName: op };
}

/** Starts serving `store`; resolves once listening. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const api = createQueryApi(options.store, options);
  // yoga's GraphiQL page; it POSTs to the same path, which this server answers itself.
  const graphiql = (endpoint: string) => renderGraphiQL({ endpoint, title: `${options.name} · subgraph-runtime` });
  const namePrefix = "/subgraphs/name/";
  const idPrefix = "/subgraphs/id/";

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    let path = url.pathname;
    if (req.method === "OPTIONS") return send(res, 200, {});
    if (path === "/health") {
      await options.store.status();
      return send(res, 200, { status: "ok" });
    }
    if (path === "/status") return send(res, 200, buildStatus(await options.store.status()));
    if (path === "/") {
      return send(res, 200, {
        message: "Access deployed subgraphs by deployment ID at /subgraphs/id/<ID> or by name at /subgraphs/name/<NAME>",
      });
    }
    let graphiqlPath = false;
    if (path.startsWith(namePrefix) || path.startsWith(idPrefix)) {
      if (path.endsWith("/graphql")) {
        path = path.slice(0, -"/graphql".length);
        graphiqlPath = true;
      }
      const key = path.startsWith(namePrefix) ? path.slice(namePrefix.length) : path.slice(idPrefix.length);
      const status = await api.status();
      const known = path.startsWith(namePrefix) ? key === options.name : key === status.deployment;
      if (!known) return send(res, 200, { errors: [{ message: `deployment \`${key}\` does not exist` }] });
      if (req.method === "GET" && !url.searchParams.has("query") && !graphiqlPath) {
        res.writeHead(302, { location: `${url.pathname.replace(/\/$/, "")}/graphql`, ...CORS });
        return res.end();
      }
    } else if (path === "/graphql") {
      graphiqlPath = true;
    } else {
      return send(res, 404, { error: "Not found" });
    }

    if (req.method === "GET") {
      if (!url.searchParams.has("query")) {
        if (!graphiqlPath) return send(res, 404, { error: "Not found" });
        res.writeHead(200, { "content-type": "text/html; charset=utf-8", ...CORS });
        return res.end(graphiql(path === "/graphql" ? "/graphql" : path));
      }
      let variables: unknown = null;
      const rawVariables = url.searchParams.get("variables");
      if (rawVariables) {
        try {
          variables = JSON.parse(rawVariables);
        } catch (e) {
          return send(res, 400, { error: (e as Error).message });
        }
      }
      const checked = checkRequest({ query: url.searchParams.get("query"), variables, operationName: url.searchParams.get("operationName") });
      if (typeof checked === "string") return send(res, 400, { error: checked });
      return respond(res, api, checked);
    }
    if (req.method !== "POST") return send(res, 405, { error: "Method not allowed" });
    if (!req.headers["content-type"]) return send(res, 400, { error: "Content-Type header is required" });
    const text = await readBody(req);
    if (text.length === 0) return send(res, 400, { error: "Body is required" });
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (e) {
      return send(res, 400, { error: (e as Error).message });
    }
    const checked = checkRequest(body);
    if (typeof checked === "string") return send(res, 400, { error: checked });
    return respond(res, api, checked);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, 500, { error: e instanceof Error ? e.message : String(e) });
      else res.end();
    });
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 8000, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : (options.port ?? 8000);
  return {
    url: `http://${host}:${port}`,
    port,
    api,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}

async function respond(
  res: ServerResponse,
  api: QueryApi,
  request: { query: string; variables: Record<string, unknown> | null; operationName: string | null },
): Promise<void> {
  const result = await api.execute(request);
  // The API's cached status (the one the query ran against, unless it moved since): no extra read.
  const head = (await api.status()).latestBlock;
  const indexed = head ? JSON.stringify({ hash: head.hash, number: head.number, timestamp: head.timestamp }) : "null";
  send(res, 200, result, { "graph-attestable": "true", "graph-indexed": indexed });
}
