import { Kind, parse, type TypeNode } from "graphql";
import { FatalError } from "../common/errors.ts";

/**
 * The little Matchstick reads from schema.graphql (LimeChain/matchstick `src/context/mod.rs`):
 * which types exist, which fields are required, and which fields are derived.
 */
export type MatchstickSchema = {
  hasEntityType(name: string): boolean;
  /** Non-null (outermost `!`) fields without `@derivedFrom`, in schema order. */
  requiredFields(entityType: string): string[];
  /** `@derivedFrom` fields of a type: field → (related entity type, field on it) pairs. */
  derivedFields(entityType: string): Map<string, Array<[string, string]>>;
};

export function loadMatchstickSchema(sdl: string): MatchstickSchema {
  let document;
  try {
    document = parse(sdl);
  } catch (error) {
    throw new FatalError(`Something went wrong when trying to parse \`schema.graphql\`: ${(error as Error).message}`);
  }
  const required = new Map<string, string[]>();
  const derived = new Map<string, Map<string, Array<[string, string]>>>();
  const implementors = new Map<string, string[]>();
  const pending: Array<{ type: string; field: string; target: string; targetField: string }> = [];

  for (const def of document.definitions) {
    if (def.kind === Kind.INTERFACE_TYPE_DEFINITION) implementors.set(def.name.value, implementors.get(def.name.value) ?? []);
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
    const typeName = def.name.value;
    for (const iface of def.interfaces ?? []) {
      const list = implementors.get(iface.name.value) ?? [];
      list.push(typeName);
      implementors.set(iface.name.value, list);
    }
    const fields: string[] = [];
    derived.set(typeName, new Map());
    for (const field of def.fields ?? []) {
      const directive = field.directives?.find((d) => d.name.value === "derivedFrom");
      if (directive) {
        const args = directive.arguments ?? [];
        const last = args[args.length - 1];
        const targetField = last && last.value.kind === Kind.STRING ? last.value.value : "";
        pending.push({ type: typeName, field: field.name.value, target: baseTypeName(field.type), targetField });
      } else if (field.type.kind === Kind.NON_NULL_TYPE) {
        fields.push(field.name.value);
      }
    }
    required.set(typeName, fields);
  }
  for (const p of pending) {
    const targets = implementors.get(p.target) ?? [p.target];
    derived.get(p.type)!.set(p.field, targets.map((t) => [t, p.targetField]));
  }
  return {
    hasEntityType: (name) => required.has(name),
    requiredFields: (name) => required.get(name) ?? [],
    derivedFields: (name) => derived.get(name) ?? new Map(),
  };
}

function baseTypeName(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : baseTypeName(type.type);
}
