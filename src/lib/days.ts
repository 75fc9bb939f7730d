// Day buckets and the rolling 30/60/90-day fee windows of transcoders and broadcasters.
import { BigDecimal } from "@graphprotocol/graph-ts"

import { Broadcaster, BroadcasterDay, Transcoder, TranscoderDay } from "../../generated/schema"
import { SECONDS_PER_DAY, ZERO_BD } from "./constants"

/** Fee sums of the last 30, 60 and 90 days. */
export class FeeWindows {
  thirty: BigDecimal = ZERO_BD
  sixty: BigDecimal = ZERO_BD
  ninety: BigDecimal = ZERO_BD

  /** Adds a day's volume; returns false once the day is older than the widest window. */
  add(date: i32, volume: BigDecimal, now: i32): bool {
    if (date < now - 90 * SECONDS_PER_DAY) return false
    this.ninety = this.ninety.plus(volume)
    if (date >= now - 60 * SECONDS_PER_DAY) this.sixty = this.sixty.plus(volume)
    if (date >= now - 30 * SECONDS_PER_DAY) this.thirty = this.thirty.plus(volume)
    return true
  }
}

/** Recomputes a transcoder's windows from its day list (newest first), stopping at the first old day. */
export function refreshTranscoderWindows(transcoder: Transcoder, now: i32): void {
  const windows = new FeeWindows()
  const days = transcoder.transcoderDays
  for (let i = 0; i < days.length; i++) {
    const day = TranscoderDay.load(days[i])
    if (day == null) continue
    if (!windows.add(day.date, day.volumeETH, now)) break
  }
  transcoder.thirtyDayVolumeETH = windows.thirty
  transcoder.sixtyDayVolumeETH = windows.sixty
  transcoder.ninetyDayVolumeETH = windows.ninety
}

/** Recomputes a broadcaster's windows from its day list (newest first), stopping at the first old day. */
export function refreshBroadcasterWindows(broadcaster: Broadcaster, now: i32): void {
  const windows = new FeeWindows()
  const days = broadcaster.broadcasterDays
  for (let i = 0; i < days.length; i++) {
    const day = BroadcasterDay.load(days[i])
    if (day == null) continue
    if (!windows.add(day.date, day.volumeETH, now)) break
  }
  broadcaster.thirtyDayVolumeETH = windows.thirty
  broadcaster.sixtyDayVolumeETH = windows.sixty
  broadcaster.ninetyDayVolumeETH = windows.ninety
}

/** Puts `id` first in a newest-first day list unless it is already there. */
export function prependDay(days: string[], id: string): string[] {
  if (days.length > 0 && days[0] == id) return days
  const out: string[] = [id]
  for (let i = 0; i < days.length; i++) if (days[i] != id) out.push(days[i])
  return out
}
