/**
 * What every contract model can reach: the chain it emits to and the other contracts (the
 * Controller's registry, in effect).
 */
import type { Chain } from "../chain.ts";
import type { BondingManager } from "./bondingManager.ts";
import type { BondingVotes } from "./bondingVotes.ts";
import type { Minter } from "./minter.ts";
import type { RoundsManager } from "./roundsManager.ts";
import type { Token } from "./token.ts";
import type { TicketBroker } from "./ticketBroker.ts";
import type { Treasury } from "./treasury.ts";

export type World = {
  chain: Chain;
  token: Token;
  rounds: RoundsManager;
  bonding: BondingManager;
  votes: BondingVotes;
  /** The Minter registered in the Controller now. */
  minter: Minter;
  broker: TicketBroker;
  treasury: Treasury;
};
