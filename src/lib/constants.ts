import { BigDecimal, BigInt, ByteArray, crypto } from "@graphprotocol/graph-ts"

export const ZERO_BI = BigInt.zero()
export const ONE_BI = BigInt.fromI32(1)
export const ZERO_BD = BigDecimal.zero()
export const ZERO_ADDRESS = "0x0000000000000000000000000000000000000000"

export const SECONDS_PER_DAY = 86400

/** Id of the Protocol singleton. */
export const PROTOCOL_ID = "0"

/** MathUtils divisor: rewardCut, feeShare, roundLockAmount, poll and governor shares (10^6 = 100%). */
export const PERC_DIVISOR = BigInt.fromI32(1000000)
/** PreciseMathUtils divisor: cumulative factors and treasury cut rates (10^27 = 100%). */
export const PRECISE_PERC_DIVISOR = BigInt.fromString("1000000000000000000000000000")
/** LPT and ETH have 18 decimals: 10^18 wei per unit. */
export const UNIT = BigInt.fromString("1000000000000000000")
export const WEI_PER_UNIT = BigDecimal.fromString("1000000000000000000")
/** 2^256 - 1: the BondingManager's MAX_FUTURE_ROUND, the deactivation round of an active transcoder. */
export const MAX_UINT256 = BigInt.fromString(
  "115792089237316195423570985008687907853269984665640564039457584007913129639935",
)
/** 2^192, the scale of a squared Uniswap V3 sqrtPriceX96. */
export const Q192 = BigInt.fromString("6277101735386680763835789423207666416102355444464034512896")

/** LivepeerGovernor quota, set once by initialize(); the contract has no setter and no event for it. */
export const GOVERNOR_QUOTA = BigInt.fromI32(500000)
/** LivepeerGovernor quorumDenominator() = MathUtils.PERC_DIVISOR. */
export const GOVERNOR_QUORUM_DENOMINATOR = PERC_DIVISOR

/** Days of the rolling fee windows on Transcoder and Broadcaster. */
export const FEE_WINDOW_DAYS: i32[] = [30, 60, 90]

export namespace TranscoderStatus {
  export const NotRegistered = "NotRegistered"
  export const Registered = "Registered"
}

export namespace PollChoice {
  export const Yes = "Yes"
  export const No = "No"
}

export namespace TreasuryVoteSupport {
  export const Against = "Against"
  export const For = "For"
  export const Abstain = "Abstain"
}

export namespace TreasuryProposalState {
  export const Pending = "Pending"
  export const Active = "Active"
  export const Canceled = "Canceled"
  export const Defeated = "Defeated"
  export const Succeeded = "Succeeded"
  export const Queued = "Queued"
  export const Executed = "Executed"
}

export namespace TreasuryOperationState {
  export const Scheduled = "Scheduled"
  export const Executed = "Executed"
  export const Canceled = "Canceled"
}

export namespace ProtocolUpdateState {
  export const Staged = "Staged"
  export const Executed = "Executed"
  export const Cancelled = "Cancelled"
}

/** Names used as Controller ids (keccak256(name)) on Arbitrum. */
export const CONTROLLER_NAMES: string[] = [
  "BondingManager",
  "BondingManagerTarget",
  "BondingVotes",
  "BondingVotesTarget",
  "JobsManager",
  "L2LPTDataCache",
  "L2LPTGateway",
  "L2Migrator",
  "L2MigratorTarget",
  "LivepeerGovernor",
  "LivepeerGovernorTarget",
  "LivepeerToken",
  "MerkleSnapshot",
  "Minter",
  "PollCreator",
  "RoundsManager",
  "RoundsManagerTarget",
  "ServiceRegistry",
  "ServiceRegistryTarget",
  "TicketBroker",
  "TicketBrokerTarget",
  "Treasury",
  "Verifier",
]

/** Controller id of a contract name: keccak256(name), 0x hex. */
export function controllerId(name: string): string {
  return crypto.keccak256(ByteArray.fromUTF8(name)).toHexString()
}

/** Seconds in a 365-day year: the year of every annualized rate. */
export const SECONDS_PER_YEAR = 31536000
/** Ethereum L1 slot time in seconds; roundLength is in L1 blocks (fallback for rounds per year). */
export const L1_BLOCK_TIME_SECONDS = 12
/** Rounds between the two NewRound timestamps that give the observed round duration. */
export const ROUNDS_PER_YEAR_SPAN = 30
/** Rounds further back searched for an initialized round when the one ROUNDS_PER_YEAR_SPAN back was skipped. */
export const ROUNDS_PER_YEAR_SLACK = 5
/** Days of the trailing metrics window (fee revenue, orchestrator rates, missed reward calls). */
export const METRICS_WINDOW_DAYS = 30
