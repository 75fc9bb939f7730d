import { ByteArray, Bytes, crypto } from "@graphprotocol/graph-ts"
import { assert, beforeEach, clearStore, describe, test } from "matchstick-as/assembly/index"

import { handleSetContractInfo } from "../src/controller"
import { handleCacheTotalSupplyFinalized } from "../src/l2LptDataCache"
import { handleDepositFinalized } from "../src/l2LptGateway"
import { handleBurn, handleMint, handleTransfer } from "../src/livepeerToken"
import { dayId } from "../src/lib/ids"
import {
  at,
  newBurnEvent,
  newCacheTotalSupplyFinalizedEvent,
  newDepositFinalizedEvent,
  newMintEvent,
  newSetContractInfoEvent,
  newTransferEvent,
} from "./helpers/events"
import { DELEGATOR, lpt, MINTER, TREASURY } from "./helpers/fixtures"
import { freshTx } from "./helpers/scenario"

const L1_LPT = "0x58b6a8a3302369daec383334672404ee733ab239"

function registerTreasury(): void {
  const id = Bytes.fromByteArray(crypto.keccak256(ByteArray.fromUTF8("Treasury")))
  handleSetContractInfo(at(newSetContractInfoEvent(id, TREASURY, Bytes.fromHexString("0x" + "00".repeat(20))), freshTx(), 1, 100))
}

describe("handleTransfer", () => {
  beforeEach(() => {
    clearStore()
    registerTreasury()
  })

  test("follows the treasury balance through transfers in and out", () => {
    handleTransfer(at(newTransferEvent(MINTER, TREASURY, lpt(30)), freshTx(), 1, 86400 * 5))
    handleTransfer(at(newTransferEvent(TREASURY, DELEGATOR, lpt(12)), freshTx(), 1, 86400 * 6))
    handleTransfer(at(newTransferEvent(MINTER, DELEGATOR, lpt(99)), freshTx(), 1, 86400 * 6))
    assert.fieldEquals("Protocol", "0", "treasuryBalance", lpt(18).toString())
    assert.fieldEquals("Day", dayId(86400 * 5), "treasuryBalance", lpt(30).toString())
    assert.fieldEquals("Day", dayId(86400 * 6), "treasuryBalance", lpt(18).toString())
  })
})

describe("supply", () => {
  beforeEach(() => {
    clearStore()
  })

  test("computes the global supply from mints, burns, bridge deposits and the L1 cache", () => {
    handleCacheTotalSupplyFinalized(at(newCacheTotalSupplyFinalizedEvent(lpt(30000000)), freshTx(), 1, 100))
    // 1M LPT bridged in: minted on L2 and counted as supply from L1, the global supply is unchanged
    const bridge = freshTx()
    handleMint(at(newMintEvent(DELEGATOR, lpt(1000000)), bridge, 1, 200))
    handleDepositFinalized(at(newDepositFinalizedEvent(L1_LPT, DELEGATOR, DELEGATOR, lpt(1000000)), bridge, 2, 200))
    assert.fieldEquals("Protocol", "0", "totalSupplyWei", lpt(30000000).toString())
    // inflation minted to the Minter raises it; a slash burn lowers it
    handleMint(at(newMintEvent(MINTER, lpt(30)), freshTx(), 1, 300))
    handleBurn(at(newBurnEvent(MINTER, lpt(10)), freshTx(), 1, 400))
    assert.fieldEquals("Protocol", "0", "totalSupplyWei", lpt(30000020).toString())
    assert.fieldEquals("Protocol", "0", "l2TotalSupply", lpt(1000020).toString())
    assert.fieldEquals("Protocol", "0", "totalSupply", "30000020")
  })

  test("floors the L2 supply at zero for a burn larger than the indexed supply", () => {
    const tx = freshTx()
    handleBurn(at(newBurnEvent(DELEGATOR, lpt(10)), tx, 1, 400))
    assert.fieldEquals("Protocol", "0", "l2TotalSupply", "0")
    assert.fieldEquals("BurnEvent", tx.toHexString() + "-1", "burner", DELEGATOR)
    assert.fieldEquals("BurnEvent", tx.toHexString() + "-1", "valueWei", lpt(10).toString())
  })
})

describe("token records", () => {
  beforeEach(() => {
    clearStore()
  })

  test("records a mint with its receiver", () => {
    const tx = freshTx()
    handleMint(at(newMintEvent(MINTER, lpt(30)), tx, 2, 300))
    assert.fieldEquals("MintEvent", tx.toHexString() + "-2", "to", MINTER)
    assert.fieldEquals("MintEvent", tx.toHexString() + "-2", "amount", "30")
  })
})
