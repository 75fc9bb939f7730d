import { BigInt, ByteArray, Bytes, crypto, ethereum, log } from "@graphprotocol/graph-ts"

import {
  ProposalCanceled,
  ProposalCreated,
  ProposalExecuted,
  ProposalQueued,
  ProposalThresholdSet,
  QuorumNumeratorUpdated,
  TimelockChange,
  VoteCast,
  VoteCastWithParams,
  VotingDelaySet,
  VotingPeriodSet,
} from "../generated/LivepeerGovernor/LivepeerGovernor"
import { TreasuryOperation, TreasuryProposal, TreasuryVote, TreasuryVoteEvent } from "../generated/schema"
import { TreasuryProposalState, ZERO_BD, ZERO_BI } from "./lib/constants"
import { getOrCreateAccount, getOrCreateGovernorSettings } from "./lib/entities"
import { fillEventBase } from "./lib/events"
import { countVote, supportName, timelockOperationId } from "./lib/governance"
import { eventId, treasuryVoteId } from "./lib/ids"
import { currentRound } from "./lib/rounds"
import { toDecimal } from "./lib/units"

export function handleProposalCreated(event: ProposalCreated): void {
  const round = currentRound()
  const settings = getOrCreateGovernorSettings()
  const proposer = getOrCreateAccount(event.params.proposer.toHexString())
  proposer.lastUpdatedTimestamp = event.block.timestamp.toI32()
  proposer.save()
  const proposal = newProposal(event, round.id)
  proposal.quota = settings.quota
  proposal.openIn = settings.id
  proposal.save()
  settings.proposalCount = settings.proposalCount + 1
  settings.save()
  round.save()
}

function newProposal(event: ProposalCreated, round: string): TreasuryProposal {
  const proposal = new TreasuryProposal(event.params.proposalId.toString())
  proposal.proposer = event.params.proposer.toHexString()
  proposal.targets = event.params.targets.map<string>((target) => target.toHexString())
  proposal.values = event.params.values
  proposal.calldatas = event.params.calldatas
  proposal.voteStart = event.params.voteStart
  proposal.voteEnd = event.params.voteEnd
  proposal.description = event.params.description
  proposal.descriptionHash = Bytes.fromByteArray(crypto.keccak256(ByteArray.fromUTF8(event.params.description)))
  proposal.state = TreasuryProposalState.Pending
  proposal.createdTimestamp = event.block.timestamp.toI32()
  proposal.createdRound = round
  proposal.forVotesWei = ZERO_BI
  proposal.againstVotesWei = ZERO_BI
  proposal.abstainVotesWei = ZERO_BI
  proposal.totalVotesWei = ZERO_BI
  proposal.forVotes = ZERO_BD
  proposal.againstVotes = ZERO_BD
  proposal.abstainVotes = ZERO_BD
  proposal.totalVotes = ZERO_BD
  return proposal
}

export function handleVoteCast(event: VoteCast): void {
  recordVote(
    event,
    event.params.proposalId,
    event.params.voter.toHexString(),
    event.params.support,
    event.params.weight,
    event.params.reason,
  )
}

export function handleVoteCastWithParams(event: VoteCastWithParams): void {
  recordVote(
    event,
    event.params.proposalId,
    event.params.voter.toHexString(),
    event.params.support,
    event.params.weight,
    event.params.reason,
  )
}

function recordVote(
  event: ethereum.Event,
  proposalId: BigInt,
  voter: string,
  supportValue: i32,
  weight: BigInt,
  reason: string,
): void {
  const proposal = TreasuryProposal.load(proposalId.toString())
  const supportLabel = supportName(supportValue)
  if (proposal == null || supportLabel == null) {
    log.warning("Vote of {} on proposal {} with support {} ignored: unknown proposal or support value", [
      voter,
      proposalId.toString(),
      supportValue.toString(),
    ])
    return
  }
  const support = supportLabel!
  const round = currentRound()
  const account = getOrCreateAccount(voter)
  account.lastUpdatedTimestamp = event.block.timestamp.toI32()
  account.save()

  const vote = new TreasuryVote(treasuryVoteId(proposal.id, voter))
  vote.proposal = proposal.id
  vote.voter = voter
  vote.support = support
  vote.weightWei = weight
  vote.weight = toDecimal(weight)
  vote.reason = reason.length > 0 ? reason : null
  vote.snapshotDelegate = countVote(proposal, voter, support, weight)
  vote.save()
  proposal.save()

  const record = new TreasuryVoteEvent(eventId(event))
  fillEventBase(record, event, round.id)
  record.voter = voter
  record.proposal = proposal.id
  record.support = support
  record.weightWei = weight
  record.weight = vote.weight
  record.reason = vote.reason
  record.save()
}

function loadProposal(proposalId: BigInt, eventName: string): TreasuryProposal | null {
  const proposal = TreasuryProposal.load(proposalId.toString())
  if (proposal == null) log.warning("{} for unknown proposal {}", [eventName, proposalId.toString()])
  return proposal
}

export function handleProposalQueued(event: ProposalQueued): void {
  const proposal = loadProposal(event.params.proposalId, "ProposalQueued")
  if (proposal == null) return
  proposal.state = TreasuryProposalState.Queued
  proposal.eta = event.params.eta
  proposal.queuedTimestamp = event.block.timestamp.toI32()
  proposal.queuedRound = currentRound().id
  proposal.openIn = null
  const operation = TreasuryOperation.load(timelockOperationId(proposal))
  if (operation != null) {
    operation.proposal = proposal.id
    operation.save()
    proposal.timelockOperation = operation.id
  } else {
    log.warning("No timelock operation indexed for queued proposal {}", [proposal.id])
  }
  proposal.save()
}

export function handleProposalExecuted(event: ProposalExecuted): void {
  const proposal = loadProposal(event.params.proposalId, "ProposalExecuted")
  if (proposal == null) return
  proposal.state = TreasuryProposalState.Executed
  proposal.executedTimestamp = event.block.timestamp.toI32()
  proposal.executedRound = currentRound().id
  proposal.openIn = null
  proposal.save()
}

export function handleProposalCanceled(event: ProposalCanceled): void {
  const proposal = loadProposal(event.params.proposalId, "ProposalCanceled")
  if (proposal == null) return
  proposal.state = TreasuryProposalState.Canceled
  proposal.canceledTimestamp = event.block.timestamp.toI32()
  proposal.canceledRound = currentRound().id
  proposal.openIn = null
  proposal.save()
}

export function handleVotingDelaySet(event: VotingDelaySet): void {
  const settings = getOrCreateGovernorSettings()
  settings.votingDelay = event.params.newVotingDelay
  settings.save()
}

export function handleVotingPeriodSet(event: VotingPeriodSet): void {
  const settings = getOrCreateGovernorSettings()
  settings.votingPeriod = event.params.newVotingPeriod
  settings.save()
}

export function handleProposalThresholdSet(event: ProposalThresholdSet): void {
  const settings = getOrCreateGovernorSettings()
  settings.proposalThreshold = event.params.newProposalThreshold
  settings.save()
}

export function handleQuorumNumeratorUpdated(event: QuorumNumeratorUpdated): void {
  const settings = getOrCreateGovernorSettings()
  settings.quorumNumerator = event.params.newQuorumNumerator
  settings.save()
}

export function handleTimelockChange(event: TimelockChange): void {
  const settings = getOrCreateGovernorSettings()
  settings.timelock = event.params.newTimelock.toHexString()
  settings.save()
}
