import { parseArgs } from "node:util";
import pc from "picocolors";
import { runScenarios } from "../scenario/run.ts";

export const SCENARIOS_USAGE = `  scenarios [PATHS...]  Run gnd-test scenario files (default tests/scenarios/*.json) through the
                        indexer, a fresh store and the GraphQL API, and check their assertions.
      --manifest FILE   Subgraph manifest (default: subgraph.yaml)
      --network NAME    Use this network's addresses and start blocks from networks.json
      --database URL    PostgreSQL URL (default: an in-memory PGlite)
      --cwd DIR         Subgraph folder (default: current folder)
`;

/** `subgraph-runtime scenarios`. */
export async function runScenariosCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      manifest: { type: "string" },
      network: { type: "string" },
      database: { type: "string" },
      cwd: { type: "string", default: process.cwd() },
    },
  });
  const summary = await runScenarios({
    projectDir: values.cwd!,
    manifestFile: values.manifest,
    network: values.network,
    paths: positionals,
    databaseUrl: values.database,
    out: { write: (text) => void process.stdout.write(text), color: pc.isColorSupported },
  });
  return summary.exitCode;
}
