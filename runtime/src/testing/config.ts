import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";

/** matchstick.yaml, resolved against the project folder (Matchstick reads it from the CWD). */
export type TestConfig = {
  projectDir: string;
  testsFolder: string;
  libsFolder: string;
  manifestPath: string;
  /** Set when matchstick.yaml existed but could not be used. */
  warning?: string;
};

export function loadTestConfig(projectDir: string): TestConfig {
  const config: TestConfig = {
    projectDir,
    testsFolder: path.resolve(projectDir, "tests"),
    libsFolder: findLibsFolder(projectDir),
    manifestPath: path.resolve(projectDir, "subgraph.yaml"),
  };
  const file = path.join(projectDir, "matchstick.yaml");
  if (!existsSync(file)) return config;
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, "utf8"));
  } catch {
    raw = null;
  }
  if (raw === null || typeof raw !== "object") {
    return { ...config, warning: "matchstick.yaml is empty or contains invalid values!" };
  }
  const values = raw as Record<string, unknown>;
  const pick = (key: string, fallback: string) =>
    typeof values[key] === "string" ? path.resolve(projectDir, values[key] as string) : fallback;
  return {
    ...config,
    testsFolder: pick("testsFolder", config.testsFolder),
    libsFolder: pick("libsFolder", config.libsFolder),
    manifestPath: pick("manifestPath", config.manifestPath),
  };
}

/** `./node_modules`, or the nearest one above it, as npm workspaces hoist packages to the root. */
function findLibsFolder(projectDir: string): string {
  let dir = projectDir;
  for (;;) {
    const candidate = path.join(dir, "node_modules");
    if (existsSync(path.join(candidate, "@graphprotocol", "graph-ts"))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return path.join(projectDir, "node_modules");
    dir = parent;
  }
}

export type TestFile = {
  /** Absolute path of the `.test.ts` file. */
  file: string;
  /** Lower-cased path relative to the tests folder without `.test.ts`, as Matchstick names suites. */
  name: string;
};

/** Every `*.test.ts` (case-insensitive) below the tests folder, sorted by name. */
export function discoverTestFiles(testsFolder: string): TestFile[] {
  const out: TestFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules" && entry.name !== ".bin") walk(full);
      } else if (entry.name.toLowerCase().endsWith(".test.ts")) {
        const relative = path.relative(testsFolder, full).split(path.sep).join("/");
        out.push({ file: full, name: relative.slice(0, -".test.ts".length).toLowerCase() });
      }
    }
  };
  if (existsSync(testsFolder)) walk(testsFolder);
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Keeps the test files the command line asked for. An argument may be a file or folder path,
 * or, as in Matchstick, a name prefix relative to the tests folder (`graph test gravity`).
 */
export function selectTestFiles(files: TestFile[], patterns: string[], testsFolder: string, cwd: string): TestFile[] {
  if (patterns.length === 0) return files;
  const unmatched: string[] = [];
  const selected = new Set<TestFile>();
  for (const pattern of patterns) {
    const asPath = path.resolve(cwd, pattern);
    let matches: TestFile[];
    if (existsSync(asPath) && statSync(asPath).isFile()) {
      matches = files.filter((f) => f.file === asPath);
    } else if (existsSync(asPath) && statSync(asPath).isDirectory()) {
      matches = files.filter((f) => f.file.startsWith(asPath + path.sep));
    } else {
      const prefix = path.join(testsFolder, pattern).toLowerCase();
      matches = files.filter((f) => f.file.toLowerCase().startsWith(prefix));
    }
    if (matches.length === 0) unmatched.push(pattern);
    matches.forEach((m) => selected.add(m));
  }
  if (unmatched.length > 0) throw new Error(`No tests match set patterns: ${unmatched.join(", ")}`);
  return files.filter((f) => selected.has(f));
}

export type ManifestInfo = {
  schemaFile: string;
  /** Template name → kind, for the kinds Matchstick supports. */
  templates: Map<string, string>;
  /** Handler names per data source and template, for coverage. */
  handlers: Array<{ source: string; handlers: string[] }>;
};

const TEMPLATE_KINDS = new Set(["ethereum", "ethereum/contract", "file/ipfs"]);

export function loadManifestInfo(manifestPath: string): ManifestInfo {
  if (!existsSync(manifestPath)) {
    throw new Error(`Cannot find the subgraph manifest at ${manifestPath}. Set manifestPath in matchstick.yaml.`);
  }
  const manifest = parseYaml(readFileSync(manifestPath, "utf8")) as Record<string, any>;
  const schemaRel = manifest?.schema?.file;
  if (typeof schemaRel !== "string") throw new Error(`${manifestPath} has no schema.file`);
  const templates = new Map<string, string>();
  for (const t of manifest.templates ?? []) {
    if (TEMPLATE_KINDS.has(t.kind)) templates.set(t.name, t.kind);
  }
  const handlers: ManifestInfo["handlers"] = [];
  for (const source of [...(manifest.dataSources ?? []), ...(manifest.templates ?? [])]) {
    const mapping = source.mapping ?? {};
    const names = [...(mapping.eventHandlers ?? []), ...(mapping.callHandlers ?? [])].map((h: any) => String(h.handler));
    handlers.push({ source: String(source.name), handlers: names });
  }
  return { schemaFile: path.resolve(path.dirname(manifestPath), schemaRel), templates, handlers };
}
