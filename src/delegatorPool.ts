import { Claimed, DelegatorPoolInitialized } from "../generated/templates/DelegatorPool/DelegatorPool"
import { DelegatorPoolClaimedEvent } from "../generated/schema"
import { fillEventBase } from "./lib/events"
import { eventId } from "./lib/ids"
import { getOrCreateDelegatorPool } from "./lib/migration"
import { currentRound } from "./lib/rounds"

export function handleDelegatorPoolInitialized(event: DelegatorPoolInitialized): void {
  const pool = getOrCreateDelegatorPool(event.address.toHexString(), event)
  pool.initialStake = event.params._initialStake
  pool.save()
}

/** The stake and fees move through BondingManager TransferBond and WithdrawFees in the same transaction. */
export function handleClaimed(event: Claimed): void {
  const round = currentRound()
  const pool = getOrCreateDelegatorPool(event.address.toHexString(), event)
  pool.claimedStake = pool.claimedStake.plus(event.params._stake)
  pool.claimedFees = pool.claimedFees.plus(event.params._fees)
  pool.save()

  const record = new DelegatorPoolClaimedEvent(eventId(event))
  fillEventBase(record, event, round.id)
  record.delegatorPool = pool.id
  record.delegator = event.params._delegator.toHexString()
  record.stake = event.params._stake
  record.fees = event.params._fees
  record.save()
}
