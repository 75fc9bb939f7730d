// Unit conversion and the protocol's integer percentage maths, bit for bit (MathUtils, PreciseMathUtils).
import { BigDecimal, BigInt } from "@graphprotocol/graph-ts"

import { PERC_DIVISOR, PRECISE_PERC_DIVISOR, WEI_PER_UNIT, ZERO_BD, ZERO_BI } from "./constants"

/** 18-decimal integer to a decimal amount of LPT or ETH. */
export function toDecimal(wei: BigInt): BigDecimal {
  return wei.toBigDecimal().div(WEI_PER_UNIT)
}

/** MathUtils.percOf(amount, frac): amount * frac / 10^6. */
export function percOf(amount: BigInt, frac: BigInt): BigInt {
  return amount.times(frac).div(PERC_DIVISOR)
}

/** PreciseMathUtils.percOf(amount, frac): amount * frac / 10^27. */
export function precisePercOf(amount: BigInt, frac: BigInt): BigInt {
  return amount.times(frac).div(PRECISE_PERC_DIVISOR)
}

/** PreciseMathUtils.percPoints(num, denom): num * 10^27 / denom. */
export function precisePercPoints(num: BigInt, denom: BigInt): BigInt {
  return num.times(PRECISE_PERC_DIVISOR).div(denom)
}

/**
 * PreciseMathUtils.percOf(amount, num, denom) with the contract's two truncations: the fraction is first
 * rounded down to 27 decimals, then applied. Returns 0 when denom is 0 (the contract would revert).
 */
export function preciseFractionOf(amount: BigInt, num: BigInt, denom: BigInt): BigInt {
  if (denom.isZero()) return ZERO_BI
  return amount.times(precisePercPoints(num, denom)).div(PRECISE_PERC_DIVISOR)
}

/** a - b, floored at 0. */
export function saturatingSub(a: BigInt, b: BigInt): BigInt {
  return a.gt(b) ? a.minus(b) : ZERO_BI
}

export function minBigInt(a: BigInt, b: BigInt): BigInt {
  return a.lt(b) ? a : b
}

/** a / b, or 0 when b is 0. */
export function safeDivide(a: BigDecimal, b: BigDecimal): BigDecimal {
  return b.equals(ZERO_BD) ? ZERO_BD : a.div(b)
}
