import type { AscValues } from "../asc/values.ts";
import { DeterministicError, errorMessage } from "../common/errors.ts";
import type { JsonValue, StoreValue } from "../common/values.ts";
import * as bigDecimal from "./bigDecimal.ts";
import * as bigInt from "./bigInt.ts";
import { apiVersionAtLeast, type HostContext } from "./context.ts";
import * as crypto from "./crypto.ts";
import * as ethereum from "./ethereum.ts";
import * as json from "./json.ts";
import * as typeConversion from "./typeConversion.ts";
import * as yaml from "./yaml.ts";

/** A host import as WebAssembly calls it: numbers (i32/f64) and bigints (i64) in and out. */
export type HostImport = (...args: any[]) => number | bigint | void;

/** What the import table needs from the running instance, available once it is instantiated. */
export type Binding = {
  readonly values: AscValues;
  /** Calls the exported `callback(value, userData)` in a fresh instance (ipfs.map). */
  runIpfsMapCallback(callback: string, value: JsonValue, userData: StoreValue): void;
};

/**
 * The single table of host imports graph-ts 0.38 can declare (graph-node
 * `runtime/wasm/src/module/instance.rs`), linked by name. Each entry only marshals: it reads
 * arguments from memory, calls the plain host function, writes the result back.
 */
export function createHostImports(binding: Binding, ctx: HostContext): Record<string, HostImport> {
  const v = () => binding.values;
  const m = () => binding.values.mem;
  const str = (p: number) => m().readString(p);
  const bytes = (p: number) => m().readBytes(p);
  const big = (p: number) => v().readBigInt(p);
  const dec = (p: number) => v().readBigDecimal(p);
  const wBig = (x: bigint) => v().writeBigInt(x);
  const wDec = (x: bigDecimal.BigDecimal) => v().writeBigDecimal(x);

  return {
    // abort(message: string | null, fileName: string | null, line: u32, column: u32)
    abort: (message: number, fileName: number, line: number, column: number) => {
      throw new DeterministicError(
        abortMessage(m().readStringOrNull(message), m().readStringOrNull(fileName), line, column),
      );
    },

    // store.get(entity: string, id: string): Entity | null
    "store.get": (type: number, id: number) => v().writeEntityOrNull(ctx.store.get(str(type), str(id))),
    // store.get_in_block(entity: string, id: string): Entity | null
    "store.get_in_block": (type: number, id: number) =>
      v().writeEntityOrNull(ctx.store.getInBlock(str(type), str(id))),
    // store.loadRelated(entity: string, id: string, field: string): Array<Entity>
    "store.loadRelated": (type: number, id: number, field: number) =>
      v().writeEntityArray(ctx.store.loadRelated(str(type), str(id), str(field))),
    // store.set(entity: string, id: string, data: Entity): void
    "store.set": (type: number, id: number, data: number) => {
      const entityType = str(type);
      const entityId = str(id);
      const store = ctx.store;
      // A loaded entity saved again usually changed a few attributes: pass only those.
      const changed = store.setChanges ? v().readEntityChanges(data) : null;
      if (changed === null) {
        store.set(entityType, entityId, v().readEntity(data));
        return;
      }
      const next = store.setChanges!(entityType, entityId, changed.base, changed.changes);
      if (next !== null) v().entityDerived(next, changed.base);
    },
    // store.remove(entity: string, id: string): void
    "store.remove": (type: number, id: number) => {
      ctx.store.remove(str(type), str(id));
    },

    // ipfs.cat(hash: string): Bytes | null
    "ipfs.cat": (hash: number) => m().writeBytesOrNull(ctx.ipfs.cat(str(hash))),
    // ipfs.map(hash: string, callback: string, userData: Value, flags: string[]): void
    "ipfs.map": (hash: number, callback: number, userData: number, flags: number) => {
      const file = str(hash);
      const name = str(callback);
      const data = v().readStoreValue(userData);
      for (const value of ctx.ipfs.mapValues(file, m().readStringArray(flags))) {
        try {
          binding.runIpfsMapCallback(name, value, data);
        } catch (error) {
          throw new DeterministicError(
            `ipfs_map: callback '${name}' failed when processing file '${file}': ${errorMessage(error)}`,
          );
        }
      }
    },

    // crypto.keccak256(input: ByteArray): ByteArray
    "crypto.keccak256": (input: number) => m().writeBytes(crypto.keccak256(bytes(input))),
    // ens.nameByHash(hash: string): string | null
    "ens.nameByHash": (hash: number) => {
      const name = ctx.ens.nameByHash(str(hash));
      return name === null ? 0 : m().writeString(name);
    },
    // log.log(level: log.Level, msg: string): void
    "log.log": (level: number, message: number) => {
      ctx.log(level, str(message));
    },

    // typeConversion.bytesToString(bytes: Uint8Array): string
    "typeConversion.bytesToString": (p: number) => m().writeString(typeConversion.bytesToString(bytes(p))),
    // typeConversion.bytesToHex(bytes: Uint8Array): string
    "typeConversion.bytesToHex": (p: number) => m().writeString(typeConversion.bytesToHex(bytes(p))),
    // typeConversion.bigIntToString(bigInt: Uint8Array): string
    "typeConversion.bigIntToString": (p: number) => m().writeString(typeConversion.bigIntToString(big(p))),
    // typeConversion.bigIntToHex(bigInt: Uint8Array): string
    "typeConversion.bigIntToHex": (p: number) => m().writeString(typeConversion.bigIntToHex(big(p))),
    // typeConversion.stringToH160(s: string): Bytes
    "typeConversion.stringToH160": (p: number) => m().writeBytes(typeConversion.stringToH160(str(p))),
    // typeConversion.bytesToBase58(n: Uint8Array): string
    "typeConversion.bytesToBase58": (p: number) => m().writeString(typeConversion.bytesToBase58(bytes(p))),

    // dataSource.create(name: string, params: Array<string>): void
    "dataSource.create": (name: number, params: number) => {
      ctx.dataSource.create(str(name), m().readStringArray(params), null);
    },
    // dataSource.createWithContext(name: string, params: Array<string>, context: DataSourceContext): void
    "dataSource.createWithContext": (name: number, params: number, context: number) => {
      ctx.dataSource.create(str(name), m().readStringArray(params), v().readEntity(context));
    },
    // dataSource.address(): Address
    "dataSource.address": () => m().writeBytes(ctx.dataSource.address()),
    // dataSource.network(): string
    "dataSource.network": () => m().writeString(ctx.dataSource.network()),
    // dataSource.context(): DataSourceContext
    "dataSource.context": () => v().writeEntity(ctx.dataSource.context()),

    // json.fromBytes(data: Bytes): JSONValue
    "json.fromBytes": (p: number) => v().writeJsonValue(json.fromBytes(bytes(p))),
    // json.try_fromBytes(data: Bytes): Result<JSONValue, boolean>
    "json.try_fromBytes": (p: number) => {
      const result = json.tryFromBytes(bytes(p));
      if (!result.ok) ctx.log(2, "Failed to parse JSON from byte array");
      return v().writeJsonResult(result.ok ? result.value : null);
    },
    // json.toI64(decimal: string): i64
    "json.toI64": (p: number) => json.toI64(str(p)),
    // json.toU64(decimal: string): u64
    "json.toU64": (p: number) => BigInt.asIntN(64, json.toU64(str(p))),
    // json.toF64(decimal: string): f64
    "json.toF64": (p: number) => json.toF64(str(p)),
    // json.toBigInt(decimal: string): BigInt
    "json.toBigInt": (p: number) => wBig(json.toBigInt(str(p))),

    // bigInt.plus(x: BigInt, y: BigInt): BigInt
    "bigInt.plus": (x: number, y: number) => wBig(bigInt.plus(big(x), big(y))),
    // bigInt.minus(x: BigInt, y: BigInt): BigInt
    "bigInt.minus": (x: number, y: number) => wBig(bigInt.minus(big(x), big(y))),
    // bigInt.times(x: BigInt, y: BigInt): BigInt
    "bigInt.times": (x: number, y: number) => wBig(bigInt.times(big(x), big(y))),
    // bigInt.dividedBy(x: BigInt, y: BigInt): BigInt
    "bigInt.dividedBy": (x: number, y: number) => wBig(bigInt.dividedBy(big(x), big(y))),
    // bigInt.dividedByDecimal(x: BigInt, y: BigDecimal): BigDecimal
    "bigInt.dividedByDecimal": (x: number, y: number) => wDec(bigInt.dividedByDecimal(big(x), dec(y))),
    // bigInt.mod(x: BigInt, y: BigInt): BigInt
    "bigInt.mod": (x: number, y: number) => wBig(bigInt.mod(big(x), big(y))),
    // bigInt.pow(x: BigInt, exp: u8): BigInt
    "bigInt.pow": (x: number, e: number) => {
      const exponent = bigInt.checkU8Arg(e); // graph-node converts the u8 before reading x
      return wBig(bigInt.pow(big(x), exponent));
    },
    // bigInt.fromString(s: string): BigInt
    "bigInt.fromString": (p: number) => wBig(bigInt.fromString(str(p))),
    // bigInt.bitOr(x: BigInt, y: BigInt): BigInt
    "bigInt.bitOr": (x: number, y: number) => wBig(bigInt.bitOr(big(x), big(y))),
    // bigInt.bitAnd(x: BigInt, y: BigInt): BigInt
    "bigInt.bitAnd": (x: number, y: number) => wBig(bigInt.bitAnd(big(x), big(y))),
    // bigInt.leftShift(x: BigInt, bits: u8): BigInt
    "bigInt.leftShift": (x: number, b: number) => {
      const bits = bigInt.checkU8Arg(b);
      return wBig(bigInt.leftShift(big(x), bits));
    },
    // bigInt.rightShift(x: BigInt, bits: u8): BigInt
    "bigInt.rightShift": (x: number, b: number) => {
      const bits = bigInt.checkU8Arg(b);
      return wBig(bigInt.rightShift(big(x), bits));
    },

    // bigDecimal.plus(x: BigDecimal, y: BigDecimal): BigDecimal
    "bigDecimal.plus": (x: number, y: number) => wDec(bigDecimal.plus(dec(x), dec(y))),
    // bigDecimal.minus(x: BigDecimal, y: BigDecimal): BigDecimal
    "bigDecimal.minus": (x: number, y: number) => wDec(bigDecimal.minus(dec(x), dec(y))),
    // bigDecimal.times(x: BigDecimal, y: BigDecimal): BigDecimal
    "bigDecimal.times": (x: number, y: number) => wDec(bigDecimal.times(dec(x), dec(y))),
    // bigDecimal.dividedBy(x: BigDecimal, y: BigDecimal): BigDecimal
    "bigDecimal.dividedBy": (x: number, y: number) => wDec(bigDecimal.dividedBy(dec(x), dec(y))),
    // bigDecimal.equals(x: BigDecimal, y: BigDecimal): boolean
    "bigDecimal.equals": (x: number, y: number) => (bigDecimal.equals(dec(x), dec(y)) ? 1 : 0),
    // bigDecimal.toString(bigDecimal: BigDecimal): string
    "bigDecimal.toString": (x: number) => m().writeString(bigDecimal.toString(dec(x))),
    // bigDecimal.fromString(s: string): BigDecimal
    "bigDecimal.fromString": (p: number) => wDec(bigDecimal.fromString(str(p))),

    // yaml.fromBytes(data: Bytes): YAMLValue
    "yaml.fromBytes": (p: number) => v().writeYamlValue(yaml.fromBytes(bytes(p))),
    // yaml.try_fromBytes(data: Bytes): Result<YAMLValue, boolean>
    "yaml.try_fromBytes": (p: number) => {
      const result = yaml.tryFromBytes(bytes(p));
      return v().writeYamlResult(result.ok ? result.value : null);
    },

    // ethereum.call(call: SmartContractCall): Array<ethereum.Value> | null
    "ethereum.call": (p: number) => {
      const call = v().readSmartContractCall(p, apiVersionAtLeast(ctx.apiVersion, "0.0.4"));
      const result = ctx.ethereum.call(call);
      return result === null ? 0 : v().writeEthValueArray(result);
    },
    // ethereum.getBalance(address: Address): BigInt
    "ethereum.getBalance": (p: number) => {
      requireApiVersion(ctx, "0.0.9", "ethereum.getBalance");
      return wBig(ctx.ethereum.getBalance(address(bytes(p))));
    },
    // ethereum.hasCode(address: Address): Wrapped<bool>
    "ethereum.hasCode": (p: number) => {
      requireApiVersion(ctx, "0.0.9", "ethereum.hasCode");
      return m().writeWrappedBool(ctx.ethereum.hasCode(address(bytes(p))));
    },
    // ethereum.encode(token: ethereum.Value): Bytes | null
    "ethereum.encode": (p: number) => m().writeBytesOrNull(ethereum.encodeEthValue(v().readEthValue(p))),
    // ethereum.decode(types: string, data: Bytes): ethereum.Value | null
    "ethereum.decode": (types: number, data: number) => {
      const decoded = ethereum.decodeEthValue(str(types), bytes(data));
      return decoded === null ? 0 : v().writeEthValue(decoded);
    },
  };
}

/** graph-node's text for `abort` (runtime/wasm/src/module/context.rs). */
export function abortMessage(message: string | null, file: string | null, line: number, column: number): string {
  let location = "an unknown location";
  if (file !== null) {
    location = file;
    if (line > 0) {
      location += `, line ${line}`;
      if (column > 0) location += `, column ${column}`;
    }
  } else if (line > 0) {
    location = `line ${line}` + (column > 0 ? `, column ${column}` : "");
  }
  return message === null
    ? `Mapping aborted at ${location}, with no message`
    : `Mapping aborted at ${location}, with message: ${message}`;
}

function address(value: Uint8Array): Uint8Array {
  if (value.length !== 20) throw new DeterministicError(`expected array of length 20, found length ${value.length}`);
  return value;
}

function requireApiVersion(ctx: HostContext, minimum: string, name: string): void {
  if (!apiVersionAtLeast(ctx.apiVersion, minimum)) {
    throw new DeterministicError(`${name} call is not supported before API version ${minimum}`);
  }
}
