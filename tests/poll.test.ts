import { Address, BigInt, Bytes } from "@graphprotocol/graph-ts"
import { assert, beforeEach, clearStore, describe, test } from "matchstick-as/assembly/index"

import { handleTranscoderUpdate } from "../src/bondingManager"
import { handleVote } from "../src/poll"
import { handlePollCreated } from "../src/pollCreator"
import { voteId } from "../src/lib/ids"
import { at, newPollCreatedEvent, newTranscoderUpdateEvent, newVoteEvent } from "./helpers/events"
import { DELEGATOR, DELEGATOR_2, lpt, NEXT_ROUND, ROUND, TRANSCODER, ZERO } from "./helpers/fixtures"
import { mockDefaultPrices } from "./helpers/mocks"
import { bondFromUnbonded, freshTx, initializeRound } from "./helpers/scenario"

const POLL = "0x00000000000000000000000000000000000000e9"
const DAY = 86400 * 19000

function vote(voter: string, choice: i32): void {
  const event = at(newVoteEvent(voter, BigInt.fromI32(choice)), freshTx(), 1, DAY + 100)
  event.address = Address.fromString(POLL)
  handleVote(event)
}

describe("handleVote", () => {
  beforeEach(() => {
    clearStore()
    mockDefaultPrices()
    initializeRound(ROUND, lpt(30), BigInt.fromI32(220500), DAY)
    bondFromUnbonded(TRANSCODER, TRANSCODER, lpt(1000), ROUND, NEXT_ROUND, DAY + 10)
    handleTranscoderUpdate(at(newTranscoderUpdateEvent(TRANSCODER, BigInt.fromI32(100000), BigInt.fromI32(500000)), freshTx(), 1, DAY + 20))
    bondFromUnbonded(DELEGATOR, TRANSCODER, lpt(500), ROUND, BigInt.zero(), DAY + 30)
    handlePollCreated(at(newPollCreatedEvent(POLL, Bytes.fromUTF8("Qm"), BigInt.fromI32(17343360), BigInt.fromI32(333300), BigInt.fromI32(500000)), freshTx(), 1, DAY + 40))
  })

  test("deducts a delegator's stake from its transcoder's vote", () => {
    vote(TRANSCODER, 0)
    vote(DELEGATOR, 1)
    assert.fieldEquals("PollTally", POLL, "yesWei", lpt(1000).toString())
    assert.fieldEquals("PollTally", POLL, "noWei", lpt(500).toString())
    assert.fieldEquals("Vote", voteId(TRANSCODER, POLL), "nonVoteStakeWei", lpt(500).toString())
    assert.fieldEquals("Poll", POLL, "tally", POLL)
  })

  test("moves a changed vote to the new choice", () => {
    vote(DELEGATOR, 1)
    vote(TRANSCODER, 0)
    vote(DELEGATOR, 0)
    assert.fieldEquals("PollTally", POLL, "yesWei", lpt(1500).toString())
    assert.fieldEquals("PollTally", POLL, "noWei", "0")
    assert.fieldEquals("PollTally", POLL, "yes", "1500")
  })

  test("creates no placeholder votes when stake moves during a poll", () => {
    vote(DELEGATOR, 0)
    bondFromUnbonded(DELEGATOR_2, TRANSCODER, lpt(50), ROUND, BigInt.zero(), DAY + 200)
    assert.notInStore("Vote", voteId(ZERO, POLL))
    assert.notInStore("Vote", voteId(DELEGATOR_2, POLL))
    assert.entityCount("Vote", 2)
    assert.fieldEquals("PollTally", POLL, "yesWei", lpt(500).toString())
  })

  test("ignores a choice other than yes or no", () => {
    vote(DELEGATOR, 7)
    assert.entityCount("Vote", 0)
    assert.entityCount("VoteEvent", 0)
  })
})
