import { errorMessage, FatalError } from "../common/errors.ts";
import { bigDecimalFromReadParts } from "../host/bigDecimal.ts";
import { instantiateMapping, runGuest, type MappingInstance } from "../mapping/instance.ts";
import type { MatchstickSchema } from "./matchstickSchema.ts";
import type { SourceLocator } from "./sourceMap.ts";
import { createSuiteImports, createSuiteState, type SuiteEnvironment, type SuiteState } from "./suiteHost.ts";
import { buildGroup, countTests, type Registration, type TestCase, type TestGroup } from "./tree.ts";

export type LogLine = { level: number; message: string };

export type TestOutcome = {
  name: string;
  path: string[];
  shouldFail: boolean;
  passed: boolean;
  ms: number;
  /** Why it failed: the host error or trap, or that a shouldFail test passed. */
  error?: string;
  /** The innermost test-file frame on the stack when it failed, where known. */
  location?: string;
  /** Everything the test logged (assert messages included). */
  logs: LogLine[];
};

export type SuiteResult = {
  name: string;
  tests: TestOutcome[];
  /** A condition Matchstick treats as fatal: the rest of the suite did not run. */
  fatal?: string;
  /** Set when a test raised the fatal error; that test is also among `tests`, failed. */
  fatalInTest?: boolean;
  /** Tests registered but not run because of a fatal error. */
  skipped: number;
};

/** Receives progress while a suite runs, so output appears as it happens. */
export type SuiteObserver = {
  group(group: TestGroup, depth: number): void;
  test(outcome: TestOutcome, depth: number): void;
  /** Log lines outside tests (hooks, top level). */
  log(line: LogLine, depth: number): void;
};

export type SuiteOptions = {
  name: string;
  module: WebAssembly.Module;
  schema: MatchstickSchema;
  templates: Map<string, string>;
  cwd: string;
  observer: SuiteObserver;
  /** Maps a failure to its test-file line, when the module has a source map. */
  locate?: SourceLocator;
};

/** Runs one compiled test file with Matchstick's semantics (MATCHSTICK §2–§4). */
export function runSuite(options: SuiteOptions): SuiteResult {
  const result: SuiteResult = { name: options.name, tests: [], skipped: 0 };
  let sink: LogLine[] | null = null;
  let depth = 0;
  const env: SuiteEnvironment = {
    schema: options.schema,
    templates: options.templates,
    cwd: options.cwd,
    log: (level, message) => {
      if (sink) sink.push({ level, message });
      else options.observer.log({ level, message }, depth);
    },
  };
  const start = (state: SuiteState) =>
    instantiateMapping(options.module, (binding) => createSuiteImports(binding, state, env), bigDecimalFromReadParts);

  let root: TestGroup;
  let main: MappingInstance;
  try {
    const state = createSuiteState();
    main = start(state);
    requireTable(main);
    const expand = (index: number): Registration[] => {
      const scratch = createSuiteState();
      const instance = start(scratch);
      const before = scratch.registrations.slice();
      callClosure(requireTable(instance), index);
      return scratch.registrations.filter((r) => !before.some((b) => sameRegistration(b, r)));
    };
    root = buildGroup("", [], state.registrations.slice(), expand);
  } catch (error) {
    result.fatal = `Could not load the test file: ${errorMessage(error)}`;
    return result;
  }

  const mainTable = requireTable(main);
  const runHooks = (hooks: number[]) => {
    for (const hook of hooks) {
      try {
        callClosure(mainTable, hook);
      } catch (error) {
        if (error instanceof FatalError) throw error;
        throw new FatalError(`Unexpected error upon calling hook: ${errorMessage(error)}`);
      }
    }
  };

  const runTest = (test: TestCase) => {
    runHooks(test.before);
    const logs: LogLine[] = [];
    sink = logs;
    const started = performance.now();
    let error: unknown = null;
    try {
      callClosure(mainTable, test.index);
    } catch (e) {
      error = e;
    } finally {
      sink = null;
    }
    const ms = performance.now() - started;
    if (error instanceof FatalError) {
      const record = { ...outcome(test, false, ms, logs), error: error.message };
      result.tests.push(record);
      result.fatalInTest = true;
      options.observer.test(record, depth);
      throw error;
    }
    const threw = error !== null;
    const passed = test.shouldFail ? threw : !threw;
    const record = outcome(test, passed, ms, logs);
    if (threw && !test.shouldFail) {
      record.error = errorMessage(error);
      record.location = options.locate?.(error) ?? testFileFrame(error);
    }
    if (!threw && test.shouldFail) record.error = "Expected test to fail but it passed successfully!";
    result.tests.push(record);
    options.observer.test(record, depth);
    runHooks(test.after);
  };

  const runGroup = (group: TestGroup) => {
    if (group.name !== "") {
      options.observer.group(group, depth);
      depth++;
    }
    runHooks(group.beforeAll);
    for (const child of group.children) {
      if (child.kind === "test") runTest(child);
      else runGroup(child);
    }
    runHooks(group.afterAll);
    if (group.name !== "") depth--;
  };

  try {
    runGroup(root);
  } catch (error) {
    result.fatal = errorMessage(error);
    result.skipped = countTests(root) - result.tests.length;
  }
  return result;
}

function requireTable(instance: MappingInstance): WebAssembly.Table {
  if (!instance.table) {
    throw new FatalError(
      "WebAssembly.Table was not exported from the AssemblyScript sources. (Please compile with the `--exportTable` option.)",
    );
  }
  return instance.table;
}

function callClosure(table: WebAssembly.Table, index: number): void {
  const fn = index < table.length ? (table.get(index) as (() => void) | null) : null;
  if (typeof fn !== "function") throw new FatalError(`Could not get WebAssembly.Table entry with index '${index}'.`);
  runGuest(() => fn());
}

function sameRegistration(a: Registration, b: Registration): boolean {
  return a.role === b.role && a.name === b.name && a.shouldFail === b.shouldFail && a.index === b.index;
}

function outcome(test: TestCase, passed: boolean, ms: number, logs: LogLine[]): TestOutcome {
  return { name: test.name, path: test.path, shouldFail: test.shouldFail, passed, ms, logs };
}


/** The innermost wasm frame outside `~lib/` (names come from the module's name section). */
function testFileFrame(error: unknown): string | undefined {
  if (!(error instanceof Error) || !error.stack) return undefined;
  for (const line of error.stack.split("\n")) {
    const match = /^\s*at (.+?) \(wasm:\/\//.exec(line);
    if (match && !match[1].startsWith("~lib/") && !match[1].startsWith("start:~lib")) return match[1];
  }
  return undefined;
}
