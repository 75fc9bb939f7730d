// Checks that schema.graphql keeps every type, field and enum value of the official Livepeer
// subgraph with the same GraphQL type, so existing apps (Livepeer Explorer and others) keep
// working. tests/fixtures/official-schema.json lists them (type → field → type), taken from
// livepeer/subgraph's schema.graphql at commit 2eac27f.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse, print } from "graphql";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const official = JSON.parse(readFileSync(join(root, "tests/fixtures/official-schema.json"), "utf8"));
const ours = new Map();
for (const def of parse(readFileSync(join(root, "schema.graphql"), "utf8")).definitions) {
  if (def.kind === "EnumTypeDefinition") ours.set(def.name.value, { enum: def.values.map((v) => v.name.value) });
  else if (def.fields) ours.set(def.name.value, Object.fromEntries(def.fields.map((f) => [f.name.value, print(f.type)])));
}

const problems = [];
let fields = 0;
for (const [type, expected] of Object.entries(official)) {
  const actual = ours.get(type);
  if (!actual) {
    problems.push(`type ${type} is missing`);
  } else if (expected.enum) {
    for (const value of expected.enum) if (!actual.enum?.includes(value)) problems.push(`enum ${type} lacks ${value}`);
  } else {
    for (const [field, fieldType] of Object.entries(expected)) {
      fields++;
      if (!(field in actual)) problems.push(`${type}.${field} is missing`);
      else if (actual[field] !== fieldType) problems.push(`${type}.${field} is ${actual[field]}, the official schema has ${fieldType}`);
    }
  }
}
if (problems.length > 0) {
  console.error(`check-official-schema: ${problems.length} difference(s) from the official schema:\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
console.log(`check-official-schema: all ${Object.keys(official).length} official types and ${fields} fields are present with the same types`);
