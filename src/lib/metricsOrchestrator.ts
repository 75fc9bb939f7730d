// Orchestrator staking metrics: per Pool (one round of one active-set member) and trailing 30-day values on
// the Transcoder, kept as running sums over the window so each NewRound costs O(active set), not
// O(window * set). Every input comes from indexed events (cumulative factors, rewards, stake); no eth_call.
import { BigInt } from "@graphprotocol/graph-ts"

import { Delegator, Pool, Protocol, Round, Transcoder } from "../../generated/schema"
import { ONE_BI, ZERO_BI } from "./constants"
import { poolId } from "./ids"
import {
  annualize,
  factorGrowth,
  factorOrOne,
  feeReturnLPT,
  meanAnnualized,
  orchestratorReturn,
  realRate,
  sumRates,
} from "./metrics"
import { preciseFractionOf } from "./units"

/** The transcoder's latest cumulative factors (contract latestCumulativeFactorsPool) as of now. */
export class LatestFactors {
  constructor(public reward: BigInt, public fee: BigInt) {}
}

function factorsOfRound(transcoder: string, round: string | null, reward: bool): BigInt {
  if (round == null) return ZERO_BI
  const pool = Pool.load(poolId(BigInt.fromString(round!), transcoder))
  if (pool == null) return ZERO_BI
  return reward ? pool.cumulativeRewardFactor : pool.cumulativeFeeFactor
}

/** Latest factors from the pools of lastRewardRound and lastFeeRound (2 loads). The reward factor is 10^27 if never set. */
export function latestFactors(transcoder: Transcoder): LatestFactors {
  return new LatestFactors(
    factorOrOne(factorsOfRound(transcoder.id, transcoder.lastRewardRound, true)),
    factorsOfRound(transcoder.id, transcoder.lastFeeRound, false),
  )
}

/**
 * The orchestrator's own stake now: its pending stake as a delegator of itself, f27(bonded, CRF_latest,
 * CRF(lastClaimRound)) plus its unclaimed commission (BondingManager pendingStake). 0 if not self-bonded.
 */
function selfStake(transcoder: Transcoder, factors: LatestFactors): BigInt {
  const delegator = Delegator.load(transcoder.id)
  if (delegator == null || delegator.delegate != transcoder.id) return ZERO_BI
  const claimFactor = factorOrOne(factorsOfRound(transcoder.id, delegator.lastClaimRound, true))
  return preciseFractionOf(delegator.bondedAmountWei, factors.reward, claimFactor).plus(transcoder.pendingRewardCommission)
}

/** Opens the pool of an active-set member at its NewRound: own stake and the factors the round starts from. */
export function openMemberPool(pool: Pool, transcoder: Transcoder, factors: LatestFactors): void {
  pool.selfStakeWei = selfStake(transcoder, factors)
  transcoder.openRewardFactor = factors.reward
  transcoder.openFeeFactor = factors.fee
}

/**
 * Closes the pool of `transcoder` for `closed` (a round in which it was active) at the next NewRound, with
 * the factors it ended with, then moves the transcoder's 30-day window to start at `windowStart` (the
 * protocol's) and adds the round. Saves the pool; the caller saves the transcoder. No-op for a pool outside
 * the active set or already closed.
 */
export function closeMemberPool(transcoder: Transcoder, closed: Round, factors: LatestFactors, windowStart: BigInt): void {
  const number = BigInt.fromString(closed.id)
  const pool = Pool.load(poolId(number, transcoder.id))
  if (pool == null || pool.selfStakeWei === null || pool.rewardFactorAtClose !== null) return
  const perYear = closed.roundsPerYear
  const rewardReturn = factorGrowth(transcoder.openRewardFactor, factors.reward)
  pool.rewardFactorAtClose = factors.reward
  pool.rewardCallMissed = pool.rewardTokensWei === null
  pool.delegatorRewardReturn = rewardReturn
  pool.delegatorFeeReturnLPT = feeReturnLPT(transcoder.openFeeFactor, factors.fee, transcoder.openRewardFactor, closed.lptPriceEthWei)
  pool.orchestratorRewardReturn = orchestratorReturn(rewardReturn, pool.rewardTokensWei, pool.rewardCut, pool.selfStakeWei!)
  pool.delegatorRewardRate = annualize(rewardReturn, perYear)
  pool.delegatorFeeRate = annualize(pool.delegatorFeeReturnLPT, perYear)
  pool.delegatorRealRewardRate = realRate(sumRates(pool.delegatorRewardRate, pool.delegatorFeeRate), closed.inflationRate)
  pool.orchestratorRewardRate = annualize(pool.orchestratorRewardReturn, perYear)
  pool.save()

  advanceWindow(transcoder, windowStart)
  if (number.ge(windowStart)) applyToWindow(transcoder, pool, 1)
  transcoder.metricsRound = closed.id
  refreshThirtyDayRates(transcoder, closed)
}

/**
 * Removes the window's pools older than `windowStart`: nothing to walk when the last closed round is
 * already older (the sums restart); otherwise the rounds since the previous start, usually one.
 */
function advanceWindow(transcoder: Transcoder, windowStart: BigInt): void {
  const last = transcoder.metricsRound
  if (last == null || BigInt.fromString(last!).lt(windowStart)) {
    resetWindow(transcoder)
  } else {
    for (let round = transcoder.windowStartRound; round.lt(windowStart); round = round.plus(ONE_BI)) {
      const pool = Pool.load(poolId(round, transcoder.id))
      if (pool != null && pool.delegatorRewardReturn !== null) applyToWindow(transcoder, pool, -1)
    }
  }
  if (transcoder.windowStartRound.lt(windowStart)) transcoder.windowStartRound = windowStart
}

function resetWindow(transcoder: Transcoder): void {
  transcoder.thirtyDayActiveRounds = 0
  transcoder.thirtyDayMissedRewardCalls = 0
  transcoder.windowRewardReturnSum = ZERO_BI
  transcoder.windowFeeReturnSum = ZERO_BI
  transcoder.windowFeeRounds = 0
  transcoder.windowOrchestratorReturnSum = ZERO_BI
  transcoder.windowOrchestratorRounds = 0
}

/** Adds (sign 1) or removes (sign -1) a closed pool's per-round values from the running sums. */
function applyToWindow(transcoder: Transcoder, pool: Pool, sign: i32): void {
  transcoder.thirtyDayActiveRounds = transcoder.thirtyDayActiveRounds + sign
  if (pool.rewardCallMissed) transcoder.thirtyDayMissedRewardCalls = transcoder.thirtyDayMissedRewardCalls + sign
  transcoder.windowRewardReturnSum = signedAdd(transcoder.windowRewardReturnSum, pool.delegatorRewardReturn!, sign)
  const fee = pool.delegatorFeeReturnLPT
  if (fee !== null) {
    transcoder.windowFeeReturnSum = signedAdd(transcoder.windowFeeReturnSum, fee, sign)
    transcoder.windowFeeRounds = transcoder.windowFeeRounds + sign
  }
  const orchestrator = pool.orchestratorRewardReturn
  if (orchestrator !== null) {
    transcoder.windowOrchestratorReturnSum = signedAdd(transcoder.windowOrchestratorReturnSum, orchestrator, sign)
    transcoder.windowOrchestratorRounds = transcoder.windowOrchestratorRounds + sign
  }
}

function signedAdd(sum: BigInt, value: BigInt, sign: i32): BigInt {
  return sign > 0 ? sum.plus(value) : sum.minus(value)
}

function refreshThirtyDayRates(transcoder: Transcoder, closed: Round): void {
  const perYear = closed.roundsPerYear
  transcoder.thirtyDayDelegatorRewardRate = meanAnnualized(transcoder.windowRewardReturnSum, transcoder.thirtyDayActiveRounds, perYear)
  transcoder.thirtyDayDelegatorFeeRate = meanAnnualized(transcoder.windowFeeReturnSum, transcoder.windowFeeRounds, perYear)
  transcoder.thirtyDayDelegatorRealRewardRate = realRate(
    sumRates(transcoder.thirtyDayDelegatorRewardRate, transcoder.thirtyDayDelegatorFeeRate),
    closed.inflationRate,
  )
  transcoder.thirtyDayOrchestratorRewardRate = meanAnnualized(
    transcoder.windowOrchestratorReturnSum,
    transcoder.windowOrchestratorRounds,
    perYear,
  )
}

/** Closes the pools of transcoders that left the active set during `closed` (they are no longer pool members). */
export function closeLeavingTranscoders(protocol: Protocol, closed: Round): void {
  const leaving = protocol.pendingDeactivation
  for (let i = 0; i < leaving.length; i++) {
    const transcoder = Transcoder.load(leaving[i])
    if (transcoder == null) continue
    closeMemberPool(transcoder, closed, latestFactors(transcoder), protocol.windowStartRound)
    transcoder.save()
  }
}
