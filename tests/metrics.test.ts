// Staking metrics over multi-round scenarios, every expected value worked out by hand in the comments.
// Fallback rounds per year: roundLength 5760 L1 blocks * 12 s -> 31536000 / 69120 = 456.25.
// Prices: LPT = 1/256 ETH = 0.00390625 ETH (3906250000000000 wei), ETH = 1600 USD. Supply 10000 LPT.
import { BigDecimal, BigInt, ByteArray, Bytes, crypto } from "@graphprotocol/graph-ts"
import { assert, clearStore, describe, test } from "matchstick-as/assembly/index"

import {
  handleEarningsClaimed,
  handleBondingManagerParameterUpdate as handleBondingParameterUpdate,
  handleReward,
  handleTranscoderUpdate,
  handleTreasuryReward,
} from "../src/bondingManager"
import { handleSetContractInfo } from "../src/controller"
import { handleMint, handleTransfer } from "../src/livepeerToken"
import { handleRoundsManagerParameterUpdate as handleRoundsParameterUpdate } from "../src/roundsManager"
import { handleDepositFunded, handleWinningTicketTransfer } from "../src/ticketBroker"
import { dayId, delegatorSnapshotId, poolId } from "../src/lib/ids"
import {
  at,
  newBondingManagerParameterUpdateEvent,
  newDepositFundedEvent,
  newEarningsClaimedEvent,
  newMintEvent,
  newRewardEvent,
  newRoundsManagerParameterUpdateEvent,
  newSetContractInfoEvent,
  newTranscoderUpdateEvent,
  newTransferEvent,
  newTreasuryRewardEvent,
  newWinningTicketTransferEvent,
} from "./helpers/events"
import {
  big,
  BROADCASTER,
  DELEGATOR,
  lpt,
  MINTER,
  ROUND,
  ROUND_LENGTH,
  TRANSCODER,
  TRANSCODER_2,
  TREASURY,
} from "./helpers/fixtures"
import { mockBondingManagerGetter, mockDefaultPrices, mockRevertingGetter, mockRoundLength } from "./helpers/mocks"
import { bondFromUnbonded, freshTx, initializeRound } from "./helpers/scenario"

const DAY = 86400 * 19000
const ROUND_SECONDS = 86400
const R1 = BigInt.fromI32(3001)
const R2 = BigInt.fromI32(3002)
const R3 = BigInt.fromI32(3003)
const R4 = BigInt.fromI32(3004)
const HALF = BigInt.fromI32(500000)
const SLOT0 = "uint160,int24,uint16,uint16,uint16,uint8,bool"
const LPT_WETH_POOL = "0x4fd47e5102dfbf95541f64ed6fe13d4ed26d2546"

function bd(value: string): BigDecimal {
  return BigDecimal.fromString(value)
}

/** (1 + nominal) / (1 + inflation) - 1, evaluated here from hand-computed inputs. */
function real(nominal: string, inflation: string): string {
  const one = bd("1")
  return one.plus(bd(nominal)).div(one.plus(bd(inflation))).minus(one).toString()
}

function start(round: BigInt): i32 {
  return DAY + (round.toI32() - 3000) * ROUND_SECONDS
}

/** Inflation 10^-9 per round on a 10000 LPT supply: mintable = 10000 LPT * inflation / 10^9. */
function newRound(round: BigInt, inflation: i32): void {
  const mintable = lpt(10000).times(BigInt.fromI32(inflation)).div(BigInt.fromI32(1000000000))
  initializeRound(round, mintable, BigInt.fromI32(inflation), start(round))
}

/**
 * Round 3000: 10000 LPT supply, Treasury registered, treasury cut 10% pending, T and T2 self-bond 1000 LPT
 * each (both join the active set for 3001); T: reward cut 0, fee share 50%; a broadcaster deposit.
 */
function setUpNetwork(): void {
  clearStore()
  mockDefaultPrices()
  mockRoundLength(ROUND_LENGTH, ROUND, BigInt.fromI32(17280000))
  handleRoundsParameterUpdate(newRoundsManagerParameterUpdateEvent("roundLength"))
  const treasuryId = Bytes.fromByteArray(crypto.keccak256(ByteArray.fromUTF8("Treasury")))
  handleSetContractInfo(at(newSetContractInfoEvent(treasuryId, TREASURY, Bytes.fromHexString("0x" + "00".repeat(20))), freshTx(), 1, DAY - 100))
  handleMint(at(newMintEvent(MINTER, lpt(10000)), freshTx(), 1, DAY - 50))
  newRound(ROUND, 200000)
  mockBondingManagerGetter("nextRoundTreasuryRewardCutRate", big("100000000000000000000000000"))
  handleBondingParameterUpdate(newBondingManagerParameterUpdateEvent("nextRoundTreasuryRewardCutRate"))
  bondFromUnbonded(TRANSCODER, TRANSCODER, lpt(1000), ROUND, R1, DAY + 10)
  handleTranscoderUpdate(at(newTranscoderUpdateEvent(TRANSCODER, BigInt.zero(), HALF), freshTx(), 1, DAY + 20))
  bondFromUnbonded(TRANSCODER_2, TRANSCODER_2, lpt(1000), ROUND, R1, DAY + 30)
  handleDepositFunded(at(newDepositFundedEvent(BROADCASTER, lpt(1)), freshTx(), 1, DAY + 40))
  // initializeRound(3001) promotes the pending cut
  handleBondingParameterUpdate(newBondingManagerParameterUpdateEvent("treasuryRewardCutRate"))
}

/** A reward call: [treasury transfer + TreasuryReward] then Reward, in one transaction. */
function reward(transcoder: string, treasury: BigInt, amount: BigInt, timestamp: i32): void {
  const tx = freshTx()
  if (!treasury.isZero()) {
    handleTransfer(at(newTransferEvent(MINTER, TREASURY, treasury), tx, 2, timestamp))
    handleTreasuryReward(at(newTreasuryRewardEvent(transcoder, TREASURY, treasury), tx, 3, timestamp))
  }
  handleReward(at(newRewardEvent(transcoder, amount), tx, 5, timestamp))
}

function fee(transcoder: string, amount: BigInt, timestamp: i32): void {
  handleWinningTicketTransfer(at(newWinningTicketTransferEvent(BROADCASTER, transcoder, amount), freshTx(), 2, timestamp))
}

// Round 3001: 0.001 ETH of fees to T (before its reward), T mints 1 LPT (0.1 to the treasury, 0.9 reward),
//   T2 misses its reward call; afterwards T raises its reward cut to 50% and the treasury ceiling resets
//   the next-round treasury cut to 0.
// Round 3002: no treasury cut; T rewards 1.0009 LPT, T2 rewards 1 LPT; D bonds 1000 LPT to T (from 3003).
// Round 3003: T rewards 1.60152072 LPT, T2 misses again. Round 3004: D claims.
describe("staking metrics over four rounds", () => {
  test("round 3001 opens with inflation, staking ratio, prices and the stake split", () => {
    setUpNetwork()
    newRound(R1, 200500)
    // mintable = 2.005 LPT; inflationRate = 2.005 * 456.25 / 10000 = 0.091478125
    assert.fieldEquals("Round", "3001", "roundsPerYear", "456.25")
    assert.fieldEquals("Round", "3001", "roundsPerYearObserved", "false")
    assert.fieldEquals("Round", "3001", "inflationRate", "0.091478125")
    // staking ratio = 2000 / 10000
    assert.fieldEquals("Round", "3001", "stakingRatio", "0.2")
    assert.fieldEquals("Round", "3001", "lptPriceEth", "0.00390625")
    assert.fieldEquals("Round", "3001", "lptPriceEthWei", "3906250000000000")
    assert.fieldEquals("Round", "3001", "ethPriceUSD", "1600")
    assert.fieldEquals("Round", "3001", "stakedTokens", lpt(2000).toString())
    assert.fieldEquals("Round", "3001", "selfStakedTokens", lpt(2000).toString())
    assert.fieldEquals("Round", "3001", "delegatedTokens", "0")
    assert.fieldEquals("Round", "3001", "stakingWallets", "2")
    assert.fieldEquals("Round", "3001", "treasuryRewardCutRate", "100000000000000000000000000")
    assert.fieldEquals("Pool", poolId(R1, TRANSCODER), "selfStakeWei", lpt(1000).toString())
    assert.fieldEquals("Protocol", "0", "inflationRate", "0.091478125")
    assert.fieldEquals("Day", dayId(start(R1)), "stakingRatio", "0.2")
  })

  test("round 3001 closes at the next NewRound: realized inflation, reward rate with fees, treasury inflow", () => {
    fee(TRANSCODER, big("1000000000000000"), start(R1) + 100)
    reward(TRANSCODER, big("100000000000000000"), big("900000000000000000"), start(R1) + 200)
    handleTranscoderUpdate(at(newTranscoderUpdateEvent(TRANSCODER, HALF, HALF), freshTx(), 1, start(R1) + 300))
    mockBondingManagerGetter("nextRoundTreasuryRewardCutRate", BigInt.zero())
    handleBondingParameterUpdate(newBondingManagerParameterUpdateEvent("nextRoundTreasuryRewardCutRate"))
    assert.fieldEquals("Round", "3001", "treasuryInflow", "100000000000000000")
    assert.fieldEquals("Pool", poolId(R1, TRANSCODER), "cumulativeRewardFactor", "1000900000000000000000000000")

    handleBondingParameterUpdate(newBondingManagerParameterUpdateEvent("treasuryRewardCutRate"))
    newRound(R2, 201000)
    // minted 1 LPT (treasury included): 1 * 456.25 / 10000
    assert.fieldEquals("Round", "3001", "realizedInflationRate", "0.045625")
    // stakers 0.9 LPT + window fees 0.001 ETH = 0.256 LPT over the window's 2 closed rounds (3000, 3001):
    // (0.9 + 0.128) * 456.25 / 2000
    assert.fieldEquals("Round", "3001", "rewardRate", "0.2345125")
    assert.fieldEquals("Round", "3001", "realRewardRate", real("0.2345125", "0.091478125"))
    assert.fieldEquals("Round", "3001", "feeRevenueETH", "0.001")
    assert.fieldEquals("Round", "3001", "feeRevenueUSD", "1.6")
    assert.fieldEquals("Protocol", "0", "rewardRate", "0.2345125")
    assert.fieldEquals("Protocol", "0", "windowRounds", "2")
    assert.fieldEquals("Protocol", "0", "treasuryInflow", "100000000000000000")
    assert.fieldEquals("Protocol", "0", "metricsRound", "3001")
    assert.fieldEquals("Protocol", "0", "windowFeesLPT", "256000000000000000")
    // inflation moves toward the target (staking ratio 0.2 < 0.5): 2.01 * 456.25 / 10000
    assert.fieldEquals("Round", "3002", "inflationRate", "0.09170625")
    // the treasury cut switched off at the ceiling
    assert.fieldEquals("Round", "3002", "treasuryRewardCutRate", "0")
  })

  test("round 3001 closes each active pool with delegator and orchestrator rates", () => {
    const pool = poolId(R1, TRANSCODER)
    // CRF 1.0 -> 1.0009: 0.0009 per round, * 456.25
    assert.fieldEquals("Pool", pool, "delegatorRewardReturn", "900000000000000000000000")
    assert.fieldEquals("Pool", pool, "delegatorRewardRate", "0.410625")
    // delegators' fees 0.0005 ETH on 1000 LPT: CFF 5e20, 5e-7 ETH per LPT = 0.000128 LPT per LPT; * 456.25
    assert.fieldEquals("Pool", pool, "delegatorFeeReturnLPT", "128000000000000000000000")
    assert.fieldEquals("Pool", pool, "delegatorFeeRate", "0.0584")
    assert.fieldEquals("Pool", pool, "delegatorRealRewardRate", real("0.469025", "0.091478125"))
    // reward cut 0 in 3001: the orchestrator earns what its delegators earn
    assert.fieldEquals("Pool", pool, "orchestratorRewardRate", "0.410625")
    assert.fieldEquals("Pool", pool, "rewardCallMissed", "false")
    assert.fieldEquals("Pool", pool, "rewardFactorAtClose", "1000900000000000000000000000")
    const missed = poolId(R1, TRANSCODER_2)
    assert.fieldEquals("Pool", missed, "rewardCallMissed", "true")
    assert.fieldEquals("Pool", missed, "delegatorRewardRate", "0")
    assert.fieldEquals("Transcoder", TRANSCODER_2, "thirtyDayMissedRewardCalls", "1")
    assert.fieldEquals("Transcoder", TRANSCODER, "thirtyDayDelegatorRewardRate", "0.410625")
    assert.fieldEquals("Transcoder", TRANSCODER, "metricsRound", "3001")
  })

  test("round 3002: a cut change mid-window, no treasury cut, and a delegator joining", () => {
    reward(TRANSCODER, BigInt.zero(), big("1000900000000000000"), start(R2) + 100)
    reward(TRANSCODER_2, BigInt.zero(), lpt(1), start(R2) + 110)
    bondFromUnbonded(DELEGATOR, TRANSCODER, lpt(1000), R2, BigInt.zero(), start(R2) + 200)
    newRound(R3, 201500)
    // minted 1.0009 + 1 = 2.0009 LPT, all to stakers: 2.0009 * 456.25 / 10000
    assert.fieldEquals("Round", "3002", "realizedInflationRate", "0.0912910625")
    assert.fieldEquals("Round", "3002", "treasuryInflow", "0")
    // (2.0009 LPT + 0.256 LPT / 3 rounds) * 456.25 / 2000.9 LPT active stake, in wei as the mapping divides
    const windowFees = big("256000000000000000").toBigDecimal().div(bd("3"))
    const expected = big("2000900000000000000").toBigDecimal().plus(windowFees).times(bd("456.25"))
      .div(big("2000900000000000000000").toBigDecimal()).toString()
    assert.fieldEquals("Round", "3002", "rewardRate", expected)
    // T, cut 50%: delegators get 0.50045 of 1.0009 on 1000.9 LPT -> 0.0005 per round
    const pool = poolId(R2, TRANSCODER)
    assert.fieldEquals("Pool", pool, "selfStakeWei", "1000900000000000000000")
    assert.fieldEquals("Pool", pool, "delegatorRewardRate", "0.228125")
    assert.fieldEquals("Pool", pool, "delegatorFeeRate", "0")
    // orchestrator: 0.0005 + 0.50045 / 1000.9 = 0.001 per round
    assert.fieldEquals("Pool", pool, "orchestratorRewardRate", "0.45625")
    // 30-day means over 3001-3002: (0.0009 + 0.0005) / 2, (0.000128 + 0) / 2, (0.0009 + 0.001) / 2; * 456.25
    assert.fieldEquals("Transcoder", TRANSCODER, "thirtyDayDelegatorRewardRate", "0.319375")
    assert.fieldEquals("Transcoder", TRANSCODER, "thirtyDayDelegatorFeeRate", "0.0292")
    assert.fieldEquals("Transcoder", TRANSCODER, "thirtyDayOrchestratorRewardRate", "0.4334375")
    assert.fieldEquals("Transcoder", TRANSCODER, "thirtyDayDelegatorRealRewardRate", real("0.348575", "0.09170625"))
    // 3003 opens: T's own stake 1000 * 1.00140045 + 0.50045 commission, T2's 1000 * 1.001; D's 1000 delegated
    assert.fieldEquals("Round", "3003", "selfStakedTokens", "2002900900000000000000")
    assert.fieldEquals("Round", "3003", "stakedTokens", "3002900900000000000000")
    assert.fieldEquals("Round", "3003", "delegatedTokens", lpt(1000).toString())
    assert.fieldEquals("Round", "3003", "stakingWallets", "3")
  })

  test("round 3003: a second missed call, then the joiner's realized rate counts only its own rounds", () => {
    // T's stake 2001.9009; delegators get 0.80076036 of 1.60152072: 0.0004 per round
    reward(TRANSCODER, BigInt.zero(), big("1601520720000000000"), start(R3) + 100)
    newRound(R4, 202000)
    assert.fieldEquals("Pool", poolId(R3, TRANSCODER), "rewardFactorAtClose", "1001801010180000000000000000")
    // (0.0009 + 0.0005 + 0.0004) / 3 * 456.25
    assert.fieldEquals("Transcoder", TRANSCODER, "thirtyDayDelegatorRewardRate", "0.27375")
    assert.fieldEquals("Transcoder", TRANSCODER, "thirtyDayActiveRounds", "3")
    assert.fieldEquals("Transcoder", TRANSCODER_2, "thirtyDayMissedRewardCalls", "2")
    assert.fieldEquals("Transcoder", TRANSCODER_2, "thirtyDayActiveRounds", "3")

    // D's pending stake: 1000 * 1.00180101018 / 1.00140045 = 1000.4 -> claims 0.4 LPT
    handleEarningsClaimed(
      at(newEarningsClaimedEvent(TRANSCODER, DELEGATOR, big("400000000000000000"), BigInt.zero(), R3, R4), freshTx(), 1, start(R4) + 100),
    )
    assert.fieldEquals("Delegator", DELEGATOR, "lifetimeRewards", "400000000000000000")
    assert.fieldEquals("Delegator", DELEGATOR, "lifetimeFees", "0")
    assert.fieldEquals("DelegatorSnapshot", delegatorSnapshotId(DELEGATOR, R4), "lifetimeRewards", "400000000000000000")
    // bonded from 3003: only round 3003 counts, 0.0004 * 456.25
    assert.fieldEquals("Delegator", DELEGATOR, "thirtyDayRewardRate", "0.1825")
    assert.fieldEquals("Delegator", DELEGATOR, "thirtyDayRewardRateRound", "3003")
  })
})

describe("staking metrics without a price", () => {
  test("leave fee figures in LPT null when the LPT/ETH pool reverts, and never abort", () => {
    setUpNetwork()
    mockRevertingGetter(LPT_WETH_POOL, "slot0", SLOT0)
    newRound(R1, 200500)
    assert.fieldEquals("Round", "3001", "initialized", "true")
    assert.fieldEquals("Round", "3001", "lptPriceEth", "null")
    assert.fieldEquals("Round", "3001", "ethPriceUSD", "1600")
    fee(TRANSCODER, big("1000000000000000"), start(R1) + 100)
    reward(TRANSCODER, big("100000000000000000"), big("900000000000000000"), start(R1) + 200)
    mockDefaultPrices()
    newRound(R2, 201000)
    assert.fieldEquals("Round", "3001", "feeRevenueETH", "0.001")
    assert.fieldEquals("Round", "3001", "rewardRate", "null")
    assert.fieldEquals("Round", "3001", "realizedInflationRate", "0.045625")
    assert.fieldEquals("Protocol", "0", "windowUnpricedRounds", "1")
    const pool = poolId(R1, TRANSCODER)
    assert.fieldEquals("Pool", pool, "delegatorRewardRate", "0.410625")
    assert.fieldEquals("Pool", pool, "delegatorFeeReturnLPT", "null")
    assert.fieldEquals("Pool", pool, "delegatorFeeRate", "null")
    assert.fieldEquals("Pool", pool, "delegatorRealRewardRate", "null")
    // T2 had no fees: 0 LPT needs no price
    assert.fieldEquals("Pool", poolId(R1, TRANSCODER_2), "delegatorFeeRate", "0")
  })
})

describe("staking metrics over 35 daily rounds", () => {
  test("observe rounds per year and keep 30-day windows of fees and missed calls", () => {
    setUpNetwork()
    newRound(R1, 200500)
    fee(TRANSCODER, big("1000000000000000"), start(R1) + 100)
    for (let i = 3002; i <= 3035; i++) newRound(BigInt.fromI32(i), 200500)
    // no round 30 to 35 rounds before 3029 was initialized: fallback
    assert.fieldEquals("Round", "3029", "roundsPerYear", "456.25")
    // 3030 vs 3000: 30 rounds in 30 days -> 365 per year
    assert.fieldEquals("Round", "3030", "roundsPerYear", "365")
    assert.fieldEquals("Round", "3030", "roundsPerYearObserved", "true")
    assert.fieldEquals("Protocol", "0", "roundsPerYear", "365")
    // the 3001 fees are in the window closed at NewRound(3031) (cutoff = start of 3001), not after
    assert.fieldEquals("Round", "3030", "feeRevenueETH", "0.001")
    assert.fieldEquals("Round", "3031", "feeRevenueETH", "0")
    // at NewRound(3035) the window holds rounds 3005-3034
    assert.fieldEquals("Protocol", "0", "windowStartRound", "3005")
    assert.fieldEquals("Protocol", "0", "windowRounds", "30")
    assert.fieldEquals("Transcoder", TRANSCODER_2, "windowStartRound", "3005")
    assert.fieldEquals("Transcoder", TRANSCODER_2, "thirtyDayActiveRounds", "30")
    assert.fieldEquals("Transcoder", TRANSCODER_2, "thirtyDayMissedRewardCalls", "30")
    assert.fieldEquals("Transcoder", TRANSCODER_2, "thirtyDayDelegatorRewardRate", "0")
    assert.fieldEquals("Transcoder", TRANSCODER_2, "metricsRound", "3034")
  })
})
