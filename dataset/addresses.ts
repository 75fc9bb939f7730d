/**
 * Contract addresses (networks.json, arbitrum-one: the only place they live) and generated
 * account addresses.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { keccak256, toBytes } from "viem";
import { ROOT } from "./abi.ts";

type NetworkEntry = { address: string; startBlock?: number };

const network = JSON.parse(readFileSync(path.join(ROOT, "networks.json"), "utf8"))["arbitrum-one"] as Record<string, NetworkEntry>;

function address(name: string): string {
  const entry = network[name];
  if (!entry) throw new Error(`networks.json has no arbitrum-one entry ${name}`);
  return entry.address.toLowerCase();
}

export const CONTRACTS = {
  Controller: address("Controller"),
  BondingManager: address("BondingManager"),
  RoundsManager: address("RoundsManager"),
  MinterV1: address("MinterV1"),
  Minter: address("Minter"),
  TicketBroker: address("TicketBroker"),
  ServiceRegistry: address("ServiceRegistry"),
  LivepeerToken: address("LivepeerToken"),
  PollCreator: address("PollCreator"),
  BondingVotes: address("BondingVotes"),
  LivepeerGovernor: address("LivepeerGovernor"),
  Treasury: address("Treasury"),
  L2Migrator: address("L2Migrator"),
  L2LPTGateway: address("L2LPTGateway"),
  L2LPTDataCache: address("L2LPTDataCache"),
  Governor: address("Governor"),
  UniswapV3LptWethPool: address("UniswapV3LptWethPool"),
  UniswapV3WethDaiPool: address("UniswapV3WethDaiPool"),
} as const;

/** The highest start block of the manifest's data sources: the dataset starts after it. */
export const LATEST_START_BLOCK = Math.max(...Object.values(network).map((e) => e.startBlock ?? 0));

export const ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";
export const ZERO_HASH = "0x" + "00".repeat(32);
/** L1 LPT (the gateway's `_l1Token`). */
export const L1_LPT = "0x58b6a8a3302369daec383334672404ee733ab239";

/** A deterministic account address for a role and index. */
export function account(role: string, index: number): string {
  return "0x" + createHash("sha256").update(`livepeer-dataset:${role}:${index}`).digest("hex").slice(0, 40);
}

/** keccak256 of a UTF-8 string (Controller ids, description hashes). */
export function keccakText(text: string): string {
  return keccak256(toBytes(text));
}
