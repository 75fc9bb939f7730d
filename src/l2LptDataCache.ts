import { CacheTotalSupplyFinalized } from "../generated/L2LPTDataCache/L2LPTDataCache"
import { CacheTotalSupplyFinalizedEvent } from "../generated/schema"
import { getOrCreateProtocol } from "./lib/entities"
import { fillEventBase } from "./lib/events"
import { eventId } from "./lib/ids"
import { currentRound } from "./lib/rounds"
import { refreshTotalSupply } from "./lib/supply"

export function handleCacheTotalSupplyFinalized(event: CacheTotalSupplyFinalized): void {
  const protocol = getOrCreateProtocol()
  const round = currentRound(protocol)
  protocol.l1TotalSupply = event.params.totalSupply
  refreshTotalSupply(protocol, round, event)
  protocol.save()
  round.save()

  const record = new CacheTotalSupplyFinalizedEvent(eventId(event))
  fillEventBase(record, event, round.id)
  record.totalSupply = event.params.totalSupply
  record.save()
}
