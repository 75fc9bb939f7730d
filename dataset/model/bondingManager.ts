/**
 * BondingManager (v9, livepeer/protocol `contracts/bonding/BondingManager.sol`): delegators,
 * transcoders, the sorted transcoder pool, earnings pools with LIP-36 cumulative factors
 * (PreciseMathUtils, two-step rounding), the treasury reward cut with its ceiling, and the logs each
 * function emits in the order the contract emits them (PROTOCOL.md §2.14, §5).
 */
import { CONTRACTS, ZERO_ADDRESS } from "../addresses.ts";
import { answer } from "../calls.ts";
import { fracOf, MAX_UINT256, ONE_FACTOR, PERC, percOf, PRECISE } from "../math.ts";
import type { World } from "./world.ts";

export type UnbondingLock = { amount: bigint; withdrawRound: bigint };

export type DelegatorState = {
  bondedAmount: bigint;
  fees: bigint;
  delegate: string;
  delegatedAmount: bigint;
  startRound: bigint;
  lastClaimRound: bigint;
  nextUnbondingLockId: bigint;
  locks: Map<bigint, UnbondingLock>;
};

export type EarningsPool = {
  totalStake: bigint;
  transcoderRewardCut: bigint;
  transcoderFeeShare: bigint;
  cumulativeRewardFactor: bigint;
  cumulativeFeeFactor: bigint;
  /** Whether reward or fee accounting set the commission rates (the only writers of them). */
  commissionSet: boolean;
};

export type TranscoderState = {
  lastRewardRound: bigint;
  rewardCut: bigint;
  feeShare: bigint;
  lastActiveStakeUpdateRound: bigint;
  activationRound: bigint;
  deactivationRound: bigint;
  activeCumulativeRewards: bigint;
  cumulativeRewards: bigint;
  cumulativeFees: bigint;
  lastFeeRound: bigint;
  pools: Map<bigint, EarningsPool>;
  rewardCaller: string;
  serviceURI: string | null;
};

export const DelegatorStatus = { Pending: 0, Bonded: 1, Unbonded: 2 } as const;

type Factors = { cumulativeRewardFactor: bigint; cumulativeFeeFactor: bigint };

export class BondingManager {
  readonly delegators = new Map<string, DelegatorState>();
  readonly transcoders = new Map<string, TranscoderState>();
  /** The transcoder pool, highest stake first. */
  pool: string[] = [];
  unbondingPeriod = 0n;
  numActiveTranscoders = 0n;
  treasuryRewardCutRate = 0n;
  nextRoundTreasuryRewardCutRate = 0n;
  treasuryBalanceCeiling = 0n;
  currentRoundTotalActiveStake = 0n;
  nextRoundTotalActiveStake = 0n;
  /** Per initialized round: the active stake, the Minter's mintable tokens and inflation, and what reward calls minted. */
  readonly roundStats = new Map<bigint, { totalActiveStake: bigint; mintableTokens: bigint; inflation: bigint; mintedTokens: bigint; treasuryRewards: bigint }>();

  constructor(private readonly world: World) {}

  // ----- storage ------------------------------------------------------------------------------

  delegator(address: string): DelegatorState {
    let d = this.delegators.get(address);
    if (!d) {
      d = { bondedAmount: 0n, fees: 0n, delegate: ZERO_ADDRESS, delegatedAmount: 0n, startRound: 0n, lastClaimRound: 0n, nextUnbondingLockId: 0n, locks: new Map() };
      this.delegators.set(address, d);
    }
    return d;
  }

  transcoder(address: string): TranscoderState {
    let t = this.transcoders.get(address);
    if (!t) {
      t = {
        lastRewardRound: 0n,
        rewardCut: 0n,
        feeShare: 0n,
        lastActiveStakeUpdateRound: 0n,
        activationRound: 0n,
        deactivationRound: 0n,
        activeCumulativeRewards: 0n,
        cumulativeRewards: 0n,
        cumulativeFees: 0n,
        lastFeeRound: 0n,
        pools: new Map(),
        rewardCaller: ZERO_ADDRESS,
        serviceURI: null,
      };
      this.transcoders.set(address, t);
    }
    return t;
  }

  private earningsPool(t: TranscoderState, round: bigint): EarningsPool {
    let p = t.pools.get(round);
    if (!p) {
      p = { totalStake: 0n, transcoderRewardCut: 0n, transcoderFeeShare: 0n, cumulativeRewardFactor: 0n, cumulativeFeeFactor: 0n, commissionSet: false };
      t.pools.set(round, p);
    }
    return p;
  }

  /** getTranscoderEarningsPoolForRound without creating anything. */
  storedPool(transcoder: string, round: bigint): EarningsPool | undefined {
    return this.transcoders.get(transcoder)?.pools.get(round);
  }

  private round(): bigint {
    return this.world.rounds.currentRound();
  }

  private log(name: string, args: readonly unknown[]): void {
    this.world.chain.log(CONTRACTS.BondingManager, "BondingManager", name, args);
  }

  // ----- views --------------------------------------------------------------------------------

  delegatorStatus(address: string): number {
    const d = this.delegator(address);
    if (d.bondedAmount === 0n) return DelegatorStatus.Unbonded;
    if (d.startRound > this.round()) return DelegatorStatus.Pending;
    return DelegatorStatus.Bonded;
  }

  isRegisteredTranscoder(address: string): boolean {
    const d = this.delegators.get(address);
    return d !== undefined && d.delegate === address && d.bondedAmount > 0n;
  }

  isActiveTranscoder(address: string): boolean {
    const t = this.transcoders.get(address);
    const round = this.round();
    return t !== undefined && t.activationRound <= round && round < t.deactivationRound;
  }

  inPool(address: string): boolean {
    return this.pool.includes(address);
  }

  getTotalBonded(): bigint {
    return this.currentRoundTotalActiveStake;
  }

  private factors(t: TranscoderState, round: bigint): Factors {
    const p = t.pools.get(round);
    return { cumulativeRewardFactor: p?.cumulativeRewardFactor ?? 0n, cumulativeFeeFactor: p?.cumulativeFeeFactor ?? 0n };
  }

  private latestFactors(t: TranscoderState, round: bigint): Factors {
    const pool = this.factors(t, round);
    if (pool.cumulativeRewardFactor === 0n && t.lastRewardRound < round) {
      pool.cumulativeRewardFactor = this.factors(t, t.lastRewardRound).cumulativeRewardFactor;
    }
    if (pool.cumulativeFeeFactor === 0n && t.lastFeeRound < round) {
      pool.cumulativeFeeFactor = this.factors(t, t.lastFeeRound).cumulativeFeeFactor;
    }
    return pool;
  }

  /** pendingStakeAndFees(delegator, endRound) (EarningsPoolLIP36.delegatorCumulativeStakeAndFees). */
  pendingStakeAndFees(address: string, endRound = this.round()): { stake: bigint; fees: bigint } {
    const d = this.delegator(address);
    const t = this.transcoders.get(d.delegate) ?? this.transcoder(d.delegate);
    let stake = d.bondedAmount;
    let fees = d.fees;
    if (d.lastClaimRound + 1n <= endRound) {
      const start = this.factors(t, d.lastClaimRound);
      const end = this.latestFactors(t, endRound);
      const startCRF = start.cumulativeRewardFactor || ONE_FACTOR;
      const endCRF = end.cumulativeRewardFactor || ONE_FACTOR;
      stake = fracOf(PRECISE, d.bondedAmount, endCRF, startCRF);
      fees = d.fees + fracOf(PRECISE, d.bondedAmount, end.cumulativeFeeFactor - start.cumulativeFeeFactor, startCRF);
    }
    if (address === d.delegate) {
      stake += t.cumulativeRewards;
      fees += t.cumulativeFees;
    }
    return { stake, fees };
  }

  // ----- internal state transitions -------------------------------------------------------------

  private checkpoint(account: string): void {
    const d = this.delegator(account);
    this.world.votes.checkpointBondingState(account, this.round() + 1n, {
      bondedAmount: d.bondedAmount,
      delegate: d.delegate,
      delegatedAmount: d.delegatedAmount,
      lastClaimRound: d.lastClaimRound,
      lastRewardRound: this.transcoders.get(account)?.lastRewardRound ?? 0n,
    });
  }

  private autoClaimEarnings(address: string): void {
    const round = this.round();
    const last = this.delegator(address).lastClaimRound;
    if (last < round) this.updateDelegatorWithEarnings(address, round, last);
  }

  private updateDelegatorWithEarnings(address: string, endRound: bigint, lastClaimRound: bigint): void {
    const d = this.delegator(address);
    let bonded = d.bondedAmount;
    let fees = d.fees;
    if (d.delegate !== ZERO_ADDRESS) {
      ({ stake: bonded, fees } = this.pendingStakeAndFees(address, endRound));
      this.ensureInitializedCumulativeFactorsPool(d.delegate, endRound);
      if (d.delegate === address) {
        const t = this.transcoder(address);
        t.cumulativeFees = 0n;
        t.cumulativeRewards = 0n;
      }
    }
    this.log("EarningsClaimed", [d.delegate, address, bonded - d.bondedAmount, fees - d.fees, lastClaimRound + 1n, endRound]);
    d.lastClaimRound = endRound;
    d.bondedAmount = bonded;
    d.fees = fees;
  }

  private ensureInitializedCumulativeFactorsPool(transcoder: string, round: bigint): void {
    const t = this.transcoder(transcoder);
    const existing = t.pools.get(round);
    const crf = existing?.cumulativeRewardFactor ?? 0n;
    const cff = existing?.cumulativeFeeFactor ?? 0n;
    const newCRF = crf === 0n && t.lastRewardRound < round ? this.factors(t, t.lastRewardRound).cumulativeRewardFactor : crf;
    const newCFF = cff === 0n && t.lastFeeRound < round ? this.factors(t, t.lastFeeRound).cumulativeFeeFactor : cff;
    if (newCRF === crf && newCFF === cff) return;
    const pool = this.earningsPool(t, round);
    pool.cumulativeRewardFactor = newCRF;
    pool.cumulativeFeeFactor = newCFF;
  }

  private sortPool(): void {
    this.pool.sort((a, b) => {
      const sa = this.delegator(a).delegatedAmount;
      const sb = this.delegator(b).delegatedAmount;
      return sa === sb ? 0 : sa > sb ? -1 : 1;
    });
  }

  private increaseTotalStake(delegate: string, amount: bigint): void {
    const t = this.transcoder(delegate);
    const d = this.delegator(delegate);
    const current = d.delegatedAmount;
    const next = current + amount;
    if (this.isRegisteredTranscoder(delegate)) {
      const round = this.round();
      if (this.inPool(delegate)) {
        this.nextRoundTotalActiveStake += amount;
        if (t.lastActiveStakeUpdateRound < round) this.earningsPool(t, round).totalStake = current;
        this.earningsPool(t, round + 1n).totalStake = next;
        t.lastActiveStakeUpdateRound = round + 1n;
        d.delegatedAmount = next;
        this.sortPool();
        return;
      }
      this.tryToJoinActiveSet(delegate, next, round + 1n);
    }
    d.delegatedAmount = next;
  }

  private decreaseTotalStake(delegate: string, amount: bigint): void {
    const t = this.transcoder(delegate);
    const d = this.delegator(delegate);
    const current = d.delegatedAmount;
    const next = current - amount;
    if (this.inPool(delegate)) {
      const round = this.round();
      this.nextRoundTotalActiveStake -= amount;
      if (t.lastActiveStakeUpdateRound < round) this.earningsPool(t, round).totalStake = current;
      t.lastActiveStakeUpdateRound = round + 1n;
      this.earningsPool(t, round + 1n).totalStake = next;
    }
    d.delegatedAmount = next;
    if (this.inPool(delegate)) this.sortPool();
  }

  /** Whether `stake` would get a place in the pool (free seat, or more than the last member). */
  wouldJoin(stake: bigint): boolean {
    if (BigInt(this.pool.length) < this.numActiveTranscoders) return true;
    return stake > this.delegator(this.pool[this.pool.length - 1]).delegatedAmount;
  }

  private tryToJoinActiveSet(transcoder: string, totalStake: bigint, activationRound: bigint): void {
    let pending = this.nextRoundTotalActiveStake;
    if (BigInt(this.pool.length) >= this.numActiveTranscoders) {
      const last = this.pool[this.pool.length - 1];
      const lastStake = this.delegator(last).delegatedAmount;
      if (totalStake <= lastStake) return;
      this.pool.pop();
      this.transcoder(last).deactivationRound = activationRound;
      pending -= lastStake;
      this.log("TranscoderDeactivated", [last, activationRound]);
    }
    const at = this.pool.findIndex((a) => this.delegator(a).delegatedAmount < totalStake);
    this.pool.splice(at < 0 ? this.pool.length : at, 0, transcoder);
    pending += totalStake;
    const t = this.transcoder(transcoder);
    t.lastActiveStakeUpdateRound = activationRound;
    t.activationRound = activationRound;
    t.deactivationRound = MAX_UINT256;
    this.earningsPool(t, activationRound).totalStake = totalStake;
    this.nextRoundTotalActiveStake = pending;
    this.log("TranscoderActivated", [transcoder, activationRound]);
  }

  private resignTranscoder(transcoder: string): void {
    this.pool = this.pool.filter((a) => a !== transcoder);
    this.nextRoundTotalActiveStake -= this.delegator(transcoder).delegatedAmount;
    const deactivationRound = this.round() + 1n;
    this.transcoder(transcoder).deactivationRound = deactivationRound;
    this.log("TranscoderDeactivated", [transcoder, deactivationRound]);
  }

  private processRebond(address: string, lockId: bigint): void {
    const d = this.delegator(address);
    const lock = d.locks.get(lockId);
    if (!lock) throw new Error(`invalid unbonding lock ${lockId} of ${address}`);
    d.bondedAmount += lock.amount;
    d.locks.delete(lockId);
    const delegate = d.delegate;
    this.increaseTotalStake(delegate, lock.amount);
    if (delegate !== address) this.checkpoint(delegate);
    this.log("Rebond", [delegate, address, lockId, lock.amount]);
    this.checkpoint(address);
  }

  // ----- external functions -------------------------------------------------------------------

  /** bondForWithHint by `caller` for `owner` (bondWithHint when caller = owner). */
  bond(caller: string, owner: string, amount: bigint, to: string): void {
    this.autoClaimEarnings(owner);
    const d = this.delegator(owner);
    const round = this.round();
    let delegationAmount = amount;
    const currentDelegate = d.delegate;
    const currentBonded = d.bondedAmount;
    if (this.delegatorStatus(owner) === DelegatorStatus.Unbonded) {
      d.startRound = round + 1n;
    } else if (currentBonded > 0n && currentDelegate !== to) {
      if (this.isRegisteredTranscoder(owner)) throw new Error("registered transcoders can't delegate towards other addresses");
      d.startRound = round + 1n;
      delegationAmount += currentBonded;
      this.decreaseTotalStake(currentDelegate, currentBonded);
      this.checkpoint(currentDelegate);
    }
    this.ensureInitializedCumulativeFactorsPool(to, round);
    if (delegationAmount === 0n) throw new Error("delegation amount must be greater than 0");
    d.delegate = to;
    d.bondedAmount = currentBonded + amount;
    this.increaseTotalStake(to, delegationAmount);
    if (to !== owner) this.checkpoint(to);
    if (amount > 0n) this.world.token.transferFrom(CONTRACTS.BondingManager, caller, this.world.minter.address, amount);
    this.log("Bond", [to, currentDelegate, owner, amount, d.bondedAmount]);
    this.checkpoint(owner);
  }

  unbond(address: string, amount: bigint): void {
    this.autoClaimEarnings(address);
    if (this.delegatorStatus(address) !== DelegatorStatus.Bonded) throw new Error("caller must be bonded");
    const d = this.delegator(address);
    if (amount === 0n || amount > d.bondedAmount) throw new Error(`bad unbond amount ${amount}`);
    const currentDelegate = d.delegate;
    const withdrawRound = this.round() + this.unbondingPeriod;
    const lockId = d.nextUnbondingLockId++;
    d.locks.set(lockId, { amount, withdrawRound });
    d.bondedAmount -= amount;
    if (d.bondedAmount === 0n) {
      d.delegate = ZERO_ADDRESS;
      d.startRound = 0n;
      if (this.inPool(address)) this.resignTranscoder(address);
    }
    this.decreaseTotalStake(currentDelegate, amount);
    if (currentDelegate !== address) this.checkpoint(currentDelegate);
    this.log("Unbond", [currentDelegate, address, lockId, amount, withdrawRound]);
    this.checkpoint(address);
  }

  rebond(address: string, lockId: bigint): void {
    this.autoClaimEarnings(address);
    if (this.delegatorStatus(address) === DelegatorStatus.Unbonded) throw new Error("caller must be bonded");
    this.processRebond(address, lockId);
  }

  rebondFromUnbonded(address: string, to: string, lockId: bigint): void {
    this.autoClaimEarnings(address);
    if (this.delegatorStatus(address) !== DelegatorStatus.Unbonded) throw new Error("caller must be unbonded");
    const round = this.round();
    this.ensureInitializedCumulativeFactorsPool(to, round);
    const d = this.delegator(address);
    d.startRound = round + 1n;
    d.delegate = to;
    this.processRebond(address, lockId);
  }

  transferBond(sender: string, receiver: string, amount: bigint): void {
    this.autoClaimEarnings(sender);
    const oldDelegate = this.delegator(sender).delegate;
    this.unbond(sender, amount);
    const from = this.delegator(sender);
    const oldLockId = from.nextUnbondingLockId - 1n;
    const { withdrawRound } = from.locks.get(oldLockId)!;
    from.locks.delete(oldLockId);
    const to = this.delegator(receiver);
    const newLockId = to.nextUnbondingLockId++;
    to.locks.set(newLockId, { amount, withdrawRound });
    this.log("TransferBond", [sender, receiver, oldLockId, newLockId, amount]);
    const round = this.round();
    if (to.lastClaimRound < round) this.updateDelegatorWithEarnings(receiver, round, to.lastClaimRound);
    if (to.delegate === ZERO_ADDRESS && to.bondedAmount === 0n) {
      if (oldDelegate === receiver) throw new Error("INVALID_DELEGATOR");
      to.delegate = oldDelegate;
    }
    if (this.delegatorStatus(receiver) === DelegatorStatus.Unbonded) to.startRound = round + 1n;
    this.processRebond(receiver, newLockId);
  }

  withdrawStake(address: string, lockId: bigint): void {
    const d = this.delegator(address);
    const lock = d.locks.get(lockId);
    if (!lock || lock.withdrawRound > this.round()) throw new Error(`lock ${lockId} of ${address} cannot be withdrawn`);
    d.locks.delete(lockId);
    this.world.token.transfer(this.world.minter.address, address, lock.amount);
    this.log("WithdrawStake", [address, lockId, lock.amount, lock.withdrawRound]);
  }

  withdrawFees(address: string, recipient: string, amount: bigint): void {
    this.autoClaimEarnings(address);
    const d = this.delegator(address);
    if (d.fees < amount) throw new Error("insufficient fees to withdraw");
    d.fees -= amount;
    this.log("WithdrawFees", [address, recipient, amount]);
    this.checkpoint(address);
  }

  claimEarnings(address: string): void {
    this.autoClaimEarnings(address);
    this.checkpoint(address);
  }

  /** transcoderWithHint: sets the cuts, joining the pool if not in it. */
  setTranscoderCuts(address: string, rewardCut: bigint, feeShare: bigint): void {
    if (this.world.rounds.currentRoundLocked()) throw new Error("current round is locked");
    if (!this.isRegisteredTranscoder(address)) throw new Error("transcoder must be registered");
    const t = this.transcoder(address);
    if (this.isActiveTranscoder(address) && t.lastRewardRound !== this.round()) throw new Error("must call reward first");
    t.rewardCut = rewardCut;
    t.feeShare = feeShare;
    if (!this.inPool(address)) this.tryToJoinActiveSet(address, this.delegator(address).delegatedAmount, this.round() + 1n);
    this.log("TranscoderUpdate", [address, rewardCut, feeShare]);
  }

  /** LIP-118 setRewardCaller. */
  setRewardCaller(transcoder: string, caller: string): void {
    this.transcoder(transcoder).rewardCaller = caller;
    this.log("RewardCallerSet", [transcoder, caller]);
  }

  /** rewardWithHint (or LIP-118 rewardForTranscoder by its reward caller): mints, splits, updates factors. */
  reward(transcoder: string): void {
    const round = this.round();
    const t = this.transcoder(transcoder);
    if (!this.isActiveTranscoder(transcoder) || t.lastRewardRound === round) throw new Error(`${transcoder} cannot reward in ${round}`);
    const pool = this.earningsPool(t, round);
    pool.transcoderRewardCut = t.rewardCut;
    pool.transcoderFeeShare = t.feeShare;
    pool.commissionSet = true;
    if (t.lastActiveStakeUpdateRound < round) pool.totalStake = this.earningsPool(t, t.lastActiveStakeUpdateRound).totalStake;
    if (this.treasuryBalanceCeiling > 0n) {
      const balance = this.world.token.balanceOf(this.world.treasury.address);
      if (balance >= this.treasuryBalanceCeiling && this.nextRoundTreasuryRewardCutRate > 0n) this.setTreasuryRewardCutRate(0n);
    }
    const { minter, token, treasury } = this.world;
    const total = minter.createReward(pool.totalStake, this.currentRoundTotalActiveStake);
    const treasuryRewards = percOf(PRECISE, total, this.treasuryRewardCutRate);
    if (treasuryRewards > 0n) {
      token.transfer(minter.address, treasury.address, treasuryRewards);
      this.log("TreasuryReward", [transcoder, treasury.address, treasuryRewards]);
    }
    const rewards = total - treasuryRewards;
    const stats = this.roundStats.get(round)!;
    stats.mintedTokens += total;
    stats.treasuryRewards += treasuryRewards;
    this.updateTranscoderWithRewards(t, transcoder, rewards, round);
    t.lastRewardRound = round;
    this.log("Reward", [transcoder, rewards]);
    this.checkpoint(transcoder);
  }

  private updateTranscoderWithRewards(t: TranscoderState, address: string, rewards: bigint, round: bigint): void {
    const pool = this.earningsPool(t, round);
    const previousCRF = this.factors(t, t.lastRewardRound).cumulativeRewardFactor || ONE_FACTOR;
    t.activeCumulativeRewards = t.cumulativeRewards;
    const commission = percOf(PERC, rewards, pool.transcoderRewardCut);
    const delegatorsRewards = rewards - commission;
    const stakeRewards = fracOf(PRECISE, delegatorsRewards, t.activeCumulativeRewards, pool.totalStake);
    t.cumulativeRewards += stakeRewards + commission;
    pool.cumulativeRewardFactor = previousCRF + fracOf(PRECISE, previousCRF, delegatorsRewards, pool.totalStake);
    this.increaseTotalStake(address, rewards);
  }

  /** The stake a fee payment in this round would be shared over (0 means the payment would revert). */
  feePoolStake(address: string): bigint {
    const t = this.transcoder(address);
    const round = this.round();
    const pool = t.pools.get(round);
    if (round > t.lastRewardRound && t.lastActiveStakeUpdateRound < round) return t.pools.get(t.lastActiveStakeUpdateRound)?.totalStake ?? 0n;
    return pool?.totalStake ?? 0n;
  }

  /** updateTranscoderWithFees, called by the TicketBroker; emits nothing. */
  updateTranscoderWithFees(address: string, fees: bigint): void {
    if (!this.isRegisteredTranscoder(address)) throw new Error("transcoder must be registered");
    const round = this.round();
    const t = this.transcoder(address);
    const lastRewardRound = t.lastRewardRound;
    let activeCumulativeRewards = t.activeCumulativeRewards;
    const pool = this.earningsPool(t, round);
    const previous = this.latestFactors(t, round - 1n);
    if (round > lastRewardRound) {
      pool.transcoderRewardCut = t.rewardCut;
      pool.transcoderFeeShare = t.feeShare;
      pool.commissionSet = true;
      if (t.lastActiveStakeUpdateRound < round) pool.totalStake = this.earningsPool(t, t.lastActiveStakeUpdateRound).totalStake;
      activeCumulativeRewards = t.cumulativeRewards;
    }
    const totalStake = pool.totalStake;
    if (previous.cumulativeRewardFactor === 0n && lastRewardRound === round) {
      const { minter } = this.world;
      let rewards = fracOf(PRECISE, minter.currentMintableTokens + minter.currentMintedTokens, totalStake, this.currentRoundTotalActiveStake);
      rewards -= percOf(PRECISE, rewards, this.treasuryRewardCutRate);
      const delegatorsRewards = rewards - percOf(PERC, rewards, pool.transcoderRewardCut);
      previous.cumulativeRewardFactor = fracOf(PRECISE, pool.cumulativeRewardFactor, totalStake, delegatorsRewards + totalStake);
    }
    const delegatorsFees = percOf(PERC, fees, pool.transcoderFeeShare);
    const commissionFees = fees - delegatorsFees;
    const stakeFees = fracOf(PRECISE, delegatorsFees, activeCumulativeRewards, totalStake);
    t.cumulativeFees += stakeFees + commissionFees;
    const previousCRF = previous.cumulativeRewardFactor || ONE_FACTOR;
    const increment = fracOf(PRECISE, previousCRF, delegatorsFees, totalStake);
    pool.cumulativeFeeFactor = (pool.cumulativeFeeFactor === 0n ? previous.cumulativeFeeFactor : pool.cumulativeFeeFactor) + increment;
    t.lastFeeRound = round;
  }

  /** slashTranscoder by the Verifier (PROTOCOL.md §5.8). */
  slashTranscoder(transcoder: string, finder: string, slashAmount: bigint, finderFee: bigint): void {
    this.autoClaimEarnings(transcoder);
    const d = this.delegator(transcoder);
    const { minter, token } = this.world;
    if (d.bondedAmount > 0n) {
      const penalty = percOf(PERC, d.bondedAmount, slashAmount);
      if (this.inPool(transcoder)) this.resignTranscoder(transcoder);
      d.bondedAmount -= penalty;
      if (this.delegatorStatus(transcoder) === DelegatorStatus.Bonded) this.delegator(d.delegate).delegatedAmount -= penalty;
      if (finder !== ZERO_ADDRESS) {
        const finderAmount = percOf(PERC, penalty, finderFee);
        token.transfer(minter.address, finder, finderAmount);
        token.burn(minter.address, penalty - finderAmount);
        this.log("TranscoderSlashed", [transcoder, finder, penalty, finderAmount]);
      } else {
        token.burn(minter.address, penalty);
        this.log("TranscoderSlashed", [transcoder, ZERO_ADDRESS, penalty, 0n]);
      }
    } else {
      this.log("TranscoderSlashed", [transcoder, finder, 0n, 0n]);
    }
    this.checkpoint(transcoder);
  }

  /** Round initialization hook (RoundsManager.initializeRound). */
  setCurrentRoundTotalActiveStake(): void {
    this.currentRoundTotalActiveStake = this.nextRoundTotalActiveStake;
    if (this.nextRoundTreasuryRewardCutRate !== this.treasuryRewardCutRate) {
      this.treasuryRewardCutRate = this.nextRoundTreasuryRewardCutRate;
      this.log("ParameterUpdate", ["treasuryRewardCutRate"]);
    }
    this.world.votes.checkpointTotalActiveStake(this.currentRoundTotalActiveStake, this.round());
  }

  // ----- parameters (controller owner) ----------------------------------------------------------

  setUnbondingPeriod(value: bigint): void {
    this.unbondingPeriod = value;
    this.parameterUpdate("unbondingPeriod", "unbondingPeriod", () => this.unbondingPeriod);
  }

  setNumActiveTranscoders(value: bigint): void {
    this.numActiveTranscoders = value;
    this.parameterUpdate("numActiveTranscoders", "getTranscoderPoolMaxSize", () => this.numActiveTranscoders);
  }

  setTreasuryBalanceCeiling(value: bigint): void {
    this.treasuryBalanceCeiling = value;
    this.parameterUpdate("treasuryBalanceCeiling", "treasuryBalanceCeiling", () => this.treasuryBalanceCeiling);
  }

  setTreasuryRewardCutRate(value: bigint): void {
    this.nextRoundTreasuryRewardCutRate = value;
    this.parameterUpdate("nextRoundTreasuryRewardCutRate", "nextRoundTreasuryRewardCutRate", () => this.nextRoundTreasuryRewardCutRate);
  }

  private parameterUpdate(param: string, getter: string, value: () => bigint): void {
    this.log("ParameterUpdate", [param]);
    answer(this.world.chain, "BondingManager", CONTRACTS.BondingManager, getter, [], value);
  }
}
