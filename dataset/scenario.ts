/**
 * A seeded, protocol-shaped history: a genesis that registers the contracts and sets the parameters,
 * then rounds in which orchestrators register, reward and change cuts; delegators bond, unbond,
 * rebond, withdraw and transfer bonds; broadcasters fund and win tickets; and, at fixed rounds, the
 * rarer events: migration, polls, treasury proposals, a Minter replacement, a pause, a slashing, a
 * treasury ceiling hit. Every action checks the contract's preconditions before it runs.
 */
import { account, CONTRACTS, ZERO_ADDRESS } from "./addresses.ts";
import { functionData } from "./calls.ts";
import type { Chain } from "./chain.ts";
import { DelegatorStatus } from "./model/bondingManager.ts";
import { Support, type Proposal } from "./model/livepeerGovernor.ts";
import { Minter } from "./model/minter.ts";
import type { Poll } from "./model/polls.ts";
import type { Call } from "./model/treasury.ts";
import { createProtocol, gitCommitHash, registerMinter, replaceMinter, type Protocol } from "./protocol.ts";
import type { Random } from "./random.ts";

export type Scale = {
  /** Rounds to run (a lower bound when `events` is set). */
  rounds: number;
  orchestrators: number;
  /** Orchestrators that register later, one every few rounds. */
  lateOrchestrators: number;
  numActiveTranscoders: number;
  delegators: number;
  broadcasters: number;
  /** Delegator and broadcaster actions per round. */
  actionsPerRound: number;
  ticketsPerRound: number;
  /** Keep adding rounds until this many logs were written. */
  events?: number;
};

export const SCALES: Record<string, Scale> = {
  small: { rounds: 26, orchestrators: 9, lateOrchestrators: 3, numActiveTranscoders: 8, delegators: 36, broadcasters: 5, actionsPerRound: 14, ticketsPerRound: 8 },
  bench: { rounds: 40, orchestrators: 110, lateOrchestrators: 20, numActiveTranscoders: 100, delegators: 20_000, broadcasters: 300, actionsPerRound: 4_000, ticketsPerRound: 2_000, events: 1_000_000 },
};

const LPT = 10n ** 18n;
const ETH = 10n ** 18n;
const ROUND_LENGTH = 5760n;

type Action = { at: number; run: () => void };

export function runScenario(chain: Chain, rng: Random, scale: Scale): Protocol {
  const p = createProtocol(chain);
  const deployer = account("deployer", 0);
  const keeper = account("keeper", 0);
  const orchestrators = Array.from({ length: scale.orchestrators + scale.lateOrchestrators }, (_, i) => account("orchestrator", i));
  const delegators = Array.from({ length: scale.delegators }, (_, i) => account("delegator", i));
  const broadcasters = Array.from({ length: scale.broadcasters }, (_, i) => account("broadcaster", i));
  const registered = new Set<string>();
  const nonces = new Map<string, bigint>();
  const tx = (from: string, to: string, body: () => void, input = "0x") => chain.transaction(from, to, body, input);
  const round = () => p.rounds.currentRound();
  let proposalCount = 0;
  const lateJoin = new Map<number, string>();

  // ----- genesis --------------------------------------------------------------------------------
  const call = (target: string, signature: string, args: unknown[], run: () => void): Call => ({
    target,
    value: 0n,
    data: functionData(signature, args),
    run,
  });
  const govern = (calls: Call[]) => {
    let update!: ReturnType<typeof p.governor.stage>;
    tx(deployer, CONTRACTS.Governor, () => (update = p.governor.stage(calls, 0n)));
    chain.advance(rng.between(4, 40));
    tx(deployer, CONTRACTS.Governor, () => p.governor.execute(update));
  };
  tx(deployer, CONTRACTS.Controller, () => {
    for (const name of ["BondingManager", "RoundsManager", "TicketBroker", "ServiceRegistry", "LivepeerToken", "BondingVotes", "LivepeerGovernor", "Treasury", "L2Migrator", "L2LPTGateway", "L2LPTDataCache", "PollCreator"]) {
      p.controller.setContractInfo(name, CONTRACTS[name as keyof typeof CONTRACTS], gitCommitHash(name));
    }
    registerMinter(p, p.minter);
  });
  tx(deployer, CONTRACTS.Governor, () => {
    p.rounds.setRoundLength(ROUND_LENGTH);
    p.rounds.setRoundLockAmount(100_000n);
  });
  govern([
    call(CONTRACTS.BondingManager, "setUnbondingPeriod(uint64)", [7n], () => p.bonding.setUnbondingPeriod(7n)),
    call(CONTRACTS.BondingManager, "setNumActiveTranscoders(uint256)", [BigInt(scale.numActiveTranscoders)], () =>
      p.bonding.setNumActiveTranscoders(BigInt(scale.numActiveTranscoders)),
    ),
    call(CONTRACTS.BondingManager, "setTreasuryRewardCutRate(uint256)", [10n ** 26n], () => p.bonding.setTreasuryRewardCutRate(10n ** 26n)),
    call(CONTRACTS.BondingManager, "setTreasuryBalanceCeiling(uint256)", [750_000n * LPT], () => p.bonding.setTreasuryBalanceCeiling(750_000n * LPT)),
    call(CONTRACTS.TicketBroker, "setUnlockPeriod(uint256)", [2n], () => p.broker.setUnlockPeriod(2n)),
    call(CONTRACTS.TicketBroker, "setTicketValidityPeriod(uint256)", [2n], () => p.broker.setTicketValidityPeriod(2n)),
  ]);
  tx(deployer, CONTRACTS.LivepeerGovernor, () => {
    p.treasury.updateDelay(0n);
    p.livepeerGovernor.initialize(1n, 10n, 100n * LPT, 333_300n);
  });
  const bridge = (to: string, amount: bigint) => tx(to, CONTRACTS.L2LPTGateway, () => p.token.bridgeIn(to, to, amount));
  for (const o of orchestrators) bridge(o, rng.tokens(20_000, 400_000));
  for (const d of delegators) bridge(d, rng.tokens(200, 40_000));
  bridge(CONTRACTS.L2Migrator, 2_000_000n * LPT);
  // The L1 supply is set so that the bonding rate starts near the target (about half of it bonded).
  const l1Supply = (p.token.l2SupplyFromL1 * 13n) / 10n;
  tx(deployer, CONTRACTS.L2LPTDataCache, () => p.token.cacheL1TotalSupply(l1Supply));
  p.rounds.lptSqrtPrice = sqrtPriceX96(0.004);
  p.rounds.ethSqrtPrice = sqrtPriceX96(1600);
  tx(deployer, CONTRACTS.Controller, () => p.controller.unpause());

  // ----- actions ------------------------------------------------------------------------------
  const activeOrchestrators = () => orchestrators.filter((o) => p.bonding.isActiveTranscoder(o));
  const registerOrchestrator = (o: string) => {
    const balance = p.token.balanceOf(o);
    const stake = (balance * BigInt(rng.between(50, 90))) / 100n;
    if (stake === 0n || p.rounds.currentRoundLocked()) return;
    tx(o, CONTRACTS.BondingManager, () => p.bonding.bond(o, o, stake, o));
    chain.advance(rng.between(1, 30));
    tx(o, CONTRACTS.BondingManager, () => p.bonding.setTranscoderCuts(o, BigInt(rng.between(0, 500_000)), BigInt(rng.between(200_000, 1_000_000))));
    chain.advance(rng.between(1, 30));
    tx(o, CONTRACTS.ServiceRegistry, () => p.serviceRegistry.setServiceURI(o, `https://${o.slice(2, 10)}.orchestrator.example:8935`));
    registered.add(o);
  };
  const reward = (o: string) => {
    const t = p.bonding.transcoder(o);
    if (!p.bonding.isActiveTranscoder(o) || t.lastRewardRound === round() || p.controller.paused) return;
    const caller = t.rewardCaller !== ZERO_ADDRESS ? t.rewardCaller : o;
    tx(caller, CONTRACTS.BondingManager, () => p.bonding.reward(o));
  };
  const updateCuts = (o: string) => {
    if (!p.bonding.isRegisteredTranscoder(o) || p.rounds.currentRoundLocked()) return;
    if (p.bonding.isActiveTranscoder(o) && p.bonding.transcoder(o).lastRewardRound !== round()) return;
    tx(o, CONTRACTS.BondingManager, () => p.bonding.setTranscoderCuts(o, BigInt(rng.between(0, 500_000)), BigInt(rng.between(200_000, 1_000_000))));
  };
  const delegateTarget = () => {
    const candidates = orchestrators.filter((o) => p.bonding.isRegisteredTranscoder(o));
    return candidates.length > 0 ? rng.pick(candidates) : null;
  };
  const delegatorAction = (d: string) => {
    const b = p.bonding;
    const state = b.delegator(d);
    const status = b.delegatorStatus(d);
    const balance = p.token.balanceOf(d);
    const locks = [...state.locks.entries()];
    const roll = rng.next();
    if (status === DelegatorStatus.Unbonded) {
      const to = delegateTarget();
      const matured = locks.find(([, l]) => l.withdrawRound <= round());
      if (matured && roll < 0.35) return tx(d, CONTRACTS.BondingManager, () => b.withdrawStake(d, matured[0]));
      if (locks.length > 0 && to && roll < 0.5) return tx(d, CONTRACTS.BondingManager, () => b.rebondFromUnbonded(d, to, locks[0][0]));
      if (balance > LPT && to) return tx(d, CONTRACTS.BondingManager, () => b.bond(d, d, (balance * BigInt(rng.between(30, 100))) / 100n, to));
      return;
    }
    if (roll < 0.15 && balance > LPT) return tx(d, CONTRACTS.BondingManager, () => b.bond(d, d, (balance * BigInt(rng.between(10, 60))) / 100n, state.delegate));
    if (roll < 0.25) {
      const to = delegateTarget();
      if (to && to !== state.delegate && !b.isRegisteredTranscoder(d)) return tx(d, CONTRACTS.BondingManager, () => b.bond(d, d, 0n, to));
      return;
    }
    if (roll < 0.42 && status === DelegatorStatus.Bonded) {
      const bonded = b.pendingStakeAndFees(d).stake;
      const full = rng.chance(0.3);
      const amount = full ? bonded : (bonded * BigInt(rng.between(5, 60))) / 100n;
      if (amount > 0n) return tx(d, CONTRACTS.BondingManager, () => b.unbond(d, amount));
      return;
    }
    if (roll < 0.52 && locks.length > 0) return tx(d, CONTRACTS.BondingManager, () => b.rebond(d, rng.pick(locks)[0]));
    if (roll < 0.62) {
      const matured = locks.find(([, l]) => l.withdrawRound <= round());
      if (matured) return tx(d, CONTRACTS.BondingManager, () => b.withdrawStake(d, matured[0]));
      return;
    }
    if (roll < 0.74) {
      const fees = b.pendingStakeAndFees(d).fees;
      if (fees > 0n) return tx(d, CONTRACTS.BondingManager, () => b.withdrawFees(d, d, (fees * BigInt(rng.between(20, 100))) / 100n));
      return;
    }
    if (roll < 0.84 && status === DelegatorStatus.Bonded) {
      const receiver = rng.pick(delegators);
      const r = b.delegator(receiver);
      if (receiver === d || b.isRegisteredTranscoder(receiver)) return;
      if (r.delegate !== ZERO_ADDRESS && b.isActiveTranscoder(r.delegate) && b.transcoder(r.delegate).lastRewardRound !== round() && r.lastClaimRound !== round()) return;
      const amount = (b.pendingStakeAndFees(d).stake * BigInt(rng.between(5, 40))) / 100n;
      if (amount > 0n) return tx(d, CONTRACTS.BondingManager, () => b.transferBond(d, receiver, amount));
      return;
    }
    if (state.lastClaimRound < round()) tx(d, CONTRACTS.BondingManager, () => b.claimEarnings(d));
  };
  const broadcasterAction = (s: string) => {
    const broker = p.broker;
    const sender = broker.sender(s);
    const roll = rng.next();
    if (sender.withdrawRound > 0n && sender.withdrawRound <= round() && (sender.deposit > 0n || sender.reserve > 0n)) return tx(s, CONTRACTS.TicketBroker, () => broker.withdraw(s));
    if (sender.withdrawRound > 0n && roll < 0.3) return tx(s, CONTRACTS.TicketBroker, () => broker.cancelUnlock(s));
    if (roll < 0.08 && (sender.deposit > 0n || sender.reserve > 0n) && sender.withdrawRound === 0n) return tx(s, CONTRACTS.TicketBroker, () => broker.unlock(s));
    if (roll < 0.5) return tx(s, CONTRACTS.TicketBroker, () => broker.fundDeposit(s, eth(rng, 0.05, 2)));
    if (roll < 0.7) return tx(s, CONTRACTS.TicketBroker, () => broker.fundReserve(s, eth(rng, 0.1, 3)));
    tx(s, CONTRACTS.TicketBroker, () => broker.fundDepositAndReserve(s, s, eth(rng, 0.05, 1), eth(rng, 0.05, 1)));
  };
  const redeemTicket = () => {
    const recipients = activeOrchestrators().filter((o) => p.bonding.feePoolStake(o) > 0n && p.bonding.isRegisteredTranscoder(o));
    const funded = broadcasters.filter((s) => {
      const x = p.broker.sender(s);
      return (x.deposit > 0n || x.reserve > 0n) && p.broker.isLocked(s);
    });
    if (recipients.length === 0 || funded.length === 0) return;
    const sender = rng.pick(funded);
    const nonce = (nonces.get(sender) ?? 0n) + 1n;
    nonces.set(sender, nonce);
    const current = round();
    const creationRound = rng.chance(0.3) && p.rounds.blockHashForRound.has(current - 1n) ? current - 1n : current;
    const recipient = rng.pick(recipients);
    tx(recipient, CONTRACTS.TicketBroker, () =>
      p.broker.redeemWinningTicket({
        recipient,
        sender,
        faceValue: eth(rng, 0.01, 0.8),
        winProb: BigInt(rng.word()) >> BigInt(rng.between(4, 12)),
        senderNonce: nonce,
        recipientRand: BigInt(rng.word()),
        creationRound,
      }),
    );
  };

  // ----- rare events, by round index --------------------------------------------------------------
  let poll: Poll | null = null;
  const proposals: Proposal[] = [];
  const treasuryGrant = (amount: bigint, recipient: string, description: string) => {
    const calls = [call(CONTRACTS.LivepeerToken, "transfer(address,uint256)", [recipient, amount], () => p.token.transfer(p.treasury.address, recipient, amount))];
    const proposer = rng.pick(activeOrchestrators());
    let proposal!: Proposal;
    tx(proposer, CONTRACTS.LivepeerGovernor, () => (proposal = p.livepeerGovernor.propose(proposer, calls, description)));
    return proposal;
  };
  const governanceRound = (i: number) => {
    const lg = p.livepeerGovernor;
    for (const proposal of proposals) {
      const state = lg.state(proposal);
      if (state === 1) {
        const eligible = (a: string) => !proposal.voters.get(a)?.hasVoted && lg.votesOf(a, proposal) > 0n;
        const first = rng.int(delegators.length);
        const voters = [
          ...orchestrators.filter(eligible).slice(0, 1 + rng.int(3)),
          ...[...delegators.slice(first), ...delegators.slice(0, first)].filter(eligible).slice(0, 1 + rng.int(3)),
        ];
        for (const voter of voters) {
          const support = rng.chance(0.75) ? Support.For : rng.chance(0.5) ? Support.Against : Support.Abstain;
          const withParams = rng.chance(0.1);
          tx(voter, CONTRACTS.LivepeerGovernor, () => lg.castVote(voter, proposal, support, rng.chance(0.3) ? "LGTM" : "", withParams ? "0x01" : "0x"));
          chain.advance(rng.between(10, 2000));
        }
      } else if (state === 4) {
        tx(keeper, CONTRACTS.LivepeerGovernor, () => lg.queue(proposal));
        chain.advance(rng.between(10, 200));
        tx(keeper, CONTRACTS.LivepeerGovernor, () => lg.execute(proposal));
      }
    }
    if (i % 12 === 3) proposals.push(treasuryGrant(500n * LPT + BigInt(i), account("grantee", i), `# LIP grant ${proposalCount++}\nFund the ecosystem (round ${round()})`));
    if (i === 4) {
      const canceled = treasuryGrant(1n * LPT, account("grantee", 999), "# Withdrawn proposal");
      chain.advance(rng.between(10, 200));
      tx(canceled.proposer, CONTRACTS.LivepeerGovernor, () => p.livepeerGovernor.cancel(canceled));
    }
  };
  const rareEvents = (i: number) => {
    if (i === 1) migration();
    if (i === 3) migrateDelegators();
    if (i === 2) {
      const creator = rng.pick(activeOrchestrators());
      tx(creator, CONTRACTS.PollCreator, () => (poll = p.polls.createPoll("QmPollProposalHash" + i)));
    }
    if (poll && i >= 2 && i <= 4) {
      for (const voter of [...orchestrators.slice(0, 4), ...delegators.slice(0, 8)]) {
        if (rng.chance(0.5)) tx(voter, poll.address, () => p.polls.vote(poll!, voter, rng.int(2)));
        chain.advance(rng.between(5, 500));
      }
    }
    if (i === 5) {
      const balance = p.token.balanceOf(p.treasury.address);
      const ceiling = balance > LPT ? balance - LPT : LPT;
      govern([call(CONTRACTS.BondingManager, "setTreasuryBalanceCeiling(uint256)", [ceiling], () => p.bonding.setTreasuryBalanceCeiling(ceiling))]);
    }
    if (i === 6) {
      const next = new Minter(p, account("minter", 2), p.minter.inflation, 700n, 460_000_000n);
      govern([
        call(p.minter.address, "migrateToNewMinter(address)", [next.address], () => replaceMinter(p, next)),
      ]);
    }
    if (i === 7) {
      tx(deployer, CONTRACTS.Controller, () => p.controller.pause());
      chain.advance(rng.between(40, 400));
      tx(deployer, CONTRACTS.Controller, () => p.controller.unpause());
    }
    if (i === 8) {
      govern([call(p.minter.address, "setTargetBondingRate(uint256)", [470_000_000n], () => p.minter.setTargetBondingRate(470_000_000n))]);
      const verifier = account("verifier", 0);
      tx(deployer, CONTRACTS.Controller, () => p.controller.setContractInfo("Verifier", verifier, gitCommitHash("Verifier")));
      const victim = activeOrchestrators().at(-1);
      if (victim) tx(verifier, CONTRACTS.BondingManager, () => p.bonding.slashTranscoder(victim, account("finder", 0), 100_000n, 500_000n));
    }
    if (i === 9) {
      const o = activeOrchestrators()[0];
      if (o) tx(o, CONTRACTS.BondingManager, () => p.bonding.setRewardCaller(o, account("rewardCaller", 0)));
    }
    if (i === 10) {
      let update!: ReturnType<typeof p.governor.stage>;
      const calls = [call(CONTRACTS.BondingManager, "setUnbondingPeriod(uint64)", [5n], () => p.bonding.setUnbondingPeriod(5n))];
      tx(deployer, CONTRACTS.Governor, () => (update = p.governor.stage(calls, 100n)));
      chain.advance(rng.between(100, 1000));
      tx(deployer, CONTRACTS.Governor, () => p.governor.cancel(update));
    }
    if (i === 12) {
      govern([call(CONTRACTS.BondingManager, "setTreasuryRewardCutRate(uint256)", [10n ** 26n], () => p.bonding.setTreasuryRewardCutRate(10n ** 26n))]);
      govern([call(CONTRACTS.BondingManager, "setTreasuryBalanceCeiling(uint256)", [750_000n * LPT], () => p.bonding.setTreasuryBalanceCeiling(750_000n * LPT))]);
    }
    if (i % 5 === 4) tx(deployer, CONTRACTS.L2LPTDataCache, () => p.token.cacheL1TotalSupply(l1Supply + BigInt(i) * 1000n * LPT));
    if (i % 3 === 2) {
      const d = rng.pick(delegators);
      const amount = p.token.balanceOf(d) / 3n;
      if (amount > 0n) tx(d, CONTRACTS.L2LPTGateway, () => p.token.bridgeOut(d, d, amount));
    }
    if (i % 4 === 1) bridge(rng.pick(delegators), rng.tokens(100, 5000));
  };
  const migration = () => {
    const o1 = account("l1-orchestrator", 0);
    const l2 = account("migrated-orchestrator", 0);
    tx(CONTRACTS.L2Migrator, CONTRACTS.L2Migrator, () => p.migrator.migrateOrchestrator(o1, l2, 150_000n * LPT, 400_000n * LPT));
    registered.add(l2);
    orchestrators.push(l2);
    chain.advance(rng.between(50, 500));
    const lockOwner = account("migrated-delegator", 10);
    delegators.push(lockOwner);
    tx(CONTRACTS.L2Migrator, CONTRACTS.L2Migrator, () => p.migrator.migrateUnbondingLocks(account("l1-delegator", 10), lockOwner, 1_234n * LPT, [0n, 2n], l2));
    const sender = broadcasters[0];
    tx(CONTRACTS.L2Migrator, CONTRACTS.L2Migrator, () => p.migrator.migrateSender(account("l1-broadcaster", 0), sender, 2n * ETH, 1n * ETH));
    const claimer = account("claimer", 0);
    delegators.push(claimer);
    tx(claimer, CONTRACTS.L2Migrator, () => p.migrator.claimStake(claimer, l2, 777n * LPT, 0n));
  };
  /** Delegators of the migrated orchestrator claim their share of its DelegatorPool (bonded a round earlier). */
  const migrateDelegators = () => {
    const o1 = account("l1-orchestrator", 0);
    for (let k = 0; k < 3; k++) {
      const receiver = account("migrated-delegator", k);
      delegators.push(receiver);
      tx(CONTRACTS.L2Migrator, CONTRACTS.L2Migrator, () => p.migrator.migrateDelegator(account("l1-delegator", k), receiver, 50_000n * LPT, o1));
      chain.advance(rng.between(50, 500));
    }
  };

  // ----- rounds -------------------------------------------------------------------------------
  for (let i = 0; ; i++) {
    if (i >= scale.rounds && (scale.events === undefined || chain.stats.logs >= scale.events)) break;
    const start = i === 0 ? chain.l1Block + 4 : Number(p.rounds.currentRoundStartBlock() + ROUND_LENGTH) + rng.between(1, 30);
    chain.advanceToL1(start);
    chain.advance(rng.between(0, 47));
    const roundStart = Number(p.rounds.currentRoundStartBlock());
    tx(keeper, CONTRACTS.RoundsManager, () => p.rounds.initializeRound());
    p.rounds.lptSqrtPrice = driftPrice(p.rounds.lptSqrtPrice, rng);
    p.rounds.ethSqrtPrice = driftPrice(p.rounds.ethSqrtPrice, rng);
    if (i === 0) {
      for (const o of orchestrators.slice(0, scale.orchestrators)) registerOrchestrator(o);
      const lateOnes = orchestrators.slice(scale.orchestrators, scale.orchestrators + scale.lateOrchestrators);
      lateOnes.forEach((o, k) => lateJoin.set(2 + 3 * k, o));
      for (const s of broadcasters) tx(s, CONTRACTS.TicketBroker, () => p.broker.fundDepositAndReserve(s, s, eth(rng, 0.5, 5), eth(rng, 0.5, 5)));
    }
    const actions: Action[] = [];
    const at = (from: number, to: number) => roundStart + Math.floor((from + rng.next() * (to - from)) * Number(ROUND_LENGTH));
    for (const o of orchestrators) if (rng.chance(0.9)) actions.push({ at: at(0.02, 0.6), run: () => reward(o) });
    for (const o of orchestrators) if (rng.chance(0.12)) actions.push({ at: at(0.62, 0.85), run: () => updateCuts(o) });
    const late = lateJoin.get(i);
    if (late) actions.push({ at: at(0.1, 0.5), run: () => registerOrchestrator(late) });
    for (let k = 0; k < scale.actionsPerRound; k++) {
      const d = rng.pick(delegators);
      actions.push({ at: at(0.05, 0.98), run: () => delegatorAction(d) });
    }
    for (let k = 0; k < Math.max(1, scale.actionsPerRound / 8); k++) {
      const s = rng.pick(broadcasters);
      actions.push({ at: at(0.05, 0.98), run: () => broadcasterAction(s) });
    }
    for (let k = 0; k < scale.ticketsPerRound; k++) actions.push({ at: at(0.05, 0.98), run: redeemTicket });
    if (i > 0 && rng.chance(0.3)) {
      const o = rng.pick(orchestrators.filter((x) => registered.has(x)));
      actions.push({ at: at(0.3, 0.9), run: () => tx(o, CONTRACTS.ServiceRegistry, () => p.serviceRegistry.setServiceURI(o, `https://${o.slice(2, 8)}-${i}.example:8935`)) });
    }
    if (i === Math.floor(scale.rounds / 2)) {
      const quitter = orchestrators.filter((o) => p.bonding.isRegisteredTranscoder(o) && p.bonding.inPool(o)).at(-1);
      if (quitter) actions.push({ at: at(0.7, 0.9), run: () => resign(quitter) });
    }
    actions.sort((a, b) => a.at - b.at);
    rareEvents(i);
    governanceRound(i);
    for (const action of actions) {
      if (action.at > chain.l1Block) chain.advanceToL1(action.at);
      if (!rng.chance(0.15)) chain.advance(rng.between(1, 47));
      if (p.rounds.currentRound() !== p.rounds.lastInitializedRound) break;
      action.run();
    }
  }
  chain.flush();
  return p;

  function resign(o: string) {
    if (p.bonding.delegatorStatus(o) !== DelegatorStatus.Bonded) return;
    const stake = p.bonding.pendingStakeAndFees(o).stake;
    tx(o, CONTRACTS.BondingManager, () => p.bonding.unbond(o, stake));
  }
}

function eth(rng: Random, lo: number, hi: number): bigint {
  const milli = BigInt(Math.floor((lo + rng.next() * (hi - lo)) * 1000));
  return milli * 10n ** 15n + BigInt(rng.int(1_000_000_000));
}

function sqrtPriceX96(price: number): bigint {
  return BigInt(Math.floor(Math.sqrt(price) * 2 ** 48)) * 2n ** 48n;
}

function driftPrice(sqrtPrice: bigint, rng: Random): bigint {
  return (sqrtPrice * BigInt(980 + rng.int(41))) / 1000n;
}
