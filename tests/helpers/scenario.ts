// Multi-event steps in real log order, built from the event builders.
import { BigInt, Bytes } from "@graphprotocol/graph-ts"

import { handleBond, handleEarningsClaimed, handleTranscoderActivated } from "../../src/bondingManager"
import { handleSetCurrentRewardTokens } from "../../src/minter"
import { handleNewRound } from "../../src/roundsManager"
import { at, newBondEvent, newEarningsClaimedEvent, newNewRoundEvent, newSetCurrentRewardTokensEvent, newTranscoderActivatedEvent } from "./events"
import { ZERO } from "./fixtures"

let nextTx = 1000

/** A fresh transaction hash for each step. */
export function freshTx(): Bytes {
  nextTx++
  let hex = nextTx.toString(16)
  while (hex.length < 64) hex = "0" + hex
  return Bytes.fromHexString("0x" + hex)
}

/** initializeRound: Minter SetCurrentRewardTokens, then RoundsManager NewRound, in one transaction. */
export function initializeRound(round: BigInt, mintable: BigInt, inflation: BigInt, timestamp: i32): void {
  const tx = freshTx()
  handleSetCurrentRewardTokens(at(newSetCurrentRewardTokensEvent(mintable, inflation), tx, 1, timestamp))
  handleNewRound(at(newNewRoundEvent(round, Bytes.fromHexString("0x" + "ab".repeat(32))), tx, 2, timestamp))
}

/**
 * bond from Unbonded: the zero-delegate earnings claim, a pool join when bonding to itself, then Bond.
 * `joins` is the activation round when the bond makes the delegate join the transcoder pool, or 0.
 */
export function bondFromUnbonded(
  delegator: string,
  delegate: string,
  amount: BigInt,
  round: BigInt,
  joins: BigInt,
  timestamp: i32,
): void {
  const tx = freshTx()
  handleEarningsClaimed(
    at(newEarningsClaimedEvent(ZERO, delegator, BigInt.zero(), BigInt.zero(), BigInt.fromI32(1), round), tx, 1, timestamp),
  )
  if (!joins.isZero()) handleTranscoderActivated(at(newTranscoderActivatedEvent(delegate, joins), tx, 2, timestamp))
  handleBond(at(newBondEvent(delegate, ZERO, delegator, amount, amount), tx, 3, timestamp))
}
