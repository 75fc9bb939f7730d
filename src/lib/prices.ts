// Spot prices from Uniswap V3 pools, read once per round at NewRound (the "fixed handful per round" of
// eth_calls): every USD amount of the round uses them, so no handler on a hot path makes a call.
import { Address, BigInt, log } from "@graphprotocol/graph-ts"

import { UniswapV3Pool } from "../../generated/RoundsManager/UniswapV3Pool"
import { UNISWAP_V3_LPT_WETH_POOL_ADDRESS, UNISWAP_V3_WETH_DAI_POOL_ADDRESS } from "../../generated/network"
import { Q192, UNIT } from "./constants"

/**
 * Price of token0 in token1 (both 18 decimals) as an 18-decimal integer: sqrtPriceX96^2 * 10^18 / 2^192,
 * divided in integers (a BigDecimal keeps only 34 significant digits, fewer than sqrtPriceX96^2 has).
 * Returns null (with a warning) when slot0() reverts, e.g. before the pool existed.
 */
function token0PriceWei(pool: string): BigInt | null {
  const slot0 = UniswapV3Pool.bind(Address.fromString(pool)).try_slot0()
  if (slot0.reverted) {
    log.warning("slot0() of Uniswap pool {} reverted; the round has no price", [pool])
    return null
  }
  const sqrtPrice: BigInt = slot0.value.getSqrtPriceX96()
  return sqrtPrice.times(sqrtPrice).times(UNIT).div(Q192)
}

/** LPT price in ETH wei per LPT (pool token0 = LPT, token1 = WETH), or null. eth_call: once per round. */
export function lptPriceInEthWei(): BigInt | null {
  return token0PriceWei(UNISWAP_V3_LPT_WETH_POOL_ADDRESS)
}

/** ETH price in DAI wei per ETH, i.e. USD * 10^18 (pool token0 = WETH, token1 = DAI), or null. eth_call: once per round. */
export function ethPriceInUsdWei(): BigInt | null {
  return token0PriceWei(UNISWAP_V3_WETH_DAI_POOL_ADDRESS)
}
