/**
 * The contracts' fixed-point helpers, bit for bit (PROTOCOL.md §5): MathUtils (1e6), the Minter's
 * MathUtilsV2 (1e9) and PreciseMathUtils (1e27). The three-argument forms truncate twice: the
 * fraction first (`percPoints`), then the product (livepeer/protocol `contracts/libraries/*MathUtils*.sol`).
 */
export type Precision = { divisor: bigint };

export const PERC = { divisor: 1_000_000n } as const;
export const MINTER_PERC = { divisor: 1_000_000_000n } as const;
export const PRECISE = { divisor: 10n ** 27n } as const;

/** `percPoints(num, denom)` = num * divisor / denom. */
export function percPoints(p: Precision, num: bigint, denom: bigint): bigint {
  return (num * p.divisor) / denom;
}

/** `percOf(amount, perc)` = amount * perc / divisor. */
export function percOf(p: Precision, amount: bigint, perc: bigint): bigint {
  return (amount * perc) / p.divisor;
}

/** `percOf(amount, num, denom)` = amount * percPoints(num, denom) / divisor (two truncations). */
export function fracOf(p: Precision, amount: bigint, num: bigint, denom: bigint): bigint {
  return (amount * percPoints(p, num, denom)) / p.divisor;
}

/** 1.0 in PreciseMathUtils, the default of an unset cumulative reward factor. */
export const ONE_FACTOR = PRECISE.divisor;

export const MAX_UINT256 = (1n << 256n) - 1n;

export function min(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}
