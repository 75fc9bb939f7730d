// Helpers for the scenario generators: contract addresses, event signatures, the protocol's integer maths
// (PROTOCOL.md §5) and gnd-test block builders. Run a generator with `node tests/scenarios/generate/<name>.mjs`.
export { keccak256, toHex, encodeAbiParameters, encodeFunctionData } from "viem";
import { keccak256, toHex } from "viem";
import { writeFileSync } from "node:fs";

/** Writes tests/scenarios/<name>.json. */
export function writeScenario(name, scenario) {
  writeFileSync(new URL(`../${name}.json`, import.meta.url), JSON.stringify(scenario, null, 2) + "\n");
}

export const E18 = 10n ** 18n;
export const E27 = 10n ** 27n;
export const MAX_UINT256 = (1n << 256n) - 1n;
export const ZERO = "0x0000000000000000000000000000000000000000";
export const Q96 = 1n << 96n;
export const Q192 = 1n << 192n;

export const A = {
  controller: "0xD8E8328501E9645d16Cf49539efC04f734606ee4",
  bondingManager: "0x35Bcf3c30594191d53231E4FF333E8A770453e40",
  roundsManager: "0xdd6f56DcC28D3F5f27084381fE8Df634985cc39f",
  minter: "0xc20DE37170B45774e6CD3d2304017fc962f27252",
  ticketBroker: "0xa8bB618B1520E284046F3dFc448851A1Ff26e41B",
  serviceRegistry: "0xC92d3A360b8f9e083bA64DE15d95Cf8180897431",
  lpt: "0x289ba1701C2F088cf0faf8B3705246331cB8A839",
  pollCreator: "0x8bb50806D60c492c0004DAD5D9627DAA2d9732E6",
  bondingVotes: "0x0B9C254837E72Ebe9Fe04960C43B69782E68169A",
  governor: "0xcFE4E2879B786C3aa075813F0E364bb5acCb6aa0",
  treasury: "0xf82C1FF415F1fCf582554fDba790E27019c8E8C4",
  gateway: "0x6D2457a4ad276000A615295f7A80F79E48CcD318",
  dataCache: "0xd78b6bD09cd28A83cFb21aFa0DA95c685A6bb0B1",
  l1Lpt: "0x58b6A8A3302369DAEc383334672404Ee733aB239",
  lptWethPool: "0x4fd47e5102dfbf95541f64ed6fe13d4ed26d2546",
  wethDaiPool: "0xa961f0473da4864c5ed28e00fcc53a3aab056c1b",
};

/** Lowercase address. */
export const lc = (a) => a.toLowerCase();

/** A 32-byte hash from a label (transaction hashes, block hashes). */
export const h = (label) => keccak256(toHex(label));

/** wei → graph BigDecimal text of wei / 10^18 (normalized: no trailing zeros, no exponent). */
export function dec(wei, scale = E18) {
  const neg = wei < 0n;
  let v = neg ? -wei : wei;
  const int = v / scale;
  let frac = (v % scale).toString().padStart(scale.toString().length - 1, "0").replace(/0+$/, "");
  return (neg ? "-" : "") + int.toString() + (frac ? "." + frac : "");
}

/** Integer `n` LPT (or ETH) with an optional decimal part, as wei: lpt("2500.5"). */
export function wei(text) {
  const [i, f = ""] = String(text).split(".");
  return BigInt(i) * E18 + BigInt((f + "0".repeat(18)).slice(0, 18) || "0");
}

export const s = (n) => n.toString();

// ---- the contracts' integer maths (PROTOCOL.md §5) ----
/** MathUtils.percOf(a, r) = a·r / 10^6 */
export const p6 = (a, r) => (a * r) / 10n ** 6n;
/** MathUtilsV2 three-argument percOf (Minter): a · (n·10^9 / d) / 10^9 */
export const f9 = (a, n, d) => (a * ((n * 10n ** 9n) / d)) / 10n ** 9n;
/** MathUtilsV2 percOf(a, r) = a·r / 10^9 */
export const p9 = (a, r) => (a * r) / 10n ** 9n;
/** PreciseMathUtils.percOf(a, r) = a·r / 10^27 */
export const p27 = (a, r) => (a * r) / E27;
/** PreciseMathUtils three-argument percOf: a · (n·10^27 / d) / 10^27 */
export const f27 = (a, n, d) => (a * ((n * E27) / d)) / E27;

/** Uniswap V3 price of token0 in token1 as the mapping derives it: floor(sqrtP² · 10^18 / 2^192) wei. */
export const priceWei = (sqrtP) => (sqrtP * sqrtP * E18) / Q192;

export function controllerId(name) {
  return keccak256(toHex(name));
}

// ---- event builders (gnd-test event entries) ----
export function ev(address, event, params, txHash) {
  const e = { address, event, params };
  if (txHash) e.txHash = txHash;
  return e;
}

export const SIG = {
  // BondingManager
  Bond: "Bond(address indexed newDelegate, address indexed oldDelegate, address indexed delegator, uint256 additionalAmount, uint256 bondedAmount)",
  Unbond: "Unbond(address indexed delegate, address indexed delegator, uint256 unbondingLockId, uint256 amount, uint256 withdrawRound)",
  Rebond: "Rebond(address indexed delegate, address indexed delegator, uint256 unbondingLockId, uint256 amount)",
  TransferBond: "TransferBond(address indexed oldDelegator, address indexed newDelegator, uint256 oldUnbondingLockId, uint256 newUnbondingLockId, uint256 amount)",
  WithdrawStake: "WithdrawStake(address indexed delegator, uint256 unbondingLockId, uint256 amount, uint256 withdrawRound)",
  WithdrawFees: "WithdrawFees(address indexed delegator, address recipient, uint256 amount)",
  EarningsClaimed: "EarningsClaimed(address indexed delegate, address indexed delegator, uint256 rewards, uint256 fees, uint256 startRound, uint256 endRound)",
  Reward: "Reward(address indexed transcoder, uint256 amount)",
  TreasuryReward: "TreasuryReward(address indexed transcoder, address treasury, uint256 amount)",
  TranscoderUpdate: "TranscoderUpdate(address indexed transcoder, uint256 rewardCut, uint256 feeShare)",
  TranscoderActivated: "TranscoderActivated(address indexed transcoder, uint256 activationRound)",
  TranscoderDeactivated: "TranscoderDeactivated(address indexed transcoder, uint256 deactivationRound)",
  ParameterUpdate: "ParameterUpdate(string param)",
  // RoundsManager / Minter
  NewRound: "NewRound(uint256 indexed round, bytes32 blockHash)",
  SetCurrentRewardTokens: "SetCurrentRewardTokens(uint256 currentMintableTokens, uint256 currentInflation)",
  // Controller
  SetContractInfo: "SetContractInfo(bytes32 id, address contractAddress, bytes20 gitCommitHash)",
  Unpause: "Unpause()",
  // LPT, bridge
  Transfer: "Transfer(address indexed from, address indexed to, uint256 value)",
  Mint: "Mint(address indexed to, uint256 amount)",
  DepositFinalized: "DepositFinalized(address indexed _l1Token, address indexed _from, address indexed _to, uint256 _amount)",
  CacheTotalSupplyFinalized: "CacheTotalSupplyFinalized(uint256 totalSupply)",
  // ServiceRegistry
  ServiceURIUpdate: "ServiceURIUpdate(address indexed addr, string serviceURI)",
  // TicketBroker
  DepositFunded: "DepositFunded(address indexed sender, uint256 amount)",
  ReserveFunded: "ReserveFunded(address indexed reserveHolder, uint256 amount)",
  ReserveClaimed: "ReserveClaimed(address indexed reserveHolder, address claimant, uint256 amount)",
  WinningTicketTransfer: "WinningTicketTransfer(address indexed sender, address indexed recipient, uint256 amount)",
  WinningTicketRedeemed: "WinningTicketRedeemed(address indexed sender, address indexed recipient, uint256 faceValue, uint256 winProb, uint256 senderNonce, uint256 recipientRand, bytes auxData)",
  Unlock: "Unlock(address indexed sender, uint256 startRound, uint256 endRound)",
  UnlockCancelled: "UnlockCancelled(address indexed sender)",
  // BondingVotes
  DelegateChanged: "DelegateChanged(address indexed delegator, address indexed fromDelegate, address indexed toDelegate)",
  DelegateVotesChanged: "DelegateVotesChanged(address indexed delegate, uint256 previousBalance, uint256 newBalance)",
  DelegatorBondedAmountChanged: "DelegatorBondedAmountChanged(address indexed delegate, uint256 previousBondedAmount, uint256 previousLastClaimRound, uint256 newBondedAmount, uint256 newLastClaimRound)",
  // LivepeerGovernor
  ProposalCreated: "ProposalCreated(uint256 proposalId, address proposer, address[] targets, uint256[] values, string[] signatures, bytes[] calldatas, uint256 voteStart, uint256 voteEnd, string description)",
  VoteCast: "VoteCast(address indexed voter, uint256 proposalId, uint8 support, uint256 weight, string reason)",
  VoteCastWithParams: "VoteCastWithParams(address indexed voter, uint256 proposalId, uint8 support, uint256 weight, string reason, bytes params)",
  ProposalQueued: "ProposalQueued(uint256 proposalId, uint256 eta)",
  ProposalExecuted: "ProposalExecuted(uint256 proposalId)",
  VotingDelaySet: "VotingDelaySet(uint256 oldVotingDelay, uint256 newVotingDelay)",
  VotingPeriodSet: "VotingPeriodSet(uint256 oldVotingPeriod, uint256 newVotingPeriod)",
  ProposalThresholdSet: "ProposalThresholdSet(uint256 oldProposalThreshold, uint256 newProposalThreshold)",
  QuorumNumeratorUpdated: "QuorumNumeratorUpdated(uint256 oldQuorumNumerator, uint256 newQuorumNumerator)",
  TimelockChange: "TimelockChange(address oldTimelock, address newTimelock)",
  // Treasury
  CallScheduled: "CallScheduled(bytes32 indexed id, uint256 indexed index, address target, uint256 value, bytes data, bytes32 predecessor, uint256 delay)",
  CallSalt: "CallSalt(bytes32 indexed id, bytes32 salt)",
  CallExecuted: "CallExecuted(bytes32 indexed id, uint256 indexed index, address target, uint256 value, bytes data)",
  MinDelayChange: "MinDelayChange(uint256 oldDuration, uint256 newDuration)",
  // Polls
  PollCreated: "PollCreated(address indexed poll, bytes proposal, uint256 endBlock, uint256 quorum, uint256 quota)",
  PollVote: "Vote(address indexed voter, uint256 choiceID)",
};

export function slot0Call(pool, sqrtP) {
  return {
    address: pool,
    function: "slot0()(uint160,int24,uint16,uint16,uint16,uint8,bool)",
    params: [],
    returns: [s(sqrtP), 0, 0, 1, 1, 0, true],
  };
}

export function call(address, fn, params, returns) {
  return { address, function: fn, params, returns };
}

/**
 * Governance/bootstrap parameters read after ParameterUpdate events, as they stand on Arbitrum (§4.6):
 * roundLength 5760 with the L2 round-length update in round 2466 (start block 2466·5760), roundLockAmount
 * 10%, unbondingPeriod 7, numActiveTranscoders 100; plus the Controller's Unpause.
 */
export const ROUND_LENGTH = 5760n;
export const LENGTH_UPDATE_ROUND = 2466n;
export const LENGTH_UPDATE_START = LENGTH_UPDATE_ROUND * ROUND_LENGTH;

export function protocolSetup(tx) {
  const events = [
    ev(A.controller, SIG.Unpause, {}, tx("unpause")),
    ev(A.roundsManager, SIG.ParameterUpdate, { param: "roundLength" }, tx("roundLength")),
    ev(A.roundsManager, SIG.ParameterUpdate, { param: "roundLockAmount" }, tx("roundLockAmount")),
    ev(A.bondingManager, SIG.ParameterUpdate, { param: "unbondingPeriod" }, tx("unbondingPeriod")),
    ev(A.bondingManager, SIG.ParameterUpdate, { param: "numActiveTranscoders" }, tx("numActiveTranscoders")),
  ];
  const ethCalls = [
    call(A.roundsManager, "roundLength()(uint256)", [], [s(ROUND_LENGTH)]),
    call(A.roundsManager, "lastRoundLengthUpdateRound()(uint256)", [], [s(LENGTH_UPDATE_ROUND)]),
    call(A.roundsManager, "lastRoundLengthUpdateStartBlock()(uint256)", [], [s(LENGTH_UPDATE_START)]),
    call(A.roundsManager, "roundLockAmount()(uint256)", [], ["100000"]),
    call(A.bondingManager, "unbondingPeriod()(uint64)", [], ["7"]),
    call(A.bondingManager, "getTranscoderPoolMaxSize()(uint256)", [], ["100"]),
  ];
  return { events, ethCalls };
}

/**
 * initializeRound: [BM ParameterUpdate("treasuryRewardCutRate")] → Minter SetCurrentRewardTokens → NewRound
 * (§2.14), in one transaction; the NewRound handler reads both Uniswap pools' slot0.
 */
export function initializeRound(txHash, round, { mintable, inflation, lptSqrt, ethSqrt, promoteTreasuryCut = false }) {
  const events = [];
  if (promoteTreasuryCut) events.push(ev(A.bondingManager, SIG.ParameterUpdate, { param: "treasuryRewardCutRate" }, txHash));
  events.push(ev(A.minter, SIG.SetCurrentRewardTokens, { currentMintableTokens: s(mintable), currentInflation: s(inflation) }, txHash));
  events.push(ev(A.roundsManager, SIG.NewRound, { round: s(round), blockHash: h(`L1 block hash of round ${round}`) }, txHash));
  return { events, ethCalls: [slot0Call(A.lptWethPool, lptSqrt), slot0Call(A.wethDaiPool, ethSqrt)] };
}

/** Round start block with roundLength 5760 since round 2466 (§3). */
export const roundStart = (round) => LENGTH_UPDATE_START + (BigInt(round) - LENGTH_UPDATE_ROUND) * ROUND_LENGTH;

export function block(number, timestamp, parts) {
  const events = [];
  const ethCalls = [];
  for (const p of parts) {
    if (Array.isArray(p)) events.push(...p);
    else if (p.events || p.ethCalls) {
      events.push(...(p.events ?? []));
      ethCalls.push(...(p.ethCalls ?? []));
    } else events.push(p);
  }
  const b = { number, timestamp, events };
  if (ethCalls.length) b.ethCalls = ethCalls;
  return b;
}
