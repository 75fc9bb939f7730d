import { parseArgs } from "node:util";
import pc from "picocolors";
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
  serve             Serve the GraphQL API of an indexed store (graph-node compatible).
      --database URL    PostgreSQL URL (default: PGlite in --data-dir)
      --data-dir DIR    PGlite data directory (default: .data/)
      --port N          Port (default: 8000)
      --host HOST       Address to bind (default: 127.0.0.1)
      --name NAME       Subgraph name (default: the newest deployment)
`;

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
    case "serve": {
      const { values } = parseArgs({
        args: rest,
        options: {
          database: { type: "string" },
          "data-dir": { type: "string", default: ".data" },
          port: { type: "string", default: "8000" },
          host: { type: "string", default: "127.0.0.1" },
          name: { type: "string" },
        },
      });
      const port = Number(values.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid --port \`${values.port}\``);
      return runServeCommand({
        databaseUrl: values.database ?? process.env.DATABASE_URL,
        dataDir: values["data-dir"]!,
        port,
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

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(pc.red(`${error instanceof Error ? error.message : String(error)}\n`));
    process.exitCode = 1;
  },
);
