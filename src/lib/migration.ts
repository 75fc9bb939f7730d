import { ethereum } from "@graphprotocol/graph-ts"

import { Delegator, DelegatorPool } from "../../generated/schema"
import { ZERO_ADDRESS, ZERO_BI } from "./constants"

/** A migrated orchestrator's delegator pool; a new one takes the stake and delegate of its bond. */
export function getOrCreateDelegatorPool(address: string, event: ethereum.Event): DelegatorPool {
  let pool = DelegatorPool.load(address)
  if (pool != null) return pool
  pool = new DelegatorPool(address)
  const bond = Delegator.load(address)
  pool.l1Addr = ZERO_ADDRESS
  pool.delegate = bond != null ? bond.delegate : null
  pool.initialStake = bond != null ? bond.bondedAmountWei : ZERO_BI
  pool.claimedStake = ZERO_BI
  pool.claimedFees = ZERO_BI
  pool.createdTimestamp = event.block.timestamp.toI32()
  return pool
}
