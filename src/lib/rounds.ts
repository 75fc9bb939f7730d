// The round of an event, with no eth_call: every staking, reward and redemption function
// requires the current round to be initialized, so for their events the round is exactly the last NewRound.
// Unguarded events (funding, token, governance, parameter updates) get the same round, which lags when a
// round was never initialized.
import { BigInt } from "@graphprotocol/graph-ts"

import { Protocol, Round } from "../../generated/schema"
import { getOrCreateProtocol, getOrCreateRound } from "./entities"

export function currentRoundNumber(protocol: Protocol): BigInt {
  return BigInt.fromString(protocol.currentRound)
}

/**
 * The current round entity (created unsaved if missing). A handler that has the protocol loaded
 * passes it, which saves loading it again.
 */
export function currentRound(loaded: Protocol | null = null): Round {
  const protocol = loaded != null ? loaded : getOrCreateProtocol()
  return getOrCreateRound(currentRoundNumber(protocol), protocol)
}

export function roundNumber(round: Round): BigInt {
  return BigInt.fromString(round.id)
}
