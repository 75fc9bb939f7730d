/** The embedded driver: PGlite (PostgreSQL compiled to WASM), one connection per process. */
import { PGlite, type Transaction } from "@electric-sql/pglite";
import type { SqlDriver, SqlExecutor, SqlRow } from "./driver.ts";

function executor(db: PGlite | Transaction): SqlExecutor {
  return {
    async query(sql, params = []) {
      const r = await db.query<SqlRow>(sql, params as unknown[]);
      return r.rows;
    },
    async exec(sql) {
      await db.exec(sql);
    },
  };
}

export interface PgliteOptions {
  /**
   * A data directory dumped by `PGlite.dumpDataDir` to start from: much faster than running
   * initdb again (tests keep one in the temp directory).
   */
  loadDataDir?: Blob;
}

/** Opens (creating if needed) the PGlite database in `dataDir`, or in memory without one. */
export async function openPgliteDriver(dataDir?: string, options: PgliteOptions = {}): Promise<SqlDriver> {
  const dir = dataDir && dataDir !== "memory://" ? dataDir : undefined;
  const db = new PGlite(dir, { loadDataDir: options.loadDataDir });
  await db.waitReady;
  const base = executor(db);
  return {
    kind: "pglite",
    query: base.query,
    exec: base.exec,
    transaction: (fn) => db.transaction((tx) => fn(executor(tx))),
    close: () => db.close(),
  };
}
