import { BigInt, ethereum } from "@graphprotocol/graph-ts"

import { Burn, Mint, Transfer } from "../generated/LivepeerToken/LivepeerToken"
import { BurnEvent, MintEvent, Protocol, ProtocolContract } from "../generated/schema"
import { controllerId, ZERO_BI } from "./lib/constants"
import { getOrCreateDay, getOrCreateProtocol } from "./lib/entities"
import { fillEventBase } from "./lib/events"
import { eventId } from "./lib/ids"
import { currentRound } from "./lib/rounds"
import { refreshTotalSupply } from "./lib/supply"
import { saturatingSub, toDecimal } from "./lib/units"

/** Treasury LPT balance from transfers to and from the Treasury registered in the Controller. */
export function handleTransfer(event: Transfer): void {
  const treasury = ProtocolContract.load(controllerId("Treasury"))
  if (treasury == null) return
  const from = event.params.from.toHexString()
  const to = event.params.to.toHexString()
  if (from != treasury.address && to != treasury.address) return
  const protocol = getOrCreateProtocol()
  let balance = protocol.treasuryBalance
  let inflow = ZERO_BI
  if (to == treasury.address) inflow = event.params.value
  balance = balance.plus(inflow)
  if (from == treasury.address) balance = saturatingSub(balance, event.params.value)
  setTreasuryBalance(protocol, balance, inflow, event)
}

/** Sets the treasury balance on the protocol, round and day, and adds `inflow` to the round's and day's inflow. */
function setTreasuryBalance(protocol: Protocol, balance: BigInt, inflow: BigInt, event: ethereum.Event): void {
  protocol.treasuryBalance = balance
  protocol.save()
  const round = currentRound(protocol)
  round.treasuryBalance = balance
  round.treasuryInflow = round.treasuryInflow.plus(inflow)
  round.save()
  const day = getOrCreateDay(event.block.timestamp.toI32(), protocol)
  day.treasuryBalance = balance
  day.treasuryInflow = day.treasuryInflow.plus(inflow)
  day.save()
}

export function handleMint(event: Mint): void {
  const protocol = getOrCreateProtocol()
  const round = currentRound(protocol)
  protocol.l2TotalSupply = protocol.l2TotalSupply.plus(event.params.amount)
  refreshTotalSupply(protocol, round, event)
  protocol.save()
  round.save()

  const record = new MintEvent(eventId(event))
  fillEventBase(record, event, round.id)
  record.to = event.params.to.toHexString()
  record.amountWei = event.params.amount
  record.amount = toDecimal(event.params.amount)
  record.save()
}

export function handleBurn(event: Burn): void {
  const protocol = getOrCreateProtocol()
  const round = currentRound(protocol)
  protocol.l2TotalSupply = saturatingSub(protocol.l2TotalSupply, event.params.amount)
  refreshTotalSupply(protocol, round, event)
  protocol.save()
  round.save()

  const record = new BurnEvent(eventId(event))
  fillEventBase(record, event, round.id)
  record.burner = event.params.burner.toHexString()
  record.valueWei = event.params.amount
  record.value = toDecimal(event.params.amount)
  record.save()
}
