import { log } from "@graphprotocol/graph-ts"

import {
  CallExecuted,
  CallSalt,
  CallScheduled,
  Cancelled,
  MinDelayChange,
} from "../generated/Treasury/Treasury"
import { TreasuryCall, TreasuryOperation, TreasuryProposal } from "../generated/schema"
import { TreasuryOperationState, TreasuryProposalState } from "./lib/constants"
import { getOrCreateGovernorSettings } from "./lib/entities"
import { treasuryCallId } from "./lib/ids"
import { currentRound } from "./lib/rounds"

function loadOperation(id: string, eventName: string): TreasuryOperation | null {
  const operation = TreasuryOperation.load(id)
  if (operation == null) log.warning("{} for unknown timelock operation {}", [eventName, id])
  return operation
}

export function handleCallScheduled(event: CallScheduled): void {
  const id = event.params.id.toHexString()
  let operation = TreasuryOperation.load(id)
  if (operation == null) {
    operation = new TreasuryOperation(id)
    operation.proposal = null
    operation.salt = null
  }
  operation.state = TreasuryOperationState.Scheduled
  operation.predecessor = event.params.predecessor
  operation.delay = event.params.delay
  operation.scheduledTimestamp = event.block.timestamp.toI32()
  operation.save()

  const call = new TreasuryCall(treasuryCallId(id, event.params.index))
  call.operation = id
  call.index = event.params.index
  call.target = event.params.target.toHexString()
  call.value = event.params.value
  call.data = event.params.data
  call.executed = false
  call.save()
}

export function handleCallSalt(event: CallSalt): void {
  const operation = loadOperation(event.params.id.toHexString(), "CallSalt")
  if (operation == null) return
  operation.salt = event.params.salt
  operation.save()
}

export function handleCallExecuted(event: CallExecuted): void {
  const operation = loadOperation(event.params.id.toHexString(), "CallExecuted")
  if (operation == null) return
  operation.state = TreasuryOperationState.Executed
  operation.executedTimestamp = event.block.timestamp.toI32()
  operation.save()
  const call = TreasuryCall.load(treasuryCallId(operation.id, event.params.index))
  if (call == null) {
    log.warning("CallExecuted for unknown call {} of operation {}", [event.params.index.toString(), operation.id])
    return
  }
  call.executed = true
  call.save()
}

/** A cancelled timelock operation cancels its queued proposal (GovernorTimelockControl.state). */
export function handleCancelled(event: Cancelled): void {
  const operation = loadOperation(event.params.id.toHexString(), "Cancelled")
  if (operation == null) return
  operation.state = TreasuryOperationState.Canceled
  operation.canceledTimestamp = event.block.timestamp.toI32()
  operation.save()
  const proposalId = operation.proposal
  if (proposalId == null) return
  const proposal = TreasuryProposal.load(proposalId!)
  if (proposal == null || proposal.state != TreasuryProposalState.Queued) return
  proposal.state = TreasuryProposalState.Canceled
  proposal.canceledTimestamp = event.block.timestamp.toI32()
  proposal.canceledRound = currentRound().id
  proposal.save()
}

export function handleMinDelayChange(event: MinDelayChange): void {
  const settings = getOrCreateGovernorSettings()
  settings.minDelay = event.params.newDuration
  settings.save()
}
