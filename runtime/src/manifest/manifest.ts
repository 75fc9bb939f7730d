import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Abi, AbiEvent } from "viem";
import { parse as parseYaml } from "yaml";
import { toHex } from "../common/signedBytes.ts";
import { abiParameterType, eventSignature, eventTopic0, formatSolidityType } from "../host/ethereum.ts";

/** A subgraph manifest (subgraph.yaml), resolved: files read, topic0 computed per handler. */
export type Manifest = {
  file: string;
  specVersion: string;
  schemaFile: string;
  dataSources: DataSource[];
  templates: DataSource[];
};

export type DataSource = {
  kind: string;
  name: string;
  network: string;
  /** Absent for templates; lowercase 0x hex. */
  address: string | null;
  startBlock: number;
  endBlock: number | null;
  abiName: string;
  mapping: {
    apiVersion: string;
    /** The mapping module: a `.wasm` in a built manifest, the `.ts` source otherwise. */
    file: string;
    entities: string[];
    abis: Array<{ name: string; file: string; abi: Abi }>;
    eventHandlers: EventHandler[];
    blockHandlers: BlockHandler[];
    callHandlers: Array<{ function: string; handler: string }>;
  };
  /** `context:` of a manifest data source, as written. */
  context: Record<string, { type: string; data: unknown }> | null;
};

export type EventHandler = {
  /** As written in the manifest, e.g. `Bond(indexed address,indexed address,uint256,uint256)`. */
  event: string;
  handler: string;
  /** keccak256 of the canonical signature (no `indexed`, no names), lowercase hex. */
  topic0: string;
  abiEvent: AbiEvent;
  receipt: boolean;
};

export type BlockHandler = {
  handler: string;
  filter: { kind: "call" } | { kind: "polling"; every: number } | { kind: "once" } | null;
};

/** A manifest problem, with where it is. */
export class ManifestError extends Error {
  override name = "ManifestError";
}

/**
 * Reads a manifest and everything it points to. With `network`, addresses and start blocks
 * come from `networks.json` beside the manifest for that network, as `graph build --network`
 * applies them.
 */
export function loadManifest(file: string, options: { network?: string } = {}): Manifest {
  const dir = path.dirname(file);
  const raw = readYaml(file);
  const overrides = options.network ? networkOverrides(dir, options.network) : null;
  const schemaFile = path.resolve(dir, requireString(raw, "schema.file", file));
  const read = (list: unknown, where: string, template: boolean) =>
    asArray(list, where, file).map((entry, i) => dataSource(entry, `${where}[${i}]`, template, dir, file, overrides));
  const manifest: Manifest = {
    file,
    specVersion: String(raw.specVersion ?? ""),
    schemaFile,
    dataSources: read(raw.dataSources, "dataSources", false),
    templates: read(raw.templates ?? [], "templates", true),
  };
  if (options.network) {
    for (const ds of [...manifest.dataSources, ...manifest.templates]) {
      if (ds.network !== options.network) {
        throw new ManifestError(`${file}: ${ds.name} is on network \`${ds.network}\`, not \`${options.network}\``);
      }
    }
  }
  return manifest;
}

type Overrides = Record<string, { address?: string; startBlock?: number; endBlock?: number }>;

function networkOverrides(dir: string, network: string): Overrides {
  const file = path.join(dir, "networks.json");
  if (!existsSync(file)) throw new ManifestError(`--network ${network} needs ${file}, which does not exist`);
  const all = JSON.parse(readFileSync(file, "utf8")) as Record<string, Overrides>;
  if (!(network in all)) {
    throw new ManifestError(`network \`${network}\` is not in ${file}; it has: ${Object.keys(all).join(", ")}`);
  }
  return all[network];
}

function dataSource(
  entry: unknown,
  where: string,
  template: boolean,
  dir: string,
  file: string,
  overrides: Overrides | null,
): DataSource {
  const ds = asObject(entry, where, file);
  const name = requireString(ds, "name", file, where);
  const source = asObject(ds.source ?? {}, `${where}.source`, file);
  const mapping = asObject(ds.mapping, `${where}.mapping`, file);
  const override = overrides?.[name] ?? {};
  const abis = asArray(mapping.abis ?? [], `${where}.mapping.abis`, file).map((a, i) => {
    const abi = asObject(a, `${where}.mapping.abis[${i}]`, file);
    const abiFile = path.resolve(dir, requireString(abi, "file", file, `${where}.mapping.abis[${i}]`));
    return { name: requireString(abi, "name", file, `${where}.mapping.abis[${i}]`), file: abiFile, abi: readAbi(abiFile) };
  });
  const abiName = template || source.abi !== undefined ? String(source.abi ?? "") : "";
  const address = (override.address ?? source.address) as string | undefined;
  if (!template && address !== undefined && !/^0x[0-9a-fA-F]{40}$/.test(address)) {
    throw new ManifestError(`${file}: ${where}.source.address \`${address}\` is not a 20-byte hex address`);
  }
  const sourceAbi = abis.find((a) => a.name === abiName)?.abi;
  if (abiName && !sourceAbi) {
    throw new ManifestError(`${file}: ${where}.source.abi \`${abiName}\` is not among ${where}.mapping.abis`);
  }
  return {
    kind: requireString(ds, "kind", file, where),
    name,
    network: String(ds.network ?? ""),
    address: template || address === undefined ? null : address.toLowerCase(),
    startBlock: Number(override.startBlock ?? source.startBlock ?? 0),
    endBlock: override.endBlock ?? (source.endBlock === undefined ? null : Number(source.endBlock)),
    abiName,
    mapping: {
      apiVersion: String(mapping.apiVersion ?? "0.0.9"),
      file: path.resolve(dir, requireString(mapping, "file", file, `${where}.mapping`)),
      entities: asArray(mapping.entities ?? [], `${where}.mapping.entities`, file).map(String),
      abis,
      eventHandlers: asArray(mapping.eventHandlers ?? [], `${where}.mapping.eventHandlers`, file).map((h, i) =>
        eventHandler(h, `${where}.mapping.eventHandlers[${i}]`, sourceAbi ?? [], file),
      ),
      blockHandlers: asArray(mapping.blockHandlers ?? [], `${where}.mapping.blockHandlers`, file).map((h, i) =>
        blockHandler(h, `${where}.mapping.blockHandlers[${i}]`, file),
      ),
      callHandlers: asArray(mapping.callHandlers ?? [], `${where}.mapping.callHandlers`, file).map((h, i) => {
        const call = asObject(h, `${where}.mapping.callHandlers[${i}]`, file);
        return { function: String(call.function), handler: String(call.handler) };
      }),
    },
    context: (ds.context as DataSource["context"]) ?? null,
  };
}

function eventHandler(entry: unknown, where: string, abi: Abi, file: string): EventHandler {
  const h = asObject(entry, where, file);
  const event = requireString(h, "event", file, where);
  const canonical = event.replace(/\bindexed\s+/g, "").replace(/\s+/g, "");
  const abiEvent = abi.find(
    (item): item is AbiEvent => item.type === "event" && eventSignature(item as AbiEvent) === canonical,
  );
  if (!abiEvent) {
    throw new ManifestError(`${file}: ${where}.event \`${event}\` is not an event of the data source's ABI`);
  }
  const declared = `${abiEvent.name}(${abiEvent.inputs
    .map((i) => `${i.indexed ? "indexed " : ""}${formatSolidityType(abiParameterType(i))}`)
    .join(",")})`;
  if (declared !== event.replace(/\s*,\s*/g, ",")) {
    throw new ManifestError(
      `${file}: ${where}.event \`${event}\` does not match the ABI's indexed parameters \`${declared}\``,
    );
  }
  return {
    event,
    handler: requireString(h, "handler", file, where),
    topic0: toHex(eventTopic0(abiEvent)),
    abiEvent,
    receipt: h.receipt === true,
  };
}

function blockHandler(entry: unknown, where: string, file: string): BlockHandler {
  const h = asObject(entry, where, file);
  const filter = h.filter === undefined ? null : asObject(h.filter, `${where}.filter`, file);
  let parsed: BlockHandler["filter"] = null;
  if (filter) {
    if (filter.kind === "call") parsed = { kind: "call" };
    else if (filter.kind === "polling") parsed = { kind: "polling", every: Number(filter.every) };
    else if (filter.kind === "once") parsed = { kind: "once" };
    else throw new ManifestError(`${file}: ${where}.filter.kind \`${String(filter.kind)}\` is not call, polling or once`);
  }
  return { handler: requireString(h, "handler", file, where), filter: parsed };
}

function readYaml(file: string): Record<string, unknown> {
  if (!existsSync(file)) throw new ManifestError(`manifest ${file} does not exist`);
  try {
    return asObject(parseYaml(readFileSync(file, "utf8")), "(top level)", file);
  } catch (error) {
    if (error instanceof ManifestError) throw error;
    throw new ManifestError(`${file} is not valid YAML: ${(error as Error).message}`);
  }
}

function readAbi(file: string): Abi {
  if (!existsSync(file)) throw new ManifestError(`ABI file ${file} does not exist`);
  const parsed = JSON.parse(readFileSync(file, "utf8")) as unknown;
  // graph-cli accepts a bare ABI array or a Truffle/Hardhat artifact with an `abi` field.
  const abi = Array.isArray(parsed) ? parsed : (parsed as { abi?: unknown }).abi;
  if (!Array.isArray(abi)) throw new ManifestError(`ABI file ${file} holds no ABI array`);
  return abi as Abi;
}

function asObject(value: unknown, where: string, file: string): Record<string, any> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new ManifestError(`${file}: ${where} must be a mapping`);
  }
  return value as Record<string, any>;
}

function asArray(value: unknown, where: string, file: string): unknown[] {
  if (!Array.isArray(value)) throw new ManifestError(`${file}: ${where} must be a list`);
  return value;
}

function requireString(obj: Record<string, any>, key: string, file: string, where?: string): string {
  const value = key.split(".").reduce<any>((o, k) => (o == null ? undefined : o[k]), obj);
  if (typeof value !== "string" || value === "") {
    throw new ManifestError(`${file}: ${where ? `${where}.` : ""}${key} is missing`);
  }
  return value;
}
