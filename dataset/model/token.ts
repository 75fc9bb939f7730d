/**
 * LivepeerToken (L2 LPT) balances and supply, the L2LPTGateway (bridge mints and burns) and the
 * L2LPTDataCache (cached L1 supply). Global supply = L2 supply + max(L1 supply - l2SupplyFromL1, 0)
 * (PROTOCOL.md §5.14), the value the Minter reads.
 */
import { CONTRACTS, L1_LPT, ZERO_ADDRESS } from "../addresses.ts";
import type { Chain } from "../chain.ts";

export class Token {
  readonly balances = new Map<string, bigint>();
  totalSupply = 0n;
  l1TotalSupply = 0n;
  l2SupplyFromL1 = 0n;
  private withdrawals = 0n;

  constructor(private readonly chain: Chain) {}

  balanceOf(account: string): bigint {
    return this.balances.get(account) ?? 0n;
  }

  globalSupply(): bigint {
    const l1Circulating = this.l1TotalSupply > this.l2SupplyFromL1 ? this.l1TotalSupply - this.l2SupplyFromL1 : 0n;
    return this.totalSupply + l1Circulating;
  }

  private move(from: string, to: string, amount: bigint): void {
    if (from !== ZERO_ADDRESS) {
      const balance = this.balanceOf(from);
      if (balance < amount) throw new Error(`${from} has ${balance} LPT, cannot send ${amount}`);
      this.balances.set(from, balance - amount);
    }
    if (to !== ZERO_ADDRESS) this.balances.set(to, this.balanceOf(to) + amount);
    this.chain.log(CONTRACTS.LivepeerToken, "LivepeerToken", "Transfer", [from, to, amount]);
  }

  transfer(from: string, to: string, amount: bigint): void {
    this.move(from, to, amount);
  }

  /** OpenZeppelin 4.4 transferFrom: Transfer, then Approval with the remaining allowance (an exact approval, so 0). */
  transferFrom(spender: string, from: string, to: string, amount: bigint): void {
    this.move(from, to, amount);
    this.chain.log(CONTRACTS.LivepeerToken, "LivepeerToken", "Approval", [from, spender, 0n]);
  }

  mint(to: string, amount: bigint): void {
    this.totalSupply += amount;
    this.move(ZERO_ADDRESS, to, amount);
    this.chain.log(CONTRACTS.LivepeerToken, "LivepeerToken", "Mint", [to, amount]);
  }

  burn(from: string, amount: bigint): void {
    this.totalSupply -= amount;
    this.move(from, ZERO_ADDRESS, amount);
    this.chain.log(CONTRACTS.LivepeerToken, "LivepeerToken", "Burn", [from, amount]);
  }

  /** L2LPTGateway.finalizeInboundTransfer: LPT bridged from L1 is minted to `to`. */
  bridgeIn(from: string, to: string, amount: bigint): void {
    this.l2SupplyFromL1 += amount;
    this.mint(to, amount);
    this.chain.log(CONTRACTS.L2LPTGateway, "L2LPTGateway", "DepositFinalized", [L1_LPT, from, to, amount]);
  }

  /** L2LPTGateway.outboundTransfer: burnFrom (Approval, then the burn) and WithdrawalInitiated. */
  bridgeOut(from: string, to: string, amount: bigint): void {
    this.chain.log(CONTRACTS.LivepeerToken, "LivepeerToken", "Approval", [from, CONTRACTS.L2LPTGateway, 0n]);
    this.burn(from, amount);
    this.l2SupplyFromL1 = this.l2SupplyFromL1 > amount ? this.l2SupplyFromL1 - amount : 0n;
    const id = this.withdrawals++;
    this.chain.log(CONTRACTS.L2LPTGateway, "L2LPTGateway", "WithdrawalInitiated", [L1_LPT, from, to, id, id, amount]);
  }

  /** L2LPTDataCache.finalizeCacheTotalSupply. */
  cacheL1TotalSupply(supply: bigint): void {
    this.l1TotalSupply = supply;
    this.chain.log(CONTRACTS.L2LPTDataCache, "L2LPTDataCache", "CacheTotalSupplyFinalized", [supply]);
  }
}
