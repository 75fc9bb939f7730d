import { readFileSync } from "node:fs";
import path from "node:path";
import { DeterministicError, FatalError } from "../common/errors.ts";
import { toHex } from "../common/signedBytes.ts";
import type { Entity, EthValue, JsonValue } from "../common/values.ts";
import { LogLevel, type HostContext, type HostStore } from "../host/context.ts";
import { ethValueToStoreValue } from "../host/ethereum.ts";
import { createHostImports, type Binding, type HostImport } from "../host/imports.ts";
import * as json from "../host/json.ts";
import { formatValue, storeValuesEqual, storeValueToLogJson, stringifyLogJson } from "../store/validation.ts";
import type { MatchstickSchema } from "./matchstickSchema.ts";
import { createMockedCalls } from "./mockedCalls.ts";
import { checkRole, type Registration } from "./tree.ts";

type EntityTable = Map<string, Map<string, Entity>>;

type CreatedDataSource = { kind: string; name: string; address: string; context: Entity | null };

/** Host state of one module instance under test. Matchstick never resets it between tests. */
export type SuiteState = {
  store: EntityTable;
  inBlockStore: EntityTable;
  mockedCalls: ReturnType<typeof createMockedCalls>;
  dataSources: Map<string, Map<string, CreatedDataSource>>;
  dataSourceMock: { address: string | null; network: string; context: Entity };
  ipfsFiles: Map<string, string>;
  registrations: Registration[];
};

/** What stays the same for every instance of a test file. */
export type SuiteEnvironment = {
  schema: MatchstickSchema;
  /** Manifest templates by name → kind; only the kinds Matchstick supports. */
  templates: Map<string, string>;
  /** Folder that relative file paths (readFile, mockIpfsFile) are resolved against. */
  cwd: string;
  /** Receives every log line (level as in `LogLevel`). */
  log(level: number, message: string): void;
};

const ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

export function createSuiteState(): SuiteState {
  return {
    store: new Map(),
    inBlockStore: new Map(),
    mockedCalls: createMockedCalls(),
    dataSources: new Map(),
    dataSourceMock: { address: null, network: "mainnet", context: new Map() },
    ipfsFiles: new Map(),
    registrations: [],
  };
}

/** graph-ts host context with Matchstick's semantics (MATCHSTICK §5). */
export function createSuiteHostContext(state: SuiteState, env: SuiteEnvironment): HostContext {
  return {
    // Matchstick behaves as apiVersion 0.0.6 for its own checks, but test modules carry the
    // graph-ts that declared them; 0.0.9 keeps every import of graph-ts 0.38 callable.
    apiVersion: "0.0.9",
    store: createMatchstickStore(state, env),
    ethereum: {
      call: (call) =>
        state.mockedCalls.call(call.contractAddress, call.functionName, call.functionSignature ?? "", call.functionParams),
      getBalance: (address) => {
        throw new DeterministicError(`ethereum.getBalance(${toHex(address)}) is not available in tests: Matchstick offers no way to mock it`);
      },
      hasCode: (address) => {
        throw new DeterministicError(`ethereum.hasCode(${toHex(address)}) is not available in tests: Matchstick offers no way to mock it`);
      },
    },
    dataSource: {
      address: () => mockedDataSourceAddress(state, env),
      network: () => state.dataSourceMock.network,
      context: () => state.dataSourceMock.context,
      create: (name, params, context) => createDataSource(state, env, name, params, context),
    },
    ipfs: {
      cat: (hash) => readMockedIpfsFile(state, env, hash),
      mapValues: (hash) => {
        const text = Buffer.from(readMockedIpfsFile(state, env, hash)).toString("utf8");
        const value = json.fromBytes(Buffer.from(text, "utf8"));
        if (value.kind !== "array") throw new FatalError(`ipfs.map: file \`${hash}\` must hold a JSON array in tests`);
        return value.value as JsonValue[];
      },
    },
    ens: { nameByHash: () => "default" },
    log: (level, message) => {
      if (level === LogLevel.Critical) throw new FatalError(message);
      if (level > LogLevel.Plain) throw new FatalError("Level is not supported!");
      env.log(level, message);
    },
  };
}

/** graph-ts imports plus the ones matchstick-as declares (MATCHSTICK §10). */
export function createSuiteImports(
  binding: Binding,
  state: SuiteState,
  env: SuiteEnvironment,
): Record<string, HostImport> {
  const ctx = createSuiteHostContext(state, env);
  const m = () => binding.values.mem;
  const v = () => binding.values;
  const str = (p: number) => m().readString(p);
  const result = (ok: boolean) => (ok ? 1 : 0);
  const asserts = createAsserts(state, env);

  return {
    ...createHostImports(binding, ctx),
    _registerTest: (name: number, shouldFail: number, index: number) => {
      state.registrations.push({ role: "test", name: str(name), shouldFail: shouldFail !== 0, index });
    },
    _registerDescribe: (name: number, index: number) => {
      state.registrations.push({ role: "describe", name: str(name), shouldFail: false, index });
    },
    _registerHook: (index: number, role: number) => {
      state.registrations.push({ role: checkRole(str(role)), name: "", shouldFail: false, index });
    },
    mockFunction: (address: number, name: number, signature: number, args: number, returns: number, reverts: number) => {
      state.mockedCalls.mock(
        m().readBytes(address),
        str(name),
        str(signature),
        v().readEthValueArray(args),
        v().readEthValueArray(returns),
        reverts !== 0,
      );
    },
    mockIpfsFile: (hash: number, file: number) => {
      state.ipfsFiles.set(str(hash), str(file));
    },
    readFile: (file: number) => m().writeBytes(readLocalFile(env, str(file))),
    clearStore: () => {
      state.store.clear();
    },
    clearInBlockStore: () => {
      state.inBlockStore.clear();
    },
    mockInBlockStore: (type: number, id: number, data: number) => {
      const entityType = str(type);
      const entity = v().readEntity(data);
      checkEntity(env, entityType, entity);
      tableFor(state.inBlockStore, entityType).set(str(id), entity);
    },
    countEntities: (type: number) => state.store.get(str(type))?.size ?? 0,
    logStore: () => {
      env.log(LogLevel.Debug, stringifyLogJson(tableToJson(state.store)));
    },
    logEntity: (type: number, id: number, showRelated: number) => {
      env.log(LogLevel.Debug, stringifyLogJson(entityToJson(state, env, str(type), str(id), showRelated !== 0)));
    },
    logDataSources: (template: number) => {
      const name = str(template);
      const created = state.dataSources.get(name);
      if (!env.templates.has(name)) throw new FatalError(`(logDataSources) No template with name '${name}' found.`);
      const out: Record<string, unknown> = {};
      for (const [key, ds] of created ?? []) {
        out[key] = { kind: ds.kind, name: ds.name, address: ds.address, context: ds.context ? entityJson(ds.context) : null };
      }
      env.log(LogLevel.Debug, stringifyLogJson(out));
    },
    "_assert.fieldEquals": (t: number, id: number, f: number, e: number) =>
      result(asserts.fieldEquals(str(t), str(id), str(f), str(e), null)),
    "_assert.fieldEqualsWithMessage": (t: number, id: number, f: number, e: number, msg: number) =>
      result(asserts.fieldEquals(str(t), str(id), str(f), str(e), str(msg))),
    "_assert.equals": (e: number, a: number) => result(asserts.equals(v().readEthValue(e), v().readEthValue(a), null)),
    "_assert.equalsWithMessage": (e: number, a: number, msg: number) =>
      result(asserts.equals(v().readEthValue(e), v().readEthValue(a), str(msg))),
    "_assert.notInStore": (t: number, id: number) => result(asserts.notInStore(str(t), str(id), null)),
    "_assert.notInStoreWithMessage": (t: number, id: number, msg: number) =>
      result(asserts.notInStore(str(t), str(id), str(msg))),
    "_assert.dataSourceCount": (t: number, n: number) => result(asserts.dataSourceCount(str(t), n, null)),
    "_assert.dataSourceCountWithMessage": (t: number, n: number, msg: number) =>
      result(asserts.dataSourceCount(str(t), n, str(msg))),
    "_assert.dataSourceExists": (t: number, a: number) => result(asserts.dataSourceExists(str(t), str(a), null)),
    "_assert.dataSourceExistsWithMessage": (t: number, a: number, msg: number) =>
      result(asserts.dataSourceExists(str(t), str(a), str(msg))),
    "dataSourceMock.setReturnValues": (address: number, network: number, context: number) => {
      state.dataSourceMock = { address: str(address), network: str(network), context: v().readEntity(context) };
    },
  };
}

/** The `_assert.*` host functions: each logs Matchstick's message and returns false on failure. */
function createAsserts(state: SuiteState, env: SuiteEnvironment) {
  const failed = (message: string): false => {
    env.log(LogLevel.Error, message);
    return false;
  };
  return {
    fieldEquals(type: string, id: string, field: string, expected: string, message: string | null): boolean {
      const table = state.store.get(type);
      if (!table || table.size === 0) return failed(`(assert.fieldEquals) No entities with type '${type}' found.`);
      const entity = table.get(id);
      if (!entity) return failed(`(assert.fieldEquals) No entity with type '${type}' and id '${id}' found.`);
      const value = entity.get(field);
      if (value === undefined) {
        return failed(`(assert.fieldEquals) No field named '${field}' on entity with type '${type}' and id '${id}' found.`);
      }
      const actual = formatValue(value);
      if (actual === expected) return true;
      return failed(
        message === null
          ? `(assert.fieldEquals) Expected field '${field}' to equal '${expected}', but was '${actual}' instead.`
          : `(assert.fieldEquals) ${message}`,
      );
    },
    equals(expected: EthValue, actual: EthValue, message: string | null): boolean {
      const e = ethValueToStoreValue(expected);
      const a = ethValueToStoreValue(actual);
      if (storeValuesEqual(e, a)) return true;
      return failed(
        message === null
          ? `(assert.equals) Expected value was '${formatValue(e)}' but actual value was '${formatValue(a)}'`
          : `(assert.equals) ${message}`,
      );
    },
    notInStore(type: string, id: string, message: string | null): boolean {
      if (!state.store.get(type)?.has(id)) return true;
      return failed(
        message === null
          ? `(assert.notInStore) Value for entity type: '${type}' and id: '${id}' was found in store.`
          : `(assert.notInStore) ${message}`,
      );
    },
    dataSourceCount(template: string, expected: number, message: string | null): boolean {
      // "Coutn" is Matchstick's own spelling; kept so output matches.
      if (!env.templates.has(template)) return failed(`(assert.dataSourceCoutn) No template with name '${template}' found.`);
      const actual = state.dataSources.get(template)?.size ?? 0;
      if (actual === expected) return true;
      return failed(
        message === null
          ? `(assert.dataSourceCount) Expected dataSource count for template \`${template}\` to be '${expected}' but was '${actual}'`
          : `(assert.dataSourceCount) ${message}`,
      );
    },
    dataSourceExists(template: string, address: string, message: string | null): boolean {
      if (!env.templates.has(template)) return failed(`(assert.dataSourceExists) No template with name '${template}' found.`);
      if (state.dataSources.get(template)?.has(address)) return true;
      return failed(
        message === null
          ? `(assert.dataSourceExists) No dataSource with address '${address}' found for template '${template}'`
          : `(assert.dataSourceExists) ${message}`,
      );
    },
  };
}

/** Matchstick's store: whole-entity replace, NULLs kept, only required fields checked. */
function createMatchstickStore(state: SuiteState, env: SuiteEnvironment): HostStore {
  return {
    get: (type, id) => state.store.get(type)?.get(id) ?? null,
    getInBlock: (type, id) => state.inBlockStore.get(type)?.get(id) ?? null,
    set: (type, id, entity) => {
      checkEntity(env, type, entity);
      tableFor(state.store, type).set(id, entity);
    },
    remove: (type, id) => {
      const table = state.store.get(type);
      if (!table?.has(id)) {
        throw new DeterministicError(`(store.remove) Entity with type '${type}' and id '${id}' does not exist.`);
      }
      table.delete(id);
    },
    loadRelated: (type, id, field) => relatedEntities(state, env, type, id, field),
  };
}

function checkEntity(env: SuiteEnvironment, type: string, entity: Entity): void {
  if (!env.schema.hasEntityType(type)) {
    throw new FatalError("Something went wrong! Could not find the entity defined in the GraphQL schema.");
  }
  for (const field of env.schema.requiredFields(type)) {
    const value = entity.get(field);
    if (value === undefined) {
      throw new DeterministicError(`Missing value for non-nullable field '${field}' for an entity of type '${type}'.`);
    }
    if (value.kind === "Null") {
      throw new DeterministicError(`The required field '${field}' for an entity of type '${type}' is null.`);
    }
  }
}

function relatedEntities(state: SuiteState, env: SuiteEnvironment, type: string, id: string, field: string): Entity[] {
  const pairs = env.schema.derivedFields(type).get(field);
  if (!pairs) return [];
  const out: Entity[] = [];
  for (const [relatedType, relatedField] of pairs) {
    for (const entity of state.store.get(relatedType)?.values() ?? []) {
      const value = entity.get(relatedField);
      if (value === undefined) continue;
      const candidates = value.kind === "Array" ? value.value : value.kind === "Bytes" || value.kind === "String" ? [value] : [];
      if (candidates.some((c) => formatValue(c) === id)) out.push(entity);
    }
  }
  return out;
}

function tableFor(tables: EntityTable, type: string): Map<string, Entity> {
  let table = tables.get(type);
  if (!table) {
    table = new Map();
    tables.set(type, table);
  }
  return table;
}

function mockedDataSourceAddress(state: SuiteState, env: SuiteEnvironment): Uint8Array {
  const mocked = state.dataSourceMock.address;
  if (mocked === null) {
    env.log(LogLevel.Error, "No mocked Eth address or Ipfs CID found, so fallback to Eth Zero address");
    return new Uint8Array(20);
  }
  const hex = /^(0x)?([0-9a-fA-F]{40})$/.exec(mocked);
  if (hex && (mocked === ZERO_ADDRESS || /[1-9a-fA-F]/.test(hex[2]))) return Uint8Array.from(Buffer.from(hex[2], "hex"));
  return Uint8Array.from(Buffer.from(mocked, "utf8"));
}

function createDataSource(
  state: SuiteState,
  env: SuiteEnvironment,
  name: string,
  params: string[],
  context: Entity | null,
): void {
  const kind = env.templates.get(name);
  if (kind === undefined) {
    throw new DeterministicError(
      `Failed to create data source from name \`${name}\`: No template with this name available. Available names: ${[...env.templates.keys()].join(", ")}.`,
    );
  }
  if (params.length === 0) throw new FatalError(`dataSource.create(${name}) needs at least one parameter`);
  let created = state.dataSources.get(name);
  if (!created) {
    created = new Map();
    state.dataSources.set(name, created);
  }
  created.set(params[0], { kind, name, address: params[0], context });
}

function readMockedIpfsFile(state: SuiteState, env: SuiteEnvironment, hash: string): Uint8Array {
  const file = state.ipfsFiles.get(hash);
  if (file === undefined) throw new FatalError(`IPFS file \`${hash}\` not found`);
  return readLocalFile(env, file);
}

function readLocalFile(env: SuiteEnvironment, file: string): Uint8Array {
  try {
    return Uint8Array.from(readFileSync(path.resolve(env.cwd, file)));
  } catch (error) {
    throw new FatalError(`Failed to read file \`${file}\` with error: ${(error as Error).message}`);
  }
}

function entityJson(entity: Entity): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of entity) out[key] = storeValueToLogJson(value);
  return out;
}

function tableToJson(tables: EntityTable): Record<string, unknown> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [type, table] of tables) {
    out[type] = {};
    for (const [id, entity] of table) out[type][id] = entityJson(entity);
  }
  return out;
}

function entityToJson(state: SuiteState, env: SuiteEnvironment, type: string, id: string, showRelated: boolean) {
  if (!env.schema.hasEntityType(type)) {
    throw new FatalError(`(logEntity) Entity "${type}" does not match any of the schema definitions`);
  }
  const entity = state.store.get(type)?.get(id);
  if (!entity) return {};
  const out = entityJson(entity);
  if (showRelated) {
    for (const field of env.schema.derivedFields(type).keys()) {
      out[field] = relatedEntities(state, env, type, id, field).map(entityJson);
    }
  }
  return out;
}
