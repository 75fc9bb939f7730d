/**
 * Minter: inflation moving toward the target bonding rate and the round's mintable tokens (MathUtilsV2,
 * 1e9), reward minting, and the LPT it holds (PROTOCOL.md §5.2).
 */
import { answer } from "../calls.ts";
import { fracOf, MINTER_PERC, percOf, percPoints } from "../math.ts";
import type { World } from "./world.ts";

export class Minter {
  currentMintableTokens = 0n;
  currentMintedTokens = 0n;

  constructor(
    private readonly world: World,
    readonly address: string,
    public inflation: bigint,
    public inflationChange: bigint,
    public targetBondingRate: bigint,
  ) {}

  /** Answers the two getters the mappings read when this Minter is registered or changes a parameter. */
  answerParameters(): void {
    const { chain } = this.world;
    answer(chain, "Minter", this.address, "targetBondingRate", [], () => this.targetBondingRate);
    answer(chain, "Minter", this.address, "inflationChange", [], () => this.inflationChange);
  }

  setCurrentRewardTokens(): void {
    const supply = this.world.token.globalSupply();
    let bondingRate = 0n;
    if (supply > 0n) bondingRate = percPoints(MINTER_PERC, this.world.bonding.getTotalBonded(), supply);
    if (bondingRate < this.targetBondingRate) this.inflation += this.inflationChange;
    else if (bondingRate > this.targetBondingRate) {
      this.inflation = this.inflationChange > this.inflation ? 0n : this.inflation - this.inflationChange;
    }
    this.currentMintableTokens = percOf(MINTER_PERC, supply, this.inflation);
    this.currentMintedTokens = 0n;
    this.world.chain.log(this.address, "Minter", "SetCurrentRewardTokens", [this.currentMintableTokens, this.inflation]);
  }

  createReward(fracNum: bigint, fracDenom: bigint): bigint {
    const amount = fracOf(MINTER_PERC, this.currentMintableTokens, fracNum, fracDenom);
    this.currentMintedTokens += amount;
    if (this.currentMintedTokens > this.currentMintableTokens) throw new Error("minted tokens cannot exceed mintable tokens");
    this.world.token.mint(this.address, amount);
    return amount;
  }

  setTargetBondingRate(rate: bigint): void {
    this.targetBondingRate = rate;
    this.parameterUpdate("targetBondingRate");
  }

  setInflationChange(change: bigint): void {
    this.inflationChange = change;
    this.parameterUpdate("inflationChange");
  }

  private parameterUpdate(param: string): void {
    this.world.chain.log(this.address, "Minter", "ParameterUpdate", [param]);
    this.answerParameters();
  }
}
