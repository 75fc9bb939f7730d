// Every entity id format (STYLE §4). Ids are public API: they match the official subgraph.
import { Address, BigInt, Bytes, ethereum } from "@graphprotocol/graph-ts"

import { SECONDS_PER_DAY } from "./constants"

export function leftPad(value: string, size: i32): string {
  let padded = value
  while (padded.length < size) padded = "0" + padded
  return padded
}

/** Transaction hash, '-', log index. */
export function eventId(event: ethereum.Event): string {
  return eventIdAt(event.transaction.hash, event.logIndex)
}

export function eventIdAt(txHash: Bytes, logIndex: BigInt): string {
  return txHash.toHexString() + "-" + logIndex.toString()
}

/** Round number left-padded to 10 digits, '-', transcoder (orderBy: id is chronological). */
export function poolId(round: BigInt, transcoder: string): string {
  return leftPad(round.toString(), 10) + "-" + transcoder
}

/** Lock id left-padded to 10 digits, '-', delegator. */
export function unbondingLockId(delegator: Address, lockId: BigInt): string {
  return leftPad(lockId.toString(), 10) + "-" + delegator.toHexString()
}

/** Voter, '-', poll. */
export function voteId(voter: string, poll: string): string {
  return voter + "-" + poll
}

/** Proposal id (decimal), '-', voter. */
export function treasuryVoteId(proposalId: string, voter: string): string {
  return proposalId + "-" + voter
}

/** Proposal id (decimal), '-', orchestrator. */
export function treasuryVoteDeductionId(proposalId: string, delegate: string): string {
  return proposalId + "-" + delegate
}

/** Timelock operation id, '-', index in the batch. */
export function treasuryCallId(operationId: string, index: BigInt): string {
  return operationId + "-" + index.toString()
}

/** floor(timestamp / 86400). */
export function dayNumber(timestamp: i32): i32 {
  return timestamp / SECONDS_PER_DAY
}

export function dayId(timestamp: i32): string {
  return dayNumber(timestamp).toString()
}

/** Address, '-', day number. */
export function addressDayId(address: string, timestamp: i32): string {
  return address + "-" + dayNumber(timestamp).toString()
}

/** Delegator, '-', round left-padded to 10 digits. */
export function delegatorSnapshotId(delegator: string, round: BigInt): string {
  return delegator + "-" + leftPad(round.toString(), 10)
}

/** Account, '-', start round left-padded to 10 digits. */
export function bondingCheckpointId(account: string, startRound: BigInt): string {
  return account + "-" + leftPad(startRound.toString(), 10)
}
