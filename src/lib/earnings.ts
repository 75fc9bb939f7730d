// Earnings pools and LIP-36 cumulative factors, reproduced exactly from the BondingManager
// (updateTranscoderWithRewards, updateTranscoderWithFees, ensureInitializedCumulativeFactorsPool,
// EarningsPoolLIP36). All arithmetic is integer with the contract's truncations.
import { BigInt, log } from "@graphprotocol/graph-ts"

import { Delegator, Pool, Transcoder } from "../../generated/schema"
import { ONE_BI, PRECISE_PERC_DIVISOR, ZERO_BI } from "./constants"
import { increaseTotalStake, Ledger } from "./ledger"
import { percOf, preciseFractionOf, precisePercOf, toDecimal } from "./units"

function roundOf(ref: string | null): BigInt {
  if (ref == null) return ZERO_BI
  return BigInt.fromString(ref!)
}

/** Cumulative factors the contract would use for `round` (latestCumulativeFactorsPool). */
class Factors {
  constructor(public rewardFactor: BigInt, public feeFactor: BigInt) {}
}

function storedFactors(ledger: Ledger, transcoder: string, round: BigInt): Factors {
  const pool = ledger.existingPool(round, transcoder)
  if (pool == null) return new Factors(ZERO_BI, ZERO_BI)
  return new Factors(pool.cumulativeRewardFactor, pool.cumulativeFeeFactor)
}

function latestFactors(ledger: Ledger, transcoder: Transcoder, round: BigInt): Factors {
  const factors = storedFactors(ledger, transcoder.id, round)
  const lastRewardRound = roundOf(transcoder.lastRewardRound)
  if (factors.rewardFactor.isZero() && lastRewardRound.lt(round)) {
    factors.rewardFactor = storedFactors(ledger, transcoder.id, lastRewardRound).rewardFactor
  }
  const lastFeeRound = roundOf(transcoder.lastFeeRound)
  if (factors.feeFactor.isZero() && lastFeeRound.lt(round)) {
    factors.feeFactor = storedFactors(ledger, transcoder.id, lastFeeRound).feeFactor
  }
  return factors
}

function orOne(factor: BigInt): BigInt {
  return factor.isZero() ? PRECISE_PERC_DIVISOR : factor
}

/**
 * ensureInitializedCumulativeFactorsPool(transcoder, round): copies the latest factors into the round's
 * pool where it has none. Runs when a delegator claims (for its delegate and the claim round) and when a
 * bond or a rebond from unbonded picks a delegate. Creates no pool when there is nothing to copy.
 */
export function ensureInitializedPool(ledger: Ledger, address: string, round: BigInt): void {
  const transcoder = ledger.transcoder(address)
  const latest = latestFactors(ledger, transcoder, round)
  const existing = ledger.existingPool(round, address)
  if (existing == null && latest.rewardFactor.isZero() && latest.feeFactor.isZero()) return
  const pool = ledger.pool(round, transcoder)
  if (pool.cumulativeRewardFactor.isZero()) pool.cumulativeRewardFactor = latest.rewardFactor
  if (pool.cumulativeFeeFactor.isZero()) pool.cumulativeFeeFactor = latest.feeFactor
}

/** A Reward of `amount` for `address` in the current round (rewardWithHint + updateTranscoderWithRewards). */
export function applyReward(ledger: Ledger, address: string, amount: BigInt): Pool {
  const transcoder = ledger.transcoder(address)
  const pool = ledger.pool(ledger.roundNumber, transcoder)
  pool.rewardCut = transcoder.rewardCut
  pool.feeShare = transcoder.feeShare
  const previous = orOne(storedFactors(ledger, address, roundOf(transcoder.lastRewardRound)).rewardFactor)
  if (pool.totalStakeWei.isZero()) {
    log.warning("Reward for {} in round {} with no pool stake recorded; factors unchanged", [
      address,
      ledger.round.id,
    ])
  }

  transcoder.activeCumulativeRewards = transcoder.pendingRewardCommission
  const commission = percOf(amount, pool.rewardCut)
  const delegatorsRewards = amount.minus(commission)
  const stakeRewards = preciseFractionOf(delegatorsRewards, transcoder.activeCumulativeRewards, pool.totalStakeWei)
  const earned = stakeRewards.plus(commission)
  transcoder.pendingRewardCommission = transcoder.pendingRewardCommission.plus(earned)
  transcoder.lifetimeRewardCommission = transcoder.lifetimeRewardCommission.plus(earned)
  pool.cumulativeRewardFactor = previous.plus(preciseFractionOf(previous, delegatorsRewards, pool.totalStakeWei))

  pool.rewardTokensWei = amount
  pool.rewardTokens = toDecimal(amount)
  pool.rewardCommission = pool.rewardCommission.plus(earned)
  increaseTotalStake(ledger, address, amount)
  transcoder.lastRewardRound = ledger.round.id
  return pool
}

/**
 * Delegators' rewards of this round estimated by the contract when a transcoder that missed the previous
 * round's reward call gets fees after rewarding (updateTranscoderWithFees).
 */
function missedRewardFactor(ledger: Ledger, pool: Pool): BigInt {
  const mintable = ledger.round.mintableTokensWei.plus(ledger.round.mintedTokens)
  let rewards = preciseFractionOf(mintable, pool.totalStakeWei, ledger.round.totalActiveStakeWei)
  rewards = rewards.minus(precisePercOf(rewards, ledger.protocol.treasuryRewardCutRate))
  const delegatorsRewards = rewards.minus(percOf(rewards, pool.rewardCut))
  return preciseFractionOf(pool.cumulativeRewardFactor, pool.totalStakeWei, delegatorsRewards.plus(pool.totalStakeWei))
}

/** Fees of `amount` wei credited to `address` in the current round (updateTranscoderWithFees). */
export function applyFees(ledger: Ledger, address: string, amount: BigInt): Pool {
  const transcoder = ledger.transcoder(address)
  const round = ledger.roundNumber
  const pool = ledger.pool(round, transcoder)
  const previous = latestFactors(ledger, transcoder, round.minus(ONE_BI))
  const lastRewardRound = roundOf(transcoder.lastRewardRound)

  let activeCumulativeRewards = transcoder.activeCumulativeRewards
  if (round.gt(lastRewardRound)) {
    pool.rewardCut = transcoder.rewardCut
    pool.feeShare = transcoder.feeShare
    activeCumulativeRewards = transcoder.pendingRewardCommission
  }
  if (previous.rewardFactor.isZero() && lastRewardRound.equals(round)) {
    previous.rewardFactor = missedRewardFactor(ledger, pool)
  }
  if (pool.totalStakeWei.isZero()) {
    log.warning("Fees for {} in round {} with no pool stake recorded; factors unchanged", [address, ledger.round.id])
  }

  const delegatorsFees = percOf(amount, pool.feeShare)
  const earned = preciseFractionOf(delegatorsFees, activeCumulativeRewards, pool.totalStakeWei).plus(
    amount.minus(delegatorsFees),
  )
  transcoder.pendingFeeCommission = transcoder.pendingFeeCommission.plus(earned)
  transcoder.lifetimeFeeCommission = transcoder.lifetimeFeeCommission.plus(earned)
  const base = pool.cumulativeFeeFactor.isZero() ? previous.feeFactor : pool.cumulativeFeeFactor
  pool.cumulativeFeeFactor = base.plus(preciseFractionOf(orOne(previous.rewardFactor), delegatorsFees, pool.totalStakeWei))
  pool.feeCommission = pool.feeCommission.plus(earned)
  transcoder.lastFeeRound = ledger.round.id
  return pool
}

/**
 * Pending stake of a delegator at the current round (BondingManager pendingStake): bonded amount grown by
 * the delegate's reward factor since the last claim, plus the unclaimed commission of a self-delegated
 * transcoder.
 */
export function pendingStake(ledger: Ledger, delegator: Delegator): BigInt {
  if (delegator.delegate == null) return delegator.bondedAmountWei
  const delegate = delegator.delegate!
  const transcoder = ledger.transcoder(delegate)
  const lastClaimRound = roundOf(delegator.lastClaimRound)
  let stake = delegator.bondedAmountWei
  if (lastClaimRound.lt(ledger.roundNumber)) {
    const start = orOne(storedFactors(ledger, delegate, lastClaimRound).rewardFactor)
    const end = orOne(latestFactors(ledger, transcoder, ledger.roundNumber).rewardFactor)
    stake = preciseFractionOf(stake, end, start)
  }
  if (delegate == delegator.id) stake = stake.plus(transcoder.pendingRewardCommission)
  return stake
}
