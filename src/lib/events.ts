import { Entity, ethereum, Value } from "@graphprotocol/graph-ts"

import { getOrCreateTransaction } from "./entities"

/** Sets the Event interface fields (transaction, timestamp, round) of an event entity; creates the Transaction. */
export function fillEventBase(record: Entity, event: ethereum.Event, round: string): void {
  const tx = getOrCreateTransaction(event)
  record.set("transaction", Value.fromString(tx.id))
  record.set("timestamp", Value.fromI32(event.block.timestamp.toI32()))
  record.set("round", Value.fromString(round))
}
