import { Address, BigInt, log, store } from "@graphprotocol/graph-ts"

import { UnbondingLock } from "../../generated/schema"
import { unbondingLockId } from "./ids"
import { toDecimal } from "./units"

/** Creates (or replaces) an unbonding lock. */
export function createUnbondingLock(
  delegator: Address,
  lockId: BigInt,
  delegate: string,
  amount: BigInt,
  withdrawRound: BigInt,
  sender: string,
): UnbondingLock {
  const lock = new UnbondingLock(unbondingLockId(delegator, lockId))
  lock.unbondingLockId = lockId.toI32()
  lock.delegator = delegator.toHexString()
  lock.delegate = delegate
  lock.amountWei = amount
  lock.amount = toDecimal(amount)
  lock.withdrawRound = withdrawRound
  lock.sender = sender
  lock.save()
  return lock
}

/** Removes a lock; returns it as it was, or null (with a warning) if the index has no such lock. */
export function removeUnbondingLock(delegator: Address, lockId: BigInt): UnbondingLock | null {
  const id = unbondingLockId(delegator, lockId)
  const lock = UnbondingLock.load(id)
  if (lock == null) {
    log.warning("Unbonding lock {} is not in the index", [id])
    return null
  }
  store.remove("UnbondingLock", id)
  return lock
}
