import { assert, beforeEach, clearStore, describe, test } from "matchstick-as/assembly/index"

import { handleCacheTotalSupplyFinalized } from "../src/l2LptDataCache"
import { at, newCacheTotalSupplyFinalizedEvent } from "./helpers/events"
import { lpt } from "./helpers/fixtures"
import { freshTx } from "./helpers/scenario"

describe("handleCacheTotalSupplyFinalized", () => {
  beforeEach(() => {
    clearStore()
  })

  test("counts the cached L1 supply in the global supply", () => {
    handleCacheTotalSupplyFinalized(at(newCacheTotalSupplyFinalizedEvent(lpt(27000000)), freshTx(), 1, 100))
    assert.fieldEquals("Protocol", "0", "l1TotalSupply", lpt(27000000).toString())
    assert.fieldEquals("Protocol", "0", "totalSupplyWei", lpt(27000000).toString())
    assert.fieldEquals("Round", "0", "totalSupplyWei", lpt(27000000).toString())
  })
})

describe("cache records", () => {
  beforeEach(() => {
    clearStore()
  })

  test("records each cached total supply", () => {
    const tx = freshTx()
    handleCacheTotalSupplyFinalized(at(newCacheTotalSupplyFinalizedEvent(lpt(5)), tx, 1, 100))
    assert.fieldEquals("CacheTotalSupplyFinalizedEvent", tx.toHexString() + "-1", "totalSupply", lpt(5).toString())
  })
})
