/**
 * How `gnd test` compares a query's `data` with an assertion's `expected`: objects by key in any
 * order, arrays as multisets (order ignored), a string equal to a number when their texts are
 * equal, nulls and booleans strictly.
 */

/** The first difference, as a path and what was expected there, or null when they match. */
export function gndMismatch(expected: unknown, actual: unknown, path = "data"): string | null {
  if (expected === null || actual === null || typeof expected === "boolean" || typeof actual === "boolean") {
    return expected === actual ? null : `${path}: expected ${show(expected)}, got ${show(actual)}`;
  }
  if (isScalar(expected) || isScalar(actual)) {
    return isScalar(expected) && isScalar(actual) && String(expected) === String(actual)
      ? null
      : `${path}: expected ${show(expected)}, got ${show(actual)}`;
  }
  if (Array.isArray(expected) || Array.isArray(actual)) {
    if (!Array.isArray(expected) || !Array.isArray(actual)) return `${path}: expected ${show(expected)}, got ${show(actual)}`;
    return arrayMismatch(expected, actual, path);
  }
  const e = expected as Record<string, unknown>;
  const a = actual as Record<string, unknown>;
  for (const key of Object.keys(e)) {
    if (!(key in a)) return `${path}.${key}: expected ${show(e[key])}, but the field is missing`;
    const inner = gndMismatch(e[key], a[key], `${path}.${key}`);
    if (inner) return inner;
  }
  const extra = Object.keys(a).filter((key) => !(key in e));
  return extra.length > 0 ? `${path}: unexpected field ${extra.map((k) => `\`${k}\``).join(", ")}` : null;
}

function arrayMismatch(expected: unknown[], actual: unknown[], path: string): string | null {
  if (expected.length !== actual.length) {
    return `${path}: expected ${expected.length} item(s), got ${actual.length}: ${show(actual)}`;
  }
  const unused = actual.map((_, i) => i);
  for (const [i, item] of expected.entries()) {
    const match = unused.findIndex((j) => gndMismatch(item, actual[j]) === null);
    if (match === -1) {
      // Name the closest item's difference: the one at the same position, if still unmatched.
      const same = unused.includes(i) ? gndMismatch(item, actual[i], `${path}[${i}]`) : null;
      return same ?? `${path}[${i}]: no item equals ${show(item)}`;
    }
    unused.splice(match, 1);
  }
  return null;
}

function isScalar(v: unknown): v is string | number {
  return typeof v === "string" || typeof v === "number";
}

function show(v: unknown): string {
  const text = JSON.stringify(v);
  return text === undefined ? String(v) : text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
