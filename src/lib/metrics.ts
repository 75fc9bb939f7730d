// Staking metrics maths (Staking Rewards' Livepeer methodology), with no store access: amounts stay exact
// BigInt wei, per-round returns are BigInt fixed point (10^27 = 100% per round, like the cumulative factors,
// so running sums over a window add and subtract exactly), and rates are BigDecimal fractions per year
// (0.12 = 12%/yr) annualized simply: per-round rate * rounds per year.
import { BigDecimal, BigInt } from "@graphprotocol/graph-ts"

import { L1_BLOCK_TIME_SECONDS, PRECISE_PERC_DIVISOR, SECONDS_PER_YEAR, UNIT, ZERO_BI } from "./constants"
import { percOf } from "./units"

const ONE_BD = BigDecimal.fromString("1")
const PRECISE_BD = PRECISE_PERC_DIVISOR.toBigDecimal()

/** Rounds per year as a decimal, its integer part (for compounding), and where it came from. */
export class RoundsPerYear {
  constructor(public value: BigDecimal, public whole: i32, public observed: bool) {}
}

/** 365 days / (roundLength L1 blocks * 12 s); null while the round length is unknown. */
export function roundsPerYearFromLength(roundLength: BigInt): RoundsPerYear | null {
  if (roundLength.isZero()) return null
  const seconds = roundLength.times(BigInt.fromI32(L1_BLOCK_TIME_SECONDS))
  const year = BigInt.fromI32(SECONDS_PER_YEAR)
  return new RoundsPerYear(year.toBigDecimal().div(seconds.toBigDecimal()), year.div(seconds).toI32(), false)
}

/** 365 days * rounds / seconds, from two NewRound timestamps `rounds` round numbers apart; null if no time passed. */
export function roundsPerYearObserved(rounds: i32, seconds: i32): RoundsPerYear | null {
  if (seconds <= 0 || rounds <= 0) return null
  const numerator = BigInt.fromI32(SECONDS_PER_YEAR).times(BigInt.fromI32(rounds))
  const elapsed = BigInt.fromI32(seconds)
  return new RoundsPerYear(numerator.toBigDecimal().div(elapsed.toBigDecimal()), numerator.div(elapsed).toI32(), true)
}

/** amount per round * roundsPerYear / base: a simple annual rate; null when base is 0 or rounds per year unknown. */
export function annualRate(amount: BigInt, base: BigInt, roundsPerYear: BigDecimal | null): BigDecimal | null {
  if (roundsPerYear === null || base.isZero()) return null
  return amount.toBigDecimal().times(roundsPerYear).div(base.toBigDecimal())
}

/** numerator / denominator as a fraction; null when the denominator is 0. */
export function ratio(numerator: BigInt, denominator: BigInt): BigDecimal | null {
  if (denominator.isZero()) return null
  return numerator.toBigDecimal().div(denominator.toBigDecimal())
}

/** A per-round return in 10^27 fixed point, annualized: fixed / 10^27 * roundsPerYear. */
export function annualize(fixed: BigInt | null, roundsPerYear: BigDecimal | null): BigDecimal | null {
  if (fixed === null || roundsPerYear === null) return null
  return fixed.toBigDecimal().times(roundsPerYear).div(PRECISE_BD)
}

/** Mean of `count` per-round returns summing to `sum` (10^27 fixed point), annualized; null when count is 0. */
export function meanAnnualized(sum: BigInt, count: i32, roundsPerYear: BigDecimal | null): BigDecimal | null {
  if (count <= 0 || roundsPerYear === null) return null
  return sum.toBigDecimal().times(roundsPerYear).div(PRECISE_BD.times(BigInt.fromI32(count).toBigDecimal()))
}

/** Real rate of the methodology: (1 + nominal) / (1 + inflation) - 1; null when either is unknown. */
export function realRate(nominal: BigDecimal | null, inflation: BigDecimal | null): BigDecimal | null {
  if (nominal === null || inflation === null) return null
  return ONE_BD.plus(nominal).div(ONE_BD.plus(inflation)).minus(ONE_BD)
}

/** Sum of two rates, null when either is unknown. */
export function sumRates(a: BigDecimal | null, b: BigDecimal | null): BigDecimal | null {
  if (a === null || b === null) return null
  return a.plus(b)
}

/** (1 + perRound)^periods - 1, by repeated squaring (each product keeps BigDecimal's 34 significant digits). */
export function compounded(perRound: BigDecimal, periods: i32): BigDecimal {
  let result = ONE_BD
  let base = ONE_BD.plus(perRound)
  let n = periods
  while (n > 0) {
    if (n & 1) result = result.times(base)
    base = base.times(base)
    n = n >> 1
  }
  return result.minus(ONE_BD)
}

/** A cumulative factor, with 0 (never written) meaning 1.0 as in the BondingManager. */
export function factorOrOne(factor: BigInt): BigInt {
  return factor.isZero() ? PRECISE_PERC_DIVISOR : factor
}

/** Growth of a cumulative reward factor, 10^27 fixed point: (close - open) * 10^27 / open. */
export function factorGrowth(open: BigInt, close: BigInt): BigInt {
  const start = factorOrOne(open)
  return factorOrOne(close).minus(start).times(PRECISE_PERC_DIVISOR).div(start)
}

/** ETH wei converted to LPT wei at `priceWei` ETH wei per LPT; 0 for 0 wei, null when a non-zero amount has no price. */
export function ethToLpt(wei: BigInt, priceWei: BigInt | null): BigInt | null {
  if (wei.isZero()) return ZERO_BI
  if (priceWei === null || priceWei.isZero()) return null
  return wei.times(UNIT).div(priceWei)
}

/**
 * Fees earned per LPT of delegated stake in a round, in LPT, 10^27 fixed point: the fee factor grows by
 * CRF_open * fees / stake, so fees per unit of stake = (CFF_close - CFF_open) / CRF_open (ETH wei per LPT wei),
 * then converted at the round's LPT price.
 */
export function feeReturnLPT(openFee: BigInt, closeFee: BigInt, openReward: BigInt, priceWei: BigInt | null): BigInt | null {
  const perStake = closeFee.minus(openFee).times(PRECISE_PERC_DIVISOR).div(factorOrOne(openReward))
  return ethToLpt(perStake, priceWei)
}

/**
 * The orchestrator's return on its own stake: what a delegator earns (its stake is delegated to itself, and
 * its unclaimed commission earns the same share) plus the reward cut, rewards * rewardCut / 10^6, over its
 * own stake. Null when it has no own stake.
 */
export function orchestratorReturn(
  delegatorReturn: BigInt,
  rewards: BigInt | null,
  rewardCut: BigInt,
  selfStake: BigInt,
): BigInt | null {
  if (selfStake.isZero()) return null
  if (rewards === null) return delegatorReturn
  return delegatorReturn.plus(percOf(rewards, rewardCut).times(PRECISE_PERC_DIVISOR).div(selfStake))
}
