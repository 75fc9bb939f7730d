import { DeterministicError } from "../common/errors.ts";
import { fromSignedBytesLE, toSignedBytesLE } from "../common/signedBytes.ts";
import { compareUtf8 } from "../common/utf8.ts";
import {
  ETH_VALUE_KINDS,
  STORE_VALUE_KINDS,
  type BigDecimal,
  type Entity,
  type EthValue,
  type JsonValue,
  type StoreValue,
  type YamlValue,
} from "../common/values.ts";
import { EntityImages } from "./entityImage.ts";
import type { AscMemory } from "./memory.ts";
import { TypeId } from "./typeIds.ts";

/** Turns the raw parts of a BigDecimal read from memory into a checked, normalized value. */
export type BigDecimalReader = (digits: bigint, exp: bigint) => BigDecimal;

/** A contract call as graph-ts builds it (`ethereum.SmartContractCall`). */
export type SmartContractCall = {
  contractName: string;
  contractAddress: Uint8Array;
  functionName: string;
  functionSignature: string | null;
  functionParams: EthValue[];
};

/** Converts graph-ts values between AssemblyScript memory and `common/values.ts` forms. */
export class AscValues {
  /** Undefined until first needed; null when the module's allocator does not allow images. */
  private images: EntityImages | null | undefined;

  /** `imageArenaWords` bounds the memory kept for entity images (tests make it small). */
  constructor(
    readonly mem: AscMemory,
    private readonly toBigDecimal: BigDecimalReader,
    private readonly imageArenaWords?: number,
  ) {}

  private entityImages(): EntityImages | null {
    if (this.images === undefined) {
      const mem = this.mem;
      this.images = EntityImages.usable((size) => mem.allocate(size), (ptr) => mem.u32(ptr))
        ? new EntityImages((typeId) => mem.classId(typeId), this.imageArenaWords)
        : null;
    }
    return this.images;
  }

  /** The module's memory was reset to an earlier state: nothing placed before is there. */
  memoryReset(): void {
    this.images?.forgetPlaced();
  }

  // ---- BigInt / BigDecimal -----------------------------------------------------------

  readBigInt(ptr: number): bigint {
    return fromSignedBytesLE(this.mem.readBytes(ptr));
  }

  writeBigInt(value: bigint): number {
    let bytes = signedBytesCache.get(value);
    if (bytes === undefined) {
      if (signedBytesCache.size >= SIGNED_BYTES_CACHE_SIZE) signedBytesCache.clear();
      bytes = toSignedBytesLE(value);
      signedBytesCache.set(value, bytes);
    }
    return this.mem.writeBytes(bytes);
  }

  writeBigIntOrNull(value: bigint | null | undefined): number {
    return value == null ? 0 : this.writeBigInt(value);
  }

  readBigDecimal(ptr: number): BigDecimal {
    this.mem.nonNull(ptr);
    const digits = this.readBigInt(this.mem.u32(ptr));
    const expBytes = this.mem.readBytes(this.mem.nonNull(this.mem.u32(ptr + 4)));
    if (expBytes.length > 8) {
      throw new DeterministicError(`BigDecimal exponent does not fit in i64 (${expBytes.length} bytes)`);
    }
    return this.toBigDecimal(digits, fromSignedBytesLE(expBytes));
  }

  writeBigDecimal(value: BigDecimal): number {
    const digits = this.writeBigInt(value.digits);
    const exp = this.writeBigInt(value.exp);
    return this.mem.writeStruct(TypeId.BigDecimal, [digits, exp]);
  }

  // ---- store values and entities -------------------------------------------------------

  readStoreValue(ptr: number): StoreValue {
    this.mem.nonNull(ptr);
    const kind = this.mem.i32(ptr);
    const name = STORE_VALUE_KINDS[kind];
    // The payload is a u64; every kind but Int8, Timestamp and Bool uses its low half.
    const p = this.mem.u32(ptr + 8);
    switch (name) {
      case "String":
        return { kind: "String", value: this.mem.readString(p) };
      case "Int":
        return { kind: "Int", value: p | 0 };
      case "BigDecimal":
        return { kind: "BigDecimal", value: this.readBigDecimal(p) };
      case "Bool":
        return { kind: "Bool", value: p !== 0 || this.mem.u32(ptr + 12) !== 0 };
      case "Array":
        return { kind: "Array", value: this.mem.readPointerArray(p).map((e) => this.readStoreValue(e)) };
      case "Null":
        return { kind: "Null" };
      case "Bytes":
        return { kind: "Bytes", value: this.mem.readBytes(p) };
      case "BigInt":
        return { kind: "BigInt", value: this.readBigInt(p) };
      case "Int8":
        return { kind: "Int8", value: this.mem.i64(ptr + 8) };
      case "Timestamp":
        return { kind: "Timestamp", value: this.mem.i64(ptr + 8) };
      default:
        throw new DeterministicError(`value ${kind} is out of range for StoreValueKind`);
    }
  }

  writeStoreValue(value: StoreValue): number {
    const kind = STORE_VALUE_KIND_INDEX[value.kind];
    const id = TypeId.StoreValue;
    switch (value.kind) {
      case "String":
        return this.mem.writeEnum32(id, kind, this.mem.writeString(value.value));
      case "Int":
        return this.mem.writeEnum32(id, kind, value.value);
      case "BigDecimal":
        return this.mem.writeEnum32(id, kind, this.writeBigDecimal(value.value));
      case "Bool":
        return this.mem.writeEnum32(id, kind, value.value ? 1 : 0);
      case "Array":
        return this.mem.writeEnum32(
          id,
          kind,
          this.mem.writePointerArray(
            TypeId.ArrayStoreValue,
            value.value.map((v) => this.writeStoreValue(v)),
          ),
        );
      case "Null":
        return this.mem.writeEnum32(id, kind, 0);
      case "Bytes":
        return this.mem.writeEnum32(id, kind, this.mem.writeBytes(value.value));
      case "BigInt":
        return this.mem.writeEnum32(id, kind, this.writeBigInt(value.value));
      case "Int8":
      case "Timestamp":
        return this.mem.writeEnum(id, kind, value.value);
    }
  }

  /** `TypedMap<string, Value>` (Entity, DataSourceContext). Duplicate keys: the last wins. */
  readEntity(ptr: number): Entity {
    const entries = this.entityEntries(ptr);
    const entity: Entity = new Map();
    for (const entry of entries) this.readEntry(entry, entity);
    return entity;
  }

  /**
   * The entity at `ptr` as the changes made to one `writeEntity` wrote: the entity it was
   * written from and the attributes whose entries no longer hold what was written, in entry
   * order. `base` with `changes` set on it equals `readEntity(ptr)`. Null for a map this host
   * did not write (or no longer recognises): `readEntity` reads it.
   */
  readEntityChanges(ptr: number): { base: Entity; changes: Entity } | null {
    const images = this.images;
    if (!images) return null;
    const entries = this.entityEntries(ptr);
    const found = images.changedEntries(ptr, entries, this.mem);
    if (found === null) return null;
    const changes: Entity = new Map();
    for (const i of found.changed) this.readEntry(entries[i], changes);
    return { base: found.entity, changes };
  }

  /** `next` was made from `base` by setting attributes: `writeEntity(next)` may start from `base`. */
  entityDerived(next: Entity, base: Entity): void {
    this.images?.derived(next, base);
  }

  /** The entry pointers of a `TypedMap<string, Value>`. */
  private entityEntries(ptr: number): number[] {
    const mem = this.mem;
    return mem.readPointerArray(mem.nonNull(mem.u32(mem.nonNull(ptr))));
  }

  /** Reads one `TypedMapEntry<string, Value>` into `entity`; a repeated key takes the later value. */
  private readEntry(entry: number, entity: Entity): void {
    const mem = this.mem;
    // Fields still holding what an entity image placed them with are not decoded again.
    const images = this.images ?? null;
    const keyPtr = mem.u32(entry);
    const valuePtr = mem.u32(entry + 4);
    if (images === null) {
      entity.set(mem.readString(keyPtr), this.readStoreValue(valuePtr));
      return;
    }
    const key = images.keyAt(keyPtr, mem) ?? mem.readString(keyPtr);
    entity.set(key, images.valueAt(valuePtr, mem) ?? this.readStoreValue(valuePtr));
  }

  /**
   * Writes entries sorted by key in byte order, as graph-node does. What is laid out for an
   * entity is kept with the entity object, which must therefore not change afterwards.
   */
  writeEntity(entity: Entity): number {
    const images = this.entityImages();
    if (images !== null) {
      const mem = this.mem;
      return images.write(entity, (size) => mem.allocate(size), mem);
    }
    return this.writeEntityObjectByObject(entity);
  }

  /** The same objects as an image holds, each allocated on its own. */
  writeEntityObjectByObject(entity: Entity): number {
    const keys = [...entity.keys()].sort(compareUtf8);
    const entries = keys.map((key) =>
      this.mem.writeStruct(TypeId.TypedMapEntryStringStoreValue, [
        this.mem.writeString(key),
        this.writeStoreValue(entity.get(key)!),
      ]),
    );
    const array = this.mem.writePointerArray(TypeId.ArrayTypedMapEntryStringStoreValue, entries);
    return this.mem.writeStruct(TypeId.TypedMapStringStoreValue, [array]);
  }

  writeEntityOrNull(entity: Entity | null): number {
    return entity === null ? 0 : this.writeEntity(entity);
  }

  writeEntityArray(entities: Entity[]): number {
    return this.mem.writePointerArray(
      TypeId.ArrayTypedMapStringStoreValue,
      entities.map((e) => this.writeEntity(e)),
    );
  }

  // ---- ethereum values -------------------------------------------------------------------

  readEthValue(ptr: number): EthValue {
    const { kind, payload } = this.mem.readEnum(ptr);
    const p = Number(payload & 0xffffffffn);
    const name = ETH_VALUE_KINDS[kind];
    switch (name) {
      case "address":
      case "fixedBytes":
      case "bytes":
      case "function":
        return { kind: name, value: this.mem.readBytes(p) };
      case "int":
      case "uint":
        return { kind: name, value: this.readBigInt(p) };
      case "bool":
        return { kind: "bool", value: payload !== 0n };
      case "string":
        return { kind: "string", value: this.mem.readString(p) };
      case "fixedArray":
      case "array":
      case "tuple":
        return { kind: name, value: this.readEthValueArray(p) };
      default:
        throw new DeterministicError(`value ${kind} is out of range for EthereumValueKind`);
    }
  }

  readEthValueArray(ptr: number): EthValue[] {
    return this.mem.readPointerArray(ptr).map((e) => this.readEthValue(e));
  }

  writeEthValue(value: EthValue): number {
    const kind = ETH_VALUE_KINDS.indexOf(value.kind);
    let payload: bigint;
    switch (value.kind) {
      case "address":
      case "fixedBytes":
      case "bytes":
      case "function":
        payload = BigInt(this.mem.writeBytes(value.value));
        break;
      case "int":
      case "uint":
        payload = BigInt(this.writeBigInt(value.value));
        break;
      case "bool":
        payload = value.value ? 1n : 0n;
        break;
      case "string":
        payload = BigInt(this.mem.writeString(value.value));
        break;
      default:
        payload = BigInt(this.writeEthValueArray(value.value));
    }
    return this.mem.writeEnum(TypeId.EthereumValue, kind, payload);
  }

  writeEthValueArray(values: EthValue[]): number {
    return this.mem.writePointerArray(
      TypeId.ArrayEthereumValue,
      values.map((v) => this.writeEthValue(v)),
    );
  }

  /** `ethereum.SmartContractCall`; before apiVersion 0.0.4 it has no `functionSignature`. */
  readSmartContractCall(ptr: number, hasSignature: boolean): SmartContractCall {
    this.mem.nonNull(ptr);
    const f = (i: number) => this.mem.u32(ptr + i * 4);
    return {
      contractName: this.mem.readString(f(0)),
      contractAddress: this.mem.readBytes(f(1)),
      functionName: this.mem.readString(f(2)),
      functionSignature: hasSignature ? this.mem.readString(f(3)) : null,
      functionParams: this.readEthValueArray(f(hasSignature ? 4 : 3)),
    };
  }

  // ---- JSON and YAML ---------------------------------------------------------------------

  writeJsonValue(value: JsonValue): number {
    const kinds = ["null", "bool", "number", "string", "array", "object"];
    let payload = 0n;
    switch (value.kind) {
      case "bool":
        payload = value.value ? 1n : 0n;
        break;
      case "number":
      case "string":
        payload = BigInt(this.mem.writeString(value.value));
        break;
      case "array":
        payload = BigInt(
          this.mem.writePointerArray(
            TypeId.ArrayJsonValue,
            value.value.map((v) => this.writeJsonValue(v)),
          ),
        );
        break;
      case "object": {
        const entries = value.value.map(([k, v]) =>
          this.mem.writeStruct(TypeId.TypedMapEntryStringJsonValue, [
            this.mem.writeString(k),
            this.writeJsonValue(v),
          ]),
        );
        const array = this.mem.writePointerArray(TypeId.ArrayTypedMapEntryStringJsonValue, entries);
        payload = BigInt(this.mem.writeStruct(TypeId.TypedMapStringJsonValue, [array]));
        break;
      }
    }
    return this.mem.writeEnum(TypeId.JsonValue, kinds.indexOf(value.kind), payload);
  }

  /** `Result<JSONValue, boolean>` as json.try_fromBytes returns it. */
  writeJsonResult(value: JsonValue | null): number {
    if (value === null) {
      return this.mem.writeStruct(TypeId.ResultJsonValueBool, [0, this.mem.writeWrappedBool(true)]);
    }
    const wrapped = this.mem.writeStruct(TypeId.WrappedJsonValue, [this.writeJsonValue(value)]);
    return this.mem.writeStruct(TypeId.ResultJsonValueBool, [wrapped, 0]);
  }

  writeYamlValue(value: YamlValue): number {
    const kinds = ["null", "bool", "number", "string", "array", "object", "tagged"];
    let payload = 0n;
    switch (value.kind) {
      case "bool":
        payload = value.value ? 1n : 0n;
        break;
      case "number":
      case "string":
        payload = BigInt(this.mem.writeString(value.value));
        break;
      case "array":
        payload = BigInt(
          this.mem.writePointerArray(
            TypeId.YamlArrayValue,
            value.value.map((v) => this.writeYamlValue(v)),
          ),
        );
        break;
      case "object": {
        const entries = value.value.map(([k, v]) =>
          this.mem.writeStruct(TypeId.YamlTypedMapEntryValueValue, [
            this.writeYamlValue(k),
            this.writeYamlValue(v),
          ]),
        );
        const array = this.mem.writePointerArray(TypeId.YamlArrayTypedMapEntryValueValue, entries);
        payload = BigInt(this.mem.writeStruct(TypeId.YamlTypedMapValueValue, [array]));
        break;
      }
      case "tagged":
        payload = BigInt(
          this.mem.writeStruct(TypeId.YamlTaggedValue, [
            this.mem.writeString(value.tag),
            this.writeYamlValue(value.value),
          ]),
        );
        break;
    }
    return this.mem.writeEnum(TypeId.YamlValue, kinds.indexOf(value.kind), payload);
  }

  writeYamlResult(value: YamlValue | null): number {
    if (value === null) {
      return this.mem.writeStruct(TypeId.YamlResultValueBool, [0, this.mem.writeWrappedBool(true)]);
    }
    const wrapped = this.mem.writeStruct(TypeId.YamlWrappedValue, [this.writeYamlValue(value)]);
    return this.mem.writeStruct(TypeId.YamlResultValueBool, [wrapped, 0]);
  }
}

/**
 * Byte forms of recently written BigInts (never modified: `writeBytes` copies them). Entities
 * are written to memory on every load with mostly the same values, and the conversion costs
 * more than the lookup. Cleared when full rather than evicting one by one.
 */
const signedBytesCache = new Map<bigint, Uint8Array>();
const SIGNED_BYTES_CACHE_SIZE = 50_000;

const STORE_VALUE_KIND_INDEX = Object.fromEntries(STORE_VALUE_KINDS.map((k, i) => [k, i])) as Record<StoreValue["kind"], number>;

