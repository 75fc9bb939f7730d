/**
 * Treasury (OpenZeppelin TimelockController): batches scheduled and executed for the governor,
 * with the id `hashOperationBatch(targets, values, payloads, predecessor, salt)`.
 */
import { encodeAbiParameters, keccak256 } from "viem";
import { CONTRACTS, ZERO_HASH } from "../addresses.ts";
import type { World } from "./world.ts";

export type Call = { target: string; value: bigint; data: string; run: () => void };

export class Treasury {
  readonly address = CONTRACTS.Treasury;
  minDelay = 0n;
  /** Ready time by operation id (1 = done). */
  readonly timestamps = new Map<string, bigint>();

  constructor(private readonly world: World) {}

  static operationId(calls: readonly Call[], salt: string): string {
    return keccak256(
      encodeAbiParameters(
        [{ type: "address[]" }, { type: "uint256[]" }, { type: "bytes[]" }, { type: "bytes32" }, { type: "bytes32" }],
        [calls.map((c) => c.target as `0x${string}`), calls.map((c) => c.value), calls.map((c) => c.data as `0x${string}`), ZERO_HASH as `0x${string}`, salt as `0x${string}`],
      ),
    );
  }

  private log(name: string, args: readonly unknown[]): void {
    this.world.chain.log(this.address, "Treasury", name, args);
  }

  updateDelay(delay: bigint): void {
    this.log("MinDelayChange", [this.minDelay, delay]);
    this.minDelay = delay;
  }

  scheduleBatch(calls: readonly Call[], salt: string): string {
    const id = Treasury.operationId(calls, salt);
    calls.forEach((c, i) => this.log("CallScheduled", [id, BigInt(i), c.target, c.value, c.data, ZERO_HASH, this.minDelay]));
    if (salt !== ZERO_HASH) this.log("CallSalt", [id, salt]);
    this.timestamps.set(id, BigInt(this.world.chain.timestamp) + this.minDelay);
    return id;
  }

  executeBatch(calls: readonly Call[], salt: string): void {
    const id = Treasury.operationId(calls, salt);
    const ready = this.timestamps.get(id);
    if (ready === undefined || ready === 1n || ready > BigInt(this.world.chain.timestamp)) throw new Error(`operation ${id} is not ready`);
    calls.forEach((c, i) => {
      c.run();
      this.log("CallExecuted", [id, BigInt(i), c.target, c.value, c.data]);
    });
    this.timestamps.set(id, 1n);
  }
}
