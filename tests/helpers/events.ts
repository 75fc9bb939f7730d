// new<Event>Event builders, one per ABI event the manifest handles; parameters in ABI order.
// Events come from the contract address in subgraph.yaml (templates: set event.address in the test).
import { Address, BigInt, Bytes, ethereum } from "@graphprotocol/graph-ts"
import { newMockEvent } from "matchstick-as/assembly/index"

import { SetContractInfo, Pause, Unpause } from "../../generated/Controller/Controller"
import { Bond, Unbond, Rebond, TransferBond, WithdrawStake, WithdrawFees, EarningsClaimed, Reward, TreasuryReward, TranscoderUpdate, TranscoderActivated, TranscoderDeactivated, TranscoderSlashed, ParameterUpdate as BondingManagerParameterUpdate, RewardCallerSet } from "../../generated/BondingManager/BondingManager"
import { NewRound, ParameterUpdate as RoundsManagerParameterUpdate } from "../../generated/RoundsManager/RoundsManager"
import { SetCurrentRewardTokens, ParameterUpdate as MinterParameterUpdate } from "../../generated/Minter/Minter"
import { DepositFunded, ReserveFunded, ReserveClaimed, WinningTicketTransfer, WinningTicketRedeemed, Unlock, UnlockCancelled, Withdrawal, ParameterUpdate as TicketBrokerParameterUpdate } from "../../generated/TicketBroker/TicketBroker"
import { ServiceURIUpdate } from "../../generated/ServiceRegistry/ServiceRegistry"
import { Transfer, Mint, Burn } from "../../generated/LivepeerToken/LivepeerToken"
import { PollCreated } from "../../generated/PollCreator/PollCreator"
import { DelegateChanged, DelegateVotesChanged, DelegatorBondedAmountChanged } from "../../generated/BondingVotes/BondingVotes"
import { ProposalCreated, VoteCast, VoteCastWithParams, ProposalQueued, ProposalExecuted, ProposalCanceled, VotingDelaySet, VotingPeriodSet, ProposalThresholdSet, QuorumNumeratorUpdated, TimelockChange } from "../../generated/LivepeerGovernor/LivepeerGovernor"
import { CallScheduled, CallSalt, CallExecuted, Cancelled, MinDelayChange } from "../../generated/Treasury/Treasury"
import { MigrateDelegatorFinalized, MigrateUnbondingLocksFinalized, MigrateSenderFinalized, StakeClaimed, DelegatorPoolCreated } from "../../generated/L2Migrator/L2Migrator"
import { DepositFinalized, WithdrawalInitiated } from "../../generated/L2LPTGateway/L2LPTGateway"
import { CacheTotalSupplyFinalized } from "../../generated/L2LPTDataCache/L2LPTDataCache"
import { UpdateStaged, UpdateExecuted, UpdateCancelled } from "../../generated/Governor/Governor"
import { Vote } from "../../generated/templates/Poll/Poll"
import { DelegatorPoolInitialized, Claimed } from "../../generated/templates/DelegatorPool/DelegatorPool"

function addresses(values: string[]): Address[] {
  const out: Address[] = []
  for (let i = 0; i < values.length; i++) out.push(Address.fromString(values[i]))
  return out
}

/** Places an event in a transaction at a log index and block, for multi-event scenarios in log order. */
export function at<T extends ethereum.Event>(event: T, tx: Bytes, logIndex: i32, timestamp: i32): T {
  event.transaction.hash = tx
  event.logIndex = BigInt.fromI32(logIndex)
  event.block.timestamp = BigInt.fromI32(timestamp)
  return event
}

export function newSetContractInfoEvent(id: Bytes, contractAddress: string, gitCommitHash: Bytes): SetContractInfo {
  const event = changetype<SetContractInfo>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("id", ethereum.Value.fromFixedBytes(id)),
    new ethereum.EventParam("contractAddress", ethereum.Value.fromAddress(Address.fromString(contractAddress))),
    new ethereum.EventParam("gitCommitHash", ethereum.Value.fromFixedBytes(gitCommitHash)),
  ]
  event.address = Address.fromString("0xd8e8328501e9645d16cf49539efc04f734606ee4")
  return event
}

export function newPauseEvent(): Pause {
  const event = changetype<Pause>(newMockEvent())
  event.parameters = [
  ]
  event.address = Address.fromString("0xd8e8328501e9645d16cf49539efc04f734606ee4")
  return event
}

export function newUnpauseEvent(): Unpause {
  const event = changetype<Unpause>(newMockEvent())
  event.parameters = [
  ]
  event.address = Address.fromString("0xd8e8328501e9645d16cf49539efc04f734606ee4")
  return event
}

export function newBondEvent(newDelegate: string, oldDelegate: string, delegator: string, additionalAmount: BigInt, bondedAmount: BigInt): Bond {
  const event = changetype<Bond>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("newDelegate", ethereum.Value.fromAddress(Address.fromString(newDelegate))),
    new ethereum.EventParam("oldDelegate", ethereum.Value.fromAddress(Address.fromString(oldDelegate))),
    new ethereum.EventParam("delegator", ethereum.Value.fromAddress(Address.fromString(delegator))),
    new ethereum.EventParam("additionalAmount", ethereum.Value.fromUnsignedBigInt(additionalAmount)),
    new ethereum.EventParam("bondedAmount", ethereum.Value.fromUnsignedBigInt(bondedAmount)),
  ]
  event.address = Address.fromString("0x35bcf3c30594191d53231e4ff333e8a770453e40")
  return event
}

export function newUnbondEvent(delegate: string, delegator: string, unbondingLockId: BigInt, amount: BigInt, withdrawRound: BigInt): Unbond {
  const event = changetype<Unbond>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("delegate", ethereum.Value.fromAddress(Address.fromString(delegate))),
    new ethereum.EventParam("delegator", ethereum.Value.fromAddress(Address.fromString(delegator))),
    new ethereum.EventParam("unbondingLockId", ethereum.Value.fromUnsignedBigInt(unbondingLockId)),
    new ethereum.EventParam("amount", ethereum.Value.fromUnsignedBigInt(amount)),
    new ethereum.EventParam("withdrawRound", ethereum.Value.fromUnsignedBigInt(withdrawRound)),
  ]
  event.address = Address.fromString("0x35bcf3c30594191d53231e4ff333e8a770453e40")
  return event
}

export function newRebondEvent(delegate: string, delegator: string, unbondingLockId: BigInt, amount: BigInt): Rebond {
  const event = changetype<Rebond>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("delegate", ethereum.Value.fromAddress(Address.fromString(delegate))),
    new ethereum.EventParam("delegator", ethereum.Value.fromAddress(Address.fromString(delegator))),
    new ethereum.EventParam("unbondingLockId", ethereum.Value.fromUnsignedBigInt(unbondingLockId)),
    new ethereum.EventParam("amount", ethereum.Value.fromUnsignedBigInt(amount)),
  ]
  event.address = Address.fromString("0x35bcf3c30594191d53231e4ff333e8a770453e40")
  return event
}

export function newTransferBondEvent(oldDelegator: string, newDelegator: string, oldUnbondingLockId: BigInt, newUnbondingLockId: BigInt, amount: BigInt): TransferBond {
  const event = changetype<TransferBond>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("oldDelegator", ethereum.Value.fromAddress(Address.fromString(oldDelegator))),
    new ethereum.EventParam("newDelegator", ethereum.Value.fromAddress(Address.fromString(newDelegator))),
    new ethereum.EventParam("oldUnbondingLockId", ethereum.Value.fromUnsignedBigInt(oldUnbondingLockId)),
    new ethereum.EventParam("newUnbondingLockId", ethereum.Value.fromUnsignedBigInt(newUnbondingLockId)),
    new ethereum.EventParam("amount", ethereum.Value.fromUnsignedBigInt(amount)),
  ]
  event.address = Address.fromString("0x35bcf3c30594191d53231e4ff333e8a770453e40")
  return event
}

export function newWithdrawStakeEvent(delegator: string, unbondingLockId: BigInt, amount: BigInt, withdrawRound: BigInt): WithdrawStake {
  const event = changetype<WithdrawStake>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("delegator", ethereum.Value.fromAddress(Address.fromString(delegator))),
    new ethereum.EventParam("unbondingLockId", ethereum.Value.fromUnsignedBigInt(unbondingLockId)),
    new ethereum.EventParam("amount", ethereum.Value.fromUnsignedBigInt(amount)),
    new ethereum.EventParam("withdrawRound", ethereum.Value.fromUnsignedBigInt(withdrawRound)),
  ]
  event.address = Address.fromString("0x35bcf3c30594191d53231e4ff333e8a770453e40")
  return event
}

export function newWithdrawFeesEvent(delegator: string, recipient: string, amount: BigInt): WithdrawFees {
  const event = changetype<WithdrawFees>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("delegator", ethereum.Value.fromAddress(Address.fromString(delegator))),
    new ethereum.EventParam("recipient", ethereum.Value.fromAddress(Address.fromString(recipient))),
    new ethereum.EventParam("amount", ethereum.Value.fromUnsignedBigInt(amount)),
  ]
  event.address = Address.fromString("0x35bcf3c30594191d53231e4ff333e8a770453e40")
  return event
}

export function newEarningsClaimedEvent(delegate: string, delegator: string, rewards: BigInt, fees: BigInt, startRound: BigInt, endRound: BigInt): EarningsClaimed {
  const event = changetype<EarningsClaimed>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("delegate", ethereum.Value.fromAddress(Address.fromString(delegate))),
    new ethereum.EventParam("delegator", ethereum.Value.fromAddress(Address.fromString(delegator))),
    new ethereum.EventParam("rewards", ethereum.Value.fromUnsignedBigInt(rewards)),
    new ethereum.EventParam("fees", ethereum.Value.fromUnsignedBigInt(fees)),
    new ethereum.EventParam("startRound", ethereum.Value.fromUnsignedBigInt(startRound)),
    new ethereum.EventParam("endRound", ethereum.Value.fromUnsignedBigInt(endRound)),
  ]
  event.address = Address.fromString("0x35bcf3c30594191d53231e4ff333e8a770453e40")
  return event
}

export function newRewardEvent(transcoder: string, amount: BigInt): Reward {
  const event = changetype<Reward>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("transcoder", ethereum.Value.fromAddress(Address.fromString(transcoder))),
    new ethereum.EventParam("amount", ethereum.Value.fromUnsignedBigInt(amount)),
  ]
  event.address = Address.fromString("0x35bcf3c30594191d53231e4ff333e8a770453e40")
  return event
}

export function newTreasuryRewardEvent(transcoder: string, treasury: string, amount: BigInt): TreasuryReward {
  const event = changetype<TreasuryReward>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("transcoder", ethereum.Value.fromAddress(Address.fromString(transcoder))),
    new ethereum.EventParam("treasury", ethereum.Value.fromAddress(Address.fromString(treasury))),
    new ethereum.EventParam("amount", ethereum.Value.fromUnsignedBigInt(amount)),
  ]
  event.address = Address.fromString("0x35bcf3c30594191d53231e4ff333e8a770453e40")
  return event
}

export function newTranscoderUpdateEvent(transcoder: string, rewardCut: BigInt, feeShare: BigInt): TranscoderUpdate {
  const event = changetype<TranscoderUpdate>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("transcoder", ethereum.Value.fromAddress(Address.fromString(transcoder))),
    new ethereum.EventParam("rewardCut", ethereum.Value.fromUnsignedBigInt(rewardCut)),
    new ethereum.EventParam("feeShare", ethereum.Value.fromUnsignedBigInt(feeShare)),
  ]
  event.address = Address.fromString("0x35bcf3c30594191d53231e4ff333e8a770453e40")
  return event
}

export function newTranscoderActivatedEvent(transcoder: string, activationRound: BigInt): TranscoderActivated {
  const event = changetype<TranscoderActivated>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("transcoder", ethereum.Value.fromAddress(Address.fromString(transcoder))),
    new ethereum.EventParam("activationRound", ethereum.Value.fromUnsignedBigInt(activationRound)),
  ]
  event.address = Address.fromString("0x35bcf3c30594191d53231e4ff333e8a770453e40")
  return event
}

export function newTranscoderDeactivatedEvent(transcoder: string, deactivationRound: BigInt): TranscoderDeactivated {
  const event = changetype<TranscoderDeactivated>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("transcoder", ethereum.Value.fromAddress(Address.fromString(transcoder))),
    new ethereum.EventParam("deactivationRound", ethereum.Value.fromUnsignedBigInt(deactivationRound)),
  ]
  event.address = Address.fromString("0x35bcf3c30594191d53231e4ff333e8a770453e40")
  return event
}

export function newTranscoderSlashedEvent(transcoder: string, finder: string, penalty: BigInt, finderReward: BigInt): TranscoderSlashed {
  const event = changetype<TranscoderSlashed>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("transcoder", ethereum.Value.fromAddress(Address.fromString(transcoder))),
    new ethereum.EventParam("finder", ethereum.Value.fromAddress(Address.fromString(finder))),
    new ethereum.EventParam("penalty", ethereum.Value.fromUnsignedBigInt(penalty)),
    new ethereum.EventParam("finderReward", ethereum.Value.fromUnsignedBigInt(finderReward)),
  ]
  event.address = Address.fromString("0x35bcf3c30594191d53231e4ff333e8a770453e40")
  return event
}

export function newBondingManagerParameterUpdateEvent(param: string): BondingManagerParameterUpdate {
  const event = changetype<BondingManagerParameterUpdate>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("param", ethereum.Value.fromString(param)),
  ]
  event.address = Address.fromString("0x35bcf3c30594191d53231e4ff333e8a770453e40")
  return event
}

export function newRewardCallerSetEvent(transcoder: string, rewardCaller: string): RewardCallerSet {
  const event = changetype<RewardCallerSet>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("transcoder", ethereum.Value.fromAddress(Address.fromString(transcoder))),
    new ethereum.EventParam("rewardCaller", ethereum.Value.fromAddress(Address.fromString(rewardCaller))),
  ]
  event.address = Address.fromString("0x35bcf3c30594191d53231e4ff333e8a770453e40")
  return event
}

export function newNewRoundEvent(round: BigInt, blockHash: Bytes): NewRound {
  const event = changetype<NewRound>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("round", ethereum.Value.fromUnsignedBigInt(round)),
    new ethereum.EventParam("blockHash", ethereum.Value.fromFixedBytes(blockHash)),
  ]
  event.address = Address.fromString("0xdd6f56dcc28d3f5f27084381fe8df634985cc39f")
  return event
}

export function newRoundsManagerParameterUpdateEvent(param: string): RoundsManagerParameterUpdate {
  const event = changetype<RoundsManagerParameterUpdate>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("param", ethereum.Value.fromString(param)),
  ]
  event.address = Address.fromString("0xdd6f56dcc28d3f5f27084381fe8df634985cc39f")
  return event
}

export function newSetCurrentRewardTokensEvent(currentMintableTokens: BigInt, currentInflation: BigInt): SetCurrentRewardTokens {
  const event = changetype<SetCurrentRewardTokens>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("currentMintableTokens", ethereum.Value.fromUnsignedBigInt(currentMintableTokens)),
    new ethereum.EventParam("currentInflation", ethereum.Value.fromUnsignedBigInt(currentInflation)),
  ]
  event.address = Address.fromString("0xc20de37170b45774e6cd3d2304017fc962f27252")
  return event
}

export function newMinterParameterUpdateEvent(param: string): MinterParameterUpdate {
  const event = changetype<MinterParameterUpdate>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("param", ethereum.Value.fromString(param)),
  ]
  event.address = Address.fromString("0xc20de37170b45774e6cd3d2304017fc962f27252")
  return event
}

export function newDepositFundedEvent(sender: string, amount: BigInt): DepositFunded {
  const event = changetype<DepositFunded>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("sender", ethereum.Value.fromAddress(Address.fromString(sender))),
    new ethereum.EventParam("amount", ethereum.Value.fromUnsignedBigInt(amount)),
  ]
  event.address = Address.fromString("0xa8bb618b1520e284046f3dfc448851a1ff26e41b")
  return event
}

export function newReserveFundedEvent(reserveHolder: string, amount: BigInt): ReserveFunded {
  const event = changetype<ReserveFunded>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("reserveHolder", ethereum.Value.fromAddress(Address.fromString(reserveHolder))),
    new ethereum.EventParam("amount", ethereum.Value.fromUnsignedBigInt(amount)),
  ]
  event.address = Address.fromString("0xa8bb618b1520e284046f3dfc448851a1ff26e41b")
  return event
}

export function newReserveClaimedEvent(reserveHolder: string, claimant: string, amount: BigInt): ReserveClaimed {
  const event = changetype<ReserveClaimed>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("reserveHolder", ethereum.Value.fromAddress(Address.fromString(reserveHolder))),
    new ethereum.EventParam("claimant", ethereum.Value.fromAddress(Address.fromString(claimant))),
    new ethereum.EventParam("amount", ethereum.Value.fromUnsignedBigInt(amount)),
  ]
  event.address = Address.fromString("0xa8bb618b1520e284046f3dfc448851a1ff26e41b")
  return event
}

export function newWinningTicketTransferEvent(sender: string, recipient: string, amount: BigInt): WinningTicketTransfer {
  const event = changetype<WinningTicketTransfer>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("sender", ethereum.Value.fromAddress(Address.fromString(sender))),
    new ethereum.EventParam("recipient", ethereum.Value.fromAddress(Address.fromString(recipient))),
    new ethereum.EventParam("amount", ethereum.Value.fromUnsignedBigInt(amount)),
  ]
  event.address = Address.fromString("0xa8bb618b1520e284046f3dfc448851a1ff26e41b")
  return event
}

export function newWinningTicketRedeemedEvent(sender: string, recipient: string, faceValue: BigInt, winProb: BigInt, senderNonce: BigInt, recipientRand: BigInt, auxData: Bytes): WinningTicketRedeemed {
  const event = changetype<WinningTicketRedeemed>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("sender", ethereum.Value.fromAddress(Address.fromString(sender))),
    new ethereum.EventParam("recipient", ethereum.Value.fromAddress(Address.fromString(recipient))),
    new ethereum.EventParam("faceValue", ethereum.Value.fromUnsignedBigInt(faceValue)),
    new ethereum.EventParam("winProb", ethereum.Value.fromUnsignedBigInt(winProb)),
    new ethereum.EventParam("senderNonce", ethereum.Value.fromUnsignedBigInt(senderNonce)),
    new ethereum.EventParam("recipientRand", ethereum.Value.fromUnsignedBigInt(recipientRand)),
    new ethereum.EventParam("auxData", ethereum.Value.fromBytes(auxData)),
  ]
  event.address = Address.fromString("0xa8bb618b1520e284046f3dfc448851a1ff26e41b")
  return event
}

export function newUnlockEvent(sender: string, startRound: BigInt, endRound: BigInt): Unlock {
  const event = changetype<Unlock>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("sender", ethereum.Value.fromAddress(Address.fromString(sender))),
    new ethereum.EventParam("startRound", ethereum.Value.fromUnsignedBigInt(startRound)),
    new ethereum.EventParam("endRound", ethereum.Value.fromUnsignedBigInt(endRound)),
  ]
  event.address = Address.fromString("0xa8bb618b1520e284046f3dfc448851a1ff26e41b")
  return event
}

export function newUnlockCancelledEvent(sender: string): UnlockCancelled {
  const event = changetype<UnlockCancelled>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("sender", ethereum.Value.fromAddress(Address.fromString(sender))),
  ]
  event.address = Address.fromString("0xa8bb618b1520e284046f3dfc448851a1ff26e41b")
  return event
}

export function newWithdrawalEvent(sender: string, deposit: BigInt, reserve: BigInt): Withdrawal {
  const event = changetype<Withdrawal>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("sender", ethereum.Value.fromAddress(Address.fromString(sender))),
    new ethereum.EventParam("deposit", ethereum.Value.fromUnsignedBigInt(deposit)),
    new ethereum.EventParam("reserve", ethereum.Value.fromUnsignedBigInt(reserve)),
  ]
  event.address = Address.fromString("0xa8bb618b1520e284046f3dfc448851a1ff26e41b")
  return event
}

export function newTicketBrokerParameterUpdateEvent(param: string): TicketBrokerParameterUpdate {
  const event = changetype<TicketBrokerParameterUpdate>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("param", ethereum.Value.fromString(param)),
  ]
  event.address = Address.fromString("0xa8bb618b1520e284046f3dfc448851a1ff26e41b")
  return event
}

export function newServiceURIUpdateEvent(addr: string, serviceURI: string): ServiceURIUpdate {
  const event = changetype<ServiceURIUpdate>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("addr", ethereum.Value.fromAddress(Address.fromString(addr))),
    new ethereum.EventParam("serviceURI", ethereum.Value.fromString(serviceURI)),
  ]
  event.address = Address.fromString("0xc92d3a360b8f9e083ba64de15d95cf8180897431")
  return event
}

export function newTransferEvent(from: string, to: string, value: BigInt): Transfer {
  const event = changetype<Transfer>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("from", ethereum.Value.fromAddress(Address.fromString(from))),
    new ethereum.EventParam("to", ethereum.Value.fromAddress(Address.fromString(to))),
    new ethereum.EventParam("value", ethereum.Value.fromUnsignedBigInt(value)),
  ]
  event.address = Address.fromString("0x289ba1701c2f088cf0faf8b3705246331cb8a839")
  return event
}

export function newMintEvent(to: string, amount: BigInt): Mint {
  const event = changetype<Mint>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("to", ethereum.Value.fromAddress(Address.fromString(to))),
    new ethereum.EventParam("amount", ethereum.Value.fromUnsignedBigInt(amount)),
  ]
  event.address = Address.fromString("0x289ba1701c2f088cf0faf8b3705246331cb8a839")
  return event
}

export function newBurnEvent(burner: string, amount: BigInt): Burn {
  const event = changetype<Burn>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("burner", ethereum.Value.fromAddress(Address.fromString(burner))),
    new ethereum.EventParam("amount", ethereum.Value.fromUnsignedBigInt(amount)),
  ]
  event.address = Address.fromString("0x289ba1701c2f088cf0faf8b3705246331cb8a839")
  return event
}

export function newPollCreatedEvent(poll: string, proposal: Bytes, endBlock: BigInt, quorum: BigInt, quota: BigInt): PollCreated {
  const event = changetype<PollCreated>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("poll", ethereum.Value.fromAddress(Address.fromString(poll))),
    new ethereum.EventParam("proposal", ethereum.Value.fromBytes(proposal)),
    new ethereum.EventParam("endBlock", ethereum.Value.fromUnsignedBigInt(endBlock)),
    new ethereum.EventParam("quorum", ethereum.Value.fromUnsignedBigInt(quorum)),
    new ethereum.EventParam("quota", ethereum.Value.fromUnsignedBigInt(quota)),
  ]
  event.address = Address.fromString("0x8bb50806d60c492c0004dad5d9627daa2d9732e6")
  return event
}

export function newDelegateChangedEvent(delegator: string, fromDelegate: string, toDelegate: string): DelegateChanged {
  const event = changetype<DelegateChanged>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("delegator", ethereum.Value.fromAddress(Address.fromString(delegator))),
    new ethereum.EventParam("fromDelegate", ethereum.Value.fromAddress(Address.fromString(fromDelegate))),
    new ethereum.EventParam("toDelegate", ethereum.Value.fromAddress(Address.fromString(toDelegate))),
  ]
  event.address = Address.fromString("0x0b9c254837e72ebe9fe04960c43b69782e68169a")
  return event
}

export function newDelegateVotesChangedEvent(delegate: string, previousBalance: BigInt, newBalance: BigInt): DelegateVotesChanged {
  const event = changetype<DelegateVotesChanged>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("delegate", ethereum.Value.fromAddress(Address.fromString(delegate))),
    new ethereum.EventParam("previousBalance", ethereum.Value.fromUnsignedBigInt(previousBalance)),
    new ethereum.EventParam("newBalance", ethereum.Value.fromUnsignedBigInt(newBalance)),
  ]
  event.address = Address.fromString("0x0b9c254837e72ebe9fe04960c43b69782e68169a")
  return event
}

export function newDelegatorBondedAmountChangedEvent(delegate: string, previousBondedAmount: BigInt, previousLastClaimRound: BigInt, newBondedAmount: BigInt, newLastClaimRound: BigInt): DelegatorBondedAmountChanged {
  const event = changetype<DelegatorBondedAmountChanged>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("delegate", ethereum.Value.fromAddress(Address.fromString(delegate))),
    new ethereum.EventParam("previousBondedAmount", ethereum.Value.fromUnsignedBigInt(previousBondedAmount)),
    new ethereum.EventParam("previousLastClaimRound", ethereum.Value.fromUnsignedBigInt(previousLastClaimRound)),
    new ethereum.EventParam("newBondedAmount", ethereum.Value.fromUnsignedBigInt(newBondedAmount)),
    new ethereum.EventParam("newLastClaimRound", ethereum.Value.fromUnsignedBigInt(newLastClaimRound)),
  ]
  event.address = Address.fromString("0x0b9c254837e72ebe9fe04960c43b69782e68169a")
  return event
}

export function newProposalCreatedEvent(proposalId: BigInt, proposer: string, targets: string[], values: BigInt[], signatures: string[], calldatas: Bytes[], voteStart: BigInt, voteEnd: BigInt, description: string): ProposalCreated {
  const event = changetype<ProposalCreated>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("proposalId", ethereum.Value.fromUnsignedBigInt(proposalId)),
    new ethereum.EventParam("proposer", ethereum.Value.fromAddress(Address.fromString(proposer))),
    new ethereum.EventParam("targets", ethereum.Value.fromAddressArray(addresses(targets))),
    new ethereum.EventParam("values", ethereum.Value.fromUnsignedBigIntArray(values)),
    new ethereum.EventParam("signatures", ethereum.Value.fromStringArray(signatures)),
    new ethereum.EventParam("calldatas", ethereum.Value.fromBytesArray(calldatas)),
    new ethereum.EventParam("voteStart", ethereum.Value.fromUnsignedBigInt(voteStart)),
    new ethereum.EventParam("voteEnd", ethereum.Value.fromUnsignedBigInt(voteEnd)),
    new ethereum.EventParam("description", ethereum.Value.fromString(description)),
  ]
  event.address = Address.fromString("0xcfe4e2879b786c3aa075813f0e364bb5accb6aa0")
  return event
}

export function newVoteCastEvent(voter: string, proposalId: BigInt, support: i32, weight: BigInt, reason: string): VoteCast {
  const event = changetype<VoteCast>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("voter", ethereum.Value.fromAddress(Address.fromString(voter))),
    new ethereum.EventParam("proposalId", ethereum.Value.fromUnsignedBigInt(proposalId)),
    new ethereum.EventParam("support", ethereum.Value.fromI32(support)),
    new ethereum.EventParam("weight", ethereum.Value.fromUnsignedBigInt(weight)),
    new ethereum.EventParam("reason", ethereum.Value.fromString(reason)),
  ]
  event.address = Address.fromString("0xcfe4e2879b786c3aa075813f0e364bb5accb6aa0")
  return event
}

export function newVoteCastWithParamsEvent(voter: string, proposalId: BigInt, support: i32, weight: BigInt, reason: string, params: Bytes): VoteCastWithParams {
  const event = changetype<VoteCastWithParams>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("voter", ethereum.Value.fromAddress(Address.fromString(voter))),
    new ethereum.EventParam("proposalId", ethereum.Value.fromUnsignedBigInt(proposalId)),
    new ethereum.EventParam("support", ethereum.Value.fromI32(support)),
    new ethereum.EventParam("weight", ethereum.Value.fromUnsignedBigInt(weight)),
    new ethereum.EventParam("reason", ethereum.Value.fromString(reason)),
    new ethereum.EventParam("params", ethereum.Value.fromBytes(params)),
  ]
  event.address = Address.fromString("0xcfe4e2879b786c3aa075813f0e364bb5accb6aa0")
  return event
}

export function newProposalQueuedEvent(proposalId: BigInt, eta: BigInt): ProposalQueued {
  const event = changetype<ProposalQueued>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("proposalId", ethereum.Value.fromUnsignedBigInt(proposalId)),
    new ethereum.EventParam("eta", ethereum.Value.fromUnsignedBigInt(eta)),
  ]
  event.address = Address.fromString("0xcfe4e2879b786c3aa075813f0e364bb5accb6aa0")
  return event
}

export function newProposalExecutedEvent(proposalId: BigInt): ProposalExecuted {
  const event = changetype<ProposalExecuted>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("proposalId", ethereum.Value.fromUnsignedBigInt(proposalId)),
  ]
  event.address = Address.fromString("0xcfe4e2879b786c3aa075813f0e364bb5accb6aa0")
  return event
}

export function newProposalCanceledEvent(proposalId: BigInt): ProposalCanceled {
  const event = changetype<ProposalCanceled>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("proposalId", ethereum.Value.fromUnsignedBigInt(proposalId)),
  ]
  event.address = Address.fromString("0xcfe4e2879b786c3aa075813f0e364bb5accb6aa0")
  return event
}

export function newVotingDelaySetEvent(oldVotingDelay: BigInt, newVotingDelay: BigInt): VotingDelaySet {
  const event = changetype<VotingDelaySet>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("oldVotingDelay", ethereum.Value.fromUnsignedBigInt(oldVotingDelay)),
    new ethereum.EventParam("newVotingDelay", ethereum.Value.fromUnsignedBigInt(newVotingDelay)),
  ]
  event.address = Address.fromString("0xcfe4e2879b786c3aa075813f0e364bb5accb6aa0")
  return event
}

export function newVotingPeriodSetEvent(oldVotingPeriod: BigInt, newVotingPeriod: BigInt): VotingPeriodSet {
  const event = changetype<VotingPeriodSet>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("oldVotingPeriod", ethereum.Value.fromUnsignedBigInt(oldVotingPeriod)),
    new ethereum.EventParam("newVotingPeriod", ethereum.Value.fromUnsignedBigInt(newVotingPeriod)),
  ]
  event.address = Address.fromString("0xcfe4e2879b786c3aa075813f0e364bb5accb6aa0")
  return event
}

export function newProposalThresholdSetEvent(oldProposalThreshold: BigInt, newProposalThreshold: BigInt): ProposalThresholdSet {
  const event = changetype<ProposalThresholdSet>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("oldProposalThreshold", ethereum.Value.fromUnsignedBigInt(oldProposalThreshold)),
    new ethereum.EventParam("newProposalThreshold", ethereum.Value.fromUnsignedBigInt(newProposalThreshold)),
  ]
  event.address = Address.fromString("0xcfe4e2879b786c3aa075813f0e364bb5accb6aa0")
  return event
}

export function newQuorumNumeratorUpdatedEvent(oldQuorumNumerator: BigInt, newQuorumNumerator: BigInt): QuorumNumeratorUpdated {
  const event = changetype<QuorumNumeratorUpdated>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("oldQuorumNumerator", ethereum.Value.fromUnsignedBigInt(oldQuorumNumerator)),
    new ethereum.EventParam("newQuorumNumerator", ethereum.Value.fromUnsignedBigInt(newQuorumNumerator)),
  ]
  event.address = Address.fromString("0xcfe4e2879b786c3aa075813f0e364bb5accb6aa0")
  return event
}

export function newTimelockChangeEvent(oldTimelock: string, newTimelock: string): TimelockChange {
  const event = changetype<TimelockChange>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("oldTimelock", ethereum.Value.fromAddress(Address.fromString(oldTimelock))),
    new ethereum.EventParam("newTimelock", ethereum.Value.fromAddress(Address.fromString(newTimelock))),
  ]
  event.address = Address.fromString("0xcfe4e2879b786c3aa075813f0e364bb5accb6aa0")
  return event
}

export function newCallScheduledEvent(id: Bytes, index: BigInt, target: string, value: BigInt, data: Bytes, predecessor: Bytes, delay: BigInt): CallScheduled {
  const event = changetype<CallScheduled>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("id", ethereum.Value.fromFixedBytes(id)),
    new ethereum.EventParam("index", ethereum.Value.fromUnsignedBigInt(index)),
    new ethereum.EventParam("target", ethereum.Value.fromAddress(Address.fromString(target))),
    new ethereum.EventParam("value", ethereum.Value.fromUnsignedBigInt(value)),
    new ethereum.EventParam("data", ethereum.Value.fromBytes(data)),
    new ethereum.EventParam("predecessor", ethereum.Value.fromFixedBytes(predecessor)),
    new ethereum.EventParam("delay", ethereum.Value.fromUnsignedBigInt(delay)),
  ]
  event.address = Address.fromString("0xf82c1ff415f1fcf582554fdba790e27019c8e8c4")
  return event
}

export function newCallSaltEvent(id: Bytes, salt: Bytes): CallSalt {
  const event = changetype<CallSalt>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("id", ethereum.Value.fromFixedBytes(id)),
    new ethereum.EventParam("salt", ethereum.Value.fromFixedBytes(salt)),
  ]
  event.address = Address.fromString("0xf82c1ff415f1fcf582554fdba790e27019c8e8c4")
  return event
}

export function newCallExecutedEvent(id: Bytes, index: BigInt, target: string, value: BigInt, data: Bytes): CallExecuted {
  const event = changetype<CallExecuted>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("id", ethereum.Value.fromFixedBytes(id)),
    new ethereum.EventParam("index", ethereum.Value.fromUnsignedBigInt(index)),
    new ethereum.EventParam("target", ethereum.Value.fromAddress(Address.fromString(target))),
    new ethereum.EventParam("value", ethereum.Value.fromUnsignedBigInt(value)),
    new ethereum.EventParam("data", ethereum.Value.fromBytes(data)),
  ]
  event.address = Address.fromString("0xf82c1ff415f1fcf582554fdba790e27019c8e8c4")
  return event
}

export function newCancelledEvent(id: Bytes): Cancelled {
  const event = changetype<Cancelled>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("id", ethereum.Value.fromFixedBytes(id)),
  ]
  event.address = Address.fromString("0xf82c1ff415f1fcf582554fdba790e27019c8e8c4")
  return event
}

export function newMinDelayChangeEvent(oldDuration: BigInt, newDuration: BigInt): MinDelayChange {
  const event = changetype<MinDelayChange>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("oldDuration", ethereum.Value.fromUnsignedBigInt(oldDuration)),
    new ethereum.EventParam("newDuration", ethereum.Value.fromUnsignedBigInt(newDuration)),
  ]
  event.address = Address.fromString("0xf82c1ff415f1fcf582554fdba790e27019c8e8c4")
  return event
}

export function newMigrateDelegatorFinalizedEvent(params: ethereum.Tuple): MigrateDelegatorFinalized {
  const event = changetype<MigrateDelegatorFinalized>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("params", ethereum.Value.fromTuple(params)),
  ]
  event.address = Address.fromString("0x148d5b6b4df9530c7c76a810bd1cdf69ec4c2085")
  return event
}

export function newMigrateUnbondingLocksFinalizedEvent(params: ethereum.Tuple): MigrateUnbondingLocksFinalized {
  const event = changetype<MigrateUnbondingLocksFinalized>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("params", ethereum.Value.fromTuple(params)),
  ]
  event.address = Address.fromString("0x148d5b6b4df9530c7c76a810bd1cdf69ec4c2085")
  return event
}

export function newMigrateSenderFinalizedEvent(params: ethereum.Tuple): MigrateSenderFinalized {
  const event = changetype<MigrateSenderFinalized>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("params", ethereum.Value.fromTuple(params)),
  ]
  event.address = Address.fromString("0x148d5b6b4df9530c7c76a810bd1cdf69ec4c2085")
  return event
}

export function newStakeClaimedEvent(delegator: string, delegate: string, stake: BigInt, fees: BigInt): StakeClaimed {
  const event = changetype<StakeClaimed>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("delegator", ethereum.Value.fromAddress(Address.fromString(delegator))),
    new ethereum.EventParam("delegate", ethereum.Value.fromAddress(Address.fromString(delegate))),
    new ethereum.EventParam("stake", ethereum.Value.fromUnsignedBigInt(stake)),
    new ethereum.EventParam("fees", ethereum.Value.fromUnsignedBigInt(fees)),
  ]
  event.address = Address.fromString("0x148d5b6b4df9530c7c76a810bd1cdf69ec4c2085")
  return event
}

export function newDelegatorPoolCreatedEvent(l1Addr: string, delegatorPool: string): DelegatorPoolCreated {
  const event = changetype<DelegatorPoolCreated>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("l1Addr", ethereum.Value.fromAddress(Address.fromString(l1Addr))),
    new ethereum.EventParam("delegatorPool", ethereum.Value.fromAddress(Address.fromString(delegatorPool))),
  ]
  event.address = Address.fromString("0x148d5b6b4df9530c7c76a810bd1cdf69ec4c2085")
  return event
}

export function newDepositFinalizedEvent(l1Token: string, from: string, to: string, amount: BigInt): DepositFinalized {
  const event = changetype<DepositFinalized>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("_l1Token", ethereum.Value.fromAddress(Address.fromString(l1Token))),
    new ethereum.EventParam("_from", ethereum.Value.fromAddress(Address.fromString(from))),
    new ethereum.EventParam("_to", ethereum.Value.fromAddress(Address.fromString(to))),
    new ethereum.EventParam("_amount", ethereum.Value.fromUnsignedBigInt(amount)),
  ]
  event.address = Address.fromString("0x6d2457a4ad276000a615295f7a80f79e48ccd318")
  return event
}

export function newWithdrawalInitiatedEvent(l1Token: string, from: string, to: string, l2ToL1Id: BigInt, exitNum: BigInt, amount: BigInt): WithdrawalInitiated {
  const event = changetype<WithdrawalInitiated>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("_l1Token", ethereum.Value.fromAddress(Address.fromString(l1Token))),
    new ethereum.EventParam("_from", ethereum.Value.fromAddress(Address.fromString(from))),
    new ethereum.EventParam("_to", ethereum.Value.fromAddress(Address.fromString(to))),
    new ethereum.EventParam("_l2ToL1Id", ethereum.Value.fromUnsignedBigInt(l2ToL1Id)),
    new ethereum.EventParam("_exitNum", ethereum.Value.fromUnsignedBigInt(exitNum)),
    new ethereum.EventParam("_amount", ethereum.Value.fromUnsignedBigInt(amount)),
  ]
  event.address = Address.fromString("0x6d2457a4ad276000a615295f7a80f79e48ccd318")
  return event
}

export function newCacheTotalSupplyFinalizedEvent(totalSupply: BigInt): CacheTotalSupplyFinalized {
  const event = changetype<CacheTotalSupplyFinalized>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("totalSupply", ethereum.Value.fromUnsignedBigInt(totalSupply)),
  ]
  event.address = Address.fromString("0xd78b6bd09cd28a83cfb21afa0da95c685a6bb0b1")
  return event
}

export function newUpdateStagedEvent(update: ethereum.Tuple, delay: BigInt): UpdateStaged {
  const event = changetype<UpdateStaged>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("update", ethereum.Value.fromTuple(update)),
    new ethereum.EventParam("delay", ethereum.Value.fromUnsignedBigInt(delay)),
  ]
  event.address = Address.fromString("0xd9ded6f9959176f0a04dcf88a0d2306178a736a6")
  return event
}

export function newUpdateExecutedEvent(update: ethereum.Tuple): UpdateExecuted {
  const event = changetype<UpdateExecuted>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("update", ethereum.Value.fromTuple(update)),
  ]
  event.address = Address.fromString("0xd9ded6f9959176f0a04dcf88a0d2306178a736a6")
  return event
}

export function newUpdateCancelledEvent(update: ethereum.Tuple): UpdateCancelled {
  const event = changetype<UpdateCancelled>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("update", ethereum.Value.fromTuple(update)),
  ]
  event.address = Address.fromString("0xd9ded6f9959176f0a04dcf88a0d2306178a736a6")
  return event
}

export function newVoteEvent(voter: string, choiceID: BigInt): Vote {
  const event = changetype<Vote>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("voter", ethereum.Value.fromAddress(Address.fromString(voter))),
    new ethereum.EventParam("choiceID", ethereum.Value.fromUnsignedBigInt(choiceID)),
  ]
  return event
}

export function newDelegatorPoolInitializedEvent(bondingManager: string, migrator: string, initialStake: BigInt): DelegatorPoolInitialized {
  const event = changetype<DelegatorPoolInitialized>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("_bondingManager", ethereum.Value.fromAddress(Address.fromString(bondingManager))),
    new ethereum.EventParam("_migrator", ethereum.Value.fromAddress(Address.fromString(migrator))),
    new ethereum.EventParam("_initialStake", ethereum.Value.fromUnsignedBigInt(initialStake)),
  ]
  return event
}

export function newClaimedEvent(delegator: string, stake: BigInt, fees: BigInt): Claimed {
  const event = changetype<Claimed>(newMockEvent())
  event.parameters = [
    new ethereum.EventParam("_delegator", ethereum.Value.fromAddress(Address.fromString(delegator))),
    new ethereum.EventParam("_stake", ethereum.Value.fromUnsignedBigInt(stake)),
    new ethereum.EventParam("_fees", ethereum.Value.fromUnsignedBigInt(fees)),
  ]
  return event
}
