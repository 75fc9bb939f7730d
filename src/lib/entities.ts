// getOrCreate<Entity>: create with every field set when missing; no other side effect (STYLE §2).
import { BigInt, ethereum } from "@graphprotocol/graph-ts"

import {
  Broadcaster,
  BroadcasterDay,
  Day,
  Delegator,
  GovernorSettings,
  LivepeerAccount,
  Pool,
  Protocol,
  Round,
  Transaction,
  Transcoder,
  TranscoderDay,
} from "../../generated/schema"
import { LIVEPEER_GOVERNOR_ADDRESS } from "../../generated/network"
import {
  GOVERNOR_QUORUM_DENOMINATOR,
  GOVERNOR_QUOTA,
  PRECISE_PERC_DIVISOR,
  PROTOCOL_ID,
  SECONDS_PER_DAY,
  TranscoderStatus,
  ZERO_BD,
  ZERO_BI,
} from "./constants"
import { addressDayId, dayId, dayNumber, poolId } from "./ids"
import { copyMetricsToDay } from "./metricsProtocol"
import { toDecimal } from "./units"

/** The Protocol singleton; its first creation also creates round 0 so currentRound never dangles. */
export function getOrCreateProtocol(): Protocol {
  let protocol = Protocol.load(PROTOCOL_ID)
  if (protocol != null) return protocol
  protocol = new Protocol(PROTOCOL_ID)
  protocol.inflation = ZERO_BI
  protocol.inflationChange = ZERO_BI
  protocol.numActiveTranscoders = ZERO_BI
  protocol.activeTranscoderCount = ZERO_BI
  // The Controller is deployed paused; the first Unpause event clears it.
  protocol.paused = true
  protocol.targetBondingRate = ZERO_BI
  protocol.unbondingPeriod = ZERO_BI
  protocol.lockPeriod = ZERO_BI
  protocol.roundLockAmount = ZERO_BI
  protocol.totalActiveStake = ZERO_BD
  protocol.totalVolumeETH = ZERO_BD
  protocol.totalVolumeUSD = ZERO_BD
  protocol.participationRate = ZERO_BD
  protocol.currentRound = "0"
  protocol.lastInitializedRound = "0"
  protocol.lastRoundLengthUpdateRound = "0"
  protocol.roundLength = ZERO_BI
  protocol.lastRoundLengthUpdateStartBlock = ZERO_BI
  protocol.totalSupply = ZERO_BD
  protocol.lptPriceEth = ZERO_BD
  protocol.winningTicketCount = 0
  protocol.roundCount = 0
  protocol.pendingActivation = []
  protocol.pendingDeactivation = []
  protocol.delegatorsCount = ZERO_BI
  protocol.activeBroadcasters = []
  protocol.totalActiveStakeWei = ZERO_BI
  protocol.totalSupplyWei = ZERO_BI
  protocol.l2TotalSupply = ZERO_BI
  protocol.l1TotalSupply = ZERO_BI
  protocol.l2SupplyFromL1 = ZERO_BI
  protocol.totalVolumeWei = ZERO_BI
  protocol.ethPriceUSD = ZERO_BD
  protocol.treasuryRewardCutRate = ZERO_BI
  protocol.nextRoundTreasuryRewardCutRate = ZERO_BI
  protocol.treasuryBalanceCeiling = ZERO_BI
  protocol.treasuryBalance = ZERO_BI
  protocol.unlockPeriod = ZERO_BI
  protocol.ticketValidityPeriod = ZERO_BI
  protocol.currentMintableTokens = ZERO_BI
  protocol.roundsPerYear = null
  protocol.inflationRate = null
  protocol.inflationRateCompounded = null
  protocol.realizedInflationRate = null
  protocol.stakingRatio = null
  protocol.rewardRate = null
  protocol.realRewardRate = null
  protocol.stakedTokens = ZERO_BI
  protocol.delegatedTokens = ZERO_BI
  protocol.selfStakedTokens = ZERO_BI
  protocol.stakingWallets = ZERO_BI
  protocol.feeRevenueETH = ZERO_BD
  protocol.feeRevenueUSD = null
  protocol.treasuryInflow = ZERO_BI
  protocol.metricsRound = null
  protocol.windowStartRound = ZERO_BI
  protocol.windowRounds = 0
  protocol.windowFeesWei = ZERO_BI
  protocol.windowFeesLPT = ZERO_BI
  protocol.windowUnpricedRounds = 0
  protocol.save()
  getOrCreateRound(ZERO_BI, protocol).save()
  return protocol
}

/** L1 block at which `round` starts, from the last round length update. */
export function roundStartBlock(round: BigInt, protocol: Protocol): BigInt {
  const updateRound = BigInt.fromString(protocol.lastRoundLengthUpdateRound)
  if (protocol.roundLength.isZero() || round.lt(updateRound)) return ZERO_BI
  return protocol.lastRoundLengthUpdateStartBlock.plus(round.minus(updateRound).times(protocol.roundLength))
}

/** Not saved when created: callers finish setting it and save once. */
export function getOrCreateRound(number: BigInt, protocol: Protocol): Round {
  let round = Round.load(number.toString())
  if (round != null) return round
  round = new Round(number.toString())
  round.startTimestamp = 0
  round.initialized = false
  round.length = protocol.roundLength
  round.startBlock = roundStartBlock(number, protocol)
  round.endBlock = round.startBlock.plus(protocol.roundLength)
  round.mintableTokens = ZERO_BD
  round.volumeETH = ZERO_BD
  round.volumeUSD = ZERO_BD
  round.totalActiveStake = protocol.totalActiveStake
  round.totalSupply = protocol.totalSupply
  round.participationRate = protocol.participationRate
  round.movedStake = ZERO_BD
  round.newStake = ZERO_BD
  round.inflation = protocol.inflation
  round.numActiveTranscoders = protocol.numActiveTranscoders
  round.activeTranscoderCount = protocol.activeTranscoderCount
  round.delegatorsCount = protocol.delegatorsCount
  round.mintableTokensWei = ZERO_BI
  round.mintedTokens = ZERO_BI
  round.treasuryRewards = ZERO_BI
  round.totalActiveStakeWei = protocol.totalActiveStakeWei
  round.totalSupplyWei = protocol.totalSupplyWei
  round.volumeWei = ZERO_BI
  round.movedStakeWei = ZERO_BI
  round.newStakeWei = ZERO_BI
  round.treasuryBalance = protocol.treasuryBalance
  round.treasuryRewardCutRate = protocol.treasuryRewardCutRate
  round.blockHash = null
  round.roundsPerYear = null
  round.roundsPerYearObserved = false
  round.lptPriceEth = null
  round.lptPriceEthWei = null
  round.ethPriceUSD = null
  round.totalSupplyAtStartWei = ZERO_BI
  round.inflationRate = null
  round.inflationRateCompounded = null
  round.realizedInflationRate = null
  round.stakingRatio = null
  round.rewardRate = null
  round.realRewardRate = null
  round.stakedTokens = ZERO_BI
  round.delegatedTokens = ZERO_BI
  round.selfStakedTokens = ZERO_BI
  round.stakingWallets = ZERO_BI
  round.feeRevenueETH = ZERO_BD
  round.feeRevenueUSD = null
  round.treasuryInflow = ZERO_BI
  return round
}

export function getOrCreateTranscoder(address: string): Transcoder {
  let transcoder = Transcoder.load(address)
  if (transcoder != null) return transcoder
  transcoder = new Transcoder(address)
  transcoder.activationRound = ZERO_BI
  transcoder.deactivationRound = ZERO_BI
  transcoder.lastActiveStakeUpdateRound = ZERO_BI
  transcoder.active = false
  transcoder.status = TranscoderStatus.NotRegistered
  transcoder.activationTimestamp = 0
  transcoder.lastRewardRound = null
  transcoder.rewardCut = ZERO_BI
  transcoder.rewardCutUpdateTimestamp = 0
  transcoder.feeShare = ZERO_BI
  transcoder.feeShareUpdateTimestamp = 0
  transcoder.totalStake = ZERO_BD
  transcoder.totalVolumeETH = ZERO_BD
  transcoder.thirtyDayVolumeETH = ZERO_BD
  transcoder.sixtyDayVolumeETH = ZERO_BD
  transcoder.ninetyDayVolumeETH = ZERO_BD
  transcoder.totalVolumeUSD = ZERO_BD
  transcoder.delegator = null
  transcoder.serviceURI = null
  transcoder.transcoderDays = []
  transcoder.totalStakeWei = ZERO_BI
  transcoder.totalVolumeWei = ZERO_BI
  transcoder.rewardCaller = null
  transcoder.pendingRewardCommission = ZERO_BI
  transcoder.lifetimeRewardCommission = ZERO_BI
  transcoder.activeCumulativeRewards = ZERO_BI
  transcoder.pendingFeeCommission = ZERO_BI
  transcoder.lifetimeFeeCommission = ZERO_BI
  transcoder.lastFeeRound = null
  transcoder.lastActiveStake = ZERO_BI
  transcoder.memberOf = null
  transcoder.thirtyDayDelegatorRewardRate = null
  transcoder.thirtyDayDelegatorFeeRate = null
  transcoder.thirtyDayDelegatorRealRewardRate = null
  transcoder.thirtyDayOrchestratorRewardRate = null
  transcoder.thirtyDayMissedRewardCalls = 0
  transcoder.thirtyDayActiveRounds = 0
  transcoder.metricsRound = null
  transcoder.windowStartRound = ZERO_BI
  transcoder.windowRewardReturnSum = ZERO_BI
  transcoder.windowFeeReturnSum = ZERO_BI
  transcoder.windowFeeRounds = 0
  transcoder.windowOrchestratorReturnSum = ZERO_BI
  transcoder.windowOrchestratorRounds = 0
  transcoder.openRewardFactor = PRECISE_PERC_DIVISOR
  transcoder.openFeeFactor = ZERO_BI
  return transcoder
}

export function getOrCreateDelegator(address: string): Delegator {
  let delegator = Delegator.load(address)
  if (delegator != null) return delegator
  delegator = new Delegator(address)
  delegator.delegate = null
  delegator.startRound = ZERO_BI
  delegator.lastClaimRound = null
  delegator.bondedAmount = ZERO_BD
  delegator.principal = ZERO_BD
  delegator.unbonded = ZERO_BD
  delegator.fees = ZERO_BD
  delegator.withdrawnFees = ZERO_BD
  delegator.delegatedAmount = ZERO_BD
  delegator.bondedAmountWei = ZERO_BI
  delegator.principalWei = ZERO_BI
  delegator.unbondedWei = ZERO_BI
  delegator.feesWei = ZERO_BI
  delegator.withdrawnFeesWei = ZERO_BI
  delegator.delegatedAmountWei = ZERO_BI
  delegator.shares = ZERO_BI
  delegator.lifetimeRewards = ZERO_BI
  delegator.lifetimeFees = ZERO_BI
  delegator.thirtyDayRewardRate = null
  delegator.thirtyDayRewardRateRound = null
  return delegator
}

export function getOrCreateAccount(address: string): LivepeerAccount {
  let account = LivepeerAccount.load(address)
  if (account != null) return account
  account = new LivepeerAccount(address)
  account.lastUpdatedTimestamp = 0
  account.delegator = null
  account.delegate = null
  account.votes = ZERO_BI
  account.votingDelegate = null
  account.bondingCheckpoint = null
  return account
}

export function getOrCreateBroadcaster(address: string): Broadcaster {
  let broadcaster = Broadcaster.load(address)
  if (broadcaster != null) return broadcaster
  broadcaster = new Broadcaster(address)
  broadcaster.deposit = ZERO_BD
  broadcaster.reserve = ZERO_BD
  broadcaster.totalVolumeETH = ZERO_BD
  broadcaster.totalVolumeUSD = ZERO_BD
  broadcaster.thirtyDayVolumeETH = ZERO_BD
  broadcaster.sixtyDayVolumeETH = ZERO_BD
  broadcaster.ninetyDayVolumeETH = ZERO_BD
  broadcaster.firstFundedDay = 0
  broadcaster.firstActiveDay = 0
  broadcaster.lastFundedDay = 0
  broadcaster.lastActiveDay = 0
  broadcaster.broadcasterDays = []
  broadcaster.depositWei = ZERO_BI
  broadcaster.reserveWei = ZERO_BI
  broadcaster.totalVolumeWei = ZERO_BI
  broadcaster.withdrawRound = null
  return broadcaster
}

/**
 * Earnings pool of `transcoder` for `round`. A new pool takes the stake the BondingManager would use for it:
 * the transcoder's last recorded pool stake when that record is not newer than the round, else 0
 * (the contract's EarningsPool.totalStake as rewardWithHint syncs it).
 */
export function getOrCreatePool(round: BigInt, transcoder: Transcoder): Pool {
  const id = poolId(round, transcoder.id)
  let pool = Pool.load(id)
  if (pool != null) return pool
  pool = new Pool(id)
  pool.round = round.toString()
  pool.delegate = transcoder.id
  pool.fees = ZERO_BD
  pool.rewardTokens = null
  pool.rewardCut = transcoder.rewardCut
  pool.feeShare = transcoder.feeShare
  const stake = transcoder.lastActiveStakeUpdateRound.le(round) ? transcoder.lastActiveStake : ZERO_BI
  pool.totalStakeWei = stake
  pool.totalStake = toDecimal(stake)
  pool.rewardTokensWei = null
  pool.treasuryRewardTokens = null
  pool.feesWei = ZERO_BI
  pool.cumulativeRewardFactor = ZERO_BI
  pool.cumulativeFeeFactor = ZERO_BI
  pool.rewardCommission = ZERO_BI
  pool.feeCommission = ZERO_BI
  pool.selfStakeWei = null
  pool.rewardFactorAtClose = null
  pool.delegatorRewardReturn = null
  pool.delegatorFeeReturnLPT = null
  pool.orchestratorRewardReturn = null
  pool.delegatorRewardRate = null
  pool.delegatorFeeRate = null
  pool.delegatorRealRewardRate = null
  pool.orchestratorRewardRate = null
  return pool
}

export function getOrCreateDay(timestamp: i32, protocol: Protocol): Day {
  let day = Day.load(dayId(timestamp))
  if (day != null) return day
  day = new Day(dayId(timestamp))
  day.date = dayNumber(timestamp) * SECONDS_PER_DAY
  day.volumeETH = ZERO_BD
  day.volumeUSD = ZERO_BD
  day.totalActiveStake = protocol.totalActiveStake
  day.totalSupply = protocol.totalSupply
  day.participationRate = protocol.participationRate
  day.inflation = protocol.inflation
  day.numActiveTranscoders = protocol.numActiveTranscoders
  day.activeTranscoderCount = protocol.activeTranscoderCount
  day.delegatorsCount = protocol.delegatorsCount
  day.volumeWei = ZERO_BI
  day.totalActiveStakeWei = protocol.totalActiveStakeWei
  day.totalSupplyWei = protocol.totalSupplyWei
  day.treasuryBalance = protocol.treasuryBalance
  copyMetricsToDay(protocol, day)
  day.treasuryInflow = ZERO_BI
  return day
}

export function getOrCreateTranscoderDay(timestamp: i32, transcoder: string): TranscoderDay {
  const id = addressDayId(transcoder, timestamp)
  let day = TranscoderDay.load(id)
  if (day != null) return day
  day = new TranscoderDay(id)
  day.date = dayNumber(timestamp) * SECONDS_PER_DAY
  day.volumeETH = ZERO_BD
  day.volumeUSD = ZERO_BD
  day.transcoder = transcoder
  return day
}

export function getOrCreateBroadcasterDay(timestamp: i32, broadcaster: string): BroadcasterDay {
  const id = addressDayId(broadcaster, timestamp)
  let day = BroadcasterDay.load(id)
  if (day != null) return day
  day = new BroadcasterDay(id)
  day.date = dayNumber(timestamp) * SECONDS_PER_DAY
  day.volumeETH = ZERO_BD
  day.volumeUSD = ZERO_BD
  day.broadcaster = broadcaster
  return day
}

/** Governor settings keyed by the LivepeerGovernor address; values arrive with the governor's own events. */
export function getOrCreateGovernorSettings(): GovernorSettings {
  let settings = GovernorSettings.load(LIVEPEER_GOVERNOR_ADDRESS)
  if (settings != null) return settings
  settings = new GovernorSettings(LIVEPEER_GOVERNOR_ADDRESS)
  settings.votingDelay = ZERO_BI
  settings.votingPeriod = ZERO_BI
  settings.proposalThreshold = ZERO_BI
  settings.quorumNumerator = ZERO_BI
  settings.quorumDenominator = GOVERNOR_QUORUM_DENOMINATOR
  settings.quota = GOVERNOR_QUOTA
  settings.timelock = null
  settings.minDelay = ZERO_BI
  settings.proposalCount = 0
  return settings
}

/** The event's transaction; gasUsed comes from the receipt (0 when graph-node provides none). */
export function getOrCreateTransaction(event: ethereum.Event): Transaction {
  const id = event.transaction.hash.toHexString()
  let tx = Transaction.load(id)
  if (tx != null) return tx
  tx = new Transaction(id)
  tx.blockNumber = event.block.number
  tx.timestamp = event.block.timestamp.toI32()
  const receipt = event.receipt
  tx.gasUsed = ZERO_BI
  if (receipt) tx.gasUsed = receipt.gasUsed
  tx.gasLimit = event.transaction.gasLimit
  tx.gasPrice = event.transaction.gasPrice
  tx.from = event.transaction.from.toHexString()
  const to = event.transaction.to
  tx.to = ""
  if (to) tx.to = to.toHexString()
  tx.save()
  return tx
}
