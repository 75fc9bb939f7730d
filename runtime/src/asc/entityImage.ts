/**
 * Entities written into a mapping's memory from prebuilt byte images of their fields.
 *
 * Handlers load the same entities over and over (a subgraph's singleton counters are read by
 * nearly every event), and writing an entity object by object costs one `allocate` call into
 * wasm plus an encoding per string, BigInt and BigDecimal: most of a handler's time. Here each
 * field's key and value are laid out once as the AssemblyScript objects they become, exactly
 * as the stub runtime's bump allocator would place those objects one after another, with
 * pointers relative to the segment and a list of where they are. Writing an entity then takes
 * one allocation for all of it, and per field two word copies with a few pointers adjusted.
 * Values are shared between the versions of an entity (merges copy the map, not the values),
 * so a field keeps its segment until it changes.
 *
 * The layout follows AssemblyScript 0.19's stub runtime (`std/assembly/rt/stub.ts`), which
 * graph-cli builds mappings with: a block is a 4-byte `mmInfo` holding the block's payload
 * size, then the 16-byte object header (gcInfo, gcInfo2, rtId, rtSize), then the object's
 * content, the whole rounded up so the next block's payload is 16-byte aligned. An entity is
 * a run of such blocks; allocated as one block of the same total size, every inner block still
 * has a valid `mmInfo`, so AssemblyScript can grow or copy any object in it (`__renew`) as it
 * would an object allocated on its own. `EntityImages.usable` checks that the module's
 * allocator behaves that way before any of this is used.
 *
 * The reverse direction uses the segments too. A handler that loads an entity and saves it
 * changes a few fields; the rest still point at the key and value objects written here.
 * `keyAt` and `valueAt` recognise such a pointer and, if the bytes there are still exactly
 * those written, return the key or value they were written from instead of decoding them
 * again. A segment holds everything decoding it reads (the object and all it points to), so
 * equal bytes mean an equal decoded value, whatever the handler did in between.
 */
import type { Entity, StoreValue } from "../common/values.ts";
import { STORE_VALUE_KINDS } from "../common/values.ts";
import { sortedByKey } from "../common/utf8.ts";
import { toSignedBytesLE } from "../common/signedBytes.ts";
import { TypeId } from "./typeIds.ts";

const BLOCK_OVERHEAD = 4;
const OBJECT_HEADER = 16;
const AL_MASK = 15;

/** Bytes a block takes for an object with `content` bytes: mmInfo, header, content, padding. */
function blockBytes(content: number): number {
  return (OBJECT_HEADER + content + BLOCK_OVERHEAD + AL_MASK) & ~AL_MASK;
}

/**
 * A run of blocks kept in the arena: `words` 4-byte words from word `at`, pointers relative to
 * its first byte at the word offsets `relocs[relocAt .. relocAt + relocCount)` (ascending).
 * `root` is the byte offset of the object the segment stands for.
 */
type Segment = {
  readonly generation: number;
  readonly at: number;
  readonly words: number;
  readonly relocAt: number;
  readonly relocCount: number;
  readonly root: number;
};

/** Grows a typed array to hold at least `n` elements, keeping its content. */
function grown<T extends Int32Array | Uint8Array>(array: T, n: number, make: (size: number) => T): T {
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
 * Writes entities for one module instance (segments hold its class ids) and recognises what it
 * wrote. Segments live in one arena, cleared with their caches when full: a generation number
 * tells a segment from before the clear.
 */
export class EntityImages {
  private generation = 0;
  private arena = new Int32Array(1 << 16);
  private arenaLength = 0;
  private relocArena = new Int32Array(1 << 14);
  private relocLength = 0;
  private readonly valueSegments = new Map<StoreValue, Segment>();
  private readonly keySegments = new Map<string, Segment>();
  private readonly writer: SegmentWriter;

  // What was written since the memory was last reset, for `keyAt`/`valueAt`. Per entity:
  // its byte range and its first field; per field: where its key and value objects are, the
  // segments and what they were built from. Entities and fields are in increasing address order.
  private entityRanges: number[] = [];
  private fieldKeyPtrs: number[] = [];
  private fieldValuePtrs: number[] = [];
  private fieldKeySegments: Segment[] = [];
  private fieldValueSegments: Segment[] = [];
  private fieldKeys: string[] = [];
  private fieldValues: StoreValue[] = [];

  constructor(classId: (typeId: number) => number) {
    this.writer = new SegmentWriter(classId);
  }

  /**
   * True if `allocate` is the stub runtime's bump allocator: two allocations in a row land
   * one block apart with the block's size recorded in front, as the layout above assumes.
   */
  static usable(allocate: (size: number) => number, readU32: (ptr: number) => number): boolean {
    const a = allocate(20);
    const b = allocate(36);
    return b - a === blockBytes(4) && readU32(a - BLOCK_OVERHEAD) === blockBytes(4) - BLOCK_OVERHEAD;
  }

  /**
   * Writes `entity` as a `TypedMap<string, Value>` with its entries sorted by key in byte
   * order, with one `allocate` call; `words` gives memory as it is after that call (it may
   * grow). Returns the pointer to the map.
   */
  write(entity: Entity, allocate: (size: number) => number, words: () => Int32Array): number {
    const sorted = sortedByKey(entity);
    const n = sorted.size;
    const keySegments = new Array<Segment>(n);
    const valueSegments = new Array<Segment>(n);
    let total = n * blockBytes(8) + blockBytes(n * 4) + blockBytes(16) + blockBytes(4);
    let i = 0;
    for (const [key, value] of sorted) {
      const k = this.keySegment(key);
      const v = this.valueSegment(value);
      keySegments[i] = k;
      valueSegments[i] = v;
      total += (k.words + v.words) * 4;
      i++;
    }
    // A segment built above may have cleared the arena: build again from the new generation.
    if (keySegments.some((s) => s.generation !== this.generation) || valueSegments.some((s) => s.generation !== this.generation)) {
      return this.write(sorted, allocate, words);
    }

    // The objects in the order `AscValues.writeEntityObjectByObject` allocates them: per field
    // its key, its value and the entry, then the entries' buffer and array, then the map.
    const start = allocate(total - BLOCK_OVERHEAD) - BLOCK_OVERHEAD;
    const memory = words();
    if (this.fieldKeyPtrs.length > RECOGNISED_FIELDS) this.forgetPlaced();
    this.entityRanges.push(start, start + total, this.fieldKeyPtrs.length);
    const entries = new Array<number>(n);
    let at = start;
    i = 0;
    for (const [key, value] of sorted) {
      const keyPtr = this.copy(keySegments[i], at, memory);
      at += keySegments[i].words * 4;
      const valuePtr = this.copy(valueSegments[i], at, memory);
      at += valueSegments[i].words * 4;
      this.fieldKeyPtrs.push(keyPtr);
      this.fieldValuePtrs.push(valuePtr);
      this.fieldKeySegments.push(keySegments[i]);
      this.fieldValueSegments.push(valueSegments[i]);
      this.fieldKeys.push(key);
      this.fieldValues.push(value);
      const entry = block(memory, at, this.writer, TypeId.TypedMapEntryStringStoreValue, 8);
      memory[entry >>> 2] = keyPtr;
      memory[(entry >>> 2) + 1] = valuePtr;
      entries[i] = entry;
      at += blockBytes(8);
      i++;
    }
    const buffer = block(memory, at, this.writer, TypeId.ArrayBuffer, n * 4);
    for (let j = 0; j < n; j++) memory[(buffer >>> 2) + j] = entries[j];
    at += blockBytes(n * 4);
    const array = block(memory, at, this.writer, TypeId.ArrayTypedMapEntryStringStoreValue, 16);
    memory[array >>> 2] = buffer;
    memory[(array >>> 2) + 1] = buffer;
    memory[(array >>> 2) + 2] = n * 4;
    memory[(array >>> 2) + 3] = n;
    at += blockBytes(16);
    const map = block(memory, at, this.writer, TypeId.TypedMapStringStoreValue, 4);
    memory[map >>> 2] = array;
    return map;
  }

  /** Forget what was written: the memory it was in was reset. */
  forgetPlaced(): void {
    this.entityRanges = [];
    this.fieldKeyPtrs = [];
    this.fieldValuePtrs = [];
    this.fieldKeySegments = [];
    this.fieldValueSegments = [];
    this.fieldKeys = [];
    this.fieldValues = [];
  }

  /** The key a written key string at `ptr` was built from, if its bytes are unchanged. */
  keyAt(ptr: number, memory: Int32Array): string | undefined {
    const i = this.fieldAt(ptr, this.fieldKeyPtrs);
    if (i < 0 || !this.unchanged(this.fieldKeySegments[i], ptr, memory)) return undefined;
    return this.fieldKeys[i];
  }

  /** The value a written value object at `ptr` was built from, if its bytes are unchanged. */
  valueAt(ptr: number, memory: Int32Array): StoreValue | undefined {
    const i = this.fieldAt(ptr, this.fieldValuePtrs);
    if (i < 0 || !this.unchanged(this.fieldValueSegments[i], ptr, memory)) return undefined;
    return this.fieldValues[i];
  }

  /** The field whose key or value (per `ptrs`) is at `ptr`, or -1. */
  private fieldAt(ptr: number, ptrs: number[]): number {
    const ranges = this.entityRanges;
    for (let e = ranges.length - 3; e >= 0; e -= 3) {
      if (ptr < ranges[e] || ptr >= ranges[e + 1]) continue;
      let lo = ranges[e + 2];
      let hi = (e + 3 < ranges.length ? ranges[e + 5] : ptrs.length) - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        if (ptrs[mid] < ptr) lo = mid + 1;
        else if (ptrs[mid] > ptr) hi = mid - 1;
        else return mid;
      }
      return -1;
    }
    return -1;
  }

  /** True if memory still holds `segment` as written with its root at `ptr`. */
  private unchanged(segment: Segment, ptr: number, memory: Int32Array): boolean {
    if (segment.generation !== this.generation) return false;
    const start = ptr - segment.root;
    const live = start >>> 2;
    const arena = this.arena;
    const relocs = this.relocArena;
    let r = segment.relocAt;
    const relocEnd = r + segment.relocCount;
    for (let i = 0; i < segment.words; i++) {
      let expected = arena[segment.at + i];
      if (r < relocEnd && relocs[r] === i) {
        expected = (expected + start) | 0;
        r++;
      }
      if (memory[live + i] !== expected) return false;
    }
    return true;
  }

  /** Copies `segment` to byte address `start`; returns where its root is. */
  private copy(segment: Segment, start: number, memory: Int32Array): number {
    const live = start >>> 2;
    // Most segments are a few words, where a loop beats creating a subarray for a native copy;
    // lists (a stored array of ids on a hot entity) can be tens of kilobytes.
    const arena = this.arena;
    if (segment.words > NATIVE_COPY_WORDS) memory.set(arena.subarray(segment.at, segment.at + segment.words), live);
    else for (let i = 0, from = segment.at; i < segment.words; i++) memory[live + i] = arena[from + i];
    const relocs = this.relocArena;
    for (let r = segment.relocAt, end = r + segment.relocCount; r < end; r++) {
      memory[live + relocs[r]] = (memory[live + relocs[r]] + start) | 0;
    }
    return start + segment.root;
  }

  private keySegment(key: string): Segment {
    return this.cached(this.keySegments, key, (w) => writeString(w, key));
  }

  private valueSegment(value: StoreValue): Segment {
    return this.cached(this.valueSegments, value, (w) => writeValue(w, value));
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
    if (this.arenaLength + words > ARENA_WORDS || this.valueSegments.size >= SEGMENT_LIMIT) {
      this.generation++;
      this.arenaLength = 0;
      this.relocLength = 0;
      this.valueSegments.clear();
      this.keySegments.clear();
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
/** Segments longer than this are copied with `TypedArray.set`. */
const NATIVE_COPY_WORDS = 64;
/** Fields remembered for recognition; beyond that a handler's older writes are forgotten. */
const RECOGNISED_FIELDS = 100_000;

/** Writes a block header at byte address `at` for an object of `content` bytes, zeroed. */
function block(memory: Int32Array, at: number, w: SegmentWriter, typeId: number, content: number): number {
  const total = blockBytes(content);
  const word = at >>> 2;
  for (let i = word + 1, end = word + (total >>> 2); i < end; i++) memory[i] = 0;
  memory[word] = total - BLOCK_OVERHEAD;
  memory[word + 3] = w.classIdOf(typeId);
  memory[word + 4] = content;
  return at + BLOCK_OVERHEAD + OBJECT_HEADER;
}

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
