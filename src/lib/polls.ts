// Legacy stake-weighted polls (LIP-16), tallied when votes arrive, with no dynamic data
// source per voter: a registered transcoder votes with its total stake minus the stake of its delegators
// who voted themselves; a delegator votes with its pending stake. Weights are taken when the voter first
// votes; later stake changes are not re-tallied.
import { BigInt } from "@graphprotocol/graph-ts"

import { Delegator, Poll, PollTally, Vote } from "../../generated/schema"
import { PollChoice, TranscoderStatus, ZERO_BI } from "./constants"
import { pendingStake } from "./earnings"
import { voteId } from "./ids"
import { Ledger } from "./ledger"
import { saturatingSub, toDecimal } from "./units"

export function getOrCreateVote(voter: string, poll: string): Vote {
  const id = voteId(voter, poll)
  let vote = Vote.load(id)
  if (vote != null) return vote
  vote = new Vote(id)
  vote.voter = voter
  vote.voteStakeWei = ZERO_BI
  vote.voteStake = toDecimal(ZERO_BI)
  vote.nonVoteStakeWei = ZERO_BI
  vote.nonVoteStake = toDecimal(ZERO_BI)
  vote.choiceID = null
  vote.poll = poll
  vote.registeredTranscoder = false
  return vote
}

function getOrCreateTally(poll: Poll): PollTally {
  let tally = PollTally.load(poll.id)
  if (tally != null) return tally
  tally = new PollTally(poll.id)
  tally.yesWei = ZERO_BI
  tally.noWei = ZERO_BI
  tally.yes = toDecimal(ZERO_BI)
  tally.no = toDecimal(ZERO_BI)
  return tally
}

/** Stake a vote contributes to its choice. */
function countedStake(vote: Vote): BigInt {
  const registered = vote.registeredTranscoder
  if (registered && registered == true) return saturatingSub(vote.voteStakeWei, vote.nonVoteStakeWei)
  return vote.voteStakeWei
}

function addToTally(tally: PollTally, choice: string | null, amount: BigInt, add: bool): void {
  if (choice == null) return
  if (choice == PollChoice.Yes) tally.yesWei = add ? tally.yesWei.plus(amount) : saturatingSub(tally.yesWei, amount)
  else tally.noWei = add ? tally.noWei.plus(amount) : saturatingSub(tally.noWei, amount)
  tally.yes = toDecimal(tally.yesWei)
  tally.no = toDecimal(tally.noWei)
}

function setVoteStake(vote: Vote, stake: BigInt): void {
  vote.voteStakeWei = stake
  vote.voteStake = toDecimal(stake)
}

/** Weighs a first vote and moves the voter's pending stake out of its transcoder's vote. */
function weighFirstVote(ledger: Ledger, vote: Vote, poll: Poll, tally: PollTally): void {
  const delegator = Delegator.load(vote.voter)
  if (delegator == null) return
  if (delegator.delegate == null) return
  const delegate = delegator.delegate!
  if (delegate == vote.voter) {
    vote.registeredTranscoder = !delegator.bondedAmountWei.isZero()
    setVoteStake(vote, ledger.transcoder(delegate).totalStakeWei)
    return
  }
  vote.registeredTranscoder = false
  setVoteStake(vote, pendingStake(ledger, delegator))
  const delegateVote = getOrCreateVote(delegate, poll.id)
  const before = countedStake(delegateVote)
  delegateVote.registeredTranscoder = ledger.transcoder(delegate).status == TranscoderStatus.Registered
  delegateVote.nonVoteStakeWei = delegateVote.nonVoteStakeWei.plus(vote.voteStakeWei)
  delegateVote.nonVoteStake = toDecimal(delegateVote.nonVoteStakeWei)
  addToTally(tally, delegateVote.choiceID, before, false)
  addToTally(tally, delegateVote.choiceID, countedStake(delegateVote), true)
  delegateVote.save()
}

/** Records a yes (0) or no (1) vote and updates the poll tally. */
export function castPollVote(ledger: Ledger, poll: Poll, voter: string, choice: string): void {
  const tally = getOrCreateTally(poll)
  const vote = getOrCreateVote(voter, poll.id)
  const previousChoice = vote.choiceID
  if (previousChoice == null) {
    weighFirstVote(ledger, vote, poll, tally)
    const votes = poll.votes
    votes.push(vote.id)
    poll.votes = votes
  } else {
    addToTally(tally, previousChoice, countedStake(vote), false)
  }
  vote.choiceID = choice
  addToTally(tally, choice, countedStake(vote), true)
  vote.save()
  tally.save()
  poll.tally = tally.id
  poll.save()
}
