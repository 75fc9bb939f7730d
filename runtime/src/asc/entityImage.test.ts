import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Entity, StoreValue } from "../common/values.ts";
import { bigDecimalFromReadParts } from "../host/bigDecimal.ts";
import { bigDec, bigInt, bool, entity, int, int8, list, str, ts } from "../../test/helpers/entities.ts";
import { AscMemory } from "./memory.ts";
import { TypeId } from "./typeIds.ts";
import { AscValues } from "./values.ts";

/**
 * A memory with the stub runtime's bump allocator written in JS (`std/assembly/rt/stub.ts`):
 * 4-byte mmInfo in front of each block, payloads 16-byte aligned, the heap start movable.
 */
function stubModule(options: { gap?: number; imageArenaWords?: number } = {}) {
  const memory = new WebAssembly.Memory({ initial: 2 });
  const heapStart = 1024 + 12;
  let offset = heapStart;
  const u32 = () => new Uint32Array(memory.buffer);
  const allocate = (size: number): number => {
    const ptr = offset + 4;
    const payload = ((size + 4 + 15) & ~15) - 4;
    while (ptr + payload > memory.buffer.byteLength) memory.grow(1);
    u32()[offset >>> 2] = payload;
    offset = ptr + payload + (options.gap ?? 0);
    return ptr;
  };
  const values = new AscValues(
    new AscMemory({ memory, allocate, id_of_type: (typeId: number) => 100 + typeId }),
    bigDecimalFromReadParts,
    options.imageArenaWords,
  );
  // A second reader of the same memory that never writes, so it recognises nothing: it
  // decodes what the bytes say.
  const decoder = new AscValues(new AscMemory({ memory, allocate, id_of_type: (typeId: number) => 100 + typeId }), bigDecimalFromReadParts);
  return {
    memory,
    values,
    decode: (ptr: number) => decoder.readEntity(ptr),
    heap: () => offset,
    /** Moves the allocator to `at` and clears memory above it, as a memory reset would. */
    rewind(at: number) {
      new Uint8Array(memory.buffer).fill(0, at);
      offset = at;
      values.memoryReset();
    },
  };
}

const ALL_KINDS: Entity = entity({
  id: str("0xabc"),
  name: str("naïve ✓ \u{1F600}"),
  empty: str(""),
  count: int(-7),
  big: bigInt(-(10n ** 40n) - 1n),
  zero: bigInt(0n),
  ratio: bigDec("-12345.678900"),
  flag: bool(true),
  off: bool(false),
  height: int8(-(2n ** 62n)),
  at: ts(1_700_000_000_000_000n),
  data: { kind: "Bytes", value: new Uint8Array([0, 255, 16]) },
  none: { kind: "Bytes", value: new Uint8Array(0) },
  missing: { kind: "Null" },
  tags: list(str("a"), list(bigInt(5n), bigDec("0.5")), { kind: "Null" }),
  // Out of byte order on purpose: entries are written sorted.
  Zed: int(1),
});

describe("entity images", () => {
  test("an entity is one run of valid blocks, sorted by key, and reads back equal", () => {
    const m = stubModule();
    m.values.writeEntity(entity({ id: str("warm-up") })); // the first write probes the allocator
    const start = m.heap();
    const ptr = m.values.writeEntity(ALL_KINDS);
    const end = m.heap();
    const words = new Uint32Array(m.memory.buffer);
    // Every block states its payload size, which fits its object: AssemblyScript can renew it.
    const classes = new Set(Object.values(TypeId).filter((v) => typeof v === "number").map((v) => 100 + (v as number)));
    let blocks = 0;
    for (let at = start; at < end; blocks++) {
      const payload = words[at / 4];
      const rtSize = words[at / 4 + 4];
      assert.equal(payload, ((16 + rtSize + 4 + 15) & ~15) - 4, `block at ${at}`);
      assert.ok(classes.has(words[at / 4 + 3]), `class of the block at ${at}`);
      at += 4 + payload;
      assert.ok(at <= end);
    }
    assert.ok(blocks > 3 * ALL_KINDS.size);
    assert.equal(ptr, start + 20, "the map is the first object");
    assert.equal(words[(ptr - 20) / 4 + 3], 100 + TypeId.TypedMapStringStoreValue);

    const read = m.values.readEntity(ptr);
    const byteOrder = [...ALL_KINDS.keys()].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
    assert.deepEqual([...read.keys()], byteOrder);
    for (const [k, v] of ALL_KINDS) assert.equal(read.get(k), v, `${k} is recognised as the value written`);
    const viaObjects = m.values.readEntity(m.values.writeEntityObjectByObject(ALL_KINDS));
    for (const [k, v] of ALL_KINDS) assert.deepEqual(viaObjects.get(k), v, k);
  });

  test("unchanged fields read back as the very values written; changed ones are decoded", () => {
    const m = stubModule();
    const written = entity({ id: str("p"), supply: bigInt(1000n), label: str("x"), count: int(1) });
    const ptr = m.values.writeEntity(written);
    const mem = new DataView(m.memory.buffer);
    const entryOf = (i: number) => mem.getUint32(mem.getUint32(mem.getUint32(ptr, true) + 4, true) + i * 4, true);
    // Sorted keys: count, id, label, supply. Change `supply` in place (a BigInt's bytes) and
    // point `label` at a fresh value, as a handler's `entity.set` would.
    const supplyValue = mem.getUint32(entryOf(3) + 4, true);
    const supplyBytes = mem.getUint32(mem.getUint32(supplyValue + 8, true) + 4, true);
    mem.setUint8(supplyBytes, 0xe9); // 1000 = 0x03e8 → 0x03e9
    const fresh = m.values.writeStoreValue(str("y"));
    mem.setUint32(entryOf(2) + 4, fresh, true);

    const read = m.values.readEntity(ptr);
    assert.equal(read.get("id"), written.get("id"));
    assert.equal(read.get("count"), written.get("count"));
    assert.deepEqual(read.get("supply"), bigInt(1001n));
    assert.deepEqual(read.get("label"), str("y"));
  });

  test("after a memory reset, nothing is recognised from before", () => {
    const m = stubModule();
    const start = m.heap();
    const ptr = m.values.writeEntity(entity({ id: str("a"), v: int(1) }));
    m.rewind(start);
    // Something else is written where the entity was; reading it must decode that.
    const other = m.values.writeEntityObjectByObject(entity({ id: str("b"), v: int(2) }));
    assert.deepEqual(m.values.readEntity(other), entity({ id: str("b"), v: int(2) }));
    assert.ok(ptr > 0);
  });

  test("an allocator that is not the stub's is not used for images", () => {
    const m = stubModule({ gap: 16 });
    const ptr = m.values.writeEntity(entity({ id: str("a"), v: bigInt(5n) }));
    assert.deepEqual(m.values.readEntity(ptr), entity({ id: str("a"), v: bigInt(5n) }));
    // Object by object: the map is the last of the entity's objects, right after the array.
    const mapBlock = ptr - 20;
    assert.equal(new Uint32Array(m.memory.buffer)[mapBlock / 4 + 3], 100 + TypeId.TypedMapStringStoreValue);
  });

  test("many entities and values: caches cleared when full keep giving right answers", () => {
    const m = stubModule();
    const start = m.heap();
    for (let round = 0; round < 3; round++) {
      m.rewind(start);
      const written: Array<{ ptr: number; e: Entity }> = [];
      for (let i = 0; i < 200; i++) {
        const e = entity({ id: str(`e${i}`), n: bigInt(BigInt(i * 7 + round)), list: list(int(i), int(-i)) });
        written.push({ ptr: m.values.writeEntity(e), e });
      }
      for (const { ptr, e } of written) assert.deepEqual(m.values.readEntity(ptr), e);
    }
  });

  /** The pointers of a written map's entries (its array's buffer). */
  function entriesOf(m: ReturnType<typeof stubModule>, map: number): number[] {
    const mem = new DataView(m.memory.buffer);
    const array = mem.getUint32(map, true);
    const buffer = mem.getUint32(array + 4, true);
    return Array.from({ length: mem.getUint32(array + 12, true) }, (_, i) => mem.getUint32(buffer + 4 * i, true));
  }

  test("a save of a loaded entity reads as the entity written plus what changed", () => {
    const m = stubModule();
    const written = entity({ id: str("p"), supply: bigInt(1000n), label: str("x"), count: int(1), list: list(str("a"), str("b")) });
    const ptr = m.values.writeEntity(written);
    const mem = new DataView(m.memory.buffer);
    // Sorted keys: count, id, label, list, supply.
    const entries = entriesOf(m, ptr);
    mem.setUint32(entries[2] + 4, m.values.writeStoreValue(str("y")), true); // label → a fresh value
    const supplyBytes = mem.getUint32(mem.getUint32(mem.getUint32(entries[4] + 4, true) + 8, true) + 4, true);
    mem.setUint8(supplyBytes, 0xe9); // supply's bytes changed in place: 1000 → 1001
    // A new attribute, as TypedMap.set appends it: a longer entry array.
    const extra = m.values.mem.writeStruct(TypeId.TypedMapEntryStringStoreValue, [m.values.mem.writeString("extra"), m.values.writeStoreValue(int(5))]);
    const array = m.values.mem.writePointerArray(TypeId.ArrayTypedMapEntryStringStoreValue, [...entries, extra]);
    new DataView(m.memory.buffer).setUint32(ptr, array, true);

    const found = m.values.readEntityChanges(ptr)!;
    assert.equal(found.base, written, "the entity it was written from");
    assert.deepEqual([...found.changes], [
      ["label", str("y")],
      ["supply", bigInt(1001n)],
      ["extra", int(5)],
    ]);
    const whole = m.values.readEntity(ptr);
    assert.deepEqual(whole, new Map([...written, ...found.changes]), "base with the changes is what readEntity reads");

    // Fewer entries than written: not recognised.
    new DataView(m.memory.buffer).setUint32(ptr, m.values.mem.writePointerArray(TypeId.ArrayTypedMapEntryStringStoreValue, entries.slice(1)), true);
    assert.equal(m.values.readEntityChanges(ptr), null);
    // Written object by object, or before a reset: not recognised.
    assert.equal(m.values.readEntityChanges(m.values.writeEntityObjectByObject(written)), null);
    const again = m.values.writeEntity(written);
    assert.notEqual(m.values.readEntityChanges(again), null);
    m.rewind(m.heap());
    assert.equal(m.values.readEntityChanges(again), null);
  });

  test("a version made from another is laid out from its image and reads back equal", () => {
    const m = stubModule();
    const broadcasters = list(...Array.from({ length: 300 }, (_, i) => str(`0x${i.toString(16).padStart(40, "0")}`)));
    // Sorted by key, as stores hand versions out.
    let version = entity({ broadcasters, id: str("0"), rate: bigDec("0.5"), supply: bigInt(1n) });
    const fresh = (e: Entity) => {
      const before = m.heap();
      m.values.writeEntity(new Map(e));
      return m.heap() - before;
    };
    m.values.writeEntity(version);
    for (let i = 2; i < 60; i++) {
      const next = new Map(version);
      next.set("supply", bigInt(10n ** BigInt(i)));
      if (i % 7 === 0) next.set("rate", bigDec(`${i}.25`));
      // A long list replaced: what the image no longer uses soon outweighs the rest.
      if (i % 3 === 0) next.set("broadcasters", list(...(version.get("broadcasters") as { value: StoreValue[] }).value, str(`b${i}`)));
      m.values.entityDerived(next, version);
      const freshSize = fresh(next);
      const before = m.heap();
      const ptr = m.values.writeEntity(next);
      assert.ok(m.heap() - before <= 2 * freshSize, `version ${i} stays within twice a fresh layout`);
      assert.deepEqual(m.decode(ptr), next, `version ${i}`);
      const read = m.values.readEntity(ptr);
      for (const [k, v] of next) assert.equal(read.get(k), v, `version ${i}: ${k} recognised`);
      version = next;
    }
    // Versions with an attribute more or less are laid out anew.
    for (const change of [(e: Entity) => e.set("extra", int(1)), (e: Entity) => e.delete("rate")]) {
      const next = new Map(version);
      change(next);
      m.values.entityDerived(next, version);
      assert.deepEqual(m.decode(m.values.writeEntity(next)), new Map([...next].sort(([a], [b]) => (a < b ? -1 : 1))));
    }
  });

  test("images and derivations stay right across arena clears", () => {
    const m = stubModule({ imageArenaWords: 2000 });
    const start = m.heap();
    const first = Array.from({ length: 20 }, (_, i) => entity({ id: str(`e${i}`), n: bigInt(BigInt(i)), tag: str(`t${i}`) }));
    let versions = first;
    for (let round = 0; round < 30; round++) {
      m.rewind(start);
      // The first versions again: their images are long gone from the arena.
      const written = [...versions, ...first].map((e) => ({ ptr: m.values.writeEntity(e), e }));
      for (const { ptr, e } of written) {
        assert.deepEqual(m.decode(ptr), e);
        assert.deepEqual(m.values.readEntity(ptr), e);
      }
      versions = versions.map((e, i) => {
        const next = new Map(e);
        next.set("n", bigInt(BigInt(round * 100 + i)));
        m.values.entityDerived(next, e);
        return next;
      });
    }
  });
});
