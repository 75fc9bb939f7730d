/**
 * A mapping instance reused by every handler of an indexing run, reset before each handler to
 * its state right after `_start`: linear memory and mutable globals. That is all the state an
 * AssemblyScript module has, so a handler sees exactly what graph-node's fresh instance per
 * trigger gives it (`runtime/wasm/src/mapping.rs`), without instantiating the module again,
 * which otherwise costs more than a small handler itself.
 *
 * Mutable globals (the stub allocator's heap pointer, module-level `let`s) are not exported by
 * asc, so the module's bytes get an export for each before compiling (`exportMutableGlobals`).
 */
import type { HostContext } from "../host/context.ts";
import { bigDecimalFromReadParts } from "../host/bigDecimal.ts";
import { createHostImports } from "../host/imports.ts";
import { instantiateMapping, type MappingInstance } from "./instance.ts";

const GLOBAL_EXPORT = "__reset_global_";

/** A reader over wasm bytes with LEB128 integers. */
class Reader {
  constructor(
    readonly bytes: Uint8Array,
    public pos = 0,
  ) {}
  byte(): number {
    return this.bytes[this.pos++];
  }
  u32(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = this.byte();
      result |= (b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result >>> 0;
      shift += 7;
    }
  }
  skipLeb(): void {
    while (this.byte() & 0x80);
  }
  skip(n: number): void {
    this.pos += n;
  }
  name(): string {
    const n = this.u32();
    const text = new TextDecoder().decode(this.bytes.subarray(this.pos, this.pos + n));
    this.pos += n;
    return text;
  }
}

function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

/** Skips a constant expression (global initializer) up to its `end`. */
function skipInitExpr(r: Reader): void {
  for (;;) {
    const op = r.byte();
    if (op === 0x0b) return;
    if (op === 0x41 || op === 0x42 || op === 0x23 || op === 0xd2) r.skipLeb();
    else if (op === 0x43) r.skip(4);
    else if (op === 0x44) r.skip(8);
    else if (op === 0xd0) r.skip(1);
    else throw new Error(`unsupported opcode 0x${op.toString(16)} in a global initializer`);
  }
}

/**
 * The module with an export `__reset_global_<index>` for each mutable global it defines.
 * A copy of the bytes when there is none.
 */
export function exportMutableGlobals(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const r = new Reader(bytes, 8);
  let importedGlobals = 0;
  const mutable: number[] = [];
  let exportSection: { start: number; end: number; contentStart: number } | null = null;
  while (r.pos < bytes.length) {
    const start = r.pos;
    const id = r.byte();
    const size = r.u32();
    const contentStart = r.pos;
    const end = contentStart + size;
    if (id === 2) {
      for (let i = r.u32(); i > 0; i--) {
        r.name();
        r.name();
        const kind = r.byte();
        if (kind === 0) r.u32();
        else if (kind === 1) {
          r.byte();
          const flags = r.byte();
          r.u32();
          if (flags & 1) r.u32();
        } else if (kind === 2) {
          const flags = r.byte();
          r.u32();
          if (flags & 1) r.u32();
        } else if (kind === 3) {
          r.byte();
          r.byte();
          importedGlobals++;
        } else throw new Error(`unknown import kind ${kind}`);
      }
    } else if (id === 6) {
      const count = r.u32();
      for (let i = 0; i < count; i++) {
        r.byte();
        if (r.byte() === 1) mutable.push(importedGlobals + i);
        skipInitExpr(r);
      }
    } else if (id === 7) {
      exportSection = { start, end, contentStart };
    }
    r.pos = end;
  }
  if (mutable.length === 0) return bytes.slice();
  const added: number[] = [];
  for (const index of mutable) {
    const name = new TextEncoder().encode(`${GLOBAL_EXPORT}${index}`);
    added.push(...leb(name.length), ...name, 3, ...leb(index));
  }
  let before: Uint8Array;
  let after: Uint8Array;
  let entries: Uint8Array;
  let count: number;
  if (exportSection) {
    const er = new Reader(bytes, exportSection.contentStart);
    count = er.u32();
    entries = bytes.subarray(er.pos, exportSection.end);
    before = bytes.subarray(0, exportSection.start);
    after = bytes.subarray(exportSection.end);
  } else {
    // Sections are ordered; a new export section goes before the first section with id > 7.
    const sr = new Reader(bytes, 8);
    let insertAt = bytes.length;
    while (sr.pos < bytes.length) {
      const start = sr.pos;
      const id = sr.byte();
      const size = sr.u32();
      if (id > 7 && id !== 0) {
        insertAt = start;
        break;
      }
      sr.pos += size;
    }
    count = 0;
    entries = new Uint8Array(0);
    before = bytes.subarray(0, insertAt);
    after = bytes.subarray(insertAt);
  }
  const content = [...leb(count + mutable.length), ...entries, ...added];
  const section = new Uint8Array([7, ...leb(content.length), ...content]);
  const out = new Uint8Array(before.length + section.length + after.length);
  out.set(before, 0);
  out.set(section, before.length);
  out.set(after, before.length + section.length);
  return out;
}

/** One instance of a mapping module, reset to its post-`_start` state before every handler. */
export class ReusableMapping {
  /** The host context the imports read; its members are replaced for each handler. */
  private readonly ctx = {} as HostContext;
  private state: {
    instance: MappingInstance;
    memory: WebAssembly.Memory;
    snapshot: Uint8Array;
    globals: Array<{ global: WebAssembly.Global; value: number | bigint }>;
  } | null = null;

  /** `module` must come from `exportMutableGlobals` bytes. */
  constructor(private readonly module: WebAssembly.Module) {}

  /** Compiles `bytes` for reuse. */
  static compile(bytes: Uint8Array): ReusableMapping {
    return new ReusableMapping(new WebAssembly.Module(exportMutableGlobals(bytes)));
  }

  /** Binds the instance to `ctx` and resets it; it is then ready for one handler. */
  prepare(ctx: HostContext): MappingInstance {
    Object.assign(this.ctx, ctx);
    if (this.state) {
      this.reset();
      return this.state.instance;
    }
    // Instantiated on first use, so `_start` runs with a real context, as for a fresh instance.
    const instance = instantiateMapping(this.module, (binding) => createHostImports(binding, this.ctx), bigDecimalFromReadParts);
    const exports = instance.instance.exports;
    const memory = exports.memory as WebAssembly.Memory;
    this.state = {
      instance,
      memory,
      snapshot: new Uint8Array(memory.buffer).slice(),
      globals: Object.entries(exports)
        .filter(([name]) => name.startsWith(GLOBAL_EXPORT))
        .map(([, g]) => ({ global: g as WebAssembly.Global, value: (g as WebAssembly.Global).value as number | bigint })),
    };
    return instance;
  }

  private reset(): void {
    const { memory, snapshot, globals } = this.state!;
    const bytes = new Uint8Array(memory.buffer);
    // Memory above the snapshot was zero after `_start`. graph-build's stub runtime allocates
    // by bumping a pointer kept in a global, so the heap ends at or below the largest i32
    // global (capped by the memory size); only that much needs zeroing.
    let top = snapshot.length;
    for (const { global } of globals) {
      const v = global.value;
      if (typeof v === "number" && v > top) top = Math.min(v + 16, bytes.length);
    }
    bytes.set(snapshot);
    if (top > snapshot.length) bytes.fill(0, snapshot.length, top);
    for (const g of globals) g.global.value = g.value;
    this.state!.instance.values.memoryReset();
  }
}
