import {
  DelegateChanged,
  DelegateVotesChanged,
  DelegatorBondedAmountChanged,
} from "../generated/BondingVotes/BondingVotes"
import { checkpointForEvent } from "./lib/checkpoints"
import { ZERO_ADDRESS } from "./lib/constants"

export function handleDelegateChanged(event: DelegateChanged): void {
  const entry = checkpointForEvent(event.params.delegator.toHexString(), event)
  const delegate = event.params.toDelegate.toHexString()
  entry.checkpoint.delegate = delegate == ZERO_ADDRESS ? null : delegate
  entry.account.votingDelegate = entry.checkpoint.delegate
  entry.save()
}

export function handleDelegateVotesChanged(event: DelegateVotesChanged): void {
  const entry = checkpointForEvent(event.params.delegate.toHexString(), event)
  entry.checkpoint.votes = event.params.newBalance
  entry.account.votes = event.params.newBalance
  entry.save()
}

/** Despite its name, the first parameter is the checkpointed account (delegator or transcoder). */
export function handleDelegatorBondedAmountChanged(event: DelegatorBondedAmountChanged): void {
  const entry = checkpointForEvent(event.params.delegate.toHexString(), event)
  entry.checkpoint.bondedAmount = event.params.newBondedAmount
  entry.checkpoint.lastClaimRound = event.params.newLastClaimRound
  entry.save()
}
