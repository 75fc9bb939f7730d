import { BigInt, Bytes } from "@graphprotocol/graph-ts"
import { assert, beforeEach, clearStore, describe, test } from "matchstick-as/assembly/index"

import { handleDelegateChanged } from "../src/bondingVotes"
import {
  handleProposalCanceled,
  handleProposalCreated,
  handleProposalExecuted,
  handleProposalQueued,
  handleQuorumNumeratorUpdated,
  handleVoteCast,
  handleVotingDelaySet,
} from "../src/livepeerGovernor"
import { handleCallExecuted, handleCallSalt, handleCallScheduled } from "../src/treasury"
import { treasuryVoteDeductionId, treasuryVoteId } from "../src/lib/ids"
import {
  at,
  newCallExecutedEvent,
  newCallSaltEvent,
  newCallScheduledEvent,
  newDelegateChangedEvent,
  newProposalCanceledEvent,
  newProposalCreatedEvent,
  newProposalExecutedEvent,
  newProposalQueuedEvent,
  newQuorumNumeratorUpdatedEvent,
  newVoteCastEvent,
  newVotingDelaySetEvent,
} from "./helpers/events"
import { big, DELEGATOR, LIVEPEER_GOVERNOR, lpt, NEXT_ROUND, ROUND, TRANSCODER, ZERO } from "./helpers/fixtures"
import { mockDefaultPrices } from "./helpers/mocks"
import { bondFromUnbonded, freshTx, initializeRound } from "./helpers/scenario"

const DAY = 86400 * 19000
const LPT_TOKEN = "0x289ba1701c2f088cf0faf8b3705246331cb8a839"
const DESCRIPTION = "LIP-999: fund a grant"
// keccak256(abi.encode(targets, values, calldatas, keccak256(description))), computed with viem
const PROPOSAL_ID = big("25458736898360957183192675058502376894597582672851368518514932171668500661001")
// Treasury.hashOperationBatch(targets, values, calldatas, 0, keccak256(description)), computed with viem
const OPERATION_ID = "0x0e16510aab32429fb0c056f4c7ebdddc82de93423dc3d379c71cbfcbbf8bff90"
const SALT = "0x6e01f195e948811ed16be4c6a39830f63245735545dc8a840f9f3f9c4e76ed70"
const CALLDATA =
  "0xa9059cbb00000000000000000000000000000000000000000000000000000000000000d10000000000000000000000000000000000000000000000056bc75e2d63100000"

function round(n: i32): BigInt {
  return BigInt.fromI32(n)
}

/** Transcoder (1000 LPT) and its delegator (500 LPT) bonded in round 3000, checkpointed for 3001. */
function bondedAccounts(): void {
  mockDefaultPrices()
  handleQuorumNumeratorUpdated(newQuorumNumeratorUpdatedEvent(BigInt.zero(), BigInt.fromI32(333300)))
  handleVotingDelaySet(newVotingDelaySetEvent(BigInt.zero(), BigInt.fromI32(1)))
  initializeRound(ROUND, lpt(30), BigInt.fromI32(220500), DAY)
  bondFromUnbonded(TRANSCODER, TRANSCODER, lpt(1000), ROUND, NEXT_ROUND, DAY + 10)
  handleDelegateChanged(at(newDelegateChangedEvent(TRANSCODER, ZERO, TRANSCODER), freshTx(), 9, DAY + 10))
  bondFromUnbonded(DELEGATOR, TRANSCODER, lpt(500), ROUND, BigInt.zero(), DAY + 20)
  handleDelegateChanged(at(newDelegateChangedEvent(DELEGATOR, ZERO, TRANSCODER), freshTx(), 9, DAY + 20))
}

function createProposal(): void {
  handleProposalCreated(
    at(
      newProposalCreatedEvent(PROPOSAL_ID, TRANSCODER, [LPT_TOKEN], [BigInt.zero()], [""], [Bytes.fromHexString(CALLDATA)], NEXT_ROUND, round(3011), DESCRIPTION),
      freshTx(),
      1,
      DAY + 30,
    ),
  )
}

function vote(voter: string, support: i32, weight: BigInt): void {
  handleVoteCast(at(newVoteCastEvent(voter, PROPOSAL_ID, support, weight, ""), freshTx(), 1, DAY + 2 * 86400 + 10))
}

describe("proposal lifecycle", () => {
  beforeEach(() => {
    clearStore()
    bondedAccounts()
    createProposal()
  })

  test("is pending until the round after the snapshot", () => {
    const id = PROPOSAL_ID.toString()
    assert.fieldEquals("TreasuryProposal", id, "state", "Pending")
    initializeRound(NEXT_ROUND, lpt(30), BigInt.fromI32(221000), DAY + 86400)
    assert.fieldEquals("TreasuryProposal", id, "state", "Pending")
    initializeRound(round(3002), lpt(30), BigInt.fromI32(221500), DAY + 2 * 86400)
    assert.fieldEquals("TreasuryProposal", id, "state", "Active")
    // 1500e18 total active stake * 333300 / 10^6
    assert.fieldEquals("TreasuryProposal", id, "quorum", "499950000000000000000")
  })

  test("deducts a delegator's vote from its orchestrator's choice", () => {
    initializeRound(NEXT_ROUND, lpt(30), BigInt.fromI32(221000), DAY + 86400)
    initializeRound(round(3002), lpt(30), BigInt.fromI32(221500), DAY + 2 * 86400)
    vote(TRANSCODER, 1, lpt(1500))
    vote(DELEGATOR, 0, lpt(500))
    const id = PROPOSAL_ID.toString()
    assert.fieldEquals("TreasuryProposal", id, "forVotesWei", lpt(1000).toString())
    assert.fieldEquals("TreasuryProposal", id, "againstVotesWei", lpt(500).toString())
    assert.fieldEquals("TreasuryProposal", id, "totalVotesWei", lpt(1500).toString())
    assert.fieldEquals("TreasuryProposal", id, "totalVotes", "1500")
    assert.fieldEquals("TreasuryVote", treasuryVoteId(id, DELEGATOR), "snapshotDelegate", TRANSCODER)
    assert.fieldEquals("TreasuryVoteDeduction", treasuryVoteDeductionId(id, TRANSCODER), "amount", lpt(500).toString())
  })

  test("counts an orchestrator voting after its delegator with the remaining weight", () => {
    initializeRound(NEXT_ROUND, lpt(30), BigInt.fromI32(221000), DAY + 86400)
    initializeRound(round(3002), lpt(30), BigInt.fromI32(221500), DAY + 2 * 86400)
    vote(DELEGATOR, 0, lpt(500))
    vote(TRANSCODER, 1, lpt(1500))
    const id = PROPOSAL_ID.toString()
    assert.fieldEquals("TreasuryProposal", id, "forVotesWei", lpt(1000).toString())
    assert.fieldEquals("TreasuryProposal", id, "againstVotesWei", lpt(500).toString())
  })

  test("runs from creation to execution with the timelock operation linked", () => {
    const id = PROPOSAL_ID.toString()
    initializeRound(NEXT_ROUND, lpt(30), BigInt.fromI32(221000), DAY + 86400)
    initializeRound(round(3002), lpt(30), BigInt.fromI32(221500), DAY + 2 * 86400)
    vote(TRANSCODER, 1, lpt(1500))
    vote(DELEGATOR, 0, lpt(500))
    initializeRound(round(3012), lpt(30), BigInt.fromI32(222000), DAY + 12 * 86400)
    assert.fieldEquals("TreasuryProposal", id, "state", "Succeeded")
    assert.fieldEquals("TreasuryProposal", id, "decidedRound", "3012")

    const queue = freshTx()
    const operation = Bytes.fromHexString(OPERATION_ID)
    const zero = Bytes.fromHexString("0x" + "00".repeat(32))
    const time = DAY + 12 * 86400 + 50
    handleCallScheduled(at(newCallScheduledEvent(operation, BigInt.zero(), LPT_TOKEN, BigInt.zero(), Bytes.fromHexString(CALLDATA), zero, BigInt.zero()), queue, 1, time))
    handleCallSalt(at(newCallSaltEvent(operation, Bytes.fromHexString(SALT)), queue, 2, time))
    handleProposalQueued(at(newProposalQueuedEvent(PROPOSAL_ID, BigInt.fromI32(time)), queue, 3, time))
    assert.fieldEquals("TreasuryProposal", id, "state", "Queued")
    assert.fieldEquals("TreasuryProposal", id, "timelockOperation", OPERATION_ID)
    assert.fieldEquals("TreasuryOperation", OPERATION_ID, "proposal", id)

    const execute = freshTx()
    handleProposalExecuted(at(newProposalExecutedEvent(PROPOSAL_ID), execute, 1, time + 10))
    handleCallExecuted(at(newCallExecutedEvent(operation, BigInt.zero(), LPT_TOKEN, BigInt.zero(), Bytes.fromHexString(CALLDATA)), execute, 2, time + 10))
    assert.fieldEquals("TreasuryProposal", id, "state", "Executed")
    assert.fieldEquals("TreasuryProposal", id, "executedRound", "3012")
    assert.fieldEquals("TreasuryOperation", OPERATION_ID, "state", "Executed")
    assert.fieldEquals("TreasuryCall", OPERATION_ID + "-0", "executed", "true")
  })

  test("is defeated without quorum", () => {
    initializeRound(NEXT_ROUND, lpt(30), BigInt.fromI32(221000), DAY + 86400)
    initializeRound(round(3002), lpt(30), BigInt.fromI32(221500), DAY + 2 * 86400)
    vote(DELEGATOR, 1, lpt(400))
    initializeRound(round(3012), lpt(30), BigInt.fromI32(222000), DAY + 12 * 86400)
    assert.fieldEquals("TreasuryProposal", PROPOSAL_ID.toString(), "state", "Defeated")
  })

  test("is canceled by its proposer", () => {
    handleProposalCanceled(at(newProposalCanceledEvent(PROPOSAL_ID), freshTx(), 1, DAY + 40))
    assert.fieldEquals("TreasuryProposal", PROPOSAL_ID.toString(), "state", "Canceled")
    assert.fieldEquals("TreasuryProposal", PROPOSAL_ID.toString(), "openIn", "null")
  })
})

describe("handleVoteCast", () => {
  beforeEach(() => {
    clearStore()
  })

  test("ignores a vote on an unknown proposal", () => {
    vote(DELEGATOR, 1, lpt(5))
    assert.entityCount("TreasuryVote", 0)
    assert.entityCount("TreasuryVoteEvent", 0)
  })
})
