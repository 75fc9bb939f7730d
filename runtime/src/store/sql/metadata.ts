/**
 * Deployment metadata, kept in one schema per store namespace (graph-node keeps it in the
 * `subgraphs` schema: `deployment_schemas`, `subgraph_deployment`, and the chain's block
 * table in `chain*.blocks`). A deployment is identified by the hash of its schema, manifest and
 * WASM; each gets its own database schema (`sgd<N>`), so a changed subgraph never writes into
 * an older deployment's tables.
 */
import { createHash } from "node:crypto";
import type { BlockInfo, IndexingStatus } from "../query.ts";
import { bytesToHex } from "../validation.ts";
import type { SqlExecutor } from "./driver.ts";
import { ident } from "./layout.ts";

/** One row of the deployment table. */
export interface DeploymentRecord {
  /** Serial number, also in the schema name. */
  readonly serial: number;
  /** `Qm…` id derived from the content hash. */
  readonly id: string;
  readonly name: string;
  readonly schemaName: string;
  /** schema.graphql as deployed; `serve` rebuilds the model from it. */
  readonly schemaSdl: string;
  readonly specVersion: string;
}

/** What a deployment is made of; its hash decides whether the deployment is new. */
export interface DeploymentSource {
  readonly schema: string;
  readonly manifest?: string | Uint8Array;
  readonly wasm?: Uint8Array | readonly Uint8Array[];
}

const BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

function base58(bytes: Uint8Array): string {
  let n = BigInt(bytesToHex(bytes));
  let out = "";
  while (n > 0n) {
    out = BASE58[Number(n % 58n)] + out;
    n /= 58n;
  }
  for (const b of bytes) {
    if (b !== 0) break;
    out = "1" + out;
  }
  return out;
}

/**
 * The deployment id: a sha2-256 multihash in base58 (the `Qm…` form of an IPFS CIDv0) of the
 * schema, manifest and WASM modules, each length-prefixed so boundaries cannot shift.
 */
export function deploymentId(src: DeploymentSource): string {
  const h = createHash("sha256");
  const part = (b: string | Uint8Array) => {
    const buf = typeof b === "string" ? Buffer.from(b, "utf8") : Buffer.from(b);
    h.update(`${buf.length}:`);
    h.update(buf);
  };
  part(src.schema);
  part(src.manifest ?? "");
  const wasm = src.wasm === undefined ? [] : src.wasm instanceof Uint8Array ? [src.wasm] : src.wasm;
  for (const w of wasm) part(w);
  const digest = h.digest();
  return base58(new Uint8Array([0x12, 0x20, ...digest]));
}

/** Metadata table names in namespace `ns`. */
export function metaTables(ns: string) {
  const s = ident(ns);
  return {
    schema: s,
    deployment: `${s}.deployment`,
    status: `${s}.indexing_status`,
    block: `${s}.block`,
    dataSource: `${s}.data_source`,
  };
}

/** Creates the metadata schema and tables if missing. */
export async function ensureMetadata(db: SqlExecutor, ns: string): Promise<void> {
  const m = metaTables(ns);
  await db.exec(`
    create schema if not exists ${m.schema};
    create table if not exists ${m.deployment} (
      serial serial primary key,
      id text not null unique,
      name text not null,
      schema_name text not null unique,
      schema_sdl text not null,
      spec_version text not null,
      created_at timestamptz not null default now());
    create table if not exists ${m.status} (
      deployment int4 primary key references ${m.deployment} (serial),
      latest_number int4,
      latest_hash bytea,
      latest_timestamp int8,
      earliest_block int4 not null default 0,
      chain_head_number int4,
      events_per_second float8,
      fatal_error text,
      fatal_error_block int4);
    create table if not exists ${m.block} (
      deployment int4 not null references ${m.deployment} (serial),
      number int4 not null,
      hash bytea,
      parent_hash bytea,
      timestamp int8,
      primary key (deployment, number));
    create index if not exists block_hash on ${m.block} (deployment, hash);
    alter table ${m.status} add column if not exists synced boolean not null default false;
    alter table ${m.status} add column if not exists fatal_error_handler text;
    alter table ${m.status} add column if not exists fatal_error_data_source text;
    alter table ${m.status} add column if not exists attribute_indexes_pending boolean not null default false;
    create table if not exists ${m.dataSource} (
      deployment int4 not null references ${m.deployment} (serial),
      block int4 not null,
      ordinal int4 not null,
      template text not null,
      params text[] not null,
      context text,
      primary key (deployment, block, ordinal));
  `);
}

function toRecord(r: Record<string, unknown>): DeploymentRecord {
  return {
    serial: Number(r.serial),
    id: String(r.id),
    name: String(r.name),
    schemaName: String(r.schema_name),
    schemaSdl: String(r.schema_sdl),
    specVersion: String(r.spec_version),
  };
}

const DEPLOYMENT_COLUMNS = "serial, id, name, schema_name, schema_sdl, spec_version";

export async function findDeploymentById(db: SqlExecutor, ns: string, id: string): Promise<DeploymentRecord | null> {
  const rows = await db.query(`select ${DEPLOYMENT_COLUMNS} from ${metaTables(ns).deployment} where id = $1`, [id]);
  return rows[0] ? toRecord(rows[0]) : null;
}

/** The newest deployment of a subgraph name, or the newest of all without a name. */
export async function findDeploymentByName(db: SqlExecutor, ns: string, name?: string): Promise<DeploymentRecord | null> {
  const m = metaTables(ns);
  const rows = name
    ? await db.query(`select ${DEPLOYMENT_COLUMNS} from ${m.deployment} where name = $1 order by serial desc limit 1`, [name])
    : await db.query(`select ${DEPLOYMENT_COLUMNS} from ${m.deployment} order by serial desc limit 1`);
  return rows[0] ? toRecord(rows[0]) : null;
}

/** Inserts a deployment row and its status row; the caller creates the schema's tables. */
export async function insertDeployment(
  db: SqlExecutor,
  ns: string,
  d: { id: string; name: string; schemaSdl: string; specVersion: string; startBlock: number },
): Promise<DeploymentRecord> {
  const m = metaTables(ns);
  const [{ serial }] = await db.query(`select nextval(pg_get_serial_sequence($1, 'serial'))::int4 as serial`, [
    `${m.deployment}`,
  ]);
  const schemaName = ns === "subgraphs" ? `sgd${serial}` : `${ns}_sgd${serial}`;
  const rows = await db.query(
    `insert into ${m.deployment} (serial, id, name, schema_name, schema_sdl, spec_version) values ($1, $2, $3, $4, $5, $6) returning ${DEPLOYMENT_COLUMNS}`,
    [serial, d.id, d.name, schemaName, d.schemaSdl, d.specVersion],
  );
  await db.query(`insert into ${m.status} (deployment, earliest_block) values ($1, $2)`, [serial, d.startBlock]);
  return toRecord(rows[0]);
}

function hex(v: unknown): string | null {
  return v instanceof Uint8Array ? bytesToHex(v) : null;
}

function blockFromRow(r: Record<string, unknown>): BlockInfo {
  return {
    number: Number(r.number),
    hash: hex(r.hash),
    parentHash: hex(r.parent_hash),
    timestamp: r.timestamp === null || r.timestamp === undefined ? null : Number(r.timestamp),
  };
}

export async function readStatus(db: SqlExecutor, ns: string, d: DeploymentRecord): Promise<IndexingStatus> {
  const m = metaTables(ns);
  // One statement: every GraphQL request reads the status first.
  const [s] = await db.query(
    `select s.latest_number, s.latest_hash, s.latest_timestamp::text as latest_timestamp, s.earliest_block, s.chain_head_number,
       s.events_per_second, s.synced, s.fatal_error, s.fatal_error_block, s.fatal_error_handler, s.fatal_error_data_source,
       b.parent_hash
     from ${m.status} s left join ${m.block} b on b.deployment = s.deployment and b.number = s.latest_number
     where s.deployment = $1`,
    [d.serial],
  );
  let latestBlock: BlockInfo | null = null;
  if (s && s.latest_number !== null) {
    latestBlock = blockFromRow({
      number: s.latest_number,
      hash: s.latest_hash,
      parent_hash: s.parent_hash ?? null,
      timestamp: s.latest_timestamp,
    });
  }
  return {
    deployment: d.id,
    name: d.name,
    latestBlock,
    earliestBlock: Number(s?.earliest_block ?? 0),
    chainHeadBlock: s?.chain_head_number === null || s?.chain_head_number === undefined ? null : Number(s.chain_head_number),
    eventsPerSecond: s?.events_per_second === null || s?.events_per_second === undefined ? null : Number(s.events_per_second),
    synced: s?.synced === true,
    fatalError: s?.fatal_error
      ? {
          message: String(s.fatal_error),
          block: Number(s.fatal_error_block),
          handler: s.fatal_error_handler === null || s.fatal_error_handler === undefined ? null : String(s.fatal_error_handler),
          dataSource: s.fatal_error_data_source === null || s.fatal_error_data_source === undefined ? null : String(s.fatal_error_data_source),
        }
      : null,
  };
}

export async function blockByHash(db: SqlExecutor, ns: string, d: DeploymentRecord, hash: Uint8Array): Promise<BlockInfo | null> {
  const rows = await db.query(
    `select number, hash, parent_hash, timestamp::text as timestamp from ${metaTables(ns).block} where deployment = $1 and hash = $2::text::bytea`,
    [d.serial, "\\x" + bytesToHex(hash).slice(2)],
  );
  return rows[0] ? blockFromRow(rows[0]) : null;
}
