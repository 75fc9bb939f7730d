import { BigInt, Bytes } from "@graphprotocol/graph-ts"
import { assert, beforeEach, clearStore, describe, test } from "matchstick-as/assembly/index"

import { handlePollCreated } from "../src/pollCreator"
import { at, newPollCreatedEvent } from "./helpers/events"
import { freshTx } from "./helpers/scenario"

export const POLL = "0x00000000000000000000000000000000000000e9"

describe("handlePollCreated", () => {
  beforeEach(() => {
    clearStore()
  })

  test("creates the poll and starts indexing its votes", () => {
    const proposal = Bytes.fromUTF8("QmWBPdeDCi8uxQrUyTV38xwaeYxgmjQmx1Zkiw4vgQhj7x")
    handlePollCreated(at(newPollCreatedEvent(POLL, proposal, BigInt.fromI32(17343360), BigInt.fromI32(333300), BigInt.fromI32(500000)), freshTx(), 1, 100))
    assert.fieldEquals("Poll", POLL, "proposal", "QmWBPdeDCi8uxQrUyTV38xwaeYxgmjQmx1Zkiw4vgQhj7x")
    assert.fieldEquals("Poll", POLL, "endBlock", "17343360")
    assert.fieldEquals("Poll", POLL, "tally", "null")
    assert.dataSourceExists("Poll", POLL)
    assert.entityCount("PollCreatedEvent", 1)
  })
})
