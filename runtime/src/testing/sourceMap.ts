import { existsSync, readFileSync } from "node:fs";
import { eachMapping, TraceMap } from "@jridgewell/trace-mapping";

/**
 * Maps the wasm frames of a V8 stack back to AssemblyScript source lines, through the source
 * map asc writes beside the module (binaryen uses the module byte offset as the column). Gives
 * the innermost user (non-`~lib/`) line, and when that is in a helper, the test file line that
 * led there: `tests/helpers/x.ts:32:39 (from tests/a.test.ts:120:5)`.
 */
export type SourceLocator = (error: unknown) => string | undefined;

type Mapping = { offset: number; source: string; line: number; column: number };

export function loadSourceLocator(wasmFile: string): SourceLocator {
  let loaded: { mappings: Mapping[]; bodies: Array<[number, number]>; imported: number } | null = null;
  const load = () => {
    if (loaded === null && existsSync(wasmFile + ".map")) {
      const mappings: Mapping[] = [];
      eachMapping(new TraceMap(readFileSync(wasmFile + ".map", "utf8")), (m) => {
        if (m.source !== null) {
          mappings.push({ offset: m.generatedColumn, source: m.source, line: m.originalLine, column: m.originalColumn });
        }
      });
      mappings.sort((a, b) => a.offset - b.offset);
      loaded = { mappings, ...functionBodies(readFileSync(wasmFile)) };
    }
    return loaded;
  };
  return (error) => {
    if (!(error instanceof Error) || !error.stack) return undefined;
    const data = load();
    if (!data) return undefined;
    const found: Mapping[] = [];
    for (const frame of error.stack.matchAll(/wasm-function\[(\d+)\]:0x([0-9a-f]+)\)/g)) {
      const body = data.bodies[Number(frame[1]) - data.imported];
      if (!body) continue;
      const mapping = userMappingNear(data.mappings, parseInt(frame[2], 16), body);
      if (mapping) found.push(mapping);
    }
    if (found.length === 0) return undefined;
    const where = (m: Mapping) => `${m.source}:${m.line}:${m.column + 1}`;
    const inner = found[0];
    const testLine = found.find((m) => /\.test\.ts$/i.test(m.source));
    return testLine && testLine !== inner ? `${where(inner)} (from ${where(testLine)})` : where(inner);
  };
}

/**
 * The nearest mapping to user code (not `~lib/`) at or before `offset` inside the same
 * function body; else the first one after it in that body. With `--optimize`, library code is
 * inlined into test closures, so the exact offset often maps into matchstick-as or graph-ts.
 */
function userMappingNear(mappings: Mapping[], offset: number, [start, end]: [number, number]): Mapping | undefined {
  let lo = 0;
  let hi = mappings.length - 1;
  let index = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (mappings[mid].offset <= offset) {
      index = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const isUser = (m: Mapping) => !m.source.startsWith("~lib/");
  for (let i = index; i >= 0 && mappings[i].offset >= start; i--) if (isUser(mappings[i])) return mappings[i];
  for (let i = index + 1; i < mappings.length && mappings[i].offset < end; i++) if (isUser(mappings[i])) return mappings[i];
  return undefined;
}

/** Byte ranges of each function body, and how many functions are imported. */
function functionBodies(wasm: Buffer): { bodies: Array<[number, number]>; imported: number } {
  let pos = 8;
  const leb = () => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const byte = wasm[pos++];
      result += (byte & 0x7f) * 2 ** shift;
      shift += 7;
      if (!(byte & 0x80)) return result;
    }
  };
  const module = new WebAssembly.Module(new Uint8Array(wasm));
  const imported = WebAssembly.Module.imports(module).filter((i) => i.kind === "function").length;
  const bodies: Array<[number, number]> = [];
  while (pos < wasm.length) {
    const id = wasm[pos++];
    const size = leb();
    const end = pos + size;
    if (id === 10) {
      const count = leb();
      for (let i = 0; i < count; i++) {
        const bodySize = leb();
        bodies.push([pos, pos + bodySize]);
        pos += bodySize;
      }
    }
    pos = end;
  }
  return { bodies, imported };
}
