// LivepeerGovernor proposals: tallies with the delegator-override rule of GovernorCountingOverridable,
// lifecycle by round (the governor's clock is the round number), and the timelock operation id.
import { Address, BigInt, Bytes, crypto, ethereum, log } from "@graphprotocol/graph-ts"

import { Round, TreasuryProposal, TreasuryVote, TreasuryVoteDeduction } from "../../generated/schema"
import { delegatedAt } from "./checkpoints"
import { TreasuryProposalState, TreasuryVoteSupport, ZERO_ADDRESS, ZERO_BI } from "./constants"
import { getOrCreateGovernorSettings } from "./entities"
import { treasuryVoteDeductionId, treasuryVoteId } from "./ids"
import { roundNumber } from "./rounds"
import { percOf, saturatingSub, toDecimal } from "./units"

/** Vote type names of GovernorCountingOverridable (0 Against, 1 For, 2 Abstain); null if invalid. */
export function supportName(value: i32): string | null {
  if (value == 0) return TreasuryVoteSupport.Against
  if (value == 1) return TreasuryVoteSupport.For
  if (value == 2) return TreasuryVoteSupport.Abstain
  return null
}

function refreshTotals(proposal: TreasuryProposal): void {
  proposal.totalVotesWei = proposal.forVotesWei.plus(proposal.againstVotesWei).plus(proposal.abstainVotesWei)
  proposal.forVotes = toDecimal(proposal.forVotesWei)
  proposal.againstVotes = toDecimal(proposal.againstVotesWei)
  proposal.abstainVotes = toDecimal(proposal.abstainVotesWei)
  proposal.totalVotes = toDecimal(proposal.totalVotesWei)
}

function addToTally(proposal: TreasuryProposal, support: string, amount: BigInt): void {
  if (support == TreasuryVoteSupport.For) proposal.forVotesWei = proposal.forVotesWei.plus(amount)
  else if (support == TreasuryVoteSupport.Against) proposal.againstVotesWei = proposal.againstVotesWei.plus(amount)
  else proposal.abstainVotesWei = proposal.abstainVotesWei.plus(amount)
  refreshTotals(proposal)
}

function subtractFromTally(proposal: TreasuryProposal, support: string, amount: BigInt): void {
  if (support == TreasuryVoteSupport.For) proposal.forVotesWei = saturatingSub(proposal.forVotesWei, amount)
  else if (support == TreasuryVoteSupport.Against)
    proposal.againstVotesWei = saturatingSub(proposal.againstVotesWei, amount)
  else proposal.abstainVotesWei = saturatingSub(proposal.abstainVotesWei, amount)
  refreshTotals(proposal)
}

function deductionFor(proposal: TreasuryProposal, delegate: string): TreasuryVoteDeduction {
  const id = treasuryVoteDeductionId(proposal.id, delegate)
  let deduction = TreasuryVoteDeduction.load(id)
  if (deduction != null) return deduction
  deduction = new TreasuryVoteDeduction(id)
  deduction.proposal = proposal.id
  deduction.delegate = delegate
  deduction.amount = ZERO_BI
  return deduction
}

/**
 * Adds a vote of full weight `weight` to the proposal's tallies as _countVote/_handleVoteOverrides do:
 * an orchestrator (self-delegated at the snapshot) counts its weight minus the weight of its delegators
 * who already voted; a delegator of an orchestrator counts its full weight, which is deducted from the
 * orchestrator's current choice. Returns the voter's delegate at the snapshot.
 */
export function countVote(proposal: TreasuryProposal, voter: string, support: string, weight: BigInt): string {
  const snapshot = proposal.voteStart
  const delegate = delegatedAt(voter, snapshot)
  let counted = weight
  if (delegate == voter) {
    counted = saturatingSub(weight, deductionFor(proposal, voter).amount)
  } else if (delegate != ZERO_ADDRESS && delegatedAt(delegate, snapshot) == delegate) {
    const deduction = deductionFor(proposal, delegate)
    deduction.amount = deduction.amount.plus(weight)
    deduction.save()
    const delegateVote = TreasuryVote.load(treasuryVoteId(proposal.id, delegate))
    if (delegateVote != null) subtractFromTally(proposal, delegateVote.support, weight)
  }
  addToTally(proposal, support, counted)
  return delegate
}

/** _quorumReached && _voteSucceeded, with the quorum recorded when voting opened. */
function succeeded(proposal: TreasuryProposal): bool {
  const quorum = proposal.quorum
  if (!quorum || proposal.totalVotesWei.lt(quorum)) return false
  const opinionated = proposal.forVotesWei.plus(proposal.againstVotesWei)
  return proposal.forVotesWei.ge(percOf(opinionated, proposal.quota))
}

/**
 * Moves undecided proposals along the governor clock at NewRound(round): Active once round > voteStart
 * (recording quorum = total active stake at the snapshot * quorumNumerator / 10^6, where the snapshot
 * supply is the active stake of the first initialized round after voteStart), and Succeeded or Defeated
 * once round > voteEnd.
 */
export function advanceProposals(round: Round): void {
  const settings = getOrCreateGovernorSettings()
  const open = settings.openProposals.load()
  const current = roundNumber(round)
  for (let i = 0; i < open.length; i++) {
    const proposal = open[i]
    if (current.le(proposal.voteStart)) continue
    if (!proposal.quorum) {
      proposal.quorum = round.totalActiveStakeWei.times(settings.quorumNumerator).div(settings.quorumDenominator)
    }
    if (current.gt(proposal.voteEnd)) {
      proposal.state = succeeded(proposal) ? TreasuryProposalState.Succeeded : TreasuryProposalState.Defeated
      proposal.decidedRound = round.id
      proposal.openIn = null
    } else {
      proposal.state = TreasuryProposalState.Active
    }
    proposal.save()
  }
}

/**
 * Id of the timelock batch the governor schedules for a proposal:
 * hashOperationBatch(targets, values, calldatas, 0, keccak256(description)) =
 * keccak256(abi.encode(targets, values, calldatas, bytes32(0), salt)). ethereum.encode of a dynamic tuple
 * starts with a 32-byte offset word that abi.encode of the same values as separate arguments lacks.
 */
export function timelockOperationId(proposal: TreasuryProposal): string {
  const targets: Address[] = []
  for (let i = 0; i < proposal.targets.length; i++) targets.push(Address.fromString(proposal.targets[i]))
  const args = new ethereum.Tuple()
  args.push(ethereum.Value.fromAddressArray(targets))
  args.push(ethereum.Value.fromUnsignedBigIntArray(proposal.values))
  args.push(ethereum.Value.fromBytesArray(proposal.calldatas))
  args.push(ethereum.Value.fromFixedBytes(Bytes.fromUint8Array(new Uint8Array(32))))
  args.push(ethereum.Value.fromFixedBytes(proposal.descriptionHash))
  const encoded = ethereum.encode(ethereum.Value.fromTuple(args))
  if (!encoded) {
    log.warning("Could not ABI-encode the timelock batch of proposal {}", [proposal.id])
    return ""
  }
  return crypto.keccak256(Bytes.fromUint8Array(encoded.subarray(32))).toHexString()
}
