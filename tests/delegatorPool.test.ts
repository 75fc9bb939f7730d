import { Address } from "@graphprotocol/graph-ts"
import { assert, beforeEach, clearStore, describe, test } from "matchstick-as/assembly/index"

import { handleClaimed, handleDelegatorPoolInitialized } from "../src/delegatorPool"
import { at, newClaimedEvent, newDelegatorPoolInitializedEvent } from "./helpers/events"
import { BONDING_MANAGER, big, DELEGATOR, lpt } from "./helpers/fixtures"
import { freshTx } from "./helpers/scenario"

const POOL = "0x00000000000000000000000000000000000000c1"
const MIGRATOR = "0x148d5b6b4df9530c7c76a810bd1cdf69ec4c2085"

describe("handleDelegatorPoolInitialized", () => {
  beforeEach(() => {
    clearStore()
  })

  test("records the initial stake", () => {
    const event = newDelegatorPoolInitializedEvent(BONDING_MANAGER, MIGRATOR, lpt(600))
    event.address = Address.fromString(POOL)
    handleDelegatorPoolInitialized(event)
    assert.fieldEquals("DelegatorPool", POOL, "initialStake", lpt(600).toString())
  })
})

describe("handleClaimed", () => {
  beforeEach(() => {
    clearStore()
  })

  test("adds up claimed stake and fees", () => {
    for (let i = 0; i < 2; i++) {
      const event = at(newClaimedEvent(DELEGATOR, lpt(10), big("3")), freshTx(), 1, 100)
      event.address = Address.fromString(POOL)
      handleClaimed(event)
    }
    assert.fieldEquals("DelegatorPool", POOL, "claimedStake", lpt(20).toString())
    assert.fieldEquals("DelegatorPool", POOL, "claimedFees", "6")
    assert.entityCount("DelegatorPoolClaimedEvent", 2)
  })
})
