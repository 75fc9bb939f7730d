/**
 * The whole protocol model wired together: one instance of each contract on one chain.
 */
import { keccak256, toBytes } from "viem";
import { CONTRACTS } from "./addresses.ts";
import type { Chain } from "./chain.ts";
import { Controller, Governor, ServiceRegistry } from "./model/admin.ts";
import { BondingManager } from "./model/bondingManager.ts";
import { BondingVotes } from "./model/bondingVotes.ts";
import { LivepeerGovernor } from "./model/livepeerGovernor.ts";
import { L2Migrator } from "./model/migration.ts";
import { Minter } from "./model/minter.ts";
import { PollCreator } from "./model/polls.ts";
import { RoundsManager } from "./model/roundsManager.ts";
import { TicketBroker } from "./model/ticketBroker.ts";
import { Token } from "./model/token.ts";
import { Treasury } from "./model/treasury.ts";
import type { World } from "./model/world.ts";

export type Protocol = World & {
  controller: Controller;
  governor: Governor;
  serviceRegistry: ServiceRegistry;
  livepeerGovernor: LivepeerGovernor;
  polls: PollCreator;
  migrator: L2Migrator;
  /** Every Minter that was registered, oldest first. */
  minters: Minter[];
};

/** Current Minter constructor values (PROTOCOL.md §2.3). */
const MINTER_INFLATION = 220_500n;
const MINTER_INFLATION_CHANGE = 500n;
const MINTER_TARGET_BONDING_RATE = 500_000_000n;

export function createProtocol(chain: Chain): Protocol {
  const p = { chain } as Protocol;
  p.token = new Token(chain);
  p.rounds = new RoundsManager(p);
  p.bonding = new BondingManager(p);
  p.votes = new BondingVotes(p);
  p.minter = new Minter(p, CONTRACTS.Minter, MINTER_INFLATION, MINTER_INFLATION_CHANGE, MINTER_TARGET_BONDING_RATE);
  p.minters = [p.minter];
  p.broker = new TicketBroker(p);
  p.treasury = new Treasury(p);
  p.controller = new Controller(p);
  p.governor = new Governor(p);
  p.serviceRegistry = new ServiceRegistry(p);
  p.livepeerGovernor = new LivepeerGovernor(p);
  p.polls = new PollCreator(p);
  p.migrator = new L2Migrator(p);
  return p;
}

/** A git commit hash (bytes20) for a contract registration. */
export function gitCommitHash(label: string): string {
  return keccak256(toBytes(`git:${label}`)).slice(0, 42);
}

/** Registers `minter` in the Controller; the mapping then reads its two parameters in that block. */
export function registerMinter(p: Protocol, minter: Minter): void {
  p.controller.setContractInfo("Minter", minter.address, gitCommitHash(minter.address));
  minter.answerParameters();
}

/**
 * Replaces the Minter (LIP-100 style): the old Minter hands its LPT to the new one
 * (migrateToNewMinter), then the Controller points "Minter" at the new address.
 */
export function replaceMinter(p: Protocol, next: Minter): void {
  const previous = p.minter;
  next.currentMintableTokens = previous.currentMintableTokens;
  next.currentMintedTokens = previous.currentMintedTokens;
  p.token.transfer(previous.address, next.address, p.token.balanceOf(previous.address));
  p.minter = next;
  p.minters.push(next);
  registerMinter(p, next);
}
