/**
 * Scenario tests in graph-node's `gnd test` format: each JSON file's blocks go through the real
 * indexer into a fresh deployment of the SQL store, then its GraphQL assertions run against the
 * query API and are compared as `gnd test` compares them (see compare.ts).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { createDatasetSource, readGndTest } from "../chain/dataset.ts";
import { errorMessage } from "../common/errors.ts";
import { createQueryApi } from "../graphql/execute.ts";
import { manifestModules } from "../indexer/build.ts";
import { Indexer, minStartBlock } from "../indexer/indexer.ts";
import { createSqlIndexingStore } from "../indexer/sqlStore.ts";
import { loadManifest } from "../manifest/manifest.ts";
import { loadSchema } from "../schema/model.ts";
import { openDriver, type SqlDriver } from "../store/sql/driver.ts";
import { dropNamespace, openStore } from "../store/sql/store.ts";
import { paletteFor, type Output } from "../testing/reporter.ts";
import { gndMismatch } from "./compare.ts";

export type ScenarioRunOptions = {
  projectDir: string;
  /** Default: `subgraph.yaml` in `projectDir`. */
  manifestFile?: string;
  /** Apply this network's addresses and start blocks from networks.json. */
  network?: string;
  /** Scenario files or folders (default `tests/scenarios`); folders are searched for `*.json`. */
  paths: string[];
  /** A PostgreSQL URL; without it an in-memory PGlite is used. */
  databaseUrl?: string;
  out: Output;
};

export type ScenarioSummary = { passed: number; failed: number; exitCode: number };

/** One scenario's outcome: the assertions that failed, or why it could not run them. */
type Outcome = { name: string; assertions: number; failures: string[] };

export async function runScenarios(options: ScenarioRunOptions): Promise<ScenarioSummary> {
  const started = performance.now();
  const pc = paletteFor(options.out);
  const projectDir = path.resolve(options.projectDir);
  const files = findScenarios(projectDir, options.paths.length > 0 ? options.paths : ["tests/scenarios"]);
  if (files.length === 0) throw new Error(`no scenario files (*.json) under ${options.paths.join(", ") || "tests/scenarios"}`);
  const manifest = loadManifest(path.resolve(projectDir, options.manifestFile ?? "subgraph.yaml"), { network: options.network });
  const schemaSdl = readFileSync(manifest.schemaFile, "utf8");
  loadSchema(schemaSdl, { specVersion: manifest.specVersion });
  const loadModule = manifestModules(manifest, projectDir);
  const driver = await openDriver({ databaseUrl: options.databaseUrl });
  let passed = 0;
  let failed = 0;
  try {
    for (const [i, file] of files.entries()) {
      const namespace = `scenario_${process.pid}_${i}`;
      const outcome = await runScenario(file, { driver, namespace, manifest, schemaSdl, loadModule }).finally(() =>
        dropNamespace(driver, namespace),
      );
      const relative = path.relative(projectDir, file);
      const where = relative.startsWith("..") ? file : relative;
      if (outcome.failures.length === 0) {
        passed++;
        options.out.write(`${pc.green("√")} ${outcome.name} ${pc.dim(`(${where}, ${outcome.assertions} assertions)`)}\n`);
      } else {
        failed++;
        options.out.write(`${pc.red("𝖷")} ${outcome.name} ${pc.dim(`(${where})`)}\n`);
        for (const failure of outcome.failures) options.out.write(pc.red(`    ${failure.replace(/\n/g, "\n    ")}`) + "\n");
      }
    }
  } finally {
    await driver.close();
  }
  options.out.write(pc.dim(`\nRan in ${((performance.now() - started) / 1000).toFixed(2)}s`) + "\n");
  options.out.write(`${passed} passed, ${failed} failed\n`);
  return { passed, failed, exitCode: failed > 0 ? 1 : 0 };
}

async function runScenario(
  file: string,
  ctx: {
    driver: SqlDriver;
    namespace: string;
    manifest: ReturnType<typeof loadManifest>;
    schemaSdl: string;
    loadModule: (file: string) => Uint8Array;
  },
): Promise<Outcome> {
  const startBlock = minStartBlock(ctx.manifest);
  let test;
  try {
    test = readGndTest(file, { startBlock });
  } catch (error) {
    return { name: path.basename(file), assertions: 0, failures: [errorMessage(error)] };
  }
  const name = test.name || path.basename(file, ".json");
  const store = await openStore({
    driver: ctx.driver,
    namespace: ctx.namespace,
    name,
    schema: ctx.schemaSdl,
    specVersion: ctx.manifest.specVersion,
    startBlock,
  });
  const indexer = new Indexer({
    manifest: ctx.manifest,
    schema: store.model,
    store: await createSqlIndexingStore(store),
    source: createDatasetSource(file, { startBlock }),
    loadModule: ctx.loadModule,
  });
  const result = await indexer.run();
  if (result.outcome === "failed") {
    const e = result.error!;
    const where = [e.dataSource, e.handler].filter(Boolean).join(".");
    return { name, assertions: test.assertions.length, failures: [`indexing failed at block ${e.block.number}${where ? ` in ${where}` : ""}: ${e.message}`] };
  }
  const api = createQueryApi(store);
  const failures: string[] = [];
  for (const [i, assertion] of test.assertions.entries()) {
    const response = await api.execute({ query: assertion.query });
    const label = `assertion ${i + 1} (${oneLine(assertion.query)})`;
    if (response.errors) failures.push(`${label}: ${response.errors.map((e) => e.message).join("; ")}`);
    else {
      const mismatch = gndMismatch(assertion.expected, response.data ?? null);
      if (mismatch) failures.push(`${label}: ${mismatch}`);
    }
  }
  return { name, assertions: test.assertions.length, failures };
}

function oneLine(query: string): string {
  const text = query.replace(/\s+/g, " ").trim();
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

/** Scenario files: the given files, and `*.json` under the given folders, sorted. */
function findScenarios(projectDir: string, paths: string[]): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    const full = path.resolve(projectDir, p);
    let stat;
    try {
      stat = statSync(full);
    } catch {
      throw new Error(`${p}: no such file or folder`);
    }
    if (stat.isFile()) out.push(full);
    else for (const entry of readdirSync(full).sort()) if (entry.endsWith(".json") || statSync(path.join(full, entry)).isDirectory()) walk(path.join(full, entry));
  };
  for (const p of paths) walk(p);
  return out;
}
