import { DepositFinalized, WithdrawalInitiated } from "../generated/L2LPTGateway/L2LPTGateway"
import { DepositFinalizedEvent, WithdrawalInitiatedEvent } from "../generated/schema"
import { getOrCreateProtocol } from "./lib/entities"
import { fillEventBase } from "./lib/events"
import { eventId } from "./lib/ids"
import { currentRound } from "./lib/rounds"
import { refreshTotalSupply } from "./lib/supply"
import { saturatingSub } from "./lib/units"

/** LPT bridged in is minted on L2 and counted in l2SupplyFromL1, so the global supply does not change. */
export function handleDepositFinalized(event: DepositFinalized): void {
  const protocol = getOrCreateProtocol()
  const round = currentRound(protocol)
  protocol.l2SupplyFromL1 = protocol.l2SupplyFromL1.plus(event.params._amount)
  refreshTotalSupply(protocol, round, event)
  protocol.save()
  round.save()

  const record = new DepositFinalizedEvent(eventId(event))
  fillEventBase(record, event, round.id)
  record.from = event.params._from.toHexString()
  record.to = event.params._to.toHexString()
  record.amount = event.params._amount
  record.save()
}

/** L2LPTDataCache.decreaseL2SupplyFromL1 floors at 0. */
export function handleWithdrawalInitiated(event: WithdrawalInitiated): void {
  const protocol = getOrCreateProtocol()
  const round = currentRound(protocol)
  protocol.l2SupplyFromL1 = saturatingSub(protocol.l2SupplyFromL1, event.params._amount)
  refreshTotalSupply(protocol, round, event)
  protocol.save()
  round.save()

  const record = new WithdrawalInitiatedEvent(eventId(event))
  fillEventBase(record, event, round.id)
  record.from = event.params._from.toHexString()
  record.to = event.params._to.toHexString()
  record.amount = event.params._amount
  record.save()
}
