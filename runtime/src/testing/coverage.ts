import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { paletteFor, type Output } from "./reporter.ts";

type Wabt = {
  readWasm(buffer: Uint8Array, options: Record<string, boolean>): {
    generateNames(): void;
    applyNames(): void;
    toText(options: Record<string, boolean>): string;
    destroy(): void;
  };
};

/** Post-MVP features asc 0.19 can emit (sign extension above all); wabt 1.0.24 needs them named. */
const WASM_FEATURES = {
  mutable_globals: true,
  sat_float_to_int: true,
  sign_extension: true,
  bulk_memory: true,
  multi_value: true,
  reference_types: true,
};

async function loadWabt(): Promise<Wabt> {
  const factory = createRequire(import.meta.url)("wabt") as () => Promise<Wabt>;
  return factory();
}

/**
 * Matchstick's coverage rule (`-c`): a handler counts as tested when some compiled test module
 * contains a `call` to a function whose name includes the handler's. Handlers that asc inlined
 * are missed, as in Matchstick; exporting them from the test file keeps the call.
 */
export async function reportCoverage(
  wasmFiles: string[],
  sources: Array<{ source: string; handlers: string[] }>,
  out: Output,
): Promise<{ called: number; total: number }> {
  const wabt = await loadWabt();
  const calls: string[] = [];
  for (const file of wasmFiles) {
    const module = wabt.readWasm(readFileSync(file), { readDebugNames: true, ...WASM_FEATURES });
    module.applyNames();
    for (const line of module.toText({}).split("\n")) {
      if (/\bcall\b/.test(line)) calls.push(line);
    }
    module.destroy();
  }
  const pc = paletteFor(out);
  out.write(pc.cyan("\nRunning in coverage report mode.\n\nGenerating coverage report 📝\n") + "\n");
  let called = 0;
  let total = 0;
  for (const { source, handlers } of sources) {
    out.write(`Handlers for source '${source}':\n`);
    let sourceCalled = 0;
    for (const handler of handlers) {
      const tested = calls.some((line) => line.includes(handler));
      if (tested) sourceCalled++;
      out.write(tested ? pc.green(`Handler '${handler}' is tested.\n`) : pc.red(`Handler '${handler}' is not tested.\n`));
    }
    out.write(`Test coverage: ${percent(sourceCalled, handlers.length)} (${sourceCalled}/${handlers.length} handlers).\n\n`);
    called += sourceCalled;
    total += handlers.length;
  }
  out.write(`Global test coverage: ${percent(called, total)} (${called}/${total} handlers).\n`);
  return { called, total };
}

function percent(n: number, total: number): string {
  return `${total === 0 ? "0.0" : ((n / total) * 100).toFixed(1)}%`;
}
