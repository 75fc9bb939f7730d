/**
 * eth_call answers for the calls the mappings make (README "eth_calls" column), encoded with viem
 * from abis/ exactly as the runtime encodes the request (`requestKey`: `to` + call data).
 */
import { encodeFunctionData, encodeFunctionResult, parseAbiItem, type Abi, type AbiFunction } from "viem";
import { loadAbi, type ContractAbi } from "./abi.ts";
import type { Chain } from "./chain.ts";

const abis = new Map<ContractAbi, Abi>();

function abi(contract: ContractAbi): Abi {
  let a = abis.get(contract);
  if (!a) abis.set(contract, (a = loadAbi(contract) as Abi));
  return a;
}

export function callData(contract: ContractAbi, functionName: string, args: readonly unknown[] = []): string {
  return encodeFunctionData({ abi: abi(contract), functionName, args } as never);
}

/**
 * Registers the answer of `contract.functionName(args)` at `address` in the current block; `result`
 * runs when the block ends (a single output as a value, several as an array).
 */
export function answer(chain: Chain, contract: ContractAbi, address: string, functionName: string, args: readonly unknown[], result: () => unknown): void {
  chain.call(address, callData(contract, functionName, args), () =>
    encodeFunctionResult({ abi: abi(contract), functionName, result: result() } as never),
  );
}

/** Call data of a function not in abis/ (setters the governors call), from its Solidity signature. */
export function functionData(signature: string, args: readonly unknown[]): string {
  const item = parseAbiItem(`function ${signature}`) as AbiFunction;
  return encodeFunctionData({ abi: [item], functionName: item.name, args } as never);
}
