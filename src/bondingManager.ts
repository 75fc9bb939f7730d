import { BigInt, ethereum, log } from "@graphprotocol/graph-ts"

import {
  BondingManager,
  Bond,
  EarningsClaimed,
  ParameterUpdate,
  Rebond,
  Reward,
  RewardCallerSet,
  TranscoderActivated,
  TranscoderDeactivated,
  TranscoderSlashed,
  TranscoderUpdate,
  TransferBond,
  TreasuryReward,
  Unbond,
  WithdrawFees,
  WithdrawStake,
} from "../generated/BondingManager/BondingManager"
import {
  BondEvent,
  EarningsClaimedEvent,
  ParameterUpdateEvent,
  Protocol,
  RebondEvent,
  RewardCallerSetEvent,
  RewardEvent,
  TranscoderActivatedEvent,
  TranscoderDeactivatedEvent,
  TranscoderSlashedEvent,
  TranscoderUpdateEvent,
  TransferBondEvent,
  TreasuryRewardEvent,
  UnbondEvent,
  WithdrawFeesEvent,
  WithdrawStakeEvent,
} from "../generated/schema"
import { MAX_UINT256, ONE_BI, ZERO_ADDRESS, ZERO_BI } from "./lib/constants"
import { getOrCreateProtocol, getOrCreateRound } from "./lib/entities"
import { applyReward, ensureInitializedPool } from "./lib/earnings"
import { fillEventBase } from "./lib/events"
import { eventId, eventIdAt } from "./lib/ids"
import {
  decreaseTotalStake,
  increaseTotalStake,
  Ledger,
  reduceBondedAmount,
  refreshRegistration,
  setBondedAmount,
} from "./lib/ledger"
import { createUnbondingLock, removeUnbondingLock } from "./lib/locks"
import { addClaimedEarnings } from "./lib/metricsDelegator"
import { currentRound } from "./lib/rounds"
import {
  findDeactivationInTransaction,
  markPendingActivation,
  markPendingDeactivation,
  recordEviction,
  recordResignation,
} from "./lib/transcoderPool"
import { saturatingSub, toDecimal } from "./lib/units"

export function handleBond(event: Bond): void {
  const ledger = new Ledger(event)
  const delegatorAddress = event.params.delegator.toHexString()
  const newDelegate = event.params.newDelegate.toHexString()
  const oldDelegate = event.params.oldDelegate.toHexString()
  const delegator = ledger.delegator(delegatorAddress)
  const previousBond = saturatingSub(event.params.bondedAmount, event.params.additionalAmount)
  const switching = !previousBond.isZero() && oldDelegate != newDelegate

  if (switching) {
    decreaseTotalStake(ledger, oldDelegate, previousBond)
    increaseTotalStake(ledger, newDelegate, event.params.bondedAmount)
    addStakeMovement(ledger, previousBond, ZERO_BI)
  } else {
    increaseTotalStake(ledger, newDelegate, event.params.additionalAmount)
  }
  if (previousBond.isZero() || switching) delegator.startRound = ledger.roundNumber.plus(ONE_BI)
  addStakeMovement(ledger, ZERO_BI, event.params.additionalAmount)
  delegator.delegate = newDelegate
  delegator.principalWei = delegator.principalWei.plus(event.params.additionalAmount)
  delegator.principal = toDecimal(delegator.principalWei)
  setBondedAmount(ledger, delegator, event.params.bondedAmount)
  ensureInitializedPool(ledger, newDelegate, ledger.roundNumber)
  if (delegatorAddress == newDelegate) refreshRegistration(ledger, delegatorAddress)
  ledger.snapshot(delegatorAddress)
  ledger.commit()

  recordBond(event, ledger.round.id)
}

function recordBond(event: Bond, round: string): void {
  const record = new BondEvent(eventId(event))
  fillEventBase(record, event, round)
  record.newDelegate = event.params.newDelegate.toHexString()
  const oldDelegate = event.params.oldDelegate.toHexString()
  record.oldDelegate = oldDelegate == ZERO_ADDRESS ? null : oldDelegate
  record.delegator = event.params.delegator.toHexString()
  record.bondedAmountWei = event.params.bondedAmount
  record.bondedAmount = toDecimal(event.params.bondedAmount)
  record.additionalAmountWei = event.params.additionalAmount
  record.additionalAmount = toDecimal(event.params.additionalAmount)
  record.save()
}

/** Round totals of stake moved between delegates and of new stake bonded. */
function addStakeMovement(ledger: Ledger, moved: BigInt, added: BigInt): void {
  const round = ledger.round
  round.movedStakeWei = round.movedStakeWei.plus(moved)
  round.movedStake = toDecimal(round.movedStakeWei)
  round.newStakeWei = round.newStakeWei.plus(added)
  round.newStake = toDecimal(round.newStakeWei)
}

export function handleUnbond(event: Unbond): void {
  const ledger = new Ledger(event)
  const delegatorAddress = event.params.delegator.toHexString()
  const delegate = event.params.delegate.toHexString()
  const delegator = ledger.delegator(delegatorAddress)

  reduceBondedAmount(ledger, delegator, event.params.amount)
  delegator.unbondedWei = delegator.unbondedWei.plus(event.params.amount)
  delegator.unbonded = toDecimal(delegator.unbondedWei)
  decreaseTotalStake(ledger, delegate, event.params.amount)
  if (delegator.bondedAmountWei.isZero()) {
    delegator.delegate = null
    delegator.startRound = ZERO_BI
    if (delegatorAddress == delegate) recordResignationBefore(event, delegate)
  }
  if (delegatorAddress == delegate) refreshRegistration(ledger, delegate)
  createUnbondingLock(
    event.params.delegator,
    event.params.unbondingLockId,
    delegate,
    event.params.amount,
    event.params.withdrawRound,
    delegatorAddress,
  )
  ledger.snapshot(delegatorAddress)
  ledger.commit()

  recordUnbond(event, ledger.round.id)
}

function recordUnbond(event: Unbond, round: string): void {
  const record = new UnbondEvent(eventId(event))
  fillEventBase(record, event, round)
  record.amountWei = event.params.amount
  record.amount = toDecimal(event.params.amount)
  record.withdrawRound = event.params.withdrawRound
  record.unbondingLockId = event.params.unbondingLockId.toI32()
  record.delegate = event.params.delegate.toHexString()
  record.delegator = event.params.delegator.toHexString()
  record.save()
}

/** A transcoder that fully unbonds itself (or is slashed) resigns from the pool a few logs earlier. */
function recordResignationBefore(event: ethereum.Event, transcoder: string): void {
  const deactivation = findDeactivationInTransaction(event, transcoder, 6)
  if (deactivation != null) recordResignation(deactivation)
}

export function handleRebond(event: Rebond): void {
  const ledger = new Ledger(event)
  const delegatorAddress = event.params.delegator.toHexString()
  const delegate = event.params.delegate.toHexString()
  const delegator = ledger.delegator(delegatorAddress)
  const lock = removeUnbondingLock(event.params.delegator, event.params.unbondingLockId)

  if (delegator.bondedAmountWei.isZero()) {
    // rebondFromUnbonded, or the receiver side of transferBond for an unbonded receiver
    delegator.startRound = ledger.roundNumber.plus(ONE_BI)
    ensureInitializedPool(ledger, delegate, ledger.roundNumber)
  }
  delegator.delegate = delegate
  setBondedAmount(ledger, delegator, delegator.bondedAmountWei.plus(event.params.amount))
  increaseTotalStake(ledger, delegate, event.params.amount)
  if (lock != null && lock.sender == delegatorAddress) {
    delegator.unbondedWei = saturatingSub(delegator.unbondedWei, event.params.amount)
    delegator.unbonded = toDecimal(delegator.unbondedWei)
  }
  if (delegatorAddress == delegate) refreshRegistration(ledger, delegate)
  ledger.snapshot(delegatorAddress)
  ledger.commit()

  recordRebond(event, ledger.round.id)
}

function recordRebond(event: Rebond, round: string): void {
  const record = new RebondEvent(eventId(event))
  fillEventBase(record, event, round)
  record.delegator = event.params.delegator.toHexString()
  record.delegate = event.params.delegate.toHexString()
  record.amountWei = event.params.amount
  record.amount = toDecimal(event.params.amount)
  record.unbondingLockId = event.params.unbondingLockId.toI32()
  record.save()
}

export function handleTransferBond(event: TransferBond): void {
  const ledger = new Ledger(event)
  const receiverAddress = event.params.newDelegator.toHexString()
  const sender = removeUnbondingLock(event.params.oldDelegator, event.params.oldUnbondingLockId)
  const receiver = ledger.delegator(receiverAddress)
  receiver.principalWei = receiver.principalWei.plus(event.params.amount)
  receiver.principal = toDecimal(receiver.principalWei)
  if (sender != null) {
    createUnbondingLock(
      event.params.newDelegator,
      event.params.newUnbondingLockId,
      sender.delegate,
      event.params.amount,
      sender.withdrawRound,
      event.params.oldDelegator.toHexString(),
    )
  }
  ledger.commit()

  const record = new TransferBondEvent(eventId(event))
  fillEventBase(record, event, ledger.round.id)
  record.amountWei = event.params.amount
  record.amount = toDecimal(event.params.amount)
  record.newDelegator = receiverAddress
  record.oldDelegator = event.params.oldDelegator.toHexString()
  record.newUnbondingLockId = event.params.newUnbondingLockId.toI32()
  record.oldUnbondingLockId = event.params.oldUnbondingLockId.toI32()
  record.save()
}

export function handleWithdrawStake(event: WithdrawStake): void {
  const round = currentRound()
  removeUnbondingLock(event.params.delegator, event.params.unbondingLockId)

  const record = new WithdrawStakeEvent(eventId(event))
  fillEventBase(record, event, round.id)
  record.delegator = event.params.delegator.toHexString()
  record.unbondingLockId = event.params.unbondingLockId.toI32()
  record.amountWei = event.params.amount
  record.amount = toDecimal(event.params.amount)
  record.save()
}

export function handleWithdrawFees(event: WithdrawFees): void {
  const ledger = new Ledger(event)
  const delegatorAddress = event.params.delegator.toHexString()
  const delegator = ledger.delegator(delegatorAddress)
  if (event.params.amount.gt(delegator.feesWei)) {
    log.warning("Delegator {} withdraws {} wei of fees but has {} in the index; flooring at 0", [
      delegatorAddress,
      event.params.amount.toString(),
      delegator.feesWei.toString(),
    ])
  }
  delegator.feesWei = saturatingSub(delegator.feesWei, event.params.amount)
  delegator.fees = toDecimal(delegator.feesWei)
  delegator.withdrawnFeesWei = delegator.withdrawnFeesWei.plus(event.params.amount)
  delegator.withdrawnFees = toDecimal(delegator.withdrawnFeesWei)
  ledger.snapshot(delegatorAddress)
  ledger.commit()

  const record = new WithdrawFeesEvent(eventId(event))
  fillEventBase(record, event, ledger.round.id)
  record.delegator = delegatorAddress
  record.amountWei = event.params.amount
  record.amount = toDecimal(event.params.amount)
  record.recipient = event.params.recipient.toHexString()
  record.save()
}

export function handleEarningsClaimed(event: EarningsClaimed): void {
  const ledger = new Ledger(event)
  const delegatorAddress = event.params.delegator.toHexString()
  const delegate = event.params.delegate.toHexString()
  const delegator = ledger.delegator(delegatorAddress)
  const endRound = getOrCreateRound(event.params.endRound, ledger.protocol)

  setBondedAmount(ledger, delegator, delegator.bondedAmountWei.plus(event.params.rewards))
  delegator.feesWei = delegator.feesWei.plus(event.params.fees)
  delegator.fees = toDecimal(delegator.feesWei)
  addClaimedEarnings(delegator, event.params.rewards, event.params.fees)
  delegator.lastClaimRound = endRound.id
  if (delegate != ZERO_ADDRESS) ensureInitializedPool(ledger, delegate, event.params.endRound)
  if (delegate == delegatorAddress) {
    // A transcoder's claim includes its commission, which the contract then resets.
    const transcoder = ledger.transcoder(delegate)
    transcoder.pendingRewardCommission = ZERO_BI
    transcoder.pendingFeeCommission = ZERO_BI
  }
  ledger.snapshot(delegatorAddress)
  ledger.commit()
  if (endRound.id != ledger.round.id) endRound.save()
  // An unbonded account "claims" zero earnings with the zero address as delegate (every bond from unbonded
  // does); recording it would reference a Transcoder that does not exist.
  if (delegate == ZERO_ADDRESS) return

  recordEarningsClaimed(event, ledger.round.id)
}

function recordEarningsClaimed(event: EarningsClaimed, round: string): void {
  const record = new EarningsClaimedEvent(eventId(event))
  fillEventBase(record, event, round)
  record.delegator = event.params.delegator.toHexString()
  record.delegate = event.params.delegate.toHexString()
  record.startRound = event.params.startRound
  record.endRound = event.params.endRound.toString()
  record.rewardTokensWei = event.params.rewards
  record.rewardTokens = toDecimal(event.params.rewards)
  record.feesWei = event.params.fees
  record.fees = toDecimal(event.params.fees)
  record.save()
}

export function handleReward(event: Reward): void {
  const ledger = new Ledger(event)
  const transcoder = event.params.transcoder.toHexString()
  applyReward(ledger, transcoder, event.params.amount)
  ledger.round.mintedTokens = ledger.round.mintedTokens.plus(event.params.amount)
  ledger.commit()

  const record = new RewardEvent(eventId(event))
  fillEventBase(record, event, ledger.round.id)
  record.delegate = transcoder
  record.rewardTokensWei = event.params.amount
  record.rewardTokens = toDecimal(event.params.amount)
  record.save()
}

export function handleTreasuryReward(event: TreasuryReward): void {
  const ledger = new Ledger(event)
  const transcoder = ledger.transcoder(event.params.transcoder.toHexString())
  const pool = ledger.pool(ledger.roundNumber, transcoder)
  pool.treasuryRewardTokens = event.params.amount
  const round = ledger.round
  round.treasuryRewards = round.treasuryRewards.plus(event.params.amount)
  round.mintedTokens = round.mintedTokens.plus(event.params.amount)
  ledger.commit()

  const record = new TreasuryRewardEvent(eventId(event))
  fillEventBase(record, event, ledger.round.id)
  record.delegate = transcoder.id
  record.treasury = event.params.treasury.toHexString()
  record.amount = event.params.amount
  record.save()
}

export function handleTranscoderUpdate(event: TranscoderUpdate): void {
  const ledger = new Ledger(event)
  const transcoder = ledger.transcoder(event.params.transcoder.toHexString())
  const timestamp = event.block.timestamp.toI32()
  // Compare values, not references: the official subgraph's `!==` rewrote both timestamps every time.
  if (!transcoder.rewardCut.equals(event.params.rewardCut)) {
    transcoder.rewardCut = event.params.rewardCut
    transcoder.rewardCutUpdateTimestamp = timestamp
  }
  if (!transcoder.feeShare.equals(event.params.feeShare)) {
    transcoder.feeShare = event.params.feeShare
    transcoder.feeShareUpdateTimestamp = timestamp
  }
  ledger.commit()

  const record = new TranscoderUpdateEvent(eventId(event))
  fillEventBase(record, event, ledger.round.id)
  record.delegate = transcoder.id
  record.rewardCut = event.params.rewardCut
  record.feeShare = event.params.feeShare
  record.save()
}

export function handleTranscoderActivated(event: TranscoderActivated): void {
  const ledger = new Ledger(event)
  const transcoder = ledger.transcoder(event.params.transcoder.toHexString())
  transcoder.activationRound = event.params.activationRound
  transcoder.deactivationRound = MAX_UINT256
  transcoder.activationTimestamp = event.block.timestamp.toI32()
  // tryToJoinActiveSet records the joining stake for the activation round; a Bond, Rebond or Reward later
  // in the same transaction updates it to the final stake.
  transcoder.lastActiveStakeUpdateRound = event.params.activationRound
  transcoder.lastActiveStake = transcoder.totalStakeWei
  transcoder.memberOf = ledger.protocol.id
  markPendingActivation(ledger.protocol, transcoder.id)
  ledger.commit()

  const evicted = TranscoderDeactivatedEvent.load(eventIdAt(event.transaction.hash, event.logIndex.minus(ONE_BI)))
  if (evicted != null && evicted.delegate != transcoder.id) recordEviction(evicted)

  const record = new TranscoderActivatedEvent(eventId(event))
  fillEventBase(record, event, ledger.round.id)
  record.delegate = transcoder.id
  record.activationRound = event.params.activationRound
  record.save()
}

export function handleTranscoderDeactivated(event: TranscoderDeactivated): void {
  const ledger = new Ledger(event)
  const transcoder = ledger.transcoder(event.params.transcoder.toHexString())
  transcoder.deactivationRound = event.params.deactivationRound
  transcoder.activationTimestamp = 0
  transcoder.memberOf = null
  markPendingDeactivation(ledger.protocol, transcoder.id)
  ledger.commit()

  const record = new TranscoderDeactivatedEvent(eventId(event))
  fillEventBase(record, event, ledger.round.id)
  record.delegate = transcoder.id
  record.deactivationRound = event.params.deactivationRound
  record.save()
}

export function handleTranscoderSlashed(event: TranscoderSlashed): void {
  const ledger = new Ledger(event)
  const address = event.params.transcoder.toHexString()
  const delegator = ledger.delegator(address)
  reduceBondedAmount(ledger, delegator, event.params.penalty)
  // The delegate's stake falls only while the slashed account is still Bonded (not Pending, not Unbonded).
  const delegate = delegator.delegate
  if (delegate != null && !delegator.bondedAmountWei.isZero() && delegator.startRound.le(ledger.roundNumber)) {
    decreaseTotalStake(ledger, delegate!, event.params.penalty)
  }
  refreshRegistration(ledger, address)
  recordResignationBefore(event, address)
  ledger.snapshot(address)
  ledger.commit()

  const record = new TranscoderSlashedEvent(eventId(event))
  fillEventBase(record, event, ledger.round.id)
  record.delegate = address
  record.finder = event.params.finder
  record.penaltyWei = event.params.penalty
  record.penalty = toDecimal(event.params.penalty)
  record.finderReward = event.params.finderReward
  record.save()
}

export function handleBondingManagerParameterUpdate(event: ParameterUpdate): void {
  const protocol = getOrCreateProtocol()
  readBondingParameter(protocol, BondingManager.bind(event.address), event.params.param)
  protocol.save()
  const record = new ParameterUpdateEvent(eventId(event))
  fillEventBase(record, event, protocol.currentRound)
  record.param = event.params.param
  record.save()
}

/**
 * eth_call: the event names the parameter but not its value, so the parameter's getter is read once
 * per update. treasuryRewardCutRate needs no call: initializeRound promotes the pending next-round rate.
 */
function readBondingParameter(protocol: Protocol, contract: BondingManager, param: string): void {
  if (param == "treasuryRewardCutRate") {
    protocol.treasuryRewardCutRate = protocol.nextRoundTreasuryRewardCutRate
  } else if (param == "unbondingPeriod") {
    const value = contract.try_unbondingPeriod()
    if (value.reverted) log.warning("unbondingPeriod() reverted; keeping {}", [protocol.unbondingPeriod.toString()])
    else protocol.unbondingPeriod = value.value
  } else if (param == "numActiveTranscoders") {
    const value = contract.try_getTranscoderPoolMaxSize()
    if (value.reverted) log.warning("getTranscoderPoolMaxSize() reverted; keeping the old value", [])
    else protocol.numActiveTranscoders = value.value
  } else if (param == "treasuryBalanceCeiling") {
    const value = contract.try_treasuryBalanceCeiling()
    if (value.reverted) log.warning("treasuryBalanceCeiling() reverted; keeping the old value", [])
    else protocol.treasuryBalanceCeiling = value.value
  } else if (param == "nextRoundTreasuryRewardCutRate") {
    const value = contract.try_nextRoundTreasuryRewardCutRate()
    if (value.reverted) log.warning("nextRoundTreasuryRewardCutRate() reverted; keeping the old value", [])
    else protocol.nextRoundTreasuryRewardCutRate = value.value
  } else {
    log.warning("BondingManager ParameterUpdate of unknown parameter {}", [param])
  }
}

export function handleRewardCallerSet(event: RewardCallerSet): void {
  const ledger = new Ledger(event)
  const transcoder = ledger.transcoder(event.params.transcoder.toHexString())
  const caller = event.params.rewardCaller.toHexString()
  transcoder.rewardCaller = caller == ZERO_ADDRESS ? null : caller
  ledger.commit()

  const record = new RewardCallerSetEvent(eventId(event))
  fillEventBase(record, event, ledger.round.id)
  record.delegate = transcoder.id
  record.rewardCaller = caller
  record.save()
}
