import { parseArgs } from "node:util";
import pc from "picocolors";
import { runScenariosCommand, SCENARIOS_USAGE } from "./scenarios.ts";
import { runIndexCommand } from "./index.ts";
import { runServeCommand } from "./serve.ts";
import { runTestCommand } from "./test.ts";

const USAGE = `Usage: subgraph-runtime <command> [options]

Commands:
  test [PATHS...]   Run matchstick-as unit tests (tests/**/*.test.ts) without the Matchstick binary.
      -r, --recompile   Recompile every test file, ignoring the cache
      --wasm FILE       Run a precompiled test module (repeatable)
      -c, --coverage    Report which manifest handlers the tests call
      -w, --watch       Recompile and rerun what changed
      --cwd DIR         Subgraph folder (default: current folder)
  index [MANIFEST]  Index a subgraph (default ./subgraph.yaml) into the store, serving GraphQL meanwhile.
      --dataset FILE    Recorded blocks: gnd-test .json, raw .jsonl or .jsonl.gz
      --rpc URL         JSON-RPC node; its chain id must match the manifest's network
      --network NAME    Use the addresses and start blocks of NAME in networks.json
      --from N          First block when the store is empty (default: lowest startBlock)
      --to N            Last block to index
      --exit            Exit when indexing ends or fails instead of serving until Ctrl-C
      --database URL    PostgreSQL URL (default: $DATABASE_URL, else PGlite in --data-dir)
      --namespace NAME  Metadata schema of the store (default: subgraphs), to keep stores apart
      --data-dir DIR    PGlite data directory (default: .data/ beside the manifest)
      --port N          Port (default: 8000)
      --host HOST       Address to bind (default: 127.0.0.1)
      --name NAME       Subgraph name (default: the manifest's folder name)
      --batch-blocks N  Blocks written per database transaction (default: 2000)
      --finality-depth N  Blocks behind the RPC head that cannot reorganize (default: 64)
      --progress-interval MS  Progress lines when stderr is not a terminal (default: 5000)
  serve             Serve the GraphQL API of an indexed store (graph-node compatible).
      --database URL    PostgreSQL URL (default: PGlite in --data-dir)
      --namespace NAME  Metadata schema of the store (default: subgraphs)
      --data-dir DIR    PGlite data directory (default: .data/)
      --port N          Port (default: 8000)
      --host HOST       Address to bind (default: 127.0.0.1)
      --name NAME       Subgraph name (default: the newest deployment)
${SCENARIOS_USAGE}`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "test": {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: {
          recompile: { type: "boolean", short: "r", default: false },
          wasm: { type: "string", multiple: true, default: [] },
          coverage: { type: "boolean", short: "c", default: false },
          watch: { type: "boolean", short: "w", default: false },
          cwd: { type: "string", default: process.cwd() },
        },
      });
      return runTestCommand({
        projectDir: values.cwd!,
        patterns: positionals,
        recompile: values.recompile!,
        wasmFiles: values.wasm!,
        coverage: values.coverage!,
        watch: values.watch!,
      });
    }
    case "scenarios":
      return runScenariosCommand(rest);
    case "index": {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: {
          dataset: { type: "string" },
          rpc: { type: "string" },
          network: { type: "string" },
          from: { type: "string" },
          to: { type: "string" },
          exit: { type: "boolean", default: false },
          database: { type: "string" },
          namespace: { type: "string" },
          "data-dir": { type: "string" },
          port: { type: "string", default: "8000" },
          host: { type: "string", default: "127.0.0.1" },
          name: { type: "string" },
          "batch-blocks": { type: "string" },
          "finality-depth": { type: "string" },
          "progress-interval": { type: "string" },
        },
      });
      if (positionals.length > 1) throw new Error(`index takes one manifest, got ${positionals.join(" ")}`);
      return runIndexCommand({
        manifestFile: positionals[0] ?? "subgraph.yaml",
        dataset: values.dataset,
        rpc: values.rpc,
        network: values.network,
        from: integer(values.from, "--from"),
        to: integer(values.to, "--to"),
        exit: values.exit!,
        databaseUrl: values.database ?? process.env.DATABASE_URL,
        namespace: values.namespace,
        dataDir: values["data-dir"],
        port: port(values.port!),
        host: values.host!,
        name: values.name,
        batchBlocks: integer(values["batch-blocks"], "--batch-blocks", 1),
        finalityDepth: integer(values["finality-depth"], "--finality-depth"),
        progressIntervalMs: integer(values["progress-interval"], "--progress-interval"),
        out: process.stdout,
        err: process.stderr,
      });
    }
    case "serve": {
      const { values } = parseArgs({
        args: rest,
        options: {
          database: { type: "string" },
          namespace: { type: "string" },
          "data-dir": { type: "string", default: ".data" },
          port: { type: "string", default: "8000" },
          host: { type: "string", default: "127.0.0.1" },
          name: { type: "string" },
        },
      });
      return runServeCommand({
        databaseUrl: values.database ?? process.env.DATABASE_URL,
        namespace: values.namespace,
        dataDir: values["data-dir"]!,
        port: port(values.port!),
        host: values.host!,
        name: values.name,
        out: process.stdout,
      });
    }
    case undefined:
    case "help":
    case "--help":
    case "-h":
      process.stdout.write(USAGE);
      return command === undefined ? 1 : 0;
    default:
      process.stderr.write(`Unknown command \`${command}\`.\n\n${USAGE}`);
      return 1;
  }
}

function port(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`invalid --port \`${text}\``);
  return n;
}

function integer(text: string | undefined, flag: string, min = 0): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < min) throw new Error(`invalid ${flag} \`${text}\`: expected an integer ≥ ${min}`);
  return n;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(pc.red(`${error instanceof Error ? error.message : String(error)}\n`));
    process.exitCode = 1;
  },
);
