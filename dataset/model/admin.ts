/**
 * The protocol's owner side: the Controller registry (SetContractInfo, pause), the Governor that owns
 * it (staged and executed updates), and the ServiceRegistry.
 */
import { CONTRACTS, keccakText } from "../addresses.ts";
import type { Call } from "./treasury.ts";
import type { World } from "./world.ts";

export type Update = { calls: Call[]; nonce: bigint };

export class Controller {
  readonly registry = new Map<string, { name: string; address: string; gitCommitHash: string }>();
  paused = true;

  constructor(private readonly world: World) {}

  setContractInfo(name: string, address: string, gitCommitHash: string): void {
    const id = keccakText(name);
    this.registry.set(id, { name, address, gitCommitHash });
    this.world.chain.log(CONTRACTS.Controller, "Controller", "SetContractInfo", [id, address, gitCommitHash]);
  }

  pause(): void {
    this.paused = true;
    this.world.chain.log(CONTRACTS.Controller, "Controller", "Pause", []);
  }

  unpause(): void {
    this.paused = false;
    this.world.chain.log(CONTRACTS.Controller, "Controller", "Unpause", []);
  }
}

export class Governor {
  private nonce = 0n;
  readonly staged = new Map<string, { update: Update; state: "Staged" | "Executed" | "Cancelled" }>();

  constructor(private readonly world: World) {}

  private tuple(update: Update) {
    return {
      target: update.calls.map((c) => c.target),
      value: update.calls.map((c) => c.value),
      data: update.calls.map((c) => c.data),
      nonce: update.nonce,
    };
  }

  stage(calls: Call[], delay: bigint): Update {
    const update = { calls, nonce: this.nonce++ };
    this.staged.set(String(update.nonce), { update, state: "Staged" });
    this.world.chain.log(CONTRACTS.Governor, "Governor", "UpdateStaged", [this.tuple(update), delay]);
    return update;
  }

  /** Runs each call (which emits its own logs), then UpdateExecuted. */
  execute(update: Update): void {
    for (const call of update.calls) call.run();
    this.staged.get(String(update.nonce))!.state = "Executed";
    this.world.chain.log(CONTRACTS.Governor, "Governor", "UpdateExecuted", [this.tuple(update)]);
  }

  cancel(update: Update): void {
    this.staged.get(String(update.nonce))!.state = "Cancelled";
    this.world.chain.log(CONTRACTS.Governor, "Governor", "UpdateCancelled", [this.tuple(update)]);
  }
}

export class ServiceRegistry {
  readonly uris = new Map<string, string>();

  constructor(private readonly world: World) {}

  setServiceURI(address: string, uri: string): void {
    this.uris.set(address, uri);
    this.world.chain.log(CONTRACTS.ServiceRegistry, "ServiceRegistry", "ServiceURIUpdate", [address, uri]);
  }
}
