/**
 * LivepeerGovernor (OpenZeppelin Governor 4.9 with GovernorCountingOverridable): proposals whose clock
 * is the round, votes weighted by BondingVotes at the snapshot with the delegator override rule,
 * queueing and execution through the Treasury timelock (PROTOCOL.md §5.11, §5.12).
 */
import { encodeAbiParameters, keccak256 } from "viem";
import { CONTRACTS, keccakText, ZERO_ADDRESS } from "../addresses.ts";
import { PERC, percOf } from "../math.ts";
import type { Call } from "./treasury.ts";
import type { World } from "./world.ts";

export const Support = { Against: 0, For: 1, Abstain: 2 } as const;

export type Proposal = {
  id: bigint;
  proposer: string;
  calls: Call[];
  description: string;
  voteStart: bigint;
  voteEnd: bigint;
  againstVotes: bigint;
  forVotes: bigint;
  abstainVotes: bigint;
  voters: Map<string, { support: number; deductions: bigint; hasVoted: boolean }>;
  queued: boolean;
  executed: boolean;
  canceled: boolean;
};

export class LivepeerGovernor {
  readonly address = CONTRACTS.LivepeerGovernor;
  votingDelay = 0n;
  votingPeriod = 0n;
  proposalThreshold = 0n;
  quorumNumerator = 0n;
  quota = 500_000n;
  readonly proposals = new Map<bigint, Proposal>();

  constructor(private readonly world: World) {}

  private log(name: string, args: readonly unknown[]): void {
    this.world.chain.log(this.address, "LivepeerGovernor", name, args);
  }

  private clock(): bigint {
    return this.world.rounds.currentRound();
  }

  /** initialize(): the settings events from 0 to the initial values (GovernorSettings, timelock, quorum). */
  initialize(votingDelay: bigint, votingPeriod: bigint, threshold: bigint, quorumNumerator: bigint): void {
    this.log("VotingDelaySet", [0n, votingDelay]);
    this.log("VotingPeriodSet", [0n, votingPeriod]);
    this.log("ProposalThresholdSet", [0n, threshold]);
    this.log("TimelockChange", [ZERO_ADDRESS, this.world.treasury.address]);
    this.log("QuorumNumeratorUpdated", [0n, quorumNumerator]);
    Object.assign(this, { votingDelay, votingPeriod, proposalThreshold: threshold, quorumNumerator });
  }

  static proposalId(calls: readonly Call[], description: string): bigint {
    return BigInt(
      keccak256(
        encodeAbiParameters(
          [{ type: "address[]" }, { type: "uint256[]" }, { type: "bytes[]" }, { type: "bytes32" }],
          [calls.map((c) => c.target as `0x${string}`), calls.map((c) => c.value), calls.map((c) => c.data as `0x${string}`), keccakText(description) as `0x${string}`],
        ),
      ),
    );
  }

  propose(proposer: string, calls: Call[], description: string): Proposal {
    const id = LivepeerGovernor.proposalId(calls, description);
    const voteStart = this.clock() + this.votingDelay;
    const voteEnd = voteStart + this.votingPeriod;
    const proposal: Proposal = {
      id,
      proposer,
      calls,
      description,
      voteStart,
      voteEnd,
      againstVotes: 0n,
      forVotes: 0n,
      abstainVotes: 0n,
      voters: new Map(),
      queued: false,
      executed: false,
      canceled: false,
    };
    this.proposals.set(id, proposal);
    this.log("ProposalCreated", [
      id,
      proposer,
      calls.map((c) => c.target),
      calls.map((c) => c.value),
      calls.map(() => ""),
      calls.map((c) => c.data),
      voteStart,
      voteEnd,
      description,
    ]);
    return proposal;
  }

  /** OZ Governor state(): 0 Pending, 1 Active, 2 Canceled, 3 Defeated, 4 Succeeded, 5 Queued, 7 Executed. */
  state(proposal: Proposal): number {
    if (proposal.executed) return 7;
    if (proposal.canceled) return 2;
    const clock = this.clock();
    if (proposal.voteStart >= clock) return 0;
    if (proposal.voteEnd >= clock) return 1;
    if (proposal.queued) return 5;
    return this.quorumReached(proposal) && this.voteSucceeded(proposal) ? 4 : 3;
  }

  quorum(round: bigint): bigint {
    return (this.world.votes.getPastTotalSupply(round) * this.quorumNumerator) / 1_000_000n;
  }

  private quorumReached(p: Proposal): boolean {
    return this.quorum(p.voteStart) <= p.forVotes + p.againstVotes + p.abstainVotes;
  }

  private voteSucceeded(p: Proposal): boolean {
    return p.forVotes >= percOf(PERC, p.forVotes + p.againstVotes, this.quota);
  }

  private voter(p: Proposal, account: string) {
    let v = p.voters.get(account);
    if (!v) p.voters.set(account, (v = { support: 0, deductions: 0n, hasVoted: false }));
    return v;
  }

  private addTally(p: Proposal, support: number, amount: bigint): void {
    if (support === Support.Against) p.againstVotes += amount;
    else if (support === Support.For) p.forVotes += amount;
    else p.abstainVotes += amount;
  }

  /** Voting power of `account` on `proposal` (getVotes at the snapshot). */
  votesOf(account: string, proposal: Proposal): bigint {
    return this.world.votes.getPastVotes(account, proposal.voteStart);
  }

  castVote(voter: string, proposal: Proposal, support: number, reason: string, params = "0x"): bigint {
    if (this.state(proposal) !== 1) throw new Error("vote not currently active");
    const { votes } = this.world;
    const weight = votes.getPastVotes(voter, proposal.voteStart);
    const state = this.voter(proposal, voter);
    if (state.hasVoted) throw new Error("VoteAlreadyCast");
    state.hasVoted = true;
    state.support = support;
    let counted = weight;
    const delegate = votes.delegatedAt(voter, proposal.voteStart);
    if (voter === delegate) {
      counted = weight - state.deductions;
    } else if (delegate === votes.delegatedAt(delegate, proposal.voteStart)) {
      const delegateVoter = this.voter(proposal, delegate);
      delegateVoter.deductions += weight;
      if (delegateVoter.hasVoted) this.addTally(proposal, delegateVoter.support, -weight);
    }
    this.addTally(proposal, support, counted);
    if (params === "0x") this.log("VoteCast", [voter, proposal.id, support, weight, reason]);
    else this.log("VoteCastWithParams", [voter, proposal.id, support, weight, reason, params]);
    return weight;
  }

  queue(proposal: Proposal): void {
    if (this.state(proposal) !== 4) throw new Error("proposal not successful");
    const { treasury } = this.world;
    treasury.scheduleBatch(proposal.calls, keccakText(proposal.description));
    proposal.queued = true;
    this.log("ProposalQueued", [proposal.id, BigInt(this.world.chain.timestamp) + treasury.minDelay]);
  }

  execute(proposal: Proposal): void {
    const state = this.state(proposal);
    if (state !== 4 && state !== 5) throw new Error("proposal not successful");
    proposal.executed = true;
    this.log("ProposalExecuted", [proposal.id]);
    this.world.treasury.executeBatch(proposal.calls, keccakText(proposal.description));
  }

  cancel(proposal: Proposal): void {
    if (this.state(proposal) !== 0) throw new Error("too late to cancel");
    proposal.canceled = true;
    this.log("ProposalCanceled", [proposal.id]);
  }
}
