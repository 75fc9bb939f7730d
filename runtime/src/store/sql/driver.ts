/**
 * The one seam between the SQL store and a database: PGlite (embedded, the default) or a
 * PostgreSQL server through `pg`. Both run the same SQL text; every value travels as a bound
 * parameter, never inside the text.
 */

/** A row as the driver returns it; the store casts columns so values are portable. */
export type SqlRow = Record<string, unknown>;

/** Runs statements on one connection (or inside one transaction). */
export interface SqlExecutor {
  /** One statement with `$1…` placeholders bound to `params`. */
  query(sql: string, params?: readonly unknown[]): Promise<SqlRow[]>;
  /** Several parameterless statements (DDL). */
  exec(sql: string): Promise<void>;
}

export interface SqlDriver extends SqlExecutor {
  /** `pglite` or `postgres`, for messages and the status page. */
  readonly kind: "pglite" | "postgres";
  /** Runs `fn` in a transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenDriverOptions {
  /** A `postgresql://` URL; when set, `pg` is used. */
  databaseUrl?: string;
  /** PGlite data directory; omitted or `memory://` keeps the database in memory. */
  dataDir?: string;
}

/** PostgreSQL when a URL is given, otherwise PGlite in `dataDir`. */
export async function openDriver(options: OpenDriverOptions): Promise<SqlDriver> {
  if (options.databaseUrl) {
    const { openPostgresDriver } = await import("./postgres.ts");
    return openPostgresDriver(options.databaseUrl);
  }
  const { openPgliteDriver } = await import("./pglite.ts");
  return openPgliteDriver(options.dataDir);
}
