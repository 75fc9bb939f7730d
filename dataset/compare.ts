/**
 * Compares indexed entities with the generator's state account, exactly (wei, factors, rounds).
 * Reads rows through `Rows`, so it works with any store. Returns the mismatches (empty = equal) and
 * how many values it checked.
 */
import { fracOf, ONE_FACTOR, PRECISE } from "./math.ts";
import type { Row, Rows } from "./index.ts";
import type { StateAccount } from "./state.ts";

export type Comparison = { mismatches: string[]; checked: number };

const PROPOSAL_STATES = ["Pending", "Active", "Canceled", "Defeated", "Succeeded", "Queued", "Expired", "Executed"];

type Json = Record<string, any>;

export function compareToState(rows: Rows, state: StateAccount): Comparison {
  const mismatches: string[] = [];
  let checked = 0;
  const eq = (where: string, actual: unknown, expected: unknown) => {
    checked++;
    const a = actual === undefined ? null : actual;
    const e = expected === undefined ? null : expected;
    if (String(a) !== String(e)) mismatches.push(`${where}: indexed ${a}, expected ${e}`);
  };
  const byId = (type: string) => new Map(rows(type).map((r) => [String(r.id), r]));
  const roundOf = (v: unknown) => (v === null || v === undefined ? "0" : String(v));

  // Protocol
  const protocol = byId("Protocol").get("0") ?? {};
  const sp = state.protocol as Json;
  eq("Protocol.totalSupplyWei", protocol.totalSupplyWei, sp.totalSupply);
  eq("Protocol.l2TotalSupply", protocol.l2TotalSupply, sp.l2TotalSupply);
  eq("Protocol.l1TotalSupply", protocol.l1TotalSupply, sp.l1TotalSupply);
  eq("Protocol.l2SupplyFromL1", protocol.l2SupplyFromL1, sp.l2SupplyFromL1);
  eq("Protocol.treasuryBalance", protocol.treasuryBalance, sp.treasuryBalance);
  eq("Protocol.inflation", protocol.inflation, sp.inflation);
  eq("Protocol.inflationChange", protocol.inflationChange, sp.inflationChange);
  eq("Protocol.targetBondingRate", protocol.targetBondingRate, sp.targetBondingRate);
  eq("Protocol.currentMintableTokens", protocol.currentMintableTokens, sp.currentMintableTokens);
  eq("Protocol.totalActiveStakeWei", protocol.totalActiveStakeWei, sp.currentRoundTotalActiveStake);
  eq("Protocol.numActiveTranscoders", protocol.numActiveTranscoders, sp.numActiveTranscoders);
  eq("Protocol.activeTranscoderCount", protocol.activeTranscoderCount, (sp.transcoderPool as string[]).length);
  eq("Protocol.unbondingPeriod", protocol.unbondingPeriod, sp.unbondingPeriod);
  eq("Protocol.treasuryRewardCutRate", protocol.treasuryRewardCutRate, sp.treasuryRewardCutRate);
  eq("Protocol.nextRoundTreasuryRewardCutRate", protocol.nextRoundTreasuryRewardCutRate, sp.nextRoundTreasuryRewardCutRate);
  eq("Protocol.treasuryBalanceCeiling", protocol.treasuryBalanceCeiling, sp.treasuryBalanceCeiling);
  eq("Protocol.delegatorsCount", protocol.delegatorsCount, sp.delegatorsCount);
  eq("Protocol.roundLength", protocol.roundLength, sp.roundLength);
  eq("Protocol.roundLockAmount", protocol.roundLockAmount, sp.roundLockAmount);
  eq("Protocol.lastInitializedRound", protocol.lastInitializedRound, sp.lastInitializedRound);
  eq("Protocol.unlockPeriod", protocol.unlockPeriod, sp.unlockPeriod);
  eq("Protocol.ticketValidityPeriod", protocol.ticketValidityPeriod, sp.ticketValidityPeriod);
  eq("Protocol.paused", protocol.paused, sp.paused);
  const poolMembers = rows("Transcoder").filter((t) => t.memberOf === "0").map((t) => String(t.id)).sort();
  eq("Protocol.transcoderPool", poolMembers.join(","), [...(sp.transcoderPool as string[])].sort().join(","));

  // Rounds
  const indexedRounds = byId("Round");
  for (const [id, r] of Object.entries(state.rounds as Json)) {
    const row = indexedRounds.get(id) ?? {};
    eq(`Round ${id}.initialized`, row.initialized, true);
    eq(`Round ${id}.totalActiveStakeWei`, row.totalActiveStakeWei, r.totalActiveStake);
    eq(`Round ${id}.mintableTokensWei`, row.mintableTokensWei, r.mintableTokens);
    eq(`Round ${id}.inflation`, row.inflation, r.inflation);
    eq(`Round ${id}.mintedTokens`, row.mintedTokens, r.mintedTokens);
    eq(`Round ${id}.treasuryRewards`, row.treasuryRewards, r.treasuryRewards);
  }

  // Delegators, with pending stake and fees recomputed from the indexed pools
  const delegators = byId("Delegator");
  const transcoders = byId("Transcoder");
  const pools = byId("Pool");
  const stateDelegators = state.delegators as Json;
  for (const id of delegators.keys()) if (!(id in stateDelegators)) mismatches.push(`Delegator ${id}: indexed, unknown to the state account`);
  for (const [id, d] of Object.entries(stateDelegators)) {
    const row = delegators.get(id);
    if (!row) {
      if (d.bondedAmount !== "0" || d.delegatedAmount !== "0" || d.fees !== "0") mismatches.push(`Delegator ${id}: missing`);
      continue;
    }
    eq(`Delegator ${id}.bondedAmountWei`, row.bondedAmountWei, d.bondedAmount);
    eq(`Delegator ${id}.feesWei`, row.feesWei, d.fees);
    eq(`Delegator ${id}.delegate`, row.delegate, d.delegate);
    eq(`Delegator ${id}.delegatedAmountWei`, row.delegatedAmountWei, d.delegatedAmount);
    eq(`Delegator ${id}.startRound`, row.startRound, d.startRound);
    eq(`Delegator ${id}.lastClaimRound`, roundOf(row.lastClaimRound), d.lastClaimRound);
    const pending = pendingFromIndex(row, transcoders, pools, BigInt(state.round));
    eq(`Delegator ${id} pending stake (indexed pools)`, pending.stake, d.pendingStake);
    eq(`Delegator ${id} pending fees (indexed pools)`, pending.fees, d.pendingFees);
  }

  // Unbonding locks
  const locks = byId("UnbondingLock");
  const expectedLocks = new Set<string>();
  for (const [address, d] of Object.entries(stateDelegators)) {
    for (const [lockId, lock] of Object.entries(d.unbondingLocks as Json)) {
      const id = `${lockId.padStart(10, "0")}-${address}`;
      expectedLocks.add(id);
      const row = locks.get(id) ?? {};
      eq(`UnbondingLock ${id}.amountWei`, row.amountWei, lock.amount);
      eq(`UnbondingLock ${id}.withdrawRound`, row.withdrawRound, lock.withdrawRound);
    }
  }
  for (const id of locks.keys()) if (!expectedLocks.has(id)) mismatches.push(`UnbondingLock ${id}: indexed, but withdrawn or rebonded`);

  // Transcoders
  for (const [id, t] of Object.entries(state.transcoders as Json)) {
    const row = transcoders.get(id);
    if (!row) {
      if (t.registered || t.totalStake !== "0") mismatches.push(`Transcoder ${id}: missing`);
      continue;
    }
    eq(`Transcoder ${id}.totalStakeWei`, row.totalStakeWei, t.totalStake);
    eq(`Transcoder ${id}.status`, row.status, t.registered ? "Registered" : "NotRegistered");
    eq(`Transcoder ${id}.rewardCut`, row.rewardCut, t.rewardCut);
    eq(`Transcoder ${id}.feeShare`, row.feeShare, t.feeShare);
    eq(`Transcoder ${id}.lastRewardRound`, roundOf(row.lastRewardRound), t.lastRewardRound);
    eq(`Transcoder ${id}.lastFeeRound`, roundOf(row.lastFeeRound), t.lastFeeRound);
    eq(`Transcoder ${id}.activationRound`, row.activationRound, t.activationRound);
    eq(`Transcoder ${id}.deactivationRound`, row.deactivationRound, t.deactivationRound);
    eq(`Transcoder ${id}.lastActiveStakeUpdateRound`, row.lastActiveStakeUpdateRound, t.lastActiveStakeUpdateRound);
    eq(`Transcoder ${id}.activeCumulativeRewards`, row.activeCumulativeRewards, t.activeCumulativeRewards);
    eq(`Transcoder ${id}.pendingRewardCommission`, row.pendingRewardCommission, t.cumulativeRewards);
    eq(`Transcoder ${id}.pendingFeeCommission`, row.pendingFeeCommission, t.cumulativeFees);
    eq(`Transcoder ${id}.rewardCaller`, row.rewardCaller, t.rewardCaller);
    eq(`Transcoder ${id}.serviceURI`, row.serviceURI, t.serviceURI);
  }

  // Earnings pools: factors of every indexed pool; stake and rates where the contract set them
  const statePools = state.pools as Json;
  for (const [id, row] of pools) {
    const p = statePools[id];
    eq(`Pool ${id}.cumulativeRewardFactor`, row.cumulativeRewardFactor, p?.cumulativeRewardFactor ?? "0");
    eq(`Pool ${id}.cumulativeFeeFactor`, row.cumulativeFeeFactor, p?.cumulativeFeeFactor ?? "0");
    if (p && p.totalStake !== "0") eq(`Pool ${id}.totalStakeWei`, row.totalStakeWei, p.totalStake);
    if (p?.commissionSet) {
      eq(`Pool ${id}.rewardCut`, row.rewardCut, p.rewardCut);
      eq(`Pool ${id}.feeShare`, row.feeShare, p.feeShare);
    }
  }
  for (const [id, p] of Object.entries(statePools)) {
    if ((p.cumulativeRewardFactor !== "0" || p.cumulativeFeeFactor !== "0") && !pools.has(id)) mismatches.push(`Pool ${id}: has factors, not indexed`);
  }

  // Broadcasters
  const broadcasters = byId("Broadcaster");
  for (const [id, b] of Object.entries(state.broadcasters as Json)) {
    const row = broadcasters.get(id) ?? {};
    eq(`Broadcaster ${id}.depositWei`, row.depositWei, b.deposit);
    eq(`Broadcaster ${id}.reserveWei`, row.reserveWei, b.reserve);
    eq(`Broadcaster ${id}.withdrawRound`, row.withdrawRound, b.withdrawRound);
  }

  // BondingVotes: the latest checkpoint of each account
  const accounts = byId("LivepeerAccount");
  const checkpoints = byId("BondingCheckpoint");
  for (const [id, a] of Object.entries(state.accounts as Json)) {
    const account = accounts.get(id) ?? {};
    const checkpoint = checkpoints.get(String(account.bondingCheckpoint)) ?? {};
    eq(`BondingCheckpoint of ${id}.startRound`, checkpoint.startRound, a.startRound);
    eq(`BondingCheckpoint of ${id}.bondedAmount`, checkpoint.bondedAmount, a.bondedAmount);
    eq(`BondingCheckpoint of ${id}.delegate`, checkpoint.delegate, a.delegate);
    eq(`BondingCheckpoint of ${id}.lastClaimRound`, checkpoint.lastClaimRound, a.lastClaimRound);
    eq(`LivepeerAccount ${id}.votes`, account.votes, a.votes);
  }

  // Treasury proposals: the override-aware tally (= proposalVotes) and the state
  const proposals = byId("TreasuryProposal");
  for (const [id, p] of Object.entries(state.proposals as Json)) {
    const row = proposals.get(id) ?? {};
    eq(`TreasuryProposal ${id}.state`, row.state, PROPOSAL_STATES[p.state]);
    eq(`TreasuryProposal ${id}.forVotesWei`, row.forVotesWei, p.forVotes);
    eq(`TreasuryProposal ${id}.againstVotesWei`, row.againstVotesWei, p.againstVotes);
    eq(`TreasuryProposal ${id}.abstainVotesWei`, row.abstainVotesWei, p.abstainVotes);
    if (p.state !== 0 && p.state !== 2) eq(`TreasuryProposal ${id}.quorum`, row.quorum, p.quorum);
  }

  // Legacy polls (the subgraph's documented first-vote weighting) and delegator pools
  const tallies = byId("PollTally");
  for (const [id, t] of Object.entries(state.polls as Json)) {
    const row = tallies.get(id) ?? {};
    eq(`PollTally ${id}.yesWei`, row.yesWei, t.yes);
    eq(`PollTally ${id}.noWei`, row.noWei, t.no);
  }
  const delegatorPools = byId("DelegatorPool");
  for (const [id, p] of Object.entries(state.delegatorPools as Json)) {
    const row = delegatorPools.get(id) ?? {};
    eq(`DelegatorPool ${id}.initialStake`, row.initialStake, p.initialStake);
    eq(`DelegatorPool ${id}.claimedStake`, row.claimedStake, p.claimedStake);
    eq(`DelegatorPool ${id}.claimedFees`, row.claimedFees, p.claimedFees);
    eq(`DelegatorPool ${id}.delegate`, row.delegate, p.delegate);
  }
  return { mismatches, checked };
}

/**
 * BondingManager.pendingStake/pendingFees of a delegator from indexed entities only: its claimed
 * amounts, its delegate's Pool factors at lastClaimRound and at `round` (falling back to the
 * delegate's last reward / fee round), and the delegate's unclaimed commission if self-delegated.
 */
export function pendingFromIndex(delegator: Row, transcoders: Map<string, Row>, pools: Map<string, Row>, round: bigint): { stake: bigint; fees: bigint } {
  let stake = BigInt(String(delegator.bondedAmountWei));
  let fees = BigInt(String(delegator.feesWei));
  const delegate = delegator.delegate as string | null;
  if (!delegate) return { stake, fees };
  const transcoder = transcoders.get(delegate) ?? {};
  const factor = (r: bigint, field: string) => BigInt(String(pools.get(`${r.toString().padStart(10, "0")}-${delegate}`)?.[field] ?? "0"));
  const lastClaimRound = BigInt(String(delegator.lastClaimRound ?? "0"));
  if (lastClaimRound < round) {
    const lastRewardRound = BigInt(String(transcoder.lastRewardRound ?? "0"));
    const lastFeeRound = BigInt(String(transcoder.lastFeeRound ?? "0"));
    let endCRF = factor(round, "cumulativeRewardFactor");
    if (endCRF === 0n && lastRewardRound < round) endCRF = factor(lastRewardRound, "cumulativeRewardFactor");
    let endCFF = factor(round, "cumulativeFeeFactor");
    if (endCFF === 0n && lastFeeRound < round) endCFF = factor(lastFeeRound, "cumulativeFeeFactor");
    const startCRF = factor(lastClaimRound, "cumulativeRewardFactor") || ONE_FACTOR;
    const startCFF = factor(lastClaimRound, "cumulativeFeeFactor");
    const bonded = stake;
    stake = fracOf(PRECISE, bonded, endCRF || ONE_FACTOR, startCRF);
    fees += fracOf(PRECISE, bonded, endCFF - startCFF, startCRF);
  }
  if (delegate === delegator.id) {
    stake += BigInt(String(transcoder.pendingRewardCommission ?? "0"));
    fees += BigInt(String(transcoder.pendingFeeCommission ?? "0"));
  }
  return { stake, fees };
}
