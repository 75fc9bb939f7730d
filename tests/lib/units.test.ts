import { BigInt } from "@graphprotocol/graph-ts"
import { assert, describe, test } from "matchstick-as/assembly/index"

import { percOf, preciseFractionOf, precisePercOf, saturatingSub, toDecimal } from "../../src/lib/units"

describe("PreciseMathUtils", () => {
  test("truncates the fraction before applying it", () => {
    // 3 * floor(10^27 / 3) / 10^27 = 0, where a single division 3 * 1 / 3 would give 1
    assert.bigIntEquals(preciseFractionOf(BigInt.fromI32(3), BigInt.fromI32(1), BigInt.fromI32(3)), BigInt.zero())
    // 10^27 * floor(1 * 10^27 / 3) / 10^27 = 333333333333333333333333333
    assert.bigIntEquals(
      preciseFractionOf(BigInt.fromString("1000000000000000000000000000"), BigInt.fromI32(1), BigInt.fromI32(3)),
      BigInt.fromString("333333333333333333333333333"),
    )
  })

  test("returns 0 for a zero denominator instead of aborting", () => {
    assert.bigIntEquals(preciseFractionOf(BigInt.fromI32(7), BigInt.fromI32(2), BigInt.zero()), BigInt.zero())
  })

  test("applies 10^27 and 10^6 percentages", () => {
    assert.bigIntEquals(precisePercOf(BigInt.fromI32(1000), BigInt.fromString("100000000000000000000000000")), BigInt.fromI32(100))
    assert.bigIntEquals(percOf(BigInt.fromI32(999), BigInt.fromI32(500000)), BigInt.fromI32(499))
  })
})

describe("units", () => {
  test("converts wei to decimals", () => {
    assert.stringEquals(toDecimal(BigInt.fromString("1500000000000000000")).toString(), "1.5")
  })

  test("floors subtraction at 0", () => {
    assert.bigIntEquals(saturatingSub(BigInt.fromI32(2), BigInt.fromI32(5)), BigInt.zero())
  })
})
