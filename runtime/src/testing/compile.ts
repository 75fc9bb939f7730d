import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/** Matchstick's compiler flags (LimeChain/matchstick `src/compiler`): graph build's, plus the table. */
export const MATCHSTICK_ASC_FLAGS = ["--explicitStart", "--exportTable", "--runtime", "stub", "--optimize", "--debug"];

/**
 * Added to Matchstick's flags: a source map beside the module, so failures can name the test
 * file line. It only adds a `sourceMappingURL` custom section; the code is identical.
 */
const EXTRA_ASC_FLAGS = ["--sourceMap"];

/** Bump when what this file writes changes, so old cache entries are not reused. */
const CACHE_FORMAT = 2;

export type AscCompiler = {
  version: string;
  main(argv: string[], options: Record<string, unknown>, callback: (error: Error | null) => number): number;
};

export type CompileRequest = {
  /** Test file (absolute). */
  source: string;
  /** Where the wasm goes (absolute). */
  outFile: string;
  /** The subgraph folder; source names in errors and maps are relative to it. */
  projectDir: string;
  /** Folder holding node_modules packages (`--lib`). */
  libsFolder: string;
  /** Recompile even if the cache says the output is current. */
  force?: boolean;
};

export type CompileResult =
  | { ok: true; wasmFile: string; cached: boolean; ms: number }
  | { ok: false; message: string; ms: number };

type DepsRecord = { key: string; files: Record<string, string> };

/**
 * Loads the AssemblyScript compiler that graph-cli uses (0.19.x): graph-ts declares a newer
 * asc of its own, which is not the one `graph build` runs.
 */
export function loadAscCompiler(projectDir: string): AscCompiler {
  const file = locateAsc(projectDir).file;
  return createRequire(file)(file) as AscCompiler;
}

/** Where graph-cli's asc is and its version, without loading it (loading takes a second). */
export function locateAsc(projectDir: string): { file: string; version: string } {
  const fromProject = createRequire(path.join(projectDir, "package.json"));
  const candidates: Array<() => string> = [
    () => createRequire(fromProject.resolve("@graphprotocol/graph-cli/package.json")).resolve("assemblyscript/cli/asc"),
    () => fromProject.resolve("assemblyscript/cli/asc"),
  ];
  for (const candidate of candidates) {
    let file: string;
    try {
      file = candidate();
    } catch {
      continue;
    }
    const packageJson = path.join(path.dirname(file), "..", "package.json");
    return { file, version: (JSON.parse(readFileSync(packageJson, "utf8")) as { version: string }).version };
  }
  throw new Error(
    `Cannot find the AssemblyScript compiler from ${projectDir}. Install the subgraph's dependencies (npm install @graphprotocol/graph-cli @graphprotocol/graph-ts matchstick-as).`,
  );
}

/** Path of graph-ts's `global/global.ts`, the second entry file of every mapping module. */
export function graphTsGlobal(libsFolder: string): string {
  const file = path.join(libsFolder, "@graphprotocol", "graph-ts", "global", "global.ts");
  if (!existsSync(file)) {
    throw new Error(`Cannot find @graphprotocol/graph-ts in ${libsFolder} (looked for ${file}). Install it or set libsFolder in matchstick.yaml.`);
  }
  return file;
}

function sha256(content: string | Uint8Array): string {
  return createHash("sha256").update(content).digest("hex");
}

/**
 * Compiles one test file with Matchstick's flags, unless every source file the last compile
 * read still has the same content hash (tests, mappings, generated code, libraries alike).
 */
export function compileTestFile(asc: AscCompiler, request: CompileRequest): CompileResult {
  const started = performance.now();
  if (!request.force && isCompileCurrent(request, asc.version)) {
    return { ok: true, wasmFile: request.outFile, cached: true, ms: performance.now() - started };
  }

  const read: Record<string, string> = {};
  let stderr = "";
  let binary: Uint8Array | null = null;
  let sourceMap: string | null = null;
  const argv = [
    path.relative(request.projectDir, request.source),
    graphTsGlobal(request.libsFolder),
    "--lib",
    request.libsFolder,
    ...MATCHSTICK_ASC_FLAGS,
    ...EXTRA_ASC_FLAGS,
    "--baseDir",
    request.projectDir,
    "--outFile",
    request.outFile,
  ];
  let failure: Error | null = null;
  asc.main(
    argv,
    {
      stdout: { write: () => true },
      stderr: { write: (text: string) => ((stderr += text), true) },
      readFile: (name: string, baseDir: string) => {
        const file = path.resolve(baseDir, name);
        try {
          const text = readFileSync(file, "utf8");
          read[file] = sha256(text);
          return text;
        } catch {
          return null;
        }
      },
      writeFile: (name: string, contents: Uint8Array, baseDir: string) => {
        const file = path.resolve(baseDir, name);
        if (file === request.outFile) binary = contents;
        if (file === request.outFile + ".map") sourceMap = compactSourceMap(String(contents));
      },
      listFiles: () => [],
    },
    (error) => {
      failure = error;
      // asc reads this as its exit code: non-zero makes it stop after parse errors (such as a
      // missing import) instead of crashing further on.
      return error ? 1 : 0;
    },
  );
  const ms = performance.now() - started;
  if (failure !== null || binary === null || /ERROR/.test(stderr)) {
    const reason = stderr.trim() || (failure as Error | null)?.message || "the compiler produced no output";
    return { ok: false, message: reason, ms };
  }
  mkdirSync(path.dirname(request.outFile), { recursive: true });
  writeFileSync(request.outFile, binary);
  if (sourceMap !== null) writeFileSync(request.outFile + ".map", sourceMap);
  const record: DepsRecord = { key: cacheKey(request, asc.version), files: read };
  writeFileSync(request.outFile + ".deps.json", JSON.stringify(record));
  return { ok: true, wasmFile: request.outFile, cached: false, ms };
}

function cacheKey(request: CompileRequest, ascVersion: string): string {
  const flags = [...MATCHSTICK_ASC_FLAGS, ...EXTRA_ASC_FLAGS];
  return sha256(JSON.stringify({ format: CACHE_FORMAT, asc: ascVersion, flags, source: request.source }));
}

/** Whether the last compile of this file is still valid: same compiler and flags, every file it read unchanged. */
export function isCompileCurrent(request: CompileRequest, ascVersion: string): boolean {
  const depsFile = request.outFile + ".deps.json";
  if (!existsSync(depsFile) || !existsSync(request.outFile)) return false;
  let record: DepsRecord;
  try {
    record = JSON.parse(readFileSync(depsFile, "utf8")) as DepsRecord;
  } catch {
    return false;
  }
  if (record.key !== cacheKey(request, ascVersion)) return false;
  for (const [file, hash] of Object.entries(record.files)) {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch {
      return false;
    }
    if (sha256(text) !== hash) return false;
  }
  return true;
}

/** Keeps what failure locations need: no embedded sources, names relative to the project. */
function compactSourceMap(text: string): string {
  const map = JSON.parse(text) as Record<string, unknown>;
  delete map.sourcesContent;
  delete map.sourceRoot;
  return JSON.stringify(map);
}
