import { BigInt, Bytes } from "@graphprotocol/graph-ts"
import { assert, beforeEach, clearStore, describe, test } from "matchstick-as/assembly/index"

import { handleCallExecuted, handleCallScheduled, handleCancelled, handleMinDelayChange } from "../src/treasury"
import { at, newCallExecutedEvent, newCallScheduledEvent, newCancelledEvent, newMinDelayChangeEvent } from "./helpers/events"
import { LIVEPEER_GOVERNOR } from "./helpers/fixtures"
import { freshTx } from "./helpers/scenario"

const OPERATION = "0x" + "11".repeat(32)
const TARGET = "0x289ba1701c2f088cf0faf8b3705246331cb8a839"

function schedule(): void {
  const zero = Bytes.fromHexString("0x" + "00".repeat(32))
  handleCallScheduled(
    at(newCallScheduledEvent(Bytes.fromHexString(OPERATION), BigInt.zero(), TARGET, BigInt.zero(), Bytes.fromHexString("0x01"), zero, BigInt.fromI32(60)), freshTx(), 1, 100),
  )
}

describe("timelock operations", () => {
  beforeEach(() => {
    clearStore()
    schedule()
  })

  test("schedules an operation with its calls", () => {
    assert.fieldEquals("TreasuryOperation", OPERATION, "state", "Scheduled")
    assert.fieldEquals("TreasuryOperation", OPERATION, "delay", "60")
    assert.fieldEquals("TreasuryCall", OPERATION + "-0", "target", TARGET)
  })

  test("cancels an operation", () => {
    handleCancelled(at(newCancelledEvent(Bytes.fromHexString(OPERATION)), freshTx(), 1, 200))
    assert.fieldEquals("TreasuryOperation", OPERATION, "state", "Canceled")
  })

  test("ignores the execution of an unknown operation", () => {
    handleCallExecuted(at(newCallExecutedEvent(Bytes.fromHexString("0x" + "22".repeat(32)), BigInt.zero(), TARGET, BigInt.zero(), Bytes.empty()), freshTx(), 1, 300))
    assert.entityCount("TreasuryOperation", 1)
  })
})

describe("handleMinDelayChange", () => {
  beforeEach(() => {
    clearStore()
  })

  test("records the timelock delay on the governor settings", () => {
    handleMinDelayChange(newMinDelayChangeEvent(BigInt.zero(), BigInt.fromI32(86400)))
    assert.fieldEquals("GovernorSettings", LIVEPEER_GOVERNOR, "minDelay", "86400")
  })
})
