import { BigInt } from "@graphprotocol/graph-ts"
import { assert, beforeEach, clearStore, describe, test } from "matchstick-as/assembly/index"

import {
  handleDelegateChanged,
  handleDelegateVotesChanged,
  handleDelegatorBondedAmountChanged,
} from "../src/bondingVotes"
import { delegatedAt } from "../src/lib/checkpoints"
import { bondingCheckpointId } from "../src/lib/ids"
import {
  at,
  newDelegateChangedEvent,
  newDelegateVotesChangedEvent,
  newDelegatorBondedAmountChangedEvent,
} from "./helpers/events"
import { DELEGATOR, lpt, TRANSCODER, TRANSCODER_2, ZERO } from "./helpers/fixtures"
import { mockDefaultPrices } from "./helpers/mocks"
import { freshTx, initializeRound } from "./helpers/scenario"

describe("BondingVotes checkpoints", () => {
  beforeEach(() => {
    clearStore()
    mockDefaultPrices()
    initializeRound(BigInt.fromI32(3000), lpt(30), BigInt.fromI32(220500), 1000)
  })

  test("merges the events of one round into one checkpoint for the next round", () => {
    const tx = freshTx()
    handleDelegateChanged(at(newDelegateChangedEvent(TRANSCODER, ZERO, TRANSCODER), tx, 1, 1100))
    handleDelegateVotesChanged(at(newDelegateVotesChangedEvent(TRANSCODER, BigInt.zero(), lpt(1000)), tx, 2, 1100))
    handleDelegatorBondedAmountChanged(
      at(newDelegatorBondedAmountChangedEvent(TRANSCODER, BigInt.zero(), BigInt.zero(), lpt(1000), BigInt.fromI32(3000)), tx, 3, 1100),
    )
    const id = bondingCheckpointId(TRANSCODER, BigInt.fromI32(3001))
    assert.fieldEquals("BondingCheckpoint", id, "delegate", TRANSCODER)
    assert.fieldEquals("BondingCheckpoint", id, "votes", lpt(1000).toString())
    assert.fieldEquals("BondingCheckpoint", id, "bondedAmount", lpt(1000).toString())
    assert.fieldEquals("BondingCheckpoint", id, "lastClaimRound", "3000")
    assert.fieldEquals("LivepeerAccount", TRANSCODER, "votes", lpt(1000).toString())
    assert.fieldEquals("LivepeerAccount", TRANSCODER, "bondingCheckpoint", id)
  })

  test("answers delegatedAt from the checkpoint history", () => {
    handleDelegateChanged(at(newDelegateChangedEvent(DELEGATOR, ZERO, TRANSCODER), freshTx(), 1, 1100))
    initializeRound(BigInt.fromI32(3001), lpt(30), BigInt.fromI32(221000), 2000)
    initializeRound(BigInt.fromI32(3002), lpt(30), BigInt.fromI32(221500), 3000)
    handleDelegateChanged(at(newDelegateChangedEvent(DELEGATOR, TRANSCODER, TRANSCODER_2), freshTx(), 1, 3100))
    // checkpoints start at 3001 (TRANSCODER) and 3003 (TRANSCODER_2); delegatedAt(r) reads round r + 1
    assert.stringEquals(delegatedAt(DELEGATOR, BigInt.fromI32(2999)), ZERO)
    assert.stringEquals(delegatedAt(DELEGATOR, BigInt.fromI32(3000)), TRANSCODER)
    assert.stringEquals(delegatedAt(DELEGATOR, BigInt.fromI32(3001)), TRANSCODER)
    assert.stringEquals(delegatedAt(DELEGATOR, BigInt.fromI32(3002)), TRANSCODER_2)
    assert.fieldEquals("BondingCheckpoint", bondingCheckpointId(DELEGATOR, BigInt.fromI32(3003)), "previous", bondingCheckpointId(DELEGATOR, BigInt.fromI32(3001)))
  })
})
