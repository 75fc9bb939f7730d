import {
  DelegatorPoolCreated,
  MigrateDelegatorFinalized,
  MigrateSenderFinalized,
  MigrateUnbondingLocksFinalized,
  StakeClaimed,
} from "../generated/L2Migrator/L2Migrator"
import {
  DelegatorPoolCreatedEvent,
  MigrateDelegatorFinalizedEvent,
  MigrateSenderFinalizedEvent,
  MigrateUnbondingLocksFinalizedEvent,
  StakeClaimedEvent,
} from "../generated/schema"
import { DelegatorPool as DelegatorPoolTemplate } from "../generated/templates"
import { getOrCreateDelegatorPool } from "./lib/migration"
import { fillEventBase } from "./lib/events"
import { eventId } from "./lib/ids"
import { currentRound } from "./lib/rounds"
import { toDecimal } from "./lib/units"

/** The stake itself moves through the BondingManager events of the same transaction. */
export function handleMigrateDelegatorFinalized(event: MigrateDelegatorFinalized): void {
  const round = currentRound()
  const params = event.params.params
  const record = new MigrateDelegatorFinalizedEvent(eventId(event))
  fillEventBase(record, event, round.id)
  record.l1Addr = params.l1Addr.toHexString()
  record.l2Addr = params.l2Addr.toHexString()
  record.stakeWei = params.stake
  record.stake = toDecimal(params.stake)
  record.delegatedStakeWei = params.delegatedStake
  record.delegatedStake = toDecimal(params.delegatedStake)
  record.feesWei = params.fees
  record.fees = toDecimal(params.fees)
  record.delegate = params.delegate.toHexString()
  record.save()
}

export function handleMigrateUnbondingLocksFinalized(event: MigrateUnbondingLocksFinalized): void {
  const round = currentRound()
  const params = event.params.params
  const record = new MigrateUnbondingLocksFinalizedEvent(eventId(event))
  fillEventBase(record, event, round.id)
  record.l1Addr = params.l1Addr.toHexString()
  record.l2Addr = params.l2Addr.toHexString()
  record.total = params.total
  record.unbondingLockIds = params.unbondingLockIds
  record.delegate = params.delegate.toHexString()
  record.save()
}

/** The funds arrive as TicketBroker ReserveFunded/DepositFunded in the same transaction. */
export function handleMigrateSenderFinalized(event: MigrateSenderFinalized): void {
  const round = currentRound()
  const params = event.params.params
  const record = new MigrateSenderFinalizedEvent(eventId(event))
  fillEventBase(record, event, round.id)
  record.l1Addr = params.l1Addr.toHexString()
  record.l2Addr = params.l2Addr.toHexString()
  record.deposit = params.deposit
  record.reserve = params.reserve
  record.save()
}

export function handleStakeClaimed(event: StakeClaimed): void {
  const round = currentRound()
  const record = new StakeClaimedEvent(eventId(event))
  fillEventBase(record, event, round.id)
  record.delegator = event.params.delegator.toHexString()
  record.delegate = event.params.delegate.toHexString()
  record.stakeWei = event.params.stake
  record.stake = toDecimal(event.params.stake)
  record.feesWei = event.params.fees
  record.fees = toDecimal(event.params.fees)
  record.save()
}

/**
 * The pool was bonded earlier in the same transaction, so its initial stake is its bonded amount; the
 * pool's own DelegatorPoolInitialized precedes this log and may not reach the template.
 */
export function handleDelegatorPoolCreated(event: DelegatorPoolCreated): void {
  const round = currentRound()
  const address = event.params.delegatorPool
  const pool = getOrCreateDelegatorPool(address.toHexString(), event)
  pool.l1Addr = event.params.l1Addr.toHexString()
  pool.save()
  DelegatorPoolTemplate.create(address)

  const record = new DelegatorPoolCreatedEvent(eventId(event))
  fillEventBase(record, event, round.id)
  record.l1Addr = pool.l1Addr
  record.delegatorPool = pool.id
  record.save()
}
