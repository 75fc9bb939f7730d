/**
 * Tables derived from the entity model, in graph-node's relational layout
 * (graph-node `store/postgres/src/relational.rs` and `relational/ddl.rs`): one table per entity
 * type with `vid` (a version's row id), the stored fields as snake_case columns, and either
 * `block_range int4range` (mutable types: the half-open range of blocks a version is visible
 * in) or `block$ int` (immutable types: the creation block).
 *
 * Column types follow graph-node's `ColumnType`: BigInt and BigDecimal `numeric`, Bytes `bytea`,
 * Int `int4`, Int8 `int8`, String/ID/enums `text`, lists as arrays. Two deliberate differences:
 * Timestamp is `int8` microseconds rather than `timestamptz` (exact on both drivers, and the
 * API speaks microseconds anyway), and enums are `text` rather than PostgreSQL enum types.
 * Text columns use the `C` collation because graph-node requires it (byte-order comparison).
 */
import type { EntityTypeModel, FieldModel, SchemaModel, ValueType } from "../../schema/model.ts";
import { fulltextsFor, storedFields } from "../../schema/model.ts";

/** One stored field. */
export interface ColumnLayout {
  readonly field: FieldModel;
  /** Unquoted column name (snake_case of the field name). */
  readonly name: string;
  /** Element type in SQL, e.g. `numeric`. */
  readonly sqlType: string;
  readonly isList: boolean;
  readonly valueType: ValueType;
}

/** A `@fulltext` search document stored with the entity (graph-node: a `tsvector` column). */
export interface FulltextLayout {
  /** The query field name. */
  readonly name: string;
  /** Unquoted column name. */
  readonly column: string;
  /** PostgreSQL text search configuration, e.g. `english`. */
  readonly config: string;
  /** The included fields, in order. */
  readonly fields: readonly string[];
  readonly algorithm: "rank" | "proximityRank";
}

/** One entity type's table. */
export interface TableLayout {
  readonly type: EntityTypeModel;
  /** `"schema"."table"`, quoted. */
  readonly qualified: string;
  /** Unquoted table name. */
  readonly name: string;
  readonly immutable: boolean;
  /** Stored fields, `id` included, in declaration order. */
  readonly columns: readonly ColumnLayout[];
  readonly byField: ReadonlyMap<string, ColumnLayout>;
  readonly id: ColumnLayout;
  /** Fulltext documents whose (first) `include` is this type. */
  readonly fulltexts: readonly FulltextLayout[];
}

/** graph-node's language codes → PostgreSQL text search configurations. */
const FULLTEXT_CONFIGS: Record<string, string> = {
  simple: "simple", da: "danish", nl: "dutch", en: "english", fi: "finnish", fr: "french", de: "german",
  hu: "hungarian", it: "italian", no: "norwegian", pt: "portuguese", ro: "romanian", ru: "russian",
  es: "spanish", sv: "swedish", tr: "turkish",
};

/** All tables of a deployment schema. */
export interface Layout {
  readonly schemaName: string;
  readonly model: SchemaModel;
  readonly tables: ReadonlyMap<string, TableLayout>;
}

/** graph-node `ColumnType` for a value type (see the file comment for Timestamp). */
export function sqlTypeOf(v: ValueType): string {
  switch (v) {
    case "String":
      return "text";
    case "Boolean":
      return "boolean";
    case "Int":
      return "int4";
    case "Int8":
    case "Timestamp":
      return "int8";
    case "BigInt":
    case "BigDecimal":
      return "numeric";
    case "Bytes":
      return "bytea";
  }
}

/** Inflector `to_snake_case`, which graph-node's `SqlName::from` applies to type and field names. */
export function snakeCase(s: string): string {
  return s
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .toLowerCase();
}

/** A quoted SQL identifier. Names come from the schema, which GraphQL limits to `[_A-Za-z0-9]`. */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function buildLayout(model: SchemaModel, schemaName: string): Layout {
  const tables = new Map<string, TableLayout>();
  for (const type of model.entityTypes) {
    const columns = storedFields(type).map((field) => ({
      field,
      name: snakeCase(field.name),
      sqlType: sqlTypeOf(field.valueType),
      isList: field.isList,
      valueType: field.valueType,
    }));
    const name = snakeCase(type.name);
    tables.set(type.name, {
      type,
      qualified: `${ident(schemaName)}.${ident(name)}`,
      name,
      immutable: type.immutable,
      columns,
      byField: new Map(columns.map((c) => [c.field.name, c])),
      id: columns.find((c) => c.field.name === "id")!,
      fulltexts: fulltextsFor(model, type.name).map((f) => ({
        name: f.name,
        column: snakeCase(f.name),
        config: FULLTEXT_CONFIGS[f.language] ?? "simple",
        fields: f.include[0].fields,
        algorithm: f.algorithm,
      })),
    });
  }
  return { schemaName, model, tables };
}

function columnDdl(c: ColumnLayout): string {
  const collate = c.sqlType === "text" ? ' collate "C"' : "";
  const type = c.isList ? `${c.sqlType}[]` : c.sqlType;
  // Lists: graph-node stores a list even when elements are nullable, so only the column's own
  // nullability matters; null checks happen on write (store/validation.ts).
  const notNull = c.field.nullable ? "" : " not null";
  return `${ident(c.name)} ${c.isList ? type : type + collate}${notNull}`;
}

/** graph-node's `BLOCK_NUMBER_MAX`: the upper bound that stands for "still current". */
export const BLOCK_NUMBER_MAX = 2147483647;

/** `coalesce(upper(block_range), max)`, spelt exactly as the `_upper` index and `visibleAt` use it. */
function upperBound(alias: string | null): string {
  return `coalesce(upper(${alias === null ? "" : `${alias}.`}block_range), ${BLOCK_NUMBER_MAX})`;
}

/**
 * DDL for one table and its indexes (graph-node `relational/ddl.rs`). Mutable tables get:
 * versions of an id by `lower(block_range)` (unique, which also rejects two versions starting
 * at one block); a GiST index on `block_range` for time travel (core PostgreSQL range ops, so
 * PGlite needs no `btree_gist`); the current version by id; a btree on the version's upper
 * bound, which finds the versions alive at a recent block without visiting closed ones; and
 * graph-node's BRIN index on both bounds and `vid` (versions are appended in block order, so
 * it narrows reverts to the last pages). Scalar columns other than free text get a btree
 * index as graph-node's `attr_*` indexes do (references of immutable types together with
 * `block$`, as there); list columns a GIN index.
 */
export function tableDdl(t: TableLayout, options: { attributeIndexes?: boolean } = {}): string[] {
  const cols = [...t.columns.map(columnDdl), ...t.fulltexts.map((f) => `${ident(f.column)} tsvector`)];
  const n = (suffix: string) => ident(`${t.name}_${suffix}`.slice(0, 63));
  const out: string[] = [];
  if (t.immutable) {
    out.push(
      `create table ${t.qualified} (vid bigserial primary key, ${cols.join(", ")}, "block$" int4 not null)`,
      `create unique index ${n("id")} on ${t.qualified} (id)`,
      `create index ${n("block")} on ${t.qualified} ("block$")`,
    );
  } else {
    out.push(
      `create table ${t.qualified} (vid bigserial primary key, ${cols.join(", ")}, block_range int4range not null)`,
      `create unique index ${n("id_lower")} on ${t.qualified} (id, lower(block_range))`,
      `create index ${n("range")} on ${t.qualified} using gist (block_range)`,
      `create index ${n("current")} on ${t.qualified} (id) where upper_inf(block_range)`,
      `create index ${n("upper")} on ${t.qualified} ((${upperBound(null)}))`,
      `create index ${n("brin")} on ${t.qualified} using brin (lower(block_range), (${upperBound(null)}), vid)`,
    );
  }
  if (options.attributeIndexes ?? true) out.push(...attributeIndexDdl(t));
  return out;
}

/**
 * The indexes on entity attributes (and fulltext columns): what filters and sorts use, and
 * most of what an insert maintains. Created with the table, or after catching up
 * (`postponeAttributeIndexes`), as graph-node's `GRAPH_POSTPONE_ATTRIBUTE_INDEX_CREATION` does.
 */
export function attributeIndexDdl(t: TableLayout): string[] {
  const n = (suffix: string) => ident(`${t.name}_${suffix}`.slice(0, 63));
  const out: string[] = [];
  for (const f of t.fulltexts) out.push(`create index if not exists ${n(f.column)} on ${t.qualified} using gin (${ident(f.column)})`);
  t.columns.forEach((c, i) => {
    if (c.field.name === "id") return;
    if (c.isList) out.push(`create index if not exists ${n(`attr_${i}`)} on ${t.qualified} using gin (${ident(c.name)})`);
    else if (c.sqlType !== "text" || c.field.kind === "reference") {
      const block = t.immutable && c.field.kind === "reference" ? `, "block$"` : "";
      out.push(`create index if not exists ${n(`attr_${i}`)} on ${t.qualified} (${ident(c.name)}${block})`);
    }
  });
  return out;
}

/**
 * The condition "this row's version is visible at block `blockParam`" for table alias `a`.
 * Mutable tables: `block_range @> $b`; unless the rows are picked by id, also both bounds
 * spelt out, as graph-node does for account-like tables (`relational_queries.rs`,
 * `BlockRangeColumn::contains`). The redundant bounds let the planner use the `_upper` index
 * and, more importantly, estimate from its statistics how few versions are alive at a recent
 * block; from `@>` alone it guesses, and then prefers walking an attribute index in sort
 * order past every old version of the rows it wants.
 */
export function visibleAt(t: TableLayout, alias: string, blockParam: string, byId = false): string {
  if (t.immutable) return `${alias}."block$" <= ${blockParam}::int4`;
  const b = `${blockParam}::int4`;
  const contains = `${alias}.block_range @> ${b}`;
  return byId ? contains : `${contains} and ${upperBound(alias)} > ${b} and lower(${alias}.block_range) <= ${b}`;
}

/** The block a visible version was written at (for `_change_block`). */
export function versionStart(t: TableLayout, alias: string): string {
  return t.immutable ? `${alias}."block$"` : `lower(${alias}.block_range)`;
}
