import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Entity } from "../common/values.ts";
import { bigDecimalFromReadParts } from "../host/bigDecimal.ts";
import { bigDec, bigInt, bool, entity, int, int8, list, str, ts } from "../../test/helpers/entities.ts";
import { AscMemory } from "./memory.ts";
import { TypeId } from "./typeIds.ts";
import { AscValues } from "./values.ts";

/**
 * A memory with the stub runtime's bump allocator written in JS (`std/assembly/rt/stub.ts`):
 * 4-byte mmInfo in front of each block, payloads 16-byte aligned, the heap start movable.
 */
function stubModule(options: { gap?: number } = {}) {
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
  const values = new AscValues(new AscMemory({ memory, allocate, id_of_type: (typeId: number) => 100 + typeId }), bigDecimalFromReadParts);
  return {
    memory,
    values,
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
  test("write the same bytes as object-by-object writing, and read back equal", () => {
    const m = stubModule();
    m.values.writeEntity(entity({ id: str("warm-up") })); // the first write probes the allocator
    const start = m.heap();
    const viaImage = m.values.writeEntity(ALL_KINDS);
    const imageBytes = new Uint8Array(m.memory.buffer.slice(start, m.heap()));
    m.rewind(start);
    const viaObjects = m.values.writeEntityObjectByObject(ALL_KINDS);
    const objectBytes = new Uint8Array(m.memory.buffer.slice(start, m.heap()));
    assert.equal(viaImage, viaObjects, "the map is at the same address");
    assert.deepEqual(imageBytes, objectBytes, "every object, header and mmInfo is identical");

    const read = m.values.readEntity(viaObjects);
    const byteOrder = [...ALL_KINDS.keys()].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
    assert.deepEqual([...read.keys()], byteOrder);
    for (const [k, v] of ALL_KINDS) assert.deepEqual(read.get(k), v, k);
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
});
