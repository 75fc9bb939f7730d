// Mocked contract calls, one helper per contract; an unmocked call fails the test.
import { Address, BigInt, ethereum } from "@graphprotocol/graph-ts"
import { createMockedFunction } from "matchstick-as/assembly/index"

import { BONDING_MANAGER, LPT_WETH_POOL, ROUNDS_MANAGER, TICKET_BROKER, WETH_DAI_POOL } from "./fixtures"

function uint(value: BigInt): ethereum.Value[] {
  return [ethereum.Value.fromUnsignedBigInt(value)]
}

/** 2^96 */
export const Q96 = BigInt.fromI32(2).pow(96)

/**
 * Uniswap slot0() of both price pools; prices are sqrtPriceX96^2 / 2^192, so sqrt prices that are
 * multiples or fractions of 2^96 by a power of two give exact decimal prices.
 */
export function mockPrices(lptWethSqrtPriceX96: BigInt, wethDaiSqrtPriceX96: BigInt): void {
  mockSlot0(LPT_WETH_POOL, lptWethSqrtPriceX96)
  mockSlot0(WETH_DAI_POOL, wethDaiSqrtPriceX96)
}

function mockSlot0(pool: string, sqrtPriceX96: BigInt): void {
  createMockedFunction(Address.fromString(pool), "slot0", "slot0():(uint160,int24,uint16,uint16,uint16,uint8,bool)")
    .withArgs([])
    .returns([
      ethereum.Value.fromUnsignedBigInt(sqrtPriceX96),
      ethereum.Value.fromI32(0),
      ethereum.Value.fromI32(0),
      ethereum.Value.fromI32(0),
      ethereum.Value.fromI32(0),
      ethereum.Value.fromI32(0),
      ethereum.Value.fromBoolean(true),
    ])
}

/** LPT = 1/256 ETH and ETH = 1600 USD. */
export function mockDefaultPrices(): void {
  mockPrices(Q96.div(BigInt.fromI32(16)), Q96.times(BigInt.fromI32(40)))
}

export function mockBondingManagerGetter(name: string, value: BigInt): void {
  const type = name == "unbondingPeriod" ? "uint64" : "uint256"
  createMockedFunction(Address.fromString(BONDING_MANAGER), name, name + "():(" + type + ")")
    .withArgs([])
    .returns(uint(value))
}

export function mockRoundLength(length: BigInt, updateRound: BigInt, updateStartBlock: BigInt): void {
  const rounds = Address.fromString(ROUNDS_MANAGER)
  createMockedFunction(rounds, "roundLength", "roundLength():(uint256)").withArgs([]).returns(uint(length))
  createMockedFunction(rounds, "lastRoundLengthUpdateRound", "lastRoundLengthUpdateRound():(uint256)")
    .withArgs([])
    .returns(uint(updateRound))
  createMockedFunction(rounds, "lastRoundLengthUpdateStartBlock", "lastRoundLengthUpdateStartBlock():(uint256)")
    .withArgs([])
    .returns(uint(updateStartBlock))
}

export function mockRoundLockAmount(amount: BigInt): void {
  createMockedFunction(Address.fromString(ROUNDS_MANAGER), "roundLockAmount", "roundLockAmount():(uint256)")
    .withArgs([])
    .returns(uint(amount))
}

export function mockMinterParameters(minter: string, targetBondingRate: BigInt, inflationChange: BigInt): void {
  const address = Address.fromString(minter)
  createMockedFunction(address, "targetBondingRate", "targetBondingRate():(uint256)")
    .withArgs([])
    .returns(uint(targetBondingRate))
  createMockedFunction(address, "inflationChange", "inflationChange():(uint256)")
    .withArgs([])
    .returns(uint(inflationChange))
}

export function mockTicketBrokerGetter(name: string, value: BigInt): void {
  createMockedFunction(Address.fromString(TICKET_BROKER), name, name + "():(uint256)")
    .withArgs([])
    .returns(uint(value))
}

/** A getter that reverts. */
export function mockRevertingGetter(contract: string, name: string, returnType: string): void {
  createMockedFunction(Address.fromString(contract), name, name + "():(" + returnType + ")")
    .withArgs([])
    .reverts()
}
