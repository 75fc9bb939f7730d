/**
 * Event logs ABI-encoded from the ABIs in abis/: topic0 once per event (viem `toEventSelector`),
 * indexed value types as 32-byte words, the other parameters with viem `encodeAbiParameters`.
 * `encode.test.ts` checks the result against viem `encodeEventTopics` and PROTOCOL.md's topic0 values.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { encodeAbiParameters, toEventSelector, type AbiEvent, type AbiParameter } from "viem";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export type ContractAbi =
  | "BondingManager"
  | "BondingVotes"
  | "Controller"
  | "DelegatorPool"
  | "Governor"
  | "L2LPTDataCache"
  | "L2LPTGateway"
  | "L2Migrator"
  | "LivepeerGovernor"
  | "LivepeerToken"
  | "Minter"
  | "Poll"
  | "PollCreator"
  | "RoundsManager"
  | "ServiceRegistry"
  | "TicketBroker"
  | "Treasury"
  | "UniswapV3Pool";

type EventCodec = { name: string; topic0: string; indexed: AbiParameter[]; body: AbiParameter[]; order: boolean[] };

const codecs = new Map<string, EventCodec>();

export function loadAbi(contract: ContractAbi): readonly unknown[] {
  const json = JSON.parse(readFileSync(path.join(ROOT, "abis", `${contract}.json`), "utf8"));
  return Array.isArray(json) ? json : json.abi;
}

export function abiEvent(contract: ContractAbi, name: string): AbiEvent {
  const event = (loadAbi(contract) as AbiEvent[]).find((item) => item.type === "event" && item.name === name);
  if (!event) throw new Error(`abis/${contract}.json has no event ${name}`);
  return event;
}

function codec(contract: ContractAbi, name: string): EventCodec {
  const key = `${contract}.${name}`;
  let c = codecs.get(key);
  if (!c) {
    const event = abiEvent(contract, name);
    c = {
      name,
      topic0: toEventSelector(event),
      indexed: event.inputs.filter((i) => i.indexed),
      body: event.inputs.filter((i) => !i.indexed),
      order: event.inputs.map((i) => Boolean(i.indexed)),
    };
    codecs.set(key, c);
  }
  return c;
}

export function topic0(contract: ContractAbi, name: string): string {
  return codec(contract, name).topic0;
}

/** A 32-byte topic of an indexed value type. */
function word(type: string, value: unknown): string {
  if (type === "address") return "0x" + "0".repeat(24) + (value as string).slice(2).toLowerCase();
  if (type.startsWith("uint")) return "0x" + (value as bigint).toString(16).padStart(64, "0");
  if (type === "bytes32") return (value as string).toLowerCase();
  return encodeAbiParameters([{ type } as AbiParameter], [value]);
}

/** Topics and data of `contract`'s event `name` with `args` in ABI order. */
export function encodeLog(contract: ContractAbi, name: string, args: readonly unknown[]): { topics: string[]; data: string } {
  const c = codec(contract, name);
  if (args.length !== c.order.length) throw new Error(`${contract}.${name} takes ${c.order.length} arguments, got ${args.length}`);
  const topics = [c.topic0];
  const body: unknown[] = [];
  let i = 0;
  for (const indexed of c.order) {
    if (indexed) topics.push(word(c.indexed[topics.length - 1].type, args[i]));
    else body.push(args[i]);
    i++;
  }
  const data = c.body.length === 0 ? "0x" : encodeAbiParameters(c.body, body);
  return { topics, data };
}
