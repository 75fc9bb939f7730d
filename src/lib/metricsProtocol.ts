// Protocol staking metrics per Round (and the latest on the Protocol, copied to the Day). A round opens at its
// NewRound (rounds per year, inflation, staking ratio, stake split) and closes at the next NewRound, when
// its minted rewards and fees are final (realized inflation, reward rate, trailing 30-day fee revenue).
import { BigDecimal, BigInt } from "@graphprotocol/graph-ts"

import { Day, Protocol, Round } from "../../generated/schema"
import {
  METRICS_WINDOW_DAYS,
  ONE_BI,
  ROUNDS_PER_YEAR_SLACK,
  ROUNDS_PER_YEAR_SPAN,
  SECONDS_PER_DAY,
} from "./constants"
import {
  annualRate,
  compounded,
  ethToLpt,
  ratio,
  realRate,
  RoundsPerYear,
  roundsPerYearFromLength,
  roundsPerYearObserved,
} from "./metrics"
import { saturatingSub, toDecimal } from "./units"

/**
 * Rounds per year at NewRound(`round`): from the NewRound of an initialized round 30 (up to 35) round numbers
 * earlier, else from the round length at 12 s per L1 block.
 */
function roundsPerYearAt(round: BigInt, timestamp: i32, protocol: Protocol): RoundsPerYear | null {
  for (let span = ROUNDS_PER_YEAR_SPAN; span <= ROUNDS_PER_YEAR_SPAN + ROUNDS_PER_YEAR_SLACK; span++) {
    if (round.lt(BigInt.fromI32(span))) break
    const earlier = Round.load(round.minus(BigInt.fromI32(span)).toString())
    if (earlier == null || !earlier.initialized || earlier.startTimestamp == 0) continue
    const observed = roundsPerYearObserved(span, timestamp - earlier.startTimestamp)
    if (observed != null) return observed
  }
  return roundsPerYearFromLength(protocol.roundLength)
}

/** Start-of-round metrics of `round`; its totals (stake, supply, mintable, delegators) are already set. */
export function openRoundMetrics(protocol: Protocol, round: Round, timestamp: i32): void {
  const perYear = roundsPerYearAt(BigInt.fromString(round.id), timestamp, protocol)
  const supply = protocol.totalSupplyWei
  round.roundsPerYear = perYear != null ? perYear.value : null
  round.roundsPerYearObserved = perYear != null && perYear.observed
  round.totalSupplyAtStartWei = supply
  round.inflationRate = annualRate(round.mintableTokensWei, supply, round.roundsPerYear)
  const perRound = ratio(round.mintableTokensWei, supply)
  round.inflationRateCompounded = perYear != null && perRound !== null ? compounded(perRound, perYear.whole) : null
  round.stakingRatio = ratio(round.totalActiveStakeWei, supply)
  round.stakedTokens = round.totalActiveStakeWei
  round.delegatedTokens = saturatingSub(round.stakedTokens, round.selfStakedTokens)
  round.stakingWallets = round.delegatorsCount

  protocol.roundsPerYear = round.roundsPerYear
  protocol.inflationRate = round.inflationRate
  protocol.inflationRateCompounded = round.inflationRateCompounded
  protocol.stakingRatio = round.stakingRatio
  protocol.stakedTokens = round.stakedTokens
  protocol.delegatedTokens = round.delegatedTokens
  protocol.selfStakedTokens = round.selfStakedTokens
  protocol.stakingWallets = round.stakingWallets
}

/**
 * End-of-round metrics of `closed` (the previous initialized round) at the NewRound at `timestamp`: moves
 * the trailing 30-day fee window, then sets realized inflation, reward rates and fee revenue. Saves `closed`.
 */
export function closeRoundMetrics(protocol: Protocol, closed: Round, timestamp: i32): void {
  addToWindow(protocol, closed)
  advanceWindow(protocol, BigInt.fromString(closed.id), timestamp - METRICS_WINDOW_DAYS * SECONDS_PER_DAY)

  const perYear = closed.roundsPerYear
  closed.realizedInflationRate = annualRate(closed.mintedTokens, closed.totalSupplyAtStartWei, perYear)
  closed.rewardRate = protocolRewardRate(protocol, closed)
  closed.realRewardRate = realRate(closed.rewardRate, closed.inflationRate)
  closed.feeRevenueETH = toDecimal(protocol.windowFeesWei)
  const ethPrice = closed.ethPriceUSD
  closed.feeRevenueUSD = ethPrice !== null ? closed.feeRevenueETH.times(ethPrice) : null
  closed.save()

  protocol.metricsRound = closed.id
  protocol.realizedInflationRate = closed.realizedInflationRate
  protocol.rewardRate = closed.rewardRate
  protocol.realRewardRate = closed.realRewardRate
  protocol.feeRevenueETH = closed.feeRevenueETH
  protocol.feeRevenueUSD = closed.feeRevenueUSD
  protocol.treasuryInflow = closed.treasuryInflow
}

/**
 * ((mintedTokens - treasuryRewards) + window fees in LPT / rounds in the window) * roundsPerYear / active
 * stake: rewards paid to stakers this round plus the average fees per round of the trailing 30 days.
 */
function protocolRewardRate(protocol: Protocol, closed: Round): BigDecimal | null {
  if (protocol.windowUnpricedRounds > 0) return null
  const stakers = saturatingSub(closed.mintedTokens, closed.treasuryRewards).toBigDecimal()
  let fees = BigDecimal.zero()
  if (protocol.windowRounds > 0) {
    fees = protocol.windowFeesLPT.toBigDecimal().div(BigInt.fromI32(protocol.windowRounds).toBigDecimal())
  }
  const perYear = closed.roundsPerYear
  if (perYear === null || closed.totalActiveStakeWei.isZero()) return null
  return stakers.plus(fees).times(perYear).div(closed.totalActiveStakeWei.toBigDecimal())
}

function addToWindow(protocol: Protocol, round: Round): void {
  if (protocol.windowRounds == 0) protocol.windowStartRound = BigInt.fromString(round.id)
  applyToWindow(protocol, round, 1)
}

/** Drops the window's oldest rounds while their NewRound is before `cutoff` (each round leaves once). */
function advanceWindow(protocol: Protocol, last: BigInt, cutoff: i32): void {
  let number = protocol.windowStartRound
  while (number.le(last)) {
    const round = Round.load(number.toString())
    if (round != null && round.initialized) {
      if (round.startTimestamp >= cutoff) break
      applyToWindow(protocol, round, -1)
    }
    number = number.plus(ONE_BI)
  }
  protocol.windowStartRound = number
}

/** Adds (sign 1) or removes (sign -1) a closed round's fees; fees without a price are counted as unpriced. */
function applyToWindow(protocol: Protocol, round: Round, sign: i32): void {
  const fees = sign > 0 ? round.volumeWei : round.volumeWei.neg()
  protocol.windowRounds = protocol.windowRounds + sign
  protocol.windowFeesWei = protocol.windowFeesWei.plus(fees)
  const lpt = ethToLpt(round.volumeWei, round.lptPriceEthWei)
  if (lpt === null) protocol.windowUnpricedRounds = protocol.windowUnpricedRounds + sign
  else protocol.windowFeesLPT = sign > 0 ? protocol.windowFeesLPT.plus(lpt) : protocol.windowFeesLPT.minus(lpt)
}

/** The latest protocol metrics on the day of a NewRound (the day's treasuryInflow is summed by transfers). */
export function copyMetricsToDay(protocol: Protocol, day: Day): void {
  day.inflationRate = protocol.inflationRate
  day.realizedInflationRate = protocol.realizedInflationRate
  day.stakingRatio = protocol.stakingRatio
  day.rewardRate = protocol.rewardRate
  day.realRewardRate = protocol.realRewardRate
  day.stakedTokens = protocol.stakedTokens
  day.delegatedTokens = protocol.delegatedTokens
  day.selfStakedTokens = protocol.selfStakedTokens
  day.stakingWallets = protocol.stakingWallets
  day.feeRevenueETH = protocol.feeRevenueETH
  day.feeRevenueUSD = protocol.feeRevenueUSD
}
