// Broadcaster (ticket sender) funds: deposit and reserve, exact in wei.
import { BigInt, log } from "@graphprotocol/graph-ts"

import { Broadcaster } from "../../generated/schema"
import { SECONDS_PER_DAY } from "./constants"
import { minBigInt, saturatingSub, toDecimal } from "./units"

export function setDeposit(broadcaster: Broadcaster, amount: BigInt): void {
  broadcaster.depositWei = amount
  broadcaster.deposit = toDecimal(amount)
}

export function setReserve(broadcaster: Broadcaster, amount: BigInt): void {
  broadcaster.reserveWei = amount
  broadcaster.reserve = toDecimal(amount)
}

/** First funding day (00:00 UTC) of a broadcaster, set once. */
export function markFunded(broadcaster: Broadcaster, timestamp: i32): void {
  if (broadcaster.firstFundedDay != 0) return
  const day = (timestamp / SECONDS_PER_DAY) * SECONDS_PER_DAY
  broadcaster.firstFundedDay = day
  broadcaster.firstActiveDay = day
}

/**
 * A winning ticket paid `amount`: the deposit covers min(deposit, amount) and the reserve the rest, which
 * the preceding ReserveClaimed already took (TicketBroker redeemWinningTicket).
 */
export function payFromDeposit(broadcaster: Broadcaster, amount: BigInt): void {
  setDeposit(broadcaster, saturatingSub(broadcaster.depositWei, minBigInt(broadcaster.depositWei, amount)))
}

export function claimFromReserve(broadcaster: Broadcaster, amount: BigInt): void {
  if (amount.gt(broadcaster.reserveWei)) {
    log.warning("Reserve claim of {} wei from {} exceeds its indexed reserve {}; flooring at 0", [
      amount.toString(),
      broadcaster.id,
      broadcaster.reserveWei.toString(),
    ])
  }
  setReserve(broadcaster, saturatingSub(broadcaster.reserveWei, amount))
}
