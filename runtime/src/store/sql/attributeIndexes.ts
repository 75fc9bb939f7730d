/**
 * Attribute indexes created after catching up (`OpenStoreOptions.postponeAttributeIndexes`).
 * A flag in the deployment's status row says they are still to be made, so a restarted
 * indexer, or `serve`, knows; each statement is `create index if not exists`, so a run cut
 * short resumes where it stopped.
 */
import type { SqlExecutor } from "./driver.ts";
import { attributeIndexDdl, type Layout } from "./layout.ts";
import { metaTables } from "./metadata.ts";

export async function markAttributeIndexesPending(db: SqlExecutor, ns: string, deployment: number): Promise<void> {
  await db.query(`update ${metaTables(ns).status} set attribute_indexes_pending = true where deployment = $1`, [deployment]);
}

export async function attributeIndexesPending(db: SqlExecutor, ns: string, deployment: number): Promise<boolean> {
  const rows = await db.query(`select attribute_indexes_pending as pending from ${metaTables(ns).status} where deployment = $1`, [deployment]);
  return rows[0]?.pending === true;
}

/** Creates what is pending; returns how many index statements ran (0 when none were pending). */
export async function createPendingAttributeIndexes(db: SqlExecutor, ns: string, deployment: number, layout: Layout): Promise<number> {
  if (!(await attributeIndexesPending(db, ns, deployment))) return 0;
  let count = 0;
  for (const t of layout.tables.values()) {
    for (const stmt of attributeIndexDdl(t)) {
      await db.exec(stmt);
      count++;
    }
  }
  await db.query(`update ${metaTables(ns).status} set attribute_indexes_pending = false where deployment = $1`, [deployment]);
  return count;
}
