// Named accounts, amounts and rounds shared by the tests.
import { Address, BigInt, Bytes } from "@graphprotocol/graph-ts"

export const TRANSCODER = "0x00000000000000000000000000000000000000a1"
export const TRANSCODER_2 = "0x00000000000000000000000000000000000000a2"
export const DELEGATOR = "0x00000000000000000000000000000000000000d1"
export const DELEGATOR_2 = "0x00000000000000000000000000000000000000d2"
export const BROADCASTER = "0x00000000000000000000000000000000000000b1"
export const FINDER = "0x00000000000000000000000000000000000000f1"
export const ZERO = "0x0000000000000000000000000000000000000000"

// Arbitrum One addresses from networks.json (tests only use them as event sources).
export const BONDING_MANAGER = "0x35bcf3c30594191d53231e4ff333e8a770453e40"
export const ROUNDS_MANAGER = "0xdd6f56dcc28d3f5f27084381fe8df634985cc39f"
export const TICKET_BROKER = "0xa8bb618b1520e284046f3dfc448851a1ff26e41b"
export const MINTER = "0xc20de37170b45774e6cd3d2304017fc962f27252"
export const MINTER_V1 = "0x4969dccf5186e1c49411638fc8a2a020fdab752e"
export const TREASURY = "0xf82c1ff415f1fcf582554fdba790e27019c8e8c4"
export const LIVEPEER_GOVERNOR = "0xcfe4e2879b786c3aa075813f0e364bb5accb6aa0"
export const LPT_WETH_POOL = "0x4fd47e5102dfbf95541f64ed6fe13d4ed26d2546"
export const WETH_DAI_POOL = "0xa961f0473da4864c5ed28e00fcc53a3aab056c1b"

export const ROUND = BigInt.fromI32(3000)
export const NEXT_ROUND = BigInt.fromI32(3001)
export const ROUND_LENGTH = BigInt.fromI32(5760)

/** 10^18 */
export const UNIT = BigInt.fromString("1000000000000000000")

/** A whole number of LPT or ETH in wei. */
export function lpt(amount: i32): BigInt {
  return BigInt.fromI32(amount).times(UNIT)
}

export function eth(amount: i32): BigInt {
  return lpt(amount)
}

export function big(value: string): BigInt {
  return BigInt.fromString(value)
}

export function address(value: string): Address {
  return Address.fromString(value)
}

/** A transaction hash made from a small number, for events that must share or not share a transaction. */
export function txHash(n: i32): Bytes {
  let hex = n.toString(16)
  while (hex.length < 64) hex = "0" + hex
  return Bytes.fromHexString("0x" + hex)
}
