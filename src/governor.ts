import { Bytes, crypto, ethereum, log } from "@graphprotocol/graph-ts"

import {
  UpdateCancelled,
  UpdateExecuted,
  UpdateStaged,
  UpdateStagedUpdateStruct,
} from "../generated/Governor/Governor"
import { ProtocolUpdate } from "../generated/schema"
import { ProtocolUpdateState } from "./lib/constants"

/** The Governor's key for an update: keccak256(abi.encode(update)); encode of a tuple is abi.encode of it. */
function updateId(update: ethereum.Tuple): string | null {
  const encoded = ethereum.encode(ethereum.Value.fromTuple(update))
  if (!encoded) return null
  return crypto.keccak256(encoded as Bytes).toHexString()
}

function loadUpdate(update: ethereum.Tuple, eventName: string): ProtocolUpdate | null {
  const id = updateId(update)
  let record: ProtocolUpdate | null = null
  if (id != null) record = ProtocolUpdate.load(id!)
  if (record == null) log.warning("{} for an update that was not staged in the index", [eventName])
  return record
}

export function handleUpdateStaged(event: UpdateStaged): void {
  const update: UpdateStagedUpdateStruct = event.params.update
  const id = updateId(update)
  if (id == null) {
    log.warning("Could not ABI-encode a staged Governor update", [])
    return
  }
  const record = new ProtocolUpdate(id!)
  record.targets = update.target.map<string>((target) => target.toHexString())
  record.values = update.value
  record.data = update.data
  record.nonce = update.nonce
  record.delay = event.params.delay
  record.state = ProtocolUpdateState.Staged
  record.stagedTimestamp = event.block.timestamp.toI32()
  record.save()
}

export function handleUpdateExecuted(event: UpdateExecuted): void {
  const record = loadUpdate(event.params.update, "UpdateExecuted")
  if (record == null) return
  record.state = ProtocolUpdateState.Executed
  record.executedTimestamp = event.block.timestamp.toI32()
  record.save()
}

export function handleUpdateCancelled(event: UpdateCancelled): void {
  const record = loadUpdate(event.params.update, "UpdateCancelled")
  if (record == null) return
  record.state = ProtocolUpdateState.Cancelled
  record.cancelledTimestamp = event.block.timestamp.toI32()
  record.save()
}
