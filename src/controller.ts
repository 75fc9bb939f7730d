import { Address } from "@graphprotocol/graph-ts"

import { Pause, SetContractInfo, Unpause } from "../generated/Controller/Controller"
import { MINTER_ADDRESS, MINTER_V1_ADDRESS } from "../generated/network"
import { PauseEvent, ProtocolContract, SetContractInfoEvent, UnpauseEvent } from "../generated/schema"
import { MinterTemplate } from "../generated/templates"
import { CONTROLLER_NAMES, controllerId } from "./lib/constants"
import { getOrCreateProtocol } from "./lib/entities"
import { fillEventBase } from "./lib/events"
import { eventId } from "./lib/ids"
import { readMinterParameters } from "./lib/minterParameters"
import { currentRound } from "./lib/rounds"

function controllerName(id: string): string | null {
  for (let i = 0; i < CONTROLLER_NAMES.length; i++) {
    if (controllerId(CONTROLLER_NAMES[i]) == id) return CONTROLLER_NAMES[i]
  }
  return null
}

export function handleSetContractInfo(event: SetContractInfo): void {
  const round = currentRound()
  const id = event.params.id.toHexString()
  const address = event.params.contractAddress.toHexString()
  let registered = ProtocolContract.load(id)
  if (registered == null) {
    registered = new ProtocolContract(id)
    registered.name = controllerName(id)
  }
  registered.address = address
  registered.gitCommitHash = event.params.gitCommitHash
  registered.updatedTimestamp = event.block.timestamp.toI32()
  registered.updatedRound = round.id
  registered.save()
  if (id == controllerId("Minter")) startMinter(event.params.contractAddress)

  const record = new SetContractInfoEvent(eventId(event))
  fillEventBase(record, event, round.id)
  record.protocolContract = id
  record.contractAddress = address
  record.gitCommitHash = event.params.gitCommitHash
  record.save()
}

/**
 * A new Minter is a new address (not a proxy): index it from its registration on, unless it is one of the
 * Minters the manifest already indexes, and read the parameters its constructor set without events.
 */
function startMinter(address: Address): void {
  const hex = address.toHexString()
  if (hex != MINTER_V1_ADDRESS && hex != MINTER_ADDRESS) MinterTemplate.create(address)
  readMinterParameters(address)
}

export function handlePause(event: Pause): void {
  const protocol = getOrCreateProtocol()
  protocol.paused = true
  protocol.save()
  const record = new PauseEvent(eventId(event))
  fillEventBase(record, event, protocol.currentRound)
  record.save()
}

export function handleUnpause(event: Unpause): void {
  const protocol = getOrCreateProtocol()
  protocol.paused = false
  protocol.save()
  const record = new UnpauseEvent(eventId(event))
  fillEventBase(record, event, protocol.currentRound)
  record.save()
}
