import { watch } from "node:fs";
import path from "node:path";
import pc from "picocolors";
import { runTests, type TestRunOptions } from "../testing/runner.ts";

export type TestCommandOptions = Omit<TestRunOptions, "out"> & { watch: boolean };

const IGNORED = /(^|[\\/])(node_modules|\.bin|build|\.git)([\\/]|$)/;

/** `subgraph-runtime test`; with `--watch`, reruns after every change until interrupted. */
export async function runTestCommand(options: TestCommandOptions): Promise<number> {
  // picocolors reads the terminal and NO_COLOR / FORCE_COLOR / CI for the real stdout.
  const out = { write: (text: string) => void process.stdout.write(text), color: pc.isColorSupported };
  const projectDir = path.resolve(options.projectDir);
  const run = () => runTests({ ...options, projectDir, out });
  if (!options.watch) return (await run()).exitCode;

  await run().catch(report);
  out.write(pc.dim("\nWatching for changes (Ctrl-C to stop)...\n"));
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  // Unchanged test files are skipped by the compile cache, so a rerun recompiles only what
  // the change reached and reruns from the cached modules otherwise.
  watch(projectDir, { recursive: true }, (_event, file) => {
    if (!file || IGNORED.test(file) || !/\.(ts|graphql|ya?ml|json)$/.test(file)) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(async () => {
      if (running) return;
      running = true;
      out.write(pc.dim(`\n${file} changed, rerunning...\n`));
      await run().catch(report);
      running = false;
    }, 150);
  });
  return new Promise<number>(() => {});
}

function report(error: unknown): void {
  process.stderr.write(pc.red(`${error instanceof Error ? error.message : String(error)}\n`));
}
