/**
 * RoundsManager: the round clock in L1 blocks (`block.number` on Arbitrum) and initializeRound, which
 * runs the BondingManager's and the Minter's round hooks before NewRound (PROTOCOL.md §2.14, §3, §5.1).
 */
import { createHash } from "node:crypto";
import { CONTRACTS } from "../addresses.ts";
import { answer } from "../calls.ts";
import { percOf, PERC } from "../math.ts";
import type { World } from "./world.ts";

export class RoundsManager {
  roundLength = 0n;
  roundLockAmount = 0n;
  lastRoundLengthUpdateRound = 0n;
  lastRoundLengthUpdateStartBlock = 0n;
  lastInitializedRound = 0n;
  readonly blockHashForRound = new Map<bigint, string>();
  /** sqrtPriceX96 of the two Uniswap pools the NewRound handler reads. */
  lptSqrtPrice = 0n;
  ethSqrtPrice = 0n;

  constructor(private readonly world: World) {}

  blockNum(): bigint {
    return BigInt(this.world.chain.l1Block);
  }

  currentRound(): bigint {
    return this.lastRoundLengthUpdateRound + (this.blockNum() - this.lastRoundLengthUpdateStartBlock) / this.roundLength;
  }

  currentRoundStartBlock(): bigint {
    return this.lastRoundLengthUpdateStartBlock + (this.currentRound() - this.lastRoundLengthUpdateRound) * this.roundLength;
  }

  currentRoundInitialized(): boolean {
    return this.lastInitializedRound === this.currentRound();
  }

  currentRoundLocked(): boolean {
    const lockedBlocks = percOf(PERC, this.roundLength, this.roundLockAmount);
    return this.blockNum() - this.currentRoundStartBlock() >= this.roundLength - lockedBlocks;
  }

  /** setRoundLength: the first call (and every later one) restarts the clock at the current round. */
  setRoundLength(length: bigint): void {
    if (this.roundLength === 0n) {
      this.roundLength = length;
      this.lastRoundLengthUpdateRound = this.blockNum() / length;
      this.lastRoundLengthUpdateStartBlock = this.lastRoundLengthUpdateRound * length;
    } else {
      const round = this.currentRound();
      const start = this.currentRoundStartBlock();
      this.lastRoundLengthUpdateRound = round;
      this.lastRoundLengthUpdateStartBlock = start;
      this.roundLength = length;
    }
    this.parameterUpdate("roundLength");
  }

  setRoundLockAmount(amount: bigint): void {
    this.roundLockAmount = amount;
    this.parameterUpdate("roundLockAmount");
  }

  private parameterUpdate(param: "roundLength" | "roundLockAmount"): void {
    const { chain } = this.world;
    chain.log(CONTRACTS.RoundsManager, "RoundsManager", "ParameterUpdate", [param]);
    const read = (fn: string, value: () => bigint) => answer(chain, "RoundsManager", CONTRACTS.RoundsManager, fn, [], value);
    if (param === "roundLength") {
      read("roundLength", () => this.roundLength);
      read("lastRoundLengthUpdateRound", () => this.lastRoundLengthUpdateRound);
      read("lastRoundLengthUpdateStartBlock", () => this.lastRoundLengthUpdateStartBlock);
    } else {
      read("roundLockAmount", () => this.roundLockAmount);
    }
  }

  /** The hash of an L1 block (synthetic, deterministic). */
  l1BlockHash(block: bigint): string {
    return "0x" + createHash("sha256").update(`l1:${block}`).digest("hex");
  }

  initializeRound(): void {
    const { chain, bonding, minter } = this.world;
    const round = this.currentRound();
    if (this.lastInitializedRound >= round) throw new Error(`round ${round} already initialized`);
    this.lastInitializedRound = round;
    const hash = this.l1BlockHash(this.blockNum() - 1n);
    this.blockHashForRound.set(round, hash);
    bonding.setCurrentRoundTotalActiveStake();
    minter.setCurrentRewardTokens();
    bonding.roundStats.set(round, {
      totalActiveStake: bonding.currentRoundTotalActiveStake,
      mintableTokens: minter.currentMintableTokens,
      inflation: minter.inflation,
      mintedTokens: 0n,
      treasuryRewards: 0n,
    });
    chain.log(CONTRACTS.RoundsManager, "RoundsManager", "NewRound", [round, hash]);
    // The NewRound handler reads both Uniswap pools' slot0 for prices.
    const slot0 = (price: () => bigint) => () => [price(), 0, 0, 1, 1, 0, true];
    answer(chain, "UniswapV3Pool", CONTRACTS.UniswapV3LptWethPool, "slot0", [], slot0(() => this.lptSqrtPrice));
    answer(chain, "UniswapV3Pool", CONTRACTS.UniswapV3WethDaiPool, "slot0", [], slot0(() => this.ethSqrtPrice));
  }
}
