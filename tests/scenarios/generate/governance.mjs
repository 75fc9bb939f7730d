import { A, ZERO, SIG, ev, dec, wei, s, lc, h, p9, protocolSetup, initializeRound, block, Q96, keccak256, toHex, encodeAbiParameters, encodeFunctionData, controllerId, writeScenario } from "./lib.mjs";

const O = "0x" + "a".repeat(40);   // orchestrator, proposer
const P = "0x" + "b".repeat(40);   // second orchestrator
const D1 = "0x" + "d".repeat(40);  // delegator of O, overrides O's vote
const D2 = "0x" + "e".repeat(40);  // delegator of O, votes before O
const GRANTEE = "0x" + "f".repeat(40);
const GIT = "0x3b8d1e6e4c2e9a4e1b3c6f7a8d9e0f1a2b3c4d5e";
const tx = (label) => h(`governance ${label}`);
const LPT_SQRT = 1n << 92n, ETH_SQRT = 48n * Q96;
const S0 = wei("27500000");

const T0 = 1706000000; // 2024-01-23 08:53 UTC
const num = (ts) => 175000000 + (ts - T0) * 4;
const R = 69120;
const at = { setup: T0 - 1000, r3500: T0, bondO: T0 + 300, bondP: T0 + 400, bondD1: T0 + 500, bondD2: T0 + 600, r3501: T0 + R,
  propose: T0 + R + 600, r3502: T0 + 2 * R, r3503: T0 + 3 * R, voteD2: T0 + 3 * R + 1000, voteO: T0 + 3 * R + 2000,
  voteD1: T0 + 3 * R + 3000, voteP: T0 + 3 * R + 4000, r3512: T0 + 12 * R, r3513: T0 + 13 * R, queue: T0 + 13 * R + 600,
  execute: T0 + 13 * R + 1200 };

// The proposal: transfer 1,000 LPT from the Treasury to a grantee.
const GRANT = wei("1000");
const targets = [A.lpt];
const values = [0n];
const calldata = encodeFunctionData({
  abi: [{ type: "function", name: "transfer", inputs: [{ name: "to", type: "address" }, { name: "amount", type: "uint256" }], outputs: [{ type: "bool" }] }],
  functionName: "transfer", args: [GRANTEE, GRANT],
});
const description = "# LIP-X: Fund the scenario test grant\n\nTransfer 1,000 LPT from the treasury to the grantee.";
const descriptionHash = keccak256(toHex(description));
// Governor.hashProposal = uint256(keccak256(abi.encode(targets, values, calldatas, descriptionHash)))
const proposalId = BigInt(keccak256(encodeAbiParameters(
  [{ type: "address[]" }, { type: "uint256[]" }, { type: "bytes[]" }, { type: "bytes32" }],
  [targets, values, [calldata], descriptionHash],
))).toString();
// TimelockController.hashOperationBatch(targets, values, payloads, predecessor = 0, salt = descriptionHash)
const ZERO32 = "0x" + "00".repeat(32);
const operationId = keccak256(encodeAbiParameters(
  [{ type: "address[]" }, { type: "uint256[]" }, { type: "bytes[]" }, { type: "bytes32" }, { type: "bytes32" }],
  [targets, values, [calldata], ZERO32, descriptionHash],
));

const SELF_O = wei("30000"), SELF_P = wei("20000"), BOND_D1 = wei("10000"), BOND_D2 = wei("5000");
const STAKE_O = SELF_O + BOND_D1 + BOND_D2; // 45,000: O's voting power at the snapshot (§5.11)
const TOTAL_ACTIVE = STAKE_O + SELF_P;     // 65,000
const QUORUM = (TOTAL_ACTIVE * 333300n) / 1000000n;
// Counting with overrides (§5.11), in vote order:
//   D2 Against 5,000 (O has not voted: O's deductions = 5,000)
//   O  For 45,000 − 5,000 = 40,000
//   D1 Against 10,000, also taken off O's For (deductions = 15,000)
//   P  Abstain 20,000
const FOR = STAKE_O - BOND_D2 - BOND_D1, AGAINST = BOND_D2 + BOND_D1, ABSTAIN = SELF_P;

const init = (round) => initializeRound(tx(`init ${round}`), round, { mintable: p9(S0, 230000n), inflation: 230000n, lptSqrt: LPT_SQRT, ethSqrt: ETH_SQRT });
const checkpoint = (who, delegate, bonded, txHash) => [
  ev(A.bondingVotes, SIG.DelegateChanged, { delegator: who, fromDelegate: ZERO, toDelegate: delegate }, txHash),
  ev(A.bondingVotes, SIG.DelegatorBondedAmountChanged, { delegate: who, previousBondedAmount: "0", previousLastClaimRound: "0", newBondedAmount: s(bonded), newLastClaimRound: "3500" }, txHash),
];
const bondSelf = (o, amount) => {
  const t = tx(`bond ${o}`);
  return [
    ev(A.bondingManager, SIG.EarningsClaimed, { delegate: ZERO, delegator: o, rewards: "0", fees: "0", startRound: "1", endRound: "3500" }, t),
    ev(A.bondingManager, SIG.TranscoderActivated, { transcoder: o, activationRound: "3501" }, t),
    ev(A.lpt, SIG.Transfer, { from: o, to: A.minter, value: s(amount) }, t),
    ev(A.bondingManager, SIG.Bond, { newDelegate: o, oldDelegate: ZERO, delegator: o, additionalAmount: s(amount), bondedAmount: s(amount) }, t),
    ...checkpoint(o, o, amount, t),
    ev(A.bondingVotes, SIG.DelegateVotesChanged, { delegate: o, previousBalance: "0", newBalance: s(amount) }, t),
  ];
};
const bondTo = (d, o, amount, before, t = tx(`bond ${d}`)) => [
  ev(A.bondingManager, SIG.EarningsClaimed, { delegate: ZERO, delegator: d, rewards: "0", fees: "0", startRound: "1", endRound: "3500" }, t),
  ev(A.bondingVotes, SIG.DelegateVotesChanged, { delegate: o, previousBalance: s(before), newBalance: s(before + amount) }, t),
  ev(A.lpt, SIG.Transfer, { from: d, to: A.minter, value: s(amount) }, t),
  ev(A.bondingManager, SIG.Bond, { newDelegate: o, oldDelegate: ZERO, delegator: d, additionalAmount: s(amount), bondedAmount: s(amount) }, t),
  ...checkpoint(d, o, amount, t),
];
const vote = (voter, support, weight, reason) =>
  ev(A.governor, SIG.VoteCast, { voter, proposalId, support, weight: s(weight), reason }, tx(`vote ${voter}`));
const b = (ts, parts) => block(num(ts), ts, parts);

const blocks = [
  b(at.setup, [
    protocolSetup(tx),
    ev(A.dataCache, SIG.CacheTotalSupplyFinalized, { totalSupply: s(S0) }, tx("l1 supply")),
    ev(A.controller, SIG.SetContractInfo, { id: controllerId("Treasury"), contractAddress: A.treasury, gitCommitHash: GIT }, tx("treasury")),
    // LivepeerGovernor.initialize (§2.9): settings from 0 to their initial values; Treasury minDelay 0
    ev(A.governor, SIG.VotingDelaySet, { oldVotingDelay: "0", newVotingDelay: "1" }, tx("governor init")),
    ev(A.governor, SIG.VotingPeriodSet, { oldVotingPeriod: "0", newVotingPeriod: "10" }, tx("governor init")),
    ev(A.governor, SIG.ProposalThresholdSet, { oldProposalThreshold: "0", newProposalThreshold: s(wei("100")) }, tx("governor init")),
    ev(A.governor, SIG.QuorumNumeratorUpdated, { oldQuorumNumerator: "0", newQuorumNumerator: "333300" }, tx("governor init")),
    ev(A.governor, SIG.TimelockChange, { oldTimelock: ZERO, newTimelock: A.treasury }, tx("governor init")),
    ev(A.treasury, SIG.MinDelayChange, { oldDuration: "0", newDuration: "0" }, tx("treasury init")),
    // treasury reward cuts received earlier
    ev(A.lpt, SIG.Transfer, { from: A.minter, to: A.treasury, value: s(wei("5000")) }, tx("treasury inflow")),
  ]),
  b(at.r3500, [init(3500)]),
  b(at.bondO, bondSelf(O, SELF_O)),
  b(at.bondP, bondSelf(P, SELF_P)),
  b(at.bondD1, bondTo(D1, O, BOND_D1, SELF_O)),
  b(at.bondD2, bondTo(D2, O, BOND_D2, SELF_O + BOND_D1)),
  b(at.r3501, [init(3501)]),
  b(at.propose, [
    ev(A.governor, SIG.ProposalCreated, {
      proposalId, proposer: O, targets, values: values.map(s), signatures: [""], calldatas: [calldata],
      voteStart: "3502", voteEnd: "3512", description,
    }, tx("propose")),
  ]),
  b(at.r3502, [init(3502)]),
  b(at.r3503, [init(3503)]),
  b(at.voteD2, [vote(D2, 0, BOND_D2, "")]),
  b(at.voteO, [vote(O, 1, STAKE_O, "Good use of the treasury")]),
  b(at.voteD1, [vote(D1, 0, BOND_D1, "I disagree with my orchestrator")]),
  b(at.voteP, [ev(A.governor, SIG.VoteCastWithParams, { voter: P, proposalId, support: 2, weight: s(SELF_P), reason: "", params: "0x01" }, tx(`vote ${P}`))]),
  b(at.r3512, [init(3512)]),
  b(at.r3513, [init(3513)]),
  // queue (§2.14): CallScheduled ×n → CallSalt → ProposalQueued; eta = now + minDelay (0)
  b(at.queue, [
    ev(A.treasury, SIG.CallScheduled, { id: operationId, index: "0", target: A.lpt, value: "0", data: calldata, predecessor: ZERO32, delay: "0" }, tx("queue")),
    ev(A.treasury, SIG.CallSalt, { id: operationId, salt: descriptionHash }, tx("queue")),
    ev(A.governor, SIG.ProposalQueued, { proposalId, eta: s(at.queue) }, tx("queue")),
  ]),
  // execute: ProposalExecuted → (the call's own events: LPT Transfer) → CallExecuted
  b(at.execute, [
    ev(A.governor, SIG.ProposalExecuted, { proposalId }, tx("execute")),
    ev(A.lpt, SIG.Transfer, { from: A.treasury, to: GRANTEE, value: s(GRANT) }, tx("execute")),
    ev(A.treasury, SIG.CallExecuted, { id: operationId, index: "0", target: A.lpt, value: "0", data: calldata }, tx("execute")),
  ]),
];

const q = (x) => x.replace(/\s+/g, " ").trim();
const tallyFields = "state forVotes againstVotes abstainVotes totalVotes forVotesWei againstVotesWei abstainVotesWei totalVotesWei quorum";
const assertions = [
  {
    query: q(`{ treasuryProposal(id: "${proposalId}") { ${tallyFields} quota proposer { id } targets values calldatas description descriptionHash
      voteStart voteEnd createdTimestamp createdRound { id } decidedRound { id } queuedRound { id } queuedTimestamp eta
      executedRound { id } executedTimestamp canceledTimestamp openIn { id }
      timelockOperation { id state salt predecessor delay scheduledTimestamp executedTimestamp calls { index target value data executed } } } }`),
    expected: {
      treasuryProposal: {
        state: "Executed", forVotes: dec(FOR), againstVotes: dec(AGAINST), abstainVotes: dec(ABSTAIN), totalVotes: dec(FOR + AGAINST + ABSTAIN),
        forVotesWei: s(FOR), againstVotesWei: s(AGAINST), abstainVotesWei: s(ABSTAIN), totalVotesWei: s(FOR + AGAINST + ABSTAIN), quorum: s(QUORUM),
        quota: "500000", proposer: { id: O }, targets: [lc(A.lpt)], values: ["0"], calldatas: [calldata], description, descriptionHash,
        voteStart: "3502", voteEnd: "3512", createdTimestamp: at.propose, createdRound: { id: "3501" }, decidedRound: { id: "3513" },
        queuedRound: { id: "3513" }, queuedTimestamp: at.queue, eta: s(at.queue), executedRound: { id: "3513" }, executedTimestamp: at.execute,
        canceledTimestamp: null, openIn: null,
        timelockOperation: {
          id: operationId, state: "Executed", salt: descriptionHash, predecessor: ZERO32, delay: "0", scheduledTimestamp: at.queue, executedTimestamp: at.execute,
          calls: [{ index: "0", target: lc(A.lpt), value: "0", data: calldata, executed: true }],
        },
      },
    },
  },
  {
    query: q(`{ treasuryVotes(where: { proposal: "${proposalId}" }) { id voter { id } support weight weightWei reason snapshotDelegate }
      treasuryVoteDeductions { id delegate amount } }`),
    expected: {
      treasuryVotes: [
        { id: `${proposalId}-${D2}`, voter: { id: D2 }, support: "Against", weight: "5000", weightWei: s(BOND_D2), reason: null, snapshotDelegate: O },
        { id: `${proposalId}-${O}`, voter: { id: O }, support: "For", weight: "45000", weightWei: s(STAKE_O), reason: "Good use of the treasury", snapshotDelegate: O },
        { id: `${proposalId}-${D1}`, voter: { id: D1 }, support: "Against", weight: "10000", weightWei: s(BOND_D1), reason: "I disagree with my orchestrator", snapshotDelegate: O },
        { id: `${proposalId}-${P}`, voter: { id: P }, support: "Abstain", weight: "20000", weightWei: s(SELF_P), reason: null, snapshotDelegate: P },
      ],
      treasuryVoteDeductions: [{ id: `${proposalId}-${O}`, delegate: O, amount: s(BOND_D1 + BOND_D2) }],
    },
  },
  {
    // time travel along the proposal's life: Pending at the snapshot round, Active once the round after it starts,
    // the tally right after O voted (D2's earlier vote already deducted), still Active in the last voting round,
    // Succeeded at the next round
    query: q(`{ pending: treasuryProposal(id: "${proposalId}", block: { number: ${num(at.r3502)} }) { state quorum }
      active: treasuryProposal(id: "${proposalId}", block: { number: ${num(at.r3503)} }) { state quorum }
      afterO: treasuryProposal(id: "${proposalId}", block: { number: ${num(at.voteO)} }) { forVotes againstVotes abstainVotes }
      lastRound: treasuryProposal(id: "${proposalId}", block: { number: ${num(at.r3512)} }) { state }
      decided: treasuryProposal(id: "${proposalId}", block: { number: ${num(at.r3513)} }) { state decidedRound { id } } }`),
    expected: {
      pending: { state: "Pending", quorum: null },
      active: { state: "Active", quorum: s(QUORUM) },
      afterO: { forVotes: dec(STAKE_O - BOND_D2), againstVotes: dec(BOND_D2), abstainVotes: "0" },
      lastRound: { state: "Active" },
      decided: { state: "Succeeded", decidedRound: { id: "3513" } },
    },
  },
  {
    query: q(`{ governorSettings(id: "${lc(A.governor)}") { votingDelay votingPeriod proposalThreshold quorumNumerator quorumDenominator quota
      timelock minDelay proposalCount openProposals { id } }
      protocol(id: "0") { treasuryBalance }
      livepeerAccount(id: "${O}") { votes votingDelegate } }`),
    expected: {
      governorSettings: {
        votingDelay: "1", votingPeriod: "10", proposalThreshold: s(wei("100")), quorumNumerator: "333300", quorumDenominator: "1000000",
        quota: "500000", timelock: lc(A.treasury), minDelay: "0", proposalCount: 1, openProposals: [],
      },
      protocol: { treasuryBalance: s(wei("4000")) },
      livepeerAccount: { votes: s(STAKE_O), votingDelegate: O },
    },
  },
  {
    query: q(`{ treasuryVoteEvents(orderBy: timestamp) { voter { id } support weight round { id } } }`),
    expected: {
      treasuryVoteEvents: [
        { voter: { id: D2 }, support: "Against", weight: "5000", round: { id: "3503" } },
        { voter: { id: O }, support: "For", weight: "45000", round: { id: "3503" } },
        { voter: { id: D1 }, support: "Against", weight: "10000", round: { id: "3503" } },
        { voter: { id: P }, support: "Abstain", weight: "20000", round: { id: "3503" } },
      ],
    },
  },
  {
    query: "{ _meta { block { number } hasIndexingErrors } }",
    expected: { _meta: { block: { number: num(at.execute) }, hasIndexingErrors: false } },
  },
];

writeScenario("governance", { name: "Governance: treasury proposal, votes with a delegator override, timelock queue and execution", blocks, assertions });
