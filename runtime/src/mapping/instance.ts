import { AscMemory, type AscExports } from "../asc/memory.ts";
import { AscValues, type BigDecimalReader } from "../asc/values.ts";
import { DeterministicError, FatalError } from "../common/errors.ts";
import type { JsonValue, StoreValue } from "../common/values.ts";
import type { Binding, HostImport } from "../host/imports.ts";

/** A started instance of a mapping or test module. */
export type MappingInstance = {
  readonly instance: WebAssembly.Instance;
  readonly values: AscValues;
  /** The exported funcref table (test modules are built with `--exportTable`). */
  readonly table: WebAssembly.Table | undefined;
  /** Calls an exported function; host errors and traps come out as `DeterministicError`/`FatalError`. */
  callExport(name: string, ...args: number[]): unknown;
};

/** Every name the module imports that the given table does not provide. */
export function missingImports(module: WebAssembly.Module, provided: Record<string, unknown>): string[] {
  return WebAssembly.Module.imports(module)
    .filter((i) => i.kind === "function" && !(i.name in provided))
    .map((i) => `${i.module}::${i.name}`);
}

/**
 * Instantiates `module` linking imports by name only, whatever module asc put them in
 * (as graph-node and Matchstick do), then runs `_start`, which must precede any allocation.
 */
export function instantiateMapping(
  module: WebAssembly.Module,
  createImports: (binding: Binding) => Record<string, HostImport>,
  toBigDecimal: BigDecimalReader,
): MappingInstance {
  // ipfs.map runs each callback in a fresh instance of the same module with the same host
  // state, as graph-node does (runtime/wasm/src/host_exports.rs `ipfs_map`).
  const runIpfsMapCallback = (callback: string, value: JsonValue, userData: StoreValue) => {
    const fresh = instantiateMapping(module, createImports, toBigDecimal);
    fresh.callExport(callback, fresh.values.writeJsonValue(value), fresh.values.writeStoreValue(userData));
  };
  const binding: { values: AscValues; runIpfsMapCallback: Binding["runIpfsMapCallback"] } = {
    values: undefined as unknown as AscValues,
    runIpfsMapCallback,
  };
  const table = createImports(binding);
  const missing = missingImports(module, table);
  if (missing.length > 0) {
    throw new DeterministicError(`unknown import: ${missing.join(", ")} is not provided by the host`);
  }
  const imports: WebAssembly.Imports = {};
  for (const i of WebAssembly.Module.imports(module)) {
    if (i.kind !== "function") continue;
    (imports[i.module] ??= {})[i.name] = table[i.name];
  }
  const instance = new WebAssembly.Instance(module, imports);
  const exports = instance.exports as unknown as AscExports & Record<string, unknown>;
  for (const name of ["memory", "allocate", "id_of_type"]) {
    if (!(name in exports)) {
      throw new DeterministicError(
        `the module does not export \`${name}\`; was it compiled with graph-ts's global.ts as an entry file?`,
      );
    }
  }
  binding.values = new AscValues(new AscMemory(exports), toBigDecimal);
  const callExport = (name: string, ...args: number[]): unknown => {
    const fn = exports[name];
    if (typeof fn !== "function") throw new DeterministicError(`function ${name} not found`);
    return runGuest(() => (fn as (...a: number[]) => unknown)(...args));
  };
  if (typeof exports._start === "function") callExport("_start");
  return {
    instance,
    values: binding.values,
    table: exports.table instanceof WebAssembly.Table ? exports.table : undefined,
    callExport,
  };
}

/** Runs guest code, turning traps into `DeterministicError`s with a readable message. */
export function runGuest<T>(body: () => T): T {
  try {
    return body();
  } catch (error) {
    throw classifyGuestError(error);
  }
}

export function classifyGuestError(error: unknown): Error {
  if (error instanceof DeterministicError || error instanceof FatalError) return error;
  if (error instanceof WebAssembly.RuntimeError) {
    return withStack(new DeterministicError(`wasm trap: ${error.message}${guestSuffix(error)}`), error);
  }
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return withStack(new DeterministicError(`wasm trap: call stack exhausted${guestSuffix(error)}`), error);
  }
  if (error instanceof Error) return error;
  return new Error(String(error));
}

/** Keeps the trap's wasm frames, which locate the failure in the source. */
function withStack(error: Error, original: Error): Error {
  error.stack = `${error.name}: ${error.message}\n${(original.stack ?? "").split("\n").slice(1).join("\n")}`;
  return error;
}

function guestSuffix(error: Error): string {
  const where = guestFunction(error);
  return where ? ` in ${where}` : "";
}

/** The innermost wasm function on the stack, named from the module's name section. */
function guestFunction(error: Error): string | null {
  for (const line of (error.stack ?? "").split("\n")) {
    const match = /^\s*at (.+?) \(wasm:\/\//.exec(line);
    if (match) return match[1];
  }
  return null;
}
