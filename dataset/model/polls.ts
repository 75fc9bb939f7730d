/**
 * PollCreator and Poll (LIP-16): polls end at an L1 block; votes are bare events. The tally kept here
 * follows the subgraph's documented rule (README "Deliberate differences"): a voter's weight is taken
 * at its first vote (a registered transcoder's total stake, a delegator's pending stake, which is
 * deducted from its registered delegate's vote); later vote changes move that weight.
 */
import { keccak256, toBytes } from "viem";
import { CONTRACTS } from "../addresses.ts";
import type { World } from "./world.ts";

export const POLL_PERIOD = 57_600n;
export const QUORUM = 333_300n;
export const QUOTA = 500_000n;

type PollVote = { choice: number | null; stake: bigint; nonVoteStake: bigint; registered: boolean };

export type Poll = { address: string; endBlock: bigint; votes: Map<string, PollVote>; yes: bigint; no: bigint };

export class PollCreator {
  readonly polls: Poll[] = [];

  constructor(private readonly world: World) {}

  createPoll(proposal: string): Poll {
    const address = keccak256(toBytes(`poll:${this.polls.length}`)).slice(0, 42);
    const endBlock = BigInt(this.world.chain.l1Block) + POLL_PERIOD;
    const poll: Poll = { address, endBlock, votes: new Map(), yes: 0n, no: 0n };
    this.polls.push(poll);
    const proposalBytes = "0x" + Buffer.from(proposal, "utf8").toString("hex");
    this.world.chain.log(CONTRACTS.PollCreator, "PollCreator", "PollCreated", [address, proposalBytes, endBlock, QUORUM, QUOTA]);
    return poll;
  }

  vote(poll: Poll, voter: string, choice: number): void {
    if (BigInt(this.world.chain.l1Block) > poll.endBlock) throw new Error("poll is over");
    this.world.chain.log(poll.address, "Poll", "Vote", [voter, BigInt(choice)]);
    this.tally(poll, voter, choice);
  }

  private entry(poll: Poll, voter: string): PollVote {
    let v = poll.votes.get(voter);
    if (!v) poll.votes.set(voter, (v = { choice: null, stake: 0n, nonVoteStake: 0n, registered: false }));
    return v;
  }

  private counted(v: PollVote): bigint {
    if (!v.registered) return v.stake;
    return v.stake > v.nonVoteStake ? v.stake - v.nonVoteStake : 0n;
  }

  private add(poll: Poll, choice: number | null, amount: bigint, sign: 1n | -1n): void {
    if (choice === 0) poll.yes = sign > 0n ? poll.yes + amount : poll.yes > amount ? poll.yes - amount : 0n;
    if (choice === 1) poll.no = sign > 0n ? poll.no + amount : poll.no > amount ? poll.no - amount : 0n;
  }

  private tally(poll: Poll, voter: string, choice: number): void {
    const { bonding } = this.world;
    const v = this.entry(poll, voter);
    if (v.choice === null) {
      const d = bonding.delegators.get(voter);
      if (d && d.delegate !== "0x0000000000000000000000000000000000000000") {
        if (d.delegate === voter) {
          v.registered = d.bondedAmount > 0n;
          v.stake = d.delegatedAmount;
        } else {
          v.registered = false;
          v.stake = bonding.pendingStakeAndFees(voter).stake;
          const delegateVote = this.entry(poll, d.delegate);
          const before = this.counted(delegateVote);
          delegateVote.registered = bonding.isRegisteredTranscoder(d.delegate);
          delegateVote.nonVoteStake += v.stake;
          this.add(poll, delegateVote.choice, before, -1n);
          this.add(poll, delegateVote.choice, this.counted(delegateVote), 1n);
        }
      }
    } else {
      this.add(poll, v.choice, this.counted(v), -1n);
    }
    v.choice = choice;
    this.add(poll, choice, this.counted(v), 1n);
  }
}
