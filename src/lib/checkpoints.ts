// BondingVotes checkpoints (ERC-5805 voting power by round) rebuilt from BondingVotes events.
import { BigInt, ethereum } from "@graphprotocol/graph-ts"

import { BondingCheckpoint, LivepeerAccount } from "../../generated/schema"
import { ONE_BI, ZERO_ADDRESS, ZERO_BI } from "./constants"
import { getOrCreateAccount, getOrCreateProtocol } from "./entities"
import { bondingCheckpointId } from "./ids"
import { currentRoundNumber } from "./rounds"

export class AccountCheckpoint {
  constructor(public account: LivepeerAccount, public checkpoint: BondingCheckpoint) {}

  save(): void {
    this.checkpoint.save()
    this.account.bondingCheckpoint = this.checkpoint.id
    this.account.save()
  }
}

/**
 * The checkpoint an event writes: BondingManager checkpoints an account for the next round
 * (startRound = current round + 1). A new checkpoint starts as a copy of the account's previous one, since
 * BondingVotes only emits the parts that changed.
 */
export function checkpointForEvent(address: string, event: ethereum.Event): AccountCheckpoint {
  const account = getOrCreateAccount(address)
  account.lastUpdatedTimestamp = event.block.timestamp.toI32()
  const startRound = currentRoundNumber(getOrCreateProtocol()).plus(ONE_BI)
  const previousId = account.bondingCheckpoint
  let previous: BondingCheckpoint | null = null
  if (previousId != null) previous = BondingCheckpoint.load(previousId!)
  if (previous != null && previous.startRound.equals(startRound)) return new AccountCheckpoint(account, previous)

  const checkpoint = new BondingCheckpoint(bondingCheckpointId(address, startRound))
  checkpoint.account = address
  checkpoint.startRound = startRound
  checkpoint.delegate = previous != null ? previous.delegate : null
  checkpoint.bondedAmount = previous != null ? previous.bondedAmount : ZERO_BI
  checkpoint.lastClaimRound = previous != null ? previous.lastClaimRound : ZERO_BI
  checkpoint.votes = previous != null ? previous.votes : ZERO_BI
  checkpoint.previous = previous != null ? previous.id : null
  return new AccountCheckpoint(account, checkpoint)
}

/**
 * BondingVotes.delegatedAt(account, round): the delegate of the account's checkpoint in effect at the start
 * of round + 1; the zero address if there is none. Walks back from the latest checkpoint (votes are cast a
 * few rounds after the snapshot, so the walk is short).
 */
export function delegatedAt(address: string, round: BigInt): string {
  const account = LivepeerAccount.load(address)
  if (account == null) return ZERO_ADDRESS
  const target = round.plus(ONE_BI)
  let id = account.bondingCheckpoint
  while (id != null) {
    const checkpoint = BondingCheckpoint.load(id!)
    if (checkpoint == null) break
    if (checkpoint.startRound.le(target)) {
      const delegate = checkpoint.delegate
      if (delegate == null) return ZERO_ADDRESS
      return delegate!
    }
    id = checkpoint.previous
  }
  return ZERO_ADDRESS
}
