/**
 * Key and value segments: the AssemblyScript objects an entity's attribute names and values
 * become, laid out once and kept for reuse (`entityImage.ts` assembles entities from them).
 *
 * A segment is a run of blocks as AssemblyScript 0.19's stub runtime (`std/assembly/rt/stub.ts`),
 * which graph-cli builds mappings with, would place them one after another: a block is a 4-byte
 * `mmInfo` holding the block's payload size, then the 16-byte object header (gcInfo, gcInfo2,
 * rtId, rtSize), then the object's content, the whole rounded up so the next block's payload is
 * 16-byte aligned. Pointers in a segment are relative to its first byte, with a list of where
 * they are. Values are shared between the versions of an entity (merges copy the map, not the
 * values), so a value's segment is made once however many versions hold it.
 */
import type { StoreValue } from "../common/values.ts";
import { STORE_VALUE_KINDS } from "../common/values.ts";
import { toSignedBytesLE } from "../common/signedBytes.ts";
import { TypeId } from "./typeIds.ts";

export const BLOCK_OVERHEAD = 4;
export const OBJECT_HEADER = 16;
const AL_MASK = 15;

/** Bytes a block takes for an object with `content` bytes: mmInfo, header, content, padding. */
export function blockBytes(content: number): number {
  return (OBJECT_HEADER + content + BLOCK_OVERHEAD + AL_MASK) & ~AL_MASK;
}

/**
 * A run of blocks kept in the arena: `words` 4-byte words from word `at`, pointers relative to
 * its first byte at the word offsets `relocs[relocAt .. relocAt + relocCount)` (ascending).
 * `root` is the byte offset of the object the segment stands for.
 */
export type Segment = {
  readonly generation: number;
  readonly at: number;
  readonly words: number;
  readonly relocAt: number;
  readonly relocCount: number;
  readonly root: number;
};

/** Grows a typed array to hold at least `n` elements, keeping its content. */
export function grown<T extends Int32Array | Uint8Array>(array: T, n: number, make: (size: number) => T): T {
  if (n <= array.length) return array;
  let size = array.length * 2;
  while (size < n) size *= 2;
  const bigger = make(size);
  bigger.set(array);
  return bigger;
}

/** Builds one segment at a time in scratch memory, pointers relative to its start. */
class SegmentWriter {
  bytes = new Uint8Array(1024);
  view = new DataView(this.bytes.buffer);
  length = 0;
  relocs = new Int32Array(64);
  relocCount = 0;

  constructor(readonly classIdOf: (typeId: number) => number) {}

  clear(): this {
    this.length = 0;
    this.relocCount = 0;
    return this;
  }

  /** The segment's bytes as words (its length is a multiple of 16). */
  words(): Int32Array {
    return new Int32Array(this.bytes.buffer, 0, this.length >>> 2);
  }

  /** A zeroed object of `content` bytes; returns its pointer (offset of the content). */
  object(typeId: number, content: number): number {
    const total = blockBytes(content);
    if (this.length + total > this.bytes.length) {
      this.bytes = grown(this.bytes, this.length + total, (n) => new Uint8Array(n));
      this.view = new DataView(this.bytes.buffer);
    }
    const block = this.length;
    this.bytes.fill(0, block, block + total);
    const view = this.view;
    view.setUint32(block, total - BLOCK_OVERHEAD, true);
    view.setUint32(block + 12, this.classIdOf(typeId), true);
    view.setUint32(block + 16, content, true);
    this.length += total;
    return block + BLOCK_OVERHEAD + OBJECT_HEADER;
  }

  pointer(at: number, target: number): void {
    this.view.setUint32(at, target, true);
    this.relocs = grown(this.relocs, this.relocCount + 1, (n) => new Int32Array(n));
    this.relocs[this.relocCount++] = at >>> 2;
  }
}

/**
 * Segments of attribute names and values for one module instance (they hold its class ids), in
 * one arena cleared with the caches when full: a segment is usable while its generation is the
 * cache's.
 */
export class SegmentCache {
  generation = 0;
  arena = new Int32Array(1 << 16);
  relocArena = new Int32Array(1 << 14);
  private arenaLength = 0;
  private relocLength = 0;
  private readonly values = new Map<StoreValue, Segment>();
  private readonly keys = new Map<string, Segment>();
  private readonly writer: SegmentWriter;

  constructor(classIdOf: (typeId: number) => number) {
    this.writer = new SegmentWriter(classIdOf);
  }

  key(key: string): Segment {
    return this.cached(this.keys, key, (w) => writeString(w, key));
  }

  value(value: StoreValue): Segment {
    return this.cached(this.values, value, (w) => writeValue(w, value));
  }

  /** The segment `cache` holds for `key`, else one `write` builds (returning its root). */
  private cached<K>(cache: Map<K, Segment>, key: K, write: (w: SegmentWriter) => number): Segment {
    let segment = cache.get(key);
    if (segment === undefined) {
      segment = this.store(write(this.writer.clear()));
      cache.set(key, segment);
    }
    return segment;
  }

  /** Moves the writer's segment into the arena, clearing the arena first if it is full. */
  private store(root: number): Segment {
    const w = this.writer;
    const words = w.length >>> 2;
    if (this.arenaLength + words > ARENA_WORDS || this.values.size >= SEGMENT_LIMIT) {
      this.generation++;
      this.arenaLength = 0;
      this.relocLength = 0;
      this.values.clear();
      this.keys.clear();
    }
    this.arena = grown(this.arena, this.arenaLength + words, (n) => new Int32Array(n));
    this.relocArena = grown(this.relocArena, this.relocLength + w.relocCount, (n) => new Int32Array(n));
    const segment: Segment = { generation: this.generation, at: this.arenaLength, words, relocAt: this.relocLength, relocCount: w.relocCount, root };
    this.arena.set(w.words(), this.arenaLength);
    for (let i = 0; i < w.relocCount; i++) this.relocArena[this.relocLength + i] = w.relocs[i];
    this.arenaLength += words;
    this.relocLength += w.relocCount;
    return segment;
  }
}

/** Segments kept before the arena is cleared: 64 MiB of words, or this many values. */
const ARENA_WORDS = 16 << 20;
const SEGMENT_LIMIT = 500_000;

function writeString(w: SegmentWriter, text: string): number {
  const n = text.length;
  const ptr = w.object(TypeId.String, n * 2);
  for (let i = 0; i < n; i++) w.view.setUint16(ptr + 2 * i, text.charCodeAt(i), true);
  return ptr;
}

function writeBytes(w: SegmentWriter, content: Uint8Array): number {
  const buffer = w.object(TypeId.ArrayBuffer, content.length);
  w.bytes.set(content, buffer);
  const view = w.object(TypeId.Uint8Array, 12);
  w.pointer(view, buffer);
  w.pointer(view + 4, buffer);
  w.view.setUint32(view + 8, content.length, true);
  return view;
}

function pointerArray(w: SegmentWriter, typeId: number, elements: readonly number[]): number {
  const buffer = w.object(TypeId.ArrayBuffer, elements.length * 4);
  elements.forEach((e, i) => w.pointer(buffer + i * 4, e));
  const array = w.object(typeId, 16);
  w.pointer(array, buffer);
  w.pointer(array + 4, buffer);
  w.view.setUint32(array + 8, elements.length * 4, true);
  w.view.setUint32(array + 12, elements.length, true);
  return array;
}

const KIND_INDEX = Object.fromEntries(STORE_VALUE_KINDS.map((k, i) => [k, i])) as Record<StoreValue["kind"], number>;

/** A `Value` (kind, then a u64 payload) and what it points to, as `AscValues.writeStoreValue`. */
function writeValue(w: SegmentWriter, value: StoreValue): number {
  let payload = 0;
  switch (value.kind) {
    case "String":
      payload = writeString(w, value.value);
      break;
    case "Bytes":
      payload = writeBytes(w, value.value);
      break;
    case "BigInt":
      payload = writeBytes(w, toSignedBytesLE(value.value));
      break;
    case "BigDecimal": {
      const digits = writeBytes(w, toSignedBytesLE(value.value.digits));
      const exp = writeBytes(w, toSignedBytesLE(value.value.exp));
      payload = w.object(TypeId.BigDecimal, 8);
      w.pointer(payload, digits);
      w.pointer(payload + 4, exp);
      break;
    }
    case "Array":
      payload = pointerArray(
        w,
        TypeId.ArrayStoreValue,
        value.value.map((v) => writeValue(w, v)),
      );
      break;
    default:
      break;
  }
  const ptr = w.object(TypeId.StoreValue, 16);
  const view = w.view;
  view.setInt32(ptr, KIND_INDEX[value.kind], true);
  switch (value.kind) {
    case "String":
    case "Bytes":
    case "BigInt":
    case "BigDecimal":
    case "Array":
      w.pointer(ptr + 8, payload);
      break;
    case "Int":
      view.setInt32(ptr + 8, value.value, true);
      view.setInt32(ptr + 12, value.value < 0 ? -1 : 0, true);
      break;
    case "Bool":
      view.setUint32(ptr + 8, value.value ? 1 : 0, true);
      break;
    case "Int8":
    case "Timestamp":
      view.setBigInt64(ptr + 8, value.value, true);
      break;
    case "Null":
      break;
  }
  return ptr;
}
