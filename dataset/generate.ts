/**
 * CLI: writes a seeded Livepeer dataset (raw JSONL, runtime/src/chain/dataset.ts) and its state
 * account next to it.
 *
 *   node --import tsx dataset/generate.ts --seed 1 --out data/small.jsonl [--scale small|bench|<events>]
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { LATEST_START_BLOCK } from "./addresses.ts";
import { Chain } from "./chain.ts";
import { createRandom } from "./random.ts";
import { runScenario, SCALES, type Scale } from "./scenario.ts";
import { stateAccount } from "./state.ts";

/** Where the dataset starts: after every data source's start block, at Arbitrum's L1 block of that time (Oct 2023). */
export const START = { l2Block: LATEST_START_BLOCK + 10_000, l1Block: 18_300_000, timestamp: 1_696_800_000 };

export function resolveScale(name: string): Scale {
  if (SCALES[name]) return SCALES[name];
  const events = Number(name);
  if (!Number.isInteger(events) || events <= 0) throw new Error(`--scale must be small, bench or a number of events, got ${name}`);
  return { ...SCALES.bench, rounds: 1, events, actionsPerRound: Math.min(4_000, Math.max(50, Math.floor(events / 400))), ticketsPerRound: Math.min(2_000, Math.max(20, Math.floor(events / 800))) };
}

export type GenerateResult = { file: string; stateFile: string; stats: Chain["stats"]; head: number; ms: number };

/** Writes `out` (header line, then one block per line, buffered) and `out.state.json`. */
export function generate(options: { seed: number; out: string; scale: string | Scale }): GenerateResult {
  const started = performance.now();
  const scale = typeof options.scale === "string" ? resolveScale(options.scale) : options.scale;
  mkdirSync(path.dirname(path.resolve(options.out)), { recursive: true });
  const fd = openSync(options.out, "w");
  let buffer: string[] = [];
  let size = 0;
  const flush = () => {
    if (buffer.length > 0) writeSync(fd, buffer.join(""));
    buffer = [];
    size = 0;
  };
  // The header's head is unknown until the end; a fixed-width placeholder is rewritten in place.
  const placeholder = (head: number) => JSON.stringify({ format: "raw-blocks", version: 1, network: "arbitrum-one", head }).padEnd(96) + "\n";
  writeSync(fd, placeholder(0));
  const chain = new Chain(START, options.seed, (line) => {
    buffer.push(line, "\n");
    size += line.length;
    if (size > 1 << 20) flush();
  });
  const protocol = runScenario(chain, createRandom(options.seed), scale);
  flush();
  const head = chain.stats.lastBlock;
  writeSync(fd, placeholder(head), 0);
  closeSync(fd);
  const stateFile = `${options.out}.state.json`;
  writeFileSync(stateFile, JSON.stringify(stateAccount(protocol, { seed: options.seed, scale: options.scale }), null, 1) + "\n");
  return { file: options.out, stateFile, stats: chain.stats, head, ms: performance.now() - started };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { seed: { type: "string", default: "1" }, out: { type: "string" }, scale: { type: "string", default: "small" } } });
  if (!values.out) {
    console.error("usage: node --import tsx dataset/generate.ts --seed N --out FILE [--scale small|bench|<events>]");
    process.exit(2);
  }
  const result = generate({ seed: Number(values.seed), out: values.out, scale: values.scale! });
  const { stats } = result;
  console.log(
    `${result.file}: ${stats.blocks} blocks, ${stats.transactions} transactions, ${stats.logs} logs, ${stats.calls} eth_call answers, head ${result.head}; ` +
      `${(result.ms / 1000).toFixed(1)} s (${Math.round(stats.logs / (result.ms / 1000))} logs/s); state in ${result.stateFile}`,
  );
}
