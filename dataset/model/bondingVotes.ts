/**
 * BondingVotes: per-round checkpoints of each account's bonding state, written by the BondingManager
 * after every change, with the events of `onBondingCheckpointChanged`, and the voting power the
 * governor reads (livepeer/protocol `contracts/bonding/BondingVotes.sol`).
 */
import { CONTRACTS, ZERO_ADDRESS } from "../addresses.ts";
import { fracOf, ONE_FACTOR, PRECISE } from "../math.ts";
import type { World } from "./world.ts";

export type Checkpoint = {
  bondedAmount: bigint;
  delegate: string;
  delegatedAmount: bigint;
  lastClaimRound: bigint;
  lastRewardRound: bigint;
};

const EMPTY: Checkpoint = { bondedAmount: 0n, delegate: ZERO_ADDRESS, delegatedAmount: 0n, lastClaimRound: 0n, lastRewardRound: 0n };

export class BondingVotes {
  /** Checkpoints by account, ascending start round. */
  readonly history = new Map<string, Array<{ startRound: bigint; checkpoint: Checkpoint }>>();
  /** Total active stake checkpointed at each round's initialization. */
  private readonly totalStake = new Map<bigint, bigint>();
  private readonly totalStakeRounds: bigint[] = [];
  /** Start round of each account's last checkpoint that emitted an event (the ones indexers see). */
  readonly lastEventRound = new Map<string, bigint>();

  constructor(private readonly world: World) {}

  latest(account: string): Checkpoint {
    return this.history.get(account)?.at(-1)?.checkpoint ?? EMPTY;
  }

  checkpointBondingState(account: string, startRound: bigint, checkpoint: Checkpoint): void {
    const list = this.history.get(account) ?? [];
    const previous = list.at(-1)?.checkpoint ?? EMPTY;
    if (list.at(-1)?.startRound === startRound) list[list.length - 1] = { startRound, checkpoint };
    else list.push({ startRound, checkpoint });
    this.history.set(account, list);
    if (this.emitChanges(account, previous, checkpoint)) this.lastEventRound.set(account, startRound);
  }

  /** Emits what changed; returns whether anything was emitted. */
  private emitChanges(account: string, previous: Checkpoint, current: Checkpoint): boolean {
    const { chain } = this.world;
    const before = chain.stats.logs + chain.pendingLogs();
    if (previous.delegate !== current.delegate) {
      chain.log(CONTRACTS.BondingVotes, "BondingVotes", "DelegateChanged", [account, previous.delegate, current.delegate]);
    }
    const wasTranscoder = previous.delegate === account && previous.bondedAmount > 0n;
    const isTranscoder = current.delegate === account && current.bondedAmount > 0n;
    const previousVotes = wasTranscoder ? previous.delegatedAmount : 0n;
    const currentVotes = isTranscoder ? current.delegatedAmount : 0n;
    if (previousVotes !== currentVotes) {
      chain.log(CONTRACTS.BondingVotes, "BondingVotes", "DelegateVotesChanged", [account, previousVotes, currentVotes]);
    }
    if (previous.bondedAmount !== current.bondedAmount || previous.lastClaimRound !== current.lastClaimRound) {
      chain.log(CONTRACTS.BondingVotes, "BondingVotes", "DelegatorBondedAmountChanged", [
        account,
        previous.bondedAmount,
        previous.lastClaimRound,
        current.bondedAmount,
        current.lastClaimRound,
      ]);
    }
    return chain.stats.logs + chain.pendingLogs() !== before;
  }

  checkpointTotalActiveStake(stake: bigint, round: bigint): void {
    this.totalStake.set(round, stake);
    if (this.totalStakeRounds.at(-1) !== round) this.totalStakeRounds.push(round);
  }

  /** The checkpoint in effect at the start of `round`. */
  at(account: string, round: bigint): Checkpoint {
    const list = this.history.get(account);
    if (!list) return EMPTY;
    for (let i = list.length - 1; i >= 0; i--) if (list[i].startRound <= round) return list[i].checkpoint;
    return EMPTY;
  }

  votesAndDelegateAtRoundStart(account: string, round: bigint): { votes: bigint; delegate: string } {
    const bond = this.at(account, round);
    if (bond.bondedAmount === 0n) return { votes: 0n, delegate: bond.delegate };
    if (bond.delegate === account) return { votes: bond.delegatedAmount, delegate: bond.delegate };
    return { votes: this.delegatorVotes(bond, round), delegate: bond.delegate };
  }

  private delegatorVotes(bond: Checkpoint, round: bigint): bigint {
    const { bonding } = this.world;
    const transcoder = bond.delegate;
    const startCRF = bonding.storedPool(transcoder, bond.lastClaimRound)?.cumulativeRewardFactor ?? 0n;
    const transcoderBond = this.at(transcoder, round);
    if (!(transcoderBond.delegate === transcoder && transcoderBond.bondedAmount > 0n)) return 0n;
    if (transcoderBond.lastRewardRound < bond.lastClaimRound) return bond.bondedAmount;
    let endCRF = 0n;
    if (transcoderBond.lastRewardRound > 0n) {
      endCRF = bonding.storedPool(transcoder, transcoderBond.lastRewardRound)?.cumulativeRewardFactor ?? 0n;
      if (endCRF === 0n) throw new Error(`MissingEarningsPool(${transcoder}, ${transcoderBond.lastRewardRound})`);
    }
    return fracOf(PRECISE, bond.bondedAmount, endCRF || ONE_FACTOR, startCRF || ONE_FACTOR);
  }

  getPastVotes(account: string, round: bigint): bigint {
    return this.votesAndDelegateAtRoundStart(account, round + 1n).votes;
  }

  delegatedAt(account: string, round: bigint): string {
    return this.votesAndDelegateAtRoundStart(account, round + 1n).delegate;
  }

  /** getTotalActiveStakeAt(round): the stake checkpointed at `round`, else at the next initialized round. */
  totalActiveStakeAt(round: bigint): bigint {
    const exact = this.totalStake.get(round) ?? 0n;
    if (exact > 0n) return exact;
    const upper = this.totalStakeRounds.findIndex((r) => r > round);
    if (upper === 0) return 0n;
    if (upper > 0) return this.totalStake.get(this.totalStakeRounds[upper])!;
    return this.world.bonding.nextRoundTotalActiveStake;
  }

  getPastTotalSupply(round: bigint): bigint {
    return this.totalActiveStakeAt(round + 1n);
  }
}
