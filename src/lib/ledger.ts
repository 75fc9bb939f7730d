// A Ledger holds the Delegator, Transcoder and Pool entities one event touches, so that two roles of the
// same address (a transcoder bonding to itself) share one object, and everything is saved once at the end.
import { BigInt, ethereum, log } from "@graphprotocol/graph-ts"

import { Delegator, DelegatorSnapshot, Pool, Protocol, Round, Transcoder } from "../../generated/schema"
import { ONE_BI, PRECISE_PERC_DIVISOR, TranscoderStatus, ZERO_BI } from "./constants"
import {
  getOrCreateAccount,
  getOrCreateDelegator,
  getOrCreatePool,
  getOrCreateProtocol,
  getOrCreateTranscoder,
} from "./entities"
import { delegatorSnapshotId, poolId } from "./ids"
import { refreshDelegatorRewardRate } from "./metricsDelegator"
import { currentRound, roundNumber } from "./rounds"
import { precisePercPoints, saturatingSub, toDecimal } from "./units"

export class Ledger {
  readonly protocol: Protocol
  readonly round: Round
  readonly roundNumber: BigInt
  readonly event: ethereum.Event
  private delegators: Map<string, Delegator> = new Map<string, Delegator>()
  private transcoders: Map<string, Transcoder> = new Map<string, Transcoder>()
  private pools: Map<string, Pool> = new Map<string, Pool>()
  private snapshotted: Set<string> = new Set<string>()

  constructor(event: ethereum.Event) {
    this.event = event
    this.protocol = getOrCreateProtocol()
    this.round = currentRound(this.protocol)
    this.roundNumber = roundNumber(this.round)
  }

  delegator(address: string): Delegator {
    if (this.delegators.has(address)) return this.delegators.get(address)
    const delegator = getOrCreateDelegator(address)
    this.delegators.set(address, delegator)
    return delegator
  }

  transcoder(address: string): Transcoder {
    if (this.transcoders.has(address)) return this.transcoders.get(address)
    const transcoder = getOrCreateTranscoder(address)
    this.transcoders.set(address, transcoder)
    return transcoder
  }

  /** The pool of `transcoder` for `round`, created if missing. */
  pool(round: BigInt, transcoder: Transcoder): Pool {
    const id = poolId(round, transcoder.id)
    if (this.pools.has(id)) return this.pools.get(id)
    const pool = getOrCreatePool(round, transcoder)
    this.pools.set(id, pool)
    return pool
  }

  /** The pool of `transcoder` for `round` if it exists; never creates one. */
  existingPool(round: BigInt, transcoder: string): Pool | null {
    const id = poolId(round, transcoder)
    if (this.pools.has(id)) return this.pools.get(id)
    const pool = Pool.load(id)
    if (pool != null) this.pools.set(id, pool)
    return pool
  }

  /** Records a DelegatorSnapshot of `address` for the current round when the ledger is committed. */
  snapshot(address: string): void {
    this.snapshotted.add(address)
  }

  /** Saves every entity touched, refreshes their LivepeerAccounts, then writes the requested snapshots. */
  commit(): void {
    const timestamp = this.event.block.timestamp.toI32()
    const pools = this.pools.values()
    for (let i = 0; i < pools.length; i++) pools[i].save()
    const transcoders = this.transcoders.values()
    for (let i = 0; i < transcoders.length; i++) transcoders[i].save()
    const delegators = this.delegators.values()
    for (let i = 0; i < delegators.length; i++) {
      const delegator = delegators[i]
      delegator.shares = this.sharesOf(delegator)
      refreshDelegatorRewardRate(delegator, this.protocol)
      delegator.save()
      const account = getOrCreateAccount(delegator.id)
      account.delegator = delegator.id
      account.delegate = delegator.delegate
      account.lastUpdatedTimestamp = timestamp
      account.save()
    }
    const snapshotted = this.snapshotted.values()
    for (let i = 0; i < snapshotted.length; i++) this.writeSnapshot(this.delegator(snapshotted[i]), timestamp)
    this.protocol.save()
    this.round.save()
  }

  /** bondedAmount * 10^27 / CRF(delegate, lastClaimRound), with 10^27 for an unset factor. */
  private sharesOf(delegator: Delegator): BigInt {
    const delegate = delegator.delegate
    const lastClaimRound = delegator.lastClaimRound
    if (delegate == null || delegator.bondedAmountWei.isZero()) return ZERO_BI
    let factor = PRECISE_PERC_DIVISOR
    if (lastClaimRound != null) {
      const pool = this.existingPool(BigInt.fromString(lastClaimRound!), delegate!)
      if (pool != null && !pool.cumulativeRewardFactor.isZero()) factor = pool.cumulativeRewardFactor
    }
    return precisePercPoints(delegator.bondedAmountWei, factor)
  }

  private writeSnapshot(delegator: Delegator, timestamp: i32): void {
    const snapshot = new DelegatorSnapshot(delegatorSnapshotId(delegator.id, this.roundNumber))
    snapshot.delegator = delegator.id
    snapshot.round = this.round.id
    snapshot.timestamp = timestamp
    snapshot.delegate = delegator.delegate
    snapshot.bondedAmount = delegator.bondedAmount
    snapshot.bondedAmountWei = delegator.bondedAmountWei
    snapshot.fees = delegator.feesWei
    const lastClaimRound = delegator.lastClaimRound
    snapshot.lastClaimRound = ZERO_BI
    if (lastClaimRound != null) snapshot.lastClaimRound = BigInt.fromString(lastClaimRound!)
    snapshot.startRound = delegator.startRound
    snapshot.shares = delegator.shares
    snapshot.lifetimeRewards = delegator.lifetimeRewards
    snapshot.lifetimeFees = delegator.lifetimeFees
    snapshot.save()
  }
}

/** Sets the claimed bonded amount and keeps Protocol.delegatorsCount exact on 0 <-> non-zero transitions. */
export function setBondedAmount(ledger: Ledger, delegator: Delegator, amount: BigInt): void {
  const wasBonded = !delegator.bondedAmountWei.isZero()
  const isBonded = !amount.isZero()
  if (!wasBonded && isBonded) ledger.protocol.delegatorsCount = ledger.protocol.delegatorsCount.plus(ONE_BI)
  if (wasBonded && !isBonded) ledger.protocol.delegatorsCount = ledger.protocol.delegatorsCount.minus(ONE_BI)
  delegator.bondedAmountWei = amount
  delegator.bondedAmount = toDecimal(amount)
}

/** Subtracts from the bonded amount, flooring at 0 with a warning if the indexed state is behind. */
export function reduceBondedAmount(ledger: Ledger, delegator: Delegator, amount: BigInt): void {
  if (amount.gt(delegator.bondedAmountWei)) {
    log.warning("Delegator {} unbonds {} but has {} bonded in the index; flooring at 0", [
      delegator.id,
      amount.toString(),
      delegator.bondedAmountWei.toString(),
    ])
  }
  setBondedAmount(ledger, delegator, saturatingSub(delegator.bondedAmountWei, amount))
}

function setDelegatedAmount(ledger: Ledger, delegate: string, amount: BigInt): void {
  const transcoder = ledger.transcoder(delegate)
  const account = ledger.delegator(delegate)
  transcoder.totalStakeWei = amount
  transcoder.totalStake = toDecimal(amount)
  account.delegatedAmountWei = amount
  account.delegatedAmount = toDecimal(amount)
  // A pool member's stake change is recorded for the next round (BondingManager increase/decreaseTotalStake).
  if (transcoder.memberOf != null) {
    transcoder.lastActiveStakeUpdateRound = ledger.roundNumber.plus(ONE_BI)
    transcoder.lastActiveStake = amount
  }
}

/** Stake delegated to `delegate` grows by `amount` (BondingManager increaseTotalStake). */
export function increaseTotalStake(ledger: Ledger, delegate: string, amount: BigInt): void {
  setDelegatedAmount(ledger, delegate, ledger.transcoder(delegate).totalStakeWei.plus(amount))
}

/** Stake delegated to `delegate` falls by `amount`, floored at 0 with a warning (decreaseTotalStake). */
export function decreaseTotalStake(ledger: Ledger, delegate: string, amount: BigInt): void {
  const current = ledger.transcoder(delegate).totalStakeWei
  if (amount.gt(current)) {
    log.warning("Delegate {} loses {} of stake but has {} in the index; flooring at 0", [
      delegate,
      amount.toString(),
      current.toString(),
    ])
  }
  setDelegatedAmount(ledger, delegate, saturatingSub(current, amount))
}

/** Registered while bonded to itself with a non-zero bonded amount (BondingManager isRegisteredTranscoder). */
export function refreshRegistration(ledger: Ledger, address: string): void {
  const delegator = ledger.delegator(address)
  const transcoder = ledger.transcoder(address)
  const delegate = delegator.delegate
  const registered = delegate != null && delegate == address && !delegator.bondedAmountWei.isZero()
  transcoder.status = registered ? TranscoderStatus.Registered : TranscoderStatus.NotRegistered
  transcoder.delegator = registered ? address : null
}
