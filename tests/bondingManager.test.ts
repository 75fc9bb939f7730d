import { BigInt, Bytes } from "@graphprotocol/graph-ts"
import { assert, beforeEach, clearStore, describe, test } from "matchstick-as/assembly/index"

import {
  handleBond,
  handleEarningsClaimed,
  handleBondingManagerParameterUpdate,
  handleRebond,
  handleReward,
  handleTranscoderActivated,
  handleTranscoderDeactivated,
  handleTranscoderSlashed,
  handleTranscoderUpdate,
  handleTransferBond,
  handleTreasuryReward,
  handleUnbond,
  handleWithdrawFees,
  handleWithdrawStake,
  handleRewardCallerSet,
} from "../src/bondingManager"
import { handleWinningTicketTransfer } from "../src/ticketBroker"
import { MAX_UINT256 } from "../src/lib/constants"
import { delegatorSnapshotId, poolId, unbondingLockId } from "../src/lib/ids"
import {
  at,
  newBondEvent,
  newBondingManagerParameterUpdateEvent,
  newEarningsClaimedEvent,
  newRebondEvent,
  newRewardCallerSetEvent,
  newRewardEvent,
  newTranscoderActivatedEvent,
  newTranscoderDeactivatedEvent,
  newTranscoderSlashedEvent,
  newTranscoderUpdateEvent,
  newTransferBondEvent,
  newTreasuryRewardEvent,
  newUnbondEvent,
  newWinningTicketTransferEvent,
  newWithdrawFeesEvent,
  newWithdrawStakeEvent,
} from "./helpers/events"
import {
  address,
  big,
  BROADCASTER,
  DELEGATOR,
  DELEGATOR_2,
  FINDER,
  lpt,
  NEXT_ROUND,
  ROUND,
  TRANSCODER,
  TRANSCODER_2,
  TREASURY,
  ZERO,
} from "./helpers/fixtures"
import { mockBondingManagerGetter, mockDefaultPrices, mockRevertingGetter } from "./helpers/mocks"
import { bondFromUnbonded, freshTx, initializeRound } from "./helpers/scenario"

const DAY = 86400 * 19000
const ROUND_3002 = BigInt.fromI32(3002)
const TEN_PERCENT = BigInt.fromI32(100000)
const HALF = BigInt.fromI32(500000)

/** Round 3000 initialized, transcoder registered with 1000 LPT (10% reward cut, 50% fee share). */
function registeredTranscoder(): void {
  mockDefaultPrices()
  initializeRound(ROUND, lpt(30), BigInt.fromI32(220500), DAY)
  bondFromUnbonded(TRANSCODER, TRANSCODER, lpt(1000), ROUND, NEXT_ROUND, DAY + 10)
  handleTranscoderUpdate(at(newTranscoderUpdateEvent(TRANSCODER, TEN_PERCENT, HALF), freshTx(), 1, DAY + 20))
}

describe("handleBond", () => {
  beforeEach(() => {
    clearStore()
    registeredTranscoder()
  })

  test("registers a transcoder that bonds to itself", () => {
    assert.fieldEquals("Transcoder", TRANSCODER, "status", "Registered")
    assert.fieldEquals("Transcoder", TRANSCODER, "delegator", TRANSCODER)
    assert.fieldEquals("Transcoder", TRANSCODER, "totalStakeWei", lpt(1000).toString())
    assert.fieldEquals("Delegator", TRANSCODER, "startRound", "3001")
  })

  test("counts a new delegator", () => {
    bondFromUnbonded(DELEGATOR, TRANSCODER, lpt(500), ROUND, BigInt.zero(), DAY + 30)
    assert.fieldEquals("Protocol", "0", "delegatorsCount", "2")
  })

  test("counts the new stake of a first bond", () => {
    bondFromUnbonded(DELEGATOR, TRANSCODER, lpt(500), ROUND, BigInt.zero(), DAY + 30)
    assert.fieldEquals("Round", "3000", "newStakeWei", lpt(1500).toString())
    assert.fieldEquals("Round", "3000", "movedStakeWei", "0")
  })

  test("points the account's delegate to the transcoder it bonds to", () => {
    bondFromUnbonded(DELEGATOR, TRANSCODER, lpt(500), ROUND, BigInt.zero(), DAY + 30)
    assert.fieldEquals("LivepeerAccount", DELEGATOR, "delegate", TRANSCODER)
    assert.fieldEquals("LivepeerAccount", DELEGATOR, "delegator", DELEGATOR)
  })

  test("records a pool member's stake change for the next round", () => {
    bondFromUnbonded(DELEGATOR, TRANSCODER, lpt(500), ROUND, BigInt.zero(), DAY + 30)
    assert.fieldEquals("Transcoder", TRANSCODER, "lastActiveStakeUpdateRound", "3001")
    assert.fieldEquals("Transcoder", TRANSCODER, "lastActiveStake", lpt(1500).toString())
  })

  test("moves the whole bond when a delegator switches delegate", () => {
    bondFromUnbonded(DELEGATOR, TRANSCODER, lpt(500), ROUND, BigInt.zero(), DAY + 30)
    bondFromUnbonded(TRANSCODER_2, TRANSCODER_2, lpt(10), ROUND, BigInt.zero(), DAY + 40)
    handleBond(at(newBondEvent(TRANSCODER_2, TRANSCODER, DELEGATOR, lpt(5), lpt(505)), freshTx(), 1, DAY + 50))
    assert.fieldEquals("Transcoder", TRANSCODER, "totalStakeWei", lpt(1000).toString())
    assert.fieldEquals("Transcoder", TRANSCODER_2, "totalStakeWei", lpt(515).toString())
    assert.fieldEquals("Round", "3000", "movedStakeWei", lpt(500).toString())
    assert.fieldEquals("Delegator", DELEGATOR, "delegate", TRANSCODER_2)
    assert.fieldEquals("Delegator", DELEGATOR, "principalWei", lpt(505).toString())
  })

  test("accepts a zero-amount bond without changing stake", () => {
    bondFromUnbonded(DELEGATOR, TRANSCODER, lpt(500), ROUND, BigInt.zero(), DAY + 30)
    handleBond(at(newBondEvent(TRANSCODER, TRANSCODER, DELEGATOR, BigInt.zero(), lpt(500)), freshTx(), 1, DAY + 50))
    assert.fieldEquals("Transcoder", TRANSCODER, "totalStakeWei", lpt(1500).toString())
    assert.fieldEquals("Delegator", DELEGATOR, "bondedAmountWei", lpt(500).toString())
    assert.fieldEquals("Protocol", "0", "delegatorsCount", "2")
  })
})

describe("handleUnbond", () => {
  beforeEach(() => {
    clearStore()
    registeredTranscoder()
    bondFromUnbonded(DELEGATOR, TRANSCODER, lpt(500), ROUND, BigInt.zero(), DAY + 30)
  })

  test("creates a lock and lowers the delegate's stake", () => {
    handleUnbond(at(newUnbondEvent(TRANSCODER, DELEGATOR, BigInt.zero(), lpt(100), BigInt.fromI32(3007)), freshTx(), 1, DAY + 40))
    const lock = unbondingLockId(address(DELEGATOR), BigInt.zero())
    assert.fieldEquals("UnbondingLock", lock, "amountWei", lpt(100).toString())
    assert.fieldEquals("UnbondingLock", lock, "withdrawRound", "3007")
    assert.fieldEquals("Transcoder", TRANSCODER, "totalStakeWei", lpt(1400).toString())
    assert.fieldEquals("Delegator", DELEGATOR, "unbondedWei", lpt(100).toString())
  })

  test("decrements delegatorsCount and clears the delegate on a full unbond", () => {
    handleUnbond(at(newUnbondEvent(TRANSCODER, DELEGATOR, BigInt.zero(), lpt(500), BigInt.fromI32(3007)), freshTx(), 1, DAY + 40))
    assert.fieldEquals("Protocol", "0", "delegatorsCount", "1")
    assert.fieldEquals("Delegator", DELEGATOR, "startRound", "0")
    assert.fieldEquals("Delegator", DELEGATOR, "shares", "0")
    assert.fieldEquals("LivepeerAccount", DELEGATOR, "delegate", "null")
  })

  test("records the resignation of a transcoder that fully unbonds itself", () => {
    const tx = freshTx()
    handleTranscoderDeactivated(at(newTranscoderDeactivatedEvent(TRANSCODER, NEXT_ROUND), tx, 5, DAY + 40))
    handleUnbond(at(newUnbondEvent(TRANSCODER, TRANSCODER, BigInt.zero(), lpt(1000), BigInt.fromI32(3007)), tx, 6, DAY + 40))
    const id = tx.toHexString() + "-5"
    assert.fieldEquals("TranscoderResignedEvent", id, "delegate", TRANSCODER)
    assert.fieldEquals("Transcoder", TRANSCODER, "status", "NotRegistered")
    assert.fieldEquals("Transcoder", TRANSCODER, "totalStakeWei", lpt(500).toString())
  })

  test("floors the bonded amount at zero for an unbond larger than the indexed bond", () => {
    handleUnbond(at(newUnbondEvent(TRANSCODER, DELEGATOR_2, BigInt.zero(), lpt(7), BigInt.fromI32(3007)), freshTx(), 1, DAY + 40))
    assert.fieldEquals("Delegator", DELEGATOR_2, "bondedAmountWei", "0")
    assert.fieldEquals("Transcoder", TRANSCODER, "totalStakeWei", lpt(1493).toString())
  })
})

describe("handleRebond", () => {
  beforeEach(() => {
    clearStore()
    registeredTranscoder()
    bondFromUnbonded(DELEGATOR, TRANSCODER, lpt(500), ROUND, BigInt.zero(), DAY + 30)
    handleUnbond(at(newUnbondEvent(TRANSCODER, DELEGATOR, BigInt.zero(), lpt(500), BigInt.fromI32(3007)), freshTx(), 1, DAY + 40))
  })

  test("counts a rebond from unbonded in delegatorsCount", () => {
    handleRebond(at(newRebondEvent(TRANSCODER, DELEGATOR, BigInt.zero(), lpt(500)), freshTx(), 1, DAY + 50))
    assert.fieldEquals("Protocol", "0", "delegatorsCount", "2")
    assert.fieldEquals("Delegator", DELEGATOR, "startRound", "3001")
    assert.fieldEquals("Delegator", DELEGATOR, "unbondedWei", "0")
    assert.notInStore("UnbondingLock", unbondingLockId(address(DELEGATOR), BigInt.zero()))
  })
})

describe("handleTransferBond", () => {
  beforeEach(() => {
    clearStore()
    registeredTranscoder()
    bondFromUnbonded(DELEGATOR, TRANSCODER, lpt(500), ROUND, BigInt.zero(), DAY + 30)
  })

  test("moves the sender's lock to the receiver, who rebonds it to the same delegate", () => {
    const tx = freshTx()
    handleUnbond(at(newUnbondEvent(TRANSCODER, DELEGATOR, BigInt.zero(), lpt(200), BigInt.fromI32(3007)), tx, 1, DAY + 40))
    handleTransferBond(at(newTransferBondEvent(DELEGATOR, DELEGATOR_2, BigInt.zero(), BigInt.zero(), lpt(200)), tx, 2, DAY + 40))
    const received = unbondingLockId(address(DELEGATOR_2), BigInt.zero())
    assert.fieldEquals("UnbondingLock", received, "sender", DELEGATOR)
    assert.notInStore("UnbondingLock", unbondingLockId(address(DELEGATOR), BigInt.zero()))
    handleRebond(at(newRebondEvent(TRANSCODER, DELEGATOR_2, BigInt.zero(), lpt(200)), tx, 3, DAY + 40))
    assert.fieldEquals("Delegator", DELEGATOR_2, "bondedAmountWei", lpt(200).toString())
    assert.fieldEquals("Delegator", DELEGATOR_2, "unbondedWei", "0")
    assert.fieldEquals("Delegator", DELEGATOR_2, "principalWei", lpt(200).toString())
    assert.fieldEquals("Transcoder", TRANSCODER, "totalStakeWei", lpt(1500).toString())
  })
})

describe("handleWithdrawStake", () => {
  beforeEach(() => {
    clearStore()
    registeredTranscoder()
  })

  test("records a withdrawal of a lock unknown to the index", () => {
    handleWithdrawStake(at(newWithdrawStakeEvent(DELEGATOR, BigInt.fromI32(4), lpt(3), ROUND), freshTx(), 1, DAY + 40))
    assert.entityCount("WithdrawStakeEvent", 1)
  })
})

describe("handleTranscoderUpdate", () => {
  beforeEach(() => {
    clearStore()
    registeredTranscoder()
  })

  test("keeps the fee share timestamp when only the reward cut changes", () => {
    handleTranscoderUpdate(at(newTranscoderUpdateEvent(TRANSCODER, BigInt.fromI32(200000), HALF), freshTx(), 1, DAY + 99))
    assert.fieldEquals("Transcoder", TRANSCODER, "rewardCutUpdateTimestamp", (DAY + 99).toString())
    assert.fieldEquals("Transcoder", TRANSCODER, "feeShareUpdateTimestamp", (DAY + 20).toString())
  })
})

describe("handleTranscoderActivated", () => {
  beforeEach(() => {
    clearStore()
    registeredTranscoder()
  })

  test("sets the deactivation round of an active transcoder to 2^256-1", () => {
    assert.fieldEquals("Transcoder", TRANSCODER, "deactivationRound", MAX_UINT256.toString())
    assert.fieldEquals("Transcoder", TRANSCODER, "activationRound", "3001")
    assert.fieldEquals("Protocol", "0", "activeTranscoderCount", "1")
  })

  test("records the eviction of the transcoder deactivated just before", () => {
    const tx = freshTx()
    handleTranscoderDeactivated(at(newTranscoderDeactivatedEvent(TRANSCODER, NEXT_ROUND), tx, 3, DAY + 50))
    handleTranscoderActivated(at(newTranscoderActivatedEvent(TRANSCODER_2, NEXT_ROUND), tx, 4, DAY + 50))
    assert.fieldEquals("TranscoderEvictedEvent", tx.toHexString() + "-3", "delegate", TRANSCODER)
    assert.fieldEquals("Transcoder", TRANSCODER, "memberOf", "null")
    assert.fieldEquals("Transcoder", TRANSCODER_2, "memberOf", "0")
  })
})

describe("handleTranscoderSlashed", () => {
  beforeEach(() => {
    clearStore()
    registeredTranscoder()
  })

  test("keeps the stake of a slashed transcoder whose bond is still pending", () => {
    handleTranscoderSlashed(at(newTranscoderSlashedEvent(TRANSCODER, FINDER, lpt(100), lpt(5)), freshTx(), 1, DAY + 50))
    assert.fieldEquals("Delegator", TRANSCODER, "bondedAmountWei", lpt(900).toString())
    assert.fieldEquals("Transcoder", TRANSCODER, "totalStakeWei", lpt(1000).toString())
  })

  test("removes the penalty from the bond and the stake", () => {
    initializeRound(NEXT_ROUND, lpt(30), BigInt.fromI32(221000), DAY + 86400)
    handleTranscoderSlashed(at(newTranscoderSlashedEvent(TRANSCODER, FINDER, lpt(100), lpt(5)), freshTx(), 1, DAY + 86400 + 50))
    assert.fieldEquals("Delegator", TRANSCODER, "bondedAmountWei", lpt(900).toString())
    assert.fieldEquals("Transcoder", TRANSCODER, "totalStakeWei", lpt(900).toString())
    assert.entityCount("TranscoderSlashedEvent", 1)
  })
})

describe("handleRewardCallerSet", () => {
  beforeEach(() => {
    clearStore()
    registeredTranscoder()
  })

  test("sets and clears the reward caller", () => {
    handleRewardCallerSet(at(newRewardCallerSetEvent(TRANSCODER, FINDER), freshTx(), 1, DAY + 50))
    assert.fieldEquals("Transcoder", TRANSCODER, "rewardCaller", FINDER)
    handleRewardCallerSet(at(newRewardCallerSetEvent(TRANSCODER, ZERO), freshTx(), 1, DAY + 60))
    assert.fieldEquals("Transcoder", TRANSCODER, "rewardCaller", "null")
  })
})

describe("handleBondingManagerParameterUpdate", () => {
  beforeEach(() => {
    clearStore()
  })

  test("reads the new unbonding period", () => {
    mockBondingManagerGetter("unbondingPeriod", BigInt.fromI32(7))
    handleBondingManagerParameterUpdate(newBondingManagerParameterUpdateEvent("unbondingPeriod"))
    assert.fieldEquals("Protocol", "0", "unbondingPeriod", "7")
  })

  test("promotes the next-round treasury cut without a call", () => {
    mockBondingManagerGetter("nextRoundTreasuryRewardCutRate", big("100000000000000000000000000"))
    handleBondingManagerParameterUpdate(newBondingManagerParameterUpdateEvent("nextRoundTreasuryRewardCutRate"))
    handleBondingManagerParameterUpdate(newBondingManagerParameterUpdateEvent("treasuryRewardCutRate"))
    assert.fieldEquals("Protocol", "0", "treasuryRewardCutRate", "100000000000000000000000000")
  })

  test("keeps the old value when the getter reverts", () => {
    mockRevertingGetter("0x35bcf3c30594191d53231e4ff333e8a770453e40", "treasuryBalanceCeiling", "uint256")
    handleBondingManagerParameterUpdate(newBondingManagerParameterUpdateEvent("treasuryBalanceCeiling"))
    assert.fieldEquals("Protocol", "0", "treasuryBalanceCeiling", "0")
    assert.entityCount("ParameterUpdateEvent", 1)
  })
})

describe("handleReward", () => {
  beforeEach(() => {
    clearStore()
  })

  test("records a reward of a transcoder without an earnings pool", () => {
    handleReward(at(newRewardEvent(TRANSCODER_2, lpt(3)), freshTx(), 1, DAY))
    assert.fieldEquals("Pool", poolId(BigInt.zero(), TRANSCODER_2), "rewardTokensWei", lpt(3).toString())
    assert.fieldEquals("Transcoder", TRANSCODER_2, "totalStakeWei", lpt(3).toString())
  })
})

/**
 * A delegator's life with a 10% reward cut, a 50% fee share and a 10% treasury cut. Expected values are
 * the contract formulas computed by hand (PreciseMathUtils two-step truncation):
 *   commission = 27e18 * 100000 / 10^6 = 2.7e18; delegators' rewards = 24.3e18
 *   CRF(3001) = 10^27 + 10^27 * floor(24.3e18 * 10^27 / 1500e18) / 10^27 = 1.0162e27
 *   fees: the transcoder missed round 3000, so the contract estimates the previous factor from
 *   mintable + minted = 60e18: rewards 54e18 after the treasury cut, 48.6e18 for delegators,
 *   prevCRF = 1.0162e27 * floor(1500e18 * 10^27 / 1548.6e18) / 10^27 = 984308407593955831073227430
 *   CFF(3001) = 984308407593955831073227430 * floor(0.05e18 * 10^27 / 1500e18) / 10^27 = 32810280253131861035773
 *   delegator's claim at 3002: stake 500e18 * 1.0162 = 508.1e18; fees 500e18 * CFF / 10^27 = 16405140126565930
 */
describe("delegator life", () => {
  beforeEach(() => {
    clearStore()
    mockBondingManagerGetter("nextRoundTreasuryRewardCutRate", big("100000000000000000000000000"))
    registeredTranscoder()
    handleBondingManagerParameterUpdate(newBondingManagerParameterUpdateEvent("nextRoundTreasuryRewardCutRate"))
    bondFromUnbonded(DELEGATOR, TRANSCODER, lpt(500), ROUND, BigInt.zero(), DAY + 30)
    handleBondingManagerParameterUpdate(newBondingManagerParameterUpdateEvent("treasuryRewardCutRate"))
    initializeRound(NEXT_ROUND, lpt(30), BigInt.fromI32(221000), DAY + 86400)
    const rewardTx = freshTx()
    handleTreasuryReward(at(newTreasuryRewardEvent(TRANSCODER, TREASURY, lpt(3)), rewardTx, 3, DAY + 86500))
    handleReward(at(newRewardEvent(TRANSCODER, lpt(27)), rewardTx, 5, DAY + 86500))
    handleWinningTicketTransfer(
      at(newWinningTicketTransferEvent(BROADCASTER, TRANSCODER, big("100000000000000000")), freshTx(), 2, DAY + 86600),
    )
  })

  test("opens a pool for the transcoder with its stake at the round start", () => {
    assert.fieldEquals("Pool", poolId(NEXT_ROUND, TRANSCODER), "totalStakeWei", lpt(1500).toString())
    assert.fieldEquals("Round", "3001", "totalActiveStakeWei", lpt(1500).toString())
  })

  test("computes the cumulative reward factor and commission as the contract", () => {
    const pool = poolId(NEXT_ROUND, TRANSCODER)
    assert.fieldEquals("Pool", pool, "cumulativeRewardFactor", "1016200000000000000000000000")
    assert.fieldEquals("Pool", pool, "rewardTokensWei", lpt(27).toString())
    assert.fieldEquals("Pool", pool, "treasuryRewardTokens", lpt(3).toString())
    assert.fieldEquals("Pool", pool, "rewardCommission", "2700000000000000000")
    assert.fieldEquals("Transcoder", TRANSCODER, "pendingRewardCommission", "2700000000000000000")
    assert.fieldEquals("Transcoder", TRANSCODER, "totalStakeWei", lpt(1527).toString())
    assert.fieldEquals("Round", "3001", "mintedTokens", lpt(30).toString())
    assert.fieldEquals("Round", "3001", "treasuryRewards", lpt(3).toString())
  })

  test("computes the cumulative fee factor with the contract's missed-reward estimate", () => {
    const pool = poolId(NEXT_ROUND, TRANSCODER)
    assert.fieldEquals("Pool", pool, "cumulativeFeeFactor", "32810280253131861035773")
    assert.fieldEquals("Pool", pool, "feesWei", "100000000000000000")
    assert.fieldEquals("Pool", pool, "feeCommission", "50000000000000000")
    assert.fieldEquals("Transcoder", TRANSCODER, "pendingFeeCommission", "50000000000000000")
  })

  test("claims, partially unbonds, rebonds and withdraws fees with exact shares", () => {
    initializeRound(ROUND_3002, lpt(30), BigInt.fromI32(221500), DAY + 2 * 86400)
    const tx = freshTx()
    handleEarningsClaimed(
      at(newEarningsClaimedEvent(TRANSCODER, DELEGATOR, big("8100000000000000000"), big("16405140126565930"), NEXT_ROUND, ROUND_3002), tx, 1, DAY + 2 * 86400 + 10),
    )
    // ensureInitializedCumulativeFactorsPool copied the latest factors into round 3002
    assert.fieldEquals("Pool", poolId(ROUND_3002, TRANSCODER), "cumulativeRewardFactor", "1016200000000000000000000000")
    assert.fieldEquals("Pool", poolId(ROUND_3002, TRANSCODER), "cumulativeFeeFactor", "32810280253131861035773")
    handleUnbond(at(newUnbondEvent(TRANSCODER, DELEGATOR, BigInt.zero(), lpt(100), BigInt.fromI32(3009)), tx, 2, DAY + 2 * 86400 + 10))
    assert.fieldEquals("Delegator", DELEGATOR, "bondedAmountWei", "408100000000000000000")
    assert.fieldEquals("Delegator", DELEGATOR, "shares", "401594174375123007282")
    assert.fieldEquals("Delegator", DELEGATOR, "lastClaimRound", "3002")

    handleRebond(at(newRebondEvent(TRANSCODER, DELEGATOR, BigInt.zero(), lpt(100)), freshTx(), 1, DAY + 2 * 86400 + 20))
    assert.fieldEquals("Delegator", DELEGATOR, "bondedAmountWei", "508100000000000000000")
    assert.fieldEquals("Delegator", DELEGATOR, "shares", lpt(500).toString())
    assert.fieldEquals("Transcoder", TRANSCODER, "totalStakeWei", lpt(1527).toString())

    handleWithdrawFees(at(newWithdrawFeesEvent(DELEGATOR, DELEGATOR, big("16405140126565930")), freshTx(), 1, DAY + 2 * 86400 + 30))
    assert.fieldEquals("Delegator", DELEGATOR, "feesWei", "0")
    assert.fieldEquals("Delegator", DELEGATOR, "withdrawnFeesWei", "16405140126565930")
    assert.fieldEquals("DelegatorSnapshot", delegatorSnapshotId(DELEGATOR, ROUND_3002), "bondedAmountWei", "508100000000000000000")
  })

  test("resets the transcoder's commission when it claims", () => {
    initializeRound(ROUND_3002, lpt(30), BigInt.fromI32(221500), DAY + 2 * 86400)
    // 1000e18 * 1.0162 + 2.7e18 commission = 1018.9e18
    handleEarningsClaimed(
      at(newEarningsClaimedEvent(TRANSCODER, TRANSCODER, big("18900000000000000000"), big("50000000000000000"), NEXT_ROUND, ROUND_3002), freshTx(), 1, DAY + 2 * 86400 + 10),
    )
    assert.fieldEquals("Delegator", TRANSCODER, "bondedAmountWei", "1018900000000000000000")
    assert.fieldEquals("Transcoder", TRANSCODER, "pendingRewardCommission", "0")
    assert.fieldEquals("Transcoder", TRANSCODER, "lifetimeRewardCommission", "2700000000000000000")
    assert.fieldEquals("Transcoder", TRANSCODER, "activeCumulativeRewards", "0")
  })
})

// Three reward rounds with truncation everywhere, checked against the contract formulas
// (integer division throughout):
//   p6(a, r) = a * r / 10^6          f9(a, n, d) = a * (n * 10^9 / d) / 10^9
//   p27(a, r) = a * r / 10^27        f27(a, n, d) = a * (n * 10^27 / d) / 10^27
//   shares = bonded * 10^27 / CRF(lastClaimRound)
// T = TRANSCODER (rewardCut 25%, feeShare 40% to delegators), T2 = TRANSCODER_2 (never rewards),
// D = DELEGATOR; treasury cut 10^26 (10%). Unlike "delegator life" above, T's commission compounds
// (activeCumulativeRewards > 0) and fees arrive after a round with a reward factor, so no missed-reward
// estimate is involved.
import { handleDepositFunded } from "../src/ticketBroker"
import { newDepositFundedEvent } from "./helpers/events"

const R1 = BigInt.fromI32(3001)
const R2 = BigInt.fromI32(3002)
const R3 = BigInt.fromI32(3003)

describe("delegator life over three reward rounds", () => {
  test("round 3000: T, T2 register and D bonds 3000 LPT to T", () => {
    clearStore()
    mockDefaultPrices()
    mockBondingManagerGetter("nextRoundTreasuryRewardCutRate", big("100000000000000000000000000"))
    initializeRound(ROUND, lpt(80), BigInt.fromI32(220000), DAY)
    handleBondingManagerParameterUpdate(newBondingManagerParameterUpdateEvent("nextRoundTreasuryRewardCutRate"))
    bondFromUnbonded(TRANSCODER, TRANSCODER, lpt(1000), ROUND, R1, DAY + 10)
    handleTranscoderUpdate(at(newTranscoderUpdateEvent(TRANSCODER, BigInt.fromI32(250000), BigInt.fromI32(400000)), freshTx(), 1, DAY + 20))
    bondFromUnbonded(TRANSCODER_2, TRANSCODER_2, lpt(2000), ROUND, R1, DAY + 30)
    bondFromUnbonded(DELEGATOR, TRANSCODER, lpt(3000), ROUND, BigInt.zero(), DAY + 40)
    handleDepositFunded(at(newDepositFundedEvent(BROADCASTER, lpt(1)), freshTx(), 1, DAY + 50))
    assert.fieldEquals("Transcoder", TRANSCODER, "totalStakeWei", "4000000000000000000000")
    assert.fieldEquals("Delegator", DELEGATOR, "shares", "3000000000000000000000")
  })

  test("round 3001: the first reward after the treasury cut sets the reward factor", () => {
    // initializeRound promotes the pending treasury cut (ParameterUpdate) before SetCurrentRewardTokens
    handleBondingManagerParameterUpdate(newBondingManagerParameterUpdateEvent("treasuryRewardCutRate"))
    initializeRound(R1, lpt(90), BigInt.fromI32(220500), DAY + 86400)
    assert.fieldEquals("Round", "3001", "totalActiveStakeWei", "6000000000000000000000")
    // total    = f9(90e18, 4000e18, 6000e18) = 90e18 * 666666666 / 1e9 = 59999999940000000000
    // treasury = p27(59999999940000000000, 1e26) = 5999999994000000000
    // rewards  = 59999999940000000000 - 5999999994000000000 = 53999999946000000000
    const rewardTx = freshTx()
    handleTreasuryReward(at(newTreasuryRewardEvent(TRANSCODER, TREASURY, big("5999999994000000000")), rewardTx, 3, DAY + 86500))
    handleReward(at(newRewardEvent(TRANSCODER, big("53999999946000000000")), rewardTx, 5, DAY + 86500))
    // commission = p6(53999999946000000000, 250000) = 13499999986500000000
    // delegatorsRewards = 40499999959500000000
    // CRF(3001) = 1e27 + f27(1e27, 40499999959500000000, 4000e18) = 1e27 + 10124999989875000000000000
    assert.fieldEquals("Pool", poolId(R1, TRANSCODER), "cumulativeRewardFactor", "1010124999989875000000000000")
    // cumulativeRewards = 0 + f27(40499999959500000000, 0, 4000e18) + 13499999986500000000
    assert.fieldEquals("Transcoder", TRANSCODER, "activeCumulativeRewards", "0")
    assert.fieldEquals("Transcoder", TRANSCODER, "pendingRewardCommission", "13499999986500000000")
    assert.fieldEquals("Transcoder", TRANSCODER, "totalStakeWei", "4053999999946000000000")
  })

  test("round 3002: the commission earns its share of the next reward", () => {
    initializeRound(R2, lpt(91), BigInt.fromI32(221000), DAY + 2 * 86400)
    assert.fieldEquals("Round", "3002", "totalActiveStakeWei", "6053999999946000000000")
    // total    = f9(91e18, 4053999999946000000000, 6053999999946000000000) = 91e18 * 669639907 / 1e9
    //          = 60937231537000000000; treasury = 6093723153700000000; rewards = 54843508383300000000
    const rewardTx = freshTx()
    handleTreasuryReward(at(newTreasuryRewardEvent(TRANSCODER, TREASURY, big("6093723153700000000")), rewardTx, 3, DAY + 2 * 86400 + 100))
    handleReward(at(newRewardEvent(TRANSCODER, big("54843508383300000000")), rewardTx, 5, DAY + 2 * 86400 + 100))
    // activeCumulativeRewards = 13499999986500000000
    // commission = p6(54843508383300000000, 250000) = 13710877095825000000; delegators = 41132631287475000000
    // cumulativeRewards = 13499999986500000000
    //   + f27(41132631287475000000, 13499999986500000000, 4053999999946000000000)   (= 136973488365322778;
    //     fraction 13499999986500000000 * 1e27 / 4053999999946000000000 = 3330044397306320275642462)
    //   + 13710877095825000000 = 27347850570690322778
    assert.fieldEquals("Transcoder", TRANSCODER, "activeCumulativeRewards", "13499999986500000000")
    assert.fieldEquals("Transcoder", TRANSCODER, "pendingRewardCommission", "27347850570690322778")
    // CRF(3002) = CRF(3001) + CRF(3001) * (41132631287475000000 * 1e27 / 4053999999946000000000) / 1e27
    //           = 1010124999989875000000000000 + 1010124999989875000000000000 * 10146184333503427221018545 / 1e27
    //           = 1020373914439652419305254635
    assert.fieldEquals("Pool", poolId(R2, TRANSCODER), "cumulativeRewardFactor", "1020373914439652419305254635")
  })

  test("round 3002: fees after the reward use the previous round's factor and the active commission", () => {
    handleWinningTicketTransfer(
      at(newWinningTicketTransferEvent(BROADCASTER, TRANSCODER, big("250000000000000000")), freshTx(), 2, DAY + 2 * 86400 + 200),
    )
    // delegatorsFees = p6(25e16, 400000) = 1e17; commission = 15e16
    // cumulativeFees = f27(1e17, 13499999986500000000, 4053999999946000000000) + 15e16
    //                = 1e17 * 3330044397306320275642462 / 1e27 + 15e16 = 150333004439730632
    assert.fieldEquals("Transcoder", TRANSCODER, "pendingFeeCommission", "150333004439730632")
    // CFF(3002) = 0 + f27(CRF(3001), 1e17, 4053999999946000000000)
    //           = 1010124999989875000000000000 * 24666995560269367972435 / 1e27 = 24916748890067341993108
    assert.fieldEquals("Pool", poolId(R2, TRANSCODER), "cumulativeFeeFactor", "24916748890067341993108")
    // the deposit pays the whole ticket: 1e18 - 25e16
    assert.fieldEquals("Broadcaster", BROADCASTER, "depositWei", "750000000000000000")
  })

  test("round 3002: D claims, then unbonds 1000 LPT", () => {
    // stake = f27(3000e18, CRF(3002), 1e27) = 3061121743318957257915 -> rewards 61121743318957257915
    // fees  = f27(3000e18, CFF(3002), 1e27) = 74750246670202025
    const tx = freshTx()
    handleEarningsClaimed(
      at(newEarningsClaimedEvent(TRANSCODER, DELEGATOR, big("61121743318957257915"), big("74750246670202025"), R1, R2), tx, 1, DAY + 2 * 86400 + 300),
    )
    // shares = 3061121743318957257915 * 1e27 / CRF(3002) = 2999999999999999999999 (truncated)
    assert.fieldEquals("Delegator", DELEGATOR, "shares", "2999999999999999999999")
    handleUnbond(at(newUnbondEvent(TRANSCODER, DELEGATOR, BigInt.zero(), lpt(1000), BigInt.fromI32(3009)), tx, 3, DAY + 2 * 86400 + 300))
    // shares = 2061121743318957257915 * 1e27 / CRF(3002)
    assert.fieldEquals("Delegator", DELEGATOR, "bondedAmountWei", "2061121743318957257915")
    assert.fieldEquals("Delegator", DELEGATOR, "shares", "2019967106323803797969")
    assert.fieldEquals("Transcoder", TRANSCODER, "totalStakeWei", "3108843508329300000000")
  })

  test("round 3003: D's claim before its rebond grows its bond by CRF(3003) / CRF(3002)", () => {
    initializeRound(R3, lpt(92), BigInt.fromI32(221500), DAY + 3 * 86400)
    assert.fieldEquals("Pool", poolId(R3, TRANSCODER), "totalStakeWei", "3108843508329300000000")
    // total = f9(92e18, 3108843508329300000000, 5108843508329300000000) = 92e18 * 608521968 / 1e9
    //       = 55984021056000000000; treasury = 5598402105600000000; rewards = 50385618950400000000
    const rewardTx = freshTx()
    handleTreasuryReward(at(newTreasuryRewardEvent(TRANSCODER, TREASURY, big("5598402105600000000")), rewardTx, 3, DAY + 3 * 86400 + 100))
    handleReward(at(newRewardEvent(TRANSCODER, big("50385618950400000000")), rewardTx, 5, DAY + 3 * 86400 + 100))
    // commission = 12596404737600000000; delegators = 37789214212800000000
    // cumulativeRewards = 27347850570690322778 + f27(37789214212800000000, 27347850570690322778,
    //   3108843508329300000000) (= 332423867816634454) + 12596404737600000000 = 40276679176106957232
    assert.fieldEquals("Transcoder", TRANSCODER, "pendingRewardCommission", "40276679176106957232")
    // CRF(3003) = CRF(3002) + CRF(3002) * 12155392869262825926763165 / 1e27 = 1032776960243213967173423885
    assert.fieldEquals("Pool", poolId(R3, TRANSCODER), "cumulativeRewardFactor", "1032776960243213967173423885")

    // rebond(0): EarningsClaimed -> Rebond. rewards = f27(2061121743318957257915, CRF(3003), CRF(3002))
    //   - 2061121743318957257915 = 2086175487860379075592 - 2061121743318957257915 = 25053744541421817677
    const tx = freshTx()
    handleEarningsClaimed(
      at(newEarningsClaimedEvent(TRANSCODER, DELEGATOR, big("25053744541421817677"), BigInt.zero(), R3, R3), tx, 1, DAY + 3 * 86400 + 200),
    )
    // the claim copies CFF(3002) into round 3003's pool (ensureInitializedCumulativeFactorsPool)
    assert.fieldEquals("Pool", poolId(R3, TRANSCODER), "cumulativeFeeFactor", "24916748890067341993108")
    handleRebond(at(newRebondEvent(TRANSCODER, DELEGATOR, BigInt.zero(), lpt(1000)), tx, 3, DAY + 3 * 86400 + 200))
    // shares = 3086175487860379075592 * 1e27 / CRF(3003)
    assert.fieldEquals("Delegator", DELEGATOR, "bondedAmountWei", "3086175487860379075592")
    assert.fieldEquals("Delegator", DELEGATOR, "shares", "2988230379513500872601")
    handleWithdrawFees(at(newWithdrawFeesEvent(DELEGATOR, DELEGATOR, big("74750246670202025")), freshTx(), 1, DAY + 3 * 86400 + 300))
    assert.fieldEquals("Delegator", DELEGATOR, "feesWei", "0")
  })

  test("round 3003: T's claim includes its compounded commission, which resets", () => {
    // stake = f27(1000e18, CRF(3003), 1e27) + cumulativeRewards = 1032776960243213967173 + 40276679176106957232
    // fees  = f27(1000e18, CFF(3003), 1e27) + cumulativeFees   = 24916748890067341 + 150333004439730632
    handleEarningsClaimed(
      at(newEarningsClaimedEvent(TRANSCODER, TRANSCODER, big("73053639419320924405"), big("175249753329797973"), R1, R3), freshTx(), 1, DAY + 3 * 86400 + 400),
    )
    assert.fieldEquals("Delegator", TRANSCODER, "bondedAmountWei", "1073053639419320924405")
    assert.fieldEquals("Transcoder", TRANSCODER, "pendingRewardCommission", "0")
    assert.fieldEquals("Transcoder", TRANSCODER, "pendingFeeCommission", "0")
    assert.fieldEquals("Transcoder", TRANSCODER, "lifetimeRewardCommission", "40276679176106957232")
    assert.fieldEquals("Transcoder", TRANSCODER, "lifetimeFeeCommission", "150333004439730632")
    // 5999999994000000000 + 6093723153700000000 + 5598402105600000000 went to the treasury
    assert.fieldEquals("Round", "3003", "treasuryRewards", "5598402105600000000")
  })
})

describe("event records", () => {
  beforeEach(() => {
    clearStore()
    registeredTranscoder()
  })

  test("stores the gas used from the receipt", () => {
    const event = at(newRewardCallerSetEvent(TRANSCODER, FINDER), freshTx(), 4, DAY + 50)
    event.transaction.gasLimit = BigInt.fromI32(500000)
    event.receipt!.gasUsed = BigInt.fromI32(21000)
    handleRewardCallerSet(event)
    const tx = event.transaction.hash.toHexString()
    assert.fieldEquals("Transaction", tx, "gasUsed", "21000")
    assert.fieldEquals("Transaction", tx, "gasLimit", "500000")
    assert.fieldEquals("RewardCallerSetEvent", tx + "-4", "rewardCaller", FINDER)
    assert.fieldEquals("RewardCallerSetEvent", tx + "-4", "transaction", tx)
  })

  test("records staking events under transaction hash and log index", () => {
    const tx = freshTx()
    const id = tx.toHexString()
    handleEarningsClaimed(at(newEarningsClaimedEvent(TRANSCODER, TRANSCODER, BigInt.zero(), BigInt.zero(), ROUND, ROUND), tx, 1, DAY + 60))
    handleBond(at(newBondEvent(TRANSCODER, TRANSCODER, TRANSCODER, lpt(5), lpt(1005)), tx, 2, DAY + 60))
    handleUnbond(at(newUnbondEvent(TRANSCODER, TRANSCODER, BigInt.zero(), lpt(5), BigInt.fromI32(3007)), tx, 3, DAY + 60))
    handleRebond(at(newRebondEvent(TRANSCODER, TRANSCODER, BigInt.zero(), lpt(5)), tx, 4, DAY + 60))
    handleWithdrawFees(at(newWithdrawFeesEvent(TRANSCODER, FINDER, BigInt.zero()), tx, 5, DAY + 60))
    assert.fieldEquals("EarningsClaimedEvent", id + "-1", "endRound", "3000")
    assert.fieldEquals("BondEvent", id + "-2", "bondedAmountWei", lpt(1005).toString())
    assert.fieldEquals("BondEvent", id + "-2", "oldDelegate", TRANSCODER)
    assert.fieldEquals("UnbondEvent", id + "-3", "withdrawRound", "3007")
    assert.fieldEquals("RebondEvent", id + "-4", "amount", "5")
    assert.fieldEquals("WithdrawFeesEvent", id + "-5", "recipient", FINDER)
    assert.fieldEquals("Delegator", TRANSCODER, "bondedAmountWei", lpt(1005).toString())
  })

  test("records reward, activation and rate events", () => {
    const tx = freshTx()
    const id = tx.toHexString()
    handleTranscoderDeactivated(at(newTranscoderDeactivatedEvent(TRANSCODER, NEXT_ROUND), tx, 1, DAY + 70))
    handleTranscoderActivated(at(newTranscoderActivatedEvent(TRANSCODER, NEXT_ROUND), tx, 2, DAY + 70))
    handleTranscoderUpdate(at(newTranscoderUpdateEvent(TRANSCODER, TEN_PERCENT, TEN_PERCENT), tx, 3, DAY + 70))
    handleTreasuryReward(at(newTreasuryRewardEvent(TRANSCODER, TREASURY, lpt(1)), tx, 4, DAY + 70))
    handleReward(at(newRewardEvent(TRANSCODER, lpt(9)), tx, 5, DAY + 70))
    assert.fieldEquals("TranscoderDeactivatedEvent", id + "-1", "deactivationRound", "3001")
    assert.fieldEquals("TranscoderActivatedEvent", id + "-2", "activationRound", "3001")
    assert.notInStore("TranscoderEvictedEvent", id + "-1")
    assert.fieldEquals("TranscoderUpdateEvent", id + "-3", "feeShare", TEN_PERCENT.toString())
    assert.fieldEquals("TreasuryRewardEvent", id + "-4", "amount", lpt(1).toString())
    assert.fieldEquals("RewardEvent", id + "-5", "rewardTokens", "9")
    assert.fieldEquals("Transcoder", TRANSCODER, "lastRewardRound", "3000")
  })
})
