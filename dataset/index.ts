/**
 * Indexes a dataset through the real runtime (the built manifest, the indexer, the SQL store on
 * PGlite or PostgreSQL) and returns the entities as plain rows, so the comparison does not depend
 * on the store behind them. `npm run build` must have compiled the mappings into build/.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { createDatasetSource } from "../runtime/src/chain/dataset.ts";
import { createQueryApi, type GraphQLResponse } from "../runtime/src/graphql/execute.ts";
import { plainEntity } from "../runtime/src/common/values.ts";
import { manifestModules } from "../runtime/src/indexer/build.ts";
import { Indexer, minStartBlock, type IndexingResult } from "../runtime/src/indexer/indexer.ts";
import { createSqlIndexingStore } from "../runtime/src/indexer/sqlStore.ts";
import { loadManifest } from "../runtime/src/manifest/manifest.ts";
import type { SqlDriver } from "../runtime/src/store/sql/driver.ts";
import { dropNamespace, openStore } from "../runtime/src/store/sql/store.ts";
import { ROOT } from "./abi.ts";

export type Row = Record<string, unknown>;
/** Rows of an entity type; values are plain (BigInt/BigDecimal as strings, Bytes as hex, null). */
export type Rows = (type: string) => Row[];

export type IndexOutcome = {
  result: IndexingResult;
  rows: Rows;
  types: string[];
  ms: number;
  warnings: string[];
  /** The answers to `queries`, asked of the GraphQL API after indexing. */
  answers: GraphQLResponse[];
};

/** The manifest `graph build --network arbitrum-one` wrote, with its compiled mappings. */
export function builtManifest(): string {
  const file = path.join(ROOT, "build", "subgraph.yaml");
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run codegen && npm run build\` first`);
  return file;
}

/** Indexes `file` into a fresh namespace of `driver`, reads every entity back, and drops it. */
export async function indexDataset(file: string, driver: SqlDriver, queries: string[] = []): Promise<IndexOutcome> {
  const started = performance.now();
  const manifest = loadManifest(builtManifest());
  const namespace = `dataset_${process.pid}_${Date.now().toString(36)}`;
  const sql = await openStore({
    driver,
    namespace,
    name: "livepeer",
    schema: readFileSync(manifest.schemaFile, "utf8"),
    specVersion: manifest.specVersion,
  });
  const warnings: string[] = [];
  try {
    const indexer = new Indexer({
      manifest,
      schema: sql.model,
      store: await createSqlIndexingStore(sql),
      source: createDatasetSource(file, { startBlock: minStartBlock(manifest) }),
      loadModule: manifestModules(manifest, ROOT),
      batch: { blocks: 500, ms: 60_000 },
      log(level, message, where) {
        if (level <= 2) warnings.push(`${where.handler ?? ""}@${where.block ?? ""}: ${message}`);
      },
    });
    const result = await indexer.run();
    const types = sql.model.entityTypes.map((t) => t.name);
    const tables = new Map<string, Row[]>();
    for (const type of types) tables.set(type, (await sql.currentEntities(type)).map(plainEntity));
    const api = createQueryApi(sql);
    const answers: GraphQLResponse[] = [];
    for (const query of queries) answers.push(await api.execute({ query }));
    return { result, rows: (type) => tables.get(type) ?? [], types, ms: performance.now() - started, warnings, answers };
  } finally {
    await dropNamespace(driver, namespace);
  }
}
