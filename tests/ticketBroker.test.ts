import { BigInt, Bytes } from "@graphprotocol/graph-ts"
import { assert, beforeEach, clearStore, describe, test } from "matchstick-as/assembly/index"

import {
  handleDepositFunded,
  handleTicketBrokerParameterUpdate,
  handleReserveClaimed,
  handleReserveFunded,
  handleUnlock,
  handleUnlockCancelled,
  handleWinningTicketRedeemed,
  handleWinningTicketTransfer,
  handleWithdrawal,
} from "../src/ticketBroker"
import { handleTranscoderUpdate } from "../src/bondingManager"
import { addressDayId, poolId } from "../src/lib/ids"
import {
  at,
  newDepositFundedEvent,
  newReserveClaimedEvent,
  newReserveFundedEvent,
  newTicketBrokerParameterUpdateEvent,
  newTranscoderUpdateEvent,
  newUnlockCancelledEvent,
  newUnlockEvent,
  newWinningTicketRedeemedEvent,
  newWinningTicketTransferEvent,
  newWithdrawalEvent,
} from "./helpers/events"
import { big, BROADCASTER, eth, lpt, NEXT_ROUND, ROUND, TRANSCODER } from "./helpers/fixtures"
import { mockDefaultPrices, mockTicketBrokerGetter } from "./helpers/mocks"
import { bondFromUnbonded, freshTx, initializeRound } from "./helpers/scenario"

const DAY = 86400 * 19000
const TENTH = big("100000000000000000")
const FIFTH = big("200000000000000000")
const TWENTIETH = big("50000000000000000")
// creationRound 3000 ‖ a block hash
const AUX_DATA = Bytes.fromHexString(
  "0x0000000000000000000000000000000000000000000000000000000000000bb8" + "cd".repeat(32),
)

function activeTranscoder(): void {
  mockDefaultPrices()
  initializeRound(ROUND, lpt(30), BigInt.fromI32(220500), DAY)
  bondFromUnbonded(TRANSCODER, TRANSCODER, lpt(1000), ROUND, NEXT_ROUND, DAY + 10)
  handleTranscoderUpdate(at(newTranscoderUpdateEvent(TRANSCODER, BigInt.fromI32(100000), BigInt.fromI32(500000)), freshTx(), 1, DAY + 20))
  initializeRound(NEXT_ROUND, lpt(30), BigInt.fromI32(221000), DAY + 86400)
}

function fund(deposit: BigInt, reserve: BigInt): void {
  const tx = freshTx()
  handleReserveFunded(at(newReserveFundedEvent(BROADCASTER, reserve), tx, 1, DAY + 86400 + 5))
  handleDepositFunded(at(newDepositFundedEvent(BROADCASTER, deposit), tx, 2, DAY + 86400 + 5))
}

/** [ReserveClaimed] -> [WinningTicketTransfer] -> WinningTicketRedeemed in one transaction. */
function redeem(faceValue: BigInt, reserveClaim: BigInt, paid: BigInt): Bytes {
  const tx = freshTx()
  const time = DAY + 86400 + 100
  if (!reserveClaim.isZero()) handleReserveClaimed(at(newReserveClaimedEvent(BROADCASTER, TRANSCODER, reserveClaim), tx, 1, time))
  if (!paid.isZero()) handleWinningTicketTransfer(at(newWinningTicketTransferEvent(BROADCASTER, TRANSCODER, paid), tx, 2, time))
  handleWinningTicketRedeemed(
    at(newWinningTicketRedeemedEvent(BROADCASTER, TRANSCODER, faceValue, BigInt.fromI32(7), BigInt.fromI32(1), BigInt.fromI32(9), AUX_DATA), tx, 3, time),
  )
  return tx
}

describe("handleWinningTicketRedeemed", () => {
  beforeEach(() => {
    clearStore()
    activeTranscoder()
  })

  test("pays a ticket from the deposit alone", () => {
    fund(eth(1), eth(1))
    const tx = redeem(TENTH, BigInt.zero(), TENTH)
    assert.fieldEquals("Broadcaster", BROADCASTER, "depositWei", "900000000000000000")
    assert.fieldEquals("Broadcaster", BROADCASTER, "reserveWei", eth(1).toString())
    const ticket = tx.toHexString() + "-3"
    assert.fieldEquals("WinningTicketRedeemedEvent", ticket, "paidAmount", TENTH.toString())
    assert.fieldEquals("WinningTicketRedeemedEvent", ticket, "creationRound", "3000")
    assert.fieldEquals("WinningTicketRedeemedEvent", ticket, "faceValueUSD", "160")
    assert.fieldEquals("Protocol", "0", "winningTicketCount", "1")
  })

  test("takes only the shortfall from the reserve when the deposit is too small", () => {
    fund(TWENTIETH, eth(1))
    redeem(FIFTH, big("150000000000000000"), FIFTH)
    assert.fieldEquals("Broadcaster", BROADCASTER, "depositWei", "0")
    assert.fieldEquals("Broadcaster", BROADCASTER, "reserveWei", "850000000000000000")
    assert.fieldEquals("Broadcaster", BROADCASTER, "reserve", "0.85")
  })

  test("counts fee volume as the amount actually paid, not the face value", () => {
    fund(TWENTIETH, eth(1))
    redeem(eth(1), big("150000000000000000"), FIFTH)
    assert.fieldEquals("Protocol", "0", "totalVolumeWei", FIFTH.toString())
    assert.fieldEquals("Protocol", "0", "totalVolumeETH", "0.2")
    assert.fieldEquals("Protocol", "0", "totalVolumeUSD", "320")
    assert.fieldEquals("Round", "3001", "volumeWei", FIFTH.toString())
    assert.fieldEquals("Transcoder", TRANSCODER, "totalVolumeWei", FIFTH.toString())
    assert.fieldEquals("Broadcaster", BROADCASTER, "totalVolumeWei", FIFTH.toString())
    assert.fieldEquals("Pool", poolId(NEXT_ROUND, TRANSCODER), "fees", "0.2")
    assert.fieldEquals("TranscoderDay", addressDayId(TRANSCODER, DAY + 86400 + 100), "volumeETH", "0.2")
  })

  test("records a ticket that paid nothing", () => {
    const tx = redeem(TENTH, BigInt.zero(), BigInt.zero())
    assert.fieldEquals("WinningTicketRedeemedEvent", tx.toHexString() + "-3", "paidAmount", "0")
    assert.fieldEquals("Protocol", "0", "totalVolumeWei", "0")
  })

  test("does not abort on a payment larger than deposit plus reserve claim", () => {
    fund(TWENTIETH, BigInt.zero())
    redeem(FIFTH, BigInt.zero(), FIFTH)
    assert.fieldEquals("Broadcaster", BROADCASTER, "depositWei", "0")
    assert.fieldEquals("Broadcaster", BROADCASTER, "reserveWei", "0")
    assert.fieldEquals("Pool", poolId(NEXT_ROUND, TRANSCODER), "feesWei", FIFTH.toString())
  })
})

describe("handleReserveClaimed", () => {
  beforeEach(() => {
    clearStore()
    activeTranscoder()
  })

  test("floors the reserve at zero for a claim larger than the indexed reserve", () => {
    fund(BigInt.zero(), TENTH)
    handleReserveClaimed(at(newReserveClaimedEvent(BROADCASTER, TRANSCODER, FIFTH), freshTx(), 1, DAY + 86400 + 50))
    assert.fieldEquals("Broadcaster", BROADCASTER, "reserveWei", "0")
  })
})

describe("handleDepositFunded", () => {
  beforeEach(() => {
    clearStore()
    activeTranscoder()
  })

  test("sets the first funded day once", () => {
    fund(eth(1), eth(2))
    handleDepositFunded(at(newDepositFundedEvent(BROADCASTER, eth(1)), freshTx(), 1, DAY + 5 * 86400))
    assert.fieldEquals("Broadcaster", BROADCASTER, "depositWei", eth(2).toString())
    assert.fieldEquals("Broadcaster", BROADCASTER, "firstFundedDay", (DAY + 86400).toString())
    assert.fieldEquals("Broadcaster", BROADCASTER, "firstActiveDay", (DAY + 86400).toString())
  })
})

describe("handleUnlock", () => {
  beforeEach(() => {
    clearStore()
    activeTranscoder()
  })

  test("tracks the withdraw round until cancelled", () => {
    handleUnlock(at(newUnlockEvent(BROADCASTER, NEXT_ROUND, BigInt.fromI32(3003)), freshTx(), 1, DAY + 86400 + 50))
    assert.fieldEquals("Broadcaster", BROADCASTER, "withdrawRound", "3003")
    handleUnlockCancelled(at(newUnlockCancelledEvent(BROADCASTER), freshTx(), 1, DAY + 86400 + 60))
    assert.fieldEquals("Broadcaster", BROADCASTER, "withdrawRound", "null")
    assert.entityCount("UnlockEvent", 1)
    assert.entityCount("UnlockCancelledEvent", 1)
  })
})

describe("handleWithdrawal", () => {
  beforeEach(() => {
    clearStore()
    activeTranscoder()
  })

  test("empties deposit and reserve", () => {
    fund(eth(1), eth(2))
    handleWithdrawal(at(newWithdrawalEvent(BROADCASTER, eth(1), eth(2)), freshTx(), 1, DAY + 86400 + 60))
    assert.fieldEquals("Broadcaster", BROADCASTER, "depositWei", "0")
    assert.fieldEquals("Broadcaster", BROADCASTER, "reserveWei", "0")
  })
})

describe("handleTicketBrokerParameterUpdate", () => {
  beforeEach(() => {
    clearStore()
  })

  test("reads the unlock period", () => {
    mockTicketBrokerGetter("unlockPeriod", BigInt.fromI32(2))
    handleTicketBrokerParameterUpdate(newTicketBrokerParameterUpdateEvent("unlockPeriod"))
    assert.fieldEquals("Protocol", "0", "unlockPeriod", "2")
  })
})

describe("ticket records", () => {
  beforeEach(() => {
    clearStore()
    activeTranscoder()
  })

  test("records funding, the reserve claim, the payment and the broadcaster's day", () => {
    const funding = freshTx()
    handleReserveFunded(at(newReserveFundedEvent(BROADCASTER, eth(1)), funding, 1, DAY + 86400 + 5))
    handleDepositFunded(at(newDepositFundedEvent(BROADCASTER, TWENTIETH), funding, 2, DAY + 86400 + 5))
    const tx = redeem(FIFTH, big("150000000000000000"), FIFTH)
    const id = tx.toHexString()
    assert.fieldEquals("ReserveFundedEvent", funding.toHexString() + "-1", "amountWei", eth(1).toString())
    assert.fieldEquals("DepositFundedEvent", funding.toHexString() + "-2", "amount", "0.05")
    assert.fieldEquals("ReserveClaimedEvent", id + "-1", "claimant", TRANSCODER)
    assert.fieldEquals("WinningTicketTransferEvent", id + "-2", "amount", FIFTH.toString())
    assert.fieldEquals("BroadcasterDay", addressDayId(BROADCASTER, DAY + 86400 + 100), "volumeETH", "0.2")
    assert.fieldEquals("Broadcaster", BROADCASTER, "lastFundedDay", (DAY + 86400).toString())

    const withdrawal = freshTx()
    handleWithdrawal(at(newWithdrawalEvent(BROADCASTER, BigInt.zero(), big("850000000000000000")), withdrawal, 1, DAY + 4 * 86400))
    assert.fieldEquals("WithdrawalEvent", withdrawal.toHexString() + "-1", "reserve", "0.85")
  })
})
