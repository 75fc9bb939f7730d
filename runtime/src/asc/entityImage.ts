/**
 * Entities written into a mapping's memory from prebuilt images, and recognised when they come
 * back.
 *
 * Handlers load and save the same entities over and over (a subgraph's singleton counters are
 * read by nearly every event). Writing an entity object by object costs one `allocate` call into
 * wasm plus an encoding per string, BigInt and BigDecimal; copying it key by key from prebuilt
 * segments still costs a loop over every word in JavaScript. Here an entity is laid out once as
 * all the AssemblyScript objects it becomes, in one run of words with its pointers relative to
 * its start (an image), so that writing it takes one `allocate` call, one native copy and a loop
 * over its pointers. The image is kept with the entity object: a version of an entity is written
 * as often as handlers load it, and a version made by a handler that changed a few attributes of
 * the previous one gets its image from the previous image, with only the new values added.
 *
 * Layout. AssemblyScript 0.19's stub runtime (`std/assembly/rt/stub.ts`), which graph-cli builds
 * mappings with, gives every object a block: a 4-byte `mmInfo` with the block's payload size, the
 * 16-byte object header, then the content, rounded up so the next payload is 16-byte aligned
 * (`segments.ts`). An image is such blocks back to back: the map, its entry array, the array's
 * buffer, the entries, then per attribute its key and value segments. Allocated as one block of
 * the same total size, every inner block still has a valid `mmInfo`, so AssemblyScript can grow
 * or copy any object in it (`__renew`) as it would an object allocated on its own.
 * `EntityImages.usable` checks that the module's allocator behaves that way before any of this is
 * used. A derived image also carries the value segments its entries no longer point at; they are
 * never referenced, and the image is laid out anew once they would be half of it.
 *
 * Recognition. A handler that loads an entity and saves it changes a few attributes; the other
 * entries still point at the key and value objects written here. The bytes of every image
 * written are kept as they were right after writing; where memory still holds them, the key or
 * value there is the one the image was made from, and is not decoded again (`changedEntries`,
 * `keyAt`, `valueAt`). Everything a key or value decodes from is inside its segment, so equal
 * bytes mean an equal decoded value, whatever the handler did in between.
 */
import type { Entity, StoreValue } from "../common/values.ts";
import { sortedByKey } from "../common/utf8.ts";
import { BLOCK_OVERHEAD, OBJECT_HEADER, SegmentCache, blockBytes, grown, type Segment } from "./segments.ts";
import { TypeId } from "./typeIds.ts";

/** An entity's image: where it is in the image arena, and where its attributes are in it. */
type Image = {
  readonly generation: number;
  /** Its words in the arena, and its pointers' word offsets (relative to `at`) in the reloc arena. */
  readonly at: number;
  readonly words: number;
  readonly relocAt: number;
  readonly relocCount: number;
  /** First word of the key and value segments, after the map, array, buffer and entries. */
  readonly segmentsAt: number;
  /** Per attribute, in key order: its key and value, and the byte offsets of its entry, key and value objects. */
  readonly keys: readonly string[];
  readonly values: readonly StoreValue[];
  readonly entryAt: readonly number[];
  readonly keyAt: readonly number[];
  readonly valueAt: readonly number[];
  /** Per attribute, the word range [start, end) of its key segment and of its value segment. */
  readonly keyRange: readonly number[];
  readonly valueRange: readonly number[];
  /** Words of value segments no entry points at any more. */
  readonly deadWords: number;
};

/** Where an image's attributes are, apart from where the image is. */
type Layout = Omit<Image, "generation" | "at" | "words" | "relocAt" | "relocCount">;

/** An image written at byte address `start`, from `entity`; its bytes as written are at `copyAt` in the copies. */
type Placed = { readonly start: number; readonly end: number; readonly copyAt: number; readonly image: Image; readonly entity: Entity };

/** Memory as the host sees it after an allocation: the same bytes as words and as bytes. */
export type MemoryViews = { allWords(): Int32Array; allBytes(): Uint8Array };

const ENTRY_BYTES = blockBytes(8);
/** The map is the image's first object. */
const MAP_AT = BLOCK_OVERHEAD + OBJECT_HEADER;

/**
 * Writes entities for one module instance (images hold its class ids) and recognises what it
 * wrote. Images live in an arena cleared when full: an image is usable while its generation is
 * the arena's. An entity handed to `write` must not change afterwards: its image is kept with
 * the object (stores hand out versions, never live objects).
 */
export class EntityImages {
  private readonly segments: SegmentCache;
  private generation = 0;
  private arena = new Int32Array(1 << 16);
  private arenaLength = 0;
  private relocArena = new Int32Array(1 << 14);
  private relocLength = 0;
  private images = new WeakMap<Entity, Image>();
  /** Versions announced by `derived`, with the image of the version they were made from. */
  private derivations = new WeakMap<Entity, Image>();

  // What was written since the memory was last reset, in increasing address order, and the
  // bytes of each as written.
  private placed: Placed[] = [];
  private readonly placedByMap = new Map<number, Placed>();
  private copies = Buffer.alloc(1 << 20);
  private copiesLength = 0;

  /** `arenaWords`: image words kept before the arena is cleared (smaller in tests). */
  constructor(
    private readonly classIdOf: (typeId: number) => number,
    private readonly arenaWords = ARENA_WORDS,
  ) {
    this.segments = new SegmentCache(classIdOf);
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
   * order, with one `allocate` call (memory may grow in it). Returns the pointer to the map.
   */
  write(entity: Entity, allocate: (size: number) => number, memory: MemoryViews): number {
    const image = this.imageOf(entity);
    const bytes = image.words * 4;
    const start = allocate(bytes - BLOCK_OVERHEAD) - BLOCK_OVERHEAD;
    const words = memory.allWords();
    const live = start >>> 2;
    words.set(this.arena.subarray(image.at, image.at + image.words), live);
    const relocs = this.relocArena;
    for (let r = image.relocAt, end = r + image.relocCount; r < end; r++) words[live + relocs[r]] += start;
    this.remember(start, bytes, image, entity, memory.allBytes());
    return start + MAP_AT;
  }

  /**
   * Announces that `next` was made from `base` by setting some attributes: if `base` has an
   * image, `next` gets its image from it when first written.
   */
  derived(next: Entity, base: Entity): void {
    const image = this.images.get(base);
    if (image !== undefined) this.derivations.set(next, image);
  }

  /** Forget what was written: the memory it was in was reset. */
  forgetPlaced(): void {
    this.placed = [];
    this.placedByMap.clear();
    this.copiesLength = 0;
  }

  /**
   * For a map written here from `entity`, with `entries` its entry pointers now: `entity` and
   * the positions of the entries that may no longer hold what it was written with. An entry
   * not listed is the very entry written, still pointing at the key and value objects written
   * with it, and their bytes are unchanged. Null for any other map, or one with fewer entries
   * than were written (a TypedMap only grows, so something unusual happened to it).
   */
  changedEntries(mapPtr: number, entries: readonly number[], memory: MemoryViews): { entity: Entity; changed: number[] } | null {
    const placed = this.placedByMap.get(mapPtr);
    if (placed === undefined) return null;
    const { image, start } = placed;
    const count = image.keys.length;
    if (entries.length < count) return null;
    const words = memory.allWords();
    const bytes = memory.allBytes();
    // Handlers replace values rather than change them in place: one comparison usually shows
    // every key and value object as written.
    const objectsAsWritten = this.asWritten(placed, image.segmentsAt, image.words, bytes);
    const changed: number[] = [];
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i];
      if (
        i >= count ||
        entry !== start + image.entryAt[i] ||
        words[entry >>> 2] !== start + image.keyAt[i] ||
        words[(entry >>> 2) + 1] !== start + image.valueAt[i] ||
        (!objectsAsWritten &&
          !(
            this.asWritten(placed, image.keyRange[2 * i], image.keyRange[2 * i + 1], bytes) &&
            this.asWritten(placed, image.valueRange[2 * i], image.valueRange[2 * i + 1], bytes)
          ))
      ) {
        changed.push(i);
      }
    }
    return { entity: placed.entity, changed };
  }

  /** The key a written key string at `ptr` was made from, if its bytes are unchanged. */
  keyAt(ptr: number, memory: MemoryViews): string | undefined {
    const at = this.writtenAt(ptr, memory, "key");
    return at && at.image.keys[at.i];
  }

  /** The value a written value object at `ptr` was made from, if its bytes are unchanged. */
  valueAt(ptr: number, memory: MemoryViews): StoreValue | undefined {
    const at = this.writtenAt(ptr, memory, "value");
    return at && at.image.values[at.i];
  }

  /** The attribute whose key or value object a placed image has at `ptr`, if its bytes are as written. */
  private writtenAt(ptr: number, memory: MemoryViews, part: "key" | "value"): { image: Image; i: number } | undefined {
    const placed = this.placedAt(ptr);
    if (placed === undefined) return undefined;
    const image = placed.image;
    const offsets = part === "key" ? image.keyAt : image.valueAt;
    const ranges = part === "key" ? image.keyRange : image.valueRange;
    const i = offsets.indexOf(ptr - placed.start);
    if (i < 0 || !this.asWritten(placed, ranges[2 * i], ranges[2 * i + 1], memory.allBytes())) return undefined;
    return { image, i };
  }

  /** True if words [from, to) of a placed image hold in memory what was written there. */
  private asWritten(placed: Placed, from: number, to: number, memory: Uint8Array): boolean {
    const end = placed.start + to * 4;
    if (end > memory.length) return false;
    return this.copies.compare(memory, placed.start + from * 4, end, placed.copyAt + from * 4, placed.copyAt + to * 4) === 0;
  }

  /** Keeps the bytes of an image just written at `start`. */
  private remember(start: number, bytes: number, image: Image, entity: Entity, memory: Uint8Array): void {
    if (this.placed.length >= RECOGNISED_ENTITIES || this.copiesLength + bytes > COPIES_LIMIT) this.forgetPlaced();
    if (this.copiesLength + bytes > this.copies.length) {
      const bigger = Buffer.alloc(Math.max(this.copies.length * 2, this.copiesLength + bytes));
      this.copies.copy(bigger, 0, 0, this.copiesLength);
      this.copies = bigger;
    }
    this.copies.set(memory.subarray(start, start + bytes), this.copiesLength);
    const placed: Placed = { start, end: start + bytes, copyAt: this.copiesLength, image, entity };
    this.copiesLength += bytes;
    this.placed.push(placed);
    this.placedByMap.set(start + MAP_AT, placed);
  }

  /** The placed image whose bytes include `ptr`. */
  private placedAt(ptr: number): Placed | undefined {
    const placed = this.placed;
    let lo = 0;
    let hi = placed.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (placed[mid].end <= ptr) lo = mid + 1;
      else if (placed[mid].start > ptr) hi = mid - 1;
      else return placed[mid];
    }
    return undefined;
  }

  private imageOf(entity: Entity): Image {
    let image = this.images.get(entity);
    if (image !== undefined && image.generation === this.generation) return image;
    const base = this.derivations.get(entity);
    if (base !== undefined) this.derivations.delete(entity);
    image = (base && this.derive(base, entity)) ?? this.build(sortedByKey(entity));
    this.images.set(entity, image);
    return image;
  }

  /** Lays out `entity`, sorted by key, from the segments of its keys and values. */
  private build(entity: Entity): Image {
    const segments = this.segments;
    const n = entity.size;
    const keySegments = new Array<Segment>(n);
    const valueSegments = new Array<Segment>(n);
    let segmentWords = 0;
    let segmentRelocs = 0;
    let i = 0;
    for (const [key, value] of entity) {
      const k = (keySegments[i] = segments.key(key));
      const v = (valueSegments[i] = segments.value(value));
      segmentWords += k.words + v.words;
      segmentRelocs += k.relocCount + v.relocCount;
      i++;
    }
    // A segment made above may have cleared the segment arena: make them again.
    if (keySegments.some((s) => s.generation !== segments.generation) || valueSegments.some((s) => s.generation !== segments.generation)) {
      return this.build(entity);
    }

    const segmentsAt = (blockBytes(4) + blockBytes(16) + blockBytes(n * 4) + n * ENTRY_BYTES) >>> 2;
    const words = segmentsAt + segmentWords;
    const at = this.reserve(words, 3 + 3 * n + segmentRelocs);
    const relocAt = this.relocLength;
    this.arena.fill(0, at, at + segmentsAt);
    const out = new ImageWriter(this.arena, at, this.relocArena, relocAt, this.classIdOf);
    const map = out.block(0, TypeId.TypedMapStringStoreValue, 4);
    const array = out.block(blockBytes(4), TypeId.ArrayTypedMapEntryStringStoreValue, 16);
    const buffer = out.block(blockBytes(4) + blockBytes(16), TypeId.ArrayBuffer, n * 4);
    out.pointer(map, array);
    out.pointer(array, buffer);
    out.pointer(array + 4, buffer);
    out.word(array + 8, n * 4);
    out.word(array + 12, n);
    const entryAt = new Array<number>(n);
    const keyAt = new Array<number>(n);
    const valueAt = new Array<number>(n);
    const keyRange = new Array<number>(2 * n);
    const valueRange = new Array<number>(2 * n);
    let offset = blockBytes(4) + blockBytes(16) + blockBytes(n * 4);
    for (let j = 0; j < n; j++, offset += ENTRY_BYTES) {
      entryAt[j] = out.block(offset, TypeId.TypedMapEntryStringStoreValue, 8);
      out.pointer(buffer + 4 * j, entryAt[j]);
    }
    let word = segmentsAt;
    const { arena, relocArena } = segments;
    for (let j = 0; j < n; j++) {
      keyRange[2 * j] = word;
      keyAt[j] = out.segment(keySegments[j], word, arena, relocArena);
      word += keySegments[j].words;
      keyRange[2 * j + 1] = valueRange[2 * j] = word;
      valueAt[j] = out.segment(valueSegments[j], word, arena, relocArena);
      word += valueSegments[j].words;
      valueRange[2 * j + 1] = word;
      out.pointer(entryAt[j], keyAt[j]);
      out.pointer(entryAt[j] + 4, valueAt[j]);
    }
    return this.claim(at, words, relocAt, out.relocCount, {
      segmentsAt,
      keys: [...entity.keys()],
      values: [...entity.values()],
      entryAt,
      keyAt,
      valueAt,
      keyRange,
      valueRange,
      deadWords: 0,
    });
  }

  /**
   * The image of `entity`, made from `base`, the image of an earlier version: a copy of it with
   * the segments of the values that differ added at the end and their entries pointed at them.
   * Null when `base` is from an older generation, when the two do not have the same keys, or
   * when the copy would be mostly unused segments: the caller lays the entity out anew.
   */
  private derive(base: Image, entity: Entity): Image | null {
    if (base.generation !== this.generation || entity.size !== base.keys.length) return null;
    const segments = this.segments;
    const fields: number[] = [];
    const added: Segment[] = [];
    let addedWords = 0;
    let addedRelocs = 0;
    let deadWords = base.deadWords;
    // Versions are kept sorted by key, so the same keys come in the same order.
    let i = 0;
    for (const [key, value] of entity) {
      if (key !== base.keys[i]) return null;
      if (value !== base.values[i]) {
        const segment = segments.value(value);
        fields.push(i);
        added.push(segment);
        addedWords += segment.words;
        addedRelocs += segment.relocCount;
        deadWords += base.valueRange[2 * i + 1] - base.valueRange[2 * i];
      }
      i++;
    }
    if (added.some((s) => s.generation !== segments.generation)) return this.derive(base, entity);
    if (deadWords * 2 > base.words + addedWords) return null;

    const words = base.words + addedWords;
    // Making room may clear the arenas; `base` is still in them until something else is written.
    const at = this.reserve(words, base.relocCount + addedRelocs);
    const relocAt = this.relocLength;
    this.arena.copyWithin(at, base.at, base.at + base.words);
    this.relocArena.copyWithin(relocAt, base.relocAt, base.relocAt + base.relocCount);
    const out = new ImageWriter(this.arena, at, this.relocArena, relocAt, this.classIdOf);
    out.relocCount = base.relocCount;
    const values = base.values.slice();
    const valueAt = base.valueAt.slice();
    const valueRange = base.valueRange.slice();
    let word = base.words;
    for (let j = 0; j < fields.length; j++) {
      const i = fields[j];
      valueRange[2 * i] = word;
      valueAt[i] = out.segment(added[j], word, segments.arena, segments.relocArena);
      word += added[j].words;
      valueRange[2 * i + 1] = word;
      values[i] = entity.get(base.keys[i])!;
      // The entry's value word is a pointer already: only its target moves.
      out.word(base.entryAt[i] + 4, valueAt[i]);
    }
    return this.claim(at, words, relocAt, out.relocCount, {
      segmentsAt: base.segmentsAt,
      keys: base.keys,
      values,
      entryAt: base.entryAt,
      keyAt: base.keyAt,
      valueAt,
      keyRange: base.keyRange,
      valueRange,
      deadWords,
    });
  }

  /** Takes the room `reserve` made, for an image of `words` words and `relocCount` pointers. */
  private claim(at: number, words: number, relocAt: number, relocCount: number, layout: Layout): Image {
    this.arenaLength += words;
    this.relocLength += relocCount;
    return { generation: this.generation, at, words, relocAt, relocCount, ...layout };
  }

  /**
   * Room at the end of the arenas for `words` words and `relocs` pointers: returns the word
   * where it starts (the pointers' start is `relocLength`). Clears the arenas when full.
   */
  private reserve(words: number, relocs: number): number {
    if (this.arenaLength + words > this.arenaWords) {
      this.generation++;
      this.arenaLength = 0;
      this.relocLength = 0;
      // Images of the older generation are of no use any more. Entities a store keeps (its
      // cache of committed versions) would otherwise keep their descriptions alive.
      this.images = new WeakMap();
      this.derivations = new WeakMap();
    }
    this.arena = grown(this.arena, this.arenaLength + words, (n) => new Int32Array(n));
    this.relocArena = grown(this.relocArena, this.relocLength + relocs, (n) => new Int32Array(n));
    return this.arenaLength;
  }
}

/** Writes one image's blocks and pointers into the arenas; offsets are bytes from the image's start. */
class ImageWriter {
  relocCount = 0;

  constructor(
    private readonly words: Int32Array,
    private readonly at: number,
    private readonly relocs: Int32Array,
    private readonly relocAt: number,
    private readonly classIdOf: (typeId: number) => number,
  ) {}

  /** A block header at `offset` for an object of `content` bytes (content zeroed by the caller); returns the object's offset. */
  block(offset: number, typeId: number, content: number): number {
    const word = this.at + (offset >>> 2);
    this.words[word] = blockBytes(content) - BLOCK_OVERHEAD;
    this.words[word + 3] = this.classIdOf(typeId);
    this.words[word + 4] = content;
    return offset + BLOCK_OVERHEAD + OBJECT_HEADER;
  }

  word(offset: number, value: number): void {
    this.words[this.at + (offset >>> 2)] = value;
  }

  pointer(offset: number, target: number): void {
    this.word(offset, target);
    this.relocs[this.relocAt + this.relocCount++] = offset >>> 2;
  }

  /** Copies `segment` (from the segment arenas) to word `word` of the image; returns its root's offset. */
  segment(segment: Segment, word: number, arena: Int32Array, relocArena: Int32Array): number {
    const to = this.at + word;
    if (segment.words > NATIVE_COPY_WORDS) this.words.set(arena.subarray(segment.at, segment.at + segment.words), to);
    else for (let i = 0; i < segment.words; i++) this.words[to + i] = arena[segment.at + i];
    const shift = word * 4;
    for (let r = segment.relocAt, end = r + segment.relocCount; r < end; r++) {
      this.words[to + relocArena[r]] += shift;
      this.relocs[this.relocAt + this.relocCount++] = word + relocArena[r];
    }
    return shift + segment.root;
  }
}

/** Image words kept before the arena is cleared (64 MiB). */
const ARENA_WORDS = 16 << 20;
/** Segments longer than this are copied with `TypedArray.set`. */
const NATIVE_COPY_WORDS = 64;
/** Entities, and bytes of them, remembered for recognition; beyond that a handler's older writes are forgotten. */
const RECOGNISED_ENTITIES = 50_000;
const COPIES_LIMIT = 64 << 20;
