import { BigDecimal, BigInt } from "@graphprotocol/graph-ts"
import { assert, describe, test } from "matchstick-as/assembly/index"

import {
  annualRate,
  annualize,
  compounded,
  ethToLpt,
  factorGrowth,
  feeReturnLPT,
  meanAnnualized,
  orchestratorReturn,
  realRate,
  roundsPerYearFromLength,
  roundsPerYearObserved,
} from "../../src/lib/metrics"

function bd(value: string): BigDecimal {
  return BigDecimal.fromString(value)
}

function big(value: string): BigInt {
  return BigInt.fromString(value)
}

// LPT = 1/256 ETH: 10^18 / 256 ETH wei per LPT
const LPT_PRICE_WEI = big("3906250000000000")

describe("rounds per year", () => {
  test("falls back to 365 days / (roundLength * 12 s)", () => {
    // 31536000 / (5760 * 12) = 31536000 / 69120 = 456.25
    const perYear = roundsPerYearFromLength(BigInt.fromI32(5760))!
    assert.stringEquals(perYear.value.toString(), "456.25")
    assert.i32Equals(perYear.whole, 456)
    assert.booleanEquals(perYear.observed, false)
  })

  test("is unknown while the round length is 0", () => {
    assert.booleanEquals(true, roundsPerYearFromLength(BigInt.zero()) === null)
  })

  test("uses observed round durations", () => {
    // 30 rounds in 30 days: 365 rounds per year; 30 rounds in 25 days: 438
    assert.stringEquals(roundsPerYearObserved(30, 30 * 86400)!.value.toString(), "365")
    assert.stringEquals(roundsPerYearObserved(30, 25 * 86400)!.value.toString(), "438")
    assert.booleanEquals(true, roundsPerYearObserved(30, 0) === null)
  })
})

describe("rates", () => {
  test("annualizes per-round amounts simply", () => {
    // 2 LPT mintable per round on 10000 LPT supply at 456.25 rounds/yr: 2 * 456.25 / 10000
    assert.stringEquals(annualRate(big("2000000000000000000"), big("10000000000000000000000"), bd("456.25"))!.toString(), "0.09125")
    assert.booleanEquals(true, annualRate(BigInt.fromI32(1), BigInt.zero(), bd("456.25")) === null)
    assert.booleanEquals(true, annualRate(BigInt.fromI32(1), BigInt.fromI32(1), null) === null)
  })

  test("annualizes 10^27 fixed-point returns and their means", () => {
    // 0.0009 per round * 456.25 = 0.410625; mean of 0.0009, 0.0005, 0.0004 = 0.0006 -> 0.27375
    assert.stringEquals(annualize(big("900000000000000000000000"), bd("456.25"))!.toString(), "0.410625")
    assert.stringEquals(meanAnnualized(big("1800000000000000000000000"), 3, bd("456.25"))!.toString(), "0.27375")
    assert.booleanEquals(true, meanAnnualized(BigInt.zero(), 0, bd("456.25")) === null)
  })

  test("deflates by inflation: (1 + nominal) / (1 + inflation) - 1", () => {
    // 1.32 / 1.1 - 1 = 0.2
    assert.stringEquals(realRate(bd("0.32"), bd("0.1"))!.toString(), "0.2")
    assert.booleanEquals(true, realRate(null, bd("0.1")) === null)
  })

  test("compounds a per-round rate", () => {
    // 1.1^3 - 1 = 0.331
    assert.stringEquals(compounded(bd("0.1"), 3).toString(), "0.331")
    assert.stringEquals(compounded(bd("0.1"), 0).toString(), "0")
  })
})

describe("returns", () => {
  test("measures reward factor growth, an unset factor counting as 1.0", () => {
    // (1.0009 - 1) / 1 and (1.00140045 - 1.0009) / 1.0009 = 0.0005
    assert.bigIntEquals(factorGrowth(BigInt.zero(), big("1000900000000000000000000000")), big("900000000000000000000000"))
    assert.bigIntEquals(
      factorGrowth(big("1000900000000000000000000000"), big("1001400450000000000000000000")),
      big("500000000000000000000000"),
    )
  })

  test("converts fees to LPT at the round's price, and needs a price only for non-zero fees", () => {
    // 0.001 ETH at 1/256 ETH per LPT = 0.256 LPT
    assert.bigIntEquals(ethToLpt(big("1000000000000000"), LPT_PRICE_WEI)!, big("256000000000000000"))
    assert.bigIntEquals(ethToLpt(BigInt.zero(), null)!, BigInt.zero())
    assert.booleanEquals(true, ethToLpt(BigInt.fromI32(1), null) === null)
  })

  test("gives the fee return per LPT staked from the fee factor", () => {
    // CFF 0 -> 5e20 with CRF 1.0: 5e-7 ETH per LPT = 0.000128 LPT per LPT
    assert.bigIntEquals(
      feeReturnLPT(BigInt.zero(), big("500000000000000000000"), BigInt.zero(), LPT_PRICE_WEI)!,
      big("128000000000000000000000"),
    )
  })

  test("adds the reward cut over the orchestrator's own stake", () => {
    // 0.0005 + (1.0009 LPT * 50%) / 1000.9 LPT = 0.001
    assert.bigIntEquals(
      orchestratorReturn(big("500000000000000000000000"), big("1000900000000000000"), BigInt.fromI32(500000), big("1000900000000000000000"))!,
      big("1000000000000000000000000"),
    )
    assert.booleanEquals(true, orchestratorReturn(BigInt.zero(), null, BigInt.zero(), BigInt.zero()) === null)
  })
})
