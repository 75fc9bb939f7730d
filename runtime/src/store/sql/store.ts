/**
 * The versioned entity store on PostgreSQL or PGlite, for one deployment.
 *
 * Writes follow graph-node `store/postgres/src/relational.rs` (`insert`, `update`, `delete`,
 * `revert_block`): writing an entity at block B closes its current version at B and opens a
 * new one `[B, ∞)`; removing closes it; immutable types get one row with `block$ = B`. Many
 * blocks are written in one transaction (`writeBlocks`, or `buffer` + `flush` during catch-up).
 * Reverting to block N deletes versions that start after N and reopens versions closed after
 * N, exactly undoing the writes of blocks N+1….
 */
import type { Entity } from "../../common/values.ts";
import { loadSchema, type IdType, type SchemaModel } from "../../schema/model.ts";
import { createMemoryEntityStore, type EntityChange, type EntityReader, type MemoryEntityStore } from "../entityCache.ts";
import type {
  BlockInfo,
  ChildrenQuery,
  CollectionQuery,
  Embeds,
  EntityRow,
  IndexingStatus,
  QueryStore,
  QueryValue,
} from "../query.ts";
import { idKey } from "../query.ts";
import { bytesToHex, entityIdToValue, parseEntityId } from "../validation.ts";
import { arrayLiteralParam, castParam, decodeRow, normalize, readColumns, rowToEntity, storeValueParam } from "./codec.ts";
import { openDriver, type SqlDriver, type SqlExecutor } from "./driver.ts";
import { createPendingAttributeIndexes, markAttributeIndexesPending } from "./attributeIndexes.ts";
import { buildLayout, ident, tableDdl, type Layout, type TableLayout } from "./layout.ts";
import {
  blockByHash,
  deploymentId,
  ensureMetadata,
  findDeploymentById,
  findDeploymentByName,
  insertDeployment,
  metaTables,
  readStatus,
  type DeploymentRecord,
  type DeploymentSource,
} from "./metadata.ts";
import { byIdsStatement, childrenStatement, collectionStatement, type Statement } from "./select.ts";

/** Where the database is: a PostgreSQL URL, a PGlite directory, or an open driver. */
export interface DatabaseOptions {
  /** `postgresql://…`; when set, PostgreSQL is used through `pg`. */
  databaseUrl?: string;
  /** PGlite data directory (default: in memory). Ignored with `databaseUrl` or `driver`. */
  dataDir?: string;
  /** An already open driver; the store then does not close it. */
  driver?: SqlDriver;
  /** Name of the metadata schema; deployment schemas are named after it. Default `subgraphs`. */
  namespace?: string;
}

export interface OpenStoreOptions extends DatabaseOptions, DeploymentSource {
  /** Subgraph name, as in `/subgraphs/name/<name>`. */
  name: string;
  /** The manifest's specVersion (Int8 ids need ≥ 1.1.0). Default 1.5.0. */
  specVersion?: string;
  /** First block with data; block constraints below it are errors. Default 0. */
  startBlock?: number;
  /**
   * For a new deployment, leave out the attribute indexes until `createAttributeIndexes`
   * (an indexer calls it once caught up): writes are much cheaper without them, queries slower.
   */
  postponeAttributeIndexes?: boolean;
}

/** A block to write, with its entity changes in the order `EntityCache.takeBlockChanges` gives. */
export interface BlockWrite {
  readonly number: number;
  /** `0x…`; stored in the block table for `block: {hash}` and `_meta`. */
  readonly hash?: string | null;
  readonly parentHash?: string | null;
  /** Seconds since the epoch. */
  readonly timestamp?: number | bigint | null;
  readonly changes: readonly EntityChange[];
  /** Data sources created by the block's handlers, in creation order (written with the block). */
  readonly dataSources?: readonly DataSourceRow[];
}

/** A dynamic data source as stored: its template, `create` parameters and context as JSON text. */
export interface DataSourceRow {
  readonly template: string;
  readonly params: readonly string[];
  readonly context: string | null;
}

/** What the indexer records beside the entities (`/status`, `_meta`). */
export interface IndexingState {
  readonly synced: boolean;
  readonly chainHeadBlock: number | null;
  readonly fatalError: { message: string; block: number; handler: string | null; dataSource: string | null } | null;
}

/** Rows per insert statement (`insertRows`). */
const INSERT_ROWS = 10_000;

function hexParam(h: string | null | undefined): string | null {
  if (h === null || h === undefined) return null;
  return "\\x" + (h.startsWith("0x") ? h.slice(2) : h).toLowerCase();
}

/** One deployment's tables: writes, reverts, status and the `QueryStore` read side. */
export class SqlStore implements QueryStore {
  readonly model: SchemaModel;
  readonly layout: Layout;
  private mirror: MemoryEntityStore | null = null;
  private pending: BlockWrite[] = [];
  /** See `QueryStore.statusVersion`: bumped by every method below that changes the status. */
  statusVersion = 0;

  constructor(
    readonly driver: SqlDriver,
    readonly namespace: string,
    readonly deployment: DeploymentRecord,
    model: SchemaModel,
    private readonly ownsDriver: boolean,
  ) {
    this.model = model;
    this.layout = buildLayout(model, deployment.schemaName);
  }

  // --- status ---------------------------------------------------------------------------------

  status(): Promise<IndexingStatus> {
    return readStatus(this.driver, this.namespace, this.deployment);
  }

  blockByHash(hash: Uint8Array): Promise<BlockInfo | null> {
    return blockByHash(this.driver, this.namespace, this.deployment, hash);
  }

  /** Records what the indexer knows beyond the store: chain head and throughput. */
  async setProgress(p: { chainHeadBlock?: number | null; eventsPerSecond?: number | null }): Promise<void> {
    await this.driver.query(
      `update ${metaTables(this.namespace).status} set chain_head_number = coalesce($2, chain_head_number), events_per_second = coalesce($3, events_per_second) where deployment = $1`,
      [this.deployment.serial, p.chainHeadBlock ?? null, p.eventsPerSecond ?? null],
    );
    this.statusVersion++;
  }

  /** Records the indexer's view: synced or not, the chain head, and the error that stopped it. */
  async setIndexingState(state: IndexingState): Promise<void> {
    const e = state.fatalError;
    await this.driver.query(
      `update ${metaTables(this.namespace).status} set synced = $2, chain_head_number = coalesce($3, chain_head_number),
         fatal_error = $4, fatal_error_block = $5, fatal_error_handler = $6, fatal_error_data_source = $7 where deployment = $1`,
      [this.deployment.serial, state.synced, state.chainHeadBlock, e?.message ?? null, e?.block ?? null, e?.handler ?? null, e?.dataSource ?? null],
    );
    this.statusVersion++;
  }

  /** The last `count` written blocks with their hashes, oldest first. */
  async recentBlocks(count: number): Promise<Array<{ number: number; hash: string | null }>> {
    const rows = await this.driver.query(
      `select number, hash from ${metaTables(this.namespace).block} where deployment = $1 order by number desc limit $2`,
      [this.deployment.serial, count],
    );
    return rows.reverse().map((r) => ({ number: Number(r.number), hash: r.hash instanceof Uint8Array ? bytesToHex(r.hash) : null }));
  }

  /** Data sources created by handlers, in creation order, with the block that created each. */
  async dynamicDataSources(): Promise<Array<DataSourceRow & { block: number }>> {
    const rows = await this.driver.query(
      `select block, template, params, context from ${metaTables(this.namespace).dataSource} where deployment = $1 order by block, ordinal`,
      [this.deployment.serial],
    );
    return rows.map((r) => ({
      block: Number(r.block),
      template: String(r.template),
      params: (r.params as unknown[]).map(String),
      context: r.context === null ? null : String(r.context),
    }));
  }

  /** The current versions of entities of `type` by id (ids in canonical text form). */
  async loadCurrent(type: string, ids: readonly string[]): Promise<Map<string, Entity>> {
    const t = this.table(type);
    const found = new Map<string, Entity>();
    if (ids.length === 0) return found;
    const current = t.immutable ? "" : " and upper_inf(c.block_range)";
    const rows = await this.driver.query(
      `select ${readColumns(t, "c")} from ${t.qualified} c where c.id = any(${castParam("$1", t.id.sqlType, true)})${current}`,
      [ids.map((id) => this.idParam(t, id))],
    );
    for (const r of rows) {
      const values = decodeRow(t, r);
      found.set(idKey(values.id), rowToEntity(t, values));
    }
    return found;
  }

  /**
   * `vacuum (analyze)` on every table of the deployment. Closing a version leaves a dead tuple
   * behind; PostgreSQL's autovacuum clears them, PGlite has none, and the block-range indexes
   * then keep visiting them. Must run outside a transaction.
   */
  async vacuum(): Promise<void> {
    for (const t of this.layout.tables.values()) await this.driver.exec(`vacuum (analyze) ${t.qualified}`);
  }

  /** Every current entity of `type`, in write order (for comparisons and exports). */
  async currentEntities(type: string): Promise<Entity[]> {
    const t = this.table(type);
    const current = t.immutable ? "" : " where upper_inf(c.block_range)";
    const rows = await this.driver.query(`select ${readColumns(t, "c")} from ${t.qualified} c${current} order by c.vid`);
    return rows.map((r) => rowToEntity(t, decodeRow(t, r)));
  }

  /** Current entities of `type` whose `field` (a reference or a list of them) points at `id`. */
  async loadReferencing(type: string, field: string, id: string): Promise<Entity[]> {
    const t = this.table(type);
    const column = t.byField.get(field);
    if (!column) throw new Error(`\`${type}\` has no stored field \`${field}\``);
    // A reference is stored as the target's id, so the column's value type is that id type.
    const value = storeValueParam(entityIdToValue(parseEntityId(column.valueType as IdType, id)));
    const test = column.isList
      ? `${castParam("$1", column.sqlType, false)} = any(c.${ident(column.name)})`
      : `c.${ident(column.name)} = ${castParam("$1", column.sqlType, false)}`;
    const current = t.immutable ? "" : " and upper_inf(c.block_range)";
    const rows = await this.driver.query(`select ${readColumns(t, "c")} from ${t.qualified} c where ${test}${current}`, [value]);
    return rows.map((r) => rowToEntity(t, decodeRow(t, r)));
  }

  private table(type: string): TableLayout {
    const t = this.layout.tables.get(type);
    if (!t) throw new Error(`\`${type}\` is not an entity type of deployment ${this.deployment.id}`);
    return t;
  }

  /** Records the deterministic error that stopped indexing at `block` (null clears it). */
  async setFatalError(error: { message: string; block: number } | null): Promise<void> {
    await this.driver.query(
      `update ${metaTables(this.namespace).status} set fatal_error = $2, fatal_error_block = $3 where deployment = $1`,
      [this.deployment.serial, error?.message ?? null, error?.block ?? null],
    );
    this.statusVersion++;
  }

  // --- writes ---------------------------------------------------------------------------------

  /**
   * The committed store as the entity cache reads it, plus blocks buffered but not flushed.
   * The current versions are loaded into memory once, since `EntityReader` is synchronous;
   * later writes through this store keep the copy current.
   */
  async reader(): Promise<EntityReader> {
    if (!this.mirror) {
      const mirror = createMemoryEntityStore();
      for (const t of this.layout.tables.values()) {
        const where = t.immutable ? "" : " where upper_inf(c.block_range)";
        const rows = await this.driver.query(`select ${readColumns(t, "c")} from ${t.qualified} c${where} order by c.vid`);
        for (const r of rows) {
          const e = rowToEntity(t, decodeRow(t, r));
          mirror.put(t.type.name, idKey(decodeRow(t, r).id), e);
        }
      }
      for (const b of this.pending) mirror.apply(b.changes);
      this.mirror = mirror;
    }
    return this.mirror;
  }

  /** Queues a block for the next `flush`; the reader sees it at once. */
  buffer(block: BlockWrite): void {
    const last = this.pending.at(-1);
    if (last && block.number <= last.number) {
      throw new Error(`block ${block.number} is not after the buffered block ${last.number}`);
    }
    this.pending.push(block);
    this.mirror?.apply(block.changes);
  }

  /** Blocks buffered and not yet written. */
  get pendingBlocks(): number {
    return this.pending.length;
  }

  /** Writes all buffered blocks in one transaction. */
  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const blocks = this.pending;
    this.pending = [];
    try {
      await this.writeInTransaction(blocks);
    } catch (e) {
      this.mirror = null;
      throw e;
    }
  }

  /** Writes blocks (ascending, after the latest indexed block) in one transaction. */
  async writeBlocks(blocks: readonly BlockWrite[]): Promise<void> {
    if (this.pending.length > 0) await this.flush();
    await this.writeInTransaction(blocks);
    for (const b of blocks) this.mirror?.apply(b.changes);
  }

  /** `writeBlocks` for a single block. */
  writeBlock(block: BlockWrite): Promise<void> {
    return this.writeBlocks([block]);
  }

  private async writeInTransaction(blocks: readonly BlockWrite[]): Promise<void> {
    if (blocks.length === 0) return;
    const status = await this.status();
    let previous = status.latestBlock?.number ?? -1;
    for (const b of blocks) {
      if (!Number.isInteger(b.number) || b.number < 0 || b.number > 0x7fffffff) {
        throw new Error(`invalid block number ${b.number}`);
      }
      if (b.number <= previous) {
        throw new Error(`block ${b.number} is not after block ${previous}; revert before rewriting`);
      }
      previous = b.number;
    }
    await this.driver.transaction(async (tx) => {
      await this.writeChanges(tx, blocks);
      const m = metaTables(this.namespace);
      const created = blocks.flatMap((b) => (b.dataSources ?? []).map((ds, ordinal) => ({ block: b.number, ordinal, ds })));
      if (created.length > 0) {
        await tx.query(
          `insert into ${m.dataSource} (deployment, block, ordinal, template, params, context)
           select $1, x.b, x.o, x.t, array(select jsonb_array_elements_text(x.p::jsonb)), x.c
           from unnest($2::int4[], $3::int4[], $4::text[], $5::text[], $6::text[]) as x(b, o, t, p, c)`,
          [
            this.deployment.serial,
            created.map((c) => c.block),
            created.map((c) => c.ordinal),
            created.map((c) => c.ds.template),
            created.map((c) => JSON.stringify(c.ds.params)),
            created.map((c) => c.ds.context),
          ],
        );
      }
      await tx.query(
        `insert into ${m.block} (deployment, number, hash, parent_hash, timestamp)
         select $1, x.n, x.h::bytea, x.p::bytea, x.t::int8 from unnest($2::int4[], $3::text[], $4::text[], $5::text[]) as x(n, h, p, t)
         on conflict (deployment, number) do update set hash = excluded.hash, parent_hash = excluded.parent_hash, timestamp = excluded.timestamp`,
        [
          this.deployment.serial,
          blocks.map((b) => b.number),
          blocks.map((b) => hexParam(b.hash)),
          blocks.map((b) => hexParam(b.parentHash)),
          blocks.map((b) => (b.timestamp === null || b.timestamp === undefined ? null : String(b.timestamp))),
        ],
      );
      const last = blocks[blocks.length - 1];
      await tx.query(
        `update ${m.status} set latest_number = $2, latest_hash = $3::text::bytea, latest_timestamp = $4::text::int8 where deployment = $1`,
        [this.deployment.serial, last.number, hexParam(last.hash), last.timestamp === null || last.timestamp === undefined ? null : String(last.timestamp)],
      );
    });
    this.statusVersion++;
  }

  private idParam(t: TableLayout, id: string): unknown {
    return storeValueParam(entityIdToValue(parseEntityId(t.type.idType, id)));
  }

  /**
   * The entity changes of many blocks in a few statements per type, whatever the number of
   * blocks: each new version gets its final block range at once (closed at the entity's next
   * change within the batch), and the versions current before the batch are closed at the
   * entity's first change. The result equals writing the blocks one by one.
   */
  private async writeChanges(tx: SqlExecutor, blocks: readonly BlockWrite[]): Promise<void> {
    const byType = new Map<string, Array<{ block: number; change: EntityChange }>>();
    for (const b of blocks) {
      for (const change of b.changes) {
        let list = byType.get(change.type);
        if (!list) byType.set(change.type, (list = []));
        list.push({ block: b.number, change });
      }
    }
    for (const [type, list] of byType) {
      const t = this.layout.tables.get(type);
      if (!t) throw new Error(`\`${type}\` is not an entity type of deployment ${this.deployment.id}`);
      const versions: Array<{ entity: Entity; lower: number; upper: number | null }> = [];
      if (t.immutable) {
        for (const { block, change } of list) {
          if (change.op !== "insert") {
            throw new Error(
              `entity ${type}[${change.id}] is immutable; ${change.op === "remove" ? "it can not be deleted" : "it can not be updated"} (block ${block})`,
            );
          }
          versions.push({ entity: change.entity as Entity, lower: block, upper: null });
        }
      } else {
        // Changes of one id, in block order (a block holds at most one change per entity).
        const byId = new Map<string, Array<{ block: number; change: EntityChange }>>();
        for (const item of list) {
          const changes = byId.get(item.change.id);
          if (changes) changes.push(item);
          else byId.set(item.change.id, [item]);
        }
        const ids: unknown[] = [];
        const firstBlocks: number[] = [];
        for (const [id, changes] of byId) {
          ids.push(this.idParam(t, id));
          firstBlocks.push(changes[0].block);
          changes.forEach(({ block, change }, i) => {
            if (change.op !== "remove") versions.push({ entity: change.entity as Entity, lower: block, upper: changes[i + 1]?.block ?? null });
          });
        }
        await tx.query(
          `update ${t.qualified} c set block_range = int4range(lower(c.block_range), x.b)
           from unnest(${castParam("$1", t.id.sqlType, true)}, $2::int4[]) as x(id, b)
           where c.id = x.id and upper_inf(c.block_range)`,
          [ids, firstBlocks],
        );
      }
      await this.insertRows(tx, t, versions);
    }
  }

  /**
   * Inserts versions with one statement per `INSERT_ROWS` rows, each column bound as one array
   * and zipped by `unnest`, so the statement text stays the same size whatever the number of
   * rows. A `values` list with a placeholder per cell wrote the Livepeer benchmark's versions
   * about 1.9× slower on PGlite and 1.6–1.7× slower on PostgreSQL (`BENCH_RUNS=writes`). A list column
   * travels as a `text[]` of array literals (`arrayLiteralParam`), one per row, cast per row.
   */
  private async insertRows(tx: SqlExecutor, t: TableLayout, versions: Array<{ entity: Entity; lower: number; upper: number | null }>): Promise<void> {
    if (versions.length === 0) return;
    const names = [
      ...t.columns.map((c) => ident(c.name)),
      ...t.fulltexts.map((f) => ident(f.column)),
      t.immutable ? `"block$"` : "block_range",
    ].join(", ");
    const unnested: string[] = [];
    const selected: string[] = [];
    const column = new Map<string, string>();
    t.columns.forEach((c, i) => {
      // Parameters travel as text, numbers or booleans (codec.ts); other types are cast from text.
      const bound = c.isList ? "text" : c.sqlType;
      const native = bound === "text" || bound === "int4" || bound === "boolean";
      unnested.push(native ? `$${i + 1}::${bound}[]` : `$${i + 1}::text[]::${bound}[]`);
      column.set(c.field.name, `x.c${i}`);
      selected.push(c.isList ? `x.c${i}::${c.sqlType}[]` : `x.c${i}`);
    });
    let next = t.columns.length + 1;
    // graph-node builds the document from the included fields at write time; nulls add nothing.
    for (const f of t.fulltexts) {
      const config = `$${next++}::text::regconfig`;
      const parts = f.fields.map((name) => `coalesce(to_tsvector(${config}, ${column.get(name)}::text), ''::tsvector)`);
      selected.push(parts.length > 0 ? parts.join(" || ") : "''::tsvector");
    }
    const aliases = [...t.columns.map((_, i) => `c${i}`), "lower$", "upper$"];
    unnested.push(`$${next++}::int4[]`, `$${next++}::int4[]`);
    selected.push(t.immutable ? "x.lower$" : "int4range(x.lower$, x.upper$)");
    const sql = `insert into ${t.qualified} (${names}) select ${selected.join(", ")} from unnest(${unnested.join(", ")}) as x(${aliases.join(", ")})`;

    for (let start = 0; start < versions.length; start += INSERT_ROWS) {
      const rows = versions.slice(start, start + INSERT_ROWS);
      const params: unknown[] = t.columns.map((c) =>
        rows.map(({ entity }) => {
          const v = entity.get(c.field.name);
          if (v === undefined) return null;
          return c.isList ? arrayLiteralParam(v) : storeValueParam(v);
        }),
      );
      for (const f of t.fulltexts) params.push(f.config);
      params.push(
        rows.map((r) => r.lower),
        rows.map((r) => r.upper),
      );
      await tx.query(sql, params);
    }
  }

  /**
   * Reverts to block `n`: every version created after `n` is deleted and every version closed
   * after `n` is reopened (graph-node `Layout::revert_block`), blocks after `n` are forgotten and
   * the head becomes `n`. A fatal error after `n` is cleared. Buffered blocks are dropped.
   */
  async revert(n: number): Promise<void> {
    this.pending = [];
    this.mirror = null;
    const m = metaTables(this.namespace);
    await this.driver.transaction(async (tx) => {
      for (const t of this.layout.tables.values()) {
        if (t.immutable) {
          await tx.query(`delete from ${t.qualified} where "block$" > $1`, [n]);
        } else {
          await tx.query(`delete from ${t.qualified} where lower(block_range) > $1`, [n]);
          await tx.query(
            `update ${t.qualified} set block_range = int4range(lower(block_range), null) where not upper_inf(block_range) and upper(block_range) > $1`,
            [n],
          );
        }
      }
      await tx.query(`delete from ${m.block} where deployment = $1 and number > $2`, [this.deployment.serial, n]);
      await tx.query(`delete from ${m.dataSource} where deployment = $1 and block > $2`, [this.deployment.serial, n]);
      await tx.query(
        `update ${m.status} s set latest_number = case when $2::int4 >= 0 then $2::int4 end,
           latest_hash = b.hash, latest_timestamp = b.timestamp,
           fatal_error = case when s.fatal_error_block > $2::int4 then null else s.fatal_error end,
           fatal_error_block = case when s.fatal_error_block > $2::int4 then null else s.fatal_error_block end
         from (select 1) one left join ${m.block} b on b.deployment = $1 and b.number = $2::int4
         where s.deployment = $1 and (s.latest_number is null or s.latest_number > $2::int4)`,
        [this.deployment.serial, n],
      );
    });
    this.statusVersion++;
  }

  // --- reads (QueryStore) ---------------------------------------------------------------------

  private async run(stmt: Statement): Promise<EntityRow[]> {
    if (stmt.sql === null) return [];
    const rows = await this.driver.query(stmt.sql, stmt.params);
    return rows.map((r) => ({
      ...stmt.decode(r),
      parent: r["parent$"] === undefined ? undefined : idKey(normalize(r["parent$"])),
    }));
  }

  findEntities(query: CollectionQuery): Promise<EntityRow[]> {
    return this.run(collectionStatement(this.layout, query));
  }

  findChildren(query: ChildrenQuery): Promise<EntityRow[]> {
    return this.run(childrenStatement(this.layout, query));
  }

  findByIds(type: string, ids: readonly QueryValue[], block: number, embeds?: Embeds): Promise<EntityRow[]> {
    return this.run(byIdsStatement(this.layout, type, ids, block, embeds));
  }

  /**
   * Creates the attribute indexes a deployment opened with `postponeAttributeIndexes` left out;
   * a no-op for one that has them. Index by index, so an interrupted run resumes where it was.
   * Returns how many statements ran.
   */
  createAttributeIndexes(): Promise<number> {
    return createPendingAttributeIndexes(this.driver, this.namespace, this.deployment.serial, this.layout);
  }

  /** Closes the database if this store opened it. */
  async close(): Promise<void> {
    if (this.ownsDriver) await this.driver.close();
  }
}

async function driverFor(options: DatabaseOptions): Promise<{ driver: SqlDriver; owns: boolean }> {
  if (options.driver) return { driver: options.driver, owns: false };
  return { driver: await openDriver(options), owns: true };
}

/**
 * Opens the deployment for a subgraph (schema + manifest + WASM), creating its tables when this
 * combination has not been deployed before. Other deployments in the database are left alone.
 */
export async function openStore(options: OpenStoreOptions): Promise<SqlStore> {
  const ns = options.namespace ?? "subgraphs";
  const specVersion = options.specVersion ?? "1.5.0";
  const model = loadSchema(options.schema, { specVersion });
  const { driver, owns } = await driverFor(options);
  try {
    await ensureMetadata(driver, ns);
    const id = deploymentId(options);
    let record = await findDeploymentById(driver, ns, id);
    if (!record) {
      record = await driver.transaction(async (tx) => {
        const rec = await insertDeployment(tx, ns, {
          id,
          name: options.name,
          schemaSdl: options.schema,
          specVersion,
          startBlock: options.startBlock ?? 0,
        });
        await tx.exec(`create schema ${ident(rec.schemaName)}`);
        const attributeIndexes = options.postponeAttributeIndexes !== true;
        for (const t of buildLayout(model, rec.schemaName).tables.values()) {
          for (const stmt of tableDdl(t, { attributeIndexes })) await tx.exec(stmt);
        }
        if (!attributeIndexes) await markAttributeIndexesPending(tx, ns, rec.serial);
        return rec;
      });
    }
    return new SqlStore(driver, ns, record, model, owns);
  } catch (e) {
    if (owns) await driver.close();
    throw e;
  }
}

/** Opens an existing deployment by subgraph name (the newest one without a name), for `serve`. */
export async function openExistingStore(options: DatabaseOptions & { name?: string }): Promise<SqlStore> {
  const ns = options.namespace ?? "subgraphs";
  const { driver, owns } = await driverFor(options);
  try {
    await ensureMetadata(driver, ns);
    const record = await findDeploymentByName(driver, ns, options.name);
    if (!record) {
      throw new Error(options.name ? `deployment \`${options.name}\` does not exist` : "the database holds no deployment");
    }
    const model = loadSchema(record.schemaSdl, { specVersion: record.specVersion });
    return new SqlStore(driver, ns, record, model, owns);
  } catch (e) {
    if (owns) await driver.close();
    throw e;
  }
}

/** Drops a namespace with all its deployments (tests use one namespace per run). */
export async function dropNamespace(driver: SqlDriver, namespace: string): Promise<void> {
  const rows = await driver.query(`select nspname from pg_namespace where nspname = $1 or nspname like $2`, [
    namespace,
    `${namespace.replace(/[\\_%]/g, "\\$&")}\\_sgd%`,
  ]);
  for (const r of rows) await driver.exec(`drop schema if exists ${ident(String(r.nspname))} cascade`);
}
