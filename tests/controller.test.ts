import { Address, BigInt, ByteArray, Bytes, crypto } from "@graphprotocol/graph-ts"
import { assert, beforeEach, clearStore, dataSourceMock, describe, test } from "matchstick-as/assembly/index"

import { handlePause, handleSetContractInfo, handleUnpause } from "../src/controller"
import { handleSetCurrentRewardTokens } from "../src/minter"
import { at, newPauseEvent, newSetContractInfoEvent, newSetCurrentRewardTokensEvent, newUnpauseEvent } from "./helpers/events"
import { MINTER, MINTER_V1 } from "./helpers/fixtures"
import { mockMinterParameters, mockRevertingGetter } from "./helpers/mocks"
import { freshTx } from "./helpers/scenario"

const NEW_MINTER = "0x00000000000000000000000000000000000000e1"
const GIT_COMMIT = Bytes.fromHexString("0x1234567890123456789012345678901234567890")

function id(name: string): Bytes {
  return Bytes.fromByteArray(crypto.keccak256(ByteArray.fromUTF8(name)))
}

describe("handleSetContractInfo", () => {
  beforeEach(() => {
    clearStore()
  })

  test("records the registry entry with its name", () => {
    mockMinterParameters(MINTER_V1, BigInt.fromI32(500000000), BigInt.fromI32(500))
    handleSetContractInfo(at(newSetContractInfoEvent(id("Minter"), MINTER_V1, GIT_COMMIT), freshTx(), 1, 1000))
    const key = id("Minter").toHexString()
    assert.fieldEquals("ProtocolContract", key, "name", "Minter")
    assert.fieldEquals("ProtocolContract", key, "address", MINTER_V1)
    assert.fieldEquals("Protocol", "0", "targetBondingRate", "500000000")
    assert.fieldEquals("Protocol", "0", "inflationChange", "500")
    assert.dataSourceCount("MinterTemplate", 0)
  })

  test("starts indexing a replacement Minter", () => {
    mockMinterParameters(NEW_MINTER, BigInt.fromI32(460000000), BigInt.fromI32(700))
    handleSetContractInfo(at(newSetContractInfoEvent(id("Minter"), NEW_MINTER, GIT_COMMIT), freshTx(), 1, 2000))
    assert.dataSourceCount("MinterTemplate", 1)
    assert.dataSourceExists("MinterTemplate", NEW_MINTER)
    assert.fieldEquals("Protocol", "0", "targetBondingRate", "460000000")

    dataSourceMock.setAddress(NEW_MINTER)
    const event = at(newSetCurrentRewardTokensEvent(BigInt.fromI32(77), BigInt.fromI32(221000)), freshTx(), 1, 3000)
    event.address = Address.fromString(NEW_MINTER)
    handleSetCurrentRewardTokens(event)
    assert.fieldEquals("Protocol", "0", "currentMintableTokens", "77")
  })

  test("names a target upgrade without reading any parameter", () => {
    handleSetContractInfo(at(newSetContractInfoEvent(id("BondingManagerTarget"), MINTER, GIT_COMMIT), freshTx(), 1, 1000))
    assert.fieldEquals("ProtocolContract", id("BondingManagerTarget").toHexString(), "name", "BondingManagerTarget")
    assert.fieldEquals("Protocol", "0", "targetBondingRate", "0")
  })

  test("keeps the parameters when the new Minter's getters revert", () => {
    mockRevertingGetter(NEW_MINTER, "targetBondingRate", "uint256")
    mockRevertingGetter(NEW_MINTER, "inflationChange", "uint256")
    handleSetContractInfo(at(newSetContractInfoEvent(id("Minter"), NEW_MINTER, GIT_COMMIT), freshTx(), 1, 1000))
    assert.fieldEquals("Protocol", "0", "targetBondingRate", "0")
    assert.dataSourceCount("MinterTemplate", 1)
  })
})

describe("handlePause", () => {
  beforeEach(() => {
    clearStore()
  })

  test("starts paused until the first Unpause", () => {
    handleUnpause(newUnpauseEvent())
    assert.fieldEquals("Protocol", "0", "paused", "false")
    handlePause(at(newPauseEvent(), freshTx(), 1, 10))
    assert.fieldEquals("Protocol", "0", "paused", "true")
    assert.entityCount("PauseEvent", 1)
    assert.entityCount("UnpauseEvent", 1)
  })
})

describe("registry records", () => {
  beforeEach(() => {
    clearStore()
  })

  test("records every registration of an id", () => {
    const tx = freshTx()
    handleSetContractInfo(at(newSetContractInfoEvent(id("TicketBrokerTarget"), MINTER, GIT_COMMIT), tx, 3, 1000))
    assert.fieldEquals("SetContractInfoEvent", tx.toHexString() + "-3", "contractAddress", MINTER)
    assert.fieldEquals("SetContractInfoEvent", tx.toHexString() + "-3", "protocolContract", id("TicketBrokerTarget").toHexString())
  })
})
