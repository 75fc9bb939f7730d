// Fee volume: what broadcasters actually paid (WinningTicketTransfer), valued in USD at the round's price.
import { BigInt, ethereum } from "@graphprotocol/graph-ts"

import { Broadcaster, Protocol, Round, Transcoder } from "../../generated/schema"
import {
  getOrCreateBroadcasterDay,
  getOrCreateDay,
  getOrCreateTranscoderDay,
} from "./entities"
import { prependDay } from "./days"
import { toDecimal } from "./units"

/** Adds one payment to the protocol, round, day, transcoder and broadcaster volumes (saves the day buckets). */
export function recordFeeVolume(
  event: ethereum.Event,
  amount: BigInt,
  protocol: Protocol,
  round: Round,
  transcoder: Transcoder,
  broadcaster: Broadcaster,
): void {
  const timestamp = event.block.timestamp.toI32()
  const eth = toDecimal(amount)
  const usd = eth.times(protocol.ethPriceUSD)

  protocol.totalVolumeWei = protocol.totalVolumeWei.plus(amount)
  protocol.totalVolumeETH = toDecimal(protocol.totalVolumeWei)
  protocol.totalVolumeUSD = protocol.totalVolumeUSD.plus(usd)
  round.volumeWei = round.volumeWei.plus(amount)
  round.volumeETH = toDecimal(round.volumeWei)
  round.volumeUSD = round.volumeUSD.plus(usd)

  const day = getOrCreateDay(timestamp, protocol)
  day.volumeWei = day.volumeWei.plus(amount)
  day.volumeETH = toDecimal(day.volumeWei)
  day.volumeUSD = day.volumeUSD.plus(usd)
  day.save()

  transcoder.totalVolumeWei = transcoder.totalVolumeWei.plus(amount)
  transcoder.totalVolumeETH = toDecimal(transcoder.totalVolumeWei)
  transcoder.totalVolumeUSD = transcoder.totalVolumeUSD.plus(usd)
  const transcoderDay = getOrCreateTranscoderDay(timestamp, transcoder.id)
  transcoderDay.volumeETH = transcoderDay.volumeETH.plus(eth)
  transcoderDay.volumeUSD = transcoderDay.volumeUSD.plus(usd)
  transcoderDay.save()
  transcoder.transcoderDays = prependDay(transcoder.transcoderDays, transcoderDay.id)

  broadcaster.totalVolumeWei = broadcaster.totalVolumeWei.plus(amount)
  broadcaster.totalVolumeETH = toDecimal(broadcaster.totalVolumeWei)
  broadcaster.totalVolumeUSD = broadcaster.totalVolumeUSD.plus(usd)
  const broadcasterDay = getOrCreateBroadcasterDay(timestamp, broadcaster.id)
  broadcasterDay.volumeETH = broadcasterDay.volumeETH.plus(eth)
  broadcasterDay.volumeUSD = broadcasterDay.volumeUSD.plus(usd)
  broadcasterDay.save()
  broadcaster.broadcasterDays = prependDay(broadcaster.broadcasterDays, broadcasterDay.id)
  broadcaster.lastFundedDay = broadcasterDay.date
  broadcaster.lastActiveDay = broadcasterDay.date
  if (!protocol.activeBroadcasters.includes(broadcaster.id)) {
    const active = protocol.activeBroadcasters
    active.push(broadcaster.id)
    protocol.activeBroadcasters = active
  }
}
