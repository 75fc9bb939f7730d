/** `subgraph-runtime serve`: the GraphQL server over an existing store. Only wires modules. */
import path from "node:path";
import { startServer } from "../server/http.ts";
import { openExistingStore } from "../store/sql/store.ts";

export interface ServeOptions {
  /** PostgreSQL URL; PGlite in `dataDir` when absent. */
  databaseUrl?: string;
  dataDir: string;
  /** The store's metadata schema (default `subgraphs`). */
  namespace?: string;
  port: number;
  /** Subgraph name; the newest deployment when absent. */
  name?: string;
  host: string;
  out: NodeJS.WritableStream;
}

/** Serves until SIGINT/SIGTERM; resolves with the exit code. */
export async function runServeCommand(options: ServeOptions): Promise<number> {
  const store = await openExistingStore({
    databaseUrl: options.databaseUrl,
    dataDir: options.databaseUrl ? undefined : path.resolve(options.dataDir),
    namespace: options.namespace,
    name: options.name,
  });
  const name = options.name ?? store.deployment.name;
  const server = await startServer({ store, name, port: options.port, host: options.host });
  options.out.write(
    `Serving ${name} (${store.deployment.id}) on ${server.url}/subgraphs/name/${name} and ${server.url}/graphql\n`,
  );
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await server.close();
  await store.close();
  return 0;
}
