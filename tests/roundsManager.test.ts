import { BigInt } from "@graphprotocol/graph-ts"
import { assert, beforeEach, clearStore, describe, test } from "matchstick-as/assembly/index"

import { handleTranscoderDeactivated } from "../src/bondingManager"
import { handleRoundsManagerParameterUpdate } from "../src/roundsManager"
import { poolId } from "../src/lib/ids"
import { at, newRoundsManagerParameterUpdateEvent, newTranscoderDeactivatedEvent } from "./helpers/events"
import { lpt, NEXT_ROUND, ROUND, ROUND_LENGTH, TRANSCODER, TRANSCODER_2 } from "./helpers/fixtures"
import { mockDefaultPrices, mockRevertingGetter, mockRoundLength, mockRoundLockAmount } from "./helpers/mocks"
import { bondFromUnbonded, freshTx, initializeRound } from "./helpers/scenario"

const DAY = 86400 * 19000
const UPDATE_START_BLOCK = BigInt.fromI32(17280000)

describe("handleNewRound", () => {
  beforeEach(() => {
    clearStore()
    mockDefaultPrices()
    mockRoundLength(ROUND_LENGTH, ROUND, UPDATE_START_BLOCK)
    handleRoundsManagerParameterUpdate(newRoundsManagerParameterUpdateEvent("roundLength"))
    initializeRound(ROUND, lpt(30), BigInt.fromI32(220500), DAY)
    bondFromUnbonded(TRANSCODER, TRANSCODER, lpt(1000), ROUND, NEXT_ROUND, DAY + 10)
    bondFromUnbonded(TRANSCODER_2, TRANSCODER_2, lpt(300), ROUND, NEXT_ROUND, DAY + 20)
  })

  test("opens a pool per transcoder pool member and sums their stake", () => {
    initializeRound(NEXT_ROUND, lpt(30), BigInt.fromI32(221000), DAY + 86400)
    assert.fieldEquals("Round", "3001", "initialized", "true")
    assert.fieldEquals("Round", "3001", "totalActiveStakeWei", lpt(1300).toString())
    assert.fieldEquals("Round", "3001", "startBlock", "17285760")
    assert.fieldEquals("Round", "3001", "endBlock", "17291520")
    assert.fieldEquals("Round", "3001", "mintableTokensWei", lpt(30).toString())
    assert.fieldEquals("Pool", poolId(NEXT_ROUND, TRANSCODER_2), "totalStakeWei", lpt(300).toString())
    assert.fieldEquals("Transcoder", TRANSCODER, "active", "true")
    assert.fieldEquals("Protocol", "0", "currentRound", "3001")
    assert.fieldEquals("Protocol", "0", "totalActiveStakeWei", lpt(1300).toString())
    assert.fieldEquals("Protocol", "0", "pendingActivation", "[]")
  })

  test("records the Minter's reward tokens with the round being initialized", () => {
    initializeRound(NEXT_ROUND, lpt(30), BigInt.fromI32(221000), DAY + 86400)
    assert.entityCount("SetCurrentRewardTokensEvent", 2)
    assert.fieldEquals("Round", "3001", "inflation", "221000")
  })

  test("opens no pool for a transcoder that left the pool", () => {
    handleTranscoderDeactivated(at(newTranscoderDeactivatedEvent(TRANSCODER_2, NEXT_ROUND), freshTx(), 1, DAY + 30))
    initializeRound(NEXT_ROUND, lpt(30), BigInt.fromI32(221000), DAY + 86400)
    assert.notInStore("Pool", poolId(NEXT_ROUND, TRANSCODER_2))
    assert.fieldEquals("Round", "3001", "totalActiveStakeWei", lpt(1000).toString())
  })

  test("reads prices once per round", () => {
    initializeRound(NEXT_ROUND, lpt(30), BigInt.fromI32(221000), DAY + 86400)
    assert.fieldEquals("Protocol", "0", "lptPriceEth", "0.00390625")
    assert.fieldEquals("Protocol", "0", "ethPriceUSD", "1600")
  })

  test("keeps the previous prices when a pool call reverts", () => {
    mockRevertingGetter("0x4fd47e5102dfbf95541f64ed6fe13d4ed26d2546", "slot0", "uint160,int24,uint16,uint16,uint16,uint8,bool")
    initializeRound(NEXT_ROUND, lpt(30), BigInt.fromI32(221000), DAY + 86400)
    assert.fieldEquals("Protocol", "0", "lptPriceEth", "0.00390625")
    assert.fieldEquals("Round", "3001", "initialized", "true")
  })
})

describe("handleRoundsManagerParameterUpdate", () => {
  beforeEach(() => {
    clearStore()
  })

  test("makes the round of the length update current before the first NewRound", () => {
    mockRoundLength(ROUND_LENGTH, ROUND, UPDATE_START_BLOCK)
    handleRoundsManagerParameterUpdate(newRoundsManagerParameterUpdateEvent("roundLength"))
    assert.fieldEquals("Protocol", "0", "roundLength", "5760")
    assert.fieldEquals("Protocol", "0", "currentRound", "3000")
    assert.fieldEquals("Round", "3000", "startBlock", UPDATE_START_BLOCK.toString())
  })

  test("recomputes the lock period when the round length changes", () => {
    mockRoundLockAmount(BigInt.fromI32(100000))
    handleRoundsManagerParameterUpdate(newRoundsManagerParameterUpdateEvent("roundLockAmount"))
    assert.fieldEquals("Protocol", "0", "lockPeriod", "0")
    mockRoundLength(ROUND_LENGTH, ROUND, UPDATE_START_BLOCK)
    handleRoundsManagerParameterUpdate(newRoundsManagerParameterUpdateEvent("roundLength"))
    assert.fieldEquals("Protocol", "0", "lockPeriod", "576")
  })
})

describe("round records", () => {
  beforeEach(() => {
    clearStore()
    mockDefaultPrices()
  })

  test("records NewRound with the round's block hash", () => {
    initializeRound(ROUND, lpt(30), BigInt.fromI32(220500), DAY)
    assert.entityCount("NewRoundEvent", 1)
    assert.fieldEquals("Round", "3000", "blockHash", "0x" + "ab".repeat(32))
    assert.fieldEquals("Round", "3000", "startTimestamp", DAY.toString())
    assert.fieldEquals("Protocol", "0", "roundCount", "1")
    assert.fieldEquals("Day", (DAY / 86400).toString(), "inflation", "220500")
  })
})
