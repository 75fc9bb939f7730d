import { Address, BigInt, ethereum } from "@graphprotocol/graph-ts"
import { assert, beforeEach, clearStore, describe, test } from "matchstick-as/assembly/index"

import { handleEarningsClaimed, handleRebond, handleTransferBond, handleUnbond, handleWithdrawFees } from "../src/bondingManager"
import { handleClaimed, handleDelegatorPoolInitialized } from "../src/delegatorPool"
import {
  handleDelegatorPoolCreated,
  handleMigrateDelegatorFinalized,
  handleMigrateSenderFinalized,
  handleMigrateUnbondingLocksFinalized,
  handleStakeClaimed,
} from "../src/l2Migrator"
import {
  at,
  newClaimedEvent,
  newDelegatorPoolCreatedEvent,
  newDelegatorPoolInitializedEvent,
  newEarningsClaimedEvent,
  newMigrateDelegatorFinalizedEvent,
  newMigrateSenderFinalizedEvent,
  newMigrateUnbondingLocksFinalizedEvent,
  newRebondEvent,
  newStakeClaimedEvent,
  newTransferBondEvent,
  newUnbondEvent,
  newWithdrawFeesEvent,
} from "./helpers/events"
import { BONDING_MANAGER, big, DELEGATOR, lpt, NEXT_ROUND, ROUND, TRANSCODER, ZERO } from "./helpers/fixtures"
import { mockDefaultPrices } from "./helpers/mocks"
import { bondFromUnbonded, freshTx, initializeRound } from "./helpers/scenario"

const DAY = 86400 * 19000
const L1_ORCHESTRATOR = "0x00000000000000000000000000000000000001a1"
const L1_DELEGATOR = "0x00000000000000000000000000000000000001d1"
const POOL = "0x00000000000000000000000000000000000000c1"
const MIGRATOR = "0x148d5b6b4df9530c7c76a810bd1cdf69ec4c2085"

function delegatorParams(l1Addr: string, l2Addr: string, stake: BigInt, delegatedStake: BigInt, fees: BigInt, delegate: string): ethereum.Tuple {
  const params = new ethereum.Tuple()
  params.push(ethereum.Value.fromAddress(Address.fromString(l1Addr)))
  params.push(ethereum.Value.fromAddress(Address.fromString(l2Addr)))
  params.push(ethereum.Value.fromUnsignedBigInt(stake))
  params.push(ethereum.Value.fromUnsignedBigInt(delegatedStake))
  params.push(ethereum.Value.fromUnsignedBigInt(fees))
  params.push(ethereum.Value.fromAddress(Address.fromString(delegate)))
  return params
}

/** finalizeMigrateDelegator for an orchestrator: self-bond, pool bond, pool creation. */
function migrateOrchestrator(): void {
  mockDefaultPrices()
  initializeRound(ROUND, lpt(30), BigInt.fromI32(220500), DAY)
  bondFromUnbonded(TRANSCODER, TRANSCODER, lpt(1000), ROUND, NEXT_ROUND, DAY + 10)
  bondFromUnbonded(POOL, TRANSCODER, lpt(600), ROUND, BigInt.zero(), DAY + 10)
  const tx = freshTx()
  const initialized = at(newDelegatorPoolInitializedEvent(BONDING_MANAGER, MIGRATOR, lpt(600)), tx, 7, DAY + 10)
  initialized.address = Address.fromString(POOL)
  handleDelegatorPoolInitialized(initialized)
  handleDelegatorPoolCreated(at(newDelegatorPoolCreatedEvent(L1_ORCHESTRATOR, POOL), tx, 8, DAY + 10))
  handleMigrateDelegatorFinalized(
    at(newMigrateDelegatorFinalizedEvent(delegatorParams(L1_ORCHESTRATOR, TRANSCODER, lpt(1000), lpt(1600), BigInt.zero(), L1_ORCHESTRATOR)), tx, 9, DAY + 10),
  )
}

describe("migration from L1", () => {
  beforeEach(() => {
    clearStore()
    migrateOrchestrator()
  })

  test("creates the delegator pool with the stake bonded to it", () => {
    assert.fieldEquals("DelegatorPool", POOL, "initialStake", lpt(600).toString())
    assert.fieldEquals("DelegatorPool", POOL, "delegate", TRANSCODER)
    assert.fieldEquals("DelegatorPool", POOL, "l1Addr", L1_ORCHESTRATOR)
    assert.dataSourceExists("DelegatorPool", POOL)
    assert.entityCount("DelegatorPoolCreatedEvent", 1)
  })

  test("moves a delegator's claim from the pool to the delegator", () => {
    const tx = freshTx()
    const time = DAY + 86400
    const owed = lpt(200)
    handleUnbond(at(newUnbondEvent(TRANSCODER, POOL, BigInt.zero(), owed, BigInt.fromI32(3007)), tx, 1, time))
    handleTransferBond(at(newTransferBondEvent(POOL, DELEGATOR, BigInt.zero(), BigInt.zero(), owed), tx, 2, time))
    handleEarningsClaimed(at(newEarningsClaimedEvent(ZERO, DELEGATOR, BigInt.zero(), BigInt.zero(), BigInt.fromI32(1), ROUND), tx, 3, time))
    handleRebond(at(newRebondEvent(TRANSCODER, DELEGATOR, BigInt.zero(), owed), tx, 4, time))
    handleWithdrawFees(at(newWithdrawFeesEvent(POOL, DELEGATOR, BigInt.zero()), tx, 5, time))
    const claimed = at(newClaimedEvent(DELEGATOR, owed, BigInt.zero()), tx, 6, time)
    claimed.address = Address.fromString(POOL)
    handleClaimed(claimed)
    handleMigrateDelegatorFinalized(
      at(newMigrateDelegatorFinalizedEvent(delegatorParams(L1_DELEGATOR, DELEGATOR, owed, BigInt.zero(), BigInt.zero(), L1_ORCHESTRATOR)), tx, 7, time),
    )
    const record = tx.toHexString() + "-7"
    assert.fieldEquals("MigrateDelegatorFinalizedEvent", record, "l2Addr", DELEGATOR)
    assert.fieldEquals("MigrateDelegatorFinalizedEvent", record, "l1Addr", L1_DELEGATOR)
    assert.fieldEquals("DelegatorPool", POOL, "claimedStake", owed.toString())
    assert.fieldEquals("Delegator", DELEGATOR, "bondedAmountWei", owed.toString())
    assert.fieldEquals("Delegator", DELEGATOR, "delegate", TRANSCODER)
    assert.fieldEquals("Delegator", POOL, "bondedAmountWei", lpt(400).toString())
    assert.fieldEquals("Transcoder", TRANSCODER, "totalStakeWei", lpt(1600).toString())
    assert.entityCount("DelegatorPoolClaimedEvent", 1)
  })
})

describe("other migrations", () => {
  beforeEach(() => {
    clearStore()
  })

  test("records the L2 address of a migrated delegator", () => {
    const tx = freshTx()
    handleMigrateDelegatorFinalized(
      at(newMigrateDelegatorFinalizedEvent(delegatorParams(L1_DELEGATOR, DELEGATOR, lpt(2), lpt(0), big("5"), TRANSCODER)), tx, 1, DAY),
    )
    assert.fieldEquals("MigrateDelegatorFinalizedEvent", tx.toHexString() + "-1", "l2Addr", DELEGATOR)
    assert.fieldEquals("MigrateDelegatorFinalizedEvent", tx.toHexString() + "-1", "feesWei", "5")
  })

  test("records unbonding lock, sender and claimed-stake migrations", () => {
    const locks = new ethereum.Tuple()
    locks.push(ethereum.Value.fromAddress(Address.fromString(L1_DELEGATOR)))
    locks.push(ethereum.Value.fromAddress(Address.fromString(DELEGATOR)))
    locks.push(ethereum.Value.fromUnsignedBigInt(lpt(5)))
    locks.push(ethereum.Value.fromUnsignedBigIntArray([BigInt.fromI32(1), BigInt.fromI32(2)]))
    locks.push(ethereum.Value.fromAddress(Address.fromString(TRANSCODER)))
    handleMigrateUnbondingLocksFinalized(newMigrateUnbondingLocksFinalizedEvent(locks))

    const sender = new ethereum.Tuple()
    sender.push(ethereum.Value.fromAddress(Address.fromString(L1_DELEGATOR)))
    sender.push(ethereum.Value.fromAddress(Address.fromString(DELEGATOR)))
    sender.push(ethereum.Value.fromUnsignedBigInt(big("1000")))
    sender.push(ethereum.Value.fromUnsignedBigInt(big("2000")))
    handleMigrateSenderFinalized(at(newMigrateSenderFinalizedEvent(sender), freshTx(), 2, DAY))

    handleStakeClaimed(at(newStakeClaimedEvent(DELEGATOR, L1_ORCHESTRATOR, lpt(3), big("7")), freshTx(), 3, DAY))
    assert.entityCount("MigrateUnbondingLocksFinalizedEvent", 1)
    assert.entityCount("MigrateSenderFinalizedEvent", 1)
    assert.entityCount("StakeClaimedEvent", 1)
  })
})
