import { ServiceURIUpdate } from "../generated/ServiceRegistry/ServiceRegistry"
import { ServiceURIUpdateEvent } from "../generated/schema"
import { getOrCreateTranscoder } from "./lib/entities"
import { fillEventBase } from "./lib/events"
import { eventId } from "./lib/ids"
import { currentRound } from "./lib/rounds"

/** Any address may set a URI (no registration check), as in the contract. */
export function handleServiceURIUpdate(event: ServiceURIUpdate): void {
  const round = currentRound()
  const transcoder = getOrCreateTranscoder(event.params.addr.toHexString())
  transcoder.serviceURI = event.params.serviceURI
  transcoder.save()

  const record = new ServiceURIUpdateEvent(eventId(event))
  fillEventBase(record, event, round.id)
  record.addr = transcoder.id
  record.serviceURI = event.params.serviceURI
  record.save()
}
