import { Address, BigInt, Bytes } from "@graphprotocol/graph-ts"
import { assert, describe, test } from "matchstick-as/assembly/index"

import { addressDayId, dayId, eventIdAt, poolId, unbondingLockId, voteId } from "../../src/lib/ids"

describe("ids", () => {
  test("match the official formats", () => {
    const transcoder = "0x00000000000000000000000000000000000000a1"
    assert.stringEquals(poolId(BigInt.fromI32(3000), transcoder), "0000003000-" + transcoder)
    assert.stringEquals(unbondingLockId(Address.fromString(transcoder), BigInt.fromI32(12)), "0000000012-" + transcoder)
    assert.stringEquals(voteId("0xv", "0xp"), "0xv-0xp")
    assert.stringEquals(dayId(86400 * 3 + 5), "3")
    assert.stringEquals(addressDayId(transcoder, 86400 * 3 + 5), transcoder + "-3")
    assert.stringEquals(eventIdAt(Bytes.fromHexString("0xab"), BigInt.fromI32(4)), "0xab-4")
  })
})
