import { BigInt } from "@graphprotocol/graph-ts"
import { assert, beforeEach, clearStore, describe, test } from "matchstick-as/assembly/index"

import { handleDepositFinalized, handleWithdrawalInitiated } from "../src/l2LptGateway"
import { at, newDepositFinalizedEvent, newWithdrawalInitiatedEvent } from "./helpers/events"
import { DELEGATOR, lpt } from "./helpers/fixtures"
import { freshTx } from "./helpers/scenario"

const L1_LPT = "0x58b6a8a3302369daec383334672404ee733ab239"

describe("handleWithdrawalInitiated", () => {
  beforeEach(() => {
    clearStore()
  })

  test("floors the supply bridged from L1 at zero, as the data cache does", () => {
    handleDepositFinalized(at(newDepositFinalizedEvent(L1_LPT, DELEGATOR, DELEGATOR, lpt(5)), freshTx(), 1, 100))
    handleWithdrawalInitiated(
      at(newWithdrawalInitiatedEvent(L1_LPT, DELEGATOR, DELEGATOR, BigInt.fromI32(1), BigInt.zero(), lpt(8)), freshTx(), 1, 200),
    )
    assert.fieldEquals("Protocol", "0", "l2SupplyFromL1", "0")
    assert.entityCount("DepositFinalizedEvent", 1)
    assert.entityCount("WithdrawalInitiatedEvent", 1)
  })
})
