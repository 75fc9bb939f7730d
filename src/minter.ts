import { log } from "@graphprotocol/graph-ts"

import { ParameterUpdate, SetCurrentRewardTokens } from "../generated/Minter/Minter"
import { ParameterUpdateEvent } from "../generated/schema"
import { getOrCreateProtocol } from "./lib/entities"
import { fillEventBase } from "./lib/events"
import { eventId } from "./lib/ids"
import { readMinterParameters } from "./lib/minterParameters"

/**
 * Emitted by initializeRound just before NewRound: the values are kept on the Protocol and the
 * SetCurrentRewardTokensEvent is recorded by the NewRound handler, which knows the round being initialized.
 */
export function handleSetCurrentRewardTokens(event: SetCurrentRewardTokens): void {
  const protocol = getOrCreateProtocol()
  protocol.inflation = event.params.currentInflation
  protocol.currentMintableTokens = event.params.currentMintableTokens
  protocol.save()
}

export function handleMinterParameterUpdate(event: ParameterUpdate): void {
  const param = event.params.param
  if (param == "targetBondingRate" || param == "inflationChange") {
    readMinterParameters(event.address)
  } else {
    log.warning("Minter ParameterUpdate of unknown parameter {}", [param])
  }
  const protocol = getOrCreateProtocol()
  const record = new ParameterUpdateEvent(eventId(event))
  fillEventBase(record, event, protocol.currentRound)
  record.param = param
  record.save()
}
