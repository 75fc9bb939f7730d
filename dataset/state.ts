/**
 * The generator's account of the final state, computed the contracts' way: what the indexed
 * entities are compared to (`compare.ts`). Amounts are decimal strings in wei.
 */
import { ZERO_ADDRESS } from "./addresses.ts";
import type { Protocol } from "./protocol.ts";

const s = (v: bigint) => v.toString();

export type StateAccount = ReturnType<typeof stateAccount>;

export function stateAccount(p: Protocol, meta: { seed: number; scale: string }) {
  const { bonding, token, rounds, broker, votes, livepeerGovernor, polls, migrator, controller, minter } = p;
  const round = rounds.currentRound();
  const delegators: Record<string, unknown> = {};
  for (const [address, d] of bonding.delegators) {
    const pending = bonding.pendingStakeAndFees(address, round);
    delegators[address] = {
      bondedAmount: s(d.bondedAmount),
      fees: s(d.fees),
      delegate: d.delegate === ZERO_ADDRESS ? null : d.delegate,
      delegatedAmount: s(d.delegatedAmount),
      startRound: s(d.startRound),
      lastClaimRound: s(d.lastClaimRound),
      pendingStake: s(pending.stake),
      pendingFees: s(pending.fees),
      unbondingLocks: Object.fromEntries([...d.locks].map(([id, l]) => [s(id), { amount: s(l.amount), withdrawRound: s(l.withdrawRound) }])),
    };
  }
  const transcoders: Record<string, unknown> = {};
  const pools: Record<string, unknown> = {};
  for (const [address, t] of bonding.transcoders) {
    if (address === ZERO_ADDRESS) continue;
    transcoders[address] = {
      registered: bonding.isRegisteredTranscoder(address),
      active: bonding.isActiveTranscoder(address),
      inPool: bonding.inPool(address),
      totalStake: s(bonding.delegator(address).delegatedAmount),
      rewardCut: s(t.rewardCut),
      feeShare: s(t.feeShare),
      lastRewardRound: s(t.lastRewardRound),
      lastFeeRound: s(t.lastFeeRound),
      activationRound: s(t.activationRound),
      deactivationRound: s(t.deactivationRound),
      lastActiveStakeUpdateRound: s(t.lastActiveStakeUpdateRound),
      activeCumulativeRewards: s(t.activeCumulativeRewards),
      cumulativeRewards: s(t.cumulativeRewards),
      cumulativeFees: s(t.cumulativeFees),
      rewardCaller: t.rewardCaller === ZERO_ADDRESS ? null : t.rewardCaller,
      serviceURI: p.serviceRegistry.uris.get(address) ?? null,
    };
    for (const [r, pool] of t.pools) {
      pools[`${r.toString().padStart(10, "0")}-${address}`] = {
        totalStake: s(pool.totalStake),
        rewardCut: s(pool.transcoderRewardCut),
        feeShare: s(pool.transcoderFeeShare),
        commissionSet: pool.commissionSet,
        cumulativeRewardFactor: s(pool.cumulativeRewardFactor),
        cumulativeFeeFactor: s(pool.cumulativeFeeFactor),
      };
    }
  }
  const accounts: Record<string, unknown> = {};
  for (const [address, list] of votes.history) {
    const last = list.at(-1)!;
    const c = last.checkpoint;
    const transcoder = c.delegate === address && c.bondedAmount > 0n;
    const eventRound = votes.lastEventRound.get(address);
    if (eventRound === undefined) continue;
    accounts[address] = {
      startRound: s(eventRound),
      bondedAmount: s(c.bondedAmount),
      delegate: c.delegate === ZERO_ADDRESS ? null : c.delegate,
      lastClaimRound: s(c.lastClaimRound),
      votes: s(transcoder ? c.delegatedAmount : 0n),
    };
  }
  const proposals: Record<string, unknown> = {};
  for (const [id, proposal] of livepeerGovernor.proposals) {
    proposals[s(id)] = {
      state: livepeerGovernor.state(proposal),
      voteStart: s(proposal.voteStart),
      voteEnd: s(proposal.voteEnd),
      forVotes: s(proposal.forVotes),
      againstVotes: s(proposal.againstVotes),
      abstainVotes: s(proposal.abstainVotes),
      quorum: s(livepeerGovernor.quorum(proposal.voteStart)),
    };
  }
  return {
    seed: meta.seed,
    scale: meta.scale,
    round: s(round),
    protocol: {
      totalSupply: s(token.globalSupply()),
      l2TotalSupply: s(token.totalSupply),
      l1TotalSupply: s(token.l1TotalSupply),
      l2SupplyFromL1: s(token.l2SupplyFromL1),
      treasuryBalance: s(token.balanceOf(p.treasury.address)),
      minter: minter.address,
      minterBalance: s(token.balanceOf(minter.address)),
      inflation: s(minter.inflation),
      inflationChange: s(minter.inflationChange),
      targetBondingRate: s(minter.targetBondingRate),
      currentMintableTokens: s(minter.currentMintableTokens),
      currentMintedTokens: s(minter.currentMintedTokens),
      currentRoundTotalActiveStake: s(bonding.currentRoundTotalActiveStake),
      nextRoundTotalActiveStake: s(bonding.nextRoundTotalActiveStake),
      transcoderPool: bonding.pool,
      numActiveTranscoders: s(bonding.numActiveTranscoders),
      unbondingPeriod: s(bonding.unbondingPeriod),
      treasuryRewardCutRate: s(bonding.treasuryRewardCutRate),
      nextRoundTreasuryRewardCutRate: s(bonding.nextRoundTreasuryRewardCutRate),
      treasuryBalanceCeiling: s(bonding.treasuryBalanceCeiling),
      delegatorsCount: [...bonding.delegators.values()].filter((d) => d.bondedAmount > 0n).length,
      roundLength: s(rounds.roundLength),
      roundLockAmount: s(rounds.roundLockAmount),
      lastInitializedRound: s(rounds.lastInitializedRound),
      unlockPeriod: s(broker.unlockPeriod),
      ticketValidityPeriod: s(broker.ticketValidityPeriod),
      paused: controller.paused,
    },
    rounds: Object.fromEntries([...bonding.roundStats].map(([r, x]) => [s(r), Object.fromEntries(Object.entries(x).map(([k, v]) => [k, s(v)]))])),
    delegators,
    transcoders,
    pools,
    broadcasters: Object.fromEntries(
      [...broker.senders].map(([address, x]) => [address, { deposit: s(x.deposit), reserve: s(x.reserve), withdrawRound: x.withdrawRound === 0n ? null : s(x.withdrawRound) }]),
    ),
    accounts,
    proposals,
    polls: Object.fromEntries(polls.polls.map((poll) => [poll.address, { yes: s(poll.yes), no: s(poll.no) }])),
    delegatorPools: Object.fromEntries(
      [...migrator.pools.values()].map((x) => [x.address, { initialStake: s(x.initialStake), claimedStake: s(x.claimedStake), claimedFees: s(x.claimedFees), delegate: x.delegate }]),
    ),
  };
}
