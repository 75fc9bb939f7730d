/**
 * L2Migrator and DelegatorPool (LIP-73): migrated orchestrators, delegators, unbonding locks and
 * senders arrive as ordinary BondingManager and TicketBroker calls made by the migrator; an
 * orchestrator's delegators' stake waits in a DelegatorPool clone until each claims it.
 */
import { keccak256, toBytes } from "viem";
import { CONTRACTS } from "../addresses.ts";
import type { World } from "./world.ts";

export type DelegatorPoolState = { address: string; initialStake: bigint; claimedInitialStake: bigint; delegate: string; claimedStake: bigint; claimedFees: bigint; l1Addr: string };

export class L2Migrator {
  readonly address = CONTRACTS.L2Migrator;
  readonly pools = new Map<string, DelegatorPoolState>();

  constructor(private readonly world: World) {}

  private log(name: string, args: readonly unknown[]): void {
    this.world.chain.log(this.address, "L2Migrator", name, args);
  }

  /** finalizeMigrateDelegator for an orchestrator (l1Addr = delegate): self-bond, then a DelegatorPool for its delegators' stake. */
  migrateOrchestrator(l1Addr: string, l2Addr: string, stake: bigint, delegatedStake: bigint): DelegatorPoolState {
    const { bonding, chain } = this.world;
    bonding.bond(this.address, l2Addr, stake, l2Addr);
    const poolAddress = keccak256(toBytes(`delegator-pool:${l1Addr}`)).slice(0, 42);
    const poolStake = delegatedStake - stake;
    chain.log(poolAddress, "DelegatorPool", "DelegatorPoolInitialized", [CONTRACTS.BondingManager, this.address, poolStake]);
    bonding.bond(this.address, poolAddress, poolStake, l2Addr);
    const pool = { address: poolAddress, initialStake: poolStake, claimedInitialStake: 0n, delegate: l2Addr, claimedStake: 0n, claimedFees: 0n, l1Addr };
    this.pools.set(l1Addr, pool);
    this.log("DelegatorPoolCreated", [l1Addr, poolAddress]);
    this.log("MigrateDelegatorFinalized", [{ l1Addr, l2Addr, stake, delegatedStake, fees: 0n, delegate: l1Addr }]);
    return pool;
  }

  /** finalizeMigrateDelegator for a delegator of a migrated orchestrator: its share of the pool (DelegatorPool.claim). */
  migrateDelegator(l1Addr: string, l2Addr: string, stake: bigint, orchestratorL1: string): void {
    const { bonding, chain } = this.world;
    const pool = this.pools.get(orchestratorL1)!;
    const remaining = pool.initialStake - pool.claimedInitialStake;
    const pending = bonding.pendingStakeAndFees(pool.address);
    const owedStake = (pending.stake * stake) / remaining;
    const owedFees = (pending.fees * stake) / remaining;
    pool.claimedInitialStake += stake;
    bonding.transferBond(pool.address, l2Addr, owedStake);
    bonding.withdrawFees(pool.address, l2Addr, owedFees);
    pool.claimedStake += owedStake;
    pool.claimedFees += owedFees;
    chain.log(pool.address, "DelegatorPool", "Claimed", [l2Addr, owedStake, owedFees]);
    this.log("MigrateDelegatorFinalized", [{ l1Addr, l2Addr, stake, delegatedStake: 0n, fees: 0n, delegate: orchestratorL1 }]);
  }

  /** finalizeMigrateUnbondingLocks: the locks' total is bonded again on L2. */
  migrateUnbondingLocks(l1Addr: string, l2Addr: string, total: bigint, lockIds: bigint[], delegate: string): void {
    this.world.bonding.bond(this.address, l2Addr, total, delegate);
    this.log("MigrateUnbondingLocksFinalized", [{ l1Addr, l2Addr, total, unbondingLockIds: lockIds, delegate }]);
  }

  /** finalizeMigrateSender: the sender's deposit and reserve, funded for the L2 address. */
  migrateSender(l1Addr: string, l2Addr: string, deposit: bigint, reserve: bigint): void {
    this.world.broker.fundDepositAndReserve(this.address, l2Addr, deposit, reserve);
    this.log("MigrateSenderFinalized", [{ l1Addr, l2Addr, deposit, reserve }]);
  }

  /** claimStake: an L1 snapshot position proven with a Merkle proof, bonded to `delegate`. */
  claimStake(delegator: string, delegate: string, stake: bigint, fees: bigint): void {
    this.world.bonding.bond(this.address, delegator, stake, delegate);
    this.log("StakeClaimed", [delegator, delegate, stake, fees]);
  }
}
