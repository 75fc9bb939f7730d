import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { errorMessage } from "../common/errors.ts";
import { graphTsGlobal, loadAscCompiler, locateAsc, type AscCompiler } from "../testing/compile.ts";
import { loadTestConfig } from "../testing/config.ts";

/** `graph build`'s compiler flags (graph-cli `src/compiler/asc.ts`). */
export const GRAPH_BUILD_ASC_FLAGS = ["--explicitStart", "--exportRuntime", "--runtime", "stub", "--optimize", "--debug"];

/**
 * Compiles a mapping source as `graph build` does: the mapping and graph-ts's `global/global.ts`
 * as entry files. A `.wasm` file (a built manifest) is read as it is.
 */
export function compileMapping(
  file: string,
  options: {
    projectDir: string;
    libsFolder: string;
    asc?: AscCompiler;
    /**
     * Where to keep the output. It is reused while the compiler and every source file the last
     * compile read are unchanged.
     */
    cacheFile?: string;
  },
): WebAssembly.Module {
  if (file.endsWith(".wasm")) return new WebAssembly.Module(readFileSync(file));
  const cache = options.cacheFile;
  if (cache) {
    const cached = readCached(cache, locateAsc(options.projectDir).version);
    if (cached) return new WebAssembly.Module(new Uint8Array(cached));
  }
  const asc = options.asc ?? loadAscCompiler(options.projectDir);
  const read: Record<string, string> = {};
  let binary: Uint8Array | null = null;
  let stderr = "";
  const outFile = path.join(options.projectDir, "mapping.wasm");
  let failure: Error | null = null;
  asc.main(
    [
      path.relative(options.projectDir, file),
      graphTsGlobal(options.libsFolder),
      "--lib",
      options.libsFolder,
      ...GRAPH_BUILD_ASC_FLAGS,
      "--baseDir",
      options.projectDir,
      "--outFile",
      outFile,
    ],
    {
      stdout: { write: () => true },
      stderr: { write: (text: string) => ((stderr += text), true) },
      readFile: (name: string, baseDir: string) => {
        try {
          const full = path.resolve(baseDir, name);
          const text = readFileSync(full, "utf8");
          read[full] = sha256(text);
          return text;
        } catch {
          return null;
        }
      },
      writeFile: (name: string, contents: Uint8Array, baseDir: string) => {
        if (path.resolve(baseDir, name) === outFile) binary = contents;
      },
      listFiles: () => [],
    },
    (error) => {
      failure = error;
      return 0;
    },
  );
  if (failure !== null || binary === null || /ERROR/.test(stderr)) {
    throw new Error(`compiling ${file} failed: ${stderr.trim() || (failure as Error | null)?.message || "no output"}`);
  }
  if (cache) {
    mkdirSync(path.dirname(cache), { recursive: true });
    writeFileSync(cache, binary);
    writeFileSync(`${cache}.deps.json`, JSON.stringify({ asc: asc.version, flags: GRAPH_BUILD_ASC_FLAGS, files: read }));
  }
  return new WebAssembly.Module(binary);
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

function readCached(file: string, ascVersion: string): Buffer | null {
  if (!existsSync(file) || !existsSync(`${file}.deps.json`)) return null;
  try {
    const deps = JSON.parse(readFileSync(`${file}.deps.json`, "utf8")) as { asc: string; flags: string[]; files: Record<string, string> };
    if (deps.asc !== ascVersion || deps.flags.join(" ") !== GRAPH_BUILD_ASC_FLAGS.join(" ")) return null;
    for (const [source, hash] of Object.entries(deps.files)) {
      if (!existsSync(source) || sha256(readFileSync(source, "utf8")) !== hash) return null;
    }
    return readFileSync(file);
  } catch {
    return null;
  }
}

export type CompiledMapping = { module: WebAssembly.Module; bytes: Uint8Array };

/**
 * Every mapping a manifest names (data sources and templates), compiled once per file and
 * cached under `<projectDir>/.cache/mappings/` while its sources are unchanged; `.wasm` files
 * (a built manifest) are read as they are. The bytes are what the indexer instantiates once and
 * resets between handlers; they are also part of the deployment's identity.
 */
export function compileManifestMappings(
  manifest: { file: string; dataSources: ReadonlyArray<{ mapping: { file: string } }>; templates: ReadonlyArray<{ mapping: { file: string } }> },
  projectDir: string,
): Map<string, CompiledMapping> {
  const mappings = new Map<string, CompiledMapping>();
  let libsFolder: string | null = null;
  for (const file of new Set([...manifest.dataSources, ...manifest.templates].map((ds) => ds.mapping.file))) {
    if (!existsSync(file)) throw new Error(`The mapping ${file} named in ${manifest.file} does not exist.`);
    if (file.endsWith(".wasm")) {
      const bytes = new Uint8Array(readFileSync(file));
      mappings.set(file, { module: new WebAssembly.Module(bytes), bytes });
      continue;
    }
    const name = path.relative(projectDir, file).replace(/[\\/:]/g, "_").replace(/\.ts$/, "");
    const cacheFile = path.join(projectDir, ".cache", "mappings", `${name}.wasm`);
    libsFolder ??= loadTestConfig(projectDir).libsFolder;
    let module: WebAssembly.Module;
    try {
      module = compileMapping(file, { projectDir, libsFolder, cacheFile });
    } catch (error) {
      throw new Error(`The mapping ${path.relative(process.cwd(), file)} does not compile:\n${errorMessage(error)}`);
    }
    mappings.set(file, { module, bytes: new Uint8Array(readFileSync(cacheFile)) });
  }
  return mappings;
}

/** `compileManifestMappings` as the indexer's `loadModule`. */
export function manifestModules(
  manifest: Parameters<typeof compileManifestMappings>[0],
  projectDir: string,
): (file: string) => Uint8Array {
  const mappings = compileManifestMappings(manifest, projectDir);
  return (file) => {
    const mapping = mappings.get(file);
    if (!mapping) throw new Error(`no compiled mapping for ${file}`);
    return mapping.bytes;
  };
}
