import { readFileSync } from "node:fs";
import path from "node:path";
import type { CompileResult } from "./compile.ts";
import { compileMany } from "./compilePool.ts";
import { discoverTestFiles, loadManifestInfo, loadTestConfig, selectTestFiles, type TestFile } from "./config.ts";
import { reportCoverage } from "./coverage.ts";
import { loadMatchstickSchema } from "./matchstickSchema.ts";
import { createReporter, paletteFor, type Output } from "./reporter.ts";
import { loadSourceLocator } from "./sourceMap.ts";
import { runSuite, type SuiteResult } from "./suite.ts";

export type TestRunOptions = {
  projectDir: string;
  /** Test files, folders or Matchstick-style name prefixes; empty means all. */
  patterns: string[];
  /** Ignore the compile cache. */
  recompile: boolean;
  /** Precompiled test modules to run instead of compiling (`--wasm`). */
  wasmFiles: string[];
  coverage: boolean;
  out: Output;
};

export type TestRunSummary = {
  passed: number;
  failed: number;
  skipped: number;
  exitCode: number;
  suites: SuiteResult[];
};

type Suite = { name: string; wasmFile: string };

/** `subgraph-runtime test`: discover, compile (cached), run, report. */
export async function runTests(requested: TestRunOptions): Promise<TestRunSummary> {
  const started = performance.now();
  const options = { ...requested, projectDir: path.resolve(requested.projectDir) };
  const pc = paletteFor(options.out);
  const config = loadTestConfig(options.projectDir);
  if (config.warning) options.out.write(pc.yellow(`⚠️  ${config.warning}`) + "\n");
  const manifest = loadManifestInfo(config.manifestPath);
  const schema = loadMatchstickSchema(readFileSync(manifest.schemaFile, "utf8"));
  const reporter = createReporter(options.out);

  const suites: Suite[] = options.wasmFiles.map((file) => ({
    name: path.basename(file, ".wasm"),
    wasmFile: path.resolve(options.projectDir, file),
  }));
  if (options.wasmFiles.length === 0) {
    const all = discoverTestFiles(config.testsFolder);
    if (all.length === 0) throw new Error(`No tests have been written yet (no *.test.ts under ${config.testsFolder}).`);
    const selected = selectTestFiles(all, options.patterns, config.testsFolder, options.projectDir);
    suites.push(...(await compileAll(selected, config.testsFolder, config.libsFolder, options, reporter)));
  }

  if (options.coverage) {
    await reportCoverage(suites.map((s) => s.wasmFile), manifest.handlers, options.out);
    return { passed: 0, failed: 0, skipped: 0, exitCode: 0, suites: [] };
  }

  const results: SuiteResult[] = [];
  for (const suite of suites) {
    const module = new WebAssembly.Module(readFileSync(suite.wasmFile));
    const observer = reporter.suiteStart(suite.name);
    const result = runSuite({
      name: suite.name,
      module,
      schema,
      templates: manifest.templates,
      cwd: options.projectDir,
      observer,
      locate: loadSourceLocator(suite.wasmFile),
    });
    reporter.suiteEnd(result);
    results.push(result);
  }
  const totals = reporter.finish(performance.now() - started);
  return { ...totals, exitCode: totals.failed > 0 ? 1 : 0, suites: results };
}

async function compileAll(
  files: TestFile[],
  testsFolder: string,
  libsFolder: string,
  options: TestRunOptions,
  reporter: ReturnType<typeof createReporter>,
): Promise<Suite[]> {
  const requests = files.map((file) => ({
    source: file.file,
    outFile: path.join(testsFolder, ".bin", `${file.name}.wasm`),
    projectDir: options.projectDir,
    libsFolder,
    force: options.recompile,
  }));
  const results = new Map<string, CompileResult>();
  await compileMany(options.projectDir, requests, (request, result) => results.set(request.source, result));
  const pc = paletteFor(options.out);
  const suites: Suite[] = [];
  for (const file of files) {
    const result = results.get(file.file)!;
    if (result.ok) {
      const note = result.cached ? pc.dim("cached") : pc.dim(`compiled in ${(result.ms / 1000).toFixed(1)}s`);
      options.out.write(pc.italic(`💬 ${file.name} ${note}`) + "\n");
      suites.push({ name: file.name, wasmFile: result.wasmFile });
    } else {
      options.out.write(pc.red(`𝖷 ${file.name} failed to compile:\n${result.message}`) + "\n");
      reporter.compileFailed(file.name, result.message);
    }
  }
  return suites;
}
