import { BigInt, log } from "@graphprotocol/graph-ts"

import { NewRound, ParameterUpdate, RoundsManager } from "../generated/RoundsManager/RoundsManager"
import {
  Broadcaster,
  NewRoundEvent,
  ParameterUpdateEvent,
  Protocol,
  Round,
  SetCurrentRewardTokensEvent,
  Transcoder,
} from "../generated/schema"
import { PERC_DIVISOR, SECONDS_PER_DAY, ZERO_BI } from "./lib/constants"
import { getOrCreateDay, getOrCreatePool, getOrCreateProtocol, getOrCreateRound, roundStartBlock } from "./lib/entities"
import { fillEventBase } from "./lib/events"
import { refreshBroadcasterWindows, refreshTranscoderWindows } from "./lib/days"
import { advanceProposals } from "./lib/governance"
import { eventId, eventIdAt } from "./lib/ids"
import { closeLeavingTranscoders, closeMemberPool, latestFactors, openMemberPool } from "./lib/metricsOrchestrator"
import { closeRoundMetrics, copyMetricsToDay, openRoundMetrics } from "./lib/metricsProtocol"
import { ethPriceInUsdWei, lptPriceInEthWei } from "./lib/prices"
import { safeDivide, toDecimal } from "./lib/units"

export function handleNewRound(event: NewRound): void {
  const protocol = getOrCreateProtocol()
  const closing = roundToClose(protocol, event.params.round)
  const round = getOrCreateRound(event.params.round, protocol)
  const timestamp = event.block.timestamp.toI32()
  round.initialized = true
  round.startTimestamp = timestamp
  round.blockHash = event.params.blockHash

  if (closing != null) closeRoundMetrics(protocol, closing, timestamp)
  startTranscoderPoolRound(protocol, round, closing, timestamp)
  if (closing != null) closeLeavingTranscoders(protocol, closing)
  applyPendingActivations(protocol)
  refreshActiveBroadcasters(protocol, timestamp)
  refreshPrices(protocol, round)
  startRoundTotals(protocol, round)
  openRoundMetrics(protocol, round, timestamp)
  advanceProposals(round)
  round.save()
  protocol.save()
  recordDay(protocol, timestamp)

  recordRewardTokensOfRound(event, protocol, round)
  const record = new NewRoundEvent(eventId(event))
  fillEventBase(record, event, round.id)
  record.blockHash = event.params.blockHash.toHexString()
  record.save()
}

/** The previous initialized round, whose end-of-round metrics the NewRound of `number` computes; null if none. */
function roundToClose(protocol: Protocol, number: BigInt): Round | null {
  const previous = Round.load(protocol.lastInitializedRound)
  if (previous == null || !previous.initialized || previous.id == number.toString()) return null
  return previous
}

/**
 * The transcoder pool at NewRound(R) is exactly the active set of round R (nothing can change the pool between a round start and its initialization): open one
 * earnings pool per member with its stake at the round start, and sum those stakes into the round's total
 * active stake (= BondingManager currentRoundTotalActiveStake). Each member's pool of the closing round is
 * closed first with the factors it ended with, which are also the factors the new round starts from.
 */
function startTranscoderPoolRound(protocol: Protocol, round: Round, closing: Round | null, timestamp: i32): void {
  const members = protocol.transcoderPool.load()
  let totalActiveStake = ZERO_BI
  let selfStaked = ZERO_BI
  for (let i = 0; i < members.length; i++) {
    const transcoder = members[i]
    const factors = latestFactors(transcoder)
    if (closing != null) closeMemberPool(transcoder, closing, factors, protocol.windowStartRound)
    const pool = getOrCreatePool(BigInt.fromString(round.id), transcoder)
    pool.totalStakeWei = transcoder.totalStakeWei
    pool.totalStake = toDecimal(transcoder.totalStakeWei)
    openMemberPool(pool, transcoder, factors)
    pool.save()
    totalActiveStake = totalActiveStake.plus(transcoder.totalStakeWei)
    selfStaked = selfStaked.plus(pool.selfStakeWei!)
    refreshTranscoderWindows(transcoder, timestamp)
    transcoder.save()
  }
  round.totalActiveStakeWei = totalActiveStake
  round.totalActiveStake = toDecimal(totalActiveStake)
  round.selfStakedTokens = selfStaked
}

function setActive(ids: string[], active: bool): void {
  for (let i = 0; i < ids.length; i++) {
    const transcoder = Transcoder.load(ids[i])
    if (transcoder == null) continue
    transcoder.active = active
    transcoder.save()
  }
}

function applyPendingActivations(protocol: Protocol): void {
  setActive(protocol.pendingActivation, true)
  setActive(protocol.pendingDeactivation, false)
  protocol.pendingActivation = []
  protocol.pendingDeactivation = []
}

/** Refreshes the fee windows of broadcasters that paid within 90 days, and drops the others from the list. */
function refreshActiveBroadcasters(protocol: Protocol, timestamp: i32): void {
  const stillActive: string[] = []
  const tracked = protocol.activeBroadcasters
  for (let i = 0; i < tracked.length; i++) {
    const broadcaster = Broadcaster.load(tracked[i])
    if (broadcaster == null) continue
    refreshBroadcasterWindows(broadcaster, timestamp)
    broadcaster.save()
    if (broadcaster.lastFundedDay >= timestamp - 90 * SECONDS_PER_DAY) stillActive.push(broadcaster.id)
  }
  protocol.activeBroadcasters = stillActive
}

/**
 * eth_call (2 per round, Uniswap V3 slot0): the LPT/ETH and ETH/USD spot prices have no event source. They
 * value every USD amount until the next round and convert the round's fees to LPT for the staking metrics.
 * A reverted call leaves the round's price null (its metrics that need it become null) and keeps the
 * Protocol's previous value.
 */
function refreshPrices(protocol: Protocol, round: Round): void {
  const lpt = lptPriceInEthWei()
  round.lptPriceEthWei = lpt
  if (lpt !== null) {
    round.lptPriceEth = toDecimal(lpt)
    protocol.lptPriceEth = toDecimal(lpt)
  }
  const eth = ethPriceInUsdWei()
  if (eth !== null) {
    round.ethPriceUSD = toDecimal(eth)
    protocol.ethPriceUSD = toDecimal(eth)
  }
}

function startRoundTotals(protocol: Protocol, round: Round): void {
  protocol.lastInitializedRound = round.id
  protocol.currentRound = round.id
  protocol.roundCount = protocol.roundCount + 1
  protocol.totalActiveStakeWei = round.totalActiveStakeWei
  protocol.totalActiveStake = round.totalActiveStake
  protocol.participationRate = safeDivide(protocol.totalActiveStake, protocol.totalSupply)
  round.totalSupplyWei = protocol.totalSupplyWei
  round.totalSupply = protocol.totalSupply
  round.participationRate = protocol.participationRate
  round.inflation = protocol.inflation
  round.numActiveTranscoders = protocol.numActiveTranscoders
  round.activeTranscoderCount = protocol.activeTranscoderCount
  round.delegatorsCount = protocol.delegatorsCount
  round.treasuryBalance = protocol.treasuryBalance
  round.treasuryRewardCutRate = protocol.treasuryRewardCutRate
  round.mintableTokensWei = protocol.currentMintableTokens
  round.mintableTokens = toDecimal(protocol.currentMintableTokens)
  round.length = protocol.roundLength
  round.startBlock = roundStartBlock(BigInt.fromString(round.id), protocol)
  round.endBlock = round.startBlock.plus(round.length)
}

function recordDay(protocol: Protocol, timestamp: i32): void {
  const day = getOrCreateDay(timestamp, protocol)
  day.totalActiveStakeWei = protocol.totalActiveStakeWei
  day.totalActiveStake = protocol.totalActiveStake
  day.totalSupplyWei = protocol.totalSupplyWei
  day.totalSupply = protocol.totalSupply
  day.participationRate = protocol.participationRate
  day.inflation = protocol.inflation
  day.numActiveTranscoders = protocol.numActiveTranscoders
  day.activeTranscoderCount = protocol.activeTranscoderCount
  day.delegatorsCount = protocol.delegatorsCount
  copyMetricsToDay(protocol, day)
  day.save()
}

/**
 * initializeRound emits the Minter's SetCurrentRewardTokens immediately before NewRound; the Minter
 * handler keeps its values on the Protocol and the event is recorded here, where its round is known.
 */
function recordRewardTokensOfRound(event: NewRound, protocol: Protocol, round: Round): void {
  if (event.logIndex.isZero()) return
  const record = new SetCurrentRewardTokensEvent(eventIdAt(event.transaction.hash, event.logIndex.minus(BigInt.fromI32(1))))
  fillEventBase(record, event, round.id)
  record.currentMintableTokensWei = protocol.currentMintableTokens
  record.currentMintableTokens = toDecimal(protocol.currentMintableTokens)
  record.currentInflation = protocol.inflation
  record.save()
}

export function handleRoundsManagerParameterUpdate(event: ParameterUpdate): void {
  const protocol = getOrCreateProtocol()
  const contract = RoundsManager.bind(event.address)
  const param = event.params.param
  if (param == "roundLength") readRoundLength(protocol, contract)
  else if (param == "roundLockAmount") readRoundLockAmount(protocol, contract)
  else log.warning("RoundsManager ParameterUpdate of unknown parameter {}", [param])
  protocol.lockPeriod = protocol.roundLength.times(protocol.roundLockAmount).div(PERC_DIVISOR)
  protocol.save()

  const record = new ParameterUpdateEvent(eventId(event))
  fillEventBase(record, event, protocol.currentRound)
  record.param = param
  record.save()
}

/**
 * eth_call (3, only on a round length change): the event carries no value. Before the first NewRound
 * the round of the update becomes the current round, so early events get a real round number.
 */
function readRoundLength(protocol: Protocol, contract: RoundsManager): void {
  const length = contract.try_roundLength()
  const updateRound = contract.try_lastRoundLengthUpdateRound()
  const updateStartBlock = contract.try_lastRoundLengthUpdateStartBlock()
  if (length.reverted || updateRound.reverted || updateStartBlock.reverted) {
    log.warning("RoundsManager round length getters reverted; keeping round length {}", [
      protocol.roundLength.toString(),
    ])
    return
  }
  protocol.roundLength = length.value
  protocol.lastRoundLengthUpdateStartBlock = updateStartBlock.value
  protocol.lastRoundLengthUpdateRound = updateRound.value.toString()
  getOrCreateRound(updateRound.value, protocol).save()
  if (protocol.lastInitializedRound == "0") protocol.currentRound = protocol.lastRoundLengthUpdateRound
}

/** eth_call (1, only on a lock amount change): the event carries no value. */
function readRoundLockAmount(protocol: Protocol, contract: RoundsManager): void {
  const amount = contract.try_roundLockAmount()
  if (amount.reverted) {
    log.warning("roundLockAmount() reverted; keeping {}", [protocol.roundLockAmount.toString()])
    return
  }
  protocol.roundLockAmount = amount.value
}
