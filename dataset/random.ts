/**
 * A seeded PRNG (sfc32, seeded through splitmix32): the same seed gives the same sequence on every
 * platform, with no dependency on Math.random.
 */
export type Random = {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** An integer in [lo, hi]. */
  between(lo: number, hi: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** An amount in wei between lo and hi whole tokens, with random low digits (exercises rounding). */
  tokens(lo: number, hi: number): bigint;
  /** A random 32-byte hex word. */
  word(): string;
};

function splitmix32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x9e3779b9) >>> 0;
    let z = a;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export function createRandom(seed: number): Random {
  const init = splitmix32(seed);
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  const u32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i++) u32();
  const next = () => u32() / 4294967296;
  const int = (n: number) => Math.floor(next() * n);
  return {
    next,
    int,
    between: (lo, hi) => lo + int(hi - lo + 1),
    chance: (p) => next() < p,
    pick: (items) => items[int(items.length)],
    tokens(lo, hi) {
      const whole = BigInt(lo + int(hi - lo + 1));
      const fraction = (BigInt(u32()) << 32n) | BigInt(u32());
      return whole * 10n ** 18n + (fraction % 10n ** 18n);
    },
    word() {
      let s = "0x";
      for (let i = 0; i < 8; i++) s += u32().toString(16).padStart(8, "0");
      return s;
    },
  };
}
