import { DeterministicError } from "../common/errors.ts";
import { TypeId } from "./typeIds.ts";

/** The exports of an AssemblyScript 0.19 (stub runtime) module the host needs. */
export type AscExports = {
  memory: WebAssembly.Memory;
  allocate(size: number): number;
  id_of_type(typeId: number): number;
};

const HEADER_SIZE = 16;
const NULL_MESSAGE =
  "Tried to read AssemblyScript value that is 'null'. Suggestion: look into the function that the error happened and add 'log' calls till you find where a 'null' value is being used as non-nullable. It's likely that you're calling a 'graph-ts' function (or operator) with a 'null' value when it doesn't support it.";

/**
 * Reads and writes AssemblyScript 0.19 objects in a module's linear memory. Objects written
 * here get a 16-byte object header behind a block allocated with the module's own `allocate`,
 * so AS code can grow and reuse them (graph-node `runtime/wasm/src/asc_abi`).
 */
export class AscMemory {
  private bytes: Uint8Array;
  private view: DataView;
  private words: Int32Array;
  private readonly classIds = new Map<number, number>();
  private readonly textDecoder = new TextDecoder("utf-16le", { fatal: true });

  constructor(private readonly exports: AscExports) {
    this.bytes = new Uint8Array(exports.memory.buffer);
    this.view = new DataView(exports.memory.buffer);
    this.words = new Int32Array(exports.memory.buffer);
  }

  /**
   * Any call into wasm may grow memory and detach the old buffer; views follow it. A detached
   * buffer's views have length 0, which is cheaper to test than reading `memory.buffer`.
   */
  private refresh(): void {
    if (this.bytes.length === 0) {
      this.bytes = new Uint8Array(this.exports.memory.buffer);
      this.view = new DataView(this.exports.memory.buffer);
      this.words = new Int32Array(this.exports.memory.buffer);
    }
  }

  /** The module's `allocate`: a block of `size` bytes, without an object header. */
  allocate(size: number): number {
    const ptr = this.exports.allocate(size);
    this.refresh();
    return ptr;
  }

  /** All of memory as bytes, current after any growth. */
  allBytes(): Uint8Array {
    this.refresh();
    return this.bytes;
  }

  /** All of memory as 4-byte words, current after any growth. */
  allWords(): Int32Array {
    this.refresh();
    return this.words;
  }

  /** Pointers arrive from wasm as signed i32; addresses are unsigned. */
  private check(ptr: number, size: number): void {
    this.refresh();
    if (ptr < 0 || ptr + size > this.bytes.length) {
      throw new DeterministicError(`Heap access out of bounds. Offset: ${ptr} Size: ${size}`);
    }
  }

  /** Runtime class id for a TypeId discriminant, cached per module. */
  classId(typeId: number): number {
    let id = this.classIds.get(typeId);
    if (id === undefined) {
      id = this.exports.id_of_type(typeId);
      this.classIds.set(typeId, id);
    }
    return id;
  }

  // ---- primitive reads -------------------------------------------------------------

  u8(ptr: number): number {
    ptr >>>= 0;
    this.check(ptr, 1);
    return this.bytes[ptr];
  }

  u32(ptr: number): number {
    ptr >>>= 0;
    this.check(ptr, 4);
    return this.view.getUint32(ptr, true);
  }

  i32(ptr: number): number {
    ptr >>>= 0;
    this.check(ptr, 4);
    return this.view.getInt32(ptr, true);
  }

  u64(ptr: number): bigint {
    ptr >>>= 0;
    this.check(ptr, 8);
    return this.view.getBigUint64(ptr, true);
  }

  i64(ptr: number): bigint {
    ptr >>>= 0;
    this.check(ptr, 8);
    return this.view.getBigInt64(ptr, true);
  }

  f64(ptr: number): number {
    ptr >>>= 0;
    this.check(ptr, 8);
    return this.view.getFloat64(ptr, true);
  }

  /** Content size of the object at `ptr` (rtSize in its header). */
  rtSize(ptr: number): number {
    ptr >>>= 0;
    return this.u32(ptr - 4);
  }

  /** Fails like graph-node when a required pointer is null. */
  nonNull(ptr: number): number {
    if (ptr === 0) throw new DeterministicError(NULL_MESSAGE);
    return ptr;
  }

  // ---- built-in reads ----------------------------------------------------------------

  /** AS string: strict UTF-16, then NULs dropped because Postgres cannot store them. */
  readString(ptr: number): string {
    ptr >>>= 0;
    this.nonNull(ptr);
    const size = this.rtSize(ptr);
    this.check(ptr, size);
    let text: string | null = size <= 128 ? this.shortString(ptr, size >>> 1) : null;
    if (text === null) {
      try {
        text = this.textDecoder.decode(this.bytes.subarray(ptr, ptr + size));
      } catch {
        throw new DeterministicError("invalid utf-16: lone surrogate found");
      }
    }
    return text.includes("\u0000") ? text.replaceAll("\u0000", "") : text;
  }

  /**
   * Short strings (entity keys, ids) decoded without a TextDecoder call, which costs more than
   * the loop; null when a surrogate needs the decoder's strict check.
   */
  private shortString(ptr: number, units: number): string | null {
    const bytes = this.bytes;
    let text = "";
    for (let i = 0; i < units; i++) {
      const c = bytes[ptr + 2 * i] | (bytes[ptr + 2 * i + 1] << 8);
      if (c >= 0xd800 && c <= 0xdfff) return null;
      text += String.fromCharCode(c);
    }
    return text;
  }

  readStringOrNull(ptr: number): string | null {
    return ptr === 0 ? null : this.readString(ptr);
  }

  readArrayBuffer(ptr: number): Uint8Array {
    ptr >>>= 0;
    this.nonNull(ptr);
    const size = this.rtSize(ptr);
    this.check(ptr, size);
    return this.bytes.slice(ptr, ptr + size);
  }

  /** Uint8Array and its subclasses (Bytes, ByteArray, Address, BigInt): a copy of the elements. */
  readBytes(ptr: number): Uint8Array {
    ptr >>>= 0;
    this.nonNull(ptr);
    const dataStart = this.u32(ptr + 4);
    const byteLength = this.u32(ptr + 8);
    this.check(dataStart, byteLength);
    return this.bytes.slice(dataStart, dataStart + byteLength);
  }

  readBytesOrNull(ptr: number): Uint8Array | null {
    return ptr === 0 ? null : this.readBytes(ptr);
  }

  /** Elements of an `Array<T>` whose elements are 4-byte (pointers, i32, u32). */
  readPointerArray(ptr: number): number[] {
    ptr >>>= 0;
    this.nonNull(ptr);
    const dataStart = this.u32(ptr + 4);
    const length = this.i32(ptr + 12);
    this.check(dataStart, length * 4);
    const out = new Array<number>(length);
    const view = this.view;
    for (let i = 0; i < length; i++) out[i] = view.getUint32(dataStart + i * 4, true);
    return out;
  }

  readStringArray(ptr: number): string[] {
    return this.readPointerArray(ptr).map((p) => this.readString(p));
  }

  // ---- writes --------------------------------------------------------------------------

  /** Allocates an object with header (class from `typeId`) and `size` content bytes. */
  private allocObject(typeId: number, size: number, zero = true): number {
    let classId = this.classIds.get(typeId);
    if (classId === undefined) classId = this.classId(typeId);
    const block = this.exports.allocate(HEADER_SIZE + size);
    this.refresh();
    this.view.setUint32(block, 0, true);
    this.view.setUint32(block + 4, 0, true);
    this.view.setUint32(block + 8, classId, true);
    this.view.setUint32(block + 12, size, true);
    const ptr = block + HEADER_SIZE;
    if (zero) this.bytes.fill(0, ptr, ptr + size);
    return ptr;
  }

  writeString(text: string): number {
    const n = text.length;
    const ptr = this.allocObject(TypeId.String, n * 2, false);
    const bytes = this.bytes;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      bytes[ptr + 2 * i] = c & 0xff;
      bytes[ptr + 2 * i + 1] = c >>> 8;
    }
    return ptr;
  }

  writeArrayBuffer(content: Uint8Array): number {
    const ptr = this.allocObject(TypeId.ArrayBuffer, content.length, false);
    this.bytes.set(content, ptr);
    return ptr;
  }

  /** A Uint8Array (Bytes, BigInt, Address...) over a fresh exactly-sized buffer. */
  writeBytes(content: Uint8Array): number {
    const buffer = this.writeArrayBuffer(content);
    return this.writeStruct(TypeId.Uint8Array, [buffer, buffer, content.length]);
  }

  writeBytesOrNull(content: Uint8Array | null | undefined): number {
    return content == null ? 0 : this.writeBytes(content);
  }

  /** An `Array<T>` of 4-byte elements (pointers), class from `typeId`. */
  writePointerArray(typeId: number, elements: readonly number[]): number {
    const n = elements.length;
    const buffer = this.allocObject(TypeId.ArrayBuffer, n * 4, false);
    const view = this.view;
    for (let i = 0; i < n; i++) view.setUint32(buffer + i * 4, elements[i] >>> 0, true);
    return this.writeStruct(typeId, [buffer, buffer, n * 4, n]);
  }

  writeStringArray(values: readonly string[]): number {
    return this.writePointerArray(TypeId.ArrayString, values.map((v) => this.writeString(v)));
  }

  /** A class instance whose fields are all 4 bytes wide, in declaration order. */
  writeStruct(typeId: number, fields: readonly number[]): number {
    const n = fields.length;
    const ptr = this.allocObject(typeId, n * 4, false);
    const view = this.view;
    for (let i = 0; i < n; i++) view.setUint32(ptr + i * 4, fields[i] >>> 0, true);
    return ptr;
  }

  /** `Wrapped<bool>`: a single byte. */
  writeWrappedBool(value: boolean): number {
    const ptr = this.allocObject(TypeId.WrappedBool, 1);
    this.bytes[ptr] = value ? 1 : 0;
    return ptr;
  }

  /** An enum payload object (Value, ethereum.Value, JSONValue, YAMLValue): kind + u64 data. */
  writeEnum(typeId: number, kind: number, payload: bigint): number {
    const ptr = this.allocObject(typeId, 16);
    this.view.setInt32(ptr, kind, true);
    this.view.setBigUint64(ptr + 8, BigInt.asUintN(64, payload), true);
    return ptr;
  }

  /**
   * An enum whose payload is a 32-bit value (a pointer, an i32, a bool): the high half is its
   * sign extension, as `BigInt.asUintN(64, BigInt(value))` would give.
   */
  writeEnum32(typeId: number, kind: number, value: number): number {
    const ptr = this.allocObject(typeId, 16, false);
    const view = this.view;
    view.setInt32(ptr, kind, true);
    view.setUint32(ptr + 4, 0, true);
    view.setUint32(ptr + 8, value >>> 0, true);
    view.setUint32(ptr + 12, value < 0 ? 0xffffffff : 0, true);
    return ptr;
  }

  /** Reads an enum payload object: kind and the raw u64 data. */
  readEnum(ptr: number): { kind: number; payload: bigint } {
    this.nonNull(ptr);
    return { kind: this.i32(ptr), payload: this.u64(ptr + 8) };
  }
}
