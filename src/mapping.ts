// The one mapping module of every data source and template. graph build compiles each mapping
// file once, so a single entry compiles graph-ts, the generated types and src/lib once instead of
// once per data source. Each handler lives in the file of its contract.

export {
  handleSetContractInfo,
  handlePause,
  handleUnpause,
} from "./controller"
export {
  handleBond,
  handleUnbond,
  handleRebond,
  handleTransferBond,
  handleWithdrawStake,
  handleWithdrawFees,
  handleEarningsClaimed,
  handleReward,
  handleTreasuryReward,
  handleTranscoderUpdate,
  handleTranscoderActivated,
  handleTranscoderDeactivated,
  handleTranscoderSlashed,
  handleBondingManagerParameterUpdate,
  handleRewardCallerSet,
} from "./bondingManager"
export {
  handleNewRound,
  handleRoundsManagerParameterUpdate,
} from "./roundsManager"
export {
  handleSetCurrentRewardTokens,
  handleMinterParameterUpdate,
} from "./minter"
export {
  handleDepositFunded,
  handleReserveFunded,
  handleReserveClaimed,
  handleWinningTicketTransfer,
  handleWinningTicketRedeemed,
  handleUnlock,
  handleUnlockCancelled,
  handleWithdrawal,
  handleTicketBrokerParameterUpdate,
} from "./ticketBroker"
export {
  handleServiceURIUpdate,
} from "./serviceRegistry"
export {
  handleTransfer,
  handleMint,
  handleBurn,
} from "./livepeerToken"
export {
  handlePollCreated,
} from "./pollCreator"
export {
  handleDelegateChanged,
  handleDelegateVotesChanged,
  handleDelegatorBondedAmountChanged,
} from "./bondingVotes"
export {
  handleProposalCreated,
  handleVoteCast,
  handleVoteCastWithParams,
  handleProposalQueued,
  handleProposalExecuted,
  handleProposalCanceled,
  handleVotingDelaySet,
  handleVotingPeriodSet,
  handleProposalThresholdSet,
  handleQuorumNumeratorUpdated,
  handleTimelockChange,
} from "./livepeerGovernor"
export {
  handleCallScheduled,
  handleCallSalt,
  handleCallExecuted,
  handleCancelled,
  handleMinDelayChange,
} from "./treasury"
export {
  handleMigrateDelegatorFinalized,
  handleMigrateUnbondingLocksFinalized,
  handleMigrateSenderFinalized,
  handleStakeClaimed,
  handleDelegatorPoolCreated,
} from "./l2Migrator"
export {
  handleDepositFinalized,
  handleWithdrawalInitiated,
} from "./l2LptGateway"
export {
  handleCacheTotalSupplyFinalized,
} from "./l2LptDataCache"
export {
  handleUpdateStaged,
  handleUpdateExecuted,
  handleUpdateCancelled,
} from "./governor"
export {
  handleVote,
} from "./poll"
export {
  handleDelegatorPoolInitialized,
  handleClaimed,
} from "./delegatorPool"
