/**
 * The subgraph schema (`schema.graphql`) as a typed model.
 *
 * One model drives the entity store (validation of `store.set`), SQL table generation and the
 * GraphQL API, so it keeps everything those need: entity types with their id type and
 * mutability, fields in declaration order with their full GraphQL type, what a reference points
 * at and which scalar it is stored as, enums, interfaces, aggregations, fulltext definitions and
 * descriptions.
 *
 * `loadSchema` rejects what graph-node rejects when it deploys a subgraph (the checks in
 * graph-node `graph/src/schema/input/mod.rs` (module `validations`) and `graph/src/schema/mod.rs`),
 * using graph-node's wording, plus a few constructs graph-node accepts but cannot store or serve
 * (duplicate names, field arguments, references to non-entity object types). Every problem is
 * reported with its line and column.
 */
import {
  GraphQLError,
  Kind,
  getLocation,
  parse,
  print,
  type ConstDirectiveNode,
  type ConstValueNode,
  type DocumentNode,
  type EnumTypeDefinitionNode,
  type FieldDefinitionNode,
  type InterfaceTypeDefinitionNode,
  type ObjectTypeDefinitionNode,
  type Source,
  type TypeNode,
} from "graphql";

// ---------------------------------------------------------------------------------------------
// Model types

/** How an entity's `id` is stored: `ID`/`String` → String, `Bytes`, `Int8`. */
export type IdType = "String" | "Bytes" | "Int8";

export const BUILTIN_SCALARS = [
  "ID",
  "String",
  "Boolean",
  "Int",
  "Int8",
  "BigInt",
  "BigDecimal",
  "Bytes",
  "Timestamp",
] as const;
export type BuiltinScalar = (typeof BUILTIN_SCALARS)[number];

/**
 * The scalar a field's values are stored as (graph-node `ValueType`): `ID` and enums are
 * `String`; a reference is stored as its target's id type.
 */
export type ValueType =
  | "String"
  | "Boolean"
  | "Int"
  | "Int8"
  | "BigInt"
  | "BigDecimal"
  | "Bytes"
  | "Timestamp";

/** A GraphQL type as written, e.g. `[Token!]!` = list(nonNull) of named(nonNull). */
export type TypeRef =
  | { readonly kind: "named"; readonly name: string; readonly nonNull: boolean }
  | { readonly kind: "list"; readonly of: TypeRef; readonly nonNull: boolean };

export type SourceLocation = { readonly line: number; readonly column: number };

export type ReferenceKind = "entity" | "interface" | "aggregation";

export interface ReferenceInfo {
  /** Name of the referenced entity type, interface or aggregation. */
  readonly type: string;
  readonly kind: ReferenceKind;
  /** The id type of the target, i.e. how the reference is stored. */
  readonly idType: IdType;
}

export interface FieldModel {
  readonly name: string;
  readonly description: string | null;
  readonly type: TypeRef;
  /** The type as printed in SDL (`[Token!]!`); graph-node's error messages use this form. */
  readonly typeString: string;
  /** The innermost named type. */
  readonly baseType: string;
  readonly kind: "scalar" | "enum" | "reference";
  readonly valueType: ValueType;
  /** Whether the field itself may be null (outermost level). */
  readonly nullable: boolean;
  readonly isList: boolean;
  /**
   * Nullability of each list level, outermost first, then of the element: `[T!]!` →
   * `[false, false]`, `[[T]!]` → `[true, false, true]`; a non-list `T!` → `[false]`.
   */
  readonly nullability: readonly boolean[];
  /** Number of list levels (0 for a non-list field). */
  readonly listDepth: number;
  /** The `field` argument of `@derivedFrom`, or null for a stored field. */
  readonly derivedFrom: string | null;
  readonly reference: ReferenceInfo | null;
  readonly loc: SourceLocation;
}

export interface EntityTypeModel {
  readonly kind: "entity";
  readonly name: string;
  readonly description: string | null;
  readonly immutable: boolean;
  readonly timeseries: boolean;
  /** `@entity(immutable: true, skipDuplicates: true)`: re-inserts and removes are ignored. */
  readonly skipDuplicates: boolean;
  readonly idType: IdType;
  /** In declaration order, derived fields included. */
  readonly fields: readonly FieldModel[];
  /** Names of the interfaces this type implements, in declaration order. */
  readonly interfaces: readonly string[];
  readonly loc: SourceLocation;
}

export interface InterfaceModel {
  readonly kind: "interface";
  readonly name: string;
  readonly description: string | null;
  /** Implementers share one id type (validated); `String` when nothing implements it. */
  readonly idType: IdType;
  readonly fields: readonly FieldModel[];
  /** Entity types implementing this interface, in schema order. */
  readonly implementers: readonly string[];
  readonly loc: SourceLocation;
}

export interface EnumValueModel {
  readonly name: string;
  readonly description: string | null;
}

export interface EnumModel {
  readonly kind: "enum";
  readonly name: string;
  readonly description: string | null;
  readonly values: readonly EnumValueModel[];
  readonly loc: SourceLocation;
}

export type AggregationInterval = "hour" | "day";
export type AggregateFn = "sum" | "max" | "min" | "count" | "first" | "last";

export interface AggregateModel {
  /** The aggregate field (its type is the aggregated value's type). */
  readonly field: FieldModel;
  readonly fn: AggregateFn;
  /** `arg` as written: a timeseries field name or an SQL-like expression; null for `count`. */
  readonly arg: string | null;
  readonly cumulative: boolean;
}

export interface AggregationModel {
  readonly kind: "aggregation";
  readonly name: string;
  readonly description: string | null;
  readonly idType: IdType;
  /** The timeseries entity type the aggregation reads. */
  readonly source: string;
  /** Sorted (hour before day) and deduplicated, as graph-node does. */
  readonly intervals: readonly AggregationInterval[];
  /** All fields in declaration order (`id`, `timestamp`, dimensions and aggregates). */
  readonly fields: readonly FieldModel[];
  /** Fields other than `id`, `timestamp` and the aggregates. */
  readonly dimensions: readonly FieldModel[];
  readonly aggregates: readonly AggregateModel[];
  readonly loc: SourceLocation;
}

export const FULLTEXT_LANGUAGES = [
  "simple",
  "da",
  "nl",
  "en",
  "fi",
  "fr",
  "de",
  "hu",
  "it",
  "no",
  "pt",
  "ro",
  "ru",
  "es",
  "sv",
  "tr",
] as const;
export type FulltextLanguage = (typeof FULLTEXT_LANGUAGES)[number];
export type FulltextAlgorithm = "rank" | "proximityRank";

export interface FulltextInclude {
  readonly entity: string;
  readonly fields: readonly string[];
}

export interface FulltextModel {
  /** The query field name. */
  readonly name: string;
  readonly language: FulltextLanguage;
  readonly algorithm: FulltextAlgorithm;
  /** As declared; graph-node only serves the first entry. */
  readonly include: readonly FulltextInclude[];
  readonly loc: SourceLocation;
}

export type NamedTypeModel = EntityTypeModel | InterfaceModel | EnumModel | AggregationModel;

export interface SchemaModel {
  /** `@entity` object types in schema order. */
  readonly entityTypes: readonly EntityTypeModel[];
  readonly interfaces: readonly InterfaceModel[];
  readonly enums: readonly EnumModel[];
  readonly aggregations: readonly AggregationModel[];
  readonly fulltexts: readonly FulltextModel[];
  /** Every named type above, by name. */
  readonly types: ReadonlyMap<string, NamedTypeModel>;
  readonly specVersion: string;
}

export interface LoadSchemaOptions {
  /** The manifest's `specVersion`; Int8 ids and aggregations need ≥ 1.1.0. Default: 1.5.0. */
  specVersion?: string;
}

export interface SchemaIssue {
  readonly message: string;
  readonly line: number | null;
  readonly column: number | null;
}

/** Thrown by `loadSchema`; `issues` holds every problem found, in source order. */
export class SchemaError extends Error {
  override name = "SchemaError";
  readonly issues: readonly SchemaIssue[];

  constructor(issues: SchemaIssue[]) {
    super(formatIssues(issues));
    this.issues = issues;
  }
}

function formatIssue(issue: SchemaIssue): string {
  return issue.line === null
    ? issue.message
    : `${issue.message} (at line ${issue.line}, column ${issue.column})`;
}

function formatIssues(issues: SchemaIssue[]): string {
  if (issues.length === 1) return `Invalid schema: ${formatIssue(issues[0])}`;
  return `Invalid schema:\n${issues.map((i, n) => `  (${n + 1}) ${formatIssue(i)}`).join("\n")}`;
}

// ---------------------------------------------------------------------------------------------
// Helpers on a loaded model

export function entityType(model: SchemaModel, name: string): EntityTypeModel | undefined {
  const t = model.types.get(name);
  return t?.kind === "entity" ? t : undefined;
}

/** Like `entityType`, but an unknown name is an error. */
export function requireEntityType(model: SchemaModel, name: string): EntityTypeModel {
  const t = entityType(model, name);
  if (!t) throw new Error(`\`${name}\` is not an @entity type of the schema`);
  return t;
}

export function interfaceType(model: SchemaModel, name: string): InterfaceModel | undefined {
  const t = model.types.get(name);
  return t?.kind === "interface" ? t : undefined;
}

export function enumType(model: SchemaModel, name: string): EnumModel | undefined {
  const t = model.types.get(name);
  return t?.kind === "enum" ? t : undefined;
}

export function aggregationType(model: SchemaModel, name: string): AggregationModel | undefined {
  const t = model.types.get(name);
  return t?.kind === "aggregation" ? t : undefined;
}

export function isEntityType(model: SchemaModel, name: string): boolean {
  return entityType(model, name) !== undefined;
}

export function isInterfaceType(model: SchemaModel, name: string): boolean {
  return interfaceType(model, name) !== undefined;
}

export function isEnumType(model: SchemaModel, name: string): boolean {
  return enumType(model, name) !== undefined;
}

export function isAggregationType(model: SchemaModel, name: string): boolean {
  return aggregationType(model, name) !== undefined;
}

type HasFields = EntityTypeModel | InterfaceModel | AggregationModel;

export function fieldOf(type: HasFields, name: string): FieldModel | undefined {
  return type.fields.find((f) => f.name === name);
}

/** Fields carrying `@derivedFrom`: virtual, never stored. */
export function derivedFields(type: HasFields): FieldModel[] {
  return type.fields.filter((f) => f.derivedFrom !== null);
}

/** Fields that are stored (everything but derived fields), in declaration order. */
export function storedFields(type: HasFields): FieldModel[] {
  return type.fields.filter((f) => f.derivedFrom === null);
}

export function implementers(model: SchemaModel, interfaceName: string): EntityTypeModel[] {
  const intf = interfaceType(model, interfaceName);
  return intf ? intf.implementers.map((n) => entityType(model, n)!) : [];
}

/** The interfaces an entity type implements. */
export function interfacesOf(model: SchemaModel, type: EntityTypeModel): InterfaceModel[] {
  return type.interfaces.map((n) => interfaceType(model, n)!);
}

/**
 * The entity types whose rows a name can denote: an entity type itself, or every implementer
 * of an interface. Anything else gives `[]`.
 */
export function concreteTypes(model: SchemaModel, name: string): EntityTypeModel[] {
  const t = model.types.get(name);
  if (t?.kind === "entity") return [t];
  if (t?.kind === "interface") return implementers(model, name);
  return [];
}

export interface DerivedFieldTarget {
  /** The derived field itself. */
  readonly field: FieldModel;
  /** The field on the target type(s) whose value points back (may be `id`). */
  readonly targetField: string;
  /** Where the pointing entities live (all implementers for an interface-typed field). */
  readonly targetTypes: readonly EntityTypeModel[];
}

/** For a `@derivedFrom` field: which entities and which of their fields to look at. */
export function derivedFieldTarget(
  model: SchemaModel,
  type: HasFields,
  fieldName: string,
): DerivedFieldTarget | undefined {
  const field = fieldOf(type, fieldName);
  if (!field || field.derivedFrom === null) return undefined;
  return {
    field,
    targetField: field.derivedFrom,
    targetTypes: concreteTypes(model, field.baseType),
  };
}

/** Fulltext definitions whose first `include` is `entityName` (the only one graph-node serves). */
export function fulltextsFor(model: SchemaModel, entityName: string): FulltextModel[] {
  return model.fulltexts.filter((f) => f.include[0]?.entity === entityName);
}

export function printTypeRef(t: TypeRef): string {
  const inner = t.kind === "named" ? t.name : `[${printTypeRef(t.of)}]`;
  return t.nonNull ? `${inner}!` : inner;
}

/** `a < b` for dotted versions such as "1.1.0" and "0.0.10". */
function versionLess(a: string, b: string): boolean {
  const pa = a.split(".").map((x) => Number.parseInt(x, 10) || 0);
  const pb = b.split(".").map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Loading

const SCHEMA_TYPE_NAME = "_Schema_";
const SCALAR_SET: ReadonlySet<string> = new Set(BUILTIN_SCALARS);
const AGGREGATE_FNS: readonly AggregateFn[] = ["sum", "max", "min", "count", "first", "last"];
const INTERVALS: readonly AggregationInterval[] = ["hour", "day"];
const NUMERIC: ReadonlySet<ValueType> = new Set(["BigInt", "BigDecimal", "Int", "Int8"]);
/** graph-node `ValueType` widening order; a narrower type can be aggregated into a wider one. */
const NUMERIC_RANK: Partial<Record<ValueType, number>> = { Int: 0, Int8: 1, BigInt: 2, BigDecimal: 3 };

type ObjectDef = ObjectTypeDefinitionNode;
type InterfaceDef = InterfaceTypeDefinitionNode;

/** Parse and validate `sdl`; throws `SchemaError` listing every problem. */
export function loadSchema(sdl: string, options: LoadSchemaOptions = {}): SchemaModel {
  const specVersion = options.specVersion ?? "1.5.0";
  let doc: DocumentNode;
  try {
    doc = parse(sdl);
  } catch (e) {
    if (e instanceof GraphQLError) {
      const loc = e.locations?.[0];
      throw new SchemaError([
        { message: e.message, line: loc?.line ?? null, column: loc?.column ?? null },
      ]);
    }
    throw e;
  }
  return new Loader(doc, specVersion).load();
}

class Loader {
  private readonly issues: SchemaIssue[] = [];
  private readonly objects: ObjectDef[] = [];
  private readonly interfaces: InterfaceDef[] = [];
  private readonly enums: EnumTypeDefinitionNode[] = [];
  /** First definition of every named type (any kind), for lookups. */
  private readonly named = new Map<string, { kind: Kind; node: { loc?: { start: number } } }>();
  private readonly source: Source | undefined;

  constructor(
    private readonly doc: DocumentNode,
    private readonly specVersion: string,
  ) {
    this.source = doc.loc?.source;
  }

  load(): SchemaModel {
    this.collect();
    if (this.issues.length === 0) {
      this.validateTypes();
      this.validateEntityDirectives();
      this.validateIds();
      this.validateFields();
      this.validateInterfaces();
      this.validateDerivedFrom();
      this.validateSchemaType();
      this.validateAggregations();
    }
    if (this.issues.length > 0) {
      // graph-node's separate checks can find the same problem twice; report it once.
      const seen = new Set<string>();
      const unique = this.issues.filter((i) => !seen.has(i.message) && !!seen.add(i.message));
      const sorted = unique
        .map((issue, i) => ({ issue, i }))
        .sort(
          (a, b) =>
            (a.issue.line ?? Infinity) - (b.issue.line ?? Infinity) ||
            (a.issue.column ?? 0) - (b.issue.column ?? 0) ||
            a.i - b.i,
        )
        .map((x) => x.issue);
      throw new SchemaError(sorted);
    }
    return this.build();
  }

  // --- helpers -------------------------------------------------------------------------------

  private loc(node: { loc?: { start: number } } | undefined): SourceLocation {
    if (!node?.loc || !this.source) return { line: 0, column: 0 };
    const { line, column } = getLocation(this.source, node.loc.start);
    return { line, column };
  }

  private issue(message: string, node: { loc?: { start: number } } | undefined): void {
    const loc = node?.loc ? this.loc(node) : null;
    this.issues.push({ message, line: loc?.line ?? null, column: loc?.column ?? null });
  }

  private directive(
    node: { directives?: readonly ConstDirectiveNode[] },
    name: string,
  ): ConstDirectiveNode | undefined {
    return node.directives?.find((d) => d.name.value === name);
  }

  private arg(dir: ConstDirectiveNode, name: string): ConstValueNode | undefined {
    return dir.arguments?.find((a) => a.name.value === name)?.value;
  }

  private isEntity(def: ObjectDef): boolean {
    return this.directive(def, "entity") !== undefined;
  }

  private isAggregation(def: ObjectDef): boolean {
    return !this.isEntity(def) && this.directive(def, "aggregation") !== undefined;
  }

  private entityDefs(): ObjectDef[] {
    return this.objects.filter((o) => this.isEntity(o));
  }

  private aggregationDefs(): ObjectDef[] {
    return this.objects.filter((o) => this.isAggregation(o));
  }

  private objectDef(name: string): ObjectDef | undefined {
    const n = this.named.get(name);
    return n?.kind === Kind.OBJECT_TYPE_DEFINITION ? (n.node as ObjectDef) : undefined;
  }

  private interfaceDef(name: string): InterfaceDef | undefined {
    const n = this.named.get(name);
    return n?.kind === Kind.INTERFACE_TYPE_DEFINITION ? (n.node as InterfaceDef) : undefined;
  }

  private fieldDef(
    def: ObjectDef | InterfaceDef,
    name: string,
  ): FieldDefinitionNode | undefined {
    return def.fields?.find((f) => f.name.value === name);
  }

  private implementersOf(name: string): ObjectDef[] {
    return this.entityDefs().filter((o) => o.interfaces?.some((i) => i.name.value === name));
  }

  /** graph-node `IdType::try_from(&ObjectType)`: the base type of `id` decides. */
  private idTypeOf(def: ObjectDef): IdType | null {
    const id = this.fieldDef(def, "id");
    if (!id) return null;
    return idTypeFromName(baseName(id.type));
  }

  /** graph-node `Field::scalar_value_type`. */
  private valueTypeOf(name: string): ValueType {
    switch (name) {
      case "ID":
      case "String":
        return "String";
      case "Boolean":
      case "Int":
      case "Int8":
      case "BigInt":
      case "BigDecimal":
      case "Bytes":
      case "Timestamp":
        return name;
    }
    const n = this.named.get(name);
    if (n?.kind === Kind.ENUM_TYPE_DEFINITION) return "String";
    if (n?.kind === Kind.OBJECT_TYPE_DEFINITION) return this.idTypeOf(n.node as ObjectDef) ?? "String";
    if (n?.kind === Kind.INTERFACE_TYPE_DEFINITION) {
      // Implementers must agree on the id type, so the first one decides; an unimplemented
      // interface is taken to have String ids, as graph-node does.
      const first = this.implementersOf(name)[0];
      return (first && this.idTypeOf(first)) ?? "String";
    }
    return "String";
  }

  // --- collection ----------------------------------------------------------------------------

  private collect(): void {
    for (const def of this.doc.definitions) {
      switch (def.kind) {
        case Kind.OBJECT_TYPE_DEFINITION:
        case Kind.INTERFACE_TYPE_DEFINITION:
        case Kind.ENUM_TYPE_DEFINITION:
        case Kind.SCALAR_TYPE_DEFINITION:
        case Kind.UNION_TYPE_DEFINITION:
        case Kind.INPUT_OBJECT_TYPE_DEFINITION: {
          const name = def.name.value;
          if (this.named.has(name)) {
            this.issue(`Type \`${name}\` is defined more than once`, def);
            continue;
          }
          this.named.set(name, { kind: def.kind, node: def });
          if (def.kind === Kind.OBJECT_TYPE_DEFINITION) this.objects.push(def);
          else if (def.kind === Kind.INTERFACE_TYPE_DEFINITION) this.interfaces.push(def);
          else if (def.kind === Kind.ENUM_TYPE_DEFINITION) this.enums.push(def);
          break;
        }
        default:
          // Schema definitions, extensions and directive definitions carry nothing graph-node
          // uses; it ignores them too.
          break;
      }
    }
    for (const def of [...this.objects, ...this.interfaces]) {
      const seen = new Set<string>();
      for (const f of def.fields ?? []) {
        if (seen.has(f.name.value)) {
          this.issue(`Type \`${def.name.value}\` defines field \`${f.name.value}\` more than once`, f);
        }
        seen.add(f.name.value);
      }
    }
  }

  // --- validations ---------------------------------------------------------------------------

  private validateTypes(): void {
    for (const def of this.objects) {
      const name = def.name.value;
      if (name === SCHEMA_TYPE_NAME) continue;
      const entity = this.directive(def, "entity");
      const agg = this.directive(def, "aggregation");
      if (!entity && !agg) {
        this.issue(`@entity directive missing on the following types: \`${name}\``, def);
      } else if (entity && agg) {
        this.issue(`Type \`${name}\` can not be both an @entity and an @aggregation`, def);
      }
    }
    // graph-node `validate_reserved_types_usage`
    const reserved = new Set([
      "Boolean",
      "ID",
      "Int",
      "BigDecimal",
      "String",
      "Bytes",
      "BigInt",
      "Query",
      "Subscription",
    ]);
    for (const def of [...this.objects, ...this.interfaces]) {
      reserved.add(`${def.name.value}_filter`);
      reserved.add(`${def.name.value}_orderBy`);
    }
    for (const [name, { node }] of this.named) {
      if (reserved.has(name)) {
        this.issue(`The following type names are reserved: \`${name}\``, node);
      }
    }
  }

  /** graph-node `validate_entity_directives`. */
  private validateEntityDirectives(): void {
    for (const def of this.entityDefs()) {
      const dir = this.directive(def, "entity")!;
      const name = def.name.value;
      const bool = (arg: string): boolean | null | "bad" => {
        const v = this.arg(dir, arg);
        if (v === undefined) return null;
        if (v.kind !== Kind.BOOLEAN) {
          this.issue(`The \`${arg}\` argument of the @entity directive must be a boolean`, dir);
          return "bad";
        }
        return v.value;
      };
      const ts = bool("timeseries");
      if (ts === "bad") continue;
      const timeseries = ts ?? false;
      const im = bool("immutable");
      if (im === "bad") continue;
      const immutable = im ?? timeseries;
      const sd = bool("skipDuplicates");
      if (sd === "bad") continue;
      if (sd && !immutable) {
        this.issue(
          `Entity type \`${name}\` has skipDuplicates: true but is not immutable; skipDuplicates requires immutable: true`,
          dir,
        );
        continue;
      }
      if (!timeseries) continue;
      if (!immutable) {
        this.issue(`Timeseries ${name} is marked as mutable, it must be immutable`, dir);
        continue;
      }
      const id = this.fieldDef(def, "id");
      if (!id) continue; // reported by validateIds
      if (baseName(id.type) !== "Int8") {
        this.issue(`Timeseries \`${name}\` must have an \`id\` field of type \`Int8\``, id);
        continue;
      }
      this.checkTimestampField(def, "Timeseries");
    }
  }

  private checkTimestampField(def: ObjectDef, what: "Timeseries" | "Aggregation"): void {
    const ts = this.fieldDef(def, "timestamp");
    if (!ts) {
      this.issue(`${what} ${def.name.value} is missing a \`timestamp\` field`, def);
    } else if (baseName(ts.type) !== "Timestamp") {
      this.issue(
        `Type ${def.name.value} has a \`timestamp\` field of type ${baseName(ts.type)}, but it must be of type Timestamp`,
        ts,
      );
    }
  }

  /** graph-node `validate_entity_type_ids`. */
  private validateIds(): void {
    for (const def of this.entityDefs()) {
      const name = def.name.value;
      const id = this.fieldDef(def, "id");
      if (!id) {
        this.issue(`Type ${name} is missing an \`id\` field`, def);
        continue;
      }
      const base = baseName(id.type);
      const idType = idTypeFromName(base);
      if (idType === null) {
        this.issue(`Entity type ${name} uses illegal type ${base} for id column`, id);
      } else if (listDepthOf(id.type) > 0) {
        this.issue(`Entity type ${name} uses illegal type ${print(id.type)} for id column`, id);
      } else if (idType === "Int8" && versionLess(this.specVersion, "1.1.0")) {
        this.issue(
          `Using Int8 as the type for the \`id\` field is not supported with spec version ${this.specVersion}; please migrate the subgraph to the latest version`,
          id,
        );
      }
    }
  }

  /** graph-node `validate_fields`, plus field arguments, which nothing could serve. */
  private validateFields(): void {
    const check = (def: ObjectDef | InterfaceDef, f: FieldDefinitionNode) => {
      const typeName = def.name.value;
      if (f.arguments && f.arguments.length > 0) {
        this.issue(
          `Type \`${typeName}\`, field \`${f.name.value}\`: field arguments are not supported`,
          f,
        );
      }
      const base = baseName(f.type);
      if (SCALAR_SET.has(base)) return;
      const n = this.named.get(base);
      const ok =
        n?.kind === Kind.ENUM_TYPE_DEFINITION ||
        n?.kind === Kind.INTERFACE_TYPE_DEFINITION ||
        (n?.kind === Kind.OBJECT_TYPE_DEFINITION && base !== SCHEMA_TYPE_NAME);
      if (!ok) {
        this.issue(
          `Type \`${typeName}\`, field \`${f.name.value}\`: type \`${base}\` is not defined`,
          f,
        );
      }
    };
    for (const def of this.objects) {
      if (this.isAggregation(def)) continue; // validateAggregations has its own rules
      for (const f of def.fields ?? []) check(def, f);
    }
    for (const def of this.interfaces) for (const f of def.fields ?? []) check(def, f);
  }

  /** graph-node `Schema::collect_interfaces` and `validate_interface_id_type`. */
  private validateInterfaces(): void {
    for (const def of this.objects) {
      for (const ref of def.interfaces ?? []) {
        const intf = this.interfaceDef(ref.name.value);
        if (!intf) {
          this.issue(`Interface \`${ref.name.value}\` not defined`, ref);
          continue;
        }
        const missing: string[] = [];
        for (const f of intf.fields ?? []) {
          const own = this.fieldDef(def, f.name.value);
          if (!own || !sameType(own.type, f.type)) missing.push(printFieldSignature(f));
        }
        if (missing.length > 0) {
          this.issue(
            `Entity type \`${def.name.value}\` does not satisfy interface \`${intf.name.value}\` because it is missing the following fields: ${missing.join(", ")}`,
            ref,
          );
        }
      }
    }
    for (const intf of this.interfaces) {
      const ids = new Set<string>();
      for (const impl of this.implementersOf(intf.name.value)) {
        const id = this.fieldDef(impl, "id");
        if (id) {
          const base = baseName(id.type);
          ids.add(base === "ID" ? "String" : base);
        }
      }
      if (ids.size > 1) {
        this.issue(
          `Implementors of interface \`${intf.name.value}\` use different id types \`${[...ids].sort().join(", ")}\`. They must all use the same type`,
          intf,
        );
      }
    }
  }

  /** graph-node `validate_derived_from`. */
  private validateDerivedFrom(): void {
    for (const def of this.entityDefs()) {
      const typeName = def.name.value;
      for (const field of def.fields ?? []) {
        const dir = this.directive(field, "derivedFrom");
        if (!dir) continue;
        const invalid = (reason: string) =>
          this.issue(
            `Field \`${field.name.value}\` in type \`${typeName}\` has invalid @derivedFrom: ${reason}`,
            dir,
          );
        const arg = this.arg(dir, "field");
        if (arg === undefined) {
          invalid("the @derivedFrom directive must have a `field` argument");
          continue;
        }
        if (arg.kind !== Kind.STRING) {
          invalid("the @derivedFrom `field` argument must be a string");
          continue;
        }
        const targetName = baseName(field.type);
        const target = this.objectDef(targetName) ?? this.interfaceDef(targetName);
        if (!target || targetName === SCHEMA_TYPE_NAME) {
          invalid("type must be an existing entity or interface");
          continue;
        }
        const targetField = this.fieldDef(target, arg.value);
        if (!targetField) {
          invalid(`field \`${arg.value}\` does not exist on type \`${targetName}\``);
          continue;
        }
        // The field must point back at this type or at one of its interfaces that declares
        // the derived field; deriving from `id` is always allowed.
        const ifaces = (def.interfaces ?? [])
          .map((i) => i.name.value)
          .filter((i) => this.interfaceDef(i)?.fields?.some((f) => f.name.value === field.name.value));
        const pointsAt = baseName(targetField.type);
        if (pointsAt !== typeName && arg.value !== "id" && !ifaces.includes(pointsAt)) {
          const sigs = (n: string) => [n, `${n}!`, `[${n}!]`, `[${n}!]!`];
          const valid = [...sigs(typeName), ...ifaces.flatMap(sigs)].join(", ");
          invalid(
            `field \`${targetField.name.value}\` on type \`${targetName}\` must have one of the following types: ${valid}`,
          );
        }
      }
    }
  }

  /** graph-node `validate_schema_type_has_no_fields`, `..._directives_on_schema_type`, fulltext. */
  private validateSchemaType(): void {
    const def = this.objectDef(SCHEMA_TYPE_NAME);
    if (!def) return;
    if ((def.fields ?? []).length > 0) {
      this.issue("_Schema_ type is only for @fulltext and must not have any fields", def);
    }
    if ((def.directives ?? []).some((d) => d.name.value !== "fulltext")) {
      this.issue("The _Schema_ type only allows @fulltext directives", def);
    }
    const fulltexts = (def.directives ?? []).filter((d) => d.name.value === "fulltext");
    for (const ft of fulltexts) this.validateFulltext(ft, fulltexts);
  }

  private validateFulltext(dir: ConstDirectiveNode, all: ConstDirectiveNode[]): void {
    const name = this.arg(dir, "name");
    if (name?.kind !== Kind.STRING) {
      this.issue("Fulltext directive name undefined", dir);
    } else {
      const collides = this.entityDefs().some((t) =>
        (t.fields ?? []).some((f) => f.name.value === name.value || camelCase(f.name.value) === name.value),
      );
      if (collides) {
        this.issue(
          `Fulltext directive name overlaps with an existing entity field or a top-level query field: ${name.value}`,
          dir,
        );
      } else if (
        all.filter((d) => {
          const n = this.arg(d, "name");
          return n?.kind === Kind.STRING && n.value === name.value;
        }).length > 1
      ) {
        this.issue(`Fulltext directive name overlaps with type: ${name.value}`, dir);
      }
    }
    const language = this.arg(dir, "language");
    if (language?.kind !== Kind.ENUM) {
      this.issue("Fulltext language is undefined", dir);
    } else if (!(FULLTEXT_LANGUAGES as readonly string[]).includes(language.value)) {
      this.issue(`Fulltext language is invalid: ${language.value}`, dir);
    }
    const algorithm = this.arg(dir, "algorithm");
    if (algorithm?.kind !== Kind.ENUM) {
      this.issue("Fulltext algorithm is undefined", dir);
    } else if (algorithm.value !== "rank" && algorithm.value !== "proximityRank") {
      this.issue(`Fulltext algorithm is invalid: ${algorithm.value}`, dir);
    }
    const include = this.arg(dir, "include");
    if (include?.kind !== Kind.LIST || include.values.length === 0) {
      this.issue("Fulltext directive requires an 'include' list", dir);
      return;
    }
    for (const inc of include.values) {
      if (inc.kind !== Kind.OBJECT) {
        this.issue("Fulltext 'include' list must contain an object", dir);
        return;
      }
      const entity = inc.fields.find((f) => f.name.value === "entity")?.value;
      const fields = inc.fields.find((f) => f.name.value === "fields")?.value;
      if (entity?.kind !== Kind.STRING || fields?.kind !== Kind.LIST) {
        this.issue(
          "Fulltext 'include' object must contain 'entity' (String) and 'fields' (List) attributes",
          dir,
        );
        return;
      }
      const target = this.entityDefs().find((t) => t.name.value === entity.value);
      if (!target) {
        this.issue("Fulltext directive includes an entity not found on the subgraph schema", dir);
        return;
      }
      for (const fv of fields.values) {
        if (fv.kind !== Kind.OBJECT) {
          this.issue(
            "Fulltext 'include' object must contain 'entity' (String) and 'fields' (List) attributes",
            dir,
          );
          return;
        }
        const fname = fv.fields.find((f) => f.name.value === "name")?.value;
        if (fname?.kind !== Kind.STRING) {
          this.issue("Fulltext include field must have a 'name' attribute", dir);
          return;
        }
        const tf = this.fieldDef(target, fname.value);
        const base = tf ? baseName(tf.type) : "";
        if (!tf || (base !== "String" && base !== "ID")) {
          this.issue(`Fulltext entity field, ${fname.value}, not found or not a string`, dir);
          return;
        }
      }
    }
  }

  /** graph-node `validate_aggregations`. */
  private validateAggregations(): void {
    const aggs = this.aggregationDefs();
    if (aggs.length > 0 && versionLess(this.specVersion, "1.1.0")) {
      this.issue(
        `Aggregations are not supported with spec version ${this.specVersion}; please migrate the subgraph to the latest version`,
        aggs[0],
      );
      return;
    }
    for (const agg of aggs) {
      const name = agg.name.value;
      const id = this.fieldDef(agg, "id");
      if (!id) this.issue(`Type ${name} is missing an \`id\` field`, agg);
      this.checkTimestampField(agg, "Aggregation");
      for (const f of agg.fields ?? []) {
        if (this.directive(f, "derivedFrom")) {
          this.issue(
            `Aggregation ${name} has a derived field ${f.name.value} but fields in aggregations can not be derived`,
            f,
          );
        }
      }
      this.validateAggregateFieldTypes(agg);
      this.validateAggregationSource(agg);
      this.validateIntervals(agg);
    }
  }

  private isFirstLast(dir: ConstDirectiveNode): boolean {
    const fn = this.arg(dir, "fn");
    return (
      (fn?.kind === Kind.ENUM || fn?.kind === Kind.STRING) &&
      (fn.value === "first" || fn.value === "last")
    );
  }

  private validateAggregateFieldTypes(agg: ObjectDef): void {
    const name = agg.name.value;
    for (const f of agg.fields ?? []) {
      const dir = this.directive(f, "aggregate");
      if (!dir) continue;
      const base = baseName(f.type);
      const firstLast = this.isFirstLast(dir);
      if (SCALAR_SET.has(base)) {
        const vt = this.valueTypeOf(base);
        if (NUMERIC.has(vt)) continue;
        if (firstLast && (vt === "Bytes" || vt === "String")) continue;
        this.issue(
          firstLast
            ? `Aggregation '${name}', field '${f.name.value}': first/last aggregates must use a numeric, byte array, string or a reference type`
            : `Aggregation ${name}, field${f.name.value}: aggregates must use a numeric type, one of Int, Int8, BigInt, and BigDecimal`,
          f,
        );
      } else if (!(firstLast && this.entityDefs().some((e) => e.name.value === base))) {
        this.issue(`Type \`${name}\`, field \`${f.name.value}\`: type \`${base}\` is not defined`, f);
      }
    }
  }

  private validateAggregationSource(agg: ObjectDef): void {
    const name = agg.name.value;
    const dir = this.directive(agg, "aggregation")!;
    const src = this.arg(dir, "source");
    if (src === undefined) {
      this.issue(`Aggregation ${name} is missing the \`source\` argument`, dir);
      return;
    }
    if (src.kind !== Kind.STRING) {
      this.issue(
        `Aggregation ${name} has an invalid argument for \`source\`: it must be the name of a timeseries`,
        dir,
      );
      return;
    }
    const source = this.entityDefs().find((e) => e.name.value === src.value);
    if (!source) {
      this.issue(
        `Aggregaton ${name} uses ${src.value} as the source, but there is no timeseries of that name`,
        dir,
      );
      return;
    }
    const ts = this.arg(this.directive(source, "entity")!, "timeseries");
    if (ts?.kind !== Kind.BOOLEAN || !ts.value) {
      this.issue(
        `Aggregation ${name} uses ${src.value} as the source, but that type is not a timeseries`,
        dir,
      );
      return;
    }
    const srcId = this.idTypeOf(source);
    const aggIdField = this.fieldDef(agg, "id");
    if (srcId && aggIdField) {
      const aggId = idTypeFromName(baseName(aggIdField.type));
      if (aggId === null) {
        this.issue(
          `Entity type ${name} uses illegal type ${baseName(aggIdField.type)} for id column`,
          aggIdField,
        );
      } else if (aggId !== srcId) {
        this.issue(
          `The type of the \`id\` field for aggregation ${name} must be ${srcId}, the same as in the source, but is ${aggId}`,
          aggIdField,
        );
      }
    }
    let hasAggregate = false;
    for (const f of agg.fields ?? []) {
      const fname = f.name.value;
      if (fname === "id" || fname === "timestamp") continue;
      const adir = this.directive(f, "aggregate");
      if (!adir) {
        const sf = this.fieldDef(source, fname);
        if (!sf) {
          this.issue(
            `Aggregation ${name} uses ${source.name.value} as the source, but that does not have a field ${fname}`,
            f,
          );
        } else if (baseName(f.type) !== baseName(sf.type)) {
          this.issue(
            `Field ${fname} in aggregation ${name} has type ${baseName(f.type)} but its type in the source is ${baseName(sf.type)}`,
            f,
          );
        }
        continue;
      }
      hasAggregate = true;
      const fnArg = this.arg(adir, "fn");
      if (fnArg === undefined) {
        this.issue(`Field ${fname} in aggregation ${name} is missing the \`fn\` argument`, adir);
        continue;
      }
      const fnName = fnArg.kind === Kind.ENUM || fnArg.kind === Kind.STRING ? fnArg.value : print(fnArg);
      if (!(AGGREGATE_FNS as readonly string[]).includes(fnName)) {
        this.issue(
          `Field ${fname} in aggregation ${name} uses the unknown aggregation function \`${fnName}\``,
          adir,
        );
        continue;
      }
      const argNode = this.arg(adir, "arg");
      if (argNode === undefined) {
        if (fnName !== "count") {
          this.issue(
            `Field ${fname} in aggregation ${name} is missing the \`arg\` argument since the function ${fnName} requires it`,
            adir,
          );
        }
        continue;
      }
      if (argNode.kind !== Kind.STRING) {
        this.issue(
          `Field ${fname} in aggregation ${name} has an invalid argument for \`arg\`: it must be a string`,
          adir,
        );
        continue;
      }
      const cumulative = this.arg(adir, "cumulative");
      if (cumulative !== undefined && cumulative.kind !== Kind.BOOLEAN) {
        this.issue(
          `Field ${fname} in aggregation ${name} has an invalid value for \`cumulative\`. It needs to be a boolean`,
          adir,
        );
        continue;
      }
      // graph-node parses `arg` as an SQL expression and checks every identifier; a plain
      // identifier is by far the common case and is checked here, expressions are kept as is.
      if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(argNode.value)) {
        this.checkAggregateArg(agg, source, f, argNode.value, fnName === "first" || fnName === "last", adir);
      }
    }
    if (!hasAggregate) this.issue(`Aggregation ${name} has no @aggregate fields`, agg);
  }

  private checkAggregateArg(
    agg: ObjectDef,
    source: ObjectDef,
    f: FieldDefinitionNode,
    arg: string,
    firstLast: boolean,
    at: ConstDirectiveNode,
  ): void {
    const name = agg.name.value;
    const fname = f.name.value;
    const argField = this.fieldDef(source, arg);
    if (!argField) {
      this.issue(
        `Field ${fname} in aggregation ${name} has \`arg\` ${arg} but the source type does not have such a field`,
        at,
      );
      return;
    }
    const argBase = baseName(argField.type);
    const argScalar = SCALAR_SET.has(argBase) ? this.valueTypeOf(argBase) : null;
    if (argScalar === null || !NUMERIC.has(argScalar)) {
      if (firstLast && (argScalar === "Bytes" || argScalar === "String")) return;
      if (firstLast && argScalar === null && argBase === baseName(f.type)) return;
      this.issue(
        `Field ${fname} in aggregation ${name} has arg \`${arg}\` but that is not a numeric field in ${source.name.value}`,
        at,
      );
      return;
    }
    const fBase = baseName(f.type);
    const fScalar = SCALAR_SET.has(fBase) ? this.valueTypeOf(fBase) : null;
    if (fScalar === null || !NUMERIC.has(fScalar)) {
      this.issue(
        `Aggregation ${name}, field${fname}: aggregates must use a numeric type, one of Int, Int8, BigInt, and BigDecimal`,
        at,
      );
      return;
    }
    if (NUMERIC_RANK[argScalar]! > NUMERIC_RANK[fScalar]!) {
      this.issue(
        `Field ${fname} in aggregation ${name} has \`arg\` ${arg} of type ${argScalar} but it is of the wider type ${fScalar} in the source`,
        at,
      );
    }
  }

  private validateIntervals(agg: ObjectDef): void {
    const name = agg.name.value;
    const dir = this.directive(agg, "aggregation")!;
    const intervals = this.arg(dir, "intervals");
    if (intervals === undefined) {
      this.issue(
        `Aggregation ${name} is missing an \`intervals\` argument for the timeseries directive`,
        dir,
      );
      return;
    }
    const wrong = `Aggregation ${name} has an invalid argument for \`intervals\`: it must be a non-empty list of strings`;
    if (intervals.kind !== Kind.LIST || intervals.values.length === 0) {
      this.issue(wrong, dir);
      return;
    }
    if (intervals.values.some((v) => v.kind !== Kind.STRING)) {
      this.issue(wrong, dir);
      return;
    }
    for (const v of intervals.values) {
      const s = (v as { value: string }).value;
      if (!(INTERVALS as readonly string[]).includes(s)) {
        this.issue(`Aggregation ${name}: the interval ${s} is not supported`, dir);
      }
    }
  }

  // --- building ------------------------------------------------------------------------------

  private build(): SchemaModel {
    const types = new Map<string, NamedTypeModel>();

    const enums: EnumModel[] = this.enums.map((e) => ({
      kind: "enum",
      name: e.name.value,
      description: e.description?.value ?? null,
      values: (e.values ?? []).map((v) => ({
        name: v.name.value,
        description: v.description?.value ?? null,
      })),
      loc: this.loc(e),
    }));

    const entityTypes: EntityTypeModel[] = this.entityDefs().map((def) => {
      const dir = this.directive(def, "entity")!;
      const boolArg = (n: string) => {
        const v = this.arg(dir, n);
        return v?.kind === Kind.BOOLEAN ? v.value : null;
      };
      const timeseries = boolArg("timeseries") ?? false;
      const immutable = boolArg("immutable") ?? timeseries;
      return {
        kind: "entity",
        name: def.name.value,
        description: def.description?.value ?? null,
        immutable,
        timeseries,
        skipDuplicates: immutable && (boolArg("skipDuplicates") ?? false),
        idType: this.idTypeOf(def)!,
        fields: (def.fields ?? []).map((f) => this.buildField(f)),
        interfaces: (def.interfaces ?? []).map((i) => i.name.value),
        loc: this.loc(def),
      };
    });

    const interfaces: InterfaceModel[] = this.interfaces.map((def) => {
      const impls = this.implementersOf(def.name.value);
      return {
        kind: "interface",
        name: def.name.value,
        description: def.description?.value ?? null,
        idType: (impls[0] && this.idTypeOf(impls[0])) ?? "String",
        fields: (def.fields ?? []).map((f) => this.buildField(f)),
        implementers: impls.map((o) => o.name.value),
        loc: this.loc(def),
      };
    });

    const aggregations: AggregationModel[] = this.aggregationDefs().map((def) => {
      const dir = this.directive(def, "aggregation")!;
      const fields = (def.fields ?? []).map((f) => this.buildField(f));
      const aggregates: AggregateModel[] = [];
      for (const [i, node] of (def.fields ?? []).entries()) {
        const adir = this.directive(node, "aggregate");
        if (!adir) continue;
        const arg = this.arg(adir, "arg");
        const cumulative = this.arg(adir, "cumulative");
        aggregates.push({
          field: fields[i],
          fn: stringValue(this.arg(adir, "fn")) as AggregateFn,
          arg: arg?.kind === Kind.STRING ? arg.value : null,
          cumulative: cumulative?.kind === Kind.BOOLEAN ? cumulative.value : false,
        });
      }
      const aggNames = new Set(aggregates.map((a) => a.field.name));
      const intervals = listValues(this.arg(dir, "intervals")).map(
        (v) => stringValue(v) as AggregationInterval,
      );
      return {
        kind: "aggregation",
        name: def.name.value,
        description: def.description?.value ?? null,
        idType: this.idTypeOf(def)!,
        source: stringValue(this.arg(dir, "source")),
        intervals: INTERVALS.filter((i) => intervals.includes(i)),
        fields,
        dimensions: fields.filter(
          (f) => f.name !== "id" && f.name !== "timestamp" && !aggNames.has(f.name),
        ),
        aggregates,
        loc: this.loc(def),
      };
    });

    const fulltexts: FulltextModel[] = [];
    const schemaType = this.objectDef(SCHEMA_TYPE_NAME);
    for (const dir of schemaType?.directives ?? []) {
      if (dir.name.value !== "fulltext") continue;
      fulltexts.push({
        name: stringValue(this.arg(dir, "name")),
        language: stringValue(this.arg(dir, "language")) as FulltextLanguage,
        algorithm: stringValue(this.arg(dir, "algorithm")) as FulltextAlgorithm,
        include: listValues(this.arg(dir, "include")).map((inc) => ({
          entity: stringValue(objectField(inc, "entity")),
          fields: listValues(objectField(inc, "fields")).map((fv) =>
            stringValue(objectField(fv, "name")),
          ),
        })),
        loc: this.loc(dir),
      });
    }

    // Schema order across kinds, so iteration over `types` follows the document.
    const all: NamedTypeModel[] = [...entityTypes, ...interfaces, ...enums, ...aggregations];
    all.sort((a, b) => a.loc.line - b.loc.line || a.loc.column - b.loc.column);
    for (const t of all) types.set(t.name, t);

    return {
      entityTypes,
      interfaces,
      enums,
      aggregations,
      fulltexts,
      types,
      specVersion: this.specVersion,
    };
  }

  private buildField(f: FieldDefinitionNode): FieldModel {
    const type = toTypeRef(f.type);
    const base = baseName(f.type);
    const n = this.named.get(base);
    let kind: FieldModel["kind"] = "scalar";
    let reference: ReferenceInfo | null = null;
    if (!SCALAR_SET.has(base)) {
      if (n?.kind === Kind.ENUM_TYPE_DEFINITION) {
        kind = "enum";
      } else {
        kind = "reference";
        const refKind: ReferenceKind =
          n?.kind === Kind.INTERFACE_TYPE_DEFINITION
            ? "interface"
            : n?.kind === Kind.OBJECT_TYPE_DEFINITION && this.isAggregation(n.node as ObjectDef)
              ? "aggregation"
              : "entity";
        reference = { type: base, kind: refKind, idType: this.valueTypeOf(base) as IdType };
      }
    }
    const nullability: boolean[] = [];
    for (let t: TypeRef = type; ; t = t.of) {
      nullability.push(!t.nonNull);
      if (t.kind === "named") break;
    }
    const derived = this.directive(f, "derivedFrom");
    const derivedArg = derived && this.arg(derived, "field");
    return {
      name: f.name.value,
      description: f.description?.value ?? null,
      type,
      typeString: printTypeRef(type),
      baseType: base,
      kind,
      valueType: this.valueTypeOf(base),
      nullable: !type.nonNull,
      isList: type.kind === "list",
      nullability,
      listDepth: nullability.length - 1,
      derivedFrom: derivedArg?.kind === Kind.STRING ? derivedArg.value : null,
      reference,
      loc: this.loc(f),
    };
  }
}

// ---------------------------------------------------------------------------------------------
// AST utilities

function baseName(t: TypeNode): string {
  return t.kind === Kind.NAMED_TYPE ? t.name.value : baseName(t.type);
}

function listDepthOf(t: TypeNode): number {
  if (t.kind === Kind.NAMED_TYPE) return 0;
  if (t.kind === Kind.NON_NULL_TYPE) return listDepthOf(t.type);
  return 1 + listDepthOf(t.type);
}

function idTypeFromName(name: string): IdType | null {
  switch (name) {
    case "ID":
    case "String":
      return "String";
    case "Bytes":
      return "Bytes";
    case "Int8":
      return "Int8";
    default:
      return null;
  }
}

function toTypeRef(t: TypeNode): TypeRef {
  if (t.kind === Kind.NON_NULL_TYPE) {
    const inner = toTypeRef(t.type);
    return { ...inner, nonNull: true };
  }
  if (t.kind === Kind.LIST_TYPE) return { kind: "list", of: toTypeRef(t.type), nonNull: false };
  return { kind: "named", name: t.name.value, nonNull: false };
}

/** The text of a string or enum value (validation has made sure it is one). */
function stringValue(v: ConstValueNode | undefined): string {
  return v?.kind === Kind.STRING || v?.kind === Kind.ENUM ? v.value : "";
}

function listValues(v: ConstValueNode | undefined): readonly ConstValueNode[] {
  return v?.kind === Kind.LIST ? v.values : [];
}

function objectField(v: ConstValueNode | undefined, name: string): ConstValueNode | undefined {
  return v?.kind === Kind.OBJECT ? v.fields.find((f) => f.name.value === name)?.value : undefined;
}

function sameType(a: TypeNode, b: TypeNode): boolean {
  return print(a) === print(b);
}

/** graph-node prints a missing interface field as `name: Type` (plus directives). */
function printFieldSignature(f: FieldDefinitionNode): string {
  const dirs = (f.directives ?? []).map((d) => ` ${print(d)}`).join("");
  return `${f.name.value}: ${print(f.type)}${dirs}`;
}

/**
 * Inflector's `to_camel_case` for the identifiers GraphQL allows: `foo_bar` → `fooBar`,
 * `SongStat` → `songStat`, `ERC20Token` → `erc20Token`.
 */
export function camelCase(s: string): string {
  const trimmed = s.replace(/[^A-Za-z0-9]+$/, "");
  let out = "";
  let newWord = false;
  let last = " ";
  let seenAlnum = false;
  for (const c of trimmed) {
    const isLetter = /[A-Za-z]/.test(c);
    const isDigit = /[0-9]/.test(c);
    if (!isLetter && !isDigit) {
      if (seenAlnum) newWord = true;
      continue;
    }
    seenAlnum = true;
    if (isDigit) {
      out += c;
      newWord = true;
      continue;
    }
    const lastLower = /[a-z]/.test(last);
    const upper = /[A-Z]/.test(c);
    if (newWord || (lastLower && upper)) {
      out += c.toUpperCase();
      newWord = false;
    } else {
      out += c.toLowerCase();
      last = c;
    }
  }
  return out;
}
