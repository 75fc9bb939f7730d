import { A, E27, MAX_UINT256, ZERO, SIG, ev, call, dec, wei, s, lc, h, p6, p9, f9, p27, f27, controllerId, protocolSetup, initializeRound, roundStart, block, Q96, priceWei, writeScenario } from "./lib.mjs";

const ORCH_A = "0x" + "a".repeat(40);
const ORCH_B = "0x" + "b".repeat(40);
const DEL = "0x" + "d".repeat(40);
const tx = (label) => h(`staking ${label}`);
const GIT = "0x3b8d1e6e4c2e9a4e1b3c6f7a8d9e0f1a2b3c4d5e";

// Supply: L1 total supply cached on L2 = 27.5M LPT; A, B and D bridge their LPT in, which is neutral for the
// global supply (§5.14): S = l2 + (l1 - fromL1) = 16,500 + 27,483,500 = 27,500,000.
const S = wei("27500000");
const bridged = { [ORCH_A]: wei("10000"), [ORCH_B]: wei("4000"), [DEL]: wei("2500") };
// Prices: sqrtPriceX96 = 2^92 → LPT = 1/256 ETH exactly; 48·2^96 → ETH = 2304 DAI exactly.
const LPT_SQRT = 1n << 92n;
const ETH_SQRT = 48n * Q96;
// Inflation (§5.2): bonding rate below the 50% target → +inflationChange (500) per round.
const INFL_3200 = 221000n, INFL_3201 = 221500n;
const MINTABLE_3200 = p9(S, INFL_3200); // 6077.5 LPT
const MINTABLE_3201 = p9(S, INFL_3201); // 6091.25 LPT
const TREASURY_CUT = 10n ** 26n;

// Reward of A in round 3201 (§5.3): pool stake = A's stake at the round start = 10,000 + 2,500.
const POOL_STAKE_A = wei("12500");
const ACTIVE_3201 = wei("16500");
const total = f9(MINTABLE_3201, POOL_STAKE_A, ACTIVE_3201);
const treasury = p27(total, TREASURY_CUT);
const rewards = total - treasury;
const RC_A = 150000n, FS_A = 500000n, RC_B = 50000n, FS_B = 750000n;
const commission = p6(rewards, RC_A);
const delegatorsRewards = rewards - commission;
const CRF_3201 = E27 + f27(E27, delegatorsRewards, POOL_STAKE_A);

// A winning ticket paid to A after its first-ever reward in the same round (§5.4 step 3): pool[3200] has no
// reward factor and A rewarded in 3201, so the contract estimates the factor A would have had at 3200 from this
// round's rewards: rewards ≈ f27(currentMintableTokens + currentMintedTokens, poolStake, activeStake), minus the
// treasury cut and the commission.
const BC = "0x" + "c".repeat(40);
const FEE = wei("0.1");
let estimate = f27(MINTABLE_3201 + total, POOL_STAKE_A, ACTIVE_3201);
estimate -= p27(estimate, TREASURY_CUT);
const estimateDelegators = estimate - p6(estimate, RC_A);
const prevCRF = f27(CRF_3201, POOL_STAKE_A, estimateDelegators + POOL_STAKE_A);
const feeDelegators = p6(FEE, FS_A);
const feeCommission = FEE - feeDelegators; // + f27(feeDelegators, activeCumulativeRewards = 0, stake) = 0
const CFF_3201 = f27(prevCRF, feeDelegators, POOL_STAKE_A);

const B = {
  setup: 160000000, round3200: 160000400, bondA: 160001000, bondB: 160001500, bondD: 160003000, round3201: 160276880, rewardA: 160277280, ticket: 160280000,
};
const T = (n) => 1702800000 + Math.floor((n - 160000000) / 4); // 4 Arbitrum blocks per second

const setup = protocolSetup(tx);
const blocks = [
  block(B.setup, T(B.setup), [
    setup,
    ev(A.bondingManager, SIG.ParameterUpdate, { param: "nextRoundTreasuryRewardCutRate" }, tx("cut")),
    ev(A.bondingManager, SIG.ParameterUpdate, { param: "treasuryBalanceCeiling" }, tx("ceiling")),
    ev(A.controller, SIG.SetContractInfo, { id: controllerId("Treasury"), contractAddress: A.treasury, gitCommitHash: GIT }, tx("treasury")),
    ev(A.controller, SIG.SetContractInfo, { id: controllerId("Minter"), contractAddress: A.minter, gitCommitHash: GIT }, tx("minter")),
    ev(A.dataCache, SIG.CacheTotalSupplyFinalized, { totalSupply: s(S) }, tx("l1 supply")),
    ev(A.ticketBroker, SIG.ReserveFunded, { reserveHolder: BC, amount: s(wei("1")) }, tx("fund")),
    ev(A.ticketBroker, SIG.DepositFunded, { sender: BC, amount: s(wei("0.5")) }, tx("fund")),
    ...Object.entries(bridged).flatMap(([who, amount]) => [
      ev(A.lpt, SIG.Transfer, { from: ZERO, to: who, value: s(amount) }, tx(`bridge ${who}`)),
      ev(A.lpt, SIG.Mint, { to: who, amount: s(amount) }, tx(`bridge ${who}`)),
      ev(A.gateway, SIG.DepositFinalized, { _l1Token: A.l1Lpt, _from: who, _to: who, _amount: s(amount) }, tx(`bridge ${who}`)),
    ]),
    {
      ethCalls: [
        call(A.bondingManager, "nextRoundTreasuryRewardCutRate()(uint256)", [], [s(TREASURY_CUT)]),
        call(A.bondingManager, "treasuryBalanceCeiling()(uint256)", [], [s(wei("750000"))]),
        call(A.minter, "targetBondingRate()(uint256)", [], ["500000000"]),
        call(A.minter, "inflationChange()(uint256)", [], ["500"]),
      ],
    },
  ]),
  block(B.round3200, T(B.round3200), [
    initializeRound(tx("init 3200"), 3200, { mintable: MINTABLE_3200, inflation: INFL_3200, lptSqrt: LPT_SQRT, ethSqrt: ETH_SQRT, promoteTreasuryCut: true }),
  ]),
  ...[
    [ORCH_A, RC_A, FS_A, B.bondA, "https://orchestrator-a.example.com:8935"],
    [ORCH_B, RC_B, FS_B, B.bondB, "https://orchestrator-b.example.com:8935"],
  ].map(([o, rc, fs, n, uri]) =>
    block(n, T(n), [
      // bond from Unbonded to itself (§2.14): claim (zero delegate) → joins the pool → LPT in → Bond
      ev(A.bondingManager, SIG.EarningsClaimed, { delegate: ZERO, delegator: o, rewards: "0", fees: "0", startRound: "1", endRound: "3200" }, tx(`bond ${o}`)),
      ev(A.bondingManager, SIG.TranscoderActivated, { transcoder: o, activationRound: "3201" }, tx(`bond ${o}`)),
      ev(A.lpt, SIG.Transfer, { from: o, to: A.minter, value: s(bridged[o]) }, tx(`bond ${o}`)),
      ev(A.bondingManager, SIG.Bond, { newDelegate: o, oldDelegate: ZERO, delegator: o, additionalAmount: s(bridged[o]), bondedAmount: s(bridged[o]) }, tx(`bond ${o}`)),
      ev(A.bondingManager, SIG.TranscoderUpdate, { transcoder: o, rewardCut: s(rc), feeShare: s(fs) }, tx(`transcoder ${o}`)),
      ev(A.serviceRegistry, SIG.ServiceURIUpdate, { addr: o, serviceURI: uri }, tx(`uri ${o}`)),
    ]),
  ),
  block(B.bondD, T(B.bondD), [
    ev(A.bondingManager, SIG.EarningsClaimed, { delegate: ZERO, delegator: DEL, rewards: "0", fees: "0", startRound: "1", endRound: "3200" }, tx("bond D")),
    ev(A.lpt, SIG.Transfer, { from: DEL, to: A.minter, value: s(bridged[DEL]) }, tx("bond D")),
    ev(A.bondingManager, SIG.Bond, { newDelegate: ORCH_A, oldDelegate: ZERO, delegator: DEL, additionalAmount: s(bridged[DEL]), bondedAmount: s(bridged[DEL]) }, tx("bond D")),
  ]),
  block(B.round3201, T(B.round3201), [
    initializeRound(tx("init 3201"), 3201, { mintable: MINTABLE_3201, inflation: INFL_3201, lptSqrt: LPT_SQRT, ethSqrt: ETH_SQRT }),
  ]),
  block(B.rewardA, T(B.rewardA), [
    // reward with a treasury cut (§2.14): mint → treasury transfer → TreasuryReward → Reward
    ev(A.lpt, SIG.Transfer, { from: ZERO, to: A.minter, value: s(total) }, tx("reward A")),
    ev(A.lpt, SIG.Mint, { to: A.minter, amount: s(total) }, tx("reward A")),
    ev(A.lpt, SIG.Transfer, { from: A.minter, to: A.treasury, value: s(treasury) }, tx("reward A")),
    ev(A.bondingManager, SIG.TreasuryReward, { transcoder: ORCH_A, treasury: A.treasury, amount: s(treasury) }, tx("reward A")),
    ev(A.bondingManager, SIG.Reward, { transcoder: ORCH_A, amount: s(rewards) }, tx("reward A")),
  ]),
  block(B.ticket, T(B.ticket), [
    ev(A.ticketBroker, SIG.WinningTicketTransfer, { sender: BC, recipient: ORCH_A, amount: s(FEE) }, tx("ticket")),
    ev(A.ticketBroker, SIG.WinningTicketRedeemed, {
      sender: BC, recipient: ORCH_A, faceValue: s(FEE), winProb: s((1n << 255n) / 500n), senderNonce: "1", recipientRand: s(BigInt(h("rand"))),
      auxData: "0x" + (3201).toString(16).padStart(64, "0") + h("L1 block hash of round 3201").slice(2),
    }, tx("ticket")),
  ]),
];

const supplyAfter = S + total;
const stakeA = POOL_STAKE_A + rewards;
const q = (x) => x.replace(/\s+/g, " ").trim();
const assertions = [
  {
    query: q(`{ protocol(id: "0") { currentRound { id } lastInitializedRound { id } roundCount roundLength lockPeriod unbondingPeriod
      numActiveTranscoders activeTranscoderCount paused inflation inflationChange targetBondingRate currentMintableTokens
      totalActiveStake totalActiveStakeWei totalSupply totalSupplyWei l2TotalSupply l1TotalSupply l2SupplyFromL1 delegatorsCount
      lptPriceEth ethPriceUSD treasuryRewardCutRate nextRoundTreasuryRewardCutRate treasuryBalanceCeiling treasuryBalance
      pendingActivation { id } transcoderPool { id } } }`),
    expected: {
      protocol: {
        currentRound: { id: "3201" }, lastInitializedRound: { id: "3201" }, roundCount: 2, roundLength: "5760", lockPeriod: "576",
        unbondingPeriod: "7", numActiveTranscoders: "100", activeTranscoderCount: "2", paused: false,
        inflation: s(INFL_3201), inflationChange: "500", targetBondingRate: "500000000", currentMintableTokens: s(MINTABLE_3201),
        totalActiveStake: "16500", totalActiveStakeWei: s(ACTIVE_3201), totalSupply: dec(supplyAfter), totalSupplyWei: s(supplyAfter),
        l2TotalSupply: s(wei("16500") + total), l1TotalSupply: s(S), l2SupplyFromL1: s(wei("16500")), delegatorsCount: "3",
        lptPriceEth: dec(priceWei(LPT_SQRT)), ethPriceUSD: dec(priceWei(ETH_SQRT)), treasuryRewardCutRate: s(TREASURY_CUT), nextRoundTreasuryRewardCutRate: s(TREASURY_CUT),
        treasuryBalanceCeiling: s(wei("750000")), treasuryBalance: s(treasury),
        pendingActivation: [], transcoderPool: [{ id: ORCH_A }, { id: ORCH_B }],
      },
    },
  },
  {
    // time travel: the Explorer's overview right after round 3201 was initialized, before any reward call
    query: q(`{ protocol(id: "0", block: { number: ${B.round3201} }) { currentRound { id } totalActiveStake totalSupply participationRate
      treasuryBalance activeTranscoderCount } }`),
    expected: { protocol: { currentRound: { id: "3201" }, totalActiveStake: "16500", totalSupply: "27500000", participationRate: "0.0006", treasuryBalance: "0", activeTranscoderCount: "2" } },
  },
  {
    query: q(`{ transcoders(first: 1, orderBy: totalStake, orderDirection: desc) { id status active activationRound deactivationRound
      lastActiveStakeUpdateRound rewardCut feeShare totalStake totalStakeWei serviceURI lastRewardRound { id } pendingRewardCommission
      lifetimeRewardCommission activeCumulativeRewards pendingFeeCommission lastFeeRound { id } delegator { id } delegators { id bondedAmount } } }`),
    expected: {
      transcoders: [{
        id: ORCH_A, status: "Registered", active: true, activationRound: "3201", deactivationRound: s(MAX_UINT256),
        lastActiveStakeUpdateRound: "3202", rewardCut: s(RC_A), feeShare: s(FS_A), totalStake: dec(stakeA), totalStakeWei: s(stakeA),
        serviceURI: "https://orchestrator-a.example.com:8935", lastRewardRound: { id: "3201" }, pendingRewardCommission: s(commission),
        lifetimeRewardCommission: s(commission), activeCumulativeRewards: "0", pendingFeeCommission: s(feeCommission), lastFeeRound: { id: "3201" }, delegator: { id: ORCH_A },
        delegators: [{ id: ORCH_A, bondedAmount: "10000" }, { id: DEL, bondedAmount: "2500" }],
      }],
    },
  },
  {
    query: q(`{ transcoders(orderBy: totalStake, orderDirection: desc) { id totalStake active activationRound rewardCut feeShare } }`),
    expected: {
      transcoders: [
        { id: ORCH_A, totalStake: dec(stakeA), active: true, activationRound: "3201", rewardCut: s(RC_A), feeShare: s(FS_A) },
        { id: ORCH_B, totalStake: "4000", active: true, activationRound: "3201", rewardCut: s(RC_B), feeShare: s(FS_B) },
      ],
    },
  },
  {
    query: q(`{ delegator(id: "${DEL}") { id bondedAmount bondedAmountWei principal unbonded fees delegatedAmount startRound
      lastClaimRound { id } shares delegate { id totalStake } }
      pools(where: { round: "3201" }, orderBy: id) { id round { id } delegate { id } totalStake totalStakeWei rewardCut feeShare rewardTokens
      rewardTokensWei treasuryRewardTokens cumulativeRewardFactor cumulativeFeeFactor rewardCommission fees feeCommission } }`),
    expected: {
      delegator: {
        id: DEL, bondedAmount: "2500", bondedAmountWei: s(wei("2500")), principal: "2500", unbonded: "0", fees: "0", delegatedAmount: "0",
        startRound: "3201", lastClaimRound: { id: "3200" }, shares: s(wei("2500")), delegate: { id: ORCH_A, totalStake: dec(stakeA) },
      },
      pools: [
        {
          id: `0000003201-${ORCH_A}`, round: { id: "3201" }, delegate: { id: ORCH_A }, totalStake: "12500", totalStakeWei: s(POOL_STAKE_A),
          rewardCut: s(RC_A), feeShare: s(FS_A), rewardTokens: dec(rewards), rewardTokensWei: s(rewards), treasuryRewardTokens: s(treasury),
          cumulativeRewardFactor: s(CRF_3201), cumulativeFeeFactor: s(CFF_3201), rewardCommission: s(commission), fees: "0.1",
          feeCommission: s(feeCommission),
        },
        {
          id: `0000003201-${ORCH_B}`, round: { id: "3201" }, delegate: { id: ORCH_B }, totalStake: "4000", totalStakeWei: s(wei("4000")),
          rewardCut: s(RC_B), feeShare: s(FS_B), rewardTokens: null, rewardTokensWei: null, treasuryRewardTokens: null,
          cumulativeRewardFactor: "0", cumulativeFeeFactor: "0", rewardCommission: "0", fees: "0", feeCommission: "0",
        },
      ],
    },
  },
  {
    query: q(`{ rounds(where: { id_in: ["3200", "3201"] }) { id initialized startBlock endBlock length startTimestamp inflation
      mintableTokens mintableTokensWei mintedTokens treasuryRewards totalActiveStake activeTranscoderCount delegatorsCount
      newStake newStakeWei treasuryRewardCutRate treasuryBalance } }`),
    expected: {
      rounds: [
        {
          id: "3200", initialized: true, startBlock: s(roundStart(3200)), endBlock: s(roundStart(3201)), length: "5760", startTimestamp: T(B.round3200),
          inflation: s(INFL_3200), mintableTokens: dec(MINTABLE_3200), mintableTokensWei: s(MINTABLE_3200), mintedTokens: "0", treasuryRewards: "0",
          totalActiveStake: "0", activeTranscoderCount: "0", delegatorsCount: "0", newStake: "16500", newStakeWei: s(wei("16500")),
          treasuryRewardCutRate: s(TREASURY_CUT), treasuryBalance: "0",
        },
        {
          id: "3201", initialized: true, startBlock: s(roundStart(3201)), endBlock: s(roundStart(3202)), length: "5760", startTimestamp: T(B.round3201),
          inflation: s(INFL_3201), mintableTokens: dec(MINTABLE_3201), mintableTokensWei: s(MINTABLE_3201), mintedTokens: s(total), treasuryRewards: s(treasury),
          totalActiveStake: "16500", activeTranscoderCount: "2", delegatorsCount: "3", newStake: "0", newStakeWei: "0",
          treasuryRewardCutRate: s(TREASURY_CUT), treasuryBalance: s(treasury),
        },
      ],
    },
  },
  {
    query: q(`{ transaction(id: "${tx("reward A")}") { blockNumber timestamp events { __typename round { id }
      ... on MintEvent { to amount } ... on TreasuryRewardEvent { delegate { id } treasury treasuryAmount: amount } ... on RewardEvent { delegate { id } rewardTokens rewardTokensWei } } } }`),
    expected: {
      transaction: {
        blockNumber: s(B.rewardA), timestamp: T(B.rewardA),
        events: [
          { __typename: "MintEvent", round: { id: "3201" }, to: lc(A.minter), amount: dec(total) },
          { __typename: "TreasuryRewardEvent", round: { id: "3201" }, delegate: { id: ORCH_A }, treasury: lc(A.treasury), treasuryAmount: s(treasury) },
          { __typename: "RewardEvent", round: { id: "3201" }, delegate: { id: ORCH_A }, rewardTokens: dec(rewards), rewardTokensWei: s(rewards) },
        ],
      },
    },
  },
  {
    query: "{ _meta { block { number } hasIndexingErrors } }",
    expected: { _meta: { block: { number: B.ticket }, hasIndexingErrors: false } },
  },
];

const scenario = { name: "Staking: rounds, orchestrator registration and activation, delegation, reward with treasury cut", blocks, assertions };
writeScenario("staking", scenario);
