// Membership of the BondingManager transcoder pool, from TranscoderActivated / TranscoderDeactivated.
import { BigInt, ethereum } from "@graphprotocol/graph-ts"

import {
  Protocol,
  TranscoderDeactivatedEvent,
  TranscoderEvictedEvent,
  TranscoderResignedEvent,
} from "../../generated/schema"
import { ONE_BI } from "./constants"
import { eventIdAt } from "./ids"

function without(list: string[], item: string): string[] {
  const out: string[] = []
  for (let i = 0; i < list.length; i++) if (list[i] != item) out.push(list[i])
  return out
}

/** Adds a joining transcoder to the pending activation list (and drops a pending deactivation). */
export function markPendingActivation(protocol: Protocol, transcoder: string): void {
  protocol.pendingDeactivation = without(protocol.pendingDeactivation, transcoder)
  const pending = without(protocol.pendingActivation, transcoder)
  pending.push(transcoder)
  protocol.pendingActivation = pending
  protocol.activeTranscoderCount = protocol.activeTranscoderCount.plus(ONE_BI)
}

/** Adds a leaving transcoder to the pending deactivation list (and drops a pending activation). */
export function markPendingDeactivation(protocol: Protocol, transcoder: string): void {
  protocol.pendingActivation = without(protocol.pendingActivation, transcoder)
  const pending = without(protocol.pendingDeactivation, transcoder)
  pending.push(transcoder)
  protocol.pendingDeactivation = pending
  protocol.activeTranscoderCount = protocol.activeTranscoderCount.minus(ONE_BI)
}

/**
 * The TranscoderDeactivated of `transcoder` emitted earlier in the same transaction, searching back at most
 * `maxDistance` logs (the BondingManager emits it a few logs before the Unbond / TranscoderSlashed /
 * TranscoderActivated that explains it).
 */
export function findDeactivationInTransaction(
  event: ethereum.Event,
  transcoder: string,
  maxDistance: i32,
): TranscoderDeactivatedEvent | null {
  for (let distance = 1; distance <= maxDistance; distance++) {
    const logIndex = event.logIndex.minus(BigInt.fromI32(distance))
    if (logIndex.lt(BigInt.zero())) break
    const candidate = TranscoderDeactivatedEvent.load(eventIdAt(event.transaction.hash, logIndex))
    if (candidate != null && candidate.delegate == transcoder) return candidate
  }
  return null
}

/** Records that a deactivation was an eviction (same id as its TranscoderDeactivatedEvent). */
export function recordEviction(deactivation: TranscoderDeactivatedEvent): void {
  const record = new TranscoderEvictedEvent(deactivation.id)
  record.transaction = deactivation.transaction
  record.timestamp = deactivation.timestamp
  record.round = deactivation.round
  record.delegate = deactivation.delegate
  record.save()
}

/** Records that a deactivation was a resignation (same id as its TranscoderDeactivatedEvent). */
export function recordResignation(deactivation: TranscoderDeactivatedEvent): void {
  const record = new TranscoderResignedEvent(deactivation.id)
  record.transaction = deactivation.transaction
  record.timestamp = deactivation.timestamp
  record.round = deactivation.round
  record.delegate = deactivation.delegate
  record.save()
}
