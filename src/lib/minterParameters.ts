import { Address, log } from "@graphprotocol/graph-ts"

import { Minter } from "../../generated/Minter/Minter"
import { getOrCreateProtocol } from "./entities"

/**
 * eth_call (2): targetBondingRate and inflationChange are set by the Minter's constructor and setters
 * without carrying their value in an event, so they are read when a Minter is registered in the
 * Controller and after each of its ParameterUpdate events - never per round.
 */
export function readMinterParameters(address: Address): void {
  const minter = Minter.bind(address)
  const protocol = getOrCreateProtocol()
  const targetBondingRate = minter.try_targetBondingRate()
  const inflationChange = minter.try_inflationChange()
  if (targetBondingRate.reverted || inflationChange.reverted) {
    log.warning("Minter {} parameter getters reverted; keeping the previous values", [address.toHexString()])
    return
  }
  protocol.targetBondingRate = targetBondingRate.value
  protocol.inflationChange = inflationChange.value
  protocol.save()
}
