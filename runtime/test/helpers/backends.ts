/**
 * The databases runtime store tests run on: PGlite always, PostgreSQL too when `DATABASE_URL`
 * is set. Every store gets its own namespace (metadata schema plus deployment schemas), which
 * `cleanup` drops, so runs never see each other's tables.
 */
import { randomBytes } from "node:crypto";
import { readFile, rename, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { openDriver, type SqlDriver } from "../../src/store/sql/driver.ts";
import { openPgliteDriver } from "../../src/store/sql/pglite.ts";
import { dropNamespace, openStore, type OpenStoreOptions, type SqlStore } from "../../src/store/sql/store.ts";

export interface Backend {
  readonly name: string;
  /** Opens the shared driver (once per test file). */
  open(): Promise<SqlDriver>;
}

/**
 * An in-memory PGlite started from a dumped fresh cluster: initdb under WASM takes many
 * seconds, loading its result a fraction of that. The dump is cached in the temp directory.
 */
async function openPglite(): Promise<SqlDriver> {
  // Keyed by the installed PGlite build, so an upgrade never loads an incompatible dump.
  const build = await stat(fileURLToPath(import.meta.resolve("@electric-sql/pglite")));
  const file = path.join(tmpdir(), `subgraph-runtime-pglite-${build.size}-${Math.floor(build.mtimeMs)}.tar`);
  let dump: Blob;
  try {
    dump = new Blob([await readFile(file)]);
  } catch {
    const db = new PGlite();
    await db.waitReady;
    dump = await db.dumpDataDir("none");
    await db.close();
    const partial = `${file}.${process.pid}`;
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await rename(partial, file);
  }
  return openPgliteDriver(undefined, { loadDataDir: dump });
}

/** PGlite (in memory), plus PostgreSQL when `DATABASE_URL` is set. */
export function backends(): Backend[] {
  const list: Backend[] = [{ name: "pglite", open: openPglite }];
  const url = process.env.DATABASE_URL;
  if (url) list.push({ name: "postgres", open: () => openDriver({ databaseUrl: url }) });
  return list;
}

/** A namespace no other run uses. */
export function uniqueNamespace(): string {
  return `t_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
}

/** Opens a store in a fresh namespace; `drop` removes everything it created. */
export async function freshStore(
  driver: SqlDriver,
  options: Omit<OpenStoreOptions, "driver" | "namespace">,
): Promise<{ store: SqlStore; drop: () => Promise<void> }> {
  const namespace = uniqueNamespace();
  const store = await openStore({ ...options, driver, namespace });
  return { store, drop: () => dropNamespace(driver, namespace) };
}
