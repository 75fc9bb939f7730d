import { Address, BigInt, Bytes, ethereum } from "@graphprotocol/graph-ts"
import { assert, beforeEach, clearStore, describe, test } from "matchstick-as/assembly/index"

import { handleUpdateCancelled, handleUpdateExecuted, handleUpdateStaged } from "../src/governor"
import { at, newUpdateCancelledEvent, newUpdateExecutedEvent, newUpdateStagedEvent } from "./helpers/events"
import { freshTx } from "./helpers/scenario"

const CONTROLLER = "0xd8e8328501e9645d16cf49539efc04f734606ee4"
// keccak256(abi.encode(([controller], [0], [0x5c975abb], 7))), computed with viem
const UPDATE_ID = "0xe4f137850af585256993e090495a1568a17580c91501290e7787eb2505068827"

function update(): ethereum.Tuple {
  const tuple = new ethereum.Tuple()
  tuple.push(ethereum.Value.fromAddressArray([Address.fromString(CONTROLLER)]))
  tuple.push(ethereum.Value.fromUnsignedBigIntArray([BigInt.zero()]))
  tuple.push(ethereum.Value.fromBytesArray([Bytes.fromHexString("0x5c975abb")]))
  tuple.push(ethereum.Value.fromUnsignedBigInt(BigInt.fromI32(7)))
  return tuple
}

describe("protocol Governor updates", () => {
  beforeEach(() => {
    clearStore()
    handleUpdateStaged(at(newUpdateStagedEvent(update(), BigInt.fromI32(40)), freshTx(), 1, 100))
  })

  test("stages an update under the Governor's key", () => {
    assert.fieldEquals("ProtocolUpdate", UPDATE_ID, "state", "Staged")
    assert.fieldEquals("ProtocolUpdate", UPDATE_ID, "delay", "40")
    assert.fieldEquals("ProtocolUpdate", UPDATE_ID, "nonce", "7")
  })

  test("marks it executed", () => {
    handleUpdateExecuted(at(newUpdateExecutedEvent(update()), freshTx(), 1, 200))
    assert.fieldEquals("ProtocolUpdate", UPDATE_ID, "state", "Executed")
    assert.fieldEquals("ProtocolUpdate", UPDATE_ID, "executedTimestamp", "200")
  })

  test("marks it cancelled", () => {
    handleUpdateCancelled(at(newUpdateCancelledEvent(update()), freshTx(), 1, 300))
    assert.fieldEquals("ProtocolUpdate", UPDATE_ID, "state", "Cancelled")
  })
})
