import type { ChainLog, TriggerFilter } from "../chain/source.ts";
import { DeterministicError } from "../common/errors.ts";
import { fromHex } from "../common/signedBytes.ts";
import type { BlockHandler, DataSource, EventHandler, Manifest } from "../manifest/manifest.ts";
import type { DataSourceInfo } from "../mapping/hostContext.ts";
import type { StoredDataSource } from "./store.ts";

/** A data source the indexer runs: from the manifest, or created from a template by a handler. */
export type RunningDataSource = {
  spec: DataSource;
  /** Lowercase address, or null for any address. */
  address: string | null;
  startBlock: number;
  endBlock: number | null;
  /** Set for template instances. */
  stored: StoredDataSource | null;
  info: DataSourceInfo;
  /** Event handlers by topic0, in manifest order. */
  handlersByTopic0: Map<string, EventHandler[]>;
};

export function isActive(ds: RunningDataSource, block: number): boolean {
  return block >= ds.startBlock && (ds.endBlock === null || block <= ds.endBlock);
}

function running(spec: DataSource, address: string | null, startBlock: number, stored: StoredDataSource | null, templates: string[]): RunningDataSource {
  const handlersByTopic0 = new Map<string, EventHandler[]>();
  for (const h of spec.mapping.eventHandlers) {
    const list = handlersByTopic0.get(h.topic0) ?? [];
    list.push(h);
    handlersByTopic0.set(h.topic0, list);
  }
  return {
    spec,
    address,
    startBlock,
    endBlock: stored ? null : spec.endBlock,
    stored,
    info: {
      name: spec.name,
      network: spec.network,
      address: address === null ? new Uint8Array(20) : fromHex(address),
      context: stored ? stored.context : manifestContext(spec),
      templates,
    },
    handlersByTopic0,
  };
}

/** The manifest's `context:` entries as an entity (graph-node `DataSourceContext`). */
function manifestContext(spec: DataSource): DataSourceInfo["context"] {
  if (!spec.context) return null;
  const entity: NonNullable<DataSourceInfo["context"]> = new Map();
  for (const [key, { type, data }] of Object.entries(spec.context)) {
    switch (type) {
      case "Bool":
        entity.set(key, { kind: "Bool", value: Boolean(data) });
        break;
      case "Int":
        entity.set(key, { kind: "Int", value: Number(data) });
        break;
      case "BigInt":
        entity.set(key, { kind: "BigInt", value: BigInt(String(data)) });
        break;
      case "Int8":
        entity.set(key, { kind: "Int8", value: BigInt(String(data)) });
        break;
      case "Bytes":
        entity.set(key, { kind: "Bytes", value: fromHex(String(data)) });
        break;
      default:
        entity.set(key, { kind: "String", value: String(data) });
    }
  }
  return entity;
}

/** The manifest's data sources, in manifest order. */
export function staticDataSources(manifest: Manifest): RunningDataSource[] {
  const templates = manifest.templates.map((t) => t.name);
  return manifest.dataSources.map((spec) => running(spec, spec.address, spec.startBlock, null, templates));
}

/**
 * A template instance. For Ethereum templates the first parameter is the contract address
 * (graph-node `chain/ethereum/src/data_source.rs`, `from_template_info`).
 */
export function templateInstance(manifest: Manifest, stored: StoredDataSource): RunningDataSource {
  const spec = manifest.templates.find((t) => t.name === stored.template);
  if (!spec) throw new DeterministicError(`no template named \`${stored.template}\` in the manifest`);
  const param = stored.params[0];
  if (param === undefined || !/^0x[0-9a-fA-F]{40}$/.test(param)) {
    throw new DeterministicError(
      `Failed to create data source from template \`${stored.template}\`: invalid contract address: ${JSON.stringify(param ?? null)}`,
    );
  }
  return running(spec, param.toLowerCase(), stored.createdAt, stored, manifest.templates.map((t) => t.name));
}

export function blockHandlerFires(ds: RunningDataSource, handler: BlockHandler, block: number): boolean {
  if (!isActive(ds, block)) return false;
  const filter = handler.filter;
  if (filter === null) return true;
  if (filter.kind === "polling") return (block - ds.startBlock) % filter.every === 0;
  if (filter.kind === "once") return block === ds.startBlock;
  return false;
}

/** Whether `handler` runs at `block` in the block's start phase (`once`) or its end phase. */
export function isStartHandler(handler: BlockHandler): boolean {
  return handler.filter?.kind === "once";
}

/** Refuses what needs traces, which no block source here provides. */
export function checkSupported(manifest: Manifest): void {
  for (const ds of [...manifest.dataSources, ...manifest.templates]) {
    if (ds.mapping.callHandlers.length > 0) {
      throw new DeterministicError(`${ds.name}: call handlers need traces, which the block sources do not provide`);
    }
    if (ds.mapping.blockHandlers.some((h) => h.filter?.kind === "call")) {
      throw new DeterministicError(`${ds.name}: block handlers with \`filter: call\` need traces, which the block sources do not provide`);
    }
  }
}

/** The log and block filter for a set of data sources. */
export function buildFilter(dataSources: RunningDataSource[], templates: DataSource[], version: number): TriggerFilter {
  let addresses: Set<string> | null = new Set();
  const topic0s = new Set<string>();
  for (const ds of dataSources) {
    if (ds.address === null) addresses = null;
    else addresses?.add(ds.address);
    for (const t of ds.handlersByTopic0.keys()) topic0s.add(t);
  }
  for (const t of templates) for (const h of t.mapping.eventHandlers) topic0s.add(h.topic0);
  const withBlockHandlers = dataSources.filter((ds) => ds.spec.mapping.blockHandlers.length > 0);
  const withReceipts = dataSources.filter((ds) => ds.spec.mapping.eventHandlers.some((h) => h.receipt));
  return {
    addresses,
    topic0s,
    version,
    wantsBlock: (n) => withBlockHandlers.some((ds) => ds.spec.mapping.blockHandlers.some((h) => blockHandlerFires(ds, h, n))),
    needsReceipt: (log: ChainLog) =>
      withReceipts.some(
        (ds) =>
          (ds.address === null || ds.address === log.address) &&
          (ds.handlersByTopic0.get(log.topics[0] ?? "") ?? []).some((h) => h.receipt),
      ),
  };
}
