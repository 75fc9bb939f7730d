/**
 * TicketBroker: sender deposits and reserves, unlocks and withdrawals, and winning-ticket redemption
 * with reserve claims (livepeer/protocol `contracts/pm/mixins/*`; PROTOCOL.md §5.9, §2.14).
 */
import { CONTRACTS } from "../addresses.ts";
import { answer } from "../calls.ts";
import { min } from "../math.ts";
import type { World } from "./world.ts";

export type Sender = {
  deposit: bigint;
  withdrawRound: bigint;
  reserve: bigint;
  claimedForRound: Map<bigint, bigint>;
  claimedByAddress: Map<string, bigint>;
};

export type Ticket = {
  recipient: string;
  sender: string;
  faceValue: bigint;
  winProb: bigint;
  senderNonce: bigint;
  recipientRand: bigint;
  creationRound: bigint;
};

export class TicketBroker {
  readonly senders = new Map<string, Sender>();
  unlockPeriod = 0n;
  ticketValidityPeriod = 0n;

  constructor(private readonly world: World) {}

  sender(address: string): Sender {
    let s = this.senders.get(address);
    if (!s) {
      s = { deposit: 0n, withdrawRound: 0n, reserve: 0n, claimedForRound: new Map(), claimedByAddress: new Map() };
      this.senders.set(address, s);
    }
    return s;
  }

  private log(name: string, args: readonly unknown[]): void {
    this.world.chain.log(CONTRACTS.TicketBroker, "TicketBroker", name, args);
  }

  private round(): bigint {
    return this.world.rounds.currentRound();
  }

  isUnlockInProgress(address: string): boolean {
    return this.sender(address).withdrawRound > 0n;
  }

  isLocked(address: string): boolean {
    const s = this.sender(address);
    return s.withdrawRound === 0n || this.round() < s.withdrawRound;
  }

  /** A sender funding its own account cancels a pending unlock. */
  private cancelUnlockIfFunder(funder: string, address: string): boolean {
    const s = this.sender(address);
    if (funder !== address || s.withdrawRound === 0n) return false;
    s.withdrawRound = 0n;
    return true;
  }

  fundDeposit(address: string, amount: bigint): void {
    if (this.cancelUnlockIfFunder(address, address)) this.log("UnlockCancelled", [address]);
    this.sender(address).deposit += amount;
    this.log("DepositFunded", [address, amount]);
  }

  fundReserve(address: string, amount: bigint): void {
    this.sender(address).reserve += amount;
    this.log("ReserveFunded", [address, amount]);
    if (this.cancelUnlockIfFunder(address, address)) this.log("UnlockCancelled", [address]);
  }

  /** fundDepositAndReserveFor by `funder` (fundDepositAndReserve when funder = address). */
  fundDepositAndReserve(funder: string, address: string, deposit: bigint, reserve: bigint): void {
    if (this.cancelUnlockIfFunder(funder, address)) this.log("UnlockCancelled", [address]);
    const s = this.sender(address);
    s.reserve += reserve;
    this.log("ReserveFunded", [address, reserve]);
    s.deposit += deposit;
    this.log("DepositFunded", [address, deposit]);
  }

  unlock(address: string): void {
    const s = this.sender(address);
    if (s.withdrawRound !== 0n) throw new Error("unlock already initiated");
    const round = this.round();
    s.withdrawRound = round + this.unlockPeriod;
    this.log("Unlock", [address, round, s.withdrawRound]);
  }

  cancelUnlock(address: string): void {
    this.sender(address).withdrawRound = 0n;
    this.log("UnlockCancelled", [address]);
  }

  withdraw(address: string): void {
    const s = this.sender(address);
    if (this.isLocked(address) || s.withdrawRound === 0n) throw new Error("account is locked");
    const { deposit, reserve } = s;
    s.deposit = 0n;
    s.reserve = 0n;
    s.withdrawRound = 0n;
    this.log("Withdrawal", [address, deposit, reserve]);
  }

  claimableReserve(address: string, claimant: string): bigint {
    const { bonding } = this.world;
    if (!bonding.isActiveTranscoder(claimant)) return 0n;
    const poolSize = BigInt(bonding.pool.length);
    if (poolSize === 0n) return 0n;
    const s = this.sender(address);
    const round = this.round();
    const total = s.reserve + (s.claimedForRound.get(round) ?? 0n);
    return total / poolSize - (s.claimedByAddress.get(`${round}:${claimant}`) ?? 0n);
  }

  private claimFromReserve(address: string, claimant: string, amount: bigint): bigint {
    const claim = min(amount, this.claimableReserve(address, claimant));
    if (claim > 0n) {
      const s = this.sender(address);
      const round = this.round();
      s.claimedForRound.set(round, (s.claimedForRound.get(round) ?? 0n) + claim);
      const key = `${round}:${claimant}`;
      s.claimedByAddress.set(key, (s.claimedByAddress.get(key) ?? 0n) + claim);
      s.reserve -= claim;
      this.log("ReserveClaimed", [address, claimant, claim]);
    }
    return claim;
  }

  redeemWinningTicket(ticket: Ticket): void {
    const s = this.sender(ticket.sender);
    if (!this.isLocked(ticket.sender)) throw new Error("sender is unlocked");
    if (s.deposit === 0n && s.reserve === 0n) throw new Error("sender deposit and reserve are zero");
    let amount: bigint;
    if (ticket.faceValue > s.deposit) {
      amount = s.deposit + this.claimFromReserve(ticket.sender, ticket.recipient, ticket.faceValue - s.deposit);
      s.deposit = 0n;
    } else {
      amount = ticket.faceValue;
      s.deposit -= ticket.faceValue;
    }
    if (amount > 0n) {
      this.world.bonding.updateTranscoderWithFees(ticket.recipient, amount);
      this.log("WinningTicketTransfer", [ticket.sender, ticket.recipient, amount]);
    }
    const blockHash = this.world.rounds.blockHashForRound.get(ticket.creationRound)!;
    const auxData = "0x" + ticket.creationRound.toString(16).padStart(64, "0") + blockHash.slice(2);
    this.log("WinningTicketRedeemed", [
      ticket.sender,
      ticket.recipient,
      ticket.faceValue,
      ticket.winProb,
      ticket.senderNonce,
      ticket.recipientRand,
      auxData,
    ]);
  }

  setUnlockPeriod(value: bigint): void {
    this.unlockPeriod = value;
    this.parameterUpdate("unlockPeriod", () => this.unlockPeriod);
  }

  setTicketValidityPeriod(value: bigint): void {
    this.ticketValidityPeriod = value;
    this.parameterUpdate("ticketValidityPeriod", () => this.ticketValidityPeriod);
  }

  private parameterUpdate(param: "unlockPeriod" | "ticketValidityPeriod", value: () => bigint): void {
    this.log("ParameterUpdate", [param]);
    answer(this.world.chain, "TicketBroker", CONTRACTS.TicketBroker, param, [], value);
  }
}
