// Runs every runtime test (`*.test.ts` under src/ and test/) with node's test runner through
// tsx. Node 20's runner does not search for .ts files itself, hence this list.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function find(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" || entry.name === "fixtures" ? [] : find(full);
    return entry.name.endsWith(".test.ts") ? [full] : [];
  });
}

const filter = process.argv.slice(2);
const files = [...find(path.join(root, "src")), ...find(path.join(root, "test"))]
  .filter((f) => filter.length === 0 || filter.some((p) => f.includes(p)))
  .sort();
if (files.length === 0) {
  console.error("no runtime test files found");
  process.exit(1);
}
const result = spawnSync(process.execPath, ["--import", "tsx", "--test", "--test-reporter=spec", ...files], {
  stdio: "inherit",
  cwd: root,
});
process.exit(result.status ?? 1);
