// Delegator staking metrics. No handler loops over delegators: a delegator's realized rate is computed
// from its delegate's per-round closing factors when an event touches the delegator.
import { BigInt } from "@graphprotocol/graph-ts"

import { Delegator, Pool, Protocol, Transcoder } from "../../generated/schema"
import { ONE_BI, PRECISE_PERC_DIVISOR } from "./constants"
import { poolId } from "./ids"
import { factorGrowth } from "./metrics"

/** Adds an EarningsClaimed's rewards (LPT wei) and fees (wei) to the delegator's lifetime earnings. */
export function addClaimedEarnings(delegator: Delegator, rewards: BigInt, fees: BigInt): void {
  delegator.lifetimeRewards = delegator.lifetimeRewards.plus(rewards)
  delegator.lifetimeFees = delegator.lifetimeFees.plus(fees)
}

/**
 * Realized reward rate of the delegator's pending stake over the trailing 30-day window: the growth of its
 * delegate's reward factor from the close of round max(startRound - 1, window start - 1) (its stake counts
 * from startRound) to the delegate's last closed round, per round, times rounds per year. Principal flows
 * (bond, unbond) do not count: with a constant bond the pending stake grows by exactly that factor.
 */
export function refreshDelegatorRewardRate(delegator: Delegator, protocol: Protocol): void {
  delegator.thirtyDayRewardRate = null
  delegator.thirtyDayRewardRateRound = null
  const delegate = delegator.delegate
  if (delegate == null || delegator.bondedAmountWei.isZero()) return
  const transcoder = Transcoder.load(delegate!)
  if (transcoder == null || transcoder.metricsRound == null) return
  const end = BigInt.fromString(transcoder.metricsRound!)
  delegator.thirtyDayRewardRateRound = transcoder.metricsRound
  let start = delegator.startRound.minus(ONE_BI)
  const windowStart = protocol.windowStartRound.minus(ONE_BI)
  if (windowStart.gt(start)) start = windowStart
  const perYear = protocol.roundsPerYear
  if (start.ge(end) || perYear === null) return
  const endPool = Pool.load(poolId(end, delegate!))
  const startPool = Pool.load(poolId(start, delegate!))
  if (endPool == null || startPool == null) return
  const endFactor = endPool.rewardFactorAtClose
  const startFactor = startPool.rewardFactorAtClose
  if (endFactor === null || startFactor === null) return
  const growth = factorGrowth(startFactor, endFactor)
  const rounds = end.minus(start).toBigDecimal()
  delegator.thirtyDayRewardRate = growth.toBigDecimal().times(perYear).div(PRECISE_PERC_DIVISOR.toBigDecimal().times(rounds))
}
