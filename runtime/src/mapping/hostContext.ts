import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { SmartContractCall } from "../asc/values.ts";
import { DeterministicError } from "../common/errors.ts";
import type { Entity, EthValue, JsonValue } from "../common/values.ts";
import { LogLevel, type HostContext, type HostStore } from "../host/context.ts";
import * as json from "../host/json.ts";

/** The data source a handler runs for (a manifest data source or a template instance). */
export type DataSourceInfo = {
  name: string;
  network: string;
  /** Contract address; for file data sources, the UTF-8 bytes of the file id. */
  address: Uint8Array;
  /** The context given at creation, or null (then an empty context). */
  context: Entity | null;
  /** Template names of the manifest, which `dataSource.create` may use. */
  templates: readonly string[];
};

/** Answers contract reads for ethereum.call/getBalance/hasCode at the handler's block. */
export type ChainReader = {
  call(call: SmartContractCall): EthValue[] | null;
  getBalance(address: Uint8Array): bigint;
  hasCode(address: Uint8Array): boolean;
};

export type MappingHostOptions = {
  apiVersion: string;
  store: HostStore;
  dataSource: DataSourceInfo;
  chain: ChainReader;
  /** Called for `dataSource.create*`, after the template name is checked. */
  onCreateDataSource(template: string, params: string[], context: Entity | null): void;
  log(level: number, message: string): void;
  /** Folder whose files stand in for IPFS (`<dir>/<hash>`); without it ipfs.* fails as on graph-node. */
  ipfsDir?: string;
  /** ENS rainbow table (namehash hex → name), for ens.nameByHash. */
  ensNames?: ReadonlyMap<string, string>;
};

/** The host context of a graph-node handler run (WASM_HOST §6): the indexer's view of the world. */
export function createMappingHostContext(options: MappingHostOptions): HostContext {
  const { dataSource } = options;
  return {
    apiVersion: options.apiVersion,
    store: options.store,
    ethereum: options.chain,
    dataSource: {
      address: () => dataSource.address,
      network: () => dataSource.network,
      context: () => dataSource.context ?? new Map(),
      create: (name, params, context) => {
        if (!dataSource.templates.includes(name)) {
          throw new DeterministicError(
            `Failed to create data source from name \`${name}\`: No template with this name in parent data source \`${dataSource.name}\`. Available names: ${dataSource.templates.join(", ")}.`,
          );
        }
        options.onCreateDataSource(name, params, context);
      },
    },
    ipfs: {
      cat: (hash) => {
        const file = ipfsFile(options.ipfsDir, "ipfs.cat", hash);
        return file === null ? null : Uint8Array.from(readFileSync(file));
      },
      mapValues: (hash, flags) => {
        if (!flags.includes("json")) throw new DeterministicError("Flags must contain 'json'");
        const file = ipfsFile(options.ipfsDir, "ipfs.map", hash);
        if (file === null) throw new DeterministicError(`ipfs.map: file \`${hash}\` not found`);
        return newlineDelimitedJson(readFileSync(file));
      },
    },
    ens: {
      nameByHash: (hash) => {
        const names = options.ensNames;
        const name = names?.get(hash.toLowerCase()) ?? null;
        if (name === null && (!names || names.size === 0)) {
          throw new DeterministicError("Missing ENS data: see https://github.com/graphprotocol/ens-rainbow");
        }
        return name;
      },
    },
    log: (level, message) => {
      if (level === LogLevel.Critical) {
        throw new DeterministicError(`Critical error logged in mapping with log message: ${message}`);
      }
      options.log(level > LogLevel.Debug ? LogLevel.Debug : level, message);
    },
  };
}

function ipfsFile(dir: string | undefined, name: string, hash: string): string | null {
  if (dir === undefined) {
    throw new DeterministicError(`\`${name}\` is deprecated. Improved support for IPFS will be added in the future`);
  }
  // A hash names a file in the folder, never a path out of it.
  if (hash === "" || hash.includes("/") || hash.includes("\\") || hash === "..") return null;
  const file = path.join(dir, hash);
  return existsSync(file) ? file : null;
}

/** graph-node's ipfs.map input: one JSON value per line, blank lines skipped. */
function newlineDelimitedJson(content: Uint8Array): JsonValue[] {
  return Buffer.from(content)
    .toString("utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => json.fromBytes(Buffer.from(line, "utf8")));
}
