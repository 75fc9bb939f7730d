import { A, ZERO, SIG, ev, wei, s, h, p9, protocolSetup, initializeRound, roundStart, block, Q96, toHex, writeScenario } from "./lib.mjs";

const O = "0x" + "a".repeat(40);
const D = "0x" + "d".repeat(40);
const E = "0x" + "e".repeat(40); // votes without any stake
const POLL = "0x" + "5".repeat(40);
const OTHER = "0x" + "6".repeat(40); // emits the same Vote event but was never created by the PollCreator
const tx = (label) => h(`polls ${label}`);
const LPT_SQRT = 1n << 92n, ETH_SQRT = 48n * Q96;
const S0 = wei("27500000");
const SELF_O = wei("22000"), BOND_D = wei("8000");

const T0 = 1710000000; // 2024-03-09 16:00 UTC
const num = (ts) => 188000000 + (ts - T0) * 4;
const at = { setup: T0 - 1000, r3600: T0, bondO: T0 + 300, bondD: T0 + 600, r3601: T0 + 69120, create: T0 + 70000,
  voteO: T0 + 80000, voteD: T0 + 90000, voteE: T0 + 100000, voteD2: T0 + 110000 };
const IPFS = "QmWBPdeDCi8uxQrUyTV38xwaeYxgmjQmx1Zkiw4vgQhj7x";
// PollCreated.endBlock = L1 block.number + POLL_PERIOD (57,600); created 1,000 L1 blocks into round 3601
const END_BLOCK = roundStart(3601) + 1000n + 57600n;

const init = (round) => initializeRound(tx(`init ${round}`), round, { mintable: p9(S0, 230000n), inflation: 230000n, lptSqrt: LPT_SQRT, ethSqrt: ETH_SQRT });
const pollVote = (address, voter, choiceID, label) => ev(address, SIG.PollVote, { voter, choiceID: s(choiceID) }, tx(label));
const b = (ts, parts) => block(num(ts), ts, parts);

const blocks = [
  b(at.setup, [protocolSetup(tx)]),
  b(at.r3600, [init(3600)]),
  b(at.bondO, [
    ev(A.bondingManager, SIG.EarningsClaimed, { delegate: ZERO, delegator: O, rewards: "0", fees: "0", startRound: "1", endRound: "3600" }, tx("bond O")),
    ev(A.bondingManager, SIG.TranscoderActivated, { transcoder: O, activationRound: "3601" }, tx("bond O")),
    ev(A.bondingManager, SIG.Bond, { newDelegate: O, oldDelegate: ZERO, delegator: O, additionalAmount: s(SELF_O), bondedAmount: s(SELF_O) }, tx("bond O")),
  ]),
  b(at.bondD, [
    ev(A.bondingManager, SIG.EarningsClaimed, { delegate: ZERO, delegator: D, rewards: "0", fees: "0", startRound: "1", endRound: "3600" }, tx("bond D")),
    ev(A.bondingManager, SIG.Bond, { newDelegate: O, oldDelegate: ZERO, delegator: D, additionalAmount: s(BOND_D), bondedAmount: s(BOND_D) }, tx("bond D")),
  ]),
  b(at.r3601, [init(3601)]),
  b(at.create, [
    ev(A.pollCreator, SIG.PollCreated, { poll: POLL, proposal: toHex(IPFS), endBlock: s(END_BLOCK), quorum: "333300", quota: "500000" }, tx("create")),
  ]),
  // The orchestrator votes Yes with its total stake (30,000 incl. D's 8,000)
  b(at.voteO, [pollVote(POLL, O, 0, "vote O")]),
  // D overrides with No: its 8,000 leave O's Yes (§5.10)
  b(at.voteD, [pollVote(POLL, D, 1, "vote D"), pollVote(OTHER, D, 0, "vote D elsewhere")]),
  // E has no stake; a choice other than 0/1 is ignored, then E votes Yes with weight 0
  b(at.voteE, [pollVote(POLL, E, 2, "vote E invalid"), pollVote(POLL, E, 0, "vote E")]),
  // D changes its mind: its 8,000 move from No to Yes
  b(at.voteD2, [pollVote(POLL, D, 0, "vote D again")]),
];

const q = (x) => x.replace(/\s+/g, " ").trim();
const STAKE_O = SELF_O + BOND_D;
const assertions = [
  {
    query: q(`{ poll(id: "${POLL}") { proposal endBlock quorum quota tally { id yes no yesWei noWei }
      votes { id voter choiceID voteStake voteStakeWei nonVoteStake nonVoteStakeWei registeredTranscoder poll { id } } } }`),
    expected: {
      poll: {
        proposal: IPFS, endBlock: s(END_BLOCK), quorum: "333300", quota: "500000",
        tally: { id: POLL, yes: "30000", no: "0", yesWei: s(STAKE_O), noWei: "0" },
        votes: [
          { id: `${O}-${POLL}`, voter: O, choiceID: "Yes", voteStake: "30000", voteStakeWei: s(STAKE_O), nonVoteStake: "8000", nonVoteStakeWei: s(BOND_D), registeredTranscoder: true, poll: { id: POLL } },
          { id: `${D}-${POLL}`, voter: D, choiceID: "Yes", voteStake: "8000", voteStakeWei: s(BOND_D), nonVoteStake: "0", nonVoteStakeWei: "0", registeredTranscoder: false, poll: { id: POLL } },
          { id: `${E}-${POLL}`, voter: E, choiceID: "Yes", voteStake: "0", voteStakeWei: "0", nonVoteStake: "0", nonVoteStakeWei: "0", registeredTranscoder: false, poll: { id: POLL } },
        ],
      },
    },
  },
  {
    // time travel: the tally after D's first vote (O keeps 30,000 − 8,000 on Yes)
    query: q(`{ poll(id: "${POLL}", block: { number: ${num(at.voteD)} }) { tally { yes no } votes { voter choiceID } } }`),
    expected: { poll: { tally: { yes: "22000", no: "8000" }, votes: [{ voter: O, choiceID: "Yes" }, { voter: D, choiceID: "No" }] } },
  },
  {
    // before the poll existed nothing was indexed for it; the Vote of the unknown contract is never indexed
    query: q(`{ before: poll(id: "${POLL}", block: { number: ${num(at.r3601)} }) { id }
      voteEvents(orderBy: timestamp) { voter choiceID poll { id } round { id } timestamp }
      pollCreatedEvents { poll { id } proposal endBlock quorum quota round { id } } }`),
    expected: {
      before: null,
      voteEvents: [
        { voter: O, choiceID: "0", poll: { id: POLL }, round: { id: "3601" }, timestamp: at.voteO },
        { voter: D, choiceID: "1", poll: { id: POLL }, round: { id: "3601" }, timestamp: at.voteD },
        { voter: E, choiceID: "0", poll: { id: POLL }, round: { id: "3601" }, timestamp: at.voteE },
        { voter: D, choiceID: "0", poll: { id: POLL }, round: { id: "3601" }, timestamp: at.voteD2 },
      ],
      pollCreatedEvents: [{ poll: { id: POLL }, proposal: toHex(IPFS), endBlock: s(END_BLOCK), quorum: "333300", quota: "500000", round: { id: "3601" } }],
    },
  },
  {
    query: "{ _meta { block { number } hasIndexingErrors } }",
    expected: { _meta: { block: { number: num(at.voteD2) }, hasIndexingErrors: false } },
  },
];

writeScenario("polls", { name: "Polls: a poll contract created mid-scenario, stake-weighted votes with a delegator override", blocks, assertions });
