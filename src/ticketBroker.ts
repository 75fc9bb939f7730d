import { BigInt, Bytes, log } from "@graphprotocol/graph-ts"

import {
  DepositFunded,
  ParameterUpdate,
  ReserveClaimed,
  ReserveFunded,
  TicketBroker,
  Unlock,
  UnlockCancelled,
  WinningTicketRedeemed,
  WinningTicketTransfer,
  Withdrawal,
} from "../generated/TicketBroker/TicketBroker"
import {
  DepositFundedEvent,
  ParameterUpdateEvent,
  Protocol,
  ReserveClaimedEvent,
  ReserveFundedEvent,
  UnlockCancelledEvent,
  UnlockEvent,
  WinningTicketRedeemedEvent,
  WinningTicketTransferEvent,
  WithdrawalEvent,
} from "../generated/schema"
import { claimFromReserve, markFunded, payFromDeposit, setDeposit, setReserve } from "./lib/broadcasters"
import { ONE_BI, ZERO_BI } from "./lib/constants"
import { applyFees } from "./lib/earnings"
import { getOrCreateBroadcaster, getOrCreateProtocol, getOrCreateTranscoder } from "./lib/entities"
import { fillEventBase } from "./lib/events"
import { eventId, eventIdAt } from "./lib/ids"
import { Ledger } from "./lib/ledger"
import { currentRound } from "./lib/rounds"
import { toDecimal } from "./lib/units"
import { recordFeeVolume } from "./lib/volume"

export function handleDepositFunded(event: DepositFunded): void {
  const round = currentRound()
  const broadcaster = getOrCreateBroadcaster(event.params.sender.toHexString())
  setDeposit(broadcaster, broadcaster.depositWei.plus(event.params.amount))
  markFunded(broadcaster, event.block.timestamp.toI32())
  broadcaster.save()

  const record = new DepositFundedEvent(eventId(event))
  fillEventBase(record, event, round.id)
  record.sender = broadcaster.id
  record.amountWei = event.params.amount
  record.amount = toDecimal(event.params.amount)
  record.save()
}

export function handleReserveFunded(event: ReserveFunded): void {
  const round = currentRound()
  const broadcaster = getOrCreateBroadcaster(event.params.reserveHolder.toHexString())
  setReserve(broadcaster, broadcaster.reserveWei.plus(event.params.amount))
  markFunded(broadcaster, event.block.timestamp.toI32())
  broadcaster.save()

  const record = new ReserveFundedEvent(eventId(event))
  fillEventBase(record, event, round.id)
  record.reserveHolder = broadcaster.id
  record.amountWei = event.params.amount
  record.amount = toDecimal(event.params.amount)
  record.save()
}

export function handleReserveClaimed(event: ReserveClaimed): void {
  const round = currentRound()
  const broadcaster = getOrCreateBroadcaster(event.params.reserveHolder.toHexString())
  claimFromReserve(broadcaster, event.params.amount)
  broadcaster.save()
  getOrCreateTranscoder(event.params.claimant.toHexString()).save()

  const record = new ReserveClaimedEvent(eventId(event))
  fillEventBase(record, event, round.id)
  record.reserveHolder = broadcaster.id
  record.claimant = event.params.claimant.toHexString()
  record.amountWei = event.params.amount
  record.amount = toDecimal(event.params.amount)
  record.save()
}

/** The ETH actually paid for a winning ticket: fee pool, commission, volumes, and the sender's deposit. */
export function handleWinningTicketTransfer(event: WinningTicketTransfer): void {
  const ledger = new Ledger(event)
  const recipient = event.params.recipient.toHexString()
  const broadcaster = getOrCreateBroadcaster(event.params.sender.toHexString())
  const amount = event.params.amount

  const pool = applyFees(ledger, recipient, amount)
  pool.feesWei = pool.feesWei.plus(amount)
  pool.fees = toDecimal(pool.feesWei)
  checkReserveClaim(event, broadcaster.depositWei, amount)
  payFromDeposit(broadcaster, amount)
  recordFeeVolume(event, amount, ledger.protocol, ledger.round, ledger.transcoder(recipient), broadcaster)
  broadcaster.save()
  ledger.commit()

  const record = new WinningTicketTransferEvent(eventId(event))
  fillEventBase(record, event, ledger.round.id)
  record.sender = broadcaster.id
  record.recipient = recipient
  record.amount = amount
  record.save()
}

/**
 * A payment above the deposit must be covered by the ReserveClaimed logged just before it; otherwise the
 * indexed funds are behind the contract (or the input is inconsistent), which is recorded as a warning.
 */
function checkReserveClaim(event: WinningTicketTransfer, deposit: BigInt, amount: BigInt): void {
  if (amount.le(deposit)) return
  const claim = ReserveClaimedEvent.load(eventIdAt(event.transaction.hash, event.logIndex.minus(ONE_BI)))
  const claimed = claim != null ? claim.amountWei : ZERO_BI
  if (!claimed.equals(amount.minus(deposit))) {
    log.warning("Ticket payment of {} wei from {} exceeds its indexed deposit {} plus reserve claim {}", [
      amount.toString(),
      event.params.sender.toHexString(),
      deposit.toString(),
      claimed.toString(),
    ])
  }
}

/** Ticket record; its payment was handled by the WinningTicketTransfer just before it (if any was due). */
export function handleWinningTicketRedeemed(event: WinningTicketRedeemed): void {
  const protocol = getOrCreateProtocol()
  protocol.winningTicketCount = protocol.winningTicketCount + 1
  protocol.save()
  const sender = getOrCreateBroadcaster(event.params.sender.toHexString())
  sender.save()
  const recipient = getOrCreateTranscoder(event.params.recipient.toHexString())
  recipient.save()
  const record = new WinningTicketRedeemedEvent(eventId(event))
  fillEventBase(record, event, protocol.currentRound)
  record.sender = sender.id
  record.recipient = recipient.id
  record.faceValueWei = event.params.faceValue
  record.faceValue = toDecimal(event.params.faceValue)
  record.faceValueUSD = record.faceValue.times(protocol.ethPriceUSD)
  record.winProb = event.params.winProb
  record.senderNonce = event.params.senderNonce
  record.recipientRand = event.params.recipientRand
  record.auxData = event.params.auxData
  record.paidAmount = paidAmountOf(event)
  record.creationRound = creationRoundOf(event.params.auxData)
  record.save()
}

/** auxData = creationRound (uint256, big-endian) ‖ creationRoundBlockHash; null unless it is 64 bytes. */
function creationRoundOf(auxData: Bytes): BigInt | null {
  if (auxData.length != 64) return null
  const bigEndian = auxData.slice(0, 32)
  bigEndian.reverse()
  return BigInt.fromUnsignedBytes(Bytes.fromUint8Array(bigEndian))
}

function paidAmountOf(event: WinningTicketRedeemed): BigInt {
  const transfer = WinningTicketTransferEvent.load(eventIdAt(event.transaction.hash, event.logIndex.minus(ONE_BI)))
  if (transfer == null) return ZERO_BI
  return transfer.amount
}

export function handleUnlock(event: Unlock): void {
  const round = currentRound()
  const broadcaster = getOrCreateBroadcaster(event.params.sender.toHexString())
  broadcaster.withdrawRound = event.params.endRound
  broadcaster.save()

  const record = new UnlockEvent(eventId(event))
  fillEventBase(record, event, round.id)
  record.sender = broadcaster.id
  record.startRound = event.params.startRound
  record.endRound = event.params.endRound
  record.save()
}

export function handleUnlockCancelled(event: UnlockCancelled): void {
  const round = currentRound()
  const broadcaster = getOrCreateBroadcaster(event.params.sender.toHexString())
  broadcaster.withdrawRound = null
  broadcaster.save()

  const record = new UnlockCancelledEvent(eventId(event))
  fillEventBase(record, event, round.id)
  record.sender = broadcaster.id
  record.save()
}

export function handleWithdrawal(event: Withdrawal): void {
  const round = currentRound()
  const broadcaster = getOrCreateBroadcaster(event.params.sender.toHexString())
  if (!broadcaster.depositWei.equals(event.params.deposit) || !broadcaster.reserveWei.equals(event.params.reserve)) {
    log.warning("Withdrawal of {} pays deposit {} and reserve {}; the index had {} and {}", [
      broadcaster.id,
      event.params.deposit.toString(),
      event.params.reserve.toString(),
      broadcaster.depositWei.toString(),
      broadcaster.reserveWei.toString(),
    ])
  }
  setDeposit(broadcaster, ZERO_BI)
  setReserve(broadcaster, ZERO_BI)
  broadcaster.withdrawRound = null
  broadcaster.save()

  const record = new WithdrawalEvent(eventId(event))
  fillEventBase(record, event, round.id)
  record.sender = broadcaster.id
  record.depositWei = event.params.deposit
  record.deposit = toDecimal(event.params.deposit)
  record.reserveWei = event.params.reserve
  record.reserve = toDecimal(event.params.reserve)
  record.save()
}

export function handleTicketBrokerParameterUpdate(event: ParameterUpdate): void {
  const protocol = getOrCreateProtocol()
  readTicketParameter(protocol, TicketBroker.bind(event.address), event.params.param)
  protocol.save()
  const record = new ParameterUpdateEvent(eventId(event))
  fillEventBase(record, event, protocol.currentRound)
  record.param = event.params.param
  record.save()
}

/** eth_call (1 per update): the event names the parameter but not its value. */
function readTicketParameter(protocol: Protocol, contract: TicketBroker, param: string): void {
  if (param == "unlockPeriod") {
    const value = contract.try_unlockPeriod()
    if (value.reverted) log.warning("unlockPeriod() reverted; keeping {}", [protocol.unlockPeriod.toString()])
    else protocol.unlockPeriod = value.value
  } else if (param == "ticketValidityPeriod") {
    const value = contract.try_ticketValidityPeriod()
    if (value.reverted) log.warning("ticketValidityPeriod() reverted; keeping the old value", [])
    else protocol.ticketValidityPeriod = value.value
  } else {
    log.warning("TicketBroker ParameterUpdate of unknown parameter {}", [param])
  }
}
