import { A, E27, ZERO, SIG, ev, dec, wei, s, h, p6, p9, f9, f27, protocolSetup, initializeRound, block, Q96, writeScenario } from "./lib.mjs";

const ORCH = "0x" + "a".repeat(40);
const DEL = "0x" + "d".repeat(40);
const RECV = "0x" + "e".repeat(40);
const Q = "0x" + "b".repeat(40); // joins in 3301, active in 3302, resigns by unbonding everything in 3302
const SELF_Q = wei("3000");
const tx = (label) => h(`unbonding ${label}`);
const LPT_SQRT = 1n << 92n;
const ETH_SQRT = 48n * Q96;

const S0 = wei("27500000");
const RC = 100000n, FS = 500000n;
const SELF = wei("20000"), BOND_D = wei("5000");
// Round 3301: O is the only active transcoder, so it mints all of the round's mintable tokens (§5.3 step 3:
// f9(mintable, 25000, 25000) = mintable); no treasury cut is configured in this scenario.
const M3300 = p9(S0, 221000n), M3301 = p9(S0, 221500n);
const POOL = SELF + BOND_D;
const rewards = f9(M3301, POOL, POOL);
const commission = p6(rewards, RC);
const CRF_3301 = E27 + f27(E27, rewards - commission, POOL);
// D's claim in 3301 (§5.5): start factor pool[3300] is unset (1.0), end = CRF_3301.
const pendingD = f27(BOND_D, CRF_3301, E27);
const rewardsD = pendingD - BOND_D;
const S1 = S0 + rewards;
const M3302 = p9(S1, 222000n), M3308 = p9(S1, 222500n);

const N = { setup: 150000000, r3300: 150000400, bondO: 150001000, bondD: 150002000, r3301: 150276880, reward: 150277280,
  unbond0: 150280000, unbond1: 150280400, bondQ: 150281000, r3302: 150553360, rebond: 150560000, resignQ: 150570000, r3308: 152212240, withdraw: 152213000,
  transfer: 152214000, unbond3: 152215000 };
const T = (n) => 1700000000 + Math.floor((n - 150000000) / 4);
const init = (round, mintable, inflation) =>
  initializeRound(tx(`init ${round}`), round, { mintable, inflation, lptSqrt: LPT_SQRT, ethSqrt: ETH_SQRT });

const blocks = [
  block(N.setup, T(N.setup), [protocolSetup(tx), ev(A.dataCache, SIG.CacheTotalSupplyFinalized, { totalSupply: s(S0) }, tx("l1 supply"))]),
  block(N.r3300, T(N.r3300), [init(3300, M3300, 221000n)]),
  block(N.bondO, T(N.bondO), [
    ev(A.bondingManager, SIG.EarningsClaimed, { delegate: ZERO, delegator: ORCH, rewards: "0", fees: "0", startRound: "1", endRound: "3300" }, tx("bond O")),
    ev(A.bondingManager, SIG.TranscoderActivated, { transcoder: ORCH, activationRound: "3301" }, tx("bond O")),
    ev(A.lpt, SIG.Transfer, { from: ORCH, to: A.minter, value: s(SELF) }, tx("bond O")),
    ev(A.bondingManager, SIG.Bond, { newDelegate: ORCH, oldDelegate: ZERO, delegator: ORCH, additionalAmount: s(SELF), bondedAmount: s(SELF) }, tx("bond O")),
    ev(A.bondingManager, SIG.TranscoderUpdate, { transcoder: ORCH, rewardCut: s(RC), feeShare: s(FS) }, tx("transcoder O")),
  ]),
  block(N.bondD, T(N.bondD), [
    ev(A.bondingManager, SIG.EarningsClaimed, { delegate: ZERO, delegator: DEL, rewards: "0", fees: "0", startRound: "1", endRound: "3300" }, tx("bond D")),
    ev(A.lpt, SIG.Transfer, { from: DEL, to: A.minter, value: s(BOND_D) }, tx("bond D")),
    ev(A.bondingManager, SIG.Bond, { newDelegate: ORCH, oldDelegate: ZERO, delegator: DEL, additionalAmount: s(BOND_D), bondedAmount: s(BOND_D) }, tx("bond D")),
  ]),
  block(N.r3301, T(N.r3301), [init(3301, M3301, 221500n)]),
  block(N.reward, T(N.reward), [
    ev(A.lpt, SIG.Transfer, { from: ZERO, to: A.minter, value: s(rewards) }, tx("reward")),
    ev(A.lpt, SIG.Mint, { to: A.minter, amount: s(rewards) }, tx("reward")),
    ev(A.bondingManager, SIG.Reward, { transcoder: ORCH, amount: s(rewards) }, tx("reward")),
  ]),
  // unbond (§2.14): [EarningsClaimed] → Unbond; lock ids count up per delegator; withdrawRound = 3301 + 7
  block(N.unbond0, T(N.unbond0), [
    ev(A.bondingManager, SIG.EarningsClaimed, { delegate: ORCH, delegator: DEL, rewards: s(rewardsD), fees: "0", startRound: "3301", endRound: "3301" }, tx("unbond 0")),
    ev(A.bondingManager, SIG.Unbond, { delegate: ORCH, delegator: DEL, unbondingLockId: "0", amount: s(wei("1000")), withdrawRound: "3308" }, tx("unbond 0")),
  ]),
  block(N.unbond1, T(N.unbond1), [
    ev(A.bondingManager, SIG.Unbond, { delegate: ORCH, delegator: DEL, unbondingLockId: "1", amount: s(wei("500")), withdrawRound: "3308" }, tx("unbond 1")),
  ]),
  block(N.bondQ, T(N.bondQ), [
    ev(A.bondingManager, SIG.EarningsClaimed, { delegate: ZERO, delegator: Q, rewards: "0", fees: "0", startRound: "1", endRound: "3301" }, tx("bond Q")),
    ev(A.bondingManager, SIG.TranscoderActivated, { transcoder: Q, activationRound: "3302" }, tx("bond Q")),
    ev(A.lpt, SIG.Transfer, { from: Q, to: A.minter, value: s(SELF_Q) }, tx("bond Q")),
    ev(A.bondingManager, SIG.Bond, { newDelegate: Q, oldDelegate: ZERO, delegator: Q, additionalAmount: s(SELF_Q), bondedAmount: s(SELF_Q) }, tx("bond Q")),
    ev(A.bondingManager, SIG.TranscoderUpdate, { transcoder: Q, rewardCut: "200000", feeShare: "400000" }, tx("transcoder Q")),
  ]),
  block(N.r3302, T(N.r3302), [init(3302, M3302, 222000n)]),
  block(N.rebond, T(N.rebond), [
    ev(A.bondingManager, SIG.EarningsClaimed, { delegate: ORCH, delegator: DEL, rewards: "0", fees: "0", startRound: "3302", endRound: "3302" }, tx("rebond 1")),
    ev(A.bondingManager, SIG.Rebond, { delegate: ORCH, delegator: DEL, unbondingLockId: "1", amount: s(wei("500")) }, tx("rebond 1")),
  ]),
  // a transcoder unbonding all of its stake resigns (§2.14): [EarningsClaimed] → TranscoderDeactivated → Unbond
  block(N.resignQ, T(N.resignQ), [
    ev(A.bondingManager, SIG.EarningsClaimed, { delegate: Q, delegator: Q, rewards: "0", fees: "0", startRound: "3302", endRound: "3302" }, tx("resign Q")),
    ev(A.bondingManager, SIG.TranscoderDeactivated, { transcoder: Q, deactivationRound: "3303" }, tx("resign Q")),
    ev(A.bondingManager, SIG.Unbond, { delegate: Q, delegator: Q, unbondingLockId: "0", amount: s(SELF_Q), withdrawRound: "3309" }, tx("resign Q")),
  ]),
  // rounds 3303-3307 were never initialized
  block(N.r3308, T(N.r3308), [init(3308, M3308, 222500n)]),
  block(N.withdraw, T(N.withdraw), [
    ev(A.lpt, SIG.Transfer, { from: A.minter, to: DEL, value: s(wei("1000")) }, tx("withdraw 0")),
    ev(A.bondingManager, SIG.WithdrawStake, { delegator: DEL, unbondingLockId: "0", amount: s(wei("1000")), withdrawRound: "3308" }, tx("withdraw 0")),
  ]),
  // transferBond (§2.14): [EarningsClaimed(A)] → Unbond(A) → TransferBond → [EarningsClaimed(B)] → Rebond(B)
  block(N.transfer, T(N.transfer), [
    ev(A.bondingManager, SIG.EarningsClaimed, { delegate: ORCH, delegator: DEL, rewards: "0", fees: "0", startRound: "3303", endRound: "3308" }, tx("transfer")),
    ev(A.bondingManager, SIG.Unbond, { delegate: ORCH, delegator: DEL, unbondingLockId: "2", amount: s(wei("800")), withdrawRound: "3315" }, tx("transfer")),
    ev(A.bondingManager, SIG.TransferBond, { oldDelegator: DEL, newDelegator: RECV, oldUnbondingLockId: "2", newUnbondingLockId: "0", amount: s(wei("800")) }, tx("transfer")),
    ev(A.bondingManager, SIG.EarningsClaimed, { delegate: ZERO, delegator: RECV, rewards: "0", fees: "0", startRound: "1", endRound: "3308" }, tx("transfer")),
    ev(A.bondingManager, SIG.Rebond, { delegate: ORCH, delegator: RECV, unbondingLockId: "0", amount: s(wei("800")) }, tx("transfer")),
  ]),
  block(N.unbond3, T(N.unbond3), [
    ev(A.bondingManager, SIG.Unbond, { delegate: ORCH, delegator: DEL, unbondingLockId: "3", amount: s(wei("300")), withdrawRound: "3315" }, tx("unbond 3")),
  ]),
];

const bondedD = BOND_D + rewardsD - wei("1000") - wei("500") + wei("500") - wei("800") - wei("300");
const stakeO = POOL + rewards - wei("1000") - wei("500") + wei("500") - wei("800") + wei("800") - wei("300");
// Active stake at each NewRound = sum of the pool members' stakes at that moment
const STAKE_3302 = POOL + rewards - wei("1500") + SELF_Q;
const STAKE_3308 = POOL + rewards - wei("1500") + wei("500");
const q = (x) => x.replace(/\s+/g, " ").trim();
const lock = (id, amount, withdrawRound, sender = DEL) => ({
  unbondingLockId: id, amount: dec(amount), amountWei: s(amount), withdrawRound, delegate: { id: ORCH }, sender,
});
const assertions = [
  {
    query: q(`{ delegator(id: "${DEL}") { bondedAmount bondedAmountWei principal unbonded startRound lastClaimRound { id } delegate { id }
      unbondingLocks { unbondingLockId amount amountWei withdrawRound delegate { id } sender } } }`),
    expected: {
      delegator: {
        bondedAmount: dec(bondedD), bondedAmountWei: s(bondedD), principal: "5000", unbonded: "2100", startRound: "3301",
        lastClaimRound: { id: "3308" }, delegate: { id: ORCH }, unbondingLocks: [lock(3, wei("300"), "3315")],
      },
    },
  },
  {
    // time travel: the Explorer's "pending withdrawals" right after the two unbonds of round 3301
    query: q(`{ delegator(id: "${DEL}", block: { number: ${N.unbond1} }) { bondedAmount unbonded lastClaimRound { id }
      unbondingLocks(orderBy: unbondingLockId) { unbondingLockId amount amountWei withdrawRound delegate { id } sender } } }`),
    expected: {
      delegator: {
        bondedAmount: dec(BOND_D + rewardsD - wei("1500")), unbonded: "1500", lastClaimRound: { id: "3301" },
        unbondingLocks: [lock(0, wei("1000"), "3308"), lock(1, wei("500"), "3308")],
      },
    },
  },
  {
    query: q(`{ delegator(id: "${RECV}") { bondedAmount principal unbonded startRound lastClaimRound { id } delegate { id } unbondingLocks { id } } }`),
    expected: { delegator: { bondedAmount: "800", principal: "800", unbonded: "0", startRound: "3309", lastClaimRound: { id: "3308" }, delegate: { id: ORCH }, unbondingLocks: [] } },
  },
  {
    query: q(`{ transcoder(id: "${ORCH}") { totalStake totalStakeWei lastActiveStakeUpdateRound delegators { id } }
      protocol(id: "0") { delegatorsCount currentRound { id } } }`),
    expected: {
      transcoder: { totalStake: dec(stakeO), totalStakeWei: s(stakeO), lastActiveStakeUpdateRound: "3309", delegators: [{ id: ORCH }, { id: DEL }, { id: RECV }] },
      protocol: { delegatorsCount: "3", currentRound: { id: "3308" } },
    },
  },
  {
    // the transferBond transaction as an activity feed reads it: every event through the Event interface
    query: q(`{ transaction(id: "${tx("transfer")}") { events(orderBy: id) { __typename id round { id }
      ... on EarningsClaimedEvent { delegator { id } delegate { id } startRound endRound { id } rewardTokens }
      ... on UnbondEvent { delegator { id } delegate { id } unbondLockId: unbondingLockId amount withdrawRound }
      ... on TransferBondEvent { oldDelegator { id } newDelegator { id } oldUnbondingLockId newUnbondingLockId transferred: amount }
      ... on RebondEvent { delegator { id } delegate { id } rebondedLockId: unbondingLockId rebonded: amount } } } }`),
    expected: {
      transaction: {
        events: [
          { __typename: "EarningsClaimedEvent", id: `${tx("transfer")}-0`, round: { id: "3308" }, delegator: { id: DEL }, delegate: { id: ORCH }, startRound: "3303", endRound: { id: "3308" }, rewardTokens: "0" },
          { __typename: "UnbondEvent", id: `${tx("transfer")}-1`, round: { id: "3308" }, delegator: { id: DEL }, delegate: { id: ORCH }, unbondLockId: 2, amount: "800", withdrawRound: "3315" },
          { __typename: "TransferBondEvent", id: `${tx("transfer")}-2`, round: { id: "3308" }, oldDelegator: { id: DEL }, newDelegator: { id: RECV }, oldUnbondingLockId: 2, newUnbondingLockId: 0, transferred: "800" },
          { __typename: "RebondEvent", id: `${tx("transfer")}-4`, round: { id: "3308" }, delegator: { id: RECV }, delegate: { id: ORCH }, rebondedLockId: 0, rebonded: "800" },
        ],
      },
    },
  },
  {
    query: q(`{ withdrawStakeEvents { delegator { id } unbondingLockId amount round { id } timestamp }
      earningsClaimedEvents(where: { delegator: "${DEL}" }) { startRound endRound { id } rewardTokens rewardTokensWei fees } }`),
    expected: {
      withdrawStakeEvents: [{ delegator: { id: DEL }, unbondingLockId: 0, amount: "1000", round: { id: "3308" }, timestamp: T(N.withdraw) }],
      earningsClaimedEvents: [
        { startRound: "3301", endRound: { id: "3301" }, rewardTokens: dec(rewardsD), rewardTokensWei: s(rewardsD), fees: "0" },
        { startRound: "3302", endRound: { id: "3302" }, rewardTokens: "0", rewardTokensWei: "0", fees: "0" },
        { startRound: "3303", endRound: { id: "3308" }, rewardTokens: "0", rewardTokensWei: "0", fees: "0" },
      ],
    },
  },
  {
    query: q(`{ transcoder(id: "${Q}") { status active activationRound deactivationRound totalStake memberOf { id } delegator { id } }
      delegator(id: "${Q}") { bondedAmount delegate { id } startRound unbonded unbondingLocks { unbondingLockId amount withdrawRound } }
      transcoderResignedEvents { id delegate { id } round { id } }
      rounds(where: { id_in: ["3301", "3302", "3308"] }) { id totalActiveStake activeTranscoderCount delegatorsCount } }`),
    expected: {
      transcoder: { status: "NotRegistered", active: false, activationRound: "3302", deactivationRound: "3303", totalStake: "0", memberOf: null, delegator: null },
      delegator: { bondedAmount: "0", delegate: null, startRound: "0", unbonded: "3000", unbondingLocks: [{ unbondingLockId: 0, amount: "3000", withdrawRound: "3309" }] },
      transcoderResignedEvents: [{ id: `${tx("resign Q")}-1`, delegate: { id: Q }, round: { id: "3302" } }],
      rounds: [
        { id: "3301", totalActiveStake: dec(POOL), activeTranscoderCount: "1", delegatorsCount: "2" },
        { id: "3302", totalActiveStake: dec(STAKE_3302), activeTranscoderCount: "2", delegatorsCount: "3" },
        { id: "3308", totalActiveStake: dec(STAKE_3308), activeTranscoderCount: "1", delegatorsCount: "2" },
      ],
    },
  },
  {
    // time travel: right after resigning, Q is still active for the rest of round 3302 but no longer registered
    query: q(`{ transcoder(id: "${Q}", block: { number: ${N.resignQ} }) { status active deactivationRound } protocol(id: "0", block: { number: ${N.resignQ} }) { activeTranscoderCount pendingDeactivation { id } } }`),
    expected: { transcoder: { status: "NotRegistered", active: true, deactivationRound: "3303" }, protocol: { activeTranscoderCount: "1", pendingDeactivation: [{ id: Q }] } },
  },
  {
    query: "{ _meta { block { number } hasIndexingErrors } }",
    expected: { _meta: { block: { number: N.unbond3 }, hasIndexingErrors: false } },
  },
];

writeScenario("unbonding", { name: "Unbonding: unbond, rebond, withdraw stake, transfer bond", blocks, assertions });
