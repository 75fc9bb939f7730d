import { A, E27, ZERO, SIG, ev, dec, wei, s, h, p6, p9, f27, protocolSetup, initializeRound, block, Q96, encodeAbiParameters, writeScenario } from "./lib.mjs";

const O1 = "0x" + "a".repeat(40);
const O2 = "0x" + "b".repeat(40);
const DEL = "0x" + "d".repeat(40);
const BC = "0x" + "c".repeat(40);
const tx = (label) => h(`tickets ${label}`);
const LPT_SQRT = 1n << 92n;
const ETH_2304 = 48n * Q96, ETH_2500 = 50n * Q96;
const S0 = wei("27500000");
const SELF1 = wei("6000"), SELF2 = wei("4000"), BOND_D = wei("2000");
const RC1 = 100000n, FS1 = 750000n, RC2 = 50000n, FS2 = 600000n;

const T0 = 1704900000; // 2024-01-10 15:20 UTC
const num = (ts) => 169000000 + (ts - T0) * 4;
const at = { setup: T0 - 1000, r3400: T0, bond1: T0 + 500, bond2: T0 + 700, bondD: T0 + 900, fund: T0 + 2000,
  r3401: T0 + 69120, t1: 1704970000, t2: 1704980000, t3: 1704990000, r3402: T0 + 2 * 69120, unlock: 1705040000, t4: 1705050000,
  refund: 1705060000, withdrawFees: 1705070000, move: 1705080000 };
const day = (ts) => Math.floor(ts / 86400);

const DEPOSIT = wei("0.12"), RESERVE = wei("1");
const FACE = wei("0.05"), FACE4 = wei("0.2");
const WIN_PROB = ((1n << 256n) - 1n) / 1000n;
const aux = (round) => encodeAbiParameters([{ type: "uint256" }, { type: "bytes32" }], [BigInt(round), h(`L1 block hash of round ${round}`)]);

// Ticket 3: face value above the remaining deposit (0.02) → the rest (0.03) comes from the reserve (§5.9):
// claimable = reserve (1 ETH) / pool size (2) − already claimed (0) = 0.5 ≥ 0.03.
const claim3 = FACE - (DEPOSIT - 2n * FACE);
// Ticket 4 (round 3402): deposit 0 → claim min(0.2, 0.97 / 2) = 0.2.
const claim4 = FACE4;

// Fee pools (§5.4): no reward calls yet, so the previous CRF is 1.0 and the commission comes from the
// transcoder's current rates; increment = f27(1e27, delegatorsFees, poolStake).
const POOL1 = SELF1 + BOND_D, POOL2 = SELF2;
let cff1 = 0n, commission1 = 0n;
for (let i = 0; i < 3; i++) {
  const delegatorsFees = p6(FACE, FS1);
  commission1 += FACE - delegatorsFees;
  cff1 += f27(E27, delegatorsFees, POOL1);
}
const delegatorsFees4 = p6(FACE4, FS2);
const commission2 = FACE4 - delegatorsFees4;
const cff2 = f27(E27, delegatorsFees4, POOL2);
// D's fees (§5.5): bonded × (CFF_end − CFF_start) / CRF_start with CFF_start = 0, CRF_start = 1.0
const feesD = f27(BOND_D, cff1, E27);

const init = (round, ethSqrt) =>
  initializeRound(tx(`init ${round}`), round, { mintable: p9(S0, 221000n + 500n * BigInt(round - 3400)), inflation: 221000n + 500n * BigInt(round - 3400), lptSqrt: LPT_SQRT, ethSqrt });
const bondSelf = (o, amount, rc, fs) => [
  ev(A.bondingManager, SIG.EarningsClaimed, { delegate: ZERO, delegator: o, rewards: "0", fees: "0", startRound: "1", endRound: "3400" }, tx(`bond ${o}`)),
  ev(A.bondingManager, SIG.TranscoderActivated, { transcoder: o, activationRound: "3401" }, tx(`bond ${o}`)),
  ev(A.lpt, SIG.Transfer, { from: o, to: A.minter, value: s(amount) }, tx(`bond ${o}`)),
  ev(A.bondingManager, SIG.Bond, { newDelegate: o, oldDelegate: ZERO, delegator: o, additionalAmount: s(amount), bondedAmount: s(amount) }, tx(`bond ${o}`)),
  ev(A.bondingManager, SIG.TranscoderUpdate, { transcoder: o, rewardCut: s(rc), feeShare: s(fs) }, tx(`transcoder ${o}`)),
];
const redeemed = (recipient, face, nonce, creationRound, label) =>
  ev(A.ticketBroker, SIG.WinningTicketRedeemed, {
    sender: BC, recipient, faceValue: s(face), winProb: s(WIN_PROB), senderNonce: s(nonce),
    recipientRand: s(BigInt(h(`recipientRand ${nonce}`))), auxData: aux(creationRound),
  }, tx(label));
const b = (ts, parts) => block(num(ts), ts, parts);

const blocks = [
  b(at.setup, [protocolSetup(tx), ev(A.dataCache, SIG.CacheTotalSupplyFinalized, { totalSupply: s(S0) }, tx("l1 supply"))]),
  b(at.r3400, [init(3400, ETH_2304)]),
  b(at.bond1, bondSelf(O1, SELF1, RC1, FS1)),
  b(at.bond2, bondSelf(O2, SELF2, RC2, FS2)),
  b(at.bondD, [
    ev(A.bondingManager, SIG.EarningsClaimed, { delegate: ZERO, delegator: DEL, rewards: "0", fees: "0", startRound: "1", endRound: "3400" }, tx("bond D")),
    ev(A.lpt, SIG.Transfer, { from: DEL, to: A.minter, value: s(BOND_D) }, tx("bond D")),
    ev(A.bondingManager, SIG.Bond, { newDelegate: O1, oldDelegate: ZERO, delegator: DEL, additionalAmount: s(BOND_D), bondedAmount: s(BOND_D) }, tx("bond D")),
  ]),
  // fundDepositAndReserve: ReserveFunded then DepositFunded (§2.14)
  b(at.fund, [
    ev(A.ticketBroker, SIG.ReserveFunded, { reserveHolder: BC, amount: s(RESERVE) }, tx("fund")),
    ev(A.ticketBroker, SIG.DepositFunded, { sender: BC, amount: s(DEPOSIT) }, tx("fund")),
  ]),
  b(at.r3401, [init(3401, ETH_2304)]),
  b(at.t1, [
    ev(A.ticketBroker, SIG.WinningTicketTransfer, { sender: BC, recipient: O1, amount: s(FACE) }, tx("ticket 1")),
    redeemed(O1, FACE, 1, 3401, "ticket 1"),
  ]),
  b(at.t2, [
    ev(A.ticketBroker, SIG.WinningTicketTransfer, { sender: BC, recipient: O1, amount: s(FACE) }, tx("ticket 2")),
    redeemed(O1, FACE, 2, 3401, "ticket 2"),
  ]),
  b(at.t3, [
    ev(A.ticketBroker, SIG.ReserveClaimed, { reserveHolder: BC, claimant: O1, amount: s(claim3) }, tx("ticket 3")),
    ev(A.ticketBroker, SIG.WinningTicketTransfer, { sender: BC, recipient: O1, amount: s(FACE) }, tx("ticket 3")),
    redeemed(O1, FACE, 3, 3401, "ticket 3"),
  ]),
  b(at.r3402, [init(3402, ETH_2500)]),
  b(at.unlock, [ev(A.ticketBroker, SIG.Unlock, { sender: BC, startRound: "3402", endRound: "3404" }, tx("unlock"))]),
  b(at.t4, [
    ev(A.ticketBroker, SIG.ReserveClaimed, { reserveHolder: BC, claimant: O2, amount: s(claim4) }, tx("ticket 4")),
    ev(A.ticketBroker, SIG.WinningTicketTransfer, { sender: BC, recipient: O2, amount: s(FACE4) }, tx("ticket 4")),
    redeemed(O2, FACE4, 4, 3401, "ticket 4"),
  ]),
  // fundDeposit by the sender itself cancels its pending unlock: UnlockCancelled → DepositFunded
  b(at.refund, [
    ev(A.ticketBroker, SIG.UnlockCancelled, { sender: BC }, tx("refund")),
    ev(A.ticketBroker, SIG.DepositFunded, { sender: BC, amount: s(wei("0.1")) }, tx("refund")),
  ]),
  b(at.withdrawFees, [
    ev(A.bondingManager, SIG.EarningsClaimed, { delegate: O1, delegator: DEL, rewards: "0", fees: s(feesD), startRound: "3401", endRound: "3402" }, tx("withdraw fees")),
    ev(A.bondingManager, SIG.WithdrawFees, { delegator: DEL, recipient: DEL, amount: s(feesD) }, tx("withdraw fees")),
  ]),
  // D then moves its stake to O2 (already claimed this round, so no EarningsClaimed): Bond with no new LPT
  b(at.move, [
    ev(A.bondingManager, SIG.Bond, { newDelegate: O2, oldDelegate: O1, delegator: DEL, additionalAmount: "0", bondedAmount: s(BOND_D) }, tx("move")),
  ]),
];

const q = (x) => x.replace(/\s+/g, " ").trim();
const reserveLeft = RESERVE - claim3 - claim4;
const assertions = [
  {
    query: q(`{ broadcaster(id: "${BC}") { deposit depositWei reserve reserveWei withdrawRound totalVolumeETH totalVolumeUSD thirtyDayVolumeETH
      firstFundedDay lastFundedDay broadcasterDays { id date volumeETH volumeUSD } } }`),
    expected: {
      broadcaster: {
        deposit: "0.1", depositWei: s(wei("0.1")), reserve: dec(reserveLeft), reserveWei: s(reserveLeft), withdrawRound: null,
        totalVolumeETH: "0.35", totalVolumeUSD: "845.6", thirtyDayVolumeETH: "0.15",
        firstFundedDay: day(at.fund) * 86400, lastFundedDay: day(at.t4) * 86400,
        broadcasterDays: [
          { id: `${BC}-${day(at.t4)}`, date: day(at.t4) * 86400, volumeETH: "0.2", volumeUSD: "500" },
          { id: `${BC}-${day(at.t1)}`, date: day(at.t1) * 86400, volumeETH: "0.15", volumeUSD: "345.6" },
        ],
      },
    },
  },
  {
    // time travel: after ticket 2 the deposit alone has paid; the reserve is untouched
    query: q(`{ broadcaster(id: "${BC}", block: { number: ${num(at.t2)} }) { deposit reserve totalVolumeETH } }`),
    expected: { broadcaster: { deposit: "0.02", reserve: "1", totalVolumeETH: "0.1" } },
  },
  {
    query: q(`{ winningTicketRedeemedEvents(first: 2, orderBy: timestamp, orderDirection: desc) { timestamp round { id } sender { id }
      recipient { id } faceValue faceValueWei faceValueUSD paidAmount senderNonce creationRound winProb } }`),
    expected: {
      winningTicketRedeemedEvents: [
        { timestamp: at.t4, round: { id: "3402" }, sender: { id: BC }, recipient: { id: O2 }, faceValue: "0.2", faceValueWei: s(FACE4), faceValueUSD: "500",
          paidAmount: s(FACE4), senderNonce: "4", creationRound: "3401", winProb: s(WIN_PROB) },
        { timestamp: at.t3, round: { id: "3401" }, sender: { id: BC }, recipient: { id: O1 }, faceValue: "0.05", faceValueWei: s(FACE), faceValueUSD: "115.2",
          paidAmount: s(FACE), senderNonce: "3", creationRound: "3401", winProb: s(WIN_PROB) },
      ],
    },
  },
  {
    query: q(`{ reserveClaimedEvents { claimant { id } amount amountWei round { id } } }`),
    expected: {
      reserveClaimedEvents: [
        { claimant: { id: O1 }, amount: dec(claim3), amountWei: s(claim3), round: { id: "3401" } },
        { claimant: { id: O2 }, amount: dec(claim4), amountWei: s(claim4), round: { id: "3402" } },
      ],
    },
  },
  {
    query: q(`{ pools(where: { id_in: ["0000003401-${O1}", "0000003402-${O1}", "0000003402-${O2}"] }) { id totalStake feeShare rewardCut
      fees feesWei cumulativeFeeFactor cumulativeRewardFactor feeCommission } }`),
    expected: {
      pools: [
        { id: `0000003401-${O1}`, totalStake: "8000", feeShare: s(FS1), rewardCut: s(RC1), fees: "0.15", feesWei: s(3n * FACE), cumulativeFeeFactor: s(cff1), cumulativeRewardFactor: "0", feeCommission: s(commission1) },
        // D's claim in 3402 copies O1's latest fee factor into the claim round's pool
        { id: `0000003402-${O1}`, totalStake: "8000", feeShare: s(FS1), rewardCut: s(RC1), fees: "0", feesWei: "0", cumulativeFeeFactor: s(cff1), cumulativeRewardFactor: "0", feeCommission: "0" },
        { id: `0000003402-${O2}`, totalStake: "4000", feeShare: s(FS2), rewardCut: s(RC2), fees: "0.2", feesWei: s(FACE4), cumulativeFeeFactor: s(cff2), cumulativeRewardFactor: "0", feeCommission: s(commission2) },
      ],
    },
  },
  {
    query: q(`{ transcoders(orderBy: totalVolumeETH, orderDirection: desc) { id totalVolumeETH totalVolumeUSD thirtyDayVolumeETH
      pendingFeeCommission lifetimeFeeCommission lastFeeRound { id } } }`),
    expected: {
      transcoders: [
        { id: O2, totalVolumeETH: "0.2", totalVolumeUSD: "500", thirtyDayVolumeETH: "0", pendingFeeCommission: s(commission2), lifetimeFeeCommission: s(commission2), lastFeeRound: { id: "3402" } },
        { id: O1, totalVolumeETH: "0.15", totalVolumeUSD: "345.6", thirtyDayVolumeETH: "0.15", pendingFeeCommission: s(commission1), lifetimeFeeCommission: s(commission1), lastFeeRound: { id: "3401" } },
      ],
    },
  },
  {
    query: q(`{ delegator(id: "${DEL}") { fees feesWei withdrawnFees withdrawnFeesWei lastClaimRound { id } }
      withdrawFeesEvents { delegator { id } recipient amount amountWei } }`.replace(`delegator(id: "${DEL}")`, `delegator(id: "${DEL}", block: { number: ${num(at.withdrawFees)} })`)),
    expected: {
      delegator: { fees: "0", feesWei: "0", withdrawnFees: dec(feesD), withdrawnFeesWei: s(feesD), lastClaimRound: { id: "3402" } },
      withdrawFeesEvents: [{ delegator: { id: DEL }, recipient: DEL, amount: dec(feesD), amountWei: s(feesD) }],
    },
  },
  {
    query: q(`{ protocol(id: "0") { totalVolumeETH totalVolumeWei totalVolumeUSD winningTicketCount activeBroadcasters ethPriceUSD }
      rounds(where: { id_in: ["3401", "3402"] }) { id volumeETH volumeWei volumeUSD }
      days(where: { volumeWei_gt: "0" }, orderBy: date) { id date volumeETH volumeUSD } }`),
    expected: {
      protocol: { totalVolumeETH: "0.35", totalVolumeWei: s(wei("0.35")), totalVolumeUSD: "845.6", winningTicketCount: 4, activeBroadcasters: [BC], ethPriceUSD: "2500" },
      rounds: [
        { id: "3401", volumeETH: "0.15", volumeWei: s(wei("0.15")), volumeUSD: "345.6" },
        { id: "3402", volumeETH: "0.2", volumeWei: s(wei("0.2")), volumeUSD: "500" },
      ],
      days: [
        { id: s(day(at.t1)), date: day(at.t1) * 86400, volumeETH: "0.15", volumeUSD: "345.6" },
        { id: s(day(at.t4)), date: day(at.t4) * 86400, volumeETH: "0.2", volumeUSD: "500" },
      ],
    },
  },
  {
    query: q(`{ delegator(id: "${DEL}") { delegate { id } startRound bondedAmount principal }
      transcoders { id totalStake lastActiveStakeUpdateRound }
      round(id: "3402") { movedStake movedStakeWei newStake }
      bondEvents(where: { delegator: "${DEL}" }, orderBy: timestamp) { newDelegate { id } oldDelegate { id } additionalAmount bondedAmount round { id } } }`),
    expected: {
      delegator: { delegate: { id: O2 }, startRound: "3403", bondedAmount: "2000", principal: "2000" },
      transcoders: [
        { id: O1, totalStake: "6000", lastActiveStakeUpdateRound: "3403" },
        { id: O2, totalStake: "6000", lastActiveStakeUpdateRound: "3403" },
      ],
      round: { movedStake: "2000", movedStakeWei: s(BOND_D), newStake: "0" },
      bondEvents: [
        { newDelegate: { id: O1 }, oldDelegate: null, additionalAmount: "2000", bondedAmount: "2000", round: { id: "3400" } },
        { newDelegate: { id: O2 }, oldDelegate: { id: O1 }, additionalAmount: "0", bondedAmount: "2000", round: { id: "3402" } },
      ],
    },
  },
  {
    query: "{ _meta { block { number } hasIndexingErrors } }",
    expected: { _meta: { block: { number: num(at.move) }, hasIndexingErrors: false } },
  },
];

writeScenario("tickets", { name: "Tickets: funding, winning tickets paid from deposit and reserve, fee pools, fee withdrawal", blocks, assertions });
