// Global LPT supply from events only, the value the Minter reads with
// getGlobalTotalSupply(): L2 supply + max(L1 supply cached on L2 - LPT bridged from L1, 0).
import { ethereum } from "@graphprotocol/graph-ts"

import { Protocol, Round } from "../../generated/schema"
import { getOrCreateDay } from "./entities"
import { safeDivide, saturatingSub, toDecimal } from "./units"

/** Recomputes the global supply and participation rate on the protocol, and copies them to `round` and today. */
export function refreshTotalSupply(protocol: Protocol, round: Round, event: ethereum.Event): void {
  const l1Circulating = saturatingSub(protocol.l1TotalSupply, protocol.l2SupplyFromL1)
  protocol.totalSupplyWei = protocol.l2TotalSupply.plus(l1Circulating)
  protocol.totalSupply = toDecimal(protocol.totalSupplyWei)
  protocol.participationRate = safeDivide(protocol.totalActiveStake, protocol.totalSupply)

  round.totalSupplyWei = protocol.totalSupplyWei
  round.totalSupply = protocol.totalSupply
  round.participationRate = protocol.participationRate

  const day = getOrCreateDay(event.block.timestamp.toI32(), protocol)
  day.totalSupplyWei = protocol.totalSupplyWei
  day.totalSupply = protocol.totalSupply
  day.totalActiveStakeWei = protocol.totalActiveStakeWei
  day.totalActiveStake = protocol.totalActiveStake
  day.participationRate = protocol.participationRate
  day.save()
}
