/** The server driver: a `pg` pool; a transaction holds one client until it ends. */
import pg from "pg";
import type { SqlDriver, SqlExecutor, SqlRow } from "./driver.ts";

function executor(client: pg.Pool | pg.PoolClient): SqlExecutor {
  return {
    async query(sql, params = []) {
      const r = await client.query<SqlRow>(sql, params as unknown[]);
      return r.rows;
    },
    async exec(sql) {
      await client.query(sql);
    },
  };
}

/** Connects a pool to `url` (checked with one round trip, so a bad URL fails here). */
export async function openPostgresDriver(url: string): Promise<SqlDriver> {
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  // An idle client's network error must not crash the process; the next query reconnects.
  pool.on("error", () => {});
  await pool.query("select 1");
  const base = executor(pool);
  return {
    kind: "postgres",
    query: base.query,
    exec: base.exec,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query("begin");
        const result = await fn(executor(client));
        await client.query("commit");
        return result;
      } catch (e) {
        await client.query("rollback").catch(() => {});
        throw e;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
