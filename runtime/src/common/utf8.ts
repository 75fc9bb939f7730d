/**
 * Rust's `str` ordering (graph-node sorts entity keys, JSON object keys and ids with it): by
 * UTF-8 bytes, which is code point order. UTF-16 units order the same way except that a
 * surrogate (half of a code point above U+FFFF) sorts after every other unit, so comparing
 * units with that one correction avoids encoding or decoding anything.
 */
export function compareUtf8(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca === cb) continue;
    const sa = ca >= 0xd800 && ca <= 0xdfff;
    const sb = cb >= 0xd800 && cb <= 0xdfff;
    if (sa === sb) return ca < cb ? -1 : 1;
    return sa ? 1 : -1;
  }
  return a.length - b.length;
}

/**
 * The map with its keys in `compareUtf8` order (how graph-node orders entity attributes): `map`
 * itself when they already are, which is the usual case, else a sorted copy.
 */
export function sortedByKey<V>(map: Map<string, V>): Map<string, V> {
  let previous: string | null = null;
  for (const key of map.keys()) {
    if (previous !== null && compareUtf8(previous, key) > 0) return new Map([...map].sort(([a], [b]) => compareUtf8(a, b)));
    previous = key;
  }
  return map;
}
