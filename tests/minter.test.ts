import { BigInt } from "@graphprotocol/graph-ts"
import { assert, beforeEach, clearStore, describe, test } from "matchstick-as/assembly/index"

import { handleMinterParameterUpdate, handleSetCurrentRewardTokens } from "../src/minter"
import { newMinterParameterUpdateEvent, newSetCurrentRewardTokensEvent } from "./helpers/events"
import { lpt, MINTER } from "./helpers/fixtures"
import { mockMinterParameters } from "./helpers/mocks"

describe("handleSetCurrentRewardTokens", () => {
  beforeEach(() => {
    clearStore()
  })

  test("takes inflation and mintable tokens from the event, with no call", () => {
    handleSetCurrentRewardTokens(newSetCurrentRewardTokensEvent(lpt(8000), BigInt.fromI32(220500)))
    assert.fieldEquals("Protocol", "0", "inflation", "220500")
    assert.fieldEquals("Protocol", "0", "currentMintableTokens", lpt(8000).toString())
  })
})

describe("handleMinterParameterUpdate", () => {
  beforeEach(() => {
    clearStore()
  })

  test("reads the target bonding rate and inflation change", () => {
    mockMinterParameters(MINTER, BigInt.fromI32(460000000), BigInt.fromI32(700))
    handleMinterParameterUpdate(newMinterParameterUpdateEvent("targetBondingRate"))
    assert.fieldEquals("Protocol", "0", "targetBondingRate", "460000000")
    assert.fieldEquals("Protocol", "0", "inflationChange", "700")
    assert.entityCount("ParameterUpdateEvent", 1)
  })
})
